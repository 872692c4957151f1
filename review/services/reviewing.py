"""Review use cases for the skeleton: the queue, one item's aligned view, and approval."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from review.core.model import FIELDS
from review.core.workflow import Action, Role, Status, next_status
from review.db.models import Batch, Document, FlagRow, LinkRow, ReviewEvent, Revision, ScoreRow, SegmentRow, User
from review.services.errors import NotFound

SEVERITY_RANK = {"critical": 0, "major": 1, "minor": 2}
REVIEWABLE = (Status.SCORED.value, Status.IN_REVIEW.value, Status.RETURNED.value, Status.NEEDS_SIGNOFF.value)


@dataclass(frozen=True)
class QueueEntry:
    document_id: int
    external_id: str
    batch_name: str
    status: str
    headline: str
    flag_counts: dict[str, int]
    headline_flagged: bool
    lowest_chrf: float | None

    @property
    def priority(self) -> tuple[int, int, int, float]:
        """Critical before major, headline flags first, then the least similar sentences."""
        return (-self.flag_counts.get("critical", 0), -self.flag_counts.get("major", 0),
                0 if self.headline_flagged else 1, self.lowest_chrf if self.lowest_chrf is not None else 100.0)


def review_queue(session: Session, batch_id: int | None = None) -> list[QueueEntry]:
    stmt = (
        select(Document)
        .where(Document.status.in_(REVIEWABLE))
        .options(selectinload(Document.batch),
                 selectinload(Document.revisions).selectinload(Revision.flags),
                 selectinload(Document.revisions).selectinload(Revision.scores))
    )
    if batch_id is not None:
        stmt = stmt.where(Document.batch_id == batch_id)
    entries = []
    for document in session.scalars(stmt):
        revision = document.current_revision
        counts: dict[str, int] = {}
        for flag in revision.flags:
            counts[flag.severity] = counts.get(flag.severity, 0) + 1
        link_chrf = [s.value for s in revision.scores if s.scope == "link" and s.metric == "chrF"]
        entries.append(QueueEntry(
            document_id=document.id, external_id=document.external_id, batch_name=document.batch.name,
            status=document.status, headline=revision.target_headline or revision.target_body[:120],
            flag_counts=counts, headline_flagged=any(f.field == "headline" for f in revision.flags),
            lowest_chrf=min(link_chrf) if link_chrf else None,
        ))
    return sorted(entries, key=lambda entry: entry.priority)


@dataclass
class AlignedRow:
    """One link shown as a row: its source and target sentences, kind (1-1, 1-0, ...) and scores."""

    kind: str
    confidence: float
    source: list[SegmentRow]
    target: list[SegmentRow]
    scores: dict[str, float] = field(default_factory=dict)


@dataclass
class FieldView:
    name: str
    source_text: str
    target_text: str
    rows: list[AlignedRow]
    flags: list[FlagRow]
    scores: dict[str, float]


@dataclass
class ItemView:
    document: Document
    revision: Revision
    fields: list[FieldView]
    document_scores: list[ScoreRow]
    events: list[ReviewEvent]


def item_view(session: Session, document_id: int) -> ItemView:
    document = session.scalar(
        select(Document).where(Document.id == document_id).options(
            selectinload(Document.revisions).selectinload(Revision.segments),
            selectinload(Document.revisions).selectinload(Revision.links).selectinload(LinkRow.scores),
            selectinload(Document.revisions).selectinload(Revision.scores),
            selectinload(Document.revisions).selectinload(Revision.flags),
        )
    )
    if document is None:
        raise NotFound(f"document {document_id} does not exist")
    revision = document.current_revision
    source_texts = {"headline": document.source_headline, "body": document.source_body}
    target_texts = {"headline": revision.target_headline, "body": revision.target_body}
    fields = []
    for name in FIELDS:
        segments = {(s.side, s.position): s for s in revision.segments if s.field == name}
        rows = [
            AlignedRow(
                kind=f"{len(link.source_positions)}-{len(link.target_positions)}",
                confidence=link.confidence,
                source=[segments[("source", i)] for i in link.source_positions],
                target=[segments[("target", i)] for i in link.target_positions],
                scores={score.metric: score.value for score in link.scores},
            )
            for link in revision.links if link.field == name
        ]
        fields.append(FieldView(
            name=name, source_text=source_texts[name], target_text=target_texts[name], rows=rows,
            flags=sorted((f for f in revision.flags if f.field == name), key=lambda f: SEVERITY_RANK[f.severity]),
            scores={s.metric: s.value for s in revision.scores if s.scope == "field" and s.field == name},
        ))
    events = list(session.scalars(
        select(ReviewEvent).where(ReviewEvent.document_id == document.id)
        .options(selectinload(ReviewEvent.user)).order_by(ReviewEvent.id)
    ))
    document_scores = [s for s in revision.scores if s.scope in ("document", "reference")]
    return ItemView(document=document, revision=revision, fields=fields, document_scores=document_scores, events=events)


def approve(session: Session, document_id: int, user: User) -> Status:
    """Approve the current rendering. Major or critical flags send it to the editor's sign-off queue."""
    document = session.scalar(select(Document).where(Document.id == document_id).with_for_update())
    if document is None:
        raise NotFound(f"document {document_id} does not exist")
    serious = any(f.severity in ("major", "critical") and f.status == "open" for f in document.current_revision.flags)
    current = Status(document.status)
    target = next_status(current, Action.APPROVE, Role(user.role), needs_signoff=serious)
    document.status = target.value
    document.claimed_by_id = None
    document.claim_expires_at = None
    session.add(ReviewEvent(document_id=document.id, user_id=user.id, action="approve",
                            from_status=current.value, to_status=target.value))
    return target


def batch_names(session: Session) -> dict[int, str]:
    return dict(session.execute(select(Batch.id, Batch.name).order_by(Batch.id)).all())
