"""Aligner: table-driven cases on handmade sentences, a long banded document, and hypothesis properties."""
from __future__ import annotations

import math
import random
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from review.core.alignment.aligning import DEFAULT, align
from review.core.model import Link

PSEUDO = [
    "The president of Peru ruled out the humanitarian corridor on Monday.",
    "The measure will cost 1.200.000 euros a year, said the minister of Economy.",
    "The unions criticised the decision of the government and convened a strike.",
    "Heavy rain is expected on the coast of Lima on Thursday.",
    "The opposition asked for the resignation of the minister.",
    "The Congress will debate the law in March.",
]
TARGET = [
    "Peru's president on Monday ruled out the humanitarian corridor.",
    "The measure will cost 1,200,000 euros per year, the Economy minister said.",
    "Unions criticised the government's decision and called a strike.",
    "Heavy rain is expected on the Lima coast for Thursday.",
    "The opposition called for the minister's resignation.",
    "Congress will debate the bill in March.",
]
UNRELATED = "A new museum of modern art opened its doors in Berlin with a retrospective of the painter."

Pairs = list[tuple[tuple[int, ...], tuple[int, ...]]]


def pairs(links: tuple[Link, ...]) -> Pairs:
    return [(link.src, link.tgt) for link in links]


def assert_complete(links: tuple[Link, ...], n: int, m: int) -> None:
    """Every index of both sides appears exactly once, in order (so links are monotone)."""
    assert [i for link in links for i in link.src] == list(range(n))
    assert [j for link in links for j in link.tgt] == list(range(m))
    assert all(link.src or link.tgt for link in links)
    assert all(0.0 <= link.score <= 1.0 for link in links)


def diagonal(n: int, start: int = 0, shift: int = 0) -> Pairs:
    return [((i,), (i + shift,)) for i in range(start, n)]


def t(*indices: int) -> list[str]:
    return [TARGET[k] for k in indices]


CASES = [
    ("identity", PSEUDO, TARGET, diagonal(6)),
    ("omission", PSEUDO, t(0, 2, 3, 4, 5), [((0,), (0,)), ((1,), ()), ((2,), (1,)), ((3,), (2,)), ((4,), (3,)), ((5,), (4,))]),
    ("two omissions in a row", PSEUDO, t(0, 1, 4, 5), [*diagonal(2), ((2,), ()), ((3,), ()), ((4,), (2,)), ((5,), (3,))]),
    ("omission of the first sentence", PSEUDO, t(1, 2, 3, 4, 5), [((0,), ()), *[((i,), (i - 1,)) for i in range(1, 6)]]),
    ("omission of the last sentence", PSEUDO, t(0, 1, 2, 3, 4), [*diagonal(5), ((5,), ())]),
    ("addition", PSEUDO, [*t(0, 1), UNRELATED, *t(2, 3, 4, 5)], [*diagonal(2), ((), (2,)), *[((i,), (i + 1,)) for i in range(2, 6)]]),
    ("addition at the end", PSEUDO, [*TARGET, UNRELATED], [*diagonal(6), ((), (6,))]),
    ("two target sentences joined (2-1)", PSEUDO,
     [*t(0), "The measure will cost 1,200,000 euros per year, the Economy minister said, and unions criticised "
      "the government's decision and called a strike.", *t(3, 4, 5)],
     [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,)), ((4,), (3,)), ((5,), (4,))]),
    ("one source sentence split (1-2)",
     ["The president of Peru ruled out the humanitarian corridor on Monday and the unions criticised the "
      "decision of the government.", *PSEUDO[3:]],
     ["Peru's president on Monday ruled out the humanitarian corridor.", "Unions criticised the government's decision.",
      *t(3, 4, 5)],
     [((0,), (0, 1)), ((1,), (2,)), ((2,), (3,)), ((3,), (4,))]),
    ("omission next to a sentence that is kept", PSEUDO, t(0, 1, 3, 4, 5),
     [*diagonal(2), ((2,), ()), ((3,), (2,)), ((4,), (3,)), ((5,), (4,))]),
]


