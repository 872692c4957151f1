"""What every page's navigation shows a translator: how many items editors have returned to them."""
from __future__ import annotations

from flask import Flask
from flask_login import current_user

from review.services.queue import returned_count
from review.web.context import db


def init_app(app: Flask) -> None:
    app.context_processor(_inbox)


def _inbox() -> dict[str, int]:
    if not getattr(current_user, "is_authenticated", False) or current_user.role not in ("translator", "admin"):
        return {"returned_to_me": 0}
    return {"returned_to_me": returned_count(db(), current_user.id)}
