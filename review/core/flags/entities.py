"""`entity_mismatch`: a person, place or organisation of the source missing from the aligned English.

Source entities are the words Apertium's morphology tags as proper nouns (`<np>`) or does not know at all
(`*`, most foreign names) when capitalised, plus all-capital acronyms; without morphology, capitalised
words not at the start of the sentence. An entity is found in the English if its accent-folded form is
there (Jerí = Jeri), with a short suffix (Asia = Asian), glued to the next word (a missing space; a name and
a word of 5+ letters each), spelled alike (Dmitri = Dmitry, 5+ letters,
difflib ratio >= 0.8, by a capitalised English word unless the entity is a common word: Moore is not "more"; also
once romanisations are made alike: Jodorkovski = Khodorkovsky), as a cognate
sharing its first five letters (Urbanismo = urban), abbreviated (Connecticut = Conn., Los Ángeles = L.A.),
an acronym as capitalised words with its initials in any order (CFE = Federal Electricity Commission; two
letters in order: AP = Associated Press), a spelled-out name as an English acronym (Banco Real de Escocia
= RBS), or as one of its English forms from rules/entities.toml or the newsroom's glossary (Perú = Peru,
EE.UU. = US, ONU = UN, Pedro = Peter, Fiscalía = Prosecutor's Office), or of a listed phrase it ends (Príncipe de Asturias = crown prince). A known proper noun that
Apertium translated into a form we do not list (its surface is absent from the pseudo-reference) is left
alone rather than guessed at, unless it directly follows a name (Javier Barrio): then it is found if the
word Apertium put after that name is in the English (Inversis Banco = Inversis Bank). Missing = major,
except as minor: a word Apertium does not know that hunspell-es lists as a Spanish common word (Fiscalía,
Urbanismo: mostly institutions and titles a translator translates), and a name the English spells another
way (a capitalised word with difflib ratio >= 0.6 and the same first letter: Ivonic for Ivanovic; an
acronym with its letters reordered, or two thirds of them shared: CEC for CCE, OIEA for IAEA, or one in
parentheses for another in parentheses: (CRQ) for (CDS)), a part of a full name the English shortens (José
Luis Rodríguez Zapatero = Zapatero, Durão Barroso = Barroso; not an acronym beside a name, and not when
the English brings in a name of its own), a gloss in parentheses (matanza (Massenmord); an acronym after
its name; a name in another language before its translation: Bílé Karpaty (Cárpatos blancos)), a name
found in an English sentence the aligner left unpaired (the sentences were split differently), and a name
found in the English sentences next to its own (two either side: the name moved, or a title stands in for
it, "Rajoy" = "the prime minister") unless the English sentence brings in a name of its own (then one may
have replaced the other). A multi-word name is found when each of its capitalised parts is (Xunta de
Galicia = Galician government; Real Madrid is not found in "Real Betis"). The rules list Spanish
regions, parties and institutions translators render by function (PSOE = Socialists, Hacienda = Treasury);
CLDR (through Babel) adds the English names of countries, regions, cities and currencies (Chequia = Czech
Republic, HUF = forints; USD = $). A name missing from two or more passages of the document (sentences of its
field, and the other field once) is minor: the translator renders it one way we do not know (Jemeres Rojos
= Khmer Rouge), a terminology matter, not a slip; a swap in one sentence stays major.
Spanish capitalises little, so a word Apertium knows as a common word, capitalised inside a sentence (not at its
start or after an opening quote, colon or bracket), is part of a name or title too (Interior, Gas Natural, Carla
del Ponte). It is found if one of its bilingual-dictionary English words is in the English (Interior = Interior
Ministry). Missing, it is minor (a title rendered by function: Ley = Act, Partido Republicano = GOP) unless the
English brings in a name of its own (_foreign_names: a given name, surname or unknown word, no English form of a
Spanish word of the sentence, not spelled like one, not beginning as a capitalised one does, not elsewhere in the
document's Spanish, no title such as Adm.): then it is major (Carla del Matthew).
MQM category: accuracy (mistranslation).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import cache

from review.core.flags import Detector, FieldContext, SentencePair, register
from review.core.flags.common import contains_phrase, fold, starts_word
from review.core.flags.numbers import ROMAN_NUMBER
from review.core.flags.place_names import cldr_place_names, currency_symbols
from review.core.flags.rulebook import RuleBook, active
from review.core.flags.senses import news_senses
from review.core.flags.wordlists import is_english_word, is_spanish_common_word, is_spanish_verb_form
from review.core.model import Flag, Severity
from review.core.text.bilingual import common_reading, token_key
from review.core.text.morphology import Token

ACRONYM = re.compile(r"^(?:[A-ZÁÉÍÓÚÑ]\.?){2,6}$")
SPELLING_RATIO = 0.8
RESPELLING_RATIO = 0.6  # a capitalised English word this close is the name misspelt (Ivanovic -> Ivonic): minor
COGNATE_PREFIX = 5
ACRONYM_SHARE = 2 / 3  # of its letters an acronym shares with its English counterpart (OIEA = IAEA)
CONSISTENT = 2  # a name missing from this many sentences or more is rendered one way we do not know: minor
NEARBY = 2  # a name missing from its sentence but in the English this many sentences around it: moved (minor)
LINKING_WORDS = frozenset({"of", "the", "and", "for", "on", "de", "del", "la"})  # inside a spelled-out acronym
ARTICLES = frozenset({"el", "la", "los", "las", "de", "del", "y"})
UNINITIALLED = LINKING_WORDS | ARTICLES | {"e", "por", "para", "con", "en"}  # no letter of a spelled-out acronym
RUN_LINKS = frozenset({"e", "por", "para", "en"})  # inside a name too: Universidad de California en Los Ángeles
SHOUTED = 6  # letters beyond which a word in capitals is no acronym
GLUED = 5  # letters of a name, and of the word after it, for the name to be found glued to that word
SHOUTED_ACRONYM = 3  # letters beyond which an unknown word in capitals is no acronym in a sentence in capitals
HONORIFICS = frozenset({"sr", "sra", "srta", "sres", "dr", "dra", "don", "dona", "dna", "mr", "mrs", "ms"})  # titles
ROMAN_NUMERAL = re.compile(r"[IVXLC]+")
EXPLANATION_WORDS = 12
_NAME_END = r"(?:\b[A-ZÁÉÍÓÚÑ][\w.]*|[»\"”])"  # a capitalised word or acronym, or a closing quote
EXPLAINING_PARENTHESIS = re.compile(_NAME_END + r"\s*\(([a-záéíóúñ][^()]{2,119})\)")  # a description, in lower case
# an acronym, then a description between commas (la NBA, la liga norteamericana de baloncesto, ...)
DESCRIPTION = r"(?:el|la|los|las|un|una)\s+[^,;:()«»\"“”]{3,119}?(?=\s*(?:[,;:.]|$))"  # , el poeta ciego,
GLOSSED_ACRONYM = re.compile(rf"\b([A-Z]{{2,6}}),\s+({DESCRIPTION})")
SPELLED_ACRONYM = re.compile(r"(\w)\s*\(([A-ZÁÉÍÓÚÑ]{2,6})\)")  # a word, then an acronym alone in parentheses
FINITE_VERBS = frozenset({"vblex", "vbser", "vbhaver", "vbmod", "vaux"})
FINITE_TENSES = frozenset({"pri", "pii", "ifi", "fti", "cni", "prs", "pis", "fts", "imp"})
CENTURY_BEFORE = re.compile(r"\bsiglos?\s+$")
ABBREVIATION = re.compile(r"\b([A-Z][a-z]{2,4})\.")  # Conn., Calif.: a state's or title's short form
# a name in another language followed by its translation in parentheses: Bílé Karpaty (Cárpatos blancos)
TRANSLATION_AFTER = re.compile(r"(?:\s+[\w'’.-]+){0,5}?\s*\(([A-ZÁÉÍÓÚÑ][^()]*\s[^()]+)\)")
US_PARTS = frozenset({"ee. uu", "ee.uu", "ee uu", "eeuu", "estados unidos"})  # EE. UU. in its spellings
SPLIT_ABBREVIATION = re.compile(r"[A-Z]{2,3}")  # a part of an abbreviation in capitals split at its full stop
BODY_BEFORE = re.compile(r"[A-ZÁÉÍÓÚÑ][\w-]+(?:\s+(?:[A-ZÁÉÍÓÚÑ][\w-]+|de|del|la|las|los|y))*?"
                         r"(\s+(?:\([A-Z]{2,6}\)\s+)?(?:de|del)\s+)$")  # its acronym between: Agencia ... (EPA) de
PROTHETIC_E = re.compile(r"^e(s[^aeiou].*)")  # Espartaco, Esmirna: the name without its Spanish e (Spartacus)
OFFICE_BEFORE = re.compile(r"\b([a-záéíóúñ]{3,})\s+(?:de|del)\s+$")  # a common noun, then "de": presidente de
NAME_JOINER = re.compile(r"\s+(?:(?:de|del|la|las|los|y|e|of|and|the)\s+)?")  # between the words of one name
ROMANISATIONS = (("shch", "ch"), ("sch", "ch"), ("tch", "ch"), ("kh", "j"), ("sh", "ch"), ("zh", "y"), ("ou", "u"),
                  ("y", "i"), ("w", "v"), ("ee", "i"), ("ph", "f"), ("th", "t"), ("gh", "g"), ("dh", "d"))
CAPITALISED = re.compile(r"^[A-ZÁÉÍÓÚÑ][\wÁÉÍÓÚÑáéíóúñü.-]+$")
TITLED = re.compile(r"^[A-ZÁÉÍÓÚÑ][a-záéíóúñü]{2,}$")  # a capitalised word, not in capitals
DEMONYM_BASE = 4  # a state's form this long may take an ending (Russia -> Russian); a shorter one (US) must stand alone
NAME_STEM = 3  # an English name that begins with the same letters renders a capitalised word (Rockies = Rocosas)
OPENINGS = frozenset(".:;!?¿¡«\"“‘'(—–-[")  # after these a capital opens a sentence, a quotation or an aside


def listed() -> dict[str, list[str]]:
    """Folded Spanish form -> folded English forms, from the lexicon and the newsroom's glossary (Fiscalía =
    Prosecutor's Office): a listed name must be in one of them."""
    return active().compiled("entities.listed", _listed)


