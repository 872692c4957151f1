"""The review desk's figures on a batch dashboard: the scorecard (once the batch is scored), the translators'
figures by day, and the detectors' track record over the batch and over all time."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from review.core.workflow import IllegalTransition
from review.services.detector_record import detector_record
from review.services.scorecards import batch_scorecard


@dataclass(frozen=True)
class DeskFigures:
    scorecard: dict[str, Any] | None  # None while documents are still being scored
    detectors_in_batch: list[dict[str, Any]]
    detectors_all_time: list[dict[str, Any]]


def desk_figures(session: Session, batch_id: int) -> DeskFigures:
    try:
        card: dict[str, Any] | None = batch_scorecard(session, batch_id)
    except IllegalTransition:
        card = None
    return DeskFigures(card, detector_record(session, batch_id), detector_record(session))
