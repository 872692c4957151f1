"""CSV and TSV through translate-toolkit's csvl10n store: a header row, then one unit per row.

Columns: id, source, target and an optional reference (an empty reference cell means none). The
header is required, other columns are refused, and cells may hold line breaks when quoted. Formula-
looking cells are written as they are (no spreadsheet escaping), so files read back unchanged.
"""
from __future__ import annotations

import csv
import io
from typing import Any

from translate.storage import csvl10n

from review.core.formats.importing import BOM, BatchError, RecordError
from review.core.formats.units import Unit

COLUMNS = ("id", "source", "target", "reference")
REQUIRED = ("id", "source", "target")
DIALECTS = {"csv": "excel", "tsv": "excel-tab"}


class _Row(csvl10n.csvunit):
    """A csvl10n unit that also carries the reference column and notices short or long rows."""

    def __init__(self, source: str | None = None) -> None:
        super().__init__(source)
        self.reference: str | None = None
        self.ragged = False

    def fromdict(self, cedict: dict[str | None, Any], encoding: str = "utf-8") -> None:
        super().fromdict(cedict, encoding)
        self.ragged = csvl10n.EXTRA_KEY in cedict or any(value is None for value in cedict.values())
        self.reference = cedict.get("reference") or None

    def todict(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().todict(**kwargs), "reference": self.reference or ""}


class _Table(csvl10n.csvfile):
    UnitClass = _Row


def read_table(data: bytes, kind: str) -> list[Unit]:
    """Units from CSV (kind "csv") or TSV ("tsv") bytes; BatchError with line numbers on bad rows."""
    if data.startswith(BOM):
        data = data[len(BOM):]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise BatchError([RecordError(line, "(csv)", f"not valid UTF-8 (byte {exc.start})")]) from None
    header = next(csv.reader(data.decode("utf-8").splitlines()[:1], dialect=DIALECTS[kind]), [])
    missing = [column for column in REQUIRED if column not in header]
    unknown = [column for column in header if column not in COLUMNS]
    if missing or unknown:
        problems = ([f"missing column(s) {', '.join(missing)}"] if missing else []) + \
                   ([f"unknown column(s) {', '.join(unknown)}"] if unknown else [])
        raise BatchError([RecordError(1, "(header)", "; ".join(problems) + f" (columns: {', '.join(COLUMNS)}; "
                                                                             "reference is optional)")])
    store = _Table(fieldnames=list(COLUMNS), encoding="utf-8")
    try:
        store.parse(data, dialect=DIALECTS[kind])
    except csv.Error as exc:  # e.g. a cell above the csv module's field size limit (131,072 characters)
        raise BatchError([RecordError(_failing_line(data.decode("utf-8"), kind), "(csv)", str(exc))]) from None
    units: list[Unit] = []
    errors: list[RecordError] = []
    previous_end = 1
    for number, row in enumerate(store.units, start=1):
        line = previous_end + 1
        previous_end = row._line_number
        if row.ragged:
            errors.append(RecordError(line, f"row {number}", f"expected {len(header)} cells as in the header"))
            continue
        units.append(Unit(number, line, row.id, row.source, row.target, row.reference))
    if errors:
        raise BatchError(errors)
    return units


def _failing_line(text: str, kind: str) -> int:
    """The line at which the csv module gives up on `text` (1 if it does not)."""
    reader = csv.reader(io.StringIO(text), dialect=DIALECTS[kind])
    try:
        for _row in reader:
            pass
    except csv.Error:
        return max(reader.line_num, 1)
    return 1


def write_table(units: list[Unit], kind: str) -> bytes:
    """CSV or TSV bytes with the header id, source, target, reference."""
    store = _Table(fieldnames=list(COLUMNS), encoding="utf-8")
    store.dialect = DIALECTS[kind]
    for unit in units:
        row = store.addsourceunit(unit.source)
        row.id, row.target, row.reference = unit.id, unit.target, unit.reference
    return bytes(store)