def _listed(book: RuleBook) -> dict[str, list[str]]:
    table = {fold(key): [fold(v) for v in values] for key, values in book.table("entities", "names").items()}
    for term in book.glossary:
        forms = table.setdefault(fold(term.source), [])
        forms.extend([fold(term.target)] if fold(term.target) not in forms else [])
    return table


def stands_for() -> dict[str, list[str]]:
    """Folded capital or seat of power -> the folded Spanish names of the state it may stand for (rules: stands_for)."""
    return active().compiled("entities.stands_for", lambda book: {
        fold(key): [fold(value) for value in values] for key, values in book.table("entities", "stands_for").items()})


def offices() -> frozenset[str]:
    """Folded Spanish offices whose holder's country the English may leave to its readers (rules: offices)."""
    return active().compiled("entities.offices", lambda book: frozenset(
        fold(word) for word in book.words("entities", "offices")))


def aliases() -> dict[str, list[str]]:
    """The lexicon's and glossary's forms, then CLDR's place and currency names: extra forms that count as found (a
    CLDR name may have a form CLDR does not give, Norteamérica = North America, so it is not held to them)."""
    return active().compiled("entities.aliases", _aliases)


def _aliases(book: RuleBook) -> dict[str, list[str]]:
    table = {key: list(values) for key, values in listed().items()}
    for key, values in cldr_place_names().items():
        table.setdefault(key, []).extend(value for value in values if value not in table[key])
    return table


@dataclass(frozen=True)
class Entity:
    """A source entity: its surface and span, and the name it follows if it was taken as a name only for that."""

    surface: str
    start: int
    end: int
    follows: str = ""  # for a common word taken as a name: the name it follows
    common: bool = False  # unknown to Apertium but a Spanish common word (Fiscalía): likely a title, not a name
    renderings: tuple[str, ...] = ()  # a capitalised common word inside a sentence: its dictionary's English words
    as_common: tuple[str, ...] = ()  # a name the tagger read, as the common noun it spells: its English words


