"""A throwaway PostgreSQL server for the store tests: initdb into a temporary folder.

`make test` runs the store tests on SQLite and on PostgreSQL. The server is Debian's
`postgresql` package (`make .venv/.installed` installs it when it is missing and apt can);
its `initdb` and `pg_ctl` are looked for on PATH and in /usr/lib/postgresql/*/bin. It
listens on a unix socket in its folder only (no TCP port), runs without fsync, and is
stopped and deleted at the end of the session. initdb refuses to run as root, so as root
the server runs as the user `nobody`. Each test gets a fresh schema of one database
(creating a database takes a second on a busy machine, a schema a few milliseconds).

ONRECORD_TEST_POSTGRES=postgresql://… runs the tests on a server of your own instead (each
test in a new schema of that database, dropped at the end).
"""

from __future__ import annotations

import glob
import itertools
import os
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

_USER = "onrecord"
NewDb = Callable[..., str]
"""Makes a new empty database and returns what `open_store` opens it by (the `new_db` fixture)."""

_BIN_GLOBS = ("/usr/lib/postgresql/*/bin",)


class Unavailable(Exception):
    """No PostgreSQL server can be started here; the message says why."""


def _tool(name: str) -> str:
    """Return the path of a PostgreSQL server program, or raise Unavailable."""
    found = shutil.which(name)
    if found:
        return found
    for folder in sorted((p for g in _BIN_GLOBS for p in glob.glob(g)), reverse=True):
        candidate = Path(folder) / name
        if candidate.is_file():
            return str(candidate)
    raise Unavailable(
        f"no `{name}` on PATH or in /usr/lib/postgresql/*/bin: install Debian's `postgresql` "
        "package (make .venv/.installed does when run as root with apt)"
    )


def _as_server_user() -> list[str]:
    """The command prefix that runs the server unprivileged (initdb refuses root)."""
    if os.geteuid() != 0:
        return []
    runuser = shutil.which("runuser")
    if runuser is None:
        raise Unavailable("running as root and no `runuser` to start PostgreSQL as `nobody`")
    return [runuser, "-u", "nobody", "--"]


class Server:
    """A running throwaway server, or a server given by ONRECORD_TEST_POSTGRES."""

    def __init__(self, base_url: str, folder: Path | None) -> None:
        self.base_url = base_url
        self.folder = folder
        self._numbers = itertools.count(1)
        self.schemas: list[str] = []

    def fresh(self, name: str = "t") -> str:
        """Create a new empty schema; return the URL whose search_path is it."""
        import psycopg

        schema = f"test_{next(self._numbers)}_{''.join(c for c in name if c.isalnum())[:20]}"
        with psycopg.connect(self.base_url, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
        self.schemas.append(schema)
        joiner = "&" if "?" in self.base_url else "?"
        return f"{self.base_url}{joiner}options={quote(f'-csearch_path={schema}')}"

    def drop_schemas(self) -> None:
        """Drop the schemas the tests made (on a server of the user's own)."""
        import psycopg

        with psycopg.connect(self.base_url, autocommit=True) as conn:
            for schema in self.schemas:
                conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def _run(command: list[str], what: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise Unavailable(f"{what} failed ({done.returncode}): {done.stderr.strip()[-400:]}")


def _watch(pid: int, stop: list[str], folder: Path) -> None:
    """Stop the server and delete its folder if the test process dies without doing it.

    A test run killed (SIGKILL, a timeout's SIGTERM) runs no teardown: a watcher in its own
    session waits for the process to end, then stops what it left.
    """
    script = (
        f"while kill -0 {pid} 2>/dev/null; do sleep 2; done; "
        f"if [ -d {shlex.quote(str(folder))} ]; then {shlex.join(stop)} >/dev/null 2>&1; "
        f"rm -rf {shlex.quote(str(folder))}; fi"
    )
    subprocess.Popen(
        ["sh", "-c", script],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def started() -> Iterator[Server]:
    """Yield a running server (started here, or the user's), stopped and removed after."""
    own = os.environ.get("ONRECORD_TEST_POSTGRES")
    if own:
        server = Server(own, None)
        try:
            yield server
        finally:
            server.drop_schemas()
        return
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        raise Unavailable("psycopg is not installed: pip install -e '.[postgres]'") from exc
    initdb, pg_ctl = _tool("initdb"), _tool("pg_ctl")
    prefix = _as_server_user()
    folder = Path(tempfile.mkdtemp(prefix="onrecord-pg-"))
    data = folder / "data"
    if prefix:
        shutil.chown(folder, "nobody")
    try:
        _run(
            [*prefix, initdb, "-D", str(data), "-U", _USER, "-A", "trust", "-E", "UTF8",
             "--locale=C.UTF-8", "--no-sync"],
            "initdb",
        )
        options = (
            f"-k {folder} -c listen_addresses= -F -c full_page_writes=off "
            "-c synchronous_commit=off -c max_connections=40"
        )
        _run(
            [*prefix, pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "log"),
             "-w", "-t", "60", "start"],
            "pg_ctl start",
        )
        _watch(os.getpid(), [*prefix, pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"],
               folder)
        try:
            yield Server(f"postgresql://{_USER}@/postgres?host={quote(str(folder))}", folder)
        finally:
            subprocess.run(
                [*prefix, pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"],
                capture_output=True,
                timeout=60,
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
