"""Rendering of query results: terminal text, Markdown, HTML and charts.

Shared by the CLI, `report -o` and the web. Everything printed here comes from articles
and is untrusted: each format escapes what it prints. Import the submodule you need
(`onrecord.render.text`); this package imports nothing heavy.
"""
