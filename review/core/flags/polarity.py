"""`negation_flip`: the English negates where the Spanish does not, or drops a negation it had.

Clause-level negators are counted on both sides of each aligned pair: no, nunca, jamás, ni, sin,
tampoco, nadie, nada, ningún... and not, n't, never, no, without, nor, nobody, nothing, none, and the
verbs English uses for a negated Spanish verb (fail to, refuse, unable, lack: "no logró" = "failed to").
Negative concord counts once: an n-word after a "no" in the same clause, an n-word right after
another (ni tampoco, sin ningún), ni/tampoco after any earlier negation (as English nor/neither).
Idioms that do not negate the clause are removed first: sin embargo, no solo, no obstante, más que
nunca, no deja de (= keeps), nada menos, ni mucho menos, no tardó en, sin vida, hacía tiempo que no;
"not only", "doesn't just", "no doubt", "no less than", "no more than", "not long ago", "never felt
better". Negation carried by a word makes up a count difference in one direction only: English
words for a Spanish negation (no financieros = non-financial, sin mangas = sleeveless, no realicen
muchos = do less, no se pudo celebrar = prevented; avoid, stop, except, rather than) and Spanish
words for an English one (apenas = almost no, poco estudiado = not well studied, pendiente = not
yet, se niega a = refuses, habrá que esperar a 2010 = will not ... until 2010). "Against" is not
one: "no van contra" = "are against" is the flip this detector is for.
One side negated and the other not: critical. Both negated, different counts: major (minor for all
was tried twice: it cost 0.10-0.12 of DEMETR negation recall), but minor when the English has as many
negators as Apertium's literal rendering of the Spanish: then our Spanish count is what erred.
English "neither ... nor ... nor" counts once, as Spanish "ni ... ni ... ni" does.
MQM: accuracy (mistranslation).
"""
from __future__ import annotations

import re

from review.core.flags import Detector, FieldContext, SentencePair, register
from review.core.flags.common import fold
from review.core.model import Flag, Severity

ES_IDIOMS = re.compile(
    r"\b(?:sin embargo|no obstante|no solo|no solamente|mas que nunca|no hace mucho|por si fuera poco|sin duda|"
    r"sin (?:que )?(?:falta|precedentes)|no\?|a no ser que|(?<!\by )que nunca|que ningun[oa]?|"
    r"no (?:deja|dejan|dejo|dejaba|dejaban|dejar|dejara) de|(?:nada mas y )?nada menos|ni mucho menos|"
    r"ni mas ni menos|no tard\w+ en|o no|o si no|no (?:deja|cabe|hay) (?:lugar a )?dudas?|"
    r"no (?:est\w+ )?exent[oa]s?|no ya(?: solo)?|sin vida|sin pena ni gloria|hac\w+ (?:mucho )?tiempo que no)\b")
EN_IDIOMS = re.compile(
    r"\b(?:not only|no doubt|nonetheless|nevertheless|no longer than|no less than|nothing less than|"
    r"more than ever|not just|unprecedented|without (?:a |any )?doubt|no matter|not without|"
    r"no more,? no less|or (?:(?:is|are|was|were) )?not|not long after|not long ago|\w*n't just|"
    r"never (?:\w+ )?better|no (?:more|fewer) than)\b")
# Negation carried by a word rather than a negator: "no financieros" = "non-financial", "sin mangas" =
# "sleeveless", "no dañadas" = "undamaged", "apenas" = "almost no". They make up a count difference
# in one direction only: they never raise a flag on their own.
EN_AFFIXED = re.compile(
    r"\b(?:non\b|non-?\w{3,}|(?!(?:un|bl|regard|never)less)\w{3,}less|un\w{3,}(?:ed|able|ible|ful)|"
    r"otherwise|hardly|barely|scarcely|far from|lacks?|lacking|absence|instead of|less|fewer|except|rather than|"
    r"prevent\w*|avoid\w*|stop\w*|refrain\w*)\b")
