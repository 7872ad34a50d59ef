#!/usr/bin/env python
"""Mesure de vitesse des plongements musicnn (pas un test).

Dans une même exécution, sur les mêmes extraits, un cœur :
1. le portage direct en PyTorch (couches nn.Conv2d, `musicnn_torch`), puis `MusicnnFast`, sur les mêmes extraits log-mel ;
   et, si `onnx` et `onnxruntime` sont installés (dépendances de développement), le même graphe simple exporté en ONNX
   (`torch.onnx.export`, rien n'est téléchargé) et exécuté par ONNX Runtime sur un fil : la référence de l'issue 18 ; puis
   le graphe de `MusicnnFast` lui-même, avec nos astuces, écrit par `onnx.helper` et exécuté par ONNX Runtime (le moteur
   qu'on adopterait s'il gagnait) ;
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
from genre_classifier.embeddings import (MUSICNN_MODELS, MUSICNN_N_MELS, MUSICNN_SR, PATCH_FRAMES, load_musicnn, log_mel_patches, musicnn_torch,
                                         relative_error)
from genre_classifier.features import extract_features, load_audio


ORT_BATCH = 2                                 # extraits par appel du graphe rapide sous ONNX Runtime (le plus rapide de 1, 2, 5, 10)


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


def onnx_fast_session(fast):
    """Le graphe de `MusicnnFast` (nos astuces : maximum avant ReLU et normalisation, filtres timbraux par TFD, fenêtres
    en produits de matrices) écrit avec l'API `onnx.helper` depuis ses poids, ouvert par ONNX Runtime sur un fil : ce que
    donnerait ONNX Runtime comme moteur de production. `None` si onnx/onnxruntime manquent."""
    import importlib.util
    if not all(importlib.util.find_spec(m) for m in ("onnx", "onnxruntime")): return None
    import onnxruntime as ort
    from onnx import TensorProto, helper as H, numpy_helper
    nodes, inits, count = [], [], [0]
    def const(arr):
        count[0] += 1; name = f"c{count[0]}"
        inits.append(numpy_helper.from_array(np.ascontiguousarray(arr), name)); return name
    def ints(*v): return const(np.array(v, np.int64))
    def op(kind, ins, **kw):
        count[0] += 1; out = f"t{count[0]}"
        nodes.append(H.make_node(kind, ins, [out], **kw)); return out
    def affine(x, a, b): return op("Add", [op("Mul", [x, const(np.asarray(a, np.float32))]), const(np.asarray(b, np.float32))])
    T, F = PATCH_FRAMES, MUSICNN_N_MELS; bins = F // 2 + 1
    xb = affine("x", fast.a0, fast.b0)                                                  # [n, T, F]
    spec = op("MatMul", [op("Pad", [xb, ints(0, 3, 0, 0, 3, 0)]), const(fast.dft)])      # [n, T+6, 98] : TFD de chaque trame
    win = op("Gather", [spec, const((np.arange(T)[:, None] + np.arange(7)).astype(np.int64))], axis=1)   # [n, T, 7, 98]
    S = op("Reshape", [op("Transpose", [op("Reshape", [win, ints(-1, 7, 2, bins)])], perm=[3, 0, 2, 1]), ints(bins, -1, 14)])
    S2 = op("Concat", [S, S], axis=0)                                                   # [98, n·T, 14] : re puis im
    pooled = []
    for L in fast.front:
        if L["kw"] > 1:
            Y = op("Reshape", [op("MatMul", [S2, const(np.concatenate([L["re"], L["im"]]))]), ints(2 * bins, -1)])
            m = op("ReduceMax", [op("MatMul", [const(L["inverse"]), Y]), ints(0)], keepdims=0)
            pooled.append(op("Transpose", [op("Reshape", [m, ints(-1, T, L["re"].shape[2])])], perm=[0, 2, 1]))
        else:
            kh = L["kh"]
            xT = op("Reshape", [op("Transpose", [xb], perm=[0, 2, 1]), ints(-1, 1, T)])   # [n·F, 1, T]
            c = op("Conv", [xT, const(L["W"].T[:, None, :])], pads=[L["top"], kh - 1 - L["top"]], kernel_shape=[kh])
            pooled.append(op("ReduceMax", [op("Reshape", [c, ints(-1, F, L["W"].shape[1], T)]), ints(1)], keepdims=0))
    cat = lambda k: np.concatenate([L[k] for L in fast.front])[:, None]
    h = op("Concat", pooled, axis=1)                                                    # [n, 561, T]
    h = affine(op("Relu", [affine(h, cat("sign"), cat("bias"))]), cat("a"), cat("b"))
    maps = [h]
    for i, (Wm, bias, a, b) in enumerate(fast.mid):
        C, O = Wm.shape[0], len(bias)
        o = op("Conv", [h, const(Wm.reshape(C, 7, O).transpose(2, 0, 1)), const(bias)], pads=[3, 3], kernel_shape=[7])
        o = affine(op("Relu", [o]), a[:, None], b[:, None])
        h = o if i == 0 else op("Add", [o, h])
        maps.append(h)
    fm = op("Concat", maps, axis=1)                                                     # [n, 753, T]
    mx, mn = op("ReduceMax", [fm, ints(2)], keepdims=0), op("ReduceMean", [fm, ints(2)], keepdims=0)
    flat = op("Reshape", [op("Concat", [op("Unsqueeze", [mx, ints(2)]), op("Unsqueeze", [mn, ints(2)])], axis=2), ints(0, -1)])
    pen = affine(op("Relu", [op("Add", [op("MatMul", [affine(flat, fast.a9, fast.b9), const(fast.Wd)]), const(fast.bd)])]), fast.a10, fast.b10)
    tag = op("Sigmoid", [op("Add", [op("MatMul", [pen, const(fast.Wo)]), const(fast.bo)])])
    names = ["taggram", "max_pool", "mean_pool", "penultimate"]
    for src, name in zip((tag, mx, mn, pen), names): nodes.append(H.make_node("Identity", [src], [name]))
    graph = H.make_graph(nodes, "musicnn_rapide", [H.make_tensor_value_info("x", TensorProto.FLOAT, ["n", T, F])],
                         [H.make_tensor_value_info(k, TensorProto.FLOAT, None) for k in names], inits)
    so = ort.SessionOptions(); so.intra_op_num_threads = 1; so.inter_op_num_threads = 1
    model = H.make_model(graph, opset_imports=[H.make_opsetid("", 18)])
    return ort.InferenceSession(model.SerializeToString(), so, providers=["CPUExecutionProvider"])


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
    sess, sess_fast = onnx_session(net, x0), onnx_fast_session(fast)
    run_fast_ort = lambda X: [sess_fast.run(None, {"x": X[i:i + ORT_BATCH]}) for i in range(0, len(X), ORT_BATCH)]
    if sess is not None: sess.run(None, {"x": x0}); run_fast_ort(x0)
    t_prep, t_torch, t_fast, t_ort, t_ort_fast, errs, errs_ort = [], [], [], [], [], [], []
    for p in sample.path:
        t0 = time.perf_counter(); X = log_mel_patches(load_audio(p, sr=MUSICNN_SR)); t1 = time.perf_counter()
        with torch.no_grad(): ref = {k: v.numpy() for k, v in net(torch.from_numpy(X)).items()}
        t2 = time.perf_counter(); out = fast(X); t3 = time.perf_counter()
        scale = 30.0 / (len(X) * 2.992)                                         # ramené à un extrait de 30 s (10 extraits de 3 s)
        t_prep.append((t1 - t0) * scale); t_torch.append((t2 - t1) * scale); t_fast.append((t3 - t2) * scale)
        if sess is not None:
            t4 = time.perf_counter(); sess.run(None, {"x": X}); t_ort.append((time.perf_counter() - t4) * scale)
            t5 = time.perf_counter(); parts = run_fast_ort(X); t_ort_fast.append((time.perf_counter() - t5) * scale)
            errs_ort.append(max(relative_error(np.concatenate([p[j] for p in parts]), out[k])
                                for j, k in enumerate(("taggram", "max_pool", "mean_pool", "penultimate"))))
        errs.append(max(relative_error(out[k], ref[k]) for k in out))
    med = {k: statistics.median(v) for k, v in (("preparation", t_prep), ("pytorch", t_torch), ("rapide", t_fast), ("onnxruntime", t_ort), ("onnxruntime_astuces", t_ort_fast)) if v}
    total_torch, total_fast = med["preparation"] + med["pytorch"], med["preparation"] + med["rapide"]
    print("\nPar extrait de 30 s, un cœur (médianes) :")
    print(f"  décodage + 16 kHz + log-mel        {med['preparation'] * 1000:7.0f} ms")
    print(f"  réseau, portage direct PyTorch     {med['pytorch'] * 1000:7.0f} ms   → total {total_torch:.2f} s")
    print(f"  réseau, MusicnnFast                {med['rapide'] * 1000:7.0f} ms   → total {total_fast:.2f} s")
    if "onnxruntime" in med:
        print(f"  réseau, ONNX Runtime (graphe simple, 1 fil) {med['onnxruntime'] * 1000:5.0f} ms   → MusicnnFast / ONNX Runtime : "
              f"× {med['rapide'] / med['onnxruntime']:.2f} (objectif de l'issue 18 : ≤ 1, et total ≤ 0,2 s)")
        print(f"  réseau, ONNX Runtime (notre graphe, avec nos astuces, 1 fil, lots de {ORT_BATCH}) {med['onnxruntime_astuces'] * 1000:5.0f} ms   "
              f"→ MusicnnFast / celui-ci : × {med['rapide'] / med['onnxruntime_astuces']:.2f} ; écart {max(errs_ort):.1e}")
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
                                                   max_rel_error_vs_reference=ref_err, max_rel_error_ort_fast=max(errs_ort, default=None), extract_n=len(table), extract_wall_s=wall,
                                                   extract_1000_min=per_1000 / 60, jobs=args.jobs), indent=2))


if __name__ == "__main__":
    main()
