"""`review glossary import|list` into the embedded database, and `review check --glossary`."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from review.cli import main
from review.core.formats import write_pairs
from review.core.model import DocumentPair, Text

CSV = "source,target,note\nFiscalía,Prosecutor's Office,institution\nOsakidetza,Basque Health Service\n"
PAIRS = [DocumentPair("fiscalia", Text("", "La Fiscalía abrió una investigación."),
                      Text("", "The public prosecutor opened an investigation."))]


def test_import_list_and_import_again(runner: CliRunner, tmp_path: Path) -> None:
    assert runner.invoke(main, ["db", "upgrade"]).exit_code == 0
    glossary = tmp_path / "house.csv"
    glossary.write_text(CSV, encoding="utf-8")
    first = runner.invoke(main, ["glossary", "import", str(glossary)])
    assert first.exit_code == 0 and first.stdout == "2 terms added, 0 changed, 0 unchanged\n", first.output
    assert "keep their flags until `review rescore" in first.stderr
    glossary.write_text(CSV.replace("Basque Health Service", "Basque health service") + "Xunta,Galician government\n",
                        encoding="utf-8")
    again = runner.invoke(main, ["glossary", "import", str(glossary)])
    assert again.stdout == "1 terms added, 1 changed, 1 unchanged\n"
    listed = runner.invoke(main, ["glossary", "list"])
    assert listed.output.splitlines() == ["Fiscalía\tProsecutor's Office\tinstitution",
                                          "Osakidetza\tBasque health service", "Xunta\tGalician government"]
    glossary.write_text("Xunta,Xunta of Galicia\n", encoding="utf-8")
    runner.invoke(main, ["glossary", "import", str(glossary), "--replace"])
    assert runner.invoke(main, ["glossary", "list"]).output == "Xunta\tXunta of Galicia\n"


def test_a_bad_glossary_file_is_refused_naming_its_lines(runner: CliRunner, tmp_path: Path) -> None:
    assert runner.invoke(main, ["db", "upgrade"]).exit_code == 0
    glossary = tmp_path / "house.csv"
    glossary.write_text("Fiscalía,Prosecutor's Office\nXunta\n", encoding="utf-8")
    refused = runner.invoke(main, ["glossary", "import", str(glossary)])
    assert refused.exit_code == 2 and "line 2: (row): expected source,target[,note]: 1 columns" in refused.output
    assert runner.invoke(main, ["glossary", "list"]).output == ""  # nothing stored


@pytest.mark.apertium
def test_check_with_a_glossary_raises_terminology(runner: CliRunner, tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_bytes(write_pairs(PAIRS, "jsonl"))
    glossary = tmp_path / "house.csv"
    glossary.write_text(CSV, encoding="utf-8")

    def codes(*extra: str) -> list[tuple[str, str]]:
        result = runner.invoke(main, ["check", str(batch), "--format", "json", *extra])
        assert result.exit_code in (0, 1), result.output
        return [(f["code"], f["rule"]) for f in json.loads(result.stdout)["documents"][0]["flags"]
                if f["severity"] != "info"]

    assert ("terminology", "glossary:Fiscalía") not in codes()
    assert ("terminology", "glossary:Fiscalía") in codes("--glossary", str(glossary))
