"""The review queues: translators' work and editors' sign-off, ordered by priority, filtered, paged.

Priority: open critical flags first, then major, headline flags first, then the least similar sentence.
The ordering columns live on documents (kept fresh by services) behind one index, so a page of the
queue is a single indexed query even with 100,000 documents.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from review.core.flags import REGISTRY
from review.core.workflow import FlagStatus, Status
from review.db.models import Batch, Document, FlagRow, ReviewEvent, Revision, User

PAGE_SIZE = 50
TRANSLATOR_STATES = (Status.SCORED.value, Status.IN_REVIEW.value, Status.RETURNED.value)
SIGNOFF_STATES = (Status.NEEDS_SIGNOFF.value,)
SUMMARISED = {"critical": Document.open_critical, "major": Document.open_major}
SEVERITIES = ("critical", "major", "minor", "info")
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
    search: str | None = None  # in the document id and the current headline, case-insensitive
    viewer_id: int | None = None  # whose queue: items returned to this user come first


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
    revision_id: int | None = None
    open_flags: dict[str, int] = field(default_factory=dict)  # open flags of the current revision per severity
    return_comment: str | None = None  # the editor's comment, for an item returned to its translator


@dataclass(frozen=True)
class QueuePage:
    entries: list[QueueEntry]
    page: int
    has_next: bool
    total: int = 0  # items matching the filters, on every page
    pages: int = 1


def review_queue(session: Session, filters: QueueFilters, page: int = 1) -> QueuePage:
    assignee = aliased(User)
    stmt = (
        select(Document.id, Document.external_id, Batch.name, Document.status,
               func.coalesce(func.nullif(Revision.target_headline, ""), func.substr(Revision.target_body, 1, 120)),
               Document.open_critical, Document.open_major, Document.headline_flagged, Document.lowest_chrf,
               assignee.name, Document.current_revision_id)
        .join(Batch, Batch.id == Document.batch_id)
        .join(Revision, Revision.id == Document.current_revision_id)
        .outerjoin(assignee, assignee.id == Document.claimed_by_id)
        .where(Document.status.in_(filters.states))
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
    if filters.search and filters.search.strip():
        pattern = f"%{_escaped(filters.search.strip().lower())}%"
        stmt = stmt.where(or_(func.lower(Document.external_id).like(pattern, escape="\\"),
                              func.lower(Revision.target_headline).like(pattern, escape="\\")))
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    # the "returned to you first" term costs PostgreSQL the walk along the priority index: only for those who have some
    viewer = filters.viewer_id if filters.viewer_id is not None and returned_count(session, filters.viewer_id) else None
    rows = session.execute(stmt.order_by(*personal_order(viewer))
                           .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)).all()
    entries = _with_details(session, [QueueEntry(*row) for row in rows])
    return QueuePage(entries=entries, page=page, has_next=page < pages, total=total, pages=pages)


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _with_details(session: Session, entries: list[QueueEntry]) -> list[QueueEntry]:
    """The page's entries with their open flags per severity and, when returned, the editor's comment:
    two queries for the page, whatever its length."""
    counts: dict[int, dict[str, int]] = {}
    revision_ids = [e.revision_id for e in entries if e.revision_id is not None]
    for revision_id, severity, count in session.execute(
            select(FlagRow.revision_id, FlagRow.severity, func.count())
            .where(FlagRow.revision_id.in_(revision_ids), FlagRow.status == FlagStatus.OPEN.value)
            .group_by(FlagRow.revision_id, FlagRow.severity)):
        counts.setdefault(revision_id, {})[severity] = count
    returned = [e.document_id for e in entries if e.status == Status.RETURNED.value]
    comments = return_comments(session, returned)
    return [replace(e, open_flags={s: counts.get(e.revision_id or 0, {}).get(s, 0) for s in SEVERITIES},
                    return_comment=comments.get(e.document_id)) for e in entries]


def return_comments(session: Session, document_ids: list[int]) -> dict[int, str]:
    """The latest editor's return comment of each of these documents."""
    if not document_ids:
        return {}
    latest = (select(ReviewEvent.document_id, func.max(ReviewEvent.id).label("id"))
              .where(ReviewEvent.document_id.in_(document_ids), ReviewEvent.action == "return")
              .group_by(ReviewEvent.document_id).subquery())
    return dict(session.execute(select(ReviewEvent.document_id, ReviewEvent.reason)
                                .join(latest, latest.c.id == ReviewEvent.id)).all())


def returned_count(session: Session, user_id: int) -> int:
    """How many items editors have returned to this translator: the inbox count in the navigation."""
    return session.scalar(select(func.count()).select_from(Document).where(
        Document.status == Status.RETURNED.value, Document.claimed_by_id == user_id)) or 0


def flag_codes() -> list[str]:
    """Every code a registered detector can raise (no query: the registry is the list)."""
    return sorted(REGISTRY)


def user_names(session: Session) -> list[str]:
    return list(session.scalars(select(User.name).order_by(User.name)))


def batch_names(session: Session) -> dict[int, str]:
    return dict(session.execute(select(Batch.id, Batch.name).order_by(Batch.id)).all())
