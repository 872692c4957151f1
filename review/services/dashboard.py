"""The batch dashboard's figures: progress, score distributions, flags by code and severity, MQM, people."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from review.core.model import Flag, Severity
from review.core.scoring.mqm import mqm_score
from review.core.workflow import FlagStatus, Status
from review.db.models import Batch, Document, FlagRow, ReviewEvent, ScoreRow, User
from review.services.batches import BatchProgress, batch_document_ids, batch_progress
from review.services.errors import NotFound
from review.services.items import SEVERITY_RANK


@dataclass(frozen=True)
class Dashboard:
    progress: BatchProgress
    chrf: list[float]
    bleu: list[float]
    flags_by_code: dict[str, int]
    flags_by_severity: dict[str, int]
    mqm: float
    words: int
    people: dict[str, dict[str, int]]  # user name -> action -> count
    states: dict[str, int] = field(default_factory=dict)  # review state -> documents, in workflow order


def batch_dashboard(session: Session, batch_id: int) -> Dashboard:
    """The figures over the batch's documents: those it brought and the known ones submitted again in it."""
    progress = batch_progress(session, [batch_id])
    if not progress:
        raise NotFound(f"batch {batch_id} does not exist")
    in_batch = Document.id.in_(batch_document_ids(batch_id))
    current = select(Document.current_revision_id).where(in_batch).scalar_subquery()
    scores = session.execute(
        select(ScoreRow.metric, ScoreRow.value)
        .where(ScoreRow.revision_id.in_(current), ScoreRow.scope == "document", ScoreRow.metric.in_(("chrF", "BLEU")))
    ).all()
    flag_rows = session.execute(
        select(FlagRow.code, FlagRow.severity, FlagRow.field)
        .where(FlagRow.revision_id.in_(current), FlagRow.status == FlagStatus.OPEN.value)
    ).all()
    words = sum(len(f"{headline} {body}".split()) for headline, body in session.execute(
        select(Document.source_headline, Document.source_body).where(in_batch)))
    flags = [Flag(code, "", Severity(severity), field, None, None, "") for code, severity, field in flag_rows]
    people: dict[str, dict[str, int]] = {}
    for name, action, count in session.execute(
        select(User.name, ReviewEvent.action, func.count())
        .join(ReviewEvent, ReviewEvent.user_id == User.id)
        .join(Document, Document.id == ReviewEvent.document_id)
        .where(in_batch)
        .group_by(User.name, ReviewEvent.action)
        .order_by(User.name)
    ):
        people.setdefault(name, {})[action] = count
    in_state = dict(session.execute(select(Document.status, func.count()).where(in_batch)
                                    .group_by(Document.status)).all())
    return Dashboard(
        states={state.value.replace("_", " "): in_state.get(state.value, 0) for state in Status},
        progress=progress[0],
        chrf=[value for metric, value in scores if metric == "chrF"],
        bleu=[value for metric, value in scores if metric == "BLEU"],
        flags_by_code=dict(Counter(code for code, _, _ in flag_rows).most_common()),
        flags_by_severity=dict(sorted(Counter(severity for _, severity, _ in flag_rows).items(),
                                      key=lambda item: SEVERITY_RANK.get(item[0], 9))),
        mqm=round(mqm_score(flags, words), 2),
        words=words,
        people=people,
    )


def batch_id_by_name(session: Session, name: str) -> int:
    batch_id = session.scalar(select(Batch.id).where(Batch.name == name))
    if batch_id is None:
        raise NotFound(f"batch {name!r} does not exist")
    return batch_id
