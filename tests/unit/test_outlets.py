"""Outlet names: the shipped table, and a site's own name over a name its page only mentions."""

from __future__ import annotations

from collections import Counter
from importlib import resources

import pytest

from onrecord.cleaning import clean
from onrecord.ingest.metadata import extract_metadata
from onrecord.ingest.outlets import name_fits_host, outlet_of_host, read_outlet_table
from onrecord.models import RawDocument

BODY = "Harbour Minister Tomas Vell said on Monday that the new pier would open in May."


def _outlet(text: str, **hints: str) -> str | None:
    raw = RawDocument(doc="d", source="d.txt", format="txt", text=text, hints=dict(hints))
    return extract_metadata(clean(text), raw).outlet


def test_a_known_name_in_the_masthead_is_not_another_sites_outlet() -> None:
    text = "IFP Exclusive\n\nPier to open in May\n\n" + BODY
    assert _outlet(text) == "Iran Front Page"  # no URL: the masthead is all there is
    assert _outlet(text, url="https://www.vell-evening.example/x") == "Vell Evening"
    assert _outlet(text, url="https://www.ifpnews.example/x") == "Iran Front Page"


@pytest.mark.parametrize(
    ("name", "host", "fits"),
    [
        ("Tehran Times", "www.tehrantimes.com", True),
        ("IFP", "ifpnews.com", True),  # initials
        ("Iran Front Page", "ifpnews.com", True),  # its initials are the host's
        ("The Hill", "amp.thehill.com", True),
        ("Reuters", "www.vell-evening.example", False),
        ("AP", "www.papers.example", False),  # two letters fit too many hosts by chance
    ],
)
def test_a_name_fits_a_host_by_its_letters_or_initials(name: str, host: str, fits: bool) -> None:
    assert name_fits_host(name, host) is fits


@pytest.mark.parametrize(
    ("host", "outlet"),
    [
        ("www.huffingtonpost.com.au", "HuffPost"),  # a country edition of a known site
        ("news.bbc.co.uk", "BBC"),
        ("ichef.bbci.co.uk", "BBC"),
        ("en.kremlin.ru", "President of Russia"),
        ("obamawhitehouse.archives.gov", "The White House"),
        ("www.vaticannews.va", "Vatican News"),
        ("www.ewn.co.za", "EWN"),
        ("www.wionews.com", "WION"),
        ("www.pulse.com.gh", "Pulse Ghana"),
    ],
)
def test_common_news_hosts_are_in_the_shipped_table(host: str, outlet: str) -> None:
    assert outlet_of_host(host) == outlet


def test_the_shipped_table_gives_each_domain_one_outlet() -> None:
    text = resources.files("onrecord").joinpath("data/outlets.csv").read_text("utf-8")
    outlets = read_outlet_table(text, "outlets.csv")
    domains = Counter(domain for outlet in outlets for domain in outlet.domains)
    # politico.eu is Politico's and Politico Europe's: the later row names it
    assert [d for d, n in domains.items() if n > 1] == ["politico.eu"]
    assert len(outlets) > 450
