"""Machine-translation adapters: the Translator protocols and the Apertium implementation.

A translator turns a list of lines into the same number of lines. Apertium is started once per
call (about 0.4 s of start-up), so callers pass a whole batch, never a single sentence. An
AnalysingTranslator also returns the source lines' morphology from the same call: Apertium's
translation starts with the source side's analyser and tagger (review.core.text.apertium).
"""
from __future__ import annotations

import subprocess
from collections.abc import Callable, Sequence
from functools import cached_property
from typing import Protocol, runtime_checkable

from review.core.text.apertium import ApertiumError, Chains, translate_tagged
from review.core.text.morphology import MODES, ApertiumAnalyser, Token
from review.core.text.tagged_source import SourceTokens

TIMEOUT_SECONDS = 600


class TranslationError(RuntimeError):
    """The MT engine is missing, failed, or did not return one line per input line."""


class Translator(Protocol):
    """Anything that translates lines one-for-one."""

    def translate(self, lines: Sequence[str]) -> list[str]: ...


@runtime_checkable
class AnalysingTranslator(Protocol):
    """A translator that also gives the tokens of the lines it translates, as its morphology(lines, source) would."""

    def translate_analysed(self, lines: Sequence[str]) -> tuple[list[str], list[tuple[Token, ...]]]: ...


@runtime_checkable
class DocumentTranslator(Protocol):
    """A translator that takes documents apart from each other in one call (review.core.text.warm): per document
    the source lines translated, their tokens and the target lines' tokens, none depending on the other documents;
    `source_done` and `target_done` get source and target tokens, a run of documents at a time, as soon as they are
    ready."""

    def translate_documents(self, source: Sequence[Sequence[str]], target: Sequence[Sequence[str]],
                            source_done: Callable[[list[list[tuple[Token, ...]]]], object] | None = None,
                            target_done: Callable[[list[list[tuple[Token, ...]]]], object] | None = None
                            ) -> tuple[list[list[str]], list[list[tuple[Token, ...]]],
                                       list[list[tuple[Token, ...]]]]: ...


class ApertiumTranslator:
    """Runs one Apertium pipeline for all lines of a call; also an Analyser (morphology) of either language."""

    def __init__(self, pair: str = "spa-eng", binary: str = "apertium") -> None:
        self.pair = pair
        self.binary = binary
        self.analyser = ApertiumAnalyser()

    def morphology(self, lines: Sequence[str], lang: str) -> list[tuple[Token, ...]]:
        """Tokens per line from Apertium's analyser and tagger for `lang` (one pipeline per call)."""
        return self.analyser.morphology(lines, lang)

    def translate(self, lines: Sequence[str]) -> list[str]:
        """Each line translated by one `apertium -u <pair>` process."""
        if not lines:
            return []
        flat = _flat(lines)
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
        return self._lines(completed.stdout, flat)

    def translate_analysed(self, lines: Sequence[str]) -> tuple[list[str], list[tuple[Token, ...]]]:
        """translate(lines) and morphology(lines, source language) from one run of the pair's pipeline, its tagger's
        output kept on the way (review.core.text.apertium); the analyser runs after all only if that output cannot be
        read exactly as its own (review.core.text.tagged_source, which parses it as it comes)."""
        if not lines:
            return [], []
        flat = _flat(lines)
        lang = self._source_lang
        with SourceTokens(flat, MODES[lang], self.analyser.data) as source:
            try:
                output = translate_tagged(self._chains, "\n".join(flat) + "\n", source.add)
            except ApertiumError as exc:
                raise TranslationError(f"apertium {self.pair}: {exc}") from exc
            tokens = source.result()
        return self._lines(output, flat), tokens if tokens is not None else self.morphology(lines, lang)

    @cached_property
    def _chains(self) -> Chains:
        try:
            return Chains.of(self.pair)
        except ApertiumError as exc:
            raise TranslationError(f"apertium {self.pair}: {exc}") from exc

    @property
    def _source_lang(self) -> str:
        return next(lang for lang, mode in MODES.items() if mode == self.pair)

    def _lines(self, output: str, flat: list[str]) -> list[str]:
        lines = output.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        if len(lines) != len(flat):
            raise TranslationError(f"apertium {self.pair} returned {len(lines)} lines for {len(flat)}")
        return lines


def _flat(lines: Sequence[str]) -> list[str]:
    """Each line with its own line breaks turned into spaces, so that output lines match input lines."""
    return [" ".join(line.splitlines()) for line in lines]
