"""Sentence adequacy: `hallucination`, `partial_omission` and `partial_addition`, from word-level coverage.

Each aligned pair's content words are matched across (coverage.py: Apertium's bilingual dictionary,
its rendering, cognates, numbers, names). The aligner links a sentence replaced by an unrelated one 1-1
when its neighbours pin it there, at low confidence but linked all the same (its known weakness), so
the links alone do not catch a hallucination; coverage does.

- hallucination (MQM accuracy/mistranslation, major): the pair has little content in common: under
  HALLUCINATION_SHARE of both sides' content weight has a counterpart (a Spanish word the bilingual dictionary
  does not know, with no counterpart found, counts on neither side: nothing could be looked up for it; a word only
  the Spanish wordnet pairs up counts as shared), with at least
  HALLUCINATION_WEIGHT of it, and chrF against Apertium's rendering under HALLUCINATION_CHRF (a free
  but faithful rendering still shares its names and some words with the literal one); a pair with
  UNRELATED_WEIGHT of content and under UNRELATED_SHARE of it shared needs only chrF under
  UNRELATED_CHRF (function words and shared endings lift chrF between unrelated sentences).
- In a field of FIELD_PAIRS pairs or more, a pair's chrF must also be under FIELD_CHRF_SHARE of the
  field's median: a translator who renders freely throughout (professional news) is measured against
  their own habit, as the aligner measures similarity against the document's chance level; and a
  hallucination needs DOCUMENT_HALLUCINATION_WEIGHT of content there (a short idiom is no evidence).
- A field of one sentence on each side (a headline, a one-sentence paragraph) is linked 1-1 whatever the
  English says, so the link vouches for nothing: there the chrF bound is LONE_CHRF. Two sides of INTERJECTION_WORDS
  words at most (an interjection, a greeting: Jeez. = Dios mío.) are too little to call a hallucination.
- partial_omission / partial_addition (MQM accuracy/omission and addition): Spanish content with no
  English counterpart, or English content with no Spanish one, inside a linked pair. Major when the
  missing weight is at least SERIOUS_WEIGHT (a name or a number weighs 2), under SERIOUS_SHARE of the
  side is covered and chrF is under SERIOUS_CHRF (for an addition, chrF of Apertium's rendering against
  the English, which English content with nothing behind it lowers); minor when at least MINOR_WEIGHT is missing and under
  MINOR_SHARE of the side is covered. Lower thresholds cost many false alarms on professional news,
  whose renderings are freer than machine translation.
- Also major, in the body (a headline is abridged by design), under the same chrF bound: a pair whose
  English falls short, under SHORT_LENGTH of the length of Apertium's rendering, with SERIOUS_WEIGHT of
  Spanish content missing and under LOPSIDED_SHARE (not SERIOUS_SHARE) of it carried (a clause dropped); or
  goes beyond it, over LONG_LENGTH of that length, with SERIOUS_WEIGHT of English content unsourced and
  under LOPSIDED_SHARE of it sourced (a clause invented). The English words looked up in the eng-spa dictionary
  (coverage.py) are what let these bounds sit this close without false alarms. Also a dropped (added) stretch:
  RUN_WEIGHT of consecutive Spanish (English) content words with no counterpart (the last items of a list, a
  trailing clause) while the English is shorter (longer) than the rendering by at least RUN_LENGTH_SHARE of the
  stretch's share of its sentence, and under RUN_LENGTH of it (over 2 - RUN_LENGTH): a free rendering misses
  scattered words and keeps its length, an omission loses a run of them and the length they took. An added
  stretch's chrF bound is ADDED_RUN_CHRF: Apertium's rendering of the shorter Spanish scores low against a longer
  English whatever it adds.
- Also major, whatever chrF says: a dropped tail, the last item of a list or coordination (a noun after y, e, o, u
  or ni) with no counterpart to the end of its clause, where the English is shorter by the tail's share and has no
  list of as many items (_list_sizes) at about the same place ("suerte, paciencia, experiencia y un buen equipo" =
  "luck, patience, and experience"). The rest of such a sentence may be rendered word for word, so chrF cannot tell.
  Likewise a stretch spliced: SPLICED_WEIGHT of consecutive Spanish (English) content with no counterpart, the English
  shorter (longer) by the stretch's share, and everything of the other side near that place (SPLICED_DISTANCE of
  the sentence) with a counterpart (a free rendering has words of its own there). And an omission: an English
  under HALVED_LENGTH of the length of Apertium's rendering (and HALVED_SHORTFALL characters shorter) with
  MINOR_WEIGHT of Spanish content missing (a free rendering is terser than the literal one, but not by half).
Every partial flag is minor beside an unpaired sentence of the other side that reads as joined to its pair
(alignment.joins_neighbour) and, joined, gives a counterpart to half its content or more: three sentences joined in
one, which the aligner's 2-1 beads cannot pair.
Thresholds were chosen on the dev halves of HalOmi and NTREX-128, checked against DEMETR 801-850, the WMT
2008-2011 articles and the free renderings (bench/flags.py).
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from statistics import median

from review.core.flags import Detector, FieldContext, SentencePair, register
from review.core.flags.alignment import joins_neighbour
from review.core.flags.common import contains_phrase, fold
from review.core.flags.coverage import EN_LIGHT, ES_LIGHT, Coverage, Word, content_words, coverage
from review.core.flags.entities import DESCRIPTION
from review.core.model import Flag, Severity
from review.core.scoring.metrics import score_of, sentence_scores

HALLUCINATION_SHARE, HALLUCINATION_WEIGHT, HALLUCINATION_CHRF = 0.4, 1.0, 15.0
LONE_CHRF = 18.0  # a field of one sentence on each side: its 1-1 link vouches for nothing
UNRELATED_WEIGHT, UNRELATED_SHARE, UNRELATED_CHRF = 8.0, 0.1, 30.0  # a long pair sharing nothing: a looser chrF
DOCUMENT_HALLUCINATION_WEIGHT = 6.0  # in a field of FIELD_PAIRS pairs: a short idiom ("We got outplayed") is no evidence
SERIOUS_WEIGHT, SERIOUS_SHARE, SERIOUS_CHRF = 5.0, 0.4, 35.0
INDEPENDENT = 100.0  # the ceiling of a field too short to have a habit of its own
FIELD_PAIRS, FIELD_CHRF_SHARE = 4, 0.5  # with this many pairs, a pair's chrF must also be under this share of the median
MINOR_WEIGHT, MINOR_SHARE = 3.0, 0.4
SHORT_LENGTH, LONG_LENGTH = 0.9, 1.1  # the English under / over this share of the length of Apertium's rendering
LOPSIDED_SHARE = 0.5  # and under this share of the side carried across
RUN_WEIGHT, RUN_LENGTH, RUN_LENGTH_SHARE = 4.0, 0.95, 0.5  # a dropped stretch: content missing in a row, length lost
HALVED_LENGTH = 0.5  # an English under half the length of Apertium's rendering, MINOR_WEIGHT missing: a cut
HALVED_SHORTFALL = 50  # ... of at least this many characters (a short sentence rendered tersely is no cut)
SPLICED_WEIGHT = 3.0  # a stretch cut out of or put into an otherwise literal rendering (_PartialDetector.spliced)
SPLICED_DISTANCE = 0.3  # ... with nothing of the other side uncovered within this share of its sentence of the place
GLOSS_BEFORE = re.compile(r"(\w+),\s+(?:(?:a|an|the)\s+)?$")  # a word, then an apposition: "botellón, a ..."
ADDED_RUN_CHRF = 50.0  # an added stretch: Apertium's rendering scores low against a longer English anyway
LISTED_WORDS = 6
COORDINATORS = r"(?:y|e|o|u|ni)"  # Spanish and, or, nor
COORDINATOR = re.compile(rf"\b{COORDINATORS}\b")
EN_COORDINATOR = re.compile(r"\b(?:and|or|nor)\b|&")
EN_REPEATED_OPENER = re.compile(r"\b(\w+) [^,;:.]{1,40}(, )\1\b")  # two items without "and": no contracts, no bother
LIST_ITEM_WORDS = 5  # a comma-separated stretch this short is a list item
ITEM_REACH = 12  # characters after an English coordinator where a word of its own may be the dropped tail's rendering
LIST_PLACE_TOLERANCE = 0.2  # share of the sentence between a Spanish list and the English one that keeps it
PREPOSITION_AFTER = re.compile(rf"{COORDINATORS}\s+(a|al|de|del|en|con|por|para|sin|desde|hasta|entre|sobre|ante|"
                               r"tras|contra|hacia)\b")  # a coordinator, then a preposition
CONNECTIVE_AFTER = re.compile(rf"{COORDINATORS}\s+(?:en lugar|en vez|a pesar|a diferencia|ademas|a causa|a partir|"
                              r"por eso|por tanto|por lo tanto|sin embargo|en cambio)\b")  # y en lugar de eso
AMOUNT_PARTS = frozenset({"medio", "media", "cuarto"})  # "y media" ends an amount, not a list
WORDS = re.compile(r"\w+")
INTERJECTION_WORDS = 2  # both sides this short: an interjection (Jeez. = Dios mío.), not a hallucination
ACRONYM_AFTER = r"(?:\s*\((?P<acronym>[A-Z]{2,6})\))?"  # a name's acronym in parentheses: (RAE)
NAME_GLOSS = re.compile(  # a name (or a word), then a description: la Met Office, el servicio meteorológico británico,
    r"(?:(?:El|La|Los|Las)\s+)?(?P<name>[A-ZÁÉÍÓÚÑ][\w'’.-]*(?:\s+(?:(?:de|del|la|las|los|y)\s+)?[A-ZÁÉÍÓÚÑ][\w'’.-]*)*"
    rf"|[a-záéíóúñü][\w'’-]*){ACRONYM_AFTER},\s+(?P<gloss>{DESCRIPTION})")
EN_NAME_GLOSS = re.compile(  # the joropo, Venezuela's national folk music; the RAE, the body that sets standards,
    r"(?P<name>[A-Z][\w'’.-]*(?:\s+(?:(?:of|the|and|de|del|la)\s+)?[A-Z][\w'’.-]*)*|[a-z][\w'’-]*)"
    rf"{ACRONYM_AFTER},\s+(?P<gloss>(?:the|a|an|[A-Z][\w.]*['’]s)\s+[^,;:()\"“”]{{3,119}}?)"
    r"(?=\s*(?:[,;:.]|$))")
CLAUSE_MARK = re.compile(r"[,;:.!?()\[\]«»\"“”]")
LIST_BOUNDARY = re.compile(r"[;:.!?()«»\"“”]")  # a clause mark a list's commas do not make


def pair_coverages(context: FieldContext) -> tuple[list[tuple[SentencePair, Coverage, float]], float]:
    """Every linked pair with its coverage and its chrF against Apertium's rendering, and the chrF ceiling the
    field's own renderings set (FIELD_CHRF_SHARE of their median, with FIELD_PAIRS pairs or more; else none),
    computed once per field."""
    def build() -> tuple[list[tuple[SentencePair, Coverage, float]], float]:
        chrfs = [score_of(link.scores, "chrF") for link in context.links if link.src and link.tgt]
        pairs = context.sentence_pairs()
        values = [_chrf(pair) if chrf is None else chrf for pair, chrf in zip(pairs, chrfs)]
        ceiling = FIELD_CHRF_SHARE * median(values) if len(values) >= FIELD_PAIRS else INDEPENDENT
        return [(pair, coverage(pair, context.bilingual, context.reverse), chrf)
                for pair, chrf in zip(pairs, values)], ceiling
    return context.shared("coverage", build)


def _chrf(pair: SentencePair, reverse: bool = False) -> float:
    """The pair's chrF against Apertium's rendering (the pipeline scores its links so; this is for links without
    scores), or with `reverse` Apertium's rendering scored against the English: chrF weighs recall twice as much
    as precision, so the reverse is the one that English content with nothing behind it lowers."""
    hypothesis, reference = (pair.pseudo, pair.target) if reverse else (pair.target, pair.pseudo)
    return score_of(sentence_scores(hypothesis, reference), "chrF") or 0.0


def hallucinated(found: Coverage, chrf: float, ceiling: float, lone: bool = False) -> bool:
    """True if the pair has too little content in common to be a rendering of the other; `lone` for the only link of
    a field of one sentence on each side."""
    total = found.source_weight + found.target_weight - found.unjudged  # a word the dictionary lacks tells nothing
    covered = (total - sum(w.weight for w in found.missing) - sum(w.weight for w in found.added) + found.unjudged
               + found.by_senses)
    least = HALLUCINATION_WEIGHT if ceiling == INDEPENDENT else DOCUMENT_HALLUCINATION_WEIGHT
    if total < least or covered >= HALLUCINATION_SHARE * total:
        return False
    unrelated = total >= UNRELATED_WEIGHT and covered < UNRELATED_SHARE * total  # nothing at all in common
    bound = LONE_CHRF if lone else HALLUCINATION_CHRF
    return chrf < min(UNRELATED_CHRF if unrelated else bound, ceiling)


def _interjection(pair: SentencePair) -> bool:
    """True if both sides are of INTERJECTION_WORDS words at most (Jeez. = Dios mío.): an interjection or a greeting,
    whose rendering no lexicon measures; too little to call an unrelated sentence (18px = "This is not a problem."
    still is one)."""
    return max(len(WORDS.findall(pair.source)), len(WORDS.findall(pair.target))) <= INTERJECTION_WORDS


def _lone(context: FieldContext) -> bool:
    """True if the field has one sentence on each side, linked 1-1."""
    return len(context.source_segments) == len(context.target_segments) == len(context.links) == 1


def _glossing(pair: SentencePair, words: tuple[Word, ...], source_side: bool) -> bool:
    """True if the content of one side left without a counterpart lies, but for under MINOR_WEIGHT of it, in
    descriptions in apposition to a foreign name both sides write alike: the gloss a translator adds for readers who
    do not know it (la Met Office, el servicio meteorológico británico, ...; el hurling, el deporte tradicional
    irlandés que se juega con palo,; the joropo, Venezuela's national folk music; the RAE, the body that sets
    standards for the Spanish language,). Minor, not major: the other side still lacks it. Not an English relative
    clause (Gandhi, who led India's independence movement,): machine translation invents those. A name is
    capitalised inside the sentence, or a proper noun or unknown word at its start (Ayer, el ministro dijo... is no
    name); a word in lower case must be one the analyser does not know (hurling, joropo). A name the other side
    translates or respells is its readers' own, and its description part of the sentence (Homero, el poeta ciego,
    ... = Homer ...: an omission)."""
    text, tokens, other, pattern = ((pair.source, pair.source_tokens, pair.target, NAME_GLOSS) if source_side
                                    else (pair.target, pair.target_tokens, pair.source, EN_NAME_GLOSS))
    spans = []
    for match in pattern.finditer(text):
        named = [t for t in tokens if match.start("name") <= t.start < match.end("name")]
        name = match["name"][:1].isupper() and (match.start("name") > 0 or all(t.pos in ("np", "") for t in named))
        kept = [form for form in (match["name"], match["acronym"]) if form and contains_phrase(other, form)]
        if named and kept and (name or match["acronym"] in kept or all(t.unknown for t in named)):
            spans.append(match.span("gloss"))
    outside = sum(word.weight for word in words if not any(start <= word.start < end for start, end in spans))
    return bool(spans) and outside < MINOR_WEIGHT


def _longest_run(text: str, content: list[Word], uncovered: tuple[Word, ...]) -> tuple[float, float, int]:
    """The heaviest stretch of consecutive content words of one side with no counterpart on the other: its weight,
    its share of the side's text and where it starts."""
    alone = {word.start for word in uncovered}
    longest, current, start = (0.0, 0, 0), 0.0, 0
    for word in content:
        if word.start not in alone:
            current = 0.0
            continue
        start = start if current else word.start
        current += word.weight
        if current > longest[0]:
            longest = (current, start, word.end)
    weight, start, end = longest
    return weight, (end - start) / len(text) if text else 0.0, start