def entities(pair: SentencePair, bilingual: Mapping[str, tuple[str, ...]]) -> list[Entity]:
    """Each source entity, using morphology when there is some.

    A capitalised word Apertium knows as a common noun counts when it directly follows a name (Javier
    Barrio, Northern Rock): surnames are often ordinary Spanish words; not after a word in capitals, which is
    no given name (ONU Mujeres, URGENTE Incendio). The first word of a sentence is
    not a name if it is a Spanish common word that Apertium does not know (Aprovisionada) or that comes
    before "de" (Apertium tags "Miles de personas" a name), nor one before a comma, even if also a name ("Claro, por
    supuesto"), nor a form of a Spanish verb Apertium does not know (Sucedió). Words before a name are left alone:
    they are mostly translated titles (Banco Santander = Santander Bank). Honorifics (Sra, Dr), a currency's letters
    (US$) and common words in capitals (INFORME) are not names, nor are words Apertium knows as common words, or
    does not know but hunspell lists as Spanish words, in a sentence written in capitals (EXIGO EXPLICACIONES;
    ALQAEDA stays a name).
    Spanish capitalises little, so a common word capitalised inside a sentence (not after an opening quote,
    a colon or a bracket) is part of a name or title too (Interior, Gas Natural, la Santa Muerte, Carla del
    Ponte) when the bilingual dictionary is given (`bilingual`, the context's token_key -> English words; empty:
    no such words): it carries its dictionary's English words (else its lemma), which count as finding it.
    """
    if pair.source_tokens:
        shouting = _shouting(pair.source)
        tokens = [t for t in _abbreviations_joined(pair.source_tokens, pair.source)
                  if t.end > t.start and fold(t.surface).rstrip(".") not in HONORIFICS
                  and not pair.source.startswith("$", t.end)  # US$, C$: a currency
                  and not _shouted(t.surface) and not _century(pair.source, t.start, t.surface)
                  and not (shouting and t.surface.isupper() and not {"np", "acr"} & set(t.tags)
                           and _shouted_word(t.surface, t.unknown))]
        named = [bool(CAPITALISED.match(t.surface.split()[0])) and bool("np" in t.tags or t.unknown
                                                                        or ACRONYM.match(t.surface))
                 and not (_sentence_initial(pair.source, t.start) and (
                     is_spanish_common_word(t.surface)
                     and (t.unknown or i + 1 < len(tokens) and tokens[i + 1].surface == "de")
                     or pair.source.startswith(",", t.end) and is_spanish_common_word(t.surface, names_too=True)
                     or t.unknown and is_spanish_verb_form(t.surface)))
                 for i, t in enumerate(tokens)]
        beside = [i > 0 and not named[i] and named[i - 1] and not _capitals(tokens[i - 1].surface)
                  and bool(CAPITALISED.match(t.surface))
                  and fold(t.surface) not in ARTICLES and 0 <= t.start - tokens[i - 1].end <= 1
                  for i, t in enumerate(tokens)]
        titled = [bool(bilingual) and not named[i] and not beside[i] and bool(TITLED.match(t.surface))
                  and not t.unknown and fold(t.surface) not in ARTICLES and not _opening(pair.source, t.start)
                  for i, t in enumerate(tokens)]
        return [Entity(t.surface, t.start, t.end, tokens[i - 1].surface if beside[i] else "",
                       t.unknown and is_spanish_common_word(t.surface),
                       bilingual.get(token_key(t), ()) or (t.lemma,) if titled[i] else (),
                       (*bilingual.get(token_key(common), ()), *news_senses().get(fold(common.lemma), ()))
                       if (common := common_reading(t)) else ())
                for i, t in enumerate(tokens) if named[i] or beside[i] or titled[i]]
    found = []
    for match in re.finditer(r"[\wÁÉÍÓÚÑáéíóúñü.]+", pair.source):
        surface = match.group().rstrip(".")
        sentence_start = not pair.source[:match.start()].strip() or pair.source[:match.start()].rstrip()[-1] in ".:«\"“"
        if (CAPITALISED.match(surface) and (not sentence_start or ACRONYM.match(surface))
                and fold(surface) not in HONORIFICS and not _shouted(surface)):
            found.append(Entity(surface, match.start(), match.start() + len(surface)))
    return found


def _capitals(surface: str) -> bool:
    """A word of two letters or more, all in capitals (an acronym or a shouted word)."""
    return len(surface) > 1 and surface.isupper()


def _century(text: str, start: int, surface: str) -> bool:
    """A Roman numeral after "siglo(s)", or of two letters or more: a number (siglo XIX = 19th-century, III República =
    Third Republic), which number_mismatch checks."""
    if ROMAN_NUMBER.fullmatch(surface):
        return True
    return ROMAN_NUMERAL.fullmatch(surface) is not None and CENTURY_BEFORE.search(fold(text[:start])) is not None


def _shouted(surface: str) -> bool:
    """A Spanish common word written in capitals (a headline's INFORME), too long to be an acronym."""
    return len(surface) > SHOUTED and surface.isupper() and is_spanish_common_word(surface.capitalize())


def _shouting(text: str) -> bool:
    """A sentence written in capitals (NO ESTÉS SABOTEANDO PÁGINAS): two words of four letters or more at least, most
    of them in capitals (_shouted_word tells its words from its acronyms and names)."""
    long_words = [word for word in re.findall(r"\w{4,}", text) if not word.isdigit()]
    capitals = [word for word in long_words if word.isupper()]
    return len(capitals) >= 2 and 2 * len(capitals) > len(long_words)


def _shouted_word(surface: str, unknown: bool) -> bool:
    """A word in capitals, in a sentence in capitals, that is a word rather than an acronym: one Apertium knows as a
    common word, or, longer than an acronym, a Spanish word or verb form of hunspell's (ESTES, EXIGO; not ALQAEDA)."""
    if not unknown:
        return True
    word = surface.capitalize()
    return len(surface) > SHOUTED_ACRONYM and (is_spanish_common_word(word)
                                               or is_spanish_verb_form(word, first_person=True))


def _opening(text: str, start: int) -> bool:
    """Nothing before the offset, or an opening mark: the start of a sentence, a quotation or a bracket."""
    before = text[:start].rstrip()
    return not before or before[-1] in OPENINGS


def _sentence_initial(text: str, start: int) -> bool:
    """Nothing but punctuation before the offset."""
    return not re.search(r"\w", text[:start])


def _abbreviations_joined(tokens: tuple[Token, ...], text: str) -> list[Token]:
    """The tokens with an abbreviation in capitals that the analyser split at its full stop made one name again
    (EE. UU.: "EE", ".", "UU")."""
    joined: list[Token] = []
    for token in tokens:
        if (len(joined) >= 2 and joined[-1].surface == "." and SPLIT_ABBREVIATION.fullmatch(joined[-2].surface)
                and SPLIT_ABBREVIATION.fullmatch(token.surface) and token.start - joined[-2].end <= 2):
            first = joined[-2]
            joined[-2:] = [replace(first, surface=text[first.start:token.end], lemma=text[first.start:token.end],
                                   tags=("np",), end=token.end)]
        else:
            joined.append(token)
    return joined


