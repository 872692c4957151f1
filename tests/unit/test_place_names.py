"""CLDR place and currency names: Spanish forms map to the English ones translators write."""
from __future__ import annotations

import pytest

from review.core.flags.place_names import cldr_place_names


@pytest.mark.parametrize(("spanish", "english"), [
    ("chequia", "czech"),  # a country, and its official language's name standing for it
    ("paises bajos", "netherlands"),
    ("viena", "vienna"),  # a city named in a time zone
    ("rangun", "yangon"),  # the parenthesised form of "Yangón (Rangún)"
    ("huf", "forints"),  # a currency code, by its English plural
])
def test_spanish_place_names_have_their_english_forms(spanish: str, english: str) -> None:
    assert english in cldr_place_names()[spanish]


def test_names_spelled_alike_need_no_alias() -> None:
    names = cldr_place_names()
    assert "chile" not in names and "peru" not in names
