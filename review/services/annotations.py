"""Reviewers' MQM annotations: a translator or editor marks a span of the English (or of the Spanish, for an
omission) with an MQM error type and severity. An annotation is a flag with origin "reviewer" and an author, so
it counts in the MQM score, the gate, the report and the sign-off rule exactly as a detector's flag does.

Annotations belong to the revision they were made on. When the English is saved again, an annotation whose
marked English is still there moves to the new revision (its span follows the text); one whose English is gone
was fixed by the new revision and stays behind. An omission (marked on the Spanish) moves on while its field's
English is unchanged, and counts as fixed once the translator has changed that field.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from review.core.model import FIELDS
from review.core.scoring.mqm import ANNOTATION_SEVERITIES, ANNOTATION_TYPES, annotation_dimension
from review.core.workflow import IllegalTransition, InvalidRequest, Role, Status
from review.db.models import Document, FlagRow, ReviewEvent, Revision, User, utcnow
from review.services.analysis import refresh_summary
from review.services.claims import require_claim
from review.services.errors import NotFound

REVIEWER = "reviewer"
MAX_NOTE_CHARS = 5_000
SIDES = ("source", "target")


@dataclass(frozen=True)
class Annotation:
    """What a reviewer submits: a span [start, end) of one field and side, an MQM type, a severity, a note."""

    field: str
    side: str
    start: int
    end: int
    category: str
    severity: str
    note: str = ""


def annotate(session: Session, document_id: int, user: User, annotation: Annotation) -> FlagRow:
    """Store the annotation as a flag on the current revision. Translators annotate the item they hold while
    reviewing it; editors annotate an item awaiting their sign-off. Raises 400 / 403 / 404 / 409 errors."""
    document = session.scalar(select(Document).where(Document.id == document_id).with_for_update())
    if document is None:
        raise NotFound(f"document {document_id} does not exist")
    _check_may_annotate(document, user)
    revision = document.current_revision
    if revision is None:
        raise NotFound(f"document {document_id} has no revision")
    text = _validated_text(document, revision, annotation)
    note = annotation.note.strip()
    span = (annotation.start, annotation.end)
    flag = FlagRow(
        code=annotation.category, category=annotation_dimension(annotation.category), severity=annotation.severity,
        field=annotation.field,
        source_start=span[0] if annotation.side == "source" else None,
        source_end=span[1] if annotation.side == "source" else None,
        target_start=span[0] if annotation.side == "target" else None,
        target_end=span[1] if annotation.side == "target" else None,
        message=note or f"{ANNOTATION_TYPES[annotation.category]}: “{text[span[0]:span[1]]}”",
        detector_version=0, origin=REVIEWER, author_id=user.id, created_at=utcnow(),
    )
    revision.flags.append(flag)
    session.add(ReviewEvent(document_id=document.id, user_id=user.id, action="annotate", from_status=document.status,
                            to_status=document.status,
                            reason=f"{annotation.category} ({annotation.severity}) in the {annotation.field}"
                                   + (f": {note}" if note else "")))
    session.flush()
    refresh_summary(document)
    return flag


def carry_annotations(previous: Revision, revision: Revision) -> int:
    """Move the annotations of `previous` whose marked text survives onto the new `revision`; returns how many.
    Resolutions travel with them."""
    carried = 0
    for flag in previous.flags:
        if flag.origin != REVIEWER:
            continue
        span = _follow(flag, previous, revision)
        if span is None:
            continue
        revision.flags.append(FlagRow(
            code=flag.code, category=flag.category, severity=flag.severity, field=flag.field,
            source_start=flag.source_start, source_end=flag.source_end,
            target_start=span[0] if flag.target_start is not None else None,
            target_end=span[1] if flag.target_start is not None else None,
            message=flag.message, detector_version=flag.detector_version, status=flag.status,
            resolution_reason=flag.resolution_reason, resolved_by_id=flag.resolved_by_id,
            resolved_at=flag.resolved_at, origin=REVIEWER, author_id=flag.author_id, created_at=flag.created_at,
        ))
        carried += 1
    return carried


def _follow(flag: FlagRow, previous: Revision, revision: Revision) -> tuple[int, int] | None:
    """The annotation's English span in the new revision, (0, 0) for a Spanish-side one kept, None when fixed."""
    old_text, new_text = _target(previous, flag.field), _target(revision, flag.field)
    if flag.target_start is None or flag.target_end is None:
        return (0, 0) if old_text == new_text else None
    marked = old_text[flag.target_start:flag.target_end]
    if not marked:
        return None
    # the occurrence nearest to where it was, measured from the end when the text before it grew or shrank
    starts, at = [], new_text.find(marked)
    while at >= 0:
        starts.append(at)
        at = new_text.find(marked, at + 1)
    if not starts:
        return None
    guesses = (flag.target_start, flag.target_start + len(new_text) - len(old_text))
    best = min(starts, key=lambda s: min(abs(s - guess) for guess in guesses))
    return best, best + len(marked)


