"""Guard: importing every module of review.core pulls in no Flask, Celery or SQLAlchemy."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import review.core

FORBIDDEN = ("flask", "celery", "sqlalchemy")
SCRIPT = """
import importlib, json, pkgutil, sys
import review.core
names = [m.name for m in pkgutil.walk_packages(review.core.__path__, "review.core.")]
for name in names:
    importlib.import_module(name)
print(json.dumps({"modules": names, "loaded": sorted(m.split(".")[0] for m in sys.modules)}))
"""


def test_core_imports_no_framework() -> None:
    root = Path(review.core.__file__).resolve().parents[2]
    completed = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, cwd=root, check=True)
    result = json.loads(completed.stdout)
    assert "review.core.pipeline" in result["modules"] and "review.core.flags.quotes" in result["modules"]
    assert not set(FORBIDDEN) & set(result["loaded"])