def _dropped_tail(text: str, content: list[Word], uncovered: tuple[Word, ...], known: set[int],
                  verbs: list[int]) -> tuple[float, int]:
    """The share of the text taken by the longest dropped tail (see PartialOmission.dropped_tail) and where its
    coordinator is, or (0, -1). A tail needs a word whose start is in `known` (one the dictionary knows: a word it
    lacks tells nothing) and no verb (starts in `verbs`) after its coordinator: a clause is no list item ("y hace
    tiempo que tendría que estar en funcionamiento" = "and long awaited")."""
    alone = {word.start for word in uncovered}
    if all(word.start in alone for word in content):
        return 0.0, -1
    coordinators = [match.start() for match in COORDINATOR.finditer(fold(text))]
    longest = (0.0, -1)
    for i, word in enumerate(content):
        if word.start not in alone or word.pos not in ("n", "") or word.surface.lower() in AMOUNT_PARTS:
            continue  # a list's items are nouns (or unknown words); dos horas y media is an amount
        gap = content[i - 1].end if i else 0
        if not text[gap:word.start].strip() and i and content[i - 1].pos == "a" and word.pos == "n":
            gap = content[i - 2].end if i > 1 else 0  # y un buen equipamiento
        coordinator = next((at for at in coordinators if gap <= at < word.start), None)
        if coordinator is None or CLAUSE_MARK.search(text, gap, word.start):
            continue
        joined = [other for other in content[:i] if other.end <= coordinator]
        if joined and joined[-1].kind == "number":  # treinta y pocos años: part of an amount, not a list
            continue
        end = i
        while end < len(content) and content[end].start in alone and not (
                end > i and CLAUSE_MARK.search(text, content[end - 1].end, content[end].start)):
            end += 1
        closed = end == len(content) or CLAUSE_MARK.search(text, content[end - 1].end, content[end].start)
        if closed and any(content[k].start in known for k in range(i, end)) and _parallel(text, coordinator) \
                and not any(coordinator < at < content[end - 1].end for at in verbs):
            longest = max(longest, ((content[end - 1].end - word.start) / len(text), coordinator))
    return longest


