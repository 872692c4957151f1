"""The /api/v1 JSON API through the Flask client: tokens, errors as JSON, batches, reports, actions."""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace

import pytest
from flask import Flask
from flask.testing import FlaskClient

from review.core.formats.importing import parse_batch
from review.core.pipeline import analyse
from review.core.reports.gate import Gate
from review.core.reports.report import batch_report
from review.core.text.translate import ApertiumTranslator
from review.db.session import make_engine, make_session_factory, unit_of_work
from review.services.analysis import score_document
from review.services.tokens import create_token, revoke_token
from review.settings import Settings
from review.web import create_app
from tests.web.conftest import DEMO, Tokens


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}", "Accept": "application/json"}


def submit(client: FlaskClient, token: str, data: bytes, name: str = "api") -> object:
    return client.post(f"/api/v1/batches?name={name}", data=data, headers={**bearer(token),
                                                                             "Content-Type": "application/jsonl"})


def score_all(settings: Settings) -> None:
    sessions = make_session_factory(make_engine(settings.database_url))
    translator = ApertiumTranslator()
    from review.services.analysis import unscored_document_ids

    with sessions() as session:
        waiting = unscored_document_ids(session)
    for document_id in waiting:
        with unit_of_work(sessions) as session:
            score_document(session, document_id, translator)


def test_missing_wrong_and_revoked_tokens_get_401(app: Flask, settings: Settings, tokens: Tokens) -> None:
    client = app.test_client()
    assert client.get("/api/v1/batches/1").status_code == 401
    response = client.get("/api/v1/batches/1", headers=bearer("rvw_not-a-token"))
    assert response.status_code == 401 and response.json["status"] == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    with unit_of_work(make_session_factory(make_engine(settings.database_url))) as session:
        issued = create_token(session, "editor", "soon revoked")
    assert client.get("/api/v1/batches/1", headers=bearer(issued.secret)).status_code == 404
    with unit_of_work(make_session_factory(make_engine(settings.database_url))) as session:
        revoke_token(session, issued.id)
    assert client.get("/api/v1/batches/1", headers=bearer(issued.secret)).status_code == 401


def test_errors_are_json_with_line_numbers(app: Flask, tokens: Tokens) -> None:
    client = app.test_client()
    assert submit(client, tokens["translator"], DEMO).status_code == 403
    bad = submit(client, tokens["admin"], DEMO + b"{oops}\n")
    assert bad.status_code == 400 and bad.json["errors"][0]["line"] == 7
    assert client.get("/api/v1/documents/99", headers=bearer(tokens["editor"])).status_code == 404
    assert client.get("/api/v1/nowhere", headers=bearer(tokens["editor"])).json["status"] == 404


def test_too_large_a_body_gets_413(settings: Settings, tokens: Tokens) -> None:
    small = create_app(replace(settings, max_upload_bytes=1000))
    response = submit(small.test_client(), tokens["admin"], DEMO)
    assert response.status_code == 413 and response.json["status"] == 413


@pytest.mark.apertium
def test_batch_progress_report_and_review_actions(app: Flask, settings: Settings, tokens: Tokens) -> None:
    client = app.test_client()
    submitted = submit(client, tokens["admin"], DEMO, "from-ci")
    assert submitted.status_code == 202
    batch_id = submitted.json["id"]
    status = client.get(f"/api/v1/batches/{batch_id}", headers=bearer(tokens["editor"])).json
    assert (status["status"], status["done"], status["total"]) == ("queued", 0, 6)
    assert client.get(f"/api/v1/batches/{batch_id}/report", headers=bearer(tokens["editor"])).status_code == 409
    score_all(settings)
    assert client.get(f"/api/v1/batches/{batch_id}", headers=bearer(tokens["editor"])).json["status"] == "done"
    report = client.get(f"/api/v1/batches/{batch_id}/report", headers=bearer(tokens["editor"])).json
    assert report == json.loads(json.dumps(batch_report(analyse(parse_batch(DEMO), ApertiumTranslator()), Gate())))

    translator = bearer(tokens["translator"])
    document = client.get("/api/v1/documents/1", headers=translator).json
    assert document["external_id"] == "peru-corridor-2026-01-12" and document["scored"]
    assert client.post("/api/v1/documents/1/claim", headers=bearer(tokens["editor"])).status_code == 403
    assert client.post("/api/v1/documents/1/claim", headers=translator).json["status"] == "in_review"
    fixed = {"headline": "Fixed headline", "body": document["target"]["body"], "base_revision": 1}
    assert client.post("/api/v1/documents/1/revisions", json=fixed, headers=translator).status_code == 201
    conflict = client.post("/api/v1/documents/1/revisions", json={**fixed, "headline": "Mine"}, headers=translator)
    assert conflict.status_code == 409 and conflict.json["theirs"]["headline"] == "Fixed headline"
    assert client.post("/api/v1/documents/1/revisions", json={"headline": 3}, headers=translator).status_code == 400
    assert client.post("/api/v1/documents/1/approve", headers=translator).status_code == 409  # being re-scored


