"""Import use case on SQLite and PostgreSQL: stores documents once, rejects bad files whole."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from review.core.formats.importing import BatchError
from review.db.models import Batch, Document, ReviewEvent, Revision
from review.services.importing import import_batch


def record(doc_id: str, headline: str = "Titular", target: str = "Headline") -> dict[str, object]:
    return {"id": doc_id, "source": {"lang": "es", "headline": headline, "body": "Cuerpo."},
            "target": {"lang": "en", "headline": target, "body": "Body."}}


def jsonl(*records: dict[str, object]) -> bytes:
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode()


def count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_import_stores_documents_with_a_first_revision_and_an_event(session: Session) -> None:
    with session.begin():
        result = import_batch(session, jsonl(record("a"), record("b")), "monday")
    assert len(result.created_ids) == 2 and result.skipped_external_ids == []
    document = session.get(Document, result.created_ids[0])
    assert document is not None
    assert (document.external_id, document.status, document.batch.name) == ("a", "new", "monday")
    assert [(r.number, r.target_headline) for r in document.revisions] == [(1, "Headline")]
    assert count(session, ReviewEvent) == 2


def test_reimporting_the_same_content_creates_no_duplicates(session: Session) -> None:
    data = jsonl(record("a"), record("b"))
    with session.begin():
        import_batch(session, data, "monday")
    with session.begin():
        again = import_batch(session, data, "monday")
    assert again.created_ids == [] and again.skipped_external_ids == ["a", "b"]
    assert (count(session, Document), count(session, Revision), count(session, Batch)) == (2, 2, 1)


def test_a_bad_line_imports_nothing(session: Session) -> None:
    bad = jsonl(record("a"), {"id": "b", "source": {"headline": "", "body": ""}, "target": {"headline": "x"}})
    with pytest.raises(BatchError) as raised:
        with session.begin():
            import_batch(session, bad, "monday")
    assert [e.line for e in raised.value.errors] == [2]
    assert (count(session, Document), count(session, Batch)) == (0, 0)
