#!/usr/bin/env python
"""Mesure de vitesse des plongements musicnn (pas un test).

Dans une même exécution, sur les mêmes extraits, un cœur, réseau seul puis de bout en bout :
1. le portage direct en PyTorch (`musicnn_torch`), `MusicnnFast` (numpy), et ONNX Runtime (un fil) sur trois graphes :
   le graphe simple de l'issue 24 (`musicnn_msd_plain.onnx`, à côté de $MUSICNN_REFERENCE, ou --graphe), l'export du
   portage PyTorch (`torch.onnx.export`, si `onnx` est installé), et **notre graphe** (`musicnn_graph`, le moteur du
   paquet : `load_musicnn`) ; rapport moteur / graphe de l'issue (objectif : ≤ 1) ;
2. le décodage + 16 kHz + log-mel, compté à part, puis `extract --jeu musicnn` sur un processus et un fil, sans cache :
   le temps marginal par extrait de 30 s, décodage compris, comparé au réseau seul d'ONNX Runtime sur le graphe de
   l'issue (objectif : ≤ 1) ;
3. les écarts : moteur / MusicnnFast / PyTorch, et avec les sorties de référence si $MUSICNN_REFERENCE est donné ;
4. `extract_features(feature_set="musicnn")` sur tous les extraits avec --jobs processus, sans cache, extrapolé à 1000.

    python bench/plongements.py [--data DOSSIER ...] [--n 20] [--jobs 2] [--graphe musicnn_msd_plain.onnx] [--json sortie.json]

Sans --data : $GTZAN_DIR et $GTZAN_EXTRA_DIR, sinon le jeu synthétique de démonstration.
"""
import os

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS"):
    os.environ.setdefault(var, "1")          # un cœur pour les mesures par extrait

import argparse
import json
import statistics
import time
from pathlib import Path

import numpy as np

import genre_classifier as gc
from genre_classifier.data import resolve_data_dir
from genre_classifier.embeddings import (MUSICNN_MODELS, MUSICNN_OUTPUTS, MUSICNN_SR, MusicnnFast, load_musicnn, log_mel_patches,
                                         musicnn_torch, relative_error)


def onnx_session(net, x0):
    "Le portage direct exporté en ONNX et ouvert par ONNX Runtime sur un fil ; `None` si onnx/onnxruntime manquent."
    import importlib.util
    if not all(importlib.util.find_spec(m) for m in ("onnx", "onnxruntime")): return None      # (torch.onnx a besoin d'onnx)
    import tempfile, warnings, torch
    import onnxruntime as ort
    path = Path(tempfile.mkdtemp()) / "musicnn.onnx"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(net, (torch.from_numpy(x0),), str(path), dynamo=False, input_names=["x"], dynamic_axes={"x": {0: "n"}},
                          opset_version=17)
    so = ort.SessionOptions(); so.intra_op_num_threads = 1; so.inter_op_num_threads = 1
    return ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"])


def ort_file_session(path):
    "Un graphe ONNX sur disque ouvert par ONNX Runtime sur un fil."
    import onnxruntime as ort
    so = ort.SessionOptions(); so.intra_op_num_threads = 1; so.inter_op_num_threads = 1; so.log_severity_level = 3
    return ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"])


