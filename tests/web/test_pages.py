"""Web pages through the Flask client: log-in, CSRF, upload errors, the item page and approval."""
from __future__ import annotations

import json
from collections.abc import Callable
from io import BytesIO

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import DEMO, csrf_token


def test_pages_need_a_login(app: Flask) -> None:
    response = app.test_client().get("/queue")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_wrong_password_is_refused(app: Flask) -> None:
    client = app.test_client()
    token = csrf_token(client, "/login")
    response = client.post("/login", data={"name": "editor", "password": "nope-nope", "csrf_token": token})
    assert response.status_code == 200 and "wrong password" in response.get_data(as_text=True)


def test_a_post_without_csrf_token_is_refused(login: Callable[[str], FlaskClient]) -> None:
    client = login("admin")
    response = client.post("/batches", data={"name": "x"})
    assert response.status_code == 400 and "CSRF" in response.get_data(as_text=True)


def test_security_headers(app: Flask) -> None:
    response = app.test_client().get("/login")
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_bad_upload_lists_line_numbers_and_imports_nothing(login: Callable[[str], FlaskClient]) -> None:
    client = login("admin")
    bad = b'{"id": "a", "source": {"headline": "T"}, "target": {"headline": "H"}}\nnot json\n'
    response = client.post("/batches", content_type="multipart/form-data", data={
        "csrf_token": csrf_token(client, "/batches"), "name": "bad", "file": (BytesIO(bad), "bad.jsonl")})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "line 2" in page
    assert json.loads(client.get("/batches/progress").data)["batches"] == []


def test_only_an_admin_uploads(login: Callable[[str], FlaskClient]) -> None:
    client = login("translator")
    response = client.post("/batches", content_type="multipart/form-data", data={
        "csrf_token": csrf_token(client, "/queue"), "name": "x", "file": (BytesIO(DEMO), "demo.jsonl")})
    assert response.status_code == 403


def test_upload_shows_progress(login: Callable[[str], FlaskClient]) -> None:
    client = login("admin")
    response = client.post("/batches", content_type="multipart/form-data", data={
        "csrf_token": csrf_token(client, "/batches"), "name": "demo", "file": (BytesIO(DEMO), "demo.jsonl")})
    assert response.status_code == 302
    [batch] = json.loads(client.get("/batches/progress").data)["batches"]
    assert (batch["name"], batch["status"], batch["done"]) == ("demo", "queued", 0)
    assert batch["total"] == DEMO.count(b"\n") + (0 if DEMO.endswith(b"\n") else 1)


@pytest.mark.apertium
def test_item_page_shows_seed_headline_flags_and_scores(login: Callable[[str], FlaskClient], scored_seed: int) -> None:
    page = login("translator").get(f"/items/{scored_seed}").get_data(as_text=True)
    assert "quote_dropped" in page and "scare_quotes_dropped" in page
    assert "«Esa medida está descartada»" in page
    assert '<mark class="flag sev-major"' in page
    assert "chrF" in page and "nrefs:1" in page
    assert page.count('<span class="rule"') == page.count('class="flag-item ')  # each flag names its rule
    assert 'rule <code>quote_dropped</code>' in page or 'rule <code>quotes.' in page


@pytest.mark.apertium
def test_queue_puts_the_flagged_headline_first(login: Callable[[str], FlaskClient], scored_seed: int) -> None:
    page = login("translator").get("/queue").get_data(as_text=True)
    assert page.index(f"/items/{scored_seed}") < page.index("/items/", page.index(f"/items/{scored_seed}") + 1)


def test_unknown_item_is_404(login: Callable[[str], FlaskClient]) -> None:
    assert login("editor").get("/items/999").status_code == 404


def test_upload_takes_the_format_from_the_file_name(login: Callable[[str], FlaskClient]) -> None:
    from review.core.formats import write_pairs
    from review.core.formats.importing import parse_batch

    client = login("admin")
    csv = write_pairs(parse_batch(DEMO), "csv")
    response = client.post("/batches", content_type="multipart/form-data", data={
        "csrf_token": csrf_token(client, "/batches"), "name": "from-csv", "file": (BytesIO(csv), "demo.csv")})
    assert response.status_code == 302
    assert json.loads(client.get("/batches/progress").data)["batches"][0]["total"] == 6
    odd = client.post("/batches", content_type="multipart/form-data", data={
        "csrf_token": csrf_token(client, "/batches"), "name": "odd", "file": (BytesIO(b"x"), "demo.docx")})
    assert odd.status_code == 400 and "cannot tell the format" in odd.get_data(as_text=True)
