"""Word-level coverage of an aligned pair: which content words of each side have a counterpart on the other.

A Spanish content word (noun, lexical verb, adjective, name, number, or a word Apertium does not know)
has a counterpart when the English sentence holds one of its candidates in Apertium's bilingual
dictionary (`FieldContext.bilingual`, from `lt-proc -b`: every English word the dictionary gives, not
only the one lexical selection picked; a word the dictionary lacks is its own candidate), a word of the
same stem as one (injure = injury), a WordNet synonym of one (begin = start), a cognate (the same first
letters after the usual spelling changes, or a long common stretch: accesorio = accessory,
desnuclearización = denuclearization), a number (any: which one is numbers.py's matter), the same name,
a form the entity lexicon or CLDR gives it (Bruselas = Commission), or, for an acronym, its English
expansion or acronym (BCE = European Central Bank, IPC = CPI); a unit of measure has one in any unit of the
other side (metros = feet: which amount is numbers.py's matter). An English content word has a
counterpart when it is, or shares a stem with, a candidate (or a synonym of one) of some Spanish word
of the pair, a word of Apertium's rendering, a cognate, a number or a name of the Spanish, or the
English form of a name or acronym; the senses news gives a Spanish word that the dictionary lacks
(rules/senses.toml: funcionario = official, ex = former) count as candidates too. Both also count as covered
the other way round, through Apertium's eng-spa dictionary (`FieldContext.reverse`, from `lt-proc -b` too): an
English word one of whose Spanish candidates is in the Spanish sentence (smashed = rompió: romper gives only
"break"), and a Spanish word that is a candidate of one of the English words. A Spanish word said more often than
the English says its candidates is carried only as often (the rest, those among other uncovered words, are not).
A country's name in the possessive that the English adds (Bolivia's parliament) tells English readers what a
Spanish reader knows, and is not added content. What is left is content omitted (Spanish) or added (English).
Of what is left, the words the Spanish wordnet pairs up (spanish_wordnet.py: víctima = casualty, a Spanish word's
synsets' English lemmas) are weighed apart (`by_senses`): a match that loose speaks against a hallucination but
does not answer for a word left out or added (measured: letting it do so cost HalOmi omission recall 0.06).

Words weigh by what they carry: names and numbers 2, other content words 1. Light verbs, verbs of
saying and quantities that translators move freely (ser, estar, tener, decir, señalar; be, have, do,
say) are not content, nor is a description of a name in parentheses (la NFL (la liga profesional de fútbol
americano): entities.explanations), which the English may leave to its readers. The shares of covered weight on
both sides are the pair's adequacy (adequacy.py).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from review.core.flags import SentencePair
from review.core.flags.common import fold, words
from review.core.flags.entities import aliases, contracted_runs, expanded, explanations, stands_for, state_forms
from review.core.flags.numbers import measure, quantities
from review.core.flags.place_names import english_territories
from review.core.flags.rulebook import active
from review.core.flags.senses import news_senses
from review.core.flags.spanish_wordnet import english_words
from review.core.flags.units import CURRENCY_NAMES, currencies_differ
from review.core.flags.wordnet import APERTIUM_POS, base_forms, synonyms
from review.core.text.bilingual import token_key
from review.core.text.morphology import Token

CURRENCY_SIGN = re.compile(r"[$€£]")
AGE_WORDS = frozenset({"old", "aged", "age"})  # what English says of an age the Spanish gives as "de 45 años"
SPANISH_AGE = re.compile(r"\b\d{1,3} (anos)(?: de (edad))?\b")  # de 20 años de edad = 20 (of age)
CONTENT_POS = frozenset({"n", "vblex", "adj", "np", "num"})
ES_LIGHT = frozenset(fold(word) for word in "ser estar haber tener hacer poder deber ir dar poner quedar parecer llevar seguir "
                     "mismo otro todo mucho poco tanto cual alguno ninguno cierto propio gran grande nuevo vez "
                     "forma manera parte caso tipo hecho cosa "
                     # verbs of saying: translators render them all as "said" (stance.py watches attribution)
                     "decir señalar comentar afirmar declarar explicar añadir agregar asegurar indicar manifestar "
                     "sostener apuntar subrayar destacar insistir tuitear alegar precisar informar".split()
                     # a letter the analyser does not know is a piece of a word: the s of a name in the possessive
                     # (Lord's, read as Lord + s), the S of 11-S, the q of chat (q = que)
                     ) | frozenset("abcdefghijklmnopqrstuvwxyz")  # folded, as lemmas are
EN_LIGHT = frozenset("be have do make get give take put go come keep seem become let "
                     "same other such own many much few more most new great big way part kind case fact "
                     "thing lot s t say tell add note".split()) | {"st", "nd", "rd", "th"}  # an ordinal's end (3,000th)
NAME_WEIGHT, NUMBER_WEIGHT, WORD_WEIGHT = 2.0, 2.0, 1.0
KINDS = {"np": "name", "num": "number"}  # a known content word's kind by its part of speech (else "word")
WEIGHTS = {"name": NAME_WEIGHT, "number": NUMBER_WEIGHT}  # by kind (else WORD_WEIGHT)
COGNATE_PREFIX = 4
COGNATE_CORE = 6
STEM, STEM_SHARE = 5, 0.7
SPELLING = (("ph", "f"), ("th", "t"), ("ch", "c"), ("qu", "c"), ("k", "c"), ("y", "i"), ("cc", "c"), ("ss", "s"),
            ("ll", "l"), ("mm", "m"), ("nn", "n"), ("tt", "t"), ("pp", "p"), ("ff", "f"), ("rr", "r"),
            ("z", "c"), ("sc", "s"), ("x", "s"), ("h", ""))
DIGITS = re.compile(r"\d")
PHRASE_GAP = 2  # words at most between the two content words of a phrase of rules/senses.toml (jefe de estado)


@dataclass(frozen=True)
class Word:
    """A content word of one side: its surface, lemma, offsets in the sentence, weight and kind."""

    surface: str
    lemma: str
    start: int
    end: int
    weight: float
    kind: str  # "name", "number" or "word"
    pos: str  # WordNet's part of speech (n, v, a, r) or ""
    key: str = ""  # the bilingual dictionary's key (token_key: an unknown word's is its lemma, which only
    # prefixes.py gives an entry)
    unknown: bool = False  # the analyser does not know the word


@dataclass(frozen=True)
class Coverage:
    """Content words without a counterpart on the other side, and the covered share of each side's weight."""

    missing: tuple[Word, ...]  # Spanish content with no English counterpart
    added: tuple[Word, ...]  # English content with no Spanish counterpart
    source_weight: float
    target_weight: float
    unjudged: float = 0.0  # weight of missing Spanish words the bilingual dictionary does not know (corear, consigna)
    by_senses: float = 0.0  # weight of the missing and added words that only the Spanish wordnet pairs up (víctima =
    # casualty): evidence against a hallucination, too loose a match to answer for a word left out or added

    @property
    def source_share(self) -> float:
        return 1.0 - sum(w.weight for w in self.missing) / self.source_weight if self.source_weight else 1.0

    @property
    def target_share(self) -> float:
        return 1.0 - sum(w.weight for w in self.added) / self.target_weight if self.target_weight else 1.0


