"""The analysis pipeline: segment, pseudo-translate (one MT call per batch), align, score and flag.

analyse() is a pure function of the pairs, the translator's output and PIPELINE_VERSION; bump
the version whenever any step changes its results, so stored analyses can be recomputed.
"""
from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import replace

from review.core.alignment.aligning import align
from review.core.flags import FieldContext, detect_all, prepare_all
from review.core.flags.prefixes import dictionary_entries
from review.core.forked import ordered_map
from review.core.model import FIELDS, DocumentAnalysis, DocumentPair, FieldAnalysis, Flag, Link, Score, Segment
from review.core.scoring.metrics import (
    SegmentStatistics,
    corpus_scores_from,
    reference_scores_from,
    reference_statistics,
    remember_reference_statistics,
    segment_statistics,
    sentence_scores_from,
)
from review.core.scoring.references import reference_segments
from review.core.text.bilingual import BilingualDictionary
from review.core.text.morphology import Analyser, MorphologyError, Token
from review.core.text.segmenting import split_sentences
from review.core.text.translate import AnalysingTranslator, DocumentTranslator, TranslationError, Translator
from review.core.text.word_analyses import WordAnalyses

PIPELINE_VERSION = "0.12"  # 0.12: English words looked up in the eng-spa dictionary for coverage (one lt-proc
# call per batch); partial omission/addition major when the English falls short of or goes beyond Apertium's
# rendering; hallucination chrF bound 18 for a field of one sentence each side; unsourced added sentences major,
# omitted light exclamations minor; no surname after a word in capitals, glued names found; "commented" is speech
# 0.11: fewer false alarms on unseen news (optional negations, derivational and
# antonym negation both ways, number words of dates and hours, entities through the dictionary)
# 0.10: adequacy (hallucination, partial omission/addition), units, lexical negation,
# abbreviations that end no sentence (EE. UU., Sra.)
# 0.9: verbs opening a sentence are no names; more idioms without negation
# 0.6: detector severities revised (fewer false majors on professional news)
# 0.5: TER only against human references, no longer against the pseudo-reference
# 0.4: field and document scores are corpus scores over the aligned beads
# 0.3: shift detectors and morphology; 0.2: banded aligner, new segmentation rules

Segmented = list[tuple[str, list[Segment], list[Segment]]]
Bilingual = dict[str, tuple[str, ...]]  # a Spanish token's key (bilingual.token_key) -> its English candidates
Dictionaries = tuple[Bilingual, Bilingual]  # spa-eng, and eng-spa (an English token's key -> its Spanish candidates)
DICTIONARY = BilingualDictionary()  # answers kept for the life of the process
REVERSE = BilingualDictionary(pair="eng-spa")  # the English words' Spanish candidates, kept the same way
WORDS = WordAnalyses()  # the analyses of the bases of prefixed words (prefixes.py), kept the same way


