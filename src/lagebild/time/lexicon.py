"""Load and validate the per-language time data (``lang/<code>/time*.toml``).

A time data file has four parts:

- ``[meta]``: language code, description, source notes;
- ``[tables.<name>]``: word → value tables; each ``<name>`` is one of ``TABLES`` and declares
  what its values mean (a month number, a unit code, a shift ...);
- ``[lists]``: plain word lists (tense cues, words after which a number is no year ...);
- ``[macros]``: named regular-expression snippets reused by the rules (``{det}``);
- ``[[rule]]``: ordered rules, each a pattern template plus the language-neutral ``kind`` of
  normalisation the engine applies to its match.

Several files (``time.toml`` and ``time_*.toml``) are merged in name order; tables merge
key-wise, rules are appended.  Every unknown key, unknown table, unknown kind or bad value is a
``DataFileError`` naming the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lagebild.datafiles import DataFileError, FieldSpec, load_toml, package_path, validate_record

UNIT_CODES = frozenset({"Y", "M", "W", "WE", "D", "H", "MIN", "S", "Q", "HY", "DE", "CE", "SEA", "NI", "EV"})
PART_CODES = frozenset({"MO", "MI", "AF", "EV", "NI", "DT"})
REF_VALUES = frozenset({"PAST_REF", "PRESENT_REF", "FUTURE_REF"})
BOUNDARY_CODES = frozenset({"start", "mid", "end", "before_anchor", "after_anchor"})
KINDS = frozenset(
    {
        "date",
        "year",
        "decade",
        "century",
        "season",
        "relative",
        "deictic",
        "ref_deictic",
        "ago",
        "ref_offset",
        "duration",
        "set",
        "ref",
        "time",
        "part",
        "weekday",
        "quarter",
        "holiday",
        "weekend",
    }
)
TYPES = frozenset({"DATE", "TIME", "DURATION", "SET"})
_DEICTIC = re.compile(r"^[+-]?\d+ (?:D|W|WE|M|Q|HY|Y|SEA)(?: (?:MO|MI|AF|EV|NI|DT))?$")
_HOLIDAY = re.compile(r"^(?:\d{2}-\d{2}(?:>[1-7])?|\d{2}-[1-7]#-?[1-5]|easter[+-]\d+)$")
_SET = re.compile(r"^(?:P[\d.]+[YMWDH]|PT[\d.]+[HMS]|XXXX-[\dA-Z-]+)$")


def _in(allowed: frozenset[str]) -> Callable[[Any], bool]:
    return lambda value: isinstance(value, str) and value in allowed


def _int_range(low: int, high: int) -> Callable[[Any], bool]:
    return lambda value: isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _matches(pattern: re.Pattern[str]) -> Callable[[Any], bool]:
    return lambda value: isinstance(value, str) and bool(pattern.match(value))


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value >= 0


TABLES: Mapping[str, tuple[str, Callable[[Any], bool]]] = {
    "month": ("month number 1-12", _int_range(1, 12)),
    "month_abbr": ("month number 1-12 (abbreviations, may be followed by a period)", _int_range(1, 12)),
    "weekday": ("ISO weekday 1 (Monday) - 7 (Sunday)", _int_range(1, 7)),
    "season": ("season code SP SU FA WI", _in(frozenset({"SP", "SU", "FA", "WI"}))),
    "part": ("part-of-day code MO MI AF EV NI DT", _in(PART_CODES)),
    "part_suffix": ("part-of-day code for compounds such as Dienstagabend", _in(PART_CODES)),
    "number": ("a non-negative number", _number),
    "ordinal": ("an ordinal number 1-99", _int_range(1, 99)),
    "unit": (f"a unit code {sorted(UNIT_CODES)}", _in(UNIT_CODES)),
    "unit_plural": (f"a unit code for plural forms (Jahre, weeks) {sorted(UNIT_CODES)}", _in(UNIT_CODES)),
    "unit_adj": ("a unit code for adjective endings such as -wöchig", _in(UNIT_CODES)),
    "shift": ("an integer shift: -1 last, 0 this, 1 next", _int_range(-9, 9)),
    "deictic": ("'shift unit [part]' relative to the anchor, e.g. '-1 D'", _matches(_DEICTIC)),
    "ref_deictic": ("'shift unit' relative to the last date in the text", _matches(_DEICTIC)),
    "ref": ("PAST_REF, PRESENT_REF or FUTURE_REF", _in(REF_VALUES)),
    "boundary": (f"a part of a period {sorted(BOUNDARY_CODES)}", _in(BOUNDARY_CODES)),
    "vague": ("any text (a vague quantity: einige, several)", lambda v: isinstance(v, str)),
    "set": ("a TIMEX3 SET value such as P1D or XXXX-WXX-1", _matches(_SET)),
    "holiday": (
        "'MM-DD', 'MM-W#N' (N-th weekday W, -1 = last), 'MM-DD>W' (first weekday W on or after) "
        "or 'easter+N'",
        _matches(_HOLIDAY),
    ),
    "decade_word": ("the decade digit 0-9 (neunziger = 9)", _int_range(0, 9)),
    "direction": ("+1 (later) or -1 (earlier)", _int_range(-1, 1)),
    "ampm": ("'am' or 'pm'", _in(frozenset({"am", "pm"}))),
    "clock_word": ("a clock time HH:MM", _matches(re.compile(r"^\d{2}:\d{2}$"))),
    "fraction": ("a fraction added to a number (eineinhalb)", _number),
}
"""Table name → (description, value check)."""

LISTS = (
    "future_cues",
    "past_cues",
    "past_suffixes",
    "future_markers",
    "past_markers",
    "clause_openers",
    "passive_auxiliaries",
    "possibility_modals",
    "modal_states",
    "modal_skips",
    "detect_words",
    "trigger_words",
)
_RULE_SCHEMA = {
    "name": FieldSpec((str,), required=True),
    "kind": FieldSpec((str,), required=True),
    "type": FieldSpec((str,), required=True),
    "pattern": FieldSpec((str,), required=True),
    "params": FieldSpec((dict,)),
    "examples": FieldSpec((list,)),
}
_META_SCHEMA = {
    "language": FieldSpec((str,), required=True),
    "description": FieldSpec((str,)),
    "sources": FieldSpec((str,)),
}


@dataclass(frozen=True)
class RuleSpec:
    """One rule as written in a data file."""

    name: str
    kind: str
    type: str
    pattern: str
    params: Mapping[str, Any] = field(default_factory=dict)
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class TimeLexicon:
    """All time knowledge of one language: tables, lists, macros and ordered rules."""

    language: str
    tables: Mapping[str, Mapping[str, Any]]
    lists: Mapping[str, frozenset[str]]
    macros: Mapping[str, str]
    rules: tuple[RuleSpec, ...]

    def lookup(self, table: str, word: str) -> Any:
        """Return a table's value for a matched word (exact, then lower-case, then first letter lowered)."""
        entries = self.tables.get(table, {})
        for candidate in (word, word.lower(), word[:1].lower() + word[1:]):
            if candidate in entries:
                return entries[candidate]
        normalised = " ".join(word.split())
        if normalised != word:
            return self.lookup(table, normalised)
        return None


