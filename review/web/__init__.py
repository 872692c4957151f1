"""Flask app factory: settings are injected, nothing is created at import time."""
from __future__ import annotations

from pathlib import Path

from flask import Flask, g
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.wrappers import Response

from review.db.session import make_engine, make_session_factory
from review.settings import Settings
from review.web import admin, annotating, api, api_desk, auth, batches, errors, flag_scope, grid, inbox, inputs, \
    items, queue, ratelimit, refusals, scorecards, timezones
from review.web.converters import IdConverter

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'"


def create_app(settings: Settings | None = None) -> Flask:
    settings = settings or Settings.from_env()
    app = Flask(__name__, template_folder=str(TEMPLATES))
    app.config.update(
        SECRET_KEY=settings.secret_key,
        MAX_CONTENT_LENGTH=settings.max_upload_bytes,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.secure_cookies,
        REMEMBER_COOKIE_SECURE=settings.secure_cookies,
    )
    if settings.proxies:  # the client's address and scheme as the proxy saw them: per-IP limits, https URLs
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=settings.proxies, x_proto=settings.proxies, x_host=settings.proxies)
    app.url_map.converters["id"] = IdConverter
    app.extensions["review.settings"] = settings
    app.extensions["review.sessions"] = make_session_factory(make_engine(settings.database_url))
    csrf = CSRFProtect(app)
    csrf.exempt(api.blueprint)  # bearer tokens, not cookies: nothing for a forged form to ride on
    csrf.exempt(api_desk.blueprint)
    auth.init_app(app)
    errors.init_app(app)
    refusals.init_app(app)
    inbox.init_app(app)
    timezones.init_app(app)
    inputs.init_app(app)
    flag_scope.init_app(app)
    app.register_blueprint(auth.blueprint)
    for module in (batches, queue, items, grid, annotating, scorecards, admin, api, api_desk):
        app.register_blueprint(module.blueprint)
    ratelimit.init_app(app, settings)
    app.teardown_appcontext(_close_session)
    app.after_request(_security_headers)
    app.add_url_rule("/healthz", "healthz", lambda: {"status": "ok"})
    return app


def _close_session(_exc: BaseException | None) -> None:
    session = g.pop("db", None)
    if session is not None:
        session.close()


def _security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response
