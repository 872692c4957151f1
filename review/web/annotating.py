"""The item page's annotation form: a reviewer's MQM annotation of a selected span, stored as a reviewer flag."""
from __future__ import annotations

from flask import Blueprint, request
from flask_login import login_required
from werkzeug.wrappers import Response

from review.core.workflow import InvalidRequest
from review.db.session import unit_of_work
from review.services.annotations import Annotation, annotate
from review.web.context import acting_user, sessions
from review.web.items import _back

blueprint = Blueprint("annotating", __name__, url_prefix="/items")


@blueprint.route("/<id:document_id>/annotations", methods=["POST"])
@login_required
def add(document_id: int) -> Response:
    form = request.form
    start, end = form.get("start", type=int), form.get("end", type=int)
    if start is None or end is None:
        raise InvalidRequest("select the words to annotate in the aligned text first")
    annotation = Annotation(form.get("field", ""), form.get("side", ""), start, end, form.get("category", ""),
                            form.get("severity", ""), form.get("note", ""))
    with unit_of_work(sessions()) as session:
        flag = annotate(session, document_id, acting_user(session), annotation)
        label = f"{flag.code} ({flag.severity})"
    return _back(document_id, f"Annotation added: {label}.")
