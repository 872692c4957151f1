"""Rule files: a malformed file is refused with its path, line and what is wrong; extra files add to the slots."""
from __future__ import annotations

from pathlib import Path

import pytest

from review.core.flags.rulebook import RuleFileError, load

HEAD = 'family = "polarity"\n\n[[rule]]\nid = "house"\nslot = "en_idioms"\nmeaning = "m"\n'
EXAMPLE = 'example = [ { es = "Hubo una protesta.", en = "There was a protest.", quiet = true } ]\n'
MALFORMED = [
    # (file text, line, what the message says)
    (HEAD + 'patterns = ["(unclosed"]\n' + EXAMPLE, 7, "is not a valid regular expression"),
    (HEAD.replace("en_idioms", "en_idiom") + 'patterns = ["a"]\n' + EXAMPLE, 3, "unknown slot 'en_idiom'"),
    (HEAD + 'patterns = ["a"]\n', 3, "needs at least one [[rule.example]]"),
    (HEAD + 'words = ["a"]\n' + EXAMPLE, 3, "write patterns = ..., not words"),
    (HEAD + 'patterns = []\n' + EXAMPLE, 3, 'needs patterns = ["..."]'),
    ('family = "polarity"\n[[rule]\nid = "x"\n', 2, "not valid TOML"),
    ('family = "nope"\n', 1, "unknown family 'nope'"),
    ('families = "polarity"\n', 1, "unknown key 'families'"),
    ('family = "polarity"\n[slots]\nx = { kind = "words", meaning = "m" }\n', 2, "only built-in rule files declare slots"),
    (HEAD + 'patterns = ["a"]\nexample = [\n  { es = "b", en = "c", quiet = true },\n'
     '  { es = "a", en = "b", quiet = true, flag = "negation_flip" },\n]\n', 10, "either flag"),
    (HEAD + 'patterns = ["a"]\nexample = [\n  { es = "a", en = "b", flag = "negation_flp" },\n]\n', 9,
     "'negation_flp', which no detector raises"),
    (HEAD + 'patterns = ["a"]\nexample = [ { es = "a", en = "b", quiet = true, severity = "major" } ]\n', 8,
     "only for a flag example"),
    (HEAD + 'patterns = ["a"]\nexample = [ { es = "a", en = "", quiet = true } ]\n', 8, "needs es and en"),
    (HEAD.replace('id = "house"', 'id = "es-no"') + 'patterns = ["a"]\n' + EXAMPLE, 3, "'polarity.es-no' is used twice"),
    (HEAD.replace('meaning = "m"\n', "") + 'patterns = ["a"]\n' + EXAMPLE, 3, "needs meaning"),
    (HEAD + 'patterns = ["a"]\nflavour = 1\n' + EXAMPLE, 3, "unknown key 'flavour' in a rule"),
]


@pytest.mark.parametrize(("text", "line", "problem"), MALFORMED, ids=[m[2][:30] for m in MALFORMED])
def test_a_malformed_rule_file_is_refused_with_path_line_and_problem(tmp_path: Path, text: str, line: int,
                                                                     problem: str) -> None:
    path = tmp_path / "house.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError) as refused:
        load([path])
    assert (refused.value.path, refused.value.line) == (str(path), line)
    assert problem in refused.value.problem
    assert str(refused.value).startswith(f"{path}:{line}: ")


def test_an_unreadable_rule_file_is_refused_with_its_path(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="missing.toml: cannot be read"):
        load([tmp_path / "missing.toml"])


def test_extra_rules_come_after_the_built_in_ones_in_their_slot(tmp_path: Path) -> None:
    path = tmp_path / "house.toml"
    path.write_text(HEAD + 'patterns = ["no wonder"]\n' + EXAMPLE, encoding="utf-8")
    built_in, extended = load(), load([path])
    assert extended.alternation("polarity", "en_idioms") == built_in.alternation("polarity", "en_idioms") + "|no wonder"
    assert extended.rules[-1].id == "polarity.house" and extended.rules[-1].path == str(path)
    assert extended.rule_for("polarity", "en_idioms", "no wonder") == "polarity.house"
    assert extended.paths == (str(path),)


def test_the_rule_behind_a_word_is_named_and_an_unmatched_one_falls_back_to_its_slot() -> None:
    book = load()
    assert book.rule_for("polarity", "en_negators", "never") == "polarity.en-not"
    assert book.rule_for("polarity", "en_negators", "refused") == "polarity.en-negative-verbs"
    assert book.rule_for("polarity", "es_nwords", "jamas") == "polarity.es-never"
    assert book.rule_for("polarity", "en_negators", "nary") == "polarity.en_negators"


def test_every_built_in_slot_is_filled_and_every_rule_fills_a_declared_slot() -> None:
    book = load()
    filled = {(rule.family, rule.slot) for rule in book.rules}
    assert filled == set(book.slots)
