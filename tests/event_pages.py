"""Fictional pages about one speaker ingested through the CLI, and its JSON read back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from onrecord.cli import main


def ingest_pages(pages: Path, aliases: Path, db: Path) -> Path:
    """Ingest the JSONL `pages` with the `aliases` file into `db`; return `db`."""
    args = ["ingest", str(pages), "--aliases", str(aliases), "--db", str(db), "--silent"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return db


def cli_json(db: Path, *args: str) -> Any:
    """Run one reading command on `db` with `--format json` and return what it printed."""
    result = CliRunner().invoke(main, [*args, "--format", "json", "--db", str(db)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)
