"""The detectors' track record: for each flag code, over one batch or over all time, how many findings it
raised and what became of them (fixed by a later revision, dismissed by a translator or overridden by an editor
as a false alarm, still open, or waiting for a re-score), and its confirmation rate: the share of the decided
findings that were fixed, fixed / (fixed + dismissed + overridden). This is how a newsroom sees which checks
it can trust. Only detectors' flags count here, not reviewers' annotations."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import groupby
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from review.db.models import FlagRow, Revision
from review.services.batches import batch_document_ids
from review.services.flag_fates import fate_of

OUTCOMES = ("fixed", "dismissed", "overridden", "open", "pending")


def detector_record(session: Session, batch_id: int | None = None) -> list[dict[str, Any]]:
    """One row per code, most raised first: raised, each outcome's count, confirmation_rate (None when no
    finding of the code has been decided yet). Reads plain columns, one row per revision and flag, streamed
    document by document (the fates are flag_fates' rule), so all time over a large database stays cheap."""
    stmt = (select(Revision.document_id, Revision.number, Revision.scored_version.is_not(None), FlagRow.origin,
                   FlagRow.code, FlagRow.field, FlagRow.message, FlagRow.author_id, FlagRow.status)
            .outerjoin(FlagRow, FlagRow.revision_id == Revision.id)
            .order_by(Revision.document_id, Revision.number, FlagRow.id))
    if batch_id is not None:
        stmt = stmt.where(Revision.document_id.in_(batch_document_ids(batch_id)))
    tally: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(OUTCOMES, 0))
    rows = session.execute(stmt.execution_options(yield_per=5000))
    for _, document_rows in groupby(rows, key=lambda row: row[0]):
        for code, fate in _detector_fates(list(document_rows)):
            tally[code][fate] += 1
    record = []
    for code, counts in tally.items():
        decided = counts["fixed"] + counts["dismissed"] + counts["overridden"]
        record.append({"code": code, "raised": sum(counts.values()), **counts,
                       "confirmation_rate": round(counts["fixed"] / decided, 3) if decided else None})
    return sorted(record, key=lambda row: (-row["raised"], row["code"]))


def _detector_fates(rows: Iterable[Row[Any]]) -> Iterator[tuple[str, str]]:
    """(code, fate) of each detector finding of one document, from its rows in revision order."""
    latest = latest_scored = 0
    last_seen: dict[tuple[object, ...], tuple[int, str, str]] = {}  # finding -> (last revision, code, status)
    for _, number, scored, origin, code, field, message, author_id, status in rows:
        latest = max(latest, number)
        if scored:
            latest_scored = max(latest_scored, number)
        if code is not None and origin == "detector":
            last_seen[(code, field, message, author_id)] = (number, code, status)
    for last, code, status in last_seen.values():
        yield code, fate_of("detector", status, last, latest, latest_scored)[0]
