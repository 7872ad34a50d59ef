"""Compare les tableaux d'exactitude de deux rapports (`genre-classifier rapport`) : identiques aux durées près ?

    python tools/compare_reports.py reports/20261125-120000 reports/20261125-123000

Sortie 0 si tout est identique, 1 sinon (les différences sont affichées)."""
import json
import sys
from pathlib import Path

import pandas as pd

TIMINGS = {"durée_s", "fit_s", "duration_s", "results_csv"}

def _csv(d: Path, name: str):
    p = d / name
    return pd.read_csv(p).drop(columns=[c for c in TIMINGS if c in pd.read_csv(p, nrows=0).columns]) if p.exists() else None

def _json(d: Path, name: str):
    p = d / name
    return {k: v for k, v in json.loads(p.read_text()).items() if k not in TIMINGS} if p.exists() else None

def compare(a: Path, b: Path) -> bool:
    ok = True
    for name in ("resultats_modeles.csv", "optimisation_resultats.csv"):
        x, y = _csv(a, name), _csv(b, name)
        same = (x is None and y is None) or (x is not None and y is not None and x.equals(y))
        print(f"{name} : {'identiques' if same else 'DIFFÉRENTS'}" + ("" if x is not None else " (absents)")); ok &= same
    for name in ("optimisation_resume.json", "optimisation_filtre.json"):
        x, y = _json(a, name), _json(b, name)
        same = x == y
        print(f"{name} : {'identiques' if same else 'DIFFÉRENTS'}" + ("" if x is not None else " (absents)")); ok &= same
        if not same and x and y: print("  ", {k: (x.get(k), y.get(k)) for k in set(x) | set(y) if x.get(k) != y.get(k)})
    return ok

if __name__ == "__main__":
    if len(sys.argv) != 3: sys.exit(__doc__)
    a, b = Path(sys.argv[1]), Path(sys.argv[2])
    for d in (a, b):
        if not d.is_dir(): sys.exit(f"Dossier de rapport introuvable : « {d} ».")
    sys.exit(0 if compare(a, b) else 1)
