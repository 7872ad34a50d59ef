#!/usr/bin/env python
"""Mesure de l'extraction sur un cluster Dask local (pas un test).

Les mêmes extraits, sans cache, sur un `LocalCluster` de 1 puis 2 workers (un processus et un fil chacun), pour les jeux
`seed` et `musicnn` : durée, débit, accélération, mémoire maximale d'un worker ; et, pour comparaison dans la même exécution, l'extraction locale (joblib).
Le démarrage des workers (imports, compilation numba) est mesuré à part : une première passe sur 2 extraits par worker.

    python bench/cluster.py [--data DOSSIER] [--jeux seed musicnn] [--json sortie.json]

Sans --data : $GTZAN_DIR, sinon le jeu synthétique de démonstration.
"""
import argparse
import json
import logging
import os
import time
from pathlib import Path


def _peak_rss_mb() -> float:
    "Mémoire résidente maximale du processus qui l'appelle (un worker), en Mo."
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    from distributed import Client, LocalCluster
    import genre_classifier as gc
    from genre_classifier.data import resolve_data_dir
    scan_dataset, extract_features = gc.scan_dataset, gc.extract_features
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.environ.get("GTZAN_DIR", ""), help="dossier des genres")
    ap.add_argument("--jeux", nargs="*", default=["seed", "musicnn"], help="jeux de caractéristiques mesurés")
    ap.add_argument("--json", help="écrire les résultats dans ce fichier JSON")
    args = ap.parse_args()
    data, demo = resolve_data_dir(args.data)
    tracks = scan_dataset(data, warn=False).tracks
    print(f"{len(tracks)} extraits de {Path(data).name}" + (" (SYNTHÉTIQUES)" if demo else ""))
    res = {}
    for jeu in args.jeux:
        t0 = time.perf_counter(); extract_features(tracks, feature_set=jeu, n_jobs=2, cache_dir=False, progress=False)
        res[f"{jeu}_local_2_processus_s"] = local = time.perf_counter() - t0
        print(f"\n{jeu} — local, joblib, 2 processus : {local:6.1f} s")
        for n in (1, 2):
            with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR) as cluster, \
                 Client(cluster) as client:
                extract_features(tracks.head(2 * n), feature_set=jeu, cache_dir=False, scheduler=cluster.scheduler_address, progress=False)   # échauffement
                t0 = time.perf_counter()
                extract_features(tracks, feature_set=jeu, cache_dir=False, scheduler=cluster.scheduler_address, progress=False)
                dt = res[f"{jeu}_cluster_{n}_workers_s"] = time.perf_counter() - t0
                peak = max(client.run(_peak_rss_mb).values())
                res[f"{jeu}_cluster_{n}_workers_pic_memoire_mo"] = peak
            print(f"{jeu} — cluster, {n} worker(s)        : {dt:6.1f} s, {dt / len(tracks) * 1000:5.0f} ms par extrait"
                  + (f", accélération × {res[f'{jeu}_cluster_1_workers_s'] / dt:.2f}" if n == 2 else "")
                  + f", mémoire maximale d'un worker {peak:.0f} Mo")
    if args.json: Path(args.json).write_text(json.dumps(res, indent=2))


if __name__ == "__main__":
    main()