ES_AFFIXED = re.compile(r"\b(?:apenas|incumpl\w*|imposib\w*|inexist\w*|desconoc\w*|"
                        r"carec\w*|ausencia|en lugar de|en vez de|pendientes?|n(?:ie|e)g\w+ a|"
                        r"poco \w+(?:ad[oa]s?|id[oa]s?|bles?|entes?))\b")  # poco estudiado = not well studied
EN_NOT_UNTIL = re.compile(r"\bnot (?:[\w,]+ ){0,6}until\b")  # "will not reach it until 2010" = "habrá que esperar"
ES_NOT = re.compile(r"\bno\b")
ES_NWORDS = re.compile(r"\b(?:nunca|jamas|ni|sin|tampoco|nadie|nada|ningun|ninguno|ninguna|ningunos|ningunas)\b")
EN_NEGATORS = re.compile(r"\b(?:not|never|no|without|nobody|nothing|none|nowhere|cannot|"
                         r"fail(?:s|ed|ing)? to|refus(?:e|es|ed|ing)|unable)\b|n't\b")
EN_CONCORD = re.compile(r"\b(?:nor|neither)\b")
CLAUSES = re.compile(r"(?:(?!\b(?:y que|pero|aunque|porque|sino)\b)[^,;:.])+")  # n-words concord within one
ES_CONCORD = frozenset({"ni", "tampoco"})
AFTER_NWORD = re.compile(r"(?:^|\s)(?:ni|sin|nunca|jamas)\s*$")


def spanish_negations(text: str) -> list[tuple[int, int]]:
    """Spans of clause negations in Spanish text (negative concord counted once per clause)."""
    folded = ES_IDIOMS.sub(lambda m: " " * len(m.group()), fold(text))
    spans: list[tuple[int, int]] = []
    for clause in CLAUSES.finditer(folded):
        nots = list(ES_NOT.finditer(clause.group()))
        nwords = list(ES_NWORDS.finditer(clause.group()))
        kept = nots + [w for w in nwords if not any(n.start() < w.start() for n in nots)
                       and not AFTER_NWORD.search(clause.group()[:w.start()])]  # ni tampoco, sin ningún
        spans.extend((clause.start() + m.start(), clause.start() + m.end()) for m in kept
                     if not (spans and m.group() in ES_CONCORD))  # "no ..., ni ..." as English "not ..., nor ..."
    return sorted(spans)


def english_negations(text: str) -> list[tuple[int, int]]:
    """Spans of negators in English text."""
    folded = EN_IDIOMS.sub(lambda m: " " * len(m.group()), fold(text))
    spans = [(m.start(), m.end()) for m in EN_NEGATORS.finditer(folded)]
    first_concord = next((m for m in EN_CONCORD.finditer(folded)), None)  # neither ... nor ... nor: one negation
    if first_concord and not any(start < first_concord.start() for start, _ in spans):
        spans.append((first_concord.start(), first_concord.end()))
    return sorted(spans)


def _balanced(source: int, target: int, pair: SentencePair) -> bool:
    """True if the counts agree once affixal negation on the side with fewer negators is counted."""
    if source > target:
        return target + len(EN_AFFIXED.findall(fold(pair.target))) >= source
    if target > source:
        made_up = len(ES_AFFIXED.findall(fold(pair.source))) + len(EN_NOT_UNTIL.findall(fold(pair.target)))
        return source + made_up >= target
    return True


@register
class NegationFlip(Detector):
    """Different numbers of clause negations in the source and its English."""

    code = "negation_flip"
    category = "accuracy"
    severity = Severity.CRITICAL
    version = 4

    def detect(self, context: FieldContext) -> list[Flag]:
        flags = []
        for pair in context.sentence_pairs():
            source, target = spanish_negations(pair.source), english_negations(pair.target)
            if _balanced(len(source), len(target), pair):
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
