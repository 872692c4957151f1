"""The API's batch report at a cost bounded by what it shows.

"Still being scored" is answered from counts (one aggregate query, no document loaded). A finished report is
built once (review.services.reporting) and stored in `batch_reports` with a fingerprint of what it was built
from: the pipeline version, and the batch's documents and their current revisions. Current revisions only
move forward (each new revision gets a larger id), so the count, sum and maximum of their ids change
whenever any document's rendering changes; a re-score under another pipeline version changes the count of
revisions scored by this one; the count and largest id of the current revisions' flags change when a flag
is added to or removed from one without a new revision. Asking again with the same fingerprint reads the
stored JSON text.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from review.core.pipeline import PIPELINE_VERSION
from review.core.workflow import IllegalTransition
from review.db.models import BatchReport, Document, FlagRow, Revision
from review.services.batches import batch_document_ids
from review.services.errors import NotFound
from review.services.reporting import stored_batch_report


@dataclass(frozen=True)
class BatchState:
    total: int
    waiting: int  # documents whose current revision is not scored yet
    fingerprint: str


def batch_state(session: Session, batch_id: int) -> BatchState:
    """Counts and the fingerprint of the batch's current revisions, in one aggregate query."""
    unscored = Revision.scored_version.is_(None)
    total, waiting, id_sum, id_max, current = session.execute(
        select(func.count(Document.id),
               func.count(Document.id).filter(unscored),
               func.coalesce(func.sum(Document.current_revision_id), 0),
               func.coalesce(func.max(Document.current_revision_id), 0),
               func.count(Document.id).filter(Revision.scored_version == PIPELINE_VERSION))
        .select_from(Document).outerjoin(Revision, Revision.id == Document.current_revision_id)
        .where(Document.id.in_(batch_document_ids(batch_id)))
    ).one()
    return BatchState(total, waiting, f"{PIPELINE_VERSION}:{total}:{id_sum}:{id_max}:{current}")


def _flags_fingerprint(session: Session, batch_id: int) -> str:
    """Count and largest id of the current revisions' flags: a flag added or removed without a new revision."""
    count, largest = session.execute(
        select(func.count(FlagRow.id), func.coalesce(func.max(FlagRow.id), 0))
        .join(Document, Document.current_revision_id == FlagRow.revision_id).where(Document.id.in_(batch_document_ids(batch_id)))
    ).one()
    return f"{count}:{largest}"


def batch_report_json(session: Session, batch_id: int) -> str:
    """The batch's check report as JSON text: from storage when nothing changed since it was built; 404 for an
    unknown or empty batch, 409 while any document is still being scored. Stores a report it builds in the
    caller's transaction."""
    state = batch_state(session, batch_id)
    if not state.total:
        raise NotFound(f"batch {batch_id} does not exist or is empty")
    if state.waiting:
        raise IllegalTransition(f"{state.waiting} document(s) are still being scored; ask again when the batch "
                                "is done")
    fingerprint = f"{state.fingerprint}:{_flags_fingerprint(session, batch_id)}"
    stored = session.scalar(select(BatchReport.body).where(BatchReport.batch_id == batch_id,
                                                           BatchReport.state == fingerprint))
    if stored is not None:
        return stored
    body = json.dumps(stored_batch_report(session, batch_id), ensure_ascii=False, sort_keys=True)  # as Flask would
    session.execute(delete(BatchReport).where(BatchReport.batch_id == batch_id))
    session.add(BatchReport(batch_id=batch_id, state=fingerprint, body=body))
    return body
