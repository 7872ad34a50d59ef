"""Refait les deux modèles livrés à partir des tables de `data/` seules (`make modeles`), de façon déterministe.

    python tools/modeles.py [--verifier]

- `defaut` : le modèle recommandé pour le jeu `musicnn` (`linear`) sur `data/gtzan235_musicnn.csv.gz` (235 extraits réels),
  évalué d'abord en validation croisée et sur la liste `valid` de `data/gtzan_split` ;
- `seed` : le vote sur `data/seed_999.csv.gz` (la table de 174 caractéristiques du projet d'origine, 999 morceaux), évalué
  d'abord en validation croisée et sur la partition filtrée par artiste.
Avant d'écrire, compare les probabilités du modèle refait à celles du fichier livré, sur toutes les lignes de sa table :
l'écart maximal doit rester sous `--tolerance` (1e-6 ; sortie 1 sinon). Avec `--verifier`, compare sans rien écrire.
Sur la même machine, deux exécutions donnent les mêmes modèles. D'une machine à l'autre, le gradient boosting du vote
`seed` peut différer de ~1e-4 (sommes flottantes vectorisées selon le processeur) : l'écart est alors affiché."""
import argparse
import sys
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
RECIPES = {"defaut": ("gtzan235_musicnn.csv.gz", "gtzan_mini + gtzan_extra"), "seed": ("seed_999.csv.gz", "features-complet.csv")}


def main(argv=None) -> int:
    from genre_classifier.bundle import default_bundle_location, load_bundle, save_bundle, train_bundle
    from genre_classifier.tables import read_table
    ap = argparse.ArgumentParser(description="Refait les modèles livrés à partir de data/ (make modeles).")
    ap.add_argument("--verifier", action="store_true", help="comparer aux modèles livrés sans les remplacer")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--tolerance", type=float, default=1e-6, help="écart maximal accepté avec les modèles livrés (défaut : 1e-6)")
    a = ap.parse_args(argv)
    data, worst = ROOT / "data", 0.0
    for name, (table_name, source) in RECIPES.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            table = read_table(data / table_name)
            bundle = train_bundle(table, source=source, split_dir=data / "gtzan_split", n_jobs=a.jobs)
        bundle.card["how_to_retrain"] = (f"make modeles (tools/modeles.py) : à partir de data/{table_name} et data/gtzan_split ; "
                                         "ou genre-classifier train TABLE.csv -o modele.gcmodel")
        X = table.X
        shipped = default_bundle_location(name)
        diff = float(np.abs(load_bundle(shipped).predict_proba(X.to_numpy()) - bundle.pipeline.predict_proba(X)).max()) if shipped.exists() else 0.0
        worst = max(worst, diff)
        evals = " ; ".join(f"{e['text']} ({e['protocol']})" for e in bundle.card.get("evaluation", []))
        print(f"{name} : {bundle.card['model']} sur {bundle.feature_set}, {len(table)} lignes de data/{table_name} — {evals} — "
              f"écart maximal avec le modèle livré : {diff:.1e}", file=sys.stderr)
        if not a.verifier: save_bundle(bundle, shipped)
    return 0 if worst <= a.tolerance else 1


if __name__ == "__main__":
    sys.exit(main())
