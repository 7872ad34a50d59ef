#!/usr/bin/env python
"""Mesure de vitesse de l'extraction des caractéristiques (pas un test).

Dans une même exécution et sur les mêmes extraits, un cœur : la suite d'appels librosa
d'origine (écrite ci-dessous), puis les jeux `seed` et `rapide` de genre_classifier.
Affiche les médianes par extrait, les rapports de vitesse, l'écart relatif maximal par
famille de colonnes, puis une extrapolation à 1000 extraits sur 2 cœurs.

    python bench/extraction.py [--data DOSSIER] [--n 100] [--jobs 2] [--json sortie.json]

Sans --data : $GTZAN_DIR, sinon le jeu synthétique de démonstration.
"""
import os

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS"):
    os.environ.setdefault(var, "1")          # un cœur pour les mesures par extrait

import argparse
import json
import statistics
import time
from pathlib import Path

import librosa
import numpy as np
import pandas as pd

import genre_classifier as gc
from genre_classifier.audio import SR
from genre_classifier.data import gtzan_row_ids, resolve_data_dir
from genre_classifier.features import SEED_COLUMNS, column_family


def original_features(path):
    "La suite d'appels du projet d'origine, telle quelle (référence)."
    y, sr = librosa.load(path, sr=None)
    tempo, _ = librosa.beat.beat_track(y=y, sr=sr)
    mfcc = np.mean(librosa.feature.mfcc(y=y, sr=sr, n_mfcc=20), axis=1)
    chroma = np.mean(librosa.feature.chroma_stft(y=y, sr=sr), axis=1)
    contrast = np.mean(librosa.feature.spectral_contrast(y=y, sr=sr), axis=1)
    tonnetz = np.mean(librosa.feature.tonnetz(y=librosa.effects.harmonic(y), sr=sr), axis=1)
    mel = np.mean(librosa.feature.melspectrogram(y=y, sr=sr), axis=1)
    return np.concatenate([np.atleast_1d(tempo)[:1], mfcc, chroma, contrast, tonnetz, mel])


def ours(path, jeu):
    return gc.get_feature_set(jeu).compute(gc.load_audio(path), SR)


def timed(fn, *args):
    t0 = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - t0, out


def max_rel_by_family(values, ref):
    rel = np.abs(values - ref) / np.maximum(np.abs(ref), 1e-12)
    fams = [column_family(c) for c in SEED_COLUMNS]
    return {f: float(rel[:, [i for i, g in enumerate(fams) if g == f]].max()) for f in dict.fromkeys(fams)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.environ.get("GTZAN_DIR", ""), help="dossier des genres")
    ap.add_argument("--n", type=int, default=100, help="nombre d'extraits mesurés (défaut 100)")
    ap.add_argument("--jobs", type=int, default=2, help="processus pour l'extrapolation (défaut 2)")
    ap.add_argument("--seed-table", default=os.environ.get("SEED_FEATURES", ""), help="table d'origine pour comparer")
    ap.add_argument("--json", help="écrire les résultats dans ce fichier JSON")
    args = ap.parse_args()

    data, demo = resolve_data_dir(args.data)
    tracks = gc.scan_dataset(data, warn=False).tracks
    tracks = tracks.groupby("genre", group_keys=False).apply(lambda g: g.head(max(1, args.n // 10))).head(args.n)
    paths = list(tracks.path)
    print(f"{len(paths)} extraits de {data}" + (" (SYNTHÉTIQUES)" if demo else ""))

    # échauffement (compilation numba, caches de librosa) : non chronométré
    original_features(paths[0]); ours(paths[0], "seed"); ours(paths[0], "rapide")

    times = {"origine": [], "seed": [], "rapide": []}
    vals = {"origine": [], "seed": [], "rapide": []}
    for p in paths:
        for name, fn in (("origine", lambda q: original_features(q)), ("seed", lambda q: ours(q, "seed")),
                         ("rapide", lambda q: ours(q, "rapide"))):
            dt, v = timed(fn, p)
            times[name].append(dt); vals[name].append(v)
    med = {k: statistics.median(v) for k, v in times.items()}
    ref = np.stack(vals["origine"])
    print("\nTemps médian par extrait (1 cœur) :")
    for k in times:
        print(f"  {k:8s} {med[k]*1000:8.1f} ms   × {med['origine'] / med[k]:5.1f} plus rapide que l'origine")
    errors = {k: max_rel_by_family(np.stack(vals[k]), ref) for k in ("seed", "rapide")}
    print("\nÉcart relatif maximal par famille (comparé à la suite d'origine, même exécution) :")
    print(pd.DataFrame(errors).to_string(float_format=lambda x: f"{x:.1e}"))
    tempo_same = bool(np.all(np.stack(vals["seed"])[:, 0] == ref[:, 0]))
    print(f"  tempo identique (seed) : {tempo_same}")

    table_err = None
    if args.seed_table and not demo:
        table = pd.read_csv(args.seed_table)
        table.index = gtzan_row_ids(len(table))
        ids = [Path(p).stem for p in paths]
        keep = [i for i, t in enumerate(ids) if t in table.index]
        tref = table.loc[[ids[i] for i in keep], SEED_COLUMNS].to_numpy(float)
        table_err = max_rel_by_family(np.stack(vals["seed"])[keep], tref)
        print(f"\nÉcart relatif maximal du jeu seed avec la table d'origine ({len(keep)} extraits) : "
              f"{max(table_err.values()):.1e} ; tempo identique : {bool(np.all(np.stack(vals['seed'])[keep, 0] == tref[:, 0]))}")

    print(f"\nExtrapolation à 1000 extraits sur {args.jobs} cœurs :")
    extrap = {"origine": med["origine"] * 1000 / args.jobs}
    print(f"  origine  ≈ {extrap['origine'] / 60:5.1f} min (médiane 1 cœur × 1000 / {args.jobs}, parallélisme parfait supposé)")
    for jeu in ("seed", "rapide"):
        gc.extract_features(tracks.head(min(len(tracks), 2 * args.jobs)), feature_set=jeu, n_jobs=args.jobs, cache_dir=False, progress=False)
        dt, _ = timed(lambda: gc.extract_features(tracks, feature_set=jeu, n_jobs=args.jobs, cache_dir=False, progress=False))
        extrap[jeu] = dt / len(tracks) * 1000
        print(f"  {jeu:8s} ≈ {extrap[jeu] / 60:5.1f} min (mesuré : {len(tracks)} extraits en {dt:.1f} s avec extract_features)")

    if args.json:
        Path(args.json).write_text(json.dumps(dict(n=len(paths), median_s=med, ratio={k: med["origine"] / v for k, v in med.items()},
                                                   max_rel_error=errors, table_error=table_err, extrapolation_1000_s=extrap),
                                              indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
