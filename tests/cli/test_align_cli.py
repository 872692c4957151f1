"""`review align SRC TGT [--presegmented] [--json] [--mt FILE]`: the JSON contract, raw text, exit codes."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from review.cli import main

SOURCE = [
    "El presidente de Perú descartó el corredor humanitario.",
    "La medida costará 1,2 millones de euros al año.",
    "Los sindicatos criticaron la decisión del Gobierno.",
    "Se esperan fuertes lluvias en la costa el jueves.",
]
MT = [
    "The president of Peru ruled out the humanitarian corridor.",
    "The measure will cost 1,2 million euros a year.",
    "The unions criticised the decision of the government.",
    "Strong rains are expected in the coast on Thursday.",
]
TARGET = [
    "Peru's president ruled out the humanitarian corridor.",
    "Unions criticised the government's decision.",
    "Heavy rain is expected on the coast on Thursday.",
    "The opposition party has called for early elections next spring.",
]


def write(path: Path, lines: list[str], separator: str = "\n") -> Path:
    path.write_text(separator.join(lines) + "\n", encoding="utf-8")
    return path


def run(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["align", *map(str, args)])
    return result.exit_code, result.output


def test_presegmented_json_follows_the_contract(tmp_path: Path) -> None:
    code, output = run(write(tmp_path / "src", SOURCE), write(tmp_path / "tgt", TARGET), "--presegmented", "--json",
                       "--mt", write(tmp_path / "mt", MT))
    assert code == 0, output
    links = json.loads(output)["links"]
    assert [(link["src"], link["tgt"]) for link in links] == [([0], [0]), ([1], []), ([2], [1]), ([3], [2]), ([], [3])]
    assert all(set(link) == {"src", "tgt", "score"} and 0 <= link["score"] <= 1 for link in links)


def test_raw_text_is_segmented_and_the_sentences_are_returned(tmp_path: Path) -> None:
    source = write(tmp_path / "src", [" ".join(SOURCE[:2]), " ".join(SOURCE[2:])])
    target = write(tmp_path / "tgt", [" ".join(TARGET[:3])], separator="\n\n")
    mt = write(tmp_path / "mt", [" ".join(MT[:2]), " ".join(MT[2:])])
    code, output = run(source, target, "--json", "--mt", mt)
    assert code == 0, output
    result = json.loads(output)
    assert result["source"] == SOURCE and result["target"] == TARGET[:3]
    assert [(link["src"], link["tgt"]) for link in result["links"]] == [([0], [0]), ([1], []), ([2], [1]), ([3], [2])]


def test_text_output_lists_each_link(tmp_path: Path) -> None:
    code, output = run(write(tmp_path / "src", SOURCE), write(tmp_path / "tgt", TARGET[:3]), "--presegmented",
                       "--mt", write(tmp_path / "mt", MT))
    assert code == 0, output
    rows = [line.split("\t") for line in output.splitlines()]
    assert [row[:3] for row in rows] == [["1-1", "0", "0"], ["1-0", "1", "-"], ["1-1", "2", "1"], ["1-1", "3", "2"]]
    assert rows[1][4] == SOURCE[1] and rows[1][5] == ""


@pytest.mark.parametrize(
    ("mt_lines", "message"),
    [(MT[:3], "--mt has 3 lines for 4 source lines")],
)
def test_bad_input_exits_2(tmp_path: Path, mt_lines: list[str], message: str) -> None:
    code, output = run(write(tmp_path / "src", SOURCE), write(tmp_path / "tgt", TARGET), "--presegmented",
                       "--mt", write(tmp_path / "mt", mt_lines))
    assert code == 2 and message in output


def test_a_file_that_is_not_utf8_exits_2(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.write_bytes("Perú\n".encode("latin-1"))
    code, output = run(source, write(tmp_path / "tgt", TARGET), "--presegmented", "--mt", write(tmp_path / "mt", MT[:1]))
    assert code == 2 and "UTF-8" in output


@pytest.mark.apertium
def test_without_mt_apertium_translates_the_source(tmp_path: Path) -> None:
    code, output = run(write(tmp_path / "src", SOURCE), write(tmp_path / "tgt", TARGET[:3]), "--presegmented", "--json")
    assert code == 0, output
    assert [(link["src"], link["tgt"]) for link in json.loads(output)["links"]] == \
        [([0], [0]), ([1], []), ([2], [1]), ([3], [2])]
