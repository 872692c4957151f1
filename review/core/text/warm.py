"""Apertium kept warm: translation (with the source's tagged stream kept) and morphology through null-flush
chains (review.core.text.flushing) that a process starts once and uses for every call.

A call takes documents (lists of lines) and sends each through as a block of its own, so a document gets
the same pseudo-reference and tokens whatever else shares the call, exactly as from a call of its own
(ApertiumTranslator's). apertium-destxt and apertium-retxt have no null-flush mode: each runs once per
call over all the lines (they start in milliseconds), and destxt's text is cut back into documents at the
line break that ends each one, with the period destxt adds at the end of a text (`.[]`) put back.

The tagger is kept warm too, between the chain before it (the analyser) and the chain after it (transfer and
generation), but it can carry state from one block to the next (a word of an ambiguity class it was not trained
on changes the tags of later unknown words): review.core.text.tagging starts it again after each document that
did that, so that a document's tags never depend on the documents before it. With
`parallel` > 1 a call's documents are shared out, in order, among that many sets of chains, which run at
once (one per core). A chain that dies or stalls is started again and its documents sent once more; a
second failure raises TranslationError.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from review.core.text.apertium import ApertiumError, Chains, run_stage, without_surfaces
from review.core.text.flushing import STALL_SECONDS, FlushPipeline
from review.core.text.morphology import APERTIUM_DATA, MODES, MorphologyError, Token, escape, parse_line
from review.core.text.tagged_source import SourceTokens
from review.core.text.tagging import WarmTagger
from review.core.text.translate import TranslationError

Tokens = tuple[Token, ...]
Documents = Sequence[Sequence[str]]
Result = TypeVar("Result")

_SUPERBLANK = re.compile(r"\\.|\[(?:[^\]\\]|\\.)*\]", re.S)  # an escaped character, or a superblank [...]
_SENTENCE_END = re.compile(r"[.!?][\"'»”’)]*$")


class WarmApertium:
    """Translator (spa-eng by default, with the source tokens) and Analyser of both languages, on warm chains."""

    def __init__(self, pair: str = "spa-eng", parallel: int = 1, stall_seconds: float = STALL_SECONDS,
                 data: Path = APERTIUM_DATA) -> None:
        self.pair = pair
        self.data = data
        self.source_lang = next((lang for lang, mode in MODES.items() if mode == pair), "")  # "": translation only
        self.sets = [_ChainSet(pair, data, stall_seconds) for _ in range(max(1, parallel))]
        self._pool = ThreadPoolExecutor(2 * len(self.sets), thread_name_prefix="apertium")

    def translate_documents(self, source: Documents, target: Documents,
                            source_done: Callable[[list[list[Tokens]]], object] | None = None,
                            target_done: Callable[[list[list[Tokens]]], object] | None = None
                            ) -> tuple[list[list[str]], list[list[Tokens]], list[list[Tokens]]]:
        """Per document: the source lines translated, the source lines' tokens and the target lines' tokens.
        `source_done` and `target_done`, if given, get the source and the target tokens of each chain set's run of
        documents as soon as they are ready, in that set's threads, while the other sets may still be working."""
        groups = _share(source, len(self.sets))

        def translated_by(chains: _ChainSet, documents: Documents) -> tuple[list[list[str]], list[list[Tokens]]]:
            done = chains.translate_analysed(documents)
            if source_done is not None:
                source_done(done[1])
            return done

        def analysed_by(chains: _ChainSet, documents: Documents) -> list[list[Tokens]]:
            done = chains.morphology(documents, _other(self.source_lang))
            if target_done is not None:
                target_done(done)
            return done

        translated = [self._pool.submit(translated_by, chains, source[start:end])
                      for chains, (start, end) in zip(self.sets, groups)]
        english = [self._pool.submit(analysed_by, chains, target[start:end])
                   for chains, (start, end) in zip(self.sets, groups)]
        lines: list[list[str]] = []
        tokens: list[list[Tokens]] = []
        for pending in translated:
            done_lines, done_tokens = pending.result()
            lines += done_lines
            tokens += done_tokens
        return lines, tokens, [document for pending in english for document in pending.result()]

    def translate(self, lines: Sequence[str], texts: int | None = None) -> list[str]:
        """Translator protocol: the lines cut at sentence ends into `texts` texts (by default one per chain set),
        each sent through as a document of its own, the texts shared out in order among the chain sets."""
        parts = _parts(lines, texts or len(self.sets))
        done = [self._pool.submit(chains.translate, parts[start:end])
                for chains, (start, end) in zip(self.sets, _share(parts, len(self.sets))) if end > start]
        return [line for pending in done for document in pending.result() for line in document]

    def morphology(self, lines: Sequence[str], lang: str) -> list[Tokens]:
        """Analyser protocol: the lines' tokens as one text."""
        [tokens] = self.sets[0].morphology([lines], lang) if lines else [[]]
        return tokens

    def pids(self) -> list[int]:
        return [pid for chains in self.sets for pid in chains.pids()]

    def restarts(self) -> int:
        """How many times a chain was started again after a failure."""
        return sum(chains.restarts() for chains in self.sets)

    def close(self) -> None:
        self._pool.shutdown()
        for chains in self.sets:
            chains.close()

    def __enter__(self) -> WarmApertium:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class _ChainSet:
    """One translation pipeline (the tagging chain, this process keeping its output, the rest) and one
    morphology pipeline per language, each started on first use."""

    def __init__(self, pair: str, data: Path, stall_seconds: float) -> None:
        self.pair = pair
        self.data = data
        self.stall_seconds = stall_seconds
        self.analysers: dict[str, FlushPipeline] = {}
        self.taggers: dict[tuple[str, ...], WarmTagger] = {}

    @cached_property
    def translation(self) -> FlushPipeline:
        """The pair's chain up to its tagger, and the chain after it; the tagger (a WarmTagger) runs between."""
        try:
            chains = Chains.of(self.pair, null_flush=True)
        except ApertiumError as exc:
            raise TranslationError(f"apertium {self.pair}: {exc}") from exc
        *analysis, tagger = chains.tagging
        self.tagger = tuple(argument for argument in tagger if argument != "-z")
        return FlushPipeline([analysis, chains.rest], self.stall_seconds)

    def translate(self, documents: Documents) -> list[list[str]]:
        return _retried(lambda: self._translated(documents, lambda tagged: None), TranslationError, self.pair)

    def translate_analysed(self, documents: Documents) -> tuple[list[list[str]], list[list[Tokens]]]:
        lang = next(lang for lang, mode in MODES.items() if mode == self.pair)
        flat = [line for document in documents for line in document]
        if not flat:
            return [[] for _ in documents], [[] for _ in documents]
        ends, count = [], 0
        for document in documents:
            count += len(document)
            if document:
                ends.append(count - 1)

        def attempt() -> tuple[list[list[str]], list[list[Tokens]] | None]:
            with SourceTokens(flat, MODES[lang], self.data, ends) as source:
                carry: list[str] = []  # a block ends inside a line of the stream, which the next block ends

                def keep(tagged: str) -> None:
                    for line in tagged.splitlines(keepends=True):
                        carry.append(line)
                        if line.endswith("\n"):
                            source.add("".join(carry))
                            carry.clear()

                translated = self._translated(documents, keep)
                if carry:
                    source.add("".join(carry))
                tokens = source.result()
            return translated, _regroup(tokens, documents) if tokens is not None else None

        translated, tokens = _retried(attempt, TranslationError, self.pair)
        return translated, tokens if tokens is not None else self.morphology(documents, lang)

    def morphology(self, documents: Documents, lang: str) -> list[list[Tokens]]:
        mode = MODES[lang]
        pipeline = self.analysers.get(lang)
        if pipeline is None:
            pipeline = self.analysers[lang] = FlushPipeline(
                [[("lt-proc", "-z", "-w", str(self.data / f"{mode}.automorf.bin"))]], self.stall_seconds)
        tagger = ["apertium-tagger", "-g", "-p", str(self.data / f"{mode}.prob")]
        flat = [[" ".join(line.splitlines()) for line in document] for document in documents]
        blocks = [("".join(escape(line) + "\n" for line in document)).encode("utf-8") for document in flat if document]

        def attempt() -> list[list[Tokens]]:
            outputs = iter(pipeline.run(blocks, finish=self._tagger(tagger).tag))
            found: list[list[Tokens]] = []
            for document in flat:
                if not document:
                    found.append([])
                    continue
                streams = next(outputs).decode("utf-8").split("\n")
                if streams[-1] == "":
                    streams.pop()
                if len(streams) != len(document):
                    raise MorphologyError(f"apertium {mode} morphology returned {len(streams)} lines for {len(document)}")
                found.append([parse_line(stream, line) for stream, line in zip(streams, document)])
            return found

        return _retried(attempt, MorphologyError, mode)

    def _translated(self, documents: Documents, keep: Callable[[str], None]) -> list[list[str]]:
        """Each document's lines translated; `keep` gets the tagger's output of each document, in order."""
        flat = [[" ".join(line.splitlines()) for line in document] for document in documents]
        sized = [document for document in flat if document]
        pipeline = self.translation
        tagger = self._tagger(self.tagger)

        def tag(analysed: bytes) -> bytes:
            tagged = tagger.tag(analysed).decode("utf-8")
            keep(tagged)
            return "".join(without_surfaces(line) for line in tagged.splitlines(keepends=True)).encode("utf-8")

        outputs = pipeline.run([block.encode("utf-8") for block in deformat(sized)], [tag])
        texts = [output.decode("utf-8") for output in outputs]
        for text, document in zip(texts, sized):
            if text.count("\n") != len(document):
                raise TranslationError(f"apertium {self.pair} returned {text.count(chr(10))} lines for {len(document)}")
        lines = run_stage(["apertium-retxt"], "".join(texts)).split("\n")
        lines.pop()  # after the last line break
        translated: list[list[str]] = []
        at = 0
        for document in flat:
            translated.append(lines[at:at + len(document)])
            at += len(document)
        return translated

    def _tagger(self, command: Sequence[str]) -> WarmTagger:
        tagger = self.taggers.get(tuple(command))
        if tagger is None:
            tagger = self.taggers[tuple(command)] = WarmTagger(command, self.stall_seconds)
        return tagger

    def pids(self) -> list[int]:
        pipelines = ([self.translation] if "translation" in self.__dict__ else []) + list(self.analysers.values())
        return [pid for pipeline in pipelines for pid in pipeline.pids()]

    def restarts(self) -> int:
        pipelines = ([self.translation] if "translation" in self.__dict__ else []) + list(self.analysers.values())
        return sum(max(0, pipeline.started - 1) for pipeline in pipelines)

    def close(self) -> None:
        if "translation" in self.__dict__:
            self.translation.close()
        for pipeline in self.analysers.values():
            pipeline.close()
        for tagger in self.taggers.values():
            tagger.close()


