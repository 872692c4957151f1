"""`number_mismatch`: numbers, amounts and dates that differ between an aligned source and target.

Locale-aware: each number gets the set of values it can mean (3.000 -> {3000, 3}; 4,1 -> {4.1}; 3,000 ->
{3000, 3}; mixed marks, 13.289.40, read the last as the decimal point), times a scale word when one
follows (1,2 millones = 1.2 million = 1,200,000; mil millones = billion; mill., and Mexico's mdd/mdp =
millones de dólares/pesos and 2 mil 500 = 2,500; English "bn"/"m" suffixes; thousand million = billion; when both
numbers have a scale word, a bare reading no longer matches: 400 mil is not "400 million"), and number words count
(dos = two), with a scale after them (dos mil = 2,000). Month names are compared too (3 de mayo = May 3; in lower
case too, "may" and "march" only next to a day number or a cue such as "in" or "last"); so are weekdays, only when
the English gives another one (lunes = "Fridays", major; a weekday left out is often a relative date: ayer = "on
Tuesday").
A source number is matched with a target number whose value
set overlaps; what is left over is flagged, per aligned sentence pair:
- a source number whose place a different target number took: changed, critical (a spelled-out
  source number only counts as changed against a spelled-out target one other than "one"); so is one the
  English keeps in another unit, period of time or currency, each written right after the number on both sides
  (42 kilómetros = "42 miles", tres días = "three weeks", 30 euros = "$30"; not a conversion, 48 horas = "two days",
  and not a unit a range shares or a bare $ for pesos: units.py);
- a source number with no counterpart: missing, major (spelled-out small numbers are not flagged
  when missing: "dos veces" often becomes "twice"; a digit code with a leading zero, such as the phone
  number 091, is minor: translators name the service instead, and so is a number found in the
  English sentences next to its own, two either side, unless it is a single digit: moved there when
  sentences were recast, and an equivalent alone in parentheses right after an amount the English has,
  with its unit or currency: 120 millas por hora (193 km/h), 500 libras (unos 570 euros));
- a digit number of the English with no counterpart in the Spanish: added, major (minor when it is
  in the Spanish sentences next to its own, as for a missing one, or right before or after itself: a
  typo, "in 2012 2012").
Times read every way (20.30 = 8.30 = 2030 hours; 10 horas = 1000 hours; a la una = 1 p.m.; el uno de octubre is the
1st), "siglo XX" is 20 and "octavos de final" 16, English "twenty-first" 21; a Spanish month kept verbatim in the
English (a title) counts as kept. A unit glued to a number ends it (1,000m2; 10,8millones) and a number may follow one
capital (F1 = Fórmula 1), and one missing right after a capitalised word mid-sentence is minor (part of a name:
Fórmula 1, Canal 13); dos horas y media is 2.5 or "2.30" hours, dos meses y medio two and a half months, un año y
medio eighteen months. Half and a quarter are also 50 and 25 (el 50% = half); decades read as their numbers (años
ochenta = the eighties = 1980s); quince días is also two weeks; an English day/month date (9/11) is one number (11-S),
as is "20/20" on either side, and so is a drawn score (2-2 = empató a dos, 1-1 = empate a uno); número uno is No. 1;
una década (y media) and a decade (and a half) are 10 (15): "more than a decade" = "más de 10 años"; media docena and
half a dozen are 6, 5 1/2 and 14½ are 5.5 and 14.5; trienio is 3 and sexenio 6 (rules/numbers.toml), "fiftieth" 50;
2 horas y 1 minuto (2:01, a race time, or 121 minutes), una cuarta parte, tres cuartas partes and nine-tenths (shares:
25%, 75%, 90%; the denominator too, as "a third" may be an ordinal), un billón (a trillion), medio millón (centenar,
millar), un millón y medio, dos décimas (0.2), dos décadas and two decades (20 years) and "nueve de cada diez" = "nine
out of ten" (90%) are read whole; 9pm is 21; the English year range 2000-08 ends in 2008.
Numbers in words are read whole: setenta y dos, trescientos cincuenta, veinticuatro; seventy-two, eight hundred and
fifty, half a billion, three and a half million. A score with one digit after its colon (1:0) is two numbers, not a
time; "10 pm" is 22; quarter-finals are 8; dos y medio millones is 2.5 million, two dozen 24, and "hundred(s)" or
"thousands" with no count before them any number of hundreds or thousands (a few hundred metres = doscientos metros).
A metric amount matches its conversion to imperial units (units.py: 225 km/h = 140 mph, 227 kg = 500 pounds, 20 grados
= 68 degrees Fahrenheit, 140 metros cuadrados = 1,500 square feet), and a period its whole number (or a half) in a
neighbouring unit (48 horas = two days, 14 días = two weeks, 24 meses = two years, 2 años = 24 months, 90 minutos = an
hour and a half, hora y media = 90 minutes). "a mile", "a foot", "a pound", "un metro", "una milla" are one of the
unit; a unit after a scale word is the number's (3,8 millones de litros = a million gallons); "tn" after a number is a
trillion (£2.8tn).
Ordinals are numbers (tercer = third = 3rd, vigésimo quinto = 25th, cincuentenario = 50th; not primer, segundo or
cuarto, which are mostly no number), and so are Roman numerals of two letters or more on either side (III República =
Third Republic); 15H30 is 15:30; media hora is 30 minutes and a quarter of an hour 15; an English day/month date gives
its month (9/11 = 11 de septiembre); an age by decade is its decade (octogenario = in his 80s).
MQM category: accuracy (mistranslation).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from review.core.flags import Detector, FieldContext, SentencePair, register
from review.core.flags.common import fold
from review.core.flags.rulebook import RuleBook, active
from review.core.flags.units import (CURRENCY_AFTER, CURRENCY_BEFORE, PERIODS, converted, currencies_differ, currency,
                                     period_after)
from review.core.flags.units import refine as refine_units
from review.core.model import Flag, Severity

# A number (after a space, or glued to one capital: F1, G20), its suffix if one ends the word, and no digit
# after it: a unit glued to it (1,000m2, 10,8millones) ends the number.
DIGITS = re.compile(r"(?:(?<![\w.,])|(?<=\b[A-Z]))(\d{1,3}(?:[.,\u00a0 ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,:]\d+)?)"
                    r"(?:(s|bn|tn|m|k|st|nd|rd|th|º|ª|am|pm|h)(?!\w))?(?![\d.,]\d)(?!\d)")
ROUNDED_DIGITS = 2  # significant digits of a scaled English amount that may be a Spanish one rounded (€5.87bn)
DATE_REACH = 4  # characters between a day number and its month (7 de junio, June 7)
NEARBY = 2  # a number missing from its sentence but in the English this many sentences around it: moved (minor)
SHARES = {0.5: 50, 0.25: 25}  # half = 50%, a quarter = 25%
ONE_UNIT = {  # a mile = 1 mile; un metro = 1 metre, when a unit of rules/numbers.toml follows (on folded text)
    "en": re.compile(r"\b(?:a|an|one)(?=[\s-]+(?:foot|mile|pound|inch|yard|pint|gallon|stone|acre|ounce|"
                     r"met(?:er|re)|kilo(?:gram|met(?:er|re))?|lit(?:er|re)|square \w+)\b)"),
    "es": re.compile(r"\b(?:un|una)\b")}
ES_OUT_OF = re.compile(r"\b(\d{1,3}) sobre (\d{1,3})\b")  # a mark or a rating: 8 sobre 10
DURATION = {"es": re.compile(r"\b(\d{1,2}) horas?,? (?:y )?(\d{1,2}) minutos?\b"),  # 2 horas y 1 minuto = 2:01
            "en": re.compile(r"\b(\d{1,2}) ?(?:hours?|hrs?),? (?:and )?(\d{1,2}) ?(?:minutes?|mins?)\b")}  # (a race
# time: 1hr 59min), 121 minutes
SLASH_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})\b")  # 9/11, as Spanish writes 11-S; "20/20", a programme
AND_HALF_FRACTION = re.compile(r"\b(\d+)(?: |-)?(?:1/2|½)")  # a 5 1/2-hour argument = 5 horas y media; 14½
HALF_DOZEN = re.compile(r"\b(?:media docena|(?:an? )?half[- ](?:an? )?dozen)\b")  # media docena = half a dozen = 6
ES_ONE_OCLOCK = re.compile(r"\b(?:a|de|hasta|desde|sobre|hacia|era|es|son|pasadas) la (una)\b")  # a la una = 1 pm
ES_AND_A_HALF = re.compile(r"\b(?:(\w+) )?(millon|millones|mil) y medio\b")  # un millón y medio = 1.5 million
ES_HALF_BEFORE_SCALE = re.compile(r"\b(\w+) y medio (millon|millones|mil)\b")  # dos y medio millones
ES_THOUSANDS_IN_WORDS = re.compile(  # 2 mil 500 = 2,500
    r"\b(\d{1,3}) mil (\d{1,3})\b(?![.,]\d)(?: (?:de )?(millones|mdd|mdp))?")
NAME_BEFORE = re.compile(r"(?<=\w )[A-ZÁÉÍÓÚ][a-záéíóúñ]+ $")  # a capitalised word mid-sentence: Fórmula 1, Canal 13
GLOSS_OPENING = re.compile(r"\s*(?:(?:unos|unas|aproximadamente|casi|mas de|alrededor de|cerca de)\s+)?")
GLOSS_CURRENCY = re.compile(r"euros?|dolares|libras|pesos|yenes|yuanes|francos|rublos|[€$£]")
# an English equivalent in another currency, in parentheses after an amount: ($2.7m), (about 19 billion dollars)
EN_CURRENCY_GLOSS = re.compile(r"\(\s*(?:(?:about|around|roughly|approximately|almost|nearly|some|over|more than|"
                               r"less than|under|just over|just under)\s+)?"
                               r"(?:(?:us|a|c|nz|hk|r)?[$€£¥]\s?|(?:usd|eur|gbp)\s?)?$")
EN_CURRENCY_AFTER = re.compile(r"(?:\s?(?:m|bn|k|million|billion|trillion))?\s*(?:(?:us\s)?dollars?|euros?|pounds?|"
                               r"(?:sterling)|usd|eur|gbp)?\s*\)")
GLOSS_GAP = 40  # characters between an amount and the parenthesis of its equivalent, and inside after the number
ES_AND_A_HALF_UNIT = re.compile(  # dos horas y media = 2.5 hours ("2.30 hours"), cinco y medio, un año y medio
    r"\b(\w+) (?:(horas?|anos?|mes|meses|dias?|semanas?) )?y medi[oa]\b"  # (folded: años = anos); a small count
    r"|\b(\d+|una?|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez) (?!mil\b|millon|billon)[a-z]+ y medi[oa]\b"
    r"(?! (?!de\b|del\b|en\b|y\b|o\b|a\b|al\b|por\b|para\b|que\b|con\b)[a-z])")  # of any noun: dos estrellas
# y media, unless a noun follows (y medio país: half the country)
ES_POINT_FRACTION = re.compile(r"\b(un cuarto|medio|tres cuartos) (?:de )?punto\b")  # of a percentage point
POINT_FRACTIONS = {"un cuarto": 0.25, "medio": 0.5, "tres cuartos": 0.75}
ES_HALF_UNITS = {"ano": 12, "hora": 60}  # a year and a half in months, an hour and a half in minutes
ES_SINGULAR_UNITS = frozenset({"hora", "ano", "mes", "dia", "semana"})
EN_HALF_PAST = re.compile(r"\bhalf past (\w+)\b")
EN_AND_A_HALF = re.compile(  # three and a half (hours), three-and-a-half, an hour and a half
    r"\b(\w+)(?:[- ](?:hours?|years?|months?|days?|weeks?))?[- ]and[- ]a[- ]half\b(?! (?:million|billion))")
SPELLED_SCALE = {"es": re.compile(r"\s+(mil millones|millones|millon|billones|billon|mil)\b"),
                 "en": re.compile(r"\s+(billion|million|thousand|lakh crore|crore|lakh)\b")}  # after a number in words: dos mil
DOZENS = re.compile(r"\b(\w+) (?:docenas?|dozens?)\b")  # two dozen = 24
ES_RACE_TIME = re.compile(r"(?<![\d.,'])(\d{1,2})(?:''|″|\")(\d{2})(?!\d)")
EN_NAME_BEFORE = re.compile(r"(?<=\w )(?!(?:January|February|March|April|May|June|July|August|September|October|"
                            r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|No|Number)\b)"
                            r"(?:[A-Z][a-z]+|[A-Z]{2,6}) $")  # FTSE 100, Euro 2024 (not a date; not "Smith, 45")
DOWNING_STREET = re.compile(r"\b(?:No\.?|Number) 10$")  # the British prime minister's office ("a No 10 spokesman")
NIGHT = re.compile(r"\b(?:noche|madrugada)\b")
NIGHT_REACH = 20  # characters around a weekday within which a night names it
GAME_HALF = re.compile(r"\b(?:first|second|1st|2nd)[ -]half\b(?!-| of\b)")  # of a game (la segunda parte): no number
ORDINAL_ST = re.compile(r"(?<!1)1$")  # the numbers "st" makes ordinals (1st, 21st); after others it is stone (14st)
VAGUE = {"hundred": 100, "hundreds": 100, "thousands": 1000}  # with no count before them: a few hundred = 200
ES_HALF_SCALE = re.compile(r"\bmedio (millon|millar|centenar)\b")  # medio millón = 500,000; medio centenar = 50
HALF_SCALES = {"millon": 1e6, "millar": 1e3, "centenar": 100}
EN_HALF_SCALE = re.compile(r"\b(?:(\w+) and )?(?:a )?half (?:a )?(billion|million)\b")  # half a billion, 3.5 million
EN_HUNDREDS = re.compile(r"\b(\w+) hundred(?:(?: and)? (\w+(?:[- ]\w+)?))?\b")  # eight hundred (and) fifty-two
DECADES = {"es": re.compile(r"\b(\w+) decadas\b"),  # dos décadas = two decades = 20 years
           "en": re.compile(r"\b(?!an?\b)(\w+) decades\b(?!-)")}  # not "a decades-long war"
ES_TENTHS = re.compile(r"\b(\w+) (decimas|centesimas)\b")  # dos décimas = 0.2 (points)
FRACTIONS = {  # una cuarta parte = a quarter = 25%, nine-tenths = 90% (on folded text)
    "es": re.compile(r"\b(?:(una|la|las|dos|tres|cuatro|nueve) )?(tercera|cuarta|quinta|decima)s? partes?\b"),
    "en": re.compile(r"\b(a|one|two|three|four|nine)[- ](third|quarter|fifth|tenth)s?\b")}
DENOMINATORS = {"tercera": 3, "cuarta": 4, "quinta": 5, "decima": 10, "third": 3, "quarter": 4, "fifth": 5, "tenth": 10}
EN_TENTHS = re.compile(r"\b(\w+) (tenths|hundredths)\b")  # five tenths = 0.5 (points)
RATIO = {"es": re.compile(r"\bde cada (\w+)\b"),  # tres (niños) de cada diez = three (children) out of ten = 30%
         "en": re.compile(r"\b(?:out of|in) (\w+)\b")}
NUMBER_OR_WORD = re.compile(r"\d[\d.,]*\d|\w+")  # 1,000 is one number, no count of a ratio
RATIO_MAXIMUM = 100  # a larger "whole" is no ratio: "3 in 2010"
EN_YEAR_RANGE = re.compile(r"\b(1[89]|20)\d\d[-–]$")  # the first year of "2000-08", before the second's digits
ES_PER_HUNDRED = re.compile(r"\d\s*por\s+$")  # 15 por 100 = 15%: the 100 is the percent sign
ES_YEAR_BEFORE = re.compile(r"\b(?:el|del|al)\s$")  # en el 92, los Juegos del 92 = 1992
ES_NOT_YEAR_AFTER = re.compile(r"[.\s]*(?:de\b|%|por\b)|[.,]\d")  # el 15 (.) de mayo, el 92%, el 92 por ciento
DRAW = {"es": re.compile(r"\b(\d{1,2})(?:-| a )\1\b"),  # a drawn score is one number, 2-2 = 2 a 2 = "empató a dos"
        "en": re.compile(r"\b(\d{1,2})-\1\b")}
EN_CALIBRE = re.compile(r"(?<![\w.])\.(\d{2,3})(?=[- ]?cal)")
SET_PHRASES = {  # phrases that stand for one number (on folded text): a 0-0 draw, las 24 horas, cada dos años
    "es": ((re.compile(r"\bsin goles\b"), 0.0),),
    "en": ((re.compile(r"\b(?:goalless|scoreless)\b"), 0.0), (re.compile(r"\b(?:a)?round[- ]the[- ]clock\b"), 24.0),
           (re.compile(r"\bevery other\b"), 2.0))}
ES_LONE_ONE = re.compile(r"\b(?:empat\w* a|numero|(?:goles|puntos|tantos|carreras|votos) a) (uno)\b")  # empató a uno =
# 1-1, número uno = No. 1, tres goles a uno = 3-1 (else an article)
ES_WHOLLY = re.compile(r"\bcien por cien\b")
DECADE = {"es": re.compile(r"\buna (decada)( y media)?\b"), "en": re.compile(r"\ba (decade)( and a half)?\b")}
CENTURY = {"es": re.compile(r"\b(medio|un cuarto de|un) siglo\b"),  # medio siglo = half a century = 50 (years)
           "en": re.compile(r"\b(half|a quarter|a) (?:of a )?century\b")}
CENTURY_YEARS = {"medio": 50.0, "half": 50.0, "un cuarto de": 25.0, "a quarter": 25.0, "un": 100.0, "a": 100.0}
# a period in the neighbouring units, as (times, per): minutes <-> hours -> days, days -> weeks, weeks -> days,
# months <-> years
TIME_PERIODS = {"minutos": ((1, 60),), "horas": ((1, 24), (60, 1)), "dias": ((1, 7),), "semanas": ((7, 1),),
                "meses": ((1, 12),), "anos": ((12, 1),)}
TIME_PERIOD = re.compile(rf"\s*({'|'.join(TIME_PERIODS)})\b")
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
ROMAN_NUMBER = re.compile(r"\b(?=[IVXL]{2,}\b)L?X{0,3}(?:IX|IV|VI{0,3}|I{0,3})\b")  # III República, Juan Pablo II
CLOCK_H = re.compile(r"\b([01]?\d|2[0-4])[hH]([0-5]\d)\b")  # 15H30, 12h15: a time, as 15:30
HOUR_PARTS = {"es": re.compile(r"\b(?:(tres) )?(media|cuartos?) (?:de )?hora\b"),  # media hora = 30 minutes
              "en": re.compile(r"\b(?:(three) )?(half|quarters?)(?: of)? an hour\b|\b(half)-hour\b")}
HOUR_PART_MINUTES = {"media": 30, "half": 30, "cuarto": 15, "quarter": 15, "cuartos": 45, "quarters": 45}
EN_KNOCKOUT_ROUND = re.compile(r"\b(quarter)[- ]?finals?\b")
SCORE = re.compile(r"\b(\d{1,2}):(\d)\b(?!:)")  # a score, 1:0 (a time has two-digit minutes): two numbers
MAY_MONTH_CUE = re.compile(r"\b(?:last|next|in|of|since|until|early|late|mid-?|this|on|from|by|for|the|during|"
                           r"through)\s+$|\b(?:jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*[-–]\s*$",
                           re.IGNORECASE)  # ... or a range's first month: March-May




@dataclass(frozen=True)
class Vocabulary:
    """rules/numbers.toml compiled: number words, scales, months, rounds and units."""

    es_words: dict[str, float]
    en_words: dict[str, float]
    count_words: dict[str, float]  # the count in "un millón y medio", "nine out of ten"
    en_compound: re.Pattern[str]  # twenty-first = 21
    en_tens: dict[str, float]
    en_units: dict[str, float]
    en_ordinal_day: re.Pattern[str]  # the Fourth of July: an ordinal before "of" and a month
    es_number_run: re.Pattern[str]  # trescientos cincuenta y dos
    es_scales: dict[str, float]
    en_scales: dict[str, float]
    es_weeks: dict[str, frozenset[float]]
    es_months: tuple[str, ...]
    en_months: tuple[str, ...]
    es_month_re: re.Pattern[str]
    en_month_re: re.Pattern[str]
    es_weekday_re: re.Pattern[str]  # lower-case names only, on folded text
    en_weekday_re: re.Pattern[str]  # capitalised names only (plurals too: on Mondays)
    es_weekdays: tuple[str, ...]  # Monday first, folded
    en_weekdays: dict[str, str]  # English weekday (lower case) -> the Spanish one, folded
    rounds: dict[str, int]
    es_measures: re.Pattern[str]
    en_measures: re.Pattern[str]
    measure_names: dict[str, str]
    conversions: dict[tuple[str, str], float]


def _compile(book: RuleBook) -> Vocabulary:
    def table(slot: str) -> dict[str, Any]:
        return book.table("numbers", slot)

    es_words, en_words, en_tens, en_units = table("es_words"), table("en_words"), table("en_tens"), table("en_units")
    composable = [word for word, value in es_words.items() if value == int(value) and value < 1000 and value != 12]
    es_months, en_months = book.words("numbers", "es_months"), book.words("numbers", "en_months")
    es_weekdays, en_weekdays = book.words("numbers", "es_weekdays"), book.words("numbers", "en_weekdays")
    return Vocabulary(
        es_words, en_words, {"un": 1, "uno": 1, "una": 1, "a": 1, "an": 1, **es_words, **en_words},
        re.compile(rf"\b({'|'.join(en_tens)})[- ]({'|'.join(en_units)})\b"), en_tens, en_units,
        re.compile(rf"\b({'|'.join(word for word in en_units if not word.isdigit())}) of (?:{'|'.join(en_months)})\b"),
        re.compile(rf"\b(?:{'|'.join(composable)}|ciento|uno)(?:(?: y | )(?:{'|'.join(composable)}|uno|un|una))+\b"),
        table("es_scales"), table("en_scales"), {key: frozenset(values) for key, values in table("es_weeks").items()},
        es_months, en_months, re.compile(rf"\b({'|'.join(es_months)}|setiembre)\b"),
        re.compile(rf"\b({'|'.join(en_months)}|jan|feb|aug|sept?|oct|nov|dec)\b\.?", re.IGNORECASE),
        re.compile(rf"\b({'|'.join(es_weekdays)})\b"),
        re.compile(rf"\b({'|'.join(day.capitalize() for day in en_weekdays)})s?\b"),
        es_weekdays, dict(zip(en_weekdays, es_weekdays)),
        table("rounds"), re.compile(rf"\s?({book.alternation('numbers', 'es_measures')})\b"),
        re.compile(rf"[\s-]?({book.alternation('numbers', 'en_measures')})\b"), table("measure_names"),
        {tuple(key.split(" -> ")): factor for key, factor in table("conversions").items()})  # type: ignore[misc]


def vocabulary() -> Vocabulary:
    return active().compiled("numbers", _compile)


def measure(lang: str, folded: str, position: int) -> str:
    """The name of the unit written right after `position` of the folded text (rules/numbers.toml), or ""."""
    words = vocabulary()
    unit = (words.es_measures if lang == "es" else words.en_measures).match(folded, position)
    return words.measure_names.get(unit.group(1), unit.group(1)) if unit else ""


@dataclass(frozen=True)
class Quantity:
    """A number found in a text: the values it may stand for, its span, whether it was spelled out, its unit."""

    values: frozenset[float]
    start: int
    end: int
    spelled: bool = False
    unit: str = ""
    scale: float = 0.0  # the factor of the scale word written after it (mil, millones, billion, bn), if one is

    def closeness(self, other: Quantity) -> int:
        """0 for the same value in the same unit (or with a unit on one side only), 1 for a conversion, 2 for the
        same value in another unit (2 cm against "2 inches" in a range of converted amounts)."""
        same_unit = not (self.unit and other.unit) or self.unit == other.unit
        if self._common(other) and same_unit:
            return 0
        return 1 if converted(self.unit, other.unit, self.values, other.values, vocabulary().conversions) else 2

    def matches(self, other: Quantity) -> bool:
        """Some value in common, or the same amount in a converted unit (self Spanish, other English)."""
        return self._common(other) or converted(self.unit, other.unit, self.values, other.values,
                                                vocabulary().conversions)

    def _common(self, other: Quantity) -> bool:
        """Some value in common; when both name a scale, some scaled value: the unscaled readings, kept for a range
        whose scale word comes once (entre 20.000 y 30.000 millones) and for "m" (metres or million), do not make 400
        mil "400 million"."""
        if self.scale and other.scale:
            spanish = {v for v in self.values if v >= self.scale}
            english = {v for v in other.values if v >= other.scale}
            return bool(spanish & english) or _rounded_alike(spanish, english)
        return bool(self.values & other.values)


def _rounded_alike(spanish: set[float], english: set[float]) -> bool:
    """An English amount of ROUNDED_DIGITS significant digits or more that is a Spanish one rounded to as many (5.866
    millones de euros = €5.87bn): news rounds the amounts it scales."""
    for value in english:
        digits = len(f"{value:.12e}".split("e")[0].replace(".", "").rstrip("0"))
        if digits < ROUNDED_DIGITS:
            continue
        for amount in spanish:
            place = math.floor(math.log10(amount)) - digits + 1
            if round(amount / 10 ** place) * 10 ** place == value or math.isclose(
                    round(amount / 10 ** place) * 10 ** place, value, rel_tol=1e-9):
                return True
    return False


def _with_unit(text: str, lang: str, quantity: Quantity) -> str:
    """The quantity's words with the currency sign before them and the unit, period or currency named after them."""
    folded = fold(text)
    lex = vocabulary()
    unit = (lex.es_measures if lang == "es" else lex.en_measures).match(folded, quantity.end) \
        or PERIODS[lang].match(folded, quantity.end) or CURRENCY_AFTER[lang].match(folded, quantity.end)
    sign = CURRENCY_BEFORE.search(text[max(0, quantity.start - 4):quantity.start])
    return text[quantity.start - (len(sign.group()) if sign else 0):unit.end() if unit else quantity.end]


