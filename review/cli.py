"""The `review` command: a click group of thin calls into services and the core.

Exit codes: 0 ok, 1 gate failed, 2 bad input.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import click

from review.cli_rules import glossary, install_rules, read_glossary_file, rescore, rules
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


main.add_command(rules)
main.add_command(glossary)
main.add_command(rescore)


def _settings() -> Settings:
    ctx = click.get_current_context()
    if "settings" not in ctx.obj:
        ctx.obj["settings"] = Settings.from_env()
    return ctx.obj["settings"]


def _sessions():  # type: ignore[no-untyped-def]
    """The session factory of a database at the latest schema; else a one-line error saying what to do (exit 2)."""
    from review.db.migrate import schema_problem
    from review.db.session import make_engine, make_session_factory

    settings = _settings()
    problem = schema_problem(settings.database_url)
    if problem:
        raise BadInput(f"{problem} (REVIEW_HOME={settings.home}): run `review db upgrade` with the same "
                       f"REVIEW_HOME and REVIEW_DATABASE_URL, or `make run`")
    return make_session_factory(make_engine(settings.database_url))


@main.group()
def db() -> None:
    """Database schema commands."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Apply every Alembic migration to REVIEW_DATABASE_URL."""
    from review.db.migrate import upgrade

    upgrade(_settings().database_url)
    click.echo("database is at the latest schema")


INPUT_FORMATS = ("jsonl", "xliff", "xliff2", "tmx", "csv", "tsv")  # review.core.formats.FORMATS, kept import-free
input_format_option = click.option(
    "--input-format", type=click.Choice(INPUT_FORMATS),
    help="Batch file format; by default from the extension (.jsonl .xlf/.xliff .tmx .csv .tsv).")


def _input_format(path: Path, given: str | None) -> str:
    from review.core.formats import format_of

    try:
        return given or format_of(path)
    except ValueError as error:
        raise BadInput(str(error)) from None


def _read_batch(path: Path, given_format: str | None):  # type: ignore[no-untyped-def]
    """DocumentPairs from a batch file in any format; BadInput after listing every bad line on stderr."""
    from review.core.formats import read_pairs
    from review.core.formats.importing import BatchError

    try:
        return read_pairs(path.read_bytes(), _input_format(path, given_format))
    except BatchError as error:
        _echo_batch_errors(error)
        raise BadInput(f"{len(error.errors)} error(s) in {path}") from None


def _echo_batch_errors(error) -> None:  # type: ignore[no-untyped-def]
    for problem in error.errors:
        click.echo(f"line {problem.line}: {problem.field}: {problem.message}", err=True)


@main.group()
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
        with unit_of_work(_sessions()) as session:
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
        with unit_of_work(_sessions()) as session:
            revoke_token(session, token_id)
    except NotFound as error:
        raise BadInput(str(error)) from None
    click.echo(f"token {token_id} revoked")


@token.command("list")
def token_list() -> None:
    from review.services.tokens import list_tokens

    with _sessions()() as session:
        for token_id, user_name, label, state in list_tokens(session):
            click.echo(f"{token_id}\t{user_name}\t{state}\t{label}")


@main.command()
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


@main.command("import")
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
    _import_and_enqueue(batch_file.read_bytes(), batch_name or batch_file.stem, _input_format(batch_file, input_format))


def _restore(backup_file: Path) -> None:
    from review.db.migrate import upgrade
    from review.db.session import unit_of_work
    from review.services.backup import BackupError, restore

    upgrade(_settings().database_url)
    try:
        with unit_of_work(_sessions()) as session, backup_file.open("rb") as lines:
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
        with unit_of_work(_sessions()) as session:
            result = import_batch(session, data, batch_name, fmt)
    except BatchError as error:
        _echo_batch_errors(error)
        raise BadInput(f"{len(error.errors)} error(s); nothing was imported") from None
    enqueue_import(create_celery(_settings()), result.queued_ids)
    click.echo(f"batch {batch_name!r} (id {result.batch_id}): {len(result.created_ids)} new documents queued, "
               f"{len(result.skipped_external_ids)} already imported, {len(result.updated_ids)} updated articles re-queued")


