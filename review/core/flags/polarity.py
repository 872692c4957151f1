"""`negation_flip`: the English negates where the Spanish does not, or drops a negation it had.

Clause-level negators are counted on both sides of each aligned pair: no, nunca, jamás, ni, sin,
tampoco, nadie, nada, ningún... and not, n't, never, no, without, nor, nobody, nothing, none, and the
verbs English uses for a negated Spanish verb (fail to, refuse, unable, lack: "no logró" = "failed to").
Negative concord counts once: an n-word after a "no" in the same clause, an n-word right after
another (ni tampoco, sin ningún), nada/nadie/ningún/nunca after sin, nunca, jamás, nadie or tampoco in
the same clause (sin decir nada, nunca ha dicho nada), ni/tampoco after any earlier negation (as English
nor/neither).
Idioms that do not negate the clause are removed first: sin embargo, no (es) solo ... sino (también) and
"not only (just) ... but/also/too" (they add, not negate; without the second half both count, but an
English "not only" is left out when the Spanish has its idiom), no obstante, no deja (para) de (= keeps),
nada menos, ni mucho menos, no tardó en, sin vida, hacía tiempo que no, sin ánimo de lucro, no faltó (=
there was), sin (más) demora (= without delay), sí y no (= yes and no), no lejos de (= near), no mucho
después (= shortly after), an n-word after a comparative or superlative (más que nunca, más tiempo que
nadie = than anyone, el más inspirador al que jamás = ever), an interjection on either side ("No, el
número..."); "no doubt(ing)", "if not (a bit) less", "no less than", "no more than", "may or may not", "no
further ado", "not in short supply", "not long ago", "never felt better", "no shortage of", "knew no
bounds", "in no uncertain terms", "not far from", "last but not least", "cannot help but", "nothing more
than" (as "only"), "no-frills" (though it carries a negation the Spanish has: no tolera excusas =
no-excuses), "as if that were not enough" (por si fuera poco), "No 2" and "article no. 125" (numbers). A
negator repeated down a list counts once on either side (sin contratos y sin gaitas = no contracts, no
bother), and an English negator the Spanish keeps verbatim (an English title), or an English "no" inside a
Spanish quote the English keeps ("Por qué no te callas"), is not counted. Negation carried by a word makes
up a count difference in one direction only: English words for a Spanish negation (no financieros =
non-financial, sin mangas = sleeveless, no realicen muchos = do less, no se pudo celebrar = prevented;
stop, except, rather than, free, avoid, regardless, run out of, little, rarely, unlike, beyond, silent (no
habla de = is silent on), stripped of, inadvertently, incapable; declined to, ignored, yet to, unknown,
failed, missed, skipped, absent, unwilling, unpaid; not when Apertium gives the same word, which then
renders a Spanish word: fracaso = failure), a negative-prefixed form (un-, dis-, under-...) of a word of
Apertium's literal rendering (no está claro = unclear, no confían = distrust), the antonym of one (no es
fácil = hard, no hay que olvidar = should be remembered), "until" or "only" for "no ... hasta", "only",
"just" or "nothing more than" for "no ... más que" (or "otra cosa que", "no pasó del empate" = could only
draw); and Spanish words for an English one (apenas, muy poca = almost no, falta de, evitar, renunciar a,
abstenerse de, demasiado poco, poco estudiado = not well studied, pendiente = not yet, se niega a =
refuses, dejó de = no longer, habrá que esperar a 2010 = will not ... until 2010, a word Apertium renders
as a negative verb or as the antonym of an English word: rechazó = refused for "did not accept").
Lexical negation (lexical.py, from Apertium's bilingual dictionary and WordNet) counts too: a Spanish
negative prefix rendered as a negator before the base ("descontento" = "not happy") and "sin"/"no" before
a word rendered by its antonym ("sin litoral" = "landlocked").
"Against" is not one: "no van contra" = "are against" is the flip this detector is for.
One side negated and the other not: critical. Both negated, different counts: major (minor for all
was tried twice: it cost 0.10-0.12 of DEMETR negation recall), but minor when the English has as many
negators as Apertium's literal rendering of the Spanish: then our Spanish count is what erred.
English "neither ... nor ... nor" counts once, as Spanish "ni ... ni ... ni" does.
MQM: accuracy (mistranslation).
"""
from __future__ import annotations

