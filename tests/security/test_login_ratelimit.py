"""Log-in rate limit: 10 failed POSTs a minute per client IP and per user name, then 429 (page or JSON)."""
from __future__ import annotations

import uuid
from dataclasses import replace

import pytest
from flask import Flask
from flask.testing import FlaskClient

from review.settings import Settings
from review.web import create_app
from tests.web.conftest import PASSWORD, csrf_token


def attempt(client: FlaskClient, name: str, password: str, **headers: str) -> int:
    token = csrf_token(client, "/login")
    return client.post("/login", data={"name": name, "password": password, "csrf_token": token},
                       headers=headers).status_code


def client_from(app: Flask, address: str) -> FlaskClient:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def test_eleventh_failed_attempt_from_one_ip_is_refused_even_with_the_right_password(app: Flask) -> None:
    client = client_from(app, "198.51.100.7")
    assert [attempt(client, f"guess-{n}", "wrong-password") for n in range(10)] == [200] * 10
    token = csrf_token(client, "/login")
    refused = client.post("/login", data={"name": "editor", "password": PASSWORD, "csrf_token": token})
    assert refused.status_code == 429
    assert "Too many log-in attempts" in refused.get_data(as_text=True)
    assert int(refused.headers["Retry-After"]) > 0
    assert attempt(client_from(app, "198.51.100.8"), "editor", PASSWORD) == 302  # another client is unaffected


def test_one_user_name_is_limited_across_addresses(app: Flask) -> None:
    for n in range(10):
        assert attempt(client_from(app, f"203.0.113.{n + 1}"), "Editor ", "wrong-password") == 200
    stranger = client_from(app, "203.0.113.200")
    assert attempt(stranger, "editor", PASSWORD) == 429  # names count case- and space-insensitively
    assert attempt(stranger, "translator", PASSWORD) == 302


def test_successful_log_ins_are_not_counted(app: Flask) -> None:
    client = client_from(app, "192.0.2.1")
    assert [attempt(client, "admin", PASSWORD) for _ in range(12)] == [302] * 12


def test_json_clients_get_a_json_429(app: Flask) -> None:
    client = client_from(app, "192.0.2.2")
    for _ in range(10):
        attempt(client, "admin", "wrong-password")
    token = csrf_token(client, "/login")
    refused = client.post("/login", data={"name": "admin", "password": "x", "csrf_token": token},
                          headers={"Accept": "application/json"})
    assert refused.status_code == 429
    assert refused.json == {"error": "Too many log-in attempts. Wait a minute, then try again.", "status": 429}


def test_only_posts_are_limited(app: Flask) -> None:
    client = client_from(app, "192.0.2.3")
    for _ in range(10):
        attempt(client, "admin", "wrong-password")
    assert client.get("/login").status_code == 200


def test_setting_is_read_from_the_environment(tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = {"REVIEW_HOME": str(tmp_path), "REVIEW_RATELIMIT_STORAGE_URL": "redis://127.0.0.1:6379/3"}
    assert Settings.from_env(env).ratelimit_storage_url == "redis://127.0.0.1:6379/3"
    assert Settings.from_env({"REVIEW_HOME": str(tmp_path)}).ratelimit_storage_url == "memory://"


@pytest.mark.redis
def test_counts_are_shared_through_redis_by_every_web_process(app: Flask, settings: Settings, redis_url: str) -> None:
    shared = replace(settings, ratelimit_storage_url=redis_url)
    first, second = create_app(shared), create_app(shared)
    address = f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"
    name = f"nobody-{uuid.uuid4().hex[:8]}"
    for n in range(10):
        assert attempt(client_from(first if n % 2 else second, address), name, "wrong-password") == 200
    assert attempt(client_from(first, address), name, "wrong-password") == 429
    assert attempt(client_from(second, address), name, "wrong-password") == 429


def test_behind_a_trusted_proxy_each_forwarded_client_is_limited_on_its_own(app: Flask, settings: Settings) -> None:
    def failures_then_another_client(proxied: Flask) -> int:
        first = client_from(proxied, "10.0.0.1")  # every request arrives from the proxy's address
        for n in range(10):
            attempt(first, f"guess-{n}", "wrong-password", **{"X-Forwarded-For": "198.51.100.30"})
        return attempt(client_from(proxied, "10.0.0.1"), "editor", PASSWORD, **{"X-Forwarded-For": "198.51.100.31"})

    assert failures_then_another_client(create_app(replace(settings, proxies=1))) == 302
    assert failures_then_another_client(create_app(settings)) == 429  # without REVIEW_PROXIES: one shared address


def test_secure_cookies_are_only_sent_over_https(app: Flask, settings: Settings) -> None:
    secure = create_app(replace(settings, secure_cookies=True)).test_client()
    token = csrf_token(secure, "/login")
    response = secure.post("/login", data={"name": "editor", "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    assert all("Secure" in cookie for cookie in response.headers.getlist("Set-Cookie"))
    plain = app.test_client()
    token = csrf_token(plain, "/login")
    response = plain.post("/login", data={"name": "editor", "password": PASSWORD, "csrf_token": token})
    assert not any("Secure" in cookie for cookie in response.headers.getlist("Set-Cookie"))


def test_proxy_and_cookie_settings_are_read_from_the_environment(tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = {"REVIEW_HOME": str(tmp_path), "REVIEW_PROXIES": "1", "REVIEW_SECURE_COOKIES": "true"}
    assert (Settings.from_env(env).proxies, Settings.from_env(env).secure_cookies) == (1, True)
    defaults = Settings.from_env({"REVIEW_HOME": str(tmp_path)})
    assert (defaults.proxies, defaults.secure_cookies) == (0, False)
