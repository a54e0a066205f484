"""Settings for the whole suite."""

from __future__ import annotations

import os

# Ingest parses in the test process, which loads spaCy once for every test; the worker
# processes and the Dask engine are tested on purpose (test_engines, test_parallel_ingest).
os.environ.setdefault("ONRECORD_WORKERS", "0")
