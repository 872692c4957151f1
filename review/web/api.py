"""The JSON API, /api/v1: bearer-token auth, batches in, progress and reports out, and the review actions
under the same role rules as the pages. Errors are JSON (400, 401, 403, 404, 409, 413), never a 500."""
from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any, TypeVar

from flask import Blueprint, g, request, url_for
from sqlalchemy import select

from review.core.formats import FORMATS
from review.core.formats.glossary import GLOSSARY_FORMATS
from review.core.formats.importing import BatchError
from review.core.workflow import InvalidRequest
from review.db.models import Document, Revision, User, utcnow
from review.db.session import unit_of_work
from review.services import decisions
from review.services.batches import batch_progress
from review.services.claims import claim
from review.services.editing import save_revision
from review.services.errors import Forbidden, NotFound
from review.services.glossary import import_glossary, load_glossary
from review.services.importing import import_batch
from review.services.reporting import stored_batch_report
from review.services.tokens import user_for_token
from review.web.context import celery, db, sessions, settings
from review.web.openapi import openapi_document
from workers.celery_app import enqueue_scoring

blueprint = Blueprint("api", __name__, url_prefix="/api/v1")
F = TypeVar("F", bound=Callable[..., Any])
EVERYONE = ("translator", "editor", "admin")


class Unauthorized(Exception):
    """No valid bearer token (HTTP 401)."""


def token_required(*roles: str) -> Callable[[F], F]:
    def decorate(view: F) -> F:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            header = request.headers.get("Authorization", "")
            scheme, _, secret = header.partition(" ")
            user = user_for_token(db(), secret.strip()) if scheme.lower() == "bearer" and secret.strip() else None
            if user is None:
                raise Unauthorized("a valid bearer token is required (create one with `review token create USER`)")
            if user.role not in roles:
                raise Forbidden(f"this endpoint is for {', '.join(roles)} tokens")
            g.api_user_id = user.id
            return view(*args, **kwargs)

        return guarded  # type: ignore[return-value]

    return decorate


def _unauthorized(error: Unauthorized) -> tuple[dict[str, object], int, dict[str, str]]:
    return {"error": str(error), "status": 401}, 401, {"WWW-Authenticate": 'Bearer realm="review"'}


blueprint.register_error_handler(Unauthorized, _unauthorized)
blueprint.register_error_handler(BatchError, lambda error: ({
    "error": f"{len(error.errors)} error(s); nothing was imported", "status": 400,
    "errors": [{"line": e.line, "field": e.field, "message": e.message} for e in error.errors]}, 400))


def _json_body(*required: str) -> dict[str, Any]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise InvalidRequest("send a JSON object")
    for name in required:
        if not isinstance(body.get(name), str):
            raise InvalidRequest(f"field {name!r} must be a string")
    return body


def _actor(session: Any) -> User:
    user = session.get(User, g.api_user_id)
    assert user is not None
    return user


@blueprint.route("/openapi.json")
def openapi() -> dict[str, Any]:
    return openapi_document()


