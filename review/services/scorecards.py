"""Scorecards: per document and per batch, the MQM score with the error counts by MQM category and severity,
detector flags and reviewer annotations apart (as JSON, or CSV with one row per document and one for the
batch); and per translator and day, the documents they approved, the MQM of those renderings as submitted
(revision 1, with its annotations), the HTER of the fixes they made and the time from claim to approve.

Counts and MQM use the same flags as the `review check` report: every flag of the current revision."""
from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from statistics import mean, median
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from review.core.model import DocumentAnalysis
from review.core.scoring.mqm import document_penalty, score
from review.core.workflow import IllegalTransition
from review.db.models import Batch, Document, FlagRow, LinkRow, ReviewEvent, Revision, User
from review.services.batches import batch_document_ids
from review.services.errors import NotFound
from review.services.reporting import stored_analysis

ORIGINS = ("detector", "reviewer")
SEVERITY_ORDER = ("critical", "major", "minor", "info")
DIGITS = 2


def batch_scorecard(session: Session, batch_id: int) -> dict[str, Any]:
    """The batch's scorecard: totals, then each document's. 409 while any document waits to be scored."""
    batch = session.get(Batch, batch_id)
    if batch is None:
        raise NotFound(f"batch {batch_id} does not exist")
    documents = _documents(session, batch_id)
    waiting = [d for d in documents if d.current_revision is None or d.current_revision.scored_version is None]
    if waiting:
        raise IllegalTransition(f"{len(waiting)} document(s) are still being scored; ask again when the batch is done")
    analyses = [stored_analysis(d) for d in documents]
    cards = [_card(a) for a in analyses]
    return {
        "batch": {"id": batch.id, "name": batch.name},
        "documents": len(cards),
        **_totals(analyses),
        "per_document": [{"id": d.external_id, "document_id": d.id, "status": d.status, **card}
                         for d, card in zip(documents, cards)],
        "translators": translator_figures(session, batch_id, documents),
    }


def scorecard_csv(card: dict[str, Any]) -> str:
    """One row per document and a last row for the batch: words, MQM (all, detector, reviewer), then a count
    column per origin, category and severity found in the batch."""
    columns = sorted({(origin, category, severity) for row in [card, *card["per_document"]] for origin in ORIGINS
                      for category, by_severity in row[origin]["counts"].items() for severity in by_severity},
                     key=lambda c: (ORIGINS.index(c[0]), c[1], SEVERITY_ORDER.index(c[2])))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["document", "status", "words", "mqm", "detector_mqm", "reviewer_mqm",
                     *(f"{o}:{c}:{s}" for o, c, s in columns)])
    for row, name, status in [*((r, r["id"], r["status"]) for r in card["per_document"]),
                              (card, f"batch {card['batch']['name']}", "")]:
        writer.writerow([name, status, row["words"], row["mqm"], row["detector"]["mqm"], row["reviewer"]["mqm"],
                         *(row[o]["counts"].get(c, {}).get(s, 0) for o, c, s in columns)])
    return out.getvalue()


def _card(analysis: DocumentAnalysis) -> dict[str, Any]:
    return _totals([analysis])


def _totals(analyses: list[DocumentAnalysis]) -> dict[str, Any]:
    words = sum(a.word_count for a in analyses)
    result: dict[str, Any] = {"words": words,
                              "mqm": round(score(sum(document_penalty(a) for a in analyses), words), DIGITS)}
    for origin in ORIGINS:
        only = [replace(a, flags=tuple(f for f in a.flags if f.origin == origin)) for a in analyses]
        counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for analysis in only:
            for flag in analysis.flags:
                counts[flag.category][flag.severity.value] += 1
        result[origin] = {"mqm": round(score(sum(document_penalty(a) for a in only), words), DIGITS),
                          "flags": sum(len(a.flags) for a in only),
                          "counts": {c: dict(sorted(s.items(), key=lambda i: SEVERITY_ORDER.index(i[0])))
                                     for c, s in sorted(counts.items())}}
    return result


def translator_figures(session: Session, batch_id: int, documents: list[Document]) -> list[dict[str, Any]]:
    """Per translator and day of approval: documents, mean MQM as submitted, mean HTER of their fixes,
    median minutes from their claim to their approval."""
    by_id = {d.id: d for d in documents}
    events = session.execute(
        select(ReviewEvent.document_id, ReviewEvent.user_id, ReviewEvent.action, ReviewEvent.created_at)
        .join(Document, Document.id == ReviewEvent.document_id)
        .where(Document.id.in_(batch_document_ids(batch_id)), ReviewEvent.action.in_(("claim", "approve")),
               ReviewEvent.user_id.is_not(None))
        .order_by(ReviewEvent.id)).all()
    names = dict(session.execute(select(User.id, User.name)).all())
    claimed: dict[tuple[int, int], datetime] = {}
    rows: dict[tuple[str, str], list[tuple[float, float, float]]] = defaultdict(list)
    for document_id, user_id, action, at in events:
        if action == "claim":
            claimed.setdefault((document_id, user_id), at)
            continue
        document = by_id[document_id]
        first = document.revisions[0]
        fixed = [r for r in document.revisions if r.created_at <= at]
        submitted_mqm = _mqm(document, first)
        hter = (fixed[-1].hter or 0.0) if fixed else 0.0
        started = claimed.pop((document_id, user_id), None)
        minutes = (at - started).total_seconds() / 60 if started else float("nan")
        rows[(names.get(user_id, "?"), f"{at:%Y-%m-%d}")].append((submitted_mqm, hter, minutes))
    return [{"translator": name, "day": day, "documents": len(values),
             "mqm_as_submitted": _summary(mean, [v[0] for v in values], DIGITS),
             "hter": _summary(mean, [v[1] for v in values], DIGITS),
             "minutes_claim_to_approve": _summary(median, [v[2] for v in values], 1)}
            for (name, day), values in sorted(rows.items())]


def _mqm(document: Document, revision: Revision) -> float:
    if revision.scored_version is None:  # an updated article's first version of the new text, not scored yet
        return float("nan")
    analysis = stored_analysis(document, revision)
    return score(document_penalty(analysis), analysis.word_count)


def _summary(statistic: Callable[[list[float]], float], values: list[float], digits: int) -> float | None:
    """mean or median of the known values (NaN marks an unknown one); None when none is known."""
    known = [v for v in values if v == v]
    return round(statistic(known), digits) if known else None


def _documents(session: Session, batch_id: int) -> list[Document]:
    return list(session.scalars(
        select(Document).where(Document.id.in_(batch_document_ids(batch_id))).order_by(Document.id).options(
            selectinload(Document.revisions).selectinload(Revision.segments),
            selectinload(Document.revisions).selectinload(Revision.links).selectinload(LinkRow.scores),
            selectinload(Document.revisions).selectinload(Revision.scores),
            selectinload(Document.revisions).selectinload(Revision.flags).selectinload(FlagRow.author),
            selectinload(Document.revisions).selectinload(Revision.author),
        )))
