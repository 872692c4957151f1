"""The queue as a translator's inbox, on SQLite and PostgreSQL: search, totals, counts of every severity, items
returned to their translator first with the editor's comment, the next item, and a save extending the lease."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from review.db.models import Document, User, utcnow
from review.services.claims import claim
from review.services.decisions import approve, dismiss_flag, return_to_translator
from review.services.editing import save_revision
from review.services.next_item import next_item
from review.services.queue import QueueFilters, returned_count, review_queue
from tests.services.test_workflow import LEASE, people, scored  # noqa: F401 - fixtures

pytestmark = pytest.mark.apertium


def test_search_totals_and_severity_counts(session: Session, scored: dict[str, int]) -> None:  # noqa: F811
    page = review_queue(session, QueueFilters())
    assert page.total == 2 and page.pages == 1 and [e.external_id for e in page.entries] == ["seed", "faithful"]
    seed = page.entries[0]
    assert seed.open_flags["major"] >= 1 and set(seed.open_flags) == {"critical", "major", "minor", "info"}
    assert seed.open_flags["minor"] == sum(f.status == "open" and f.severity == "minor" for f in
                                           session.get(Document, scored["seed"]).current_revision.flags)
    assert [e.external_id for e in review_queue(session, QueueFilters(search="PRADO museum")).entries] == ["faithful"]
    assert [e.external_id for e in review_queue(session, QueueFilters(search="seE")).entries] == ["seed"]
    assert review_queue(session, QueueFilters(search="100%_")).total == 0  # wildcards are plain characters
    session.rollback()


def test_returned_items_come_first_for_their_translator(session: Session, people: dict[str, User],  # noqa: F811
                                                       scored: dict[str, int]) -> None:  # noqa: F811
    ana, eva, bo = people["ana"], people["eva"], people["bo"]
    seed = scored["seed"]
    with session.begin():
        claim(session, seed, ana, LEASE)
        for flag in session.get(Document, seed).current_revision.flags:
            dismiss_flag(session, flag.id, ana, "fine")
        approve(session, seed, ana)
        return_to_translator(session, seed, eva, "Keep the quotes of the headline.")
    mine = review_queue(session, QueueFilters(viewer_id=ana.id)).entries
    assert [e.external_id for e in mine] == ["seed", "faithful"]
    assert mine[0].return_comment == "Keep the quotes of the headline." and mine[0].status == "returned"
    assert mine[1].return_comment is None
    assert returned_count(session, ana.id) == 1 and returned_count(session, bo.id) == 0
    # bo's next item is not the one returned to ana
    assert next_item(session, bo, leaving=scored["faithful"]) is None
    assert next_item(session, ana, leaving=scored["faithful"]) == seed
    assert next_item(session, ana, leaving=seed) == scored["faithful"]
    session.rollback()


def test_a_save_extends_the_lease(session: Session, people: dict[str, User], scored: dict[str, int]) -> None:  # noqa: F811
    ana, document_id = people["ana"], scored["faithful"]
    with session.begin():
        claim(session, document_id, ana, timedelta(minutes=1))
    with session.begin():
        save_revision(session, document_id, ana, "The Prado opens a new room", "", 1, lease=LEASE)
    expires = session.get(Document, document_id).claim_expires_at
    assert expires > utcnow() + LEASE - timedelta(minutes=1)
    session.rollback()
