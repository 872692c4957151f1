"""Rule files: the detectors' vocabulary as TOML data with examples, loaded, checked and looked up here.

A rule file (review/core/flags/rules/<family>.toml, or a newsroom's own named by REVIEW_RULES) holds
one family. Built-in files declare the family's slots (what the mechanism reads: `patterns`, regex
alternatives joined in file order; `words`, literal words or phrases; `table`, a mapping) in `[slots]`;
every `[[rule]]` puts patterns, words or entries into one slot and carries its own examples. Extra
files load after the built-in ones and add rules to slots their family already declares. Anything
malformed is refused with the file's path, the line and what is wrong (RuleFileError). docs/rules.md
describes the schema.
"""
from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from review.core.model import GlossaryTerm, Severity

T = TypeVar("T")
KINDS = {"patterns": "patterns", "words": "words", "table": "entries", "pairs": "pairs"}  # slot kind -> its rule key
SEVERITIES = tuple(severity.value for severity in Severity)
FILE_KEYS = {"family", "about", "slots", "rule"}
RULE_KEYS = {"id", "slot", "meaning", "example", *KINDS.values()}
EXAMPLE_KEYS = {"es", "en", "flag", "severity", "quiet", "field", "note"}
RULE_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")


class RuleFileError(ValueError):
    """A rule file that cannot be used: its path, the line (1-based, 0 if unknown) and what is wrong."""

    def __init__(self, path: str, line: int, problem: str) -> None:
        super().__init__(f"{path}:{line}: {problem}" if line else f"{path}: {problem}")
        self.path, self.line, self.problem = path, line, problem


@dataclass(frozen=True)
class Example:
    """A Spanish/English pair that must raise `flag` (at `severity` or above) or, if quiet, nothing major."""

    es: str
    en: str
    flag: str | None
    severity: Severity
    field: str
    note: str = ""

    @property
    def quiet(self) -> bool:
        return self.flag is None


@dataclass(frozen=True)
class Rule:
    """One rule: its full id (family.id), the slot it fills, what it means, its data and its examples."""

    id: str
    family: str
    slot: str
    meaning: str
    patterns: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    entries: tuple[tuple[str, Any], ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()
    examples: tuple[Example, ...] = ()
    path: str = ""
    line: int = 0


@dataclass(frozen=True)
class Slot:
    """What a family's mechanism reads: a kind (patterns, words or table) and what the data means to it."""

    family: str
    name: str
    kind: str
    meaning: str
    fields: tuple[str, ...] = ()  # a table slot's entries: tables with these integer fields


@dataclass
class RuleBook:
    """Every rule loaded, in load order, with the slots they fill; compiled forms are memoised per book."""

    slots: dict[tuple[str, str], Slot] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)
    families: dict[str, str] = field(default_factory=dict)  # family -> what it is for
    paths: tuple[str, ...] = ()
    glossary: tuple[GlossaryTerm, ...] = ()  # the newsroom's glossary: known equivalences and required English
    _memo: dict[Any, Any] = field(default_factory=dict, repr=False)

    def in_slot(self, family: str, slot: str) -> list[Rule]:
        if (family, slot) not in self.slots:
            raise KeyError(f"no slot {family}.{slot} is declared")
        return [rule for rule in self.rules if rule.family == family and rule.slot == slot]

    def alternation(self, family: str, slot: str) -> str:
        """The slot's patterns as one regex alternation, in load order."""
        return "|".join(pattern for rule in self.in_slot(family, slot) for pattern in rule.patterns)

    def words(self, family: str, slot: str) -> tuple[str, ...]:
        """The slot's words and phrases, in load order."""
        return tuple(word for rule in self.in_slot(family, slot) for word in rule.words)

    def words_alternation(self, family: str, slot: str) -> str:
        """The slot's words and phrases as one regex alternation of literals, in load order."""
        return "|".join(re.escape(word) for word in self.words(family, slot))

    def table(self, family: str, slot: str) -> dict[str, Any]:
        """The slot's entries merged in load order (a later rule's key replaces an earlier one's)."""
        return {key: value for rule in self.in_slot(family, slot) for key, value in rule.entries}

    def pairs(self, family: str, slot: str) -> list[tuple[str, str, str]]:
        """The slot's pairs in load order, each with the id of its rule: (rule id, one side, the other)."""
        return [(rule.id, *pair) for rule in self.in_slot(family, slot) for pair in rule.pairs]

    def compiled(self, key: Any, build: Callable[[RuleBook], T]) -> T:
        """build(self), computed once per book under `key` (the detectors' compiled vocabulary)."""
        if key not in self._memo:
            self._memo[key] = build(self)
        return self._memo[key]  # type: ignore[no-any-return]

    def rule_for(self, family: str, slot: str, text: str, flags: int = 0) -> str:
        """The id of the first rule of the slot whose patterns match all of `text` (or whose words hold it); the
        slot's own id (family.slot) when none does. For naming the rule behind a flag, not for detecting."""
        rules = self.in_slot(family, slot)
        for rule in rules:
            if any(re.fullmatch(f"(?:{pattern})", text, flags) for pattern in rule.patterns):
                return rule.id
            if text in rule.words or any(text == key for key, _ in rule.entries):
                return rule.id
        return f"{family}.{slot}"

    def rule(self, rule_id: str) -> Rule:
        return next(rule for rule in self.rules if rule.id == rule_id)


