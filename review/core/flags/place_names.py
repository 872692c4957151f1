"""Spanish place and currency names with their English forms, from the Unicode CLDR (through Babel).

A translator writes the English name of a place (Chequia = Czech Republic, Países Bajos =
Netherlands, Filipinas = Philippines, Viena = Vienna) and a currency by its name (HUF = forints).
CLDR, the locale data every platform ships, lists these for all countries and regions, for the
cities its time zones are named after, and for currencies; `entity_mismatch` reads them as aliases
beside its own lexicon. A country also counts as found through the English name of its official
language when that name starts like the country's (Chequia = Czech, Alemania = German, Hungría =
Hungarian). Names spelled the same way in both languages are left out: they need no alias. A currency code
is also found through its English symbol, written before the amount ($350,000 for 350 000 USD).
"""
from __future__ import annotations

import re
from functools import cache

from babel import Locale, languages, numbers

from review.core.flags.common import fold

PARENTHESISED = re.compile(r"\s*\(([^)]*)\)")
ADJECTIVE_PREFIX = 3  # letters a language name shares with its country's name to stand for it (Czech/Czechia)


@cache
def cldr_place_names() -> dict[str, list[str]]:
    """Folded Spanish name or currency code -> folded English forms."""
    spanish, english = Locale("es"), Locale("en")
    names: dict[str, list[str]] = {}
    for code, spanish_name in spanish.territories.items():
        if english_name := english.territories.get(code):
            forms = [english_name, *_language_adjectives(code, english_name, english)]
            _add(names, spanish_name, forms)
    for zone, spanish_zone in spanish.time_zones.items():
        english_city = english.time_zones.get(zone, {}).get("city") or zone.split("/")[-1].replace("_", " ")
        if spanish_city := spanish_zone.get("city"):
            _add(names, spanish_city, [english_city])  # English mostly names a zone's city only in its id
    for code in english.currencies:
        singular = numbers.get_currency_name(code, count=1, locale="en")
        plural = numbers.get_currency_name(code, count=2, locale="en")
        _add(names, code, [singular, plural, singular.split()[-1], plural.split()[-1]])
    return names


@cache
def english_territories() -> frozenset[str]:
    """The folded English names of the countries and territories CLDR lists (Spain, Bolivia, United States)."""
    return frozenset(fold(name) for name in Locale("en").territories.values())


def _language_adjectives(territory: str, english_name: str, english: Locale) -> list[str]:
    """English names of the territory's official languages that start like its own name (Germany -> German)."""
    stem = fold(english_name)[:ADJECTIVE_PREFIX]
    named = (english.languages.get(language, "") for language in languages.get_official_languages(territory))
    return [name for name in named if name and fold(name).startswith(stem)]


def _add(names: dict[str, list[str]], spanish: str, english: list[str]) -> None:
    """Every Spanish form (a parenthesised one too: Yangón (Rangún)) -> the English forms, when they differ."""
    english_forms = {fold(form) for name in english for form in _forms(name)}
    for form in map(fold, _forms(spanish)):
        extra = sorted(english_forms - {form})
        if extra and form not in english_forms:
            names.setdefault(form, []).extend(e for e in extra if e not in names[form])


def _forms(name: str) -> list[str]:
    """The name without its parenthesised part, and that part."""
    return [form for form in (PARENTHESISED.sub("", name).strip(), *PARENTHESISED.findall(name)) if form]


@cache
def currency_symbols() -> dict[str, tuple[str, ...]]:
    """Folded currency code -> its English symbols that are not letters ("usd" -> "$", "US$"; "gbp" -> "£")."""
    english = Locale("en")
    return {fold(code): (symbol,) for code, symbol in english.currency_symbols.items()
            if not symbol.isalpha() and symbol != code}
