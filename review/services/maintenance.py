"""Housekeeping the sweeper runs on a schedule: re-enqueue scoring work whose message was lost
(a crashed worker, a broker that restarted empty), and release review claims whose lease ran out. Also
`review rescore`: stored analyses made due again after the newsroom changed its rule files or glossary."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from review.core.pipeline import PIPELINE_VERSION
from review.core.workflow import Status
from review.db.models import Document, ReviewEvent, Revision, utcnow
from review.services.batches import batch_document_ids


@dataclass(frozen=True)
class SweepResult:
    requeue_ids: list[int]  # imported renderings: enqueue these on the bulk queue after the transaction commits
    released_claims: int
    saved_ids: list[int] = field(default_factory=list)  # a reviewer's saved revision: on the interactive queue


def sweep(session: Session, stale_after: timedelta, now: datetime | None = None) -> SweepResult:
    now = now or utcnow()
    cutoff = now - stale_after
    stale = list(session.execute(
        select(Document.id, Revision.id, Revision.author_id)
        .join(Revision, Revision.id == Document.current_revision_id)
        .where(or_(Revision.scored_version.is_(None), Revision.scored_version != PIPELINE_VERSION))
        .where(Document.status != Status.FAILED.value)
        .where(func.coalesce(Revision.scoring_attempted_at, Revision.created_at) < cutoff)
        .order_by(Document.id)
        .with_for_update(skip_locked=True, of=Revision)
    ))
    if stale:
        session.execute(update(Revision).where(Revision.id.in_([revision_id for _, revision_id, _ in stale]))
                        .values(scoring_attempted_at=now).execution_options(synchronize_session=False))
    expired = list(session.scalars(
        select(Document).where(Document.claimed_by_id.is_not(None), Document.claim_expires_at < now)
        .with_for_update(skip_locked=True)
    ))
    for document in expired:
        session.add(ReviewEvent(document_id=document.id, user_id=document.claimed_by_id, action="claim_expired",
                                from_status=document.status, to_status=document.status,
                                reason=f"lease ended {document.claim_expires_at:%Y-%m-%d %H:%M} UTC"))
        document.claimed_by_id = None
        document.claim_expires_at = None
    return SweepResult([document_id for document_id, _, author in stale if author is None], len(expired),
                       [document_id for document_id, _, author in stale if author is not None])


RESCORE_DUE = "rescore"  # the scored_version of an analysis kept on show until the pipeline has run on it again


def request_rescoring(session: Session, batch_id: int | None = None) -> list[int]:
    """Make the stored analyses of the batch's documents (or of every document) due again, for rule files or a
    glossary that changed after they were scored: they stay on show, and reviewers' decisions are carried to the
    new flags when the worker stores them (as for a new pipeline version). Returns the documents to enqueue."""
    current = select(Document.current_revision_id).where(Document.status != Status.FAILED.value)
    if batch_id is not None:
        current = current.where(Document.id.in_(batch_document_ids(batch_id)))
    scored = select(Revision.document_id).where(Revision.id.in_(current), Revision.scored_version.is_not(None))
    document_ids = sorted(session.scalars(scored))
    session.execute(update(Revision).where(Revision.id.in_(current), Revision.scored_version.is_not(None))
                    .values(scored_version=RESCORE_DUE, scoring_attempted_at=utcnow())
                    .execution_options(synchronize_session=False))
    return document_ids
