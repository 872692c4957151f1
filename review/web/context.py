"""Per-request access to the database session, the settings, the Celery app and the acting user."""
from __future__ import annotations

from celery import Celery
from flask import current_app, g
from flask_login import current_user
from sqlalchemy.orm import Session, sessionmaker

from review.db.models import User
from review.settings import Settings


def db() -> Session:
    """The request's session (one per request, closed at teardown)."""
    if "db" not in g:
        g.db = current_app.extensions["review.sessions"]()
    return g.db


def sessions() -> sessionmaker[Session]:
    """For a view that writes: open its own unit of work with this factory."""
    return current_app.extensions["review.sessions"]


def acting_user(session: Session) -> User:
    """The logged-in user as a row of `session`."""
    user = session.get(User, current_user.id)
    assert user is not None
    return user


def settings() -> Settings:
    return current_app.extensions["review.settings"]


def celery() -> Celery:
    """Built on first use, so a page that never enqueues never connects to the broker."""
    if "review.celery" not in current_app.extensions:
        from workers.celery_app import create_celery

        current_app.extensions["review.celery"] = create_celery(settings())
    return current_app.extensions["review.celery"]
