"""Domain errors become 4xx pages (or JSON for JSON clients); a 500 is always a bug."""
from __future__ import annotations

from collections.abc import Callable

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError

from review.core.workflow import InvalidRequest
from review.services.editing import EditConflict
from review.services.errors import Forbidden, IllegalTransition, NotFound

_STATUS: dict[type[Exception], int] = {NotFound: 404, Forbidden: 403, IllegalTransition: 409, InvalidRequest: 400}


def init_app(app: Flask) -> None:
    for error_class, status in _STATUS.items():
        app.register_error_handler(error_class, _domain_handler(status))
    app.register_error_handler(EditConflict, _conflict)
    app.register_error_handler(CSRFError, lambda e: render_error(400, e.description))
    for status in (400, 403, 404, 405, 409, 413):
        app.register_error_handler(status, lambda e: render_error(e.code, e.description))


def wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json" or request.path.startswith("/api/")


def render_error(status: int, message: str) -> tuple[object, int]:
    if wants_json():
        return {"error": message, "status": status}, status
    return render_template("error.html", status=status, message=message), status


def _domain_handler(status: int) -> Callable[[Exception], tuple[object, int]]:
    return lambda error: render_error(status, str(error))


def _conflict(error: EditConflict) -> tuple[object, int]:
    """Both versions go back to the user, so the text they typed is never lost."""
    theirs = {"revision": error.theirs.number, "headline": error.theirs.headline, "body": error.theirs.body,
              "author": error.theirs.author}
    mine = {"base_revision": error.base_number, "headline": error.mine_headline, "body": error.mine_body}
    if wants_json():
        return {"error": str(error), "status": 409, "theirs": theirs, "mine": mine}, 409
    return render_template("conflict.html", message=str(error), document_id=error.document_id,
                           theirs=theirs, mine=mine), 409
