"""One home: the CLI, `make run` and the README name the same REVIEW_HOME; a command on a database that is not
migrated says so in one line (real `review` processes, run from the repository root as the README shows)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from review.db.migrate import upgrade

REPO = Path(__file__).resolve().parents[2]


def review(args: list[str], home: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("REVIEW_")}, "REVIEW_HOME": str(home), **extra}
    return subprocess.run([sys.executable, "-m", "review", *args], env=env, cwd=REPO, capture_output=True, text=True,
                          timeout=120)


def test_a_fresh_home_gets_one_line_saying_what_to_do_and_no_database(tmp_path: Path) -> None:
    home = tmp_path / "home"
    glossary = tmp_path / "house.csv"
    glossary.write_text("Xunta,Galician government\n", encoding="utf-8")
    for args in (["token", "create", "admin"], ["user", "add", "ana", "--role", "admin", "--password", "long enough"],
                 ["token", "list"], ["export"], ["glossary", "list"], ["glossary", "import", str(glossary)],
                 ["rescore"]):
        result = review(args, home)
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
        assert f"there is no database at {home / 'review.sqlite'}" in result.stderr
        assert "review db upgrade" in result.stderr and f"REVIEW_HOME={home}" in result.stderr
        assert not (home / "review.sqlite").exists()
    assert review(["db", "upgrade"], home).returncode == 0
    added = review(["user", "add", "ana", "--role", "admin", "--password", "long enough"], home)
    assert added.returncode == 0 and "user ana (admin) saved" in added.stdout
    assert review(["token", "create", "ana"], home).stdout.startswith("rvw_")


def test_an_older_schema_is_named_with_its_revision(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    upgrade(f"sqlite:///{home / 'review.sqlite'}", "0005")
    result = review(["token", "list"], home)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "is at revision 0005, this code needs" in result.stderr
    empty = tmp_path / "empty.sqlite"
    empty.touch()  # a database file with no schema at all
    result = review(["token", "list"], home, REVIEW_DATABASE_URL=f"sqlite:///{empty}")
    assert result.returncode == 2 and "is not migrated" in result.stderr and "Traceback" not in result.stderr


def test_make_run_leaves_the_home_to_the_same_default_as_the_cli() -> None:
    printed = subprocess.run(["make", "-s", "-p", "-n", "-f", "Makefile", "install"], cwd=REPO, capture_output=True,
                             text=True, env={k: v for k, v in os.environ.items() if k != "REVIEW_HOME"}, check=False)
    assert "REVIEW_HOME" not in "".join(line for line in printed.stdout.splitlines(keepends=True)
                                        if not line.startswith("#"))
