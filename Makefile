# genre_classifier — deux commandes pour commencer : `make rapport` et `make test`.
VENV   ?= .venv
PY     := $(VENV)/bin/python
DATA   ?=
SORTIE ?= reports
PARAMS ?=

.PHONY: install rapport test bench clean-venv

install: $(VENV)/.installe

$(VENV)/.installe: setup.py settings.ini Makefile
	test -x $(PY) || python3 -m venv $(VENV)
	# torch CPU d'abord : une torch nue ou plus récente tirerait une version CUDA de plusieurs Go.
	$(PY) -m pip install -q "torch==2.13.0"
	# les poids pré-entraînés de musicnn (licence ISC), sans ses dépendances : il réclame TensorFlow 1.x, que nous n'utilisons pas.
	$(PY) -m pip install -q --no-deps "musicnn==0.1.0"
	$(PY) -m pip install -q -e ".[dev]"
	touch $@

rapport: install
	$(VENV)/bin/genre-classifier rapport --sortie $(SORTIE) $(if $(DATA),--data "$(DATA)") $(PARAMS)

test: install
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" bash tools/run_tests.sh

bench: install
	$(PY) bench/extraction.py $(if $(DATA),--data "$(DATA)")

clean-venv:
	rm -rf $(VENV)
