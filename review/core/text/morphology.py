"""Morphological analysis: the Token type, the Analyser protocol and the Apertium implementation.

An analyser turns a list of lines of one language into one tuple of Tokens per line. Apertium's
analyser (`lt-proc -w`) and tagger (`apertium-tagger -g -p`) each start once per call, so callers
pass a whole batch of lines for a language, never one sentence at a time.

Apertium's stream format, with the surface form kept (`-p`):
`^echó por tierra/echar<vblex><ifi><p3><sg># por tierra$`, `^Jerí/*Jerí$` (unknown word) and
`^del/de<pr>+el<det><def><m><sg>$` (a contraction; only its first part's tags are kept in `tags`,
the rest in `parts`).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Protocol, runtime_checkable

from review.core.text import apertium

APERTIUM_DATA = Path("/usr/share/apertium/apertium-eng-spa")
MODES = {"es": "spa-eng", "en": "eng-spa"}

_RESERVED = re.compile(r"([\\\[\]^$@<>{}/])")
LEXICAL_UNIT = re.compile(r"\^([^$\\]*(?:\\.[^$\\]*)*)\$")  # ^...$ with backslash escapes, loop unrolled
_TAG = re.compile(r"<([^>]+)>")
_SLASH = re.compile(r"(?<!\\)/")
_UNESCAPE = re.compile(r"\\(.)")


class MorphologyError(RuntimeError):
    """The analyser is missing, failed, or did not return one line per input line."""


@dataclass(frozen=True)
class Token:
    """One analysed word: surface form, lemma, tags of the first part, and [start, end) in the line."""

    surface: str
    lemma: str
    tags: tuple[str, ...]
    start: int
    end: int
    parts: tuple[tuple[str, tuple[str, ...]], ...] = ()  # further (lemma, tags) of a contraction
    split: bool = False  # the analyser gave the lemma's words after the first as an invariable tail ('#')

    @property
    def unknown(self) -> bool:
        return not self.tags

    @property
    def pos(self) -> str:
        return self.tags[0] if self.tags else ""


@runtime_checkable
class Analyser(Protocol):
    """Anything that analyses lines of a language ("es" or "en") one-for-one."""

    def morphology(self, lines: Sequence[str], lang: str) -> list[tuple[Token, ...]]: ...


def escape(line: str) -> str:
    """The line with Apertium's reserved characters backslash-escaped."""
    return _RESERVED.sub(r"\\\1", line)


def parse_line(stream: str, line: str) -> tuple[Token, ...]:
    """Tokens of one line of tagger output; offsets are found by searching the surfaces in `line`."""
    tokens: list[Token] = []
    position = 0
    for match in LEXICAL_UNIT.finditer(stream):
        unit = match.group(1)
        if "\\" in unit:  # escaped reserved characters: the general (slower) path
            surface, analysis = split_unit(unit)
            surface = _UNESCAPE.sub(r"\1", surface)
        else:
            surface, slash, analysis = unit.partition("/")
            if not slash:
                analysis = surface
        start = line.find(surface, position)
        if start < 0:
            start = position
            end = position
        else:
            end = start + len(surface)
            position = end
        if "+" in analysis or analysis.startswith("*"):
            lemma, tags, parts = _analysed(analysis)
            tokens.append(Token(surface, lemma, tags, start, end, parts, _split(analysis)))
        else:  # the usual case, inline
            lemma, tags = _parse_part(analysis)
            tokens.append(Token(surface, lemma, tags, start, end, (), _split(analysis)))
    return tuple(tokens)


def split_unit(unit: str) -> tuple[str, str]:
    """A lexical unit's surface form and analysis, both still escaped: 'a\\/b/a\\/b<n>' -> ('a\\/b', 'a\\/b<n>')."""
    if "\\" in unit:  # escaped reserved characters: the general (slower) path
        pieces = _SLASH.split(unit, maxsplit=1)
        return pieces[0], pieces[-1]
    surface, slash, analysis = unit.partition("/")
    return surface, analysis if slash else surface


def reanalysed(token: Token, analysis: str) -> Token:
    """The token with lemma, tags and parts read from another (escaped) analysis of its surface."""
    lemma, tags, parts = _analysed(analysis)
    return replace(token, lemma=lemma, tags=tags, parts=parts, split=_split(analysis))


def _split(analysis: str) -> bool:
    """True if the analysis's first part gives an invariable multiword tail after '#' ('fin<n><m><sg># de semana')."""
    return "#" in analysis.partition("+")[0]


def _analysed(analysis: str) -> tuple[str, tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]]:
    """Lemma, tags and further parts of one analysis: '*Jerí' is unknown, 'de<pr>+el<det>' a contraction."""
    if analysis.startswith("*"):
        return _UNESCAPE.sub(r"\1", analysis[1:]), (), ()
    if "+" in analysis:
        parsed = [_parse_part(part) for part in analysis.split("+")]
        return parsed[0][0], parsed[0][1], tuple(parsed[1:])
    lemma, tags = _parse_part(analysis)
    return lemma, tags, ()


@lru_cache(maxsize=1 << 16)  # a batch repeats its words: most parts were parsed before
def _parse_part(part: str) -> tuple[str, tuple[str, ...]]:
    """'echar<vblex><ifi># por tierra' -> ('echar por tierra', ('vblex', 'ifi'))."""
    head, _, tail = part.partition("#")
    bracket = head.find("<")
    if bracket < 0:
        lemma, tags = head, ()
    else:  # the usual shape, lemma<tag><tag>..., split without regular expressions
        rest = head[bracket:]
        inner = rest[1:-1]
        lemma, tags = head[:bracket], tuple(inner.split("><"))
        # no empty tag, and no '<' or '>' inside one (the tags joined are inner without its '><' separators)
        if not rest.endswith(">") or "" in tags or "<" in (joined := inner.replace("><", "")) or ">" in joined:
            lemma, tags = _TAG.sub("", head), tuple(_TAG.findall(head))
    if "\\" in lemma:
        lemma = _UNESCAPE.sub(r"\1", lemma)
    return lemma + tail, tags


class ApertiumAnalyser:
    """Runs one `lt-proc -w` and one `apertium-tagger -g -p` process per call, for all lines."""

    def __init__(self, data: Path = APERTIUM_DATA) -> None:
        self.data = data

    def morphology(self, lines: Sequence[str], lang: str) -> list[tuple[Token, ...]]:
        if not lines:
            return []
        mode = MODES[lang]
        flat = [" ".join(line.splitlines()) for line in lines]
        analysed = run_stage(["lt-proc", "-w", str(self.data / f"{mode}.automorf.bin")],
                             "\n".join(escape(line) for line in flat) + "\n")
        tagged = run_stage(["apertium-tagger", "-g", "-p", str(self.data / f"{mode}.prob")], analysed)
        output = tagged.split("\n")
        if output and output[-1] == "":
            output.pop()
        if len(output) != len(flat):
            raise MorphologyError(f"apertium {mode} morphology returned {len(output)} lines for {len(flat)}")
        return [parse_line(stream, line) for stream, line in zip(output, flat)]


def run_stage(command: list[str], text: str) -> str:
    """The output of one Apertium process given `text`; MorphologyError if it is missing, fails or times out."""
    return apertium.run_stage(command, text, MorphologyError)
