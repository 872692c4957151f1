"""API tokens: random secrets shown once, stored only as SHA-256 hashes, revocable."""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from review.db.models import ApiToken, User, utcnow
from review.services.errors import NotFound

PREFIX = "rvw_"


@dataclass(frozen=True)
class IssuedToken:
    id: int
    secret: str  # shown to the user once; only its hash is stored


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(session: Session, user_name: str, label: str = "") -> IssuedToken:
    user = session.scalar(select(User).where(User.name == user_name))
    if user is None:
        raise NotFound(f"user {user_name!r} does not exist")
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, token_hash=_digest(secret), label=label[:80])
    session.add(token)
    session.flush()
    return IssuedToken(token.id, secret)


def revoke_token(session: Session, token_id: int) -> None:
    token = session.get(ApiToken, token_id)
    if token is None:
        raise NotFound(f"token {token_id} does not exist")
    token.revoked_at = token.revoked_at or utcnow()


def revoke_user_tokens(session: Session, user_id: int) -> None:
    """Revoke every active token of the user (a disabled user, a changed password)."""
    session.execute(update(ApiToken).where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
                    .values(revoked_at=utcnow()))


def user_for_token(session: Session, secret: str) -> User | None:
    """The token's user, or None for an unknown or revoked token or a disabled user."""
    return session.scalar(
        select(User).join(ApiToken, ApiToken.user_id == User.id)
        .where(ApiToken.token_hash == _digest(secret), ApiToken.revoked_at.is_(None), User.disabled_at.is_(None))
    )


def list_tokens(session: Session) -> list[tuple[int, str, str, str]]:
    """(id, user, label, state) for every token."""
    rows = session.execute(select(ApiToken.id, User.name, ApiToken.label, ApiToken.revoked_at)
                           .join(User, User.id == ApiToken.user_id).order_by(ApiToken.id))
    return [(i, name, label, "revoked" if revoked else "active") for i, name, label, revoked in rows]
