"""Shift-detection figures: DEMETR recall and false flags, WMT false flags and injected-shift recall, vs pofilter.

Reads ../shared/corpora (never copied into the repo). Dev material by default; `--held-out` runs
the held-out split instead (DEMETR ids 851-900, WMT 2012-2013, the held-out halves of NTREX and HalOmi), once, for a final figure.

- DEMETR: each item is one Spanish sentence; recall per perturbation type is the share of applied
  perturbations (pert_check) whose English gets a major or critical flag; the false-flag shares are
  the same on the human reference (base_id35_reference) and on the good MT (mt_sent); and the share
  of DEMETR's minor perturbations (a repeated word, a typo, lower case, punctuation) flagged major or
  worse, which is over-severity.
- WMT: the professional English is the rendering; major+critical flags per 100 source segments.
  Then one shift of each kind is injected per document (quote marks removed, a number changed, a
  negation added, a name swapped, a sentence dropped, a sentence added) and recall is the share
  of injections that raise a new major or critical flag (for quote removal, any new quote flag,
  since scare quotes are minor by design) not raised on the unchanged document. Apart from these (and
  from their overall figure, kept comparable with earlier runs), a clause dropped: one comma-delimited
  stretch of 4 to 12 words cut out of one English body sentence per document (its own seeded draw),
  the partial omission HalOmi labels in machine translation, made here on professional text; and a
  clause added: such a stretch from another document put in after a comma (a partial hallucination).
- Free renderings (bench/data/free_renderings.tsv, written for this project, so also dev material):
  faithful sentences in the paraphrases professional translators use; the share with a major or
  critical flag.
- Written news (bench/data/written_news.tsv, written for this project in session 23, dev material): 653
  faithful documents, English news of 2019 with the Spanish a newspaper would print; major+critical flags per 100
  Spanish sentences, as for NTREX-128, whose held-out half they resemble more than its dev half does. With
  `--held-out`, bench/data/written_news_held_out.tsv instead: 300 such documents of 2019-2021 written in session 24
  and never read or tuned on (a held-out set of our own, licence-free). Beside it, written_news_2.tsv (dev, session
  25: 900 documents of 2018-2025, English- and Spanish-origin) and, held out, written_news_held_out_2.tsv (session 25:
  300 documents of 2022-2025, half English-origin, half Spanish-origin, first run at the end of issue 18's sixteenth
  pass), written_news_held_out_3.tsv (session 26: 300 documents of 2014-2025, both origins, first run at the end
  of the seventeenth pass) and written_news_held_out_4.tsv (session 27: 300 documents of 2015-2026, a third on topics
  news sets hold less often, first run at the end of the eighteenth pass).
- MT error items (bench/data/mt_errors.tsv and mt_errors_2.tsv, dev; `--held-out`: mt_errors_held_out.tsv,
  mt_errors_held_out_2.tsv and mt_errors_held_out_3.tsv, first run at the end of issue 18's sixteenth, seventeenth and
  eighteenth passes), written for the project in sessions 25 to 27: 200 sentences of HalOmi's domains in each
  direction (each file), each with a faithful machine translation and one with a partial omission, a partial
  hallucination, a full hallucination or both; recall by direction and kind, and false alarms on the faithful outputs.
- Other WMT documents (`--other-documents DIR`): the rest of the WMT 2008-2013 news test sets,
  documents first written in English, Czech, German, French, Hungarian, Italian or Russian and
  rendered into both Spanish and English by professional translators, plus newssyscomb2009 (Spanish
  originals the corpus lacks); major+critical flags per 100 segments by original language. English
  originals are the closest to NTREX (one professional translation between the two languages); the
  others have two independent translations, so real divergences are many. The English originals also get
  the WMT injections above: a second injection set, never tuned on before session 21. 2008-2012 are dev
  material; newstest2013's are held out (`--held-out`), a set first run at the end of issue 18's
  fifth pass. Spanish originals of 2012-2013 are never read (they are the corpus's held-out set).
  DIR holds the SGM files `{news-test2008,newssyscomb2009,newstest2009,...,newstest2013}-src.{es,en}.sgm`
  from WMT's dev.tgz (statmt.org), kept outside the repo (the SOURCE.md of the corpus names a public mirror).
- NTREX-128 and HalOmi, sets never tuned on before issue 18 (bench/unseen.py): NTREX false alarms per 100
  sentences, HalOmi false alarms on faithful rows and recall on hallucinations and omissions.
- pofilter: translate-toolkit's StandardChecker on each sentence pair, failures of the checks in
  POFILTER_CODES counted as major (pofilter has no severities), on the same items.
Flags are exactly those of the full pipeline (`analyse`, chrF and BLEU against the pseudo-reference).

    .venv/bin/python bench/flags.py [--held-out] [--show N] [--only SET] [--other-documents DIR]
"""
from __future__ import annotations

