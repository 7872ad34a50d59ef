#!/usr/bin/env python
"""Mesure de vitesse des plongements musicnn (pas un test).

Dans une même exécution, sur les mêmes extraits, un cœur :
1. le portage direct en PyTorch (couches nn.Conv2d, `musicnn_torch`), puis `MusicnnFast`, sur les mêmes extraits log-mel ;
   et, si `onnx` et `onnxruntime` sont installés (dépendances de développement), le même graphe simple exporté en ONNX
   (`torch.onnx.export`, rien n'est téléchargé) et exécuté par ONNX Runtime sur un fil : la référence de l'issue 18 ;
   avec le temps de décodage + rééchantillonnage + spectrogramme, compté à part puis ajouté (par extrait de 30 s) ;
2. l'écart entre les deux, et avec les sorties de référence si $MUSICNN_REFERENCE est donné ;
3. `extract_features(jeu="musicnn")` sur tous les extraits avec --jobs processus, sans cache, extrapolé à 1000 extraits.

    python bench/plongements.py [--data DOSSIER ...] [--n 20] [--jobs 2] [--json sortie.json]

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

from genre_classifier.data import resolve_data_dir, scan_dataset
from genre_classifier.embeddings import (MUSICNN_MODELS, MUSICNN_SR, load_musicnn, log_mel_patches, musicnn_torch,
                                         relative_error)
from genre_classifier.features import extract_features, load_audio


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


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", nargs="*", default=[d for d in (os.environ.get("GTZAN_DIR"), os.environ.get("GTZAN_EXTRA_DIR")) if d],
                    help="dossier(s) des genres")
    ap.add_argument("--n", type=int, default=20, help="extraits pour la comparaison un cœur (défaut 20)")
    ap.add_argument("--jobs", type=int, default=2, help="processus pour l'extraction complète (défaut 2)")
    ap.add_argument("--json", help="écrire les résultats dans ce fichier JSON")
    args = ap.parse_args()
    import torch
    torch.set_num_threads(1)

    roots, demo = ([Path(d) for d in args.data], False) if args.data else ((lambda r: ([r[0]], r[1]))(resolve_data_dir("")))
    tracks = scan_dataset(roots, warn=False).tracks
    sample = tracks.groupby("genre", group_keys=False).head(max(1, args.n // 10)).head(args.n)
    print(f"{len(tracks)} extraits ({' + '.join(r.name for r in roots)})" + (" — SYNTHÉTIQUES" if demo else "")
          + f" ; comparaison un cœur sur {len(sample)}")

    net, fast = musicnn_torch("msd"), load_musicnn("msd")
    x0 = log_mel_patches(load_audio(sample.path.iloc[0], sr=MUSICNN_SR))       # échauffement (non chronométré)
    with torch.no_grad(): net(torch.from_numpy(x0))
    fast(x0)
    sess = onnx_session(net, x0)
    if sess is not None: sess.run(None, {"x": x0})
    t_prep, t_torch, t_fast, t_ort, errs = [], [], [], [], []
    for p in sample.path:
        t0 = time.perf_counter(); X = log_mel_patches(load_audio(p, sr=MUSICNN_SR)); t1 = time.perf_counter()
        with torch.no_grad(): ref = {k: v.numpy() for k, v in net(torch.from_numpy(X)).items()}
        t2 = time.perf_counter(); out = fast(X); t3 = time.perf_counter()
        scale = 30.0 / (len(X) * 2.992)                                         # ramené à un extrait de 30 s (10 extraits de 3 s)
        t_prep.append((t1 - t0) * scale); t_torch.append((t2 - t1) * scale); t_fast.append((t3 - t2) * scale)
        if sess is not None:
            t4 = time.perf_counter(); sess.run(None, {"x": X}); t_ort.append((time.perf_counter() - t4) * scale)
        errs.append(max(relative_error(out[k], ref[k]) for k in out))
    med = {k: statistics.median(v) for k, v in (("preparation", t_prep), ("pytorch", t_torch), ("rapide", t_fast), ("onnxruntime", t_ort)) if v}
    total_torch, total_fast = med["preparation"] + med["pytorch"], med["preparation"] + med["rapide"]
    print("\nPar extrait de 30 s, un cœur (médianes) :")
    print(f"  décodage + 16 kHz + log-mel        {med['preparation'] * 1000:7.0f} ms")
    print(f"  réseau, portage direct PyTorch     {med['pytorch'] * 1000:7.0f} ms   → total {total_torch:.2f} s")
    print(f"  réseau, MusicnnFast                {med['rapide'] * 1000:7.0f} ms   → total {total_fast:.2f} s")
    if "onnxruntime" in med:
        print(f"  réseau, ONNX Runtime (graphe simple, 1 fil) {med['onnxruntime'] * 1000:5.0f} ms   → MusicnnFast / ONNX Runtime : "
              f"× {med['rapide'] / med['onnxruntime']:.2f} (objectif de l'issue 18 : ≤ 1, et total ≤ 0,2 s)")
    else: print("  (ONNX Runtime non installé : pip install onnx onnxruntime pour mesurer la référence)")
    print(f"  rapport (réseau seul) × {med['pytorch'] / med['rapide']:.1f} ; (total) × {total_torch / total_fast:.1f}")
    print(f"  écart relatif max. rapide / PyTorch : {max(errs):.1e}")

    ref_err = None
    ref_path = os.environ.get("MUSICNN_REFERENCE")
    if ref_path and not demo:
        ref = np.load(ref_path)
        by_id = tracks.set_index("track_id").path
        ref_err = 0.0
        for key in ref.files:
            tid, model, output = key.split("/")
            out = load_musicnn(model)(log_mel_patches(load_audio(by_id[tid], sr=MUSICNN_SR)))
            ref_err = max(ref_err, relative_error(out[output], ref[key]))
        print(f"  écart relatif max. avec la référence ({len(ref.files)} sorties, {len(MUSICNN_MODELS)} modèles) : {ref_err:.1e}")

    t0 = time.perf_counter()
    table = extract_features(tracks, jeu="musicnn", n_jobs=args.jobs, cache_dir=False, progress=False)
    wall = time.perf_counter() - t0
    per_1000 = wall / len(table) * 1000
    print(f"\nextract --jeu musicnn, {args.jobs} processus, sans cache : {len(table)} extraits en {wall:.0f} s "
          f"→ 1000 extraits ≈ {per_1000 / 60:.1f} min")

    if args.json:
        Path(args.json).write_text(json.dumps(dict(n_compared=len(sample), median_s_per_30s=med, total_torch_s=total_torch,
                                                   total_fast_s=total_fast, max_rel_error_fast_vs_torch=max(errs),
                                                   max_rel_error_vs_reference=ref_err, extract_n=len(table), extract_wall_s=wall,
                                                   extract_1000_min=per_1000 / 60, jobs=args.jobs), indent=2))


if __name__ == "__main__":
    main()
