"""Updated articles on SQLite and PostgreSQL: a known id with new text becomes a new version; unchanged
findings keep their resolution, the item reopens, and a changed headline needs editor sign-off again."""
from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from review.core.text.translate import ApertiumTranslator
from review.db.models import Document, ReviewEvent
from review.services.analysis import score_document
from review.services.claims import claim
from review.services.decisions import approve, dismiss_flag
from review.services.importing import import_batch
from review.services.users import add_user

pytestmark = pytest.mark.apertium
LEASE = timedelta(minutes=30)
ARTICLE = {"id": "corridor", "source": {
    "headline": "«Esa medida está descartada»: Presidente de Perú echó por tierra el «corredor humanitario» de Kast",
    "body": "El presidente habló con la prensa. La frontera sigue cerrada."},
    "target": {"headline": "Peruvian President Dismisses Kast's Proposal for Humanitarian Corridor",
               "body": "The president spoke to the press. The border remains closed."}}


def load(session: Session, record: dict[str, object], batch: str) -> list[int]:
    with session.begin():
        result = import_batch(session, json.dumps(record, ensure_ascii=False).encode(), batch)
    for document_id in result.queued_ids:
        with session.begin():
            score_document(session, document_id, ApertiumTranslator())
    return result.queued_ids


def test_a_changed_body_is_a_new_version_that_keeps_unchanged_resolutions(session: Session) -> None:
    [document_id] = load(session, ARTICLE, "monday")
    with session.begin():
        ana = add_user(session, "ana", "translator", "password-123")
        claim(session, document_id, ana, LEASE)
        headline_flags = {f.code for f in session.get(Document, document_id).current_revision.flags
                          if f.field == "headline"}
        assert {"quote_dropped", "scare_quotes_dropped"} <= headline_flags
        for flag in session.get(Document, document_id).current_revision.flags:
            dismiss_flag(session, flag.id, ana, "house style")
        approve(session, document_id, ana)
    changed = json.loads(json.dumps(ARTICLE))
    changed["target"]["body"] = "The president spoke to the press. The border is still closed."
    assert load(session, changed, "tuesday") == [document_id]
    document = session.get(Document, document_id)
    session.refresh(document)
    assert document.status == "scored" and document.batch.name == "tuesday"
    assert document.current_revision.number == 2
    kept = {f.code: f.status for f in document.current_revision.flags if f.field == "headline"}
    assert {code: kept[code] for code in headline_flags} == {code: "dismissed" for code in headline_flags}
    update = session.scalars(select(ReviewEvent).where(ReviewEvent.action == "update")).one()
    assert (update.from_status, update.to_status) == ("needs_signoff", "new") and "English body" in update.reason
    assert session.scalar(select(func.count()).select_from(Document)) == 1


def test_a_changed_headline_needs_signoff_again(session: Session) -> None:
    quiet = {**ARTICLE, "source": {"headline": "La frontera sigue cerrada", "body": ""},
             "target": {"headline": "The border remains closed", "body": ""}}
    [document_id] = load(session, quiet, "monday")
    assert session.get(Document, document_id).carried_serious_flags is False
    load(session, {**quiet, "target": {"headline": "The border stays shut", "body": ""}}, "tuesday")
    document = session.get(Document, document_id)
    session.refresh(document)
    assert document.carried_serious_flags is True
    session.rollback()
    with session.begin():
        ana = add_user(session, "ana", "translator", "password-123")
        claim(session, document_id, ana, LEASE)
        for flag in document.current_revision.flags:
            dismiss_flag(session, flag.id, ana, "fine")
        assert approve(session, document_id, ana).value == "needs_signoff"
