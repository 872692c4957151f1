"""Sentence splitting: boundaries, abbreviations, numbers, quotes, bullets, offsets and paragraphs."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from review.core.text.segmenting import split_like, split_sentences


def texts(text: str, lang: str = "es") -> list[str]:
    return [segment.text for segment in split_sentences(text, lang)]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("es", "Llueve. Hace frío.", ["Llueve.", "Hace frío."]),
        ("es", "¿Vendrá? ¡Claro! Ya veremos…", ["¿Vendrá?", "¡Claro!", "Ya veremos…"]),
        ("es", "Dijo que sí. ¿Cuándo? Mañana.", ["Dijo que sí.", "¿Cuándo?", "Mañana."]),
        ("es", "El Sr. Pérez y la Dra. Gómez llegaron. Luego hablaron.", ["El Sr. Pérez y la Dra. Gómez llegaron.", "Luego hablaron."]),
        ("es", "Lo recibió el Excmo. Sr. Alcalde. Luego habló.", ["Lo recibió el Excmo. Sr. Alcalde.", "Luego habló."]),
        ("es", "Lo dijo Mr. Brown. A Mr. Smith no le gusta.", ["Lo dijo Mr. Brown.", "A Mr. Smith no le gusta."]),
        # a dotted abbreviation ends the sentence only before a common sentence opener
        ("es", "Viajó a EE.UU. El lunes volvió.", ["Viajó a EE.UU.", "El lunes volvió."]),
        ("es", "La embajada de EE.UU. Madrid abrió.", ["La embajada de EE.UU. Madrid abrió."]),
        ("en", "He flew to the U.S. The trip was short.", ["He flew to the U.S.", "The trip was short."]),
        # a.m./p.m. end a sentence before a capitalised word, unless a day, month or time zone goes on with it
        ("en", "The shooting happened at 10 p.m. Police arrived later.",
         ["The shooting happened at 10 p.m.", "Police arrived later."]),
        ("en", "It lifts off at 10 a.m. Friday from Florida.", ["It lifts off at 10 a.m. Friday from Florida."]),
        ("en", "Polls close at 8 p.m. ET on Tuesday.", ["Polls close at 8 p.m. ET on Tuesday."]),
        ("en", "The U.S. Senate voted.", ["The U.S. Senate voted."]),
        # Spanish plural abbreviations of doubled capitals, spaced: never split inside, end only before an opener
        ("es", "El secretario de Estado de EE. UU. dijo que sí. Luego se fue.",
         ["El secretario de Estado de EE. UU. dijo que sí.", "Luego se fue."]),
        ("es", "Llegó a EE. UU. El lunes habló.", ["Llegó a EE. UU.", "El lunes habló."]),
        ("es", "Llegó a EE. UU. Trump habló.", ["Llegó a EE. UU. Trump habló."]),
        ("es", "Las FF. AA. desfilaron ayer. Nadie faltó.", ["Las FF. AA. desfilaron ayer.", "Nadie faltó."]),
        ("es", "Los JJ. OO. de Invierno empiezan hoy.", ["Los JJ. OO. de Invierno empiezan hoy."]),
        ("es", "Lo dijo el Gral. Ruiz en la Av. Central, núm. 4. Nadie más.",
         ["Lo dijo el Gral. Ruiz en la Av. Central, núm. 4.", "Nadie más."]),
        # Spanish titles kept in an English rendering
        ("en", "Sra. Rushmore opened the shop. She smiled.", ["Sra. Rushmore opened the shop.", "She smiled."]),
        ("en", "The Gral. Ruiz bridge on Av. Central closed. Traffic stopped.",
         ["The Gral. Ruiz bridge on Av. Central closed.", "Traffic stopped."]),
        ("en", "Dr. Lee met Sra. Ortiz. They talked.", ["Dr. Lee met Sra. Ortiz.", "They talked."]),
        ("es", "Lo dijo José A. Kast en Santiago.", ["Lo dijo José A. Kast en Santiago."]),
        ("en", "Said J. R. R. Tolkien once.", ["Said J. R. R. Tolkien once."]),
        ("es", "Vive en el núm. 5 de la calle.", ["Vive en el núm. 5 de la calle."]),
        ("es", "Subió un 4,1% hasta 42.000 euros. Es un 3.5 más.", ["Subió un 4,1% hasta 42.000 euros.", "Es un 3.5 más."]),
        ("en", "It rose 4.1% to 42,000 euros. That is 3.5 more.", ["It rose 4.1% to 42,000 euros.", "That is 3.5 more."]),
        ("es", "Ocurrió en 2025. El año acabó.", ["Ocurrió en 2025.", "El año acabó."]),
        ("es", "Abrirá a las 9 a.m. Cerrará tarde.", ["Abrirá a las 9 a.m. Cerrará tarde."]),
        ("es", "etc. y más cosas.", ["etc. y más cosas."]),
        ("en", "Mr. Smith met Mrs. Jones in the U.S. capital. They talked.", ["Mr. Smith met Mrs. Jones in the U.S. capital.", "They talked."]),
        ("en", "He said no. Then he left.", ["He said no.", "Then he left."]),
        ("en", 'He said "no." Then he left.', ['He said "no."', "Then he left."]),
        # quotes spanning sentences stay whole
        ("es", "Dijo: «Está descartado. No hay más». Luego se fue.", ["Dijo: «Está descartado. No hay más».", "Luego se fue."]),
        ("es", "«Está descartado.» Luego se fue.", ["«Está descartado.»", "Luego se fue."]),
        ("en", "“It is over. We are done,” he said. Then he left.", ["“It is over. We are done,” he said.", "Then he left."]),
        ("es", "Fin. «Cita nueva», dijo.", ["Fin.", "«Cita nueva», dijo."]),
        # a quote never closed in its paragraph does not swallow the rest of it
        ("es", "Dijo «basta. Nadie respondió. Todos se fueron.", ["Dijo «basta.", "Nadie respondió.", "Todos se fueron."]),
        # headline colons and ellipses
        ("es", "«Está descartado»: Boluarte cierra el corredor", ["«Está descartado»: Boluarte cierra el corredor"]),
        ("es", "Perú: el Gobierno descarta el corredor humanitario", ["Perú: el Gobierno descarta el corredor humanitario"]),
        ("es", "Esperó... y esperó. Nadie vino... Al final se fue.", ["Esperó... y esperó.", "Nadie vino...", "Al final se fue."]),
        # bullet lines are sentences of their own, ended or not
        ("es", "Las medidas:\n- Subir el IVA\n- Bajar el gasto. Ya.\n• Congelar plazas",
         ["Las medidas:", "- Subir el IVA", "- Bajar el gasto.", "Ya.", "• Congelar plazas"]),
        ("es", "Cayó un 5 - 3 en casa.\nSiguió la racha.", ["Cayó un 5 - 3 en casa.", "Siguió la racha."]),
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


NEWSY = st.text(alphabet=st.sampled_from(list("aAbEeUu .,;:!?¿¡…«»“”\"'()-•\n 0123")), max_size=120)


@given(text=NEWSY, lang=st.sampled_from(["es", "en"]))
def test_segments_tile_the_text(text: str, lang: str) -> None:
    segments = split_sentences(text, lang)
    for previous, segment in zip(segments, segments[1:]):
        assert previous.end <= segment.start and previous.paragraph <= segment.paragraph
    for index, segment in enumerate(segments):
        assert segment.index == index
        assert segment.text == text[segment.start:segment.end] == segment.text.strip() != ""
    # nothing but whitespace is lost between segments
    assert "".join(s.text for s in segments).replace(" ", "").replace("\n", "") == \
        "".join(text.split())


@pytest.mark.parametrize(
    ("sentences", "translation", "expected"),
    [
        (["Hola."], "Hello there.", ["Hello there."]),
        ([], "Anything.", []),
        (["Hola.", "Adiós, amigo."], "Hello. Goodbye, friend.", ["Hello.", "Goodbye, friend."]),
        # the MT does not split the same way: its words are shared out by the sentences' word counts
        (["Uno dos.", "Tres cuatro cinco seis."], "one two three four five six", ["one two", "three four five six"]),
    ],
)
def test_split_like_cuts_a_line_translation_per_source_sentence(sentences: list[str], translation: str,
                                                                 expected: list[str]) -> None:
    assert split_like(sentences, translation, "en") == expected
