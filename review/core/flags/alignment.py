"""Alignment detectors: `omission` (a source sentence aligned to nothing, 1-0) and `addition` (0-1).

Both read the links the aligner produced; category "accuracy" (MQM omission/addition).
An omitted sentence is major, unless it is an exclamation with under LIGHT_WEIGHT of content (coverage.py's
weights: "¡Qué asco!", "¡Ay, Dios!"): minor; a statement that short ("Nadie lo sabía.") stays major. An
added one is major when it is a full sentence (8+ words) that the aligner is confident has no counterpart
(link confidence >= 0.95): added claims are as serious as lost ones. Short or uncertain additions are
minor: they are more often a clarification for English readers ("Sra.", "She said so twice.") or a
translator's split the aligner could not pair.
Where omissions and additions meet (a run of 3+ unpaired sentences holding both), the translator rewrote
the passage or split it in a way the aligner could not pair: each is minor there, and says so. So is an
unpaired sentence that, joined to a paired neighbour, makes that pair match better (trigram Dice of
Apertium's rendering against the English): one Spanish sentence split in three English ones, or three
joined in one, which 1-2 and 2-1 beads cannot pair, or a missing space the segmenter could not split at
("border.It was"); or whose own trigrams are found in the neighbour's other side (a fifth of them, and twice as
many as in any other sentence there), joined freely; or, in the same paragraph, whose length the neighbour's English
makes up, carrying a quarter of its content (its idiom changed). An unrelated added or dropped sentence lowers that
match, is not found there, leaves its neighbour's lengths matched, and stays major.
An added sentence is also major, wherever it sits, when it is unsourced: it has UNSOURCED_WEIGHT of content
words (coverage.py: names and numbers weigh 2) and under UNSOURCED_SHARE of that weight has a counterpart
anywhere in the Spanish field (through both bilingual dictionaries, cognates, names and numbers): content
that nothing in the Spanish carries (an invented sentence), however short, as opposed to a clarification
or a sentence split off a neighbour, whose words the Spanish holds.
"""
from __future__ import annotations

import math
from dataclasses import replace

from review.core.alignment.similarity import gram_set, set_dice
from review.core.flags import Detector, FieldContext, SentencePair, register
from review.core.flags.coverage import EN_LIGHT, ES_LIGHT, content_words, coverage
from review.core.model import Flag, Link, Segment, Severity
from review.core.text.morphology import Token

EXCERPT_CHARS = 80
SERIOUS_ADDITION_WORDS = 8
SERIOUS_ADDITION_CONFIDENCE = 0.95
REWRITTEN_RUN = 3  # unpaired sentences in a row, both omissions and additions among them: a rewritten passage
LIGHT_WEIGHT = 2.0  # content weight under which an omitted exclamation is minor (one common word; a name weighs 2)
UNSOURCED_WEIGHT, UNSOURCED_SHARE = 2.0, 0.4  # an added sentence's content weight, and the share of it sourced
JOINED_CONTAINMENT = 0.2  # of an unpaired sentence's own trigrams, found in a neighbour's other side: joined to it
JOINED_LEAD = 2  # ... and this many times as many as in any other sentence of that side (a topic shared by all)
ENGLISH_PER_SPANISH_CHAR = 0.9  # English characters per Spanish one in news (WMT dev 0.98, NTREX dev 0.86)
RATIO_FROM_CHARS = 300  # Spanish characters of other pairs from which a field's own ratio is taken instead
JOINED_CARRIED = 0.25  # of an unpaired sentence's content weight, carried by a neighbour whose lengths fit it joined


def excerpt(segment: Segment) -> str:
    """The sentence, shortened to EXCERPT_CHARS with an ellipsis."""
    text = segment.text
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS - 1].rstrip() + "…"


REWRITTEN = " (the English rewrites this passage: its sentences do not pair with the Spanish ones)"


def rewritten(links: tuple[Link, ...], index: int) -> bool:
    """True if the unpaired link at `index` sits in a run of unpaired links holding both omissions and additions."""
    start = end = index
    while start > 0 and not (links[start - 1].src and links[start - 1].tgt):
        start -= 1
    while end + 1 < len(links) and not (links[end + 1].src and links[end + 1].tgt):
        end += 1
    run = links[start:end + 1]
    return len(run) >= REWRITTEN_RUN and any(link.src for link in run) and any(link.tgt for link in run)


SPLIT = " (it reads as part of the sentence next to it: the English splits or joins sentences there)"