def content_words(tokens: Sequence[Token], light: frozenset[str]) -> list[Word]:
    """The side's content words, each with its weight and kind (memoised per sentence: coverage and the adequacy
    detectors read the same ones)."""
    return list(_content_words(tuple(tokens), light))


@lru_cache(maxsize=4096)
def _content_words(tokens: tuple[Token, ...], light: frozenset[str]) -> tuple[Word, ...]:
    found = []
    for token in tokens:
        pos = token.pos
        if token.unknown:
            if not any(ch.isalnum() for ch in token.surface) or fold(token.lemma) in light:
                continue
            # an unknown capitalised word is a name; an unknown lower-case one a word (nonprofit, tachuelas)
            kind = "number" if DIGITS.search(token.surface) else "name" if token.surface[:1].isupper() else "word"
            lemma = fold(token.lemma)
        elif pos not in CONTENT_POS or (lemma := fold(token.lemma)) in light:
            continue
        else:
            kind = KINDS.get(pos, "word")
        found.append(Word(token.surface, lemma, token.start, token.end, WEIGHTS.get(kind, WORD_WEIGHT), kind,
                          APERTIUM_POS.get(pos, ""), token_key(token), token.unknown))
    return tuple(found)


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """A folded word with the spelling differences of Spanish and English cognates evened out (memoised: every
    content word of a pair is compared with every one of the other side)."""
    word = fold(word)
    for old, new in SPELLING:
        word = word.replace(old, new)
    return word


