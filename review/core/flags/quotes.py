"""Quotation detectors: `quote_dropped` (direct speech) and `scare_quotes_dropped` (distancing quotes).

A source quote is a top-level span in «», “”, ‘’, "", '' or `' (typewriter style), on either side also over
several paragraphs as news prints them (each paragraph of the quote opens with the mark, the last closes it;
the last may lack its opening mark). It is *direct speech* if it has 4+ words,
is followed by ':' (the headline pattern «...»: ...) or sits next to a speech verb (rules/speech.toml);
otherwise (1-3 words) it is a *scare quote*. Each source quote is matched
one-to-one with a quoted span of the English field, greedily by score: the trigram Dice between the
quote as Apertium rendered it (Apertium keeps quote marks) and the English quoted text, plus a bonus
when the English quote lies in a sentence aligned to the quote's sentence; a quote that is the only
one in its sentence and in the aligned English is matched whatever the wording ('Porque yo lo valgo' =
'Because I'm worth it'). Any quote marks count,
so «...» rendered as "..." is kept. Unmatched quotes are flagged, except in a sentence with no English
at all (the omission flag covers it). A dropped direct quote is major when the English sentence keeps
neither a speech verb nor a quote mark (the words lost who said them); it is minor rendered as reported
speech ("..., he said"), or when the quote is the whole sentence and its words are all there (half of
the trigrams of Apertium's rendering): only the marks went, no narration is mixed into the words; and
minor when a quote with no speech verb beside it is in the English as a title, capitalised words without
marks (a film, a book, a restaurant: "El reino de la calavera de cristal" = The Kingdom Of The Crystal Skull).

Both codes use MQM category "accuracy": dropping quotes changes who asserts the words (attribution
for direct speech, the outlet's distance from a loaded term for scare quotes), i.e. meaning, not style.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from review.core.alignment.similarity import containment, dice
from review.core.flags import Detector, FieldContext, register
from review.core.flags.rulebook import RuleBook, active
from review.core.model import Flag, Severity

QUOTE_PATTERNS = (  # (opening mark, pattern): a pattern runs only on text holding its mark
    ("«", re.compile(r"«([^«»]+)»")),
    ("“", re.compile(r"“([^“”]+)”")),
    ("‘", re.compile(r"‘([^‘’]+)’")),
    ('"', re.compile(r"\"([^\"\n]+)\"")),
    ("'", re.compile(r"(?<!\w)'((?:[^'\n]|(?<=\w)'(?=\w))+?)'(?!\w)")),  # apostrophes inside: 'Because I'm worth it'
    ("`", re.compile(r"`((?:[^`'\n]|(?<=\w)'(?=\w))+?)'(?!\w)")),  # typewriter style: `It's hard,' he said
)
PARAGRAPH = re.compile(r"[^\n]+")
OPENING = re.compile(r"(?<!\w)['\"“‘«](?=\S)")  # a quote mark that may open a quote: before a word
CLOSING = {"'": re.compile(r"(?<=\S)'(?!\w)"), '"': re.compile(r'(?<=\S)"'), "“": re.compile("”"), "‘": re.compile("’"),
           "«": re.compile("»")}  # the mark that closes a quote opened by each
PARAGRAPH_OPENING = re.compile(r"\n+\s*['\"“‘«]")  # the mark that reopens a quote at a paragraph's start
FAMILY = "speech"  # rules/speech.toml: the speech verbs
COLON_AFTER = re.compile(r"^\s*:")
DIRECT_MIN_WORDS = 4
LINK_BONUS = 0.5
MATCH_THRESHOLD = 0.35
WHOLE_SENTENCE = 0.8  # share of its sentence a quote fills to count as the whole sentence
WORDS_KEPT = 0.5  # share of the trigrams of Apertium's rendering of a quote found in the English
TITLE_WORDS_KEPT = 0.5  # share of the words of a capitalised English run found in Apertium's rendering of a quote
TITLE_RUN = re.compile(  # 3+ capitalised words, small words between them allowed
    r"\b[A-Z][\w'’-]*(?:\s+(?:(?:a|an|the|of|in|on|and|or|for|to|be|is|with|at|by|from|my|your|de)\s+)*"
    r"[A-Z][\w'’-]*){2,}")


@dataclass(frozen=True)
class SpeechVerbs:
    """rules/speech.toml's speech verbs compiled: a Spanish one before or after a quote, an English one anywhere."""

    before: re.Pattern[str]
    after: re.Pattern[str]
    english: re.Pattern[str]


