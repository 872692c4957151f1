"""Request hygiene: text that no database can store is refused with a 400 before any view runs.

PostgreSQL refuses NUL in text and UTF-8 cannot encode a lone surrogate (which only a JSON escape can
produce), so a comment, batch name, user name or JSON edit holding one would otherwise fail at the
database as a 500. JSON nested too deeply for the parser is refused the same way. Uploaded files are
checked by the importers, which name the line.
"""
from __future__ import annotations

import re
from typing import Any

from flask import Flask, abort, request

UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def init_app(app: Flask) -> None:
    app.before_request(_refuse_unstorable_text)


def _refuse_unstorable_text() -> None:
    texts: list[Any] = [*request.args.keys(), *request.args.values()]
    if request.blueprint != "api":  # the API reads raw bodies (batches) and JSON, never forms
        texts += [*request.form.keys(), *request.form.values()]
    if request.is_json:
        try:
            texts.append(request.get_json(silent=True))
        except RecursionError:
            abort(400, "the JSON body is nested too deeply")
    if any(_unstorable(value) for value in texts):
        abort(400, "the request holds a NUL character or a lone surrogate, which cannot be stored")


def _unstorable(value: Any) -> bool:
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str) and UNSTORABLE.search(item):
            return True
        if isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False
