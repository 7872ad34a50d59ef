#!/usr/bin/env python
"""Mesure de vitesse de `genre-classifier predict` (pas un test).

1. premier appel dans un nouveau processus, cache numba vide (dossier temporaire) : le prix de la compilation ;
2. premier appel dans un nouveau processus, cache numba rempli (le cas normal après la première utilisation) ;
3. dans un même processus déjà chaud : temps par fichier de 30 s.

    python bench/prediction.py [--data DOSSIER] [--n 10]

Sans --data : $GTZAN_DIR, sinon le jeu synthétique de démonstration.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from genre_classifier.data import resolve_data_dir, scan_dataset


def run_cli(args, env):
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", "import sys; from genre_classifier.cli import main; sys.exit(main(sys.argv[1:]))", *args],
                       env=env, capture_output=True, text=True)
    dt = time.perf_counter() - t0
    if r.returncode != 0:
        raise SystemExit(f"échec de la prédiction : {r.stderr[-500:]}")
    return dt, r.stdout.strip()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.environ.get("GTZAN_DIR", ""), help="dossier des genres")
    ap.add_argument("--n", type=int, default=10, help="fichiers pour la mesure à chaud (défaut 10)")
    args = ap.parse_args()
    data, demo = resolve_data_dir(args.data)
    tracks = scan_dataset(data, warn=False).tracks
    clip = tracks.path.iloc[0]
    print(f"extrait : {clip}" + (" (SYNTHÉTIQUE)" if demo else ""))

    tmp = Path(tempfile.mkdtemp())
    env = dict(os.environ, NUMBA_CACHE_DIR=str(tmp / "numba"), GENRE_CLASSIFIER_CACHE=str(tmp / "cache"))
    cold, out = run_cli(["predict", clip], env)
    print(f"1. nouveau processus, caches vides       : {cold:6.1f} s   ({out.splitlines()[0]})")
    warm_cache = [run_cli(["predict", clip], env)[0] for _ in range(3)]
    print(f"2. nouveau processus, caches remplis     : {statistics.median(warm_cache):6.1f} s   (médiane de 3)")
    shutil.rmtree(tmp, ignore_errors=True)

    from genre_classifier.predict import load_bundle, predict_file
    bundle = load_bundle()
    predict_file(clip, bundle)                                   # échauffement
    files = list(tracks.groupby("genre").head(max(1, args.n // 10)).path)[: args.n]
    times = []
    for f in files:
        t0 = time.perf_counter(); predict_file(f, bundle); times.append(time.perf_counter() - t0)
    print(f"3. processus chaud, par fichier de 30 s  : {statistics.median(times):6.2f} s   (médiane sur {len(files)} fichiers)")


if __name__ == "__main__":
    main()
