"""Sentence splitting for Spanish and English news text, keeping character offsets and paragraphs.

v0 rules: a sentence ends after a run of . ! ? … (plus any closing quotes or brackets) that is
followed by whitespace and then an uppercase letter, an opening quote, ¿ or ¡. It does not end
after a known abbreviation or a single-letter initial, nor inside a quotation that is still open.
Decimal and thousand separators never split because they are not followed by whitespace.
"""
from __future__ import annotations

import re

from review.core.model import Segment

ENDINGS = ".!?…"
OPENING_QUOTES = "«“\"'‘"
CLOSERS = "»”\"'’)]"
SENTENCE_STARTERS = OPENING_QUOTES + "¿¡(["
PAIRED_QUOTES = {"«": "»", "“": "”"}
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
DOTTED_ABBREVIATION = re.compile(r"^(?:\w{1,2}\.)+\w{1,2}$")  # EE.UU, a.m, U.S, e.g

ABBREVIATIONS: dict[str, frozenset[str]] = {
    "es": frozenset(
        "sr sra srta sres dr dra d dña lic ing arq prof gral gob pdte pte cnel cap tte sgto "
        "núm nro pág págs art arts cap vol ed cía av avda dpto depto aprox tel ej admón".split()
    ),
    "en": frozenset(
        "mr mrs ms messrs dr prof sen rep gov gen col capt lt sgt rev st jr sr "
        "vol fig ed dept approx jan feb mar apr aug sept oct nov dec vs".split()
    ),
}


def split_sentences(text: str, lang: str) -> list[Segment]:
    """Split a field into stripped sentences; text[s.start:s.end] == s.text for every segment."""
    segments: list[Segment] = []
    for paragraph, (start, end) in enumerate(_paragraphs(text)):
        for sentence_start, sentence_end in _sentences(text, start, end, lang):
            segments.append(Segment(len(segments), text[sentence_start:sentence_end], sentence_start, sentence_end, paragraph))
    return segments


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank paragraphs, split on blank lines."""
    spans: list[tuple[int, int]] = []
    position = 0
    for match in PARAGRAPH_BREAK.finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    return [span for span in spans if text[span[0]:span[1]].strip()]


def _sentences(text: str, start: int, end: int, lang: str) -> list[tuple[int, int]]:
    """Stripped sentence spans within text[start:end]."""
    spans: list[tuple[int, int]] = []
    sentence_start = start
    open_quotes: list[str] = []
    straight_open = False
    i = start
    while i < end:
        char = text[i]
        if char in PAIRED_QUOTES:
            open_quotes.append(PAIRED_QUOTES[char])
        elif open_quotes and char == open_quotes[-1]:
            open_quotes.pop()
        elif char == '"':
            straight_open = not straight_open
        if char not in ENDINGS:
            i += 1
            continue
        j = i
        while j < end and text[j] in ENDINGS:
            j += 1
        ends_run = j
        while j < end and text[j] in CLOSERS:
            if open_quotes and text[j] == open_quotes[-1]:
                open_quotes.pop()
            elif text[j] == '"':
                straight_open = not straight_open
            j += 1
        if _is_boundary(text, i, ends_run, j, end, lang) and not open_quotes and not straight_open:
            spans.append((sentence_start, j))
            sentence_start = j
        i = j
    spans.append((sentence_start, end))
    return [stripped for stripped in (_strip(text, s, e) for s, e in spans) if stripped[0] < stripped[1]]


def _is_boundary(text: str, punct_start: int, punct_end: int, after: int, end: int, lang: str) -> bool:
    """True if the punctuation run text[punct_start:punct_end] ends a sentence."""
    if after >= end or not text[after].isspace():
        return False
    k = after
    while k < end and text[k].isspace():
        k += 1
    if k >= end or not (text[k].isupper() or text[k] in SENTENCE_STARTERS):
        return False
    if punct_end - punct_start == 1 and text[punct_start] == ".":
        return not _is_abbreviation(_word_before(text, punct_start), lang)
    return True


def _word_before(text: str, period: int) -> str:
    """The token just before a period, without leading brackets or quotes."""
    k = period
    while k > 0 and not text[k - 1].isspace():
        k -= 1
    return text[k:period].lstrip(OPENING_QUOTES + "([¿¡")


def _is_abbreviation(word: str, lang: str) -> bool:
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "José A. Kast"
    if DOTTED_ABBREVIATION.match(word):
        return True
    return word.lower() in ABBREVIATIONS.get(lang, frozenset())


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
