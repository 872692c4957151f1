"""Unit-test helpers: the real Apertium translator for tests marked `apertium`."""
from __future__ import annotations

import os
import shutil

import pytest

from review.core.text.translate import ApertiumTranslator


@pytest.fixture(scope="session")
def apertium() -> ApertiumTranslator:
    """The spa-eng translator; skips without Apertium, except in CI (CI=true), where it fails."""
    if shutil.which("apertium") is None:
        message = "apertium is not installed (apt-get install apertium-eng-spa)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return ApertiumTranslator()