def deformat(documents: Documents) -> list[str]:
    """apertium-destxt's text of each document (lines joined by line breaks), from one destxt run over all."""
    if not documents:
        return []
    stream = run_stage(["apertium-destxt"], "".join(line + "\n" for document in documents for line in document))
    blocks = _cut(stream, [len(document) for document in documents])
    if blocks is None:  # a document's last line break shares its superblank with the next one's spaces
        return [run_stage(["apertium-destxt"], "".join(line + "\n" for line in document)) for document in documents]
    return blocks


def _cut(stream: str, sizes: list[int]) -> list[str] | None:
    """destxt's `stream` of all documents cut after each one's last line break, with the `.[]` that destxt puts
    before the final blank of a text put before each document's; None where a cut cannot be made cleanly."""
    blocks: list[str] = []
    wanted = iter(sizes)
    need = next(wanted)
    newlines = 0
    start = 0
    for match in _SUPERBLANK.finditer(stream):
        breaks = match[0].count("\n") if match[0][0] == "[" else 0
        if not breaks:
            continue
        if newlines + breaks > need and newlines < need:
            return None  # the break ending a document lies inside a superblank that holds more than it
        newlines += breaks
        if newlines == need:
            if not match[0].endswith("\n]"):
                return None  # the next document's leading blanks share the superblank
            if len(blocks) == len(sizes) - 1:  # the last text: destxt added its period itself
                blocks.append(stream[start:])
                return blocks
            blocks.append(stream[start:match.start()] + ".[]" + match[0])
            start, newlines = match.end(), 0
            need = next(wanted)
    return None