def _literal_values(text: str, lang: str, quantity: Quantity) -> set[float]:
    """The values a quantity's own words say, conversions aside: its digits' readings, or a number word's value."""
    literal = text[quantity.start:quantity.end]
    if any(ch.isdigit() for ch in literal):
        return readings(literal) if re.fullmatch(r"[\d.,\u00a0 ]+", literal) else set()
    lex = vocabulary()
    value = (lex.es_words if lang == "es" else lex.en_words).get(fold(literal))
    return {value} if value is not None else set()


def readings(literal: str) -> set[float]:
    """The values a digit string may mean under Spanish or English conventions."""
    compact = literal.replace("\u00a0", "").replace(" ", "")
    values: set[float] = set()
    if ":" in compact:
        hours, minutes = compact.split(":")
        hour, minute = int(hours), int(minutes) / 100  # 1:59; 24:00 = 12 (midnight)
        return {round(hour + minute, 2), round((hour % 12 or 12) + minute, 2)}
    for thousands, decimal in ((".", ","), (",", ".")):
        head, _, tail = compact.partition(decimal)
        if thousands in tail or (head.count(thousands) and not all(len(g) == 3 for g in head.split(thousands)[1:])):
            continue
        try:
            values.add(float(head.replace(thousands, "") + ("." + tail if tail else "")))
        except ValueError:
            continue
    if not values and len(groups := re.split(r"[.,]", compact)) > 2:  # 13.289.40: the last mark is the decimal point
        values.add(float("".join(groups[:-1]) + "." + groups[-1]))
    if re.fullmatch(r"\d{1,2}[.,]\d{2}", compact) and int(compact[:-3]) <= 24:  # a time: 14.30 = 2.30 = 1430
        hours, minutes = int(compact[:-3]), int(compact[-2:])  # 24.00 and 0.00 = 12 (midnight), 0.30 = 12.30 a.m.
        values |= {(hours % 12 or 12) + minutes / 100, hours * 100 + minutes}
    return values


