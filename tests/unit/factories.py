"""Hand-built analyses for gate and report tests (no translator needed)."""
from __future__ import annotations

from review.core.model import DocumentAnalysis, DocumentPair, FieldAnalysis, Flag, Link, Score, Segment, Severity, Text


def analysis(doc_id: str = "doc", words: int = 100, severities: tuple[Severity, ...] = (),
             reference_chrf: float | None = None, chrf: float = 50.0) -> DocumentAnalysis:
    source = Text("Titular", " ".join(["palabra"] * (words - 1)))
    pair = DocumentPair(doc_id, source, Text("Headline", "Body."), Text("Ref", "Ref.") if reference_chrf is not None else None)
    segment = Segment(0, "Titular", 0, 7, 0)
    headline = FieldAnalysis("headline", (segment,), (Segment(0, "Headline", 0, 8, 0),), ("Headline",),
                             (Link((0,), (0,), 0.87654321),), ())
    body = FieldAnalysis("body", (), (), (), (), ())
    flags = tuple(Flag("omission", "accuracy", s, "body", (0, 7), None, "m") for s in severities)
    scores = (Score("chrF", chrf, "sig-chrf"), Score("BLEU", 20.123456, "sig-bleu"), Score("TER", 60.0, "sig-ter"))
    reference = () if reference_chrf is None else (Score("chrF", reference_chrf, "sig-chrf"),)
    return DocumentAnalysis(pair, (headline, body), scores, reference, flags, "0.1")
