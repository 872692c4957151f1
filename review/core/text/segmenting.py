"""Sentence splitting for Spanish and English news text, keeping character offsets and paragraphs.

Rules: a sentence ends after a run of . ! ? … (plus any closing quotes or brackets) that is
followed by whitespace and then an uppercase letter, an opening quote, ¿ or ¡. It does not
end
- after a title or other known abbreviation (Sr., Dra., núm., Mr., Gov.) or a single-letter initial;
- after a dotted abbreviation (EE.UU., U.S.) or a Spanish plural one of doubled capitals, spaced or
  not (EE. UU., FF. AA., JJ. OO.), unless the next word is a common sentence opener ("EE. UU. El
  lunes..." splits, "EE. UU. Obama..." does not), and never inside one ("EE." before "UU.");
- after English a.m. or p.m. before a day, a month or a time zone ("10 p.m. Friday", "9 a.m. ET"); before any
  other capitalised word it does ("at 10 p.m. Police arrived");
- after a Spanish title or abbreviation in English text too (Sra. Rushmore, Gral., Av., núm.), where
  translators keep them;
- inside a quotation that is still open («...», “...”, "..."), so quotes spanning sentences stay
  whole; a quote left open at the end of its paragraph is treated as a typo and ignored;
- at decimal and thousand separators (4,1%; 42.000), which are not followed by whitespace;
- at a colon (headlines such as «Descartado»: Boluarte stay one sentence).
Each bullet line (starting with -, –, —, •, · or *) is a sentence of its own, ended or not.
The abbreviations and sentence openers of each language are rules/segmenting.toml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from review.core.model import Segment

if TYPE_CHECKING:
    from review.core.flags.rulebook import RuleBook

ENDINGS = ".!?…"
OPENING_QUOTES = "«“\"'‘"
CLOSERS = "»”\"'’)]"
SENTENCE_STARTERS = OPENING_QUOTES + "¿¡(["
PAIRED_QUOTES = {"«": "»", "“": "”"}
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
CLOCK_ABBREVIATIONS = frozenset({"a.m", "p.m"})  # English a.m./p.m. end a sentence before most capitalised words
DOTTED_ABBREVIATION = re.compile(r"^(?:\w{1,2}\.)+\w{1,2}$")  # EE.UU, a.m, U.S, e.g
DOUBLED_CAPITALS = re.compile(r"^(?:([A-Z])\1){1,2}$")  # EE, UU, FF, AA: a Spanish plural abbreviation's part
BULLET_LINE = re.compile(r"\n[ \t]*(?=[-–—•·*][ \t])")

RULES = "segmenting"  # rules/segmenting.toml: the abbreviations and sentence openers of each language


@dataclass(frozen=True)
class Vocabulary:
    """rules/segmenting.toml as word sets per language."""

    abbreviations: dict[str, frozenset[str]]
    openers: dict[str, frozenset[str]]
    after_clock: frozenset[str]  # English words that go on a sentence after a.m./p.m.


def _compile(book: RuleBook) -> Vocabulary:
    return Vocabulary({lang: frozenset(book.words(RULES, f"{lang}_abbreviations")) for lang in ("es", "en")},
                      {lang: frozenset(book.words(RULES, f"{lang}_openers")) for lang in ("es", "en")},
                      frozenset(book.words(RULES, "en_after_clock")))


def vocabulary() -> Vocabulary:
    # imported on first use: review.core.flags loads every detector (sacrebleu, numpy: a quarter of a second),
    # which `review align --presegmented` never needs
    from review.core.flags.rulebook import active

    return active().compiled(RULES, _compile)


def split_sentences(text: str, lang: str) -> list[Segment]:
    """Split a field into stripped sentences; text[s.start:s.end] == s.text for every segment."""
    segments: list[Segment] = []
    for paragraph, (start, end) in enumerate(_paragraphs(text)):
        for sentence_start, sentence_end in (span for line in _lines(text, start, end)
                                             for span in _sentences(text, *line, lang)):
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


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """text[start:end] cut before every bullet line, so that each bullet is a sentence of its own."""
    cuts = [start] + [match.start() for match in BULLET_LINE.finditer(text, start, end)] + [end]
    return list(zip(cuts, cuts[1:]))


def _sentences(text: str, start: int, end: int, lang: str) -> list[tuple[int, int]]:
    """Stripped sentence spans within text[start:end]; quotes never closed there are ignored."""
    spans, balanced = _scan(text, start, end, lang, track_quotes=True)
    return spans if balanced else _scan(text, start, end, lang, track_quotes=False)[0]


def _scan(text: str, start: int, end: int, lang: str, track_quotes: bool) -> tuple[list[tuple[int, int]], bool]:
    """Sentence spans, and whether every quote opened in the range was closed."""
    spans: list[tuple[int, int]] = []
    sentence_start = start
    open_quotes: list[str] = []
    straight_open = False
    i = start
    while i < end:
        char = text[i]
        if track_quotes:
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
            if track_quotes and open_quotes and text[j] == open_quotes[-1]:
                open_quotes.pop()
            elif track_quotes and text[j] == '"':
                straight_open = not straight_open
            j += 1
        if _is_boundary(text, i, ends_run, j, end, lang) and not open_quotes and not straight_open:
            spans.append((sentence_start, j))
            sentence_start = j
        i = j
    spans.append((sentence_start, end))
    stripped = [span for span in (_strip(text, s, e) for s, e in spans) if span[0] < span[1]]
    return stripped, not open_quotes and not straight_open


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
        word = _word_before(text, punct_start)
        if DOUBLED_CAPITALS.match(word):  # EE. before UU. never ends; UU. ends before a sentence opener
            following = _word_at(text, k)
            return not DOUBLED_CAPITALS.match(following) and following.lower() in vocabulary().openers.get(lang, frozenset())
        if lang == "en" and word.lower() in CLOCK_ABBREVIATIONS:  # at 10 p.m. Police arrived; at 10 p.m. Friday
            return _word_at(text, k).lower() not in vocabulary().after_clock
        if DOTTED_ABBREVIATION.match(word):
            return _word_at(text, k).lower() in vocabulary().openers.get(lang, frozenset())
        return not _is_abbreviation(word, lang)
    return True


def _word_at(text: str, position: int) -> str:
    """The run of letters starting at position."""
    end = position
    while end < len(text) and text[end].isalpha():
        end += 1
    return text[position:end]


def _word_before(text: str, period: int) -> str:
    """The token just before a period, without leading brackets or quotes."""
    k = period
    while k > 0 and not text[k - 1].isspace():
        k -= 1
    return text[k:period].lstrip(OPENING_QUOTES + "([¿¡")


def _is_abbreviation(word: str, lang: str) -> bool:
    """A single-letter initial or a known abbreviation of the language."""
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "José A. Kast"
    return word.lower() in vocabulary().abbreviations.get(lang, frozenset())


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_like(sentences: list[str], translation: str, lang: str) -> list[str]:
    """The translation of a line cut into one piece per source sentence of that line.

    If the translation splits into as many sentences as the source, they pair up; otherwise its
    words are shared out in proportion to the source sentences' word counts.
    """
    if len(sentences) <= 1:
        return [translation.strip()] * len(sentences)
    pieces = [segment.text for segment in split_sentences(translation, lang)]
    if len(pieces) == len(sentences):
        return pieces
    words = translation.split()
    sizes = [max(1, len(sentence.split())) for sentence in sentences]
    total = sum(sizes)
    cuts = [round(len(words) * sum(sizes[:k]) / total) for k in range(len(sizes) + 1)]
    return [" ".join(words[a:b]) for a, b in zip(cuts, cuts[1:])]