def joins_neighbour(context: FieldContext, index: int) -> bool:
    """True if the unpaired sentence at `index`, joined to a paired neighbour, makes that pair match better (trigram
    Dice of Apertium's rendering against the English): the translator split a long Spanish sentence in three, or
    joined three into one, which the aligner's 1-2 and 2-1 beads cannot pair. Also true if JOINED_CONTAINMENT of the
    unpaired sentence's trigrams that the neighbour's own side lacks are in the neighbour's other side (an unrelated
    sentence has a few hundredths there), JOINED_LEAD times as many as in any other sentence of that side: the
    translator joined it to that neighbour freely, so that Dice, which the rest of the pair sets, drops ("Las lluvias
    han dejado 12 muertos. Otras 20 personas siguen desaparecidas." = "The rain has killed 12 people, and 20 more are
    missing."). A dropped headline the body repeats is found in many sentences, not in one. Computed once per link
    and context: the omission, addition and partial detectors all ask."""
    return context.shared(f"joins_neighbour {index}", lambda: _joins_neighbour(context, index))


def _joins_neighbour(context: FieldContext, index: int) -> bool:
    link = context.links[index]
    for neighbour in (context.links[i] for i in (index - 1, index + 1) if 0 <= i < len(context.links)):
        if not (neighbour.src and neighbour.tgt):
            continue
        pseudo = " ".join(context.pseudo_reference[i] for i in neighbour.src)
        english = " ".join(context.target_segments[i].text for i in neighbour.tgt)
        own_pseudo = " ".join(context.pseudo_reference[i] for i in link.src)
        own_english = " ".join(context.target_segments[i].text for i in link.tgt)
        if set_dice(gram_set(f"{pseudo} {own_pseudo}"), gram_set(f"{english} {own_english}")) \
                > set_dice(gram_set(pseudo), gram_set(english)):
            return True
        if _joined_by_length(context, link, neighbour):
            return True
        own, side, other = ((own_pseudo, pseudo, english) if link.src else (own_english, english, pseudo))
        novel = gram_set(own) - gram_set(side)
        found = len(novel & gram_set(other))
        if novel and found >= JOINED_CONTAINMENT * len(novel) \
                and found >= JOINED_LEAD * _elsewhere(context, novel, neighbour, bool(link.src)):
            return True
    return False


def _joined_by_length(context: FieldContext, link: Link, neighbour: Link) -> bool:
    """True if the neighbour's English is as long as its Spanish would be with the unpaired sentence joined to it,
    nearer than without (characters, at the English/Spanish ratio of the field's other pairs), and the pair so
    joined gives a counterpart to JOINED_CARRIED of the unpaired sentence's content (leaving out words the
    neighbour's own side also has, such as a name both repeat): a sentence joined or split freely, whose words the
    Spanish idiom changed ("Lideró la carrera de principio a fin." in "... and led from start to finish"). A dropped
    or added sentence leaves its neighbour's lengths matched; nor is a sentence joined across a paragraph break."""
    if not context.bilingual or not context.source_tokens or not context.target_tokens \
            or _paragraph_between(context, link, neighbour):
        return False
    paired = [linked for linked in context.links if linked.src and linked.tgt and linked != neighbour]
    spanish_chars = sum(len(context.source_segments[i].text) for linked in paired for i in linked.src)
    english_chars = sum(len(context.target_segments[j].text) for linked in paired for j in linked.tgt)
    ratio = english_chars / spanish_chars if spanish_chars >= RATIO_FROM_CHARS else ENGLISH_PER_SPANISH_CHAR
    spanish = sum(len(context.source_segments[i].text) for i in neighbour.src) * ratio
    english = sum(len(context.target_segments[j].text) for j in neighbour.tgt)
    own = len(context.source_segments[link.src[0]].text) * ratio if link.src \
        else len(context.target_segments[link.tgt[0]].text)
    alone, joined = ((english / spanish, english / (spanish + own)) if link.src
                     else (english / spanish, (english + own) / spanish))
    if abs(math.log(joined)) >= abs(math.log(alone)):
        return False
    pair = context.pair_of(tuple(sorted(neighbour.src + link.src)), tuple(sorted(neighbour.tgt + link.tgt)))
    found = coverage(pair, context.bilingual, context.reverse)
    if link.src:
        segment, offset, gone, light = context.source_segments[link.src[0]], pair.source_start, found.missing, ES_LIGHT
        tokens, beside = context.source_tokens[link.src[0]], [context.source_tokens[i] for i in neighbour.src]
    else:
        segment, offset, gone, light = context.target_segments[link.tgt[0]], pair.target_start, found.added, EN_LIGHT
        tokens, beside = context.target_tokens[link.tgt[0]], [context.target_tokens[j] for j in neighbour.tgt]
    shared = {word.lemma for line in beside for word in content_words(line, light)}  # carried by the neighbour's own
    start = segment.start - offset
    lost = {word.start for word in gone if start <= word.start < start + len(segment.text)}
    words = [word for word in content_words(tokens, light) if word.lemma not in shared]
    total = sum(word.weight for word in words)
    carried = sum(word.weight for word in words if word.start + start not in lost)
    return total > 0 and carried >= max(1.0, JOINED_CARRIED * total)


