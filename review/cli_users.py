"""`review user`: add, list, passwd, disable, enable. Every change that ends a user's access acts at once:
their sessions end on the server, and disabling (or a new password, unless --keep-tokens) revokes their
API tokens. Exit 2 on a bad name, role or password."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:  # SQLAlchemy loads only when a command runs (about 0.3 s of every `review` start-up)
    from sqlalchemy.orm import Session

ROLES = click.Choice(["translator", "editor", "admin"])


@click.group()
def user() -> None:
    """User accounts."""


@contextmanager
def _account_change() -> Iterator[Session]:
    """A unit of work whose domain errors (unknown user, bad password or role) exit with status 2."""
    from review.cli_common import BadInput, sessions
    from review.db.session import unit_of_work
    from review.services.errors import NotFound
    from review.services.users import InvalidUser

    try:
        with unit_of_work(sessions()) as session:
            yield session
    except (InvalidUser, NotFound) as error:
        raise BadInput(str(error)) from None


@user.command("add")
@click.argument("name")
@click.option("--role", type=ROLES, required=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--update", is_flag=True, help="Change role and password if the user exists (ends their sessions).")
def user_add(name: str, role: str, password: str, update: bool) -> None:
    """Create a user (passwords are stored as scrypt hashes)."""
    from review.services.users import add_user

    with _account_change() as session:
        add_user(session, name, role, password, update=update)
    click.echo(f"user {name} ({role}) saved")


@user.command("list")
def user_list() -> None:
    """Name, role and state (active or disabled) of every user, tab-separated."""
    from review.cli_common import sessions
    from review.services.users import list_users

    with sessions()() as session:
        for account in list_users(session):
            click.echo(f"{account.name}\t{account.role}\t{'disabled' if account.disabled_at else 'active'}")


@user.command("passwd")
@click.argument("name")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--keep-tokens", is_flag=True, help="Leave the user's API tokens working.")
def user_passwd(name: str, password: str, keep_tokens: bool) -> None:
    """Set a new password: the user's sessions end, and their API tokens are revoked unless --keep-tokens."""
    from review.services.users import change_password, find_user

    with _account_change() as session:
        change_password(session, find_user(session, name), password, keep_tokens=keep_tokens)
    click.echo(f"password of {name} changed; sessions ended" + ("" if keep_tokens else ", tokens revoked"))


@user.command("disable")
@click.argument("name")
def user_disable(name: str) -> None:
    """Refuse the user's log-ins, end their sessions and revoke their API tokens."""
    from review.services.users import disable_user, find_user

    with _account_change() as session:
        disable_user(session, find_user(session, name))
    click.echo(f"user {name} disabled: sessions ended, API tokens revoked")


@user.command("enable")
@click.argument("name")
def user_enable(name: str) -> None:
    """Allow the user to log in again (tokens revoked when they were disabled stay revoked)."""
    from review.services.users import enable_user, find_user

    with _account_change() as session:
        enable_user(find_user(session, name))
    click.echo(f"user {name} enabled")
