"""Known news outlets, as data: the name onrecord records, the names and domains that mean it.

The table ships as `onrecord/data/outlets.csv` (name, aliases, domains); the setting
`outlets` names a user's own table in the same form, whose rows win over the shipped ones.
An outlet found in a dateline, a masthead or a URL is recorded under its table name; a host
not in the table gets a readable name made from its registered domain ("Korvhaven Daily"
for `www.korvhaven-daily.example`), never a raw host such as `cdn01.example.com`.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from onrecord import settings
from onrecord.errors import InputError

# Labels in front of a site's registered domain that name a server, an edition or a
# format, not the outlet: "www.", "amp.", "cdn01.", "digital-release.", "english.".
SERVICE_LABEL = re.compile(
    r"^(?:www\d*|m|mobile|amp|cdn\d*|static\d*|img\d*|media\d*|digital-release|english|en"
    r"|edition|beta|archive|web|news|origin|prod)$"
)
# Hosting platforms whose subdomain is the site: "whyevolutionistrue.wordpress.com", under
# any of the platform's country domains ("librabunda.blogspot.co.uk").
PLATFORMS = frozenset(
    {
        "wordpress",
        "blogspot",
        "substack",
        "medium",
        "tumblr",
        "wixsite",
        "typepad",
        "livejournal",
        "weebly",
        "mu",
    }
)
# A site name run together is split into words ("thehill" -> "The Hill") only when every
# part has this many letters or is a short word of names ("the", "one"); other splits are
# guesses ("newser" -> "new ser", "talanews" -> "tal a news") and the domain is kept.
MIN_SPLIT_LETTERS = 4
SHORT_WORDS = frozenset({"the", "of", "and", "for", "one", "new", "our", "my", "all", "day", "sun"})
# A word of a site's name this short is written in capitals ("un" -> "UN"), unless it is a
# short word of names (SHORT_WORDS).
SHORT_ABBREVIATION = 3
# A name fits a host only through this many letters at least ("BBC" on bbc.co.uk): a
# shorter key ("AP") is found inside too many hosts by chance.
MIN_FIT_LETTERS = 3
# Two-part public suffixes used when the public suffix list does not know a host's ending
# (a reserved `.example` host, say): "co.uk", "com.au", "org.uk" ...
SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go"})


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str  # the name onrecord records
    aliases: tuple[str, ...]  # other names and abbreviations (matched ignoring case)
    domains: tuple[str, ...]  # registered domains; subdomains match too


@dataclass(frozen=True)
class OutletTable:
    """Outlets by every name they go by and by domain."""

    outlets: tuple[Outlet, ...]

    def named(self, name: str) -> str | None:
        """Return the recorded name of the outlet called `name`, or None."""
        return self._by_name().get(" ".join(name.split()).casefold())

    def of_host(self, host: str) -> str | None:
        """Return the recorded name of the outlet whose domain serves `host`, or None."""
        labels = host.casefold().rstrip(".").split(".")
        domains = self._by_domain()
        # The longest matching domain wins: "profit.ndtv.com" before "ndtv.com".
        for start in range(len(labels) - 1):
            if found := domains.get(".".join(labels[start:])):
                return found
        return None

    @cache  # noqa: B019  (tables are few and live as long as the process)
    def _by_name(self) -> dict[str, str]:
        return {
            alias.casefold(): outlet.name
            for outlet in reversed(self.outlets)
            for alias in (outlet.name, *outlet.aliases)
        }

    @cache  # noqa: B019
    def _by_domain(self) -> dict[str, str]:
        return {
            domain.casefold(): outlet.name
            for outlet in reversed(self.outlets)
            for domain in outlet.domains
        }


def read_outlet_table(text: str, where: str) -> tuple[Outlet, ...]:
    """Parse an outlets CSV (lines starting with "#" are comments); raise InputError if bad."""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    rows = list(csv.reader(io.StringIO("\n".join(lines))))
    if not rows or [cell.strip().casefold() for cell in rows[0]] != ["name", "aliases", "domains"]:
        raise InputError(
            f"{where}: an outlets table starts with the header line 'name,aliases,domains'"
        )
    outlets = []
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != 3 or not row[0].strip():
            raise InputError(f"{where}: row {number} needs a name, aliases and domains")
        outlets.append(
            Outlet(
                name=row[0].strip(),
                aliases=_items(row[1]),
                domains=tuple(d.casefold() for d in _items(row[2])),
            )
        )
    return tuple(outlets)


def _items(cell: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in cell.split(";") if item.strip())


@cache
def outlet_table(user_path: str = "") -> OutletTable:
    """Return the shipped table, with the rows of the user's table at `user_path` first."""
    shipped = resources.files("onrecord").joinpath("data/outlets.csv").read_text("utf-8")
    outlets = read_outlet_table(shipped, "onrecord/data/outlets.csv")
    if user_path:
        try:
            text = Path(user_path).read_text(encoding="utf-8")
        except OSError as error:
            raise InputError(
                f"cannot read the outlets table {user_path}: {error.strerror or error}",
                hint="set ONRECORD_OUTLETS to a CSV file with columns name,aliases,domains",
            ) from error
        outlets = read_outlet_table(text, user_path) + outlets
    return OutletTable(outlets)


