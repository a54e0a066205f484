"""Hypothesis strategies for the fault suite: news-like text, hostile bytes, JSON lines, records."""

from __future__ import annotations

import json

from hypothesis import strategies as st

# Pieces of scraped news text: words that make statements, quote marks, boilerplate lines,
# date lines and odd characters, so generated texts reach the rules that matter.
TOKENS = (
    "Minister Tomas Vell",
    "Ana Pell",
    "the mayor",
    "she",
    "he",
    "said",
    "told reporters",
    "according to",
    "on Monday",
    "yesterday",
    "“",
    "”",
    '"',
    "'",
    "’",
    ",",
    ".",
    ":",
    "—",
    "(AP) —",
    "\n",
    "\n\n",
    "Follow us on Twitter",
    "Recent Posts",
    "Back to top button",
    "News Code: 12345",
    "Jul 21, 2018, 4:21 PM",
    "READ MORE: Pier opens",
    "Photo: Jo Brandt",
    "Advertisement",
    "Recommended",
    "Home » World » Politics",
    "\u2028",
    "\r\n",
    "\t",
    "\u00a0",
    "\ufeff",
    "\u200b",
    "é",
    "\U0001f600",
    "\x1b[31m",
)

# Text as it comes: no surrogates (a decoded file never holds one).
CHARACTERS = st.characters(blacklist_categories=("Cs",))

news_text = st.lists(
    st.one_of(st.sampled_from(TOKENS), st.text(CHARACTERS, max_size=12)), max_size=60
).map(" ".join)

# Any Unicode string, lone surrogates included (what json.loads can return).
any_text = st.text(st.characters(), max_size=200)

# JSON values of every kind, nested a little.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | any_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)

FIELDS = ("text", "id", "title", "url", "published", "outlet", "date", "source")


@st.composite
def jsonl_lines(draw: st.DrawFn) -> bytes:
    """One line of a JSONL file: an object with (mostly) known fields, or anything else."""
    kind = draw(st.sampled_from(["object", "value", "bytes"]))
    if kind == "bytes":
        return draw(st.binary(max_size=200)).replace(b"\n", b" ")
    if kind == "value":
        return json.dumps(draw(json_values)).encode("utf-8", "surrogatepass")
    record = draw(
        st.dictionaries(st.sampled_from(FIELDS), json_values | news_text | any_text, max_size=6)
    )
    if draw(st.booleans()):
        record["text"] = draw(news_text | any_text)
    return json.dumps(record, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")


def file_bytes(suffix: str) -> st.SearchStrategy[bytes]:
    """The bytes of a file with `suffix`: well formed, broken, or noise."""
    texts = news_text.flatmap(
        lambda text: st.sampled_from(
            [
                text.encode("utf-8"),
                text.encode("utf-16"),
                text.encode("cp1252", "replace"),
                text.encode("utf-8")[: len(text) // 2],
            ]
        )
    )
    noise = st.binary(max_size=400)
    if suffix == ".jsonl":
        return st.lists(jsonl_lines(), max_size=5).map(b"\n".join) | noise
    if suffix == ".html":
        return (
            st.tuples(news_text, st.integers(0, 400)).map(
                lambda pair: (
                    "<html><body>"
                    + "<div>" * pair[1]
                    + "".join(f"<p>{line}</p>" for line in pair[0].split("\n"))
                    + "</div>" * pair[1]
                    + "</body></html>"
                ).encode("utf-8", "surrogatepass")
            )
            | texts
            | noise
        )
    return texts | noise
