"""The review workflow through the Flask client: roles on every action, the fix-and-approve flow,
conflicts, dashboard, charts, export and admin."""
from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from review.core.text.translate import ApertiumTranslator
from review.db.session import make_engine, make_session_factory, unit_of_work
from review.services.analysis import score_document
from review.settings import Settings
from tests.web.conftest import DEMO, csrf_token

pytestmark = pytest.mark.apertium
Login = Callable[[str], FlaskClient]


def post(client: FlaskClient, path: str, page: str, **data: str) -> object:
    return client.post(path, data={"csrf_token": csrf_token(client, page), **data})


def rescore(settings: Settings, document_id: int) -> None:
    """What the worker does after a save (the worker itself is exercised in tests/workers)."""
    with unit_of_work(make_session_factory(make_engine(settings.database_url))) as session:
        score_document(session, document_id, ApertiumTranslator())


def flag_ids(page: str) -> list[int]:
    return [int(i) for i in re.findall(r'id="flag-(\d+)"', page)]


@pytest.mark.parametrize("path, allowed", [
    ("claim", {"translator", "admin"}), ("approve", {"translator", "admin"}), ("revisions", {"translator", "admin"}),
    ("sign-off", {"editor", "admin"}), ("return", {"editor", "admin"}),
])
def test_role_matrix_on_item_actions(login: Login, scored_seed: int, path: str, allowed: set[str]) -> None:
    for role in ("translator", "editor", "admin"):
        client = login(role)
        response = post(client, f"/items/{scored_seed}/{path}", f"/items/{scored_seed}", comment="x")
        if role in allowed:
            assert response.status_code != 403, (role, path)
        else:
            assert response.status_code == 403, (role, path)


def test_fix_rescore_dismiss_approve_and_sign_off(login: Login, scored_seed: int, settings: Settings) -> None:
    item = f"/items/{scored_seed}"
    translator = login("translator")
    assert post(translator, f"{item}/approve", item).status_code == 409  # must claim first
    assert post(translator, f"{item}/claim", item).status_code == 303
    page = translator.get(item).get_data(as_text=True)
    assert 'id="edit-form"' in page and 'name="base_revision" value="1"' in page
    body = json.loads(DEMO.splitlines()[0])["target"]["body"]
    saved = translator.post(f"{item}/revisions", headers={"Accept": "application/json"}, data={
        "csrf_token": csrf_token(translator, item), "base_revision": "1", "body": body,
        "headline": "“That measure is ruled out”: Peru's president rejects Kast's “humanitarian corridor”"})
    assert saved.status_code == 201 and saved.json["revision"] == 2 and saved.json["hter"] > 0
    assert translator.get(f"{item}/state").json == {"status": "in_review", "revision": 2, "scored": False}
    assert post(translator, f"{item}/approve", item).status_code == 409  # still being scored
    rescore(settings, scored_seed)
    assert translator.get(f"{item}/state").json["scored"] is True
    analysis = translator.get(f"{item}/analysis").get_data(as_text=True)
    assert 'data-revision="2"' in analysis and "quote_dropped" not in analysis
    for flag_id in flag_ids(translator.get(item).get_data(as_text=True)):
        assert post(translator, f"{item}/flags/{flag_id}/dismiss", item, reason="fine").status_code == 303
    response = post(translator, f"{item}/approve", item)
    assert response.status_code == 303
    assert "needs signoff" in translator.get(item).get_data(as_text=True)
    editor = login("editor")
    assert scored_seed_in(editor.get("/signoff").get_data(as_text=True), scored_seed)
    assert post(editor, f"{item}/return", item, comment="").status_code == 400
    assert post(editor, f"{item}/sign-off", item).status_code == 303
    history = " ".join(editor.get(item).get_data(as_text=True).split())
    assert "translator · approve: in_review → needs_signoff" in history
    assert "editor · sign off: needs_signoff → signed_off" in history
    diff = editor.get(f"{item}/diff?from=1&to=2").get_data(as_text=True)
    assert "<del>Peruvian</del>" in diff and "<ins>" in diff
    exported = [json.loads(line) for line in editor.get("/batches/1/export.jsonl").get_data(as_text=True).splitlines()]
    assert [r["meta"]["review"]["status"] for r in exported] == ["signed_off"]
    assert exported[0]["target"]["headline"].startswith("“That measure")


def scored_seed_in(page: str, document_id: int) -> bool:
    return f'href="/items/{document_id}"' in page


def test_stale_save_returns_both_versions(login: Login, scored_seed: int) -> None:
    item = f"/items/{scored_seed}"
    translator = login("translator")
    post(translator, f"{item}/claim", item)
    first = post(translator, f"{item}/revisions", item, base_revision="1", headline="First fix", body="")
    assert first.status_code == 303
    stale = translator.post(f"{item}/revisions", headers={"Accept": "application/json"}, data={
        "csrf_token": csrf_token(translator, item), "base_revision": "1", "headline": "My other fix", "body": ""})
    assert stale.status_code == 409
    assert stale.json["theirs"]["headline"] == "First fix" and stale.json["mine"]["headline"] == "My other fix"
    page = post(translator, f"{item}/revisions", item, base_revision="1", headline="My other fix", body="")
    assert page.status_code == 409 and "My other fix" in page.get_data(as_text=True)


def test_second_translator_cannot_claim_a_held_item(login: Login, scored_seed: int, settings: Settings) -> None:
    from review.services.users import add_user

    with unit_of_work(make_session_factory(make_engine(settings.database_url))) as session:
        add_user(session, "second", "translator", "password-123")
    item = f"/items/{scored_seed}"
    assert post(login("translator"), f"{item}/claim", item).status_code == 303
    response = post(login("second"), f"{item}/claim", item)
    assert response.status_code == 409 and "translator is working on this item" in response.get_data(as_text=True)


def test_dashboard_charts_and_admin(login: Login, scored_seed: int) -> None:
    editor = login("editor")
    board = editor.get("/batches/1").get_data(as_text=True)
    assert "MQM score" in board and "quote_dropped" in board
    chart = editor.get("/batches/1/charts/chrf.svg")
    assert chart.status_code == 200 and chart.mimetype == "image/svg+xml" and b"<svg" in chart.data
    assert "script-src" not in chart.headers["Content-Security-Policy"]
    assert editor.get("/batches/1/charts/nope.svg").status_code == 404
    assert editor.get("/admin/users").status_code == 403
    admin = login("admin")
    added = post(admin, "/admin/users", "/admin/users", name="new-editor", role="editor", password="long-password")
    assert added.status_code == 302 and "new-editor" in admin.get("/admin/users").get_data(as_text=True)


def test_queue_filters_render(login: Login, scored_seed: int) -> None:
    client = login("translator")
    page = client.get("/queue?severity=major&code=quote_dropped&assignee=none").get_data(as_text=True)
    assert scored_seed_in(page, scored_seed)
    assert not scored_seed_in(client.get("/queue?code=number_mismatch").get_data(as_text=True), scored_seed)


def test_an_export_never_read_holds_no_database_connection(app: object, login: Login, scored_seed: int) -> None:
    """A client that asks for the download and goes away before reading it must not keep a connection checked
    out: twenty such downloads would otherwise exhaust the pool (5 + 10 overflow) and the next page would wait."""
    editor = login("editor")
    engine = app.extensions["review.sessions"].kw["bind"]  # type: ignore[attr-defined]
    abandoned = [editor.get("/batches/1/export.jsonl") for _ in range(20)]
    assert all(response.status_code == 200 for response in abandoned)
    assert engine.pool.checkedout() == 0
    assert editor.get("/queue").status_code == 200