@main.command()
@click.argument("batch_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--gate", "gate_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="TOML file with the gate's thresholds.")
@click.option("--baseline", "baseline_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="JSON report of the last accepted batch: the gate also fails on a significant drop against it.")
@click.option("--format", "output_format", type=click.Choice(["json", "junit", "markdown", "text"]), default="text",
              show_default=True)
@click.option("--glossary", "glossary_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The newsroom's glossary (TBX or CSV) for the entity, untranslated and terminology checks.")
@input_format_option
def check(batch_file: Path, gate_file: Path | None, baseline_file: Path | None, output_format: str,
          input_format: str | None, glossary_file: Path | None) -> None:
    """Score a batch in-process (no database, no broker) and apply the gate. Exit 0 passed, 1 failed, 2 bad input."""
    from review.core.pipeline import analyse
    from review.core.reports.gate import Gate
    from review.core.reports.report import batch_report
    from review.core.text.morphology import MorphologyError
    from review.core.text.translate import TranslationError
    from review.core.text.warm import WarmApertium

    install_rules(_settings())
    if glossary_file:
        read_glossary_file(glossary_file)
    pairs = _read_batch(batch_file, input_format)
    try:
        gate = Gate.from_toml(gate_file.read_text(encoding="utf-8")) if gate_file else Gate()
    except ValueError as error:
        raise BadInput(f"bad gate file {gate_file}: {error}") from None
    baseline = _read_baseline(baseline_file) if baseline_file else None
    try:
        with _progress() as progress, WarmApertium(parallel=_cores()) as translator:
            analyses = analyse(pairs, translator, progress=progress, workers=_cores())
    except (TranslationError, MorphologyError) as error:
        raise click.ClickException(str(error)) from None
    report = batch_report(analyses, gate)
    if baseline is not None:
        from review.core.scoring.significance import with_baseline

        report = with_baseline(report, baseline)
    click.echo(_render(report, output_format, batch_file.name), nl=False)
    sys.exit(0 if report["summary"]["gate"]["passed"] else 1)


def _render(report: dict[str, Any], output_format: str, name: str) -> str:
    """The report as json, junit, markdown or text."""
    if output_format == "json":
        return json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    from review.core.reports.report_render import render_junit, render_markdown, render_text

    if output_format == "junit":
        return render_junit(report, name)
    return render_markdown(report, name) if output_format == "markdown" else render_text(report)


def _cores() -> int:
    """CPUs this process may run on (its affinity mask where the OS has one)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _read_baseline(path: Path) -> dict[str, Any]:
    """A previous `review check` JSON report, checked before any scoring starts."""
    from review.core.scoring.significance import document_measures

    try:
        report = json.loads(path.read_text(encoding="utf-8"))
        document_measures(report)
    except (UnicodeDecodeError, ValueError) as error:  # json.JSONDecodeError is a ValueError
        raise BadInput(f"bad baseline {path}: {error}") from None
    return report


@contextmanager
def _progress() -> Iterator[Callable[[int, int], None]]:
    """A progress(done, total) callback: a bar on a terminal's stderr, else a line every 10% of the documents."""
    state: dict[str, Any] = {"done": 0}

    def report(done: int, total: int) -> None:
        if sys.stderr.isatty():
            if "bar" not in state:
                state["bar"] = click.progressbar(length=total, label="scoring", file=sys.stderr)
                state["bar"].__enter__()
            state["bar"].update(done - state["done"])
        elif done == 0:
            click.echo(f"scoring {total} documents...", err=True)
        elif done == total or done * 10 // total > state["done"] * 10 // total:
            click.echo(f"scored {done}/{total} documents", err=True)
        state["done"] = done

    try:
        yield report
    finally:
        if "bar" in state:
            state["bar"].__exit__(None, None, None)


@main.command()
@click.argument("batch_a", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("batch_b", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--test", type=click.Choice(["bs", "ar"]), default="bs", show_default=True,
              help="Paired bootstrap resampling or approximate randomisation (sacrebleu).")
@click.option("--samples", type=click.IntRange(min=0), default=0,
              help="Resamples (bs) or shuffles (ar); 0 means sacrebleu's default (1000 bs, 10000 ar).")
@click.option("--format", "output_format", type=click.Choice(["json", "text"]), default="text", show_default=True)
@input_format_option
def compare(batch_a: Path, batch_b: Path, test: str, samples: int, output_format: str, input_format: str | None) -> None:
    """Compare two renderings of the same originals against their references: which is better, and whether the
    difference is significant (p < 0.05). Exit 0, or 2 on bad input."""
    from review.core.scoring.references import paired_segments
    from review.core.scoring.significance import ALPHA, compare_renderings

    pairs_a, pairs_b = _read_batch(batch_a, input_format), _read_batch(batch_b, input_format)
    try:
        a, b, references = paired_segments(pairs_a, pairs_b)
    except ValueError as error:
        raise BadInput(str(error)) from None
    comparisons = compare_renderings(a, b, references, test=test, samples=samples)
    if output_format == "json":
        click.echo(json.dumps({"A": str(batch_a), "B": str(batch_b), "test": test, "alpha": ALPHA,
                               "segments": len(references), "metrics": [vars(c) for c in comparisons]}, indent=2))
        return
    click.echo(f"A = {batch_a}\nB = {batch_b}\n{len(references)} segments, "
               f"{'paired bootstrap' if test == 'bs' else 'approximate randomisation'}")
    for c in comparisons:
        ci = (lambda v: f" ± {v:.2f}" if v is not None else "")
        verdict = "tie" if c.better is None else \
            f"{c.better} is better, {'significant' if c.significant else 'not significant'} (p = {c.p_value:.4f})"
        click.echo(f"{c.metric:5} A {c.a:6.2f}{ci(c.a_ci)}  B {c.b:6.2f}{ci(c.b_ci)}  {verdict}   {c.signature}")


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
    from review.core.alignment.aligning import align
    from review.core.text.segmenting import split_like, split_sentences
    from review.core.text.translate import TranslationError
    from review.core.text.warm import WarmApertium

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
            with WarmApertium(apertium_pair, parallel=_cores()) as translator:
                pseudo = translator.translate(source)
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
    with _sessions()() as session:
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


@main.command()
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

    settings = _settings()
    install_rules(settings)  # before the pool forks: every worker process scores with the same rules
    app = create_celery(settings)
    with _sessions()() as session:
        saved, imported = unscored_document_ids(session, saved=True), unscored_document_ids(session, saved=False)
    enqueue_scoring(app, saved, interactive=True)
    enqueue_scoring(app, imported)
    click.echo(f"re-queued {len(saved) + len(imported)} unscored document(s), {len(saved)} saved by a reviewer",
               err=True)
    argv = ["worker", f"--loglevel={loglevel}", "--without-gossip", "--without-mingle",
            f"--queues={','.join(QUEUES[kind])}", f"--concurrency={concurrency or _cores()}"]
    argv += ["--beat"] if beat else []
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


from review.cli_users import user  # noqa: E402 - the group is defined in its own module, registered here

main.add_command(user)
