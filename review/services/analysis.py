"""Scoring use case: run the core pipeline on a document's current revision and store what it found.

Idempotent: a revision already scored by this pipeline version is left alone, and the claim on the
revision is a compare-and-set UPDATE, so two workers handed the same task never store it twice.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.orm import Session

from review.core.flags.rulebook import use_glossary
from review.core.model import DocumentAnalysis, DocumentPair, Flag, GlossaryTerm, Score, Text
from review.core.pipeline import PIPELINE_VERSION, analyse
from review.core.scoring.metrics import reference_statistics
from review.core.scoring.references import reference_segments
from review.core.text.translate import Translator
from review.core.workflow import Action, FlagStatus, Role, Status, next_status
from review.db.models import Document, FlagRow, LinkRow, ReviewEvent, Revision, ScoreRow, SegmentRow, utcnow
from review.services.errors import NotFound
from review.services.glossary import load_glossary

SERIOUS = ("major", "critical")


def pair_of(document: Document, revision: Revision) -> DocumentPair:
    """The core's view of a stored document at one revision."""
    reference = None
    if document.reference_headline is not None or document.reference_body is not None:
        reference = Text(document.reference_headline or "", document.reference_body or "")
    return DocumentPair(
        id=document.external_id,
        source=Text(document.source_headline, document.source_body),
        target=Text(revision.target_headline, revision.target_body),
        reference=reference,
        meta=dict(document.meta or {}),
    )


@dataclass(frozen=True)
class PendingRevision:
    """A document's current revision waiting for this pipeline version, as the core sees it."""

    document_id: int
    revision_id: int
    pair: DocumentPair


def pending_revisions(session: Session, document_ids: Sequence[int]) -> list[PendingRevision]:
    """The documents' current revisions not yet scored by this pipeline version, in the order given (missing
    documents and scored revisions are left out: a duplicate message has nothing to do)."""
    documents = {document.id: document for document in
                 session.scalars(select(Document).where(Document.id.in_(list(document_ids))))}
    pending: list[PendingRevision] = []
    for document_id in document_ids:
        document = documents.get(document_id)
        revision = document.current_revision if document is not None else None
        if revision is not None and revision.scored_version != PIPELINE_VERSION:
            pending.append(PendingRevision(document.id, revision.id, pair_of(document, revision)))  # type: ignore[union-attr]
    return pending


def analyse_pending(pending: Sequence[PendingRevision], translator: Translator,
                    glossary: Sequence[GlossaryTerm]) -> list[DocumentAnalysis]:
    """The core pipeline over all of them, with one translation call, under the newsroom's current glossary
    (entity, untranslated and terminology checks read it)."""
    use_glossary(glossary)
    return analyse([item.pair for item in pending], translator) if pending else []


