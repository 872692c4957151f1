"""The review queues: translators' work and editors' sign-off, ordered by priority, filtered, paged.

Priority: open critical flags first, then major, headline flags first, then the least similar sentence.
The ordering columns live on documents (kept fresh by services) behind one index, so a page of the
queue is a single indexed query even with 100,000 documents.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, case, exists, func, select
from sqlalchemy.orm import Session, aliased

from review.core.flags import REGISTRY
from review.core.workflow import FlagStatus, Status
from review.db.models import Batch, Document, FlagRow, Revision, User

PAGE_SIZE = 50
TRANSLATOR_STATES = (Status.SCORED.value, Status.IN_REVIEW.value, Status.RETURNED.value)
SIGNOFF_STATES = (Status.NEEDS_SIGNOFF.value,)
SUMMARISED = {"critical": Document.open_critical, "major": Document.open_major}
QUEUE_ORDER = (
    Document.open_critical.desc(),
    Document.open_major.desc(),
    Document.headline_flagged.desc(),
    Document.lowest_chrf.asc().nulls_last(),
    Document.id,
)


def personal_order(user_id: int | None) -> tuple:  # type: ignore[type-arg]
    """The queue order as `user_id` sees it: the items returned to them by an editor first, then QUEUE_ORDER."""
    if user_id is None:
        return QUEUE_ORDER
    returned_to_me = case((and_(Document.status == Status.RETURNED.value, Document.claimed_by_id == user_id), 0),
                          else_=1)
    return (returned_to_me, *QUEUE_ORDER)


@dataclass(frozen=True)
class QueueFilters:
    states: tuple[str, ...] = TRANSLATOR_STATES
    batch_id: int | None = None
    severity: str | None = None  # critical, major or minor: has an open flag of that severity
    code: str | None = None  # has an open flag with this code
    assignee: str | None = None  # a user name, or "none" for unclaimed items


@dataclass(frozen=True)
class QueueEntry:
    document_id: int
    external_id: str
    batch_name: str
    status: str
    headline: str
    open_critical: int
    open_major: int
    headline_flagged: bool
    lowest_chrf: float | None
    assignee: str | None


@dataclass(frozen=True)
class QueuePage:
    entries: list[QueueEntry]
    page: int
    has_next: bool


def review_queue(session: Session, filters: QueueFilters, page: int = 1) -> QueuePage:
    assignee = aliased(User)
    stmt = (
        select(Document.id, Document.external_id, Batch.name, Document.status,
               func.coalesce(func.nullif(Revision.target_headline, ""), func.substr(Revision.target_body, 1, 120)),
               Document.open_critical, Document.open_major, Document.headline_flagged, Document.lowest_chrf,
               assignee.name)
        .join(Batch, Batch.id == Document.batch_id)
        .join(Revision, Revision.id == Document.current_revision_id)
        .outerjoin(assignee, assignee.id == Document.claimed_by_id)
        .where(Document.status.in_(filters.states))
        .order_by(*QUEUE_ORDER)
        .offset((max(page, 1) - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE + 1)
    )
    if filters.batch_id is not None:
        stmt = stmt.where(Document.batch_id == filters.batch_id)
    if filters.severity in SUMMARISED and not filters.code:  # the document row knows: no flag lookup per row
        stmt = stmt.where(SUMMARISED[filters.severity] > 0)
    elif filters.severity or filters.code:
        open_flag = [FlagRow.revision_id == Document.current_revision_id, FlagRow.status == FlagStatus.OPEN.value]
        if filters.severity:
            open_flag.append(FlagRow.severity == filters.severity)
        if filters.code:
            open_flag.append(FlagRow.code == filters.code)
        stmt = stmt.where(exists().where(*open_flag))
    if filters.assignee == "none":
        stmt = stmt.where(Document.claimed_by_id.is_(None))
    elif filters.assignee:
        stmt = stmt.where(assignee.name == filters.assignee)
    rows = session.execute(stmt).all()
    entries = [QueueEntry(*row) for row in rows[:PAGE_SIZE]]
    return QueuePage(entries=entries, page=max(page, 1), has_next=len(rows) > PAGE_SIZE)


def flag_codes() -> list[str]:
    """Every code a registered detector can raise (no query: the registry is the list)."""
    return sorted(REGISTRY)


def user_names(session: Session) -> list[str]:
    return list(session.scalars(select(User.name).order_by(User.name)))


def batch_names(session: Session) -> dict[int, str]:
    return dict(session.execute(select(Batch.id, Batch.name).order_by(Batch.id)).all())