import re

from review.core.flags import Detector, FieldContext, SentencePair, lexical, register
from review.core.flags.common import fold
from review.core.flags.lexical import Bilingual
from review.core.flags.opposites import opposite_entries
from review.core.model import Flag, Severity

# the additive "no solo ... sino" and "not only ... but": idioms, not negations
ES_ONLY = r"solo|solamente"
ES_NOT_ONLY = rf"no (?:\w+ ){{0,2}}(?:{ES_ONLY})"
ES_BUT_ALSO = r"(?=.*\b(?:sino|tambien)\b)"
EN_NOT_ONLY = r"(?:not|\w*n't) (?:\w+ ){0,2}?(?:only|just)"
ES_IDIOMS = re.compile(
    rf"\b(?:sin embargo|no obstante|no (?:\w+ ){{0,2}}(?:{ES_ONLY}|(?:el|la|los|las) unic[oa]s?)\b{ES_BUT_ALSO}|"
    r"no hace mucho|por si fuera poco|sin (?:lugar a )?dudas?|sin (?:mas )?(?:demora|dilacion)|"
    r"si y no|no (?:muy |tan )?lejos de|no mucho (?:despues|antes)|"
    r"sin (?:que )?(?:falta|precedentes)|no\?|a no ser que|como nunca|"
    r"sin (?:animo|fines) de lucro|(?:no|tampoco) falt\w+|"
    r"no (?:deja|dejan|dejo|dejaba|dejaban|dejar|dejara|para|paran|paro|paraba|paraban|cesa|cesan|ceso) de|"
    r"(?:nada mas y )?nada menos|ni mucho menos|"
    r"ni mas ni menos|no tard\w+ en|o no|o si no|no (?:deja|cabe|hay) (?:lugar a )?dudas?|"
    r"no (?:est\w+ )?exent[oa]s?|no ya(?: solo)?|sin vida|sin pena ni gloria|hac\w+ (?:mucho )?tiempo que no|"
    r"(?:mas|menos|mejor|peor|mayor|menor)(?:es)?(?: \w+){0,4} (?:que|cual|quien|donde)(?: \w+){0,3}? "
    r"(?:nadie|nada|nunca|jamas|ningun[oa]?)|"
    r"(?:(?<=^)|(?<=[.!?\"«:] ))no(?=,))\b")  # "No, el número asciende a ...": an interjection
# after a comparative an n-word means "ever", "anyone": más tiempo que nadie = more time than anyone
EN_IDIOMS = re.compile(
    r"\b(?:(?:(?<=^)|(?<=[.!?\"“:] ))no(?=,)|no doubt(?:ing)?|if not (?:(?:a|much|even) )?(?:bit |little )?(?:more|less|better|worse|\w+er)|nonetheless|nevertheless|no longer than|no less than|nothing less than|"
    rf"more than ever|{EN_NOT_ONLY}\b(?=.*\b(?:but|also|too)\b)|no-\w+|"
    r"unprecedented|"
    r"no (?:shortage|lack) of|without (?:a |any )?doubts?|no matter|not without|(?:know|knows|knew) no bounds|"
    r"without (?:further |undue )?delay|in no uncertain terms|yes (?:and|or) no|not (?:too |so |very )?far from|"
    r"last but not least|(?:can ?not|can't) help(?: but)?|nothing more than|"
    r"no more,? no less|or (?:(?:is|are|was|were|may|might) )?not|not long after|not long ago|no further ado|"
    r"not in short supply|"
    r"never (?:\w+ )?better|no (?:more|fewer) than|as if (?:that|this|it) (?:was|were)(?:n't| not) enough)\b")
