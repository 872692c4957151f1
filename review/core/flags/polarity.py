"""`negation_flip`: the English negates where the Spanish does not, or drops a negation it had.

The mechanism: clause negations are counted on both sides of each aligned pair, after removing idioms that
only look negative; Spanish negative concord counts once per clause, a negator repeated down a list once, and
negation carried by a word (non-financial, declined to, apenas) makes up a count difference in one direction
only. The vocabulary (negators, idioms, concord words, words that carry a negation) is rules/polarity.toml.
Lexical negation counts too (lexical.py, from Apertium's bilingual dictionary and WordNet): a Spanish negative
prefix rendered as a negator before the base ("descontento" = "not happy"), and "sin"/"no" before a word
rendered by its antonym ("sin litoral" = "landlocked").
Spanish phrases whose negator English may keep or drop (no deja de = keeps or does not stop; no pudo evitarlo
= could not help it) balance either way.
One side negated and the other not: critical; both negated, different counts: major, but minor when the
English has as many negators as Apertium's literal rendering of the Spanish (then our Spanish count erred).
Minor too when the Spanish clause was recast: the verb a Spanish negator scopes over (the first content word after
it in its clause) has no counterpart in the English (coverage.py) and the English has words of its own instead, as
in "no corren riesgo" = "out of risk" or "que no dependen del poder central" = "devolved". A flipped negation
leaves that verb rendered (no fue elegido = was elected), so there a count difference is evidence of a flip.
English "neither ... nor ... nor" counts once, as Spanish "ni ... ni ... ni" does.
Counts that agree can still hide a flip: a negator the Spanish has elsewhere, or a word carrying one (en vez de),
makes up for one the English adds. So an English negator whose verb renders, unmistakably, a Spanish verb that
nothing in its clause negates is major (ha abierto = has not opened), unless an antonym after the verb, a "not ...
until" or a Spanish negator over a verb of like meaning accounts for it. MQM: accuracy (mistranslation).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from review.core.flags import Detector, FieldContext, SentencePair, lexical, register
from review.core.flags.adequacy import pair_coverages
from review.core.flags.common import fold
from review.core.flags.coverage import EN_LIGHT, ES_LIGHT, Coverage, Word, content_words
from review.core.flags.lexical import Bilingual
from review.core.flags.opposites import opposite_entries
from review.core.flags.rulebook import RuleBook, active
from review.core.flags.senses import news_senses
from review.core.flags.wordnet import APERTIUM_POS, antonyms, synonyms
from review.core.text.bilingual import token_key
from review.core.model import Flag, Severity

FAMILY = "polarity"
STEM = 4
WORD = re.compile(r"[a-z]+")
WORD_CHARS = re.compile(r"\w+")
EN_NOT_UNTIL = re.compile(r"\bnot (?:[\w,]+ ){0,6}until\b")  # "will not reach it until 2010" = "habrá que esperar"
EN_NUMBER_SIGN = re.compile(r"\bNo\.?(?= ?\d)|\b[Nn]o\.(?=\s*\d)")  # No 2, article no. 125 (a final "no." negates)
LIST_JOINER = r"[^.;:]*(?:,|\bor|\band|\by|\bo|\bni|\bnor) $"
SCOPE_WORDS = 4  # the word a negator scopes over is among the next this many words of its clause
NEGATOR_CARRIERS = frozenset({"adj", "vblex", "n"})  # Spanish words whose rendering may be an English negator
SPANISH_PUNCTUATION = re.compile(r"[;:.!?()]")  # a comma may set off an apposition after a negator
SPANISH_CLAUSE_BREAK = re.compile(r"[,;:.!?()]|\b(?:que|si|porque|cuando|aunque|pero|mientras|donde)\b", re.I)
CLAUSE_END = re.compile(r"[,;:.!?()\"“”«»]")


@dataclass(frozen=True)
class Vocabulary:
    """rules/polarity.toml compiled: one regex or word set per slot."""

    es_idioms: re.Pattern[str]
    es_optional: re.Pattern[str]
    en_idioms: re.Pattern[str]
    en_carried: re.Pattern[str]
    es_carried: re.Pattern[str]
    en_negative_words: re.Pattern[str]
    negative_prefix: re.Pattern[str]
    es_not_limiting: re.Pattern[str]
    en_limiting: re.Pattern[str]
    es_first_time: re.Pattern[str]
    en_before: re.Pattern[str]
    es_not: re.Pattern[str]
    es_additive: re.Pattern[str]
    en_additive: re.Pattern[str]
    es_nwords: re.Pattern[str]
    en_negators: re.Pattern[str]
    en_concord: re.Pattern[str]
    clauses: re.Pattern[str]
    after_nword: re.Pattern[str]
    listed: frozenset[str]
    es_concord: frozenset[str]
    concord_before: frozenset[str]
    concord_after: frozenset[str]
    neg_raising: frozenset[str]


def _compile(book: RuleBook) -> Vocabulary:
    def alternation(slot: str) -> str:
        return book.alternation(FAMILY, slot)

    def words(slot: str) -> str:
        return book.words_alternation(FAMILY, slot)

    def bounded(body: str) -> re.Pattern[str]:
        return re.compile(rf"\b(?:{body})\b")

    return Vocabulary(
        es_idioms=bounded(alternation("es_idioms")), es_optional=bounded(alternation("es_optional")),
        en_idioms=bounded(alternation("en_idioms")),
        en_carried=bounded(alternation("en_carried")), es_carried=bounded(alternation("es_carried")),
        en_negative_words=bounded(alternation("en_negative_words")),
        negative_prefix=re.compile(rf"\b(?:{alternation('negative_prefixes')})([a-z]{{4,}})"),
        es_not_limiting=re.compile(rf"\bno (?:[\w,]+ ){{0,6}}(?:{alternation('es_not_limiting')})\b"),
        en_limiting=bounded(alternation("en_limiting")), es_not=bounded(words("es_not")),
        es_first_time=bounded(alternation("es_first_time")), en_before=bounded(alternation("en_before")),
        es_additive=re.compile(rf"\b(?:{alternation('es_additive')})"), en_additive=bounded(alternation("en_additive")),
        es_nwords=bounded(words("es_nwords")),
        en_negators=re.compile(rf"\b(?:{alternation('en_negators')})\b|{alternation('en_negator_suffixes')}"),
        en_concord=bounded(words("en_concord")),
        clauses=re.compile(rf"(?:(?!\b(?:{words('es_clause_breaks')})\b)[^,;:.])+"),  # n-words concord within one
        after_nword=re.compile(rf"(?:^|\s)(?:{words('es_concord_opener')})\s*$"),
        listed=frozenset(book.words(FAMILY, "listed")), es_concord=frozenset(book.words(FAMILY, "es_concord_nor")),
        concord_before=frozenset(book.words(FAMILY, "es_concord_before")),
        concord_after=frozenset(book.words(FAMILY, "es_concord_after")),
        neg_raising=frozenset(book.words(FAMILY, "en_neg_raising")))


def vocabulary() -> Vocabulary:
    """The polarity vocabulary of the active rule book, compiled once per book."""
    return active().compiled(FAMILY, _compile)


BUT_BEFORE = re.compile(r"\bpero\s+$")  # pero tampoco = "but ... not ... either": a negation of its own, not concord


def spanish_negations(text: str, optional: bool = True) -> list[tuple[int, int]]:
    """Spans of clause negations in Spanish text (negative concord counted once per clause); without the optional
    ones (no deja de = keeps) unless `optional`."""
    v = vocabulary()
    folded = v.es_idioms.sub(_blank, fold(text.replace("º", ".")))  # nº 5 is a number
    if not optional:
        folded = v.es_optional.sub(_blank, folded)
    spans: list[tuple[int, int]] = []
    for clause in v.clauses.finditer(folded):
        nots = list(v.es_not.finditer(clause.group()))
        nwords = list(v.es_nwords.finditer(clause.group()))
        kept = nots + [w for w in nwords if not any(n.start() < w.start() for n in nots)
                       and not v.after_nword.search(clause.group()[:w.start()])  # ni tampoco, sin ningún
                       and not _repeated_in_list(folded, w.group(), clause.start() + w.start())
                       and not (w.group() in v.concord_after and any(  # sin decir nada, nunca ha dicho nada
                           n.start() < w.start() and n.group() in v.concord_before for n in nwords))]
        spans.extend((clause.start() + m.start(), clause.start() + m.end()) for m in kept
                     if not (spans and m.group() in v.es_concord  # "no ..., ni ..." as English "not ..., nor ..."
                             and not BUT_BEFORE.search(folded, 0, clause.start() + m.start())))  # pero tampoco
    return sorted(spans)


def english_negations(text: str) -> list[tuple[int, int]]:
    """Spans of negators in English text: "No 2" and "No. 10" are numbers; "no X, no Y" counts once, as Spanish
    "no X ni Y" does."""
    v = vocabulary()
    folded = fold(EN_NUMBER_SIGN.sub(_blank, text))
    folded = v.en_idioms.sub(_blank, folded)
    spans = [(m.start(), m.end()) for m in v.en_negators.finditer(folded)
             if not _repeated_in_list(folded, m.group(), m.start())]
    first_concord = next((m for m in v.en_concord.finditer(folded)), None)  # neither ... nor ... nor: one negation
    if first_concord and not any(start < first_concord.start() for start, _ in spans):
        spans.append((first_concord.start(), first_concord.end()))
    return sorted(spans)


def _repeated_in_list(text: str, word: str, start: int) -> bool:
    """The negator at `start` repeats one before it in a list (sin contratos y sin gaitas; no honours, no bills)."""
    return word in vocabulary().listed and re.search(rf"\b{word}\b{LIST_JOINER}", text[:start]) is not None


def _not_additive(spans: list[tuple[int, int]], pair: SentencePair) -> list[tuple[int, int]]:
    """The English negators but a "not only" / "not just" where the Spanish has its "no solo ... sino" (an idiom
    there): the English kept the addition even if it dropped its "but" ("not only in Europe, in the world")."""
    v = vocabulary()
    if not v.es_additive.search(fold(pair.source)):
        return spans
    additive = [match.start() for match in v.en_additive.finditer(fold(pair.target))]
    return [(start, end) for start, end in spans if start not in additive]


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def _not_borrowed(spans: list[tuple[int, int]], pair: SentencePair) -> list[tuple[int, int]]:
    """The English negators that are not also in the Spanish as they stand: an English title or quote the
    Spanish keeps ("Not as Good as You Think") negates nothing the Spanish does not, nor does a Spanish quote
    the English keeps ("Por qué no te callas"): "no" counts as borrowed with the words either side of it."""
    def borrowed(start: int, end: int) -> bool:
        negator = pair.target[start:end]
        if negator.lower() == "no":
            before, after = re.search(r"(\w+)\W*$", pair.target[:start]), re.match(r"\W*(\w+)", pair.target[end:])
            phrase = f" {before.group(1)} {negator} {after.group(1)} " if before and after else ""
            return bool(phrase) and phrase.lower() in f" {' '.join(WORD_CHARS.findall(pair.source.lower()))} "
        return re.search(rf"(?<!\w){re.escape(negator)}(?!\w)", pair.source) is not None

    return [(start, end) for start, end in spans if not borrowed(start, end)]


def _balanced(source: int, target: int, pair: SentencePair, bilingual: Bilingual) -> bool:
    """True if the counts agree once negation carried by words on the side with fewer negators is counted (with the
    bilingual dictionary and WordNet: lexical.py)."""
    if source > target:
        return target + _carried_in_english(pair, source) + lexical.carried_in_english(pair, bilingual) >= source
    if target > source:
        return source + _carried_in_spanish(pair, bilingual) + lexical.carried_in_spanish(pair, bilingual) >= target
    return True


def _carried_in_english(pair: SentencePair, spanish_count: int) -> int:
    """Negations of the Spanish the English expresses with a word: affixes and negative verbs, a negative-prefixed
    form of a word of Apertium's literal rendering (no está claro = unclear), an antonym of one (no es fácil =
    hard), "until" or "only" for no ... hasta, "only" or "just" for no ... más que."""
    v = vocabulary()
    english, literal = fold(pair.target), fold(pair.pseudo)
    english_words, literal_words = set(WORD.findall(english)), set(WORD.findall(literal))
    literal_stems = {word[:STEM] for word in literal_words if len(word) >= STEM}
    prefixed = [m for m in v.negative_prefix.finditer(english) if m.group(1)[:STEM] in literal_stems]
    words = v.en_carried.findall(english) + v.en_negative_words.findall(english)
    shared = [word for word in words if re.search(rf"\b{re.escape(word)}\b", literal)]
    # a word Apertium gives too renders a Spanish word (fracaso = failure), unless Apertium used it for a negation
    # of the Spanish, rendering fewer negators than the Spanish has (sin cambios = unchanged)
    absorbed = max(0, spanish_count - len(english_negations(pair.pseudo)))
    return (len(words) - len(shared) + min(len(shared), absorbed) + len(prefixed)
            + bool(opposite_entries(english_words, literal_words))
            + bool(v.es_not_limiting.search(fold(pair.source)) and v.en_limiting.search(english)))


def _carried_in_spanish(pair: SentencePair, bilingual: Bilingual) -> int:
    """Negations of the English the Spanish expresses with a word: Spanish negative words (unless the English renders
    the word itself outside its negators, as in "should not stop being" for dejar de ser), Apertium rendering one
    with an English negative word (impide = prevents, rechazó = refused) or the bilingual dictionary giving one for it
    (the larger of the two counts), Apertium rendering one with the antonym of an English word
    (prohíbe = forbids for "does not allow"), "will not ... until" for a Spanish sentence without negation,
    "tampoco" counted as concord for "not ... either" (no se consideraría ..., tampoco sería bueno = would not ...,
    wouldn't be good either), and "primera vez" for an English negation with "before" or "ever" (es la primera vez
    que un presidente la visita = no president has visited it before)."""
    v = vocabulary()
    english, literal, source = fold(pair.target), fold(pair.pseudo), fold(pair.source)
    plain_english = v.en_negators.sub(_blank, english)  # a negative word the English has as a plain word is no help
    rendered = len([word for word in v.en_negative_words.findall(literal)
                    if not re.search(rf"\b{re.escape(word)}\b", plain_english)])
    carried = [m for m in v.es_carried.finditer(source) if not _rendered_plainly(pair, bilingual, m.start(), m.end())]
    return (len(carried) + len(EN_NOT_UNTIL.findall(english))
            + bool(re.search(r"\btampoco\b", source) and re.search(r"\beither\b", english))
            + bool(v.es_first_time.search(source) and v.en_before.search(english))
            + max(rendered, _negative_in_dictionary(pair, bilingual))
            + bool(opposite_entries(set(WORD.findall(literal)), set(WORD.findall(english)))))


def _rendered_plainly(pair: SentencePair, bilingual: Bilingual, start: int, end: int) -> bool:
    """True if an English word outside the English negators renders a Spanish word of source[start:end] (one of its
    dictionary candidates or news senses (rules/senses.toml: evitar = prevent), the first word of a phrase, and their
    WordNet synonyms) of a verb, noun or adjective: the
    English kept the word (dejar de ser = "stop being", quit ~ stop) and carries no negation with it. A light verb
    (queda por saber = "is not yet known": quedar gives "be") tells nothing."""
    negators = english_negations(pair.target)
    english = {fold(t.lemma) for t in pair.target_tokens if not any(a <= t.start < b for a, b in negators)}
    for token in pair.source_tokens:
        if start <= token.start < end and token.pos in NEGATOR_CARRIERS and fold(token.lemma) not in ES_LIGHT:
            phrases = (*bilingual.get(token_key(token), ()), *news_senses().get(fold(token.lemma), ()))
            candidates = {phrase.replace("#", " ").split()[0] for phrase in phrases}  # dejó de fumar = "quit# smoking"
            candidates |= {alike for word in candidates for alike in synonyms(word, APERTIUM_POS[token.pos])}
            if candidates & english:
                return True
    return False


def _negative_in_dictionary(pair: SentencePair, bilingual: Bilingual) -> int:
    """Spanish words the bilingual dictionary renders by an English negative word (rules: en_negative_words: rehusó =
    reject, omitió = omit) or by an adjective that is a negative prefix on its own antonym (ineficaz = ineffective).
    A word whose rendering the English has as it stands is no help (perdió = lose, miss in "did not lose"), unless
    that rendering is one of the English negators (incapaces = unable). The candidates' WordNet synonyms were tried
    and left out: they hid 8 of 100 injected negations for no gain."""
    v = vocabulary()
    english_words = {fold(word) for token in pair.target_tokens for word in (token.lemma, token.surface)}
    count = 0
    for token in pair.source_tokens:
        candidates = bilingual.get(token_key(token), ())
        if not candidates or token.pos not in APERTIUM_POS:
            continue
        if token.pos in NEGATOR_CARRIERS and any(v.en_negators.fullmatch(word) for word in candidates):
            count += 1  # incapaces = unable, a negator of the English itself
        elif not english_words & set(candidates):
            count += any(v.en_negative_words.fullmatch(word) or lexical.prefixed_antonym(word) for word in candidates)
    return count


@register
class NegationFlip(Detector):
    """Different numbers of clause negations in the source and its English."""

    code = "negation_flip"
    category = "accuracy"
    severity = Severity.CRITICAL
    version = 26  # 26: a Spanish negative word rendered plainly through its news senses carries nothing (evitar =
    # preventing); idk, dunno negate; ", not even X" is an aside only when a comma closes it; no later than;
    # sin escrúpulos may be rendered without a negation (rogue)
    # 25: pero tampoco negates a clause of its own (no aporta nada, pero tampoco lo pretende); no
    # tener nada de, sin reservas, dejar sin, hace años que ... no may be rendered without a negation
    # 24: a sentence-final "no." negates ("The answer is no."); than never; calques of can't wait to;
    # unless carries si no; nunca ... mejor balances either way
    # 23: negation-raising verbs (not expected to = se espera que no)
    # 22: no importa lo que may keep its negation (it doesn't matter what); no dejaremos de (future
    # forms: = will keep); small wonder (= no es de extrañar) (rules)
    # 21: queda por saber, está por ver, a medias (= not yet, not complete); news idioms (no en vano,
    # no le falta razón, no da abasto, sin ir más lejos, nunca mejor dicho); a light verb is no rendering of a carrier
    # 20: dejar de, deja de (= no longer); desde la última vez que (= not ... since); a Spanish
    # negative word the English renders as a plain word (dejar de = stop) carries no negation; can't wait, couldn't
    # be happier, sin importar, da igual, unsurprisingly, absuelto = found not guilty (rules)
    # 19: a negation moved to another verb; a word rendered by an English negator (incapaz = unable)
    # 18: a Spanish word the dictionary renders by a negative English word carries a negation

    def detect(self, context: FieldContext) -> list[Flag]:
        flags = []
        for pair, found, _ in pair_coverages(context)[0]:
            source = spanish_negations(pair.source)
            target = _not_additive(_not_borrowed(english_negations(pair.target), pair), pair)
            if _balanced(len(source), len(target), pair, context.bilingual):
                moved = _misplaced(pair, context.bilingual, source, target)
                if moved is not None:
                    flags.append(self.flag(context, pair.source_span(*moved[0]), pair.target_span(*moved[1]),
                                           moved[2], Severity.MAJOR, rule="negation_flip"))
                continue
            required = spanish_negations(pair.source, optional=False)  # English may leave these out: no deja de = keeps
            if len(required) < len(source) and _balanced(len(required), len(target), pair, context.bilingual):
                continue
            if not source or not target:
                severity = Severity.CRITICAL
            elif len(english_negations(pair.pseudo)) == len(target):  # as a literal rendering: our count erred
                severity = Severity.MINOR
            else:
                severity = Severity.MAJOR
            if _recast(pair, found, source, target):
                severity = Severity.MINOR
            source_span = pair.source_span(*source[0]) if source else pair.source_span()
            target_span = pair.target_span(*target[0]) if target else pair.target_span()
            if target and len(target) > len(source):
                extra = target[len(source)] if source else target[0]
                message = (f'The English adds a negation ("{pair.target[extra[0]:extra[1]]}"): '
                           f"{len(target)} in the English, {len(source)} in the Spanish")
                target_span = pair.target_span(*extra)
                rule = _rule_of(pair.target[extra[0]:extra[1]], ("en_concord", "en_negators", "en_negator_suffixes"))
            else:
                message = (f'A negation of the Spanish ("{pair.source[source[-1][0]:source[-1][1]]}") is missing in '
                           f"the English: {len(source)} in the Spanish, {len(target)} in the English")
                rule = _rule_of(pair.source[source[-1][0]:source[-1][1]], ("es_not", "es_nwords"))
            flags.append(self.flag(context, source_span, target_span, message, severity, rule=rule))
        return flags


def _recast(pair: SentencePair, found: Coverage, source: list[tuple[int, int]], target: list[tuple[int, int]]) -> bool:
    """True if the Spanish has more negators, one negates a lexical verb the English has no counterpart for, and the
    English has content of its own in its place (else the negated words were left out: an omission, not a recast).
    Only a verb: a negated noun or adjective rendered by another word is a swap ("sin mar" = "coastal", "no es apto" =
    "is fit"), which a sparse dictionary cannot tell from a recast."""
    if len(source) <= len(target) or not found.added:
        return False
    missing = {word.start for word in found.missing}
    content = content_words(pair.source_tokens, ES_LIGHT)
    scoped = [_scope(pair.source, end, content) for _, end in source]
    return any(word.start in missing and word.pos == "v" for word in scoped if word)


def _misplaced(pair: SentencePair, bilingual: Bilingual, source: list[tuple[int, int]],
               target: list[tuple[int, int]]) -> tuple[tuple[int, int], tuple[int, int], str] | None:
    """An English negator whose verb renders a Spanish verb that nothing in its clause negates, though the counts
    agree (a negation the Spanish has elsewhere, or a word carrying one, made up for it): (Spanish span, English
    span, message), or None. Only where the verb is unmistakable (its English lemma once in the English, one Spanish
    verb with it among its dictionary candidates), the negation is no "not ... until" (= only then), no antonym after
    the verb makes up for it (te sientas mal = don't feel well), no Spanish negator scopes over a verb of like
    meaning (mejor no escuchar = better not to have heard) and the verb is no negation-raising one (expect, think)
    whose Spanish negates the clause that follows it."""
    if not target or opposite_entries(set(WORD.findall(fold(pair.target))), set(WORD.findall(fold(pair.pseudo)))):
        return None
    english = content_words(pair.target_tokens, EN_LIGHT)
    for start, end in target:
        verb = _scope(pair.target, end, english)
        if verb is None or verb.pos != "v" or sum(w.lemma == verb.lemma for w in english) != 1:
            continue
        if EN_NOT_UNTIL.match(fold(pair.target), start):
            continue
        rendered = [t for t in pair.source_tokens if t.pos == "vblex" and verb.lemma in bilingual.get(token_key(t), ())]
        if len(rendered) != 1 or _negates_alike(pair, bilingual, source, verb):
            continue
        if _opposite_after(pair, bilingual, verb):
            continue
        spanish = rendered[0]
        clause = _spanish_clause(pair.source, spanish.start, spanish.end)
        if _negative_clause(pair, bilingual, clause):
            continue
        if verb.lemma in vocabulary().neg_raising and any(negator >= spanish.end for negator, _ in source):
            continue  # not expected to rule = se espera que no falle: the Spanish negates the clause after the verb
        return ((spanish.start, spanish.end), (start, end),
                f'The English negates "{verb.surface}" ("{pair.target[start:end]}"), which renders '
                f'"{spanish.surface}", not negated in the Spanish')
    return None


def _opposite_after(pair: SentencePair, bilingual: Bilingual, verb: Word) -> bool:
    """True if an adjective or adverb after the English verb in its clause is the WordNet antonym of a word of
    Apertium's rendering or of a Spanish word's candidates: the negation goes with it (te sientas mal = don't
    feel well)."""
    spanish = set(WORD.findall(fold(pair.pseudo)))
    spanish |= {candidate for token in pair.source_tokens for candidate in bilingual.get(token_key(token), ())}
    for token in pair.target_tokens:
        if token.start <= verb.start or token.pos not in ("adj", "adv"):
            continue
        if CLAUSE_END.search(pair.target, verb.end, token.start):
            break
        if antonyms(token.lemma.lower(), APERTIUM_POS[token.pos]) & spanish:
            return True
    return False


def _negates_alike(pair: SentencePair, bilingual: Bilingual, source: list[tuple[int, int]], verb: Word) -> bool:
    """True if a Spanish negator scopes over a verb with a candidate that is the English verb's WordNet synonym."""
    spanish = content_words(pair.source_tokens, ES_LIGHT)
    for _, end in source:
        scoped = _scope(pair.source, end, spanish)
        if scoped is None or scoped.pos != "v":
            continue
        alike = synonyms(verb.lemma, "v") | {verb.lemma}
        candidates = bilingual.get(scoped.key, ())
        if any(candidate in alike or verb.lemma in synonyms(candidate, "v") for candidate in candidates):
            return True
    return False


def _spanish_clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around a word: from the punctuation before it but a comma (a negator may sit before an apposition
    or a subordinator: nadie, a parte de ella, oye; no hay nada que sugiera) to the punctuation or subordinator after
    it."""
    before = max((m.end() for m in SPANISH_PUNCTUATION.finditer(text, 0, start)), default=0)
    after = SPANISH_CLAUSE_BREAK.search(text, end)
    return before, after.start() if after else len(text)


def _negative_clause(pair: SentencePair, bilingual: Bilingual, clause: tuple[int, int]) -> bool:
    """True if a negator, n-word or negation-carrying word is in the Spanish clause, or a word the dictionary renders
    by a negative English one (incapaces = unable)."""
    v = vocabulary()
    folded = fold(pair.source[clause[0]:clause[1]])
    if v.es_carried.search(folded) or v.es_nwords.search(folded) or v.es_not.search(folded):
        return True
    return any(v.en_negators.fullmatch(word) or v.en_negative_words.fullmatch(word)
               for token in pair.source_tokens if clause[0] <= token.start < clause[1]
               for word in bilingual.get(token_key(token), ()))


def _scope(text: str, end: int, content: list[Word]) -> Word | None:
    """The first content word after a negator ending at `end`, within its clause and SCOPE_WORDS words."""
    word = next((w for w in content if w.start >= end), None)
    if word is None or CLAUSE_END.search(text, end, word.start):
        return None
    return word if len(WORD_CHARS.findall(text, end, word.start)) < SCOPE_WORDS else None


def _rule_of(negator: str, slots: tuple[str, ...]) -> str:
    """The id of the rule that counted the negator: the first of the slots with a rule for it."""
    book, folded = active(), fold(negator)
    found = [book.rule_for(FAMILY, slot, folded) for slot in slots]
    return next((rule for rule, slot in zip(found, slots) if rule != f"{FAMILY}.{slot}"), found[-1])
