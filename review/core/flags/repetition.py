"""`repetition`: the English says a stretch over and over where the Spanish says it once (a looping rendering).

Machine translation that loses its way repeats itself ("to France to France to France", the same sentence three
times), a hallucination of its own kind that coverage cannot see: every repeated word has its counterpart. The
field's English is read as words; the longest run of one stretch (one to MAX_STRETCH words) said again right after
itself is found, and flagged when it comes MIN_REPEATS times or more (a stretch of LONG_STRETCH words or more,
twice), unless the Spanish field repeats something as often (chants and emphasis: "¡Gol, gol, gol!" = "Goal, goal,
goal!", "muy, muy" = "very, very"). Major for a stretch of words said MIN_REPEATS times or more: the reader gets words
the source never said; minor for one word said over ("cost more more more more": DEMETR counts a repeated word as a
minor error, a slip the reader sees through) and for a stretch said twice (a translator's slip, "to get you to get
you", as often as a loop: the other WMT documents have three).
MQM category: accuracy (addition).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from review.core.flags import Detector, FieldContext, register
from review.core.model import Flag, Severity

WORD = re.compile(r"\w+")
MAX_STRETCH = 8  # words of a repeated stretch
MIN_REPEATS = 3  # times a short stretch comes in a row to be a loop
LONG_STRETCH = 3  # words from which a stretch said twice in a row is a loop


@dataclass(frozen=True)
class Repeat:
    """A stretch of words said again right after itself: how many times in a row, its words, where the run is."""

    times: int
    stretch: tuple[str, ...]
    start: int
    end: int

    @property
    def looping(self) -> bool:
        """MIN_REPEATS times in a row, or twice for a stretch of LONG_STRETCH words or more."""
        return self.times >= MIN_REPEATS or (self.times == 2 and len(self.stretch) >= LONG_STRETCH)


def longest_repeat(text: str) -> Repeat:
    """The stretch said most often in a row (the longer one of equal counts); times 1 when nothing is repeated."""
    words = [(match.group().lower(), match.start(), match.end()) for match in WORD.finditer(text)]
    forms = [word for word, _, _ in words]
    best = (1, 0, 0)  # times, size, first word
    for size in range(1, MAX_STRETCH + 1):
        first = 0
        while first <= len(forms) - 2 * size:
            times = 1
            while forms[first + times * size:first + (times + 1) * size] == forms[first:first + size]:
                times += 1
            if times > 1 and (times, size) > best[:2]:
                best = (times, size, first)
            first += max(1, (times - 1) * size)  # a stretch inside the run repeats no more often: linear time
    times, size, first = best
    if times == 1:
        return Repeat(1, (), 0, 0)
    said = tuple(text[start:end] for _, start, end in words[first:first + size])
    return Repeat(times, said, words[first][1], words[first + times * size - 1][2])


@register
class Repetition(Detector):
    """An English stretch said again and again in a row that the Spanish says fewer times."""

    code = "repetition"
    category = "accuracy"
    severity = Severity.MAJOR

    def detect(self, context: FieldContext) -> list[Flag]:
        found = longest_repeat(context.target)
        if not found.looping or longest_repeat(context.source).times >= found.times:
            return []
        return [self.flag(context, None, (found.start, found.end),
                          f'The English says "{" ".join(found.stretch)}" {found.times} times in a row; the Spanish '
                          "does not repeat it so (a looping rendering?)",
                          Severity.MAJOR if found.times >= MIN_REPEATS and len(found.stretch) > 1 else Severity.MINOR)]