def present(entity: Entity, pair: SentencePair, table: dict[str, list[str]], judged: bool = False,
            bilingual: Mapping[str, tuple[str, ...]] | None = None) -> bool:
    """True if the entity, or a listed English form of it, is in the target, or it cannot be judged (an unlisted name
    Apertium renders otherwise) unless `judged`: each part of a name of several words must be found as such, or
    "Estados Unidos" would count as found because Apertium renders "Estados" and "Unidos" otherwise. With the
    `bilingual` dictionary, a name the English gives as the acronym of its translation is found too (Junta Nacional
    de Seguridad en el Transporte = NTSB)."""
    surface = entity.surface
    key = fold(surface)
    if contains_phrase(pair.target, surface) or any(contains_phrase(pair.target, alias) for alias in table.get(key, ())):
        return True
    if starts_word(fold(pair.target), key, 3):  # Asia -> Asian, Israel -> Israeli
        return True
    if state_forms(key, pair, table):  # Washington = the US, el Kremlin = Russia
        return True
    if len(key) >= GLUED and re.search(rf"(?<!\w){re.escape(surface)}[a-z]{{{GLUED},}}", pair.target):
        return True  # glued to the next word, a space missing (Soriayesterday)
    if any(symbol in pair.target for symbol in currency_symbols().get(key, ())):  # 350 000 USD = $350,000
        return True
    if any(contains_phrase(pair.target, alias) for alias in _phrase_aliases(entity, pair.source, table)):
        return True  # Príncipe de Asturias = crown prince
    if ACRONYM.match(surface) and (expanded(surface, pair.target) or _spelled_out_and_renamed(entity, pair)
                                   or _dotted(surface, pair.target)):
        return True
    if not ACRONYM.match(surface) and contracted(entity, pair, bilingual):  # Banco Real de Escocia = RBS
        return True
    if abbreviated(surface, pair.target):  # Connecticut = Conn., Los Ángeles = L.A.
        return True
    parts = [part for part in surface.split() if part[:1].isupper() and fold(part) not in ARTICLES]
    if len(parts) > 1 and all(present(replace(entity, surface=part), pair, table, judged=True) for part in parts):
        return True  # Xunta de Galicia -> Galician government (xunta and galicia are listed)
    target_words = re.findall(r"\w+", fold(pair.target))
    names = target_words if entity.common or entity.renderings else [  # a name is spelled alike by a name:
        fold(word) for word in re.findall(r"\w+", pair.target) if word[:1].isupper()]  # Moore is not "more"
    if len(key) >= 5 and any(_close(key, word, SPELLING_RATIO) for word in names):  # Dmitri -> Dmitry
        return True
    romanised = _romanised(key)
    if len(key) >= 5 and any(_close(romanised, other, SPELLING_RATIO) for word in names
                             if (other := _romanised(word)) != word or romanised != key):
        return True  # Jodorkovski -> Khodorkovsky, Jruschov -> Khrushchev
    if len(key) >= 6 and any(word[:COGNATE_PREFIX] == key[:COGNATE_PREFIX] for word in target_words):
        return True  # Urbanismo -> urban planning
    if entity.renderings:  # Interior = Interior Ministry, Poeta = poet
        return _rendered(entity.renderings, pair)
    if entity.as_common and _rendered(entity.as_common, pair):  # Imperio (tagged a name) otomano = Ottoman Empire
        return True
    if entity.follows:  # Inversis Banco: Apertium's word after "Inversis" (Bank) is in the English
        rendered = re.search(rf"(?<!\w){re.escape(fold(entity.follows))}\W+(\w{{3,}})", fold(pair.pseudo))
        return rendered is not None and rendered.group(1) in target_words
    if key in listed() or judged:
        return False
    return bool(pair.pseudo) and not contains_phrase(pair.pseudo, surface)


def _rendered(renderings: tuple[str, ...], pair: SentencePair) -> bool:
    """One of the English words of a capitalised common word is in the English, as a form or a lemma."""
    forms = {form for token in pair.target_tokens for text in (token.surface, token.lemma)
             for form in fold(text).split()}
    forms |= set(re.findall(r"\w+", fold(pair.target)))
    return any(all(part in forms for part in fold(rendering).split()) for rendering in renderings)


def _phrase_aliases(entity: Entity, source: str, table: dict[str, list[str]]) -> list[str]:
    """The English forms of a listed phrase the entity is a word of (Príncipe de Asturias: Asturias; Medias Rojas:
    Medias)."""
    word = fold(entity.surface)
    start = len(fold(source[:entity.start]))
    end = start + len(word)
    folded = fold(source)
    return [alias for phrase in _phrases() if word in phrase
            for match in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", folded)
            if match.start() <= start and end <= match.end() for alias in table[phrase]]


def _phrases() -> tuple[str, ...]:
    """The lexicon's, the glossary's and CLDR's names of several words (Príncipe de Asturias, Nueva York)."""
    return active().compiled("entities.phrases", lambda book: tuple(key for key in aliases() if " " in key))


def expanded(acronym: str, text: str) -> bool:
    """The text spells the acronym out: as many consecutive capitalised words (of, the, and, for, de between them
    allowed) whose initials are its letters in any order, since English reorders the Spanish words (CFE = Federal
    Electricity Commission, IMSS = Mexican Social Security Institute), a short acronym among them giving all its
    letters (UKHSA = UK Health Security Agency); a two-letter one only as a run of two words
    in its order (AP = Associated Press)."""
    letters = acronym.replace(".", "").upper()
    for start, end, initials in _capitalised_runs(text, whole_acronyms=True):
        initials = initials if " " in text[start:end] else initials[:1]  # an acronym alone spells nothing out (CEC)
        if len(letters) == 2 and initials == letters:
            return True
        if len(letters) > 2 and any(sorted(initials[i:i + len(letters)]) == sorted(letters)
                                    for i in range(len(initials) - len(letters) + 1)):
            return True
    return False


def _dotted(acronym: str, text: str) -> bool:
    """The text writes the acronym with a full stop after each letter (HR = H.R., UE = U.E.)."""
    letters = [letter for letter in acronym if letter.isalpha()]
    return len(letters) > 1 and re.search(
        r"(?<!\w)" + "".join(rf"{re.escape(letter)}\." for letter in letters), text) is not None


def _spelled_out_and_renamed(entity: Entity, pair: SentencePair) -> bool:
    """The Spanish spells its acronym out in parentheses right after or before it, lower case allowed, the initials of
    its words being the acronym's letters in any order (CTIM (ciencia, tecnología, ingeniería y matemáticas);
    trastorno por déficit de atención (TDA)), and the English has an acronym of its own, not in the Spanish, of as
    many letters give or take one (STEM, ADHD): each language's acronym for the same words."""
    letters = sorted(entity.surface.replace(".", "").upper())
    after = re.match(r"\s*\(([^()]{5,120})\)", pair.source[entity.end:])
    before = re.search(r"((?:[\w'’-]+\s+){1,10})\(\s*$", pair.source[:entity.start])
    before_initials = _initials(before.group(1)) if before else ""
    if not ((after and sorted(_initials(after.group(1))) == letters)
            or len(before_initials) >= len(letters) and sorted(before_initials[-len(letters):]) == letters):
        return False
    return any(abs(len(word) - len(letters)) <= 1 for word in re.findall(r"\b[A-Z]{2,6}\b", pair.target)
               if word not in pair.source)


def _initials(text: str) -> str:
    """The initials of the words of a phrase but its linking words and articles (de, y, por, la)."""
    return "".join(fold(word[0]).upper() for word in re.findall(r"[\w'’-]+", text)
                   if fold(word) not in UNINITIALLED)


def contracted(entity: Entity, pair: SentencePair, bilingual: Mapping[str, tuple[str, ...]] | None = None) -> bool:
    """The English gives as an acronym the spelled-out name the entity is part of: an acronym of 3+ letters not in
    the Spanish whose letters are the initials of the capitalised words around the entity in any order (Fondo
    Monetario Internacional = IMF), or two thirds of them as for an acronym translated (Banco Real de Escocia =
    RBS, Strategic Arms Reduction Treaty = START)."""
    if pair.source[entity.start:entity.end] != entity.surface:  # a name part looked up on its own (no position)
        return False
    return any(start <= entity.start < end for start, end, _ in contracted_runs(pair, bilingual))


def contracted_runs(pair: SentencePair, bilingual: Mapping[str, tuple[str, ...]] | None = None
                    ) -> list[tuple[int, int, str]]:
    """(start, end, acronym) of each run of capitalised Spanish words (3+) that an English acronym not in the Spanish
    stands for: Oficina Federal de Investigaciones = FBI; with the `bilingual` dictionary, also when the acronym's
    letters are the initials of the words' English renderings, one word of the run to spare (Agencia Federal para la
    Gestión de Emergencias = FEMA; Unión Estadounidense por las Libertades Civiles = ACLU)."""
    acronyms = [word for word in re.findall(r"\b[A-Z]{3,6}\b", pair.target) if word not in pair.source]
    if not acronyms:
        return []
    runs = []
    for start, end, initials in _capitalised_runs(pair.source):
        if len(initials) < 3:
            continue
        rendered = _rendered_initials(pair, start, end, bilingual) if bilingual else []  # once a run
        runs += [(start, end, acronym) for acronym in acronyms
                 if sorted(acronym) == sorted(initials)
                 or _translated_acronym(initials.lower(), acronym.lower(), pair.source)
                 or (rendered and _spelled_in_translation(acronym, rendered))]
    return runs