@pytest.mark.parametrize(("name", "pseudo", "target", "expected"), CASES, ids=[case[0] for case in CASES])
def test_alignment_cases(name: str, pseudo: list[str], target: list[str], expected: Pairs) -> None:
    links = align(["s"] * len(pseudo), target, pseudo)
    assert pairs(links) == expected
    assert_complete(links, len(pseudo), len(target))


def test_confidences_separate_good_links_from_doubtful_ones() -> None:
    links = align(["s"] * 6, t(0, 2, 3, 4, 5), PSEUDO)
    assert all(link.score > 0.5 for link in links), links
    omission = links[1]
    assert omission.kind == "1-0"
    # a weak but real link is less certain than a close rendering
    weak = align(["s"], ["The Lima coast will get rain."], [PSEUDO[3]])[0]
    strong = align(["s"], [TARGET[3]], [PSEUDO[3]])[0]
    assert weak.kind == strong.kind == "1-1" and weak.score < strong.score


def test_empty_sides() -> None:
    assert align([], [], []) == ()
    assert pairs(align([], ["a", "b"], [])) == [((), (0,)), ((), (1,))]
    assert pairs(align(["x", "y"], [], ["x", "y"])) == [((0,), ()), ((1,), ())]
    assert all(link.score == 1.0 for link in align(["x"], [], ["x"]))


def test_pseudo_reference_must_match_source() -> None:
    with pytest.raises(ValueError):
        align(["a", "b"], ["a"], ["a"])


WORDS = ("minister mayor court police union strike budget euros million rain coast bridge river election vote "
         "party senate border market bank price oil gas school hospital doctor fire storm train airport port "
         "report study children family town village Madrid Lima Quito Bogota Chile Peru Monday Friday").split()


def synthetic_document(size: int, seed: int) -> tuple[list[str], list[str]]:
    """A long made-up document and a noisy 'rendering' of it (a few words changed per sentence)."""
    rng = random.Random(seed)
    pseudo = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 16))) + f" {k}." for k in range(size)]
    target = [" ".join(w if rng.random() > 0.25 else rng.choice(WORDS) for w in s.split()) for s in pseudo]
    return pseudo, target


def test_a_long_document_is_aligned_in_a_band_and_finds_its_omission_and_addition() -> None:
    pseudo, target = synthetic_document(400, seed=7)
    target = target[:150] + target[151:300] + ["An unrelated sentence about a museum in Berlin."] + target[300:]
    links = align(["s"] * 400, target, pseudo)
    assert_complete(links, 400, 400)
    assert [link.src for link in links if not link.tgt] == [(150,)]
    assert [link.tgt for link in links if not link.src] == [(299,)]
    # the band finds the same path as the full search
    assert links == align(["s"] * 400, target, pseudo, replace(DEFAULT, full_cells=10**9))


SENTENCE = st.lists(st.sampled_from(WORDS), min_size=1, max_size=10).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(source=st.lists(SENTENCE, max_size=30), target=st.lists(SENTENCE, max_size=30))
def test_every_index_appears_once_and_links_are_monotone(source: list[str], target: list[str]) -> None:
    assert_complete(align(source, target, source), len(source), len(target))


@settings(max_examples=30, deadline=None)
@given(sentences=st.lists(SENTENCE, min_size=1, max_size=120))
def test_identical_texts_align_one_to_one_on_the_diagonal(sentences: list[str]) -> None:
    assert pairs(align(sentences, sentences, sentences)) == diagonal(len(sentences))


@settings(max_examples=15, deadline=None)
@given(size=st.integers(100, 250), seed=st.integers(0, 10**6), drop=st.integers(0, 99))
def test_banded_search_matches_the_full_search_on_long_documents(size: int, seed: int, drop: int) -> None:
    pseudo, target = synthetic_document(size, seed)
    del target[drop]
    banded = align(pseudo, target, pseudo)
    assert_complete(banded, size, size - 1)
    assert banded == align(pseudo, target, pseudo, replace(DEFAULT, full_cells=10**9))


def test_memory_stays_small_on_a_long_document() -> None:
    """Nothing per band cell or per sentence is kept as Python sets: the peak stays near the hash arrays."""
    import tracemalloc

    pseudo, target = synthetic_document(1000, seed=3)
    del target[700]
    tracemalloc.start()
    try:
        links = align(pseudo, target, pseudo)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [link.src for link in links if not link.tgt] == [(700,)]
    assert peak < 2_000 * (len(pseudo) + len(target))  # bytes; the frozensets of every sentence took ~10 kB each


