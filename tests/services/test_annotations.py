"""Reviewers' MQM annotations on SQLite and PostgreSQL: they count in MQM, the gate and the report like detector
flags, send an item to sign-off, follow their text to the next revision and survive a re-score."""
from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from review.core.reports.gate import Gate
from review.core.text.translate import ApertiumTranslator
from review.core.workflow import IllegalTransition, InvalidRequest
from review.db.models import Document, FlagRow, Revision, User
from review.services.analysis import score_document
from review.services.annotations import Annotation, annotate
from review.services.claims import claim
from review.services.decisions import approve
from review.services.editing import save_revision
from review.services.importing import import_batch
from review.services.reporting import stored_batch_report
from review.services.users import add_user

pytestmark = pytest.mark.apertium
LEASE = timedelta(minutes=30)
HEADLINE = "The Prado Museum opens a new gallery"
BODY = "The museum opened the room on Monday.\n\nVisitors queued for two hours."
FAITHFUL = {"id": "faithful", "source": {"headline": "El Museo del Prado abre una nueva sala",
                                         "body": "El museo abrió la sala el lunes.\n\nLos visitantes hicieron cola "
                                                 "durante dos horas."},
            "target": {"headline": HEADLINE, "body": BODY}}


@pytest.fixture
def people(session: Session) -> dict[str, User]:
    with session.begin():
        return {name: add_user(session, name, role, "password-123") for name, role in
                (("ana", "translator"), ("eva", "editor"))}


@pytest.fixture
def document_id(session: Session, people: dict[str, User]) -> int:
    with session.begin():
        [created] = import_batch(session, json.dumps(FAITHFUL).encode(), "tuesday").created_ids
    with session.begin():
        score_document(session, created, ApertiumTranslator())
    with session.begin():
        claim(session, created, people["ana"], LEASE)
    return created


def _report_of(session: Session, document_id: int) -> dict:
    session.expire_all()
    batch_id = session.get(Document, document_id).batch_id
    report = stored_batch_report(session, batch_id, Gate())
    session.rollback()
    return report


def test_an_annotation_counts_in_mqm_gate_and_report(session: Session, people: dict[str, User],
                                                     document_id: int) -> None:
    before = _report_of(session, document_id)
    assert before["summary"]["gate"]["passed"], before["summary"]["gate"]
    start = HEADLINE.index("gallery")
    with session.begin():
        annotate(session, document_id, people["ana"],
                 Annotation("headline", "target", start, start + len("gallery"), "accuracy/mistranslation",
                            "critical", "sala is a room here"))
    after = _report_of(session, document_id)
    [flag] = [f for f in after["documents"][0]["flags"] if f["origin"] == "reviewer"]
    assert flag == {"code": "accuracy/mistranslation", "category": "accuracy", "severity": "critical",
                    "field": "headline", "source_span": None, "target_span": [start, start + 7],
                    "message": "sala is a room here", "rule": "accuracy/mistranslation",  # its MQM type
                    "origin": "reviewer", "author": "ana"}
    assert all(f["origin"] == "detector" for f in after["documents"][0]["flags"] if f is not flag)
    # a headline critical costs 25 x 2 (position weight) points over the article's source words
    words = after["documents"][0]["words"]
    assert after["documents"][0]["scores"]["mqm"] == pytest.approx(
        max(0.0, before["documents"][0]["scores"]["mqm"] - 100 * 50 / words), abs=0.01)
    assert after["summary"]["flags"]["by_code"]["accuracy/mistranslation"] == 1
    assert not after["summary"]["gate"]["passed"]
    assert any("critical" in reason for reason in after["summary"]["gate"]["reasons"])
    assert session.get(Document, document_id).open_critical >= 1
    session.rollback()


def test_a_major_annotation_sends_the_item_to_signoff_once_fixed(session: Session, people: dict[str, User],
                                                                   document_id: int) -> None:
    start = HEADLINE.index("gallery")
    with session.begin():
        annotate(session, document_id, people["ana"],
                 Annotation("headline", "target", start, start + 7, "accuracy/mistranslation", "major"))
        kept = BODY.index("Visitors")
        annotate(session, document_id, people["ana"],
                 Annotation("body", "target", kept, kept + 8, "style/awkward", "minor", "stiff"))
    with session.begin(), pytest.raises(IllegalTransition, match="open flag"):
        approve(session, document_id, people["ana"])
    session.rollback()
    new_body = "On Monday the museum opened the room.\n\nVisitors queued for two hours."
    with session.begin():
        save_revision(session, document_id, people["ana"], HEADLINE.replace("gallery", "room"), new_body, 1)
    with session.begin():
        score_document(session, document_id, ApertiumTranslator())
    session.expire_all()
    revisions = session.scalars(select(Revision).where(Revision.document_id == document_id)
                                .order_by(Revision.number)).all()
    first = [f.code for f in revisions[0].flags if f.origin == "reviewer"]
    second = [f for f in revisions[1].flags if f.origin == "reviewer"]
    assert sorted(first) == ["accuracy/mistranslation", "style/awkward"]
    # the mistranslated word is gone (fixed by revision 2); the awkward span moved with its text, past a re-score
    assert [f.code for f in second] == ["style/awkward"]
    moved = second[0]
    assert new_body[moved.target_start:moved.target_end] == "Visitors" and moved.author.name == "ana"
    for flag in revisions[1].flags:
        if flag.status == "open":
            flag.status, flag.resolution_reason = "dismissed", "accepted"
    session.commit()
    with session.begin():
        assert approve(session, document_id, people["ana"]).value == "needs_signoff"
    with session.begin():
        annotate(session, document_id, people["eva"],
                 Annotation("body", "source", 0, 8, "accuracy/omission", "minor", "editor's note"))
    assert session.scalar(select(FlagRow.author_id).where(FlagRow.code == "accuracy/omission")) == people["eva"].id
    session.rollback()


@pytest.mark.parametrize(("annotation", "error", "message"), [
    (Annotation("body", "target", 0, 10_000, "style/awkward", "minor"), InvalidRequest, "not inside"),
    (Annotation("body", "target", 5, 5, "style/awkward", "minor"), InvalidRequest, "start < end"),
    (Annotation("body", "target", -1, 3, "style/awkward", "minor"), InvalidRequest, "not inside"),
    (Annotation("lede", "target", 0, 3, "style/awkward", "minor"), InvalidRequest, "field"),
    (Annotation("body", "target", 0, 3, "made-up", "minor"), InvalidRequest, "unknown MQM category"),
    (Annotation("body", "target", 0, 3, "style/awkward", "info"), InvalidRequest, "severity"),
])
def test_bad_annotations_are_refused(session: Session, people: dict[str, User], document_id: int,
                                     annotation: Annotation, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        annotate(session, document_id, people["ana"], annotation)
    session.rollback()


def test_only_the_item_holder_or_a_signing_editor_annotates(session: Session, people: dict[str, User],
                                                            document_id: int) -> None:
    with pytest.raises(IllegalTransition, match="awaiting sign-off"):
        annotate(session, document_id, people["eva"], Annotation("body", "target", 0, 3, "style/awkward", "minor"))
    session.rollback()
    with session.begin():
        other = add_user(session, "bo", "translator", "password-123")
    with pytest.raises(IllegalTransition):
        annotate(session, document_id, other, Annotation("body", "target", 0, 3, "style/awkward", "minor"))
    session.rollback()
