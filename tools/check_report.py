"""Vérifie un rapport de `genre-classifier rapport` (appelé par la CI après `make rapport`).

    python tools/check_report.py reports            # le rapport le plus récent de ce dossier
    python tools/check_report.py reports/20261126-101500

1. manifest.json : statut « réussi », chaque étape « réussi » (ou « sauté », avec sa raison), le mode dit ; en mode rapide
   (celui de `make rapport`), 10 minutes au plus en tout (la promesse du README, sur 2 cœurs) ;
2. chaque notebook exécuté : aucune cellule en erreur ; chaque étape réussie a sa page HTML ;
3. index.html ouverte dans un vrai navigateur (Chromium sans écran) : le titre, les sections, et chaque lien
   de la page mène à un fichier du rapport que le navigateur ouvre.

Sortie 0 si tout va bien, 1 sinon (chaque problème est affiché)."""
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--allow-file-access-from-files"]


def chromium() -> str | None:
    return next((shutil.which(c) for c in ("chromium", "chromium-browser", "google-chrome") if shutil.which(c)), None)


def dump_dom(browser: str, page: Path) -> str:
    "Le DOM de `page` tel que Chromium l'a chargé."
    with tempfile.TemporaryDirectory() as profile:
        r = subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.resolve().as_uri()],
                           capture_output=True, text=True, timeout=120)
    return r.stdout


def check(run: Path) -> list[str]:
    problems = []
    manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    if manifest.get("status") != "réussi": problems.append(f"statut du rapport : {manifest.get('status')}")
    if manifest.get("mode") not in ("rapide", "complet"): problems.append(f"mode du rapport non dit : {manifest.get('mode')}")
    total = sum(e.get("duration_s", 0) for e in manifest.get("notebooks", []))
    if manifest.get("mode") == "rapide" and total > 600: problems.append(f"mode rapide en {total:.0f} s : plus des 10 minutes promises")
    for e in manifest.get("notebooks", []):
        if e.get("status") == "sauté":
            if not e.get("reason"): problems.append(f"{e['notebook']} sauté sans raison")
            continue
        if e.get("status") != "réussi": problems.append(f"{e['notebook']} : statut {e.get('status')}")
        if not (run / e.get("html", "absent.html")).exists(): problems.append(f"{e['notebook']} : page HTML absente")
        nb = json.loads((run / e["notebook"]).read_text(encoding="utf-8"))
        errors = [o for c in nb["cells"] for o in c.get("outputs", []) if o.get("output_type") == "error"]
        if errors: problems.append(f"{e['notebook']} : {len(errors)} cellule(s) en erreur ({errors[0].get('ename')})")
    index = run / "index.html"
    if not index.exists(): return problems + ["index.html absente"]
    browser = chromium()
    if browser is None: return problems + ["Chromium introuvable : installez le paquet Debian « chromium » pour vérifier index.html"]
    dom = dump_dom(browser, index)
    for needed in ("Rapport genre_classifier", f"Mode <b>{manifest.get('mode')}</b>", "Données", "Résultats", "Le modèle livré par défaut", "Les étapes", "Refaire ce rapport"):
        if needed not in dom: problems.append(f"index.html (vue par Chromium) : « {needed} » absent")
    links = re.findall(r'<a [^>]*href="([^"]+)"', dom)
    stages = [e for e in manifest.get("notebooks", []) if e.get("status") == "réussi"]
    if len([l for l in links if l.endswith(".html")]) < len(stages): problems.append(f"index.html : {len(links)} liens pour {len(stages)} étapes réussies")
    for link in links:
        target = run / link
        if "://" in link or not target.exists(): problems.append(f"index.html : le lien « {link} » ne mène à aucun fichier du rapport"); continue
        if target.suffix == ".html" and "<body" not in dump_dom(browser, target): problems.append(f"{link} : Chromium ne l'ouvre pas")
    print(f"{run.name} : mode {manifest.get('mode')}, {len(manifest.get('notebooks', []))} étapes en {total:.0f} s, "
          f"{len(links)} liens vérifiés dans Chromium")
    return problems


if __name__ == "__main__":
    if len(sys.argv) != 2: sys.exit(__doc__)
    root = Path(sys.argv[1])
    runs = [root] if (root / "manifest.json").exists() else sorted(p for p in root.iterdir() if (p / "manifest.json").exists())
    if not runs: sys.exit(f"Aucun rapport dans « {root} ».")
    problems = check(runs[-1])
    for p in problems: print("PROBLÈME :", p)
    print("rapport vérifié : tout va bien" if not problems else f"{len(problems)} problème(s)")
    sys.exit(1 if problems else 0)
