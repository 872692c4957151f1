"""Fixtures for tests that run real worker and server processes."""
from __future__ import annotations

import pytest

from tests.conftest import _empty_tables


@pytest.fixture
def pg_url(postgres_server_url: str) -> str:
    """The session's PostgreSQL database, emptied for this test."""
    _empty_tables(postgres_server_url)
    return postgres_server_url
