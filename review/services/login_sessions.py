"""Server-side log-in sessions: the browser's cookie carries a random secret, the database its SHA-256 hash.

A session exists while its row does, so log-out ends it for every copy of the cookie, and a password
change, a role change or disabling the user ends all of that user's sessions at once. Sessions also
end SESSION_LIFETIME after log-in; expired rows are pruned at each log-in.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from review.db.models import LoginSession, User, utcnow

SESSION_LIFETIME = timedelta(days=7)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def start_session(session: Session, user: User, now: datetime | None = None) -> str:
    """A new session for `user`; returns the secret the cookie will carry (never stored)."""
    now = now or utcnow()
    session.execute(delete(LoginSession).where(LoginSession.expires_at < now))
    secret = secrets.token_urlsafe(32)
    session.add(LoginSession(user_id=user.id, secret_hash=_digest(secret), created_at=now,
                             expires_at=now + SESSION_LIFETIME))
    session.flush()
    return secret


def user_for_session(session: Session, secret: str, now: datetime | None = None) -> User | None:
    """The session's user, or None when the session was ended, has expired or its user is disabled."""
    return session.scalar(
        select(User).join(LoginSession, LoginSession.user_id == User.id)
        .where(LoginSession.secret_hash == _digest(secret), LoginSession.expires_at >= (now or utcnow()),
               User.disabled_at.is_(None))
    )


def end_session(session: Session, secret: str) -> None:
    session.execute(delete(LoginSession).where(LoginSession.secret_hash == _digest(secret)))


def end_user_sessions(session: Session, user_id: int) -> None:
    """Log the user out everywhere."""
    session.execute(delete(LoginSession).where(LoginSession.user_id == user_id))
