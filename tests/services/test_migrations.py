"""Alembic: one head, and a clean upgrade yields exactly the tables the models declare, on both databases."""
from __future__ import annotations

from sqlalchemy import inspect

from review.db.migrate import heads
from review.db.models import Base
from review.db.session import make_engine


def test_migrations_have_a_single_head() -> None:
    assert len(heads()) == 1


def test_clean_upgrade_creates_every_model_table(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        tables = set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    assert {table.name for table in Base.metadata.sorted_tables} <= tables
    assert "alembic_version" in tables


EXPRESSION_INDEXES = {"ix_documents_priority"}  # descending columns: Alembic cannot compare them, so we check by name


def test_models_and_migrations_agree(database_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    def comparable(obj: object, name: str | None, type_: str, *_: object) -> bool:
        return not (type_ == "index" and name in EXPRESSION_INDEXES)

    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"include_object": comparable})
            differences = compare_metadata(context, Base.metadata)
        indexes = {index["name"] for index in inspect(engine).get_indexes("documents")}
    finally:
        engine.dispose()
    assert differences == []
    assert EXPRESSION_INDEXES <= indexes