import argparse
import html
import json
import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from translate.filters import checks
from translate.storage import base

from review.core.model import DocumentAnalysis, DocumentPair, Severity, Text
from review.core.pipeline import analyse
from review.core.text.segmenting import split_sentences
from review.core.text.translate import ApertiumTranslator

import unseen  # noqa: E402  (bench/ is on sys.path when this script runs)

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
FREE_RENDERINGS = Path(__file__).resolve().parent / "data" / "free_renderings.tsv"
DATA = Path(__file__).resolve().parent / "data"
WRITTEN_NEWS = DATA / "written_news.tsv"
WRITTEN_NEWS_2 = DATA / "written_news_2.tsv"
WRITTEN_NEWS_HELD_OUT = DATA / "written_news_held_out.tsv"
WRITTEN_NEWS_HELD_OUT_2 = DATA / "written_news_held_out_2.tsv"
WRITTEN_NEWS_HELD_OUT_3 = DATA / "written_news_held_out_3.tsv"
WRITTEN_NEWS_HELD_OUT_4 = DATA / "written_news_held_out_4.tsv"
MT_ERRORS = DATA / "mt_errors.tsv"
MT_ERRORS_2 = DATA / "mt_errors_2.tsv"
MT_ERRORS_HELD_OUT = DATA / "mt_errors_held_out.tsv"
MT_ERRORS_HELD_OUT_2 = DATA / "mt_errors_held_out_2.tsv"
MT_ERRORS_HELD_OUT_3 = DATA / "mt_errors_held_out_3.tsv"
PARAGRAPH = " ¶ "  # between the paragraphs of a document of WRITTEN_NEWS
DEMETR_TYPES = {"negation": "critical_id8_negation", "numbers": "critical_id10_numbers_replaced",
                "ne_replaced": "critical_id9_ne_replaced", "ne_removed": "critical_id25_ne_removed",
                "tense": "major_id17_tense", "codemix": "critical_id4_codemix", "antonym": "critical_id7_antonym",
                "addition": "critical_id6_addition"}
POFILTER_CODES = {"numbers": "number_mismatch", "doublequoting": "quote_dropped", "singlequoting": "quote_dropped",
                  "acronyms": "entity_mismatch", "untranslated": "untranslated", "unchanged": "untranslated",
                  "blank": "omission", "short": "length_ratio", "long": "length_ratio", "sentencecount": "omission"}
SERIOUS = (Severity.MAJOR, Severity.CRITICAL)
INJECTIONS = ("quote_removed", "number_changed", "negation_added", "name_swapped", "sentence_dropped", "sentence_added")
CHECKER = checks.StandardChecker()


def pofilter_codes(source: str, target: str) -> set[str]:
    """Our codes for the pofilter checks that fail on one sentence pair."""
    unit = base.TranslationUnit(source)
    unit.target = target
    return {POFILTER_CODES[name] for name in CHECKER.run_filters(unit) if name in POFILTER_CODES}


def serious(analysis: DocumentAnalysis) -> list[str]:
    return [f.code for f in analysis.flags if f.severity in SERIOUS]


