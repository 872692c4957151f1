"""Queue pages: the translators' queue, the editors' sign-off queue, and "claim the next item"."""
from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from review.db.session import unit_of_work
from review.services.claims import claim_next
from review.services.queue import SIGNOFF_STATES, TRANSLATOR_STATES, QueueFilters, batch_names, flag_codes, \
    review_queue, user_names
from review.web.auth import roles_required
from review.web.context import acting_user, db, sessions, settings
from review.web.params import positive_int

blueprint = Blueprint("queue", __name__)
SEVERITIES = ("critical", "major", "minor", "info")
FILTER_KEYS = ("batch", "severity", "code", "assignee", "q")  # what the pager's links carry, and nothing else


def _filters(states: tuple[str, ...]) -> QueueFilters:
    severity = request.args.get("severity") or None
    return QueueFilters(
        states=states,
        batch_id=request.args.get("batch", type=positive_int),
        severity=severity if severity in SEVERITIES else None,
        code=request.args.get("code") or None,
        assignee=request.args.get("assignee") or None,
        search=(request.args.get("q") or "")[:300] or None,
        viewer_id=current_user.id,
    )


def _render(title: str, states: tuple[str, ...], endpoint: str) -> str:
    filters = _filters(states)
    page = review_queue(db(), filters, request.args.get("page", 1, type=positive_int))
    kept = {key: request.args[key] for key in FILTER_KEYS if request.args.get(key)}
    return render_template("queue.html", title=title, page=page, filters=filters, endpoint=endpoint, kept=kept,
                           batches=batch_names(db()), codes=flag_codes(), users=user_names(db()),
                           severities=SEVERITIES)


@blueprint.route("/queue")
@login_required
def translators() -> str:
    return _render("Review queue", TRANSLATOR_STATES, "queue.translators")


@blueprint.route("/signoff")
@login_required
def signoff() -> str:
    return _render("Sign-off queue", SIGNOFF_STATES, "queue.signoff")


@blueprint.route("/queue/claim-next", methods=["POST"])
@roles_required("translator", "admin")
def claim_next_item() -> Response:
    with unit_of_work(sessions()) as session:
        document = claim_next(session, acting_user(session), timedelta(minutes=settings().claim_minutes),
                              request.form.get("batch", type=positive_int))
        document_id = document.id if document else None
    if document_id is None:
        flash("Nothing left to claim.", "info")
        return redirect(url_for("queue.translators"))
    return redirect(url_for("items.show", document_id=document_id))
