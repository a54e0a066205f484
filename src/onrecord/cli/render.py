"""Plain-text rendering of query results for the terminal."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Iterable, Sequence

from onrecord.models import ArticleView, ProcessedArticle, SpeakerSummary, StatementView

UNKNOWN_SPEAKER = "(speaker unknown)"
# Markers put around the spans of statement N when `show` prints an article.
OPEN = {"source": "[{n}:", "cue": "{{{n}:", "content": "«{n}:"}
CLOSE = {"source": "]", "cue": "}", "content": "»"}


def _width() -> int:
    return min(shutil.get_terminal_size((100, 24)).columns, 120)


def statement_block(view: StatementView, indent: str = "  ") -> str:
    """Render one statement: a line of facts, then its content wrapped."""
    facts = f"#{view.id}  {_when(view)}  {view.outlet or 'outlet unknown'}  {view.kind}"
    facts += f"  {view.source} {view.cue}".rstrip()
    body = textwrap.fill(
        view.content,
        width=_width(),
        initial_indent=indent + "  ",
        subsequent_indent=indent + "  ",
    )
    return f"{indent}{facts}\n{body}"


def _when(view: StatementView) -> str:
    """Say when a statement was made, else when its article was published, else unknown."""
    if view.said_on is not None:
        return f"said {view.said_on.isoformat()}"
    if view.published is not None:
        return f"published {view.published.isoformat()}"
    return "date unknown"


def statements_by_speaker(views: Sequence[StatementView]) -> str:
    """Render statements grouped under their speakers' names, most quoted speaker first."""
    groups: dict[str, list[StatementView]] = {}
    for view in views:
        groups.setdefault(view.speaker or UNKNOWN_SPEAKER, []).append(view)
    blocks = []
    for speaker, items in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])):
        noun = "statement" if len(items) == 1 else "statements"
        lines = [f"{speaker} — {len(items)} {noun}"]
        lines.extend(statement_block(view) for view in items)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def statement_list(views: Iterable[StatementView]) -> str:
    """Render statements one after the other, each with its speaker."""
    return "\n".join(
        f"{view.speaker or UNKNOWN_SPEAKER}\n{statement_block(view)}" for view in views
    )


def speakers_table(summaries: Sequence[SpeakerSummary]) -> str:
    """Render speakers as an aligned table, with their numbers and other names."""
    header = ("#", "speaker", "kind", "statements", "articles", "outlets", "aliases")
    rows = [
        (
            str(s.id or ""),
            s.name,
            s.kind,
            str(s.statements),
            str(s.articles),
            ", ".join(s.outlets) or "-",
            _shortened(" | ".join(s.aliases)) or "-",
        )
        for s in summaries
    ]
    return _table(header, rows)


def _shortened(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def speaker_card(summary: SpeakerSummary) -> str:
    """Render one speaker with all its names."""
    lines = [
        f"speaker     {summary.id}: {summary.name}",
        f"kind        {summary.kind}",
        f"external id {summary.external_id or '-'}",
        f"statements  {summary.statements} in {summary.articles} article(s)",
        f"outlets     {', '.join(summary.outlets) or '-'}",
        "aliases",
    ]
    lines.extend(f"  {alias}" for alias in summary.aliases)
    return "\n".join(lines)


def articles_table(articles: Sequence[ArticleView]) -> str:
    """Render the article listing as an aligned table."""
    header = ("id", "doc", "published", "outlet", "title")
    rows = [
        (
            a.id[:12],
            a.doc,
            a.published.isoformat() if a.published else "-",
            a.outlet or "-",
            (a.title or "-")[:60],
        )
        for a in articles
    ]
    return _table(header, rows)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def marked_article(article: ArticleView) -> str:
    """Render an article's text with each statement's spans marked, then the statements."""
    inserts: list[tuple[int, int, str]] = []
    for n, view in enumerate(article.statements, start=1):
        for role, spans in view.spans.items():
            for start, end in spans:
                # Closing markers sort before opening ones at the same offset.
                inserts.append((start, 1, OPEN[role].format(n=n)))
                inserts.append((end, 0, CLOSE[role]))
    text = article.text
    pieces, last = [], 0
    for offset, _, marker in sorted(inserts, key=lambda item: (item[0], item[1])):
        pieces.extend([text[last:offset], marker])
        last = offset
    pieces.append(text[last:])
    head = _article_head(article)
    listing = "\n".join(
        f"{n}. {view.speaker or UNKNOWN_SPEAKER} ({view.kind}): {view.content[:100]}"
        for n, view in enumerate(article.statements, start=1)
    )
    legend = "[N: source]  {N: cue}  «N: content»"
    return f"{head}\n\n{''.join(pieces)}\n\n{legend}\n{listing}"


def _article_head(article: ArticleView) -> str:
    published = article.published.isoformat() if article.published else "unknown"
    evidence = f" ({article.published_evidence})" if article.published_evidence else ""
    return "\n".join(
        [
            f"article   {article.id}",
            f"doc       {article.doc}",
            f"source    {article.source}",
            f"title     {article.title or '-'}",
            f"outlet    {article.outlet or '-'}",
            f"published {published}{evidence}",
        ]
    )


def settings_table(rows: Sequence[tuple[str, str, str, str]]) -> str:
    """Render the settings table."""
    return _table(("setting", "value", "environment variable", "help"), rows)


def extraction_listing(processed: ProcessedArticle) -> str:
    """Render one extracted article's statements for reading."""
    text = processed.article.text
    lines = [f"{processed.article.doc}: {len(processed.statements)} statement(s)"]
    for statement in processed.statements:
        attribution = statement.attribution
        content = " … ".join(span.text(text) for span in attribution.content)
        cue = " … ".join(span.text(text) for span in attribution.cue)
        lines.append(f"  {statement.speaker or UNKNOWN_SPEAKER} | {cue} | {attribution.kind}")
        lines.append(textwrap.indent(textwrap.fill(content, width=_width() - 4), "    "))
    return "\n".join(lines)
