"""Log-in and log-out with Flask-Login, and the role guard the other views use.

The session cookie carries a server-side session's secret (review.services.login_sessions), not the user id:
a session ends on the server at log-out, and with a password or role change or a disabled user, whoever
holds a copy of the cookie. Log-in rotates the CSRF token.
"""
from __future__ import annotations

from functools import wraps
from typing import Callable, TypeVar
from urllib.parse import urlsplit

from flask import Blueprint, Flask, abort, flash, g, redirect, render_template, request, session, url_for
from flask_login import LoginManager, UserMixin, current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from review.db.models import User
from review.db.session import unit_of_work
from review.services.login_sessions import end_session, start_session, user_for_session
from review.services.users import authenticate
from review.web.context import db, sessions

blueprint = Blueprint("auth", __name__)
login_manager = LoginManager()
login_manager.login_view = "auth.login"
F = TypeVar("F", bound=Callable[..., object])


class SessionUser(UserMixin):
    """The logged-in user as Flask-Login sees it: a detached snapshot, never an ORM row, with the secret
    of its server-side session (what the cookie holds)."""

    def __init__(self, user: User, session_secret: str) -> None:
        self.id = user.id
        self.name = user.name
        self.role = user.role
        self.session_secret = session_secret

    def get_id(self) -> str:
        return self.session_secret


class LoginForm(FlaskForm):
    name = StringField("User name", validators=[DataRequired(), Length(max=80)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=200)])


def init_app(app: Flask) -> None:
    login_manager.init_app(app)


@login_manager.user_loader
def _load_user(session_secret: str) -> SessionUser | None:
    user = user_for_session(db(), session_secret)
    return SessionUser(user, session_secret) if user else None


def roles_required(*roles: str) -> Callable[[F], F]:
    """Log-in required, and the user's role must be one of `roles` (403 otherwise)."""

    def decorate(view: F) -> F:
        @wraps(view)
        @login_required
        def guarded(*args: object, **kwargs: object) -> object:
            if current_user.role not in roles:
                abort(403, f"this page is for {', '.join(roles)} users")
            return view(*args, **kwargs)

        return guarded  # type: ignore[return-value]

    return decorate


@blueprint.route("/login", methods=["GET", "POST"])
def login() -> str | Response:
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(db(), form.name.data or "", form.password.data or "")
        if user is not None:
            with unit_of_work(sessions()) as unit:
                secret = start_session(unit, user)
            session.pop("csrf_token", None)  # a token seen before log-in is worth nothing after it
            g.pop("csrf_token", None)
            login_user(SessionUser(user, secret))
            return redirect(_safe_next(request.args.get("next")))
        flash("Unknown user name or wrong password.", "error")
    return render_template("login.html", form=form)


@blueprint.route("/logout", methods=["POST"])
def logout() -> Response:
    if current_user.is_authenticated:
        with unit_of_work(sessions()) as unit:
            end_session(unit, current_user.session_secret)
    logout_user()
    return redirect(url_for("auth.login"))


def _safe_next(target: str | None) -> str:
    """Only redirect to a path on this site after log-in."""
    if target and target.startswith("/") and not urlsplit(target).netloc and not target.startswith("//"):
        return target
    return url_for("batches.listing")
