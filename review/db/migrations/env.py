"""Alembic environment: migrates the database named in the Config built by review.db.migrate."""
from __future__ import annotations

from alembic import context
from review.db.models import Base
from review.db.session import make_engine

config = context.config
url = config.get_main_option("sqlalchemy.url")
engine = make_engine(url)

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
engine.dispose()
