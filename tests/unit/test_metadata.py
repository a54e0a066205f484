"""Metadata: each field from the most direct evidence, and None rather than a guess."""

from __future__ import annotations

import datetime as dt

import pytest

from onrecord.cleaning import clean
from onrecord.ingest.metadata import extract_metadata, parse_date, url_date
from onrecord.ingest.outlets import outlet_named, outlet_of_host
from onrecord.ingest.published import speech_heading_day
from onrecord.models import Metadata, RawDocument

BODY = "Harbour Minister Tomas Vell said on Monday that the new pier would open in May."


def _metadata(text: str, fmt: str = "txt", **hints: str) -> Metadata:
    raw = RawDocument(doc="d", source="d.txt", format=fmt, text=text, hints=dict(hints))
    return extract_metadata(clean(text), raw)


def test_hints_come_first() -> None:
    meta = _metadata(
        "Jul 21, 2018\nSome Headline\n\nWASHINGTON (AP) — " + BODY,
        fmt="jsonl",
        title="Given  title",
        outlet="IRNA English",
        published="2019-06-01",
        url="https://example.org/2017/01/02/story",
    )
    assert meta == Metadata(
        title="Given title",
        outlet="IRNA",
        published=dt.date(2019, 6, 1),
        published_evidence="JSONL field",
        url="https://example.org/2017/01/02/story",
    )


def test_unknown_outlet_hint_is_kept_as_given() -> None:
    assert _metadata(BODY, outlet="The Coastline Courier").outlet == "The Coastline Courier"


def test_html_hint_evidence() -> None:
    meta = _metadata(BODY, fmt="html", published="2021-03-14")
    assert (meta.published, meta.published_evidence) == (dt.date(2021, 3, 14), "HTML metadata")


def test_title_from_first_line() -> None:
    assert _metadata("Pier to open in May\n\n" + BODY).title == "Pier to open in May"
    assert _metadata(BODY + "\n\n" + BODY).title is None
    assert _metadata("Pier to open in May").title is None


@pytest.mark.parametrize(
    ("opening", "outlet"),
    [
        ("Tehran, July 21, IRNA – ", "IRNA"),
        ("TEHRAN (Tasnim) – ", "Tasnim"),
        ("WASHINGTON (AP) — ", "Associated Press"),
        ("NEW YORK, March 3 (Reuters) - ", "Reuters"),
        ("LAGOS (XYZ) – ", "XYZ"),
        ("Port Vell, May 2, HHN – ", "HHN"),
    ],
)
def test_outlet_from_dateline(opening: str, outlet: str) -> None:
    assert _metadata("Pier to open in May\n\n" + opening + BODY).outlet == outlet


@pytest.mark.parametrize(
    "paragraph",
    [
        "The Joint Harbour Plan (JHP) – a deal of 2015 – is over, the minister said.",
        "Officials in the capital, May 2, said the pier was ready.",
        "Port Vell, May 2, the minister – speaking late – said the pier was ready.",
    ],
)
def test_not_a_dateline(paragraph: str) -> None:
    assert _metadata("Pier to open in May\n\n" + paragraph).outlet is None


def test_outlet_from_masthead() -> None:
    meta = _metadata("IFP Exclusive\n\nPier to open in May\n\n" + BODY)
    assert meta.outlet == "Iran Front Page"


def test_outlet_from_url() -> None:
    assert _metadata(BODY, url="https://www.example-news.com/a/b").outlet == "Example News"
    # A name run together is split into its words; a split with a short part is a guess.
    assert _metadata(BODY, url="https://cdn01.pierpost.example/a").outlet == "Pier Post"
    assert _metadata(BODY, url="https://www.theharbourgazette.example/a").outlet == (
        "The Harbour Gazette"
    )
    assert _metadata(BODY, url="https://www.newser.example/a").outlet == "newser.example"
    assert _metadata(BODY, url="https://en.irna.ir/news/1").outlet == "IRNA"
    assert _metadata(BODY).outlet is None


def test_published_from_header_line() -> None:
    meta = _metadata("Jul 21, 2018, 4:21 PM\nPier to open in May\n\n" + BODY)
    assert meta.published == dt.date(2018, 7, 21)
    assert meta.published_evidence == "header line 'Jul 21, 2018, 4:21 PM'"


