"""The review workflow on SQLite and PostgreSQL, over documents scored by the real pipeline."""
from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from review.core.text.translate import ApertiumTranslator
from review.core.workflow import Forbidden, IllegalTransition, InvalidRequest
from review.db.models import Document, FlagRow, ReviewEvent, User, utcnow
from review.services.analysis import score_document
from review.services.claims import claim
from review.services.dashboard import batch_dashboard
from review.services.decisions import (
    approve,
    comment_on_flag,
    dismiss_flag,
    override_flag,
    return_to_translator,
    sign_off,
)
from review.services.editing import EditConflict, save_revision
from review.services.exporting import export_lines
from review.services.importing import import_batch
from review.services.queue import SIGNOFF_STATES, QueueFilters, review_queue
from review.services.users import add_user

pytestmark = pytest.mark.apertium
LEASE = timedelta(minutes=30)
SEED = {"id": "seed", "source": {"headline": "«Esa medida está descartada»: Presidente de Perú echó por tierra el "
                                              "«corredor humanitario» de Kast", "body": ""},
        "target": {"headline": "Peruvian President Dismisses Kast's Proposal for Humanitarian Corridor", "body": ""}}
FAITHFUL = {"id": "faithful", "source": {"headline": "El Museo del Prado abre una nueva sala", "body": ""},
            "target": {"headline": "The Prado Museum opens a new gallery", "body": ""}}


@pytest.fixture
def people(session: Session) -> dict[str, User]:
    with session.begin():
        users = {name: add_user(session, name, role, "password-123") for name, role in
                 (("ana", "translator"), ("bo", "translator"), ("eva", "editor"), ("root", "admin"))}
    return users


@pytest.fixture
def scored(session: Session, people: dict[str, User]) -> dict[str, int]:
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in (SEED, FAITHFUL)).encode()
    with session.begin():
        ids = import_batch(session, data, "monday").created_ids
    translator = ApertiumTranslator()
    for document_id in ids:
        with session.begin():
            score_document(session, document_id, translator)
    return {"seed": ids[0], "faithful": ids[1]}


def events(session: Session, document_id: int) -> list[tuple[str | None, str, str | None]]:
    rows = session.execute(select(User.name, ReviewEvent.action, ReviewEvent.to_status)
                           .outerjoin(User, User.id == ReviewEvent.user_id)
                           .where(ReviewEvent.document_id == document_id).order_by(ReviewEvent.id))
    return [tuple(row) for row in rows]  # type: ignore[misc]


def test_flagged_item_goes_through_dismissal_approval_and_signoff(session: Session, people: dict[str, User],
                                                                  scored: dict[str, int]) -> None:
    seed = scored["seed"]
    with session.begin():
        claim(session, seed, people["ana"], LEASE)
    with pytest.raises(IllegalTransition, match="open flag"):
        approve(session, seed, people["ana"])
    session.rollback()
    with session.begin():
        flags = session.get(Document, seed).current_revision.flags
        assert {"quote_dropped", "scare_quotes_dropped"} <= {flag.code for flag in flags}
        for flag in flags:
            dismiss_flag(session, flag.id, people["ana"], "house style drops quotes in headlines")
        assert approve(session, seed, people["ana"]).value == "needs_signoff"
    with pytest.raises(Forbidden):
        sign_off(session, seed, people["ana"])
    session.rollback()
    with session.begin():
        assert sign_off(session, seed, people["eva"]).value == "signed_off"
    trail = events(session, seed)
    assert trail[:3] == [(None, "import", "new"), (None, "score", "scored"), ("ana", "claim", "in_review")]
    assert trail[-2:] == [("ana", "approve", "needs_signoff"), ("eva", "sign_off", "signed_off")]
    assert [a for _, a, _ in trail].count("dismissed_flag") == len(flags)


def test_unflagged_item_is_approved_without_signoff(session: Session, people: dict[str, User],
                                                    scored: dict[str, int]) -> None:
    with session.begin():
        claim(session, scored["faithful"], people["bo"], LEASE)
        assert approve(session, scored["faithful"], people["bo"]).value == "approved"
    exported = [json.loads(line) for line in export_lines(session)]
    assert [(r["id"], r["meta"]["review"]["approved_by"]) for r in exported] == [("faithful", "bo")]


