"""Sessions end on the server: a session cookie captured before log-out, a password change, a role change or
disabling the user no longer opens anything; disabling revokes the user's API tokens, a password change does
unless --keep-tokens; the same from the admin page."""
from __future__ import annotations

from collections.abc import Callable

from click.testing import CliRunner, Result
from flask import Flask
from flask.testing import FlaskClient

from review.cli import main
from review.settings import Settings
from tests.web.conftest import PASSWORD, Tokens, csrf_token

NEW_PASSWORD = "another-password-456"


def replay(app: Flask, cookie: str) -> FlaskClient:
    """A second browser holding a copy of a session cookie captured earlier."""
    attacker = app.test_client()
    attacker.set_cookie("session", cookie)
    return attacker


def captured(client: FlaskClient) -> str:
    cookie = client.get_cookie("session")
    assert cookie is not None
    return cookie.value


def opens_queue(client: FlaskClient) -> bool:
    response = client.get("/queue")
    assert response.status_code in (200, 302), response.status_code
    return response.status_code == 200


def review(settings: Settings, *args: str) -> Result:
    env = {"REVIEW_HOME": str(settings.home), "REVIEW_DATABASE_URL": settings.database_url,
           "REVIEW_BROKER_URL": None, "REVIEW_SECRET_KEY": None}
    return CliRunner().invoke(main, list(args), env=env)


def log_in(app: Flask, name: str, password: str) -> int:
    client = app.test_client()
    token = csrf_token(client, "/login")
    return client.post("/login", data={"name": name, "password": password, "csrf_token": token}).status_code


def api_status(app: Flask, token: str) -> int:
    return app.test_client().get("/api/v1/batches/1", headers={"Authorization": f"Bearer {token}"}).status_code


def test_a_cookie_captured_before_logout_opens_nothing_afterwards(app: Flask,
                                                                  login: Callable[[str], FlaskClient]) -> None:
    client = login("translator")
    cookie = captured(client)
    assert opens_queue(replay(app, cookie))
    client.post("/logout", data={"csrf_token": csrf_token(client, "/queue")})
    attacker = replay(app, cookie)
    assert not opens_queue(attacker)
    assert attacker.post("/items/1/flags/1/comments", data={"body": "still here"}).status_code in (302, 400)


def test_logging_out_one_browser_leaves_the_users_other_sessions_open(app: Flask,
                                                                      login: Callable[[str], FlaskClient]) -> None:
    laptop, phone = login("editor"), login("editor")
    laptop.post("/logout", data={"csrf_token": csrf_token(laptop, "/queue")})
    assert not opens_queue(laptop)
    assert opens_queue(phone)


def test_a_password_change_ends_sessions_and_revokes_tokens(app: Flask, settings: Settings, tokens: Tokens,
                                                            login: Callable[[str], FlaskClient]) -> None:
    cookie = captured(login("translator"))
    assert api_status(app, tokens["translator"]) == 404  # the token works (no batch 1)
    result = review(settings, "user", "add", "translator", "--role", "translator", "--password", NEW_PASSWORD,
                    "--update")
    assert result.exit_code == 0, result.output
    assert not opens_queue(replay(app, cookie))
    assert api_status(app, tokens["translator"]) == 401
    assert log_in(app, "translator", PASSWORD) == 200 and log_in(app, "translator", NEW_PASSWORD) == 302
    assert api_status(app, tokens["editor"]) == 404  # other users are untouched


def test_passwd_ends_sessions_and_keeps_tokens_only_when_asked(app: Flask, settings: Settings, tokens: Tokens,
                                                               login: Callable[[str], FlaskClient]) -> None:
    cookie = captured(login("editor"))
    result = review(settings, "user", "passwd", "editor", "--password", NEW_PASSWORD, "--keep-tokens")
    assert result.exit_code == 0, result.output
    assert not opens_queue(replay(app, cookie))
    assert api_status(app, tokens["editor"]) == 404
    assert review(settings, "user", "passwd", "editor", "--password", PASSWORD).exit_code == 0
    assert api_status(app, tokens["editor"]) == 401
    assert review(settings, "user", "passwd", "nobody", "--password", PASSWORD).exit_code == 2
    assert review(settings, "user", "passwd", "editor", "--password", "short").exit_code == 2


