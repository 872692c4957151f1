"""Composing a field from the aligned grid's sentence edits (review.services.sentences, pure functions)."""
from __future__ import annotations

import pytest

from review.core.workflow import InvalidRequest
from review.services.sentences import SentenceEdit, compose, parse_edits

BODY = "First one. Second one.\n\nThird one."


@pytest.mark.parametrize(("edits", "expected"), [
    ([SentenceEdit("body", 0, 10, "The first.")], "The first. Second one.\n\nThird one."),
    ([SentenceEdit("body", 0, 10, "A."), SentenceEdit("body", 24, 34, "C.")], "A. Second one.\n\nC."),
    ([SentenceEdit("body", 11, 22, "")], "First one.\n\nThird one."),
    ([SentenceEdit("body", 0, 10, "")], "Second one.\n\nThird one."),
    ([SentenceEdit("body", 22, 22, "Added.", "after")], "First one. Second one. Added.\n\nThird one."),
    ([SentenceEdit("body", 24, 24, "Opening.", "before")], "First one. Second one.\n\nOpening. Third one."),
    ([SentenceEdit("body", 24, 24, "  ", "before")], BODY),
    ([SentenceEdit("body", 0, 10, "Split\nover lines.")], "Split over lines. Second one.\n\nThird one."),
])
def test_compose_applies_each_sentence(edits: list[SentenceEdit], expected: str) -> None:
    assert compose(BODY, edits) == expected


def test_compose_into_an_empty_field() -> None:
    assert compose("", [SentenceEdit("headline", 0, 0, "Now written.", "after")]) == "Now written."
    assert compose("", [SentenceEdit("body", 0, 0, "One.", "after"), SentenceEdit("body", 0, 0, "Two.", "after")]) \
        == "One. Two."


@pytest.mark.parametrize("edits", [
    [SentenceEdit("body", 0, 99, "x")],
    [SentenceEdit("body", 0, 12, "x"), SentenceEdit("body", 11, 22, "y")],
])
def test_compose_refuses_spans_it_cannot_place(edits: list[SentenceEdit]) -> None:
    with pytest.raises(InvalidRequest):
        compose(BODY, edits)


def test_parse_edits_reads_only_grid_fields() -> None:
    form = {"csrf_token": "t", "base_revision": "1", "s-body-0-10": "A.", "o-headline-5-after": "B.",
            "s-lede-0-1": "ignored", "s-body-1-x": "ignored"}
    assert parse_edits(form) == [SentenceEdit("body", 0, 10, "A."), SentenceEdit("headline", 5, 5, "B.", "after")]