def analyse(pairs: Sequence[DocumentPair], translator: Translator,
            analyser: Analyser | None = None,
            progress: Callable[[int, int], None] | None = None,
            workers: int = 1) -> list[DocumentAnalysis]:
    """Analyse every pair, in input order, with a single translator call for all source sentences.

    Morphology comes from `analyser`, or from the translator if it is also an Analyser: one call per
    language for the whole batch, run while the translator runs (an AnalysingTranslator gives the
    source side's with its translation). Without one, detectors that need morphology stay silent.
    `progress`, if given, is called as progress(done, total): with 0 before translating, then after
    each document. With `workers` > 1 the documents are aligned, scored and flagged by this process
    and `workers - 1` forked ones (where fork exists); the results are the same as with one.
    """
    segmented: list[Segmented] = [
        [(name, split_sentences(pair.source.field(name), pair.source_lang),
          split_sentences(pair.target.field(name), pair.target_lang)) for name in FIELDS]
        for pair in pairs
    ]
    if progress is not None:
        progress(0, len(pairs))
    lines = [segment.text for document in segmented for _, source, _ in document for segment in source]
    analyser = analyser or (translator if isinstance(translator, Analyser) else None)
    with _collector_held() as settle, ThreadPoolExecutor(1) as preparing:
        prepared = preparing.submit(prepare_all)  # while Apertium works
        translated, morphology, dictionaries = _translate(segmented, lines, translator, analyser)
        prepared.result()
        if len(translated) != len(lines):
            raise TranslationError(f"translator returned {len(translated)} lines for {len(lines)}")
        targets = sum(len(target) for document in segmented for _, _, target in document)
        if morphology and (len(morphology[0]), len(morphology[1])) != (len(lines), targets):
            raise MorphologyError(f"analyser returned {len(morphology[0])} and {len(morphology[1])} lines "
                                  f"for {len(lines)} and {targets}")
        if dictionaries is None:
            dictionaries = _looked_up(morphology, preparing)
        inputs = _document_inputs(pairs, segmented, translated, morphology, dictionaries)
        settle()
        analyses: list[DocumentAnalysis] = []
        for analysis in _map(inputs, workers):
            analyses.append(analysis)
            if progress is not None:
                progress(len(analyses), len(pairs))
    return analyses


def _looked_up(morphology: list[list[tuple[Token, ...]]], pool: ThreadPoolExecutor) -> Dictionaries:
    """The batch's Spanish words in the spa-eng dictionary and its English words in the eng-spa one: one `lt-proc -b`
    call each for the whole batch (the English one in `pool` meanwhile); none without morphology."""
    if not morphology:
        return {}, {}
    english = pool.submit(REVERSE.lookup, _distinct(t for line in morphology[1] for t in line))
    return dictionary_entries(_distinct(t for line in morphology[0] for t in line), DICTIONARY, WORDS), english.result()


@contextmanager
def _collector_held() -> Iterator[Callable[[], None]]:
    """The cyclic garbage collector off while the translation and the morphology are built (about 50 token tuples
    a sentence, none in a cycle: collections meanwhile doubled the parser's time); `settle()` then freezes all
    that is alive (gc.freeze) and lets the collector run again, so that no collection walks the tokens again (a
    full one came straight after, 0.13 s on 100 articles) nor, in forked workers, copies them. Unfrozen on the
    way out."""
    enabled = gc.isenabled()
    gc.disable()

    def settle() -> None:
        gc.freeze()
        if enabled:
            gc.enable()

    try:
        yield settle
    finally:
        gc.unfreeze()
        if enabled:
            gc.enable()


def _translate(segmented: list[Segmented], lines: list[str], translator: Translator, analyser: Analyser | None
               ) -> tuple[list[str], list[list[tuple[Token, ...]]], Dictionaries | None]:
    """The pseudo-references of the source `lines` and, with an analyser, the source and target tokens per segment
    in document order: one call of a DocumentTranslator (warm Apertium: each document apart, its tokens too), else
    one call per language for the whole batch. The English call runs in a thread while the
    translator runs (each waits on its own Apertium processes); the Spanish tokens come with the translation when
    the analyser is the translator and an AnalysingTranslator, else from a second thread. A DocumentTranslator's
    tokens are looked up in the bilingual dictionaries as each chain set's come, while the others are still being
    translated, which gives the dictionaries too (else None: _looked_up asks afterwards)."""
    if isinstance(translator, DocumentTranslator) and analyser is translator:
        sources = [[segment.text for _, source, _ in document for segment in source] for document in segmented]
        targets_of = [[segment.text for _, _, target in document for segment in target] for document in segmented]
        spanish: list[Bilingual] = []
        english: list[Bilingual] = []
        translated_documents, spanish_documents, english_documents = translator.translate_documents(
            sources, targets_of,
            source_done=lambda documents: spanish.append(dictionary_entries(_tokens_of(documents), DICTIONARY, WORDS)),
            target_done=lambda documents: english.append(REVERSE.lookup(_tokens_of(documents))))
        return ([line for document in translated_documents for line in document],
                [[tokens for document in spanish_documents for tokens in document],
                 [tokens for document in english_documents for tokens in document]],
                ({key: found for part in spanish for key, found in part.items()},
                 {key: found for part in english for key, found in part.items()}))
    if analyser is None:
        return translator.translate(lines), [], None
    targets = [t.text for document in segmented for _, _, target in document for t in target]
    with ThreadPoolExecutor(max_workers=2) as pool:
        english = pool.submit(analyser.morphology, targets, "en")
        if analyser is translator and isinstance(translator, AnalysingTranslator):
            translated, spanish = translator.translate_analysed(lines)
        else:
            pending = pool.submit(analyser.morphology, lines, "es")
            translated, spanish = translator.translate(lines), pending.result()
        return translated, [spanish, english.result()], None


