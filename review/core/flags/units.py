"""Numbers that stay equal under conversion (units shared across ranges, feet and inches, decades); the period of
time and the currency written by a number.

numbers.py reads each number with the unit right after it; translators of news convert units and
write ranges and heights the English way, so a number's unit and value need more than that:
- a range shares its unit: "entre 5 y 10 centímetros", "de 3 a 4 metros", "5 o 6 kilos"; "2 to 4 inches",
  "2-4 inches", "5 or 6 pounds": the first number takes the unit of the second;
- a height in feet and inches is one amount in feet: "6-foot-6", "6 ft 6 in", "6 feet 6 inches", 6'6",
  "6 pies y 6 pulgadas", read as 6.5 feet (and so 1,98 metros = 6.5 feet within the tolerance); a weight in stones
  and pounds ("14st 5lb") or in pounds and ounces ("7lbs 3oz") is one amount in pounds;
- a temperature below zero is negative: "-10 grados", "menos 10 grados", "10 grados bajo cero", "minus 4F";
  English "degrees" with no scale may be either (38 grados = "100 degrees" in US news, "38 degrees" in British);
- a decade: "la década de 1950" and "los años 50" are also 50, as "the '50s" and "the 1950s" are; but highs, lows or
  temperatures "in the low 80s" (mid, high) are degrees Fahrenheit, any of the ten (80-83), which one or two Spanish
  temperatures fall in (máximas de entre 27 y 28 grados);
- "billones" are trillions only: "3 billones" is not "3bn".
Unit names and the conversions between metric and imperial units (cm/inch, m/ft/yd, km/mile, kg/lb,
litre/gallon, millilitre/fluid ounce, hectare/acre) are rules/numbers.toml (read by numbers.py, which passes them
here); an amount matches its conversion within CONVERSION_TOLERANCE (or ROUNDING for a small amount rounded to a
whole number), °C/°F within a degree.
Magnitudes (1.000 millones = 1bn, billones = trillion) are numbers.py's scale words. The period of time
(días, weeks) and the currency (euros, $, £) written after or before a number are read here too, for numbers.py
to tell the same number in another unit (tres días = "three weeks", 30 euros = "$30").
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Protocol, TypeVar

from review.core.flags.common import fold

CONVERSION_TOLERANCE = 0.1  # translators round: 2.000 km = "more than 1,300 miles" (1,243), 6 m = 18 feet (19.7)
ROUNDING = 0.5  # a small amount converted and rounded to a whole number: 2 cm = "1 inch", 7 cm = "3 inches"
RANGE_LINK = {"es": re.compile(r"\s*(?:y|a|o|-|–|al)\s*$"), "en": re.compile(r"\s*(?:to|and|or|-|–)\s*$")}
FEET_INCHES = re.compile(r"\b(\d{1,2})(?:-foot-|\s*(?:ft|feet|foot)\.?[\s-]*|')(\d{1,2})"
                         r"(?:\s*(?:in|inches|inch)\b\.?|\"|”|″)?(?!\d|[.,]\d)")  # a full stop may end the sentence
# highs, lows or temperatures in the (low, mid, high) 80s: a temperature in Fahrenheit
TEMPERATURE_TENS = re.compile(r"\b(?:highs?|lows?|temperatures?|readings?|thermometers?)\b[^.;]{0,30}\bin the "
                              r"(?:(low|lower|mid|middle|high|upper)[- ])?$", re.IGNORECASE)
TENS_PART = {"low": (0, 3), "lower": (0, 3), "mid": (3, 7), "middle": (3, 7), "high": (6, 9), "upper": (6, 9)}
ES_DECADE = re.compile(r"\b(?:decada de(?: los)?|anos)\s*$")
STONE_POUNDS = re.compile(r"\b(\d{1,2})\s*(?:st|stone)\s*(\d{1,2})\s*(?:lb|lbs|pounds?)\b")
POUNDS_OUNCES = re.compile(r"\b(\d{1,2})\s*(?:lb|lbs|pounds?)\s*(\d{1,2})\s*(?:oz|ounces?)\b")  # a baby's weight
# an amount in two units: the pattern, the unit, the first number's multiplier and the second's divisor into it, and
# the second's limit (12 inches make a foot, 14 pounds a stone, 16 ounces a pound)
ES_FEET_INCHES = re.compile(r"\b(\d{1,2})\s*pies?\s*(?:y\s*)?(\d{1,2})\s*pulgadas?\b")  # 6 pies y 8 pulgadas
COMPOUNDS = {"en": ((FEET_INCHES, "ft", 1, 12, 12), (STONE_POUNDS, "pound", 14, 1, 14),
                    (POUNDS_OUNCES, "pound", 1, 16, 16)),
             "es": ((ES_FEET_INCHES, "ft", 1, 12, 12),)}
TEMPERATURES = frozenset({"c", "f", "deg"})
BELOW_ZERO_BEFORE = {"es": re.compile(r"(?:[-−]|\bmenos )$"), "en": re.compile(r"(?:[-−]|\bminus )$")}
BELOW_ZERO_AFTER = {"es": re.compile(r"[^,.;]{0,16}\bbajo cero\b"),
                    "en": re.compile(r"[^,.;]{0,16}\bbelow (?:zero|freezing)\b")}
ES_TRILLIONS = re.compile(r"\s*(?:de\s+)?(?:billones|billon)\b")
YEAR = re.compile(r"^1[5-9]\d\d$|^20\d\d$")
NEXT_WORD = re.compile(r"\s*([^\W\d_]+)")
LINK_WORDS = frozenset("en de del y o a al por para con sin hasta in of and or to at for on by with from".split())
RANGE_GAP = 12  # characters between the two numbers of a range
PERIODS = {"es": re.compile(r"\s*(minuto|hora|dia|semana|mes|ano)(?:s|es)?\b"),  # on folded text: años = anos
           "en": re.compile(r"[\s-]*(minute|hour|day|week|month|year)s?\b")}  # 3-year-old, 30-day
SCALE_WORDS = {"es": r"(?:(?:mil\s+)?(?:millones|millon|billones|billon|mil)\s+)?(?:de\s+)?",
               "en": r"(?:\s?(?:million|billion|trillion|bn|m|tn|k)\b)?\s*"}
CURRENCY_AFTER = {  # on folded text
    "es": re.compile(rf"\s*{SCALE_WORDS['es']}(euros?|dolares|dolar|libras?|yenes|pesos?|rublos?|francos?|[€$£])"
                     r"(?!\w)"),
    "en": re.compile(rf"{SCALE_WORDS['en']}(dollars?|euros?|pounds?|yen|pesos?|r[ou]*bles?|francs?)\b")}
CURRENCY_BEFORE = re.compile(r"(?:us|[ach]k?)?([$€£])\s?$", re.IGNORECASE)  # US$, C$, HK$, on either text
CURRENCY_NAMES = {"euro": "euro", "euros": "euro", "€": "euro", "dolar": "dollar", "dolares": "dollar",
                  "dollar": "dollar", "dollars": "dollar", "$": "$", "libra": "pound", "libras": "pound",
                  "pound": "pound", "pounds": "pound", "£": "pound", "yen": "yen", "yenes": "yen", "peso": "peso",
                  "pesos": "peso", "rublo": "ruble", "rublos": "ruble", "franco": "franc", "francos": "franc",
                  "franc": "franc", "francs": "franc"}
SIGN_CURRENCIES = frozenset({"dollar", "peso"})  # what a bare $ stands for
PERIOD_NAMES = {"minuto": "minute", "hora": "hour", "dia": "day", "semana": "week", "mes": "month", "ano": "year"}


class Measured(Protocol):
    values: frozenset[float]
    start: int
    end: int
    unit: str


Q = TypeVar("Q", bound=Measured)


def converted(source_unit: str, target_unit: str, sources: frozenset[float], targets: frozenset[float],
              conversions: Mapping[tuple[str, str], float]) -> bool:
    """True if some source value in its metric unit is some target value in the imperial unit, as translators
    round: within CONVERSION_TOLERANCE, or ROUNDING for a small amount rounded to a whole number; °C to °F within
    a degree."""
    if source_unit == "c" and target_unit in ("f", "deg"):  # bare "degrees" may be either scale
        return any(abs(v * 9 / 5 + 32 - w) <= 1 or (target_unit == "deg" and v == w) for v in sources for w in targets)
    if source_unit == "f" and target_unit == "deg":  # 100 grados Fahrenheit = "100 degrees"
        return bool(sources & targets)
    factor = conversions.get((source_unit, target_unit))
    return factor is not None and any(v and abs(v * factor - w) <= max(CONVERSION_TOLERANCE * v * factor, ROUNDING)
                                      for v in sources for w in targets)


def period_after(folded: str, lang: str, position: int) -> str:
    """The period of time named right after a position (a number's end) of the folded text, in English (dias, weeks
    -> day, week), or ""."""
    found = PERIODS[lang].match(folded, position)
    return "" if found is None else PERIOD_NAMES.get(found.group(1), found.group(1))


def currency(folded: str, lang: str, start: int, end: int) -> str:
    """The currency of the amount at [start, end) of the folded text: a sign before it (US$, €, £) or a currency word
    or sign after it, a scale word between allowed (3.000 millones de euros, $3bn), by name (euro, dollar, pound...;
    "$" for a bare dollar sign, which pesos use too), or ""."""
    before = CURRENCY_BEFORE.search(folded[max(0, start - 4):start])
    after = CURRENCY_AFTER[lang].match(folded, end)
    found = (before or after).group(1) if before or after else ""
    return CURRENCY_NAMES.get(found, found)


def currencies_differ(first: str, second: str) -> bool:
    """True if two currencies (as `currency` names them) are different ones: a bare $ is any of SIGN_CURRENCIES."""
    if not (first and second) or first == second:
        return False
    return not ("$" in (first, second) and {first, second} - {"$"} <= SIGN_CURRENCIES)


def refine(text: str, lang: str, found: list[Q], measure: Callable[[int], str]) -> list[Q]:
    """The quantities with units read after spelled-out numbers too (`measure(position)`: the unit named right after
    a position of the folded text, or ""), range units shared, a lone unit of the text given to its numbers without
    one, feet-and-inches heights merged and decades read."""
    found = _below_zero(text, lang, _spread(text, _ranges(text, lang, _spelled_units(found, measure))))
    found = _compounds(text, lang, found)
    return _temperature_tens(text, found) if lang == "en" else _billions(text, _decades(text, found))


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


def _spelled_units(found: list[Q], measure: Callable[[int], str]) -> list[Q]:
    """A unit right after a number without one (a spelled-out number: dos metros, six feet)."""
    return [replace(q, unit=unit) if not q.unit and (unit := measure(q.end)) else q  # type: ignore[type-var]
            for q in found]


def _spread(text: str, found: list[Q]) -> list[Q]:
    """When every number with a unit has the same one, the numbers without one (not years, nor those that count a
    noun of their own: 10.000 viviendas, 24 horas) take it: "entre 2 y 5 centímetros, hasta 10 en lugares aislados"."""
    kinds = {quantity.unit for quantity in found if quantity.unit}
    if len(kinds) != 1:
        return found
    unit = kinds.pop()
    return [replace(q, unit=unit) if not q.unit and not any(1500 <= v <= 2100 for v in q.values)  # type: ignore[type-var]
            and not _counts_a_noun(text, q) else q for q in found]


def _counts_a_noun(text: str, quantity: Measured) -> bool:
    """True if a word other than a preposition or conjunction follows the number (24 horas; not 10 en lugares)."""
    word = NEXT_WORD.match(text, quantity.end)
    return word is not None and fold(word.group(1)) not in LINK_WORDS


def _compounds(text: str, lang: str, found: list[Q]) -> list[Q]:
    """An amount in two units becomes one quantity spanning both numbers: a height in feet and inches (6-foot-6,
    6 pies y 6 pulgadas) in feet (6.5), a weight in stones and pounds (14st 5lb) or in pounds and ounces (7lbs 3oz) in
    pounds (201, 7.19)."""
    for pattern, unit, multiplier, divisor, limit in COMPOUNDS[lang]:
        for match in pattern.finditer(text):
            first, second = int(match.group(1)), int(match.group(2))
            inside = [q for q in found if match.start() <= q.start < match.end()]
            if not inside or second >= limit:  # 12 inches, 14 pounds: no part of a larger unit
                continue
            amount = float(first * multiplier + second / divisor)
            merged = replace(inside[0], values=frozenset({amount}), end=match.end(), unit=unit)  # type: ignore[type-var]
            found = sorted([q for q in found if q not in inside] + [merged], key=lambda q: q.start)
    return found


def _below_zero(text: str, lang: str, found: list[Q]) -> list[Q]:
    """A temperature with a minus sign or "bajo cero" / "below zero" is also negative."""
    folded = fold(text)
    return [replace(q, values=q.values | {-v for v in q.values})  # type: ignore[type-var]
            if q.unit in TEMPERATURES and (BELOW_ZERO_BEFORE[lang].search(folded[:q.start])
                                          or BELOW_ZERO_AFTER[lang].match(folded, q.end)) else q
            for q in found]


def _billions(text: str, found: list[Q]) -> list[Q]:
    """A number before "billones" is only that many trillions, never the bare count that would let "3bn" match
    "3 billones" (the false friend translators fall for)."""
    folded = fold(text)
    return [replace(q, values=frozenset(v for v in q.values if v >= 1e12) or q.values)  # type: ignore[type-var]
            if ES_TRILLIONS.match(folded, q.end) else q for q in found]


def _temperature_tens(text: str, found: list[Q]) -> list[Q]:
    """Temperatures in the (low, mid, high) 80s, as US weather news gives them: degrees Fahrenheit, any of the ten
    (80-83, 84-86, 87-89), so that 27 grados matches "the low 80s"."""
    result = []
    for quantity in found:
        before = TEMPERATURE_TENS.search(text[max(0, quantity.start - 60):quantity.start])
        tens = next(iter(quantity.values)) if len(quantity.values) == 1 else None  # not the 1980s (80 or 1980)
        plural = text[quantity.start:quantity.end].endswith("s") or text.startswith("s", quantity.end)  # the 80s
        if before and not quantity.unit and plural and tens in range(10, 130, 10):
            low, high = TENS_PART.get((before.group(1) or "").lower(), (0, 9))
            quantity = replace(quantity, unit="f",  # type: ignore[type-var]
                               values=frozenset(tens + step for step in range(low, high + 1)))
        result.append(quantity)
    return result


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
