"""The `review` command: a click group of thin calls into services and the core.

Exit codes: 0 ok, 1 gate failed, 2 bad input.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from importlib import resources
from pathlib import Path

import click

from review.settings import Settings

DEMO_USERS = (("translator", "translator", "translator-demo"), ("editor", "editor", "editor-demo"),
              ("admin", "admin", "admin-demo"))


class BadInput(click.ClickException):
    exit_code = 2


@click.group()
@click.pass_context
def main(ctx: click.Context) -> None:
    """Translation-quality review for Spanish news and their English renderings."""
    ctx.ensure_object(dict)


def _settings() -> Settings:
    ctx = click.get_current_context()
    if "settings" not in ctx.obj:
        ctx.obj["settings"] = Settings.from_env()
    return ctx.obj["settings"]


def _sessions():  # type: ignore[no-untyped-def]
    from review.db.session import make_engine, make_session_factory

    return make_session_factory(make_engine(_settings().database_url))


@main.group()
def db() -> None:
    """Database schema commands."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Apply every Alembic migration to REVIEW_DATABASE_URL."""
    from review.db.migrate import upgrade

    upgrade(_settings().database_url)
    click.echo("database is at the latest schema")


@main.group()
def user() -> None:
    """User accounts."""


@user.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["translator", "editor", "admin"]), required=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--update", is_flag=True, help="Change role and password if the user exists.")
def user_add(name: str, role: str, password: str, update: bool) -> None:
    """Create a user (passwords are stored as scrypt hashes)."""
    from review.db.session import unit_of_work
    from review.services.users import InvalidUser, add_user

    try:
        with unit_of_work(_sessions()) as session:
            add_user(session, name, role, password, update=update)
    except InvalidUser as error:
        raise BadInput(str(error)) from None
    click.echo(f"user {name} ({role}) saved")


@main.command("import")
@click.argument("batch_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--batch-name", help="Defaults to the file name without its extension.")
def import_command(batch_file: Path, batch_name: str | None) -> None:
    """Import a batch JSONL file and queue its documents for scoring. Nothing is imported if any line is bad."""
    _import_and_enqueue(batch_file.read_bytes(), batch_name or batch_file.stem)


def _import_and_enqueue(data: bytes, batch_name: str) -> None:
    from review.core.importing import BatchError
    from review.db.session import unit_of_work
    from review.services.importing import import_batch
    from workers.celery_app import create_celery, enqueue_scoring

    try:
        with unit_of_work(_sessions()) as session:
            result = import_batch(session, data, batch_name)
    except BatchError as error:
        for problem in error.errors:
            click.echo(f"line {problem.line}: {problem.field}: {problem.message}", err=True)
        raise BadInput(f"{len(error.errors)} error(s); nothing was imported") from None
    enqueue_scoring(create_celery(_settings()), result.created_ids)
    click.echo(f"batch {batch_name!r} (id {result.batch_id}): {len(result.created_ids)} new documents queued, "
               f"{len(result.skipped_external_ids)} already imported")


