"""The batch report costs what it shows: "still being scored" is answered from counts (a few statements and
little memory however large the batch, also under concurrent requests), a report is built once per pipeline
version and batch state and then served from storage, and each token may ask for it a bounded number of
times a minute (429 with Retry-After)."""
from __future__ import annotations

import json
import threading
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event, select

from review.db.models import BatchReport, Document, FlagRow
from review.db.session import make_engine, make_session_factory, unit_of_work
from review.services.analysis import score_document
from review.services.importing import import_batch
from review.settings import Settings
from review.web.ratelimit import REPORT_LIMIT
from tests.web.conftest import ApertiumTranslator, Tokens, csrf_token  # the translator as the seed is scored

DOCUMENTS = 3_000


def unscored_batch(settings: Settings, size: int = DOCUMENTS) -> int:
    lines = (json.dumps({"id": f"doc-{n}", "source": {"headline": f"Titular {n}", "body": f"Cuerpo número {n}."},
                         "target": {"headline": f"Headline {n}", "body": f"Body number {n}."}}) for n in range(size))
    with unit_of_work(make_session_factory(make_engine(settings.database_url))) as session:
        return import_batch(session, "\n".join(lines).encode(), "large").batch_id


@contextmanager
def statements(app: Flask) -> Iterator[list[str]]:
    """The SQL statements the app's engine runs inside the block."""
    engine = app.extensions["review.sessions"].kw["bind"]
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def report(client: FlaskClient, token: str, batch_id: int):  # type: ignore[no-untyped-def]
    return client.get(f"/api/v1/batches/{batch_id}/report", headers={"Authorization": f"Bearer {token}"})


def test_still_being_scored_is_answered_from_counts(app: Flask, settings: Settings, tokens: Tokens) -> None:
    batch_id = unscored_batch(settings)
    client = app.test_client()
    report(client, tokens["translator"], batch_id)  # warm: templates, the engine's pool
    tracemalloc.start()
    with statements(app) as seen:
        response = report(client, tokens["translator"], batch_id)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert response.status_code == 409
    assert response.json["error"].startswith(f"{DOCUMENTS} document(s) are still being scored")
    assert len(seen) <= 4, seen  # the token, the counts; no document is loaded
    assert peak < 1_000_000, peak  # bytes: the old answer loaded every document of the batch first


def test_concurrent_requests_on_a_large_unscored_batch_stay_cheap(app: Flask, settings: Settings,
                                                                  tokens: Tokens) -> None:
    batch_id = unscored_batch(settings)
    statuses: list[int] = []
    with statements(app) as seen:
        threads = [threading.Thread(target=lambda: statuses.append(
            report(app.test_client(), tokens["editor"], batch_id).status_code)) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert statuses == [409] * 8
    assert not [s for s in seen if "FROM documents" in s and "count(" not in s.lower()]  # counts only


def test_a_report_is_built_once_per_batch_state(app: Flask, settings: Settings, tokens: Tokens,
                                                login: Callable[[str], FlaskClient], scored_seed: int) -> None:
    client = app.test_client()
    first = report(client, tokens["translator"], 1)
    assert first.status_code == 200 and first.is_json
    sessions = make_session_factory(make_engine(settings.database_url))
    with sessions() as session:
        stored = session.get(BatchReport, 1)
        assert stored is not None and json.loads(stored.body) == first.json
        state = stored.state
    with statements(app) as seen:
        again = report(client, tokens["translator"], 1)
    assert again.get_data() == first.get_data()
    assert not [s for s in seen if "FROM segments" in s or ("FROM flags" in s and "count(" not in s)]  # stored

    translator = login("translator")
    token = csrf_token(translator, "/queue")
    translator.post(f"/items/{scored_seed}/claim", data={"csrf_token": token})
    saved = translator.post(f"/items/{scored_seed}/revisions", data={
        "headline": "A new headline", "body": "A new body.", "base_revision": "1", "csrf_token": token})
    assert saved.status_code == 303
    assert report(client, tokens["translator"], 1).status_code == 409  # the new revision waits for scoring
    with unit_of_work(sessions) as session:
        score_document(session, scored_seed, ApertiumTranslator())
    rebuilt = report(client, tokens["translator"], 1)
    assert rebuilt.status_code == 200
    changed = [d for d in rebuilt.json["documents"] if d["id"] == "peru-corridor-2026-01-12"]
    assert changed and rebuilt.json != first.json
    with sessions() as session:
        assert session.scalar(select(BatchReport.state).where(BatchReport.batch_id == 1)) != state
        assert session.scalar(select(Document.status).where(Document.id == scored_seed)) == "in_review"
    with unit_of_work(sessions) as session:  # a flag added to the current revision, as a reviewer's annotation
        revision_id = session.scalar(select(Document.current_revision_id).where(Document.id == scored_seed))
        session.add(FlagRow(revision_id=revision_id, code="omission", category="accuracy", severity="minor",
                            field="body", message="a reviewer's annotation", detector_version=1))
    annotated = report(client, tokens["translator"], 1)
    assert "a reviewer's annotation" in annotated.get_data(as_text=True)


def test_each_token_may_ask_for_reports_a_bounded_number_of_times(app: Flask, tokens: Tokens) -> None:
    client = app.test_client()
    allowed = int(REPORT_LIMIT.split()[0])
    statuses = [report(client, tokens["translator"], 1).status_code for _ in range(allowed)]
    assert 429 not in statuses
    refused = report(client, tokens["translator"], 1)
    assert refused.status_code == 429 and refused.is_json
    assert int(refused.headers["Retry-After"]) > 0
    assert report(client, tokens["editor"], 1).status_code == 404  # another token has its own budget