def test_dateline_confirms_header_date() -> None:
    text = "Jul 21, 2018, 4:21 PM\nPier to open in May\n\nTehran, July 21, IRNA – " + BODY
    evidence = _metadata(text).published_evidence
    assert evidence == "header line 'Jul 21, 2018, 4:21 PM', dateline 'July 21' agrees"


def test_dateline_alone_gives_no_date() -> None:
    meta = _metadata("Pier to open in May\n\nTehran, July 21, IRNA – " + BODY)
    assert (meta.published, meta.published_evidence) == (None, None)


def test_published_from_url() -> None:
    meta = _metadata(BODY, url="https://example.org/news/2016/03/09/pier-opens")
    assert (meta.published, meta.published_evidence) == (dt.date(2016, 3, 9), "URL")


def test_never_from_body_or_boilerplate() -> None:
    text = (
        "Pier to open in May\n\nOn March 3, 2021, the minister said the pier was ready.\n\n"
        "Recent Posts\n\nStorm closes road\n\nFebruary 18, 2024\n\n2 hours ago\n"
    )
    meta = _metadata(text)
    assert (meta.published, meta.published_evidence) == (None, None)


def test_unparseable_hint_falls_through() -> None:
    meta = _metadata("May 2, 2020\nPier\n\n" + BODY, fmt="jsonl", published="sometime")
    assert meta.published == dt.date(2020, 5, 2)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2018-07-21", dt.date(2018, 7, 21)),
        ("2018-07-21T16:21:00+04:30", dt.date(2018, 7, 21)),
        ("Jul 21, 2018, 4:21 PM", dt.date(2018, 7, 21)),
        ("July 21, 2018", dt.date(2018, 7, 21)),
        ("Saturday, 21 July 2018 - 16:21", dt.date(2018, 7, 21)),
        ("Published: Sept. 3rd, 2019", dt.date(2019, 9, 3)),
        ("21 Jul, 2018", dt.date(2018, 7, 21)),
        ("July 21", None),
        ("yesterday", None),
        ("2 hours ago", None),
        ("News Code: 82977271", None),
        ("1066-10-14", None),
    ],
)
def test_parse_date(text: str, date: dt.date | None) -> None:
    assert parse_date(text) == date


def test_url_date() -> None:
    assert url_date("https://example.org/2019/11/04/talks") == dt.date(2019, 11, 4)
    assert url_date("https://example.org/news/82977271") is None


def test_outlets_table() -> None:
    assert outlet_named("ifp") == "Iran Front Page"
    assert outlet_named("Tasnim") == "Tasnim"
    assert outlet_named("Nowhere Gazette") is None
    assert outlet_of_host("www.tasnimnews.com") == "Tasnim"
    assert outlet_of_host("notirna.ir") is None


def test_no_date_from_a_story_list_near_the_top() -> None:
    text = "Pier to open in May\n\nRecent Posts\n\nFebruary 18, 2024\n\nStorm closes road\n"
    meta = _metadata(text)
    assert (meta.published, meta.published_evidence) == (None, None)


def test_date_line_under_the_headline_is_header() -> None:
    meta = _metadata("Pier to open in May\nMay 2, 2020\n\n" + BODY)
    assert meta.published == dt.date(2020, 5, 2)


# --- Real pages' forms (issue 13): date lines, URL dates, outlets, titles, languages ---


@pytest.mark.parametrize(
    ("top", "date"),
    [
        ("Publish Date : 18 August 2018 - 08:15", dt.date(2018, 8, 18)),
        ("0207 GMT August 13, 2018", dt.date(2018, 8, 13)),
        ("By Kevin Vell\n\n24 May 2019", dt.date(2019, 5, 24)),
        ("Posted on February 3, 2026 by Ilse Varn", dt.date(2026, 2, 3)),
        ("SocietyMarch 19, 2019", dt.date(2019, 3, 19)),
        ("Source: Xinhua| 2018-01-23 22:49:41|Editor: Yamei", dt.date(2018, 1, 23)),
        ("Speech of the Minister\nFebruary1, 2020", dt.date(2020, 2, 1)),
        ("August 10, 2018 / 12:11 PM / Updated 18 minutes ago", dt.date(2018, 8, 10)),
        ("By | 8th November 2016", dt.date(2016, 11, 8)),
    ],
)
def test_date_lines_in_their_many_forms(top: str, date: dt.date) -> None:
    meta = _metadata(f"Pier to open in May\n\n{top}\n\n{BODY}")
    assert meta.published == date
    assert meta.published_evidence is not None
    assert meta.published_evidence.startswith("header line '")


