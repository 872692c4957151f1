"""`negation_flip`: the English negates where the Spanish does not, or drops a negation it had.

Clause-level negators are counted on both sides of each aligned pair: no, nunca, jamás, ni, sin,
tampoco, nadie, nada, ningún... and not, n't, never, no, without, nor, nobody, nothing, none, and the
verbs English uses for a negated Spanish verb (fail to, refuse, unable, lack: "no logró" = "failed to").
Spanish negative concord ("no vino nadie") counts once per clause: an n-word after a "no" in the
same clause adds nothing; likewise English nor/neither after a negator ("not A nor B"). Idioms that do not negate the clause are removed first: sin embargo,
no solo, no obstante, más que nunca (que nunca = than ever), ¿no?; "not only", "no doubt", "nonetheless".
One side negated and the other not: critical. Both negated, different counts: major (minor was
tried: it cost 0.10 of DEMETR negation recall for 1.9 fewer WMT flags per 100 segments).
MQM: accuracy (mistranslation).
"""
from __future__ import annotations

import re

from review.core.flags import Detector, FieldContext, register
from review.core.flags.common import fold
from review.core.model import Flag, Severity

ES_IDIOMS = re.compile(r"\b(?:sin embargo|no obstante|no solo|no solamente|mas que nunca|ni siquiera|"
                       r"sin duda|sin (?:que )?(?:falta|precedentes)|no\?|a no ser que|que nunca)\b")
EN_IDIOMS = re.compile(r"\b(?:not only|no doubt|nonetheless|nevertheless|no longer than|no less than|"
                       r"more than ever|not just|unprecedented|without (?:a )?doubt|no matter)\b")
ES_NOT = re.compile(r"\bno\b")
ES_NWORDS = re.compile(r"\b(?:nunca|jamas|ni|sin|tampoco|nadie|nada|ningun|ninguno|ninguna|ningunos|ningunas)\b")
EN_NEGATORS = re.compile(r"\b(?:not|never|no|without|nobody|nothing|none|nowhere|cannot|"
                         r"fail(?:s|ed|ing)? to|refus(?:e|es|ed|ing)|unable)\b|n't\b")
EN_CONCORD = re.compile(r"\b(?:nor|neither)\b")
CLAUSE_BREAK = re.compile(r"[,;:.]|\b(?:que|pero|y|aunque|porque)\b")


def spanish_negations(text: str) -> list[tuple[int, int]]:
    """Spans of clause negations in Spanish text (negative concord counted once per clause)."""
    folded = ES_IDIOMS.sub(lambda m: " " * len(m.group()), fold(text))
    spans: list[tuple[int, int]] = []
    for clause in re.finditer(r"[^,;:.]+", folded):
        nots = list(ES_NOT.finditer(clause.group()))
        nwords = list(ES_NWORDS.finditer(clause.group()))
        kept = nots + [w for w in nwords if not any(n.start() < w.start() for n in nots)]
        spans.extend((clause.start() + m.start(), clause.start() + m.end()) for m in kept)
    return sorted(spans)


def english_negations(text: str) -> list[tuple[int, int]]:
    """Spans of negators in English text."""
    folded = EN_IDIOMS.sub(lambda m: " " * len(m.group()), fold(text))
    spans = [(m.start(), m.end()) for m in EN_NEGATORS.finditer(folded)]
    concord = [(m.start(), m.end()) for m in EN_CONCORD.finditer(folded) if not any(s < m.start() for s, _ in spans)]
    return sorted(spans + concord)


@register
class NegationFlip(Detector):
    """Different numbers of clause negations in the source and its English."""

    code = "negation_flip"
    category = "accuracy"
    severity = Severity.CRITICAL
    version = 1

    def detect(self, context: FieldContext) -> list[Flag]:
        flags = []
        for pair in context.sentence_pairs():
            source, target = spanish_negations(pair.source), english_negations(pair.target)
            if len(source) == len(target):
                continue
            severity = Severity.CRITICAL if not source or not target else Severity.MAJOR
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
