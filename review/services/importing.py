"""Import use case: a validated batch becomes documents with their first revision, idempotent by content hash.

A pair whose id is already stored with other content is an updated article: it becomes a new version of
that document (a new revision, re-scored; flags that come back unchanged keep their resolution), the
document moves to the importing batch and reopens, and a changed headline needs editor sign-off again.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from review.core.formats import read_pairs
from review.core.formats.importing import content_hash
from review.core.model import DocumentPair
from review.core.workflow import Status
from review.db.models import Batch, Document, ReviewEvent, Revision


@dataclass(frozen=True)
class ImportResult:
    batch_id: int
    created_ids: list[int]
    skipped_external_ids: list[str]
    updated_ids: list[int] = field(default_factory=list)

    @property
    def queued_ids(self) -> list[int]:
        """Everything that needs scoring: new documents and new versions."""
        return self.created_ids + self.updated_ids


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
    existing = {document.external_id: document for document in session.scalars(
        select(Document).where(Document.external_id.in_(hashes)).order_by(Document.id))}
    created: list[Document] = []
    updated: list[Document] = []
    skipped: list[str] = []
    for pair in pairs:
        if hashes[pair.id] in known:
            skipped.append(pair.id)
        elif pair.id in existing:
            _new_version(session, existing[pair.id], pair, hashes[pair.id], batch)
            updated.append(existing[pair.id])
        else:
            document = _new_document(pair, hashes[pair.id])
            batch.documents.append(document)
            created.append(document)
    session.flush()
    for document in created:
        session.add(ReviewEvent(document_id=document.id, action="import", to_status=Status.NEW.value))
    return ImportResult(batch_id=batch.id, created_ids=[d.id for d in created], skipped_external_ids=skipped,
                        updated_ids=[d.id for d in updated])


def _new_version(session: Session, document: Document, pair: DocumentPair, digest: str, batch: Batch) -> None:
    """The article changed upstream: store the new text as a new version and reopen the document."""
    reference = pair.reference
    old = document.current_revision
    assert old is not None
    changed = [name for name, before, after in (
        ("source headline", document.source_headline, pair.source.headline),
        ("source body", document.source_body, pair.source.body),
        ("English headline", old.target_headline, pair.target.headline),
        ("English body", old.target_body, pair.target.body),
        ("reference", (document.reference_headline, document.reference_body),
         (reference.headline, reference.body) if reference else (None, None)),
    ) if before != after]
    document.source_headline, document.source_body = pair.source.headline, pair.source.body
    document.reference_headline = reference.headline if reference else None
    document.reference_body = reference.body if reference else None
    document.meta, document.content_hash = dict(pair.meta), digest
    revision = Revision(number=old.number + 1, target_headline=pair.target.headline, target_body=pair.target.body)
    document.revisions.append(revision)
    document.current_revision = revision
    if any("headline" in name for name in changed):
        document.carried_serious_flags = True  # a changed headline goes back to an editor
    session.add(ReviewEvent(document_id=document.id, action="update", from_status=document.status,
                            to_status=Status.NEW.value,
                            reason=f"new version from batch {batch.name!r}: {', '.join(changed) or 'metadata'} changed"))
    document.status = Status.NEW.value
    document.claimed_by_id = document.claim_expires_at = None
    document.batch = batch


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