def test_re_saving_the_same_role_and_password_ends_nothing(app: Flask, settings: Settings, tokens: Tokens,
                                                           login: Callable[[str], FlaskClient]) -> None:
    client = login("admin")
    result = review(settings, "user", "add", "admin", "--role", "admin", "--password", PASSWORD, "--update")
    assert result.exit_code == 0, result.output
    assert opens_queue(client) and api_status(app, tokens["admin"]) == 404


def test_a_role_change_ends_sessions(app: Flask, settings: Settings, login: Callable[[str], FlaskClient]) -> None:
    cookie = captured(login("editor"))
    result = review(settings, "user", "add", "editor", "--role", "translator", "--password", PASSWORD, "--update")
    assert result.exit_code == 0, result.output
    assert not opens_queue(replay(app, cookie))


def test_disable_ends_sessions_revokes_tokens_and_refuses_log_in_until_enabled(
        app: Flask, settings: Settings, tokens: Tokens, login: Callable[[str], FlaskClient]) -> None:
    cookie = captured(login("translator"))
    assert review(settings, "user", "disable", "translator").exit_code == 0
    assert not opens_queue(replay(app, cookie))
    assert api_status(app, tokens["translator"]) == 401
    assert log_in(app, "translator", PASSWORD) == 200
    listed = review(settings, "user", "list")
    assert "translator\ttranslator\tdisabled" in listed.output
    assert review(settings, "user", "enable", "translator").exit_code == 0
    assert log_in(app, "translator", PASSWORD) == 302
    assert api_status(app, tokens["translator"]) == 401  # tokens stay revoked: issue new ones
    assert review(settings, "user", "disable", "nobody").exit_code == 2


def test_the_admin_page_disables_enables_and_sets_passwords(app: Flask, tokens: Tokens,
                                                           login: Callable[[str], FlaskClient]) -> None:
    admin = login("admin")
    victim = login("translator")

    def act(action: str, **fields: str) -> int:
        data = {"csrf_token": csrf_token(admin, "/admin/users"), **fields}
        return admin.post(f"/admin/users/translator/{action}", data=data).status_code

    assert act("disable") == 303
    assert not opens_queue(victim)
    assert api_status(app, tokens["translator"]) == 401
    assert "disabled" in admin.get("/admin/users").get_data(as_text=True)
    assert log_in(app, "translator", PASSWORD) == 200
    assert act("enable") == 303
    assert log_in(app, "translator", PASSWORD) == 302
    victim = login("translator")
    assert act("password", password="short") == 400
    assert act("password", password=NEW_PASSWORD) == 303
    assert not opens_queue(victim)
    assert log_in(app, "translator", NEW_PASSWORD) == 302
    assert act("role", role="editor") == 303
    assert admin.post("/admin/users/admin/disable",
                      data={"csrf_token": csrf_token(admin, "/admin/users")}).status_code == 400  # not yourself
    assert act("disable") == 303 and admin.post(
        "/admin/users/nobody/disable", data={"csrf_token": csrf_token(admin, "/admin/users")}).status_code == 404


def test_only_admins_manage_users(login: Callable[[str], FlaskClient]) -> None:
    editor = login("editor")
    token = csrf_token(editor, "/queue")
    assert editor.post("/admin/users/translator/disable", data={"csrf_token": token}).status_code == 403


def test_log_in_rotates_the_csrf_token(app: Flask) -> None:
    client = app.test_client()
    before = csrf_token(client, "/login")
    response = client.post("/login", data={"name": "editor", "password": PASSWORD, "csrf_token": before})
    assert response.status_code == 302
    after = csrf_token(client, "/queue")
    assert after != before
    refused = client.post("/logout", data={"csrf_token": before})  # a token seen before log-in is worth nothing
    assert refused.status_code == 400 and opens_queue(client)
    assert client.post("/logout", data={"csrf_token": after}).status_code == 302 and not opens_queue(client)
