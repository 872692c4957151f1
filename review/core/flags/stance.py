"""Stance and authority detectors: `intensity_shift`, `attribution_lost` and `hedge_lost`.

- intensity_shift: reporting/stance verbs are looked up in lexicon/stance.toml (polarity -1/0/+1,
  strength 1-3) by lemma from Apertium's morphology, or by inflected form without it. The strongest
  stance verb of the Spanish is compared with the strongest English one of the same polarity, or
  without one, the strongest English one: opposite polarity (against vs for) is major, minor when the
  Spanish also has a verb of the English one's polarity (one of two verbs not carried over); a change in
  strength, or a stance verb made neutral, is minor, major if by 2 steps. A negated verb (no aceptó, did
  not back) has the opposite polarity and no strength to compare (no aceptó = rejected).
- attribution_lost: the Spanish attributes (según + a source, not a criterion such as según el sexo, la
  edad, el tipo; a past speech verb such as dijo, afirmó, aseguró, denunció reporting speech: before
  "que", a colon, a quote or the clause end, or after a comma or quote; or in a headline «quote»: Speaker)
  and the English sentence has neither an attribution verb, "according to", "based on", a colon nor
  quotes. Major.
- hedge_lost: the Spanish hedges (presunto, presuntamente, supuestamente, al parecer, podría, the
  hearsay conditional "habría ocultado"; not "habíamos supuesto" nor a subjunctive after "que") and the
  English has no hedge (alleged, reportedly, may, might, could, can, would, should, apparently, likely,
  arguably, suspected, on suspicion of, expect, in his opinion, ...). Major: a claim became a fact.
MQM category: accuracy (mistranslation) for all three.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from review.core.flags import Detector, FieldContext, SentencePair, register
from review.core.flags.common import fold, lexicon
from review.core.model import Flag, Severity
from review.core.text.morphology import Token

EN_ATTRIBUTION = re.compile(
    r"\b(?:sa(?:y|ys|id|ying)|told?|tells|according to|stat(?:e|es|ed|ing)|claim\w*|add(?:s|ed)|explain\w*|insist\w*|"
    r"not(?:e|es|ed)|warn\w*|announc\w*|report\w*|argu\w*|assert\w*|affirm\w*|declar\w*|stress\w*|point\w* out|"
    r"admit\w*|den(?:y|ies|ied)|maintain\w*|acknowledg\w*|assur\w*|complain\w*|denounc\w*|critici[sz]\w*|"
    r"accus\w*|reject\w*|dismiss\w*|rul\w* out|slam\w*|confirm\w*|recall\w*|indicat\w*|underlin\w*|describ\w*|"
    r"quot\w*|answer\w*|repl\w*|respond\w*|ask\w*|wr(?:ite|ote|ites|itten)|conclud\w*|lament\w*|believ\w*|"
    r"consider\w*|estimat\w*|predict\w*|revea\w*|express\w*|emphasi[sz]\w*|specif\w*|sources?|spokes\w*|"
    r"show(?:s|ed|n)?|mention\w*|data|figures|recogni[sz]\w*|highlight\w*|observ\w*|remark\w*|assess\w*|"
    r"recount\w*|call\w* for|calculat\w*|suggest\w*|interject\w*|statements?|impl(?:y|ies|ied)|comment\w*|"
    r"sue[sd]?|study|survey|poll|according|accordance|based on|depending on|in line with|signal\w*|promis\w*|"
    r"pledg\w*|vow\w*|urg\w*|threat\w*|testif\w*|testimony)\b",
    re.IGNORECASE)
ES_ATTRIBUTION = re.compile(
    r"\b(?:[Ss]egún (?!(?:la|el|las|los|su|sus) (?:ley|leyes|norma|normas|reglamento|artículo|constitución|código|"
    r"sexo|edad|tamaño|tipo|casos?|grupos?|orden|necesidad|nivel|niveles|categoría|criterios?|modelo|momento|zona|"
    r"peso|forma|manera|gusto)\b)"
    r"(?:fuentes|datos|[A-ZÁÉÍÓÚ]\w*|el|la|los|las|un|una|su|sus)\b|(?:[Dd]ijo|dijeron|afirmó|afirmaron|"
    r"aseguró|aseguraron|denunció|denunciaron|declaró|declararon|explicó|señaló|indicó|añadió|advirtió|sostuvo|"
    r"manifestó|subrayó|reconoció|admitió|insistió|anunció|criticó)\b)")
# a negator before a verb, with clitics, auxiliaries, copulas and modals between (folded text before the verb)
NEGATED = re.compile(r"(?:\b(?:no|nunca|jamas|not|never)|n't)(?:\s+(?:lo|la|los|las|le|les|se|me|te|nos|"
                     r"ha|han|habia|habian|he|hemos|habra|habria|hubo|es|son|fue|fueron|era|eran|sera|seran|sido|"
                     r"sea|sean|esta|estan|estaba|estaban|puede|pueden|pudo|pudimos|pudieron|podia|podian|podria|"
                     r"podrian|podra|podran|quiere|quieren|quiso|quisieron|queria|debe|deben|debia|deberia|va|van|"
                     r"iba|iban|a|has|have|had|be|been|being|yet|even|to|is|are|was|were))*\s+$")
HEADLINE_QUOTE_COLON = re.compile(r"^\s*[«“\"'‘][^«»“”\"]+[»”\"'’]\s*:")
ES_HEDGE = re.compile(r"\b(?:presunt[oa]s?|presuntamente|supuestamente|supuest[oa]s?|al parecer|aparentemente|"
                      r"podría|podrían|pudiera|pudieran|puede que|posiblemente|probablemente|quizá|quizás|tal vez|"
                      r"habría|habrían)\b", re.IGNORECASE)
ES_NOT_HEDGE = re.compile(r"\bpor supuesto\b|\bsupuestos? de\b|\b(?:ha|han|he|hemos|hab\w+) supuesto\b|"
                          r"\bque (?:\w+ ){0,4}pudier\w+", re.IGNORECASE)  # a participle; a subjunctive after "que"
EN_HEDGE = re.compile(r"\b(?:alleged\w*|reported\w*|supposed\w*|purported\w*|apparent\w*|may|might|could|would|"
                      r"possibl\w*|probabl\w*|perhaps|maybe|likely|suspect\w*|suspicio\w*|accus\w*|claim\w*|"
                      r"seem\w*|appear\w*|believed|thought to|said to|according to|unconfirmed|presum\w*|if|"
                      r"can|should|evident\w*|unlikely|expect\w*|probabilit\w*|looks? like|opinion|think\w*|"
                      r"arguabl\w*)\b",
                      re.IGNORECASE)


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
    entries = lexicon("stance")[lang]
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
    version = 5

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
                                       Severity.MINOR if kept_other else Severity.MAJOR))
            elif not (source.negated or target.negated) and (target.polarity == 0
                                                              or source.strength != target.strength):
                gap = 3 if target.polarity == 0 else abs(source.strength - target.strength)
                direction = "neutral" if target.polarity == 0 else ("weaker" if target.strength < source.strength
                                                                     else "stronger")
                flags.append(self.flag(context, *spans, f"Stance made {direction}: {words}",
                                       Severity.MAJOR if gap >= 2 and target.polarity != 0 else Severity.MINOR))
        return flags


@register
class AttributionLost(Detector):
    """The Spanish says who says it; the English states it without a source."""

    code = "attribution_lost"
    category = "accuracy"
    severity = Severity.MAJOR
    version = 3

    def detect(self, context: FieldContext) -> list[Flag]:
        flags = []
        for pair in context.sentence_pairs():
            match = next((m for m in ES_ATTRIBUTION.finditer(pair.source) if _reports(pair.source, m)), None)
            colon = context.field == "headline" and HEADLINE_QUOTE_COLON.match(pair.source)
            if not (match or colon) or _attributed(pair):
                continue
            start, end = (match.start(), match.end()) if match else (0, len(pair.source))
            cue = f'"{pair.source[start:end]}"' if match else "a quote with a colon"
            flags.append(self.flag(context, pair.source_span(start, end), pair.target_span(),
                                   f"The Spanish attributes the statement ({cue}); the English has no attribution"))
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
    return bool(EN_ATTRIBUTION.search(pair.target) or re.search(r"[:\"“”«»]", pair.target)
                or any(s for s in stances(pair.target, pair.target_tokens, "en")))


@register
class HedgeLost(Detector):
    """The Spanish hedges a claim (alleged, reportedly, might); the English states it as fact."""

    code = "hedge_lost"
    category = "accuracy"
    severity = Severity.MAJOR
    version = 4

    def detect(self, context: FieldContext) -> list[Flag]:
        flags = []
        for pair in context.sentence_pairs():
            source = ES_NOT_HEDGE.sub(lambda m: " " * len(m.group()), pair.source)
            match = ES_HEDGE.search(source)
            if match is None or EN_HEDGE.search(pair.target):
                continue
            flags.append(self.flag(context, pair.source_span(match.start(), match.end()), pair.target_span(),
                                   f'The Spanish hedges with "{pair.source[match.start():match.end()]}"; '
                                   "the English states it as fact"))
        return flags
