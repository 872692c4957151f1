"""`review check` for CI (JUnit, Markdown, baseline, progress, other input formats) and `review compare`."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from review.cli import INPUT_FORMATS, main
from review.core.formats import FORMATS, read_pairs, write_pairs
from review.core.model import DocumentPair, Text

DOCUMENTS = [
    ("lluvias", "Lluvias en Murcia", "Las lluvias afectaron a Murcia el lunes.\n\nLos servicios de emergencia atendieron 200 avisos.",
     "Rain in Murcia", "Rain hit Murcia on Monday.\n\nEmergency services handled 200 calls.",
     "Rains in Murcia", "Rains affected Murcia on Monday.\n\nEmergency services attended 200 calls."),
    ("metro", "El metro de Valencia amplía su horario", "El servicio funcionará hasta las dos de la madrugada.",
     "Valencia metro extends its hours", "The service will run until two in the morning.",
     "Valencia's metro extends its timetable", "The service will run until two in the morning."),
    ("prado", "El Prado restaura un Velázquez", "El museo presentó la obra restaurada el martes.",
     "The Prado restores a Velázquez", "The museum presented the restored work on Tuesday.",
     "The Prado restores a Velázquez", "The museum presented the restored painting on Tuesday."),
    ("puerto", "El puerto de Bilbao bate su récord", "El puerto movió 40 millones de toneladas en 2025.",
     "Bilbao port breaks its record", "The port handled 40 million tonnes in 2025.",
     "The port of Bilbao breaks its record", "The port moved 40 million tonnes in 2025."),
]
PAIRS = [DocumentPair(doc, Text(sh, sb), Text(th, tb), Text(rh, rb)) for doc, sh, sb, th, tb, rh, rb in DOCUMENTS]


def batch_file(tmp_path: Path, fmt: str = "jsonl", pairs: list[DocumentPair] = PAIRS, name: str = "batch") -> Path:
    suffix = {"xliff": ".xlf", "xliff2": ".xlf"}.get(fmt, f".{fmt}")
    path = tmp_path / f"{name}{suffix}"
    path.write_bytes(write_pairs(pairs, fmt))
    return path


def test_cli_input_formats_are_the_core_formats() -> None:
    assert INPUT_FORMATS == FORMATS


@pytest.mark.apertium
def test_junit_names_each_document_and_fails_with_flag_messages(runner: CliRunner, tmp_path: Path) -> None:
    gate = tmp_path / "gate.toml"
    gate.write_text("min_reference_chrf = 70\n")
    result = runner.invoke(main, ["check", str(batch_file(tmp_path)), "--gate", str(gate), "--format", "junit"])
    assert result.exit_code == 1, result.output
    root = ET.fromstring(result.stdout)
    cases = {case.get("name"): case for case in root.iter("testcase")}
    assert list(cases) == ["batch gate", "lluvias", "metro", "prado", "puerto"]
    failing = [name for name, case in cases.items() if case.find("failure") is not None]
    assert failing and "batch gate" not in failing and root.get("failures") == str(len(failing))
    for name in failing:
        assert cases[name].find("failure").get("message").startswith("reference chrF ")  # type: ignore[union-attr]
    assert "scored 4/4 documents" in result.stderr


@pytest.mark.apertium
@pytest.mark.parametrize("fmt", ["xliff", "xliff2", "tmx", "csv", "tsv"])
def test_check_reads_other_formats_like_jsonl(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    expected = runner.invoke(main, ["check", str(batch_file(tmp_path)), "--format", "json"])
    result = runner.invoke(main, ["check", str(batch_file(tmp_path, fmt)), "--format", "json"])
    assert result.exit_code == expected.exit_code == 0, result.output
    assert json.loads(result.stdout)["documents"] == json.loads(expected.stdout)["documents"]
    summary = json.loads(result.stdout)["summary"]
    assert summary["reference"]["documents"] == 4 and "bs:1000" in summary["reference"]["BLEU"]["signature"]


@pytest.mark.apertium
def test_markdown_summary_for_a_pull_request(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["check", str(batch_file(tmp_path)), "--format", "markdown"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "### ✅ review check passed: `batch.jsonl`"
    assert lines[2].startswith("| documents | words |") and lines[4].startswith("| 4 | ")
    assert sum(line.startswith("| `") for line in lines) == 4


@pytest.mark.apertium
def test_baseline_fails_only_on_a_significant_drop(runner: CliRunner, tmp_path: Path) -> None:
    batch = batch_file(tmp_path)
    first = runner.invoke(main, ["check", str(batch), "--format", "json"])
    assert first.exit_code == 0, first.output
    same = tmp_path / "same.json"
    same.write_text(first.stdout)
    rechecked = runner.invoke(main, ["check", str(batch), "--baseline", str(same), "--format", "json"])
    assert rechecked.exit_code == 0, rechecked.output
    assert json.loads(rechecked.stdout)["summary"]["baseline"]["paired"] is True
    better = json.loads(first.stdout)
    for number, document in enumerate(better["documents"]):
        document["id"] = f"old-{number}"
        document["scores"]["reference"]["chrF"] += 30 + number % 2
    better_path = tmp_path / "better.json"
    better_path.write_text(json.dumps(better))
    dropped = runner.invoke(main, ["check", str(batch), "--baseline", str(better_path)])
    assert dropped.exit_code == 1
    assert "significant drop in mean document reference chrF against the baseline" in dropped.stdout


def test_bad_baseline_is_bad_input_before_scoring(runner: CliRunner, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text('{"summary": {}}')
    result = runner.invoke(main, ["check", str(batch_file(tmp_path)), "--baseline", str(baseline)])
    assert result.exit_code == 2 and 'no "documents" list' in result.stderr and "scoring" not in result.stderr


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="es" target-language="en"
 datatype="plaintext" original="x"><body><trans-unit id="a"><source>&xxe;</source><target>t</target></trans-unit>
</body></file></xliff>"""
LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE tmx [
 <!ENTITY a "aaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<tmx version="1.4"><header srclang="es"/><body><tu><tuv xml:lang="es"><seg>&c;</seg></tuv></tu></body></tmx>"""


@pytest.mark.parametrize(("name", "data", "message"), [
    ("xxe.xlf", XXE, "line 2: (xml): external entity 'xxe' (SYSTEM 'file:///etc/passwd') refused"),
    ("laughs.tmx", LAUGHS, "line 3: (xml): entity declaration 'a' refused: DTD entities are not allowed"),
])
@pytest.mark.parametrize("command", ["check", "import"])
def test_unsafe_xml_is_refused_with_exit_2(runner: CliRunner, tmp_path: Path, name: str, data: bytes, message: str,
                                           command: str) -> None:
    if command == "import":
        assert runner.invoke(main, ["db", "upgrade"]).exit_code == 0
    path = tmp_path / name
    path.write_bytes(data)
    result = runner.invoke(main, [command, str(path)])
    assert result.exit_code == 2 and message in result.stderr
    assert result.stdout == "" or "nothing was imported" in result.stderr


def test_unknown_extension_needs_input_format(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "batch.txt"
    path.write_bytes(write_pairs(PAIRS, "tsv"))
    result = runner.invoke(main, ["check", str(path)])
    assert result.exit_code == 2 and "--input-format" in result.stderr
    bad = runner.invoke(main, ["check", str(path), "--input-format", "csv"])  # a TSV read as CSV lacks its columns
    assert bad.exit_code == 2 and "line 1: (header): missing column(s)" in bad.stderr


def test_import_reads_xliff_and_refuses_a_bad_tsv_whole(runner: CliRunner, tmp_path: Path) -> None:
    assert runner.invoke(main, ["db", "upgrade"]).exit_code == 0
    bad = tmp_path / "bad.tsv"
    bad.write_bytes(write_pairs(PAIRS, "tsv") + b"extra\tuno\n")
    result = runner.invoke(main, ["import", str(bad)])
    assert result.exit_code == 2 and "row 10: expected 4 cells" in result.stderr and "nothing was imported" in result.stderr
    imported = runner.invoke(main, ["import", str(batch_file(tmp_path, "xliff2"))])
    assert imported.exit_code == 0 and "4 new documents queued" in imported.stdout
    again = runner.invoke(main, ["import", str(batch_file(tmp_path, "tmx")), "--batch-name", "batch"])
    assert again.exit_code == 0 and "0 new documents queued, 4 already imported" in again.stdout


def degraded(pairs: list[DocumentPair]) -> list[DocumentPair]:
    """The same documents with a much worse English: first and last words of each field only."""
    def worse(text: str) -> str:
        return "\n\n".join(" ".join(p.split()[:1] + p.split()[-1:]) for p in text.split("\n\n"))
    return [DocumentPair(p.id, p.source, Text(worse(p.target.headline), worse(p.target.body)), p.reference) for p in pairs]


MANY = [DocumentPair(f"{p.id}-{n}", p.source, p.target, p.reference) for n in range(5) for p in PAIRS]


@pytest.mark.parametrize("test", ["bs", "ar"])
def test_compare_prints_the_better_rendering_and_significance(runner: CliRunner, tmp_path: Path, test: str) -> None:
    a = batch_file(tmp_path, "jsonl", degraded(MANY), "mt")
    b = batch_file(tmp_path, "csv", MANY, "translator")
    result = runner.invoke(main, ["compare", str(a), str(b), "--test", test])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[2].startswith("45 segments")  # 20 headlines, 5 two-paragraph bodies, 15 one-paragraph
    assert [line.split()[0] for line in lines[3:]] == ["BLEU", "chrF", "TER"]
    assert all("B is better, significant (p = " in line for line in lines[3:])
    as_json = json.loads(runner.invoke(main, ["compare", str(b), str(a), "--format", "json"]).stdout)
    assert [(m["metric"], m["better"], m["significant"]) for m in as_json["metrics"]] == \
        [("BLEU", "A", True), ("chrF", "A", True), ("TER", "A", True)]


def test_compare_refuses_batches_of_different_documents(runner: CliRunner, tmp_path: Path) -> None:
    a = batch_file(tmp_path, "jsonl", MANY, "a")
    b = batch_file(tmp_path, "jsonl", MANY[:-1], "b")
    result = runner.invoke(main, ["compare", str(a), str(b)])
    assert result.exit_code == 2 and "only in A ['puerto-4']" in result.stderr
    no_reference = batch_file(tmp_path, "jsonl", [DocumentPair(p.id, p.source, p.target) for p in MANY], "c")
    result = runner.invoke(main, ["compare", str(no_reference), str(no_reference)])
    assert result.exit_code == 2 and "neither batch carries references" in result.stderr


def test_written_test_batches_read_back() -> None:
    for fmt in FORMATS:
        assert read_pairs(write_pairs(PAIRS, fmt), fmt) == PAIRS
