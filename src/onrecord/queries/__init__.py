"""The read side: one answer per question (timeline, drift, speaker lookup, report data).

The write side is `onrecord.pipeline`. The CLI and the web call these functions and
print their records in the shapes of `onrecord.queries.shapes`. Import the submodule you
need (`onrecord.queries.timeline`); this package imports nothing heavy.
"""