def _tokens_of(documents: list[list[tuple[Token, ...]]]) -> Iterable[Token]:
    return _distinct(token for document in documents for line in document for token in line)


def _distinct(tokens: Iterable[Token]) -> Iterable[Token]:
    """One token of each (lemma, tags): all a dictionary lookup reads of a token (its key, its part of speech, its
    negative bases), so the lookup gives the same answers for a batch's ~50,000 tokens of each language."""
    return {(token.lemma, token.tags): token for token in tokens}.values()


Tokens = tuple[tuple[Token, ...], ...]  # tokens per segment of one side of a field
FieldInput = tuple[str, list[Segment], list[Segment], tuple[str, ...], tuple[Tokens, Tokens]]
DocumentInput = tuple[DocumentPair, list[FieldInput], Dictionaries]


def _document_inputs(pairs: Sequence[DocumentPair], segmented: list[Segmented], translated: list[str],
                     morphology: list[list[tuple[Token, ...]]], dictionaries: Dictionaries) -> list[DocumentInput]:
    """Each document with, per field, its segments, their pseudo-references and their tokens."""
    inputs: list[DocumentInput] = []
    at_source = at_target = 0  # where each field's lines start in the batch-wide lists
    for pair, document in zip(pairs, segmented):
        fields: list[FieldInput] = []
        for name, source, target in document:
            to_source, to_target = at_source + len(source), at_target + len(target)
            tokens = ((tuple(morphology[0][at_source:to_source]), tuple(morphology[1][at_target:to_target]))
                      if morphology else ((), ()))
            fields.append((name, source, target, tuple(translated[at_source:to_source]), tokens))
            at_source, at_target = to_source, to_target
        inputs.append((pair, fields, dictionaries))
    return inputs


# What a forked worker sends back: per field its links and scores, then document scores, reference scores, flags
# and the reference segments' statistics (which the parent caches for the batch's corpus scores and bootstrap).
# The parent already holds the pair, the segments and the pseudo-references, so they are not sent again.
Found = tuple[tuple[tuple[tuple[Link, ...], tuple[Score, ...]], ...], tuple[Score, ...], tuple[Score, ...],
              tuple[Flag, ...], list[SegmentStatistics]]


def _found(document: DocumentInput) -> Found:
    pair, fields, dictionaries = document
    analysis = _analyse_document(pair, fields, dictionaries)
    return (tuple((field.links, field.scores) for field in analysis.fields), analysis.scores,
            analysis.reference_scores, analysis.flags, _reference_statistics(pair))


def _rebuild(document: DocumentInput, found: Found) -> DocumentAnalysis:
    pair, inputs, _ = document
    per_field, scores, reference_scores, flags, statistics = found
    if statistics:
        remember_reference_statistics(*_reference_segments(pair), statistics)
    fields = tuple(FieldAnalysis(name, tuple(source), tuple(target), pseudo_reference, links, field_scores)
                   for (name, source, target, pseudo_reference, _), (links, field_scores) in zip(inputs, per_field))
    return DocumentAnalysis(pair, fields, scores, reference_scores, flags, PIPELINE_VERSION)


