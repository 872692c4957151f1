"""WarmTagger (review.core.text.tagging): every block tagged as by an apertium-tagger process of its own, even
after a block that changed a warm tagger's state; a killed tagger is started again. Real Apertium processes."""
from __future__ import annotations

import os
import signal

import pytest

from review.core.text.apertium import run_stage
from review.core.text.morphology import APERTIUM_DATA
from review.core.text.tagging import WarmTagger
from review.core.text.warm import WarmApertium

pytestmark = pytest.mark.apertium

TAGGER = ("apertium-tagger", "-g", "-p", str(APERTIUM_DATA / "eng-spa.prob"))
# 'included' has a set of tags the English tagger was not trained on: tagging it changes the tags every later
# unknown word gets in that process, and with them the tags of 'elected' in the second text
CHANGES_STATE = "The costs included fees.\n"
AFTER_IT = "After the vote (in which Brelko Tamsin was elected), Zelvani left.\n"


def analysed(text: str) -> bytes:
    return run_stage(["lt-proc", "-w", str(APERTIUM_DATA / "eng-spa.automorf.bin")], text).encode("utf-8")


def alone(block: bytes) -> bytes:
    return run_stage(list(TAGGER), block.decode("utf-8")).encode("utf-8")


def test_a_block_after_one_that_changed_the_state_is_tagged_as_alone() -> None:
    first, second = analysed(CHANGES_STATE), analysed(AFTER_IT)
    plain = run_stage([TAGGER[0], "-z", *TAGGER[1:]], (first + b"\0" + second + b"\0").decode("utf-8"))
    assert plain.split("\0")[1].encode("utf-8") != alone(second)  # a tagger simply kept warm goes wrong here
    tagger = WarmTagger(TAGGER)
    try:
        assert tagger.tag(first) == alone(first)
        started = tagger.pid()
        assert tagger.tag(second) == alone(second)
        assert tagger.pid() != started
        plain_text = analysed("The cat sleeps on the mat.\n")
        assert tagger.tag(plain_text) == alone(plain_text)
        kept = tagger.pid()
        assert tagger.tag(plain_text) == alone(plain_text)  # nothing new: the same process goes on
        assert tagger.pid() == kept
    finally:
        tagger.close()


def test_a_killed_tagger_is_started_again() -> None:
    block = analysed(AFTER_IT)
    tagger = WarmTagger(TAGGER)
    try:
        assert tagger.tag(block) == alone(block)
        os.kill(tagger.pid(), signal.SIGKILL)  # type: ignore[arg-type]
        tagger.process.wait()  # type: ignore[union-attr]
        assert tagger.tag(block) == alone(block)
    finally:
        tagger.close()


def test_english_documents_are_tagged_whatever_came_before() -> None:
    spanish, english = [["Hola."], ["Adiós."]], [[CHANGES_STATE.strip()], [AFTER_IT.strip()]]
    with WarmApertium() as warm:
        _, _, together = warm.translate_documents(spanish, english)
    for index in range(2):
        with WarmApertium() as warm:
            _, _, [tokens] = warm.translate_documents(spanish[index:index + 1], english[index:index + 1])
        assert together[index] == tokens
