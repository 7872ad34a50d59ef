#!/usr/bin/env python
"""Vitesse et mémoire de `genre-classifier predict` (une mesure, pas un test), avec la version de référence dans la même exécution.

1. démarrage : `genre-classifier --version` et `predict` d'un extrait de 30 s, chacun dans un nouveau processus (médiane
   de 5), pour cette version et pour la version de référence (un autre commit du dépôt, extrait dans un dossier
   temporaire par `git worktree` : par défaut 3235105, la version 0.2.0) ;
2. dans un même processus chaud : temps par fichier de 30 s ;
3. des enregistrements longs faits d'extraits réels mis bout à bout (stéréo, 44,1 kHz) — 10 min, 1 h et 2 h, en FLAC et
   en mp3 — prédits chacun dans un nouveau processus : durée, secondes de calcul par heure d'audio, pic de mémoire
   résidente (VmHWM du processus). La version de référence, qui décodait tout le fichier d'un coup, n'est mesurée que
   sur 10 min (sur 2 h, elle montait à 2,9 Go).

    python bench/prediction.py [--data DOSSIER] [--durees 600 3600 7200] [--reference COMMIT] [--json sortie.json]

Sans --data : $GTZAN_DIR, sinon le jeu synthétique de démonstration. Les fichiers longs sont écrits dans un dossier
temporaire (≈ 1,5 Go pour 2 h en FLAC) et effacés à la fin.
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

import numpy as np
import soundfile as sf

from genre_classifier.audio import load_audio
from genre_classifier.data import resolve_data_dir, scan_dataset

ROOT = Path(__file__).resolve().parent.parent
# pic de mémoire du processus lui-même : VmHWM (ru_maxrss, lui, garde celui du parent au moment du fork)
CHILD = ("import sys, json; from genre_classifier.cli import main; code = main(sys.argv[1:]); "
         "hwm = int(open('/proc/self/status').read().split('VmHWM:')[1].split()[0]) / 1024; "
         "print(json.dumps({'pic_mo': hwm}), file=sys.stderr); sys.exit(code)")


def run_cli(args, env, code=None):
    "Lance la commande dans un nouveau processus ; renvoie (durée, première ligne de sortie, pic de mémoire en Mo)."
    t0 = time.perf_counter()
    cmd = [sys.executable, "-c", code or CHILD, *args]
    # hors du dépôt : `python -c` met le dossier courant en tête de sys.path, devant PYTHONPATH (la version de référence)
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=tempfile.gettempdir())
    dt = time.perf_counter() - t0
    if r.returncode != 0: raise SystemExit(f"échec de {' '.join(args)} : {r.stderr[-800:]}")
    peak = json.loads(r.stderr.strip().splitlines()[-1])["pic_mo"] if code is None else None
    return dt, (r.stdout.strip().splitlines() or [""])[0], peak


def reference_checkout(commit: str, tmp: Path) -> Path | None:
    "Le paquet du commit de référence dans `tmp/reference` (git worktree détaché) ; None si git ne le trouve pas."
    dest = tmp / "reference"
    r = subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(dest), commit], capture_output=True, text=True)
    return dest if r.returncode == 0 else None


def write_long(path: Path, clips: list, seconds: float, fmt: str) -> float:
    "Écrit `seconds` secondes d'extraits réels mis bout à bout (stéréo, 44,1 kHz) par blocs ; renvoie la durée écrite."
    import librosa
    sub = {"FLAC": "PCM_16", "MP3": "MPEG_LAYER_III"}[fmt]
    written, i = 0, 0
    with sf.SoundFile(path, "w", 44100, 2, format=fmt, subtype=sub) as f:
        while written < seconds * 44100:
            y = clips[i % len(clips)]; i += 1
            n = min(len(y), int(seconds * 44100) - written)
            f.write(np.stack([y[:n], 0.9 * y[:n]], axis=1)); written += n
    return written / 44100


def startup(env: dict, clip: str, pythonpath: Path | None, label: str, res: dict) -> None:
    "Médianes de 5 démarrages : `--version` et `predict` d'un extrait, pour la version dont le paquet est sous `pythonpath`."
    e = dict(env, PYTHONPATH=str(pythonpath)) if pythonpath else env
    version_code = "import sys; from genre_classifier.cli import main; sys.exit(main(sys.argv[1:]))"
    run_cli(["predict", clip], e)                                             # caches (numba, modèles) remplis d'abord
    v = statistics.median(run_cli(["--version"], e, code=version_code)[0] for _ in range(5))
    p = statistics.median(run_cli(["predict", clip], e)[0] for _ in range(5))
    res[label] = dict(version_s=round(v, 3), predict_30s_s=round(p, 3))
    print(f"   {label:28} --version {v:5.2f} s    predict (30 s) {p:5.2f} s")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.environ.get("GTZAN_DIR", ""), help="dossier des genres")
    ap.add_argument("--durees", type=float, nargs="*", default=[600, 3600, 7200], help="durées des fichiers longs (s)")
    ap.add_argument("--reference", default="3235105", help="commit de la version de référence (défaut : 0.2.0) ; vide : sans")
    ap.add_argument("--json", help="écrire les résultats dans ce fichier JSON")
    args = ap.parse_args()
    data, demo = resolve_data_dir(args.data)
    tracks = scan_dataset(data, warn=False).tracks
    clip = tracks.path.iloc[0]
    print(f"extrait : {Path(clip).name}" + (" (DONNÉES SYNTHÉTIQUES)" if demo else "") + f" ; {os.cpu_count()} cœurs")
    tmp = Path(tempfile.mkdtemp(prefix="bench-prediction-"))
    env = dict(os.environ, NUMBA_CACHE_DIR=str(tmp / "numba"), GENRE_CLASSIFIER_CACHE=str(tmp / "cache"))
    env.pop("PYTHONPATH", None)
    res = dict(extrait=Path(clip).name, demarrage={}, longs=[])
    ref = reference_checkout(args.reference, tmp) if args.reference else None
    try:
        print("1. démarrage d'un nouveau processus (médiane de 5, caches remplis)")
        startup(env, clip, None, "cette version", res["demarrage"])
        if ref: startup(env, clip, ref, f"référence {args.reference}", res["demarrage"])
        if ref:
            a, b = res["demarrage"]["cette version"], res["demarrage"][f"référence {args.reference}"]
            print(f"   rapports cette version / référence : --version × {a['version_s'] / b['version_s']:.2f}, "
                  f"predict × {a['predict_30s_s'] / b['predict_30s_s']:.2f}")

        from genre_classifier.predict import load_bundle, predict_file
        bundle = load_bundle()
        predict_file(clip, bundle)                                             # échauffement
        times = []
        for f in list(tracks.groupby("genre").head(1).path)[:10]:
            t0 = time.perf_counter(); predict_file(f, bundle); times.append(time.perf_counter() - t0)
        res["processus_chaud_s_par_fichier"] = round(statistics.median(times), 3)
        print(f"2. processus chaud, par fichier de 30 s : {res['processus_chaud_s_par_fichier']:.2f} s (médiane sur {len(times)} fichiers)")

        import librosa
        clips = [librosa.resample(load_audio(p), orig_sr=22050, target_sr=44100) for p in tracks.groupby("genre").head(3).path.iloc[:30]]
        print("3. enregistrements longs (extraits réels bout à bout, stéréo 44,1 kHz), chacun dans un nouveau processus")
        for seconds in args.durees:
            for fmt in ("FLAC", "MP3"):
                path = tmp / f"long_{int(seconds)}s.{fmt.lower()}"
                t0 = time.perf_counter(); dur = write_long(path, clips, seconds, fmt); t_write = time.perf_counter() - t0
                dt, out, peak = run_cli(["predict", str(path)], env)
                row = dict(format=fmt, duree_audio_s=round(dur), taille_mo=round(path.stat().st_size / 1e6), temps_s=round(dt, 1),
                           s_par_heure=round(dt / dur * 3600, 1), pic_mo=round(peak), reponse=out.split(":", 1)[-1].strip()[:60])
                if ref and seconds <= 600:
                    rdt, _, rpeak = run_cli(["predict", str(path)], dict(env, PYTHONPATH=str(ref)))
                    row.update(reference_temps_s=round(rdt, 1), reference_pic_mo=round(rpeak))
                res["longs"].append(row)
                print(f"   {dur / 60:5.0f} min {fmt:4} ({row['taille_mo']:5d} Mo, écrit en {t_write:4.0f} s) : {dt:6.1f} s, "
                      f"{row['s_par_heure']:5.0f} s par heure d'audio, pic {peak:4.0f} Mo"
                      + (f"   (référence : {row['reference_temps_s']} s, pic {row['reference_pic_mo']} Mo)" if "reference_pic_mo" in row else ""))
                path.unlink()
        worst = max(r["pic_mo"] for r in res["longs"])
        print(f"   pic de mémoire le plus haut : {worst} Mo (objectif : ≤ 500 Mo, quelle que soit la durée)")
    finally:
        if ref: subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(ref)], capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)
    if args.json: Path(args.json).write_text(json.dumps(res, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
