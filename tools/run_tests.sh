#!/usr/bin/env bash
# Suite de tests de genre_classifier (appelée par `make test`).
# 1. la bibliothèque est synchronisée avec les notebooks (nbdev_export ne change rien) ;
# 2. les notebooks sont propres (nbdev_clean ne change rien), README.md et nbs/_quarto.yml à jour (nbdev_readme, refresh_quarto_yml) :
#    les étapes de nbdev_prepare qui écrivent des fichiers ne changent rien ;
# 3. chaque notebook s'exécute sans erreur (nbdev_test, un par notebook, 2 en parallèle, chacun avec sa copie du cache numba) ;
# 4. les notebooks portent leurs sorties et leurs figures, sans chemin absolu, erreur ni avertissement de widgets (tools/check_notebooks.py) ;
# 5. aucun module du paquet n'en importe un qui l'importe en retour (tools/check_imports.py).
# Le rapport complet (make rapport) est lancé par la CI à part.
# Termine par une ligne « N passed, N failed ».
set -u
cd "$(dirname "$0")/.."
passed=0; failed=0
ok()   { passed=$((passed+1)); echo "RÉUSSI : $1"; }
fail() { failed=$((failed+1)); echo "ÉCHEC  : $1"; }

snapshot() { git status --porcelain --untracked-files=all -- genre_classifier nbs README.md; git diff -- genre_classifier nbs README.md | md5sum; }

before=$(snapshot)
nbdev_export >/dev/null 2>&1
if [ "$(snapshot)" == "$before" ]; then ok "bibliothèque synchronisée avec les notebooks (nbdev_export)"
else fail "nbdev_export a modifié genre_classifier/ : exportez les notebooks et committez"; git status --porcelain -- genre_classifier nbs; fi

before=$(snapshot)
nbdev_clean >/dev/null 2>&1
if [ "$(snapshot)" == "$before" ]; then ok "notebooks propres (nbdev_clean)"
else fail "nbdev_clean a modifié des notebooks : lancez nbdev_clean et committez"; git status --porcelain -- nbs; fi

# les autres étapes de nbdev_prepare : nbs/_quarto.yml (refresh_quarto_yml) et README.md, produit à partir de nbs/index.ipynb
before=$(snapshot)
python -c "from nbdev.quarto import refresh_quarto_yml; refresh_quarto_yml()" >/dev/null 2>&1 && nbdev_readme >/dev/null 2>&1
if [ "$(snapshot)" == "$before" ]; then ok "README.md et nbs/_quarto.yml à jour (nbdev_readme, refresh_quarto_yml : nbdev_prepare ne change rien)"
else fail "nbdev_readme a modifié README.md (ou refresh_quarto_yml nbs/_quarto.yml) : lancez make readme et committez"; git status --porcelain -- README.md nbs; fi

logs=$(mktemp -d)
# Caches numba : deux processus qui compilent la même fonction en même temps écrivent le même index de cache, et l'un
# peut ensuite charger le code compilé de l'autre signature (erreur de segmentation vue dans librosa.util.localmax sur un
# environnement neuf). Les fonctions de librosa et les nôtres sont donc compilées une fois, seules, dans un cache à part ;
# chaque notebook en reçoit une copie, où il écrit seul ce qu'il compile de plus.
mkdir -p "$logs/numba"
if ! NUMBA_CACHE_DIR="$logs/numba/chaud" OMP_NUM_THREADS=1 python tools/warm_numba.py >"$logs/numba.log" 2>&1; then
  fail "compilation numba préalable (tools/warm_numba.py)"; tail -20 "$logs/numba.log"; fi
# deux notebooks à la fois sur 2 cœurs : un fil de calcul par processus (OpenMP/BLAS en surnombre s'attendent activement)
ls nbs/*.ipynb | OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 xargs -P 2 -I{} bash -c 'n=$(basename {} .ipynb); s=$(date +%s); cp -r "'"$logs"'/numba/chaud" "'"$logs"'/numba/$n" 2>/dev/null || mkdir -p "'"$logs"'/numba/$n"; if NUMBA_CACHE_DIR="'"$logs"'/numba/$n" nbdev_test --path {} >"'"$logs"'/$n.log" 2>&1; then r=OK; else r=KO; fi; echo "$r $n $(( $(date +%s) - s ))" >>"'"$logs"'/resultats"'
while read -r r n s; do
  if [ "$r" == OK ]; then ok "notebook $n (${s} s)"; else fail "notebook $n (${s} s)"; tail -40 "$logs/$n.log"; fi
done < <(sort -k2 "$logs/resultats")

if python tools/check_notebooks.py >"$logs/sorties.log" 2>&1; then ok "notebooks avec leurs sorties, propres ($(tail -1 "$logs/sorties.log"))"
else fail "sorties des notebooks (lancez make notebooks)"; tail -20 "$logs/sorties.log"; fi

if python tools/check_imports.py >"$logs/imports.log" 2>&1; then ok "imports sans cycle ($(tail -1 "$logs/imports.log" | cut -c1-60)…)"
else fail "imports en cercle entre modules du paquet"; cat "$logs/imports.log"; fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