def _inside(offset: int, quantities: list[Quantity]) -> bool:
    """The offset falls inside one of the quantities."""
    return any(quantity.start <= offset < quantity.end for quantity in quantities)


def phrases(text: str, lang: str) -> list[Quantity]:
    """Numbers written as several words or numbers, each one quantity: quince días (two weeks), medio millón,
    un millón y medio, dos décimas (0.2), media docena (6); 9/11 and "20/20" on either side; a drawn 2-2, nine out
    of ten (90%), 5 1/2; 2 horas y 1 minuto (2:01, 121 minutes); una cuarta parte, nine-tenths (25%, 90%); set
    phrases (SET_PHRASES: goalless = sin goles = 0, round the clock = 24, every other = 2)."""
    lex = vocabulary()
    folded = fold(text)
    found = [Quantity(frozenset({6.0}), match.start(), match.end(), spelled=True)
             for match in HALF_DOZEN.finditer(folded)]
    for match in DOZENS.finditer(folded):
        count = _count(match.group(1))
        if count is not None and not _inside(match.start(), found):
            found.append(Quantity(frozenset({count * 12}), match.start(), match.end(), spelled=True))
    fractions = [Quantity(frozenset({int(match.group(1)) + 0.5}), match.start(), match.end())
                 for match in AND_HALF_FRACTION.finditer(text)]
    found += fractions
    for match in SLASH_DATE.finditer(text):  # one number each: 9/11; but 24/7 = las 24 horas, los siete días
        if match.group() == "24/7":  # its 7 as a word: las 24 horas may say no more
            found += [Quantity(frozenset({float(match.group(n))}), match.start(n), match.end(n), spelled=n == 2)
                      for n in (1, 2)]
        elif not _inside(match.start(), fractions):
            found.append(Quantity(frozenset(float(n) for n in match.groups()), match.start(), match.end()))
    if lang == "es":  # a race time in seconds and hundredths: 20''53 = 20.53
        found += [Quantity(frozenset({float(f"{m.group(1)}.{m.group(2)}")}), m.start(), m.end())
                  for m in ES_RACE_TIME.finditer(text)]
    if lang == "es":  # 8 sobre 10 = 8/10: one number, as the English slash is
        found += [Quantity(frozenset(float(n) for n in match.groups()), match.start(), match.end())
                  for match in ES_OUT_OF.finditer(text)]
    for match in FRACTIONS[lang].finditer(folded):
        count = 1.0 if match.group(1) in (None, "la", "las") else _count(match.group(1))
        if count is not None:
            parts = DENOMINATORS[match.group(2)]  # also an ordinal: a third term = un tercer mandato; one in four
            share = count / parts
            found.append(Quantity(frozenset({count, share, float(round(100 * share)), float(parts)}), match.start(),
                                  match.end(), spelled=True))
    for match in DURATION[lang].finditer(folded):
        hours, minutes = int(match.group(1)), int(match.group(2))
        found.append(Quantity(frozenset({float(f"{hours}.{minutes:02d}"), float(hours * 60 + minutes)}), match.start(),
                              match.end()))
    if lang == "es":  # un cuarto de punto = 25 basis points, a quarter of a point
        found += [Quantity(frozenset({POINT_FRACTIONS[m.group(1)], 100 * POINT_FRACTIONS[m.group(1)]}), m.start(),
                           m.end(), spelled=True) for m in ES_POINT_FRACTION.finditer(folded)]
    for match in DRAW[lang].finditer(text):  # one number: 2-2
        found.append(Quantity(frozenset({float(match.group(1))}), match.start(), match.end()))
    found += [Quantity(frozenset({value}), m.start(), m.end(), spelled=True)
              for pattern, value in SET_PHRASES[lang] for m in pattern.finditer(folded)]
    if lang == "en":  # a .45-caliber gun: the calibre in hundredths of an inch, calibre 45 in Spanish
        found += [Quantity(frozenset({float(m.group(1))}), m.start(), m.end()) for m in EN_CALIBRE.finditer(folded)]
    for match in SCORE.finditer(text):
        found += [Quantity(frozenset({float(match.group(n))}), match.start(n), match.end(n)) for n in (1, 2)]
    for match in CLOCK_H.finditer(text):
        hours, minutes = match.group(1), match.group(2)
        values = readings(f"{hours}:{minutes}") | {int(hours) * 100 + int(minutes)}  # and 1530 hours
        found.append(Quantity(frozenset(values), match.start(), match.end()))
    for match in HOUR_PARTS[lang].finditer(folded):
        minutes = HOUR_PART_MINUTES[match.group(2) or match.group(3)]
        found.append(Quantity(frozenset({float(minutes), minutes / 60}), match.start(), match.end(), spelled=True))
    found += [Quantity(frozenset({_roman(m.group())}), m.start(), m.end(), spelled=True)
              for m in ROMAN_NUMBER.finditer(text)]
    found += [Quantity(frozenset({15.0} if m.group(2) else {10.0, 1.0}), m.start(1), m.end(), spelled=True)
              for m in DECADE[lang].finditer(folded)]  # una década = 10 years, a decade and a half = 15
    found += [Quantity(frozenset({CENTURY_YEARS[m.group(1)]}), m.start(), m.end(), spelled=True)
              for m in CENTURY[lang].finditer(folded)]
    for match in DECADES[lang].finditer(folded):
        count = _count(match.group(1))
        if count is not None:
            found.append(Quantity(frozenset({count, count * 10}), match.start(), match.end()))
    found += [Quantity(frozenset({1.0}), m.start(), m.end(), spelled=True, unit=unit)
              for m in ONE_UNIT[lang].finditer(folded) if (unit := measure(lang, folded, m.end()))]
    if lang == "es":
        found += [Quantity(frozenset({100.0}), m.start(), m.end(), spelled=True)
                  for m in ES_WHOLLY.finditer(folded)]  # cien por cien = one hundred percent: one number
        for match in re.finditer(rf"\b({'|'.join(lex.es_weeks)})\b", folded):
            found.append(Quantity(lex.es_weeks[match.group(1)], match.start(), match.end(), spelled=True))
        for match in ES_ONE_OCLOCK.finditer(folded):  # a la una = at 1 (13 hours in the afternoon)
            found.append(Quantity(frozenset({1.0, 13.0, 100.0, 1300.0}), match.start(1), match.end(1), spelled=True))
        for match in re.finditer(rf"\b(uno|primero) de (?:{'|'.join(lex.es_months)})\b", folded):  # uno de octubre
            found.append(Quantity(frozenset({1.0}), match.start(1), match.end(1)))
        for match in ES_LONE_ONE.finditer(folded):
            found.append(Quantity(frozenset({1.0}), match.start(1), match.end(1), spelled=True))
        for match in ES_THOUSANDS_IN_WORDS.finditer(folded):  # Mexican press: 2 mil 500 millones = 2.5 billion
            value = int(match.group(1)) * 1000 + int(match.group(2))
            scaled = value * (1e6 if match.group(3) else 1)
            found.append(Quantity(frozenset({value, scaled}), match.start(), match.end()))
        for match in [*ES_AND_A_HALF.finditer(folded), *ES_HALF_BEFORE_SCALE.finditer(folded)]:
            count = _count(match.group(1) or "un")
            if count is not None:
                scale = 1e6 if match.group(2).startswith("millon") else 1e3
                found.append(Quantity(frozenset({(count + 0.5) * scale}), match.start(), match.end()))
        for match in ES_HALF_SCALE.finditer(folded):
            found.append(Quantity(frozenset({0.5 * HALF_SCALES[match.group(1)]}), match.start(), match.end()))
        for match in lex.es_number_run.finditer(folded):  # trescientos cincuenta y dos = 352
            words = match.group().split()
            values = [lex.count_words.get(word, 100) for word in words if word != "y"]
            joined = [(lex.count_words.get(words[i - 1], 0), lex.count_words.get(words[i + 1], 0))
                      for i, word in enumerate(words) if word == "y"]  # "y" only joins tens and units
            if all(a > b for a, b in zip(values, values[1:])) and all(
                    tens in range(30, 100, 10) and units < 10 for tens, units in joined):
                found.append(Quantity(frozenset({sum(values)}), match.start(), match.end(), spelled=True))
        for match in ES_AND_A_HALF_UNIT.finditer(folded):
            counted = match.group(1) or match.group(3)
            unit = match.group(2) or (counted if counted in ES_HALF_UNITS else "")
            count = _count(counted)
            if count is None and unit in (counted, *ES_SINGULAR_UNITS):
                count = 1  # (durante) hora y media, un año y medio: one and a half
            if count is not None and count < 100:  # not millones y medio (ES_AND_A_HALF)
                smaller = {(count + 0.5) * ES_HALF_UNITS[unit.rstrip("s")]} if unit.rstrip("s") in ES_HALF_UNITS \
                    else set()  # un año y medio = 18 months, hora y media = 90 minutes
                found.append(Quantity(frozenset({count + 0.5, count + 0.3} | smaller), match.start(), match.end(),
                                      spelled=True))
        for match in ES_TENTHS.finditer(folded):
            count = _count(match.group(1))
            if count is not None:
                found.append(Quantity(frozenset({count / (10 if match.group(2) == "decimas" else 100)}),
                                      match.start(), match.end()))
    else:
        for match in lex.en_ordinal_day.finditer(folded):  # the Fourth of July = 4 de julio
            day = lex.en_units[match.group(1)]
            found.append(Quantity(frozenset({day}), match.start(1), match.end(1), spelled=True))
        for match in EN_KNOCKOUT_ROUND.finditer(folded):  # quarter-finals = cuartos de final
            teams = lex.rounds[match.group(1)]
            found.append(Quantity(frozenset({teams}), match.start(), match.end(), spelled=True))
        for match in EN_HALF_PAST.finditer(folded):  # half past five = las cinco y media, 17.30
            count = _count(match.group(1))
            if count is not None and count <= 12:
                found.append(Quantity(frozenset({count + 0.3, count + 0.5, count + 12.3}), match.start(), match.end(),
                                      spelled=True))
        for match in EN_AND_A_HALF.finditer(folded):  # three and a half (hours), an hour and a half
            count = _count(match.group(1))
            if count is not None:
                found.append(Quantity(frozenset({count + 0.5, count + 0.3}), match.start(), match.end(), spelled=True))
        for match in EN_HALF_SCALE.finditer(folded):
            count = _count(match.group(1) or "a")
            if count is not None:
                scale = lex.en_scales[match.group(2)]
                found.append(Quantity(frozenset({(count + 0.5 if match.group(1) else 0.5) * scale}),
                                      match.start(), match.end()))
        for match in EN_HUNDREDS.finditer(folded):
            count, tail = _count(match.group(1)), match.group(2) or ""
            first = tail.split()[0] if tail else ""
            rest, rest_words = next(((value, words) for words in (tail, first)
                                     if words and (value := _english_words_value(words)) is not None), (0, ""))
            if count is not None and count < 10:
                end = match.start(2) + len(rest_words) if rest_words else match.start() + len(match.group(1)) + 8
                found.append(Quantity(frozenset({count * 100 + rest}), match.start(), end, spelled=True))
        for match in EN_TENTHS.finditer(folded):
            count = _count(match.group(1))
            if count is not None:
                found.append(Quantity(frozenset({count / (10 if match.group(2) == "tenths" else 100)}),
                                      match.start(), match.end()))
    for match in RATIO[lang].finditer(folded):
        whole = _count(match.group(1))
        words = list(NUMBER_OR_WORD.finditer(folded[max(0, match.start() - 40):match.start()]))[-2:]
        if match.group().startswith("in "):  # one in five, not "1,000 people in two weeks"
            words = words[-1:]
        count_word = next((word for word in reversed(words) if _count(word.group()) is not None), None)
        count = _count(count_word.group()) if count_word else None
        if count is not None and whole and count < whole <= RATIO_MAXIMUM:  # the count is also the percentage; the
            start = max(0, match.start() - 40) + count_word.start()  # whole may go unsaid (3 de cada 10 = 30%)
            share = round(100 * count / whole, 1)
            found.append(Quantity(frozenset({count, share}), start, start + len(count_word.group()),
                                  spelled=count_word.group().isalpha()))
            found.append(Quantity(frozenset({whole}), match.start(1), match.end(1), spelled=True))
    return found


