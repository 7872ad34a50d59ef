"""Compile une fois, dans un seul processus, les fonctions numba (de librosa et du paquet) qu'emploient les jeux de
caractéristiques classiques, dans le cache désigné par $NUMBA_CACHE_DIR (appelé par tools/run_tests.sh).

Deux processus qui compilent la même fonction en même temps écrivent le même index de cache : l'un peut ensuite charger
le code compilé pour une autre signature et s'arrêter sur une erreur de segmentation. Compiler d'abord ici, seul, évite
cette course aux processus lancés ensuite en parallèle."""
import os
import sys
import time

from genre_classifier.data import resolve_data_dir, scan_dataset
from genre_classifier.features import FEATURE_SETS, extract_features


def main() -> int:
    if not os.environ.get("NUMBA_CACHE_DIR"):
        print("définissez NUMBA_CACHE_DIR : le cache à remplir", file=sys.stderr); return 2
    root, _ = resolve_data_dir("")                                          # la démonstration synthétique : aucun fichier réel
    tracks = scan_dataset(root, warn=False).tracks.head(1)
    t0 = time.perf_counter()
    for jeu in ("seed", "rapide"):
        if jeu in FEATURE_SETS: extract_features(tracks, jeu=jeu, n_jobs=1, cache_dir=False, progress=False)
    print(f"caches numba remplis en {time.perf_counter() - t0:.0f} s ({os.environ['NUMBA_CACHE_DIR']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
