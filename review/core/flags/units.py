"""Numbers that stay equal under conversion: units shared across ranges, feet and inches, decades.

numbers.py reads each number with the unit right after it; translators of news convert units and
write ranges and heights the English way, so a number's unit and value need more than that:
- a range shares its unit: "entre 5 y 10 centímetros", "de 3 a 4 metros", "5 o 6 kilos"; "2 to 4 inches",
  "2-4 inches", "5 or 6 pounds": the first number takes the unit of the second;
- a height in feet and inches is one amount in feet: "6-foot-6", "6 ft 6 in", "6 feet 6 inches", 6'6",
  read as 6.5 feet (and so 1,98 metros = 6.5 feet within the tolerance);
- a decade: "la década de 1950" and "los años 50" are also 50, as "the '50s" and "the 1950s" are;
- "billones" are trillions only: "3 billones" is not "3bn".
Conversions between metric and imperial units are numbers.py's CONVERSIONS (cm/inch, m/ft/yd, km/mile,
kg/lb, litre/gallon, hectare/acre, °C/°F), matched within its rounding tolerance; magnitudes
(1.000 millones = 1bn, billones = trillion) are its scale words.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Protocol, TypeVar

from review.core.flags.common import fold

# Metric units of the Spanish and the imperial ones an English translator converts them to, with the factor
# (225 km/h = 140 mph, 227 kg = 500 pounds); a converted number matches when it is within CONVERSION_TOLERANCE.
ES_MEASURES = re.compile(r"\s?(km/h|kmh|kilometros por hora|km|kilometros|kg|kilos|kilogramos|cm|centimetros|"
                      r"mm|milimetros|m|metros|litros|hectareas|ha|grados(?: centigrados| celsius)?|ºc|°c|"
                         r"pies|pulgadas|millas|yardas|libras|galones|acres)\b")  # imperial units named in Spanish
EN_MEASURES = re.compile(r"[\s-]?(mph|miles? (?:an|per) hour|miles?|lbs?|pounds?|ft|feet|foot|inch(?:es)?|in|"
                      r"kph|yards?|yds?|acres?|gallons?|degrees? fahrenheit|ºf|°f|f|"
                         r"km|kilomet(?:er|re)s?|m|met(?:er|re)s?|cm|centimet(?:er|re)s?|kg|kilos?|kilograms?)\b")
MEASURE_NAMES = {"kmh": "km/h", "kph": "km/h", "pies": "ft", "pulgadas": "in", "millas": "mile", "yardas": "yd",
                 "libras": "pound", "galones": "gallon", "kilometer": "km", "kilometers": "km", "kilometre": "km",
                 "kilometres": "km", "meter": "m", "meters": "m", "metre": "m", "metres": "m", "centimeter": "cm",
                 "centimeters": "cm", "centimetre": "cm", "centimetres": "cm", "kilo": "kg", "kilos": "kg",
                 "kilogram": "kg", "kilograms": "kg", "kilometros por hora": "km/h", "kilometros": "km", "kilos": "kg", "kilogramos": "kg",
              "centimetros": "cm", "milimetros": "mm", "metros": "m", "hectareas": "ha", "litros": "l", "grados": "c", "grados centigrados": "c",
              "grados celsius": "c", "ºc": "c", "°c": "c", "mile an hour": "mph", "miles an hour": "mph",
              "mile per hour": "mph", "miles per hour": "mph", "miles": "mile", "lb": "pound", "lbs": "pound",
              "pounds": "pound", "feet": "ft", "foot": "ft", "inch": "in", "inches": "in", "gallons": "gallon",
              "yard": "yd", "yards": "yd", "yds": "yd", "acre": "acres", "degree fahrenheit": "f", "degrees fahrenheit": "f", "ºf": "f", "°f": "f"}
CONVERSIONS = {("km/h", "mph"): 0.621371, ("km", "mile"): 0.621371, ("kg", "pound"): 2.20462, ("m", "ft"): 3.28084,
               ("cm", "in"): 0.393701, ("l", "gallon"): 0.264172, ("m", "yd"): 1.09361, ("mm", "in"): 0.0393701,
               ("ha", "acres"): 2.47105, ("km", "ft"): 3280.84, ("m", "in"): 39.3701, ("cm", "ft"): 0.0328084}
CONVERSION_TOLERANCE = 0.1  # translators round: 2.000 km = "more than 1,300 miles" (1,243), 6 m = 18 feet (19.7)
ROUNDING = 0.5  # a small amount converted and rounded to a whole number: 2 cm = "1 inch", 7 cm = "3 inches"
RANGE_LINK = {"es": re.compile(r"\s*(?:y|a|o|-|–|al)\s*$"), "en": re.compile(r"\s*(?:to|and|or|-|–)\s*$")}
FEET_INCHES = re.compile(r"\b(\d{1,2})(?:-foot-|\s*(?:ft|feet|foot)\.?[\s-]*|')(\d{1,2})"
                         r"(?:\s*(?:in|inches|inch)\b\.?|\"|”|″)?(?![\d.,])")
ES_DECADE = re.compile(r"\b(?:decada de(?: los)?|anos)\s*$")
ES_TRILLIONS = re.compile(r"\s*(?:de\s+)?(?:billones|billon)\b")
YEAR = re.compile(r"^1[5-9]\d\d$|^20\d\d$")
RANGE_GAP = 12  # characters between the two numbers of a range


class Measured(Protocol):
    values: frozenset[float]
    start: int
    end: int
    unit: str


Q = TypeVar("Q", bound=Measured)


def converted(source_unit: str, target_unit: str, sources: frozenset[float], targets: frozenset[float]) -> bool:
    """True if some source value in its metric unit is some target value in the imperial unit, as translators
    round: within CONVERSION_TOLERANCE, or ROUNDING for a small amount rounded to a whole number; °C to °F within
    a degree."""
    if (source_unit, target_unit) == ("c", "f"):
        return any(abs(v * 9 / 5 + 32 - w) <= 1 for v in sources for w in targets)
    factor = CONVERSIONS.get((source_unit, target_unit))
    return factor is not None and any(v and abs(v * factor - w) <= max(CONVERSION_TOLERANCE * v * factor, ROUNDING)
                                      for v in sources for w in targets)


def refine(text: str, lang: str, found: list[Q]) -> list[Q]:
    """The quantities with units read after spelled-out numbers too, range units shared, a lone unit of the text
    given to its numbers without one, feet-and-inches heights merged and decades read."""
    found = _spread(_ranges(text, lang, _spelled_units(text, lang, found)))
    if lang == "en":
        found = _heights(text, found)
    else:
        found = _billions(text, _decades(text, found))
    return found


def _ranges(text: str, lang: str, found: list[Q]) -> list[Q]:
    """A number without a unit, linked by y/a/o/to/- to the next number, which has one, takes its unit."""
    result = list(found)
    for i in range(len(result) - 1, 0, -1):
        first, second = result[i - 1], result[i]
        if first.unit or not second.unit or second.start - first.end > RANGE_GAP:
            continue
        between = fold(text[first.end:second.start])
        if RANGE_LINK[lang].match(between):
            result[i - 1] = replace(first, unit=second.unit)  # type: ignore[type-var]
    return result


def _spelled_units(text: str, lang: str, found: list[Q]) -> list[Q]:
    """A unit right after a number without one (a spelled-out number: dos metros, six feet)."""
    folded = fold(text)
    measures = ES_MEASURES if lang == "es" else EN_MEASURES
    result = []
    for quantity in found:
        if not quantity.unit and (unit := measures.match(folded, quantity.end)):
            quantity = replace(quantity, unit=MEASURE_NAMES.get(unit.group(1), unit.group(1)))  # type: ignore[type-var]
        result.append(quantity)
    return result


def _spread(found: list[Q]) -> list[Q]:
    """When every number with a unit has the same one, the numbers without one (not years) take it: "entre 2 y 5
    centímetros, hasta 10 en lugares aislados"."""
    kinds = {quantity.unit for quantity in found if quantity.unit}
    if len(kinds) != 1:
        return found
    unit = kinds.pop()
    return [replace(q, unit=unit) if not q.unit and not any(1500 <= v <= 2100 for v in q.values) else q  # type: ignore[type-var]
            for q in found]


