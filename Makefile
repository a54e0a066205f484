# The two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= onrecord.db

.PHONY: demo test lint train crossval clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dask,parquet]'
	touch $(STAMP)

## demo: ingest the bundled example corpus into ./onrecord.db and print statements by speaker
demo: $(STAMP)
	rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BIN)/onrecord ingest examples/html examples/jsonl examples/txt --db $(DB) --topics examples/topics.yaml
	$(BIN)/onrecord statements --db $(DB)

## test: lint, type-check, check the layers, run the test suite
test: $(STAMP) lint
	$(BIN)/python -m pytest -q

## train: rebuild the shipped attribution tagger (src/onrecord/data/) from PolNeAR train
POLNEAR ?= ../shared/data/polnear
train: $(STAMP)
	$(BIN)/python bench/train_attribution.py $(POLNEAR)/train

## crossval: score the tagger by 4-fold cross-validation on PolNeAR train (a figure dev never tuned)
crossval: $(STAMP)
	$(BIN)/python bench/crossval_attribution.py $(POLNEAR)/train

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
