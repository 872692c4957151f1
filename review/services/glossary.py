"""The newsroom's glossary in the database: imported from TBX or CSV, listed, and handed to the detectors.

Terms are unique by their Spanish form; importing a term again replaces its English and note. Scoring reads
the glossary before each document (`load_glossary`, then review.core.flags.rulebook.use_glossary), so an import
takes effect on the next document scored, without restarting the workers.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from review.core.formats.glossary import read_glossary
from review.core.model import GlossaryTerm
from review.db.models import GlossaryTerm as GlossaryRow
from review.db.models import utcnow


@dataclass(frozen=True)
class GlossaryImport:
    """What an import did: terms added, terms whose English or note changed, terms kept as they were."""

    added: int
    changed: int
    unchanged: int


def import_glossary(session: Session, data: bytes, fmt: str, replace_all: bool = False) -> GlossaryImport:
    """Validate the whole file (BatchError naming each bad line), then store its terms; with replace_all the
    glossary becomes exactly the file's terms."""
    return store_terms(session, read_glossary(data, fmt), replace_all)


def store_terms(session: Session, terms: Sequence[GlossaryTerm], replace_all: bool = False) -> GlossaryImport:
    existing = {row.source: row for row in session.scalars(select(GlossaryRow))}
    if replace_all:
        keep = {term.source for term in terms}
        session.execute(delete(GlossaryRow).where(GlossaryRow.source.not_in(keep)))
    added = changed = unchanged = 0
    for term in terms:
        row = existing.get(term.source)
        if row is None:
            session.add(GlossaryRow(source=term.source, target=term.target, note=term.note or None))
            added += 1
        elif (row.target, row.note or "") != (term.target, term.note):
            row.target, row.note, row.updated_at = term.target, term.note or None, utcnow()
            changed += 1
        else:
            unchanged += 1
    session.flush()
    return GlossaryImport(added, changed, unchanged)


def load_glossary(session: Session) -> tuple[GlossaryTerm, ...]:
    """Every term, by Spanish form."""
    return tuple(GlossaryTerm(row.source, row.target, row.note or "")
                 for row in session.scalars(select(GlossaryRow).order_by(GlossaryRow.source)))
