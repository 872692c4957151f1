"""The generic rule test: every example of every built-in rule, through the real pipeline and Apertium.

A `flag` example must raise its code at its severity or above; a `quiet` example nothing major or
critical. All examples are analysed in one batch (review.core.flags.examples), as `review rules test` does.
"""
from __future__ import annotations

import pytest

from review.core.flags.examples import ExampleResult, run_examples
from review.core.flags.rulebook import Rule, load
from review.core.text.translate import ApertiumTranslator

pytestmark = pytest.mark.apertium

BOOK = load()
CASES = [(rule, index) for rule in BOOK.rules for index in range(len(rule.examples))]


@pytest.fixture(scope="module")
def results(apertium: ApertiumTranslator) -> dict[tuple[str, int], ExampleResult]:
    ran = run_examples(BOOK.rules, apertium)
    keys = [(rule.id, index) for rule in BOOK.rules for index in range(len(rule.examples))]
    return dict(zip(keys, ran, strict=True))


def test_every_rule_has_examples_and_the_book_is_not_empty() -> None:
    assert len(BOOK.rules) >= 50 and all(rule.examples for rule in BOOK.rules)
    assert len({rule.id for rule in BOOK.rules}) == len(BOOK.rules)


@pytest.mark.parametrize(("rule", "index"), CASES, ids=[f"{rule.id}-{index}" for rule, index in CASES])
def test_rule_example(results: dict[tuple[str, int], ExampleResult], rule: Rule, index: int) -> None:
    result = results[(rule.id, index)]
    assert result.passed, f"{rule.id} ({rule.path}:{rule.line}): {result.example.es} => {result.example.en}: " \
                          f"{result.describe()}"