@blueprint.route("/batches", methods=["POST"])
@token_required("admin")
def submit_batch() -> tuple[dict[str, Any], int]:
    name = (request.args.get("name") or f"api-{utcnow():%Y%m%d-%H%M%S-%f}").strip()
    if len(name) > 200:
        raise InvalidRequest("a batch name may hold at most 200 characters")
    fmt = request.args.get("format", "jsonl")
    if fmt not in FORMATS:
        raise InvalidRequest(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    with unit_of_work(sessions()) as session:
        result = import_batch(session, request.get_data(), name, fmt)
    enqueue_scoring(celery(), result.queued_ids)
    return {"id": result.batch_id, "name": name, "created": len(result.created_ids),
            "updated": len(result.updated_ids), "skipped": len(result.skipped_external_ids),
            "status_url": url_for("api.batch_status", batch_id=result.batch_id),
            "report_url": url_for("api.batch_report", batch_id=result.batch_id)}, 202


@blueprint.route("/glossary", methods=["POST"])
@token_required("admin", "editor")
def import_glossary_terms() -> dict[str, Any]:
    """The body is a TBX or CSV glossary (?format=tbx|csv, csv by default); ?replace=true: the whole glossary."""
    fmt = request.args.get("format", "csv")
    if fmt not in GLOSSARY_FORMATS:
        raise InvalidRequest(f"unknown glossary format {fmt!r}: use one of {', '.join(GLOSSARY_FORMATS)}")
    with unit_of_work(sessions()) as session:
        result = import_glossary(session, request.get_data(), fmt, request.args.get("replace") == "true")
    return {"added": result.added, "changed": result.changed, "unchanged": result.unchanged}


@blueprint.route("/glossary")
@token_required(*EVERYONE)
def glossary_terms() -> dict[str, Any]:
    return {"terms": [{"source": t.source, "target": t.target, "note": t.note} for t in load_glossary(db())]}


@blueprint.route("/batches/<id:batch_id>")
@token_required(*EVERYONE)
def batch_status(batch_id: int) -> dict[str, Any]:
    progress = batch_progress(db(), [batch_id])
    if not progress:
        raise NotFound(f"batch {batch_id} does not exist")
    return progress[0].as_dict()


@blueprint.route("/batches/<id:batch_id>/report")
@token_required(*EVERYONE)
def batch_report(batch_id: int) -> dict[str, Any]:
    return stored_batch_report(db(), batch_id)


@blueprint.route("/documents/<id:document_id>")
@token_required(*EVERYONE)
def document(document_id: int) -> dict[str, Any]:
    return _document_json(document_id)


@blueprint.route("/documents/<id:document_id>/claim", methods=["POST"])
@token_required(*EVERYONE)
def claim_document(document_id: int) -> dict[str, Any]:
    with unit_of_work(sessions()) as session:
        claim(session, document_id, _actor(session), timedelta(minutes=settings().claim_minutes))
    return _document_json(document_id)


@blueprint.route("/documents/<id:document_id>/revisions", methods=["POST"])
@token_required(*EVERYONE)
def fix_document(document_id: int) -> tuple[dict[str, Any], int]:
    body = _json_body("headline", "body")
    base = body.get("base_revision")
    if not isinstance(base, int) or isinstance(base, bool):
        raise InvalidRequest("field 'base_revision' must be an integer")
    note = body.get("note", "")
    with unit_of_work(sessions()) as session:
        saved = save_revision(session, document_id, _actor(session), body["headline"], body["body"], base,
                              note if isinstance(note, str) else "")
    enqueue_scoring(celery(), [document_id])
    return {"revision": saved.number, "hter": saved.hter}, 201


@blueprint.route("/documents/<id:document_id>/approve", methods=["POST"])
@token_required(*EVERYONE)
def approve_document(document_id: int) -> dict[str, Any]:
    with unit_of_work(sessions()) as session:
        decisions.approve(session, document_id, _actor(session))
    return _document_json(document_id)


@blueprint.route("/documents/<id:document_id>/sign-off", methods=["POST"])
@token_required(*EVERYONE)
def sign_off_document(document_id: int) -> dict[str, Any]:
    comment = (request.get_json(silent=True) or {}).get("comment", "")
    with unit_of_work(sessions()) as session:
        decisions.sign_off(session, document_id, _actor(session), comment if isinstance(comment, str) else "")
    return _document_json(document_id)


@blueprint.route("/documents/<id:document_id>/return", methods=["POST"])
@token_required(*EVERYONE)
def return_document(document_id: int) -> dict[str, Any]:
    body = _json_body("comment")
    with unit_of_work(sessions()) as session:
        decisions.return_to_translator(session, document_id, _actor(session), body["comment"])
    return _document_json(document_id)


@blueprint.route("/flags/<id:flag_id>/<any(dismiss, override):decision>", methods=["POST"])
@token_required(*EVERYONE)
def resolve_flag(flag_id: int, decision: str) -> dict[str, Any]:
    body = _json_body("reason")
    resolve = decisions.dismiss_flag if decision == "dismiss" else decisions.override_flag
    with unit_of_work(sessions()) as session:
        flag = resolve(session, flag_id, _actor(session), body["reason"])
        return {"id": flag.id, "code": flag.code, "status": flag.status, "reason": flag.resolution_reason}


def _document_json(document_id: int) -> dict[str, Any]:
    session = db()
    session.expire_all()
    document = session.get(Document, document_id)
    if document is None:
        raise NotFound(f"document {document_id} does not exist")
    revision = session.scalar(select(Revision).where(Revision.id == document.current_revision_id))
    assert revision is not None
    reference = None
    if document.reference_headline is not None or document.reference_body is not None:
        reference = {"headline": document.reference_headline or "", "body": document.reference_body or ""}
    return {
        "id": document.id, "external_id": document.external_id, "batch_id": document.batch_id,
        "status": document.status, "revision": revision.number, "scored": revision.scored_version is not None,
        "assignee": document.claimed_by.name if document.claimed_by else None,
        "source": {"headline": document.source_headline, "body": document.source_body},
        "target": {"headline": revision.target_headline, "body": revision.target_body},
        "reference": reference,
        "scores": {s.metric: s.value for s in revision.scores if s.scope == "document"},
        "flags": [{"id": f.id, "code": f.code, "category": f.category, "severity": f.severity, "field": f.field,
                   "source_span": [f.source_start, f.source_end] if f.source_start is not None else None,
                   "target_span": [f.target_start, f.target_end] if f.target_start is not None else None,
                   "message": f.message, "rule": f.rule or f.code, "status": f.status} for f in revision.flags],
    }
