"""A refused action explains itself on the page it came from: when a form posted from one of our pages is
refused (409 wrong state, 400 bad input, 403, 404), the user goes back to that page with the reason shown at
its top, instead of landing on a bare error page. JSON clients and requests without a same-site referrer (API
tools, scripts) still get the error itself, with its status code."""
from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from flask import Flask, flash, redirect, request

from review.core.workflow import InvalidRequest
from review.services.errors import Forbidden, IllegalTransition, NotFound
from review.web.errors import render_error, wants_json

_STATUS: dict[type[Exception], int] = {NotFound: 404, Forbidden: 403, IllegalTransition: 409, InvalidRequest: 400}


def init_app(app: Flask) -> None:
    for error_class, status in _STATUS.items():
        app.register_error_handler(error_class, _explained(status))


def _explained(status: int) -> Callable[[Exception], object]:
    def handle(error: Exception) -> object:
        back = _page_it_came_from()
        if back is None:
            return render_error(status, str(error))
        flash(f"Not done: {error}", "error")
        return redirect(back, code=303)

    return handle


def _page_it_came_from() -> str | None:
    """The same-site page a form was posted from, or None (not a form post, a JSON client, no referrer)."""
    if request.method != "POST" or wants_json() or not request.referrer:
        return None
    referrer = urlsplit(request.referrer)
    if referrer.netloc != request.host or referrer.scheme not in ("http", "https"):
        return None
    return referrer.path + (f"?{referrer.query}" if referrer.query else "")
