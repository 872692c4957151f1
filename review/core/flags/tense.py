"""`tense_shift`: the English moves the time of events (past, present, future) away from the Spanish.

Reads Apertium's morphology of both sides (FieldContext tokens; silent without them). Finite verbs
are counted per coarse time: past (preterite, imperfect, English past), perfect (haber/have + past
participle), present, future (future tense, "ir a" + infinitive, will/shall, "going to") and
conditional (cni, would); Spanish subjunctives may carry a future ("es posible que tenga"). A pair
is flagged when the English has more futures than the Spanish has futures, conditionals and
subjunctives, when it turns Spanish past/perfect into present (fewer past-like verbs, more
presents), Spanish present into past (more pasts, fewer presents), or Spanish futures into past.
Headlines are info only: an English headline in the historical present, or "to + verb" for the
future, is the convention. In the body a shift is major when it is certain: complete (the English
keeps no verb in the Spanish time) in a pair with exactly one finite verb a side (none found on a side
means the tagger missed it: "se embolsarán"); otherwise it is minor, since
verbs are counted per sentence, not aligned, and translators often restructure multi-clause
sentences (on the WMT dev articles, 68 major flags fell to 14; DEMETR dev tense recall 0.58 -> 0.26).
Spanish present turned English past is always minor: Spanish news narrates past events in the present
(presente histórico) and English renders them in the past (WMT dev: 7 major flags fewer; DEMETR dev
tense recall 0.24 -> 0.18). So is a Spanish present turned English future (with no Spanish past): Spanish
states plans and habits in the present ("la empresa cierra la planta en mayo", "los niños te cuentan la
historia") where English says "will" (one flag fewer each on WMT, NTREX and HalOmi dev; DEMETR dev tense
recall 0.18 -> 0.12). So is a Spanish perfect, with no preterite or imperfect, turned English present: the perfect
names a state that has come about and holds now ("ha dejado de ser la excepción" = "is no longer the exception", "han
sido siempre deficientes" = "are as poor as ever"; 2 major flags fewer on the WMT dev articles, 14 on the other WMT
2008-2011 documents, DEMETR dev tense recall unchanged). English verbs with one form for present and past (beat, cut,
set, hit) are not counted, nor is a bare present after "this" or "that" ("this time"), and a participle right after its
subject (an adverb between allowed) with no auxiliary ("the bank kept rates", "the DPP also refrained", which the
tagger reads as a participle) is a past, as is one after a name the tagger read as a verb ("Waters said") or
after the quote it attributes ('," said Kennedy'); "it's been" is a perfect, and so is "has" with a participle after
its subject in a question ("Why has the president given up?"); a single quote before a word is no contraction
('mobilise: not "'m"); "is" before a passive of report and "of"/"to" tells the report's time, not the event's
(is accused of stealing; is said to have fled is a past). A Spanish present in a sentence that names a time to come
(mañana, el próximo lunes, la semana que viene) may be a future ("se enfrenta mañana" = "will face"). Those
words are rules/tense.toml. A future of obligation (deberá pagar, tendrá que) is a modal, counted with the
conditionals: English gives it as must, will have to, or a court's order in the past ("was ordered to pay").
MQM category: accuracy (mistranslation).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from review.core.flags import Detector, FieldContext, SentencePair, register
from review.core.flags.common import fold
from review.core.flags.rulebook import active
from review.core.flags.wordlists import is_spanish_conjugated
from review.core.model import Flag, Severity
from review.core.text.morphology import Token
from review.core.text.segmenting import ENDINGS

SENTENCE_CLOSERS = frozenset(ENDINGS + '"»”’)')  # a sentence's last character where it has a closing mark

VERBS = ("vblex", "vbser", "vbhaver", "vbdo", "vbmod", "vaux")
ES_TIMES = {"pri": "present", "ifi": "past", "pii": "past", "fti": "future", "cni": "conditional", "prs": "subjunctive",
            "pis": "subjunctive"}
EN_TIMES = {"pri": "present", "pres": "present", "past": "past"}
# Spanish news narrates past events in the present (presente histórico), which English renders in the past
NARRATIVE_PRESENT = "the English turns present events into past ones"
PRESENT_AS_FUTURE = "the English puts in the future what the Spanish says in the present"
PERFECT_AS_PRESENT = "the English states in the present what the Spanish says has come about"
ASKED_REACH = 5  # tokens after an asking "has" within which its participle comes (has President Trump given)
CERTAIN_VERBS = 1  # verbs are counted, not aligned: with more finite verbs, which one moved is a guess
WH_SUBJECTS = frozenset({"what", "who", "which"})  # "what caused the blast": a participle after one is a past


@dataclass(frozen=True)
class Vocabulary:
    """rules/tense.toml compiled."""

    en_future: frozenset[str]
    same_in_past: frozenset[str]
    auxiliaries: frozenset[str]
    reported: frozenset[str]
    raising: frozenset[str]
    future_cue: re.Pattern[str]


def vocabulary() -> Vocabulary:
    return active().compiled("tense", lambda book: Vocabulary(
        frozenset(book.words("tense", "en_future")), frozenset(book.words("tense", "en_same_in_past")),
        frozenset(book.words("tense", "en_auxiliaries")), frozenset(book.words("tense", "en_reported")),
        frozenset(book.words("tense", "en_raising")), re.compile(book.alternation("tense", "es_future_cues"))))


def spanish_times(tokens: tuple[Token, ...]) -> Counter[str]:
    """Coarse time of each finite Spanish verb."""
    times: Counter[str] = Counter()
    for i, token in enumerate(tokens):
        if token.pos not in VERBS or len(token.tags) < 2 or token.tags[1] not in ES_TIMES:
            continue
        following = tokens[i + 1:i + 3]
        if token.lemma == "haber" and following and following[0].tags[1:2] == ("pp",):
            times["perfect" if token.tags[1] == "pri" else ES_TIMES[token.tags[1]]] += 1
        elif token.lemma == "ir" and len(following) == 2 and following[0].lemma == "a" and "inf" in following[1].tags:
            times["future"] += 1
        elif token.tags[1] == "fti" and _obligation(token, following):
            times["conditional"] += 1  # deberá pagar: a modal, which English gives as must, will have to, was ordered to
        else:
            times[ES_TIMES[token.tags[1]]] += 1
    return times


def _obligation(token: Token, following: tuple[Token, ...]) -> bool:
    """True if the verb is deber, or tener before que: an obligation, whose time is the modal's."""
    return token.lemma in ("deber", "tener que") or (token.lemma == "tener" and bool(following)
                                                    and following[0].surface == "que")


