"""Every batch ends, and a save sent twice is saved once: through the upload page and the API (Flask client,
real SQLite or PostgreSQL as the settings give, real Apertium for the scoring)."""
from __future__ import annotations

import json
from collections.abc import Callable
from io import BytesIO

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from review.core.pipeline import analyse
from review.core.reports.gate import Gate
from review.core.reports.report import batch_report
from review.core.formats.importing import parse_batch
from review.core.text.translate import ApertiumTranslator
from review.db.models import Revision
from review.db.session import make_engine, make_session_factory
from review.settings import Settings
from tests.web.conftest import DEMO, Tokens, csrf_token
from tests.web.test_api import bearer, score_all, submit


def test_an_empty_upload_is_refused_and_no_batch_is_left(login: Callable[[str], FlaskClient]) -> None:
    client = login("admin")
    for empty in (b"", b"\n\n"):
        response = client.post("/batches", content_type="multipart/form-data", data={
            "csrf_token": csrf_token(client, "/batches"), "name": "empty", "file": (BytesIO(empty), "empty.jsonl")})
        assert response.status_code == 400 and "no documents" in response.get_data(as_text=True)
    assert json.loads(client.get("/batches/progress").data)["batches"] == []


def test_an_empty_api_batch_gets_400(app: Flask, tokens: Tokens) -> None:
    response = submit(app.test_client(), tokens["admin"], b"", "empty")
    assert response.status_code == 400
    assert response.json["errors"][0]["message"] == "the batch holds no documents: nothing to import"


@pytest.mark.apertium
def test_a_batch_of_known_documents_is_done_at_once_with_their_report(app: Flask, settings: Settings,
                                                                       tokens: Tokens) -> None:
    client = app.test_client()
    first = submit(client, tokens["admin"], DEMO, "run-1")
    assert first.status_code == 202
    score_all(settings)
    first_report = client.get(f"/api/v1/batches/{first.json['id']}/report", headers=bearer(tokens["admin"])).json
    again = submit(client, tokens["admin"], DEMO, "run-2")
    total = len(parse_batch(DEMO))
    assert again.status_code == 202 and (again.json["created"], again.json["skipped"]) == (0, total)
    status = client.get(f"/api/v1/batches/{again.json['id']}", headers=bearer(tokens["admin"])).json
    assert (status["status"], status["done"], status["total"]) == ("done", total, total)
    report = client.get(f"/api/v1/batches/{again.json['id']}/report", headers=bearer(tokens["admin"])).json
    assert report == first_report
    fresh = batch_report([analyse([pair], ApertiumTranslator())[0] for pair in parse_batch(DEMO)], Gate())
    assert report == json.loads(json.dumps(fresh))  # each document's current analysis, as scored alone
    # the first batch keeps its documents; a partly known batch counts its known documents too
    assert client.get(f"/api/v1/batches/{first.json['id']}", headers=bearer(tokens["admin"])).json["total"] == total
    extra = DEMO.splitlines()[0].replace(b'"id": "', b'"id": "extra-').replace(b'"headline": "', b'"headline": "Extra ', 1)
    partly = submit(client, tokens["admin"], DEMO + b"\n" + extra, "run-3")
    assert (partly.json["created"], partly.json["skipped"]) == (1, total)
    status = client.get(f"/api/v1/batches/{partly.json['id']}", headers=bearer(tokens["admin"])).json
    assert (status["status"], status["done"], status["total"]) == ("running", total, total + 1)


@pytest.mark.apertium
def test_the_same_save_twice_is_answered_with_the_revision_already_saved(app: Flask, settings: Settings,
                                                                         tokens: Tokens) -> None:
    client = app.test_client()
    submit(client, tokens["admin"], DEMO, "demo")
    score_all(settings)
    document = client.get("/api/v1/documents/1", headers=bearer(tokens["translator"])).json
    client.post("/api/v1/documents/1/claim", headers=bearer(tokens["translator"]))
    body = {"headline": document["target"]["headline"] + " today", "body": document["target"]["body"],
            "base_revision": document["revision"]}
    first = client.post("/api/v1/documents/1/revisions", json=body, headers=bearer(tokens["translator"]))
    second = client.post("/api/v1/documents/1/revisions", json=body, headers=bearer(tokens["translator"]))
    assert first.status_code == second.status_code == 201
    assert first.json == second.json and first.json["revision"] == document["revision"] + 1
    with make_session_factory(make_engine(settings.database_url))() as session:
        assert session.scalar(select(func.count()).select_from(Revision).where(Revision.document_id == 1)) == 2
    other_text = {**body, "headline": body["headline"] + " again"}  # another text on the same base still conflicts
    assert client.post("/api/v1/documents/1/revisions", json=other_text,
                       headers=bearer(tokens["translator"])).status_code == 409