def _share(documents: Documents, parts: int) -> list[tuple[int, int]]:
    """[start, end) of `parts` runs of consecutive documents with about as many lines each."""
    total = sum(len(document) for document in documents)
    bounds, count, start = [], 0, 0
    for index, document in enumerate(documents):
        count += len(document)
        if len(bounds) < parts - 1 and count * parts >= total * (len(bounds) + 1):
            bounds.append((start, index + 1))
            start = index + 1
    bounds.append((start, len(documents)))
    return bounds


def _parts(lines: Sequence[str], parts: int) -> list[list[str]]:
    """The lines cut into at most `parts` runs, each ending with a sentence end (so no context is cut)."""
    if parts <= 1 or len(lines) < 2 * parts:
        return [list(lines)]
    runs: list[list[str]] = [[]]
    for index, line in enumerate(lines):
        runs[-1].append(line)
        if (len(runs) < parts and index + 1 >= len(lines) * len(runs) / parts
                and _SENTENCE_END.search(line.rstrip())):
            runs.append([])
    return [run for run in runs if run]


def _regroup(tokens: list[Tokens], documents: Documents) -> list[list[Tokens]]:
    grouped, at = [], 0
    for document in documents:
        grouped.append(tokens[at:at + len(document)])
        at += len(document)
    return grouped


def _other(lang: str) -> str:
    return "en" if lang == "es" else "es"


def _retried(attempt: Callable[[], Result], error: type[RuntimeError], name: str) -> Result:
    """attempt(), and once more if a chain failed (it starts again); `error` if it fails twice."""
    try:
        return attempt()
    except ApertiumError:
        pass
    try:
        return attempt()
    except ApertiumError as exc:
        raise error(f"apertium {name}: {exc}") from exc
