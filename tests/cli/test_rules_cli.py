"""A newsroom's own rule files (REVIEW_RULES): `review rules list|test`; `review check` silencing or adding a flag."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from review.cli import main
from review.core.formats import write_pairs
from review.core.model import DocumentPair, Text

HOUSE = '''# the newsroom's own polarity rules
family = "polarity"

[[rule]]
id = "house-no-wonder"
slot = "en_idioms"
meaning = "no wonder: it is not surprising that; negates nothing"
patterns = ['no wonder']
example = [
  { es = "Con razón el alcalde dimitió.", en = "No wonder the mayor resigned.", quiet = true },
]

[[rule]]
id = "house-nary"
slot = "en_negators"
meaning = "nary (a): not a single"
patterns = ['nary']
example = [
  { es = "Hubo una protesta.", en = "There was nary a protest.", flag = "negation_flip", severity = "critical" },
]
'''
WRONG = HOUSE.replace('flag = "negation_flip", severity = "critical"', "quiet = true")  # nary does negate
PAIRS = [DocumentPair("wonder", Text("", "Con razón el alcalde dimitió."), Text("", "No wonder the mayor resigned.")),
         DocumentPair("nary", Text("", "Hubo una protesta."), Text("", "There was nary a protest."))]


def house_file(tmp_path: Path, text: str = HOUSE) -> Path:
    path = tmp_path / "house.toml"
    path.write_text(text, encoding="utf-8")
    return path


def negation_flags(runner: CliRunner, tmp_path: Path) -> dict[str, list[tuple[str, str]]]:
    batch = tmp_path / "batch.jsonl"
    batch.write_bytes(write_pairs(PAIRS, "jsonl"))
    result = runner.invoke(main, ["check", str(batch), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    return {doc["id"]: [(flag["severity"], flag["rule"]) for flag in doc["flags"] if flag["code"] == "negation_flip"]
            for doc in report["documents"]}


@pytest.mark.apertium
def test_a_newsroom_rule_file_silences_a_false_alarm_and_adds_a_flag(runner: CliRunner, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    assert negation_flags(runner, tmp_path) == {"wonder": [("critical", "polarity.en-not")], "nary": []}
    monkeypatch.setenv("REVIEW_RULES", str(house_file(tmp_path)))
    assert negation_flags(runner, tmp_path) == {"wonder": [], "nary": [("critical", "polarity.house-nary")]}


@pytest.mark.apertium
def test_rules_test_runs_every_example_with_the_file_loaded_last(runner: CliRunner, tmp_path: Path) -> None:
    built_in = runner.invoke(main, ["rules", "test"])
    assert built_in.exit_code == 0, built_in.output
    rules, examples = (int(n) for n in built_in.output.split(" examples:")[0].replace(" rules,", "").split())
    passed = runner.invoke(main, ["rules", "test", str(house_file(tmp_path))])
    assert passed.exit_code == 0, passed.output
    assert passed.output.strip().endswith(f"{rules + 2} rules, {examples + 2} examples: {examples + 2} passed, "
                                          f"0 failed; 2 rules from {tmp_path / 'house.toml'}")
    failed = runner.invoke(main, ["rules", "test", str(house_file(tmp_path, WRONG))])
    assert failed.exit_code == 1
    assert "FAIL polarity.house-nary" in failed.output
    assert "expects quiet; raised negation_flip critical (polarity.house-nary)" in failed.output


def test_rules_list_shows_each_rule_with_its_examples(runner: CliRunner, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REVIEW_RULES", str(house_file(tmp_path)))
    result = runner.invoke(main, ["rules", "list", "--family", "polarity"])
    assert result.exit_code == 0, result.output
    assert "polarity.es-no  [es_not]" in result.output
    assert f"polarity.house-nary  [en_negators]  {tmp_path / 'house.toml'}:13" in result.output
    assert "[negation_flip >= critical] Hubo una protesta.  =>  There was nary a protest." in result.output


@pytest.mark.parametrize("command", [["check", "BATCH"], ["rules", "list"], ["rules", "test"]])
def test_a_malformed_rule_file_is_refused_at_start(runner: CliRunner, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch, command: list[str]) -> None:
    path = house_file(tmp_path, HOUSE.replace("['nary']", "['(nary']"))
    batch = tmp_path / "batch.jsonl"
    batch.write_bytes(write_pairs(PAIRS, "jsonl"))
    monkeypatch.setenv("REVIEW_RULES", str(path))
    result = runner.invoke(main, [str(batch) if part == "BATCH" else part for part in command])
    assert result.exit_code == 2
    assert f"rule file refused: {path}:17: rule polarity.house-nary: pattern '(nary' is not a valid regular " \
           "expression" in result.output
