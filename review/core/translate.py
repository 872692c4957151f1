"""Machine-translation adapters: the Translator protocol and the Apertium implementation.

A translator turns a list of lines into the same number of lines. Apertium is started once per
call (about 0.4 s of start-up), so callers pass a whole batch, never a single sentence.
"""
from __future__ import annotations

import subprocess
from collections.abc import Sequence
from typing import Protocol

from review.core.morphology import ApertiumAnalyser, Token

TIMEOUT_SECONDS = 600


class TranslationError(RuntimeError):
    """The MT engine is missing, failed, or did not return one line per input line."""


class Translator(Protocol):
    """Anything that translates lines one-for-one."""

    def translate(self, lines: Sequence[str]) -> list[str]: ...


class ApertiumTranslator:
    """Runs one `apertium -u <pair>` process for all lines of a call; also an Analyser (morphology)."""

    def __init__(self, pair: str = "spa-eng", binary: str = "apertium") -> None:
        self.pair = pair
        self.binary = binary
        self.analyser = ApertiumAnalyser()

    def morphology(self, lines: Sequence[str], lang: str) -> list[tuple[Token, ...]]:
        """Tokens per line from Apertium's analyser and tagger for `lang` (one pipeline per call)."""
        return self.analyser.morphology(lines, lang)

    def translate(self, lines: Sequence[str]) -> list[str]:
        if not lines:
            return []
        flat = [" ".join(line.splitlines()) for line in lines]
        try:
            completed = subprocess.run(
                [self.binary, "-u", self.pair],
                input="\n".join(flat) + "\n",
                capture_output=True,
                text=True,
                encoding="utf-8",
                timeout=TIMEOUT_SECONDS,
                check=False,
            )
        except FileNotFoundError as exc:
            raise TranslationError(
                f"{self.binary!r} not found: install Apertium with `apt-get install apertium-eng-spa`"
            ) from exc
        except subprocess.TimeoutExpired as exc:
            raise TranslationError(f"apertium {self.pair} timed out after {TIMEOUT_SECONDS} s") from exc
        if completed.returncode != 0:
            raise TranslationError(f"apertium {self.pair} failed ({completed.returncode}): {completed.stderr.strip()}")
        output = completed.stdout.split("\n")
        if output and output[-1] == "":
            output.pop()
        if len(output) != len(flat):
            raise TranslationError(f"apertium {self.pair} returned {len(output)} lines for {len(flat)}")
        return output