def demetr(held_out: bool, translator: ApertiumTranslator, show: int) -> None:
    low, high = (851, 900) if held_out else (801, 850)
    items = [json.loads(line) for line in (CORPORA / "demetr-es" / "items.jsonl").read_text().splitlines()]
    items = [item for item in items if low <= item["id"] <= high]
    by_id = {item["id"]: item for item in items}
    cases: list[tuple[str, int, str, str]] = []  # (label, id, source, target)
    for label, name in DEMETR_TYPES.items():
        cases += [(label, i["id"], i["src_sent"], i["pert_sent"]) for i in items if i["pert_name"] == name and i["pert_check"]]
    cases += [("minor perturbation", i["id"], i["src_sent"], i["pert_sent"]) for i in items
              if i["severity"] == "minor" and i["pert_check"]]
    cases += [("human reference", i, by_id[i]["src_sent"], by_id[i]["eng_sent"]) for i in sorted(by_id)]
    cases += [("good MT", i, by_id[i]["src_sent"], by_id[i]["mt_sent"]) for i in sorted(by_id)]
    pairs = [DocumentPair(f"{label}-{i}-{n}", Text("", src), Text("", tgt)) for n, (label, i, src, tgt) in enumerate(cases)]
    analyses = analyse(pairs, translator)
    ours: dict[str, list[bool]] = defaultdict(list)
    theirs: dict[str, list[bool]] = defaultdict(list)
    codes: dict[str, Counter[str]] = defaultdict(Counter)
    shown: Counter[str] = Counter()
    for (label, _, src, tgt), result in zip(cases, analyses):
        flagged = serious(result)
        ours[label].append(bool(flagged))
        theirs[label].append(bool(pofilter_codes(src, tgt)))
        codes[label].update(set(flagged))
        if show and flagged and label in ("human reference", "good MT") and shown[label] < show:
            shown[label] += 1
            print(f"  [{label}] {[f.message for f in result.flags if f.severity in SERIOUS]}\n    ES {src}\n    EN {tgt}")
    split = "held-out 851-900" if held_out else "dev 801-850"
    print(f"\nDEMETR es, {split}: share with a major/critical flag (ours | pofilter), n, our top codes")
    for label in [*DEMETR_TYPES, "minor perturbation", "human reference", "good MT"]:
        kind = "recall" if label in DEMETR_TYPES else "false flags"
        top = ", ".join(f"{c} {n}" for c, n in codes[label].most_common(3))
        print(f"  {label:18} {kind:11} {_share(ours[label]):>6} | {_share(theirs[label]):>6}  n={len(ours[label]):3}  {top}")


def free_renderings(translator: ApertiumTranslator) -> None:
    lines = [line.split("\t") for line in FREE_RENDERINGS.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    pairs = [DocumentPair(f"free-{n}", Text("", source), Text("", target)) for n, (source, target) in enumerate(lines)]
    flagged = [serious(result) for result in analyse(pairs, translator)]
    theirs = [bool(pofilter_codes(source, target)) for source, target in lines]
    top = ", ".join(f"{c} {n}" for c, n in Counter(code for codes in flagged for code in set(codes)).most_common(4))
    print(f"\nFree renderings (bench/data, dev): share with a major/critical flag (ours | pofilter), n, our top codes")
    print(f"  faithful paraphrase false flags {_share(map(bool, flagged)):>6} | {_share(theirs):>6}  n={len(lines)}  {top}")
    written_news(translator)
    written_news(translator, WRITTEN_NEWS_2)


def written_pairs(path: Path) -> list[DocumentPair]:
    """The documents of a written-news file (Spanish<TAB>English a line, PARAGRAPH between paragraphs) as pairs."""
    lines = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    return [DocumentPair(f"written-{n}", Text("", source.replace(PARAGRAPH, "\n\n")),
                         Text("", target.replace(PARAGRAPH, "\n\n"))) for n, (source, target) in enumerate(lines)]


def written_news(translator: ApertiumTranslator, path: Path = WRITTEN_NEWS, split: str = "dev") -> None:
    """False alarms on faithful news documents written for the project (bench/data/written_news.tsv, dev; or
    written_news_held_out.tsv, held out): flags per 100 Spanish sentences, as for NTREX-128, and the documents with
    one."""
    pairs = written_pairs(path)
    flagged = [serious(result) for result in analyse(pairs, translator)]
    sentences = sum(len(split_sentences(pair.source.body, "es")) for pair in pairs)
    codes = Counter(code for found in flagged for code in found)
    print(f"\nWritten news documents ({path.name}, {split}): {len(pairs)} documents, {sentences} Spanish sentences "
          "(faithful)")
    print(f"  major+critical flags per 100 sentences: ours {100 * sum(map(len, flagged)) / sentences:.1f}; documents "
          f"with one: {sum(map(bool, flagged))}")
    print(f"  our codes: {', '.join(f'{c} {n}' for c, n in codes.most_common())}")


def mt_items(path: Path) -> list[list[str]]:
    """The items of an MT error file: id, direction, label, Spanish, English."""
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith(("#", "id\t"))]


