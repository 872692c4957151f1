"""Admin pages: user management (add, disable, enable, new password, new role). Every change that ends a
user's access ends their sessions on the server at once (review.services.users)."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from review.db.session import unit_of_work
from review.services.users import InvalidUser, add_user, change_password, change_role, disable_user, enable_user, \
    find_user, list_users
from review.web.auth import roles_required
from review.web.context import db, sessions

blueprint = Blueprint("admin", __name__, url_prefix="/admin")
ROLES = ["translator", "editor", "admin"]


class UserForm(FlaskForm):
    name = StringField("User name", validators=[DataRequired(), Length(max=80)])
    role = SelectField("Role", choices=ROLES)
    password = PasswordField("Password", validators=[DataRequired(), Length(min=8, max=200)])


@blueprint.route("/users", methods=["GET", "POST"])
@roles_required("admin")
def users() -> str | Response:
    form = UserForm()
    error = None
    if form.validate_on_submit():
        try:
            with unit_of_work(sessions()) as session:
                add_user(session, form.name.data or "", form.role.data or "", form.password.data or "")
        except InvalidUser as problem:
            error = str(problem)
        else:
            flash(f"User {form.name.data} added.", "info")
            return redirect(url_for("admin.users"))
    return render_template("users.html", users=list_users(db()), form=form, error=error, roles=ROLES), \
        (400 if error or form.errors else 200)


@blueprint.route("/users/<name>/<any(disable, enable, password, role):change>", methods=["POST"])
@roles_required("admin")
def change_user(name: str, change: str) -> Response:
    """One change to one user, from the forms on the users page (CSRF-checked like every form)."""
    if change == "disable" and name == current_user.name:
        abort(400, "you cannot disable yourself")
    try:
        with unit_of_work(sessions()) as session:
            user = find_user(session, name)
            if change == "disable":
                disable_user(session, user)
            elif change == "enable":
                enable_user(user)
            elif change == "password":
                change_password(session, user, request.form.get("password", ""),
                                keep_tokens=request.form.get("keep_tokens") == "on")
            else:
                change_role(session, user, request.form.get("role", ""))
    except InvalidUser as problem:
        abort(400, str(problem))
    flash(f"User {name}: {change} saved; their sessions ended." if change != "enable" else f"User {name} enabled.",
          "info")
    return redirect(url_for("admin.users"), code=303)
