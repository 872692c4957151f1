"""Log-in and log-out with Flask-Login, and the role guard the other views use."""
from __future__ import annotations

from functools import wraps
from typing import Callable, TypeVar
from urllib.parse import urlsplit

from flask import Blueprint, Flask, abort, flash, redirect, render_template, request, url_for
from flask_login import LoginManager, UserMixin, current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from review.db.models import User
from review.services.users import authenticate
from review.web.context import db

blueprint = Blueprint("auth", __name__)
login_manager = LoginManager()
login_manager.login_view = "auth.login"
F = TypeVar("F", bound=Callable[..., object])


class SessionUser(UserMixin):
    """The logged-in user as Flask-Login sees it: a detached snapshot, never an ORM row."""

    def __init__(self, user: User) -> None:
        self.id = user.id
        self.name = user.name
        self.role = user.role

    def get_id(self) -> str:
        return str(self.id)


class LoginForm(FlaskForm):
    name = StringField("User name", validators=[DataRequired(), Length(max=80)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=200)])


def init_app(app: Flask) -> None:
    login_manager.init_app(app)


@login_manager.user_loader
def _load_user(user_id: str) -> SessionUser | None:
    user = db().get(User, int(user_id)) if user_id.isdigit() else None
    return SessionUser(user) if user else None


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
            login_user(SessionUser(user))
            return redirect(_safe_next(request.args.get("next")))
        flash("Unknown user name or wrong password.", "error")
    return render_template("login.html", form=form)


@blueprint.route("/logout", methods=["POST"])
def logout() -> Response:
    logout_user()
    return redirect(url_for("auth.login"))


def _safe_next(target: str | None) -> str:
    """Only redirect to a path on this site after log-in."""
    if target and target.startswith("/") and not urlsplit(target).netloc and not target.startswith("//"):
        return target
    return url_for("batches.listing")
