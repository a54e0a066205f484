"""Evaluate attribution extraction on a PolNeAR split: read it, extract, score, report.

A split directory holds `text/<stem>.txt` and `attributions/<stem>_<annotator>.ann`.
A few texts were annotated by several annotators; the gold of such a text is the .ann
whose annotator id sorts first (as a string), so every run scores the same gold.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from onrecord.errors import InputError
from onrecord.eval.brat import gold_attributions, offsets_agree, read_ann
from onrecord.eval.errors import Breakdown, breakdown, breakdown_lines
from onrecord.eval.scoring import ROLES, DocumentPair, Scores, score
from onrecord.models import Attribution, ProcessedArticle, Span

# (doc stem, text exactly as extracted, predicted attributions) per input text.
Extractor = Callable[[list[Path]], Iterable[tuple[str, str, list[Attribution]]]]

# Newlines as onrecord's readers normalise them: CR LF, lone CR, Unicode line separators.
NEWLINES = re.compile(r"\r\n?|\u2028|\u2029|\x85")


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """One text of the split with the gold attributions of its chosen annotation."""

    doc: str
    path: Path
    text: str
    annotator: str
    attributions: tuple[Attribution, ...]


@dataclass
class GoldSplit:
    """A PolNeAR split as read: its documents and what the reading found along the way."""

    documents: list[GoldDocument] = field(default_factory=list)
    annotation_files: int = 0
    multiply_annotated: int = 0  # texts with more than one .ann
    unannotated: list[str] = field(default_factory=list)  # texts without any .ann
    untexted: list[str] = field(default_factory=list)  # .ann files without a text
    offsets_total: int = 0  # text-bound lines of the chosen annotations
    offsets_agreeing: int = 0  # ... whose offsets reproduce their annotated text
    orphans: Counter[str] = field(default_factory=Counter)  # unused text-bounds, by label
    dropped: Counter[str] = field(default_factory=Counter)  # unusable events and arguments

    @property
    def gold_attributions(self) -> int:
        return sum(len(d.attributions) for d in self.documents)

    @property
    def offset_agreement(self) -> float:
        return self.offsets_agreeing / self.offsets_total if self.offsets_total else 1.0


@dataclass(frozen=True)
class PolnearReport:
    """The result of one evaluation run: scores, timing, and the split's accounting."""

    split_dir: Path
    gold: GoldSplit
    metrics: Scores
    predicted_attributions: int
    seconds: float
    words: int
    missing: tuple[str, ...] = ()  # texts the extractor returned nothing for
    text_mismatches: tuple[str, ...] = ()  # texts the extractor saw differently
    extra: tuple[str, ...] = ()  # documents the extractor returned that are not gold
    errors: Breakdown = field(default_factory=Breakdown)  # where the misses are

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds > 0 else 0.0

    def scores(self) -> dict[str, float]:
        """Return every score under a flat name (`source_exact_f1`, `attribution_f1`, ...)."""
        return self.metrics.as_dict()

    def format(self) -> str:
        """Return the report as text; its last line is `attribution_f1=<value>`."""
        return "\n".join(_report_lines(self))