def test_batches_in_other_formats_through_the_api(app: Flask, tokens: Tokens) -> None:
    from review.core.formats import write_pairs

    client = app.test_client()
    tmx = write_pairs(parse_batch(DEMO), "tmx")
    response = client.post("/api/v1/batches?name=tmx&format=tmx", data=tmx,
                           headers={**bearer(tokens["admin"]), "Content-Type": "application/x-tmx+xml"})
    assert response.status_code == 202 and response.json["created"] == 6
    unknown = client.post("/api/v1/batches?format=docx", data=b"x", headers=bearer(tokens["admin"]))
    assert unknown.status_code == 400 and "unknown format" in unknown.json["error"]


def test_the_glossary_is_imported_by_editors_and_read_by_everyone(app: Flask, tokens: Tokens) -> None:
    client = app.test_client()
    body = "Fiscalía,Prosecutor's Office,institution\n".encode()
    headers = {"Content-Type": "text/plain"}
    denied = client.post("/api/v1/glossary", data=body, headers={**bearer(tokens["translator"]), **headers})
    assert denied.status_code == 403
    created = client.post("/api/v1/glossary", data=body, headers={**bearer(tokens["editor"]), **headers})
    assert created.status_code == 200 and created.json == {"added": 1, "changed": 0, "unchanged": 0}
    bad = client.post("/api/v1/glossary?format=csv", data=b"Xunta\n", headers={**bearer(tokens["admin"]), **headers})
    assert bad.status_code == 400 and bad.json["errors"][0]["line"] == 1
    listed = client.get("/api/v1/glossary", headers=bearer(tokens["translator"]))
    assert listed.json == {"terms": [{"source": "Fiscalía", "target": "Prosecutor's Office", "note": "institution"}]}


@pytest.mark.apertium
def test_scoring_reads_the_stored_glossary_and_the_item_page_shows_its_terms(
        app: Flask, settings: Settings, tokens: Tokens, login: Callable[[str], FlaskClient]) -> None:
    client = app.test_client()
    client.post("/api/v1/glossary", data="Fiscalía,Prosecutor's Office\n".encode(),
                headers={**bearer(tokens["admin"]), "Content-Type": "text/plain"})
    batch = json.dumps({"id": "fiscalia", "source": {"headline": "", "body": "La Fiscalía abrió una investigación."},
                        "target": {"headline": "", "body": "The public prosecutor opened an investigation."}})
    assert submit(client, tokens["admin"], batch.encode()).status_code == 202
    score_all(settings)
    document = client.get("/api/v1/documents/1", headers=bearer(tokens["admin"])).json
    assert {"code": "terminology", "rule": "glossary:Fiscalía"} in [
        {"code": f["code"], "rule": f["rule"]} for f in document["flags"]]
    page = login("translator").get(f"/items/{document['id']}").get_data(as_text=True)
    assert '<mark class="term" title="Glossary: Fiscalía = Prosecutor&#39;s Office">Fiscalía</mark>' in page
    assert "rule <code>glossary:Fiscalía</code>" in page
