"""The review desk's part of /api/v1: reviewers' MQM annotations, the list of batches, batch scorecards and the
detectors' track record (over a batch with ?batch=ID, else over all time). Same bearer tokens and JSON errors as review.web.api."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, request

from review.core.workflow import InvalidRequest
from review.db.session import unit_of_work
from review.services.annotations import Annotation, annotate, flag_record
from review.services.batches import batch_listing, batch_progress
from review.services.detector_record import detector_record
from review.services.errors import NotFound
from review.services.scorecards import batch_scorecard
from review.web.api import EVERYONE, Unauthorized, _actor, _unauthorized, token_required
from review.web.context import db, sessions
from review.web.params import positive_int

blueprint = Blueprint("api_desk", __name__, url_prefix="/api/v1")
blueprint.register_error_handler(Unauthorized, _unauthorized)


@blueprint.route("/documents/<id:document_id>/annotations", methods=["POST"])
@token_required(*EVERYONE)
def add_annotation(document_id: int) -> tuple[dict[str, Any], int]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise InvalidRequest("send a JSON object")
    for name in ("field", "side", "category", "severity"):
        if not isinstance(body.get(name), str):
            raise InvalidRequest(f"field {name!r} must be a string")
    for name in ("start", "end"):
        if not isinstance(body.get(name), int) or isinstance(body.get(name), bool):
            raise InvalidRequest(f"field {name!r} must be an integer")
    note = body.get("note", "")
    if not isinstance(note, str):
        raise InvalidRequest("field 'note' must be a string")
    annotation = Annotation(body["field"], body["side"], body["start"], body["end"], body["category"],
                            body["severity"], note)
    with unit_of_work(sessions()) as session:
        flag = annotate(session, document_id, _actor(session), annotation)
        session.flush()
        record = flag_record(flag)
    return record, 201


@blueprint.route("/batches")
@token_required(*EVERYONE)
def batches() -> dict[str, Any]:
    return {"batches": batch_listing(db())}


@blueprint.route("/batches/<id:batch_id>/scorecard")
@token_required(*EVERYONE)
def scorecard(batch_id: int) -> dict[str, Any]:
    return batch_scorecard(db(), batch_id)


@blueprint.route("/detectors")
@token_required(*EVERYONE)
def detectors() -> dict[str, Any]:
    batch_id = request.args.get("batch", type=positive_int)
    if batch_id is not None and not batch_progress(db(), [batch_id]):
        raise NotFound(f"batch {batch_id} does not exist")
    return {"batch": batch_id, "codes": detector_record(db(), batch_id)}