def cognate(first: str, second: str) -> bool:
    """True if two words look like cognates: lengths within a factor of 1.6 and the same skeleton start
    (COGNATE_PREFIX letters, or the whole of a short word) or a common stretch of COGNATE_CORE letters
    (desnuclearización = denuclearization)."""
    return _alike(skeleton(first), skeleton(second))


def _alike(a: str, b: str) -> bool:
    """cognate() of two skeletons (a skeleton is always alike itself)."""
    if min(len(a), len(b)) < COGNATE_PREFIX:
        return a == b
    if max(len(a), len(b)) > 1.6 * min(len(a), len(b)):
        return False
    if a[:COGNATE_PREFIX] == b[:COGNATE_PREFIX]:
        return True
    return min(len(a), len(b)) >= COGNATE_CORE and not _cores(a).isdisjoint(_cores(b))


class _Skeletons:
    """The skeletons of one side's words, indexed by their first COGNATE_PREFIX letters and by their cores, so that
    `alike` tries only those that can be cognates of a word (every one _alike tests true is in one of its lists)."""

    def __init__(self, skeletons: set[str]) -> None:
        self.all = skeletons
        self.by_prefix: dict[str, list[str]] = {}
        self.by_core: dict[str, list[str]] = {}
        for other in skeletons:
            if len(other) >= COGNATE_PREFIX:
                self.by_prefix.setdefault(other[:COGNATE_PREFIX], []).append(other)
            if len(other) >= COGNATE_CORE:
                for core in _cores(other):
                    self.by_core.setdefault(core, []).append(other)

    def alike(self, skeleton_: str) -> bool:
        """True if one of the skeletons is _alike `skeleton_`: equal (a short word), of the same start, or sharing
        a core."""
        if skeleton_ in self.all:
            return True
        if len(skeleton_) < COGNATE_PREFIX:
            return False
        if any(_alike(skeleton_, other) for other in self.by_prefix.get(skeleton_[:COGNATE_PREFIX], ())):
            return True
        return len(skeleton_) >= COGNATE_CORE and any(
            _alike(skeleton_, other) for core in _cores(skeleton_) for other in self.by_core.get(core, ()))


@lru_cache(maxsize=65536)
def _cores(skeleton_: str) -> frozenset[str]:
    """Every stretch of COGNATE_CORE letters of a skeleton: two words share a stretch that long exactly when these
    sets meet."""
    return frozenset(skeleton_[i:i + COGNATE_CORE] for i in range(len(skeleton_) - COGNATE_CORE + 1))


def related(first: str, second: str) -> bool:
    """True if two English lemmas share a stem (injure = injury, govern = government): a common start of at least
    STEM letters that is most of the shorter word."""
    size = min(len(first), len(second))
    if size < STEM or first[:STEM] != second[:STEM]:  # the second test alone leaves most pairs out
        return False
    common = next((i for i, (a, b) in enumerate(zip(first, second)) if a != b), size)
    return common >= STEM and common >= STEM_SHARE * size


