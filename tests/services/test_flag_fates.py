"""Every flag of every revision with its fate, on SQLite and PostgreSQL: the seed story's major quote_dropped is
fixed by revision 2, a dismissal names who and why, an annotation is followed, and an unscored revision leaves
the previous one's findings pending."""
from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from review.core.text.translate import ApertiumTranslator
from review.db.models import Document, User
from review.services.analysis import score_document
from review.services.annotations import Annotation, annotate
from review.services.claims import claim
from review.services.decisions import dismiss_flag
from review.services.editing import save_revision
from review.services.flag_fates import document_fates
from tests.services.test_workflow import LEASE, people, scored  # noqa: F401 - fixtures

pytestmark = pytest.mark.apertium
FIXED_HEADLINE = "«That measure is ruled out»: Peru's president demolished Kast's «humanitarian corridor»"


def test_fates_across_revisions(session: Session, people: dict[str, User], scored: dict[str, int]) -> None:  # noqa: F811
    seed = scored["seed"]
    ana = people["ana"]
    with session.begin():
        claim(session, seed, ana, LEASE)
        document = session.get(Document, seed)
        first = {flag.code: flag for flag in document.current_revision.flags}
        assert first["quote_dropped"].severity == "major"
        headline = document.current_revision.target_headline
        annotate(session, seed, ana, Annotation("headline", "target", 0, 8, "style/awkward", "minor", "stiff"))
        dismiss_flag(session, first["scare_quotes_dropped"].id, ana, "house style")
    with session.begin():
        save_revision(session, seed, ana, FIXED_HEADLINE, "", 1)
    pending = {f.flag.code: f for f in document_fates(session, seed)}
    session.rollback()
    assert pending["quote_dropped"].fate == "pending" and pending["quote_dropped"].fixed_by is None
    assert pending["style/awkward"].fate == "fixed" and pending["style/awkward"].fixed_by == 2  # its words are gone
    with session.begin():
        score_document(session, seed, ApertiumTranslator())
    found = {f.flag.code: f for f in document_fates(session, seed)}
    session.rollback()
    quote = found["quote_dropped"]
    assert (quote.fate, quote.first_revision, quote.last_revision, quote.fixed_by, quote.fixed_by_author) == (
        "fixed", 1, 1, 2, "ana")
    assert found["style/awkward"].flag.origin == "reviewer" and found["style/awkward"].flag.author.name == "ana"
    scare = found["scare_quotes_dropped"]  # dismissed, then fixed too: the quotes came back
    assert (scare.fate, scare.fixed_by) == ("fixed", 2)
    assert scare.flag.status == "dismissed" and scare.flag.resolved_by.name == "ana"
    assert headline != FIXED_HEADLINE
    ranks = [{"critical": 0, "major": 1, "minor": 2, "info": 3}[f.flag.severity] for f in found.values()]
    assert ranks == sorted(ranks)
