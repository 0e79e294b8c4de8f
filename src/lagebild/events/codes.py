"""CAMEO event codes with their Goldstein weights, and the PLOVER reading of each code.

Three shipped data files hold the knowledge (see docs/CODES.md):

- ``data/cameo.tsv``: every CAMEO 1.1b3 code with a short name, Goldstein weight and quad class;
- ``data/cameo_plover.tsv``: the PLOVER event type, mode, context and score of each CAMEO code;
- ``data/plover.toml``: the PLOVER event types (modes, score, old names) and contexts.

``load_event_codes`` reads and cross-checks all three; an ``EventCodes`` object answers lookups.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from lagebild.datafiles import (
    DataFileError,
    FieldSpec,
    Schema,
    iter_tsv,
    load_toml,
    package_path,
    validate_record,
)

CAMEO_FILE = "cameo.tsv"
PLOVER_MAP_FILE = "cameo_plover.tsv"
PLOVER_FILE = "plover.toml"

CAMEO_COLUMNS = ("code", "name", "goldstein", "quad_class")
PLOVER_MAP_COLUMNS = ("cameo", "plover_type", "plover_mode", "plover_context", "plover_score")

# Several PLOVER contexts may apply to one code; the TSV and CodeInfo join them with this.
CONTEXT_SEPARATOR = ";"

# CAMEO codes are digit strings: a two-digit cue category, then one or two more digits.
_CODE_PATTERN = re.compile(r"[0-9]{2,4}")

# The CAMEO quad classes by cue category: 01-05 verbal cooperation, 06-09 material cooperation,
# 10-14 verbal conflict, 15-20 material conflict. Used only to check the data file.
_QUAD_BY_LAST_ROOT = ((5, 1), (9, 2), (14, 3), (20, 4))

_TYPE_SCHEMA: Schema = {
    "name": FieldSpec((str,), required=True),
    "quad_class": FieldSpec((int,), required=True),
    "score": FieldSpec((float, int), required=True),
    "modes": FieldSpec((list,), required=True),
    "aliases": FieldSpec((list,), required=True),
    "description": FieldSpec((str,), required=True),
}
_CONTEXT_SCHEMA: Schema = {
    "name": FieldSpec((str,), required=True),
    "description": FieldSpec((str,), required=True),
}
_PLOVER_TABLES = frozenset({"meta", "type", "context"})


@dataclass(frozen=True)
class CodeInfo:
    """What one CAMEO code means: its CAMEO facts and its PLOVER reading.

    ``plover_type`` is None where PLOVER has no category (CAMEO 01, public statements); such an
    event keeps its CAMEO code only. ``plover_context`` joins several contexts with ``;``.
    """

    cameo: str
    name: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None
    plover_context: str | None
    plover_score: float | None

    @property
    def plover_contexts(self) -> tuple[str, ...]:
        """The PLOVER contexts as a tuple (empty when there are none)."""
        return tuple(self.plover_context.split(CONTEXT_SEPARATOR)) if self.plover_context else ()


@dataclass(frozen=True)
class PloverType:
    """One PLOVER event type with its quad class, conflict-cooperation score and allowed modes."""

    name: str
    quad_class: int
    score: float
    modes: frozenset[str]
    aliases: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class _CameoRow:
    """One checked row of cameo.tsv."""

    code: str
    name: str
    goldstein: float
    quad_class: int


@dataclass(frozen=True)
class _PloverRow:
    """One checked row of cameo_plover.tsv."""

    plover_type: str | None
    plover_mode: str | None
    plover_context: str | None
    plover_score: float | None


class EventCodes:
    """The CAMEO code table joined with its PLOVER reading, and the PLOVER vocabulary."""

    def __init__(
        self,
        codes: Mapping[str, CodeInfo],
        plover_types: Mapping[str, PloverType],
        contexts: frozenset[str],
    ) -> None:
        self._codes = dict(codes)
        self._plover_types = dict(plover_types)
        self._contexts = contexts
        self._type_names = _type_name_index(self._plover_types.values())

    def describe(self, cameo: str) -> CodeInfo:
        """Return what a CAMEO code means.

        An unknown 4- or 3-digit code falls back to its nearest known parent (``1213`` is read
        as ``121``); the returned ``cameo`` is the code actually described. A string that is not
        a 2-4 digit code, or whose cue category is unknown, raises ``KeyError``.
        """
        code = cameo.strip()
        if not _CODE_PATTERN.fullmatch(code):
            raise KeyError(f"not a CAMEO event code: {cameo!r}")
        for length in range(len(code), 1, -1):
            info = self._codes.get(code[:length])
            if info is not None:
                return info
        raise KeyError(f"CAMEO code {cameo!r} has no known cue category")

    def normalise_plover_type(self, name: str) -> str:
        """Return the current PLOVER type for a type name, mapping old names (DEMAND -> REQUEST).

        Case and surrounding blanks do not matter; an unknown name raises ``ValueError``.
        """
        key = name.strip().upper()
        try:
            return self._type_names[key]
        except KeyError:
            known = ", ".join(sorted(self._plover_types))
            raise ValueError(f"unknown PLOVER event type {name!r}; known types: {known}") from None

    @property
    def plover_types(self) -> Mapping[str, PloverType]:
        """The PLOVER event types by name (read-only)."""
        return MappingProxyType(self._plover_types)

    @property
    def contexts(self) -> frozenset[str]:
        """The PLOVER context names."""
        return self._contexts

    def __contains__(self, cameo: object) -> bool:
        return cameo in self._codes

    def __iter__(self) -> Iterator[CodeInfo]:
        return iter(self._codes[code] for code in sorted(self._codes))

    def __len__(self) -> int:
        return len(self._codes)


def load_event_codes(data_dir: Path | None = None) -> EventCodes:
    """Read, check and join the CAMEO table, the CAMEO->PLOVER table and the PLOVER vocabulary.

    ``data_dir`` defaults to the package's ``data`` folder. Any inconsistency raises
    ``DataFileError`` naming the file.
    """
    folder = data_dir if data_dir is not None else package_path("data")
    plover_types, contexts = _load_plover_vocabulary(folder / PLOVER_FILE)
    cameo_rows = _load_cameo_rows(folder / CAMEO_FILE)
    plover_rows = _load_plover_rows(folder / PLOVER_MAP_FILE, cameo_rows, plover_types, contexts)
    codes = {code: _join(row, plover_rows[code]) for code, row in cameo_rows.items()}
    return EventCodes(codes, plover_types, contexts)


def _join(row: _CameoRow, plover: _PloverRow) -> CodeInfo:
    """Combine the CAMEO facts of a code with its PLOVER reading."""
    return CodeInfo(
        cameo=row.code,
        name=row.name,
        goldstein=row.goldstein,
        quad_class=row.quad_class,
        plover_type=plover.plover_type,
        plover_mode=plover.plover_mode,
        plover_context=plover.plover_context,
        plover_score=plover.plover_score,
    )


def _type_name_index(types: Iterable[PloverType]) -> dict[str, str]:
    """Map every current and old type name to the current name."""
    index: dict[str, str] = {}
    for plover_type in types:
        index[plover_type.name] = plover_type.name
        for alias in plover_type.aliases:
            index[alias] = plover_type.name
    return index


# --- plover.toml ---------------------------------------------------------------------------


def _load_plover_vocabulary(path: Path) -> tuple[dict[str, PloverType], frozenset[str]]:
    """Read the PLOVER event types and contexts."""
    document = load_toml(path)
    extra = set(document) - _PLOVER_TABLES
    if extra:
        allowed = sorted(_PLOVER_TABLES)
        raise DataFileError(f"{path}: unknown top-level key(s) {sorted(extra)}; allowed: {allowed}")
    types = _plover_types(path, _table(path, document, "type", _TYPE_SCHEMA))
    contexts = _plover_contexts(path, _table(path, document, "context", _CONTEXT_SCHEMA))
    return types, contexts


def _table(path: Path, document: Mapping[str, Any], name: str, schema: Schema) -> list[dict[str, Any]]:
    """Return the validated entries of the array of tables ``[[name]]``."""
    records = document.get(name, [])
    if not isinstance(records, list) or not records:
        raise DataFileError(f"{path}: {name!r} must be a non-empty array of tables ([[{name}]])")
    for number, record in enumerate(records, start=1):
        validate_record(record, schema, f"{path}: {name} #{number}")
    return records


def _plover_types(path: Path, records: list[dict[str, Any]]) -> dict[str, PloverType]:
    """Build and check the PLOVER event types; names and old names must be unique."""
    types: dict[str, PloverType] = {}
    seen_names: set[str] = set()
    for record in records:
        plover_type = _plover_type(path, record)
        names = {plover_type.name, *plover_type.aliases}
        clash = names & seen_names
        if clash or len(names) != 1 + len(plover_type.aliases):
            raise DataFileError(f"{path}: type name(s) {sorted(clash) or sorted(names)} used twice")
        seen_names |= names
        types[plover_type.name] = plover_type
    return types


def _plover_type(path: Path, record: Mapping[str, Any]) -> PloverType:
    """Build one PLOVER event type from its checked TOML record."""
    name = record["name"]
    where = f"{path}: type {name!r}"
    if name != name.upper() or not name:
        raise DataFileError(f"{where}: type names are upper case")
    if record["quad_class"] not in (1, 2, 3, 4):
        raise DataFileError(f"{where}: quad_class must be 1-4")
    score = float(record["score"])
    if not -10.0 <= score <= 10.0:
        raise DataFileError(f"{where}: score {score} outside -10..10")
    modes = _string_list(where, "modes", record["modes"])
    aliases = _string_list(where, "aliases", record["aliases"])
    return PloverType(
        name, record["quad_class"], score, frozenset(modes), tuple(aliases), record["description"]
    )


def _string_list(where: str, key: str, value: list[Any]) -> list[str]:
    """Check that a TOML list holds only non-empty strings."""
    if not all(isinstance(item, str) and item for item in value):
        raise DataFileError(f"{where}: {key!r} must be a list of non-empty strings")
    return value


def _plover_contexts(path: Path, records: list[dict[str, Any]]) -> frozenset[str]:
    """Return the context names; a context listed twice is an error."""
    names = [record["name"] for record in records]
    doubles = sorted({name for name in names if names.count(name) > 1})
    if doubles:
        raise DataFileError(f"{path}: context(s) {doubles} listed twice")
    return frozenset(names)


# --- cameo.tsv -----------------------------------------------------------------------------


def _load_cameo_rows(path: Path) -> dict[str, _CameoRow]:
    """Read cameo.tsv and check codes, weights, quad classes and the code hierarchy."""
    rows: dict[str, _CameoRow] = {}
    for record in _read_tsv(path, CAMEO_COLUMNS):
        row = _cameo_row(path, record)
        if row.code in rows:
            raise DataFileError(f"{path}: code {row.code!r} listed twice")
        rows[row.code] = row
    _check_parents(path, rows)
    return rows


def _read_tsv(path: Path, columns: tuple[str, ...]) -> Iterator[dict[str, str]]:
    """Yield the rows of a TSV data file; a missing file is a DataFileError naming it."""
    try:
        yield from iter_tsv(path, columns, required=columns[:1])
    except OSError as exc:
        raise DataFileError(f"{path}: {exc}") from exc


def _cameo_row(path: Path, record: Mapping[str, str]) -> _CameoRow:
    """Check one row of cameo.tsv."""
    code = record["code"]
    where = f"{path}: code {code!r}"
    _check_code_form(where, code)
    if not record["name"].strip():
        raise DataFileError(f"{where}: the name is empty")
    goldstein = _number(where, "goldstein", record["goldstein"])
    if not -10.0 <= goldstein <= 10.0:
        raise DataFileError(f"{where}: goldstein {goldstein} outside -10..10")
    quad_class = _quad_class(where, record["quad_class"])
    expected = _quad_of_root(int(code[:2]))
    if quad_class != expected:
        raise DataFileError(
            f"{where}: quad_class {quad_class} does not fit cue category {code[:2]} (expected {expected})"
        )
    return _CameoRow(code, record["name"].strip(), goldstein, quad_class)


def _check_code_form(where: str, code: str) -> None:
    """A code is 2-4 digits whose first two name a cue category 01-20."""
    if not _CODE_PATTERN.fullmatch(code):
        raise DataFileError(f"{where}: a CAMEO code is a string of 2-4 digits")
    if not 1 <= int(code[:2]) <= 20:
        raise DataFileError(f"{where}: cue category {code[:2]} is not one of 01-20")


def _number(where: str, column: str, text: str) -> float:
    """Parse a finite decimal number."""
    try:
        value = float(text)
    except ValueError:
        raise DataFileError(f"{where}: {column} {text!r} is not a number") from None
    if not math.isfinite(value):
        raise DataFileError(f"{where}: {column} {text!r} is not a finite number")
    return value


def _quad_class(where: str, text: str) -> int:
    """Parse a quad class 1-4."""
    if text not in ("1", "2", "3", "4"):
        raise DataFileError(f"{where}: quad_class {text!r} must be 1, 2, 3 or 4")
    return int(text)


def _quad_of_root(root: int) -> int:
    """The CAMEO quad class of a cue category."""
    return next(quad for last_root, quad in _QUAD_BY_LAST_ROOT if root <= last_root)


def _check_parents(path: Path, rows: Mapping[str, _CameoRow]) -> None:
    """Every 3-digit code needs its cue category, every 4-digit code its 3-digit parent."""
    for code in rows:
        if len(code) > 2 and code[:-1] not in rows:
            raise DataFileError(f"{path}: code {code!r} has no parent code {code[:-1]!r}")


# --- cameo_plover.tsv ----------------------------------------------------------------------


def _load_plover_rows(
    path: Path,
    cameo_rows: Mapping[str, _CameoRow],
    types: Mapping[str, PloverType],
    contexts: frozenset[str],
) -> dict[str, _PloverRow]:
    """Read cameo_plover.tsv; every CAMEO code must have exactly one row."""
    names = _type_name_index(types.values())
    rows: dict[str, _PloverRow] = {}
    for record in _read_tsv(path, PLOVER_MAP_COLUMNS):
        code = record["cameo"]
        where = f"{path}: code {code!r}"
        if code not in cameo_rows:
            raise DataFileError(f"{where}: not a code of {CAMEO_FILE}")
        if code in rows:
            raise DataFileError(f"{where}: listed twice")
        rows[code] = _plover_row(where, record, names, types, contexts)
    missing = sorted(set(cameo_rows) - set(rows))
    if missing:
        raise DataFileError(f"{path}: no row for CAMEO code(s) {missing}")
    return rows


def _plover_row(
    where: str,
    record: Mapping[str, str],
    names: Mapping[str, str],
    types: Mapping[str, PloverType],
    contexts: frozenset[str],
) -> _PloverRow:
    """Check one row of cameo_plover.tsv against the PLOVER vocabulary."""
    type_text, mode, context, score_text = (
        record["plover_type"].strip(),
        record["plover_mode"].strip(),
        record["plover_context"].strip(),
        record["plover_score"].strip(),
    )
    context = _normalised_contexts(where, context, contexts)
    if not type_text:
        if mode or score_text:
            raise DataFileError(f"{where}: a mode or score needs a PLOVER type")
        return _PloverRow(None, None, context or None, None)
    if type_text.upper() not in names:
        raise DataFileError(f"{where}: {type_text!r} is not a PLOVER event type")
    plover_type = types[names[type_text.upper()]]
    if mode and mode not in plover_type.modes:
        raise DataFileError(f"{where}: mode {mode!r} is not a mode of {plover_type.name}")
    score = _number(where, "plover_score", score_text)
    if score != plover_type.score:
        raise DataFileError(
            f"{where}: plover_score {score} differs from the {plover_type.name} score {plover_type.score}"
        )
    return _PloverRow(plover_type.name, mode or None, context or None, score)


def _normalised_contexts(where: str, context: str, contexts: frozenset[str]) -> str:
    """Check that every ``;``-separated context is a PLOVER context; return them joined without blanks."""
    if not context:
        return ""
    names = [name.strip() for name in context.split(CONTEXT_SEPARATOR)]
    unknown = [name for name in names if name not in contexts]
    if unknown:
        raise DataFileError(f"{where}: unknown PLOVER context(s) {unknown}")
    return CONTEXT_SEPARATOR.join(names)
