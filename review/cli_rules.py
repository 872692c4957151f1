"""`review rules list|test`: the detectors' rule files (built-in, then REVIEW_RULES), listed and proved by examples.

A malformed rule file is refused here and wherever the detectors start (`review check`, `review worker`,
`review serve`), with its path, line and what is wrong (exit 2).
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