def _english_words_value(words: str) -> float | None:
    """The value of an English number under 100 in words (fifty, fifty-two, twelve), or None."""
    lex = vocabulary()
    if compound := lex.en_compound.fullmatch(words):
        return lex.en_tens[compound.group(1)] + lex.en_units[compound.group(2)]
    value = lex.en_words.get(words)
    return value if value is not None and value < 100 and value == int(value) else None


def _count(word: str) -> float | None:
    """The value of a digit string or a small number word of either language (un = 1)."""
    if word.isdigit():
        return float(word)
    return vocabulary().count_words.get(word)


def quantities(text: str, lang: str) -> list[Quantity]:
    """Every number of the text with its possible values (scaled by a following scale word)."""
    lex = vocabulary()
    folded = fold(text)
    scales = lex.es_scales if lang == "es" else lex.en_scales
    spelled = lex.es_words if lang == "es" else lex.en_words
    found = phrases(text, lang)
    taken = {offset for quantity in found for offset in range(quantity.start, quantity.end)}
    dated = set(taken)
    for match in DIGITS.finditer(text):
        if match.start() in dated or (lang == "es" and match.group() == "100"
                                      and ES_PER_HUNDRED.search(text, 0, match.start())):
            continue
        if match.start() and text[match.start() - 1].isalpha() and text[match.end():match.end() + 1].isalpha():
            continue  # inside a name between letters (W3C, MP3s), not a number
        values = readings(match.group(1))
        suffix = match.group(2)
        if suffix == "s":  # the 1980s; the 1900s = siglo XX
            values |= {v % 100 for v in values} | {v // 100 + 1 for v in values if v % 100 == 0 and v >= 1000}
        after = folded[match.end():match.end() + 24]  # room for "thousand million"
        if suffix == "pm" or re.match(r" ?p\.?m\b", after):  # 9pm, 10 p.m. = 21, 22 horas
            values |= {v + 12 for v in values if v < 12}
        if lang == "en" and re.match(r" basis points?\b", after):  # 25 basis points = un cuarto de punto
            values |= {v / 100 for v in values}
        if re.match(r"\s*(?:horas|h)\b", after) or suffix == "h":  # 10 horas = 1000 hours
            values |= {v * 100 for v in values if v <= 24}
        if lang == "es" and (period := TIME_PERIOD.match(after)):  # 48 horas = two days, 90 minutos = 1.5 hours
            values |= {v * times / per for times, per in TIME_PERIODS[period.group(1)] for v in values
                       if 2 * v * times % per == 0}  # a whole number or a half
        unit_at = match.end()
        scale = scales.get(suffix or "")
        named_scale = scale if suffix != "m" else 0.0  # 100m: metres as often as million
        if not scale:
            worded = next(((factor, found_word) for word, factor in scales.items() if len(word) > 2
                           and (found_word := re.match(rf"\s*(?:de\s+)?{word}\b(?:\s+de\b)?", after))), None)
            if worded:  # 3,8 millones de litros: the unit comes after the scale word
                scale = named_scale = worded[0]
                unit_at = match.end() + worded[1].end()
        if scale:
            values |= {float(f"{v * scale:.12g}") for v in values}  # 1.047 millones = 1.047 billion (not 1046999999.99)
        if lang == "en" and len(match.group(1)) == 2 and (decade := EN_YEAR_RANGE.search(text[:match.start()])):
            values.add(float(decade.group(1) + match.group(1)))  # 2000-08 = 2008
        if lang == "en" and len(match.group(1)) == 2 and text[max(0, match.start() - 1):match.start()] in ("'", "’"):
            values |= {century + v for v in values for century in (1900.0, 2000.0)}  # '99 = 1999
        if lang == "es" and len(match.group(1)) == 2 and ES_YEAR_BEFORE.search(folded, 0, match.start()) \
                and not ES_NOT_YEAR_AFTER.match(folded, match.end()):
            values |= {century + v for v in values for century in (1900.0, 2000.0)}  # en el 92 = in 1992
        unit = measure(lang, folded, unit_at) or (
            "stone" if suffix == "st" and not ORDINAL_ST.search(match.group(1)) else "")
        found.append(Quantity(frozenset(values), match.start(), match.end(), unit=unit, scale=named_scale or 0.0))
        taken.update(range(match.start(), unit_at))  # the scale word too: 3 mil o cuatro mil
    if lang == "en":  # twenty-first (century) = 21 = XXI
        for match in lex.en_compound.finditer(folded):
            if match.start() in taken:
                continue
            value = lex.en_tens[match.group(1)] + lex.en_units[match.group(2)]
            found.append(Quantity(frozenset({value}), match.start(),
                                  match.end(), spelled=True))
            taken.update(range(match.start(), match.end()))
    if lang == "en":
        taken.update(offset for match in GAME_HALF.finditer(folded) for offset in range(match.start(), match.end()))
    for match in re.finditer(r"\b\w+\b", folded):
        word = match.group()
        if word in spelled and match.start() not in taken:
            value = spelled[word]
            values = {value, value * 1e6} if value < 1e6 else {value}
            scale = SPELLED_SCALE[lang].match(folded, match.end())
            if scale and value < 1000:  # dos mil = 2,000, three billion; the scale word is not a number of its own
                values.add(value * scales[scale.group(1)])
                taken.update(range(scale.start(), scale.end()))
            if lang == "es" and folded.startswith(" centenario", match.end()):
                values.add(value * 100)  # octavo centenario = 800th anniversary
            if lang == "en" and word in VAGUE:
                values |= {VAGUE[word] * count for count in range(2, 10)}
            found.append(Quantity(frozenset(values | ({SHARES[value]} if value in SHARES else set())), match.start(),
                                  match.end(), spelled=True))
    if lang == "es":  # siglo X = 10th century (a longer numeral is read by phrases); octavos de final = last 16
        found += [Quantity(frozenset({_roman(m.group(1))}), m.start(1), m.end(1), spelled=True)
                  for m in re.finditer(r"\bsiglos?\s+([IVXL])\b", text)]
        found += [Quantity(frozenset({value}), m.start(), m.end(), spelled=True)
                  for m in re.finditer(r"\b(octavos|cuartos|dieciseisavos) de final\b", folded)
                  for value in (lex.rounds[m.group(1)],)]
    return refine_units(text, lang, sorted(found, key=lambda q: q.start), lambda at: measure(lang, folded, at))


def _roman(numeral: str) -> float:
    values = [ROMAN[ch] for ch in numeral]
    return float(sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values)))


