"""Source tokens from the tagged stream that the translation keeps (review.core.text.apertium.translate_tagged).

That stream is what ApertiumAnalyser's own pipeline (`lt-proc -w | apertium-tagger -g -p` over the
escaped lines) gives, but for three things, which SourceTokens undoes:
- apertium-destxt wraps each line break in a superblank and ends the text with a period of its own
  ('^./.<sent>$[]', removed again by apertium-retxt): the added period is dropped;
- the translation's analyser runs without `-w`, so a lemma takes the case of its word's surface form
  ('Los' -> 'El', 'EL' -> 'EL') where `-w` keeps the dictionary's ('el'). For each word starting with a
  capital letter the dictionary-case analyses come from one `lt-proc -z -w` call over those words alone,
  and the one lt-proc's case rule (lttoolbox's FSTProcessor::filterFinals: first letter upper-cased if the
  surface's is, every letter if its first and last are; an analysis matched case-sensitively is left as is)
  turns into the tagger's choice replaces it;
- the tagger sees surface-case lemmas. Its choices were the same as with dictionary-case lemmas on every
  word of the WMT newstest Spanish-original articles (checked when this was written), as were the tokens.
Lines are parsed as they come, while the rest of the translation runs; only the capitalised words wait
for the end. Whatever cannot be undone exactly (an added period glued to the last word, a multiword read
across a line break, which destxt's superblanks allow and plain line breaks do not, a word whose analyses
do not explain the tagger's choice) makes `result` return None, and the caller runs the analyser after all.
"""
from __future__ import annotations

import re
import subprocess
from collections.abc import Sequence
from pathlib import Path

from review.core.text.apertium import TIMEOUT_SECONDS
from review.core.text.morphology import (
    APERTIUM_DATA,
    LEXICAL_UNIT,
    MorphologyError,
    Token,
    parse_line,
    reanalysed,
    split_unit,
)

ADDED_PERIOD = "^./.<sent>$[]"  # apertium-destxt's period at the end of the text, before its empty superblank
_SLASH = re.compile(r"(?<!\\)/")  # an analysis separator (reserved characters in a word are escaped)
_TAG_OR_TEXT = re.compile(r"<[^>]*>|[^<]+")


class SourceTokens:
    """The tokens of `lines`, read from the `apertium-tagger -p` output of apertium-destxt's text of them: `add` each
    output line as it comes (from one thread), then `result()`. Use as a context manager: it holds the `lt-proc -w`
    process that restores dictionary case, started at once so that it loads while the text is translated."""

    def __init__(self, lines: Sequence[str], mode: str, data: Path = APERTIUM_DATA) -> None:
        self.lines = lines
        self.found: list[tuple[Token, ...]] = []
        self.exact = True
        self.capitalised: dict[str, dict[str, list[tuple[int, int]]]] = {}  # surface -> analysis -> (line, token)
        try:
            self.lookup = subprocess.Popen(["lt-proc", "-z", "-w", str(data / f"{mode}.automorf.bin")],
                                           stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        except FileNotFoundError as exc:
            raise MorphologyError("'lt-proc' not found: install `apertium-eng-spa` with apt-get") from exc

    def __enter__(self) -> SourceTokens:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.lookup.returncode is None:  # result() was not called, or had no need of it
            self.lookup.kill()
            self.lookup.communicate()

    def add(self, tagged: str) -> None:
        """One line of tagger output (with its line break; after the last line, the rest of the stream)."""
        index = len(self.found)
        if index >= len(self.lines) or not tagged.endswith("\n"):  # what follows the last line break
            self.exact = self.exact and LEXICAL_UNIT.search(tagged) is None
            return
        stream = tagged[:-1]
        if "[]" in stream:  # only the last line's end should have it (destxt escapes brackets of the text)
            if index != len(self.lines) - 1 or not stream.endswith(f"{ADDED_PERIOD}[") or stream.count("[]") != 1:
                self.exact = False  # the added period was analysed with the word before it (or an empty line got one)
            stream = stream.replace(ADDED_PERIOD, "")
        tokens = parse_line(stream, self.lines[index])
        self.found.append(tokens)
        if any(token.start == token.end and token.surface for token in tokens):
            self.exact = False  # a word not in its line: a multiword analysed across a line break (the analyser's
            # lines are plain text, where it never is), or another line the stream did not keep apart
        for position, match in enumerate(LEXICAL_UNIT.finditer(stream)):
            if match[1][:1].isupper():
                surface, analysis = split_unit(match[1])
                if not analysis.startswith("*"):
                    self.capitalised.setdefault(surface, {}).setdefault(analysis, []).append((index, position))

    def result(self) -> list[tuple[Token, ...]] | None:
        """The tokens per line, the same as ApertiumAnalyser's for the lines, or None if they cannot be told exactly."""
        if not self.exact or len(self.found) != len(self.lines):
            return None
        surfaces = sorted(self.capitalised)
        try:
            output, errors = self.lookup.communicate("\0".join(surfaces).encode("utf-8"), timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired as exc:
            raise MorphologyError(f"lt-proc -w timed out after {TIMEOUT_SECONDS} s") from exc
        if self.lookup.returncode:
            raise MorphologyError(f"lt-proc -w failed ({self.lookup.returncode}): {errors.decode(errors='replace')}")
        found = output.decode("utf-8").rstrip("\0").split("\0") if surfaces else []  # one unit per surface
        if len(found) != len(surfaces):
            return None
        lines = [list(tokens) for tokens in self.found]
        for surface, analysed in zip(surfaces, found):
            match = LEXICAL_UNIT.fullmatch(analysed)
            analyses = _SLASH.split(match[1]) if match else []
            if analyses[:1] != [surface]:
                return None
            for chosen, places in self.capitalised[surface].items():
                dictionary = next((a for a in analyses[1:] if chosen in (a, _surface_case(a, surface))), None)
                if dictionary is None:
                    return None
                if dictionary != chosen:
                    for line, position in places:
                        lines[line][position] = reanalysed(lines[line][position], dictionary)
        return [tuple(tokens) for tokens in lines]


def _surface_case(analysis: str, surface: str) -> str:
    """The analysis as lt-proc without -w writes it for a surface starting with a capital letter, had it matched
    a lower-case dictionary entry: every letter upper-cased if the surface's last is too, else the first."""
    plain = re.sub(r"\\(.)", r"\1", surface) if "\\" in surface else surface
    if len(plain) > 1 and plain[-1].isupper():
        analysis = _TAG_OR_TEXT.sub(lambda part: part[0] if part[0][0] == "<" else _upper(part[0]), analysis)
    first = 1 if analysis[:1] == "~" else 0
    return analysis[:first] + _upper(analysis[first:first + 1]) + analysis[first + 1:]


def _upper(text: str) -> str:
    """Upper case letter by letter, keeping the length (ICU's u_toupper: 'ß' stays 'ß')."""
    return "".join(upper if len(upper := character.upper()) == 1 else character for character in text)