BUILT_IN = "review.core.flags.rules"


def built_in_files() -> list[tuple[str, str]]:
    """(path, text) of every rule file shipped with review, in name order."""
    folder = resources.files(BUILT_IN)
    return sorted((str(entry), entry.read_text(encoding="utf-8")) for entry in folder.iterdir()
                  if entry.name.endswith(".toml"))


def load(extra: Sequence[Path | str] = ()) -> RuleBook:
    """The built-in rule files, then each extra file in order; RuleFileError on the first problem found."""
    book = RuleBook()
    for path, text in built_in_files():
        _add_file(book, path, text, built_in=True)
    for path in extra:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise RuleFileError(str(path), 0, f"cannot be read: {error}") from None
        _add_file(book, str(path), text, built_in=False)
    book.paths = tuple(str(path) for path in extra)
    return book


_active: RuleBook | None = None


def active() -> RuleBook:
    """The rule book the detectors read: the built-in rules unless install() was given others."""
    global _active
    if _active is None:
        _active = load()
    return _active


def install(extra: Sequence[Path | str] = ()) -> RuleBook:
    """Load the built-in rules and the extra files, and make them the detectors' rule book (at start)."""
    global _active
    _active = load(extra)
    return _active


def activate(book: RuleBook) -> None:
    """Make an already loaded book the detectors' rule book (a test restoring the one it started with)."""
    global _active
    _active = book


def use_glossary(terms: Sequence[GlossaryTerm]) -> RuleBook:
    """Make `terms` the active book's glossary (a new book with the same rules when they differ; the detectors'
    compiled vocabulary is rebuilt for it)."""
    global _active
    book = active()
    if tuple(terms) != book.glossary:
        _active = RuleBook(book.slots, book.rules, book.families, book.paths, tuple(terms))
    return _active


def _add_file(book: RuleBook, path: str, text: str, built_in: bool) -> None:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        raise RuleFileError(path, int(match.group(1)) if match else 0, f"not valid TOML: {error}") from None
    lines = _Lines(text)
    unknown = set(data) - FILE_KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise RuleFileError(path, lines.key(key),
                            f"unknown key {key!r} (a rule file has {', '.join(sorted(FILE_KEYS))})")
    family = data.get("family")
    if not isinstance(family, str) or not RULE_ID.fullmatch(family):
        raise RuleFileError(path, lines.key("family"), 'needs family = "<name>" (lowercase letters, digits, - or _)')
    if "slots" in data:
        if not built_in:
            raise RuleFileError(path, lines.key("slots"), "only built-in rule files declare slots; "
                                "add rules to the slots the built-in files declare (review rules list)")
        _add_slots(book, path, lines, family, data["slots"])
    elif family not in book.families:
        raise RuleFileError(path, lines.key("family"),
                            f"unknown family {family!r}; known: {', '.join(sorted(book.families))}")
    if built_in:
        book.families[family] = str(data.get("about", "")).strip()
    rules = data.get("rule", [])
    if not isinstance(rules, list):
        raise RuleFileError(path, lines.key("rule"), "rules are written [[rule]]")
    known_ids = {rule.id for rule in book.rules}
    for index, raw in enumerate(rules):
        rule = _rule(book, path, lines, family, index, raw)
        if rule.id in known_ids:
            raise RuleFileError(path, rule.line, f"rule id {rule.id!r} is used twice")
        known_ids.add(rule.id)
        book.rules.append(rule)


