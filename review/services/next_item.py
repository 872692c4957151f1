""""Next item": where a reviewer goes after saving or approving, in the order of the queue they work from.

A translator's next item is the first of the review queue, other than the one just left, that is theirs (held,
or returned to them) or that nobody holds; an editor's is the first of the sign-off queue.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from review.db.models import Document, User, utcnow
from review.services.queue import SIGNOFF_STATES, TRANSLATOR_STATES, personal_order, returned_count


def next_item(session: Session, user: User, leaving: int, now: datetime | None = None) -> int | None:
    """The id of the user's next item after `leaving`, or None when their queue holds nothing else."""
    now = now or utcnow()
    stmt = select(Document.id).where(Document.id != leaving)
    if user.role == "editor":
        stmt = stmt.where(Document.status.in_(SIGNOFF_STATES))
    else:
        stmt = stmt.where(Document.status.in_(TRANSLATOR_STATES), or_(
            Document.claimed_by_id.is_(None), Document.claimed_by_id == user.id, Document.claim_expires_at < now))
    viewer = user.id if returned_count(session, user.id) else None
    return session.scalar(stmt.order_by(*personal_order(viewer)).limit(1))
