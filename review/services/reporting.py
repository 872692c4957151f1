"""The `review check` report for a stored batch: analyses rebuilt from the database, fed to the same
core report builder, so the API and the CLI cannot disagree. Reference statistics the workers stored
with each revision are handed to the metrics cache first, so the web process does not recompute them."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from review.core.model import (
    FIELDS,
    DocumentAnalysis,
    DocumentPair,
    FieldAnalysis,
    Flag,
    Link,
    Score,
    Segment,
    Severity,
)
from review.core.pipeline import PIPELINE_VERSION
from review.core.reports.gate import Gate
from review.core.reports.report import batch_report
from review.core.scoring.metrics import remember_reference_statistics
from review.core.scoring.references import reference_segments
from review.core.workflow import IllegalTransition
from review.db.models import Document, LinkRow, Revision, ScoreRow
from review.services.analysis import pair_of
from review.services.errors import NotFound


def stored_batch_report(session: Session, batch_id: int, gate: Gate | None = None) -> dict[str, object]:
    """The check report of the batch's current revisions. 409 while any is still waiting to be scored."""
    documents = session.scalars(
        select(Document).where(Document.batch_id == batch_id).order_by(Document.id).options(
            selectinload(Document.current_revision).selectinload(Revision.segments),
            selectinload(Document.current_revision).selectinload(Revision.links).selectinload(LinkRow.scores),
            selectinload(Document.current_revision).selectinload(Revision.scores),
            selectinload(Document.current_revision).selectinload(Revision.flags),
        )
    ).all()
    if not documents:
        raise NotFound(f"batch {batch_id} does not exist or is empty")
    waiting = [d.external_id for d in documents if d.current_revision is None or d.current_revision.scored_version is None]
    if waiting:
        raise IllegalTransition(f"{len(waiting)} document(s) are still being scored; ask again when the batch is done")
    analyses = [stored_analysis(d) for d in documents]
    for document, analysis in zip(documents, analyses):
        _remember_reference_statistics(document.current_revision, analysis.pair)
    return batch_report(analyses, gate or Gate())


def _remember_reference_statistics(revision: Revision | None, pair: DocumentPair) -> None:
    """Hand the worker's reference statistics of this revision to the metrics cache, so that the report's corpus
    scores and bootstrap do not compute TER and chrF again (about a minute per 100 articles). Statistics of
    another pipeline version (which may pair segments differently) are left out and recomputed."""
    stored = revision.reference_statistics if revision is not None else None
    if not stored or stored.get("pipeline_version") != PIPELINE_VERSION or pair.reference is None:
        return

    hypotheses, references = reference_segments([pair])
    if len(stored["segments"]) == len(hypotheses):
        remember_reference_statistics(hypotheses, references, stored["segments"])


def stored_analysis(document: Document) -> DocumentAnalysis:
    revision = document.current_revision
    assert revision is not None and revision.scored_version is not None
    fields = []
    for name in FIELDS:
        segments = sorted((s for s in revision.segments if s.field == name), key=lambda s: s.position)
        source = tuple(_segment(s) for s in segments if s.side == "source")
        target = tuple(_segment(s) for s in segments if s.side == "target")
        links = tuple(
            Link(tuple(link.source_positions), tuple(link.target_positions), link.confidence,
                 tuple(_score(s) for s in link.scores))
            for link in revision.links if link.field == name
        )
        fields.append(FieldAnalysis(
            name, source, target, tuple(s.machine_translation or "" for s in segments if s.side == "source"), links,
            tuple(_score(s) for s in revision.scores if s.scope == "field" and s.field == name),
        ))
    flags = tuple(
        Flag(f.code, f.category, Severity(f.severity), f.field, _span(f.source_start, f.source_end),
             _span(f.target_start, f.target_end), f.message, f.detector_version, f.rule or f.code)
        for f in revision.flags
    )
    return DocumentAnalysis(
        pair=pair_of(document, revision),
        fields=tuple(fields),
        scores=tuple(_score(s) for s in revision.scores if s.scope == "document"),
        reference_scores=tuple(_score(s) for s in revision.scores if s.scope == "reference"),
        flags=flags,
        pipeline_version=revision.scored_version,
    )


def _segment(row) -> Segment:  # type: ignore[no-untyped-def]
    return Segment(row.position, row.text, row.start, row.end, row.paragraph)


def _score(row: ScoreRow) -> Score:
    return Score(row.metric, row.value, row.signature)


def _span(start: int | None, end: int | None) -> tuple[int, int] | None:
    return (start, end) if start is not None and end is not None else None
