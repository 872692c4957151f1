"""User accounts on SQLite and PostgreSQL: hashed passwords, roles, updates."""
from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from review.services.users import InvalidUser, add_user, authenticate


def test_password_is_hashed_and_checked(session: Session) -> None:
    with session.begin():
        user = add_user(session, "ana", "translator", "correct horse")
    assert user.password_hash.startswith("scrypt:") and "correct horse" not in user.password_hash
    assert authenticate(session, "ana", "correct horse") is not None
    assert authenticate(session, "ana", "wrong password") is None
    assert authenticate(session, "nobody", "correct horse") is None


@pytest.mark.parametrize("name, role, password", [("", "editor", "long enough"), ("bo", "boss", "long enough"),
                                                  ("bo", "editor", "short")])
def test_bad_users_are_refused(session: Session, name: str, role: str, password: str) -> None:
    with pytest.raises(InvalidUser):
        add_user(session, name, role, password)


def test_existing_user_is_refused_unless_updating(session: Session) -> None:
    with session.begin():
        add_user(session, "ana", "translator", "first password")
    with pytest.raises(InvalidUser):
        add_user(session, "ana", "editor", "second password")
    session.rollback()
    with session.begin():
        assert add_user(session, "ana", "editor", "second password", update=True).role == "editor"
    assert authenticate(session, "ana", "second password") is not None


def test_an_unknown_or_disabled_name_costs_the_same_scrypt_as_a_real_one(session: Session) -> None:
    """The dummy hash checked for an unknown name has the parameters (hence the cost) of a stored one; the
    time itself is measured by bench/login_timing.py."""
    from review.services import users

    with session.begin():
        stored = add_user(session, "ana", "translator", "correct horse").password_hash
        users.disable_user(session, add_user(session, "off", "editor", "correct horse"))
    assert users._dummy_hash().split("$")[0] == stored.split("$")[0]  # "scrypt:32768:8:1": method and cost
    assert authenticate(session, "off", "correct horse") is None  # disabled: the right password is not enough
