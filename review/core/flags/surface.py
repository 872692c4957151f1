"""Surface detectors: `untranslated`, `length_ratio` and `low_similarity`.

- untranslated (MQM accuracy/untranslated, major): a lowercase word of the English that is also in the
  aligned Spanish and is either a Spanish function word or unknown to Apertium's English analyser and in
  no English dictionary (hunspell-en-us/-en-gb: "calibre"); words inside quote marks, between two
  capitalised words (CNN en Español), inside a capitalised run of words copied from the source (a title
  kept in Spanish: Sangre de mayo), a word hyphened to a capitalised one (either side: Kim Jong-un) or
  the Arabic article before one (al-Qaeda, al Qaeda), a term the English names (known as búhos), a sentence
  both sides give alike (a quotation in a third language: Il faut bien le faire), a word the Spanish capitalises
  mid-sentence or before another capitalised one (a name, even when the English lowercases it: peña nieto), words
  English shares with Spanish and words Apertium itself keeps in its English (metro) are left alone.
- length_ratio (MQM accuracy, minor; major below 0.35): English characters / Spanish characters of
  an aligned pair outside [0.5, 2.0], for Spanish sentences of 40+ characters (news es->en runs
  about 0.9); a spelled-out name the English gives as its acronym counts at the acronym's length
  (Oficina Federal de Investigaciones = FBI).
- low_similarity (info only, never more): sentences whose chrF against the Apertium pseudo-reference
  is below 20 and in the lowest tenth of their field. chrF to Apertium measures literalness, not
  accuracy, so this only orders the review queue.
"""
from __future__ import annotations

import re

from review.core.flags import Detector, FieldContext, register
from review.core.flags.common import contains_phrase, fold
from review.core.flags.entities import contracted_runs, explanations
from review.core.flags.quotes import find_quotes
from review.core.flags.rulebook import active
from review.core.flags.wordlists import is_english_word
from review.core.model import Flag, Severity
from review.core.scoring.metrics import score_of

HYPHENATED_NAME = re.compile(r"[a-z]+-[A-Z]|(?:al|el) [A-Z]")  # al-Qaeda, al Qaeda, el Baradei: parts of a name
# a capitalised Spanish word mid-sentence, or before another one: a name (Peña Nieto)
SOURCE_NAME = re.compile(r"(?<=[\w,;] )[A-ZÁÉÍÓÚÑ]\w*|\b[A-ZÁÉÍÓÚÑ]\w*(?= [A-ZÁÉÍÓÚÑ])")
NAME_HEAD = re.compile(r"\b[A-Z]\w*-$")  # before a word that ends a name: Kim Jong-un, Ban Ki-moon
WORD_RE = re.compile(r"\w+")
MIN_RATIO, MAX_RATIO, SEVERE_RATIO, MIN_SOURCE_CHARS = 0.5, 2.0, 0.35, 40
LOW_CHRF, LOW_SHARE = 20.0, 0.1


def _in_kept_title(words: list[re.Match[str]], index: int, folded_source: str) -> bool:
    """True if the word is inside a run of 2+ words copied from the source that starts with a capital and
    holds a linking word: a title or name kept in Spanish on purpose (Sangre de mayo, Valle de los Reyes),
    not a name followed by a Spanish verb (Walmart coloca)."""
    for start in range(max(0, index - 5), index + 1):
        for end in range(index + 1, min(len(words), start + 7) + 1):
            run = [w.group() for w in words[start:end]]
            folded_run = [fold(w) for w in run]
            if len(run) >= 2 and run[0][:1].isupper() and _words("title_links") & set(folded_run) \
                    and f" {' '.join(folded_run)} " in folded_source:
                return True
    return False


