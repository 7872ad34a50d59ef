#!/usr/bin/env python
"""Mesure de vitesse et de mémoire de `genre-classifier predict` (pas un test).

1. premier appel dans un nouveau processus, caches vides (dossier temporaire) : le prix des compilations numba ;
2. premier appel dans un nouveau processus, caches remplis (le cas normal après la première utilisation) ;
3. dans un même processus déjà chaud : temps par fichier de 30 s ;
4. un fichier de 10 minutes (extraits mis bout à bout, flac stéréo à 44,1 kHz) : durée et pic de mémoire du processus.

    python bench/prediction.py [--data DOSSIER] [--n 10] [--modele defaut|seed|FICHIER.gcmodel] [--json sortie.json]

Sans --data : $GTZAN_DIR, sinon le jeu synthétique de démonstration.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from genre_classifier.data import resolve_data_dir, scan_dataset

# pic de mémoire du processus lui-même : VmHWM (ru_maxrss, lui, garde celui du parent au moment du fork)
CHILD = ("import sys, json; from genre_classifier.cli import main; code = main(sys.argv[1:]); "
         "hwm = int(open('/proc/self/status').read().split('VmHWM:')[1].split()[0]) / 1024; "
         "print(json.dumps({'pic_mo': hwm}), file=sys.stderr); sys.exit(code)")


def run_cli(args, env):
    "Lance `genre-classifier ARGS` dans un nouveau processus ; renvoie (durée, première ligne de sortie, pic de mémoire en Mo)."
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", CHILD, *args], env=env, capture_output=True, text=True)
    dt = time.perf_counter() - t0
    if r.returncode != 0: raise SystemExit(f"échec de la prédiction : {r.stderr[-500:]}")
    peak = json.loads(r.stderr.strip().splitlines()[-1])["pic_mo"]
    return dt, r.stdout.strip().splitlines()[0], peak


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.environ.get("GTZAN_DIR", ""), help="dossier des genres")
    ap.add_argument("--n", type=int, default=10, help="fichiers pour la mesure à chaud (défaut 10)")
    ap.add_argument("--modele", default="defaut", help="modèle (défaut : le modèle livré par défaut)")
    ap.add_argument("--json", help="écrire les résultats dans ce fichier JSON")
    args = ap.parse_args()
    data, demo = resolve_data_dir(args.data)
    tracks = scan_dataset(data, warn=False).tracks
    clip = tracks.path.iloc[0]
    print(f"extrait : {Path(clip).name}, modèle : {args.modele}" + (" (DONNÉES SYNTHÉTIQUES)" if demo else ""))
    res = {}

    tmp = Path(tempfile.mkdtemp())
    env = dict(os.environ, NUMBA_CACHE_DIR=str(tmp / "numba"), GENRE_CLASSIFIER_CACHE=str(tmp / "cache"))
    res["nouveau_processus_caches_vides_s"], out, _ = run_cli(["predict", clip, "--modele", args.modele], env)
    print(f"1. nouveau processus, caches vides       : {res['nouveau_processus_caches_vides_s']:6.1f} s   ({out})")
    res["nouveau_processus_s"] = statistics.median(run_cli(["predict", clip, "--modele", args.modele], env)[0] for _ in range(3))
    print(f"2. nouveau processus, caches remplis     : {res['nouveau_processus_s']:6.1f} s   (médiane de 3)")

    from genre_classifier.features import load_audio
    from genre_classifier.predict import load_bundle, predict_file
    import numpy as np, soundfile as sf, librosa
    bundle = load_bundle(args.modele)
    predict_file(clip, bundle)                                   # échauffement
    files = list(tracks.groupby("genre").head(max(1, args.n // 10)).path)[: args.n]
    times = []
    for f in files:
        t0 = time.perf_counter(); predict_file(f, bundle); times.append(time.perf_counter() - t0)
    res["processus_chaud_s_par_fichier"] = statistics.median(times)
    print(f"3. processus chaud, par fichier de 30 s  : {res['processus_chaud_s_par_fichier']:6.2f} s   (médiane sur {len(files)} fichiers)")

    clips = [load_audio(p) for p in tracks.groupby("genre").head(2).path.iloc[:20]]
    y = np.concatenate(clips)[: 600 * 22050]
    y44 = librosa.resample(y, orig_sr=22050, target_sr=44100)
    long = tmp / "dix_minutes.flac"
    sf.write(long, np.stack([y44, 0.9 * y44], axis=1), 44100)
    dt, out, peak = run_cli(["predict", str(long), "--modele", args.modele], env)
    res.update(dix_minutes_s=dt, dix_minutes_pic_mo=peak, dix_minutes_duree_audio_s=len(y) / 22050)
    print(f"4. fichier de {len(y) / 22050 / 60:.0f} min (flac stéréo 44,1 kHz), nouveau processus : {dt:5.1f} s, "
          f"pic de mémoire {peak:.0f} Mo   ({out})")
    shutil.rmtree(tmp, ignore_errors=True)
    if args.json: Path(args.json).write_text(json.dumps(res, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
