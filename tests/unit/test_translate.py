"""Apertium adapter: one process per call, line-count check, clear errors; one real run."""
from __future__ import annotations

import stat
from pathlib import Path

import pytest

from review.core.text.translate import ApertiumTranslator, TranslationError


def fake_binary(tmp_path: Path, script: str) -> str:
    path = tmp_path / "fake-apertium"
    path.write_text("#!/bin/sh\n" + script + "\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return str(path)


def test_empty_input_starts_no_process() -> None:
    assert ApertiumTranslator(binary="/nonexistent/apertium").translate([]) == []


def test_missing_binary_says_how_to_install() -> None:
    with pytest.raises(TranslationError, match="apt-get install apertium-eng-spa"):
        ApertiumTranslator(binary="/nonexistent/apertium").translate(["Hola."])


def test_one_process_gets_all_lines_with_inner_newlines_flattened(tmp_path: Path) -> None:
    log = tmp_path / "calls"
    binary = fake_binary(tmp_path, f'echo "$@" >> {log}; cat')
    assert ApertiumTranslator(binary=binary).translate(["Uno\ndos.", "Tres."]) == ["Uno dos.", "Tres."]
    assert log.read_text() == "-u spa-eng\n"


def test_wrong_line_count_and_failure_raise(tmp_path: Path) -> None:
    with pytest.raises(TranslationError, match="returned 1 lines for 2"):
        ApertiumTranslator(binary=fake_binary(tmp_path, "head -n 1")).translate(["a", "b"])
    with pytest.raises(TranslationError, match="boom"):
        ApertiumTranslator(binary=fake_binary(tmp_path, "echo boom >&2; exit 3")).translate(["a"])


@pytest.mark.apertium
def test_real_apertium_translates_to_english(apertium: ApertiumTranslator) -> None:
    lines = ["El presidente de Perú descartó la medida.", "", "La lluvia llegará el jueves."]
    output = apertium.translate(lines)
    assert len(output) == 3
    assert "president" in output[0].lower() and "Peru" in output[0]
    assert output[1].strip() == ""
    assert "Thursday" in output[2]
