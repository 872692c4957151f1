"""Import use case: a validated batch becomes documents with their first revision, idempotent by content hash."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from review.core.formats import read_pairs
from review.core.importing import content_hash
from review.core.model import DocumentPair
from review.core.workflow import Status
from review.db.models import Batch, Document, ReviewEvent, Revision


@dataclass(frozen=True)
class ImportResult:
    batch_id: int
    created_ids: list[int]
    skipped_external_ids: list[str]


def import_batch(session: Session, data: bytes, batch_name: str, fmt: str = "jsonl") -> ImportResult:
    """Validate the whole file first (raising core.importing.BatchError), then store it in the caller's
    transaction. Pairs whose content hash is already stored are skipped, so re-importing adds nothing.
    fmt is one of review.core.formats.FORMATS (JSONL, XLIFF, TMX, CSV/TSV)."""
    pairs = read_pairs(data, fmt)
    batch = session.scalar(select(Batch).where(Batch.name == batch_name))
    if batch is None:
        batch = Batch(name=batch_name)
        session.add(batch)
    hashes = {pair.id: content_hash(pair) for pair in pairs}
    known = set(session.scalars(select(Document.content_hash).where(Document.content_hash.in_(hashes.values()))))
    created: list[Document] = []
    skipped: list[str] = []
    for pair in pairs:
        if hashes[pair.id] in known:
            skipped.append(pair.id)
            continue
        document = _new_document(pair, hashes[pair.id])
        batch.documents.append(document)
        created.append(document)
    session.flush()
    for document in created:
        session.add(ReviewEvent(document_id=document.id, action="import", to_status=Status.NEW.value))
    return ImportResult(batch_id=batch.id, created_ids=[d.id for d in created], skipped_external_ids=skipped)


def _new_document(pair: DocumentPair, digest: str) -> Document:
    reference = pair.reference
    document = Document(
        external_id=pair.id,
        source_headline=pair.source.headline,
        source_body=pair.source.body,
        reference_headline=reference.headline if reference else None,
        reference_body=reference.body if reference else None,
        meta=dict(pair.meta),
        content_hash=digest,
        status=Status.NEW.value,
    )
    first = Revision(number=1, target_headline=pair.target.headline, target_body=pair.target.body)
    document.revisions.append(first)
    document.current_revision = first
    return document
