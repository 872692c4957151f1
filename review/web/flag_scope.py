"""Flag routes name both the document and the flag (/items/<document_id>/flags/<flag_id>/...): the flag must
belong to that document (to any of its revisions), or the request is a 404 before the view runs, so a URL
can never act on another document's flag."""
from __future__ import annotations

from flask import Flask, abort, request
from flask_login import current_user
from sqlalchemy import select

from review.db.models import FlagRow, Revision
from review.web.context import db


def init_app(app: Flask) -> None:
    app.before_request(_flag_of_the_document)


def _flag_of_the_document() -> None:
    arguments = request.view_args or {}
    if "document_id" not in arguments or "flag_id" not in arguments or not current_user.is_authenticated:
        return  # the anonymous are sent to log in by the view's guard, whatever the ids
    owner = db().scalar(select(Revision.document_id).join(FlagRow, FlagRow.revision_id == Revision.id)
                        .where(FlagRow.id == arguments["flag_id"]))
    if owner != arguments["document_id"]:
        abort(404, f"document {arguments['document_id']} has no flag {arguments['flag_id']}")
