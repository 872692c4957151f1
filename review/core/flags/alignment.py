"""Alignment detectors: `omission` (a source sentence aligned to nothing, 1-0) and `addition` (0-1).

Both read the links the aligner produced; category "accuracy" (MQM omission/addition).
An omitted sentence is major, an added one minor: newsroom renderings may add context for
English readers, but silently losing reported content is the costlier error.
"""
from __future__ import annotations

from review.core.flags import Detector, FieldContext, register
from review.core.model import Flag, Segment, Severity

EXCERPT_CHARS = 80


def excerpt(segment: Segment) -> str:
    """The sentence, shortened to EXCERPT_CHARS with an ellipsis."""
    text = segment.text
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS - 1].rstrip() + "…"


@register
class Omission(Detector):
    """A source sentence with no English counterpart."""

    code = "omission"
    category = "accuracy"
    severity = Severity.MAJOR
    version = 1

    def detect(self, context: FieldContext) -> list[Flag]:
        flags = []
        for link in context.links:
            if link.src and not link.tgt:
                segment = context.source_segments[link.src[0]]
                flags.append(self.flag(context, (segment.start, segment.end), None,
                                       f'Source sentence {segment.index + 1} has no counterpart in the English: "{excerpt(segment)}"'))
        return flags


@register
class Addition(Detector):
    """An English sentence with no source counterpart."""

    code = "addition"
    category = "accuracy"
    severity = Severity.MINOR
    version = 1

    def detect(self, context: FieldContext) -> list[Flag]:
        flags = []
        for link in context.links:
            if link.tgt and not link.src:
                segment = context.target_segments[link.tgt[0]]
                flags.append(self.flag(context, None, (segment.start, segment.end),
                                       f'English sentence {segment.index + 1} has no counterpart in the source: "{excerpt(segment)}"'))
        return flags