def _add_slots(book: RuleBook, path: str, lines: _Lines, family: str, slots: Any) -> None:
    if not isinstance(slots, dict):
        raise RuleFileError(path, lines.key("slots"), "[slots] maps each slot name to { kind, meaning }")
    for name, spec in slots.items():
        line = lines.key(name)
        if not isinstance(spec, dict) or spec.get("kind") not in KINDS or not isinstance(spec.get("meaning"), str):
            raise RuleFileError(path, line, f"slot {name!r} needs kind = {' | '.join(KINDS)} and a meaning")
        book.slots[(family, name)] = Slot(family, name, spec["kind"], spec["meaning"], tuple(spec.get("fields", ())))


def _rule(book: RuleBook, path: str, lines: _Lines, family: str, index: int, raw: Any) -> Rule:
    line = lines.rule(index)
    if not isinstance(raw, dict):
        raise RuleFileError(path, line, "a [[rule]] is a table")
    unknown = set(raw) - RULE_KEYS
    if unknown:
        raise RuleFileError(path, line, f"unknown key {sorted(unknown)[0]!r} in a rule "
                            f"(a rule has {', '.join(sorted(RULE_KEYS))})")
    local = raw.get("id")
    if not isinstance(local, str) or not RULE_ID.fullmatch(local):
        raise RuleFileError(path, line, 'a rule needs id = "<name>" (lowercase letters, digits, - or _)')
    rule_id = f"{family}.{local}"
    slot_name = raw.get("slot")
    slot = book.slots.get((family, slot_name)) if isinstance(slot_name, str) else None
    if slot is None:
        known = sorted(name for fam, name in book.slots if fam == family)
        raise RuleFileError(path, line, f"rule {rule_id}: unknown slot {slot_name!r}; {family} has {', '.join(known)}")
    meaning = raw.get("meaning")
    if not isinstance(meaning, str) or not meaning.strip():
        raise RuleFileError(path, line, f"rule {rule_id}: needs meaning = \"<what it means to the detector>\"")
    data_key = KINDS[slot.kind]
    for other in set(KINDS.values()) - {data_key}:
        if other in raw:
            raise RuleFileError(path, line, f"rule {rule_id}: slot {slot.name} is a {slot.kind} slot; "
                                f"write {data_key} = ..., not {other}")
    data = raw.get(data_key)
    patterns: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    entries: tuple[tuple[str, Any], ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()
    if slot.kind == "pairs":
        if not isinstance(data, list) or not data or not all(
                isinstance(pair, list) and len(pair) == 2 and all(isinstance(side, str) and side for side in pair)
                for pair in data):
            raise RuleFileError(path, line, f'rule {rule_id}: needs pairs = [["one", "its opposite"], ...]')
        pairs = tuple((a, b) for a, b in data)
    elif slot.kind == "table":
        if not isinstance(data, dict) or not data:
            raise RuleFileError(path, line, f"rule {rule_id}: needs entries = {{ ... }} (a table, not empty)")
        entries = tuple(data.items())
        for key, value in entries:
            if slot.fields and (not isinstance(value, dict) or set(value) != set(slot.fields)
                                or not all(type(number) is int for number in value.values())):
                raise RuleFileError(path, lines.find(f'"{key}"', line), f"rule {rule_id}: entry {key!r} needs "
                                    f"{{ {', '.join(f'{name} = <integer>' for name in slot.fields)} }}")
    else:
        if not isinstance(data, list) or not data or not all(isinstance(item, str) and item for item in data):
            raise RuleFileError(path, line, f"rule {rule_id}: needs {data_key} = [\"...\"] (non-empty strings)")
        if slot.kind == "patterns":
            _check_patterns(path, lines, rule_id, line, data)
            patterns = tuple(data)
        else:
            words = tuple(data)
    examples = tuple(_example(path, lines, rule_id, line, raw.get("example")))
    return Rule(rule_id, family, slot.name, meaning.strip(), patterns, words, entries, pairs, examples, path, line)


def _check_patterns(path: str, lines: _Lines, rule_id: str, line: int, patterns: list[str]) -> None:
    """Every pattern compiles: tried together first (one compile per rule), then one by one to name the bad one."""
    try:
        re.compile("|".join(f"(?:{pattern})" for pattern in patterns))
        return
    except re.error:
        pass
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as error:
            raise RuleFileError(path, lines.find(pattern, line), f"rule {rule_id}: pattern {pattern!r} is not "
                                f"a valid regular expression: {error}") from None


def _example(path: str, lines: _Lines, rule_id: str, line: int, raw: Any) -> Iterable[Example]:
    if not isinstance(raw, list) or not raw:
        raise RuleFileError(path, line, f"rule {rule_id}: needs at least one [[rule.example]] (es, en, and flag = "
                            "\"<code>\" or quiet = true)")
    for item in raw:
        where = lines.example(str(item.get("es", "")), line) if isinstance(item, dict) else line
        if not isinstance(item, dict) or set(item) - EXAMPLE_KEYS:
            extra = sorted(set(item) - EXAMPLE_KEYS)[0] if isinstance(item, dict) else ""
            raise RuleFileError(path, where, f"rule {rule_id}: an example has es, en, flag or quiet, and may have "
                                f"severity, field and note" + (f" (not {extra!r})" if extra else ""))
        if not all(isinstance(item.get(key), str) and item[key].strip() for key in ("es", "en")):
            raise RuleFileError(path, where, f"rule {rule_id}: an example needs es and en (non-empty strings)")
        flag, quiet = item.get("flag"), item.get("quiet")
        if (flag is None) == (quiet is not True) or (flag is not None and not isinstance(flag, str)):
            raise RuleFileError(path, where, f"rule {rule_id}: an example has either flag = \"<code>\" or quiet = "
                                "true (not both, not neither)")
        if flag is not None and flag not in _codes():
            raise RuleFileError(path, where, f"rule {rule_id}: an example flags {flag!r}, which no detector raises; "
                                f"codes: {', '.join(sorted(_codes()))}")
        severity = item.get("severity", "minor")
        if severity not in SEVERITIES or (quiet and "severity" in item):
            raise RuleFileError(path, where, f"rule {rule_id}: severity is one of {', '.join(SEVERITIES)}, "
                                "and only for a flag example")
        field_name = item.get("field", "body")
        if field_name not in ("headline", "body"):
            raise RuleFileError(path, where, f"rule {rule_id}: field is headline or body")
        yield Example(item["es"], item["en"], flag, Severity(severity), field_name, str(item.get("note", "")))


def _codes() -> set[str]:
    from review.core.flags import REGISTRY  # registered when the flags package is imported, as it is before any load

    return set(REGISTRY)


class _Lines:
    """Line numbers in a TOML text, for error messages (tomllib gives none for valid files)."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.rule_lines = [n for n, line in enumerate(self.lines, 1) if line.strip() == "[[rule]]"]

    def rule(self, index: int) -> int:
        return self.rule_lines[index] if index < len(self.rule_lines) else 0

    def key(self, key: str) -> int:
        name = re.escape(key)
        pattern = re.compile(rf'^\s*(?:"{name}"|{name}|\[{name}\]|\[\[{name}\]\])\s*(?:=|$)')
        return next((n for n, line in enumerate(self.lines, 1) if pattern.match(line)), 0)

    def example(self, spanish: str, after: int) -> int:
        """The line of the example whose es is `spanish`, at or after `after`."""
        pattern = re.compile(rf"""\bes\s*=\s*["']{re.escape(spanish)}["']""")
        return next((n for n in range(max(after, 1), len(self.lines) + 1) if pattern.search(self.lines[n - 1])), after)

    def find(self, needle: str, after: int) -> int:
        """The first line at or after `after` that holds `needle` as written (TOML escapes aside)."""
        for n in range(max(after, 1), len(self.lines) + 1):
            if needle and (needle in self.lines[n - 1] or needle.replace("\\", "\\\\") in self.lines[n - 1]):
                return n
        return after