def mt_errors(translator: ApertiumTranslator, path: Path, split: str) -> None:
    """Recall on machine-translation errors written for the project (bench/data/mt_errors.tsv, dev; or
    mt_errors_held_out.tsv, held out) by direction and kind, and the false alarms on their faithful outputs: the share of
    items with a major or critical flag. The Spanish side is the source whatever the direction, as for HalOmi."""
    lines = mt_items(path)
    pairs = [DocumentPair(f"mt-{item_id}", Text("", spanish), Text("", english))
             for item_id, _, _, spanish, english in lines]
    flagged = [bool(serious(result)) for result in analyse(pairs, translator)]
    print(f"\nMT error items ({path.name}, {split}): share with a major or critical flag, n")
    for direction in ("es-en", "en-es"):
        for label in ("faithful", "partial_omission", "partial_hallucination", "full_hallucination", "both"):
            members = [hit for (_, way, kind, _, _), hit in zip(lines, flagged) if way == direction and kind == label]
            kind = "false alarms" if label == "faithful" else "recall"
            print(f"  {direction} {label:22} {kind:12} {_share(members):>6}  n={len(members)}")
    errors = [hit for (_, _, kind, _, _), hit in zip(lines, flagged) if kind != "faithful"]
    print(f"  both directions, every error   recall       {_share(errors):>6}  n={len(errors)}")


@dataclass(frozen=True)
class Doc:
    """A WMT document: its id and (source, target, is_headline, paragraph) segments."""

    id: str
    segments: tuple[tuple[str, str, bool, int], ...]

    def target_of(self, source: str) -> str:
        return next(s[1] for s in self.segments if s[0] == source)

    def pair(self, doc_id: str | None = None) -> DocumentPair:
        return DocumentPair(doc_id or self.id, self._side(0), self._side(1))

    def _side(self, index: int) -> Text:
        headline = " ".join(s[index] for s in self.segments if s[2])
        paragraphs: dict[int, list[str]] = {}
        for segment in self.segments:
            if not segment[2] and segment[index]:
                paragraphs.setdefault(segment[3], []).append(segment[index])
        return Text(headline, "\n\n".join(" ".join(p) for p in paragraphs.values()))


def wmt_docs(held_out: bool) -> list[Doc]:
    sets = {"newstest2012", "newstest2013"} if held_out else {"news-test2008", "newstest2009", "newstest2010",
                                                               "newstest2011"}
    docs = []
    for line in (CORPORA / "wmt-newstest-es-orig" / "docs.jsonl").read_text().splitlines():
        doc = json.loads(line)
        if doc["set"] in sets:
            docs.append(Doc(doc["docid"], tuple((s["es"], s["en"], s["block"] == "hl", s["para"]) for s in doc["segments"])))
    return docs


OTHER_SETS = ("news-test2008", "newssyscomb2009", "newstest2009", "newstest2010", "newstest2011", "newstest2012")
HELD_OUT_OTHER_SETS = ("newstest2013",)
CORPUS_HELD_OUT_SETS = ("newstest2012", "newstest2013")  # whose Spanish originals are the corpus's held-out set
SGM_DOC = re.compile(r'<doc docid="([^"]+)"[^>]*origlang="(\w+)"[^>]*>(.*?)</doc>', re.S)
SGM_PART = re.compile(r"<(hl|h1|p)>|<seg id=\"(\d+)\"[^>]*>(.*?)</seg>", re.S)  # a block opens, or a segment


def other_origin_docs(directory: Path, sets: tuple[str, ...]) -> dict[str, list[Doc]]:
    """The given WMT sets' documents not in the Spanish-original corpus, by original language, from the SGM files.

    The corpus holds the Spanish-original documents of the news test sets; the rest of each set
    (originals in English, Czech, German, French, Hungarian, Italian or Russian, rendered into both
    Spanish and English by professional translators; and newssyscomb2009, Spanish originals included)
    is fresh faithful material for false flags. The Spanish originals of 2012-2013 are skipped
    whatever their ids: they are the corpus's held-out set.
    """
    known = {json.loads(line)["docid"] for line in (CORPORA / "wmt-newstest-es-orig" / "docs.jsonl").open()}
    by_origin: dict[str, list[Doc]] = defaultdict(list)
    for name in sets:
        spanish, english = (_sgm_docs(directory / f"{name}-src.{lang}.sgm") for lang in ("es", "en"))
        for (doc_id, origin, es_segments), (_, _, en_segments) in zip(spanish, english, strict=True):
            if doc_id not in known and not (origin == "es" and name in CORPUS_HELD_OUT_SETS):
                segments = tuple((es.strip(), en_segments[seg_id][0].strip(), headline, para)
                                 for seg_id, (es, headline, para) in es_segments.items())
                by_origin[origin].append(Doc(f"{name}/{doc_id}", segments))
    return by_origin


