"""Word-level differences between two renderings, for the revision diff view."""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class DiffPiece:
    kind: str  # "same", "removed" or "added"
    text: str


def word_diff(old: str, new: str) -> list[DiffPiece]:
    """Pieces that rebuild `old` from the same+removed ones and `new` from the same+added ones."""
    old_tokens, new_tokens = _TOKENS.findall(old), _TOKENS.findall(new)
    pieces: list[DiffPiece] = []
    matcher = SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(DiffPiece("same", "".join(old_tokens[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(DiffPiece("removed", "".join(old_tokens[i1:i2])))
        if j2 > j1:
            pieces.append(DiffPiece("added", "".join(new_tokens[j1:j2])))
    return pieces
