"""Backup and restore round-trip the whole database, on SQLite and PostgreSQL."""
from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from review.core.text.translate import ApertiumTranslator
from review.db.models import Base, Document
from review.db.session import make_engine, make_session_factory
from review.services.analysis import score_document
from review.services.backup import BackupError, dump, restore
from review.services.claims import claim
from review.services.decisions import approve, comment_on_flag, dismiss_flag
from review.services.editing import save_revision
from review.services.importing import import_batch
from review.services.tokens import create_token
from review.services.users import add_user, authenticate

pytestmark = pytest.mark.apertium
SEED = {"id": "seed", "source": {"headline": "«Esa medida está descartada»: Presidente de Perú echó por tierra el "
                                              "«corredor humanitario» de Kast", "body": "El presidente habló."},
        "target": {"headline": "Peruvian President Dismisses Kast's Proposal for Humanitarian Corridor",
                   "body": "The president spoke."}}


def table_rows(session: Session) -> dict[str, list[dict[str, object]]]:
    return {table.name: [dict(row) for row in session.execute(select(table).order_by(*table.primary_key.columns))
                         .mappings()] for table in Base.metadata.sorted_tables}


def test_backup_restores_everything_into_an_empty_database(session: Session, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from review.db.migrate import upgrade

    with session.begin():
        ana = add_user(session, "ana", "translator", "password-123")
        create_token(session, "ana", "ci")
        [document_id] = import_batch(session, json.dumps(SEED, ensure_ascii=False).encode(), "monday").created_ids
    with session.begin():
        score_document(session, document_id, ApertiumTranslator())
    with session.begin():
        claim(session, document_id, ana, timedelta(minutes=30))
        flags = session.get(Document, document_id).current_revision.flags
        comment_on_flag(session, flags[0].id, ana, "looking at it")
        save_revision(session, document_id, ana, "“That measure is ruled out”", "The president spoke.", 1)
    with session.begin():
        score_document(session, document_id, ApertiumTranslator())
        for flag in session.get(Document, document_id).current_revision.flags:
            dismiss_flag(session, flag.id, ana, "fine")
        approve(session, document_id, ana)
    before = table_rows(session)
    backup = "".join(dump(session)).encode()
    session.rollback()

    target_url = f"sqlite:///{tmp_path / 'restored.sqlite'}"
    upgrade(target_url)
    engine = make_engine(target_url)
    with make_session_factory(engine)() as target:
        with target.begin():
            counts = restore(target, io.BytesIO(backup))
        assert table_rows(target) == before
        assert counts["review_events"] == len(before["review_events"]) > 5
        assert authenticate(target, "ana", "password-123") is not None
        with pytest.raises(BackupError, match="empty database"):
            restore(target, io.BytesIO(backup))
        target.rollback()
        assert target.scalar(select(func.count()).select_from(Document)) == 1
    engine.dispose()


def test_a_damaged_backup_restores_nothing(session: Session) -> None:
    with session.begin():
        add_user(session, "ana", "translator", "password-123")
    backup = "".join(dump(session))
    session.rollback()
    with session.begin():
        session.execute(Base.metadata.tables["users"].delete())
    with pytest.raises(BackupError, match="line 1"):
        restore(session, io.BytesIO(b'{"format": "something-else"}\n'))
    session.rollback()
    with pytest.raises(BackupError, match="line 2"):
        with session.begin():
            restore(session, io.BytesIO(backup.split("\n")[0].encode() + b"\n{\"table\": \"nope\"}\n"))
    assert session.scalar(select(func.count()).select_from(Base.metadata.tables["users"])) == 0