def months(text: str, lang: str) -> list[tuple[int, int, int]]:
    """(month number, start, end) for each month name, and in English for the month of a day/month date (9/11)."""
    lex = vocabulary()
    if lang == "es":
        return [(lex.es_months.index(m.group(1)) + 1 if m.group(1) != "setiembre" else 9, m.start(), m.end())
                for m in lex.es_month_re.finditer(fold(text))]
    result = [(int(m.group(1)), m.start(), m.end()) for m in SLASH_DATE.finditer(text)
              if 1 <= int(m.group(1)) <= 12]  # 9/11: September
    for m in lex.en_month_re.finditer(text):
        surface, name = m.group(1), m.group(1).lower()
        if surface.islower() and name not in lex.en_months:
            continue  # a lower-case abbreviation ("dec", "oct") is some other word
        if (name == "may" or (name == "march" and surface.islower())) \
                and not re.search(r"\d", text[max(0, m.start() - 4):m.end() + 4]) \
                and not MAY_MONTH_CUE.search(text[:m.start()]):
            continue  # the modal verb "may", not the month, unless a day number or "last", "in"... is next to it
        number = next(i for i, month in enumerate(lex.en_months, 1) if month.startswith(name[:3]))
        result.append((number, m.start(), m.end()))
    return result


def weekdays(text: str, lang: str) -> list[tuple[str, int, int]]:
    """(weekday, start, end) for each weekday name: Spanish in lower case (Domingo is also a name), English
    capitalised; the weekday as Spanish folded names it."""
    lex = vocabulary()
    if lang == "es":  # folding keeps case and offsets
        return [(m.group(1), m.start(), m.end()) for m in lex.es_weekday_re.finditer(fold(text))]
    return [(lex.en_weekdays[m.group(1).lower()], m.start(), m.end()) for m in lex.en_weekday_re.finditer(text)]


