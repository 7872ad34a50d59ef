"""Fabrique les tables de `data/` à partir d'un dossier de données réelles rangé comme `../shared/data` (`make donnees`).

    python tools/donnees.py DOSSIER [--jobs 2]

Écrit, sans jamais copier d'audio :
- `data/seed_999.csv.gz` : la table de 174 caractéristiques du projet d'origine (999 morceaux de GTZAN), avec ses identifiants ;
- `data/gtzan235_seed.csv.gz`, `data/gtzan235_musicnn.csv.gz` : les jeux `seed` et `musicnn` (par morceau) des 235 extraits
  réels de `gtzan_mini` + `gtzan_extra` ;
- `data/gtzan235_musicnn_extraits.csv.gz` : le jeu `musicnn` par extrait de 3 s (float32, 10 lignes par morceau) ;
- `data/gtzan_split/` : les listes train/valid/test de la partition filtrée par artiste.
Chaque table est un CSV ordinaire (compressé) accompagné de sa fiche (`<table>.json` : jeu, segments, versions), écrits par
`genre_classifier.write_table` ; les nombres sont écrits sans perte (float64 au plus court qui se relit à l'identique, float32 à 9
chiffres) ; la compression est reproductible (gzip sans date)."""
import argparse
import gzip
import shutil
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent


def main(argv=None) -> int:
    from genre_classifier.data import gtzan_row_ids, scan_dataset
    from genre_classifier.extract import extract_features
    from genre_classifier.tables import FeatureTable, write_table
    ap = argparse.ArgumentParser(description="Fabrique les tables de data/ (make donnees).")
    ap.add_argument("dossier", help="dossier rangé comme ../shared/data (gtzan_mini, gtzan_extra, gtzan_split, seed_features)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--sortie", default=str(ROOT / "data"))
    a = ap.parse_args(argv)
    src, out = Path(a.dossier), Path(a.sortie)
    seed = pd.read_csv(src / "seed_features" / "features-complet.csv")
    seed.index = pd.Index(gtzan_row_ids(len(seed)), name="track_id")
    seed = FeatureTable(seed[["label"] + [c for c in seed.columns if c != "label"]], "seed")
    print(write_table(seed, out / "seed_999.csv.gz"), len(seed), file=sys.stderr)
    tracks = scan_dataset([src / "gtzan_mini", src / "gtzan_extra"], warn=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for feature_set, seg, name, fmt in (("seed", None, "gtzan235_seed", None), ("musicnn", None, "gtzan235_musicnn", None),
                                            ("musicnn", 3, "gtzan235_musicnn_extraits", "%.9g")):
            t = extract_features(tracks, feature_set=feature_set, segment_s=seg, n_jobs=a.jobs, progress=False)
            if seg: t.frame = pd.concat([t.frame[["label"]], t.X.astype(np.float32)], axis=1)
            t.meta = {}                                        # (les tables livrées ne gardent pas la liste des fichiers sautés : aucun)
            print(write_table(t, out / f"{name}.csv.gz", fmt), t.frame.shape, file=sys.stderr)
    (out / "gtzan_split").mkdir(parents=True, exist_ok=True)
    for part in ("train", "valid", "test"): shutil.copyfile(src / "gtzan_split" / f"{part}.txt", out / "gtzan_split" / f"{part}.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