def store_analysis(session: Session, item: PendingRevision, result: DocumentAnalysis) -> bool:
    """Store what the pipeline found for the revision, if it is still the current one and nobody stored it first
    (a compare-and-set UPDATE on its scored_version). False when there was nothing to do."""
    document = session.get(Document, item.document_id)
    if document is None or document.current_revision_id != item.revision_id:
        return False  # a newer revision came in meanwhile: its own task scores it
    revision = document.current_revision
    claimed = session.execute(
        update(Revision)
        .where(Revision.id == item.revision_id)
        .where(or_(Revision.scored_version.is_(None), Revision.scored_version != PIPELINE_VERSION))
        .values(scored_version=PIPELINE_VERSION)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount == 0:
        return False
    session.refresh(revision)
    _replace_analysis(session, revision, result)
    revision.reference_statistics = reference_statistics_of(item.pair)
    session.flush()
    _carry_resolutions(document, revision)
    refresh_summary(document)
    current = Status(document.status)
    if current in (Status.NEW, Status.FAILED):
        document.status = next_status(current, Action.SCORE, Role.ADMIN).value
        session.add(ReviewEvent(document_id=document.id, action="score", from_status=current.value,
                                to_status=document.status, reason=f"pipeline {PIPELINE_VERSION}"))
    return True


def score_document(session: Session, document_id: int, translator: Translator) -> bool:
    """Score the current revision. Returns False when there was nothing to do (already scored)."""
    if session.get(Document, document_id) is None:
        raise NotFound(f"document {document_id} does not exist")
    pending = pending_revisions(session, [document_id])
    if not pending:
        return False
    [result] = analyse_pending(pending, translator, load_glossary(session))
    return store_analysis(session, pending[0], result)


def reference_statistics_of(pair: DocumentPair) -> dict[str, Any] | None:
    """What Revision.reference_statistics stores: the statistics of the pair's reference segments, tagged with the
    pipeline version that paired them (analyse() has just computed them: this reads this process's cache)."""
    if pair.reference is None:
        return None

    return {"pipeline_version": PIPELINE_VERSION, "segments": reference_statistics(*reference_segments([pair]))}


def mark_attempted(session: Session, document_id: int) -> None:
    """Note that a worker is starting on the current revision, so the sweeper leaves it alone for a while."""
    current = select(Document.current_revision_id).where(Document.id == document_id).scalar_subquery()
    session.execute(update(Revision).where(Revision.id == current, Revision.scored_version.is_(None))
                    .values(scoring_attempted_at=utcnow()).execution_options(synchronize_session=False))


def mark_failed(session: Session, document_id: int, reason: str) -> None:
    """Record that scoring gave up on a document, with the reason, so the batch can finish."""
    document = session.get(Document, document_id)
    if document is None or Status(document.status) not in (Status.NEW, Status.FAILED):
        return
    session.add(ReviewEvent(document_id=document.id, action="fail", from_status=document.status,
                            to_status=Status.FAILED.value, reason=reason[:2000]))
    document.status = Status.FAILED.value


def unscored_document_ids(session: Session, saved: bool | None = None) -> list[int]:
    """Documents whose current revision still waits for the pipeline: what a restart must enqueue again. With
    `saved`, only those whose waiting revision a reviewer saved (True: the interactive queue's work) or only
    imported ones (False)."""
    stmt = (
        select(Document.id)
        .join(Revision, Revision.id == Document.current_revision_id)
        .where(or_(Revision.scored_version.is_(None), Revision.scored_version != PIPELINE_VERSION))
        .where(Document.status != Status.FAILED.value)
        .order_by(Document.id)
    )
    if saved is not None:
        stmt = stmt.where(Revision.author_id.is_not(None) if saved else Revision.author_id.is_(None))
    return list(session.scalars(stmt))


def refresh_summary(document: Document) -> None:
    """Recompute the queue-ordering summary of the current revision's open flags and link scores."""
    revision = document.current_revision
    open_flags = [flag for flag in revision.flags if flag.status == FlagStatus.OPEN.value] if revision else []
    document.open_critical = sum(flag.severity == "critical" for flag in open_flags)
    document.open_major = sum(flag.severity == "major" for flag in open_flags)
    document.headline_flagged = any(flag.field == "headline" for flag in open_flags)
    link_chrf = [s.value for s in revision.scores if s.scope == "link" and s.metric == "chrF"] if revision else []
    document.lowest_chrf = min(link_chrf) if link_chrf else None
    if revision and any(flag.severity in SERIOUS for flag in revision.flags):
        document.carried_serious_flags = True


def _carry_resolutions(document: Document, revision: Revision) -> None:
    """A flag that comes back unchanged (same code, field and message) on the next revision keeps the
    previous revision's resolution: a reviewer is not asked twice about text nobody changed."""
    earlier = [r for r in document.revisions if r.number < revision.number]
    if not earlier:
        return
    resolved = {(f.code, f.field, f.message): f for f in earlier[-1].flags
                if f.status != FlagStatus.OPEN.value and f.origin == "detector"}
    for flag in revision.flags:
        if flag.origin != "detector":
            continue
        previous = resolved.get((flag.code, flag.field, flag.message))
        if previous is not None:
            flag.status, flag.resolution_reason = previous.status, previous.resolution_reason
            flag.resolved_by_id, flag.resolved_at = previous.resolved_by_id, previous.resolved_at


def _replace_analysis(session: Session, revision: Revision, result: DocumentAnalysis) -> None:
    """The revision's segments, links, scores and detector flags become the result's. Reviewers' annotations
    stay, and so does a detector flag the result raises again (same code, field and message: a new pipeline
    version or `review rescore` on the same text), with its decision and comments; it takes the new spans,
    severity and rule.

    Segments, links and scores (about 130 rows a news article, nothing else refers to them but scores to links)
    are deleted and inserted as whole statements rather than one ORM object each, which took most of the time
    storing took; the revision's collections of them are expired, so they read what was stored."""
    for table in (ScoreRow, LinkRow, SegmentRow):
        session.execute(delete(table).where(table.revision_id == revision.id))
    session.expire(revision, ["segments", "links", "scores"])
    earlier: dict[tuple[str, str, str], list[FlagRow]] = {}
    for row in revision.flags:
        if row.origin == "detector":
            earlier.setdefault((row.code, row.field, row.message), []).append(row)
    again = [(flag, _raised_before(earlier, flag)) for flag in result.flags]
    kept = {id(row) for _, row in again if row is not None}
    revision.flags[:] = [row for row in revision.flags if row.origin == "reviewer" or id(row) in kept]
    session.flush()
    _insert_rows(session, revision.id, result)
    for flag, row in again:
        if row is None:
            row = FlagRow(code=flag.code, field=flag.field, message=flag.message)
            revision.flags.append(row)
        row.category, row.severity, row.detector_version, row.rule = (flag.category, flag.severity.value,
                                                                      flag.detector_version, flag.rule)
        row.source_start, row.source_end = flag.source_span if flag.source_span else (None, None)
        row.target_start, row.target_end = flag.target_span if flag.target_span else (None, None)


def _insert_rows(session: Session, revision_id: int, result: DocumentAnalysis) -> None:
    """Insert the result's segments, links and scores of the revision, in the order the ORM stored them: each
    field's segments, its links with their scores, then its field scores; then document and reference scores."""
    segments: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    scores: list[tuple[int | None, dict[str, Any]]] = []  # (index in links, row)
    for field in result.fields:
        for side, field_segments in (("source", field.source_segments), ("target", field.target_segments)):
            segments += [dict(revision_id=revision_id, field=field.name, side=side, position=segment.index,
                              text=segment.text, start=segment.start, end=segment.end, paragraph=segment.paragraph,
                              machine_translation=field.pseudo_reference[segment.index] if side == "source" else None)
                         for segment in field_segments]
        for position, link in enumerate(field.links):
            scores += [(len(links), _score_row(revision_id, "link", field.name, score)) for score in link.scores]
            links.append(dict(revision_id=revision_id, field=field.name, position=position,
                              source_positions=list(link.src), target_positions=list(link.tgt),
                              confidence=link.score))
        scores += [(None, _score_row(revision_id, "field", field.name, score)) for score in field.scores]
    for scope, document_scores in (("document", result.scores), ("reference", result.reference_scores)):
        scores += [(None, _score_row(revision_id, scope, None, score)) for score in document_scores]
    if segments:
        session.execute(insert(SegmentRow), segments)
    link_ids = list(session.scalars(insert(LinkRow).returning(LinkRow.id, sort_by_parameter_order=True),
                                    links)) if links else []
    if scores:
        session.execute(insert(ScoreRow), [{**row, "link_id": None if link is None else link_ids[link]}
                                           for link, row in scores])


def _score_row(revision_id: int, scope: str, field: str | None, score: Score) -> dict[str, Any]:
    """A score's row of the scores table, without its link."""
    return dict(revision_id=revision_id, scope=scope, field=field, metric=score.metric, value=score.value,
                signature=score.signature)


def _raised_before(earlier: dict[tuple[str, str, str], list[FlagRow]], flag: Flag) -> FlagRow | None:
    """The revision's stored detector flag that `flag` raises again, taken from `earlier` (each matches once)."""
    rows = earlier.get((flag.code, flag.field, flag.message))
    return rows.pop(0) if rows else None