def test_a_claim_is_exclusive_until_its_lease_expires(session: Session, people: dict[str, User],
                                                      scored: dict[str, int]) -> None:
    with session.begin():
        claim(session, scored["seed"], people["ana"], LEASE)
    with pytest.raises(IllegalTransition, match="ana is working on this item"):
        claim(session, scored["seed"], people["bo"], LEASE)
    session.rollback()
    with pytest.raises(Forbidden):
        claim(session, scored["seed"], people["eva"], LEASE)
    session.rollback()
    with session.begin():
        later = utcnow() + LEASE + timedelta(minutes=1)
        assert claim(session, scored["seed"], people["bo"], LEASE, now=later).claimed_by_id == people["bo"].id


def test_saving_makes_a_revision_and_a_stale_save_conflicts(session: Session, people: dict[str, User],
                                                            scored: dict[str, int]) -> None:
    seed = scored["seed"]
    with session.begin():
        claim(session, seed, people["ana"], LEASE)
        saved = save_revision(session, seed, people["ana"],
                              "“That measure is ruled out”: Peru's president demolished Kast's “humanitarian corridor”",
                              "", base_number=1)
    assert saved.number == 2 and saved.hter > 0
    with pytest.raises(EditConflict) as conflict:
        save_revision(session, seed, people["ana"], "Another headline", "", base_number=1)
    assert conflict.value.theirs.number == 2 and conflict.value.theirs.author == "ana" and conflict.value.mine_headline == "Another headline"
    session.rollback()
    with pytest.raises(IllegalTransition, match="still being scored"):
        with session.begin():
            for flag in session.get(Document, seed).current_revision.flags:
                dismiss_flag(session, flag.id, people["ana"], "n/a")
            approve(session, seed, people["ana"])
    with session.begin():
        assert score_document(session, seed, ApertiumTranslator())
    document = session.get(Document, seed)
    codes = {flag.code for flag in document.current_revision.flags}
    assert "quote_dropped" not in codes and "scare_quotes_dropped" not in codes
    assert document.current_revision.number == 2


def test_editor_returns_with_a_comment_and_overrides_flags(session: Session, people: dict[str, User],
                                                           scored: dict[str, int]) -> None:
    seed = scored["seed"]
    with session.begin():
        claim(session, seed, people["ana"], LEASE)
        flags = session.get(Document, seed).current_revision.flags
        for flag in flags:
            dismiss_flag(session, flag.id, people["ana"], "false alarm")
        approve(session, seed, people["ana"])
    with pytest.raises(InvalidRequest):
        return_to_translator(session, seed, people["eva"], "  ")
    session.rollback()
    with session.begin():
        override_flag(session, flags[0].id, people["eva"], "the quote is paraphrased in the lede")
        comment_on_flag(session, flags[0].id, people["eva"], "see the style guide, section 4")
        assert return_to_translator(session, seed, people["eva"], "restore the quote").value == "returned"
    document = session.get(Document, seed)
    assert document.claimed_by_id == people["ana"].id
    assert session.get(FlagRow, flags[0].id).status == "overridden"
    assert [c.body for c in session.get(FlagRow, flags[0].id).comments] == ["see the style guide, section 4"]


def test_queue_puts_flagged_headlines_first_and_filters(session: Session, people: dict[str, User],
                                                        scored: dict[str, int]) -> None:
    page = review_queue(session, QueueFilters())
    assert [e.external_id for e in page.entries] == ["seed", "faithful"]
    assert [e.external_id for e in review_queue(session, QueueFilters(code="scare_quotes_dropped")).entries] == ["seed"]
    assert [e.external_id for e in review_queue(session, QueueFilters(severity="major")).entries] == ["seed"]
    session.rollback()
    with session.begin():
        claim(session, scored["faithful"], people["bo"], LEASE)
    assert [e.external_id for e in review_queue(session, QueueFilters(assignee="bo")).entries] == ["faithful"]
    assert [e.external_id for e in review_queue(session, QueueFilters(assignee="none")).entries] == ["seed"]
    assert review_queue(session, QueueFilters(states=SIGNOFF_STATES)).entries == []


