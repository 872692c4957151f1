"""User accounts: creation, password checks (scrypt via werkzeug) and look-ups."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from review.core.workflow import Role
from review.db.models import User

MIN_PASSWORD_LENGTH = 8


class InvalidUser(ValueError):
    """A bad user name, role or password."""


def add_user(session: Session, name: str, role: str, password: str, *, update: bool = False) -> User:
    """Create a user; with update=True an existing user gets the new role and password instead of an error."""
    name = name.strip()
    if not name or len(name) > 80:
        raise InvalidUser("the user name must have 1 to 80 characters")
    try:
        role_value = Role(role).value
    except ValueError:
        raise InvalidUser(f"unknown role {role!r}: use translator, editor or admin") from None
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidUser(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    user = session.scalar(select(User).where(User.name == name))
    if user is not None and not update:
        raise InvalidUser(f"user {name!r} exists already")
    if user is None:
        user = User(name=name)
        session.add(user)
    user.role = role_value
    user.password_hash = generate_password_hash(password)
    session.flush()
    return user


def authenticate(session: Session, name: str, password: str) -> User | None:
    user = session.scalar(select(User).where(User.name == name.strip()))
    if user is None or not check_password_hash(user.password_hash, password):
        return None
    return user
