"""Storage: SQLAlchemy 2 typed tables, engine/session set-up and Alembic migrations."""
