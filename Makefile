# genre_classifier — deux commandes pour commencer : `make rapport` et `make test`.
VENV   ?= .venv
PY     := $(VENV)/bin/python
DATA   ?=
SORTIE ?= reports
PARAMS ?=
# un dossier de données réelles dans la disposition de ../shared/data (pour make notebooks)
DONNEES ?=
D_ABS = $(abspath $(DONNEES))
NB_ENV = $(if $(DONNEES),GTZAN_DIR="$(D_ABS)/gtzan_mini" GTZAN_EXTRA_DIR="$(D_ABS)/gtzan_extra" GTZAN_SPLIT_DIR="$(D_ABS)/gtzan_split" \
         SEED_FEATURES="$(D_ABS)/seed_features/features-complet.csv" MUSICNN_REFERENCE="$(D_ABS)/musicnn_reference/reference.npz")

.PHONY: install rapport test notebooks bench readme donnees modeles clean-venv

install: $(VENV)/.installe

$(VENV)/.installe: setup.py settings.ini Makefile
	test -x $(PY) || python3 -m venv $(VENV)
	# torch CPU d'abord : une torch nue ou plus récente tirerait une version CUDA de plusieurs Go.
	$(PY) -m pip install -q "torch==2.13.0"
	$(PY) -m pip install -q -e ".[dev]"
	# les poids pré-entraînés de musicnn (licence ISC), sans ses dépendances : il réclame TensorFlow 1.x, que nous n'utilisons pas.
	# Installé en dernier : pip ne signale alors pas ses dépendances (voulues absentes) comme un conflit.
	$(PY) -m pip install -q --no-deps "musicnn==0.1.0"
	# Quarto, qu'appelle nbdev_readme (README.md à partir de nbs/index.ipynb), est un programme autonome qu'aucun registre
	# de paquets ne fournit : sans vrai Quarto, notre remplaçant minimal (il ne sait faire que ce rendu-là).
	command -v quarto >/dev/null 2>&1 || test -e $(VENV)/bin/quarto || ln -s "$(CURDIR)/tools/quarto_gfm.py" $(VENV)/bin/quarto
	touch $@

rapport: install
	$(VENV)/bin/genre-classifier rapport --sortie $(SORTIE) $(if $(DATA),--data "$(DATA)") $(PARAMS)

test: install
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" bash tools/run_tests.sh

# README.md à partir de nbs/index.ipynb (les étapes de nbdev_prepare qui écrivent des fichiers ; make test vérifie qu'elles ne changent rien)
readme: install
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/python -c "from nbdev.quarto import refresh_quarto_yml; refresh_quarto_yml()"
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/nbdev_readme

notebooks: install
	$(NB_ENV) PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(PY) tools/execute_notebooks.py

# les tables réelles de data/ (jamais d'audio), à partir d'un dossier rangé comme ../shared/data : make donnees DONNEES=…
donnees: install
	$(if $(DONNEES),,$(error donnez le dossier des données réelles : make donnees DONNEES=../shared/data))
	$(PY) tools/donnees.py "$(DONNEES)"

# les deux modèles livrés, refaits à partir de data/ seul (déterministe ; comparés aux fichiers livrés avant d'être remplacés)
modeles: install
	$(PY) tools/modeles.py

bench: install
	$(PY) bench/extraction.py $(if $(DATA),--data "$(DATA)")

clean-venv:
	rm -rf $(VENV)
