"""Vérifie que les notebooks de nbs/ portent leurs sorties, et des sorties propres (appelé par `make test`).

    python tools/check_notebooks.py [nbs]

Pour chaque notebook : il a été exécuté (des sorties, dans au moins la moitié des cellules qui affichent quelque chose
d'ordinaire) ; aucune cellule en erreur ; aucun chemin absolu de machine (/work, /tmp, /root, /home…) ; aucun
avertissement ni sortie de widgets (ipywidgets, TqdmWarning), sauf dans une cellule marquée `page` (la page à essayer) ; un notebook qui appelle une fonction de tracé montre au moins une figure
(sinon son noyau tournait avec MPLBACKEND=Agg, qui fait taire l'affichage en ligne) ; chaque figure PNG fait moins de 400 Ko ;
aucune cellule exportée (`#| export`) ne dépasse ~40 lignes (45 au plus) (une définition, ou un petit groupe, par cellule, comme dans les
notebooks de nbdev) ; nbs/ fait moins de 10 Mo.
Sortie 0 si tout va bien, 1 sinon."""
import base64
import json
import re
import sys
from pathlib import Path

ABSOLUTE = re.compile(r"(?<![\w.])/(?:work|tmp|root|home|Users|var/folders|private)/[\w.\-/]*")
WIDGETS = ("IProgress not found", "TqdmWarning", "ipywidgets", "application/vnd.jupyter.widget-view+json")
MAX_PNG, MAX_TOTAL, MAX_EXPORT_LINES = 400_000, 10_000_000, 45     # « ~40 lignes » : 45 au plus
DRAWS = re.compile(r"\bplt\.|\bplot_\w+\(|\.plot\(")          # une cellule qui dessine


def output_texts(o) -> list[str]:
    if o.get("output_type") == "stream": return ["".join(o.get("text", ""))]
    if o.get("output_type") == "error": return ["\n".join(o.get("traceback", []))]
    data = o.get("data", {})
    return ["".join(v) if isinstance(v, list) else str(v) for k, v in data.items() if k.startswith("text/") or k == "application/json"]


def check(nb_path: Path) -> list[str]:
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    problems, code_cells, with_outputs, draws, images = [], 0, 0, False, 0
    for i, c in enumerate(nb["cells"]):
        if c["cell_type"] != "code": continue
        src = "".join(c["source"])
        if src.lstrip().startswith(("#| export", "#| exporti")) and len(src.splitlines()) > MAX_EXPORT_LINES:
            problems.append(f"cellule {i} : cellule exportée de {len(src.splitlines())} lignes (plus de {MAX_EXPORT_LINES}) : coupez-la")
        visible = src.strip() and not src.lstrip().startswith(("#| export", "#| hide", "#| default_exp")) and "tags" not in c.get("metadata", {})
        code_cells += bool(visible); with_outputs += bool(visible and c.get("outputs"))
        draws = draws or bool(DRAWS.search(src))
        images += sum("image/png" in o.get("data", {}) for o in c.get("outputs", []))
        for o in c.get("outputs", []):
            if o.get("output_type") == "error": problems.append(f"cellule {i} : erreur {o.get('ename')} : {o.get('evalue', '')[:100]}")
            page = "page" in c.get("metadata", {}).get("tags", [])          # une page à essayer (07d_essayer) : ses widgets sont là pour ça
            if any(w in o.get("data", {}) for w in WIDGETS) and not page: problems.append(f"cellule {i} : sortie de widget")
            for text in output_texts(o):
                if m := ABSOLUTE.search(text): problems.append(f"cellule {i} : chemin absolu « {m.group(0)[:80]} »")
                if any(w in text for w in WIDGETS[:2]): problems.append(f"cellule {i} : avertissement de widgets")
            png = o.get("data", {}).get("image/png")
            if png and len(base64.b64decode("".join(png))) > MAX_PNG: problems.append(f"cellule {i} : figure PNG de {len(base64.b64decode(''.join(png))) // 1000} Ko")
    if code_cells and with_outputs < code_cells / 2:
        problems.append(f"seulement {with_outputs} cellules sur {code_cells} ont des sorties : exécutez-le (make notebooks)")
    if draws and not images:
        problems.append("appelle des fonctions de tracé mais ne montre aucune figure : ré-exécutez-le sans MPLBACKEND=Agg (make notebooks)")
    return problems


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "nbs")
    problems = [f"{p.name} : {x}" for p in sorted(folder.glob("*.ipynb")) for x in check(p)]
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    if total > MAX_TOTAL: problems.append(f"{folder} fait {total / 1e6:.1f} Mo (plus de {MAX_TOTAL / 1e6:.0f} Mo)")
    for p in problems: print("PROBLÈME :", p)
    n_img = sum(sum("image/png" in o.get("data", {}) for c in json.loads(p.read_text(encoding="utf-8"))["cells"] for o in c.get("outputs", []))
                for p in folder.glob("*.ipynb"))
    print(f"{len(list(folder.glob('*.ipynb')))} notebooks, {n_img} figures, {total / 1e6:.1f} Mo : " + ("sorties propres" if not problems else f"{len(problems)} problème(s)"))
    sys.exit(1 if problems else 0)