@pytest.mark.parametrize(
    "top",
    [
        "Updated: November 09, 2016 12:40 PM",
        "Last Updated: 12 June 2013",
        "Last modified on Friday, 3 October 2025",
    ],
)
def test_an_update_stamp_alone_is_no_publication_date(top: str) -> None:
    # A page updated years after it was written: its update stamp dates the update only.
    assert _metadata(f"Pier to open in May\n\n{top}\n\n{BODY}").published is None


def test_a_labelled_date_glued_to_the_text_is_the_date() -> None:
    meta = _metadata(" date 2019-05-24 " + BODY)
    assert meta.published == dt.date(2019, 5, 24)


@pytest.mark.parametrize(
    "caption",
    [
        "President Vell addresses the harbour board on September 19, 2017.",
        "January 17, 2017: Minister Tomas Vell opens the new pier in Port Vell. Photo: VCG",
    ],
)
def test_a_caption_naming_a_day_is_not_a_date_line(caption: str) -> None:
    meta = _metadata(f"Pier to open in May\n\n{caption}\n\n{BODY}")
    assert (meta.published, meta.published_evidence) == (None, None)


def test_a_dateline_with_a_full_date_dates_the_page() -> None:
    meta = _metadata("Pier to open in May\n\nPort Vell 9 Nov 2016: " + BODY)
    assert meta.published == dt.date(2016, 11, 9)
    assert meta.published_evidence == "dateline 'Port Vell 9 Nov 2016:'"


@pytest.mark.parametrize(
    ("url", "date"),
    [
        ("https://a.example/world/2018/08/13/pier-opens", dt.date(2018, 8, 13)),
        ("https://a.example/news/20180814/pier-opens", dt.date(2018, 8, 14)),
        ("https://a.example/world/15-Oct-2015/pier-opens", dt.date(2015, 10, 15)),
        ("https://a.example/World/201701/t20170118_800085712.html", dt.date(2017, 1, 18)),
        ("https://a.example/page/2017/0301/912256.shtml", dt.date(2017, 3, 1)),
        ("https://a.example/society/19-03-2019/pier-opens/", dt.date(2019, 3, 19)),
        ("https://a.example/2017/01-18/242142.shtml", dt.date(2017, 1, 18)),
        ("https://a.example/news/82977271", None),
        ("https://a.example/2018/08/pier-opens", None),
        ("https://a.example/statement-made-on-15-november-2018", None),
    ],
)
def test_url_dates_in_their_many_forms(url: str, date: dt.date | None) -> None:
    assert url_date(url) == date


def test_the_top_of_the_page_wins_over_the_url() -> None:
    meta = _metadata("Pier\n\nMay 2, 2020\n\n" + BODY, url="https://a.example/2019/01/01/x")
    assert (meta.published, meta.published_evidence) == (
        dt.date(2020, 5, 2),
        "header line 'May 2, 2020'",
    )


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://cdn01.dailycaller.com/2019/05/14/story", "The Daily Caller"),
        ("https://digital-release.thehill.com/story", "The Hill"),
        ("https://amp.globaltimes.cn/content/1", "Global Times"),
        ("https://www.korvhaven-daily.example/news/x", "Korvhaven Daily"),
        ("http://english.pierpost.example/2019/05/24/x", "Pier Post"),
        # a site's news service on its own host is its news outlet; short words are capitals
        ("https://news.korvhaven.example/story/1", "Korvhaven News"),
        ("https://news.un.example/story/1", "UN News"),
        ("https://vellnotes.wordpress.com/2019/03/15/x", "Vellnotes"),  # a blog by its name
        ("https://vellnotes.blogspot.co.uk/2019/03/x.html", "Vellnotes"),
        ("https://profit.ndtv.com/news/x", "NDTV Profit"),
    ],
)
def test_outlet_names_from_hosts(url: str, outlet: str) -> None:
    assert _metadata(BODY, url=url).outlet == outlet