def time_data_files(language: str) -> list[Path]:
    """Return the time data files of a language in load order, or raise if there are none."""
    folder = package_path("lang", language)
    files = sorted(folder.glob("time*.toml")) if folder.is_dir() else []
    if not files:
        raise ValueError(f"no time data for language {language!r} (expected {folder}/time.toml)")
    return files


def available_languages() -> list[str]:
    """Return the language codes that ship time data."""
    root = package_path("lang")
    return sorted(p.name for p in root.iterdir() if p.is_dir() and any(p.glob("time*.toml")))


def load_lexicon(language: str) -> TimeLexicon:
    """Load, merge and validate every time data file of ``language``."""
    tables: dict[str, dict[str, Any]] = {}
    lists: dict[str, set[str]] = {}
    macros: dict[str, str] = {}
    rules: list[RuleSpec] = []
    for path in time_data_files(language):
        document = load_toml(path)
        _check_top_level(path, document, language)
        _merge_tables(path, document.get("tables", {}), tables)
        _merge_lists(path, document.get("lists", {}), lists)
        _merge_macros(path, document.get("macros", {}), macros)
        rules.extend(_read_rules(path, document.get("rule", [])))
    return TimeLexicon(
        language=language,
        tables=tables,
        lists={name: frozenset(words) for name, words in lists.items()},
        macros=macros,
        rules=tuple(rules),
    )


def _check_top_level(path: Path, document: Mapping[str, Any], language: str) -> None:
    unknown = set(document) - {"meta", "tables", "lists", "macros", "rule"}
    if unknown:
        raise DataFileError(f"{path}: unknown top-level key(s) {sorted(unknown)}")
    meta = document.get("meta", {})
    validate_record(meta, _META_SCHEMA, f"{path}: [meta]")
    if meta["language"] != language:
        raise DataFileError(f"{path}: [meta] language is {meta['language']!r}, expected {language!r}")


def _merge_tables(path: Path, found: Mapping[str, Any], tables: dict[str, dict[str, Any]]) -> None:
    for name, entries in found.items():
        if name not in TABLES:
            raise DataFileError(f"{path}: unknown table {name!r}; allowed: {sorted(TABLES)}")
        description, check = TABLES[name]
        if not isinstance(entries, dict):
            raise DataFileError(f"{path}: [tables.{name}] must be a table of word = value")
        for word, value in entries.items():
            if not word.strip() or not check(value):
                raise DataFileError(f"{path}: [tables.{name}] {word!r} = {value!r}: expected {description}")
        tables.setdefault(name, {}).update(entries)


def _merge_lists(path: Path, found: Mapping[str, Any], lists: dict[str, set[str]]) -> None:
    for name, words in found.items():
        if name not in LISTS:
            raise DataFileError(f"{path}: unknown list {name!r}; allowed: {list(LISTS)}")
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise DataFileError(f"{path}: [lists] {name} must be a list of non-empty strings")
        lists.setdefault(name, set()).update(words)


def _merge_macros(path: Path, found: Mapping[str, Any], macros: dict[str, str]) -> None:
    for name, snippet in found.items():
        if name in TABLES or not re.fullmatch(r"[a-z_][a-z0-9_]*", name) or not isinstance(snippet, str):
            raise DataFileError(f"{path}: [macros] {name!r} must be a lower-case name (not a table) = regex")
        macros[name] = snippet


def _read_rules(path: Path, found: Any) -> list[RuleSpec]:
    if not isinstance(found, list):
        raise DataFileError(f"{path}: 'rule' must be an array of tables ([[rule]])")
    rules = []
    for number, record in enumerate(found, start=1):
        where = f"{path}: rule #{number}"
        validate_record(record, _RULE_SCHEMA, where)
        if record["kind"] not in KINDS:
            raise DataFileError(f"{where}: unknown kind {record['kind']!r}; allowed: {sorted(KINDS)}")
        if record["type"] not in TYPES:
            raise DataFileError(f"{where}: unknown type {record['type']!r}; allowed: {sorted(TYPES)}")
        rules.append(
            RuleSpec(
                name=record["name"],
                kind=record["kind"],
                type=record["type"],
                pattern=record["pattern"],
                params=record.get("params", {}),
                examples=tuple(record.get("examples", ())),
            )
        )
    return rules
