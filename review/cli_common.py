"""What the `review` commands share: exit 2 for bad input, the settings, the database sessions (refused with one
line when the schema is not the latest), the cores to use, and reading a batch file of any format."""
from __future__ import annotations

import os
from pathlib import Path

import click

from review.settings import Settings


class BadInput(click.ClickException):
    exit_code = 2


def current_settings() -> Settings:
    """The settings from the environment, read once per command."""
    ctx = click.get_current_context()
    if "settings" not in ctx.obj:
        ctx.obj["settings"] = Settings.from_env()
    return ctx.obj["settings"]


def sessions():  # type: ignore[no-untyped-def]
    """The session factory of a database at the latest schema; else a one-line error saying what to do (exit 2)."""
    from review.db.migrate import schema_problem
    from review.db.session import make_engine, make_session_factory

    settings = current_settings()
    problem = schema_problem(settings.database_url)
    if problem:
        raise BadInput(f"{problem} (REVIEW_HOME={settings.home}): run `review db upgrade` with the same "
                       f"REVIEW_HOME and REVIEW_DATABASE_URL, or `make run`")
    return make_session_factory(make_engine(settings.database_url))


def cores() -> int:
    """CPUs this process may run on (its affinity mask where the OS has one)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def chain_sets() -> int:
    """Sets of warm Apertium chains for `review check` and `review align`: one per two cores. A set's processes run
    at once and keep about 1.5 cores busy, the English morphology and the relays the rest: on 2 cores a second set
    only added start-up and 0.6 s of CPU (100 dev articles: 5.84 s against 5.65 s wall, 10.7 s against 10.0 s of
    CPU, side by side). Each document goes through on its own, so the analyses are the same whatever the count."""
    return max(1, cores() // 2)


INPUT_FORMATS = ("jsonl", "xliff", "xliff2", "tmx", "csv", "tsv")  # review.core.formats.FORMATS, kept import-free


input_format_option = click.option(
    "--input-format", type=click.Choice(INPUT_FORMATS),
    help="Batch file format; by default from the extension (.jsonl .xlf/.xliff .tmx .csv .tsv).")


def batch_format(path: Path, given: str | None) -> str:
    from review.core.formats import format_of

    try:
        return given or format_of(path)
    except ValueError as error:
        raise BadInput(str(error)) from None


def read_batch(path: Path, given_format: str | None):  # type: ignore[no-untyped-def]
    """DocumentPairs from a batch file in any format; BadInput after listing every bad line on stderr."""
    from review.core.formats import read_pairs
    from review.core.formats.importing import BatchError

    try:
        return read_pairs(path.read_bytes(), batch_format(path, given_format))
    except BatchError as error:
        echo_batch_errors(error)
        raise BadInput(f"{len(error.errors)} error(s) in {path}") from None


def echo_batch_errors(error) -> None:  # type: ignore[no-untyped-def]
    for problem in error.errors:
        click.echo(f"line {problem.line}: {problem.field}: {problem.message}", err=True)
