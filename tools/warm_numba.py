"""Compile une fois, dans le cache désigné par $NUMBA_CACHE_DIR, les fonctions numba (de librosa et du paquet) qu'emploient
les jeux de caractéristiques classiques, puis celles que les notebooks appellent directement (appelé par tools/run_tests.sh).

Les recettes du paquet se protègent seules (`fastdsp.ensure_compiled` : une compilation, sous verrou, pour tous les
processus) ; les notebooks appellent aussi librosa directement (figures, suite d'appels d'origine) : ces fonctions-là sont
compilées ici, seules, avant que les notebooks ne tournent deux à la fois."""
import os
import sys
import time

from genre_classifier.data import resolve_data_dir, scan_dataset
from genre_classifier.extract import extract_features
from genre_classifier.fastdsp import ensure_compiled


def main() -> int:
    if not os.environ.get("NUMBA_CACHE_DIR"):
        print("définissez NUMBA_CACHE_DIR : le cache à remplir", file=sys.stderr); return 2
    root, _ = resolve_data_dir("")                                          # la démonstration synthétique : aucun fichier réel
    scan = scan_dataset(root, warn=False)
    t0 = time.perf_counter()
    ensure_compiled("genre_classifier.features:_numba_warmup"); ensure_compiled("genre_classifier.fastdsp:_warm_kernels")
    import librosa
    y, sr = librosa.load(scan.paths[0], sr=None)                            # la suite d'appels d'origine (01) et les figures (00, 01)
    librosa.beat.beat_track(y=y, sr=sr); librosa.feature.tonnetz(y=librosa.effects.harmonic(y), sr=sr)
    librosa.feature.spectral_contrast(y=y, sr=sr); librosa.feature.chroma_stft(y=y, sr=sr)
    for feature_set in ("seed", "rapide"): extract_features(scan.paths[:1], feature_set=feature_set, n_jobs=1, cache_dir=False, progress=False)
    print(f"caches numba remplis en {time.perf_counter() - t0:.0f} s ({os.environ['NUMBA_CACHE_DIR']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