def test_a_wire_dateline_does_not_name_the_site_that_published_it() -> None:
    text = "Pier to open in May\n\nPORT VELL (AP) — " + BODY
    assert _metadata(text).outlet == "Associated Press"
    assert _metadata(text, url="https://www.vell-evening.example/x").outlet == "Vell Evening"


def test_a_users_outlet_table_comes_first(tmp_path, monkeypatch) -> None:
    table = tmp_path / "outlets.csv"
    table.write_text("# mine\nname,aliases,domains\nThe Pier Post,PP;Pier Post,pierpost.example\n")
    monkeypatch.setenv("ONRECORD_OUTLETS", str(table))
    assert _metadata(BODY, url="https://cdn01.pierpost.example/a").outlet == "The Pier Post"
    assert outlet_named("pp") == "The Pier Post"


def test_a_bad_outlet_table_is_refused_with_its_fix(tmp_path, monkeypatch) -> None:
    from onrecord.errors import InputError
    from onrecord.ingest.outlets import outlet_table

    table = tmp_path / "outlets.csv"
    table.write_text("outlet,domain\nX,x.example\n")
    with pytest.raises(InputError, match="starts with the header line 'name,aliases,domains'"):
        outlet_table(str(table))
    with pytest.raises(InputError, match="cannot read the outlets table"):
        outlet_table(str(tmp_path / "missing.csv"))


@pytest.mark.parametrize(
    "furniture",
    [
        "Advertisement 1",
        "World",
        "Business & Economy",
        "Minister Tomas Vell at the pier, 14 October 2025. Photo: VCG",
        "0207 GMT August 13, 2018",
        "By Mara Quell",
        "News Code: 82977271",
        "Home      News      World      Business",
        "Search form",
        "Skip to main contentSkip to navigationSkip to key events",
    ],
)
def test_titles_are_never_furniture(furniture: str) -> None:
    assert _metadata(f"{furniture}\n\nPier to open in May\n\n{BODY}").title == "Pier to open in May"


def test_a_furniture_title_given_with_the_page_is_not_taken() -> None:
    text = "Pier to open in May\n\n" + BODY
    assert _metadata(text, fmt="html", title="Advertisement 3").title == "Pier to open in May"


def test_language_is_detected_and_unsure_means_english() -> None:
    from onrecord.ingest.languages import detect_language

    spanish = (
        "La ministra confirmó este viernes su decisión de dimitir durante una rueda de prensa"
        " en la capital, y dijo que había llegado el momento de dar paso a un nuevo liderazgo."
    )
    assert detect_language(spanish) == "es"
    assert detect_language(BODY) == "en"
    assert detect_language("OK 12") == "en"  # too short to judge
    # one short sentence: the model is not sure enough, so it stays English
    assert detect_language("La ministra confirmó su decisión de dimitir en la capital.") == "en"
    assert _metadata(spanish).language == "es"


def test_the_articles_listing_names_the_rule_that_chose_each_date() -> None:
    from onrecord.models import ArticleView
    from onrecord.render.text import articles_table

    def view(doc: str, evidence: str | None, language: str = "en") -> ArticleView:
        published = dt.date(2019, 5, 24) if evidence else None
        return ArticleView(
            f"{doc}0000000000",
            doc,
            doc,
            "T",
            "Vell Post",
            published,
            evidence,
            None,
            "",
            (),
            language=language,
        )

    table = articles_table(
        [
            view("a", "header line 'Publish Date : 24 May 2019 - 08:15', dateline 'May 24' agrees"),
            view("b", "URL"),
            view("c", None, "ar"),
        ]
    )
    table = list(table)
    assert table[0].split()[:6] == ["id", "doc", "published", "date", "from", "lang"]
    assert "2019-05-24  header line  en" in table[2]
    assert "2019-05-24  URL          en" in table[3]
    assert "-           -            ar" in table[4]


