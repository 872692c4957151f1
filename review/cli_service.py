"""The `review` commands of the service: import, submit, export, API tokens, the worker, the web server and the
demo. Each is a thin call into review.services or workers; review.cli registers them."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import click

from review.cli_common import (
    BadInput,
    batch_format,
    cores,
    echo_batch_errors,
    input_format_option,
    current_settings,
    sessions,
)
from review.cli_rules import install_rules


DEMO_USERS = (("translator", "translator", "translator-demo"), ("editor", "editor", "editor-demo"),
              ("admin", "admin", "admin-demo"))


@click.group()
def token() -> None:
    """API tokens (stored hashed; the secret is shown once)."""


@token.command("create")
@click.argument("user_name")
@click.option("--label", default="", help="What the token is for, e.g. 'ci'.")
def token_create(user_name: str, label: str) -> None:
    """Create a bearer token for USER_NAME and print its secret."""
    from review.db.session import unit_of_work
    from review.services.errors import NotFound
    from review.services.tokens import create_token

    try:
        with unit_of_work(sessions()) as session:
            issued = create_token(session, user_name, label)
    except NotFound as error:
        raise BadInput(str(error)) from None
    click.echo(f"token {issued.id} for {user_name} (shown once, store it now):", err=True)
    click.echo(issued.secret)


@token.command("revoke")
@click.argument("token_id", type=int)
def token_revoke(token_id: int) -> None:
    """Revoke a token; requests with it get 401 from now on."""
    from review.db.session import unit_of_work
    from review.services.errors import NotFound
    from review.services.tokens import revoke_token

    try:
        with unit_of_work(sessions()) as session:
            revoke_token(session, token_id)
    except NotFound as error:
        raise BadInput(str(error)) from None
    click.echo(f"token {token_id} revoked")


@token.command("list")
def token_list() -> None:
    from review.services.tokens import list_tokens

    with sessions()() as session:
        for token_id, user_name, label, state in list_tokens(session):
            click.echo(f"{token_id}\t{user_name}\t{state}\t{label}")


@click.command()
@click.argument("batch_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--server", required=True, help="Base URL of a running review service.")
@click.option("--token", "api_token", required=True, envvar="REVIEW_TOKEN", help="Bearer token (or REVIEW_TOKEN).")
@click.option("--batch-name", help="Defaults to the file name without its extension.")
@click.option("--wait/--no-wait", default=False, help="Follow the scoring and print the report.")
@click.option("--timeout", default=1800, show_default=True, help="Seconds to wait for the batch.")
def submit(batch_file: Path, server: str, api_token: str, batch_name: str | None, wait: bool, timeout: int) -> None:
    """Hand a batch to a running service. With --wait, follow its progress on stderr (a line per change when
    stderr is not a terminal), print the report, and exit like `review check`: 0 gate passed, 1 failed, 2 bad
    input or no report within --timeout."""
    from review.client import ApiClient, ApiError

    client = ApiClient(server, api_token)
    try:
        submitted = client.submit(batch_file.read_bytes(), batch_name or batch_file.stem)
        click.echo(f"batch {submitted['id']} ({submitted['name']}): {submitted['created']} new, "
                   f"{submitted['skipped']} already known", err=True)
        if not wait:
            click.echo(json.dumps(submitted))
            return
        _follow(client.follow(submitted["id"], timeout))
        report = client.report(submitted["id"])
    except ApiError as error:
        if error.status == 400:
            for problem in error.body.get("errors", []):
                click.echo(f"line {problem['line']}: {problem['field']}: {problem['message']}", err=True)
            raise BadInput(str(error)) from None
        if error.status == 408:  # gave up waiting: not a gate failure
            raise BadInput(f"{error}; the batch goes on scoring on the server") from None
        raise click.ClickException(str(error)) from None
    click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    sys.exit(0 if report["summary"]["gate"]["passed"] else 1)


def _follow(progress: Iterator[dict[str, Any]]) -> None:
    """Batch progress on stderr: rewritten in place on a terminal, else one line each time it changes."""
    terminal = sys.stderr.isatty()
    last = ""
    for state in progress:
        line = f"{state['status']}: {state['done']}/{state['total']}"
        if terminal:
            click.echo(f"\r{line}", err=True, nl=False)
        elif line != last:
            click.echo(line, err=True)
        last = line
    if terminal:
        click.echo("", err=True)


@click.command("import")
@click.argument("batch_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--batch-name", help="Defaults to the file name without its extension.")
@input_format_option
def import_command(batch_file: Path, batch_name: str | None, input_format: str | None) -> None:
    """Import a batch (JSONL, XLIFF, TMX, CSV/TSV) and queue its documents for scoring. Nothing is imported if any
    line is bad. A backup written by `review export --all` is restored instead (into an empty database)."""
    from review.services.backup import is_backup

    with batch_file.open("rb") as handle:
        if is_backup(handle.readline()):
            _restore(batch_file)
            return
    _import_and_enqueue(batch_file.read_bytes(), batch_name or batch_file.stem, batch_format(batch_file, input_format))


def _restore(backup_file: Path) -> None:
    from review.db.migrate import upgrade
    from review.db.session import unit_of_work
    from review.services.backup import BackupError, restore

    upgrade(current_settings().database_url)
    try:
        with unit_of_work(sessions()) as session, backup_file.open("rb") as lines:
            counts = restore(session, lines)
    except BackupError as error:
        raise BadInput(str(error)) from None
    click.echo("restored " + ", ".join(f"{count} {table}" for table, count in counts.items() if count))


def _import_and_enqueue(data: bytes, batch_name: str, fmt: str = "jsonl") -> None:
    from review.core.formats.importing import BatchError
    from review.db.session import unit_of_work
    from review.services.importing import import_batch
    from workers.celery_app import create_celery, enqueue_import

    try:
        with unit_of_work(sessions()) as session:
            result = import_batch(session, data, batch_name, fmt)
    except BatchError as error:
        echo_batch_errors(error)
        raise BadInput(f"{len(error.errors)} error(s); nothing was imported") from None
    enqueue_import(create_celery(current_settings()), result.queued_ids)
    click.echo(f"batch {batch_name!r} (id {result.batch_id}): {len(result.created_ids)} new documents queued, "
               f"{len(result.skipped_external_ids)} already imported, {len(result.updated_ids)} updated articles re-queued")


@click.command()
@click.option("--batch", "batch_name", help="Only this batch (by name); all batches by default.")
@click.option("--all", "everything", is_flag=True,
              help="Back up the whole database instead: users, batches, revisions, flags, history.")
@click.option("--output", "-o", type=click.File("w", encoding="utf-8", lazy=False), default="-", show_default=True)
def export(batch_name: str | None, everything: bool, output) -> None:  # type: ignore[no-untyped-def]
    """Write approved and signed-off renderings as batch JSONL, with their review record in meta.review;
    with --all, a backup of everything that `review import` restores into an empty database."""
    from review.services.backup import dump
    from review.services.dashboard import batch_id_by_name
    from review.services.errors import NotFound
    from review.services.exporting import export_lines

    if everything and batch_name:
        raise BadInput("--all backs up every batch; leave out --batch")
    with sessions()() as session:
        try:
            batch_id = batch_id_by_name(session, batch_name) if batch_name else None
        except NotFound as error:
            raise BadInput(str(error)) from None
        count = 0
        for line in dump(session) if everything else export_lines(session, batch_id):
            output.write(line)
            count += 1
    click.echo(f"exported {count - 1} row(s) and a header" if everything else f"exported {count} document(s)",
               err=True)


@click.command()
@click.option("--concurrency", type=int, default=None, help="Worker processes (default: one per core).")
@click.option("--loglevel", default="INFO", show_default=True)
@click.option("--beat", is_flag=True, help="Also run the sweeper's schedule (on exactly one worker).")
@click.option("--kind", type=click.Choice(["all", "interactive", "bulk"]), default="all", show_default=True,
              help="What to score: reviewers' revisions (interactive), imported batches (bulk), or both, "
                   "interactive first.")
def worker(concurrency: int | None, loglevel: str, beat: bool, kind: str) -> None:
    """Run a Celery worker. It first re-queues documents still waiting for scoring, so nothing is lost on restart."""
    from review.services.analysis import unscored_document_ids
    from workers.celery_app import QUEUES, create_celery, enqueue_scoring

    settings = current_settings()
    install_rules(settings)  # before the pool forks: every worker process scores with the same rules
    app = create_celery(settings)
    with sessions()() as session:
        saved, imported = unscored_document_ids(session, saved=True), unscored_document_ids(session, saved=False)
    enqueue_scoring(app, saved, interactive=True)
    enqueue_scoring(app, imported)
    click.echo(f"re-queued {len(saved) + len(imported)} unscored document(s), {len(saved)} saved by a reviewer",
               err=True)
    argv = ["worker", f"--loglevel={loglevel}", "--without-gossip", "--without-mingle",
            f"--queues={','.join(QUEUES[kind])}", f"--concurrency={concurrency or cores()}"]
    argv += ["--beat"] if beat else []
    app.worker_main(argv)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, type=int, show_default=True)
@click.option("--threads", default=8, type=int, show_default=True)
def serve(host: str, port: int, threads: int) -> None:
    """Serve the web app (waitress). On the embedded broker it also runs a worker process of its own."""
    from waitress import serve as waitress_serve

    from review.db.migrate import upgrade
    from review.web import create_app

    settings = current_settings()
    install_rules(settings)  # a malformed rule file stops the service here, not in its worker
    upgrade(settings.database_url)
    worker_process = None
    if settings.embedded_broker:  # in a process group of its own: a Ctrl-C reaches this process, which stops it
        worker_process = subprocess.Popen([sys.executable, "-m", "review", "worker", "--beat"],
                                          env={**os.environ, **settings.as_environ()}, start_new_session=True)
    click.echo(f"review is serving on http://{host}:{port}/ (Ctrl-C stops it)", err=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # so the worker below is stopped on SIGTERM too
    try:
        waitress_serve(create_app(settings), host=host, port=port, threads=threads)
    except KeyboardInterrupt:
        click.echo("stopping", err=True)
    finally:
        if worker_process is not None:
            _stop_worker(worker_process)


def _stop_worker(process: subprocess.Popen[bytes], grace: float = 3.0) -> None:
    """Celery's cold shutdown (SIGQUIT): tasks in flight are dropped unacknowledged, so they are delivered again
    (and a worker re-queues, when it starts, every document still waiting); whatever of its process group is
    left after `grace` seconds (pool processes, Apertium) is killed."""
    process.send_signal(signal.SIGQUIT)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


@click.command()
def demo() -> None:
    """Load the demo: migrate, create the demo users and import the demo batch (safe to run twice)."""
    from review.db.migrate import upgrade
    from review.db.session import unit_of_work
    from review.services.users import add_user

    settings = current_settings()
    upgrade(settings.database_url)
    with unit_of_work(sessions()) as session:
        for name, role, password in DEMO_USERS:
            add_user(session, name, role, password, update=True)
    _import_and_enqueue(resources.files("review.demo").joinpath("newsroom.jsonl").read_bytes(), "demo-newsroom")
    for name, role, password in DEMO_USERS:
        click.echo(f"demo {role} login: {name} / {password}")
