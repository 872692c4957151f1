"""Hostile batches through the import service, the API and the upload page, on SQLite and PostgreSQL:
a bad batch is refused whole with its line (BatchError, HTTP 400 or 413, never 500) and stores nothing."""
from __future__ import annotations

import json
from dataclasses import replace
from io import BytesIO

import pytest
from flask import Flask
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from review.core.formats import write_pairs
from review.core.formats.importing import MAX_FIELD_CHARS, MAX_ID_CHARS, BatchError
from review.core.model import DocumentPair, Text
from review.db.models import Batch, Document, ReviewEvent, Revision
from review.db.session import make_engine, make_session_factory, unit_of_work
from review.services.importing import import_batch
from review.services.tokens import create_token
from review.services.users import add_user
from review.settings import Settings
from review.web import create_app
from tests.web.conftest import PASSWORD, csrf_token

GOOD = b'{"id": "good-1", "source": {"headline": "Titular"}, "target": {"headline": "Headline"}}\n'


def line(**fields: object) -> bytes:
    record: dict[str, object] = {"id": "bad-1", "source": {"headline": "T"}, "target": {"headline": "H"}}
    record.update(fields)
    return json.dumps(record).encode()


HOSTILE = {
    "nul-in-headline": line(source={"headline": "T\u0000<script>alert(1)</script>"}),
    "lone-surrogate": line(target={"headline": "H\ud800"}),
    "nul-in-meta": line(meta={"note": "\u0000"}),
    "surrogate-meta-key": line(meta={"\udc00": 1}),
    "id-too-long": line(id="x" * (MAX_ID_CHARS + 1)),
    "field-too-long": line(target={"body": "y" * (MAX_FIELD_CHARS + 1)}),
    "nan-in-meta": line(meta={"n": float("nan")}),
    "overflowing-number": line().replace(b'"bad-1"', b'"bad-1", "meta": {"n": 1e999}'),
    "huge-integer": line().replace(b'"bad-1"', b'"bad-1", "meta": {"n": ' + b"7" * 5000 + b"}"),
    "deep-array": b"[" * 50_000 + b"]" * 50_000,
    "deep-meta": line().replace(b'"bad-1"', b'"bad-1", "meta": ' + b'{"a": ' * 40 + b"1" + b"}" * 40),
    "escape-control": line(id="bad\u001b[31m"),
    "latin-1": '{"id": "bad-1", "source": {"headline": "Año"}, "target": {"headline": "H"}}'.encode("latin-1"),
    "utf-16": line().decode().encode("utf-16"),
    "not-json": b"<script>alert(1)</script>",
    "duplicate-id": GOOD.strip(),
}
PAIR = [DocumentPair("good-x", Text("Titular", "Cuerpo."), Text("Headline", "Body."))]
XXE = b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
BILLION_LAUGHS = b'<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;">]>'


def with_doctype(data: bytes, doctype: bytes) -> bytes:
    data = data.replace(b'<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n', b"")
    end = data.index(b"?>") + 2
    return data[:end] + doctype + data[end:]


def counts(session: Session) -> tuple[int, ...]:
    """Rows of every table an import writes to (read in a transaction of its own)."""
    with session.begin():
        return tuple(session.scalar(select(func.count()).select_from(model)) or 0
                     for model in (Batch, Document, Revision, ReviewEvent))


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_service_refuses_hostile_jsonl_whole(session: Session, name: str) -> None:
    before = counts(session)
    with pytest.raises(BatchError) as refused:
        with session.begin():
            import_batch(session, GOOD + HOSTILE[name], f"hostile-{name}")
    assert {problem.line for problem in refused.value.errors} == {2}
    assert counts(session) == before


@pytest.mark.parametrize("fmt", ["xliff", "xliff2", "tmx"])
@pytest.mark.parametrize("doctype", [XXE, BILLION_LAUGHS], ids=["xxe", "billion-laughs"])
def test_service_refuses_xml_entities_whole(session: Session, fmt: str, doctype: bytes) -> None:
    before = counts(session)
    with pytest.raises(BatchError):
        with session.begin():
            import_batch(session, with_doctype(write_pairs(PAIR, fmt), doctype), "hostile-xml", fmt)
    assert counts(session) == before


def test_service_refuses_a_csv_with_a_nul_and_a_huge_cell_whole(session: Session) -> None:
    data = b"id,source,target\ngood-c,T,H\nbad-c,T\x00,H\nbad-d," + b"x" * 200_000 + b",H\n"
    before = counts(session)
    with pytest.raises(BatchError):
        with session.begin():
            import_batch(session, data, "hostile-csv", "csv")
    assert counts(session) == before


