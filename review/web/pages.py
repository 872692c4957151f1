"""HTML pages: batch list with live progress and upload, review queue, item page, approval."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from werkzeug.wrappers import Response
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from review.core.importing import BatchError
from review.db.models import User
from review.db.session import unit_of_work
from review.services.batches import batch_progress
from review.services.importing import import_batch
from review.services.reviewing import approve, batch_names, item_view, review_queue
from review.web.auth import roles_required
from review.web.context import celery, db, sessions
from review.web.highlight import flag_pieces
from workers.celery_app import enqueue_scoring

blueprint = Blueprint("pages", __name__)


class UploadForm(FlaskForm):
    name = StringField("Batch name", validators=[DataRequired(), Length(max=200)])
    file = FileField("Batch file (JSONL)", validators=[FileRequired()])


class ActionForm(FlaskForm):
    """A button-only form: it carries the CSRF token."""


@blueprint.route("/")
def index() -> Response:
    return redirect(url_for("pages.batches"))


@blueprint.route("/batches", methods=["GET", "POST"])
@login_required
def batches() -> str | Response:
    form = UploadForm()
    errors: list[str] = []
    if request.method == "POST":
        if current_user.role != "admin":
            return render_template("error.html", status=403, message="only an admin imports batches"), 403
        if form.validate_on_submit():
            try:
                with unit_of_work(sessions()) as session:
                    result = import_batch(session, form.file.data.read(), form.name.data or "")
            except BatchError as error:
                errors = [f"line {e.line}: {e.field}: {e.message}" for e in error.errors]
            else:
                enqueue_scoring(celery(), result.created_ids)
                flash(f"Imported {len(result.created_ids)} documents "
                      f"({len(result.skipped_external_ids)} already known).", "info")
                return redirect(url_for("pages.batches"))
    return render_template("batches.html", batches=batch_progress(db()), form=form, errors=errors), (400 if errors else 200)


@blueprint.route("/batches/progress")
@login_required
def progress() -> dict[str, object]:
    return {"batches": [p.as_dict() for p in batch_progress(db())]}


@blueprint.route("/queue")
@login_required
def queue() -> str:
    batch_id = request.args.get("batch", type=int)
    return render_template("queue.html", entries=review_queue(db(), batch_id), batches=batch_names(db()),
                           selected_batch=batch_id)


@blueprint.route("/items/<int:document_id>")
@login_required
def item(document_id: int) -> str:
    return render_template("item.html", view=item_view(db(), document_id), form=ActionForm(), pieces=flag_pieces)


@blueprint.route("/items/<int:document_id>/approve", methods=["POST"])
@roles_required("translator", "admin")
def approve_item(document_id: int) -> Response:
    with unit_of_work(sessions()) as session:
        user = session.get(User, current_user.id)
        status = approve(session, document_id, user)
    flash(f"Approved: the item is now {status.value.replace('_', ' ')}.", "info")
    return redirect(url_for("pages.item", document_id=document_id))
