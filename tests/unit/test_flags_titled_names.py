"""entity_mismatch on common words capitalised inside a sentence (Interior, Carla del Ponte), with the dictionary."""
from __future__ import annotations

from dataclasses import replace

import pytest

from review.core.flags import detect_all
from review.core.model import Severity
from review.core.text.translate import ApertiumTranslator
from tests.unit.test_flags_adequacy import with_dictionary

pytestmark = pytest.mark.apertium

CASES = [
    # (source, target, the most serious entity_mismatch flag)
    ("La fiscal Carla del Ponte visitó Belgrado.", "Prosecutor Carla del Ponte visited Belgrade.", None),
    ("La fiscal Carla del Ponte visitó Belgrado.", "Prosecutor Carla del Matthew visited Belgrade.", Severity.MAJOR),
    ("El ministro de Interior habló ayer.", "The Interior Minister spoke yesterday.", None),
    ("El ministro de Interior habló ayer.", "Minister Fernández spoke yesterday.", Severity.MAJOR),  # a name for it
    ("El ministro de Interior habló ayer.", "The Health Minister spoke yesterday.", Severity.MINOR),  # another title
    ("Los devotos de la Santa Muerte rezan.", "Devotees of Saint Death pray.", None),  # its dictionary's words
    # the country or city seat of a body the English names without it; not another place, nor a university's name
    ("La Policía Metropolitana de Londres investiga el caso.", "The Metropolitan Police is investigating the case.",
     Severity.MINOR),
    ("La Policía Metropolitana de Londres investiga el caso.", "The Manchester Police is investigating the case.",
     Severity.MAJOR),
    ("El Tribunal Supremo de EE. UU. falló a favor del estado.", "The Supreme Court ruled in favor of the state.",
     Severity.MINOR),
    ("El Tribunal Supremo de EE. UU. falló a favor del estado.",
     "The Supreme Court of Mexico ruled in favor of the state.", Severity.MAJOR),
    ("La Universidad de Harvard publicó el estudio.", "The University published the study.", Severity.MAJOR),
    # a name inside a description in parentheses, which the English leaves out
    ("La ley Obamacare (la reforma sanitaria de Barack Obama) sigue vigente.", "Obamacare remains in force.",
     Severity.MINOR),
    ("El Partido Republicano ganó en Ohio.", "The GOP won in Ohio.", Severity.MINOR),  # rendered by function
    ("Hay nieve en las Montañas Rocosas.", "There is snow in the Rockies.", Severity.MINOR),  # the English form
    ("El Congreso aprobó la Ley de Costas.", "Congress passed the Coastal Law.", Severity.MINOR),  # Costas respelled
    ("«Nadie lo sabe», dijo Pérez.", '"No one knows," Pérez said.', None),  # a capital opening a quotation
    ("Lo dijo un profesor de la Universidad Rutgers.", "A university professor said so.", Severity.MAJOR),  # no name
    ("Jan Novák habló ayer. El apoyo de la Federación fue clave.",
     "Jan Novák spoke yesterday. The support of Novák's union was key.", Severity.MINOR),  # a name of the document
    ("Quebró el Instituto de Concursos Mercantiles.", "The Institute of Mercantile Bankruptcies went bust.",
     Severity.MINOR),  # an English plural is no name brought in
    # a common noun the tagger reads as a name (before a word it does not know) is found by its English words
    ("El Imperio otomano duró más de seis siglos.", "The Ottoman Empire lasted for over six centuries.", None),
    ("El Imperio otomano duró más de seis siglos.", "The Ottoman dynasty lasted for over six centuries.",
     Severity.MAJOR),
    # an acronym the English spells out, a short acronym among its words giving all its letters
    ("La UKHSA pidió a los padres que vacunen a sus hijos.",
     "The UK Health Security Agency urged parents to vaccinate their children.", None),
    ("La UKHSA pidió a los padres que vacunen a sus hijos.",
     "The UK Health Ministry urged parents to vaccinate their children.", Severity.MAJOR),
]