def english_times(tokens: tuple[Token, ...]) -> Counter[str]:
    """Coarse time of each finite English verb or verb group."""
    lex = vocabulary()
    times: Counter[str] = Counter()
    for i, token in enumerate(tokens):
        lemma = token.lemma.lower()
        following = tokens[i + 1:i + 3]
        if token.surface.startswith("'") and (not i or tokens[i - 1].end < token.start):
            continue  # 'mobilise the army': a quote mark the tagger read as a contraction ('m)
        if token.surface[:1].isupper() and i and tokens[i - 1].pos not in ("sent", "lpar") and token.pos in VERBS \
                and tokens[i - 1].surface not in (":", ";") and token.surface not in ("I", "I'm"):
            continue  # "Waters said": a name the tagger read as a verb
        if token.pos == "vaux" or lemma in lex.en_future or lemma == "would":
            if lemma in lex.en_future:
                times["future"] += 1
            elif lemma == "would":
                times["conditional"] += 1
            continue
        if token.pos in VERBS and token.tags[1:2] == ("pp",) and _bare_participle(tokens, i):
            times["past"] += 1  # "The bank kept rates": the tagger reads a past as a participle
            continue
        if token.pos not in VERBS or len(token.tags) < 2 or token.tags[1] not in EN_TIMES:
            continue
        if _noun_read_as_verb(tokens, i) or _possessive(tokens, i) or _not_a_present(tokens, i):
            continue
        if i and tokens[i - 1].pos == "det":  # "the questioned owner": a participle used as an adjective
            continue
        if i and tokens[i - 1].surface.lower() in ("this", "that") and token.tags[1] == "pres":
            continue  # "this time": a bare present after "this" is a noun (a verb would agree: "this times")
        if token.surface.lower() in lex.same_in_past and token.tags[1] != "past":
            continue  # "Barcelona beat Madrid": present or past, the form does not tell
        if lemma in lex.raising and _perfect_infinitive(tokens[i + 1:i + 4]):
            times["past"] += 1  # appears to have acted: the event is past, whatever the time of the appearance
            continue
        if lemma == "be" and _reported(tokens, i):  # is accused of stealing: the time is the report's
            if _perfect_infinitive(tokens[i + 2:i + 5]):
                times["past"] += 1  # is said to have fled
            continue
        if lemma == "be" and following and following[0].surface.lower() == "going" and \
                len(following) > 1 and following[1].surface.lower() == "to":
            times["future"] += 1
        elif lemma == "have" and token.tags[1] != "past" and (_participle_follows(following) or (
                following and following[0].surface.lower() == "yet")  # "has yet to give" = "no ha dado"
                or _asked_participle(tokens, i)):  # "Why has the president given up?"
            times["perfect"] += 1
        elif token.surface.lower() == "'s" and following and following[0].surface.lower() == "been":
            times["perfect"] += 1  # "it's been" = it has been
        else:
            times[EN_TIMES[token.tags[1]]] += 1
    return times