# Negation carried by a word rather than a negator: "no financieros" = "non-financial", "sin mangas" =
# "sleeveless", "no dañadas" = "undamaged", "apenas" = "almost no". They make up a count difference
# in one direction only: they never raise a flag on their own.
EN_AFFIXED = re.compile(
    r"\b(?:non\b|non-?\w{3,}|(?!(?:un|bl|regard|never)less)\w{3,}less|un\w{3,}(?:ed|able|ible|ful)|"
    r"otherwise|hardly|barely|scarcely|far from|absence|instead of|less|fewer|except|rather than|"
    r"avoid\w*|stop\w*|refrain\w*|free|regardless|rarely|seldom|little|no-\w+|"
    r"run\w* out of|unlike|beyond|silent|devoid|deprived|stripped of|inadvertent\w*|incapable)\b")
# "no pagaban" = "got them free"; "nunca visto" = "unlike anything seen"
ES_AFFIXED = re.compile(r"\b(?:apenas|incumpl\w*|imposib\w*|inexist\w*|desconoc\w*|"
                        r"carec\w*|ausencia|en lugar de|en vez de|pendientes?|n(?:ie|e)g\w+ a|"
                        r"dej(?:o|aron|aba|aban|ado) de|"
                        r"(?:muy|demasiado) poc[oa]s?|falta de|evit\w+|renunci\w+ a|abst\w+ de|"
                        r"poco \w+(?:ad[oa]s?|id[oa]s?|bles?|entes?))\b")  # poco estudiado = not well studied
# Verbs and adjectives English uses for a negated Spanish verb ("no quiso comentar" = "declined to comment",
# "no respetó" = "ignored", "aún no se conocen" = "still unknown"); counted like EN_AFFIXED.
EN_NEGATIVE_WORDS = re.compile(
    r"\b(?:declin(?:e|es|ed|ing) to|(?:has|have|had|is|are|was|were) yet to|ignor(?:e|es|ed|ing)|distrust\w*|"
    r"den(?:y|ies|ied|ying)|unclear|unknown|unaware|unlikely|stall(?:s|ed)?|lack(?:s|ed|ing)?|"
    r"prevent(?:s|ed|ing)?|refus(?:e|es|ed|ing|al)|miss(?:es|ed)?|skip(?:s|ped)?|fail(?:s|ed|ing|ure)?|"
    r"disapprov\w*|absent|unwilling|unpaid|unhurt|unsold)\b")
NEGATIVE_PREFIX = re.compile(r"\b(?:un|in|im|il|ir|dis|mis|under-?)([a-z]{4,})")  # + a word of Apertium's rendering
STEM = 4
WORD = re.compile(r"[a-z]+")
WORD_CHARS = re.compile(r"\w+")
# "no ... hasta" = "until" or "only" (no estará hasta marzo = out until March); "no ... más que" or "no ... sino"
# = "only" (no es más que un recorte = is just a cut)
ES_NOT_UNTIL = re.compile(r"\bno (?:[\w,]+ ){0,6}(?:hasta|mas que|otra cosa que|sino|pas\w+ del?)\b")
EN_UNTIL = re.compile(r"\b(?:until|till|only|just|merely|simply|solely|nothing more than)\b")
EN_NOT_UNTIL = re.compile(r"\bnot (?:[\w,]+ ){0,6}until\b")  # "will not reach it until 2010" = "habrá que esperar"
ES_NOT = re.compile(r"\bno\b")
ES_ADDITIVE = re.compile(rf"\b{ES_NOT_ONLY}\b{ES_BUT_ALSO}")  # no solo ... sino
EN_ADDITIVE = re.compile(rf"\b{EN_NOT_ONLY}\b")
ES_NWORDS = re.compile(r"\b(?:nunca|jamas|ni|sin|tampoco|nadie|nada|ningun|ninguno|ninguna|ningunos|ningunas)\b")
EN_NEGATORS = re.compile(r"\b(?:not|never|no|without|nobody|nothing|none|nowhere|cannot|"
                         r"fail(?:s|ed|ing)? to|refus(?:e|es|ed|ing)|unable)\b|n't(?![a-z])")  # didn't_ too
