"""The detectors' track record: for each flag code, over one batch or over all time, how many findings it
raised and what became of them (fixed by a later revision, dismissed by a translator or overridden by an editor
as a false alarm, still open, or waiting for a re-score), and its confirmation rate: the share of the decided
findings that were fixed, fixed / (fixed + dismissed + overridden). This is how a newsroom sees which checks
it can trust. Only detectors' flags count here, not reviewers' annotations."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from review.db.models import Revision
from review.services.batches import batch_document_ids
from review.services.flag_fates import fates

OUTCOMES = ("fixed", "dismissed", "overridden", "open", "pending")


def detector_record(session: Session, batch_id: int | None = None) -> list[dict[str, Any]]:
    """One row per code, most raised first: raised, each outcome's count, confirmation_rate (None when no
    finding of the code has been decided yet)."""
    stmt = select(Revision).options(selectinload(Revision.flags), selectinload(Revision.author))
    if batch_id is not None:
        stmt = stmt.where(Revision.document_id.in_(batch_document_ids(batch_id)))
    per_document: dict[int, list[Revision]] = defaultdict(list)
    for revision in session.scalars(stmt):
        per_document[revision.document_id].append(revision)
    tally: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(OUTCOMES, 0))
    for revisions in per_document.values():
        for fate in fates(revisions):
            if fate.flag.origin == "detector":
                tally[fate.flag.code][fate.fate] += 1
    rows = []
    for code, counts in tally.items():
        decided = counts["fixed"] + counts["dismissed"] + counts["overridden"]
        rows.append({"code": code, "raised": sum(counts.values()), **counts,
                     "confirmation_rate": round(counts["fixed"] / decided, 3) if decided else None})
    return sorted(rows, key=lambda row: (-row["raised"], row["code"]))
