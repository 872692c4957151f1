"""A Hypothesis-driven crawl of every route in app.url_map (pages and API) with hostile path values, query strings,
form bodies, uploads and JSON bodies, as each role, with a valid CSRF token most of the time so that the views
themselves run: any 500 fails. The API is also walked from its OpenAPI document by schemathesis
(tests/web/test_openapi.py); this crawl adds what a schema does not describe (unknown keys, absurd numbers,
bytes that are not UTF-8). REVIEW_FUZZ_EXAMPLES sets the number of examples (default 300).

Log-out is left out (it would end the crawler's own session) and the admin's user changes aim at names that
do not exist, for the same reason; both are tested in test_sessions.py.
"""
from __future__ import annotations

import inspect
import io
import json
import os
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.routing import Rule

from tests.web.conftest import Tokens, csrf_token

EXAMPLES = int(os.environ.get("REVIEW_FUZZ_EXAMPLES", "300"))
ROLES = ("translator", "editor", "admin")
SKIPPED = {"auth.logout", "static"}
READS = re.compile(r"""(?:args|form)\.get\(\s*["']([^"']+)["']""")
ARGUMENT = re.compile(r"<(?:[^:<>]+(?:\([^)]*\))?:)?([^<>]+)>")  # <name>, <id:name>, <any(a, b):name>
HUGE = ["2147483648", "9223372036854775808", "99999999999999999999", "-9223372036854775809", "-1"]
NUMBERS = ["0", "1", "2", "2147483647", "1e999", "NaN", "0x10", " 1", "１", "1.5", "", *HUGE]
WORDS = ["x", "major", "critical", "none", "omission", "translator", "admin", "dismiss", "json", "xliff",
         "javascript:alert(1)", "//evil.example", "/queue", "<script>alert(1)</script>", "{{7*7}}", "' OR 1=1 --",
         "../../etc/passwd", "%", "\x00", "\ufeff", "a" * 5000, "é" * 300]
KEYS = ["page", "batch", "from", "to", "severity", "code", "assignee", "next", "endpoint", "_external", "_scheme",
        "_anchor", "_method", "values", "name", "format", "headline", "body", "base_revision", "note", "comment",
        "reason", "password", "role", "keep_tokens", "csrf_token"]

text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
values = st.one_of(st.sampled_from(HUGE), st.sampled_from(NUMBERS), st.sampled_from(WORDS), text,
                   st.binary(max_size=12).map(lambda raw: raw.decode("latin-1")))


def read_keys(view: Callable[..., Any]) -> list[str]:
    """The query and form keys the view's module reads (request.args.get("page"), form.get("batch"), ...)."""
    source = inspect.getsource(inspect.getmodule(inspect.unwrap(view)))  # type: ignore[arg-type]
    return sorted(set(READS.findall(source))) or KEYS


def pairs(keys: list[str]) -> st.SearchStrategy[list[tuple[str, str]]]:
    """Mostly the keys the route reads, with hostile values; some other keys, some random ones."""
    key = st.one_of(st.sampled_from(keys), st.sampled_from(keys), st.sampled_from(KEYS), text)
    return st.lists(st.tuples(key, values), max_size=6)
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70), st.floats(), text,
              st.sampled_from(NUMBERS + WORDS)),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.one_of(st.sampled_from(KEYS), text), inner, max_size=4)),
    max_leaves=12)


def encode(items: list[tuple[str, str]]) -> bytes:
    """Percent-encoded pairs; a latin-1 value stands for raw bytes, so bodies need not be valid UTF-8."""
    def raw(value: str) -> bytes:
        return value.encode("latin-1") if all(ord(c) < 256 for c in value) else value.encode("utf-8")

    return b"&".join(quote(raw(key), safe="").encode() + b"=" + quote(raw(value), safe="").encode()
                     for key, value in items)


def path_value(rule: Rule, argument: str, draw: Callable[[Any], Any], seed: dict[str, int]) -> str:
    converter = rule._converters[argument]  # noqa: SLF001 - the converter says what the path accepts
    if hasattr(converter, "items"):  # any(...)
        return draw(st.sampled_from(sorted(converter.items)))
    if argument in seed:
        return draw(st.sampled_from([str(seed[argument])] * 8 + NUMBERS[:8]))  # mostly the seed's, to go deep
    if argument == "name" and rule.endpoint == "admin.change_user":
        return quote(draw(st.one_of(st.just("nobody"), text.filter(lambda n: n.strip() not in ROLES))) or "x",
                     safe="")
    return quote(draw(st.one_of(st.sampled_from(["chrf", "bleu", "codes", "severities"]), text)) or "x", safe="")


