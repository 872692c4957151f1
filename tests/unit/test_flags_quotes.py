"""Quote detectors, table-driven: dropped quotes are flagged, kept ones (any marks) are not."""
from __future__ import annotations

import pytest

from review.core.alignment.aligning import align
from review.core.flags import REGISTRY, Detector, FieldContext, detect_all, register
from review.core.flags.quotes import find_quotes, is_direct_speech
from review.core.model import Severity
from review.core.text.segmenting import split_sentences

SEED_ES = "«Esa medida está descartada»: Presidente de Perú echó por tierra el «corredor humanitario» de Kast"
SEED_EN = "Peruvian President Dismisses Kast's Proposal for Humanitarian Corridor"
SEED_MT = "«This measure is descartada»: President of Peru debunked the «humanitarian runner» of Kast"


def context(source: str, target: str, pseudo: list[str], field: str = "body") -> FieldContext:
    src, tgt = split_sentences(source, "es"), split_sentences(target, "en")
    assert len(pseudo) == len(src), "one pseudo-reference line per source sentence"
    links = align([s.text for s in src], [t.text for t in tgt], pseudo)
    return FieldContext(field, source, target, tuple(src), tuple(tgt), tuple(pseudo), links)


def quote_codes(ctx: FieldContext) -> list[str]:
    return [flag.code for flag in detect_all(ctx) if "quote" in flag.code]


CASES = [
    # (name, source, target, pseudo-reference per source sentence, expected codes)
    ("seed headline", SEED_ES, SEED_EN, [SEED_MT], ["quote_dropped", "scare_quotes_dropped"]),
    ("short quote + speech verb after", "«No», dijo el ministro.", "The minister said no.",
     ["«No», said the minister."], ["quote_dropped"]),
    ("speech verb before", "El ministro afirmó: «Vamos a ganar».", "The minister said they would win.",
     ["The minister affirmed: «We go to win»."], ["quote_dropped"]),
    ("straight quotes, 4+ words", 'El alcalde dijo que "la obra está terminada" ayer.',
     "The mayor said the work was finished yesterday.", ['The mayor said that "the work is finished" yesterday.'],
     ["quote_dropped"]),
    ("scare quotes dropped", "El Gobierno defiende su «reforma laboral».", "The government defends its labour reform.",
     ["The Government defends his «labour reform»."], ["scare_quotes_dropped"]),
    ("direct kept, scare dropped", "«Esa medida está descartada»: Jerí rechaza el «corredor humanitario»",
     '"That measure is ruled out": Jerí rejects humanitarian corridor',
     ["«This measure is descartada»: Jerí rejects the «humanitarian runner»"], ["scare_quotes_dropped"]),
    ("quote kept in other marks", "«Esa medida está descartada», afirmó Jerí.", '"That measure is ruled out," Jerí said.',
     ["«This measure is descartada», affirmed Jerí."], []),
    ("scare kept in curly quotes", "Kast propuso un «corredor humanitario» para migrantes.",
     "Kast proposed a “humanitarian corridor” for migrants.", ["Kast proposed a «humanitarian runner» for migrantes."], []),
    ("scare kept in single quotes", "El plan de «corredor humanitario» de Kast fracasó.",
     "Kast's 'humanitarian corridor' plan failed.", ["The plan of «humanitarian runner» of Kast failed."], []),
    ("no quotes", "El presidente descartó la medida.", "The president ruled out the measure.",
     ["The president descartó the measure."], []),
    ("quote kept in a later sentence", "Jerí habló con CNN. «No vamos a permitirlo», dijo.",
     'Jerí spoke to CNN. "We will not allow it," he said.', ["Jerí spoke with CNN.", "«We do not go to allow it», said."], []),
    ("kept in typewriter quotes", "«Es difícil lograr la aprobación», admitió.", "`It's hard to get approval,' he conceded.",
     ["«It is difficult to achieve the approval», admitted."], []),
    ("both kept in the seed body", "Rechazó el «corredor humanitario». «Esa medida está descartada», afirmó.",
     'He rejected the "humanitarian corridor". "That measure is ruled out," he said.',
     ["It rejected the «humanitarian runner».", "«This measure is descartada», affirmed."], []),
]


@pytest.mark.parametrize(("name", "source", "target", "pseudo", "expected"), CASES, ids=[c[0] for c in CASES])
def test_quote_detectors(name: str, source: str, target: str, pseudo: list[str], expected: list[str]) -> None:
    assert sorted(quote_codes(context(source, target, pseudo))) == sorted(expected)