def _sgm_docs(path: Path) -> list[tuple[str, str, dict[str, tuple[str, bool, int]]]]:
    """Each document's id, original language and segments by id: (text, is_headline, block number)."""
    docs = []
    for doc_id, origin, body in SGM_DOC.findall(path.read_text(encoding="utf-8")):
        segments: dict[str, tuple[str, bool, int]] = {}
        block, headline = -1, False
        for opened, seg_id, text in SGM_PART.findall(body):
            if opened:
                block, headline = block + 1, opened == "hl"
            else:
                segments[seg_id] = (html.unescape(text), headline, block)
        docs.append((doc_id, origin, segments))
    return docs


def false_flags(docs: list[Doc], results: list[DocumentAnalysis]) -> tuple[int, float, float, Counter[str]]:
    """Segments, our and pofilter's major+critical flags per 100 segments, and our codes, on faithful documents."""
    segments = sum(len(doc.segments) for doc in docs)
    ours = sum(len(serious(result)) for result in results)
    theirs = sum(len(pofilter_codes(source, target)) for doc in docs for source, target, _, _ in doc.segments)
    return segments, 100 * ours / segments, 100 * theirs / segments, Counter(code for r in results for code in serious(r))


def wmt_other(directory: Path, held_out: bool, translator: ApertiumTranslator, show: int) -> None:
    sets, years = (HELD_OUT_OTHER_SETS, "held-out 2013") if held_out else (OTHER_SETS, "dev 2008-2012")
    every: list[tuple[Doc, DocumentAnalysis]] = []
    for origin, docs in sorted(other_origin_docs(directory, sets).items()):
        results = analyse([doc.pair() for doc in docs], translator)
        every += zip(docs, results)
        segments, ours, theirs, codes = false_flags(docs, results)
        print(f"\nWMT {years} other documents, original language {origin}: {len(docs)} documents, {segments} segments")
        print(f"  major+critical flags per 100 segments: ours {ours:.1f} | pofilter {theirs:.1f}")
        print(f"  our codes: {', '.join(f'{c} {n}' for c, n in codes.most_common())}")
        shown = [f for a in results for f in a.flags if f.severity in SERIOUS][:show]
        for flag in shown:
            print(f"    {flag.code}: {flag.message}")
        if origin == "en":  # professional Spanish of English news, as WMT's: a second, untuned injection set
            injected_recall(docs, results, translator)
    segments, ours, theirs, _ = false_flags([doc for doc, _ in every], [result for _, result in every])
    print(f"\nWMT {years} other documents, all origins: {len(every)} documents, {segments} segments; "
          f"major+critical per 100: ours {ours:.1f} | pofilter {theirs:.1f}")


QUOTES = re.compile(r"[\"“”«»]")
NUMBER = re.compile(r"\b\d+\b")
AUXILIARY = re.compile(r"\b(is|are|was|were|has|have|had|will|would|can|could|should|must)\b")
NAME = re.compile(r"(?<=[a-z,] )([A-Z][a-z]{3,})\b")
CLAUSE = re.compile(r",( [^,;:.\"“”()]{15,90}?)(?=[,.;])")  # a stretch between a comma and the next mark
CLAUSE_WORDS = range(4, 13)