def test_good_mt_is_not_stretched_and_weak_mt_is() -> None:
    """match_level: a document whose typical 1-1 link is already clear keeps its costs; one whose
    links are barely above chance (weak MT, a distant pair) has its similarity stretched, at most max_contrast."""
    from array import array

    from review.core.alignment.aligning import _contrast, _Scorer, _search
    from review.core.alignment.units import Side, hashes

    def scorer(pseudo: list[str], target: list[str]) -> tuple[_Scorer, list[tuple[int, int]]]:
        sides = [Side([hashes(s) for s in side], array("q", (len(s) for s in side))) for side in (pseudo, target)]
        found = _Scorer(sides[0], sides[1], DEFAULT)
        return found, _search(found, DEFAULT)

    assert _contrast(*scorer(PSEUDO, TARGET), DEFAULT) == 1.0
    assert pairs(align(PSEUDO, TARGET, PSEUDO)) == pairs(align(PSEUDO, TARGET, PSEUDO, replace(DEFAULT, match_level=0)))
    rng = random.Random(5)
    weak = [" ".join(w if rng.random() > 0.6 else rng.choice(WORDS) for w in s.split()) for s in synthetic_document(60, 1)[0]]
    stretched = _contrast(*scorer(synthetic_document(60, 1)[0], weak), DEFAULT)
    assert 1.0 < stretched <= DEFAULT.max_contrast


@pytest.mark.parametrize("contrast", [1.0, DEFAULT.max_contrast])
def test_a_merged_bead_costs_its_cost_or_a_bound_that_rules_it_out(contrast: float) -> None:
    """cost(i, j, di, dj, before, best) is the bead's cost, or a lower bound of it that already makes
    before + bound >= best (so the search may skip the bead); the counts the 1-1 rows keep change nothing, nor do
    the cells whose counts a limit left uncomputed. A 1-1 bead likewise: its cost, or a bound above the limit."""
    from array import array

    from review.core.alignment.aligning import _Scorer
    from review.core.alignment.units import Side, hashes

    pseudo, target = synthetic_document(40, seed=11)
    target = [*target[:10], " ".join(target[10:12]), *target[12:25], *target[26:]]  # a 2-1 and an omission
    words = target[30].split()
    target[30:31] = [" ".join(words[:len(words) // 2]), " ".join(words[len(words) // 2:])]  # a 1-2

    def scorer() -> _Scorer:
        sides = [Side([hashes(s) for s in side], array("q", (len(s) for s in side))) for side in (pseudo, target)]
        made = _Scorer(sides[0], sides[1], DEFAULT)
        made.contrast = contrast
        return made

    searched, fresh = scorer(), scorer()
    for i in range(1, len(pseudo) + 1):  # the 1-1 counts kept as by a search, some cells ruled out by a limit
        one_to_one = searched.one_to_one(i, 0, len(target))
        for j in range(len(target) + 1):
            one_to_one(j, 0.0, 0.6 if (i + j) % 3 else math.inf)
    ruled_out = 0
    for di, dj in ((2, 1), (1, 2), (2, 2)):
        for i in range(di, len(pseudo) + 1):
            for j in range(max(dj, i - 6), min(len(target), i + 6) + 1):
                cost = fresh.cost(i, j, di, dj)
                assert searched.cost(i, j, di, dj) == cost
                for before in (0.0, 0.7, 3.1):
                    for best in (before + cost - 1.0, before + cost - 0.1, before + cost, before + cost + 0.1):
                        found = searched.cost(i, j, di, dj, before, best)
                        assert found == cost or (found <= cost and before + found >= best)
                        ruled_out += found != cost
    assert ruled_out
    one_to_one, ruled_out = fresh.one_to_one(len(pseudo), 0, len(target)), 0
    for j in range(1, len(target) + 1):
        cost = fresh.cost(len(pseudo), j, 1, 1)
        for limit in (cost - 1.0, cost - 0.1, cost, cost + 0.1):
            found = one_to_one(j, 0.0, limit)
            assert found == cost or (found <= cost and found > limit)
            ruled_out += found != cost
    assert ruled_out