def _rendered_initials(pair: SentencePair, start: int, end: int, bilingual: Mapping[str, tuple[str, ...]]
                       ) -> list[frozenset[str]]:
    """For each capitalised word of the run, the initials it may give an acronym: its own and those of its bilingual
    dictionary's English words (Junta: J or B for board)."""
    options = []
    for token in pair.source_tokens:
        if start <= token.start < end and token.surface[:1].isupper():
            parts = token.surface.split()  # a multiword name (Los Ángeles) gives an initial a word
            renderings = bilingual.get(token_key(token), ()) if len(parts) == 1 else ()
            options += [frozenset({fold(part[0]).upper()}) for part in parts[1:]]
            options.append(frozenset({fold(parts[0][0]).upper(), *(fold(word[0]).upper() for word in renderings
                                                                     if word)}))
    return options


def _spelled_in_translation(acronym: str, options: list[frozenset[str]]) -> bool:
    """True if each letter of the acronym is the initial of a different word (`options`: each word's possible
    initials), with all the words used or all but one."""
    if not len(acronym) <= len(options) <= len(acronym) + 1:
        return False

    def assign(letters: str, free: tuple[frozenset[str], ...]) -> bool:
        if not letters:
            return True
        return any(letters[0] in option and assign(letters[1:], free[:i] + free[i + 1:])
                   for i, option in enumerate(free))
    return assign(acronym, tuple(options))


SHORT_ACRONYM = re.compile(r"[A-Z]{2,3}")


def _capitalised_runs(text: str, whole_acronyms: bool = False) -> list[tuple[int, int, str]]:
    """(start, end, initials) of each run of capitalised words, linking words (de, del, la, of...) inside allowed; with
    `whole_acronyms`, a word of two or three capitals gives all its letters (the UK Health Security Agency: UKHSA)."""
    runs: list[tuple[int, int, str]] = []
    start = end = previous = -1
    initials = ""
    for match in re.finditer(r"[\w'’-]+", text):
        word, joined = match.group(), previous >= 0 and not text[previous:match.start()].strip()
        if fold(word) in LINKING_WORDS | ARTICLES | RUN_LINKS:
            if initials and not joined:  # a linking word after a comma ends the run
                runs.append((start, end, initials))
                initials = ""
            previous = match.end()
            continue
        own = word if whole_acronyms and SHORT_ACRONYM.fullmatch(word) else fold(word[0]).upper()
        if word[:1].isupper() and initials and joined:
            initials, end = initials + own, match.end()
        else:
            if initials:
                runs.append((start, end, initials))
            start, end, initials = match.start(), match.end(), own if word[:1].isupper() else ""
        previous = match.end()
    if initials:
        runs.append((start, end, initials))
    return runs


def glossed(entity: Entity, source: str) -> bool:
    """The entity is all there is in its parentheses, a gloss the English may leave out: a word given in its own
    language (matanza (Massenmord)), or an acronym right after the name it stands for (Comisión Nacional del
    Mercado de Valores (CNMV); Instituto Nacional de Estadística y Censos (INDEC), the D of "de" in it), or in
    parentheses that spell out the acronym before them (START (Strategic Arms Reduction Treaty)); or it is part of a
    name in another language that a translation in parentheses follows, which the English gives instead (Bílé Karpaty
    (Cárpatos blancos) = White Carpathians)."""
    if translated := TRANSLATION_AFTER.match(source[entity.end:]):
        return any(word[:1].islower() for word in translated.group(1).split()[1:])
    if _spelling_out(entity, source):
        return True
    if source[:entity.start].rstrip()[-1:] != "(" or source[entity.end:].lstrip()[:1] != ")":
        return False
    if not ACRONYM.match(entity.surface):
        return True
    letters = sorted(entity.surface.replace(".", "").upper())
    before = source[:source[:entity.start].rstrip().rfind("(")].rstrip()
    return any(run[1] == len(before) and _spells(run[2], letters)  # Según la Organización ...
               for run in _capitalised_runs(before))


def _spells(initials: str, letters: list[str]) -> bool:
    """The acronym's letters (sorted) are the last initials of a run of capitalised words, in any order, or those and
    the D or Y of one of its linking words (Instituto Nacional de Estadística y Censos (INDEC))."""
    if sorted(initials[-len(letters):]) == letters:
        return True
    short = initials[-(len(letters) - 1):]
    extra = Counter(letters) - Counter(short)
    return len(letters) > 3 and len(short) == len(letters) - 1 and sum(extra.values()) == 1 and set(extra) <= {"D", "Y"}


def _spelling_out(entity: Entity, source: str) -> bool:
    """The entity is inside parentheses that spell out the acronym right before them, their capitalised words'
    initials being its letters in order, one left out at most (START (Strategic Arms Reduction Treaty)): the acronym
    is the name."""
    opening = source.rfind("(", 0, entity.start)
    closing = source.find(")", entity.end)
    acronym = re.search(r"\b([A-Z][A-Za-z]{1,6})\s*$", source[:opening]) if opening > 0 else None
    if acronym is None or closing < 0 or ")" in source[opening:entity.start]:
        return False
    initials = "".join(word[0] for word in re.findall(r"[\w'’-]+", source[opening + 1:closing]) if word[0].isupper())
    letters = iter(acronym.group(1).upper())
    return len(initials) >= max(2, len(acronym.group(1)) - 1) and all(letter in letters for letter in initials)


def explanations(pair: SentencePair) -> list[tuple[int, int]]:
    """Spans of the Spanish that explain a name in parentheses right after it, which the English may leave to its
    readers (la NFL (la liga profesional de fútbol americano)): a description in lower case (not a name or acronym:
    glossed() weighs those), no figures, no finite verb, at most EXPLANATION_WORDS words; or such a description
    between commas after an acronym the English keeps (la NBA, la liga norteamericana de baloncesto, ...). Any other
    apposition is left alone: it is part of the sentence, and dropping it is an omission (Homero, el poeta ciego, ...).
    Also the spelled-out name before an acronym in parentheses that the English gives alone (spelled_before())."""
    spans = spelled_before(pair)
    folded_target = fold(pair.target)
    glossed_acronyms = [match for match in GLOSSED_ACRONYM.finditer(pair.source)
                        if _acronym_in(fold(match[1]), folded_target)]
    for match, group in [(m, 1) for m in EXPLAINING_PARENTHESIS.finditer(pair.source)] + [
            (m, 2) for m in glossed_acronyms]:
        start, end = match.span(group)
        if re.search(r"\d", match[group]) or len(match[group].split()) > EXPLANATION_WORDS:
            continue
        if any(start <= t.start < end and t.pos in FINITE_VERBS and FINITE_TENSES & set(t.tags)
               for t in pair.source_tokens):
            continue
        spans.append((start, end))
    return spans


