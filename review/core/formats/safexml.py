"""Safe XML intake: refuse entity declarations (external entities, entity-expansion bombs) before any parser
that might honour them sees the document, and turn syntax errors into line-numbered batch errors.

lxml parses here with entity resolution, DTD loading and network access off, so nothing is fetched or
expanded even while we look; a document type declaration without entities (TMX's `<!DOCTYPE tmx SYSTEM
"tmx14.dtd">`) is allowed and not loaded.
"""
from __future__ import annotations

import re

from lxml import etree

from review.core.formats.importing import BatchError, RecordError


def safe_root(data: bytes) -> etree._Element:
    """The parsed root element; BatchError if the XML is malformed or declares any entity."""
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or 0
        raise BatchError([RecordError(line, "(xml)", f"not well-formed XML: {exc.msg}")]) from None
    dtd = root.getroottree().docinfo.internalDTD
    problems = []
    for entity in dtd.iterentities() if dtd is not None else ():
        line = _declaration_line(data, entity.name)
        if entity.system_url:
            problems.append(RecordError(line, "(xml)", f"external entity {entity.name!r} (SYSTEM {entity.system_url!r}) "
                                                       "refused: XML external entities (XXE) are not allowed"))
        else:
            problems.append(RecordError(line, "(xml)", f"entity declaration {entity.name!r} refused: DTD entities are "
                                                       "not allowed (entity-expansion bomb protection)"))
    if problems:
        raise BatchError(problems)
    return root


def _declaration_line(data: bytes, name: str) -> int:
    """1-based line of `<!ENTITY [%] name` in the raw bytes (1 if not found, e.g. in UTF-16)."""
    match = re.search(rb"<!ENTITY\s+(?:%\s+)?" + re.escape(name.encode("utf-8")) + rb"\s", data)
    return data[:match.start()].count(b"\n") + 1 if match else 1