def _heights(text: str, found: list[Q]) -> list[Q]:
    """A height in feet and inches (6-foot-6) becomes one quantity in feet (6.5) spanning both numbers."""
    for match in FEET_INCHES.finditer(text):
        feet, inches = int(match.group(1)), int(match.group(2))
        if inches >= 12:
            continue
        inside = [q for q in found if match.start() <= q.start < match.end()]
        if not inside:
            continue
        merged = replace(inside[0], values=frozenset({feet + inches / 12}), end=match.end(),  # type: ignore[type-var]
                         unit="ft")
        found = sorted([q for q in found if q not in inside] + [merged], key=lambda q: q.start)
    return found


def _billions(text: str, found: list[Q]) -> list[Q]:
    """A number before "billones" is only that many trillions, never the bare count that would let "3bn" match
    "3 billones" (the false friend translators fall for)."""
    folded = fold(text)
    return [replace(q, values=frozenset(v for v in q.values if v >= 1e12) or q.values)  # type: ignore[type-var]
            if ES_TRILLIONS.match(folded, q.end) else q for q in found]


def _decades(text: str, found: list[Q]) -> list[Q]:
    """A year after 'década de' or 'los años' also means its decade's two digits (the '50s)."""
    folded = fold(text)
    result = []
    for quantity in found:
        literal = text[quantity.start:quantity.end]
        if ES_DECADE.search(folded[:quantity.start]):
            if YEAR.match(literal):
                quantity = replace(quantity, values=quantity.values | {float(int(literal) % 100)})  # type: ignore[type-var]
            elif re.fullmatch(r"[1-9]0", literal):  # los años 50 = the 1950s
                quantity = replace(quantity, values=quantity.values | {1900.0 + int(literal)})  # type: ignore[type-var]
        result.append(quantity)
    return result