def _not_a_present(tokens: tuple[Token, ...], index: int) -> bool:
    """A bare present that is no finite present: glued to a hyphen (add-ons), a noun after an article and a score (a
    2-1 win), or a subjunctive after he, she or it, with which a present would agree in -s (demanded that he fire)."""
    token = tokens[index]
    if token.tags[1:2] != ("pres",):
        return False
    after = tokens[index + 1:index + 2]
    if after and after[0].surface in ("-", "‑") and after[0].start == token.end:
        return True
    before = [t.pos for t in tokens[max(0, index - 4):index]]
    if before[-1:] == ["num"] and ("det" in before[-2:] or before[-4:] == ["det", "num", "guio", "num"]):
        return True
    return index > 0 and tokens[index - 1].surface.lower() in ("he", "she", "it")


def _possessive(tokens: tuple[Token, ...], index: int) -> bool:
    """An 's the tagger read as "is" that marks a possessive: right after a noun or a name, glued to it, and before no
    participle or gerund (Court's all-time record; not "the company's been sold")."""
    if tokens[index].surface.lower() not in ("'s", "’s") or not index or tokens[index - 1].end != tokens[index].start:
        return False
    after = tokens[index + 1:index + 2]
    return tokens[index - 1].pos in ("n", "np", "") and not (after and after[0].tags[1:2] in (("pp",), ("ger",)))


def _perfect_infinitive(tokens: tuple[Token, ...]) -> bool:
    """True if the tokens are "to have" and a participle (to have fled)."""
    return (len(tokens) == 3 and tokens[0].surface.lower() == "to" and tokens[1].lemma.lower() == "have"
            and "pp" in tokens[2].tags)


def _reported(tokens: tuple[Token, ...], index: int) -> bool:
    """A present of "be" before a participle of report (rules: en_reported) and "of" or "to": is accused of, is said
    to."""
    after = tokens[index + 1:index + 3]
    return (len(after) == 2 and tokens[index].tags[1:2] in (("pri",), ("pres",)) and "pp" in after[0].tags
            and after[0].lemma.lower() in vocabulary().reported and after[1].surface.lower() in ("of", "to"))


