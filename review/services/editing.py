"""Editing the English: a save makes a new revision (with its HTER) when nobody saved over it meanwhile."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from review.core.formats.importing import MAX_FIELD_CHARS
from review.core.scoring.metrics import hter
from review.core.workflow import Action, InvalidRequest, Role, Status, WorkflowError, next_status
from review.db.models import Document, ReviewEvent, Revision, User, utcnow
from review.services.annotations import carry_annotations
from review.services.claims import require_claim
from review.services.errors import NotFound


@dataclass(frozen=True)
class Version:
    """A revision's text as plain values, safe to carry past the end of its session."""

    number: int
    headline: str
    body: str
    author: str | None

    @classmethod
    def of(cls, revision: Revision) -> "Version":
        return cls(revision.number, revision.target_headline, revision.target_body,
                   revision.author.name if revision.author else None)


class EditConflict(WorkflowError):
    """The item changed since the editor loaded it (HTTP 409). Carries both versions so nothing is lost."""

    def __init__(self, document_id: int, base_number: int, theirs: Version, mine_headline: str, mine_body: str):
        super().__init__(f"revision {theirs.number} was saved by {theirs.author or 'the system'} "
                         f"after you loaded revision {base_number}")
        self.document_id = document_id
        self.base_number = base_number
        self.theirs = theirs
        self.mine_headline = mine_headline
        self.mine_body = mine_body


@dataclass(frozen=True)
class SavedRevision:
    document_id: int
    number: int
    hter: float
    headline: str = ""
    body: str = ""


def save_revision(session: Session, document_id: int, user: User, headline: str, body: str, base_number: int,
                  note: str = "", lease: timedelta | None = None) -> SavedRevision:
    """Store the user's English as a new revision of the item. Raises EditConflict when `base_number` is not
    the current revision, unless that revision is this very save made already (the same user, base and text):
    then it is answered again. A save extends the saver's claim by `lease` from now. The caller enqueues
    re-scoring after commit (a repeat costs nothing there)."""
    document = session.scalar(select(Document).where(Document.id == document_id).with_for_update())
    if document is None:
        raise NotFound(f"document {document_id} does not exist")
    next_status(Status(document.status), Action.EDIT, Role(user.role), reason=note)
    require_claim(document, user)
    headline, body = _normalised(headline), _normalised(body)
    if not headline and not body:
        raise InvalidRequest("the headline and the body cannot both be empty")
    if max(len(headline), len(body)) > MAX_FIELD_CHARS:
        raise InvalidRequest(f"a field may hold at most {MAX_FIELD_CHARS:,} characters")
    current = document.current_revision
    if current is None:
        raise NotFound(f"document {document_id} has no revision")
    if _same_save(current, base_number, user, headline, body):
        return SavedRevision(document.id, current.number, current.hter or 0.0)  # sent twice (a double click)
    if current.number != base_number:
        raise EditConflict(document.id, base_number, Version.of(current), headline, body)
    if (headline, body) == (current.target_headline, current.target_body):
        raise InvalidRequest("nothing changed")
    submitted = document.revisions[0]
    revision = Revision(
        number=current.number + 1, target_headline=headline, target_body=body, author_id=user.id,
        hter=hter(_joined(submitted.target_headline, submitted.target_body), _joined(headline, body)),
    )
    document.revisions.append(revision)
    try:
        session.flush()
    except IntegrityError:  # a concurrent save took this revision number first (SQLite has no row locks)
        session.rollback()
        theirs = session.scalar(select(Revision).where(Revision.document_id == document_id)
                                .order_by(Revision.number.desc()).limit(1))
        if _same_save(theirs, base_number, user, headline, body):  # the same save, sent twice at once
            return SavedRevision(document_id, theirs.number, theirs.hter or 0.0)
        raise EditConflict(document_id, base_number, Version.of(theirs), headline, body) from None
    document.current_revision = revision
    carry_annotations(current, revision)
    if lease is not None and document.claimed_by_id == user.id:
        document.claim_expires_at = utcnow() + lease
    session.add(ReviewEvent(document_id=document.id, user_id=user.id, action="edit", from_status=document.status,
                            to_status=document.status,
                            reason=f"revision {revision.number} (HTER {revision.hter:.1f})" + (f": {note}" if note else "")))
    return SavedRevision(document.id, revision.number, revision.hter or 0.0, headline, body)


def _same_save(revision: Revision, base_number: int, user: User, headline: str, body: str) -> bool:
    """Whether `revision` is what this save would make: the next one after its base, by the same user, same text."""
    return (revision.number == base_number + 1 and revision.author_id == user.id
            and (revision.target_headline, revision.target_body) == (headline, body))


def _normalised(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")).strip()


def _joined(headline: str, body: str) -> str:
    return " ".join(f"{headline} {body}".split())
