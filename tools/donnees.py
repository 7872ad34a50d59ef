"""Fabrique les tables de `data/` à partir d'un dossier de données réelles rangé comme `../shared/data` (`make donnees`).

    python tools/donnees.py DOSSIER [--jobs 2]

Écrit, sans jamais copier d'audio :
- `data/seed_999.csv.gz` : la table de 174 caractéristiques du projet d'origine (999 morceaux de GTZAN), avec ses identifiants ;
- `data/gtzan235_seed.csv.gz`, `data/gtzan235_musicnn.csv.gz` : les jeux `seed` et `musicnn` (par morceau) des 235 extraits
  réels de `gtzan_mini` + `gtzan_extra` ;
- `data/gtzan235_musicnn_extraits.csv.gz` : le jeu `musicnn` par extrait de 3 s (float32, 10 lignes par morceau) ;
- `data/gtzan_split/` : les listes train/valid/test de la partition filtrée par artiste.
Chaque table porte sa ligne `# genre_classifier jeu=…` ; les nombres sont écrits sans perte (float64 au plus court qui se relit à l'identique,
float32 à 9 chiffres) ; la compression est reproductible (gzip sans date)."""
import argparse
import gzip
import shutil
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent


def write_table(table: pd.DataFrame, path: Path, float_format: str) -> Path:
    "La table (avec sa ligne de jeu) en CSV compressé, octet pour octet reproductible."
    from genre_classifier.features import CSV_MARK
    from genre_classifier.provenance import atomic_write, package_version
    head = f"{CSV_MARK} jeu={table.attrs['jeu']} version={package_version()}\n"
    text = head + table.reset_index().to_csv(index=False, float_format=float_format, lineterminator="\n")
    return atomic_write(path, gzip.compress(text.encode(), compresslevel=9, mtime=0))


def main(argv=None) -> int:
    from genre_classifier.data import gtzan_row_ids, scan_dataset
    from genre_classifier.features import extract_features
    ap = argparse.ArgumentParser(description="Fabrique les tables de data/ (make donnees).")
    ap.add_argument("dossier", help="dossier rangé comme ../shared/data (gtzan_mini, gtzan_extra, gtzan_split, seed_features)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--sortie", default=str(ROOT / "data"))
    a = ap.parse_args(argv)
    src, out = Path(a.dossier), Path(a.sortie)
    seed = pd.read_csv(src / "seed_features" / "features-complet.csv")
    seed.index = pd.Index(gtzan_row_ids(len(seed)), name="track_id")
    seed = seed[["label"] + [c for c in seed.columns if c != "label"]].copy()
    seed.attrs["jeu"] = "seed"
    print(write_table(seed, out / "seed_999.csv.gz", None), len(seed), file=sys.stderr)
    tracks = scan_dataset([src / "gtzan_mini", src / "gtzan_extra"], warn=False).tracks
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for jeu, seg, name, fmt in (("seed", None, "gtzan235_seed", None), ("musicnn", None, "gtzan235_musicnn", None),
                                    ("musicnn", 3, "gtzan235_musicnn_extraits", "%.9g")):
            t = extract_features(tracks, jeu=jeu, segment_s=seg, n_jobs=a.jobs, progress=False)
            t.attrs = {"jeu": t.attrs["jeu"]}                  # (les fichiers sautés, un DataFrame, gêneraient les copies de pandas)
            if seg: t = t.astype({c: np.float32 for c in t.columns if c != "label"})
            print(write_table(t, out / f"{name}.csv.gz", fmt), t.shape, file=sys.stderr)
    (out / "gtzan_split").mkdir(parents=True, exist_ok=True)
    for part in ("train", "valid", "test"): shutil.copyfile(src / "gtzan_split" / f"{part}.txt", out / "gtzan_split" / f"{part}.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
