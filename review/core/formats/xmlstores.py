"""XLIFF 1.2, XLIFF 2.0 and TMX through translate-toolkit's stores, to and from translation units.

Languages must be Spanish (es, es-ES, ...) to English (en, en-GB, ...). The reference, which these
formats have no slot for, travels as a note: XLIFF 1.2 `<note from="reference">`, XLIFF 2.0
`<note category="reference">`, TMX `<prop type="x-reference">`. Unit ids are XLIFF `id` and TMX `tuid`
(or, without one, the `x-context` prop that translate-toolkit's po2tmx writes from msgctxt).
Every document passes review.core.formats.safexml first; translate-toolkit then parses it again with
its own safe parser.
"""
from __future__ import annotations

from lxml import etree
from translate.storage import tmx, xliff, xliff2

from review.core.formats.importing import BatchError, RecordError
from review.core.formats.safexml import safe_root
from review.core.formats.units import Unit

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XLIFF2_NAMESPACE = "urn:oasis:names:tc:xliff:document:2.0"
REFERENCE = "reference"
TMX_REFERENCE = "x-reference"


XLIFF12_NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"


class Xliff12Unit(xliff.xliffunit):
    namespace = XLIFF12_NAMESPACE


class Xliff12File(xliff.xlifffile):
    """translate-toolkit writes XLIFF 1.1 by default; this writes the same store as XLIFF 1.2."""

    UnitClass = Xliff12Unit
    namespace = XLIFF12_NAMESPACE
    XMLskeleton = xliff.xlifffile.XMLskeleton.replace("1.1", "1.2")


def read_xliff(data: bytes) -> list[Unit]:
    """Units of an XLIFF 1.x or 2.0 document (the version is read from the root element)."""
    root = safe_root(data)
    if etree.QName(root).localname != "xliff":
        raise BatchError([RecordError(root.sourceline or 1, "(xml)", f"root element is <{etree.QName(root).localname}>, "
                                                                     "not <xliff>")])
    version2 = root.get("version", "").startswith("2") or etree.QName(root).namespace == XLIFF2_NAMESPACE
    errors: list[RecordError] = []
    if version2:
        _check_language(root, "srcLang", "es", errors)
        _check_language(root, "trgLang", "en", errors, required=False)
        store = _parse(xliff2.Xliff2File, data)
    else:
        for file_node in (node for node in root if etree.QName(node).localname == "file"):
            _check_language(file_node, "source-language", "es", errors)
            _check_language(file_node, "target-language", "en", errors, required=False)
        store = _parse(xliff.xlifffile, data)
    if errors:
        raise BatchError(errors)
    return [Unit(number, unit.xmlelement.sourceline or 0, unit.getid() if version2 else unit.xmlelement.get("id", ""),
                 unit.source or "", unit.target or "",
                 _reference(unit.getunitelement(), "category") if version2 else _reference(unit.xmlelement, "from"))
            for number, unit in enumerate((u for u in store.units if not u.isheader()), start=1)]


def write_xliff(units: list[Unit], version: str = "1.2") -> bytes:
    """An XLIFF 1.2 or 2.0 document with one unit per Unit, es -> en."""
    store = Xliff12File(sourcelanguage="es", targetlanguage="en") if version == "1.2" else \
        xliff2.Xliff2File(sourcelanguage="es", targetlanguage="en")
    for unit in units:
        written = store.addsourceunit(unit.source)
        written.setid(unit.id)
        written.target = unit.target
        if unit.reference is None:
            continue
        if version == "1.2":
            written.addnote(unit.reference, origin=REFERENCE)
        else:  # XLIFF 2.0 puts <notes> first in <unit>; translate-toolkit's addnote writes them into <segment>
            notes = etree.Element(f"{{{XLIFF2_NAMESPACE}}}notes")
            etree.SubElement(notes, f"{{{XLIFF2_NAMESPACE}}}note", category=REFERENCE).text = unit.reference
            written.getunitelement().insert(0, notes)
    return bytes(store)


def read_tmx(data: bytes) -> list[Unit]:
    """Units of a TMX document: the first es variant is the source, the first en variant the target."""
    root = safe_root(data)
    if etree.QName(root).localname != "tmx":
        raise BatchError([RecordError(root.sourceline or 1, "(xml)", f"root element is <{etree.QName(root).localname}>, "
                                                                     "not <tmx>")])
    store = _parse(tmx.tmxfile, data)
    units: list[Unit] = []
    errors: list[RecordError] = []
    for number, unit in enumerate(store.units, start=1):
        element = unit.xmlelement
        variants: dict[str, str] = {}
        for node in unit.getlanguageNodes():
            language = _base_language(node.get(XML_LANG) or node.get("lang") or "")
            variants.setdefault(language, unit.getNodeText(node) or "")
        line = element.sourceline or 0
        if "es" not in variants:
            errors.append(RecordError(line, f"unit {number}", f"no Spanish (es) variant; languages: "
                                                              f"{', '.join(sorted(variants)) or 'none'}"))
            continue
        reference = element.find(f"prop[@type='{TMX_REFERENCE}']")
        units.append(Unit(number, line, element.get("tuid") or unit.getcontext(), variants["es"], variants.get("en", ""),
                          None if reference is None else reference.text or ""))
    if errors:
        raise BatchError(errors)
    return units


def write_tmx(units: list[Unit]) -> bytes:
    """A TMX 1.4 document, es -> en, with tuid = unit id and the reference as a prop."""
    store = tmx.tmxfile(sourcelanguage="es", targetlanguage="en")
    for unit in units:
        written = store.addsourceunit(unit.source, "es")
        written.settarget(unit.target, "en", append=True)
        written.xmlelement.set("tuid", unit.id)
        if unit.reference is not None:
            prop = etree.Element("prop", type=TMX_REFERENCE)
            prop.text = unit.reference
            written.xmlelement.insert(0, prop)  # TMX order: note*, prop*, tuv+
    return bytes(store)


def _parse(store_class: type, data: bytes):  # type: ignore[no-untyped-def]
    try:
        return store_class.parsestring(data)
    except (ValueError, AssertionError, etree.XMLSyntaxError) as exc:
        raise BatchError([RecordError(1, "(xml)", f"not a readable {store_class.__name__} document: {exc}")]) from None


def _reference(element: etree._Element, attribute: str) -> str | None:
    """Text of the first <note> under element whose attribute is "reference" (None if there is none)."""
    for node in element.iter():
        if isinstance(node.tag, str) and etree.QName(node).localname == "note" and node.get(attribute) == REFERENCE:
            return "".join(node.itertext())
    return None


def _check_language(node: etree._Element, attribute: str, expected: str, errors: list[RecordError],
                    required: bool = True) -> None:
    value = node.get(attribute)
    if value is None and not required:
        return
    if _base_language(value or "") != expected:
        errors.append(RecordError(node.sourceline or 1, attribute, f"must be {expected!r} (or a regional variant), "
                                                                   f"got {value!r}"))


def _base_language(code: str) -> str:
    return code.replace("_", "-").split("-")[0].lower()