def _compile(book: RuleBook) -> SpeechVerbs:
    spanish = f"(?:{book.alternation(FAMILY, 'es_speech_verbs')})"
    return SpeechVerbs(re.compile(rf"\b{spanish}\s*[:,]?\s*$", re.IGNORECASE),
                       re.compile(rf"^\s*[,.]?\s*[—–-]?\s*{spanish}\b", re.IGNORECASE),
                       re.compile(rf"\b(?:{book.alternation(FAMILY, 'en_speech_verbs')})\b", re.IGNORECASE))


def speech_verbs() -> SpeechVerbs:
    return active().compiled("quotes", _compile)


@dataclass(frozen=True)
class Quote:
    """A quoted span: [start, end) includes the marks; inner is the text between them."""

    start: int
    end: int
    inner: str


def find_quotes(text: str, top_level: bool = True) -> list[Quote]:
    """Quoted spans in text order; with top_level, spans nested in another span are dropped."""
    single = {Quote(m.start(), m.end(), m.group(1).strip())
              for mark, pattern in QUOTE_PATTERNS if mark in text for m in pattern.finditer(text)}
    quotes = sorted(single | set(_continued(text, single)), key=lambda q: (q.start, -q.end))
    if not top_level:
        return quotes
    outer: list[Quote] = []
    for quote in quotes:
        if not outer or quote.start >= outer[-1].end:
            outer.append(quote)
    return outer


def _continued(text: str, single: set[Quote]) -> list[Quote]:
    """Quotes over several paragraphs as news prints them: each paragraph of the quote opens with the mark and only
    the last one closes it ('I am simply saying: listen.\n\n'Chequers is unpopular.\n\n'Drop it.')."""
    paragraphs = list(PARAGRAPH.finditer(text))
    closed = {quote.start: quote for quote in single}
    found: list[Quote] = []
    for i, paragraph in enumerate(paragraphs[:-1]):
        if found and found[-1].end > paragraph.start():
            continue  # inside a quote already found
        opener = next((m for m in OPENING.finditer(text, paragraph.start(), paragraph.end())
                       if not any(q.start <= m.start() < q.end for q in single)), None)
        for following in paragraphs[i + 1:] if opener else ():
            start = following.end() - len(following.group().lstrip())
            end = closed[start].end if start in closed else None  # the paragraph that closes the quote
            if not text.startswith(opener.group(), start):  # or one that only closes it (the mark left out)
                end = next((m.end() for m in CLOSING[opener.group()].finditer(text, start, following.end())
                            if not any(q.start <= m.start() < q.end for q in single)), None)
                if end is None:
                    break
            if end is not None:
                inner = PARAGRAPH_OPENING.sub("\n\n", text[opener.end():end - 1])
                found.append(Quote(opener.start(), end, inner.strip()))
                break
    return found


def is_direct_speech(text: str, quote: Quote) -> bool:
    """True if the quote reads as reported speech rather than a distanced term."""
    return len(quote.inner.split()) >= DIRECT_MIN_WORDS or _spoken(text, quote)


def unmatched_quotes(context: FieldContext) -> list[Quote]:
    """Source quotes with no quoted counterpart in the target field, in source order (computed once per field)."""
    return context.shared("unmatched_quotes", lambda: _unmatched_quotes(context))


def _unmatched_quotes(context: FieldContext) -> list[Quote]:
    sources = find_quotes(context.source)
    targets = find_quotes(context.target, top_level=False)
    candidates: list[tuple[float, int, int]] = []
    for s, quote in enumerate(sources):
        segment = next((seg for seg in context.source_segments if seg.start <= quote.start < seg.end), None)
        rendered = _rendered_inner(context, quote, segment.index) if segment else quote.inner
        linked = context.linked_targets(segment.index) if segment else ()
        for t, target in enumerate(targets):
            bonus = LINK_BONUS if any(seg.start <= target.start < seg.end for seg in linked) else 0.0
            candidates.append((dice(rendered, target.inner) + bonus, s, t))
    matched_sources: set[int] = set()
    matched_targets: set[int] = set()
    for score, s, t in sorted(candidates, reverse=True):
        if score >= MATCH_THRESHOLD and s not in matched_sources and t not in matched_targets:
            matched_sources.add(s)
            matched_targets.add(t)
    for s, quote in enumerate(sources):  # the only quote of its sentence and of the aligned English: a free rendering
        if s in matched_sources:
            continue
        segment = next((seg for seg in context.source_segments if seg.start <= quote.start < seg.end), None)
        linked = context.linked_targets(segment.index) if segment else ()
        in_source = [q for q in sources if segment and segment.start <= q.start < segment.end]
        in_target = [t for t, q in enumerate(targets) if any(seg.start <= q.start < seg.end for seg in linked)]
        if len(in_source) == 1 and len(in_target) == 1 and in_target[0] not in matched_targets:
            matched_sources.add(s)
            matched_targets.add(in_target[0])
    return [quote for s, quote in enumerate(sources) if s not in matched_sources]