# --- Date lines as the second batch of real pages writes them ---


@pytest.mark.parametrize(
    ("top", "date", "rule"),
    [
        # an update's time, then the first publication, run together by the page's layout
        (
            "Tue 14 Oct 2025 21.16 EDTFirst published on Mon 13 Oct 2025 04.45 EDT",
            dt.date(2025, 10, 13),
            "header line",
        ),
        (
            "By Mara Quell Oct. 3, 2025 (updated Oct. 10) The pier opens on Monday.",
            dt.date(2025, 10, 3),
            "byline",
        ),
        (
            "Tweet Monday, 13 October, 2025 Harbour News The pier opens.",
            dt.date(2025, 10, 13),
            "opening line",
        ),
        ("Upload: harbour\n\nPost on 08-Jul-2025\n\n1 views", dt.date(2025, 7, 8), "header line"),
    ],
)
def test_date_lines_of_pages_whose_layout_ran_together(top: str, date: dt.date, rule: str) -> None:
    meta = _metadata(f"{top}\n\n{BODY}")
    assert meta.published == date
    assert meta.published_evidence is not None and meta.published_evidence.startswith(rule)


def test_a_publication_label_inside_a_run_on_line_dates_the_page() -> None:
    text = (
        "The Minister's Address on the Pier 14 October 2025 The Minister addresses the harbour "
        "board. Published 14 October 2025 From: Harbour Office " + BODY
    )
    meta = _metadata(text)
    assert (meta.published, meta.published_evidence) == (
        dt.date(2025, 10, 14),
        "labelled date 'Published 14 October 2025'",
    )


def test_a_sentences_published_is_no_label() -> None:
    text = "Pier to open in May\n\nThe survey, published on March 3, 2025, found cracks. " + BODY
    assert _metadata(text).published is None


def test_a_wire_dateline_with_the_agency_after_its_date_dates_the_page() -> None:
    text = "Pier opens\n\nPORT VELL, Oct 13, 2025 (Tidemark) – " + BODY
    meta = _metadata(text)
    assert meta.published == dt.date(2025, 10, 13)
    assert meta.published_evidence == "dateline 'PORT VELL, Oct 13, 2025'"


# --- Publication dates: forms and distractors beyond the dev pages (issue 13) ---


@pytest.mark.parametrize(
    ("top", "date", "rule"),
    [
        # digits after a publication label, in whichever order alone makes a date
        ("Published: 24/10/2025", dt.date(2025, 10, 24), "header line"),
        ("Posted on 10/24/2025 10:46 AM", dt.date(2025, 10, 24), "header line"),
        ("Published 24.10.2025", dt.date(2025, 10, 24), "header line"),
        ("Posted by harbourdesk on October 24, 2025", dt.date(2025, 10, 24), "byline"),
        # a publication stamp, then the update's: the first is the page's date
        (
            "Fri 24 Oct 2025 09.00 BST Last modified on Sat 25 Oct 2025 10.00 BST",
            dt.date(2025, 10, 24),
            "header line",
        ),
    ],
)
def test_more_date_line_forms(top: str, date: dt.date, rule: str) -> None:
    meta = _metadata(f"Pier to open in May\n\n{top}\n\n{BODY}")
    assert meta.published == date
    assert meta.published_evidence is not None and meta.published_evidence.startswith(rule)


@pytest.mark.parametrize(
    "top",
    [
        # digits that make a date in either order: which one the site means is a guess
        "Published: 03/04/2025",
        # digits with no publication label: as often an update's, a picture's or an event's
        "24/10/2025",
        "Date: 24/10/2025",
        "UPDATE (24/10/2025)",
        # update stamps, with a time or another word before the date
        "Updated 10:46 AM ET, Tue October 24, 2025",
        "Edited October 24, 2025",
        "Revised: 24 October 2025",
        # a heading naming a speech and its day: the speech's day, not the page's
        "Minister Vell Pier Speech – October 24, 2025",
        "Harbour Minister's Statement on the Pier: 24 October 2025",
        "General Audience, Wednesday, 22 October 2025",
        "Delivered on 24 October 2025",
    ],
)
def test_lines_that_are_no_publication_date(top: str) -> None:
    meta = _metadata(f"Pier to open in May\n\n{top}\n\n{BODY}")
    assert (meta.published, meta.published_evidence) == (None, None)


