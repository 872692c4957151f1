"""The authorisation matrix: every route of the app (from app.url_map) × every principal — anonymous, a
translator, an editor and an admin logged in, and an API token of each role.

Expected outcome classes: pages send anonymous users (and bare API tokens, which are not a log-in) to the
log-in page; the API answers 401 without a valid token (a session cookie is not one); a role outside the
route's roles gets 403; a role inside may get anything but 401, 403, a log-in redirect or a 5xx. Every
request runs against its own copy of one database (users, tokens, the demo batch, the seed article
scored with real Apertium, its flags), so a successful action never changes what the next request sees.
A route missing from MATRIX fails test_every_route_is_in_the_matrix.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from review.core.text.translate import ApertiumTranslator
from review.db.migrate import upgrade
from review.db.models import Document, FlagRow
from review.db.session import make_engine, make_session_factory, unit_of_work
from review.services.analysis import score_document
from review.services.importing import import_batch
from review.services.tokens import create_token
from review.services.users import add_user
from review.settings import Settings
from review.web import create_app
from tests.web.conftest import DEMO, PASSWORD, csrf_token

T, E, A = "translator", "editor", "admin"
ROLES = (T, E, A)


@dataclass(frozen=True)
class Access:
    kind: str  # "public", "web" (a logged-in session) or "api" (a bearer token)
    roles: frozenset[str] = frozenset()


PUBLIC = Access("public")


def web(*roles: str) -> Access:
    return Access("web", frozenset(roles or ROLES))


def api(*roles: str) -> Access:
    return Access("api", frozenset(roles or ROLES))


# endpoint, method, path ({doc}, {flag} and {batch} are the seed's ids), who may use it
MATRIX: list[tuple[str, str, str, Access]] = [
    ("healthz", "GET", "/healthz", PUBLIC),
    ("static", "GET", "/static/app.js", PUBLIC),
    ("batches.index", "GET", "/", PUBLIC),
    ("auth.login", "GET", "/login", PUBLIC),
    ("auth.login", "POST", "/login", PUBLIC),
    ("auth.logout", "POST", "/logout", PUBLIC),
    ("batches.listing", "GET", "/batches", web()),
    ("batches.listing", "POST", "/batches", web(A)),
    ("batches.progress", "GET", "/batches/progress", web()),
    ("batches.dashboard", "GET", "/batches/{batch}", web()),
    ("batches.chart", "GET", "/batches/{batch}/charts/chrf.svg", web()),
    ("batches.export", "GET", "/batches/{batch}/export.jsonl", web()),
    ("queue.translators", "GET", "/queue", web()),
    ("queue.signoff", "GET", "/signoff", web()),
    ("queue.claim_next_item", "POST", "/queue/claim-next", web(T, A)),
    ("items.show", "GET", "/items/{doc}", web()),
    ("items.analysis", "GET", "/items/{doc}/analysis", web()),
    ("items.state", "GET", "/items/{doc}/state", web()),
    ("items.diff", "GET", "/items/{doc}/diff?from=1&to=1", web()),
    ("items.claim_item", "POST", "/items/{doc}/claim", web(T, A)),
    ("items.save", "POST", "/items/{doc}/revisions", web(T, A)),
    ("items.approve", "POST", "/items/{doc}/approve", web(T, A)),
    ("items.sign_off", "POST", "/items/{doc}/sign-off", web(E, A)),
    ("items.return_item", "POST", "/items/{doc}/return", web(E, A)),
    ("items.dismiss_flag", "POST", "/items/{doc}/flags/{flag}/dismiss", web(T, A)),
    ("items.override_flag", "POST", "/items/{doc}/flags/{flag}/override", web(E, A)),
    ("items.comment", "POST", "/items/{doc}/flags/{flag}/comments", web()),
    ("admin.users", "GET", "/admin/users", web(A)),
    ("admin.users", "POST", "/admin/users", web(A)),
    ("api.openapi", "GET", "/api/v1/openapi.json", PUBLIC),
    ("api.submit_batch", "POST", "/api/v1/batches", api(A)),
    ("api.batch_status", "GET", "/api/v1/batches/{batch}", api()),
    ("api.import_glossary_terms", "POST", "/api/v1/glossary", api(E, A)),
    ("api.glossary_terms", "GET", "/api/v1/glossary", api()),
    ("api.batch_report", "GET", "/api/v1/batches/{batch}/report", api()),
    ("api.document", "GET", "/api/v1/documents/{doc}", api()),
    ("api.claim_document", "POST", "/api/v1/documents/{doc}/claim", api(T, A)),
    ("api.fix_document", "POST", "/api/v1/documents/{doc}/revisions", api(T, A)),
    ("api.approve_document", "POST", "/api/v1/documents/{doc}/approve", api(T, A)),
    ("api.sign_off_document", "POST", "/api/v1/documents/{doc}/sign-off", api(E, A)),
    ("api.return_document", "POST", "/api/v1/documents/{doc}/return", api(E, A)),
    ("api.resolve_flag", "POST", "/api/v1/flags/{flag}/dismiss", api(T, A)),
    ("api.resolve_flag", "POST", "/api/v1/flags/{flag}/override", api(E, A)),
]
PRINCIPALS = ("anonymous", *ROLES, *(f"token-{role}" for role in ROLES))
FORM = {"name": "someone", "password": "wrong-password", "role": "translator", "headline": "New headline",
        "body": "New body.", "base_revision": "1", "comment": "Because.", "reason": "Because."}
JSON = {"headline": "New headline", "body": "New body.", "base_revision": 1, "comment": "Because.", "reason": "Because."}


@dataclass
class World:
    """The prepared database, and what each principal sends: a session cookie, a CSRF token, a bearer token."""

    settings: Settings
    ids: dict[str, int]
    cookies: dict[str, str]
    csrf: dict[str, str]
    tokens: dict[str, str]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    settings = Settings.from_env({"REVIEW_HOME": str(tmp_path_factory.mktemp("matrix"))})
    upgrade(settings.database_url)
    sessions = make_session_factory(make_engine(settings.database_url))
    with unit_of_work(sessions) as session:
        for role in ROLES:
            add_user(session, role, role, PASSWORD)
        tokens = {f"token-{role}": create_token(session, role).secret for role in ROLES}
        result = import_batch(session, DEMO, "demo")
    doc = result.created_ids[0]
    with unit_of_work(sessions) as session:
        score_document(session, doc, ApertiumTranslator())
    with sessions() as session:
        document = session.get(Document, doc)
        assert document is not None
        flag = session.scalars(select(FlagRow.id).where(FlagRow.revision_id == document.current_revision_id)).first()
    assert flag is not None, "the seed article raises flags"
    app = create_app(settings)
    cookies, csrf = {}, {}
    for principal in PRINCIPALS:
        client = app.test_client()
        csrf[principal] = csrf_token(client, "/login")
        if principal in ROLES:
            answer = client.post("/login", data={"name": principal, "password": PASSWORD, "csrf_token": csrf[principal]})
            assert answer.status_code == 302
            csrf[principal] = csrf_token(client, "/queue")
        cookie = client.get_cookie("session")
        assert cookie is not None
        cookies[principal] = cookie.value
    return World(settings, {"doc": doc, "flag": flag, "batch": result.batch_id}, cookies, csrf, tokens)


def fresh_app(world: World, path: Path) -> Flask:
    """The app over a copy of the prepared database (same secret key, so the session cookies stay valid)."""
    source = sqlite3.connect(world.settings.database_url.removeprefix("sqlite:///"))
    target = sqlite3.connect(path)
    source.backup(target)
    source.close()
    target.close()
    return create_app(replace(world.settings, database_url=f"sqlite:///{path}"))


def outcome(status: int, location: str) -> str:
    if status >= 500:
        return "5xx"
    if status in (401, 403):
        return str(status)
    if status in (301, 302, 303) and "/login" in location:
        return "log-in"
    return "allowed"


def expected(access: Access, principal: str) -> str:
    role = principal.removeprefix("token-")
    if access.kind == "public":
        return "public"
    if access.kind == "web":
        if principal not in ROLES:
            return "log-in"
        return "allowed" if role in access.roles else "403"
    if not principal.startswith("token-"):
        return "401"
    return "allowed" if role in access.roles else "403"


def test_every_route_is_in_the_matrix(app: Flask) -> None:
    routes = {(rule.endpoint, method) for rule in app.url_map.iter_rules()
              for method in rule.methods or () if method not in ("HEAD", "OPTIONS")}
    listed = {(endpoint, method) for endpoint, method, _path, _access in MATRIX}
    assert routes - listed == set(), "routes without a row in MATRIX"
    assert listed - routes == set(), "MATRIX rows for routes that do not exist"


@pytest.mark.apertium
@pytest.mark.parametrize("principal", PRINCIPALS)
@pytest.mark.parametrize(("endpoint", "method", "path", "access"), MATRIX,
                         ids=[f"{method} {path}" for _endpoint, method, path, _access in MATRIX])
def test_route_for_principal(world: World, tmp_path: Path, endpoint: str, method: str, path: str, access: Access,
                             principal: str) -> None:
    app = fresh_app(world, tmp_path / "case.sqlite")
    client = app.test_client()
    client.set_cookie("session", world.cookies[principal])
    headers = {"Authorization": f"Bearer {world.tokens[principal]}"} if principal in world.tokens else {}
    url = path.format(**world.ids)
    kwargs: dict[str, Any] = {"headers": headers}
    if method == "POST" and endpoint.startswith("api."):
        kwargs["json"] = JSON
    elif method == "POST":
        kwargs["data"] = {**FORM, "csrf_token": world.csrf[principal]}
    response = client.open(url, method=method, **kwargs)
    got = outcome(response.status_code, response.headers.get("Location", ""))
    want = expected(access, principal)
    detail = f"{method} {url} as {principal}: HTTP {response.status_code}"
    if want == "public":
        assert got in ("allowed", "log-in"), detail
    else:
        assert got == want, detail
    if endpoint.startswith("api.") and want in ("401", "403"):
        assert response.json["status"] == response.status_code, detail