def timed(fn, X):
    "Durée d'un appel de `fn(X)` et son résultat."
    t = time.perf_counter(); out = fn(X); return time.perf_counter() - t, out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", nargs="*", default=[d for d in (os.environ.get("GTZAN_DIR"), os.environ.get("GTZAN_EXTRA_DIR")) if d],
                    help="dossier(s) des genres")
    ap.add_argument("--n", type=int, default=20, help="extraits pour la comparaison un cœur (défaut 20)")
    ap.add_argument("--jobs", type=int, default=2, help="processus pour l'extraction complète (défaut 2)")
    ref_dir = Path(os.environ["MUSICNN_REFERENCE"]).parent if os.environ.get("MUSICNN_REFERENCE") else None
    ap.add_argument("--graphe", default=str(ref_dir / "musicnn_msd_plain.onnx") if ref_dir else "", help="le graphe ONNX de l'issue 24")
    ap.add_argument("--json", help="écrire les résultats dans ce fichier JSON")
    args = ap.parse_args()
    import torch
    torch.set_num_threads(1)
    from threadpoolctl import threadpool_limits
    threadpool_limits(1)                                                       # le moteur prend autant de fils que BLAS : un

    roots, demo = ([Path(d) for d in args.data], False) if args.data else ((lambda r: ([r[0]], r[1]))(resolve_data_dir("")))
    tracks = gc.scan_dataset(roots, warn=False).tracks
    sample = tracks.groupby("genre", group_keys=False).head(max(1, args.n // 10)).head(args.n)
    print(f"{len(tracks)} extraits ({' + '.join(r.name for r in roots)})" + (" — SYNTHÉTIQUES" if demo else "")
          + f" ; comparaison un cœur sur {len(sample)}")

    net, fast, engine = musicnn_torch("msd"), MusicnnFast("msd"), load_musicnn("msd")
    x0 = log_mel_patches(gc.load_audio(sample.path.iloc[0], sr=MUSICNN_SR))
    def torch_run(X):
        with torch.no_grad(): return {k: v.numpy() for k, v in net(torch.from_numpy(X)).items()}
    runs = {"portage direct PyTorch": torch_run, "MusicnnFast (numpy)": fast, "moteur : ONNX Runtime, notre graphe": engine}
    if args.graphe and Path(args.graphe).exists():
        shared = ort_file_session(args.graphe)
        runs["ONNX Runtime, graphe de l'issue 24"] = lambda X: dict(zip([o.name for o in shared.get_outputs()], shared.run(None, {"x": X})))
    exported = onnx_session(net, x0)
    if exported is not None:
        runs["ONNX Runtime, export du portage PyTorch"] = lambda X: dict(zip(("taggram", "max_pool", "mean_pool", "penultimate"), exported.run(None, {"x": X})))
    for fn in runs.values(): fn(x0)                                            # échauffement (non chronométré)
    times, prep, errs = {k: [] for k in runs}, [], {k: [] for k in runs}
    for p in sample.path:
        dt, X = timed(lambda q: log_mel_patches(gc.load_audio(q, sr=MUSICNN_SR)), p)
        scale = 30.0 / (len(X) * 2.992)                                         # ramené à un extrait de 30 s (10 extraits de 3 s)
        prep.append(dt * scale)
        outs = {}
        for name, fn in runs.items():
            dt, outs[name] = timed(fn, X); times[name].append(dt * scale)
        for name, out in outs.items():
            errs[name].append(max(relative_error(out[k], outs["MusicnnFast (numpy)"][k]) for k in MUSICNN_OUTPUTS))
    med = {k: statistics.median(v) for k, v in times.items()}
    med_prep = statistics.median(prep)
    base = "ONNX Runtime, graphe de l'issue 24"
    print("\nRéseau seul, par extrait de 30 s, un cœur (médianes) :")
    for name, t in sorted(med.items(), key=lambda kv: kv[1]):
        ratio = f"   × {t / med[base]:.2f} du graphe de l'issue" if base in med else ""
        print(f"  {name:42s} {t * 1000:6.0f} ms{ratio}   (écart avec MusicnnFast {max(errs[name]):.1e})")
    print(f"  décodage + 16 kHz + log-mel                {med_prep * 1000:6.0f} ms")

    sub = tracks.head(min(len(tracks), 4 * args.n))
    gc.extract_features(sub.head(2), feature_set="musicnn", n_jobs=1, threads=1, cache_dir=False, progress=False)   # échauffement
    t0 = time.perf_counter()
    gc.extract_features(sub, feature_set="musicnn", n_jobs=1, threads=1, cache_dir=False, progress=False)
    marginal = (time.perf_counter() - t0) / len(sub)
    print(f"\nextract --jeu musicnn, un processus, un fil, sans cache : {marginal * 1000:.0f} ms par extrait de 30 s, décodage compris"
          + (f"   × {marginal / med[base]:.2f} du réseau seul d'ONNX Runtime sur le graphe de l'issue (objectif ≤ 1)" if base in med else ""))
    if base in med:
        print(f"moteur / graphe de l'issue (réseau seul) : × {med['moteur : ONNX Runtime, notre graphe'] / med[base]:.2f} (objectif ≤ 1)")

    ref_err = None
    ref_path = os.environ.get("MUSICNN_REFERENCE")
    if ref_path and not demo:
        ref = np.load(ref_path)
        by_id = tracks.set_index("track_id").path
        ref_err = 0.0
        for key in ref.files:
            tid, model, output = key.split("/")
            out = load_musicnn(model)(log_mel_patches(gc.load_audio(by_id[tid], sr=MUSICNN_SR)))
            ref_err = max(ref_err, relative_error(out[output], ref[key]))
        print(f"moteur contre la référence de musicnn ({len(ref.files)} sorties, {len(MUSICNN_MODELS)} modèles) : écart relatif max. {ref_err:.1e}")

    threadpool_limits(None)
    t0 = time.perf_counter()
    table = gc.extract_features(tracks, feature_set="musicnn", n_jobs=args.jobs, cache_dir=False, progress=False)
    wall = time.perf_counter() - t0
    per_1000 = wall / len(table) * 1000
    print(f"\nextract --jeu musicnn, {args.jobs} processus, sans cache : {len(table)} extraits en {wall:.0f} s "
          f"→ 1000 extraits ≈ {per_1000 / 60:.1f} min")

    if args.json:
        Path(args.json).write_text(json.dumps(dict(n_compared=len(sample), median_s_per_30s=med, preparation_s=med_prep,
                                                   extract_marginal_s=marginal, max_rel_error_vs_fast={k: max(v) for k, v in errs.items()},
                                                   max_rel_error_vs_reference=ref_err, extract_n=len(table), extract_wall_s=wall,
                                                   extract_1000_min=per_1000 / 60, jobs=args.jobs), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