def _map(inputs: list[DocumentInput], workers: int) -> Iterator[DocumentAnalysis]:
    """_analyse_document over the inputs, in order: in this process, helped by `workers - 1` forked ones
    (review.core.forked) where fork exists."""
    workers = min(workers, len(inputs))
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield from (_analyse_document(*document) for document in inputs)
        return
    yield from ordered_map(len(inputs), workers, lambda index: _analyse_document(*inputs[index]),
                           lambda index: _found(inputs[index]), lambda index, found: _rebuild(inputs[index], found))


def _analyse_document(pair: DocumentPair, document: list[FieldInput], dictionaries: Dictionaries) -> DocumentAnalysis:
    fields: list[FieldAnalysis] = []
    flags: list[Flag] = []
    statistics: list[SegmentStatistics] = []
    for name, source, target, pseudo_reference, tokens in document:
        field, field_flags, field_statistics = _analyse_field(pair, name, source, target, pseudo_reference, tokens,
                                                              dictionaries)
        fields.append(field)
        flags.extend(field_flags)
        statistics.extend(field_statistics)
    scores = corpus_scores_from(statistics) if statistics else ()
    reference = _reference_statistics(pair)
    reference_scores = reference_scores_from(reference) if reference else ()
    return DocumentAnalysis(pair, tuple(fields), scores, reference_scores, tuple(flags), PIPELINE_VERSION)


def _reference_segments(pair: DocumentPair) -> tuple[list[str], list[str]]:
    """The document's (hypothesis, reference) segments as the batch summary pairs them; none without a reference."""
    if pair.reference is None:
        return [], []
    return reference_segments([pair])


def _reference_statistics(pair: DocumentPair) -> list[SegmentStatistics]:
    """chrF, BLEU and TER statistics of each reference segment, computed once per process (metrics caches them)."""
    hypotheses, references = _reference_segments(pair)
    return reference_statistics(hypotheses, references) if hypotheses else []


def _analyse_field(pair: DocumentPair, name: str, source: list[Segment], target: list[Segment],
                   pseudo_reference: tuple[str, ...], tokens: tuple[Tokens, Tokens], dictionaries: Dictionaries
                   ) -> tuple[FieldAnalysis, list[Flag], list[SegmentStatistics]]:
    """Align, score and flag one field. Metric statistics (chrF, BLEU) are computed once per link (target bead
    against the pseudo-reference of its source bead, omissions and additions with an empty side) and summed
    for the field's and the document's corpus scores."""
    links = align([s.text for s in source], [t.text for t in target], pseudo_reference)
    statistics = segment_statistics(*zip(*_beads(links, target, pseudo_reference))) if links else []
    links = tuple(replace(link, scores=sentence_scores_from(stats)) if link.src and link.tgt else link
                  for link, stats in zip(links, statistics))
    field = FieldAnalysis(name, tuple(source), tuple(target), pseudo_reference, links,
                          corpus_scores_from(statistics) if statistics else ())
    other = "body" if name == "headline" else "headline"
    context = FieldContext(name, pair.source.field(name), pair.target.field(name),
                            tuple(source), tuple(target), pseudo_reference, links, *tokens,
                            other_field=(pair.source.field(other), pair.target.field(other)),
                            bilingual=dictionaries[0], reverse=dictionaries[1])
    flags = sorted(detect_all(context), key=lambda flag: (flag.source_span or flag.target_span or (0, 0), flag.code))
    return field, flags, statistics


def _beads(links: Sequence[Link], target: Sequence[Segment], pseudo_reference: Sequence[str]) -> list[tuple[str, str]]:
    """(target text, pseudo-reference text) of each link."""
    return [(" ".join(target[j].text for j in link.tgt), " ".join(pseudo_reference[i] for i in link.src))
            for link in links]
