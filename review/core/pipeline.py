"""The analysis pipeline: segment, pseudo-translate (one MT call per batch), align, score and flag.

analyse() is a pure function of the pairs, the translator's output and PIPELINE_VERSION; bump
the version whenever any step changes its results, so stored analyses can be recomputed.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace

from review.core.aligning import align
from review.core.flags import FieldContext, detect_all
from review.core.metrics import SegmentStatistics, corpus_scores, corpus_scores_from, segment_statistics, \
    sentence_scores_from
from review.core.model import FIELDS, DocumentAnalysis, DocumentPair, FieldAnalysis, Flag, Link, Score, Segment
from review.core.morphology import Analyser, Token
from review.core.segmenting import split_sentences
from review.core.significance import reference_segments
from review.core.translate import TranslationError, Translator

PIPELINE_VERSION = "0.4"  # 0.4: field and document scores are corpus scores over the aligned beads
# 0.3: shift detectors and morphology; 0.2: banded aligner, new segmentation rules

Segmented = list[tuple[str, list[Segment], list[Segment]]]


def analyse(pairs: Sequence[DocumentPair], translator: Translator,
            analyser: Analyser | None = None,
            progress: Callable[[int, int], None] | None = None) -> list[DocumentAnalysis]:
    """Analyse every pair, in input order, with a single translator call for all source sentences.

    Morphology comes from `analyser`, or from the translator if it is also an Analyser: one call per
    language for the whole batch. Without one, detectors that need morphology stay silent.
    `progress`, if given, is called as progress(done, total): with 0 before translating, then after each document.
    """
    segmented: list[Segmented] = [
        [(name, split_sentences(pair.source.field(name), pair.source_lang),
          split_sentences(pair.target.field(name), pair.target_lang)) for name in FIELDS]
        for pair in pairs
    ]
    if progress is not None:
        progress(0, len(pairs))
    lines = [segment.text for document in segmented for _, source, _ in document for segment in source]
    translated = translator.translate(lines)
    if len(translated) != len(lines):
        raise TranslationError(f"translator returned {len(translated)} lines for {len(lines)}")
    pseudo = iter(translated)
    morphology = _morphology(segmented, analyser or (translator if isinstance(translator, Analyser) else None))
    analyses: list[DocumentAnalysis] = []
    for pair, document in zip(pairs, segmented):
        analyses.append(_analyse_document(pair, document, pseudo, morphology))
        if progress is not None:
            progress(len(analyses), len(pairs))
    return analyses


def _morphology(segmented: list[Segmented], analyser: Analyser | None) -> tuple[Iterator[tuple[Token, ...]], ...]:
    """Source and target tokens per segment, in document order: one analyser call per language."""
    if analyser is None:
        return ()
    sides = ([s.text for document in segmented for _, source, _ in document for s in source],
             [t.text for document in segmented for _, _, target in document for t in target])
    return tuple(iter(analyser.morphology(lines, lang)) for lines, lang in zip(sides, ("es", "en")))


def _analyse_document(pair: DocumentPair, document: Segmented, pseudo: Iterator[str],
                      morphology: tuple[Iterator[tuple[Token, ...]], ...]) -> DocumentAnalysis:
    fields: list[FieldAnalysis] = []
    flags: list[Flag] = []
    statistics: list[SegmentStatistics] = []
    for name, source, target in document:
        pseudo_reference = tuple(next(pseudo) for _ in source)
        tokens = ((tuple(next(morphology[0]) for _ in source), tuple(next(morphology[1]) for _ in target))
                  if morphology else ((), ()))
        field, field_flags, field_statistics = _analyse_field(pair, name, source, target, pseudo_reference, tokens)
        fields.append(field)
        flags.extend(field_flags)
        statistics.extend(field_statistics)
    scores = corpus_scores_from(statistics) if statistics else ()
    reference_scores: tuple[Score, ...] = ()
    if pair.reference is not None:
        hypotheses, references = reference_segments([pair])
        reference_scores = corpus_scores(hypotheses, references) if hypotheses else ()
    return DocumentAnalysis(pair, tuple(fields), scores, reference_scores, tuple(flags), PIPELINE_VERSION)


def _analyse_field(pair: DocumentPair, name: str, source: list[Segment], target: list[Segment],
                   pseudo_reference: tuple[str, ...], tokens: tuple[tuple[tuple[Token, ...], ...], ...]
                   ) -> tuple[FieldAnalysis, list[Flag], list[SegmentStatistics]]:
    """Align, score and flag one field. Metric statistics are computed once per link (target bead against the
    pseudo-reference of its source bead, omissions and additions with an empty side) and summed for the
    field's and the document's corpus scores: TER over a whole body as one segment is far too slow."""
    links = align([s.text for s in source], [t.text for t in target], pseudo_reference)
    statistics = segment_statistics(*zip(*_beads(links, target, pseudo_reference))) if links else []
    links = tuple(replace(link, scores=sentence_scores_from(stats)) if link.src and link.tgt else link
                  for link, stats in zip(links, statistics))
    field = FieldAnalysis(name, tuple(source), tuple(target), pseudo_reference, links,
                          corpus_scores_from(statistics) if statistics else ())
    context = FieldContext(name, pair.source.field(name), pair.target.field(name),
                           tuple(source), tuple(target), pseudo_reference, links, *tokens)
    flags = sorted(detect_all(context), key=lambda flag: (flag.source_span or flag.target_span or (0, 0), flag.code))
    return field, flags, statistics


def _beads(links: Sequence[Link], target: Sequence[Segment], pseudo_reference: Sequence[str]) -> list[tuple[str, str]]:
    """(target text, pseudo-reference text) of each link."""
    return [(" ".join(target[j].text for j in link.tgt), " ".join(pseudo_reference[i] for i in link.src))
            for link in links]