def _table() -> OutletTable:
    return outlet_table(settings.get("outlets"))


def outlet_named(name: str) -> str | None:
    """Return the recorded name of the known outlet called `name`, or None."""
    return _table().named(name)


def outlet_of_host(host: str) -> str | None:
    """Return the recorded name of the known outlet whose domain serves `host`, or None."""
    return _table().of_host(host)


def site_domain(host: str) -> str:
    """Return the registered domain of `host`: "cdn01.dailycaller.com" -> "dailycaller.com"."""
    from tld import get_fld

    host = host.casefold().rstrip(".")
    found = get_fld(host, fix_protocol=True, fail_silently=True)
    if isinstance(found, str) and found:
        return found
    labels = host.split(".")
    size = 3 if len(labels) >= 3 and labels[-2] in SECOND_LEVEL else 2
    return ".".join(labels[-size:])


def readable_outlet(host: str) -> str:
    """Return a name for an unknown site from its host: its registered domain without the
    server's labels ("cdn01.example.com" -> "example.com"), or the words of a hyphenated
    one, capitalised ("korvhaven-daily.example" -> "Korvhaven Daily")."""
    labels = host.casefold().rstrip(".").split(".")
    while len(labels) > 2 and SERVICE_LABEL.match(labels[0]):
        labels = labels[1:]
    domain = site_domain(".".join(labels))
    parts = domain.split(".")
    # The public suffix list names some platforms ("x.blogspot.com" is a domain), not others.
    blog = len(parts) > 2 and parts[1] in PLATFORMS
    if parts[0] in PLATFORMS and len(labels) > len(parts):
        domain, blog = ".".join(labels[-len(parts) - 1 :]), True
    name = domain.split(".")[0]
    words = [w for w in re.split(r"[-_]+", name) if w]
    if len(words) < 2:
        words = _split_words(name)
    # A site's news service on its own host is its news outlet: "news.un.org" -> "UN News".
    every = host.casefold().rstrip(".").split(".")
    service = every[: len(every) - len(domain.split("."))]
    if service[-1:] == ["news"] and "news" not in name:
        words = [*words, "news"]
    if len(words) < 2:
        # A blog is named by its own label, not by its platform's domain:
        # "librabunda.blogspot.co.uk" is "Librabunda"; another site keeps its domain.
        return name[:1].upper() + name[1:] if blog else domain
    return " ".join(_capitalised(w) for w in words)


def name_fits_host(name: str, host: str) -> bool:
    """Whether an outlet's name could be the site at `host`: its letters are the site's
    name ("Tehran Times" on tehrantimes.com), or its initials are ("IFP" on ifpnews.com)."""
    site = re.sub(r"[^a-z0-9]", "", site_domain(host).split(".")[0])
    words = re.findall(r"[a-z0-9]+", name.casefold())
    if not site or not words:
        return False
    joined = "".join(words[1:] if words[0] == "the" and len(words) > 1 else words)
    initials = "".join(word[0] for word in words)
    return any(
        len(key) >= MIN_FIT_LETTERS and (key in site or site in key) for key in (joined, initials)
    )


def _capitalised(word: str) -> str:
    """A word of an outlet's name as written: a short one is an abbreviation ("UN")."""
    if len(word) <= SHORT_ABBREVIATION and word not in SHORT_WORDS:
        return word.upper()
    return word[:1].upper() + word[1:]


def _split_words(name: str) -> list[str]:
    """The English words a site's name runs together ("thehill" -> the, hill), or [name]
    when a part is too short to trust ("newser" splits into new, ser: kept whole)."""
    import wordninja  # its word list loads on first use: only for unknown hosts

    words = wordninja.split(name)
    trusted = all(
        len(word) >= MIN_SPLIT_LETTERS or word in SHORT_WORDS
        for word in words
        if word.isalpha() or not word
    )
    if not trusted or not all(word.isalpha() for word in words) or "".join(words) != name:
        return [name]
    return words
