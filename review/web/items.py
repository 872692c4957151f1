"""The item page and its actions: claim, save a revision (re-scored in the worker), approve, sign off,
return, dismiss / override / discuss a flag, diff revisions, and the polled scoring state."""
from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import login_required
from markupsafe import Markup
from werkzeug.wrappers import Response

from review.core.scoring.mqm import ANNOTATION_TYPES
from review.db.models import utcnow
from review.db.session import unit_of_work
from review.services import decisions
from review.services.claims import claim
from review.services.editing import save_revision
from review.services.flag_fates import document_fates
from review.services.items import item_view, revision_diff, scoring_state
from review.web.auth import roles_required
from review.web.context import acting_user, db, sessions, settings
from review.web.grid import lease, saved_answer, then_next_response
from review.web.highlight import flag_pieces
from review.web.params import positive_int
from review.web.timezones import when

blueprint = Blueprint("items", __name__, url_prefix="/items")
TRANSLATOR, EDITOR = ("translator", "admin"), ("editor", "admin")


def _back(document_id: int, message: str) -> Response:
    flash(message, "info")
    return redirect(url_for("items.show", document_id=document_id), code=303)


@blueprint.route("/<id:document_id>")
@login_required
def show(document_id: int) -> str:
    view = item_view(db(), document_id)
    current = view.revision.number
    return render_template("item.html", view=view, pieces=flag_pieces, annotation_types=ANNOTATION_TYPES,
                           fates=document_fates(db(), document_id),
                           submitted_diff=revision_diff(db(), document_id, 1, current) if current > 1 else None,
                           now=utcnow())


@blueprint.route("/<id:document_id>/analysis")
@login_required
def analysis(document_id: int) -> str:
    """The aligned view alone, swapped into the page after a re-score without a reload."""
    return render_template("_analysis.html", view=item_view(db(), document_id), pieces=flag_pieces)


@blueprint.route("/<id:document_id>/state")
@login_required
def state(document_id: int) -> dict[str, object]:
    return scoring_state(db(), document_id)


@blueprint.route("/<id:document_id>/diff")
@login_required
def diff(document_id: int) -> str:
    old = request.args.get("from", 1, type=positive_int)
    new = request.args.get("to", 2, type=positive_int)
    return render_template("diff.html", diff=revision_diff(db(), document_id, old, new), document_id=document_id)


@blueprint.route("/<id:document_id>/claim", methods=["POST"])
@roles_required(*TRANSLATOR)
def claim_item(document_id: int) -> Response:
    with unit_of_work(sessions()) as session:
        document = claim(session, document_id, acting_user(session), timedelta(minutes=settings().claim_minutes))
        until = document.claim_expires_at
    flash(Markup("You hold this item until {}.").format(when(until, "time")), "info")
    return redirect(url_for("items.show", document_id=document_id), code=303)


@blueprint.route("/<id:document_id>/revisions", methods=["POST"])
@roles_required(*TRANSLATOR)
def save(document_id: int) -> object:
    form = request.form
    with unit_of_work(sessions()) as session:
        saved = save_revision(session, document_id, acting_user(session), form.get("headline", ""),
                              form.get("body", ""), form.get("base_revision", 0, type=positive_int),
                              form.get("note", ""), lease())
    return saved_answer(saved)


@blueprint.route("/<id:document_id>/approve", methods=["POST"])
@roles_required(*TRANSLATOR)
def approve(document_id: int) -> Response:
    with unit_of_work(sessions()) as session:
        status = decisions.approve(session, document_id, acting_user(session))
    message = f"Approved: the item is now {status.value.replace('_', ' ')}."
    if request.form.get("then") == "next":
        return then_next_response(document_id, message)
    return _back(document_id, message)


@blueprint.route("/<id:document_id>/sign-off", methods=["POST"])
@roles_required(*EDITOR)
def sign_off(document_id: int) -> Response:
    with unit_of_work(sessions()) as session:
        decisions.sign_off(session, document_id, acting_user(session), request.form.get("comment", ""))
    return _back(document_id, "Signed off.")


@blueprint.route("/<id:document_id>/return", methods=["POST"])
@roles_required(*EDITOR)
def return_item(document_id: int) -> Response:
    with unit_of_work(sessions()) as session:
        decisions.return_to_translator(session, document_id, acting_user(session), request.form.get("comment", ""))
    return _back(document_id, "Returned to the translator.")


@blueprint.route("/<id:document_id>/flags/<id:flag_id>/dismiss", methods=["POST"])
@roles_required(*TRANSLATOR)
def dismiss_flag(document_id: int, flag_id: int) -> Response:
    with unit_of_work(sessions()) as session:
        decisions.dismiss_flag(session, flag_id, acting_user(session), request.form.get("reason", ""))
    return _back(document_id, "Flag dismissed as a false alarm.")


@blueprint.route("/<id:document_id>/flags/<id:flag_id>/override", methods=["POST"])
@roles_required(*EDITOR)
def override_flag(document_id: int, flag_id: int) -> Response:
    with unit_of_work(sessions()) as session:
        decisions.override_flag(session, flag_id, acting_user(session), request.form.get("reason", ""))
    return _back(document_id, "Flag overridden as a false alarm.")


@blueprint.route("/<id:document_id>/flags/<id:flag_id>/comments", methods=["POST"])
@login_required
def comment(document_id: int, flag_id: int) -> Response:
    with unit_of_work(sessions()) as session:
        decisions.comment_on_flag(session, flag_id, acting_user(session), request.form.get("body", ""))
    return _back(document_id, "Comment added.")
