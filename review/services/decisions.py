"""Decisions on an item and its flags: approve, sign off, return, dismiss or override a flag, comment."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from review.core.workflow import Action, FlagStatus, IllegalTransition, InvalidRequest, Role, Status, next_status
from review.db.models import Document, FlagComment, FlagRow, ReviewEvent, Revision, User, utcnow
from review.services.analysis import refresh_summary
from review.services.claims import require_claim, release
from review.services.errors import NotFound

MAX_COMMENT_CHARS = 5_000


def approve(session: Session, document_id: int, user: User) -> Status:
    """Approve the current rendering. Items that carried major or critical flags go to the editor's sign-off queue."""
    document = _locked(session, document_id)
    revision = document.current_revision
    open_flags = sum(flag.status == FlagStatus.OPEN.value for flag in revision.flags) if revision else 0
    target = next_status(Status(document.status), Action.APPROVE, Role(user.role),
                         carried_serious_flags=document.carried_serious_flags, open_flags=open_flags)
    require_claim(document, user)
    if revision is None or revision.scored_version is None:
        raise IllegalTransition("the latest revision is still being scored; approve when it is done")
    _move(session, document, user, "approve", target)
    release(document)
    return target


def sign_off(session: Session, document_id: int, user: User, reason: str = "") -> Status:
    document = _locked(session, document_id)
    target = next_status(Status(document.status), Action.SIGN_OFF, Role(user.role), reason=reason)
    _move(session, document, user, "sign_off", target, reason)
    return target


def return_to_translator(session: Session, document_id: int, user: User, comment: str) -> Status:
    """Send the item back, with the editor's comment, to the translator who approved it."""
    document = _locked(session, document_id)
    target = next_status(Status(document.status), Action.RETURN, Role(user.role), reason=comment)
    approver_id = session.scalar(
        select(ReviewEvent.user_id).where(ReviewEvent.document_id == document.id, ReviewEvent.action == "approve")
        .order_by(ReviewEvent.id.desc()).limit(1)
    )
    _move(session, document, user, "return", target, comment)
    document.claimed_by_id = approver_id
    document.claim_expires_at = None
    return target


def dismiss_flag(session: Session, flag_id: int, user: User, reason: str) -> FlagRow:
    """A translator explains why a flag is a false alarm."""
    flag, document = _flag_and_document(session, flag_id)
    next_status(Status(document.status), Action.DISMISS_FLAG, Role(user.role), reason=reason)
    require_claim(document, user)
    return _resolve(session, flag, document, user, FlagStatus.DISMISSED, reason)


def override_flag(session: Session, flag_id: int, user: User, reason: str) -> FlagRow:
    """An editor overrides a flag as a false alarm during sign-off."""
    flag, document = _flag_and_document(session, flag_id)
    next_status(Status(document.status), Action.OVERRIDE_FLAG, Role(user.role), reason=reason)
    return _resolve(session, flag, document, user, FlagStatus.OVERRIDDEN, reason)


def comment_on_flag(session: Session, flag_id: int, user: User, body: str) -> FlagComment:
    flag, _document = _flag_and_document(session, flag_id, current_only=False)
    body = body.strip()
    if not body:
        raise InvalidRequest("a comment cannot be empty")
    if len(body) > MAX_COMMENT_CHARS:
        raise InvalidRequest(f"a comment may hold at most {MAX_COMMENT_CHARS:,} characters")
    comment = FlagComment(flag_id=flag.id, user_id=user.id, body=body)
    session.add(comment)
    return comment


def _resolve(session: Session, flag: FlagRow, document: Document, user: User, status: FlagStatus,
             reason: str) -> FlagRow:
    if flag.status == FlagStatus.OVERRIDDEN.value or flag.status == status.value:
        raise IllegalTransition(f"this flag is already {flag.status}")
    previous = flag.status
    flag.status, flag.resolution_reason = status.value, reason.strip()
    flag.resolved_by_id, flag.resolved_at = user.id, utcnow()
    session.add(ReviewEvent(document_id=document.id, user_id=user.id, action=f"{status.value}_flag",
                            from_status=previous, to_status=status.value,
                            reason=f"{flag.code} ({flag.severity}): {reason.strip()}"))
    session.flush()
    refresh_summary(document)
    return flag


def _locked(session: Session, document_id: int) -> Document:
    document = session.scalar(select(Document).where(Document.id == document_id).with_for_update())
    if document is None:
        raise NotFound(f"document {document_id} does not exist")
    return document


def _flag_and_document(session: Session, flag_id: int, current_only: bool = True) -> tuple[FlagRow, Document]:
    flag = session.get(FlagRow, flag_id)
    if flag is None:
        raise NotFound(f"flag {flag_id} does not exist")
    document_id = session.scalar(select(Revision.document_id).where(Revision.id == flag.revision_id))
    document = _locked(session, document_id)
    if current_only and document.current_revision_id != flag.revision_id:
        raise IllegalTransition("this flag belongs to an earlier revision")
    return flag, document


def _move(session: Session, document: Document, user: User, action: str, target: Status, reason: str = "") -> None:
    session.add(ReviewEvent(document_id=document.id, user_id=user.id, action=action, from_status=document.status,
                            to_status=target.value, reason=reason.strip()))
    document.status = target.value