def _bare_participle(tokens: tuple[Token, ...], index: int) -> bool:
    """A participle right after its subject (a noun, a name, capitalised even if the tagger read it as a verb:
    "Waters said", or a subject pronoun; an adverb between allowed: "the DPP also refrained") with no auxiliary
    before it, right after what, who or which ("what caused the blast"), or right after a quote it attributes ('," said
    Kennedy')."""
    lex = vocabulary()
    if index and tokens[index - 1].surface.lower() in WH_SUBJECTS:
        return True  # "It is unknown what caused the blast": the subject is the wh-word, "is" is not its auxiliary
    before = tokens[max(0, index - 3):index]
    if not before or any(t.lemma.lower() in lex.auxiliaries for t in before):
        return False
    last = index - 1
    if tokens[last].pos == "adv" and last > 0:
        last -= 1  # "the DPP also refrained"
    word = tokens[last]
    subject = word.pos in ("n", "np") or word.tags[:2] == ("prn", "subj") or _noun_read_as_verb(tokens, last) or (
        word.surface[:1].isupper() and last > 0 and tokens[last - 1].pos not in ("sent", ""))
    after_quote = word.surface == "," and tokens[last + 1].start - word.end > 1  # '," said': the mark is no token
    return subject or after_quote


def _noun_read_as_verb(tokens: tuple[Token, ...], index: int) -> bool:
    """A present right before a participle or past that is a noun the tagger read as a verb, since a finite verb never
    takes a bare participle after it there: one in -s after an adjective, determiner or name, or opening the sentence
    capitalised ("Houthi rebels attacked", "Rebels seized"); or a bare form after a singular noun, with which a verb
    would agree in -s ("The cold snap brought")."""
    token = tokens[index]
    after = tokens[index + 1:index + 2]
    if token.pos != "vblex" or not after or after[0].pos != "vblex" or after[0].tags[1:2] not in (("pp",), ("past",)):
        return False
    if token.tags[1:2] == ("pres",):
        return index > 0 and tokens[index - 1].pos == "n" and "sg" in tokens[index - 1].tags
    if token.tags[1:2] != ("pri",) or not token.surface.endswith("s"):
        return False
    if not index:
        return token.surface[:1].isupper()
    before = tokens[index - 1]
    return before.pos in ("adj", "det", "np") or before.surface[:1].isupper()


def _asked_participle(tokens: tuple[Token, ...], index: int) -> bool:
    """In a question, a past participle after the subject that follows "have" ("Why has the president given up?")."""
    if not tokens or tokens[-1].surface != "?":
        return False
    for token in tokens[index + 1:index + 1 + ASKED_REACH]:
        if "pp" in token.tags:
            return True
        if token.pos in VERBS:
            return False
    return False


def _participle_follows(following: tuple[Token, ...]) -> bool:
    """A past participle in the next two tokens, or right after a verb or an unknown -ed word: "has build",
    "have fared" (misspelt or unknown forms where a participle belongs)."""
    if any("pp" in t.tags for t in following):
        return True
    after = following[0] if following else None
    return after is not None and (after.pos in VERBS or (after.unknown and after.surface.endswith("ed")))


def shift(source: Counter[str], target: Counter[str], scheduled: bool = False) -> tuple[str, bool] | None:
    """A description of the shift from source to target times and whether it is complete, or None.

    Complete: the English keeps no verb in the time the Spanish used (else the shift is partial). Scheduled:
    the Spanish names a time to come (mañana, el próximo lunes), so its presents may be futures.
    """
    source_past, target_past = source["past"] + source["perfect"], target["past"] + target["perfect"]
    futures = source["future"] + source["conditional"] + source["subjunctive"]
    futures += source["present"] if scheduled else 0
    if target["future"] > futures:
        description = PRESENT_AS_FUTURE if source["present"] and not source_past else \
            "the English puts in the future what the Spanish does not"
        return description, not source["future"] + source["conditional"]
    if source_past > target_past and target["present"] > source["present"]:
        description = PERFECT_AS_PRESENT if not source["past"] else "the English turns past events into present ones"
        return description, not target_past
    if target["past"] > source_past + source["subjunctive"] and target["present"] < source["present"]:
        return NARRATIVE_PRESENT, not target["present"]
    if source["future"] > target["future"] + target["conditional"] and target_past > source_past:
        return "the English turns future events into past ones", not target["future"]
    return None