def _dated(text: str, lang: str, quantity: Quantity) -> bool:
    """True if a month name is within DATE_REACH characters of the quantity: a day of the month (7 de junio, June 7)."""
    return any(start <= quantity.end + DATE_REACH and end >= quantity.start - DATE_REACH
               for _, start, end in months(text, lang))


def _measured(text: str, quantity: Quantity) -> bool:
    """A number of two or more in words that counts a unit, a period of time or a currency (seis kilos, tres días,
    diez euros): an amount, which the English may not leave out as it may a count in words (las dos partes = both
    sides, dos patadas = kicked twice)."""
    folded = fold(text)
    if min(quantity.values) < 2 or folded[quantity.start:quantity.end] in vocabulary().es_scales:
        return False  # uno; or the scale word of a number before it (mil millones: millones)
    return bool(quantity.unit or period_after(folded, "es", quantity.end)
                or currency(folded, "es", quantity.start, quantity.end))


def _parenthesised_conversion(text: str, quantity: Quantity, rendered: list[Quantity]) -> bool:
    """True if the quantity alone opens a parenthesis right after an amount the English renders (`rendered`): an
    equivalent the Spanish adds, which the English may leave out (120 millas por hora (193 km/h), 500 libras (unos
    570 euros), 6 pies y 8 pulgadas (2,03 metros))."""
    opening = text.rfind("(", 0, quantity.start)
    closing = text.find(")", quantity.end)
    if opening < 0 or closing < 0 or not GLOSS_OPENING.fullmatch(fold(text[opening + 1:quantity.start])):
        return False
    inside = fold(text[quantity.end:closing])
    if re.search(r"\d", inside) or len(inside) > GLOSS_GAP or not (quantity.unit or GLOSS_CURRENCY.search(inside)):
        return False  # (5 en total) is no equivalent: it has no unit
    return _right_after_amount(text, opening, rendered)


