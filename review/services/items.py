"""The item page's data: the aligned view of the current revision, its flags and scores, revisions, history."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from review.core.flags.common import contains_phrase
from review.core.model import FIELDS, GlossaryTerm
from review.core.scoring.mqm import document_score
from review.core.text.diffing import DiffPiece, word_diff
from review.db.models import Document, FlagComment, FlagRow, LinkRow, ReviewEvent, Revision, ScoreRow, SegmentRow
from review.services.errors import NotFound
from review.services.glossary import load_glossary
from review.services.reporting import stored_analysis

SEVERITY_RANK = {"critical": 0, "major": 1, "minor": 2, "info": 3}


@dataclass
class AlignedRow:
    """One link shown as a row: its source and target sentences, kind (1-1, 1-0, ...) and scores."""

    kind: str
    confidence: float
    source: list[SegmentRow]
    target: list[SegmentRow]
    scores: dict[str, float] = field(default_factory=dict)
    flags: list[FlagRow] = field(default_factory=list)  # flags whose span touches the row's sentences
    insert_at: int = 0  # an omission: where English written into its empty cell goes in the field ...
    insert_where: str = "after"  # ... after the text before it, or before the text after it


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
    scored: bool
    fields: list[FieldView]
    document_scores: list[ScoreRow]
    revisions: list[Revision]
    events: list[ReviewEvent]
    glossary: list[GlossaryTerm] = field(default_factory=list)  # the glossary terms the Spanish uses
    mqm: float | None = None  # MQM score of the current revision's detector flags and reviewer annotations


def item_view(session: Session, document_id: int) -> ItemView:
    document = session.get(Document, document_id)
    if document is None:
        raise NotFound(f"document {document_id} does not exist")
    revision = session.scalar(
        select(Revision).where(Revision.id == document.current_revision_id).options(
            selectinload(Revision.segments),
            selectinload(Revision.links).selectinload(LinkRow.scores),
            selectinload(Revision.scores),
            selectinload(Revision.flags).selectinload(FlagRow.comments).selectinload(FlagComment.user),
            selectinload(Revision.flags).selectinload(FlagRow.resolved_by),
        )
    )
    if revision is None:
        raise NotFound(f"document {document_id} has no revision")
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
        field_flags = [f for f in revision.flags if f.field == name]
        _place_rows(rows, field_flags)
        fields.append(FieldView(
            name=name, source_text=source_texts[name], target_text=target_texts[name], rows=rows,
            flags=sorted((f for f in revision.flags if f.field == name), key=lambda f: SEVERITY_RANK.get(f.severity, 9)),
            scores={s.metric: s.value for s in revision.scores if s.scope == "field" and s.field == name},
        ))
    scored = revision.scored_version is not None
    return ItemView(
        document=document, revision=revision, scored=scored, fields=fields,
        document_scores=[s for s in revision.scores if s.scope in ("document", "reference")],
        revisions=list(session.scalars(select(Revision).where(Revision.document_id == document.id)
                                       .options(selectinload(Revision.author)).order_by(Revision.number))),
        events=history(session, document.id),
        glossary=[term for term in load_glossary(session)
                  if any(contains_phrase(text, term.source) for text in source_texts.values())],
        mqm=document_score(stored_analysis(document, revision)) if scored else None,
    )


def _place_rows(rows: list[AlignedRow], flags: list[FlagRow]) -> None:
    """Give each row the flags that touch its sentences, and each omission the place its new English would go:
    after the English before it, or before the English after it when the Spanish starts a paragraph there."""
    for row in rows:
        row.flags = sorted((f for f in flags if _touches(f, row)), key=lambda f: SEVERITY_RANK.get(f.severity, 9))
    for index, row in enumerate(rows):
        if row.target:
            continue
        before = next((r.target[-1] for r in reversed(rows[:index]) if r.target), None)
        after = next((r.target[0] for r in rows[index + 1:] if r.target), None)
        previous_source = next((r.source[-1] for r in reversed(rows[:index]) if r.source), None)
        opens_paragraph = bool(row.source) and previous_source is not None \
            and row.source[0].paragraph != previous_source.paragraph
        if after is not None and (before is None or opens_paragraph):
            row.insert_at, row.insert_where = after.start, "before"
        elif before is not None:
            row.insert_at, row.insert_where = before.end, "after"


def _touches(flag: FlagRow, row: AlignedRow) -> bool:
    spans = [((flag.source_start, flag.source_end), row.source), ((flag.target_start, flag.target_end), row.target)]
    return any(lo is not None and hi is not None and any(lo < s.end and s.start < hi for s in segments)
               for (lo, hi), segments in spans)


def history(session: Session, document_id: int) -> list[ReviewEvent]:
    return list(session.scalars(
        select(ReviewEvent).where(ReviewEvent.document_id == document_id)
        .options(selectinload(ReviewEvent.user)).order_by(ReviewEvent.id)
    ))


@dataclass(frozen=True)
class RevisionDiff:
    old: Revision
    new: Revision
    headline: list[DiffPiece]
    body: list[DiffPiece]


def revision_diff(session: Session, document_id: int, old_number: int, new_number: int) -> RevisionDiff:
    revisions = {r.number: r for r in session.scalars(
        select(Revision).where(Revision.document_id == document_id, Revision.number.in_((old_number, new_number))))}
    if old_number not in revisions or new_number not in revisions:
        raise NotFound(f"document {document_id} has no revision {old_number} or {new_number}")
    old, new = revisions[old_number], revisions[new_number]
    return RevisionDiff(old, new, word_diff(old.target_headline, new.target_headline),
                        word_diff(old.target_body, new.target_body))


def scoring_state(session: Session, document_id: int) -> dict[str, object]:
    """What the item page polls while a saved revision is re-scored."""
    row = session.execute(
        select(Document.status, Revision.number, Revision.scored_version)
        .join(Revision, Revision.id == Document.current_revision_id).where(Document.id == document_id)
    ).first()
    if row is None:
        raise NotFound(f"document {document_id} does not exist")
    return {"status": row[0], "revision": row[1], "scored": row[2] is not None}
