"""Domain errors become 4xx pages (or JSON for JSON clients); a 500 is always a bug."""
from __future__ import annotations

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError

from review.services.errors import Forbidden, IllegalTransition, NotFound

_STATUS = {NotFound: 404, Forbidden: 403, IllegalTransition: 409}


def init_app(app: Flask) -> None:
    for error_class, status in _STATUS.items():
        app.register_error_handler(error_class, _domain_handler(status))
    app.register_error_handler(CSRFError, lambda e: _render(400, e.description))
    for status in (400, 403, 404, 405, 409, 413):
        app.register_error_handler(status, lambda e: _render(e.code, e.description))


def _domain_handler(status: int):  # type: ignore[no-untyped-def]
    return lambda error: _render(status, str(error))


def _render(status: int, message: str) -> tuple[object, int]:
    if request.accept_mimetypes.best == "application/json" or request.path.startswith("/api/"):
        return {"error": message, "status": status}, status
    return render_template("error.html", status=status, message=message), status
