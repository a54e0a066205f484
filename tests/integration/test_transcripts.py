"""Pages that give the text of a speech: one `transcript` statement per paragraph of it.

Each page is ours, written in the forms real transcript pages take: an official site's
"The following is the full text of the speech delivered on …, by …", a news story that
turns to "Here's a full transcript of her statement", and a line ending in a colon.
"""

from __future__ import annotations

import datetime as dt

import pytest

from onrecord.models import Kind, ProcessedArticle, Span
from onrecord.pipeline.run import extract_text

pytestmark = pytest.mark.slow

OFFICIAL = """\
Harbour Authority of Port Selden

Speeches

Address by Harbour Minister Tomas Vell at the opening of the north pier

The following is the full text of the speech delivered on 3 May 2026 by Harbour Minister \
Tomas Vell at the opening of the north pier in Port Selden.

Friends, neighbours and crews of the coast,

Today the north pier opens, two winters later than we promised. I will not pretend the \
storms were the only reason for the delay.

We will keep the old quay open for the small boats until the autumn. Nobody who fishes from \
it will lose a berth.

Thank you.

Share this page
"""

NEWS_THEN_TEXT = """\
Vell steps down as harbour minister

Tomas Vell fought back tears as he told reporters on Friday that he would leave the \
harbour ministry at the end of the month.

Here's a full transcript of his statement made outside the harbour office.

"When I first walked through this door, I wanted a harbour that works for every crew, not \
only the largest fleets.

"I have done what I could. The north pier is open, and the old quay stays open too.

"It is time for someone else to finish the work."

Opposition leader Ines Marr said the minister had left the harbour in better shape than \
he found it.
"""

COLON_LEAD = """\
On 12 June 2026, Tomas Vell announced his resignation from the harbour ministry.

In a short speech on the quay, Harbour Minister Tomas Vell confirmed that he would hand \
over to his deputy:

Ever since I took this post I have wanted the coast to feel the harbour is theirs.

I negotiated the new berths with every crew that asked, and I kept the old quay open.
"""


def transcript(article: ProcessedArticle) -> list[tuple[str, str | None, dt.date | None]]:
    text = article.article.text
    return [
        (
            s.attribution.content[0].text(text),
            s.speaker,
            s.said_on.value if s.said_on else None,
        )
        for s in article.statements
        if s.kind is Kind.TRANSCRIPT
    ]


def assert_spans_hold(article: ProcessedArticle) -> None:
    text = article.article.text
    for statement in article.statements:
        a = statement.attribution
        for span in a.source + a.cue + a.content:
            assert 0 <= span.start < span.end <= len(text), span


def test_an_official_full_text_is_the_ministers_speech() -> None:
    article = extract_text(OFFICIAL)
    found = transcript(article)
    # the salutation (no sentence) and "Thank you." (too short) are no statements
    assert [words.split()[0] for words, _, _ in found] == ["Today", "We"]
    assert {speaker for _, speaker, _ in found} == {"Tomas Vell"}
    assert {said for _, _, said in found} == {dt.date(2026, 5, 3)}
    assert_spans_hold(article)
    # the speaker's own "I will not pretend" is the transcript's, not a statement of "I"
    sources = [s.attribution.source[0].text(article.article.text) for s in article.statements]
    assert "I" not in sources


def test_a_story_turning_to_a_full_transcript() -> None:
    article = extract_text(NEWS_THEN_TEXT)
    found = transcript(article)
    assert [words[:12] for words, _, _ in found] == [
        '"When I firs',
        '"I have done',
        '"It is time ',
    ]
    assert {speaker for _, speaker, _ in found} == {"Tomas Vell"}
    # the story resumes with another speaker: hers is no paragraph of his speech
    marr = [s for s in article.statements if s.speaker and "Marr" in s.speaker]
    assert marr and all(s.kind is not Kind.TRANSCRIPT for s in marr)


def test_a_line_ending_in_a_colon_announces_the_speech() -> None:
    article = extract_text(COLON_LEAD)
    found = transcript(article)
    assert len(found) == 2
    assert {speaker for _, speaker, _ in found} == {"Tomas Vell"}
    assert {said for _, _, said in found} == {dt.date(2026, 6, 12)}


def test_a_story_with_no_announcement_has_no_transcript() -> None:
    article = extract_text(
        "Tomas Vell said on Friday that the pier would open in May.\n\n"
        "The minister added that the old quay would stay open for small boats.\n"
    )
    assert transcript(article) == []


GOV_PAGE = """\
Harbour Minister's statement: 3 May 2026

Harbour Minister Tomas Vell delivered the following statement at the north pier.

From:

Harbour Authority of Port Selden and Tomas Vell

Delivered on:

3 May 2026 (Transcript of the speech, exactly as it was delivered)

Two winters ago I promised you a new pier, and today it opens.

We will keep the old quay open for the small boats until the autumn.
"""


def test_a_government_page_names_its_speaker_above_the_day_it_was_delivered() -> None:
    # the parse keeps "3" out of the date after "Delivered on:" and a paragraph break;
    # the dates stage reads "3 May 2026" whole
    article = extract_text(GOV_PAGE)
    found = transcript(article)
    assert [words.split()[0] for words, _, _ in found] == ["Two", "We"]
    assert {speaker for _, speaker, _ in found} == {"Tomas Vell"}
    assert {said for _, _, said in found} == {dt.date(2026, 5, 3)}
    # "Harbour Minister's statement: 3 May 2026" titles a speech: no statement of its own
    assert all(s.attribution.cue[0].text(article.article.text) != ":" for s in article.statements)


