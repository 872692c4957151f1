"""The sweeper on SQLite and PostgreSQL: lost scoring work is re-enqueued once per stale period, and
lapsed claims are released with an event."""
from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from review.db.models import Document, ReviewEvent, Revision, utcnow
from review.services.analysis import mark_attempted, unscored_document_ids
from review.services.importing import import_batch
from review.services.maintenance import sweep
from review.services.users import add_user

STALE = timedelta(minutes=10)


def imported(session: Session, count: int) -> list[int]:
    records = [{"id": f"d{i}", "source": {"headline": f"Titular {i}"}, "target": {"headline": f"Headline {i}"}}
               for i in range(count)]
    with session.begin():
        return import_batch(session, "\n".join(json.dumps(r) for r in records).encode(), "b").created_ids


def test_only_stale_unscored_work_is_requeued_once_per_period(session: Session) -> None:
    old, fresh = imported(session, 2)
    with session.begin():
        session.execute(update(Revision).where(Revision.document_id == old)
                        .values(created_at=utcnow() - timedelta(hours=1)))
    with session.begin():
        assert sweep(session, STALE).requeue_ids == [old]
    with session.begin():
        assert sweep(session, STALE).requeue_ids == []  # re-enqueued just now: leave it for a period
    later = utcnow() + STALE + timedelta(minutes=1)
    with session.begin():
        mark_attempted(session, fresh)  # a worker has just started on it
        assert sweep(session, STALE, now=later).requeue_ids == [old, fresh]


def test_lapsed_claims_are_released_with_an_event(session: Session) -> None:
    [document_id] = imported(session, 1)
    with session.begin():
        user = add_user(session, "ana", "translator", "password-123")
        session.execute(update(Document).values(status="in_review", claimed_by_id=user.id,
                                                claim_expires_at=utcnow() - timedelta(minutes=1)))
    with session.begin():
        assert sweep(session, STALE).released_claims == 1
    document = session.get(Document, document_id)
    assert document.claimed_by_id is None and document.status == "in_review"
    actions = session.scalars(select(ReviewEvent.action).where(ReviewEvent.document_id == document_id)).all()
    assert actions[-1] == "claim_expired"


def test_a_reviewers_lost_save_is_requeued_apart_from_imported_work(session: Session) -> None:
    """By the sweeper and by a worker that starts: a save goes to the interactive queue, imported work to bulk."""
    imported_id, saved_id = imported(session, 2)
    with session.begin():
        user = add_user(session, "ana", "translator", "password-123")
        document = session.get(Document, saved_id)
        revision = Revision(number=2, target_headline="Headline, revised", target_body="", author_id=user.id)
        document.revisions.append(revision)
        session.flush()
        document.current_revision = revision
    assert unscored_document_ids(session, saved=True) == [saved_id]
    assert unscored_document_ids(session, saved=False) == [imported_id]
    assert unscored_document_ids(session) == [imported_id, saved_id]
    session.rollback()
    with session.begin():
        session.execute(update(Revision).values(created_at=utcnow() - timedelta(hours=1)))
    with session.begin():
        result = sweep(session, STALE)
    assert (result.requeue_ids, result.saved_ids) == ([imported_id], [saved_id])  # the save goes to the interactive queue