def _parallel(text: str, coordinator: int) -> bool:
    """False if the conjunct after the coordinator opens with a connective (y en lugar de eso) or with a preposition
    its clause has not used before it: "Ante este panorama y a diferencia de los turismos" joins two adverbials, not
    a list's items ("al anime y al manga")."""
    folded = fold(text)
    if CONNECTIVE_AFTER.match(folded, coordinator):
        return False
    opening = PREPOSITION_AFTER.match(folded, coordinator)
    if not opening:
        return True
    start = max((mark.end() for mark in CLAUSE_MARK.finditer(folded, 0, coordinator)), default=0)
    return re.search(rf"\b{opening.group(1)}\b", folded[start:coordinator]) is not None


def _list_sizes(text: str, coordinators: re.Pattern[str]) -> dict[int, int]:
    """Each coordinator's offset -> the number of items of its list: the one after it, the one before it and, if that
    one has at most LIST_ITEM_WORDS words, each comma-separated stretch as short before it, back to a clause mark
    ("se necesita fuerza, paciencia, técnica y equipo": 3, the first item being inside a longer stretch; "Según los
    médicos, solo el tiempo diría si ... o ...": 2). Both languages are counted alike, so only the difference
    matters."""
    folded = fold(text)
    sizes = {}
    for match in coordinators.finditer(folded):
        start = max((m.end() for m in LIST_BOUNDARY.finditer(folded, 0, match.start())), default=0)
        stretches = folded[start:match.start()].rstrip(" ,").split(",")
        items = 2
        for stretch in reversed(stretches[:-1] if len(stretches[-1].split()) <= LIST_ITEM_WORDS else []):
            if len(stretch.split()) > LIST_ITEM_WORDS:  # a clause, or a list's first item inside one: not counted
                break
            items += 1
        sizes[match.start()] = items
    return sizes


