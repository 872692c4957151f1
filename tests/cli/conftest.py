"""The click runner for CLI tests, on embedded defaults under a temporary REVIEW_HOME."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    for name in ("REVIEW_DATABASE_URL", "REVIEW_BROKER_URL", "REVIEW_SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("REVIEW_HOME", str(tmp_path / "home"))
    return CliRunner()
