"""Sentence splitting: boundaries, abbreviations, numbers, quotes, offsets and paragraphs."""
from __future__ import annotations

import pytest

from review.core.segmenting import split_sentences


def texts(text: str, lang: str = "es") -> list[str]:
    return [segment.text for segment in split_sentences(text, lang)]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("es", "Llueve. Hace frío.", ["Llueve.", "Hace frío."]),
        ("es", "¿Vendrá? ¡Claro! Ya veremos…", ["¿Vendrá?", "¡Claro!", "Ya veremos…"]),
        ("es", "Dijo que sí. ¿Cuándo? Mañana.", ["Dijo que sí.", "¿Cuándo?", "Mañana."]),
        ("es", "El Sr. Pérez y la Dra. Gómez llegaron. Luego hablaron.", ["El Sr. Pérez y la Dra. Gómez llegaron.", "Luego hablaron."]),
        ("es", "Viajó a EE.UU. El lunes volvió.", ["Viajó a EE.UU. El lunes volvió."]),
        ("es", "Lo dijo José A. Kast en Santiago.", ["Lo dijo José A. Kast en Santiago."]),
        ("es", "Vive en el núm. 5 de la calle.", ["Vive en el núm. 5 de la calle."]),
        ("es", "Subió un 4,1% hasta 42.000 euros. Es un 3.5 más.", ["Subió un 4,1% hasta 42.000 euros.", "Es un 3.5 más."]),
        ("es", "Ocurrió en 2025. El año acabó.", ["Ocurrió en 2025.", "El año acabó."]),
        ("es", "Abrirá a las 9 a.m. Cerrará tarde.", ["Abrirá a las 9 a.m. Cerrará tarde."]),
        ("es", "etc. y más cosas.", ["etc. y más cosas."]),
        ("en", "Mr. Smith met Mrs. Jones in the U.S. capital. They talked.", ["Mr. Smith met Mrs. Jones in the U.S. capital.", "They talked."]),
        ("en", "He said no. Then he left.", ["He said no.", "Then he left."]),
        ("en", 'He said "no." Then he left.', ['He said "no."', "Then he left."]),
        ("es", "Dijo: «Está descartado. No hay más». Luego se fue.", ["Dijo: «Está descartado. No hay más».", "Luego se fue."]),
        ("es", "«Está descartado.» Luego se fue.", ["«Está descartado.»", "Luego se fue."]),
        ("en", "“It is over. We are done,” he said. Then he left.", ["“It is over. We are done,” he said.", "Then he left."]),
        ("es", "Fin. «Cita nueva», dijo.", ["Fin.", "«Cita nueva», dijo."]),
        ("es", "", []),
    ],
)
def test_sentence_boundaries(lang: str, text: str, expected: list[str]) -> None:
    assert texts(text, lang) == expected


def test_offsets_indices_and_paragraphs() -> None:
    text = "  Uno dos. Tres cuatro.\n\n\nCinco seis.\nSiete.  \n \nOcho."
    segments = split_sentences(text, "es")
    assert [s.text for s in segments] == ["Uno dos.", "Tres cuatro.", "Cinco seis.", "Siete.", "Ocho."]
    assert [s.index for s in segments] == [0, 1, 2, 3, 4]
    assert [s.paragraph for s in segments] == [0, 0, 1, 1, 2]
    for segment in segments:
        assert text[segment.start:segment.end] == segment.text
