"""Batch progress: done / total derived from document states, so it can never drift from the truth.

A batch's documents are those it brought (Document.batch_id) and the known, unchanged ones submitted again in
it (BatchMember), so a batch of nothing but known documents is done at once.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from review.core.workflow import Status
from review.db.models import Batch, BatchMember, Document


@dataclass(frozen=True)
class BatchProgress:
    id: int
    name: str
    total: int
    done: int
    failed: int

    @property
    def status(self) -> str:
        if self.total and self.done + self.failed == self.total:
            return "failed" if self.failed else "done"
        return "running" if self.done + self.failed else "queued"

    def as_dict(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name, "status": self.status,
                "done": self.done, "failed": self.failed, "total": self.total}


def batch_document_ids(batch_id: int) -> Select[tuple[int]]:
    """The ids of the batch's documents (a SELECT to use in an IN clause)."""
    return (select(Document.id).where(Document.batch_id == batch_id)
            .union(select(BatchMember.document_id).where(BatchMember.batch_id == batch_id)))


def batch_progress(session: Session, batch_ids: list[int] | None = None) -> list[BatchProgress]:
    """Progress of the given batches (all of them when None), newest first, in one query."""
    members = (select(Document.batch_id.label("batch_id"), Document.id.label("document_id"))
               .union(select(BatchMember.batch_id, BatchMember.document_id)).subquery())
    stmt = (
        select(
            Batch.id, Batch.name,
            func.count(Document.id),
            func.count(Document.id).filter(Document.status.notin_((Status.NEW.value, Status.FAILED.value))),
            func.count(Document.id).filter(Document.status == Status.FAILED.value),
        )
        .outerjoin(members, members.c.batch_id == Batch.id)
        .outerjoin(Document, Document.id == members.c.document_id)
        .group_by(Batch.id, Batch.name)
        .order_by(Batch.id.desc())
    )
    if batch_ids is not None:
        stmt = stmt.where(Batch.id.in_(batch_ids))
    return [BatchProgress(*row) for row in session.execute(stmt)]


def batch_listing(session: Session) -> list[dict[str, object]]:
    """Every batch, newest first: id, name, when it was created, its scoring status and done / total."""
    created = dict(session.execute(select(Batch.id, Batch.created_at)).all())
    return [{**progress.as_dict(), "created": f"{created[progress.id]:%Y-%m-%dT%H:%M:%S}Z"}
            for progress in batch_progress(session)]
