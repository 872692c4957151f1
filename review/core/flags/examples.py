"""Running the rules' examples through the real pipeline: the generic test behind `review rules test` and pytest.

Every example of every rule becomes a one-field document pair; all of them are analysed in one batch
(one Apertium call per language), as `review check` would. A `flag` example passes when the pipeline
raises its code at its severity or above; a `quiet` example passes when nothing is major or critical.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from review.core.flags.rulebook import Example, Rule
from review.core.model import DocumentPair, Flag, Severity, Text
from review.core.text.morphology import Analyser
from review.core.text.translate import Translator

ORDER = (Severity.INFO, Severity.MINOR, Severity.MAJOR, Severity.CRITICAL)
SERIOUS = (Severity.MAJOR, Severity.CRITICAL)


@dataclass(frozen=True)
class ExampleResult:
    """One example of one rule, the flags the pipeline raised on it and whether it behaved as the rule says."""

    rule: Rule
    example: Example
    flags: tuple[Flag, ...]

    @property
    def passed(self) -> bool:
        if self.example.quiet:
            return not any(flag.severity in SERIOUS for flag in self.flags)
        return any(flag.code == self.example.flag and ORDER.index(flag.severity) >= ORDER.index(self.example.severity)
                   for flag in self.flags)

    def describe(self) -> str:
        """What the example expects and what was raised (code, severity and rule of each flag above info)."""
        expected = "quiet" if self.example.quiet else f"flag {self.example.flag} >= {self.example.severity.value}"
        raised = ", ".join(f"{f.code} {f.severity.value} ({f.rule})" for f in self.flags
                           if f.severity is not Severity.INFO) or "nothing"
        return f"expects {expected}; raised {raised}"


def run_examples(rules: Sequence[Rule], translator: Translator,
                 analyser: Analyser | None = None) -> list[ExampleResult]:
    """Every example of the given rules, analysed in one batch; identical examples are analysed once."""
    from review.core.pipeline import analyse  # the pipeline imports the detectors, which import the rule book

    unique: dict[tuple[str, str, str], int] = {}
    for rule in rules:
        for example in rule.examples:
            unique.setdefault((example.es, example.en, example.field), len(unique))
    pairs = [DocumentPair(f"example-{n}", _text(es, field), _text(en, field)) for (es, en, field), n in unique.items()]
    analyses = analyse(pairs, translator, analyser) if pairs else []
    return [ExampleResult(rule, example, analyses[unique[(example.es, example.en, example.field)]].flags)
            for rule in rules for example in rule.examples]


def _text(text: str, field: str) -> Text:
    return Text(text, "") if field == "headline" else Text("", text)
