"""Flask test client over a migrated SQLite database, with demo users and real CSRF checks."""
from __future__ import annotations

import re
from collections.abc import Callable
from importlib import resources

import pytest
from flask import Flask
from flask.testing import FlaskClient

from review.core.text.translate import ApertiumTranslator
from review.db.migrate import upgrade
from review.db.session import make_engine, make_session_factory, unit_of_work
from review.services.analysis import score_document
from review.services.importing import import_batch
from review.services.tokens import create_token
from review.services.users import add_user
from review.settings import Settings
from review.web import create_app

Tokens = dict[str, str]
PASSWORD = "password-123"
DEMO = resources.files("review.demo").joinpath("newsroom.jsonl").read_bytes()
CSRF_FIELD = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


@pytest.fixture
def app(settings: Settings) -> Flask:
    upgrade(settings.database_url)
    with unit_of_work(make_session_factory(make_engine(settings.database_url))) as session:
        for role in ("translator", "editor", "admin"):
            add_user(session, role, role, PASSWORD)
    return create_app(settings)


def csrf_token(client: FlaskClient, path: str) -> str:
    page = client.get(path).get_data(as_text=True)
    match = CSRF_FIELD.search(page)
    assert match, f"no CSRF token on {path}"
    return match.group(1) or match.group(2)


@pytest.fixture
def login(app: Flask) -> Callable[[str], FlaskClient]:
    def log_in(role: str) -> FlaskClient:
        client = app.test_client()
        token = csrf_token(client, "/login")
        response = client.post("/login", data={"name": role, "password": PASSWORD, "csrf_token": token})
        assert response.status_code == 302, response.get_data(as_text=True)
        return client

    return log_in


@pytest.fixture
def scored_seed(settings: Settings) -> int:
    """The demo batch imported and scored in-process with real Apertium; returns the seed article's id."""
    sessions = make_session_factory(make_engine(settings.database_url))
    with unit_of_work(sessions) as session:
        ids = import_batch(session, DEMO, "demo").created_ids
    translator = ApertiumTranslator()
    for document_id in ids:
        with unit_of_work(sessions) as session:
            score_document(session, document_id, translator)
    return ids[0]


@pytest.fixture
def tokens(app: Flask, settings: Settings) -> Tokens:
    with unit_of_work(make_session_factory(make_engine(settings.database_url))) as session:
        return {role: create_token(session, role, "test").secret for role in ("translator", "editor", "admin")}


@pytest.fixture
def api_schema(app: Flask, tokens: Tokens):  # type: ignore[no-untyped-def]
    import schemathesis

    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    schema.config.headers = {"Authorization": f"Bearer {tokens['admin']}"}
    return schema
