"""Export of finished work: approved and signed-off renderings as batch JSONL, with their review record."""
from __future__ import annotations

import json
from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from review.core.workflow import Status
from review.db.models import Document, ReviewEvent, Revision, User

FINISHED = (Status.APPROVED.value, Status.SIGNED_OFF.value)
CHUNK = 500


def export_lines(session: Session, batch_id: int | None = None) -> Iterator[str]:
    """One JSON line per finished document, in the import contract plus meta.review, in id order.
    Streams in chunks: three queries per 500 documents, whatever the batch size."""
    ids_stmt = select(Document.id).where(Document.status.in_(FINISHED)).order_by(Document.id)
    if batch_id is not None:
        ids_stmt = ids_stmt.where(Document.batch_id == batch_id)
    ids = list(session.scalars(ids_stmt))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        documents = session.scalars(
            select(Document).where(Document.id.in_(chunk)).order_by(Document.id)
            .options(selectinload(Document.current_revision).selectinload(Revision.author),
                     selectinload(Document.batch))
        ).all()
        deciders: dict[tuple[int, str], str] = {}
        for document_id, action, name in session.execute(
            select(ReviewEvent.document_id, ReviewEvent.action, User.name)
            .join(User, User.id == ReviewEvent.user_id)
            .where(ReviewEvent.document_id.in_(chunk), ReviewEvent.action.in_(("approve", "sign_off")))
            .order_by(ReviewEvent.id)
        ):
            deciders[(document_id, action)] = name
        for document in documents:
            yield json.dumps(_record(document, deciders), ensure_ascii=False) + "\n"


def _record(document: Document, deciders: dict[tuple[int, str], str]) -> dict[str, object]:
    revision = document.current_revision
    assert revision is not None
    record: dict[str, object] = {
        "id": document.external_id,
        "source": {"lang": "es", "headline": document.source_headline, "body": document.source_body},
        "target": {"lang": "en", "headline": revision.target_headline, "body": revision.target_body},
    }
    if document.reference_headline is not None or document.reference_body is not None:
        record["reference"] = {"headline": document.reference_headline or "", "body": document.reference_body or ""}
    record["meta"] = {**(document.meta or {}), "review": {
        "batch": document.batch.name, "status": document.status, "revision": revision.number,
        "hter": revision.hter, "author": revision.author.name if revision.author else None,
        "approved_by": deciders.get((document.id, "approve")),
        "signed_off_by": deciders.get((document.id, "sign_off")),
    }}
    return record
