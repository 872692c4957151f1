"""Each input the probe turned into a 500, one by one: huge integers in query strings and forms, query keys the
pager used to hand to url_for, JSON bodies that are not objects, and claiming a returned item whose holder has
no lease end. Each must get a 4xx (or a normal page), never a 500."""
from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from review.db.models import Document, User
from review.db.session import make_engine, make_session_factory, unit_of_work
from review.services.users import add_user
from review.settings import Settings
from tests.web.conftest import PASSWORD, Tokens, csrf_token

HUGE = "99999999999999999999"

QUERY_STRINGS = [
    f"/queue?page={HUGE}",
    f"/queue?batch={HUGE}",
    "/signoff?page=9223372036854775808",
    "/queue?page=-9223372036854775809",
    "/items/{doc}/diff?from=" + HUGE + "&to=1",
    "/items/{doc}/diff?from=1&to=-" + HUGE,
    "/queue?endpoint=x&page=2",
    "/signoff?_method=DELETE&page=2",
    "/queue?_external=1&page=2",
    "/queue?_scheme=javascript&page=2",
    "/queue?_anchor=x&page=2",
    "/queue?values=x&page=2",
    "/queue?page=2&page=3&batch=1&batch=x",
]


def test_odd_query_strings_are_not_server_errors(login: Callable[[str], FlaskClient], scored_seed: int) -> None:
    client = login("editor")
    statuses = {path: client.get(path.format(doc=scored_seed)).status_code for path in QUERY_STRINGS}
    assert {path: status for path, status in statuses.items() if status not in (200, 400, 404)} == {}


def test_the_pager_links_carry_only_the_filters_it_knows(login: Callable[[str], FlaskClient], scored_seed: int) -> None:
    response = login("editor").get("/queue?page=2&endpoint=x&_external=1&severity=major")
    assert response.status_code == 200  # a page past the last is the last page (here the only one)
    page = response.get_data(as_text=True)
    assert "endpoint" not in page.split('aria-label="Pages"')[1]
    assert "_external" not in page and "http://" not in page.split('aria-label="Pages"')[1]


def test_claim_next_with_an_odd_batch_field(login: Callable[[str], FlaskClient], scored_seed: int) -> None:
    client = login("translator")
    token = csrf_token(client, "/queue")
    statuses = {batch: client.post("/queue/claim-next", data={"batch": batch, "csrf_token": token}).status_code
                for batch in (HUGE, "-1", "x", "0")}
    assert statuses == dict.fromkeys(statuses, 302)


def test_save_with_a_huge_base_revision(login: Callable[[str], FlaskClient], scored_seed: int) -> None:
    client = login("translator")
    token = csrf_token(client, "/queue")
    client.post(f"/items/{scored_seed}/claim", data={"csrf_token": token})
    for base in (HUGE, "-" + HUGE):
        response = client.post(f"/items/{scored_seed}/revisions",
                               data={"headline": "h", "body": "b", "base_revision": base, "csrf_token": token})
        assert response.status_code == 409, (base, response.status_code)


def test_api_json_bodies_that_are_not_objects(app: Flask, tokens: Tokens, scored_seed: int) -> None:
    client = app.test_client()
    for role in ("translator", "editor"):
        for body in ('["x"]', '"comment"', "1", "null", "true", "[]", "{"):
            for action in ("sign-off", "return", "revisions"):
                response = client.post(f"/api/v1/documents/{scored_seed}/{action}", data=body,
                                       headers={"Authorization": f"Bearer {tokens[role]}",
                                                "Content-Type": "application/json"})
                assert response.status_code in (400, 403), (role, body, action, response.status_code)
                assert response.is_json


def test_claiming_a_returned_item_held_with_no_lease_end(app: Flask, settings: Settings, tokens: Tokens,
                                                         login: Callable[[str], FlaskClient],
                                                         scored_seed: int) -> None:
    """An editor's return gives the item back to its translator with no lease end; another translator's
    claim must be told who holds it, by the page and the API."""
    sessions = make_session_factory(make_engine(settings.database_url))
    with unit_of_work(sessions) as session:
        holder = add_user(session, "holder", "translator", PASSWORD)
        document = session.scalar(select(Document).where(Document.id == scored_seed))
        assert document is not None
        document.status, document.claimed_by_id, document.claim_expires_at = "returned", holder.id, None
    client = login("translator")
    page = client.post(f"/items/{scored_seed}/claim", data={"csrf_token": csrf_token(client, "/queue")})
    assert page.status_code == 409 and "holder" in page.get_data(as_text=True)
    api = app.test_client().post(f"/api/v1/documents/{scored_seed}/claim",
                                 headers={"Authorization": f"Bearer {tokens['translator']}"})
    assert api.status_code == 409 and "holder" in api.json["error"]
    with sessions() as session:
        assert session.scalar(select(User.name).join(Document, Document.claimed_by_id == User.id)) == "holder"
