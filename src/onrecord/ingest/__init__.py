"""The first stage: read files into raw documents, and say what is known about each.

`read_paths` turns paths into RawDocument records (or Failure records naming why an
input could not be read); `extract_metadata` reads title, outlet, publication date and
URL from a document's hints and its cleaned text. Cleaning itself is a sibling stage.
"""

from onrecord.ingest.counting import count_inputs
from onrecord.ingest.metadata import extract_metadata
from onrecord.ingest.readers import read_paths

__all__ = ["count_inputs", "extract_metadata", "read_paths"]
