"""What the date rules need to know about an article's statements beyond the dates.

Sentences, quoted passages, which statements are reported inside another one's content,
which refer back to an earlier utterance ("had said", "had on September 17 downplayed"),
which belong to one speaker, and the sentences that say when and where the remarks were
made ("The Supreme Leader made the remarks in ... on Saturday").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from onrecord.models import Analysis, Span, Statement

# Opening and closing marks of a quotation; a straight mark both opens and closes.
QUOTE_PAIRS = {"“": "”", '"': '"', "«": "»"}
# Quotation marks that open and close alike.
STRAIGHT_QUOTES = frozenset({'"'})
# A pluperfect: the statement reports an utterance made before the article's event.
HAD = re.compile(r"\bhad\b", re.IGNORECASE)
# How many words after the source (or before the cue) a pluperfect "had" may stand.
HAD_WINDOW_WORDS = 3
# A sentence that reports when or where the remarks were made, without being a statement.
REMARKS = re.compile(
    r"\b(?:made|delivered|gave)\s+(?:the|these|those|his|her|their|its|a|an)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:remarks|comments|statement|speech|address|apology|broadcast)\b"
    r"|\b(?:the\s+)?(?:remarks|comments)\s+(?:were|was)\s+made\b"
    # "Her comments came in an interview ...": where and when they were made; not "came
    # after ..." or "came as ...", which name another event
    r"|\b(?:remarks|comments)\s+came\s+(?:during|at|in)\b",
    re.IGNORECASE,
)
# Pronouns a speaker's names may include (from sources such as "He"): never searched for.
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "him", "her", "them"})
# Mention labels that can name a speaker in a sentence like "X on Monday ruled out ...".
SPEAKER_LABELS = frozenset({"PERSON", "ORG", "NORP", "NP"})
# A weekday or relative day the parse glued to a name ("Ali Khamenei Wednesday").
GLUED_DATE = re.compile(
    r"\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today)$",
    re.IGNORECASE,
)


def normal_name(words: str) -> str:
    """Return a name as compared: lower case, no leading "the", no possessive, one space."""
    name = " ".join(words.lower().split()).removeprefix("the ")
    return name.removesuffix("’s").removesuffix("'s")


def speaker_key(statement: Statement) -> str | None:
    """Return the key grouping a statement with others by the same speaker (None: unknown)."""
    if not statement.speaker:
        return None
    return normal_name(GLUED_DATE.sub("", statement.speaker))


def quoted_regions(text: str, paragraphs: Sequence[Span]) -> tuple[Span, ...]:
    """Return each quotation, marks included; an unclosed one runs to its paragraph's end (a
    straight one, to its line's end)."""
    regions = []
    for paragraph in paragraphs or (Span(0, len(text)),):
        opened: int | None = None
        closer = ""
        for offset in range(paragraph.start, paragraph.end):
            char = text[offset]
            if opened is None and char in QUOTE_PAIRS:
                opened, closer = offset, QUOTE_PAIRS[char]
            elif opened is not None and char == closer:
                regions.append(Span(opened, offset + 1))
                opened = None
            elif opened is not None and char == "\n" and closer in STRAIGHT_QUOTES:
                # A straight mark cannot tell an opening from a closing one: left open at
                # the end of its line, it ends there rather than pair with the next line's
                # opening mark and turn the reporter's words between them into a quotation.
                regions.append(Span(opened, offset))
                opened = None
        if opened is not None:
            regions.append(Span(opened, paragraph.end))
    return tuple(regions)


@dataclass(frozen=True, slots=True)
class Remark:
    """A sentence saying when or where remarks were made, and whose remarks they were."""

    sentence: Span
    verb: Span  # "made the remarks"
    speaker: str | None  # speaker key, when the subject names a known speaker
    previous: int | None  # the statement just before it ("the remarks" points back to it)


