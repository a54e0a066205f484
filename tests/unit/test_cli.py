"""The CLI is a thin, light layer: help works without spaCy; usage errors exit 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from onrecord.cli import main
from onrecord.store import open_store


def test_help_does_not_import_spacy() -> None:
    code = (
        "import sys\n"
        "from onrecord.cli import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('spacy' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("False")


def test_import_onrecord_does_not_import_spacy() -> None:
    code = "import sys, onrecord, onrecord.models, onrecord.store; print('spacy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_listing_statements_imports_no_numpy_nor_postgres(tmp_path: Path) -> None:
    # The CLI's start-up is most of a read's cost (docs/scaling.md): a listing from a SQLite
    # file loads neither numpy (clustering keys) nor the PostgreSQL store.
    path = tmp_path / "empty.db"
    open_store(path).close()
    code = (
        "import sys\n"
        "from onrecord.cli import main\n"
        "try:\n"
        f"    main(['statements', '--db', {str(path)!r}, '--limit', '1'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = ('numpy', 'psycopg', 'onrecord.store.postgres', 'onrecord.clustering.events')\n"
        "print([name for name in loaded if name in sys.modules])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("[]"), result.stdout


def test_bad_usage_exits_2() -> None:
    result = CliRunner().invoke(main, ["statements", "--since", "yesterday"])
    assert result.exit_code == 2


def test_python_dash_m_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "onrecord", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0 and "onrecord" in result.stdout


def test_missing_article_names_the_fix(tmp_path) -> None:
    db = tmp_path / "empty.db"
    open_store(db).close()
    result = CliRunner().invoke(main, ["show", "nothing-here", "--db", str(db)])
    assert result.exit_code == 1
    assert "Error:" in result.output and "Hint:" in result.output
