"""Cuts a segment's text into pieces at flag span and glossary term boundaries, so templates can mark them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from review.core.flags.common import fold
from review.core.model import GlossaryTerm
from review.db.models import FlagRow


@dataclass(frozen=True)
class Piece:
    text: str
    flags: tuple[FlagRow, ...]
    term: GlossaryTerm | None = None  # the glossary term this piece is (its Spanish; its English on the English side)


def flag_pieces(text: str, start: int, flags: Sequence[FlagRow], side: str,
                terms: Sequence[GlossaryTerm] = ()) -> list[Piece]:
    """Pieces of `text` (which begins at offset `start` of its field), each with the flags covering it and the
    glossary term it is, if any (the term's Spanish on the source side, its required English on the target side)."""
    spans = []
    for flag in flags:
        span = (flag.source_start, flag.source_end) if side == "source" else (flag.target_start, flag.target_end)
        if span[0] is not None and span[1] is not None:
            spans.append((span[0] - start, span[1] - start, flag))
    found = _term_spans(text, terms, side)
    edges = {edge for lo, hi, _ in spans for edge in (lo, hi)} | {edge for lo, hi, _ in found for edge in (lo, hi)}
    cuts = sorted({0, len(text)} | {max(0, min(len(text), edge)) for edge in edges})
    pieces = []
    for lo, hi in zip(cuts, cuts[1:]):
        covering = tuple(flag for a, b, flag in spans if a <= lo and hi <= b)
        term = next((term for a, b, term in found if a <= lo and hi <= b), None)
        pieces.append(Piece(text[lo:hi], covering, term))
    return pieces


def _term_spans(text: str, terms: Sequence[GlossaryTerm], side: str) -> list[tuple[int, int, GlossaryTerm]]:
    """Where each term occurs in the text, accent- and case-blind on word boundaries (not overlapping)."""
    folded = fold(text)
    if not terms or len(folded) != len(text):  # folding changed the length: offsets would not line up
        return []
    found: list[tuple[int, int, GlossaryTerm]] = []
    for term in sorted(terms, key=lambda t: -len(t.source if side == "source" else t.target)):
        phrase = fold(term.source if side == "source" else term.target)
        for match in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", folded):
            if not any(a < match.end() and match.start() < b for a, b, _ in found):
                found.append((match.start(), match.end(), term))
    return found