def test_dashboard_counts_flags_scores_and_people(session: Session, people: dict[str, User],
                                                  scored: dict[str, int]) -> None:
    with session.begin():
        claim(session, scored["faithful"], people["bo"], LEASE)
        approve(session, scored["faithful"], people["bo"])
    batch_id = session.get(Document, scored["seed"]).batch_id
    board = batch_dashboard(session, batch_id)
    assert (board.progress.done, board.progress.total) == (2, 2)
    assert len(board.chrf) == 2 and len(board.bleu) == 2
    assert board.flags_by_code["quote_dropped"] == 1 and board.flags_by_code["scare_quotes_dropped"] == 1
    assert board.mqm < 100
    assert board.people == {"bo": {"approve": 1, "claim": 1}}


def test_ten_parallel_claimers_never_share_an_item(database_url: str, session: Session,
                                                   people: dict[str, User]) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from review.db.session import make_engine, make_session_factory, unit_of_work
    from review.services.claims import claim_next

    records = [{**FAITHFUL, "id": f"doc-{i}", "target": {"headline": f"Headline {i}", "body": ""}} for i in range(15)]
    with session.begin():
        import_batch(session, "\n".join(json.dumps(r) for r in records).encode(), "big")
        session.execute(update(Document).values(status="scored"))
    with session.begin():
        translators = [add_user(session, f"t{i}", "translator", "password-123") for i in range(10)]
    engine = make_engine(database_url)
    factory = make_session_factory(engine)

    def claim_one(user_id: int) -> int | None:
        with unit_of_work(factory) as own:
            document = claim_next(own, own.get(User, user_id), LEASE)
            return document.id if document else None

    with ThreadPoolExecutor(max_workers=10) as pool:
        claimed = list(pool.map(claim_one, [t.id for t in translators]))
    engine.dispose()
    assert None not in claimed and len(set(claimed)) == 10


def test_dashboard_of_a_batch_that_resubmits_known_documents_covers_them(session: Session, people: dict[str, User],
                                                                          scored: dict[str, int]) -> None:
    with session.begin():
        claim(session, scored["faithful"], people["bo"], LEASE)
        approve(session, scored["faithful"], people["bo"])
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in (SEED, FAITHFUL)).encode()
    with session.begin():
        again = import_batch(session, data, "tuesday")
    assert again.created_ids == [] and sorted(again.skipped_external_ids) == ["faithful", "seed"]
    board = batch_dashboard(session, again.batch_id)
    assert (board.progress.done, board.progress.total) == (2, 2)
    assert len(board.chrf) == 2 and board.words > 0
    assert board.flags_by_code["quote_dropped"] == 1
    assert board.people == {"bo": {"approve": 1, "claim": 1}}
    assert sum(board.states.values()) == 2


def test_rescoring_keeps_the_analysis_on_show_and_carries_decisions(session: Session, people: dict[str, User],
                                                                     scored: dict[str, int]) -> None:
    from review.core.pipeline import PIPELINE_VERSION
    from review.services.maintenance import RESCORE_DUE, request_rescoring

    seed = scored["seed"]
    with session.begin():
        claim(session, seed, people["ana"], LEASE)
        quote = next(f for f in session.get(Document, seed).current_revision.flags if f.code == "quote_dropped")
        dismiss_flag(session, quote.id, people["ana"], "house style")
        comment_on_flag(session, quote.id, people["eva"], "agreed")
    with session.begin():
        other = import_batch(session, json.dumps({**FAITHFUL, "id": "other", "target": {
            "headline": "The Prado opens a gallery", "body": ""}}).encode(), "tuesday").created_ids
        assert request_rescoring(session, session.get(Document, seed).batch_id) == [seed, scored["faithful"]]
    session.expire_all()  # the UPDATE bypassed the identity map, as it does for the next unit of work
    assert session.get(Document, other[0]).current_revision.scored_version is None  # another batch, not yet scored
    revision = session.get(Document, seed).current_revision
    assert revision.scored_version == RESCORE_DUE and revision.flags  # still on show meanwhile
    session.rollback()
    with session.begin():
        assert score_document(session, seed, ApertiumTranslator())
    revision = session.get(Document, seed).current_revision
    assert revision.scored_version == PIPELINE_VERSION
    again = next(f for f in revision.flags if f.code == "quote_dropped")
    assert (again.id, again.status, [c.body for c in again.comments]) == (quote.id, "dismissed", ["agreed"])
