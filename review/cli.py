"""The `review` command: a click group of thin calls into services and the core. This module holds the commands
that score without a service (check, compare, align) and registers the others (review.cli_service, cli_rules,
cli_users).

Exit codes: 0 ok, 1 gate failed, 2 bad input.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from review.cli_common import (
    INPUT_FORMATS,
    BadInput,
    chain_sets,
    cores,
    current_settings,
    input_format_option,
    read_batch,
)
from review.cli_rules import glossary, install_rules, read_glossary_file, rescore, rules
from review.cli_service import demo, export, import_command, serve, submit, token, worker
from review.cli_users import user

__all__ = ["INPUT_FORMATS", "main"]


@click.group()
@click.pass_context
def main(ctx: click.Context) -> None:
    """Translation-quality review for Spanish news and their English renderings."""
    ctx.ensure_object(dict)


@main.group()
def db() -> None:
    """Database schema commands."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Apply every Alembic migration to REVIEW_DATABASE_URL."""
    from review.db.migrate import upgrade

    upgrade(current_settings().database_url)
    click.echo("database is at the latest schema")


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

    install_rules(current_settings())
    if glossary_file:
        read_glossary_file(glossary_file)
    pairs = read_batch(batch_file, input_format)
    try:
        gate = Gate.from_toml(gate_file.read_text(encoding="utf-8")) if gate_file else Gate()
    except ValueError as error:
        raise BadInput(f"bad gate file {gate_file}: {error}") from None
    baseline = _read_baseline(baseline_file) if baseline_file else None
    try:
        with _progress() as progress, WarmApertium(parallel=chain_sets()) as translator:
            analyses = analyse(pairs, translator, progress=progress, workers=cores())
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

    pairs_a, pairs_b = read_batch(batch_a, input_format), read_batch(batch_b, input_format)
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
            with WarmApertium(apertium_pair, parallel=chain_sets()) as translator:
                pseudo = translator.translate(source, texts=cores())  # cut as where each core had a chain set
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


for command in (rules, glossary, rescore, token, submit, import_command, export, worker, serve, demo, user):
    main.add_command(command)