def _listed(words: tuple[Word, ...]) -> str:
    shown = ", ".join(f'"{w.surface}"' for w in words[:LISTED_WORDS])
    return shown + (", ..." if len(words) > LISTED_WORDS else "")


@register
class Hallucination(Detector):
    """A linked pair whose two sides share almost no content: an unrelated or invented English sentence."""

    code = "hallucination"
    category = "accuracy"
    severity = Severity.MAJOR
    version = 11  # 11: more news senses (rules/senses.toml, news-counts-session-26); the "old" of an age is sourced;
    # an English form the analyser does not know meets its base (jailed = jail); the senses of two words in a row
    # the analyser reads apart (juicio político = impeachment)
    # 10: a multiword with an inflected head looked up as the dictionary writes it (fin# de semana), a
    # currency sign carries its currency's name ($5m = 5 millones de dólares), an age's años not counted against years
    # 9: not where both sides are of two words at most (Jeez. = Dios mío.)
    # 8: años (de edad) after a number is carried by the English number (Sims, 20); a Spanish word
    # said more often than the English says it is carried only as often
    # 7: a plural the tagger left unlemmatised meets its wordnet sense (casualties = víctima); a
    # spelled-out name the English gives as the acronym of its translation (NTSB); more news senses
    # 6: the senses news gives that the dictionary lacks count as candidates (rules/senses.toml)
    # 5: words only the Spanish wordnet pairs up count as shared (coverage.Coverage.by_senses)
    # 4: Spanish words the dictionary lacks are left out of the shares (coverage.Coverage.unjudged)
    # 3: a description of a name in parentheses is left out of coverage (entities.explanations)

    def detect(self, context: FieldContext) -> list[Flag]:
        if not context.bilingual:
            return []
        pairs, ceiling = pair_coverages(context)
        return [self.flag(context, pair.source_span(), pair.target_span(),
                          "The English shares almost no content with the Spanish it is aligned to "
                          f"(no counterpart for {_listed(found.missing or found.added)}): an unrelated "
                          "or invented sentence?")
                for pair, found, chrf in pairs
                if hallucinated(found, chrf, ceiling, _lone(context)) and not _interjection(pair)]


