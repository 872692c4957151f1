"""Shared fixtures: real SQLite and PostgreSQL databases, migrated with Alembic, and the Flask app.

PostgreSQL and Redis are the local servers. When one is down a test skips, unless CI=true, where it fails.
"""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from review.core.flags import rulebook
from review.db.migrate import upgrade
from review.db.models import Base
from review.db.session import make_engine, make_session_factory
from review.settings import Settings

POSTGRES_URL = os.environ.get("REVIEW_TEST_POSTGRES_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("REVIEW_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(autouse=True)
def built_in_rules() -> Iterator[None]:
    """The detectors' rule book is process-wide: a test that installs a newsroom's rules or a glossary (the CLI, the
    scoring service) leaves the next test the book it started with."""
    book = rulebook.active()
    yield
    rulebook.activate(book)


def require(service: str, error: Exception) -> None:
    """Skip on a developer machine without the service; fail in CI, where it must be there."""
    message = f"{service} is not reachable: {error}"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def postgres_server_url() -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for this test session, dropped afterwards."""
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    name = f"review_test_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # noqa: BLE001 - any connection failure means the server is unusable
        admin.dispose()
        require("PostgreSQL", error)
    url = make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    upgrade(url)
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def redis_url() -> str:
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.RedisError as error:
        require("Redis", error)
    return REDIS_URL


def _empty_tables(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as connection:
        names = ", ".join(table.name for table in Base.metadata.sorted_tables)
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated, empty database: a SQLite file, or the session's PostgreSQL database emptied."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'review.sqlite'}"
        upgrade(url)
        return url
    url = request.getfixturevalue("postgres_server_url")
    _empty_tables(url)
    return url


@pytest.fixture
def session(database_url: str) -> Iterator[Session]:
    engine = make_engine(database_url)
    with make_session_factory(engine)() as db_session:
        yield db_session
    engine.dispose()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Embedded defaults under a temporary REVIEW_HOME."""
    return Settings.from_env({"REVIEW_HOME": str(tmp_path / "home")})