def _by_stem(lemmas: Iterable[str]) -> dict[str, list[str]]:
    """The lemmas of STEM letters or more by their first STEM letters: all that `related` can find true of a word."""
    stems: dict[str, list[str]] = {}
    for lemma in lemmas:
        if len(lemma) >= STEM:
            stems.setdefault(lemma[:STEM], []).append(lemma)
    return stems


def _rendered(options: tuple[str, ...], pos: str, english: set[str], lemmas: dict[str, list[str]]) -> bool:
    """True if one of a Spanish word's English candidates is in the sentence: as it is, by a word of the same stem
    (`lemmas` by _by_stem), or by a WordNet synonym."""
    if any(c in english or (" " in c and _most_parts(c, english)) for c in options):
        return True
    if any(related(c, lemma) for c in options for lemma in lemmas.get(c[:STEM], ())):
        return True
    return bool(pos) and any(synonyms(c, pos) & english for c in options)


@lru_cache(maxsize=65536)  # asked about every English word of a batch
def english_bases(word: str) -> frozenset[str]:
    """The WordNet lemmas an inflected English word is a form of, as a noun or verb (jailed = jail, stabbed = stab,
    rallies = rally, which the analyser does not know; lives = live, which the tagger read as the noun life:
    wordnet.base_forms); the stems STEM letters are too many to relate to a short base."""
    return frozenset(base for pos in ("n", "v") for base in base_forms(word, pos) if base != word)


def _most_parts(candidate: str, english: set[str]) -> bool:
    """True if at least half the words of a multiword candidate are in the English (hyphens aside: non-profit
    organisation = nonprofit group)."""
    parts = [part.replace("-", "") for part in candidate.split()]
    plain = {word.replace("-", "") for word in english}
    return 2 * sum(part in plain for part in parts) >= len(parts)


def _sourced(word: Word, candidates: set[str], stems: dict[str, list[str]]) -> bool:
    """True if an English word is one of the Spanish words' candidates, shares a stem with one (`stems`, the candidates
    by _by_stem), or is a synonym."""
    if word.lemma in candidates or fold(word.surface) in candidates:
        return True
    if any(related(word.lemma, c) for c in stems.get(word.lemma[:STEM], ())):
        return True
    return bool(word.pos) and bool(synonyms(word.lemma, word.pos) & candidates)


def _named(pair: SentencePair, spanish: list[Word], bilingual: Mapping[str, tuple[str, ...]]
           ) -> tuple[set[int], set[str]]:
    """Names the entity lexicon and CLDR give an English form of that the English holds (Bruselas = the Commission,
    PSOE = Socialists; Washington = the US: entities.state_forms), and acronyms spelled out in the English (BCE =
    European Central Bank) or given as the English acronym (IPC = CPI), and spelled-out names the English gives as an
    acronym (Oficina Federal de Investigaciones = FBI): the starts of the Spanish words so covered, and the English
    words that render them.
    """
    table = aliases()
    folded_target = f" {fold(pair.target)} "
    source_words = words(pair.source)
    covered: set[int] = set()
    sourced: set[str] = set()
    folded = [fold(word) for word, _, _ in source_words]
    starts = _alias_starts()
    for i in range(len(source_words)):
        if folded[i] not in starts and " " not in folded[i]:  # no phrase of the table starts with the word
            continue
        for size in (4, 3, 2, 1):  # Bolsa de Nueva York = Wall Street
            if i + size > len(source_words):
                continue
            phrase = " ".join(folded[i:i + size])
            found = [form for form in table.get(phrase, ()) if f" {form} " in folded_target]
            found = found or state_forms(phrase, pair, table)  # Washington = the US
            if found:
                covered.update(start for _, start, _ in source_words[i:i + size])
                sourced.update(part for form in found for part in re.split(r"[\s-]+", form))  # medium-sized
                break
    english_acronyms = [w for w, _, _ in words(pair.target) if w.isupper() and 2 <= len(w) <= 6]
    for word in spanish:
        letters = word.surface.replace(".", "")
        if not (letters.isupper() and 2 <= len(letters) <= 6):
            continue
        if expanded(letters, pair.target):
            covered.add(word.start)
            sourced.update(fold(w) for w, _, _ in words(pair.target) if w[:1].isupper() and w[0] in letters)
        elif (same := [a for a in english_acronyms if sorted(a) == sorted(letters)]):
            covered.add(word.start)
            sourced.update(fold(a) for a in same)
    for start, end, acronym in contracted_runs(pair, bilingual):  # Oficina Federal de Investigaciones = FBI
        covered.update(word.start for word in spanish if start <= word.start < end)
        sourced.add(fold(acronym))
    return covered, sourced