def test_seed_headline_flags_in_detail() -> None:
    flags = {flag.code: flag for flag in detect_all(context(SEED_ES, SEED_EN, [SEED_MT], field="headline"))}
    dropped, scare = flags["quote_dropped"], flags["scare_quotes_dropped"]
    assert dropped.message == "Source quote «Esa medida está descartada» has no quoted counterpart in the English"
    assert SEED_ES[slice(*dropped.source_span)] == "«Esa medida está descartada»"
    assert (dropped.severity, dropped.category, dropped.field) == (Severity.MAJOR, "accuracy", "headline")
    assert scare.message == ("Scare quotes around «corredor humanitario» were dropped: "
                             "the English states the term as its own")
    assert SEED_ES[slice(*scare.source_span)] == "«corredor humanitario»"
    assert scare.severity is Severity.MINOR
    assert dropped.target_span == scare.target_span == (0, len(SEED_EN))


@pytest.mark.parametrize(
    ("text", "direct"),
    [
        ("«Esa medida está descartada»: Presidente", True),
        ("«No», dijo.", True),
        ("Aseguró: «Nunca»", True),
        ("el «corredor humanitario» de Kast", False),
        ("dijo que el «corredor humanitario» no sirve", False),
    ],
)
def test_direct_speech_classification(text: str, direct: bool) -> None:
    (quote,) = find_quotes(text)
    assert is_direct_speech(text, quote) is direct


def test_find_quotes_skips_apostrophes_and_nested_spans() -> None:
    assert find_quotes("Kast's plan and the migrants' route") == []
    quotes = find_quotes("«Ese “corredor” no existe», dijo")
    assert [q.inner for q in quotes] == ["Ese “corredor” no existe"]


@pytest.mark.parametrize(("text", "inner"), [
    # each paragraph of the quote opens with the mark, the last one closes it
    ("She said: 'We are ready.\n\n'The plan is not popular, it's clear.\n\n'Drop it now.'\n\nOthers agreed.",
     "We are ready.\n\nThe plan is not popular, it's clear.\n\nDrop it now."),
    # the last paragraph without its opening mark
    ("She said: 'We are ready.\n\nDrop it now.'", "We are ready.\n\nDrop it now."),
    ("Dijo: «Estamos listos.\n\n«Déjenlo ya».", "Estamos listos.\n\nDéjenlo ya"),
])
def test_a_quote_over_several_paragraphs_is_one_quote(text: str, inner: str) -> None:
    assert [quote.inner for quote in find_quotes(text)] == [inner]


def test_an_unclosed_mark_without_a_following_quote_is_no_quote() -> None:
    assert find_quotes("The '90s were fun.\n\nIt's true, he's right.\n\nDone.") == []
    assert [q.inner for q in find_quotes('A stray mark ends this."\n\n"A quote of its own."')] == ["A quote of its own."]
    assert [q.inner for q in find_quotes("He said 'no' and left.\n\nThen 'yes' came.")] == ["no", "yes"]


def test_registry_codes_and_metadata() -> None:
    assert {"quote_dropped", "scare_quotes_dropped", "omission", "addition"} <= set(REGISTRY)
    for code, detector in REGISTRY.items():
        assert detector.code == code and detector.category and detector.version >= 1


def test_register_rejects_a_duplicate_code() -> None:
    class Again(Detector):
        code = "quote_dropped"
        category = "accuracy"
        severity = Severity.MAJOR

    with pytest.raises(ValueError, match="registered twice"):
        register(Again)


@pytest.mark.parametrize(("source", "target", "pseudo", "expected"), [
    ('Filma la secuela "El reino de la calavera de cristal".', "He is filming the sequel The Kingdom Of The Crystal "
     "Skull.", ['Films the sequel "The kingdom of the skull of crystal".'], Severity.MINOR),  # a title, italic
    ('Filma la secuela "El reino de la calavera de cristal".', "He is filming the sequel for Warner Bros Pictures.",
     ['Films the sequel "The kingdom of the skull of crystal".'], Severity.MAJOR),  # capitals, but not the title
    ('Dijo: "El reino de la calavera de cristal".', "He named The Kingdom Of The Crystal Skull.",
     ['Said: "The kingdom of the skull of crystal".'], Severity.MAJOR),  # spoken words, not a title
    ("Ganó el concurso «¿Quién quiere ser millonario?».", "He won Who Wants to be a Millionaire?",
     ["Won the contest «Who wants to be millionaire?»."], Severity.MINOR),  # small words inside a title
])
def test_a_quoted_title_given_in_capitals_is_minor(source: str, target: str, pseudo: list[str],
                                                    expected: Severity) -> None:
    dropped = [f for f in detect_all(context(source, target, pseudo)) if f.code == "quote_dropped"]
    assert [f.severity for f in dropped] == [expected]


def test_a_quote_turned_into_reported_speech_is_minor() -> None:
    ctx = context("«No vamos a subir los impuestos», aseguró Rajoy.", "Rajoy promised not to raise taxes.",
                  ["«We do not go to raise the taxes», assured Rajoy."])
    assert [(f.code, f.severity) for f in detect_all(ctx) if f.code in ("quote_dropped", "attribution_lost")] == [
        ("quote_dropped", Severity.MINOR)]
