"""Office holders with their terms, so a name resolves to the office its holder had on a date.

The facts live in ``data/office_holders.tsv`` (one row per person, office and term) and the
vocabulary of offices and sectors in ``data/office_holders.toml``. ``load_office_holders``
validates both: dates parse, a term does not end before it starts, every office, sector and
organisation is declared, and two holders of a single-holder office never overlap (except on
the hand-over day, which both terms may include).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from lagebild.datafiles import DataFileError, FieldSpec, iter_tsv, load_toml, package_path, validate_record


@dataclass(frozen=True)
class OfficeTerm:
    """One person in one office for one term.

    ``end`` is ``None`` while the term lasts. ``country``/``org``/``sector`` are the code the
    holder acts under during the term (Stoltenberg as NATO Secretary General: org NATO, sector IGO).
    """

    name: str
    aliases: tuple[str, ...]
    country: str | None
    org: str | None
    sector: str
    office: str
    start: dt.date
    end: dt.date | None
    source: str

    def holds_on(self, day: dt.date) -> bool:
        """Whether the term covers ``day``."""
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class OfficeVocabulary:
    """The offices, sectors and organisations that office-holder rows may use."""

    offices: dict[str, bool]  # office code -> whether only one person holds it at a time
    sectors: frozenset[str]
    orgs: frozenset[str]


COLUMNS = ("name", "aliases", "country", "org", "sector", "office", "start", "end", "source")
_REQUIRED = ("name", "sector", "office", "start", "source")
_OFFICE_SCHEMA = {
    "code": FieldSpec((str,), required=True),
    "role": FieldSpec((str,), required=True),
    "single_holder": FieldSpec((bool,), required=True),
    "title_en": FieldSpec((str,), required=True),
    "title_de": FieldSpec((str,), required=True),
}
_CODE_SCHEMA = {"code": FieldSpec((str,), required=True), "description": FieldSpec((str,), required=True)}
_VOCABULARY_KEYS = {"meta": None, "office": _OFFICE_SCHEMA, "sector": _CODE_SCHEMA, "org": _CODE_SCHEMA}


def load_office_holders(
    path: Path | None = None, vocabulary_path: Path | None = None
) -> list[OfficeTerm]:
    """Return every office term shipped with the package, validated, sorted by start date.

    ``path`` and ``vocabulary_path`` default to the package's ``data/office_holders.tsv`` and
    ``data/office_holders.toml``; pass others to load a user's own list in the same format.
    """
    vocabulary = load_office_vocabulary(vocabulary_path or package_path("data", "office_holders.toml"))
    tsv = path or package_path("data", "office_holders.tsv")
    terms = [
        _term_from_row(row, vocabulary, f"{tsv}: {row['name']}") for row in iter_tsv(tsv, COLUMNS, _REQUIRED)
    ]
    check_single_holders(terms, vocabulary, str(tsv))
    return sorted(terms, key=lambda term: (term.start, term.name, term.office))


def load_office_vocabulary(path: Path) -> OfficeVocabulary:
    """Read and validate the declared offices, sectors and organisations."""
    document = load_toml(path)
    unknown = set(document) - set(_VOCABULARY_KEYS)
    if unknown:
        raise DataFileError(f"{path}: unknown top-level key(s) {sorted(unknown)}")
    tables: dict[str, list[dict[str, object]]] = {}
    for key, schema in _VOCABULARY_KEYS.items():
        if schema is None:
            continue
        records = document.get(key, [])
        if not isinstance(records, list):
            raise DataFileError(f"{path}: {key!r} must be an array of tables ([[{key}]])")
        for number, record in enumerate(records, start=1):
            validate_record(record, schema, f"{path}: {key} #{number}")
        tables[key] = records
    offices = {str(r["code"]): bool(r["single_holder"]) for r in tables["office"]}
    return OfficeVocabulary(
        offices=offices,
        sectors=frozenset(str(r["code"]) for r in tables["sector"]),
        orgs=frozenset(str(r["code"]) for r in tables["org"]),
    )


def _term_from_row(row: dict[str, str], vocabulary: OfficeVocabulary, where: str) -> OfficeTerm:
    """Build one validated term from a TSV row."""
    start = _parse_day(row["start"], where, "start")
    end = _parse_day(row["end"], where, "end") if row["end"] else None
    if end is not None and end < start:
        raise DataFileError(f"{where}: term ends ({end}) before it starts ({start})")
    if row["office"] not in vocabulary.offices:
        raise DataFileError(f"{where}: unknown office {row['office']!r}")
    if row["sector"] not in vocabulary.sectors:
        raise DataFileError(f"{where}: unknown sector {row['sector']!r}")
    if row["org"] and row["org"] not in vocabulary.orgs:
        raise DataFileError(f"{where}: unknown organisation {row['org']!r}")
    if not row["country"] and not row["org"]:
        raise DataFileError(f"{where}: a term needs a country or an organisation")
    if row["country"] and (len(row["country"]) != 3 or not row["country"].isupper()):
        raise DataFileError(f"{where}: country must be an ISO 3166 alpha-3 code, got {row['country']!r}")
    aliases = tuple(alias.strip() for alias in row["aliases"].split("|") if alias.strip())
    return OfficeTerm(
        name=row["name"],
        aliases=aliases,
        country=row["country"] or None,
        org=row["org"] or None,
        sector=row["sector"],
        office=row["office"],
        start=start,
        end=end,
        source=row["source"],
    )


def _parse_day(text: str, where: str, column: str) -> dt.date:
    """Parse an ISO day, naming the row and column on error."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise DataFileError(f"{where}: column {column!r}: {text!r} is not a YYYY-MM-DD date") from exc


def check_single_holders(terms: Iterable[OfficeTerm], vocabulary: OfficeVocabulary, where: str) -> None:
    """Raise ``DataFileError`` when two terms of a single-holder office overlap by more than a day.

    The outgoing and the incoming holder may both list the hand-over day: sources disagree on
    whether a term ends on the day the successor is sworn in or the day before.
    """
    by_office: dict[tuple[str | None, str | None, str], list[OfficeTerm]] = defaultdict(list)
    for term in terms:
        if vocabulary.offices[term.office]:
            by_office[(term.country, term.org, term.office)].append(term)
    for key, group in by_office.items():
        group.sort(key=lambda term: term.start)
        for earlier, later in itertools.pairwise(group):
            if earlier.end is None or earlier.end > later.start:
                raise DataFileError(
                    f"{where}: {key[1] or key[0]} {key[2]}: {earlier.name} ({earlier.start}–"
                    f"{earlier.end or 'open'}) overlaps {later.name} (from {later.start})"
                )


def holders_on(terms: Sequence[OfficeTerm], name_or_alias: str, day: dt.date) -> list[OfficeTerm]:
    """Return the terms held on ``day`` by the person called ``name_or_alias``.

    The name is compared case-insensitively with each term's name and aliases; a person with
    two offices on the same day (a head of government who is also foreign minister) yields both.
    """
    wanted = name_or_alias.casefold().strip()
    return [
        term
        for term in terms
        if term.holds_on(day)
        and (term.name.casefold() == wanted or any(alias.casefold() == wanted for alias in term.aliases))
    ]
