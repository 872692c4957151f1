"""Saving from the aligned grid (sentence by sentence) and "save and next": one revision of the whole document,
re-scored in the worker, answered as JSON to the page's script or with a redirect without it."""
from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, flash, redirect, request, url_for
from werkzeug.wrappers import Response

from review.db.session import unit_of_work
from review.services.editing import SavedRevision
from review.services.next_item import next_item
from review.services.sentences import parse_edits, save_sentences
from review.web.auth import roles_required
from review.web.context import acting_user, celery, sessions, settings
from review.web.errors import wants_json
from review.web.params import positive_int
from workers.celery_app import enqueue_scoring

blueprint = Blueprint("grid", __name__, url_prefix="/items")


@blueprint.route("/<id:document_id>/sentences", methods=["POST"])
@roles_required("translator", "admin")
def save(document_id: int) -> object:
    form = request.form
    with unit_of_work(sessions()) as session:
        user = acting_user(session)
        saved = save_sentences(session, document_id, user, parse_edits(form), form.get("base_revision", 0, type=positive_int),
                               form.get("note", ""), lease())
    return saved_answer(saved)


def lease() -> timedelta:
    """How long a claim lasts from now: a save extends it by this much."""
    return timedelta(minutes=settings().claim_minutes)


def saved_answer(saved: SavedRevision) -> object:
    """After a save: queue the re-score, then tell the page (JSON) or go back to the item, or on to the next one
    when the form asked for it (then=next)."""
    enqueue_scoring(celery(), [saved.document_id], interactive=True)
    next_url = _next_url(saved.document_id) if request.form.get("then") == "next" else None
    if wants_json():
        return {"revision": saved.number, "hter": saved.hter, "next_url": next_url,
                "headline": saved.headline, "body": saved.body,
                "state_url": url_for("items.state", document_id=saved.document_id),
                "analysis_url": url_for("items.analysis", document_id=saved.document_id)}, 201
    flash(f"Saved revision {saved.number} (HTER {saved.hter:.1f}); it is being re-scored.", "info")
    return redirect(next_url or url_for("items.show", document_id=saved.document_id), code=303)


def _next_url(document_id: int) -> str:
    with unit_of_work(sessions()) as session:
        following = next_item(session, acting_user(session), document_id)
    return url_for("items.show", document_id=following) if following else url_for("queue.translators")


def then_next_response(document_id: int, message: str) -> Response:
    """After approving with "approve and next": the next item of the queue, with what happened to this one."""
    flash(message, "info")
    return redirect(_next_url(document_id), code=303)
