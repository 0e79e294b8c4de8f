"""Validating loaders for the data files that hold language and world knowledge.

Knowledge lives in TOML (curated, commented tables) and TSV (long lists) files. Each file is
checked against a declared schema: an unknown key or a missing required key is an error that
names the file, never a silent skip.
"""

from __future__ import annotations

import csv
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any


class DataFileError(ValueError):
    """A data file does not match its schema."""


@dataclass(frozen=True)
class FieldSpec:
    """One allowed key of a record: its type(s) and whether it must be present."""

    types: tuple[type, ...]
    required: bool = False


Schema = Mapping[str, FieldSpec]


def package_path(*parts: str) -> Path:
    """Return the path of a file shipped inside the ``lagebild`` package."""
    return Path(str(resources.files("lagebild").joinpath(*parts)))


def validate_record(record: Mapping[str, Any], schema: Schema, where: str) -> None:
    """Raise ``DataFileError`` if ``record`` has unknown keys, misses required ones or has bad types."""
    unknown = set(record) - set(schema)
    if unknown:
        raise DataFileError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(schema)}")
    for key, spec in schema.items():
        if key not in record:
            if spec.required:
                raise DataFileError(f"{where}: missing required key {key!r}")
            continue
        if not isinstance(record[key], spec.types):
            names = "/".join(t.__name__ for t in spec.types)
            raise DataFileError(f"{where}: key {key!r} must be {names}, got {type(record[key]).__name__}")


def load_toml(path: Path) -> dict[str, Any]:
    """Read a TOML file, naming the file in any parse error."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataFileError(f"{path}: {exc}") from exc


def load_toml_table(path: Path, table: str, schema: Schema) -> list[dict[str, Any]]:
    """Read the array of tables ``[[table]]`` from a TOML file and validate every entry."""
    document = load_toml(path)
    extra = set(document) - {table, "meta"}
    if extra:
        raise DataFileError(f"{path}: unknown top-level key(s) {sorted(extra)}")
    records = document.get(table, [])
    if not isinstance(records, list):
        raise DataFileError(f"{path}: {table!r} must be an array of tables ([[{table}]])")
    for number, record in enumerate(records, start=1):
        validate_record(record, schema, f"{path}: {table} #{number}")
    return records


def iter_tsv(
    path: Path, columns: tuple[str, ...], required: tuple[str, ...] = ()
) -> Iterator[dict[str, str]]:
    """Yield the rows of a tab-separated file whose header must be exactly ``columns``.

    Lines starting with ``#`` are comments. Empty cells become empty strings; a required
    column that is empty is an error naming the line.
    """
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None or tuple(header) != columns:
            raise DataFileError(f"{path}: header must be {list(columns)!r}, got {header!r}")
        for number, row in enumerate(reader, start=2):
            if len(row) != len(columns):
                raise DataFileError(f"{path}: row {number} has {len(row)} cells, expected {len(columns)}")
            record = dict(zip(columns, row, strict=True))
            for key in required:
                if not record[key]:
                    raise DataFileError(f"{path}: row {number}: column {key!r} is empty")
            yield record


def user_files(paths: Iterable[Path], prefix: str, language: str | None = None) -> list[Path]:
    """The user data files of one kind: files named ``<prefix>*.toml|tsv``, given directly or inside folders.

    The name says what a file holds (``actors_militias.toml``, ``events_de.toml``,
    ``places_newsroom.tsv``), so one ``--data`` folder can hold every kind. A name with a language
    tag (``events_de.toml``, ``actors.en.tsv``) applies to that language only.
    """
    found: list[Path] = []
    for path in paths:
        candidates = sorted(path.rglob("*")) if path.is_dir() else [path]
        for candidate in candidates:
            if candidate.suffix not in (".toml", ".tsv") or not candidate.name.startswith(prefix):
                continue
            if language is not None and _language_tag(candidate) not in (None, language):
                continue
            if candidate.is_file():
                found.append(candidate)
    return found


def _language_tag(path: Path) -> str | None:
    """``events_de.toml`` → ``de``; ``events.toml`` → ``None``."""
    stem = path.stem
    for separator in ("_", "."):
        head, _, tail = stem.rpartition(separator)
        if head and len(tail) == 2 and tail.isalpha() and tail.islower():
            return tail
    return None
