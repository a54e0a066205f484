"""`onrecord serve`: the web UI and REST API over a database (needs the `web` extra)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from onrecord import settings
from onrecord.cli.options import db_option, reported_errors
from onrecord.store import is_server_url

WEB_EXTRA_HINT = "install the web extra: pip install 'onrecord[web]'"


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port."
)
@click.option(
    "--token",
    envvar="ONRECORD_TOKEN",
    default=None,
    metavar="TOKEN",
    help="Allow edits to whoever gives this token (default: read-only) [env: ONRECORD_TOKEN].",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes answering requests (one per core uses every core).",
)
def serve(db: str, host: str, port: int, token: str | None, workers: int) -> None:
    """Serve the record in a browser, with a REST API under /api/v1 (docs/api.md).

    Listens on 127.0.0.1 unless --host says otherwise, and is read-only unless a token
    is set: then a browser logs in with it (and a script sends it as a Bearer token)
    to merge and rename speakers, reassign or delete statements and correct articles.
    """
    try:
        import uvicorn

        from onrecord.web.app import KEY_VARIABLE, create_app
    except ImportError as error:
        raise click.ClickException(f"{error}\nHint: {WEB_EXTRA_HINT}") from error
    with reported_errors():
        app = create_app(db, token=token or None)
    mode = "edits allowed with the token" if token else "read-only"
    click.echo(f"serving {db} at http://{host}:{port}/ ({mode}); Ctrl-C stops", err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    # Each worker process builds its own app from the settings, with one cookie key.
    os.environ[_variable("db")] = db if is_server_url(db) else str(Path(db).resolve())
    os.environ[_variable("token")] = token or ""
    os.environ[KEY_VARIABLE] = app.state.web.access.key.hex()
    uvicorn.run(
        "onrecord.web.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
    )


def _variable(name: str) -> str:
    return next(s.env_var for s in settings.SETTINGS if s.name == name)
