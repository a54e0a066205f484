"""Known news outlets, as data: the name onrecord records, the names and domains that mean it.

An outlet found in a dateline, a masthead or a URL is recorded under its `name` here;
one not in this table is kept as written (datelines) or as its domain (URLs).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str  # the name onrecord records
    aliases: tuple[str, ...]  # other names and abbreviations (matched ignoring case)
    domains: tuple[str, ...]  # registered domains; subdomains match too


OUTLETS: tuple[Outlet, ...] = (
    # Iranian outlets of the seed articles and their peers.
    Outlet("IRNA", ("Islamic Republic News Agency", "IRNA English"), ("irna.ir",)),
    Outlet("Tasnim", ("Tasnim News Agency", "Tasnim News"), ("tasnimnews.com",)),
    Outlet("Iran Front Page", ("IFP", "IFP News"), ("ifpnews.com",)),
    Outlet("Press TV", ("PressTV",), ("presstv.ir", "presstv.com")),
    Outlet("Mehr News Agency", ("Mehr", "Mehr News", "MNA"), ("mehrnews.com",)),
    Outlet("Fars News Agency", ("Fars", "Fars News", "FNA"), ("farsnews.ir",)),
    Outlet("ISNA", ("Iranian Students' News Agency",), ("isna.ir",)),
    Outlet("Tehran Times", (), ("tehrantimes.com",)),
    Outlet("Kayhan", (), ("kayhan.ir",)),
    # International wire services and broadcasters that often appear in datelines.
    Outlet("Associated Press", ("AP",), ("apnews.com",)),
    Outlet("Reuters", (), ("reuters.com",)),
    Outlet("AFP", ("Agence France-Presse", "Agence France Presse"), ("afp.com",)),
    Outlet("Xinhua", ("Xinhua News Agency",), ("xinhuanet.com",)),
    Outlet("BBC", ("BBC News",), ("bbc.com", "bbc.co.uk")),
    Outlet("CNN", (), ("cnn.com",)),
    Outlet("Al Jazeera", ("Aljazeera",), ("aljazeera.com", "aljazeera.net")),
    Outlet("The New York Times", ("New York Times", "NYT"), ("nytimes.com",)),
    Outlet("The Washington Post", ("Washington Post",), ("washingtonpost.com",)),
    Outlet("The Guardian", ("Guardian",), ("theguardian.com",)),
)

_BY_NAME: dict[str, str] = {
    alias.casefold(): outlet.name for outlet in OUTLETS for alias in (outlet.name, *outlet.aliases)
}


def outlet_named(name: str) -> str | None:
    """Return the recorded name of the known outlet called `name`, or None."""
    return _BY_NAME.get(" ".join(name.split()).casefold())


def outlet_of_host(host: str) -> str | None:
    """Return the recorded name of the known outlet whose domain serves `host`, or None."""
    host = host.casefold().rstrip(".")
    for outlet in OUTLETS:
        for domain in outlet.domains:
            if host == domain or host.endswith("." + domain):
                return outlet.name
    return None