def inject(doc: Doc, kind: str, rng: random.Random, others: list[Doc]) -> tuple[Doc, str, str] | None:
    """The document with one shift of the given kind, with the changed segment's source and target."""
    segments = list(doc.segments)
    body = [i for i, s in enumerate(segments) if not s[2]]
    rng.shuffle(body)

    def replaced(index: int, target: str) -> tuple[Doc, str, str]:
        source, _, headline, para = segments[index]
        segments[index] = (source, target, headline, para)
        return Doc(doc.id, tuple(segments)), source, target

    for i in body:
        source, target = segments[i][0], segments[i][1]
        if kind == "quote_removed" and QUOTES.search(source) and QUOTES.search(target):
            return replaced(i, QUOTES.sub("", target))
        if kind == "number_changed" and (match := NUMBER.search(target)) and match.group() in source.replace(".", ""):
            changed = str(int(match.group()) + rng.choice((1, 2, 3, 7)))
            return replaced(i, target[:match.start()] + changed + target[match.end():])
        if kind == "negation_added" and (match := AUXILIARY.search(target)) and not re.search(r"\bnot\b|n't", target):
            return replaced(i, target[:match.end()] + " not" + target[match.end():])
        if kind == "name_swapped" and (match := NAME.search(target)) and match.group() in source:
            other = rng.choice([m for d in others for s in d.segments for m in NAME.findall(s[1])] or ["Smith"])
            if other != match.group():
                return replaced(i, target[:match.start()] + other + target[match.end():])
        if kind == "sentence_dropped" and len(body) > 2:
            return replaced(i, "")
        if kind == "sentence_added":
            extra = rng.choice([s[1] for d in others for s in d.segments if not s[2] and len(s[1]) > 60])
            return replaced(i, f"{target} {extra}")
    return None


def _clauses(text: str) -> list[re.Match[str]]:
    """The comma-delimited stretches of 4-12 words of an English sentence."""
    return [match for match in CLAUSE.finditer(text) if len(match.group(1).split()) in CLAUSE_WORDS]


def _edit_body(doc: Doc, rng: random.Random, edit: Callable[[str], str | None]) -> tuple[Doc, str, str] | None:
    """The document with the first English body sentence (in a seeded order) that `edit` changes, changed."""
    segments = list(doc.segments)
    body = [i for i, s in enumerate(segments) if not s[2]]
    rng.shuffle(body)
    for i in body:
        source, target, headline, paragraph = segments[i]
        if (edited := edit(target)) is not None:
            segments[i] = (source, edited, headline, paragraph)
            return Doc(doc.id, tuple(segments)), source, edited
    return None


def drop_clause(doc: Doc, rng: random.Random) -> tuple[Doc, str, str] | None:
    """The document with one comma-delimited stretch of 4-12 words cut out of one English body sentence."""
    def cut(target: str) -> str | None:
        clauses = _clauses(target)
        if not clauses:
            return None
        clause = rng.choice(clauses)
        return target[:clause.start()] + target[clause.end():]
    return _edit_body(doc, rng, cut)


def add_clause(doc: Doc, rng: random.Random, clauses: list[str]) -> tuple[Doc, str, str] | None:
    """The document with one of `clauses` (from other documents) put in after a comma of one English body sentence."""
    def put(target: str) -> str | None:
        commas = [match.start() for match in re.finditer(",", target)]
        if not commas:
            return None
        at = rng.choice(commas)
        return f"{target[:at]},{rng.choice(clauses)}{target[at:]}"
    return _edit_body(doc, rng, put)


def wmt(held_out: bool, translator: ApertiumTranslator) -> None:
    docs = wmt_docs(held_out)
    originals = analyse([doc.pair() for doc in docs], translator)
    segments, ours, theirs, codes = false_flags(docs, originals)
    split = "held-out 2012-2013" if held_out else "dev 2008-2011"
    print(f"\nWMT {split}: {len(docs)} documents, {segments} segments")
    print(f"  major+critical flags per 100 segments on the professional English: ours {ours:.1f} | "
          f"pofilter {theirs:.1f}")
    print(f"  our codes: {', '.join(f'{c} {n}' for c, n in codes.most_common())}")
    injected_recall(docs, originals, translator)


