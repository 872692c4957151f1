"""Typed SQLAlchemy 2 tables. Rows mirror the core's value types; the services layer converts between them."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, desc
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ApiToken(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(80), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]


class Batch(Base):
    __tablename__ = "batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    documents: Mapped[list["Document"]] = relationship(back_populates="batch", order_by="Document.id")


class Document(Base):
    """A document pair: the Spanish original (immutable) plus its English revisions.

    The open_* / headline_flagged / lowest_chrf columns summarise the current revision's open flags
    and scores so the review queue can be ordered and filtered by an index; services keep them fresh.
    """

    __tablename__ = "documents"
    __table_args__ = (
        Index("ix_documents_status", "status"),
        # Priority order alone, without status in front: a queue spans several states, and an IN list on a
        # leading column would make PostgreSQL sort every match instead of walking the index (bench/web.py).
        Index("ix_documents_priority", desc("open_critical"), desc("open_major"), desc("headline_flagged"),
              "lowest_chrf", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id", ondelete="CASCADE"), index=True)
    external_id: Mapped[str] = mapped_column(String(300), index=True)
    source_headline: Mapped[str] = mapped_column(Text)
    source_body: Mapped[str] = mapped_column(Text)
    reference_headline: Mapped[str | None] = mapped_column(Text)
    reference_body: Mapped[str | None] = mapped_column(Text)
    meta: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="new")
    current_revision_id: Mapped[int | None] = mapped_column(
        ForeignKey("revisions.id", use_alter=True, name="fk_documents_current_revision", ondelete="SET NULL"))
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    claim_expires_at: Mapped[datetime | None]
    open_critical: Mapped[int] = mapped_column(default=0)
    open_major: Mapped[int] = mapped_column(default=0)
    headline_flagged: Mapped[bool] = mapped_column(default=False)
    lowest_chrf: Mapped[float | None]
    carried_serious_flags: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    batch: Mapped[Batch] = relationship(back_populates="documents")
    revisions: Mapped[list["Revision"]] = relationship(
        back_populates="document", order_by="Revision.number", cascade="all, delete-orphan",
        foreign_keys="Revision.document_id",
    )
    current_revision: Mapped["Revision | None"] = relationship(foreign_keys=[current_revision_id], post_update=True)
    claimed_by: Mapped[User | None] = relationship(foreign_keys=[claimed_by_id])


class Revision(Base):
    """One version of the English rendering, with its author (None for the imported one)."""

    __tablename__ = "revisions"
    __table_args__ = (UniqueConstraint("document_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    target_headline: Mapped[str] = mapped_column(Text)
    target_body: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    scored_version: Mapped[str | None] = mapped_column(String(32))
    scoring_attempted_at: Mapped[datetime | None]  # a worker started on it, or the sweeper re-enqueued it
    hter: Mapped[float | None]  # TER of the rendering as submitted (revision 1) against this one
    # {"pipeline_version": ..., "segments": [{metric: sufficient statistics}, ...]} of the reference segments, as the
    # worker computed them, so that a report in another process does not compute TER and chrF over again
    reference_statistics: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    document: Mapped[Document] = relationship(back_populates="revisions", foreign_keys=[document_id])
    author: Mapped[User | None] = relationship()
    segments: Mapped[list["SegmentRow"]] = relationship(
        order_by="SegmentRow.position", cascade="all, delete-orphan"
    )
    links: Mapped[list["LinkRow"]] = relationship(order_by="LinkRow.position", cascade="all, delete-orphan")
    scores: Mapped[list["ScoreRow"]] = relationship(cascade="all, delete-orphan")
    flags: Mapped[list["FlagRow"]] = relationship(order_by="FlagRow.id", cascade="all, delete-orphan")


class SegmentRow(Base):
    """A sentence of one field and side; source segments carry their Apertium pseudo-reference."""

    __tablename__ = "segments"
    __table_args__ = (UniqueConstraint("revision_id", "field", "side", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("revisions.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(16))
    side: Mapped[str] = mapped_column(String(8))
    position: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int]
    end: Mapped[int]
    paragraph: Mapped[int]
    machine_translation: Mapped[str | None] = mapped_column(Text)


class LinkRow(Base):
    __tablename__ = "links"
    __table_args__ = (UniqueConstraint("revision_id", "field", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("revisions.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(16))
    position: Mapped[int]
    source_positions: Mapped[list[int]] = mapped_column(JSON)
    target_positions: Mapped[list[int]] = mapped_column(JSON)
    confidence: Mapped[float]

    scores: Mapped[list["ScoreRow"]] = relationship(back_populates="link")


class ScoreRow(Base):
    """A sacrebleu value. scope: link, field, document (vs pseudo-reference) or reference (vs supplied one)."""

    __tablename__ = "scores"

    id: Mapped[int] = mapped_column(primary_key=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("revisions.id", ondelete="CASCADE"), index=True)
    link_id: Mapped[int | None] = mapped_column(ForeignKey("links.id", ondelete="CASCADE"), index=True)
    scope: Mapped[str] = mapped_column(String(16))
    field: Mapped[str | None] = mapped_column(String(16))
    metric: Mapped[str] = mapped_column(String(16))
    value: Mapped[float]
    signature: Mapped[str] = mapped_column(String(255))

    link: Mapped[LinkRow | None] = relationship(back_populates="scores")


class FlagRow(Base):
    __tablename__ = "flags"

    id: Mapped[int] = mapped_column(primary_key=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("revisions.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(40), index=True)
    category: Mapped[str] = mapped_column(String(40))
    severity: Mapped[str] = mapped_column(String(16))
    field: Mapped[str] = mapped_column(String(16))
    source_start: Mapped[int | None]
    source_end: Mapped[int | None]
    target_start: Mapped[int | None]
    target_end: Mapped[int | None]
    message: Mapped[str] = mapped_column(Text)
    detector_version: Mapped[int]
    rule: Mapped[str | None] = mapped_column(String(120))  # the rule (rules/*.toml) or detector that raised it
    status: Mapped[str] = mapped_column(String(16), default="open")
    resolution_reason: Mapped[str | None] = mapped_column(Text)
    resolved_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL", name="fk_flags_resolved_by"))
    resolved_at: Mapped[datetime | None]

    resolved_by: Mapped[User | None] = relationship()
    comments: Mapped[list["FlagComment"]] = relationship(order_by="FlagComment.id", cascade="all, delete-orphan")


class FlagComment(Base):
    """One message in the discussion thread of a flag."""

    __tablename__ = "flag_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    flag_id: Mapped[int] = mapped_column(ForeignKey("flags.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User | None] = relationship()


class ReviewEvent(Base):
    """The audit trail: who did what to which document, when, from which state to which, and why."""

    __tablename__ = "review_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(32))
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str | None] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User | None] = relationship()


class GlossaryTerm(Base):
    """A newsroom glossary entry: a Spanish term and the English the newsroom requires for it."""

    __tablename__ = "glossary_terms"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(300), unique=True)
    target: Mapped[str] = mapped_column(String(300))
    note: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