@st.composite
def requests(draw: Callable[[Any], Any], rules: list[Rule], seed: dict[str, int],
             keys: dict[str, list[str]]) -> dict[str, Any]:
    rule = draw(st.sampled_from(rules))
    pairs_of_rule = pairs(keys[rule.endpoint])
    method = draw(st.sampled_from(sorted(rule.methods - {"HEAD", "OPTIONS"})))
    url = ARGUMENT.sub(lambda match: path_value(rule, match.group(1), draw, seed), rule.rule)
    query = encode(draw(pairs_of_rule)).decode("ascii")
    request: dict[str, Any] = {"role": draw(st.sampled_from(ROLES)), "method": method, "path": url,
                               "query_string": query, "csrf": draw(st.sampled_from([True, True, True, False]))}
    if method == "POST":
        kind = draw(st.sampled_from(["form", "form", "json", "upload", "raw"]))
        request["kind"] = kind
        if kind == "json":
            request["body"] = json.dumps(draw(json_values), allow_nan=True)
        elif kind == "upload":
            request["form"] = draw(pairs_of_rule)
            request["file"] = (draw(st.binary(max_size=300)), draw(st.sampled_from(
                ["b.jsonl", "b.xlf", "b.tmx", "b.csv", "b.tsv", "b.exe", "", "../b.jsonl"])))
        elif kind == "raw":
            request["body"] = draw(st.binary(max_size=200))
        else:
            request["form"] = draw(pairs_of_rule)
    return request


def send(client: FlaskClient, token: str | None, api_token: str, request: dict[str, Any]) -> int:
    path = request["path"]
    headers = {"Authorization": f"Bearer {api_token}"} if path.startswith("/api/") else {}
    if request["method"] == "GET":
        return client.get(path, query_string=request["query_string"], headers=headers).status_code
    csrf = [("csrf_token", token)] if request["csrf"] and token else []
    kind = request["kind"]
    if kind == "json":
        return client.post(path, query_string=request["query_string"], data=request["body"], headers=headers,
                           content_type="application/json").status_code
    if kind == "raw":
        return client.post(path, query_string=request["query_string"], data=request["body"], headers=headers,
                           content_type="application/octet-stream").status_code
    if kind == "upload":
        content, filename = request["file"]
        data: dict[str, Any] = {key: value for key, value in request["form"] + csrf if "\x00" not in key}
        data["file"] = (io.BytesIO(content), filename)
        return client.post(path, query_string=request["query_string"], data=data, headers=headers,
                           content_type="multipart/form-data").status_code
    return client.post(path, query_string=request["query_string"], data=encode(request["form"] + csrf),
                       headers=headers, content_type="application/x-www-form-urlencoded").status_code


def test_no_route_answers_500_to_hostile_input(app: Flask, login: Callable[[str], FlaskClient], tokens: Tokens,
                                               scored_seed: int) -> None:
    from sqlalchemy import select

    from review.db.models import FlagRow, Revision
    from review.db.session import make_engine, make_session_factory

    with make_session_factory(make_engine(app.extensions["review.settings"].database_url))() as session:
        flag_id = session.scalar(select(FlagRow.id).join(Revision).where(Revision.document_id == scored_seed))
    seed = {"document_id": scored_seed, "flag_id": flag_id or 1, "batch_id": 1}
    rules = [rule for rule in app.url_map.iter_rules() if rule.endpoint not in SKIPPED]
    clients = {role: login(role) for role in ROLES}
    csrf = {role: csrf_token(clients[role], "/queue") for role in ROLES}
    server_errors: list[tuple[str, str, int]] = []
    visited: set[str] = set()

    keys = {rule.endpoint: read_keys(app.view_functions[rule.endpoint]) for rule in rules}

    @given(request=requests(rules, seed, keys))
    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def crawl(request: dict[str, Any]) -> None:
        role = request["role"]
        status = send(clients[role], csrf[role], tokens[role], request)
        visited.add(request["path"].split("/")[1])
        if status >= 500:
            server_errors.append((request["method"], request["path"], status))
        assert status < 500, request

    crawl()
    assert server_errors == []
    assert {"queue", "items", "batches", "api", "admin", "login"} <= visited  # the crawl went everywhere


def test_every_route_with_every_key_it_reads_set_to_an_absurd_number(app: Flask, login: Callable[[str], FlaskClient],
                                                                    tokens: Tokens, scored_seed: int) -> None:
    """The systematic half of the walk: each route (as admin, whom every role rule admits), each key its module
    reads, each number beyond what the database stores, in the query string and (for a POST) the form."""
    admin = login("admin")
    token = csrf_token(admin, "/queue")
    server_errors = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in SKIPPED or rule.endpoint == "admin.change_user":
            continue
        path = ARGUMENT.sub(lambda match: str(scored_seed) if match.group(1) == "document_id" else "1", rule.rule)
        path = path.replace("/1/1", "/1/dismiss").replace("charts/1.svg", "charts/chrf.svg")
        method = "POST" if "POST" in rule.methods else "GET"
        for key in read_keys(app.view_functions[rule.endpoint]):
            for number in ("99999999999999999999", "-9223372036854775809"):
                request = {"method": method, "path": path, "query_string": encode([(key, number)]).decode("ascii"),
                           "kind": "form", "form": [(key, number)], "csrf": True}
                status = send(admin, token, tokens["admin"], request)
                if status >= 500:
                    server_errors.append((method, path, key, number, status))
    assert server_errors == []