def _target(revision: Revision, field: str) -> str:
    return revision.target_headline if field == "headline" else revision.target_body


def _check_may_annotate(document: Document, user: User) -> None:
    role, status = Role(user.role), Status(document.status)
    translating = role in (Role.TRANSLATOR, Role.ADMIN) and status is Status.IN_REVIEW
    signing = role in (Role.EDITOR, Role.ADMIN) and status is Status.NEEDS_SIGNOFF
    if translating:
        require_claim(document, user)
        return
    if signing:
        return
    if role is Role.EDITOR and status is Status.IN_REVIEW:
        raise IllegalTransition("an editor annotates items awaiting sign-off; this one is still with its translator")
    if role is Role.TRANSLATOR and status is Status.NEEDS_SIGNOFF:
        raise IllegalTransition("this item awaits an editor's sign-off; a translator may no longer annotate it")
    raise IllegalTransition(f"cannot annotate an item that is {status.value.replace('_', ' ')}: "
                            "annotate while reviewing (claimed) or during sign-off")


def _validated_text(document: Document, revision: Revision, annotation: Annotation) -> str:
    if annotation.field not in FIELDS:
        raise InvalidRequest(f"field must be one of {', '.join(FIELDS)}")
    if annotation.side not in SIDES:
        raise InvalidRequest(f"side must be one of {', '.join(SIDES)}")
    if annotation.category not in ANNOTATION_TYPES:
        raise InvalidRequest(f"unknown MQM category {annotation.category!r}: use one of {', '.join(ANNOTATION_TYPES)}")
    if annotation.severity not in {s.value for s in ANNOTATION_SEVERITIES}:
        raise InvalidRequest("severity must be minor, major or critical")
    if len(annotation.note) > MAX_NOTE_CHARS:
        raise InvalidRequest(f"a note may hold at most {MAX_NOTE_CHARS:,} characters")
    if annotation.side == "source":
        text = document.source_headline if annotation.field == "headline" else document.source_body
    else:
        text = _target(revision, annotation.field)
    if not 0 <= annotation.start < annotation.end <= len(text):
        raise InvalidRequest(f"the span [{annotation.start}, {annotation.end}) is not inside the {annotation.side} "
                             f"{annotation.field}, which holds {len(text)} characters (start < end required)")
    if not text[annotation.start:annotation.end].strip():
        raise InvalidRequest("the span holds only white space")
    return text


def flag_record(flag: FlagRow) -> dict[str, object]:
    """A stored flag as the API shows it: a detector's or a reviewer's (then with its author and time)."""
    return {"id": flag.id, "code": flag.code, "category": flag.category, "severity": flag.severity,
            "field": flag.field,
            "source_span": [flag.source_start, flag.source_end] if flag.source_start is not None else None,
            "target_span": [flag.target_start, flag.target_end] if flag.target_start is not None else None,
            "message": flag.message, "rule": flag.rule or flag.code, "status": flag.status, "origin": flag.origin,
            "author": flag.author.name if flag.author else None,
            "created_at": f"{flag.created_at:%Y-%m-%dT%H:%M:%S}Z" if flag.created_at else None}
