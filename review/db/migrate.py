"""Alembic, driven from code: `review db upgrade` and the tests call these instead of an alembic.ini."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, make_url
from sqlalchemy.exc import SQLAlchemyError

from alembic import command
from alembic.runtime.migration import MigrationContext
from alembic.config import Config
from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)


def heads(database_url: str = "sqlite://") -> list[str]:
    return list(ScriptDirectory.from_config(alembic_config(database_url)).get_heads())


def schema_problem(database_url: str) -> str | None:
    """Why the database cannot be used as it is (missing, not migrated, behind or ahead of this code), in a
    sentence; None when it is at the latest revision. A missing SQLite file is not created."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:") \
            and not Path(url.database).exists():  # type: ignore[arg-type]
        return f"there is no database at {url.database}"
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            current = set(MigrationContext.configure(connection).get_current_heads())
    except SQLAlchemyError as error:
        return f"cannot open the database {url.render_as_string(hide_password=True)}: {str(error.orig or error).strip().splitlines()[0]}"
    finally:
        engine.dispose()
    latest = set(heads(database_url))
    if not current:
        return f"the database {url.render_as_string(hide_password=True)} is not migrated"
    if current != latest:
        return (f"the database {url.render_as_string(hide_password=True)} is at revision {', '.join(sorted(current))}, "
                f"this code needs {', '.join(sorted(latest))}")
    return None
