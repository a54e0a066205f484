"""onrecord: a dated, searchable record of who said what, when, to whom, as reported by whom."""

__version__ = "0.1.0"
