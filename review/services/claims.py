"""Claims: a translator's lease on an item. Claiming is a conditional UPDATE, and picking the next item
uses SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL, so two translators never hold the same item."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from review.core.workflow import Action, IllegalTransition, Role, Status, check_role
from review.db.models import Document, ReviewEvent, User, utcnow
from review.services.errors import NotFound
from review.services.queue import QUEUE_ORDER

CLAIMABLE = (Status.SCORED.value, Status.RETURNED.value, Status.IN_REVIEW.value)


def _claimable_by(user: User, now: datetime):  # type: ignore[no-untyped-def]
    return and_(
        Document.status.in_(CLAIMABLE),
        or_(Document.claimed_by_id.is_(None), Document.claimed_by_id == user.id, Document.claim_expires_at < now),
    )


def claim(session: Session, document_id: int, user: User, lease: timedelta, now: datetime | None = None) -> Document:
    """Take (or renew) the lease on one item, or raise: 404 unknown, 409 wrong state or held by someone else."""
    check_role(Action.CLAIM, Role(user.role))
    now = now or utcnow()
    document = session.get(Document, document_id)
    if document is None:
        raise NotFound(f"document {document_id} does not exist")
    previous = document.status
    taken = session.execute(
        update(Document)
        .where(Document.id == document_id, _claimable_by(user, now))
        .values(claimed_by_id=user.id, claim_expires_at=now + lease, status=Status.IN_REVIEW.value)
        .execution_options(synchronize_session=False)
    )
    session.refresh(document)
    if taken.rowcount == 0:
        if document.status not in CLAIMABLE:
            raise IllegalTransition(f"cannot claim an item that is {document.status.replace('_', ' ')}")
        holder = document.claimed_by.name if document.claimed_by else "someone else"
        until = f"until {document.claim_expires_at:%H:%M} UTC" if document.claim_expires_at else "(returned to them)"
        raise IllegalTransition(f"{holder} is working on this item {until}")
    session.add(ReviewEvent(document_id=document.id, user_id=user.id, action="claim", from_status=previous,
                            to_status=document.status, reason=f"lease until {document.claim_expires_at:%Y-%m-%d %H:%M} UTC"))
    return document


def claim_next(session: Session, user: User, lease: timedelta, batch_id: int | None = None,
               now: datetime | None = None) -> Document | None:
    """Claim the highest-priority item nobody holds; None when the queue is empty."""
    check_role(Action.CLAIM, Role(user.role))
    now = now or utcnow()
    for _attempt in range(5):
        candidates = (
            select(Document.id)
            .where(Document.status.in_((Status.SCORED.value, Status.RETURNED.value, Status.IN_REVIEW.value)))
            .where(or_(Document.claimed_by_id.is_(None), Document.claim_expires_at < now))
            .order_by(*QUEUE_ORDER)
            .limit(1)
        )
        if batch_id is not None:
            candidates = candidates.where(Document.batch_id == batch_id)
        if session.get_bind().dialect.name == "postgresql":
            candidates = candidates.with_for_update(skip_locked=True)
        document_id = session.scalar(candidates)
        if document_id is None:
            return None
        try:
            return claim(session, document_id, user, lease, now)
        except IllegalTransition:
            continue  # someone else took it between our read and our update (SQLite); try the next one
    return None


def require_claim(document: Document, user: User, now: datetime | None = None) -> None:
    """Translator actions need the item's lease: held by this user, or lapsed with nobody else holding it."""
    now = now or utcnow()
    if document.claimed_by_id == user.id:
        return
    if document.claimed_by_id is not None and document.claim_expires_at and document.claim_expires_at >= now:
        holder = document.claimed_by.name if document.claimed_by else "someone else"
        raise IllegalTransition(f"{holder} holds this item; claim it when their lease lapses")
    raise IllegalTransition("claim the item before working on it")


def release(document: Document) -> None:
    document.claimed_by_id = None
    document.claim_expires_at = None
