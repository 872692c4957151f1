"""Numbers read from query strings and forms, bounded as the `id` route converter bounds path ids.

Use as `request.args.get("page", 1, type=positive_int)`: werkzeug returns the default when the type raises
ValueError, so an absurd number (beyond 32 bits, negative, not a number) reads as absent instead of
overflowing the database driver.
"""
from __future__ import annotations

from review.web.converters import MAX_ID


def positive_int(text: str) -> int:
    """A whole number from 1 to MAX_ID (2**31 - 1); ValueError otherwise."""
    if not text.isascii() or not text.isdigit() or len(text) > len(str(MAX_ID)):
        raise ValueError(f"not a number from 1 to {MAX_ID}")
    number = int(text)
    if not 1 <= number <= MAX_ID:
        raise ValueError(f"not a number from 1 to {MAX_ID}")
    return number
