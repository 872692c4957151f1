"""Batch pages: the list with live progress and upload, the dashboard with its SVG charts, and export."""
from __future__ import annotations

from collections.abc import Iterator

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from sqlalchemy.orm import Session, sessionmaker
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from review.core.formats import format_of
from review.core.formats.importing import BatchError
from review.db.session import unit_of_work
from review.services.batches import batch_progress
from review.services.dashboard import batch_dashboard
from review.services.desk_figures import desk_figures
from review.services.exporting import export_lines
from review.services.importing import import_batch
from review.web.charts import bar_svg, histogram_svg
from review.web.context import celery, db, sessions
from review.web.errors import render_error
from workers.celery_app import enqueue_import

blueprint = Blueprint("batches", __name__)
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'"  # matplotlib's SVG styles itself inline; no script


class UploadForm(FlaskForm):
    name = StringField("Batch name", validators=[DataRequired(), Length(max=200)])
    file = FileField("Batch file (JSONL, XLIFF, TMX, CSV or TSV)", validators=[FileRequired()])


@blueprint.route("/")
def index() -> Response:
    return redirect(url_for("batches.listing"))


@blueprint.route("/batches", methods=["GET", "POST"])
@login_required
def listing() -> object:
    form = UploadForm()
    errors: list[str] = []
    if request.method == "POST":
        if current_user.role != "admin":
            return render_error(403, "only an admin imports batches")
        if form.validate_on_submit():
            try:
                fmt = format_of(form.file.data.filename or "batch.jsonl")
                with unit_of_work(sessions()) as session:
                    result = import_batch(session, form.file.data.read(), form.name.data or "", fmt)
            except ValueError as error:  # BatchError (with line numbers) or an unknown file extension
                errors = ([f"line {e.line}: {e.field}: {e.message}" for e in error.errors]
                          if isinstance(error, BatchError) else [str(error)])
            else:
                enqueue_import(celery(), result.queued_ids)
                flash(f"Imported {len(result.created_ids)} documents, {len(result.updated_ids)} new versions of "
                      f"known articles ({len(result.skipped_external_ids)} unchanged).", "info")
                return redirect(url_for("batches.listing"))
    return render_template("batches.html", batches=batch_progress(db()), form=form, errors=errors), \
        (400 if errors else 200)


@blueprint.route("/batches/progress")
@login_required
def progress() -> dict[str, object]:
    return {"batches": [p.as_dict() for p in batch_progress(db())]}


@blueprint.route("/batches/<id:batch_id>")
@login_required
def dashboard(batch_id: int) -> str:
    return render_template("dashboard.html", board=batch_dashboard(db(), batch_id), desk=desk_figures(db(), batch_id))


@blueprint.route("/batches/<id:batch_id>/charts/<name>.svg")
@login_required
def chart(batch_id: int, name: str) -> Response:
    board = batch_dashboard(db(), batch_id)
    drawings = {
        "chrf": lambda: histogram_svg(board.chrf, "Document chrF vs Apertium", "chrF"),
        "bleu": lambda: histogram_svg(board.bleu, "Document BLEU vs Apertium", "BLEU"),
        "codes": lambda: bar_svg(board.flags_by_code, "Open flags by code"),
        "severities": lambda: bar_svg(board.flags_by_severity, "Open flags by severity"),
        "states": lambda: bar_svg(board.states, "Documents by review state", "documents"),
    }
    if name not in drawings:
        return Response("no such chart", status=404)
    response = Response(drawings[name](), mimetype="image/svg+xml")
    response.headers["Content-Security-Policy"] = SVG_POLICY
    return response


@blueprint.route("/batches/<id:batch_id>/export.jsonl")
@login_required
def export(batch_id: int) -> Response:
    if not batch_progress(db(), [batch_id]):
        return render_error(404, f"batch {batch_id} does not exist")  # type: ignore[return-value]
    return Response(_export_stream(sessions(), batch_id), mimetype="application/jsonl",
                    headers={"Content-Disposition": f'attachment; filename="batch-{batch_id}-approved.jsonl"'})


def _export_stream(factory: sessionmaker[Session], batch_id: int) -> Iterator[str]:
    """The export's lines from a session of their own, opened when the client starts reading and closed when it
    stops: the request's session is back in the pool at once, and a download never read holds no connection."""
    with factory() as session:
        yield from export_lines(session, batch_id)
