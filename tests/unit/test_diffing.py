"""Word diff: pieces rebuild both texts, and changes are at word granularity."""
from __future__ import annotations

import pytest

from review.core.text.diffing import word_diff


@pytest.mark.parametrize("old, new", [
    ("Peruvian President Dismisses Kast's Proposal", "Peru's president rules out Kast's corridor"),
    ("", "new text"), ("old text", ""), ("same", "same"), ("a b c", "a x c"),
])
def test_pieces_rebuild_both_sides(old: str, new: str) -> None:
    pieces = word_diff(old, new)
    assert "".join(p.text for p in pieces if p.kind != "added") == old
    assert "".join(p.text for p in pieces if p.kind != "removed") == new


def test_changed_word_is_marked() -> None:
    pieces = word_diff("He dismisses the plan", "He demolished the plan")
    assert [(p.kind, p.text) for p in pieces if p.kind != "same"] == [("removed", "dismisses"), ("added", "demolished")]
