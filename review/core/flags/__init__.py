"""Detector registry: FieldContext (what a detector sees), the Detector base class, register and detect_all.

Each detector is a small class with a stable `code` (DESIGN.md's flag codes), an MQM `category`
and a `version` bumped whenever its behaviour changes. Detectors are pure: same context, same flags.
Detector modules register themselves on import; this package imports them at the bottom.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, TypeVar

from review.core.model import Flag, Link, Segment, Severity


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

    def linked_targets(self, source_index: int) -> tuple[Segment, ...]:
        """Target segments aligned to the given source segment (empty for an omission)."""
        link = next((link for link in self.links if source_index in link.src), None)
        return tuple(self.target_segments[j] for j in link.tgt) if link else ()


class Detector:
    """Base class: subclasses set code, category, severity and version, and implement detect."""

    code: ClassVar[str]
    category: ClassVar[str]
    severity: ClassVar[Severity]
    version: ClassVar[int] = 1

    def detect(self, context: FieldContext) -> list[Flag]:
        raise NotImplementedError

    def flag(self, context: FieldContext, source_span: tuple[int, int] | None,
             target_span: tuple[int, int] | None, message: str) -> Flag:
        """A Flag carrying this detector's code, category, severity and version."""
        return Flag(self.code, self.category, self.severity, context.field, source_span, target_span, message, self.version)


REGISTRY: dict[str, Detector] = {}
D = TypeVar("D", bound=type[Detector])


def register(cls: D) -> D:
    """Class decorator: add one instance of the detector to the registry under its code."""
    if cls.code in REGISTRY:
        raise ValueError(f"detector code {cls.code!r} registered twice")
    REGISTRY[cls.code] = cls()
    return cls


def detect_all(context: FieldContext) -> list[Flag]:
    """Run every registered detector on the field, in registration order."""
    return [flag for detector in REGISTRY.values() for flag in detector.detect(context)]


from review.core.flags import alignment, quotes  # noqa: E402,F401  (importing registers the detectors)