def _alias_starts() -> frozenset[str]:
    """The first words of the phrases aliases() gives forms of, and of the capitals stands_for() lists (computed once
    per rule book, as aliases() is)."""
    return active().compiled("coverage.alias_starts", lambda _: frozenset(
        key.split(" ", 1)[0] for key in (*aliases(), *stands_for())))


def _units(text: str, lang: str, content: list[Word]) -> set[int]:
    """The starts of the content words that are units of measure (rules/numbers.toml: metros, feet, grados)."""
    folded = fold(text)
    return {word.start for word in content if measure(lang, folded, word.start)}


def _ages(text: str) -> set[int]:
    """The starts of años and edad in a Spanish age (Sims, de 20 años de edad): the English gives the number alone
    (Sims, 20), the unit understood."""
    return {match.start(n) for match in SPANISH_AGE.finditer(fold(text)) for n in (1, 2) if match.group(n)}


def _repeated_beyond(spanish: list[Word], english: list[Word], missing: list[Word],
                     bilingual: Mapping[str, tuple[str, ...]], extra: Mapping[str, tuple[str, ...]]) -> list[Word]:
    """The occurrences of a Spanish word said more often than the English says its dictionary candidates: the ones
    left over have no counterpart ("sector" twice in the Spanish and once in the English, the clause with the second
    cut out). Which ones are left over: those with the most uncovered content words around them (`_missing_around`),
    the likeliest part of a stretch left out."""
    gone = {word.start for word in missing}
    by_lemma: dict[str, list[Word]] = {}
    for word in spanish:
        if word.kind == "word" and word.start not in gone:
            by_lemma.setdefault(word.lemma, []).append(word)
    left: list[Word] = []
    for lemma, occurrences in by_lemma.items():
        if len(occurrences) < 2:
            continue
        options = {fold(c) for c in (*(bilingual.get(occurrences[0].key) or (lemma,)), *extra.get(lemma, ()))}
        said = sum(fold(e.lemma) in options or fold(e.surface) in options for e in english)
        if said and said < len(occurrences):  # none said as such: carried by a stem or synonym, not counted
            lonely = sorted(occurrences, key=lambda word: -_missing_around(word, spanish, gone))
            left += lonely[:len(occurrences) - said]
    return left


def _missing_around(word: Word, content: list[Word], gone: set[int]) -> int:
    """How many of the two content words either side of `word` have no counterpart."""
    at = next(i for i, w in enumerate(content) if w.start == word.start)
    return sum(w.start in gone for w in content[max(0, at - 2):at + 3])


