"""Office holders with their terms, so a name resolves to the office its holder had on a date.

The facts live in ``data/office_holders.tsv`` (one row per person, office and term) and the
vocabulary of offices and sectors in ``data/office_holders.toml``. ``load_office_holders``
validates both: dates parse, a term does not end before it starts, every office, sector and
organisation is declared, and two holders of a single-holder office never overlap (except on
the hand-over day, which both terms may include).

The vocabulary also says which office heads a country's state and government when that
differs from the office's usual role: ``[[office_role]]`` (a president who also heads the
government, an Iranian president who heads only the government, a prime minister who acts as
head of state while the presidency is vacant) and ``[[shared_head]]`` (a realm whose monarch is
listed under another country, Andorra's French co-prince). ``heads_on`` and ``role_spans`` apply
both, so one row can count as head of state and of government.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
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


ROLES = frozenset({"head_of_state", "head_of_government", "minister", "organisation_head", "viceroy"})
_SOURCE_ORIGINS = ("reference:CountryInfo", "curated", "recalled")
SOURCE_QUALIFIERS = frozenset({
    "acting", "de_facto", "sure", "likely", "unsure",
    "curated", "curated approx", "recalled", "recalled approx",
})


@dataclass(frozen=True)
class OfficeRole:
    """In ``countries`` from ``start`` to ``end``, ``office`` has ``roles`` instead of its usual one."""

    office: str
    countries: frozenset[str]
    roles: frozenset[str]
    start: dt.date
    end: dt.date | None
    note: str

    def applies(self, country: str | None, office: str, day: dt.date) -> bool:
        return (
            office == self.office and country in self.countries
            and self.start <= day and (self.end is None or day <= self.end)
        )


@dataclass(frozen=True)
class SharedHead:
    """``countries`` have as head of state the holder of ``office`` listed under ``holder_country``."""

    office: str
    holder_country: str
    countries: frozenset[str]
    start: dt.date
    end: dt.date | None
    note: str


@dataclass(frozen=True)
class OfficeVocabulary:
    """The offices, sectors and organisations that office-holder rows may use."""

    offices: dict[str, bool]  # office code -> whether only one person holds it at a time
    sectors: frozenset[str]
    orgs: frozenset[str]
    roles: dict[str, str] = field(default_factory=dict)  # office code -> its usual role
    office_roles: tuple[OfficeRole, ...] = ()
    shared_heads: tuple[SharedHead, ...] = ()

    def roles_of(self, country: str | None, office: str, day: dt.date) -> frozenset[str]:
        """The roles ``office`` has in ``country`` on ``day`` (a declared override, else its usual role)."""
        for override in self.office_roles:
            if override.applies(country, office, day):
                return override.roles
        usual = self.roles.get(office)
        return frozenset({usual}) if usual else frozenset()


COLUMNS = ("name", "aliases", "country", "org", "sector", "office", "start", "end", "source")
_REQUIRED = ("name", "sector", "office", "start", "source")
_OFFICE_SCHEMA = {
    "code": FieldSpec((str,), required=True),
    "role": FieldSpec((str,), required=True),
    "single_holder": FieldSpec((bool,), required=True),
    "title_en": FieldSpec((str,), required=True),
    "title_de": FieldSpec((str,), required=True),
    "nouns_en": FieldSpec((list,)),
    "nouns_de": FieldSpec((list,)),
    "note": FieldSpec((str,)),
}
_CODE_SCHEMA = {"code": FieldSpec((str,), required=True), "description": FieldSpec((str,), required=True)}
_SPAN = {
    "start": FieldSpec((dt.date,)), "end": FieldSpec((dt.date,)), "note": FieldSpec((str,), required=True),
}
_OFFICE_ROLE_SCHEMA = {
    "office": FieldSpec((str,), required=True),
    "countries": FieldSpec((list,), required=True),
    "roles": FieldSpec((list,), required=True),
    **_SPAN,
}
_SHARED_HEAD_SCHEMA = {
    "office": FieldSpec((str,), required=True),
    "holder_country": FieldSpec((str,), required=True),
    "countries": FieldSpec((list,), required=True),
    **_SPAN,
}
_VOCABULARY_KEYS = {
    "meta": None, "office": _OFFICE_SCHEMA, "sector": _CODE_SCHEMA, "org": _CODE_SCHEMA,
    "office_role": _OFFICE_ROLE_SCHEMA, "shared_head": _SHARED_HEAD_SCHEMA,
}


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
    roles = {str(r["code"]): str(r["role"]) for r in tables["office"]}
    for number, record in enumerate(tables["office"], start=1):
        if record["role"] not in ROLES:
            raise DataFileError(f"{path}: office #{number}: unknown role {record['role']!r}")
    office_roles = tuple(
        OfficeRole(
            office=_declared_office(record, offices, f"{path}: office_role #{number}"),
            countries=_country_list(record, f"{path}: office_role #{number}"),
            roles=_role_list(record, f"{path}: office_role #{number}"),
            start=_span_day(record, "start") or dt.date.min,
            end=_span_day(record, "end"),
            note=str(record["note"]),
        )
        for number, record in enumerate(tables["office_role"], start=1)
    )
    shared_heads = tuple(
        SharedHead(
            office=_declared_office(record, offices, f"{path}: shared_head #{number}"),
            holder_country=str(record["holder_country"]),
            countries=_country_list(record, f"{path}: shared_head #{number}"),
            start=_span_day(record, "start") or dt.date.min,
            end=_span_day(record, "end"),
            note=str(record["note"]),
        )
        for number, record in enumerate(tables["shared_head"], start=1)
    )
    _check_override_overlaps(office_roles, str(path))
    return OfficeVocabulary(
        offices=offices,
        sectors=frozenset(str(r["code"]) for r in tables["sector"]),
        orgs=frozenset(str(r["code"]) for r in tables["org"]),
        roles=roles,
        office_roles=office_roles,
        shared_heads=shared_heads,
    )


def _declared_office(record: dict[str, object], offices: dict[str, bool], where: str) -> str:
    office = str(record["office"])
    if office not in offices:
        raise DataFileError(f"{where}: unknown office {office!r}")
    return office


def _country_list(record: dict[str, object], where: str) -> frozenset[str]:
    countries = record["countries"]
    assert isinstance(countries, list)
    for code in countries:
        if not isinstance(code, str) or len(code) != 3 or not code.isupper():
            raise DataFileError(f"{where}: country must be an ISO 3166 alpha-3 code, got {code!r}")
    if not countries:
        raise DataFileError(f"{where}: no countries")
    return frozenset(countries)


def _role_list(record: dict[str, object], where: str) -> frozenset[str]:
    roles = record["roles"]
    assert isinstance(roles, list)
    unknown = [role for role in roles if role not in ROLES]
    if unknown or not roles:
        raise DataFileError(f"{where}: roles must be some of {sorted(ROLES)}, got {roles!r}")
    return frozenset(str(role) for role in roles)


def _span_day(record: dict[str, object], key: str) -> dt.date | None:
    value = record.get(key)
    return value if isinstance(value, dt.date) else None


def _check_override_overlaps(overrides: Sequence[OfficeRole], where: str) -> None:
    """Two declarations for the same office and country may not cover the same day."""
    for first, second in itertools.combinations(overrides, 2):
        if first.office != second.office or not first.countries & second.countries:
            continue
        if first.start <= (second.end or dt.date.max) and second.start <= (first.end or dt.date.max):
            shared = ", ".join(sorted(first.countries & second.countries))
            raise DataFileError(f"{where}: office_role declarations for {first.office} in {shared} overlap")


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


def heads_on(
    terms: Iterable[OfficeTerm], vocabulary: OfficeVocabulary, country: str, role: str, day: dt.date
) -> list[OfficeTerm]:
    """Return the terms whose office has ``role`` in ``country`` on ``day``.

    ``role`` is ``head_of_state`` or ``head_of_government`` (or any other role). Declared
    overrides apply (a president in a presidential system heads both), and so do shared heads of
    state: the monarch listed under GBR heads the state of Australia.
    """
    found = []
    for term in terms:
        if not term.holds_on(day):
            continue
        own = term.country == country and role in vocabulary.roles_of(country, term.office, day)
        if own or (role == "head_of_state" and any(
            shared.holder_country == term.country and shared.office == term.office
            and country in shared.countries and shared.start <= day
            and (shared.end is None or day <= shared.end)
            for shared in vocabulary.shared_heads
        )):
            found.append(term)
    return found


def role_spans(
    terms: Iterable[OfficeTerm], vocabulary: OfficeVocabulary, country: str, role: str
) -> list[tuple[dt.date, dt.date | None]]:
    """The periods (first day, last day or ``None`` if open) in which someone holds ``role`` in ``country``.

    The periods are cut where a declared override starts or ends, so one row can count for a role
    during only part of its term (Erdoğan heads the government from 2018-07-09). Not merged.
    """
    spans: list[tuple[dt.date, dt.date | None]] = []
    declared = [o for o in vocabulary.office_roles if country in o.countries]
    starts = {o.start for o in declared}
    ends = {o.end + dt.timedelta(days=1) for o in declared if o.end is not None}
    cuts = sorted((starts | ends) - {dt.date.min})
    shared = [s for s in vocabulary.shared_heads if country in s.countries] if role == "head_of_state" else []
    for term in terms:
        if term.country == country:
            inner = (c for c in cuts if term.start < c and (term.end is None or c <= term.end))
            bounds = [term.start, *inner]
            for index, first in enumerate(bounds):
                last = bounds[index + 1] - dt.timedelta(days=1) if index + 1 < len(bounds) else term.end
                if role in vocabulary.roles_of(country, term.office, first):
                    spans.append((first, last))
        for head in shared:
            if term.country == head.holder_country and term.office == head.office:
                first = max(term.start, head.start)
                closes = [e for e in (term.end, head.end) if e is not None]
                last = min(closes) if closes else None
                if last is None or first <= last:
                    spans.append((first, last))
    return spans


def source_problems(source: str) -> list[str]:
    """What is wrong with a ``source`` cell (empty when it follows the documented grammar).

    ``origin[ approx][; qualifier]...``: origin is ``reference:CountryInfo``, ``curated`` or
    ``recalled``; qualifiers are ``acting``, ``de_facto``, a confidence (``sure``, ``likely``,
    ``unsure``; required after ``recalled``), or after ``reference:CountryInfo`` how the row was first
    entered (``curated``, ``recalled``, either with `` approx``).
    """
    parts = [part.strip() for part in source.split(";")]
    head = parts[0].split()
    problems = []
    if not head or head[0] not in _SOURCE_ORIGINS or head[1:] not in ([], ["approx"]):
        problems.append(f"origin {parts[0]!r} is not one of {_SOURCE_ORIGINS} (optionally + ' approx')")
    unknown = [part for part in parts[1:] if part not in SOURCE_QUALIFIERS]
    if unknown:
        problems.append(f"unknown qualifier(s) {unknown}")
    confidence = [part for part in parts[1:] if part in {"sure", "likely", "unsure"}]
    if head and head[0] == "recalled" and len(confidence) != 1:
        problems.append("a recalled row needs exactly one confidence: sure, likely or unsure")
    return problems