@register
class Untranslated(Detector):
    """Spanish words left in the English."""

    code = "untranslated"
    category = "accuracy"
    severity = Severity.MAJOR
    version = 8  # 8: a term the English names after known as, called, dubbed (rules: en_term_intros); nothing in a
    # sentence both sides give alike (a quotation in a third language)
    # 7: English loan phrases that open with a Spanish function word (en masse, de facto)

    def prepare(self) -> None:
        is_english_word("calibre")  # reads hunspell-en-us and -en-gb

    def detect(self, context: FieldContext) -> list[Flag]:
        flags = []
        for pair in context.sentence_pairs():
            if fold(pair.source.strip()) == fold(pair.target.strip()):
                continue  # a sentence both give as it is (a quotation in a third language: Il faut bien le faire.)
            source_words = {fold(w) for w in re.findall(r"\w+", pair.source)}
            source_words -= {fold(w) for w in re.findall(r"\w+", pair.pseudo)}  # words Apertium kept as English
            source_words -= {fold(m.group()) for m in SOURCE_NAME.finditer(pair.source)}  # peña nieto: names
            source_words -= _glossary_words(pair.source)  # Xunta = Xunta: the newsroom keeps it
            quoted = [(q.start, q.end) for q in find_quotes(pair.target)]  # and loans: en masse, de facto
            quoted += [m.span() for m in _loan_phrases().finditer(pair.target)]
            quoted += [m.span(1) for m in _named_terms().finditer(pair.target)]  # known as búhos
            unknown = {t.start for t in pair.target_tokens if t.unknown}
            words = list(re.finditer(r"\w+", pair.target))
            folded_source = ""
            left = []
            for i, match in enumerate(words):
                word = match.group()
                if not word.islower() or fold(word) not in source_words or word in _words("en_shared") or len(word) < 2:
                    continue
                if any(start <= match.start() < end for start, end in quoted) or HYPHENATED_NAME.match(
                        pair.target, match.start()) or NAME_HEAD.search(pair.target, 0, match.start()):
                    continue
                neighbours = words[i - 1].group() if i else "", words[i + 1].group() if i + 1 < len(words) else ""
                if all(n[:1].isupper() for n in neighbours):
                    continue
                if word not in _words("es_function_words") and (not (pair.target_tokens and match.start() in unknown)
                                                      or is_english_word(word)):  # calibre, pretension
                    continue
                folded_source = folded_source or " " + " ".join(fold(w) for w in WORD_RE.findall(pair.source)) + " "
                if not _in_kept_title(words, i, folded_source):
                    left.append(match)
            if left:
                listed = ", ".join(f'"{m.group()}"' for m in left)
                function_word = any(m.group() in _words("es_function_words") for m in left)
                flags.append(self.flag(context, pair.source_span(), pair.target_span(left[0].start(), left[-1].end()),
                                       f"Spanish left untranslated in the English: {listed}",
                                       rule="surface.es-function-words" if function_word else None))
        return flags


def _words(slot: str) -> frozenset[str]:
    """A words slot of rules/surface.toml."""
    return active().compiled(("surface", slot), lambda book: frozenset(book.words("surface", slot)))


def _loan_phrases() -> re.Pattern[str]:
    """The English loan phrases that open with a Spanish function word (rules: en_loan_phrases), as one pattern."""
    return active().compiled(("surface", "loan_phrases"), lambda book: re.compile(
        rf"\b(?:{book.words_alternation('surface', 'en_loan_phrases')})\b", re.I))


def _named_terms() -> re.Pattern[str]:
    """A word after an English phrase that introduces a term by its name (rules: en_term_intros), as group 1."""
    return active().compiled(("surface", "term_intros"), lambda book: re.compile(
        rf"\b(?:{book.words_alternation('surface', 'en_term_intros')})\s+(?:the\s+)?[\"“'‘]?(\w+)", re.I))


def _glossary_words(source: str) -> set[str]:
    """The folded words of the English the glossary requires for its terms in the Spanish sentence."""
    return {fold(word) for term in active().glossary if contains_phrase(source, term.source)
            for word in re.findall(r"\w+", term.target)}


@register
class LengthRatio(Detector):
    """An English sentence far shorter or longer than its Spanish."""

    code = "length_ratio"
    category = "accuracy"
    severity = Severity.MINOR
    version = 4  # 4: nor does a name spelled out before the acronym the English gives alone (entities.spelled_before)
    # 3: a name given as the acronym of its translation counts at the acronym's length (NTSB)
    # 2: a description of a name in parentheses does not count (entities.explanations)

    def detect(self, context: FieldContext) -> list[Flag]:
        flags = []
        for pair in context.sentence_pairs():
            if len(pair.source) < MIN_SOURCE_CHARS:
                continue
            contracted = sum(end - start - len(acronym)
                             for start, end, acronym in contracted_runs(pair, context.bilingual))
            explained = sum(end - start for start, end in explanations(pair))
            ratio = len(pair.target) / max(1, len(pair.source) - contracted - explained)
            if MIN_RATIO <= ratio <= MAX_RATIO:
                continue
            flags.append(self.flag(context, pair.source_span(), pair.target_span(),
                                   f"The English is {ratio:.2f} times the length of the Spanish "
                                   f"(expected {MIN_RATIO}-{MAX_RATIO})",
                                   Severity.MAJOR if ratio < SEVERE_RATIO else Severity.MINOR))
        return flags


@register
class LowSimilarity(Detector):
    """Sentences least like the Apertium pseudo-reference within their field (info only)."""

    code = "low_similarity"
    category = "accuracy"
    severity = Severity.INFO
    version = 1

    def detect(self, context: FieldContext) -> list[Flag]:
        scored = [(score_of(link.scores, "chrF"), link) for link in context.links if link.src and link.tgt]
        values = sorted(value for value, _ in scored if value is not None)
        if not values:
            return []
        cut = values[int(len(values) * LOW_SHARE)]
        flags = []
        for value, link in scored:
            if value is None or value >= LOW_CHRF or value > cut:
                continue
            src = [context.source_segments[i] for i in link.src]
            tgt = [context.target_segments[j] for j in link.tgt]
            flags.append(self.flag(context, (src[0].start, src[-1].end), (tgt[0].start, tgt[-1].end),
                                   f"chrF {value:.1f} against the Apertium pseudo-reference, among the lowest of "
                                   f"the {context.field}: worth a look (literalness, not an error)"))
        return flags
