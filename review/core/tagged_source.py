"""Source tokens from the tagged stream that the translation keeps (review.core.apertium.translate_tagged).

That stream is what ApertiumAnalyser's own pipeline (`lt-proc -w | apertium-tagger -g -p` over the
escaped lines) gives, but for three things, which `tokens` undoes:
- apertium-destxt wraps each line break in a superblank and ends the text with a period of its own
  ('^./.<sent>$[]', removed again by apertium-retxt): the added period is dropped;
- the translation's analyser runs without `-w`, so a lemma takes the case of its word's surface form
  ('Los' -> 'El', 'EL' -> 'EL') where `-w` keeps the dictionary's ('el'). For each word starting with a
  capital letter the dictionary-case analyses come from one `lt-proc -z -w` call over those words alone,
  and the one lt-proc's case rule (lttoolbox's FSTProcessor::filterFinals: first letter upper-cased if the
  surface's is, every letter if its first and last are; an analysis matched case-sensitively is left as is)
  turns into the tagger's choice replaces it;
- the tagger sees surface-case lemmas. Its choices were the same as with dictionary-case lemmas on every
  word of the WMT 2008-2011 dev articles (checked when this was written), as were the tokens.
Whatever cannot be undone exactly (an added period glued to the last word, a multiword read across a line
break, which destxt's superblanks allow and plain line breaks do not, a word whose analyses do not explain
the tagger's choice) makes `tokens` return None, and the caller runs the analyser after all.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from review.core.morphology import APERTIUM_DATA, Token, parse_line, run_stage

ADDED_PERIOD = "^./.<sent>$[]"  # apertium-destxt's period at the end of the text, before its empty superblank
_UNIT = re.compile(r"\^((?:[^\\$^]|\\.)*)\$")
_SLASH = re.compile(r"(?<!\\)/")  # an analysis separator (reserved characters in a word are escaped)
_TAG_OR_TEXT = re.compile(r"<[^>]*>|[^<]+")


def tokens(tagged: Sequence[str], lines: Sequence[str], mode: str,
           data: Path = APERTIUM_DATA) -> list[tuple[Token, ...]] | None:
    """Tokens per line, the same as ApertiumAnalyser's for `lines`, from the `apertium-tagger -p` output lines that
    apertium-destxt's text of `lines` (joined by line breaks) gave; None if they cannot be told exactly."""
    pieces = "".join(tagged).split("\n")
    if len(pieces) != len(lines) + 1 or _UNIT.search(pieces[-1]):
        return None
    streams = pieces[:-1]
    for index, stream in enumerate(streams):
        if "[]" in stream:  # only the last line's end should have it (destxt escapes brackets of the text)
            if index != len(streams) - 1 or not stream.endswith(f"{ADDED_PERIOD}[") or stream.count("[]") != 1:
                return None  # the added period was analysed with the word before it (or an empty line got one)
            streams[index] = stream[:-len(ADDED_PERIOD) - 1]
    capitalised = {unit for stream in streams for unit in _UNIT.findall(stream) if unit[:1].isupper()}
    cased = _dictionary_case({unit for unit in capitalised if not _SLASH.split(unit, maxsplit=1)[-1].startswith("*")},
                             mode, data)
    if cased is None:
        return None
    found = [parse_line(stream, line, cased) for stream, line in zip(streams, lines)]
    if any(token.start == token.end and token.surface for line_tokens in found for token in line_tokens):
        return None  # a word not in its line: a multiword analysed across a line break (the analyser's lines
        # are plain text, where it never is), or another line the stream did not keep apart
    return found


def _dictionary_case(units: set[str], mode: str, data: Path) -> dict[str, str] | None:
    """Each 'Surface/Analysis' unit with its analysis in dictionary case; None if one of them has no such analysis."""
    if not units:
        return {}
    by_surface: dict[str, list[str]] = {}
    for unit in units:
        by_surface.setdefault(_SLASH.split(unit, maxsplit=1)[0], []).append(unit)
    surfaces = sorted(by_surface)
    found = run_stage(["lt-proc", "-z", "-w", str(data / f"{mode}.automorf.bin")], "\0".join(surfaces))
    found = found.rstrip("\0").split("\0")  # one unit per surface, each followed by a NUL
    if len(found) != len(surfaces):
        return None
    cased: dict[str, str] = {}
    for surface, analysed in zip(surfaces, found):
        match = _UNIT.fullmatch(analysed)
        analyses = _SLASH.split(match[1]) if match else []
        if analyses[:1] != [surface]:
            return None
        for unit in by_surface[surface]:
            chosen = unit[len(surface) + 1:]
            dictionary = next((a for a in analyses[1:] if chosen in (a, _surface_case(a, surface))), None)
            if dictionary is None:
                return None
            cased[unit] = f"{surface}/{dictionary}"
    return cased


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
