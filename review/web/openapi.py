"""The OpenAPI 3.1 description of /api/v1, kept true by a schemathesis test against the app."""
from __future__ import annotations

from typing import Any

from review.core.formats import FORMATS
from review.web.converters import MAX_ID

ERROR = {"$ref": "#/components/schemas/Error"}
SPAN = {"type": ["array", "null"], "items": {"type": "integer"}}


def _errors(*codes: int) -> dict[str, Any]:
    descriptions = {400: "Bad input", 401: "No valid bearer token", 403: "Wrong role", 404: "Not found",
                    409: "Conflict with the item's state", 413: "Body too large"}
    return {str(code): {"description": descriptions[code], "content": {"application/json": {"schema": ERROR}}}
            for code in codes}


def _ok(status: int, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {str(status): {"description": description, "content": {"application/json": {"schema": schema}}}}


def _id(name: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID}}


def _json(*required: str, **properties: dict[str, Any]) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": {
        "type": "object", "required": list(required), "properties": properties}}}}


def _action(summary: str, response: dict[str, Any], body: dict[str, Any] | None = None,
            errors: tuple[int, ...] = (400, 401, 403, 404, 409)) -> dict[str, Any]:
    operation: dict[str, Any] = {"summary": summary, "parameters": [_id("document_id")],
                                 "responses": {**response, **_errors(*errors)}}
    if body:
        operation["requestBody"] = body
    return {"post": operation}


DOCUMENT = {"$ref": "#/components/schemas/Document"}


