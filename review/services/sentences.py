"""Sentence-by-sentence editing: the aligned grid sends each English sentence it shows (by its character span in
the revision it was loaded from) and any sentence written into an omission's empty cell; this composes the whole
headline and body from them and saves one revision, as the whole-text editor does.

Grid form fields: `s-FIELD-START-END` replaces the sentence [START, END) of FIELD (empty: the sentence is
deleted); `o-FIELD-AT-before|after` inserts a new sentence at offset AT, before or after the neighbouring text.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from review.core.model import FIELDS
from review.core.workflow import InvalidRequest
from review.db.models import Revision, User
from review.services.editing import SavedRevision, save_revision
from review.services.errors import NotFound

_NAME = re.compile(r"^(?:s-(headline|body)-(\d{1,9})-(\d{1,9})|o-(headline|body)-(\d{1,9})-(before|after))$")
_SPACES = " \t"


@dataclass(frozen=True)
class SentenceEdit:
    """Replace [start, end) of a field with text (start == end with where set: insert a new sentence)."""

    field: str
    start: int
    end: int
    text: str
    where: str | None = None  # "before" / "after" the neighbouring text, for an inserted sentence


def parse_edits(form: Mapping[str, str]) -> list[SentenceEdit]:
    """The grid's fields (other fields, such as the CSRF token, are ignored)."""
    edits = []
    for name, value in form.items():
        match = _NAME.match(name)
        if match is None:
            continue
        if match.group(1):
            edits.append(SentenceEdit(match.group(1), int(match.group(2)), int(match.group(3)), value))
        else:
            edits.append(SentenceEdit(match.group(4), int(match.group(5)), int(match.group(5)), value,
                                      match.group(6)))
    return edits


def compose(text: str, edits: list[SentenceEdit]) -> str:
    """`text` with the edits of its field applied. Spans must lie inside the text and not overlap."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    for edit in ordered:
        if not 0 <= edit.start <= edit.end <= len(text):
            raise InvalidRequest(f"a sentence at [{edit.start}, {edit.end}) lies outside the {edit.field}; reload")
    for before, after in zip(ordered, ordered[1:]):
        if after.start < before.end:
            raise InvalidRequest("two edited sentences overlap; reload the item")
    for edit in reversed(_merged_insertions(ordered)):
        text = _apply(text, edit)
    return text


def _merged_insertions(ordered: list[SentenceEdit]) -> list[SentenceEdit]:
    """New sentences for the same place become one insertion, in the order they were given."""
    merged: list[SentenceEdit] = []
    for edit in ordered:
        last = merged[-1] if merged else None
        if last is not None and edit.where is not None and (last.start, last.where) == (edit.start, edit.where):
            merged[-1] = SentenceEdit(last.field, last.start, last.end, f"{last.text} {edit.text}", last.where)
        else:
            merged.append(edit)
    return merged


def _apply(text: str, edit: SentenceEdit) -> str:
    new = " ".join(edit.text.split())  # a sentence is one line: the grid never splits a paragraph
    if edit.where is not None:
        if not new:
            return text
        glued = f" {new}" if edit.where == "after" else f"{new} "
        if not text.strip():
            glued = new
        return text[:edit.start] + glued + text[edit.start:]
    start, end = edit.start, edit.end
    if not new:  # deleted: take the white space on one side with it, so no double space is left
        if end < len(text) and text[end] in _SPACES:
            while end < len(text) and text[end] in _SPACES:
                end += 1
        else:
            while start > 0 and text[start - 1] in _SPACES:
                start -= 1
    return text[:start] + new + text[end:]


def save_sentences(session: Session, document_id: int, user: User, edits: list[SentenceEdit], base_number: int,
                   note: str = "", lease: timedelta | None = None) -> SavedRevision:
    """Compose the edited headline and body from revision `base_number` and save them as the next revision
    (an EditConflict when someone saved in between, with the composed text, so nothing typed is lost)."""
    base = session.scalar(select(Revision).where(Revision.document_id == document_id,
                                                 Revision.number == base_number))
    if base is None:
        raise NotFound(f"document {document_id} has no revision {base_number}")
    texts = {"headline": base.target_headline, "body": base.target_body}
    composed = {name: compose(texts[name], [e for e in edits if e.field == name]) for name in FIELDS}
    return save_revision(session, document_id, user, composed["headline"], composed["body"], base_number, note,
                         lease)
