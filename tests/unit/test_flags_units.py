"""Numbers equal under conversion (review/core/flags/units.py through number_mismatch), table-driven.

Sentences written for these tests. Each conversion a translator makes is next to a wrong number in the same
frame, so that the tolerance cannot swallow a real change.
"""
from __future__ import annotations

import pytest

from review.core.flags import detect_all
from review.core.flags.numbers import quantities, vocabulary
from review.core.flags.units import converted
from review.core.model import Severity
from review.core.text.translate import ApertiumTranslator
from tests.unit.test_flags_detectors import codes, context

pytestmark = pytest.mark.apertium

CASES = [
    # (source, target, flagged)
    ("Se esperan entre 5 y 10 centímetros de nieve.", "Between 2 and 4 inches of snow are expected.", False),
    ("Se esperan entre 5 y 10 centímetros de nieve.", "Between 2 and 9 inches of snow are expected.", True),
    ("Caerán de 2 a 5 centímetros, y hasta 10 en las cumbres.", "Expect 1 to 2 inches, and up to 4 on the peaks.",
     False),
    ("El balón voló algo más de 27 metros.", "The ball flew about 30 yards.", False),
    ("El balón voló algo más de 27 metros.", "The ball flew about 50 yards.", True),
    ("El pívot, de 1,98 metros de altura, firmó ayer.", "The 6-foot-6 center signed yesterday.", False),
    ("El pívot, de 1,98 metros de altura, firmó ayer.", "The 5-foot-6 center signed yesterday.", True),
    ("El jugador mide 2,03 metros.", "The player is 6-foot-8.", False),  # a height that ends the sentence
    ("El jugador mide 2,03 metros.", "The player is 5-foot-8.", True),
    ("El jugador mide más de dos metros.", "The player is 6 ft 7 in tall.", False),
    ("La granja ocupa 40 hectáreas.", "The farm covers 100 acres.", False),
    # a half after any noun a small count counts (not when a noun follows: y medio país is half the country)
    ("La crítica le dio dos estrellas y media.", "The critics gave it two and a half stars.", False),
    ("La crítica le dio dos estrellas y media.", "The critics gave it three and a half stars.", True),
    # an ordinal centenary is its hundreds; a race time in h:mm:ss
    ("La ciudad celebra el octavo centenario de su catedral.", "The city marks the 800th anniversary of its "
     "cathedral.", False),
    ("La ciudad celebra el octavo centenario de su catedral.", "The city marks the 700th anniversary of its "
     "cathedral.", True),
    ("Ganó en 1 hora, 59 minutos y 40 segundos.", "He won in 1:59:40.", False),
    ("Ganó en 1 hora, 59 minutos y 40 segundos.", "He won in 1hr 59min 40sec.", False),
    ("Ganó en 1 hora, 59 minutos y 40 segundos.", "He won in 1hr 58min 40sec.", True),
    ("El partido empieza a las cinco y media.", "The match starts at half past five.", False),
    ("El partido empieza a las cinco y media.", "The match starts at half past six.", True),
    ("El servicio funcionará las 24 horas.", "The service will run 24/7.", False),
    ("Los resultados se esperan hacia la una de la madrugada.", "Results are expected around 1am.", False),
    ("Los resultados se esperan hacia la una de la madrugada.", "Results are expected around 2am.", True),
    ("La casa se construyó a principios del siglo XX.", "The house was built in the early 1900s.", False),
    ("La casa se construyó a principios del siglo XIX.", "The house was built in the early 1900s.", True),
    ("El banco subió los tipos un cuarto de punto.", "The bank raised rates by 25 basis points.", False),
    ("El banco subió los tipos medio punto.", "The bank raised rates by 25 basis points.", True),
    ("Ganó en 1 hora, 59 minutos y 40 segundos.", "He won in 1:58:40.", True),
    # a number counting a noun of its own takes no unit from the sentence's lone one (24 horas is no area)
    ("El fuego quemó 1.600 hectáreas en 24 horas.", "The fire burned 4,000 acres in 24 hours.", False),
    ("El fuego quemó 1.600 hectáreas en 24 horas.", "The fire burned 4,000 acres in 48 hours.", True),
    ("La maleta pesaba 23 kilos.", "The suitcase weighed 50 pounds.", False),
    ("La maleta pesaba 23 kilos.", "The suitcase weighed 80 pounds.", True),
    ("El depósito tiene 200 litros.", "The tank holds 53 gallons.", False),
    ("La temperatura llegó a 40 grados.", "The temperature reached 104 degrees Fahrenheit.", False),
    ("La temperatura llegó a 40 grados.", "The temperature reached 114 degrees Fahrenheit.", True),
    ("Las temperaturas superaron los 38 grados el martes.", "Temperatures topped 100 degrees on Tuesday.", False),
    ("Las temperaturas superaron los 38 grados el martes.", "Temperatures topped 38 degrees on Tuesday.", False),
    ("Las temperaturas superaron los 38 grados el martes.", "Temperatures topped 90 degrees on Tuesday.", True),
    ("La temperatura bajó a -10 grados.", "The temperature fell to 14F.", False),
    ("La temperatura bajó a 10 grados bajo cero.", "The temperature fell to 14F.", False),
    ("La temperatura bajó a 10 grados.", "The temperature fell to 14F.", True),
    ("El tren viaja a 320 kilómetros por hora.", "The train travels at 200mph.", False),
    ("Nevó 30 centímetros en la sierra.", "A foot of snow fell in the hills.", False),
    ("El barco cargaba 3,8 millones de litros de petróleo.", "The ship carried a million gallons of oil.", False),
    ("El barco cargaba 3,8 millones de litros de petróleo.", "The ship carried 3 million gallons of oil.", True),
    ("Se esperan 2,8 billones de libras de ingresos.", "Revenue of £2.8tn is expected.", False),
    ("Se esperan 2,8 billones de libras de ingresos.", "Revenue of £2.8bn is expected.", True),
    ("El partido terminó con empate a uno.", "The match ended 1-1.", False),
    ("El partido terminó con empate a uno.", "The match ended 2-2.", True),
    ("Abrió su primera tienda en 1999.", "She opened her first shop in '99.", False),
    ("Abrió su primera tienda en 1998.", "She opened her first shop in '99.", True),
    ("Nació el 4 de julio.", "He was born on the Fourth of July.", False),
    ("Nació el 5 de julio.", "He was born on the Fourth of July.", True),
    ("La ola alcanzó seis metros.", "The wave reached six meters (18 feet).", False),
    ("El tren viajaba a 300 km/h.", "The train traveled at 300 kph (186 mph).", False),
    ("El barco se hundió unos 30 metros (100 pies).", "The boat sank about 30 meters (100 feet).", False),
    ("La casa se construyó en la década de 1950.", "The house was built in the early '50s.", False),
    ("La casa se construyó en la década de 1950.", "The house was built in the early '60s.", True),
    ("La casa se construyó en los años 50.", "The house was built in the 1950s.", False),
    ("La empresa invertirá 1.000 millones de dólares.", "The company will invest $1bn.", False),
    ("La deuda asciende a 3 billones de euros.", "The debt amounts to 3 trillion euros.", False),
    ("La deuda asciende a 3 billones de euros.", "The debt amounts to 3bn euros.", True),
]


