"""Log-in timing: does the time of a failed log-in tell whether the user name exists?

Posts wrong passwords to /login through the Flask test client (the app over a temporary SQLite database,
the log-in rate limit switched off so that every attempt reaches the password check), interleaving four
kinds of attempt in one run: an existing user, an unknown name, a disabled user, and, as the baseline of
how log-in worked before (no scrypt for an unknown name), an unknown name checked by a copy of the old
look-up. Prints the median of each in milliseconds, and the unknown-minus-existing difference and ratio
for the current log-in and for the baseline.

    .venv/bin/python bench/login_timing.py [--attempts 40]
"""
from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select
from werkzeug.security import check_password_hash

from review.db.migrate import upgrade
from review.db.models import User
from review.db.session import make_engine, make_session_factory, unit_of_work
from review.services.users import add_user, authenticate, disable_user
from review.web import auth as web_auth
from review.settings import Settings
from review.web import create_app

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def naive_authenticate(session, name: str, password: str):  # type: ignore[no-untyped-def]
    """The log-in check before this change: scrypt only when the name exists."""
    user = session.scalar(select(User).where(User.name == name.strip()))
    if user is None or not check_password_hash(user.password_hash, password):
        return None
    return user


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--attempts", type=int, default=40, help="attempts of each kind")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        settings = Settings.from_env({"REVIEW_HOME": home})
        upgrade(settings.database_url)
        with unit_of_work(make_session_factory(make_engine(settings.database_url))) as session:
            add_user(session, "existing", "translator", "the-right-password")
            disable_user(session, add_user(session, "disabled", "translator", "the-right-password"))
        app = create_app(settings)
        for limiter in app.extensions["limiter"]:
            limiter.enabled = False
        client = app.test_client()
        token = TOKEN.search(client.get("/login").get_data(as_text=True)).group(1)  # type: ignore[union-attr]

        def attempt(name: str) -> float:
            start = time.perf_counter()
            response = client.post("/login", data={"name": name, "password": "a-wrong-password", "csrf_token": token})
            elapsed = time.perf_counter() - start
            assert response.status_code == 200, response.status_code
            return elapsed * 1000

        def baseline(name: str) -> float:
            web_auth.authenticate = naive_authenticate  # the log-in view calls the old check for this attempt
            try:
                return attempt(name)
            finally:
                web_auth.authenticate = authenticate

        kinds: dict[str, Callable[[], float]] = {
            "existing user, wrong password": lambda: attempt("existing"),
            "unknown name": lambda: attempt("nobody-by-this-name"),
            "disabled user": lambda: attempt("disabled"),
            "unknown name, old log-in (baseline)": lambda: baseline("nobody-by-this-name"),
            "existing user, old log-in (baseline)": lambda: baseline("existing"),
        }
        for measure in kinds.values():  # warm up: templates, the dummy hash, the engine
            measure()
        times: dict[str, list[float]] = {kind: [] for kind in kinds}
        for _ in range(args.attempts):
            for kind, measure in kinds.items():
                times[kind].append(measure())
    medians = {kind: statistics.median(values) for kind, values in times.items()}
    for kind, median in medians.items():
        print(f"{kind:40s} median {median:7.1f} ms  (n={len(times[kind])})")
    for label, unknown, existing in (
            ("now", "unknown name", "existing user, wrong password"),
            ("baseline", "unknown name, old log-in (baseline)", "existing user, old log-in (baseline)")):
        difference = medians[existing] - medians[unknown]
        print(f"{label:9s} existing - unknown: {difference:+7.1f} ms, ratio {medians[existing] / medians[unknown]:.2f}")


if __name__ == "__main__":
    main()