class Context:
    """An article's statements with the facts about them that dating and occasions need."""

    def __init__(
        self,
        text: str,
        analysis: Analysis,
        statements: Sequence[Statement],
        captions: Sequence[Span] = (),
    ) -> None:
        self.text = text
        self.analysis = analysis
        self.statements = tuple(statements)
        self.captions = tuple(captions)
        self.sentences = tuple(sorted(analysis.sentences))
        self._starts = [sentence.start for sentence in self.sentences]
        self.quoted = quoted_regions(text, analysis.paragraphs)
        self.contents = tuple(
            span for statement in self.statements for span in statement.attribution.content
        )
        self.keys = tuple(speaker_key(statement) for statement in self.statements)
        self.names = self._speaker_names()

    def sentence(self, offset: int) -> Span:
        """Return the sentence holding `offset` (the whole text if the parse gave none)."""
        index = bisect.bisect_right(self._starts, offset) - 1
        if index >= 0 and offset < self.sentences[index].end:
            return self.sentences[index]
        return Span(0, len(self.text))

    def next_sentence(self, sentence: Span) -> Span | None:
        """Return the sentence after `sentence`, if any."""
        index = bisect.bisect_left(self._starts, sentence.end)
        return self.sentences[index] if index < len(self.sentences) else None

    def paragraph(self, offset: int) -> int:
        """Return the number of the paragraph holding `offset` (-1 when outside them all).

        A paragraph opening in lower case continues the one before it: a sentence a page
        broke in two ("... Narendra Modi said late" / "on 8 November 2016 evening.").
        """
        number = -1
        for paragraph in self.analysis.paragraphs:
            if not self.text[paragraph.start : paragraph.start + 1].islower():
                number += 1
            if paragraph.start <= offset < paragraph.end:
                return number
        return -1

    def line(self, offset: int) -> str:
        """Return the line of text holding `offset`."""
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        return self.text[start : end if end != -1 else len(self.text)]

    def anchor(self, index: int) -> Span | None:
        """Return the span a statement's date is looked for around: its cue, else its source."""
        attribution = self.statements[index].attribution
        spans = attribution.cue or attribution.source
        return spans[0] if spans else None

    def in_caption(self, span: Span) -> bool:
        """Whether a span lies inside a photo caption the cleaning marked."""
        return any(c.start <= span.start and span.end <= c.end for c in self.captions)

    def in_quote(self, span: Span) -> bool:
        """Whether a span lies inside a quotation."""
        return any(region.start <= span.start and span.end <= region.end for region in self.quoted)

    def nested(self, index: int) -> bool:
        """Whether a statement is reported inside another statement's content."""
        anchor = self.anchor(index)
        own = self.statements[index].attribution.content
        return anchor is not None and any(
            content.start <= anchor.start < content.end
            for content in self.contents
            if content not in own
        )

    def refers_back(self, index: int) -> bool:
        """Whether a statement reports an earlier utterance: "had said", "X had on ... said"."""
        attribution = self.statements[index].attribution
        if attribution.cue and HAD.fullmatch(attribution.cue[0].text(self.text).split()[0]):
            return True
        cue = attribution.cue[0] if attribution.cue else None
        windows = [self._words_before(cue.start)] if cue else []
        for source in attribution.source:
            end = cue.start if cue and cue.start > source.end else self.sentence(source.end).end
            windows.append(self.text[source.end : end].split()[:HAD_WINDOW_WORDS])
        return any(HAD.fullmatch(word) for words in windows for word in words)

    def _words_before(self, offset: int) -> list[str]:
        sentence = self.sentence(offset)
        return self.text[sentence.start : offset].split()[-2:]

    def same_speaker(self, key: str | None) -> Iterator[int]:
        """Yield the indices of the statements by the speaker with this key."""
        return (index for index, other in enumerate(self.keys) if key and other == key)

    def speaker_of(self, words: str) -> str | None:
        """Return the key of the known speaker that `words` name, if any."""
        name = normal_name(words)
        exact = (key for key, names in self.names.items() if name in names)
        # A family name first ("Xi" for "Xi Jinping") or last ("Modi" for "Narendra Modi").
        longer = (
            key for key in self.names if name.endswith(" " + key) or name.startswith(key + " ")
        )
        titled = (
            k for k, names in self.names.items() if any(name.endswith(" " + n) for n in names)
        )
        return next(exact, None) or next(longer, None) or next(titled, None) or self._family(name)

    def _family(self, name: str) -> str | None:
        """The one known speaker whose full name ends in `name`, a single word ("Vell" for
        "Ana Vell" when no other speaker is a Vell); else None."""
        if not name or " " in name or name in PRONOUNS:
            return None
        keys = [key for key in self.names if key.endswith(" " + name)]
        return keys[0] if len(keys) == 1 else None

    def _speaker_names(self) -> dict[str, set[str]]:
        names: dict[str, set[str]] = {}
        for key, statement in zip(self.keys, self.statements, strict=True):
            if key is None:
                continue
            spans = statement.attribution.source + (
                (statement.speaker_span,) if statement.speaker_span else ()
            )
            found = names.setdefault(key, {key})
            found.update(normal_name(span.text(self.text)) for span in spans)
        return names

    def remarks(self) -> Iterator[Remark]:
        """Yield the sentences that say when or where remarks were made."""
        for sentence in self.sentences:
            match = REMARKS.search(self.text, sentence.start, sentence.end)
            if match is None or self.in_quote(Span(match.start(), match.end())):
                continue
            subject = self.text[sentence.start : match.start()]
            before = [i for i in range(len(self.statements)) if self._before(i, sentence)]
            yield Remark(
                sentence,
                Span(match.start(), match.end()),
                self.speaker_of(subject) if subject.strip() else None,
                before[-1] if before else None,
            )

    def _before(self, index: int, sentence: Span) -> bool:
        anchor = self.anchor(index)
        return anchor is not None and anchor.end <= sentence.start and not self.nested(index)

    def names_in(self, span: Span) -> list[tuple[Span, str]]:
        """Return where a known speaker's name is written in `span` when the parse found no
        mention there ("PM Modi abolished ..." tagged as nothing)."""
        found: list[tuple[Span, str]] = []
        for key, names in self.names.items():
            for name in names:
                if len(name) < 3 or name in PRONOUNS:
                    continue
                pattern = re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE)
                found.extend(
                    (Span(m.start(), m.end()), key)
                    for m in pattern.finditer(self.text, span.start, span.end)
                )
        return found

    def speaker_mentions(self) -> Iterator[tuple[Span, str]]:
        """Yield spans that name a known speaker, with the speaker's key."""
        for mention in self.analysis.mentions:
            if mention.label in SPEAKER_LABELS:
                key = self.speaker_of(mention.text)
                if key is not None:
                    yield mention.span, key
        for key, statement in zip(self.keys, self.statements, strict=True):
            if key is not None:
                yield from ((span, key) for span in statement.attribution.source)