TEXT = st.lists(st.sampled_from(["<script>alert(1)</script>", "\u202e", "\u200b", "\U0001F600", "\x00", "\ud800",
                                 "\x1b", "{{7*7}}", "é", "e\u0301", "\n\n", "\r\n", " "]) | st.text(max_size=5),
                max_size=6).map("".join)


@hypothesis_settings(max_examples=25, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.tuples(TEXT, TEXT, TEXT), min_size=1, max_size=4))
def test_service_stores_all_or_nothing(session: Session, documents: list[tuple[str, str, str]]) -> None:
    """Random hostile records: either every document is stored exactly as validated, or nothing at all."""
    data = b"\n".join(json.dumps({"id": f"fuzz-{n}-{doc_id}", "source": {"headline": headline},
                                  "target": {"headline": target}}).encode()
                      for n, (doc_id, headline, target) in enumerate(documents))
    before = counts(session)
    try:
        with session.begin():
            result = import_batch(session, data, "fuzz")
    except BatchError:
        assert counts(session) == before
    else:
        stored = len(result.created_ids) + len(result.updated_ids)
        assert counts(session)[1:3] == (before[1] + len(result.created_ids), before[2] + stored)


@pytest.fixture
def hostile_app(database_url: str, settings: Settings) -> Flask:
    """The app over a migrated SQLite or PostgreSQL database with an admin (user and API token)."""
    configured = replace(settings, database_url=database_url, max_upload_bytes=200_000)
    with unit_of_work(make_session_factory(make_engine(database_url))) as db:
        add_user(db, "admin", "admin", PASSWORD)
        configured.home.joinpath("token").write_text(create_token(db, "admin").secret)
    return create_app(configured)


def stored(app: Flask) -> tuple[int, ...]:
    with app.extensions["review.sessions"]() as db:
        return counts(db)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_api_and_upload_answer_400_and_store_nothing(hostile_app: Flask, name: str) -> None:
    token = hostile_app.extensions["review.settings"].home.joinpath("token").read_text()
    client = hostile_app.test_client()
    data = GOOD + HOSTILE[name]
    answer = client.post("/api/v1/batches?name=hostile", data=data,
                         headers={"Authorization": f"Bearer {token}", "Content-Type": "application/jsonl"})
    expected = 413 if len(data) > 200_000 else 400
    assert answer.status_code == expected and answer.json["status"] == expected
    if expected == 400:
        assert {error["line"] for error in answer.json["errors"]} == {2}

    client.post("/login", data={"name": "admin", "password": PASSWORD, "csrf_token": csrf_token(client, "/login")})
    page = client.post("/batches", content_type="multipart/form-data", data={
        "csrf_token": csrf_token(client, "/batches"), "name": "hostile", "file": (BytesIO(data), "hostile.jsonl")})
    assert page.status_code == expected
    if expected == 400:
        assert "line 2" in page.get_data(as_text=True)
    assert stored(hostile_app) == (0, 0, 0, 0)


@pytest.mark.parametrize("query", ["name=nul%00name", "name=%ED%A0%80", "name=" + "x" * 5000,
                                   "name=%3Cscript%3Ealert(1)%3C/script%3E"])
def test_api_batch_names_never_cause_a_500(hostile_app: Flask, query: str) -> None:
    token = hostile_app.extensions["review.settings"].home.joinpath("token").read_text()
    answer = hostile_app.test_client().post("/api/v1/batches", query_string=query, data=GOOD,
                                            headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code in (202, 400), answer.get_data(as_text=True)


@pytest.mark.parametrize("body", ['{"headline": "H\\u0000", "body": "B", "base_revision": 1}',
                                  '{"headline": "H\\ud800", "body": "B", "base_revision": 1}',
                                  "[" * 50_000 + "]" * 50_000])
def test_api_json_bodies_that_cannot_be_stored_get_400(hostile_app: Flask, body: str) -> None:
    token = hostile_app.extensions["review.settings"].home.joinpath("token").read_text()
    answer = hostile_app.test_client().post("/api/v1/documents/1/revisions", data=body, headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    assert answer.status_code == 400 and answer.json["status"] == 400


def test_forms_with_a_nul_get_400(hostile_app: Flask) -> None:
    client = hostile_app.test_client()
    answer = client.post("/login", data={"name": "admin\x00", "password": PASSWORD,
                                         "csrf_token": csrf_token(client, "/login")})
    assert answer.status_code == 400 and "NUL" in answer.get_data(as_text=True)