@pytest.mark.parametrize("heading", ["More from Harbour News", "You may also like", "Latest"])
def test_no_date_from_other_story_lists(heading: str) -> None:
    text = f"Pier to open in May\n\n{heading}\n\nFebruary 18, 2024\n\nStorm closes road\n"
    assert _metadata(text).published is None


@pytest.mark.parametrize(
    ("text", "url"),
    [
        # a dateline without a year beside a URL's year and month: the page states no
        # date of its own (the real pages' gold counts none)
        ("Pier opens\n\nPORT VELL, Oct 13 (Tidemark) - " + BODY, "https://a.example/2025/10/x"),
        # a URL's year and month alone name no day
        ("Pier opens\n\n" + BODY, "https://a.example/2025/10/x"),
    ],
)
def test_no_date_from_a_url_month_without_a_dateline_day(text: str, url: str) -> None:
    assert _metadata(text, url=url).published is None


def test_a_date_line_under_a_speech_heading_says_so_in_its_evidence() -> None:
    text = (
        "Remarks by Minister Tomas Vell to the Harbour Board\n\nHarbour Hall, Port Vell\n\n"
        "October 16, 2025\n\nThank you all for coming tonight.\n"
    )
    meta = _metadata(text)
    assert meta.published == dt.date(2025, 10, 16)
    assert meta.published_evidence == (
        "header line 'October 16, 2025', under the speech heading 'Remarks by Minister Tomas "
        "Vell to the Harbour Board'"
    )
    assert speech_heading_day(meta.published, meta.published_evidence) == (
        dt.date(2025, 10, 16),
        meta.published_evidence,
    )


@pytest.mark.parametrize(
    "top",
    [
        "Minister Vell's speech in full\n\nBy Mara Quell\n\nOctober 16, 2025",
        "Minister Vell's speech\n\nSource: Harbour News | October 16, 2025",
        "Pier to open in May\n\nOctober 16, 2025",
    ],
)
def test_a_date_line_under_a_byline_or_a_headline_is_the_pages_only(top: str) -> None:
    meta = _metadata(f"{top}\n\n{BODY}")
    assert meta.published == dt.date(2025, 10, 16)
    assert speech_heading_day(meta.published, meta.published_evidence) is None


@pytest.mark.parametrize(
    ("top", "date"),
    [
        # a broadcast's stamp, day first in digits
        ("Harbour talk dominates the week\n\nBroadcast: 16/10/2025", dt.date(2025, 10, 16)),
        # a headline ending in an abbreviation, or in title case, is no sentence of the text
        (
            "Vell Calls Pier Board 'Reckless' in Speech to U.N.\n\nThursday, October 16, 2025",
            dt.date(2025, 10, 16),
        ),
        (
            "Vell Calls The Pier Board Reckless In A Speech.\n\nOctober 16, 2025",
            dt.date(2025, 10, 16),
        ),
    ],
)
def test_date_lines_under_headlines_that_look_like_sentences(top: str, date: dt.date) -> None:
    meta = _metadata(f"{top}\n\n{BODY}")
    assert meta.published == date
    # a headline reporting a speech is no heading over its text
    assert speech_heading_day(meta.published, meta.published_evidence) is None


def test_a_date_before_last_updated_at_a_time_is_the_updates() -> None:
    meta = _metadata(f"Harbour News\n16 October 2025 Last updated at 13:03 GMT\n\n{BODY}")
    assert meta.published is None


def test_a_blogs_date_line_with_its_categories_is_the_pages_date() -> None:
    top = "No Comments » October 16th, 2025 posted by // Categories: Harbour Notes"
    assert _metadata(f"Pier to open in May\n\n{top}\n\n{BODY}").published == dt.date(2025, 10, 16)


def test_a_url_date_with_the_months_name() -> None:
    assert url_date("https://a.example/politics/2025/oct/16/pier-opens") == dt.date(2025, 10, 16)
