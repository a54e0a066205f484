# The two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= onrecord.db

.PHONY: demo test lint browser train weights crossval clean postgres-server

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dask,parquet,postgres,web]'
	$(MAKE) --no-print-directory postgres-server
	touch $(STAMP)

## postgres-server: install Debian's PostgreSQL for the store tests when missing (as root with apt)
postgres-server:
	@command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
	|| { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
	     && { apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; } \
	     || echo "PostgreSQL is not installed and cannot be here: its store tests will be skipped"; }

## browser: Debian's chromium for the browser tests (tests/browser), when root can install it
browser:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
	  && (apt-get install -y -q chromium >/dev/null 2>&1 \
	      || (apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null)) ; } \
	  || echo "chromium is not installed and cannot be: the browser tests will skip"

## demo: ingest the bundled example corpus into ./onrecord.db and print statements by speaker
demo: $(STAMP)
	rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BIN)/onrecord ingest examples/html examples/jsonl examples/txt --db $(DB) --topics examples/topics.yaml
	$(BIN)/onrecord statements --db $(DB)

## test: lint, type-check, check the layers, run the test suite
test: $(STAMP) lint browser
	$(BIN)/python -m pytest -q

## train: rebuild the shipped attribution tagger (src/onrecord/data/) from PolNeAR train
POLNEAR ?= ../shared/data/polnear
train: $(STAMP)
	$(BIN)/python bench/train_attribution.py $(POLNEAR)/train

## weights: rebuild the shipped content-word weights (src/onrecord/data/stem_df.tsv) from PolNeAR train
weights: $(STAMP)
	$(BIN)/python bench/train_stem_weights.py $(POLNEAR)/train

## crossval: score the tagger by 4-fold cross-validation on PolNeAR train (a figure dev never tuned)
crossval: $(STAMP)
	$(BIN)/python bench/crossval_attribution.py $(POLNEAR)/train

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