@main.command()
@click.argument("batch_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--gate", "gate_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="TOML file with the gate's thresholds.")
@click.option("--format", "output_format", type=click.Choice(["json", "text"]), default="text", show_default=True)
def check(batch_file: Path, gate_file: Path | None, output_format: str) -> None:
    """Score a batch in-process (no database, no broker) and apply the gate. Exit 0 passed, 1 failed, 2 bad input."""
    from review.core.gate import Gate
    from review.core.importing import BatchError, parse_batch
    from review.core.pipeline import analyse
    from review.core.report import batch_report
    from review.core.translate import ApertiumTranslator, TranslationError

    try:
        pairs = parse_batch(batch_file.read_bytes())
        gate = Gate.from_toml(gate_file.read_text(encoding="utf-8")) if gate_file else Gate()
    except BatchError as error:
        for problem in error.errors:
            click.echo(f"line {problem.line}: {problem.field}: {problem.message}", err=True)
        raise BadInput(f"{len(error.errors)} error(s) in {batch_file}") from None
    except ValueError as error:
        raise BadInput(f"bad gate file {gate_file}: {error}") from None
    click.echo(f"scoring {len(pairs)} documents...", err=True)
    try:
        report = batch_report(analyse(pairs, ApertiumTranslator()), gate)
    except TranslationError as error:
        raise click.ClickException(str(error)) from None
    if output_format == "json":
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        _print_text_report(report)
    sys.exit(0 if report["summary"]["gate"]["passed"] else 1)


def _print_text_report(report: dict) -> None:  # type: ignore[type-arg]
    for document in report["documents"]:
        click.echo(f"{document['id']}: chrF {document['scores']['chrF']:.1f}, {len(document['flags'])} flag(s)")
        for flag in document["flags"]:
            click.echo(f"  [{flag['severity']}] {flag['code']} ({flag['field']}): {flag['message']}")
    gate = report["summary"]["gate"]
    click.echo("gate passed" if gate["passed"] else "gate FAILED: " + "; ".join(gate["reasons"]))


@main.command("align")
@click.argument("source_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("target_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--presegmented", is_flag=True, help="One sentence per line in each file (else raw text is split).")
@click.option("--json", "as_json", is_flag=True, help='Print {"links": [{"src": [...], "tgt": [...], "score": ...}]}.')
@click.option("--mt", "mt_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Translation of SOURCE_FILE into the target language, one line per source line; "
                   "Apertium is not called, so any language pair works.")
@click.option("--source-lang", default="es", show_default=True, help="Segmentation rules for the source.")
@click.option("--target-lang", default="en", show_default=True, help="Segmentation rules for the target.")
@click.option("--apertium-pair", default="spa-eng", show_default=True, help="Apertium pair used without --mt.")
def align_command(source_file: Path, target_file: Path, presegmented: bool, as_json: bool, mt_file: Path | None,
                  source_lang: str, target_lang: str, apertium_pair: str) -> None:
    """Align the sentences of SOURCE_FILE and TARGET_FILE (UTF-8). Exit 2 on bad input."""
    from review.core.aligning import align
    from review.core.segmenting import split_like, split_sentences
    from review.core.translate import ApertiumTranslator, TranslationError

    try:
        source_text, target_text = source_file.read_text("utf-8"), target_file.read_text("utf-8")
        mt_lines = mt_file.read_text("utf-8").splitlines() if mt_file else None
    except UnicodeDecodeError as error:
        raise BadInput(f"not UTF-8: {error}") from None
    source_lines = source_text.splitlines()
    if mt_lines is not None and len(mt_lines) != len(source_lines):
        raise BadInput(f"--mt has {len(mt_lines)} lines for {len(source_lines)} source lines")
    target = target_text.splitlines() if presegmented else [s.text for s in split_sentences(target_text, target_lang)]
    if presegmented or mt_lines is not None:
        per_line = [[line] if presegmented else [s.text for s in split_sentences(line, source_lang)]
                    for line in source_lines]
        source = [sentence for sentences in per_line for sentence in sentences]
        pseudo = [piece for sentences, line in zip(per_line, mt_lines or []) for piece in split_like(sentences, line, target_lang)]
    else:
        source = [s.text for s in split_sentences(source_text, source_lang)]
    if mt_lines is None:
        try:
            pseudo = ApertiumTranslator(apertium_pair).translate(source)
        except TranslationError as error:
            raise click.ClickException(str(error)) from None
    links = align(source, target, pseudo)
    if as_json:
        output: dict[str, object] = {"links": [{"src": list(l.src), "tgt": list(l.tgt), "score": l.score} for l in links]}
        if not presegmented:
            output.update(source=source, target=target)
        click.echo(json.dumps(output, ensure_ascii=False))
        return
    for link in links:
        click.echo("\t".join([link.kind, ",".join(map(str, link.src)) or "-", ",".join(map(str, link.tgt)) or "-",
                              f"{link.score:.2f}", " ".join(source[i] for i in link.src),
                              " ".join(target[j] for j in link.tgt)]))


@main.command()
@click.option("--concurrency", type=int, default=None, help="Worker processes (default: one per core; 1 on SQLite).")
@click.option("--loglevel", default="INFO", show_default=True)
def worker(concurrency: int | None, loglevel: str) -> None:
    """Run a Celery worker. It first re-queues documents still waiting for scoring, so nothing is lost on restart."""
    from review.services.analysis import unscored_document_ids
    from workers.celery_app import create_celery, enqueue_scoring

    settings = _settings()
    app = create_celery(settings)
    with _sessions()() as session:
        waiting = unscored_document_ids(session)
    enqueue_scoring(app, waiting)
    click.echo(f"re-queued {len(waiting)} unscored document(s)", err=True)
    sqlite = settings.database_url.startswith("sqlite")
    argv = ["worker", f"--loglevel={loglevel}", "--without-gossip", "--without-mingle"]
    argv += ["--pool=solo"] if sqlite else [f"--concurrency={concurrency}"] if concurrency else []
    app.worker_main(argv)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, type=int, show_default=True)
@click.option("--threads", default=8, type=int, show_default=True)
def serve(host: str, port: int, threads: int) -> None:
    """Serve the web app (waitress). On the embedded broker it also runs a worker process of its own."""
    from waitress import serve as waitress_serve

    from review.db.migrate import upgrade
    from review.web import create_app

    settings = _settings()
    upgrade(settings.database_url)
    worker_process = None
    if settings.embedded_broker:
        worker_process = subprocess.Popen([sys.executable, "-m", "review", "worker"],
                                          env={**os.environ, **settings.as_environ()})
    click.echo(f"review is serving on http://{host}:{port}/", err=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # so the worker below is stopped on SIGTERM too
    try:
        waitress_serve(create_app(settings), host=host, port=port, threads=threads)
    finally:
        if worker_process is not None:
            worker_process.terminate()
            worker_process.wait(timeout=30)


@main.command()
def demo() -> None:
    """Load the demo: migrate, create the demo users and import the demo batch (safe to run twice)."""
    from review.db.migrate import upgrade
    from review.db.session import unit_of_work
    from review.services.users import add_user

    settings = _settings()
    upgrade(settings.database_url)
    with unit_of_work(_sessions()) as session:
        for name, role, password in DEMO_USERS:
            add_user(session, name, role, password, update=True)
    _import_and_enqueue(resources.files("review.demo").joinpath("newsroom.jsonl").read_bytes(), "demo-newsroom")
    for name, role, password in DEMO_USERS:
        click.echo(f"demo {role} login: {name} / {password}")
