"""review.core.forked.ordered_map: every index once, in order, shared between this process and forked helpers."""
from __future__ import annotations

import os
import time

import pytest

from review.core.forked import HelperDied, ordered_map


def test_results_in_order_from_both_sides() -> None:
    here = os.getpid()

    def slow(index: int) -> tuple[int, int]:
        time.sleep(0.005)
        return index, os.getpid()

    results = list(ordered_map(60, 3, slow, slow, lambda index, found: found))
    assert [index for index, _ in results] == list(range(60))
    assert {pid == here for _, pid in results} == {True, False}  # this process and the helpers both took some


def test_rebuild_gets_the_helpers_result() -> None:
    results = list(ordered_map(20, 2, lambda index: ("here", index), lambda index: index * 10,
                               lambda index, found: ("there", found // 10)))
    assert [index for _, index in results] == list(range(20))


def test_a_helpers_exception_is_raised_here() -> None:
    def fail_there(index: int) -> int:
        raise ValueError(f"bad item {index}")

    with pytest.raises(ValueError, match="bad item"):
        list(ordered_map(50, 2, lambda index: time.sleep(0.01) or index, fail_there, lambda index, found: found))


def test_a_helper_that_dies_is_reported() -> None:
    with pytest.raises(HelperDied):
        list(ordered_map(50, 2, lambda index: time.sleep(0.01) or index, lambda index: os._exit(3),
                         lambda index, found: found))