def openapi_document() -> dict[str, Any]:
    text = {"type": "string"}
    return {
        "openapi": "3.1.0",
        "info": {"title": "review API", "version": "1.0.0",
                 "description": "Batches in, scores and reports out, and the review actions of the web pages."},
        "servers": [{"url": "/"}],
        "security": [{"bearer": []}],
        "paths": {
            "/api/v1/openapi.json": {"get": {"summary": "This document", "security": [],
                                             "responses": _ok(200, {"type": "object"}, "The OpenAPI document")}},
            "/api/v1/batches": {"post": {
                "summary": "Submit a batch (JSONL by default, or ?format=xliff|xliff2|tmx|csv|tsv); scoring is queued",
                "parameters": [{"name": "name", "in": "query", "required": False,
                                "schema": {"type": "string", "maxLength": 200}},
                               {"name": "format", "in": "query", "required": False,
                                "schema": {"type": "string", "enum": list(FORMATS)}}],
                "requestBody": {"required": True, "content": {"application/jsonl": {"schema": {"type": "string"}}}},
                "responses": {**_ok(202, {"$ref": "#/components/schemas/Submitted"}, "Accepted and queued"),
                              **_errors(400, 401, 403, 413)}}},
            "/api/v1/glossary": {
                "post": {
                    "summary": "Import glossary terms (CSV source,target[,note] by default, or ?format=tbx); "
                               "?replace=true makes the file the whole glossary",
                    "parameters": [{"name": "format", "in": "query", "required": False,
                                    "schema": {"type": "string", "enum": ["csv", "tbx"]}},
                                   {"name": "replace", "in": "query", "required": False,
                                    "schema": {"type": "string", "enum": ["true", "false"]}}],
                    "requestBody": {"required": True, "content": {"text/plain": {"schema": {"type": "string"}}}},
                    "responses": {**_ok(200, {"type": "object", "required": ["added", "changed", "unchanged"],
                                              "properties": {"added": {"type": "integer"},
                                                             "changed": {"type": "integer"},
                                                             "unchanged": {"type": "integer"}}}, "Imported"),
                                  **_errors(400, 401, 403, 413)}},
                "get": {
                    "summary": "The newsroom's glossary: Spanish terms and the English they require",
                    "responses": {**_ok(200, {"type": "object", "required": ["terms"], "properties": {"terms": {
                        "type": "array", "items": {"type": "object", "properties": {
                            "source": text, "target": text, "note": text}}}}}, "The glossary"),
                                  **_errors(401)}}},
            "/api/v1/batches/{batch_id}": {"get": {
                "summary": "Scoring progress of a batch", "parameters": [_id("batch_id")],
                "responses": {**_ok(200, {"$ref": "#/components/schemas/Progress"}, "Progress"),
                              **_errors(401, 404)}}},
            "/api/v1/batches/{batch_id}/report": {"get": {
                "summary": "The `review check --format json` report of the batch", "parameters": [_id("batch_id")],
                "responses": {**_ok(200, {"$ref": "#/components/schemas/Report"}, "The report"),
                              **_errors(401, 404, 409)}}},
            "/api/v1/documents/{document_id}": {"get": {
                "summary": "A document with its current English, scores and flags",
                "parameters": [_id("document_id")],
                "responses": {**_ok(200, DOCUMENT, "The document"), **_errors(401, 404)}}},
            "/api/v1/documents/{document_id}/claim": _action("Claim the item (translators)",
                                                             _ok(200, DOCUMENT, "Claimed")),
            "/api/v1/documents/{document_id}/revisions": _action(
                "Save a fix as a new revision; re-scoring is queued",
                _ok(201, {"type": "object", "required": ["revision", "hter"],
                          "properties": {"revision": {"type": "integer"}, "hter": {"type": "number"}}}, "Saved"),
                _json("headline", "body", "base_revision", headline=text, body=text,
                      base_revision={"type": "integer"}, note=text)),
            "/api/v1/documents/{document_id}/approve": _action("Approve (translators)", _ok(200, DOCUMENT, "Approved")),
            "/api/v1/documents/{document_id}/sign-off": _action("Sign off (editors)", _ok(200, DOCUMENT, "Signed off")),
            "/api/v1/documents/{document_id}/return": _action("Return to the translator (editors)",
                                                              _ok(200, DOCUMENT, "Returned"),
                                                              _json("comment", comment=text)),
            "/api/v1/flags/{flag_id}/{decision}": {"post": {
                "summary": "Dismiss (translators) or override (editors) a flag as a false alarm",
                "parameters": [_id("flag_id"), {"name": "decision", "in": "path", "required": True,
                                                "schema": {"type": "string", "enum": ["dismiss", "override"]}}],
                "requestBody": _json("reason", reason=text),
                "responses": {**_ok(200, {"type": "object"}, "Resolved"), **_errors(400, 401, 403, 404, 409)}}},
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {"type": "object", "required": ["error", "status"],
                          "properties": {"error": text, "status": {"type": "integer"},
                                         "errors": {"type": "array", "items": {"type": "object"}}}},
                "Submitted": {"type": "object", "required": ["id", "name", "created", "skipped"],
                              "properties": {"id": {"type": "integer"}, "name": text,
                                             "created": {"type": "integer"}, "updated": {"type": "integer"},
                                             "skipped": {"type": "integer"},
                                             "status_url": text, "report_url": text}},
                "Progress": {"type": "object", "required": ["id", "status", "done", "total"],
                             "properties": {"id": {"type": "integer"}, "name": text,
                                            "status": {"enum": ["queued", "running", "done", "failed"]},
                                            "done": {"type": "integer"}, "failed": {"type": "integer"},
                                            "total": {"type": "integer"}}},
                "Report": {"type": "object", "required": ["summary", "documents"],
                           "properties": {"summary": {"type": "object"},
                                          "documents": {"type": "array", "items": {"type": "object"}}}},
                "Document": {"type": "object",
                             "required": ["id", "external_id", "status", "revision", "source", "target", "flags"],
                             "properties": {
                                 "id": {"type": "integer"}, "external_id": text, "batch_id": {"type": "integer"},
                                 "status": text, "revision": {"type": "integer"}, "scored": {"type": "boolean"},
                                 "assignee": {"type": ["string", "null"]},
                                 "source": {"type": "object"}, "target": {"type": "object"},
                                 "reference": {"type": ["object", "null"]}, "scores": {"type": "object"},
                                 "flags": {"type": "array", "items": {"type": "object", "properties": {
                                     "id": {"type": "integer"}, "code": text, "severity": text,
                                     "source_span": SPAN, "target_span": SPAN, "message": text, "rule": text,
                                     "status": text}}}}},
            },
        },
    }
