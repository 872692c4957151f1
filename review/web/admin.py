"""Admin pages: user management."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.wrappers import Response
from wtforms import PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from review.db.models import User
from review.db.session import unit_of_work
from review.services.users import InvalidUser, add_user
from review.web.auth import roles_required
from review.web.context import db, sessions

blueprint = Blueprint("admin", __name__, url_prefix="/admin")


class UserForm(FlaskForm):
    name = StringField("User name", validators=[DataRequired(), Length(max=80)])
    role = SelectField("Role", choices=["translator", "editor", "admin"])
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
    listing = db().scalars(select(User).order_by(User.name)).all()
    return render_template("users.html", users=listing, form=form, error=error), (400 if error or form.errors else 200)