def _phrase_senses(text: str, spanish: list[Word], extra: Mapping[str, tuple[str, ...]]) -> dict[int, tuple[str, ...]]:
    """The news senses of two content words in a row that the analyser reads as two (juicio político = impeachment;
    ola de calor = heatwave): the first's lemma, what stands between them and the second's lemma (or its surface:
    consejero delegado, which the tagger reads as delegar), as a key of rules/senses.toml; by the start of each of the
    two words."""
    found: dict[int, tuple[str, ...]] = {}
    for first, second in zip(spanish, spanish[1:]):
        between = " ".join(fold(text[first.end:second.start]).split())
        if len(between.split()) > PHRASE_GAP:
            continue
        for last in dict.fromkeys((second.lemma, fold(second.surface))):  # consejero delegado: delegar<pp>
            if senses := extra.get(" ".join(filter(None, (first.lemma, between, last)))):
                found[first.start] = found.get(first.start, ()) + senses
                found[second.start] = found.get(second.start, ()) + senses
    return found


def _signed_currency(word: Word, signs: set[str]) -> bool:
    """True if the Spanish word names a currency (dólares, euros, libras) that a sign of the English stands for
    (5 millones de dólares = $5m): the sign is no word, so nothing else would carry it."""
    name = CURRENCY_NAMES.get(fold(word.surface))
    return bool(name) and any(not currencies_differ(name, CURRENCY_NAMES[sign]) for sign in signs)


def _has_number(text: str, lang: str) -> bool:
    """True if the text holds a number, in digits or in words (trescientos cincuenta = 350): which number is
    numbers.py's matter."""
    return DIGITS.search(text) is not None or bool(quantities(text, lang))


def _back(candidates: tuple[str, ...], spanish: set[str]) -> bool:
    """True if one of an English word's Spanish candidates (eng-spa dictionary) is in the Spanish sentence: as a word,
    or for a multiword candidate, at least half its words."""
    for candidate in candidates:
        parts = fold(candidate).split()
        if parts and 2 * sum(part in spanish for part in parts) >= len(parts):
            return True
    return False


def _country_possessive(text: str, word: Word) -> bool:
    """True if the English word is a country's name in the possessive (Spain's, Bolivia's)."""
    return text.startswith(("'s", "’s"), word.end) and fold(word.surface) in english_territories()