class _PartialDetector(Detector):
    """Content of one side with no counterpart on the other, inside a pair that is not a hallucination."""

    category = "accuracy"
    severity = Severity.MINOR
    source_side: bool

    def detect(self, context: FieldContext) -> list[Flag]:
        if not context.bilingual:
            return []
        flags = []
        pairs, ceiling = pair_coverages(context)
        paired = [index for index, link in enumerate(context.links) if link.src and link.tgt]
        for index, (pair, found, chrf) in zip(paired, pairs):
            if hallucinated(found, chrf, ceiling, _lone(context)):
                continue
            words = found.missing if self.source_side else found.added
            share = found.source_share if self.source_side else found.target_share
            weight = sum(w.weight for w in words)
            body = context.field == "body"
            lopsided = body and self.lopsided(pair, weight, share)
            run = body and self.run(pair, found)
            tail = body and (self.dropped_tail(pair, found, context.bilingual) or self.spliced(pair, found)
                             or self.halved(pair, weight))
            if not (lopsided or run or tail) and (weight < MINOR_WEIGHT or share >= MINOR_SHARE):
                continue
            if (lopsided or run or weight >= SERIOUS_WEIGHT and share < SERIOUS_SHARE) and not self.source_side:
                chrf = _chrf(pair, reverse=True)  # how much of the English Apertium's rendering accounts for
            bound = SERIOUS_CHRF if self.source_side or not run else ADDED_RUN_CHRF
            serious = (tail or chrf < min(bound, ceiling) and (lopsided or run or weight >= SERIOUS_WEIGHT
                                                               and share < SERIOUS_SHARE)) \
                and not self.beside_joined(context, index, weight) \
                and not _glossing(pair, words, self.source_side)
            spans = (pair.source_span(words[0].start, words[-1].end), None) if self.source_side else \
                (None, pair.target_span(words[0].start, words[-1].end))
            flags.append(self.flag(context, *spans, self.message(words, share),
                                   Severity.MAJOR if serious else Severity.MINOR))
        return flags

    def beside_joined(self, context: FieldContext, index: int, weight: float) -> bool:
        """True if a sentence of the other side next to link `index` is unpaired, reads as joined to this pair
        (alignment.joins_neighbour), and, joined to it, gives a counterpart to at least half of the `weight` of
        content this side lacked one for: the translator joined three sentences into one ("La actriz anunció su
        retirada. Lo hizo en una entrevista. 'Necesito descansar', explicó." = "The actress announced her retirement
        in an interview, explaining: 'I need a rest.'"), which the aligner's 2-1 beads cannot pair. Minor then, as the
        omission or addition flag beside it is."""
        link = context.links[index]
        for near in (index - 1, index + 1):
            if not 0 <= near < len(context.links):
                continue
            other = context.links[near]
            unpaired = (other.tgt and not other.src) if self.source_side else (other.src and not other.tgt)
            if not unpaired or not joins_neighbour(context, near):
                continue
            joined = coverage(context.pair_of(tuple(sorted(link.src + other.src)), tuple(sorted(link.tgt + other.tgt))),
                              context.bilingual, context.reverse)
            left = sum(w.weight for w in (joined.missing if self.source_side else joined.added))
            if left <= weight / 2:
                return True
        return False

    def lopsided(self, pair: SentencePair, weight: float, share: float) -> bool:
        """True if the English falls short of (omission) or goes beyond (addition) Apertium's rendering in length,
        with SERIOUS_WEIGHT of content left over and under LOPSIDED_SHARE of its side accounted for."""
        raise NotImplementedError

    def run(self, pair: SentencePair, found: Coverage) -> bool:
        """True if RUN_WEIGHT of consecutive content of the side has no counterpart and the English is shorter
        (omission) or longer (addition) than Apertium's rendering by RUN_LENGTH_SHARE of the run's share."""
        raise NotImplementedError

    def dropped_tail(self, pair: SentencePair, found: Coverage, bilingual: Mapping[str, tuple[str, ...]]) -> bool:
        """True if the last item of a list is left out (omission only)."""
        return False

    def spliced(self, pair: SentencePair, found: Coverage) -> bool:
        """True if a stretch is cut out of (omission) or put into (addition) a rendering that otherwise follows the
        Spanish word for word: SPLICED_WEIGHT of consecutive content of the side has no counterpart, the English is
        shorter (longer) than Apertium's rendering by RUN_LENGTH_SHARE of the stretch's share, and nothing of the
        other side lacks one at about the same place, within SPLICED_DISTANCE of the sentence's length of where the
        stretch is in its own ("..., adaptándolas al perfil de los clientes" = "..." with nothing in its place;
        "..., more specifically in Manchester, ..." with the Spanish all there). Major whatever chrF says: the rest
        may be word for word. A free rendering that leaves out or adds a stretch says it its own way there, so the
        other side has content without a counterpart at that place too."""
        text, tokens, light = ((pair.source, pair.source_tokens, ES_LIGHT) if self.source_side
                               else (pair.target, pair.target_tokens, EN_LIGHT))
        weight, share, start = _longest_run(text, content_words(tokens, light), found.missing if self.source_side
                                            else found.added)
        if weight < SPLICED_WEIGHT:
            return False
        other, other_text = (found.added, pair.target) if self.source_side else (found.missing, pair.source)
        begin = start / len(text) if text else 0.0
        if any(max(begin - w.start / len(other_text), w.start / len(other_text) - begin - share) < SPLICED_DISTANCE
               for w in other):
            return False  # the other side's own words at about the same place: that stretch said another way
        ratio = 1 - RUN_LENGTH_SHARE * share if self.source_side else 1 + RUN_LENGTH_SHARE * share
        longer = len(pair.target) > ratio * len(pair.pseudo)
        return longer != self.source_side

    def halved(self, pair: SentencePair, weight: float) -> bool:
        """True if the English is under HALVED_LENGTH of the length of Apertium's rendering, and HALVED_SHORTFALL
        characters shorter, with MINOR_WEIGHT of Spanish content missing (omission only): a free rendering is terser
        than the literal one, not half of it."""
        return False

    def message(self, words: tuple[Word, ...], share: float) -> str:
        raise NotImplementedError


