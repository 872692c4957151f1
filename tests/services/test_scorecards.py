"""Scorecards and the detectors' track record on SQLite and PostgreSQL, with the numbers worked out by hand on a
two-article batch (the seed headline: 15 source words; the faithful one: 8)."""
from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from review.core.text.translate import ApertiumTranslator
from review.db.models import Document, User
from review.services.analysis import score_document
from review.services.annotations import Annotation, annotate
from review.services.claims import claim
from review.services.decisions import approve, dismiss_flag
from review.services.detector_record import detector_record
from review.services.editing import save_revision
from review.services.scorecards import batch_scorecard, scorecard_csv
from tests.services.test_flag_fates import FIXED_HEADLINE
from tests.services.test_workflow import LEASE, people, scored  # noqa: F401 - fixtures

pytestmark = pytest.mark.apertium


def test_scorecard_numbers_by_hand(session: Session, people: dict[str, User], scored: dict[str, int]) -> None:  # noqa: F811
    seed, faithful, ana = scored["seed"], scored["faithful"], people["ana"]
    seed_flags = {(f.code, f.severity, f.field) for f in session.get(Document, seed).current_revision.flags}
    assert seed_flags == {("quote_dropped", "major", "headline"), ("intensity_shift", "minor", "headline"),
                          ("scare_quotes_dropped", "minor", "headline")}
    assert session.get(Document, faithful).current_revision.flags == []
    batch_id = session.get(Document, seed).batch_id
    session.rollback()
    with session.begin():
        claim(session, faithful, ana, LEASE)
        annotate(session, faithful, ana, Annotation("headline", "target", 4, 9, "fluency/grammar", "minor"))
    card = batch_scorecard(session, batch_id)
    session.rollback()
    # headline flags weigh double: seed 2 x (5 + 1 + 1) = 14 points, faithful 2 x 1 = 2, over 15 + 8 words
    assert card["words"] == 23 and card["documents"] == 2
    assert card["mqm"] == round(100 - 100 * 16 / 23, 2)
    assert card["detector"] == {"mqm": round(100 - 100 * 14 / 23, 2), "flags": 3,
                                "counts": {"accuracy": {"major": 1, "minor": 2}}}
    assert list(card["detector"]["counts"]["accuracy"]) == ["major", "minor"]
    assert card["reviewer"] == {"mqm": round(100 - 100 * 2 / 23, 2), "flags": 1, "counts": {"fluency": {"minor": 1}}}
    by_id = {row["id"]: row for row in card["per_document"]}
    assert by_id["faithful"]["mqm"] == 75.0 and by_id["faithful"]["detector"]["mqm"] == 100.0
    assert by_id["seed"]["mqm"] == round(100 - 100 * 14 / 15, 2) and by_id["seed"]["reviewer"]["flags"] == 0
    lines = scorecard_csv(card).splitlines()
    assert lines[0] == ("document,status,words,mqm,detector_mqm,reviewer_mqm,detector:accuracy:major,"
                        "detector:accuracy:minor,reviewer:fluency:minor")
    assert lines[1] == f"seed,scored,15,{round(100 - 1400 / 15, 2)},{round(100 - 1400 / 15, 2)},100.0,1,2,0"
    assert lines[-1] == f"batch monday,,23,{card['mqm']},{card['detector']['mqm']},{card['reviewer']['mqm']},1,2,1"

    with session.begin():
        save_revision(session, faithful, ana, "The Prado Museum opens a new room", "", 1)
    with session.begin():
        score_document(session, faithful, ApertiumTranslator())
    with session.begin():
        for flag in session.get(Document, faithful).current_revision.flags:  # the annotation moved with "Prado"
            dismiss_flag(session, flag.id, ana, "accepted")
        approve(session, faithful, ana)
    card = batch_scorecard(session, batch_id)
    session.rollback()
    [row] = card["translators"]
    assert (row["translator"], row["documents"], row["mqm_as_submitted"]) == ("ana", 1, 75.0)
    assert row["hter"] > 0 and 0 <= row["minutes_claim_to_approve"] < 5


def test_detector_record_after_fixes_and_dismissals(session: Session, people: dict[str, User],  # noqa: F811
                                                    scored: dict[str, int]) -> None:  # noqa: F811
    seed, ana = scored["seed"], people["ana"]
    with session.begin():
        claim(session, seed, ana, LEASE)
        save_revision(session, seed, ana, FIXED_HEADLINE, "", 1)
    with session.begin():
        score_document(session, seed, ApertiumTranslator())
    with session.begin():
        for flag in session.get(Document, seed).current_revision.flags:
            dismiss_flag(session, flag.id, ana, "faithful")
    batch_id = session.get(Document, seed).batch_id
    session.rollback()
    record = {row["code"]: row for row in detector_record(session, batch_id)}
    assert record["quote_dropped"] == {"code": "quote_dropped", "raised": 1, "fixed": 1, "dismissed": 0,
                                       "overridden": 0, "open": 0, "pending": 0, "confirmation_rate": 1.0}
    # "echó por tierra" read weaker twice: as "Dismisses" (fixed by the rewrite), then as "demolished" (dismissed)
    assert record["intensity_shift"]["raised"] == 2 and record["intensity_shift"]["fixed"] == 1
    assert record["intensity_shift"]["dismissed"] == 1 and record["intensity_shift"]["confirmation_rate"] == 0.5
    assert detector_record(session) == detector_record(session, batch_id)  # the only batch: all time is the same
    session.rollback()