def _acronym_in(acronym: str, folded_target: str) -> bool:
    """The folded English holds the folded acronym as a word, or one of its English forms (rules: names)."""
    return any(re.search(rf"(?<!\w){re.escape(form)}(?!\w)", folded_target)
               for form in (acronym, *aliases().get(acronym, ())))


def spelled_before(pair: SentencePair) -> list[tuple[int, int]]:
    """Spans of the Spanish that spell out the acronym in parentheses right after them when the English gives the
    acronym alone, or its English form (la Agencia del Medicamento de Estados Unidos (FDA) = the FDA; el producto
    interior bruto (PIB) = GDP): the capitalised name before the parenthesis, or as many words as the acronym has
    letters, linking words aside (índice de precios al consumo (IPC))."""
    spans = []
    folded_target = fold(pair.target)
    for match in SPELLED_ACRONYM.finditer(pair.source):
        acronym = fold(match[2])
        if not _acronym_in(acronym, folded_target):
            continue
        name_end = match.end(1)
        run = next((run for run in _capitalised_runs(pair.source[:name_end]) if run[1] == name_end), None)
        if run and len(run[2]) >= 2:
            spans.append((run[0], name_end))
            continue
        counted, start = 0, name_end
        for word in reversed(list(re.finditer(r"[\w'’-]+", pair.source[:name_end]))):
            if pair.source[word.end():start].strip():  # a comma or another mark ends the name
                break
            start = word.start()
            counted += fold(word.group()) not in UNINITIALLED
            if counted == len(acronym):
                spans.append((start, name_end))
                break
    return spans


def abbreviated(name: str, text: str) -> bool:
    """The text abbreviates the name: a capitalised word of 3-5 letters and a full stop that begins it and is two
    letters shorter at least (Conn. for Connecticut, Calif.), or the initials of a name of several words, with full
    stops (L.A. for Los Ángeles)."""
    folded = fold(name)
    if any(folded.startswith(fold(word)) and len(folded) >= len(word) + 2 for word in ABBREVIATION.findall(text)):
        return True
    parts = folded.split()
    return len(parts) > 1 and re.search(rf"(?<!\w){re.escape('.'.join(p[0] for p in parts))}\.", fold(text)) is not None


def name_parts(entity: Entity, found: list[Entity], source: str) -> list[str]:
    """The other words of the full name the entity is part of: its own capitalised words when it has several,
    and the entities right beside it with only a space between (José Luis Rodríguez Zapatero, Durão Barroso),
    except the capitalised common words (Universidad Rutgers: the English keeping "University" keeps no name)."""
    if ACRONYM.match(entity.surface):
        return []  # an acronym beside a name is a name of its own (INF Clairefontaine)
    own = [part for part in entity.surface.split() if part[:1].isupper() and fold(part) not in ARTICLES]
    ordered = sorted(found, key=lambda other: other.start)
    index = next(i for i, other in enumerate(ordered) if other is entity)
    beside: list[str] = []
    for step in (-1, 1):
        i = index
        while 0 <= i + step < len(ordered):
            left, right = sorted((ordered[i], ordered[i + step]), key=lambda other: other.start)
            if not 0 < right.start - left.end <= 1 or source[left.end:right.start].strip():
                break
            i += step
            if not ordered[i].renderings:
                beside.append(ordered[i].surface)
    return (own if len(own) > 1 else []) + [part for part in beside if not ACRONYM.match(part)]


@cache
def _romanised(word: str) -> str:
    """A folded word with the spellings that differ between Spanish and English romanisations of Russian, Arabic or
    Persian names made alike (Spanish j = English kh, ch = sh/tch/shch, i = y, v = w; doubled vowels once)."""
    for english, spanish in ROMANISATIONS:
        word = word.replace(english, spanish)
    return re.sub(r"([aeiou])\1", r"\1", word)


def _close(a: str, b: str, ratio: float) -> bool:
    """difflib's ratio of a and b is at least `ratio` (their lengths bound it, so that test comes first)."""
    if 2 * min(len(a), len(b)) < ratio * (len(a) + len(b)):
        return False
    matcher = SequenceMatcher(None, a, b)
    return matcher.quick_ratio() >= ratio and matcher.ratio() >= ratio  # quick_ratio bounds ratio from above


def respelled(entity: Entity, pair: SentencePair) -> str | None:
    """A capitalised English word that looks like the entity spelled another way (Ivonic for Ivanovic,
    Siviglia for Sevilla; Spartacus for Espartaco, without the e Spanish puts before s and a consonant; not an English
    word capitalised only as the sentence's first, for a name inside the Spanish sentence: More for Morales), or an
    acronym with the same letters in another order (CEC for CCE) or most of them (OIEA for IAEA: the English name's
    acronym)."""
    key = fold(entity.surface).replace(".", "")
    for match in re.finditer(r"\w+", pair.target):
        word = match.group()
        if not word[:1].isupper() or not match.start() and entity.start and is_english_word(word.lower()):
            continue  # More, opening the sentence, for Morales inside it (Durante may be During, both opening theirs)
        folded = fold(word)
        if ACRONYM.match(entity.surface):
            if word.isupper() and (sorted(folded) == sorted(key) or _translated_acronym(key, folded, pair.source)
                                   or _both_in_parentheses(entity, pair.source, word, pair.target)):
                return word
        elif len(key) >= 4 and any(folded[0] == form[0] and _close(form, folded, RESPELLING_RATIO)
                                   for form in (key, *PROTHETIC_E.findall(key))):  # Espartaco = Spartacus
            return word
    return None


def _both_in_parentheses(entity: Entity, source: str, word: str, target: str) -> bool:
    """An acronym in parentheses rendered by another one in parentheses, not in the Spanish: the English name's
    acronym (contratos de cobertura contra el riesgo de quiebra (CRQ) = credit default swaps (CDS))."""
    return (source[:entity.start].endswith("(") and source[entity.end:].startswith(")") and word not in source
            and f"({word})" in target)


def _translated_acronym(spanish: str, english: str, source: str) -> bool:
    """An English acronym of 3+ letters, not in the Spanish, of about the same length and with two thirds of its
    letters shared: the English form of the same body's name (OIEA = IAEA, SFS = FSB, BRE = RBS)."""
    if len(spanish) < 3 or len(english) < 3 or abs(len(spanish) - len(english)) > 1 or english.upper() in source:
        return False
    shared = sum((Counter(spanish) & Counter(english)).values())
    return shared >= ACRONYM_SHARE * max(len(spanish), len(english))


def new_names(pair: SentencePair) -> list[str]:
    """Capitalised English words that are neither in the source nor in Apertium's rendering (the first word only if
    it is not an English dictionary word): names or titles the English brings in, perhaps in place of a source one."""
    known = set(re.findall(r"\w+", fold(pair.source))) | set(re.findall(r"\w+", fold(pair.pseudo)))
    return [match.group() for match in re.finditer(r"\b[A-Z]\w{2,}", pair.target)
            if fold(match.group()) not in known and (match.start() or not is_english_word(match.group().lower()))]