def coverage(pair: SentencePair, bilingual: Mapping[str, tuple[str, ...]],
             reverse: Mapping[str, tuple[str, ...]] | None = None) -> Coverage:
    """The pair's coverage through the bilingual dictionaries (spa-eng, and eng-spa when `reverse` is given),
    Apertium's rendering, cognates, numbers and names."""
    reverse = reverse or {}
    glosses = explanations(pair)
    spanish = [w for w in content_words(pair.source_tokens, ES_LIGHT)
               if not any(start <= w.start < end for start, end in glosses)]
    english = content_words(pair.target_tokens, EN_LIGHT)
    spanish_forms = {form for t in pair.source_tokens for text in (t.surface, t.lemma) for form in fold(text).split()}
    spanish_words = {form for t in pair.source_tokens for form in fold(t.surface).split()}  # as written
    backs = {part for e in english for c in reverse.get(e.key, ()) for part in fold(c).split()}
    english_forms = {form for t in pair.target_tokens for folded in (fold(t.surface), fold(t.lemma))
                     for form in (folded, *folded.split())}  # a multiword's words too: next year
    english_forms |= {base for t in pair.target_tokens for base in english_bases(fold(t.surface))}
    lemmas = _by_stem(w.lemma for w in english)
    folded_target, folded_source = f" {fold(pair.target)} ", f" {fold(pair.source)} "
    rendering = {fold(word) for word in re.findall(r"\w+", pair.pseudo)}
    extra = news_senses()
    candidates = {c for t in pair.source_tokens for c in bilingual.get(token_key(t), ())} if bilingual else set()
    phrased = _phrase_senses(pair.source, spanish, extra)
    candidates |= {c for w in spanish for c in (*extra.get(w.lemma, ()), *phrased.get(w.start, ()))}
    candidates |= {part.replace("-", "") for c in candidates if " " in c or "-" in c for part in c.split()}
    stems = _by_stem(candidates)
    numbered: dict[str, bool] = {}  # whether each side holds a number, found only when a number word asks

    def holds_number(text: str, lang: str) -> bool:
        if lang not in numbered:
            numbered[lang] = _has_number(text, lang)
        return numbered[lang]

    named, sourced = _named(pair, spanish, bilingual)
    # cognates compare skeletons only: each distinct one once (cognate(a, b) is _alike of their skeletons)
    english_skeletons = _Skeletons({skeleton(text) for e in english for text in (e.surface, e.lemma)})
    spanish_surfaces = _Skeletons({skeleton(s.surface) for s in spanish})
    spanish_lemmas = _Skeletons({skeleton(s.lemma) for s in spanish})
    spanish_units, english_units = _units(pair.source, "es", spanish), _units(pair.target, "en", english)
    ages = _ages(pair.source)
    signs = set(CURRENCY_SIGN.findall(pair.target))
    missing, by_senses = [], []
    for word in spanish:
        if word.start in named or word.lemma in backs or (word.start in spanish_units and english_units) \
                or _signed_currency(word, signs):
            continue
        if _rendered((*(bilingual.get(word.key) or (word.lemma,)), *extra.get(word.lemma, ()),
                      *phrased.get(word.start, ())), word.pos, english_forms, lemmas):
            continue
        if (word.kind == "number" or word.start in ages) and holds_number(pair.target, "en"):  # which: numbers.py
            continue
        if word.kind == "name" and f" {fold(word.surface)}" in folded_target:
            continue
        if english_skeletons.alike(skeleton(word.surface)) or english_skeletons.alike(skeleton(word.lemma)):
            continue
        missing.append(word)
        if word.kind == "word" and word.pos and _rendered(tuple(english_words(word.lemma, word.pos)), "",
                                                          english_forms, lemmas):
            by_senses.append(word)
    counted = [word for word in spanish if word.start not in ages]  # de 45 años = "45": no "years" to count
    missing = sorted(missing + _repeated_beyond(counted, english, missing, bilingual, extra), key=lambda w: w.start)
    added = []
    for word in english:
        if fold(word.surface) in sourced or _back(reverse.get(word.key, ()), spanish_forms):
            continue
        if word.start in english_units and spanish_units or ages and fold(word.surface) in AGE_WORDS:
            continue  # a unit the Spanish measures in too; the "old" of a 45-year-old (de 45 años)
        if fold(word.surface) in rendering or word.lemma in rendering or _sourced(word, candidates, stems) \
                or word.unknown and not english_bases(word.lemma).isdisjoint(candidates):
            continue
        if word.kind == "number" and holds_number(pair.source, "es"):
            continue
        if (word.kind == "name" or word.unknown) and fold(word.surface) in spanish_words \
                or word.kind == "name" and f" {fold(word.surface)}" in folded_source:
            continue  # a name, or a word the English analyser does not know, that the Spanish writes as it is (El
            # Chapo, David de Gea, Banco de la República: a Spanish function word in a name is no English word)
        if word.kind == "name" and _country_possessive(pair.target, word):
            continue  # Bolivia's parliament: the country English readers are told, which a Spanish reader knows
        if spanish_surfaces.alike(skeleton(word.surface)) or spanish_lemmas.alike(skeleton(word.lemma)):
            continue
        added.append(word)
    if added:  # English words a Spanish word's synsets give
        senses = {sense for w in spanish if w.kind == "word" and w.pos for sense in english_words(w.lemma, w.pos)}
        sense_stems = _by_stem(senses)  # a plural the tagger left as it is: casualties = casualty
        by_senses += [word for word in added if word.lemma in senses or fold(word.surface) in senses
                      or any(related(word.lemma, sense) for sense in sense_stems.get(word.lemma[:STEM], ()))]
    unjudged = sum(w.weight for w in missing if w.kind == "word" and bilingual and not bilingual.get(w.key))
    return Coverage(tuple(missing), tuple(added), sum(w.weight for w in spanish), sum(w.weight for w in english),
                    unjudged, sum(w.weight for w in by_senses))