EN_CONCORD = re.compile(r"\b(?:nor|neither)\b")
EN_NUMBER_SIGN = re.compile(r"\bNo\.?(?= ?\d)|\b[Nn]o\.(?=\s*(?:\d|$))")  # No 2, article no. 125
LISTED = frozenset({"no", "sin", "without"})  # repeated down a list, these count once: "no contracts, no bother"
LIST_JOINER = r"[^.;:]*(?:,|\bor|\band|\by|\bo|\bni|\bnor) $"
CLAUSES = re.compile(r"(?:(?!\b(?:y que|pero|aunque|porque|sino)\b)[^,;:.])+")  # n-words concord within one
ES_CONCORD = frozenset({"ni", "tampoco"})
CONCORD_BEFORE = frozenset({"sin", "nunca", "jamas", "nadie", "tampoco"})  # a negator an n-word later in its clause
CONCORD_AFTER = frozenset({"nada", "nadie", "ningun", "ninguno", "ninguna", "ningunos", "ningunas", "nunca", "jamas"})
AFTER_NWORD = re.compile(r"(?:^|\s)(?:ni|sin|nunca|jamas)\s*$")


def spanish_negations(text: str) -> list[tuple[int, int]]:
    """Spans of clause negations in Spanish text (negative concord counted once per clause)."""
    folded = ES_IDIOMS.sub(lambda m: " " * len(m.group()), fold(text.replace("º", ".")))  # nº 5 is a number
    spans: list[tuple[int, int]] = []
    for clause in CLAUSES.finditer(folded):
        nots = list(ES_NOT.finditer(clause.group()))
        nwords = list(ES_NWORDS.finditer(clause.group()))
        kept = nots + [w for w in nwords if not any(n.start() < w.start() for n in nots)
                       and not AFTER_NWORD.search(clause.group()[:w.start()])  # ni tampoco, sin ningún
                       and not _repeated_in_list(folded, w.group(), clause.start() + w.start())
                       and not (w.group() in CONCORD_AFTER and any(  # sin decir nada, nunca ha dicho nada
                           v.start() < w.start() and v.group() in CONCORD_BEFORE for v in nwords))]
        spans.extend((clause.start() + m.start(), clause.start() + m.end()) for m in kept
                     if not (spans and m.group() in ES_CONCORD))  # "no ..., ni ..." as English "not ..., nor ..."
    return sorted(spans)


def english_negations(text: str) -> list[tuple[int, int]]:
    """Spans of negators in English text: "No 2" and "No. 10" are numbers; "no X, no Y" counts once, as Spanish
    "no X ni Y" does."""
    folded = fold(EN_NUMBER_SIGN.sub(_blank, text))
    folded = EN_IDIOMS.sub(_blank, folded)
    spans = [(m.start(), m.end()) for m in EN_NEGATORS.finditer(folded)
             if not _repeated_in_list(folded, m.group(), m.start())]
    first_concord = next((m for m in EN_CONCORD.finditer(folded)), None)  # neither ... nor ... nor: one negation
    if first_concord and not any(start < first_concord.start() for start, _ in spans):
        spans.append((first_concord.start(), first_concord.end()))
    return sorted(spans)


def _repeated_in_list(text: str, word: str, start: int) -> bool:
    """The negator at `start` repeats one before it in a list (sin contratos y sin gaitas; no honours, no bills)."""
    return word in LISTED and re.search(rf"\b{word}\b{LIST_JOINER}", text[:start]) is not None


def _not_additive(spans: list[tuple[int, int]], pair: SentencePair) -> list[tuple[int, int]]:
    """The English negators but a "not only" / "not just" where the Spanish has its "no solo ... sino" (an idiom
    there): the English kept the addition even if it dropped its "but" ("not only in Europe, in the world")."""
    if not ES_ADDITIVE.search(fold(pair.source)):
        return spans
    additive = [match.start() for match in EN_ADDITIVE.finditer(fold(pair.target))]
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
        return source + _carried_in_spanish(pair) + lexical.carried_in_spanish(pair, bilingual) >= target
    return True


