"""What became of every flag an item ever carried: each finding (a detector's flag, or a reviewer's annotation)
followed across the item's revisions, with its fate: still open, fixed by a later revision (it is gone from the
next scored revision), dismissed or overridden (by whom and why), or waiting for the latest revision's re-score.

A finding is the same across revisions when its origin, code, field, message and author are (the rule by which
resolutions are carried forward). The editor's "why" view and the detectors' track record both read this.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from review.core.workflow import FlagStatus
from review.db.models import Document, FlagRow, Revision
from review.services.errors import NotFound

SEVERITY_RANK = {"critical": 0, "major": 1, "minor": 2, "info": 3}
FIXED, PENDING, OPEN = "fixed", "pending", FlagStatus.OPEN.value


@dataclass(frozen=True)
class FlagFate:
    """One finding over the item's life; `flag` is its row in the last revision that carried it."""

    flag: FlagRow
    first_revision: int
    last_revision: int
    fate: str  # open, fixed, dismissed, overridden, or pending (the next revision is not scored yet)
    fixed_by: int | None  # the revision that no longer carries it
    fixed_by_author: str | None

    @property
    def decided(self) -> bool:
        return self.fate not in (OPEN, PENDING)


def _key(flag: FlagRow) -> tuple[object, ...]:
    return flag.origin, flag.code, flag.field, flag.message, flag.author_id


def fates(revisions: Sequence[Revision]) -> list[FlagFate]:
    """The fates of the findings of these revisions (one document's, in any order), most severe first."""
    ordered = sorted(revisions, key=lambda r: r.number)
    latest_scored = max((r.number for r in ordered if r.scored_version is not None), default=0)
    authors = {r.number: r.author.name if r.author else None for r in ordered}
    seen: dict[tuple[object, ...], tuple[int, int, FlagRow]] = {}
    for revision in ordered:
        for flag in revision.flags:
            key = _key(flag)
            first = seen[key][0] if key in seen else revision.number
            seen[key] = (first, revision.number, flag)
    result = []
    for first, last, flag in seen.values():
        fate, fixed_by = fate_of(flag.origin, flag.status, last, ordered[-1].number, latest_scored)
        result.append(FlagFate(flag, first, last, fate, fixed_by, authors.get(fixed_by) if fixed_by else None))
    return sorted(result, key=lambda f: (SEVERITY_RANK.get(f.flag.severity, 9), f.first_revision, f.flag.id))


def fate_of(origin: str, status: str, last: int, latest: int, latest_scored: int) -> tuple[str, int | None]:
    """A finding's fate, and the revision that fixed it, from the last revision that carried it (`last`, where its
    status is `status`), the item's latest revision and its latest scored one."""
    if origin == "reviewer" and last < latest:
        return FIXED, last + 1  # annotations move with their text at once: gone from the next revision means fixed
    if last < latest_scored:
        return FIXED, last + 1
    if last < latest:
        return PENDING, None
    return status, None


def document_fates(session: Session, document_id: int) -> list[FlagFate]:
    if session.get(Document, document_id) is None:
        raise NotFound(f"document {document_id} does not exist")
    revisions = session.scalars(
        select(Revision).where(Revision.document_id == document_id).options(
            selectinload(Revision.author),
            selectinload(Revision.flags).selectinload(FlagRow.resolved_by),
            selectinload(Revision.flags).selectinload(FlagRow.author),
        )
    ).all()
    return fates(revisions)