@register
class PartialOmission(_PartialDetector):
    code = "partial_omission"
    source_side = True
    version = 15  # 15: coverage as hallucination's version 11; minor where what is missing is a gloss in apposition
    # to a foreign name the English keeps (la Met Office, el servicio meteorológico británico, ...)
    # 14: coverage as hallucination's version 10
    # 13: a description between commas after an acronym the English keeps is no content (la NBA, la
    # liga norteamericana de baloncesto, ...: entities.explanations)
    # 12: a name spelled out before the acronym the English gives alone is no content (spelled_before)
    # 11: minor beside an unpaired English sentence that reads as joined and carries the content
    # 10: a list the English keeps elsewhere, a word of its own after its "and", keeps the tail
    # 9: an English under half the length of the literal rendering
    # 8: a stretch cut out of a literal rendering, a word said more often than the English says it
    # 7: the acronym of a translated name (FEMA);
    # 6: news senses (rules/senses.toml);
    # 5: a dropped tail (the last item of a list);
    # 4: a description of a name in parentheses is left out; 3: a dropped stretch of consecutive content

    def lopsided(self, pair: SentencePair, weight: float, share: float) -> bool:
        return (weight >= SERIOUS_WEIGHT and share < LOPSIDED_SHARE
                and len(pair.target) < SHORT_LENGTH * len(pair.pseudo))

    def halved(self, pair: SentencePair, weight: float) -> bool:
        return (weight >= MINOR_WEIGHT and len(pair.target) < HALVED_LENGTH * len(pair.pseudo)
                and len(pair.pseudo) - len(pair.target) >= HALVED_SHORTFALL)

    def run(self, pair: SentencePair, found: Coverage) -> bool:
        weight, dropped, _ = _longest_run(pair.source, content_words(pair.source_tokens, ES_LIGHT), found.missing)
        shorter = min(RUN_LENGTH, 1 - RUN_LENGTH_SHARE * dropped)
        return weight >= RUN_WEIGHT and len(pair.target) < shorter * len(pair.pseudo)

    def message(self, words: tuple[Word, ...], share: float) -> str:
        return f"Spanish content with no counterpart in the English: {_listed(words)} ({share:.0%} of it is carried)"

    def dropped_tail(self, pair: SentencePair, found: Coverage, bilingual: Mapping[str, tuple[str, ...]]) -> bool:
        """True if the last conjunct of a list or coordination (a noun after y, e, o, u or ni, an adjective before it
        allowed: y un buen equipamiento) has no counterpart to the end of its clause, the rest of the sentence has
        some, and the English is shorter than Apertium's rendering by RUN_LENGTH_SHARE of the tail's share: "buena
        suerte, paciencia, experiencia y un buen equipamiento" = "good luck, patience, and expertise". Major whatever
        chrF says: the rest may be rendered word for word. Only where the English has no list of as many items
        (_list_sizes) at about the same place (within LIST_PLACE_TOLERANCE of the sentence), or anywhere with a word
        of its own (no Spanish counterpart) within ITEM_REACH after its coordinator: a dictionary gap in a list the
        English keeps whole ("hembras, machos y crías" = "females, males and young"; "los exámenes del instituto y la
        universidad" = "high school and college exams", the list moved), or as two items that open alike ("sin
        contratos y sin gaitas" = "no contracts, no bother"), is no dropped tail."""
        if not found.missing:  # nothing left out: no tail to look for
            return False
        content = content_words(pair.source_tokens, ES_LIGHT)
        known = {word.start for word in content if word.kind != "word" or bilingual.get(word.key)}
        verbs = [token.start for token in pair.source_tokens if token.tags[:1] and token.tags[0].startswith("v")]
        tail, coordinator = _dropped_tail(pair.source, content, found.missing, known, verbs)
        if not tail or len(pair.target) >= min(RUN_LENGTH, 1 - RUN_LENGTH_SHARE * tail) * len(pair.pseudo):
            return False
        size, place = _list_sizes(pair.source, COORDINATOR)[coordinator], coordinator / len(pair.source)
        english = _list_sizes(pair.target, EN_COORDINATOR)
        english.update((match.start(2), 2) for match in EN_REPEATED_OPENER.finditer(fold(pair.target)))
        return not any(items >= size and (abs(at / len(pair.target) - place) <= LIST_PLACE_TOLERANCE
                                          or any(at < word.start <= at + ITEM_REACH for word in found.added))
                       for at, items in english.items())