@pytest.mark.parametrize(("source", "target", "expected"), CASES)
def test_a_capitalised_common_word_is_a_name_or_title(apertium: ApertiumTranslator, source: str, target: str,
                                                      expected: Severity | None) -> None:
    found = [f.severity for f in detect_all(with_dictionary(apertium, source, target))
             if f.code == "entity_mismatch" and f.severity is not Severity.INFO]
    order = [Severity.MINOR, Severity.MAJOR, Severity.CRITICAL]
    assert (max(found, key=order.index) if found else None) == expected


@pytest.mark.parametrize(("source", "target", "respelling"), [
    ("Según Morales, más de cien personas acudieron.", "More than a hundred people came, according to Smith.", None),
    ("El juez citó a Ivanovic ayer.", "The judge summoned Ivonic yesterday.", "Ivonic"),
])
def test_an_english_word_opening_the_sentence_is_no_respelling_of_a_name_inside_it(
        apertium: ApertiumTranslator, source: str, target: str, respelling: str | None) -> None:
    messages = [f.message for f in detect_all(with_dictionary(apertium, source, target)) if f.code == "entity_mismatch"]
    spelled = [m.split('spelled "')[1].split('"')[0] for m in messages if "spelled" in m]
    assert spelled == ([respelling] if respelling else [])


@pytest.mark.parametrize(("target", "expected"), [
    ("The Army announced the withdrawal of its troops.", ['"EE. UU" is not found in the English sentence']),
    ("The US Army announced the withdrawal of its troops.", []),
])
def test_an_abbreviation_in_two_parts_is_one_name(apertium: ApertiumTranslator, target: str,
                                                  expected: list[str]) -> None:
    flags = detect_all(with_dictionary(apertium, "El ejército de EE. UU. anunció la retirada de sus tropas.", target))
    assert [f.message for f in flags if f.code == "entity_mismatch" and f.severity is Severity.MAJOR] == expected


@pytest.mark.parametrize(("target", "expected"), [
    ("The Army announced the withdrawal of its troops.", Severity.MAJOR),
    ("The US Army announced the withdrawal of its troops.", None),
    ("The American army announced the withdrawal of its troops.", None),
])
def test_a_name_apertium_renders_part_by_part_must_be_found(apertium: ApertiumTranslator, target: str,
                                                             expected: Severity | None) -> None:
    flags = detect_all(with_dictionary(apertium, "El ejército de Estados Unidos anunció la retirada de sus tropas.",
                                       target))
    found = [f.severity for f in flags if f.code == "entity_mismatch" and f.severity is not Severity.INFO]
    assert (max(found, key=[Severity.MINOR, Severity.MAJOR, Severity.CRITICAL].index) if found else None) == expected


@pytest.mark.parametrize(("target", "body", "expected"), [
    # a name the English headline leaves to the story is minor; a name brought in for it is not
    ("Maduro declared winner amid fraud claims", "Venezuela's CNE declared Maduro the winner.", Severity.MINOR),
    ("Maduro declared winner amid fraud claims", "Officials in Caracas declared Maduro the winner.",
     Severity.MAJOR),
    ("Machado declared winner amid fraud claims", "Venezuela's CNE declared Machado the winner.", Severity.MAJOR),
])
def test_a_name_the_english_headline_leaves_to_its_body(apertium: ApertiumTranslator, target: str, body: str,
                                                        expected: Severity) -> None:
    headline = replace(with_dictionary(apertium, "El CNE proclama a Maduro ganador entre denuncias de fraude",
                                       target, "headline"),
                       other_field=("El organismo electoral proclamó a Maduro ganador.", body))
    found = [f.severity for f in detect_all(headline) if f.code == "entity_mismatch" and "CNE" in f.message]
    assert found == [expected]
