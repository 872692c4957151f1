"""Script and markup payloads in every piece of batch and user text, through a whole review, and every page,
partial, download and API answer that shows them: escaped in HTML, data (never markup) in JSON and JSONL.

Each place gets its own payload (tagged with the place's name), so the test can say which page failed to
show which text escaped. Scoring is real Apertium, so the aligned view carries the payloads sentence by sentence.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape
from sqlalchemy import select

from review.core.text.translate import ApertiumTranslator
from review.db.models import Document, FlagRow
from review.db.session import make_engine, make_session_factory, unit_of_work
from review.services.analysis import score_document
from review.services.importing import import_batch
from review.services.users import add_user
from review.settings import Settings
from tests.web.conftest import DEMO, PASSWORD, Tokens, csrf_token

RAW_MARKUP = ("<script>alert(", "<img src=x", "</textarea><script>", "<svg onload", 'href="javascript:')


def payload(place: str) -> str:
    """At most 80 characters (a user name's limit): a script, an attribute break-out, a textarea break-out,
    a template expression and a javascript: URL."""
    return f'<script>alert("{place}")</script>"><img src=x onerror={place}></textarea>{{{{7*7}}}}'


def javascript(place: str) -> str:
    return f"javascript:alert('{place}')//<svg onload={place}>"


def escaped(text: str) -> str:
    return str(escape(text))


def assert_safe_html(page: str, where: str, *places: str) -> None:
    for marker in RAW_MARKUP:
        assert marker not in page, f"{where}: raw {marker!r} in the page"
    for place in places:
        assert escaped(payload(place)) in page, f"{where}: {place} is not shown escaped"


def hostile_batch() -> bytes:
    """The demo's seed article (which raises flags) with a payload in every text and in its id and meta."""
    record = json.loads(DEMO.splitlines()[0])
    record["id"] = payload("id")
    record["source"]["headline"] += " " + payload("source-headline")
    record["source"]["body"] += "\n\n" + payload("source-body")
    record["target"]["headline"] += " " + payload("target-headline")
    record["target"]["body"] += "\n\n" + payload("target-body")
    record["reference"] = {"headline": payload("reference"), "body": javascript("reference")}
    record["meta"] = {"url": javascript("meta"), payload("meta-key"): payload("meta")}
    return json.dumps(record).encode()


@pytest.fixture
def hostile(app: Flask, settings: Settings) -> tuple[int, int]:
    """The hostile batch imported and scored, and a translator whose name is a payload; (batch, document) ids."""
    sessions = make_session_factory(make_engine(settings.database_url))
    with unit_of_work(sessions) as session:
        result = import_batch(session, hostile_batch(), payload("batch"))
        add_user(session, payload("user"), "translator", PASSWORD)
    rescore(settings, result.created_ids[0])
    return result.batch_id, result.created_ids[0]


def rescore(settings: Settings, document_id: int) -> None:
    with unit_of_work(make_session_factory(make_engine(settings.database_url))) as session:
        score_document(session, document_id, ApertiumTranslator())


def open_flags(settings: Settings, document_id: int) -> list[int]:
    with make_session_factory(make_engine(settings.database_url))() as session:
        document = session.get(Document, document_id)
        assert document is not None
        return list(session.scalars(select(FlagRow.id).where(FlagRow.revision_id == document.current_revision_id,
                                                             FlagRow.status == "open")))


def post(client: FlaskClient, path: str, page: str, **form: object) -> object:
    return client.post(path, data={"csrf_token": csrf_token(client, page), **form})


@pytest.mark.apertium
def test_payloads_are_escaped_everywhere(app: Flask, settings: Settings, hostile: tuple[int, int],
                                         login: Callable[[str], FlaskClient], tokens: Tokens) -> None:
    batch_id, doc = hostile
    item = f"/items/{doc}"
    client = app.test_client()
    response = post(client, "/login", "/login", name=payload("user"), password=PASSWORD)
    assert response.status_code == 302  # type: ignore[attr-defined]

    page = lambda path: client.get(path).get_data(as_text=True)  # noqa: E731
    assert_safe_html(page("/batches"), "batches", "batch")
    assert_safe_html(page("/queue"), "queue", "target-headline", "batch")
    assert_safe_html(page(item), "item before claim", "id", "batch")

    assert post(client, f"{item}/claim", item).status_code == 303  # type: ignore[attr-defined]
    first_flag = open_flags(settings, doc)[0]
    assert post(client, f"{item}/flags/{first_flag}/comments", item, body=payload("comment")).status_code == 303  # type: ignore[attr-defined]
    editor_view = page(item)
    assert_safe_html(editor_view, "item in review", "id", "batch", "user", "comment")
    assert f"{escaped(payload('target-body'))}</textarea>" in editor_view  # the textarea holds it as text

    edited = {"headline": payload("edited-headline"), "body": payload("edited-body") + "\n\n" + javascript("body"),
              "base_revision": 1, "note": payload("note")}
    assert post(client, f"{item}/revisions", item, **edited).status_code == 303  # type: ignore[attr-defined]
    conflict = post(client, f"{item}/revisions", item, **{**edited, "headline": payload("mine")})
    assert conflict.status_code == 409  # type: ignore[attr-defined]
    assert_safe_html(conflict.get_data(as_text=True), "conflict", "edited-headline", "mine")  # type: ignore[attr-defined]
    rescore(settings, doc)
    assert_safe_html(page(f"{item}/analysis"), "analysis partial", "edited-headline")
    assert_safe_html(page(f"{item}/diff?from=1&to=2"), "diff")
    new_side = re.sub(r"<del>.*?</del>|</?ins>", "", page(f"{item}/diff?from=1&to=2"), flags=re.DOTALL)
    assert escaped(payload("edited-headline")) in new_side, "diff: the new revision is not shown escaped"
    for flag in open_flags(settings, doc):
        assert post(client, f"{item}/flags/{flag}/dismiss", item, reason=payload("dismissal")).status_code == 303  # type: ignore[attr-defined]
    assert_safe_html(page(item), "item history", "note", "dismissal", "user")
    assert post(client, f"{item}/approve", item).status_code == 303  # type: ignore[attr-defined]

    editor = login("editor")
    assert_safe_html(editor.get("/signoff").get_data(as_text=True), "sign-off queue", "edited-headline", "batch")
    assert post(editor, f"{item}/return", item, comment=payload("return")).status_code == 303  # type: ignore[attr-defined]
    assert post(client, f"{item}/claim", item).status_code == 303  # type: ignore[attr-defined]
    assert post(client, f"{item}/approve", item).status_code == 303  # type: ignore[attr-defined]
    assert post(editor, f"{item}/sign-off", item, comment=payload("sign-off")).status_code == 303  # type: ignore[attr-defined]
    assert_safe_html(editor.get(item).get_data(as_text=True), "item signed off", "return", "sign-off", "user")

    admin = login("admin")
    assert_safe_html(admin.get("/admin/users").get_data(as_text=True), "admin users", "user")
    assert_safe_html(admin.get(f"/batches/{batch_id}").get_data(as_text=True), "dashboard", "batch", "user")

    download = admin.get(f"/batches/{batch_id}/export.jsonl")
    assert download.mimetype == "application/jsonl" and download.headers["X-Content-Type-Options"] == "nosniff"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    [exported] = [json.loads(line) for line in download.get_data(as_text=True).splitlines()]
    assert (exported["id"], exported["target"]["headline"]) == (payload("id"), payload("edited-headline"))
    assert exported["meta"][payload("meta-key")] == payload("meta") and exported["meta"]["url"] == javascript("meta")
    assert exported["meta"]["review"]["author"] == payload("user")

    api = app.test_client()
    document = api.get(f"/api/v1/documents/{doc}", headers={"Authorization": f"Bearer {tokens['editor']}"})
    assert document.mimetype == "application/json" and document.headers["X-Content-Type-Options"] == "nosniff"
    assert (document.json["external_id"], document.json["target"]["headline"]) == (payload("id"), payload("edited-headline"))
    assert document.json["reference"] == {"headline": payload("reference"), "body": javascript("reference")}
    progress = admin.get("/batches/progress")
    assert progress.mimetype == "application/json" and progress.json["batches"][0]["name"] == payload("batch")


def test_template_expressions_are_not_evaluated(login: Callable[[str], FlaskClient], settings: Settings) -> None:
    with unit_of_work(make_session_factory(make_engine(settings.database_url))) as session:
        import_batch(session, DEMO, "{{7*7}} {{ config.SECRET_KEY }} {% raw %}")
    listing = login("translator").get("/batches").get_data(as_text=True)
    assert "{{7*7}} {{ config.SECRET_KEY }} {% raw %}" in listing and settings.secret_key not in listing