def _foreign_names(pair: SentencePair, document: frozenset[str]) -> list[str]:
    """The English's new names (new_names) that a translator brings in: a given name, surname or word Apertium does
    not know (Matthew, Ixtapaluca; _personal_or_unknown), not an English word, acronym or title abbreviation (Adm.),
    a title rendered by function (Office, Weather Service, GOP, MWPs) or a name given its English form (Netherlands =
    Países Bajos, Korean = norcoreano), nor one that begins as a capitalised Spanish word does (Rockies = Montañas
    Rocosas) or that the document's Spanish has elsewhere (`document`, its folded words: the sentences were split
    differently)."""
    tokens = {token.surface: token for token in pair.target_tokens}
    names = [name for name in new_names(pair) if sum(ch.isupper() for ch in name) < 2
             and not is_english_word(name.lower()) and _personal_or_unknown(tokens.get(name))
             and not (len(name) <= 4 and re.search(rf"\b{re.escape(name)}\.", pair.target))]  # Adm., Sgt.: a title
    if not names:
        return []
    source = [fold(word) for word in re.findall(r"\w+", pair.source)]
    stems = {fold(word)[:NAME_STEM] for word in re.findall(r"\w+", pair.source) if word[0].isupper()}
    table = aliases()
    english_forms = {form for size in (1, 2, 3) for i in range(len(source) - size + 1)
                     for form in table.get(" ".join(source[i:i + size]), ())}
    return [name for name in names if fold(name) not in english_forms and fold(name) not in document
            and fold(name)[:NAME_STEM] not in stems
            and not any(_close(_romanised(fold(name)), _romanised(word), RESPELLING_RATIO)
                        for word in source if len(word) >= 4)]


def _personal_or_unknown(token: Token | None) -> bool:
    """An English word Apertium tags as a given name or surname (Matthew, Fernández) or does not know (Ixtapaluca):
    not a common word (Bankruptcies, Tuesday, Absolutely) or a known place (Budapest for Capital)."""
    return token is None or token.unknown or token.tags[:2] in (("np", "ant"), ("np", "cog"))


@register
class EntityMismatch(Detector):
    """A name, place, organisation or acronym of the source that the English does not carry."""

    code = "entity_mismatch"
    category = "accuracy"
    severity = Severity.MAJOR
    version = 34  # 34: a name the tagger read where Spanish writes a common noun is found by that noun's news senses
    # too (Victoria arrolladora = wins landslide: rules/senses.toml); an acronym after its name with the D or Y of a
    # linking word is a gloss (Instituto Nacional de Estadística y Censos (INDEC))
    # 33: a name the English headline leaves to its body (found there, no name brought in) is minor
    # 32: an acronym spelled out with a short acronym among its words (UKHSA = UK Health Security
    # Agency); África Occidental = West Africa, Columbia Británica = BC, Óscar = Academy Awards; a name the tagger
    # read where Spanish writes a capitalised common noun is found by that noun's English words too (Imperio
    # otomano = Ottoman Empire: bilingual.common_reading)
    # 31: a name inside the spelled-out form of an acronym the English gives alone is minor (the FDA);
    # so is the country of an office the English renders (rules: offices; el presidente de Estados Unidos = the
    # president) or of a body with its acronym between ((EPA) de Estados Unidos); Espartaco is Spartacus respelled
    # 30: a seat after a body the names table renders (Cámara de Representantes de EE. UU. = the House)
    # 29: a name is spelled alike by a capitalised English word only (Moore is not "more")
    # 28: a listed phrase is found from any of its words (Medias Rojas: Medias)
    # 27: a name the English gives as the acronym of its translation (Junta Nacional de Seguridad en
    # el Transporte = NTSB), en/por/para inside a name (Universidad de California en Los Ángeles = UCLA)
    # 26: a capital or seat standing for its state (Washington = the US, el Kremlin = Russia: rules)
    # 25: a verb with its pronouns at its end opening the sentence is no name (Cállate)
    # 24: a Spanish common word opening the sentence before a comma is no name ("Claro, ..."); an
    # acronym the Spanish spells out in parentheses may be the English's own acronym (CTIM (ciencia...) = STEM), and
    # the words that spell it out are a gloss (START (Strategic Arms Reduction Treaty)); HR = H.R.; US$ a currency
    # 23: each part of a name of several words must be found as such (Estados Unidos)
    # 22: the seat of a body the English names without it is minor (Policía Metropolitana de Londres)
    # 21: EE. UU. missing is one flag, not two
    # 20: a name in a description in parentheses is minor (Obamacare (la reforma de Barack Obama))
    # 19: no respelling by an English word opening the sentence (More for Morales)
    # 18: a common word capitalised inside a sentence is a name or title (Adm., Sgt.: titles)
    # 17: a Roman numeral of two letters or more is a number (III República), not a name
    # 15: no surname after a word in capitals; a name glued to the next word is found
    # 14: currency codes found by their symbol; present-tense verbs opening a sentence are no names;
    # unknown words in capitals in a sentence in capitals are no acronyms

    def prepare(self) -> None:
        aliases()
        is_spanish_common_word("Ademas")  # reads hunspell-es and folds its accented stems

    def detect(self, context: FieldContext) -> list[Flag]:
        table = aliases()
        unpaired = " ".join(context.target_segments[j].text for link in context.links if not link.src for j in link.tgt)
        flags: list[tuple[str, Flag]] = []  # (folded entity, flag)
        passages: Counter[str] = Counter()  # folded entity -> sentences (and other field) that have it
        document = frozenset(re.findall(r"\w+", fold(f"{context.source} {context.other_field[0]}")))
        for pair in context.sentence_pairs():
            nearby = context.nearby_target(pair, NEARBY)
            seen: set[str] = set()
            found = entities(pair, context.bilingual)
            for entity in found:
                key = fold(entity.surface)
                if key in seen:
                    continue
                seen.add(key)
                passages[key] += 1
                if not present(entity, pair, table, bilingual=context.bilingual):
                    parts = name_parts(entity, found, pair.source)
                    flags.append((key, self._missing(context, pair, entity, nearby, unpaired, table, parts,
                                                     document)))
        missing = self._missing_counts(context, flags, passages, table)
        return self._joined(context, [
            replace(flag, severity=Severity.MINOR, message=f'"{context.source[slice(*flag.source_span)]}" is not '
                    f"found in the English of {missing[key]} of the {passages[key]} passages that have it: "
                    "rendered the same way each time, in a form not recognised (check the terminology)")
            if flag.severity == self.severity and missing[key] >= CONSISTENT else flag
            for key, flag in flags])

    def _joined(self, context: FieldContext, flags: list[Flag]) -> list[Flag]:
        """Missing words of one name (Servicio Jurídico Real, Strategic Arms Reduction Treaty) as one flag: a name
        the English renders otherwise is one shift however many words it has."""
        joined: list[Flag] = []
        for flag in flags:
            last = joined[-1] if joined else None
            if (last and last.severity == flag.severity == self.severity and last.source_span and flag.source_span
                    and last.target_span == flag.target_span
                    and NAME_JOINER.fullmatch(context.source[last.source_span[1]:flag.source_span[0]])):
                span = (last.source_span[0], flag.source_span[1])
                joined[-1] = replace(last, source_span=span,
                                     message=f'"{context.source[slice(*span)]}" is not found in the English sentence')
            else:
                joined.append(flag)
        return joined

    def _missing_counts(self, context: FieldContext, flags: list[tuple[str, Flag]], passages: Counter[str],
                        table: dict[str, list[str]]) -> Counter[str]:
        """How often each name is missing with the default severity, counting the other field (the headline
        and the body render a name alike) once if it has the name; `passages` counts it too."""
        missing = Counter(key for key, flag in flags if flag.severity == self.severity)
        elsewhere = SentencePair(*context.other_field, 0, 0, "", (), ())
        for key in missing:
            surface = next(context.source[slice(*flag.source_span)] for k, flag in flags if k == key)
            if contains_phrase(elsewhere.source, surface):
                passages[key] += 1
                missing[key] += not present(Entity(surface, 0, 0), elsewhere, table)
        return missing

    def _missing(self, context: FieldContext, pair: SentencePair, entity: Entity, nearby: str, unpaired: str,
                 table: dict[str, list[str]], parts: list[str], document: frozenset[str]) -> Flag:
        """The flag for an entity missing from its English sentence: minor if it is elsewhere, spelled otherwise,
        or a part of a name the English shortened (José Luis Rodríguez Zapatero = Zapatero). `document` holds the
        folded words of the document's Spanish (both fields), read once per field."""
        source_span = pair.source_span(entity.start, entity.end)
        kept = next((part for part in parts if present(Entity(part, 0, 0), pair, table, judged=True)), None)
        if kept and not new_names(pair):
            return self.flag(context, source_span, pair.target_span(),
                             f'"{entity.surface}": the English keeps only part of the name ("{kept}")', Severity.MINOR)
        if glossed(entity, pair.source):
            return self.flag(context, source_span, pair.target_span(),
                             f'"{entity.surface}", a gloss in parentheses, is not found in the English', Severity.MINOR)
        if any(start <= entity.start < end for start, end in explanations(pair)):
            return self.flag(context, source_span, pair.target_span(),
                             f'"{entity.surface}", in what the Spanish explains about a name, is not found in the '
                             "English", Severity.MINOR)
        if variant := respelled(entity, pair):
            return self.flag(context, source_span, pair.target_span(),
                             f'"{entity.surface}" is spelled "{variant}" in the English', Severity.MINOR)
        if unpaired and present(entity, replace(pair, target=unpaired), table):
            return self.flag(context, source_span, pair.target_span(),
                             f'"{entity.surface}" is not in the aligned English sentence but in one the aligner left '
                             "unpaired", Severity.MINOR)
        if nearby and not new_names(pair) and present(entity, replace(pair, target=nearby), table):
            return self.flag(context, source_span, pair.target_span(),
                             f'"{entity.surface}" is not in the aligned English sentence but in one next to it',
                             Severity.MINOR)
        if context.field == "headline" and not new_names(pair) and present(
                entity, replace(pair, target=context.other_field[1]), table):
            return self.flag(context, source_span, pair.target_span(),
                             f'"{entity.surface}" is not in the English headline but in its body: the headline '
                             "leaves it to the story", Severity.MINOR)
        if _seat_of_found_body(entity, pair, context.bilingual) and not any(
                not is_english_word(name.lower()) for name in new_names(pair)):
            return self.flag(context, source_span, pair.target_span(),
                             f'"{entity.surface}", the seat of a body the English names without it, is not found in '
                             "the English", Severity.MINOR)
        if entity.renderings and not _foreign_names(pair, document):
            return self.flag(context, source_span, pair.target_span(),
                             f'"{entity.surface}", capitalised as a name or title, has none of its dictionary '
                             "renderings in the English sentence", Severity.MINOR)
        return self.flag(context, source_span, pair.target_span(), f'"{entity.surface}" is not found in the English '
                         "sentence", Severity.MINOR if entity.common else None, rule=_rule(entity.surface))


