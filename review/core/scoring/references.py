"""Reference segments: a batch's renderings and references cut into parallel segments for corpus scores.

Segments are body paragraphs when every text compared has the same number of them, else whole fields
(headline, body), with whitespace collapsed; a field empty on all sides is skipped. Paragraphs keep TER
affordable: its shift search grows much faster than linearly with segment length. Sentences would be
cheaper still, but the two sides' sentences do not pair up in general and corpus scores over sentences
are other numbers.
"""
from __future__ import annotations

from collections.abc import Sequence

from review.core.model import FIELDS, DocumentPair


def reference_segments(pairs: Sequence[DocumentPair]) -> tuple[list[str], list[str]]:
    """Hypothesis and reference segments (one per non-empty field) of the pairs that carry a reference."""
    hypotheses: list[str] = []
    references: list[str] = []
    for pair in pairs:
        if pair.reference is None:
            continue
        for name in FIELDS:
            for hypothesis, reference in _field_segments([pair.target.field(name), pair.reference.field(name)]):
                hypotheses.append(hypothesis)
                references.append(reference)
    return hypotheses, references


def _field_segments(texts: Sequence[str]) -> list[tuple[str, ...]]:
    """Parallel segments of one field's texts: paragraphs when all have as many, else the whole field."""
    split = [[paragraph for paragraph in text.split("\n\n") if paragraph.strip()] for text in texts]
    if split[0] and len({len(paragraphs) for paragraphs in split}) == 1:
        return [tuple(_collapse(paragraph) for paragraph in row) for row in zip(*split)]
    whole = tuple(_collapse(text) for text in texts)
    return [whole] if any(whole) else []


def paired_segments(a: Sequence[DocumentPair], b: Sequence[DocumentPair]) -> tuple[list[str], list[str], list[str]]:
    """Parallel segments (paragraphs or fields) of two renderings of the same originals, and their references.

    The batches must hold the same ids with the same Spanish; the reference comes from whichever batch
    carries it (they must agree where both do). ValueError names the first mismatch."""
    by_id = {pair.id: pair for pair in b}
    if set(by_id) != {pair.id for pair in a}:
        only_a = sorted({pair.id for pair in a} - set(by_id))
        only_b = sorted(set(by_id) - {pair.id for pair in a})
        raise ValueError(f"the batches hold different documents: only in A {only_a[:5]}, only in B {only_b[:5]}")
    hypotheses_a: list[str] = []
    hypotheses_b: list[str] = []
    references: list[str] = []
    for pair_a in a:
        pair_b = by_id[pair_a.id]
        if pair_a.source != pair_b.source:
            raise ValueError(f"document {pair_a.id!r}: the Spanish differs between A and B")
        if pair_a.reference and pair_b.reference and pair_a.reference != pair_b.reference:
            raise ValueError(f"document {pair_a.id!r}: A and B carry different references")
        reference = pair_a.reference or pair_b.reference
        if reference is None:
            continue
        for name in FIELDS:
            for text_a, text_b, text_reference in _field_segments(
                    [pair_a.target.field(name), pair_b.target.field(name), reference.field(name)]):
                hypotheses_a.append(text_a)
                hypotheses_b.append(text_b)
                references.append(text_reference)
    if not references:
        raise ValueError("neither batch carries references: compare needs a `reference` for its documents")
    return hypotheses_a, hypotheses_b, references


def _collapse(text: str) -> str:
    return " ".join(text.split())