def _right_after_amount(text: str, opening: int, rendered: list[Quantity]) -> bool:
    """True if the parenthesis opening at `opening` comes right after one of the `rendered` amounts: within GLOSS_GAP
    characters of it, with no figure between."""
    before = [other for other in rendered if other.end <= opening]
    if not before:
        return False
    gap = text[max(before, key=lambda other: other.end).end:opening]
    return len(gap) <= GLOSS_GAP and not re.search(r"\d", gap)


def _currency_equivalent(text: str, quantity: Quantity, rendered: list[Quantity]) -> bool:
    """True if the English quantity is all there is in its parentheses, as an amount of money (a currency symbol before
    it or a currency word after it), right after an amount the Spanish has (`rendered`): the translator's equivalent
    in a currency English readers know (2.500 millones de pesos = 2.5 billion pesos (about $2.7m)), whose rate no
    check can know."""
    folded = fold(text)
    opening = EN_CURRENCY_GLOSS.search(folded, 0, quantity.start)
    after = EN_CURRENCY_AFTER.match(folded, quantity.end)
    if not opening or not after or not (re.search(r"[$€£¥]", opening.group()) or re.search(r"[a-z]{3}", after.group())):
        return False
    return _right_after_amount(text, opening.start(), rendered)


@register
class NumberMismatch(Detector):
    """A number, amount or date of the source changed or missing in the aligned English."""

    code = "number_mismatch"
    category = "accuracy"
    severity = Severity.CRITICAL
    version = 38  # 38: temperatures in the low 80s (°F, a range that one or two Spanish ones fall in); 24.00 =
    # midnight; the March-May quarter; millilitres = US fluid ounces
    # 37: a number the English adds inside a name (FTSE 100, Euro 2024) is minor
    # 36: a scaled amount rounded (5.866 millones = 5.87bn); an English equivalent in another currency
    # in parentheses after an amount is minor; US and imperial gallons; a digit between letters is part of a name
    # (W3C); treintena, cincuentena (not cuarentena, quarantine; nor decena(s), often "a dozen", "dozens")
    # 35: two scale words must agree (400 mil is not "400 million"); thousand million = billion;
    # kilometres per hour; a number counting a noun of its own takes no unit from its sentence (24 horas); a half
    # after any noun (dos estrellas y media); octavo centenario = 800th; noon, midnight = 12; 1:59 read exactly;
    # un cuarto de punto, medio punto = 25, 50 basis points; lakh, crore; half past five; 1hr 59min; the 1900s =
    # siglo XX; the 7 of 24/7 is read as a word; hacia la una = around 1am
    # 34: goalless = sin goles = 0-0; every other = cada dos; a lone day number next to its month
    # counts as moved; a .45 calibre; an equivalent in parentheses up to 40 characters after its amount
    # 33: a weekday changed (lunes = "Fridays") is major
    # 32: English "in" is no inch before a word ("the 100m in 9.58 seconds"); No 10 added is minor
    # 31: fractions in words are shares (una cuarta parte = 25%, nine-tenths = 90%); un billón = a trillion
    # 30: a duration in hours and minutes is one number (2 horas y 1 minuto = 2:01)
    # 29: un metro, una milla are one of the unit (casi un metro = "nearly 3 feet")
    # 28: a drawn score is one number on the Spanish side too (1-1, 2 a 2); a number in words that
    # counts a unit, period or currency is missed as digits are (seis kilos); cien por cien, 24/7
    # 27: the same number in another unit, period or currency (42 kilómetros = "42 miles", tres días =
    # "three weeks", 30 euros = "$30") is changed
    # 26: two decades = 20 años (English too); hora y media = 90 minutes, 90 minutos = 1.5 hours
    # 25: 15 por 100 = 15%; en el 92 = in 1992
    # 24: feminine hundreds (quinientas); a number after a worded scale (150 millones en tres años); cero
    # 23: a height in feet and inches that ends a sentence; "1,000 people in two weeks" is no ratio;
    # 8 sobre 10 = 8/10; tres goles a uno = 3-1
    # 22: an equivalent in parentheses after a rendered amount is minor; 6 pies y 8 pulgadas
    # 21: media docena = half a dozen = 6, 5 1/2 and 14½, "20/20" in Spanish too
    # 20: una década = a decade = 10 (years), número uno = No. 1
    # 19: Spanish age words (octogenario = in his 80s)
    # 18: Spanish ordinals, Roman numerals, 15H30, media hora, the month of 9/11

    def detect(self, context: FieldContext) -> list[Flag]:
        flags: list[Flag] = []
        for pair in context.sentence_pairs():
            flags.extend(self._numbers(context, pair))
            flags.extend(self._months(context, pair))
            flags.extend(self._weekdays(context, pair))
        return flags

    def _numbers(self, context: FieldContext, pair: SentencePair) -> list[Flag]:
        sources, targets = quantities(pair.source, "es"), quantities(pair.target, "en")
        nearby: list[Quantity] | None = None  # the numbers of the English around the pair, read when needed
        unmatched_targets = list(targets)
        left: list[Quantity] = []
        flags = []
        for quantity in sorted(sources, key=lambda q: q.spelled):  # digits first: "número uno ... 2 y 1" = "2 and 1"
            partner = min((t for t in unmatched_targets if quantity.matches(t)),
                          key=lambda t: (t.spelled != quantity.spelled, quantity.closeness(t),
                                         abs(t.start - quantity.start)), default=None)
            if partner is None:
                if not any(t.unit == "f" and len(t.values) > 2 and quantity.matches(t)
                           for t in targets if t not in unmatched_targets):  # entre 27 y 28 grados = the low 80s
                    left.append(quantity)
                continue
            unmatched_targets.remove(partner)
            if self._unit_changed(pair, quantity, partner):
                flags.append(self._flag(context, pair, quantity, (partner.start, partner.end), Severity.CRITICAL,
                                        f'"{_with_unit(pair.source, "es", quantity)}" became '
                                        f'"{_with_unit(pair.target, "en", partner)}" in the English: the same '
                                        "number in another unit or currency"))
        # an English number that is a Spanish one again, converted: "800 kph (497 mph)", "six meters (18 feet)"
        spare = [t for t in unmatched_targets if not t.spelled and not (t.unit and any(q.matches(t) for q in sources))]
        spare_words = [t for t in unmatched_targets if t.spelled and t.values != frozenset({1, 1e6})]  # not "one"
        for quantity in left:
            literal = pair.source[quantity.start:quantity.end]
            if spare or (quantity.spelled and spare_words):
                other = spare.pop(0) if spare else spare_words.pop(0)
                flags.append(self._flag(context, pair, quantity, (other.start, other.end), Severity.CRITICAL,
                                        f'Number "{literal}" became "{pair.target[other.start:other.end]}" in the English'))
            elif not quantity.spelled or _measured(pair.source, quantity):
                if nearby is None:
                    nearby = quantities(context.nearby_target(pair, NEARBY), "en")
                if (len(literal) > 1 or _dated(pair.source, "es", quantity)) \
                        and any(quantity.values & other.values for other in nearby):  # a lone digit only in a date
                    flags.append(self._flag(context, pair, quantity, None, Severity.MINOR,
                                            f'Number "{literal}" is not in the aligned English sentence but in one '
                                            "next to it"))
                    continue
                if _parenthesised_conversion(pair.source, quantity, [q for q in sources if q not in left]):
                    flags.append(self._flag(context, pair, quantity, None, Severity.MINOR,
                                            f'Number "{literal}", an equivalent in parentheses after an amount the '
                                            "English has, is not in the English"))
                    continue
                code = literal.startswith("0") and literal.isdigit()  # 091: a phone number, named instead
                named = NAME_BEFORE.search(pair.source[:quantity.start]) is not None  # Fórmula 1: part of a name
                flags.append(self._flag(context, pair, quantity, None,
                                        Severity.MINOR if code or named else Severity.MAJOR,
                                        f'Number "{literal}" is missing from the English'
                                        + (" (part of a name)" if named else "")))
        nearby_source: list[Quantity] | None = None
        for added in spare:
            literal = pair.target[added.start:added.end]
            if _currency_equivalent(pair.target, added, [t for t in targets if t not in unmatched_targets]):
                flags.append(self.flag(context, pair.source_span(), pair.target_span(added.start, added.end),
                                       f'Number "{literal}" in the English, an equivalent in another currency after an '
                                       "amount the Spanish has, has no counterpart in the Spanish", Severity.MINOR))
                continue
            if nearby_source is None:
                nearby_source = quantities(context.nearby_source(pair, NEARBY), "es")
            moved = (len(literal) > 1 or _dated(pair.target, "en", added)) \
                and any(added.values & other.values for other in nearby_source)
            repeated = (re.search(rf"(?<![\d.,]){re.escape(literal)}\W{{1,3}}$", pair.target[:added.start]) is not None
                        or re.match(rf"\W{{1,3}}{re.escape(literal)}(?![\d.,]\d)", pair.target[added.end:]) is not None)
            named = DOWNING_STREET.search(pair.target[:added.end]) is not None and added.values == frozenset({10.0})
            titled = not (added.spelled or added.unit) and EN_NAME_BEFORE.search(pair.target[:added.start]) is not None
            if repeated:
                message = f'Number "{literal}" is written twice in the English'
            elif named:
                message = f'Number "{literal}" in the English has no counterpart in the Spanish (No 10: Downing Street)'
            elif titled:
                message = f'Number "{literal}" in the English has no counterpart in the Spanish (part of a name)'
            elif moved:
                message = (f'Number "{literal}" in the English is not in the aligned Spanish sentence but in one '
                           "next to it")
            else:
                message = f'Number "{literal}" in the English has no counterpart in the Spanish'
            flags.append(self.flag(context, pair.source_span(), pair.target_span(added.start, added.end), message,
                                   Severity.MINOR if moved or repeated or named or titled else Severity.MAJOR))
        return flags

    @staticmethod
    def _unit_changed(pair: SentencePair, source: Quantity, target: Quantity) -> bool:
        """True if the English keeps the number but puts it in another unit with no conversion between them (42
        kilómetros = "42 miles", tres días = "three weeks"; a period converted, 48 horas = "two days", is no
        change), or in another currency (30 euros = "$30"; pesos may take the $ sign)."""
        spanish, english = fold(pair.source), fold(pair.target)
        if currencies_differ(currency(spanish, "es", source.start, source.end),
                             currency(english, "en", target.start, target.end)):
            return bool(source.values & target.values)  # 30 euros = "$30"
        written = measure("es", spanish, source.end), measure("en", english, target.end)
        if all(written) and source.unit == written[0] and target.unit == written[1] and source.unit != target.unit:
            return source.closeness(target) == 2  # units written after both numbers, not shared from elsewhere
        periods = period_after(spanish, "es", source.end), period_after(english, "en", target.end)
        if not all(periods) or periods[0] == periods[1]:
            return False
        return bool(_literal_values(pair.source, "es", source) & _literal_values(pair.target, "en", target))

    def _months(self, context: FieldContext, pair: SentencePair) -> list[Flag]:
        sources, targets = months(pair.source, "es"), months(pair.target, "en")
        target_months = [m for m, _, _ in targets]
        flags = []
        kept_in_spanish = [m for m, _, _ in months(pair.target, "es")]  # a title: "Sangre de mayo"
        for month, start, end in sources:
            kept = next((found for found in (target_months, kept_in_spanish) if month in found), None)
            if kept is not None:
                kept.remove(month)
                continue
            changed = bool(target_months)
            flags.append(self.flag(context, pair.source_span(start, end), pair.target_span(),
                                   f'Month "{pair.source[start:end]}" is {"changed" if changed else "missing"} '
                                   "in the English", Severity.CRITICAL if changed else Severity.MAJOR))
        return flags

    def _weekdays(self, context: FieldContext, pair: SentencePair) -> list[Flag]:
        """A Spanish weekday the English gives as another one, neither found on the other side: major; minor for the
        day before or after at night (la noche del domingo = "Saturday night": which day a night belongs to
        varies). A weekday left out is no flag: ayer = "on Tuesday"."""
        sources, targets = weekdays(pair.source, "es"), weekdays(pair.target, "en")
        spanish, english = {day for day, _, _ in sources}, {day for day, _, _ in targets}
        others = english - spanish
        order, folded = vocabulary().es_weekdays, fold(pair.source)
        flags = []
        for day, start, end in sources:
            if day in english or not others:
                continue
            night = NIGHT.search(folded[max(0, start - NIGHT_REACH):end + NIGHT_REACH]) is not None and any(
                (order.index(day) - order.index(other)) % 7 in (1, 6) for other in others)
            flags.append(self.flag(context, pair.source_span(start, end), pair.target_span(),
                                   f'Weekday "{pair.source[start:end]}" is changed in the English'
                                   + (" (a night, which may be counted from either day)" if night else ""),
                                   Severity.MINOR if night else Severity.MAJOR))
        return flags

    def _flag(self, context: FieldContext, pair: SentencePair, quantity: Quantity, target: tuple[int, int] | None,
              severity: Severity, message: str) -> Flag:
        target_span = pair.target_span(*target) if target else pair.target_span()
        return self.flag(context, pair.source_span(quantity.start, quantity.end), target_span, message, severity)