@register
class TenseShift(Detector):
    """The time of events moved between the Spanish and the English (info in headlines)."""

    code = "tense_shift"
    category = "accuracy"
    severity = Severity.MAJOR
    version = 16  # 16: a body's first line with no closing mark on either side is a headline (info); 's after a
    # noun or a name, before no participle, is a possessive (Court's record), not "is"; a bare present glued to a
    # hyphen (add-ons), after an article and a score (a 2-1 win) or after he/she/it (that he fire) is no present
    # 15: 15: a future of obligation (deberá pagar, tendrá que) is a modal, counted as a conditional
    # 14: appears or seems to have acted is a past (rules: en_raising)
    # 13: a capitalised -s present opening the sentence, or a bare present after a singular noun, before
    # a participle or past is a noun (Rebels seized, the cold snap brought)
    # 12: a past participle after what/who/which is a past; an unknown Spanish verb form (desconoce)
    # makes the count uncertain (minor)
    # 11: "is accused of", "is said to have": the time of a report
    # 10: a participle after its subject and an adverb is a past; "this time" is no verb
    # 9: a Spanish perfect (and no preterite) as an English present is minor
    # 8: a Spanish present as an English future is minor
    # 7: it's been, questions (has X given), participles after a quote or a name, quote marks no 'm

    def detect(self, context: FieldContext) -> list[Flag]:
        lex = vocabulary()
        flags = []
        for pair in context.sentence_pairs():
            if not pair.source_tokens or not pair.target_tokens:
                continue
            source, target = spanish_times(pair.source_tokens), english_times(pair.target_tokens)
            found = shift(source, target, lex.future_cue.search(fold(pair.source)) is not None)
            if found is None:
                continue
            description, complete = found
            headline = context.field == "headline" or _headline_line(pair)
            note = " (usual in English headlines)" if headline else ""
            certain = complete and sum(source.values()) == sum(target.values()) == CERTAIN_VERBS \
                and description not in (NARRATIVE_PRESENT, PRESENT_AS_FUTURE, PERFECT_AS_PRESENT) \
                and not _unknown_verb(pair.source_tokens)
            severity = Severity.INFO if headline else Severity.MAJOR if certain else Severity.MINOR
            flags.append(self.flag(context, pair.source_span(), pair.target_span(),
                                   f"Tense shift: {description}{note}: Spanish {_summary(source)}; "
                                   f"English {_summary(target)}", severity))
        return flags


def _headline_line(pair: SentencePair) -> bool:
    """The field's first sentence, neither side ending in a full stop or other closing mark: a headline given as the
    first line of a body (plain-text imports), in headline style on both sides."""
    return pair.source_start == 0 and not any(text.rstrip()[-1:] in SENTENCE_CLOSERS
                                              for text in (pair.source, pair.target))


def _unknown_verb(tokens: tuple[Token, ...]) -> bool:
    """A word Apertium does not know that hunspell reads as a Spanish verb form (desconoce): a verb left uncounted, so
    the count of one verb a side is no longer certain."""
    return any(token.unknown and token.surface.isalpha() and is_spanish_conjugated(token.surface) for token in tokens)


def _summary(times: Counter[str]) -> str:
    return ", ".join(f"{count} {time}" for time, count in sorted(times.items())) or "no finite verb"
