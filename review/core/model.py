"""Frozen value types shared by every step of the pipeline: pairs, segments, links, scores, flags."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

FIELDS: tuple[str, ...] = ("headline", "body")


class Severity(str, Enum):
    INFO = "info"  # orders the review queue, never counts against quality (MQM's "neutral")
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"


@dataclass(frozen=True)
class Text:
    """One side of a document: a headline and a body whose paragraphs are separated by a blank line."""

    headline: str
    body: str

    def field(self, name: str) -> str:
        return self.headline if name == "headline" else self.body


@dataclass(frozen=True)
class DocumentPair:
    """A Spanish original, its English rendering and, optionally, a reference translation."""

    id: str
    source: Text
    target: Text
    reference: Text | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    source_lang: str = "es"
    target_lang: str = "en"


@dataclass(frozen=True)
class Segment:
    """A sentence of one field; start/end are character offsets into that field's text."""

    index: int
    text: str
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class Score:
    """A sacrebleu metric value with the signature that makes it reproducible."""

    metric: str  # "chrF", "BLEU" or "TER"
    value: float
    signature: str


@dataclass(frozen=True)
class Link:
    """An alignment bead: source and target segment indices (either may be empty) and a confidence in [0, 1]."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float
    scores: tuple[Score, ...] = ()

    @property
    def kind(self) -> str:
        return f"{len(self.src)}-{len(self.tgt)}"


@dataclass(frozen=True)
class Flag:
    """A detected shift. Spans are [start, end) character offsets into the field's source/target text."""

    code: str
    category: str
    severity: Severity
    field: str
    source_span: tuple[int, int] | None
    target_span: tuple[int, int] | None
    message: str
    detector_version: int = 1
    rule: str = ""  # the id of the rule (rules/*.toml) or, for a mechanism without one, the detector code


@dataclass(frozen=True)
class GlossaryTerm:
    """A newsroom glossary entry: the Spanish term and the English the newsroom requires for it."""

    source: str
    target: str
    note: str = ""


@dataclass(frozen=True)
class FieldAnalysis:
    """Segmentation, pseudo-reference, alignment and scores of one field (headline or body)."""

    name: str
    source_segments: tuple[Segment, ...]
    target_segments: tuple[Segment, ...]
    pseudo_reference: tuple[str, ...]  # MT of each source segment, same order
    links: tuple[Link, ...]
    scores: tuple[Score, ...]  # field-level, target vs pseudo-reference


@dataclass(frozen=True)
class DocumentAnalysis:
    """Everything the pipeline computed for one document pair."""

    pair: DocumentPair
    fields: tuple[FieldAnalysis, ...]
    scores: tuple[Score, ...]  # document-level, target vs pseudo-reference
    reference_scores: tuple[Score, ...]  # document-level, target vs supplied reference (empty without one)
    flags: tuple[Flag, ...]
    pipeline_version: str

    def field(self, name: str) -> FieldAnalysis:
        return next(f for f in self.fields if f.name == name)

    @property
    def word_count(self) -> int:
        return len(self.pair.source.headline.split()) + len(self.pair.source.body.split())
