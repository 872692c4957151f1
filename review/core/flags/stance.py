"""Stance and authority detectors: `intensity_shift`, `attribution_lost` and `hedge_lost`.

- intensity_shift: stance verbs (rules/stance.toml: polarity and strength, by lemma from Apertium's morphology or
  by a guessed inflection without it); the strongest Spanish one is compared with the English one of the same
  polarity (or the strongest): opposite polarity is major, a change of strength minor (major by 2 steps); a
  negated verb has the opposite polarity and no strength to compare (no aceptó = rejected).
- attribution_lost: the Spanish attributes (según + a source, or a speech verb that reports: rules/speech.toml;
  or a headline «quote»: Speaker) and the English sentence has no attribution cue, colon nor quotes. Major.
- hedge_lost: the Spanish hedges (rules/stance.toml) and the English has no hedge: a claim became a fact. Major.
MQM category: accuracy (mistranslation) for all three.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from review.core.flags import Detector, FieldContext, SentencePair, register
from review.core.flags.common import fold
from review.core.flags.rulebook import RuleBook, active
from review.core.model import Flag, Severity
from review.core.text.morphology import Token

# a negator before a verb, with clitics, auxiliaries, copulas and modals between (folded text before the verb)
NEGATED = re.compile(r"(?:\b(?:no|nunca|jamas|not|never)|n't)(?:\s+(?:lo|la|los|las|le|les|se|me|te|nos|"
                     r"ha|han|habia|habian|he|hemos|habra|habran|habria|habrian|haya|hayan|hubiera|hubieran|hubo|"
                     r"es|son|fue|fueron|era|eran|sera|seran|sido|sea|sean|esta|estan|estaba|estaban|puede|pueden|pudo|"
                     r"pudimos|pudieron|podia|podian|podria|podrian|podra|podran|quiere|quieren|quiso|quisieron|"
                     r"queria|debe|deben|debia|deberia|va|van|iba|iban|a|has|have|had|be|been|being|yet|even|to|"
                     r"is|are|was|were))*\s+$")
HEADLINE_QUOTE_COLON = re.compile(r"^\s*[«“\"'‘][^«»“”\"]+[»”\"'’]\s*:")


@dataclass(frozen=True)
class Vocabulary:
    """rules/stance.toml and the attribution cues of rules/speech.toml, compiled."""

    verbs: dict[str, dict[str, dict[str, int]]]  # language -> lemma -> {polarity, strength}
    es_attribution: re.Pattern[str]
    en_attribution: re.Pattern[str]
    es_hedge: re.Pattern[str]
    es_not_hedge: re.Pattern[str]
    en_hedge: re.Pattern[str]


def _compile(book: RuleBook) -> Vocabulary:
    criteria = book.alternation("speech", "es_segun_criteria")
    verbs = book.alternation("speech", "es_attribution_verbs")
    return Vocabulary(
        verbs={lang: book.table("stance", f"{lang}_verbs") for lang in ("es", "en")},
        es_attribution=re.compile(rf"\b(?:[Ss]egún (?!(?:la|el|las|los|su|sus) (?:{criteria})\b)"
                                  rf"(?:fuentes|datos|[A-ZÁÉÍÓÚ]\w*|el|la|los|las|un|una|su|sus)\b|(?:{verbs})\b)"),
        en_attribution=re.compile(rf"\b(?:{book.alternation('speech', 'en_attribution')})\b", re.IGNORECASE),
        es_hedge=re.compile(rf"\b(?:{book.alternation('stance', 'es_hedges')})\b", re.IGNORECASE),
        es_not_hedge=re.compile(book.alternation("stance", "es_not_hedges"), re.IGNORECASE),
        en_hedge=re.compile(rf"\b(?:{book.alternation('stance', 'en_hedges')})\b", re.IGNORECASE))


def vocabulary() -> Vocabulary:
    return active().compiled("stance", _compile)


@dataclass(frozen=True)
class Stance:
    """A stance verb found in a sentence: its lexicon entry and where it is."""

    lemma: str
    polarity: int
    strength: int
    start: int
    end: int
    negated: bool = False  # "no aceptó", "did not back": its polarity is reversed, its strength unknown


def stances(text: str, tokens: tuple[Token, ...], lang: str) -> list[Stance]:
    """Stance verbs of the sentence, by lemma when there are tokens, by inflected form otherwise."""
    entries = vocabulary().verbs[lang]
    found = []
    if tokens:
        for i, token in enumerate(tokens):
            if token.pos not in ("vblex", "vbmod") and not (token.unknown and lang == "en"):
                continue
            if i and tokens[i - 1].pos == "det":  # "el acusado", "the accused": a participle as a noun
                continue
            following = tokens[i + 1].surface.lower() if i + 1 < len(tokens) else ""
            lemma_ = token.lemma.lower()
            for lemma in (f"{lemma_} {following}", lemma_, lemma_.split()[0]):
                if lemma in entries:
                    end = tokens[i + 1].end if lemma.endswith(f" {following}") and following else token.end
                    found.append(_stance(lemma, entries[lemma], text, token.start, end))
                    break
        return found
    folded = fold(text)
    for lemma, entry in entries.items():
        for match in re.finditer(_inflected(lemma, lang), folded):
            found.append(_stance(lemma, entry, text, match.start(), match.end()))
    return sorted(found, key=lambda s: s.start)


def _stance(lemma: str, entry: dict[str, int], text: str, start: int, end: int) -> Stance:
    """The stance of a verb, reversed when a negator comes before it, clitics and auxiliaries between allowed (no lo
    aceptó, has not backed; not "no dudó en criticar")."""
    negated = NEGATED.search(fold(text[:start])) is not None
    return Stance(lemma, -entry["polarity"] if negated else entry["polarity"], entry["strength"], start, end, negated)


def _inflected(lemma: str, lang: str) -> str:
    """A rough pattern for the inflected forms of a lemma (used only without morphology)."""
    head, _, tail = fold(lemma).partition(" ")
    rest = rf"\s+{re.escape(tail)}" if tail else ""
    if lang == "es":
        return rf"\b{re.escape(head[:-2])}\w*{rest}\b"
    if head.endswith("y"):
        return rf"\b{re.escape(head[:-1])}(?:y|ies|ied|ying){rest}\b"
    stem = head[:-1] if head.endswith("e") else head
    return rf"\b{re.escape(stem)}(?:e|es|ed|ing|s|{re.escape(stem[-1])}ed|{re.escape(stem[-1])}ing)?{rest}\b"


def weight(stance: Stance) -> tuple[bool, int]:
    """How much a stance verb weighs: a polar one before a neutral one, then the strongest."""
    return stance.polarity != 0, stance.strength


def strongest(found: list[Stance]) -> Stance | None:
    """The stance verb with the most weight, if any."""
    return max(found, key=weight, default=None)


@register
class IntensityShift(Detector):
    """A reporting or stance verb rendered with the opposite polarity or a different strength."""

    code = "intensity_shift"
    category = "accuracy"
    severity = Severity.MINOR
    version = 6  # 6: a negator before habrían, haya, hubiera ... reverses the verb (no habrían atacado)

    def detect(self, context: FieldContext) -> list[Flag]:
        flags = []
        for pair in context.sentence_pairs():
            spanish = stances(pair.source, pair.source_tokens, "es")
            source = strongest(spanish)
            english = stances(pair.target, pair.target_tokens, "en")
            if source is None or not english or source.polarity == 0:
                continue
            # compared with the English verb of the same polarity when there is one ("me niego" = "I refuse",
            # not the "supported" of another clause)
            target = max([s for s in english if s.polarity == source.polarity] or english, key=weight)
            spans = pair.source_span(source.start, source.end), pair.target_span(target.start, target.end)
            words = f'"{pair.source[source.start:source.end]}" became "{pair.target[target.start:target.end]}"'
            if source.polarity * target.polarity < 0:
                # the Spanish has a verb of the English one's polarity too (cuestiona ... defiende = questions ...
                # guards): the English kept that one and lost the other, which is no reversal
                kept_other = any(s.polarity == target.polarity for s in spanish)
                flags.append(self.flag(context, *spans, f"Opposite stance: {words}" if not kept_other else
                                       f"Stance verb not carried over: {words}",
                                       Severity.MINOR if kept_other else Severity.MAJOR, rule=_verb_rule(source)))
            elif not (source.negated or target.negated) and (target.polarity == 0
                                                              or source.strength != target.strength):
                gap = 3 if target.polarity == 0 else abs(source.strength - target.strength)
                direction = "neutral" if target.polarity == 0 else ("weaker" if target.strength < source.strength
                                                                     else "stronger")
                flags.append(self.flag(context, *spans, f"Stance made {direction}: {words}",
                                       Severity.MAJOR if gap >= 2 and target.polarity != 0 else Severity.MINOR,
                                       rule=_verb_rule(source)))
        return flags


def _verb_rule(stance: Stance) -> str:
    """The rule listing the Spanish stance verb."""
    return active().rule_for("stance", "es_verbs", stance.lemma)


@register
class AttributionLost(Detector):
    """The Spanish says who says it; the English states it without a source."""

    code = "attribution_lost"
    category = "accuracy"
    severity = Severity.MAJOR
    version = 4  # 4: según el derecho internacional, el contrato, el plan: criteria too (rules: es_segun_criteria)

    def detect(self, context: FieldContext) -> list[Flag]:
        flags = []
        for pair in context.sentence_pairs():
            found = vocabulary().es_attribution.finditer(pair.source)
            match = next((m for m in found if _reports(pair.source, m)), None)
            colon = context.field == "headline" and HEADLINE_QUOTE_COLON.match(pair.source)
            if not (match or colon) or _attributed(pair):
                continue
            start, end = (match.start(), match.end()) if match else (0, len(pair.source))
            cue = f'"{pair.source[start:end]}"' if match else "a quote with a colon"
            verb = match is not None and not match.group().lower().startswith("según")
            flags.append(self.flag(context, pair.source_span(start, end), pair.target_span(),
                                   f"The Spanish attributes the statement ({cue}); the English has no attribution",
                                   rule=active().rule_for("speech", "es_attribution_verbs", match.group()) if verb
                                   else None))  # según and a headline's «quote»: are the mechanism's
        return flags


def _reports(text: str, match: re.Match[str]) -> bool:
    """"Según" always attributes; a speech verb does when it reports: before "que", a colon, a quote or the end of
    the clause, or after a comma or a quote ("..., dijo Nečas"). With an object it does something else (aseguró
    el 20% = secured, añadió leña = added, denunció al ministerio = sued), and so does "se añadió"."""
    if match.group().lower().startswith("según"):
        return True
    before, after = text[:match.start()], text[match.end():]
    if re.search(r"\bse\s+$", before):
        return False
    return bool(re.search(r"[,«»\"“”'’]\s*$", before)
                or re.match(r"\s*(?:(?:\w+\s+){0,3}que\b|[:«\"“,.;]|$)", after))  # dijo (el ministro) que


def _attributed(pair: SentencePair) -> bool:
    return bool(vocabulary().en_attribution.search(pair.target) or re.search(r"[:\"“”«»]", pair.target)
                or any(s for s in stances(pair.target, pair.target_tokens, "en")))


@register
class HedgeLost(Detector):
    """The Spanish hedges a claim (alleged, reportedly, might); the English states it as fact."""

    code = "hedge_lost"
    category = "accuracy"
    severity = Severity.MAJOR
    version = 6  # 6: couldn't, wouldn't render podría (rules: en_hedges)
    # 5: "able to" renders a modal poder (pudiera despegar = was able to take off)

    def detect(self, context: FieldContext) -> list[Flag]:
        flags = []
        for pair in context.sentence_pairs():
            source = vocabulary().es_not_hedge.sub(lambda m: " " * len(m.group()), pair.source)
            match = vocabulary().es_hedge.search(source)
            if match is None or vocabulary().en_hedge.search(pair.target):
                continue
            flags.append(self.flag(context, pair.source_span(match.start(), match.end()), pair.target_span(),
                                   f'The Spanish hedges with "{pair.source[match.start():match.end()]}"; '
                                   "the English states it as fact",
                                   rule=active().rule_for("stance", "es_hedges", match.group(), re.IGNORECASE)))
        return flags