@register
class PartialAddition(_PartialDetector):
    code = "partial_addition"
    source_side = False
    version = 12  # 12: coverage as hallucination's version 11; minor where what is added is a gloss in apposition to a
    # foreign word or name the Spanish keeps (the joropo, Venezuela's national folk music)
    # 11: coverage as hallucination's version 10
    # 10: a country's name in the possessive is the English reader's context (Bolivia's parliament)
    # 9: the hyphenated words of a name's English form are sourced (small and medium-sized = pymes)
    # 8: minor beside an unpaired Spanish sentence that reads as joined and sources the content
    # 7: a stretch put into a literal rendering, a word said more often than the English says it
    # 6: the acronym of a translated name (FEMA);
    # 5: news senses (rules/senses.toml);
    # 4: a description of a name in parentheses is left out;
    # 3: an added stretch of consecutive content

    def lopsided(self, pair: SentencePair, weight: float, share: float) -> bool:
        return (weight >= SERIOUS_WEIGHT and share < LOPSIDED_SHARE
                and len(pair.target) > LONG_LENGTH * len(pair.pseudo))

    def run(self, pair: SentencePair, found: Coverage) -> bool:
        """Also no run: a gloss in apposition to a Spanish word the English keeps (the botellón, a mass outdoor
        drinking party; the Audiencia Nacional, Spain's top criminal court)."""
        weight, added, start = _longest_run(pair.target, content_words(pair.target_tokens, EN_LIGHT), found.added)
        longer = max(2 - RUN_LENGTH, 1 + RUN_LENGTH_SHARE * added)
        if weight < RUN_WEIGHT or len(pair.target) <= longer * len(pair.pseudo):
            return False
        gloss = GLOSS_BEFORE.search(pair.target[:start])
        return not (gloss and re.search(rf"\b{re.escape(fold(gloss.group(1)))}\b", fold(pair.source)))

    def message(self, words: tuple[Word, ...], share: float) -> str:
        return f"English content with no counterpart in the Spanish: {_listed(words)} ({share:.0%} of it is sourced)"
