"""v0 aligner with handmade pseudo-references: identity, omission, addition, merges, empty sides."""
from __future__ import annotations

import pytest

from review.core.aligning import align
from review.core.model import Link

PSEUDO = [
    "The president of Peru ruled out the humanitarian corridor on Monday.",
    "The measure will cost 1.2 million euros a year.",
    "The unions criticised the decision of the government.",
    "Heavy rain is expected on the coast on Thursday.",
]
TARGET = [
    "Peru's president on Monday ruled out the humanitarian corridor.",
    "The measure will cost 1.2 million euros per year.",
    "Unions criticised the government's decision.",
    "Heavy rain is expected on the coast for Thursday.",
]


def pairs(links: tuple[Link, ...]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(link.src, link.tgt) for link in links]


def assert_complete(links: tuple[Link, ...], n: int, m: int) -> None:
    assert [i for link in links for i in link.src] == list(range(n))
    assert [j for link in links for j in link.tgt] == list(range(m))
    assert all(0.0 <= link.score <= 1.0 for link in links)


def test_identity() -> None:
    links = align(["s"] * 4, TARGET, PSEUDO)
    assert pairs(links) == [((i,), (i,)) for i in range(4)]
    assert_complete(links, 4, 4)
    assert all(link.score > 0.4 for link in links)


def test_omission_is_a_1_0_link_with_zero_score() -> None:
    links = align(["s"] * 4, [TARGET[0], TARGET[2], TARGET[3]], PSEUDO)
    assert pairs(links) == [((0,), (0,)), ((1,), ()), ((2,), (1,)), ((3,), (2,))]
    assert links[1].score == 0.0 and links[1].kind == "1-0"


def test_addition_is_a_0_1_link() -> None:
    target = [TARGET[0], "The opposition party has called for early elections next spring.", *TARGET[1:]]
    links = align(["s"] * 4, target, PSEUDO)
    assert pairs(links) == [((0,), (0,)), ((), (1,)), ((1,), (2,)), ((2,), (3,)), ((3,), (4,))]
    assert_complete(links, 4, 5)


def test_two_source_sentences_merged_in_one_target() -> None:
    target = [TARGET[0], "The measure will cost 1.2 million euros per year, and unions criticised the government's decision.", TARGET[3]]
    links = align(["s"] * 4, target, PSEUDO)
    assert pairs(links) == [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,))]
    assert links[1].kind == "2-1"


def test_one_source_sentence_split_in_two_targets() -> None:
    pseudo = ["The president of Peru ruled out the corridor on Monday, and the unions criticised the decision of the government."]
    target = ["Peru's president on Monday ruled out the corridor.", "Unions criticised the government's decision."]
    assert pairs(align(["s"], target, pseudo)) == [((0,), (0, 1))]


def test_empty_sides() -> None:
    assert align([], [], []) == ()
    assert pairs(align([], ["a", "b"], [])) == [((), (0,)), ((), (1,))]
    assert pairs(align(["x", "y"], [], ["x", "y"])) == [((0,), ()), ((1,), ())]


def test_pseudo_reference_must_match_source() -> None:
    with pytest.raises(ValueError):
        align(["a", "b"], ["a"], ["a"])