def state_forms(key: str, pair: SentencePair, table: dict[str, list[str]]) -> list[str]:
    """If the folded name is a capital or seat (rules: stands_for), the folded English words naming a state it stands
    for that the English holds (Washington = the US, el Kremlin = Russian), unless the Spanish sentence names that
    state itself (then the English form renders it)."""
    states = [state for state in stands_for().get(key, ()) if not contains_phrase(fold(pair.source), state)]
    if not states:
        return []
    target = fold(pair.target)
    found = []
    for form in {form for state in states for form in (state, *table.get(state, ()))}:
        ending = rf"\w{{0,3}}" if len(form) >= DEMONYM_BASE else ""  # Russia -> Russian, but not us -> used
        found += [word for match in re.finditer(rf"(?<!\w){re.escape(form)}{ending}(?!\w)", target)
                  for word in match.group().split()]
    return found


def _seat_of_found_body(entity: Entity, pair: SentencePair, bilingual: Mapping[str, tuple[str, ...]]) -> bool:
    """True if the entity is a country or city (CLDR, or EE. UU.) naming the seat of a body whose name is capitalised
    right before it (Tribunal Supremo de EE. UU., Policía Metropolitana de Londres), the English renders a word of
    that name, by the dictionary or the names table (the Supreme Court, the Metropolitan Police, Cámara de
    Representantes = the House); or of an office or body named by the common noun right before it, which the English
    renders, if it is an office (rules: offices; el presidente de Estados Unidos = the president: the Spanish tells
    its readers whose, the English leaves it to its own; not a body: el ejército de Estados Unidos); the caller
    checks that the English brings in no name of its own, as for another place."""
    place = fold(entity.surface).rstrip(".")
    if place not in cldr_place_names() and place not in US_PARTS:
        return False
    english = {fold(word) for word in re.findall(r"\w{3,}", pair.target)}
    table = listed()

    def rendered(token: Token) -> bool:
        return bool(english & {word for text in (token.surface, *bilingual.get(token_key(token), ()),
                                                 *table.get(fold(token.surface), ())) for word in fold(text).split()})
    body = BODY_BEFORE.search(pair.source[:entity.start])
    if body is None:
        office = OFFICE_BEFORE.search(pair.source[:entity.start])
        return office is not None and fold(office.group(1)) in offices() and any(
            rendered(token) for token in pair.source_tokens
            if token.start <= office.start(1) < token.end)  # primer ministro: one token
    return any(token.surface[:1].isupper() and rendered(token)
               for token in pair.source_tokens if body.start() <= token.start < body.start(1))


def _rule(surface: str) -> str | None:
    """The glossary entry or the rule that lists the entity, if one does (one of its English forms was required)."""
    key = fold(surface)
    glossary = next((f"glossary:{term.source}" for term in active().glossary if fold(term.source) == key), None)
    return glossary or active().compiled("entities.rules", _rules).get(key)


def _rules(book: RuleBook) -> dict[str, str]:
    return {fold(key): rule.id for rule in book.in_slot("entities", "names") for key, _ in rule.entries}
