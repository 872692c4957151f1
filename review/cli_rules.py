"""`review rules list|test` (the detectors' rule files: built-in, then REVIEW_RULES), `review glossary import|list`,
and `review rescore`, which scores stored analyses again once either has changed.

A malformed rule file is refused here and wherever the detectors start (`review check`, `review worker`,
`review serve`), with its path, line and what is wrong (exit 2); so is a malformed glossary, naming its lines.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from review.settings import Settings


class BadRules(click.ClickException):
    exit_code = 2


def install_rules(settings: Settings, extra: tuple[Path, ...] = ()) -> None:
    """Load the built-in rules and the newsroom's (REVIEW_RULES, then `extra`) for the detectors; exit 2 if one is
    malformed."""
    from review.core.flags.rulebook import RuleFileError, install

    try:
        install((*settings.rules, *extra))
    except RuleFileError as error:
        raise BadRules(f"rule file refused: {error}") from None


@click.group()
def rules() -> None:
    """The detectors' rules: each a few words or patterns with examples (review/core/flags/rules/, REVIEW_RULES)."""


@rules.command("list")
@click.option("--family", default=None, help="Only this family (polarity, quotes, ...).")
def rules_list(family: str | None) -> None:
    """Every rule with its slot, meaning, words or patterns and examples."""
    from review.core.flags.rulebook import active

    install_rules(Settings.from_env())
    book = active()
    for rule in book.rules:
        if family and rule.family != family:
            continue
        click.echo(f"{rule.id}  [{rule.slot}]  {rule.path}:{rule.line}")
        click.echo(f"  {rule.meaning}")
        data = rule.patterns or rule.words or tuple(f"{key} = {value}" for key, value in rule.entries)
        click.echo(f"  {'patterns' if rule.patterns else 'words' if rule.words else 'entries'}: {' | '.join(data)}")
        for example in rule.examples:
            expected = "quiet" if example.quiet else f"{example.flag} >= {example.severity.value}"
            click.echo(f"    [{expected}] {example.es}  =>  {example.en}")


@rules.command("test")
@click.argument("rule_file", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def rules_test(rule_file: Path | None) -> None:
    """Run every example of every rule (with RULE_FILE loaded after the others) through the pipeline and Apertium.

    Exit 0 when every example behaves as its rule says, 1 when one does not, 2 for a malformed rule file."""
    from review.core.flags.examples import run_examples
    from review.core.flags.rulebook import active
    from review.core.text.morphology import MorphologyError
    from review.core.text.translate import ApertiumTranslator, TranslationError

    install_rules(Settings.from_env(), (rule_file,) if rule_file else ())
    book = active()
    try:
        results = run_examples(book.rules, ApertiumTranslator())
    except (TranslationError, MorphologyError) as error:
        raise click.ClickException(str(error)) from None
    failed = [result for result in results if not result.passed]
    for result in failed:
        click.echo(f"FAIL {result.rule.id} ({result.rule.path}:{result.rule.line})\n"
                   f"  es: {result.example.es}\n  en: {result.example.en}\n  {result.describe()}")
    in_file = [rule for rule in book.rules if rule_file and rule.path == str(rule_file)]
    scope = f"; {len(in_file)} rules from {rule_file}" if rule_file else ""
    click.echo(f"{len(book.rules)} rules, {len(results)} examples: {len(results) - len(failed)} passed, "
               f"{len(failed)} failed{scope}")
    sys.exit(1 if failed else 0)


RESCORE_HINT = "documents scored before keep their flags until `review rescore [--batch NAME]`"


@click.command()
@click.option("--batch", "batch_name", default=None, help="Only this batch's documents (default: every document).")
def rescore(batch_name: str | None) -> None:
    """Score stored documents again, after the rule files (REVIEW_RULES) or the glossary changed.

    Their current analyses stay on show until the workers have stored the new ones; reviewers' decisions on
    flags are carried over. Needs a running worker (`review serve` runs one on the embedded broker)."""
    from review.cli_common import current_settings, sessions
    from review.db.session import unit_of_work
    from review.services.dashboard import batch_id_by_name
    from review.services.errors import NotFound
    from review.services.maintenance import request_rescoring
    from workers.celery_app import create_celery, enqueue_import

    try:
        with unit_of_work(sessions()) as session:
            batch_id = batch_id_by_name(session, batch_name) if batch_name else None
            document_ids = request_rescoring(session, batch_id)
    except NotFound as error:
        raise BadRules(str(error)) from None
    enqueue_import(create_celery(current_settings()), document_ids)
    click.echo(f"{len(document_ids)} document(s) queued for scoring again")


@click.group()
def glossary() -> None:
    """The newsroom's glossary: Spanish terms and the English they require (TBX or CSV)."""


@glossary.command("import")
@click.argument("glossary_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["tbx", "csv"]), default=None,
              help="tbx or csv (default: from the file's extension)")
@click.option("--replace", "replace_all", is_flag=True, help="The glossary becomes exactly this file's terms.")
def glossary_import(glossary_file: Path, fmt: str | None, replace_all: bool) -> None:
    """Store the file's terms (a term already there gets the file's English); exit 2 on a bad file."""
    from review.cli_common import sessions
    from review.core.formats.glossary import glossary_format
    from review.core.formats.importing import BatchError
    from review.db.session import unit_of_work
    from review.services.glossary import import_glossary

    try:
        fmt = fmt or glossary_format(glossary_file.name)
    except ValueError as error:
        raise BadRules(str(error)) from None
    try:
        with unit_of_work(sessions()) as session:
            result = import_glossary(session, glossary_file.read_bytes(), fmt, replace_all)
    except BatchError as error:
        raise BadRules(f"glossary refused: {glossary_file}\n{error}") from None
    click.echo(f"{result.added} terms added, {result.changed} changed, {result.unchanged} unchanged")
    if result.added or result.changed:
        click.echo(RESCORE_HINT, err=True)


@glossary.command("list")
def glossary_list() -> None:
    """Every glossary term: Spanish, English, note."""
    from review.cli_common import sessions
    from review.services.glossary import load_glossary

    with sessions()() as session:
        for term in load_glossary(session):
            click.echo(f"{term.source}\t{term.target}" + (f"\t{term.note}" if term.note else ""))


def read_glossary_file(path: Path) -> None:
    """`review check --glossary FILE`: the file's terms become the detectors' glossary; exit 2 on a bad file."""
    from review.core.flags.rulebook import use_glossary
    from review.core.formats.glossary import glossary_format, read_glossary
    from review.core.formats.importing import BatchError

    try:
        use_glossary(read_glossary(path.read_bytes(), glossary_format(path.name)))
    except (ValueError, BatchError) as error:
        raise BadRules(f"glossary refused: {path}\n{error}") from None