def test_on_a_speakers_own_site_i_is_the_site_owner(tmp_path) -> None:
    import json

    from click.testing import CliRunner

    from onrecord.cli import main

    page = {
        "url": "https://tomas-vell.example/news/at-the-north-pier",
        "outlet": "Tomas Vell",
        "published": "2026-05-04",
        "text": "At the north pier\n\nYesterday I opened the north pier, two winters late.\n\n"
        "I also said that the old quay would stay open for the small boats.\n",
    }
    path = tmp_path / "site.jsonl"
    path.write_text(json.dumps(page) + "\n")
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(path), "--db", db, "--silent"]).exit_code == 0
    listed = runner.invoke(main, ["statements", "--db", db, "--format", "jsonl"])
    rows = [json.loads(line) for line in listed.output.splitlines()]
    said = [r for r in rows if "old quay" in r["content"]]
    assert [(r["speaker"], r["source"]) for r in said] == [("Tomas Vell", "I")]


def test_a_site_named_after_no_person_has_no_owner() -> None:
    from onrecord.models import Metadata
    from onrecord.pipeline.analyse import site_owner

    def owner(outlet: str, url: str) -> str | None:
        return site_owner(Metadata(outlet=outlet, url=url))

    assert owner("Petra Lindqvar", "https://petra-lindqvar.example/a") == "Petra Lindqvar"
    assert owner("Tidemark Wire", "https://tidemark-wire.example/a") is None
    assert owner("Petra Lindqvar", "https://news.example/a") is None


def test_the_url_names_the_speaker_the_text_calls_her() -> None:
    from onrecord.pipeline.analyse import url_speaker

    text = "June, 58, will leave.\n\nMara June fought back tears as she revealed her decision."
    url = "https://www.harbour-herald.example/news/mara-june-s-resignation-statement-in-full/"
    assert url_speaker(text, url) == ("Mara June", Span(23, 32))
    assert url_speaker(text, "https://www.harbour-herald.example/news/resignation/") is None
    # two people the URL names: it names no one speaker
    both = text + "\n\nIda Marr thanked her."
    assert url_speaker(both, "https://x.example/mara-june-and-ida-marr-speak/") is None


def _pages(tmp_path, *pages: dict[str, str]) -> list[ProcessedArticle]:
    import json

    from onrecord.pipeline.run import extract

    path = tmp_path / "pages.jsonl"
    path.write_text("".join(json.dumps(page) + "\n" for page in pages))
    return [r for r in extract([path]) if isinstance(r, ProcessedArticle)]


def test_a_transcript_whose_speaker_only_the_url_names_in_full(tmp_path) -> None:
    [article] = _pages(
        tmp_path,
        {
            "url": "https://www.harbour-herald.example/news/mara-june-s-resignation-statement/",
            "text": "In full: June's resignation statement at the harbour office\n\n"
            "June, 58, will leave the harbour ministry on Friday, June 7.\n\n"
            "Mara June fought back tears as she revealed her decision to step down.\n\n"
            "Here's a full transcript of her resignation statement outside the harbour office."
            '\n\n"When I first walked through this door, I wanted a harbour for every crew.\n\n'
            '"I have done what I could. The north pier is open, and the old quay stays open.\n',
        },
    )
    assert {speaker for _, speaker, _ in transcript(article)} == {"Mara June"}


def test_a_transcript_whose_speaker_only_a_caption_names(tmp_path) -> None:
    [article] = _pages(
        tmp_path,
        {
            "url": "https://www.harbour-herald.example/news/harbour-speech-text",
            "text": "Harbour plan set out\n\n"
            "Harbour Minister Tomas Vell speaks at the pier in Port Selden. Photo: Lanmoor\n\n"
            "Here is the full text of his speech:\n\n"
            "Good morning. I am glad to be here with all of you today.\n\n"
            "We will open the new pier in May, and we will keep the ferry running.\n",
        },
    )
    found = transcript(article)
    assert len(found) == 2 and {speaker for _, speaker, _ in found} == {"Tomas Vell"}
    captions = article.article.captions
    for statement in article.statements:  # the source is "his", not the caption's name
        assert not any(s.overlaps(c) for s in statement.attribution.source for c in captions)


HEADED_SPEECH = """\
Tomas Vell

Address on the North Pier to the Harbour Assembly

delivered 3 May 2026, Harbour Hall, Port Selden

The Chair:  I call the Harbour Minister.

MINISTER VELL: Thank you, Chair, and I rise to open the debate on the north pier. I will \
not pretend the storms were the only reason for the delay.

We will keep the old quay open for the small boats until the autumn, and nobody who fishes \
from it will lose a berth.

I ask the assembly to back the breakwater before the herring season.
"""


def test_a_speech_under_its_speakers_name_and_a_delivered_line() -> None:
    article = extract_text(HEADED_SPEECH)
    found = transcript(article)
    # the chair's line is no paragraph of his; his own label is left out of his words
    assert [words.split()[0] for words, _, _ in found] == ["Thank", "We", "I"]
    assert {speaker for _, speaker, _ in found} == {"Tomas Vell"}
    assert {said for _, _, said in found} == {dt.date(2026, 5, 3)}
    assert_spans_hold(article)


def test_a_recap_of_a_speechs_quotes_is_the_speakers() -> None:
    article = extract_text(
        "Five lines from the pier speech\n\n"
        "Harbour Minister Tomas Vell won over the crews in Port Selden with a plain speech "
        "at the opening of the north pier on 3 May 2026.\n\n"
        "Here are some of the quotes that drew the loudest cheers:\n\n"
        "1. The quay\n"
        "We will keep the old quay open for the small boats, and nobody will lose a berth.\n\n"
        "2. The storms\n"
        "I will not pretend the storms were the only reason we were two winters late.\n"
    )
    found = transcript(article)
    assert [words.split()[0] for words, _, _ in found] == ["We", "I"]
    assert {speaker for _, speaker, _ in found} == {"Tomas Vell"}