def _carried_in_english(pair: SentencePair, spanish_count: int) -> int:
    """Negations of the Spanish the English expresses with a word: affixes and negative verbs, a negative-prefixed
    form of a word of Apertium's literal rendering (no está claro = unclear), an antonym of one (no es fácil =
    hard), "until" or "only" for no ... hasta, "only" or "just" for no ... más que."""
    english, literal = fold(pair.target), fold(pair.pseudo)
    english_words, literal_words = set(WORD.findall(english)), set(WORD.findall(literal))
    literal_stems = {word[:STEM] for word in literal_words if len(word) >= STEM}
    prefixed = [m for m in NEGATIVE_PREFIX.finditer(english) if m.group(1)[:STEM] in literal_stems]
    words = EN_AFFIXED.findall(english) + EN_NEGATIVE_WORDS.findall(english)
    shared = [word for word in words if re.search(rf"\b{re.escape(word)}\b", literal)]
    # a word Apertium gives too renders a Spanish word (fracaso = failure), unless Apertium used it for a negation
    # of the Spanish, rendering fewer negators than the Spanish has (sin cambios = unchanged)
    absorbed = max(0, spanish_count - len(english_negations(pair.pseudo)))
    return (len(words) - len(shared) + min(len(shared), absorbed) + len(prefixed)
            + bool(opposite_entries(english_words, literal_words))
            + bool(ES_NOT_UNTIL.search(fold(pair.source)) and EN_UNTIL.search(english)))


def _carried_in_spanish(pair: SentencePair) -> int:
    """Negations of the English the Spanish expresses with a word: Spanish negative words, Apertium rendering one
    with an English negative word (impide = prevents, rechazó = refused) or with the antonym of an English word
    (prohíbe = forbids for "does not allow"), "will not ... until" for a Spanish sentence without negation, and
    "tampoco" counted as concord for "not ... either" (no se consideraría ..., tampoco sería bueno = would not ...,
    wouldn't be good either)."""
    english, literal, source = fold(pair.target), fold(pair.pseudo), fold(pair.source)
    plain_english = EN_NEGATORS.sub(_blank, english)  # a negative word the English has as a plain word is no help
    return (len(ES_AFFIXED.findall(source)) + len(EN_NOT_UNTIL.findall(english))
            + bool(re.search(r"\btampoco\b", source) and re.search(r"\beither\b", english))
            + len([word for word in EN_NEGATIVE_WORDS.findall(literal)
                   if not re.search(rf"\b{re.escape(word)}\b", plain_english)])
            + bool(opposite_entries(set(WORD.findall(literal)), set(WORD.findall(english)))))


@register
class NegationFlip(Detector):
    """Different numbers of clause negations in the source and its English."""

    code = "negation_flip"
    category = "accuracy"
    severity = Severity.CRITICAL
    version = 15  # 15: lexical negation from the bilingual dictionary and WordNet (lexical.py)

    def detect(self, context: FieldContext) -> list[Flag]:
        flags = []
        for pair in context.sentence_pairs():
            source = spanish_negations(pair.source)
            target = _not_additive(_not_borrowed(english_negations(pair.target), pair), pair)
            if _balanced(len(source), len(target), pair, context.bilingual):
                continue
            if not source or not target:
                severity = Severity.CRITICAL
            elif len(english_negations(pair.pseudo)) == len(target):  # as a literal rendering: our count erred
                severity = Severity.MINOR
            else:
                severity = Severity.MAJOR
            source_span = pair.source_span(*source[0]) if source else pair.source_span()
            target_span = pair.target_span(*target[0]) if target else pair.target_span()
            if target and len(target) > len(source):
                extra = target[len(source)] if source else target[0]
                message = (f'The English adds a negation ("{pair.target[extra[0]:extra[1]]}"): '
                           f"{len(target)} in the English, {len(source)} in the Spanish")
                target_span = pair.target_span(*extra)
            else:
                message = (f'A negation of the Spanish ("{pair.source[source[-1][0]:source[-1][1]]}") is missing in '
                           f"the English: {len(source)} in the Spanish, {len(target)} in the English")
            flags.append(self.flag(context, source_span, target_span, message, severity))
        return flags
