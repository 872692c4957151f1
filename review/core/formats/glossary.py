"""The newsroom's glossary in: TBX (through translate-toolkit, after the safe-XML check) or CSV, into GlossaryTerms.

A TBX term entry gives its Spanish and English terms in langSets marked xml:lang es and en (any order, regional
variants such as es-ES allowed) and may carry a <note>. A CSV has the columns source, target and optionally note
(a header row naming them is optional). Every problem is reported with its line, as BatchError, and nothing is
returned unless the whole file is valid.
"""
from __future__ import annotations

import csv
import io

from lxml import etree
from translate.storage import tbx

from review.core.formats.importing import BatchError, RecordError
from review.core.formats.safexml import safe_root
from review.core.model import GlossaryTerm

GLOSSARY_FORMATS = ("tbx", "csv")
MAX_TERM = 300
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def glossary_format(name: str) -> str:
    """The glossary format named by a file name's extension (.tbx, .csv); ValueError otherwise."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in GLOSSARY_FORMATS:
        raise ValueError(f"cannot tell the glossary format of {name!r}: use .tbx or .csv, or name the format")
    return suffix


def read_glossary(data: bytes, fmt: str) -> list[GlossaryTerm]:
    """Validated terms, in file order (a later entry for the same Spanish term replaces an earlier one)."""
    if fmt not in GLOSSARY_FORMATS:
        raise ValueError(f"unknown glossary format {fmt!r}: use one of {', '.join(GLOSSARY_FORMATS)}")
    found = _tbx(data) if fmt == "tbx" else _csv(data)
    errors = [error for error in found if isinstance(error, RecordError)]
    if errors:
        raise BatchError(errors)
    terms = {term.source: term for term in found if isinstance(term, GlossaryTerm)}
    return list(terms.values())


def _tbx(data: bytes) -> list[GlossaryTerm | RecordError]:
    safe_root(data)  # entity declarations refused, syntax errors with their line
    try:
        store = tbx.tbxfile.parsestring(data)
    except (ValueError, AssertionError, etree.XMLSyntaxError) as error:
        return [RecordError(1, "(xml)", f"not a readable TBX document: {error}")]
    found: list[GlossaryTerm | RecordError] = []
    for unit in store.units:
        element = unit.xmlelement
        terms = {_language(lang_set): _term(lang_set) for lang_set in element.iter("{*}langSet", "langSet")}
        note = " ".join(text.strip() for text in element.xpath("./*[local-name()='note']/text()") if text.strip())
        found.append(_checked(element.sourceline or 0, terms.get("es", ""), terms.get("en", ""), note))
    return found


def _language(lang_set: etree._Element) -> str:
    return (lang_set.get(XML_LANG) or lang_set.get("lang") or "").split("-")[0].split("_")[0].lower()


def _term(lang_set: etree._Element) -> str:
    term = next(iter(lang_set.xpath(".//*[local-name()='term']")), None)
    return "".join(term.itertext()).strip() if term is not None else ""


def _csv(data: bytes) -> list[GlossaryTerm | RecordError]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return [RecordError(1, "(file)", f"not UTF-8: {error}")]
    found: list[GlossaryTerm | RecordError] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if line == 1 and [cell.strip().lower() for cell in row[:2]] == ["source", "target"]:
                continue  # a header
            if len(row) not in (2, 3):
                found.append(RecordError(line, "(row)", f"expected source,target[,note]: {len(row)} columns"))
                continue
            found.append(_checked(line, row[0].strip(), row[1].strip(), row[2].strip() if len(row) == 3 else ""))
    except csv.Error as error:
        found.append(RecordError(reader.line_num, "(row)", f"not readable CSV: {error}"))
    return found


def _checked(line: int, source: str, target: str, note: str) -> GlossaryTerm | RecordError:
    for name, value in (("source", source), ("target", target)):
        if not value:
            return RecordError(line, name, "missing: a term needs its Spanish (es) and its English (en)")
        if len(value) > MAX_TERM or any(ord(ch) < 32 for ch in value):
            return RecordError(line, name, f"at most {MAX_TERM} characters, no control characters")
    return GlossaryTerm(source, target, note)
