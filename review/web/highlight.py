"""Cuts a segment's text into pieces at flag span boundaries, so templates can mark flagged spans."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from review.db.models import FlagRow


@dataclass(frozen=True)
class Piece:
    text: str
    flags: tuple[FlagRow, ...]


def flag_pieces(text: str, start: int, flags: Sequence[FlagRow], side: str) -> list[Piece]:
    """Pieces of `text` (which begins at offset `start` of its field), each with the flags covering it."""
    spans = []
    for flag in flags:
        span = (flag.source_start, flag.source_end) if side == "source" else (flag.target_start, flag.target_end)
        if span[0] is not None and span[1] is not None:
            spans.append((span[0] - start, span[1] - start, flag))
    cuts = sorted({0, len(text)} | {max(0, min(len(text), edge)) for lo, hi, _ in spans for edge in (lo, hi)})
    pieces = []
    for lo, hi in zip(cuts, cuts[1:]):
        covering = tuple(flag for a, b, flag in spans if a <= lo and hi <= b)
        pieces.append(Piece(text[lo:hi], covering))
    return pieces
