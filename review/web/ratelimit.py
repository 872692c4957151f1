"""Rate limits (Flask-Limiter): failed POSTs to /login are counted per client IP and per user name, and the
expensive API routes (the batch report, batch submission) per bearer token, each answered with 429 and
Retry-After beyond its limit.

One Limiter per app, so each app (and each test) has its own counters. Storage comes from
Settings.ratelimit_storage_url: "memory://" counts per process, which is enough for one web process;
with several web processes point it at Redis (e.g. the broker's Redis) so they share the counts.
If that storage is unreachable the limiter falls back to in-process counting rather than failing log-ins.
"""
from __future__ import annotations

import hashlib

from flask import Flask, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from werkzeug.exceptions import TooManyRequests
from werkzeug.wrappers import Response

from review.settings import Settings
from review.web.errors import render_error

LOGIN_LIMIT = "10 per minute"
LOGIN_ENDPOINT = "auth.login"
MESSAGE = "Too many log-in attempts. Wait a minute, then try again."
REPORT_LIMIT = "60 per minute"
SUBMIT_LIMIT = "20 per minute"
API_LIMITS = {"api.batch_report": REPORT_LIMIT, "api.submit_batch": SUBMIT_LIMIT}  # endpoint: limit per token
API_MESSAGE = "Too many requests with this token. Wait for the time in Retry-After, then try again."


def init_app(app: Flask, settings: Settings) -> Limiter:
    """Limit failed log-ins on `app` (call after the auth blueprint is registered); 429 pages or JSON."""
    limiter = Limiter(get_remote_address, app=app, storage_uri=settings.ratelimit_storage_url,
                      key_prefix="review", headers_enabled=True, swallow_errors=True,
                      in_memory_fallback_enabled=True)
    view = app.view_functions[LOGIN_ENDPOINT]
    for key in (_client_ip, _user_name):
        view = limiter.limit(LOGIN_LIMIT, key_func=key, methods=["POST"], error_message=MESSAGE,
                             deduct_when=_failed)(view)
    app.view_functions[LOGIN_ENDPOINT] = view
    for endpoint, limit in API_LIMITS.items():
        app.view_functions[endpoint] = limiter.limit(limit, key_func=_bearer_token, error_message=API_MESSAGE)(
            app.view_functions[endpoint])
    app.register_error_handler(TooManyRequests, lambda error: render_error(429, error.description or MESSAGE))
    return limiter


def _client_ip() -> str:
    return f"ip:{get_remote_address()}"


def _user_name() -> str:
    return f"user:{(request.form.get('name') or '').strip().casefold()}"


def _bearer_token() -> str:
    """The token's hash, so that the storage never holds a secret; requests without one share a budget."""
    return "token:" + hashlib.sha256(request.headers.get("Authorization", "").encode()).hexdigest()


def _failed(response: Response) -> bool:
    """A successful log-in redirects; anything else (wrong password, bad form) counts as a failed attempt."""
    return response.status_code != 302
