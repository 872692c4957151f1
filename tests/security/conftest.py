"""Security tests use the web tests' fixtures: the app over a migrated SQLite database, log-ins, tokens."""
from tests.web.conftest import app, login, scored_seed, tokens  # noqa: F401 - fixtures, found by name

__all__ = ["app", "login", "scored_seed", "tokens"]