def severity_for(context: FieldContext, quote: Quote) -> Severity:
    """Major if the English drops the quoted words with their attribution; minor if it keeps a speech verb
    (the quote became reported speech: who said it is kept), a quote mark we could not pair (a quote
    split over several English sentences), or the words of a quote that is its whole sentence (only the
    marks went: no narration is mixed into the speaker's words)."""
    span = target_span_for(context, quote)
    english = context.target[span[0]:span[1]] if span else ""
    if speech_verbs().english.search(english) or re.search(r"[\"“”«»]", english):
        return Severity.MINOR
    segment = next(seg for seg in context.source_segments if seg.start <= quote.start < seg.end)
    rendered = _rendered_inner(context, quote, segment.index)
    whole_sentence = len(quote.inner) >= WHOLE_SENTENCE * len(segment.text)
    if whole_sentence and containment(rendered, english) >= WORDS_KEPT:
        return Severity.MINOR
    if not _spoken(context.source, quote) and _as_title(rendered, english):
        return Severity.MINOR
    return Severity.MAJOR


def _spoken(text: str, quote: Quote) -> bool:
    """A speech verb or a colon beside the quote."""
    after, verbs = text[quote.end:], speech_verbs()
    return bool(COLON_AFTER.match(after) or verbs.after.match(after) or verbs.before.search(text[:quote.start]))


def _as_title(rendered: str, english: str) -> bool:
    """The English gives the quote as a title, in capitals without marks (a film, a book, a restaurant: "El reino
    de la calavera de cristal" = The Kingdom Of The Crystal Skull): a run of 3+ capitalised words (a, of, the...
    between them allowed) half of whose words are in Apertium's rendering of the quote."""
    rendered_words = set(re.findall(r"\w+", rendered.lower()))
    for run in TITLE_RUN.finditer(english):
        words = re.findall(r"\w+", run.group().lower())
        if sum(word in rendered_words for word in words) >= TITLE_WORDS_KEPT * len(words):
            return True
    return False


def target_span_for(context: FieldContext, quote: Quote) -> tuple[int, int] | None:
    """Span of the target sentences aligned to the quote's sentence, or None if it has none."""
    segment = next((seg for seg in context.source_segments if seg.start <= quote.start < seg.end), None)
    linked = context.linked_targets(segment.index) if segment else ()
    return (linked[0].start, linked[-1].end) if linked else None


def _rendered_inner(context: FieldContext, quote: Quote, segment_index: int) -> str:
    """The quote's text as Apertium rendered it: the quote at the same position in the pseudo-reference."""
    segment = context.source_segments[segment_index]
    in_segment = [q for q in find_quotes(context.source) if segment.start <= q.start < segment.end]
    rendered = find_quotes(context.pseudo_reference[segment_index])
    if len(rendered) == len(in_segment):
        return rendered[in_segment.index(quote)].inner
    return quote.inner


@register
class QuoteDropped(Detector):
    """Direct speech quoted in the Spanish but not quoted in the English."""

    code = "quote_dropped"
    category = "accuracy"
    severity = Severity.MAJOR
    version = 9  # 9: a title may hold "to be", "or", "my" (Who Wants to be a Millionaire?); 8: quotes over several
    # paragraphs

    def detect(self, context: FieldContext) -> list[Flag]:
        return [
            self.flag(context, (q.start, q.end), target_span_for(context, q),
                      f"Source quote {context.source[q.start:q.end]} has no quoted counterpart in the English",
                      severity_for(context, q))
            for q in unmatched_quotes(context)
            if is_direct_speech(context.source, q) and target_span_for(context, q)  # else: an omission
        ]


@register
class ScareQuotesDropped(Detector):
    """A short term the Spanish keeps at a distance with quotes, stated plainly in the English."""

    code = "scare_quotes_dropped"
    category = "accuracy"
    severity = Severity.MINOR
    version = 5  # 5: quotes over several paragraphs

    def detect(self, context: FieldContext) -> list[Flag]:
        return [
            self.flag(context, (q.start, q.end), target_span_for(context, q),
                      f"Scare quotes around {context.source[q.start:q.end]} were dropped: "
                      "the English states the term as its own")
            for q in unmatched_quotes(context)
            if not is_direct_speech(context.source, q) and target_span_for(context, q)  # else: an omission
        ]