@pytest.mark.parametrize(("source", "target", "flagged"), CASES)
def test_numbers_under_conversion(apertium: ApertiumTranslator, source: str, target: str, flagged: bool) -> None:
    found = codes(context(apertium, source, target), {"number_mismatch"})
    assert found == ({"number_mismatch"} if flagged else set())


PARENTHESISED = [
    # (source, target, the most serious number_mismatch): an equivalent the Spanish adds in parentheses after an
    # amount the English renders is at most minor; a number in parentheses that is no equivalent, or an amount
    # changed, stays serious
    ("El huracán avanzaba a 120 millas por hora (193 km/h).", "The hurricane was moving at 120 mph.", Severity.MINOR),
    ("El huracán avanzaba a 120 millas por hora (193 km/h).", "The hurricane was moving at 150 mph.",
     Severity.CRITICAL),
    ("La multa es de 500 libras (unos 570 euros).", "The fine is £500.", Severity.MINOR),
    ("El acuerdo vale 2.000 millones de dólares (1.750 millones de euros).", "The deal is worth $2 billion.",
     Severity.MINOR),
    ("El jugador mide 6 pies y 8 pulgadas (2,03 metros).", "The player is 6 feet 8 inches tall.", Severity.MINOR),
    ("El jugador mide 6 pies y 8 pulgadas.", "The player is 6 feet 6 inches tall.", Severity.CRITICAL),
    ("El equipo ganó 3 partidos (5 en total).", "The team won 3 games.", Severity.MAJOR),
    ("La empresa ganó 500 millones (un 20% más).", "The company earned 500 million.", Severity.MAJOR),
]


@pytest.mark.parametrize(("source", "target", "expected"), PARENTHESISED)
def test_an_equivalent_in_parentheses_may_be_left_out(apertium: ApertiumTranslator, source: str, target: str,
                                                      expected: Severity) -> None:
    found = [f.severity for f in detect_all(context(apertium, source, target)) if f.code == "number_mismatch"]
    order = [Severity.INFO, Severity.MINOR, Severity.MAJOR, Severity.CRITICAL]
    assert max(found, key=order.index) == expected


def test_a_range_shares_its_unit_and_a_height_is_one_amount() -> None:
    assert [q.unit for q in quantities("entre 5 y 10 centímetros", "es")] == ["cm", "cm"]
    assert [q.unit for q in quantities("2 to 4 inches", "en")] == ["in", "in"]
    height = quantities("the 6-foot-6 forward", "en")
    assert [(sorted(q.values), q.unit) for q in height] == [([6.5], "ft")]


def test_conversion_rounds_small_amounts_but_not_large_ones() -> None:
    factors = vocabulary().conversions
    assert converted("cm", "in", frozenset({2.0}), frozenset({1.0}), factors)  # 0.79 inch, said as one
    assert not converted("cm", "in", frozenset({200.0}), frozenset({100.0}), factors)
    assert converted("c", "f", frozenset({20.0}), frozenset({68.0}), factors)
    assert not converted("c", "f", frozenset({20.0}), frozenset({72.0}), factors)