def _paragraph_between(context: FieldContext, link: Link, neighbour: Link) -> bool:
    """True if a paragraph break separates the unpaired sentence from the neighbour on its own side."""
    segments, text, own = ((context.source_segments, context.source, link.src) if link.src
                           else (context.target_segments, context.target, link.tgt))
    near = neighbour.src if link.src else neighbour.tgt
    first, second = sorted((segments[own[0]], segments[near[0] if near[0] > own[0] else near[-1]]),
                           key=lambda segment: segment.start)
    return "\n" in text[first.end:second.start]


def _elsewhere(context: FieldContext, grams: frozenset[str], neighbour: Link, source_side: bool) -> int:
    """The most of `grams` found in one sentence of the other side outside the neighbour (the English for a source
    sentence, Apertium's rendering for an English one): what the field's topic alone shares with them."""
    if source_side:
        others = [segment.text for j, segment in enumerate(context.target_segments) if j not in neighbour.tgt]
    else:
        others = [text for i, text in enumerate(context.pseudo_reference) if i not in neighbour.src]
    return max((len(grams & gram_set(text)) for text in others), default=0)


LIGHT = " (an exclamation that carries little content)"


def light(context: FieldContext, sentence: int) -> bool:
    """True if the source sentence is an exclamation (¡...! or ...!) with under LIGHT_WEIGHT of content words (needs
    morphology)."""
    text = context.source_segments[sentence].text.strip()
    if not context.source_tokens or not (text.startswith("¡") or text.endswith("!")):
        return False
    return sum(word.weight for word in content_words(context.source_tokens[sentence], ES_LIGHT)) < LIGHT_WEIGHT


@register
class Omission(Detector):
    """A source sentence with no English counterpart."""

    code = "omission"
    category = "accuracy"
    severity = Severity.MAJOR
    version = 5  # 5: a sentence joined freely to a neighbour is found in its English (joins_neighbour)

    def detect(self, context: FieldContext) -> list[Flag]:
        flags = []
        for index, link in enumerate(context.links):
            if link.src and not link.tgt:
                segment = context.source_segments[link.src[0]]
                message = f'Source sentence {segment.index + 1} has no counterpart in the English: "{excerpt(segment)}"'
                if rewritten(context.links, index):
                    flags.append(self.flag(context, (segment.start, segment.end), None, message + REWRITTEN,
                                           Severity.MINOR))
                elif joins_neighbour(context, index):
                    flags.append(self.flag(context, (segment.start, segment.end), None, message + SPLIT,
                                           Severity.MINOR))
                elif light(context, link.src[0]):
                    flags.append(self.flag(context, (segment.start, segment.end), None, message + LIGHT,
                                           Severity.MINOR))
                else:
                    flags.append(self.flag(context, (segment.start, segment.end), None, message))
        return flags


def unsourced(context: FieldContext, index: int) -> bool:
    """True if the added English sentence of link `index` has UNSOURCED_WEIGHT of content and under UNSOURCED_SHARE
    of it has a counterpart anywhere in the Spanish field (needs morphology and the bilingual dictionaries)."""
    if not context.bilingual or not context.target_tokens:
        return False
    sentence = context.links[index].tgt[0]
    segment = context.target_segments[sentence]
    whole = SentencePair(context.source, segment.text, 0, segment.start, " ".join(context.pseudo_reference),
                         context.shared("field source tokens", lambda: _field_tokens(context)),
                         context.target_tokens[sentence])
    found = coverage(whole, context.bilingual, context.reverse)
    return found.target_weight >= UNSOURCED_WEIGHT and found.target_share < UNSOURCED_SHARE


def _field_tokens(context: FieldContext) -> tuple[Token, ...]:
    """Every source token of the field, its offsets made relative to the field."""
    return tuple(replace(token, start=token.start + segment.start, end=token.end + segment.start)
                 for segment, tokens in zip(context.source_segments, context.source_tokens) for token in tokens)


UNSOURCED = " (nothing in the Spanish carries its content)"


@register
class Addition(Detector):
    """An English sentence with no source counterpart."""

    code = "addition"
    category = "accuracy"
    severity = Severity.MINOR
    version = 6  # 6: a sentence split off freely from a neighbour is found in its Apertium rendering

    def detect(self, context: FieldContext) -> list[Flag]:
        flags = []
        for index, link in enumerate(context.links):
            if link.tgt and not link.src:
                segment = context.target_segments[link.tgt[0]]
                serious = len(segment.text.split()) >= SERIOUS_ADDITION_WORDS \
                    and link.score >= SERIOUS_ADDITION_CONFIDENCE
                message = f'English sentence {segment.index + 1} has no counterpart in the source: "{excerpt(segment)}"'
                if unsourced(context, index):
                    serious, message = True, message + UNSOURCED
                elif rewritten(context.links, index):
                    serious, message = False, message + REWRITTEN
                elif serious and joins_neighbour(context, index):
                    serious, message = False, message + SPLIT
                flags.append(self.flag(context, None, (segment.start, segment.end), message,
                                       Severity.MAJOR if serious else Severity.MINOR))
        return flags