def read_text(path: Path) -> str:
    """Read a text as onrecord reads a .txt: UTF-8 (a BOM dropped), newlines normalised."""
    try:
        return NEWLINES.sub("\n", path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read {path}: {error}") from error


def annotation_files(split_dir: Path) -> dict[str, list[Path]]:
    """Return each text stem's .ann files, sorted by annotator id (the first is the gold)."""
    by_stem: dict[str, list[Path]] = {}
    for path in sorted((split_dir / "attributions").glob("*.ann")):
        stem = path.stem.rpartition("_")[0]
        by_stem.setdefault(stem or path.stem, []).append(path)
    for paths in by_stem.values():
        paths.sort(key=_annotator)
    return by_stem


def read_split(split_dir: Path) -> GoldSplit:
    """Read the texts and the chosen gold annotation of every text of a PolNeAR split."""
    _check_layout(split_dir)
    split = GoldSplit()
    anns = annotation_files(split_dir)
    texts = {path.stem: path for path in sorted((split_dir / "text").glob("*.txt"))}
    split.annotation_files = sum(len(paths) for paths in anns.values())
    split.multiply_annotated = sum(1 for paths in anns.values() if len(paths) > 1)
    split.unannotated = [stem for stem in texts if stem not in anns]
    split.untexted = [p.name for stem, ps in anns.items() if stem not in texts for p in ps]
    for stem, path in texts.items():
        if stem in anns:
            split.documents.append(_gold_document(stem, path, anns[stem][0], split))
    return split


def evaluate_polnear(split_dir: Path, *, extractor: Extractor | None = None) -> PolnearReport:
    """Run `extractor` (onrecord's own by default) over a PolNeAR split and score it."""
    split = read_split(Path(split_dir))
    if not split.documents:
        raise InputError(
            f"no annotated texts in {split_dir}",
            hint="give a PolNeAR split directory holding text/*.txt and attributions/*.ann",
        )
    run = extractor or default_extractor
    by_doc = {document.doc: document for document in split.documents}
    predicted: dict[str, list[Attribution]] = {}
    mismatches: list[str] = []
    extra: list[str] = []
    started = time.perf_counter()
    for doc, text, attributions in run([d.path for d in split.documents]):
        if doc not in by_doc:
            extra.append(doc)
        elif text != by_doc[doc].text:
            # Offsets into another text mean nothing here: score as if nothing was found.
            mismatches.append(doc)
        else:
            predicted[doc] = list(attributions)
    seconds = time.perf_counter() - started
    pairs = [
        DocumentPair(d.doc, d.text, d.attributions, predicted.get(d.doc, []))
        for d in split.documents
    ]
    return PolnearReport(
        split_dir=Path(split_dir),
        gold=split,
        metrics=score(pairs),
        errors=breakdown(pairs),
        predicted_attributions=sum(len(p) for p in predicted.values()),
        seconds=seconds,
        words=sum(len(d.text.split()) for d in split.documents),
        missing=tuple(d for d in by_doc if d not in predicted and d not in mismatches),
        text_mismatches=tuple(mismatches),
        extra=tuple(extra),
    )


def default_extractor(paths: list[Path]) -> Iterator[tuple[str, str, list[Attribution]]]:
    """Extract attributions with onrecord's pipeline, from each text exactly as written."""
    from onrecord.pipeline.run import extract  # loads spaCy: only when evaluating

    for result in extract(paths, clean_text=False):
        if isinstance(result, ProcessedArticle):
            # A Failure yields nothing: its text is reported as missing and scored empty.
            text = result.article.text
            attributions = [polnear_reading(s.attribution, text) for s in result.statements]
            yield result.article.doc, text, attributions


# "according to" right before a channel's words, as PolNeAR's cue reads it.
ACCORDING_TO = re.compile(r"according\s+to\s+$", re.IGNORECASE)


def polnear_reading(attribution: Attribution, text: str) -> Attribution:
    """Return a statement as PolNeAR annotates it: a channel is the source.

    onrecord gives "X said A, according to Fars" to X, with Fars its channel; PolNeAR
    annotates Fars as the source, "according to" the cue and "X said A" the content. "State
    TV quoted him as saying A" is State TV's, with the cue "quoted him as saying". A
    statement without a channel is read as it is.
    """
    if not attribution.channel:
        return attribution
    channel = attribution.channel[0]
    spans = attribution.source + attribution.cue + attribution.content
    lead = ACCORDING_TO.search(text, max(0, channel.start - 20), channel.start)
    if lead is not None:  # "…, according to Fars": the person's words are the content
        cue = Span(lead.start(), lead.start() + len(lead.group().rstrip()))
        content = Span(min(s.start for s in spans), max(s.end for s in spans))
    else:  # "State TV quoted him as saying A"
        roles = attribution.cue + attribution.source
        cue = Span(min(s.start for s in roles), max(s.end for s in roles))
        content = attribution.content[0] if attribution.content else cue
    return Attribution(
        source=attribution.channel,
        cue=(cue,),
        content=(content,),
        kind=attribution.kind,
        confidence=attribution.confidence,
    )


def gold_extractor(split_dir: Path) -> Extractor:
    """Return an extractor that 'predicts' the split's gold: scores 1.0 when all is well."""
    documents = {d.path: d for d in read_split(split_dir).documents}

    def extract(paths: list[Path]) -> Iterator[tuple[str, str, list[Attribution]]]:
        for path in paths:
            document = documents[path]
            yield document.doc, document.text, list(document.attributions)

    return extract


def _gold_document(stem: str, text_path: Path, ann_path: Path, split: GoldSplit) -> GoldDocument:
    text = read_text(text_path)
    ann = read_ann(ann_path)
    agreeing, total = offsets_agree(ann, text)
    split.offsets_agreeing += agreeing
    split.offsets_total += total
    gold = gold_attributions(ann, text)
    split.orphans.update(gold.orphans)
    split.dropped.update(gold.dropped)
    return GoldDocument(stem, text_path, text, _annotator(ann_path), gold.attributions)


def _annotator(path: Path) -> str:
    return path.stem.rpartition("_")[2]


def _check_layout(split_dir: Path) -> None:
    for sub in ("text", "attributions"):
        if not (split_dir / sub).is_dir():
            raise InputError(
                f"{split_dir} has no {sub}/ directory",
                hint="give a PolNeAR split directory holding text/*.txt and attributions/*.ann",
            )


def _report_lines(report: PolnearReport) -> Iterator[str]:
    gold = report.gold
    yield f"PolNeAR split: {report.split_dir}"
    yield (
        f"texts: {len(gold.documents)} scored, {gold.annotation_files} annotation files, "
        f"{gold.multiply_annotated} texts with several (first annotator id taken)"
    )
    yield (
        f"attributions: {gold.gold_attributions} gold, {report.predicted_attributions} predicted"
    )
    yield (
        f"gold offsets reproducing their text: {gold.offsets_agreeing}/{gold.offsets_total} "
        f"({gold.offset_agreement:.2%})"
    )
    orphans = ", ".join(f"{label} {n}" for label, n in sorted(gold.orphans.items()))
    yield f"text-bounds in no attribution (ignored): {sum(gold.orphans.values())} ({orphans})"
    if gold.dropped:
        dropped = ", ".join(f"{reason} {n}" for reason, n in sorted(gold.dropped.items()))
        yield f"gold left out: {dropped}"
    for label, names in (
        ("texts with no output from the extractor", report.missing),
        ("texts the extractor read differently (scored as empty)", report.text_mismatches),
        ("documents the extractor returned that have no gold", report.extra),
    ):
        if names:
            more = ", ..." if len(names) > 5 else ""
            yield f"{label}: {len(names)} ({', '.join(names[:5])}{more})"
    yield (
        f"time: {report.seconds:.1f} s for {report.words} words "
        f"({report.words_per_second:.0f} words/s)"
    )
    yield ""
    yield from score_table(report.metrics)
    yield ""
    yield from breakdown_lines(report.errors)
    yield ""
    yield f"attribution_f1={report.metrics.attribution.f1:.4f}"


def score_table(metrics: Scores) -> Iterator[str]:
    """Return the scores as the lines of a table: per role and kind of match, and overall."""
    yield f"{'':<24}{'precision':>10}{'recall':>10}{'f1':>10}{'matched':>9}{'pred':>8}{'gold':>8}"
    rows = [(f"{role} exact", metrics.exact[role]) for role in ROLES]
    rows += [(f"{role} token", metrics.token[role]) for role in ROLES]
    rows.append(("attribution", metrics.attribution))
    for name, c in rows:
        yield (
            f"{name:<24}{c.precision:>10.4f}{c.recall:>10.4f}{c.f1:>10.4f}"
            f"{c.matched:>9}{c.predicted:>8}{c.gold:>8}"
        )
