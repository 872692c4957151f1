"""User accounts: creation, password and role changes, disabling, and password checks (scrypt via werkzeug).

Whatever changes who a user is or what they may do ends their sessions: a new password (which also
revokes their API tokens unless the caller keeps them), a new role, disabling. Checking a password costs
one scrypt whether or not the name exists, so the time of a failed log-in does not tell which names do.
"""
from __future__ import annotations

from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from review.core.workflow import Role
from review.db.models import User, utcnow
from review.services.errors import NotFound
from review.services.login_sessions import end_user_sessions
from review.services.tokens import revoke_user_tokens

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 200


class InvalidUser(ValueError):
    """A bad user name, role or password, or a change that is not allowed."""


def add_user(session: Session, name: str, role: str, password: str, *, update: bool = False) -> User:
    """Create a user; with update=True an existing user gets the new role and password instead of an error
    (ending their sessions, and revoking their tokens, only when the role or password actually changes)."""
    name = name.strip()
    if not name or len(name) > 80:
        raise InvalidUser("the user name must have 1 to 80 characters")
    role_value = _role(role)
    _check_password(password)
    user = session.scalar(select(User).where(User.name == name))
    if user is not None and not update:
        raise InvalidUser(f"user {name!r} exists already")
    if user is None:
        user = User(name=name, role=role_value, password_hash=generate_password_hash(password))
        session.add(user)
        session.flush()
        return user
    if user.role != role_value:
        change_role(session, user, role_value)
    if not check_password_hash(user.password_hash, password):
        change_password(session, user, password)
    session.flush()
    return user


def find_user(session: Session, name: str) -> User:
    user = session.scalar(select(User).where(User.name == name.strip()))
    if user is None:
        raise NotFound(f"user {name!r} does not exist")
    return user


def change_password(session: Session, user: User, password: str, *, keep_tokens: bool = False) -> None:
    """Set a new password, end the user's sessions and, unless keep_tokens, revoke their API tokens."""
    _check_password(password)
    user.password_hash = generate_password_hash(password)
    end_user_sessions(session, user.id)
    if not keep_tokens:
        revoke_user_tokens(session, user.id)


def change_role(session: Session, user: User, role: str) -> None:
    """A new role; the user's sessions end (their tokens carry the new role from now on)."""
    user.role = _role(role)
    end_user_sessions(session, user.id)


def disable_user(session: Session, user: User) -> None:
    """No more log-ins: every session ends and every API token is revoked (enabling does not restore them)."""
    user.disabled_at = user.disabled_at or utcnow()
    end_user_sessions(session, user.id)
    revoke_user_tokens(session, user.id)


def enable_user(user: User) -> None:
    user.disabled_at = None


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.name)))


def authenticate(session: Session, name: str, password: str) -> User | None:
    """The user when the name exists, is enabled and the password matches; one scrypt check in every case."""
    user = session.scalar(select(User).where(User.name == name.strip()))
    matches = check_password_hash(user.password_hash if user is not None else _dummy_hash(), password)
    if user is None or not matches or user.disabled_at is not None:
        return None
    return user


@cache
def _dummy_hash() -> str:
    """A scrypt hash with the same cost as real ones, checked for unknown names (it matches no password sent)."""
    return generate_password_hash("no user has this password: it only makes an unknown name cost a scrypt")


def _role(role: str) -> str:
    try:
        return Role(role).value
    except ValueError:
        raise InvalidUser(f"unknown role {role!r}: use translator, editor or admin") from None


def _check_password(password: str) -> None:
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        raise InvalidUser(f"the password must have {MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} characters")