def injected_recall(docs: list[Doc], originals: list[DocumentAnalysis], translator: ApertiumTranslator) -> None:
    """Print the recall (ours | pofilter) on shifts injected into the documents' English, one of each kind per document
    where it applies: a shift counts as caught when it brings a major or critical flag the original did not have."""
    rng = random.Random(4)
    injected: list[tuple[str, int, Doc, str, str]] = []
    for n, doc in enumerate(docs):
        for kind in INJECTIONS:
            result = inject(doc, kind, rng, docs[:n] + docs[n + 1:])
            if result:
                injected.append((kind, n, *result))
    clause_rng = random.Random(7)  # its own draw: the kinds above keep theirs
    injected += [("clause_dropped", n, *result) for n, doc in enumerate(docs) if (result := drop_clause(doc, clause_rng))]
    clauses = [[m.group(1) for s in doc.segments for m in _clauses(s[1])] for doc in docs]  # each document's, once
    for n, doc in enumerate(docs):
        others = [clause for m, found in enumerate(clauses) if m != n for clause in found]
        if result := add_clause(doc, clause_rng, others):
            injected.append(("clause_added", n, *result))
    shifted = analyse([d.pair(f"{d.id}#{kind}") for kind, _, d, _, _ in injected], translator)
    hits: dict[str, list[bool]] = defaultdict(list)
    peer: dict[str, list[bool]] = defaultdict(list)
    for (kind, n, _, source, target), result in zip(injected, shifted):
        before = Counter(_key(f) for f in originals[n].flags)
        after = Counter(_key(f) for f in result.flags)
        new = after - before
        hits[kind].append(any(sev in SERIOUS or (kind == "quote_removed" and "quote" in code) for code, sev, _ in new))
        peer[kind].append(bool(pofilter_codes(source, target) - pofilter_codes(source, docs[n].target_of(source))))
    print("  recall on injected shifts (ours | pofilter)")
    for kind in INJECTIONS:
        print(f"    {kind:17} {_share(hits[kind]):>6} | {_share(peer[kind]):>6}  n={len(hits[kind])}")
    every = [h for kind in INJECTIONS for h in hits[kind]]
    every_peer = [h for kind in INJECTIONS for h in peer[kind]]
    print(f"    {'overall':17} {_share(every):>6} | {_share(every_peer):>6}  n={len(every)}")
    for kind in ("clause_dropped", "clause_added"):
        print(f"    {kind:17} {_share(hits[kind]):>6} | {_share(peer[kind]):>6}  n={len(hits[kind])}  (not in overall)")


def _key(flag: object) -> tuple[str, Severity, object]:
    return flag.code, flag.severity, flag.field  # type: ignore[attr-defined]


def _share(values: Iterable[bool]) -> str:
    values = list(values)
    return f"{sum(values) / len(values):.2f}" if values else "  -  "


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--held-out", action="store_true", help="the held-out split: run once, at the end")
    parser.add_argument("--show", type=int, default=0, help="print N false flags per DEMETR faithful set and per original language of the other documents")
    parser.add_argument("--only", choices=("demetr", "wmt", "free", "written", "mt", "other", "ntrex", "halomi"),
                        default=None)
    parser.add_argument("--other-documents", type=Path, default=None, metavar="DIR",
                        help="a folder with the WMT 2008-2013 -src.es/en.sgm files: also report their other documents")
    args = parser.parse_args()
    if args.only == "other" and args.other_documents is None:
        parser.error("--only other needs --other-documents DIR")
    every_set = OTHER_SETS + HELD_OUT_OTHER_SETS
    if args.other_documents and not all((args.other_documents / f"{name}-src.es.sgm").exists() for name in every_set):
        parser.error(f"{args.other_documents} lacks the SGM files of {', '.join(every_set)}")
    translator = ApertiumTranslator()
    split = "held-out" if args.held_out else "dev"
    runs: dict[str, Callable[[], None]] = {"demetr": lambda: demetr(args.held_out, translator, args.show),
                                           "wmt": lambda: wmt(args.held_out, translator),
                                           "free": lambda: free_renderings(translator),
                                           "written": lambda: [written_news(translator, path, "held-out") for path
                                                               in (WRITTEN_NEWS_HELD_OUT, WRITTEN_NEWS_HELD_OUT_2,
                                                                        WRITTEN_NEWS_HELD_OUT_3, WRITTEN_NEWS_HELD_OUT_4)],
                                           "mt": lambda: [mt_errors(translator, path, split) for path in (
                                               (MT_ERRORS_HELD_OUT, MT_ERRORS_HELD_OUT_2, MT_ERRORS_HELD_OUT_3) if args.held_out
                                               else (MT_ERRORS, MT_ERRORS_2))],
                                           "other": lambda: wmt_other(args.other_documents, args.held_out, translator, args.show),
                                           "ntrex": lambda: unseen.ntrex(args.held_out, translator, pofilter_codes, args.show),
                                           "halomi": lambda: unseen.halomi(args.held_out, translator, pofilter_codes, args.show)}
    for name, run in runs.items():
        dev_only, held_out_only = name == "free", name == "written"  # written: the held-out written news
        if args.only in (None, name) and not (args.held_out and dev_only) and not (held_out_only and not args.held_out) \
                and (name != "other" or args.other_documents):
            run()


if __name__ == "__main__":
    main()
