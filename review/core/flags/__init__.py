"""Detector registry: FieldContext (what a detector sees), the Detector base class, register and detect_all.

Each detector is a small class with a stable `code` (DESIGN.md's flag codes), an MQM `category`
and a `version` bumped whenever its behaviour changes. Detectors are pure: same context, same flags.
Detector modules register themselves on import; this package imports them at the bottom.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from typing import Any, ClassVar, TypeVar

from review.core.model import Flag, Link, Segment, Severity
from review.core.text.morphology import Token

T = TypeVar("T")


@dataclass(frozen=True)
class FieldContext:
    """One field (headline or body) of a document pair, segmented, pseudo-translated and aligned."""

    field: str
    source: str
    target: str
    source_segments: tuple[Segment, ...]
    target_segments: tuple[Segment, ...]
    pseudo_reference: tuple[str, ...]
    links: tuple[Link, ...]
    source_tokens: tuple[tuple[Token, ...], ...] = ()  # morphology per source segment; empty without an analyser
    target_tokens: tuple[tuple[Token, ...], ...] = ()  # morphology per target segment
    other_field: tuple[str, str] = ("", "")  # the document's other field (headline or body): source, target
    bilingual: Mapping[str, tuple[str, ...]] = dataclass_field(default_factory=dict)  # token_key -> English words
    reverse: Mapping[str, tuple[str, ...]] = dataclass_field(default_factory=dict)  # English token_key -> Spanish words

    def linked_targets(self, source_index: int) -> tuple[Segment, ...]:
        """Target segments aligned to the given source segment (empty for an omission)."""
        link = next((link for link in self.links if source_index in link.src), None)
        return tuple(self.target_segments[j] for j in link.tgt) if link else ()

    def sentence_pairs(self) -> list[SentencePair]:
        """Every link with both sides, as a SentencePair (token offsets relative to each side's text).

        Built once per context (most detectors ask, and each build copies tokens); callers get a fresh
        list of the same frozen pairs.
        """
        cached: list[SentencePair] | None = self.__dict__.get("_sentence_pairs")
        if cached is None:
            cached = self._build_sentence_pairs()
            object.__setattr__(self, "_sentence_pairs", cached)
        return list(cached)

    def nearby_target(self, pair: SentencePair, distance: int) -> str:
        """The target sentences within `distance` sentences before and after the pair's own, joined."""
        return _nearby(self.target_segments, pair.target_start, len(pair.target), distance)

    def nearby_source(self, pair: SentencePair, distance: int) -> str:
        """The source sentences within `distance` sentences before and after the pair's own, joined."""
        return _nearby(self.source_segments, pair.source_start, len(pair.source), distance)

    def shared(self, key: str, build: Callable[[], T]) -> T:
        """A value computed once per context and shared by the detectors that need it (quote matching)."""
        memo: dict[str, Any] = self.__dict__.setdefault("_shared", {})
        if key not in memo:
            memo[key] = build()
        return memo[key]  # type: ignore[no-any-return]

    def _build_sentence_pairs(self) -> list[SentencePair]:
        return [self.pair_of(link.src, link.tgt) for link in self.links if link.src and link.tgt]

    def pair_of(self, source: tuple[int, ...], target: tuple[int, ...]) -> SentencePair:
        """The given consecutive source and target sentences (neither side empty) as one SentencePair."""
        src = [self.source_segments[i] for i in source]
        tgt = [self.target_segments[j] for j in target]
        return SentencePair(
            self.source[src[0].start:src[-1].end], self.target[tgt[0].start:tgt[-1].end],
            src[0].start, tgt[0].start, " ".join(self.pseudo_reference[i] for i in source),
            _shifted(self.source_tokens, source, src), _shifted(self.target_tokens, target, tgt))


@dataclass(frozen=True)
class SentencePair:
    """One aligned bead's text on both sides, where it starts in the field, its MT and its tokens."""

    source: str
    target: str
    source_start: int
    target_start: int
    pseudo: str
    source_tokens: tuple[Token, ...]
    target_tokens: tuple[Token, ...]

    def source_span(self, start: int = 0, end: int | None = None) -> tuple[int, int]:
        """A span of the source sentence as field offsets (the whole sentence by default)."""
        return self.source_start + start, self.source_start + (len(self.source) if end is None else end)

    def target_span(self, start: int = 0, end: int | None = None) -> tuple[int, int]:
        """A span of the target sentence as field offsets (the whole sentence by default)."""
        return self.target_start + start, self.target_start + (len(self.target) if end is None else end)


def _nearby(segments: tuple[Segment, ...], start: int, length: int, distance: int) -> str:
    own = [j for j, segment in enumerate(segments) if start <= segment.start < start + length]
    if not own:
        return ""
    around = [*range(max(0, own[0] - distance), own[0]), *range(own[-1] + 1, own[-1] + 1 + distance)]
    return " ".join(segments[j].text for j in around if j < len(segments))


def _shifted(tokens: tuple[tuple[Token, ...], ...], indices: tuple[int, ...],
             segments: list[Segment]) -> tuple[Token, ...]:
    """The tokens of the given segments, offsets made relative to the first segment's start."""
    if not tokens:
        return ()
    if len(indices) == 1:  # offsets are already relative to the only segment
        return tokens[indices[0]]
    base = segments[0].start
    return tuple(token if seg.start == base else
                 replace(token, start=token.start + seg.start - base, end=token.end + seg.start - base)
                 for index, seg in zip(indices, segments) for token in tokens[index])


class Detector:
    """Base class: subclasses set code, category, severity and version, and implement detect."""

    code: ClassVar[str]
    category: ClassVar[str]
    severity: ClassVar[Severity]
    version: ClassVar[int] = 1

    def detect(self, context: FieldContext) -> list[Flag]:
        raise NotImplementedError

    def prepare(self) -> None:
        """Load what detect() reads from disk (word lists, lexicons; all cached), ahead of the first document."""

    def flag(self, context: FieldContext, source_span: tuple[int, int] | None,
             target_span: tuple[int, int] | None, message: str, severity: Severity | None = None,
             rule: str | None = None) -> Flag:
        """A Flag carrying this detector's code, category, version and severity (its default unless given), and the
        id of the rule that raised it (the detector's code when its mechanism alone did)."""
        return Flag(self.code, self.category, severity or self.severity, context.field, source_span, target_span,
                    message, self.version, rule or self.code)


REGISTRY: dict[str, Detector] = {}
D = TypeVar("D", bound=type[Detector])


def register(cls: D) -> D:
    """Class decorator: add one instance of the detector to the registry under its code."""
    if cls.code in REGISTRY:
        raise ValueError(f"detector code {cls.code!r} registered twice")
    REGISTRY[cls.code] = cls()
    return cls


def prepare_all() -> None:
    """Every detector's prepare() and every family's compiled rules: run while Apertium translates, so that forked
    workers inherit the loaded word lists (hunspell's, CLDR's names, the Spanish wordnet) and rules instead of each
    loading them again."""
    for detector in REGISTRY.values():
        detector.prepare()
    for compile_rules in (polarity.vocabulary, quotes.speech_verbs, stance.vocabulary, tense.vocabulary,
                          numbers.vocabulary, opposites.antonym_pairs, lexical.vocabulary):
        compile_rules()
    spanish_wordnet.load()


def detect_all(context: FieldContext) -> list[Flag]:
    """Run every registered detector on the field, in registration order."""
    return [flag for detector in REGISTRY.values() for flag in detector.detect(context)]


from review.core.flags import (  # noqa: E402,F401  (importing registers the detectors)
    adequacy, alignment, antonyms, entities, lexical, numbers, opposites, polarity, quotes, repetition, spanish_wordnet,
    stance, surface, swaps, tense, terminology)
