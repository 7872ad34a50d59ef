"""Ré-exécute les notebooks de nbs/ en place, sur les données réelles, pour que leurs sorties soient à jour (`make notebooks`).

    GTZAN_DIR=… GTZAN_SPLIT_DIR=… SEED_FEATURES=… GTZAN_EXTRA_DIR=… MUSICNN_REFERENCE=… python tools/execute_notebooks.py [NN …]

Chaque notebook est exécuté par papermill (toutes les cellules, les longues comprises) dans un fichier temporaire, qui ne
remplace l'original que s'il s'est exécuté sans erreur ; puis `nbdev_clean` retire les métadonnées d'exécution.
Sans GTZAN_DIR, refuse : les notebooks livrés montrent des données réelles, pas la démonstration synthétique."""
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NEEDED = ("GTZAN_DIR", "GTZAN_SPLIT_DIR", "SEED_FEATURES", "GTZAN_EXTRA_DIR", "MUSICNN_REFERENCE")


def main(prefixes: list[str]) -> int:
    import papermill as pm
    missing = [v for v in NEEDED if not os.environ.get(v)]
    if missing:
        print(f"make notebooks exécute les notebooks sur les données réelles : définissez {', '.join(missing)} "
              "(ou `make notebooks DONNEES=dossier` avec gtzan_mini/, gtzan_extra/, gtzan_split/, seed_features/, musicnn_reference/).",
              file=sys.stderr)
        return 2
    # les noyaux héritent de notre environnement : MPLBACKEND=Agg y remplacerait l'affichage en ligne et les figures disparaîtraient
    os.environ.pop("MPLBACKEND", None)
    nbs = Path(__file__).resolve().parent.parent / "nbs"
    notebooks = [p for p in sorted(nbs.glob("*.ipynb")) if not prefixes or any(p.name.startswith(x) for x in prefixes)]
    failed = []
    for nb in notebooks:
        t0 = time.perf_counter()
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / nb.name
            try:
                pm.execute_notebook(str(nb), str(out), cwd=str(nbs), kernel_name="python3", progress_bar=False, log_output=False,
                                    extra_arguments=["--IPKernelApp.log_level=CRITICAL"])
            except Exception as e:
                failed.append(nb.name); print(f"ÉCHEC  {nb.name} ({time.perf_counter() - t0:.0f} s) : {str(e).strip().splitlines()[-1][:300]}"); continue
            nb.write_bytes(out.read_bytes())
        print(f"exécuté {nb.name} ({time.perf_counter() - t0:.0f} s)", flush=True)
    subprocess.run(["nbdev_clean"], cwd=nbs.parent, check=False)
    if failed: print(f"{len(failed)} notebook(s) en échec, laissés tels quels : {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
