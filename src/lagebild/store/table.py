"""The analyst's event table: one row per event, one plain snake_case column per field.

This is the one definition of what every export holds: CSV, Parquet and JSON Lines from
``lagebild export`` and ``lagebild events``, the rows of ``lagebild extract``, the API's event
records and the dashboard's downloads. Each ``TableColumn`` carries its type, meaning, example
and how it is derived; docs/CODEBOOK.md is written from them (``codebook_table``, checked by a
test). Two more profiles re-label the same rows for tools made for other data sets: ``gdelt``
(GDELT 2.0 event-table names) and ``plover`` (PLOVER's JSON field names, flattened).

A row is computed from the stored event columns (``lagebild.store.rows.EVENT_COLUMNS``) plus
the article's title, URL and outlet, so the store's exports and ``extract`` (which has the
``Event`` and ``Article`` in hand) cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from lagebild.datafiles import iter_tsv, package_path
from lagebild.model import Article, Event
from lagebild.store.rows import EVENT_COLUMNS

ColumnType = Literal["text", "integer", "number", "date"]
Stored = Mapping[str, Any]
"""The stored columns of one event (``events`` table names) plus ``article_title``,
``article_url`` and ``article_outlet``."""


@dataclass(frozen=True)
class Derivation:
    """How a column is computed from the stored columns: in Python (``extract``, which has no
    store) and the same in SQL (exports, which stream from the store). A test checks that both
    give the same rows."""

    python: Callable[[Stored], Any]
    sql: str
    params: Callable[[], list[object]] = list

    def __call__(self, stored: Stored) -> Any:
        return self.python(stored)


@dataclass(frozen=True)
class TableColumn:
    """One column of the event table, with its documentation."""

    name: str
    type: ColumnType
    meaning: str
    example: str
    derived: str
    value: Derivation


def _get(name: str) -> Derivation:
    """A stored column as it is."""
    return Derivation(lambda stored: stored.get(name), f'"{name}"')


def _article(name: str) -> Derivation:
    """A field of the event's article (``stored`` carries it as ``article_<name>``)."""
    sql = f"(SELECT a.{name} FROM articles a WHERE a.id = events.article_id)"
    return Derivation(lambda stored: stored.get(f"article_{name}"), sql)


def _day_value(stored: Stored) -> dt.date | None:
    earliest, latest = stored.get("date_earliest"), stored.get("date_latest")
    return earliest if earliest is not None and earliest == latest else None


_day = Derivation(_day_value, "CASE WHEN date_earliest = date_latest THEN date_earliest END")
"""The event's day when its date names one day, else nothing."""

_precision = Derivation(
    lambda stored: str(stored.get("date_granularity") or "none"),
    "coalesce(nullif(date_granularity, ''), 'none')",
)


def _code(role: str) -> Derivation:
    """Root and sector as filters take them: ``RUS.MIL``."""

    def code(stored: Stored) -> str | None:
        root, sector = stored.get(f"{role}_root"), stored.get(f"{role}_sector")
        if not root:
            return None
        return f"{root}.{sector}" if sector else str(root)

    sql = (
        f"CASE WHEN coalesce({role}_root, '') = '' THEN NULL "
        f"WHEN coalesce({role}_sector, '') <> '' THEN {role}_root || '.' || {role}_sector "
        f"ELSE {role}_root END"
    )
    return Derivation(code, sql)


_cameo_root = Derivation(
    lambda stored: str(stored["cameo"])[:2] if stored.get("cameo") else None,
    "CASE WHEN coalesce(cameo, '') = '' THEN NULL ELSE substr(cameo, 1, 2) END",
)


@lru_cache(maxsize=1)
def country_places() -> dict[str, str]:
    """The gazetteer's name of each country as a place (``RUS`` → ``Russia``)."""
    columns = ("id", "kind", "name", "country", "lat", "lon", "population")
    rows = iter_tsv(package_path("data", "places.tsv"), columns, ("id", "kind", "name"))
    return {row["country"]: row["name"] for row in rows if row["kind"] == "country" and row["country"]}


def _place_precision(stored: Stored) -> str | None:
    name, country = stored.get("location_name"), stored.get("location_country")
    if not name:
        return None
    return "country" if country and country_places().get(str(country)) == name else "place"


def _country_place_keys() -> list[object]:
    return [sorted(f"{iso3}\x1f{name}" for iso3, name in country_places().items())]


place_precision = Derivation(
    _place_precision,
    "CASE WHEN coalesce(location_name, '') = '' THEN NULL "
    "WHEN coalesce(location_country, '') || chr(31) || location_name = ANY(?) THEN 'country' "
    "ELSE 'place' END",
    _country_place_keys,
)
"""``country`` when the event's place is a whole country, ``place`` for a city or region."""


def _actor_columns(role: str, who: str) -> list[TableColumn]:
    """The columns of one actor role; ``who`` says in words which actor it is."""
    example = {
        "source": (
            "RUS.MIL",
            "RUS",
            "MIL",
            "RUS",
            "",
            "Russian Armed Forces",
            "die russische Armee",
            "120",
            "139",
        ),
        "target": (
            "NATO",
            "NATO",
            "IGO",
            "",
            "NATO",
            "North Atlantic Treaty Organization",
            "der Nato",
            "147",
            "155",
        ),
    }
    code, root, sector, country, org, name, text, start, end = example[role]
    columns: tuple[tuple[str, ColumnType, str, str, str], ...] = (
        (
            "code",
            "text",
            f"{who}, as filters take it: the root code, a dot and the sector.",
            code,
            f"`{role}_root` and `{role}_sector` joined by `.`",
        ),
        (
            "root",
            "text",
            f"Root code of the {role}: its organisation if it has one, else its country (upper case).",
            root,
            "the organisation code, else the ISO 3166 alpha-3 code",
        ),
        (
            "sector",
            "text",
            f"Sector of the {role} (GOV, MIL, COP, JUD, LEG, OPP, REB, IGO, NGO, BUS, MED, "
            "CVL, ...; docs/ACTORS.md).",
            sector,
            "actor lexicon, role nouns",
        ),
        (
            "country",
            "text",
            f"ISO 3166 alpha-3 code of the {role}'s country.",
            country,
            "actor lexicon; office terms for persons",
        ),
        (
            "org",
            "text",
            f"Code of the {role}'s organisation (NATO, UN, parties, armed groups, companies).",
            org,
            "actor lists in src/lagebild/data",
        ),
        (
            "name",
            "text",
            f"Canonical name of the {role} (a person's name for office holders).",
            name,
            "actor lexicon",
        ),
        (
            "text",
            "text",
            f"The words of the article that name the {role}.",
            text,
            "the noun phrase in the text",
        ),
        (
            "start",
            "integer",
            f"Character offset of `{role}_text` in the article text.",
            start,
            "Python string index",
        ),
        ("end", "integer", f"Character offset just after `{role}_text`.", end, "Python string index"),
    )
    return [
        TableColumn(
            f"{role}_{part}",
            kind,
            meaning,
            sample,
            derived,
            _code(role) if part == "code" else _get(f"{role}_{part}"),
        )
        for part, kind, meaning, sample, derived in columns
    ]


COLUMNS: tuple[TableColumn, ...] = (
    TableColumn(
        "event_id",
        "text",
        "Stable id of the event; the same article gives the same ids again.",
        "spiegel-2017-03-e1",
        "article id, `-e` and the event's number",
        _get("id"),
    ),
    TableColumn(
        "article_id",
        "text",
        "Id of the article the event was read from.",
        "spiegel-2017-03",
        "input `id` (or file name)",
        _get("article_id"),
    ),
    TableColumn(
        "event_date",
        "date",
        "The day the event happened or is planned for, when the text names "
        "one day; empty otherwise (see the next three columns).",
        "2017-03-30",
        "`event_date_earliest` when it equals `event_date_latest`",
        _day,
    ),
    TableColumn(
        "event_date_earliest",
        "date",
        "First day the event's date may mean.",
        "2017-03-01",
        "lower bound of the TIMEX value",
        _get("date_earliest"),
    ),
    TableColumn(
        "event_date_latest",
        "date",
        "Last day the event's date may mean.",
        "2017-03-31",
        "upper bound of the TIMEX value",
        _get("date_latest"),
    ),
    TableColumn(
        "event_date_precision",
        "text",
        "How precisely the event is dated: time, day, week, month, "
        "season, quarter, year, decade, century, or none (undated).",
        "month",
        "granularity of the TIMEX value",
        _precision,
    ),
    TableColumn(
        "event_date_timex",
        "text",
        "The date as a TIMEX3 value, which keeps what the text said "
        "(`2017-03`, `2018-W19-WE` a weekend, `199` the 1990s, `PAST_REF`).",
        "2017-03",
        "time expressions of the sentence, else the publication date; docs/TIME.md",
        _get("date_value"),
    ),
    TableColumn(
        "event_date_source",
        "text",
        "Where the date comes from: `text` (a time expression), "
        "`published` (the publication date) or `none`.",
        "text",
        "date rules, docs/TIME.md",
        _get("date_source"),
    ),
    TableColumn(
        "plover_type",
        "text",
        "PLOVER event type (AGREE, CONSULT, ..., ASSAULT); empty for CAMEO 01 "
        "public statements, which PLOVER drops.",
        "THREATEN",
        "CAMEO code via data/cameo_plover.tsv",
        _get("type"),
    ),
    TableColumn(
        "plover_mode",
        "text",
        "PLOVER mode of the type, where it has one.",
        "visit",
        "data/cameo_plover.tsv",
        _get("mode"),
    ),
    TableColumn(
        "plover_context",
        "text",
        "PLOVER contexts, `;`-separated.",
        "military",
        "data/cameo_plover.tsv",
        _get("context"),
    ),
    TableColumn(
        "cameo_code",
        "text",
        "CAMEO event code, two to four digits as text (leading zeros count).",
        "138",
        "trigger lexicon (lang/*/events*.toml); docs/CODES.md",
        _get("cameo"),
    ),
    TableColumn(
        "cameo_root",
        "text",
        "CAMEO cue category: the first two digits of `cameo_code`.",
        "13",
        "`cameo_code`",
        _cameo_root,
    ),
    TableColumn(
        "quad_class",
        "integer",
        "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.",
        "3",
        "CAMEO cue category",
        _get("quad_class"),
    ),
    TableColumn(
        "goldstein",
        "number",
        "Goldstein conflict-cooperation weight of the CAMEO code (-10 … +10).",
        "-7.0",
        "data/cameo.tsv",
        _get("goldstein"),
    ),
    TableColumn(
        "plover_score",
        "number",
        "PLOVER's conflict-cooperation score of the type (-10 … +10).",
        "-6.0",
        "data/plover.toml",
        _get("plover_score"),
    ),
    TableColumn(
        "modality",
        "text",
        "asserted (it happened), planned, negated (it did not happen) or hypothetical.",
        "asserted",
        "verb form, negation and modal cues of the clause",
        _get("modality"),
    ),
    *_actor_columns("source", "The source, the actor who acts"),
    *_actor_columns("target", "The target, the actor acted upon"),
    TableColumn(
        "place_name",
        "text",
        "Canonical name of the event's place.",
        "Kaliningrad",
        "gazetteer (GeoNames, data/places.tsv)",
        _get("location_name"),
    ),
    TableColumn(
        "place_text",
        "text",
        "The words of the article that name the place.",
        "Kaliningrad",
        "place mention in the sentence",
        _get("location_text"),
    ),
    TableColumn(
        "place_country",
        "text",
        "ISO 3166 alpha-3 code of the place's country.",
        "RUS",
        "gazetteer",
        _get("location_country"),
    ),
    TableColumn(
        "place_precision",
        "text",
        "`country` when the place is a whole country, `place` for a city or region; empty without a place.",
        "place",
        "the place is the gazetteer's country entry",
        place_precision,
    ),
    TableColumn(
        "place_lat",
        "number",
        "Latitude of the place (WGS 84; a country's centre for a country).",
        "54.71",
        "gazetteer",
        _get("location_lat"),
    ),
    TableColumn("place_lon", "number", "Longitude of the place.", "20.51", "gazetteer", _get("location_lon")),
    TableColumn(
        "place_start",
        "integer",
        "Character offset of `place_text` in the article text.",
        "240",
        "Python string index",
        _get("location_start"),
    ),
    TableColumn(
        "place_end",
        "integer",
        "Character offset just after `place_text`.",
        "251",
        "Python string index",
        _get("location_end"),
    ),
    TableColumn(
        "attribution",
        "text",
        'Who the article says the report comes from ("according to").',
        "deutsche Nato-Vertretung",
        "attribution cues of the sentence",
        _get("attribution"),
    ),
    TableColumn(
        "trigger",
        "text",
        "The word or words that express the event.",
        "drohte",
        "trigger lexicon",
        _get("trigger"),
    ),
    TableColumn(
        "trigger_start",
        "integer",
        "Character offset of the trigger in the article text.",
        "140",
        "Python string index",
        _get("trigger_start"),
    ),
    TableColumn(
        "trigger_end",
        "integer",
        "Character offset just after the trigger.",
        "146",
        "Python string index",
        _get("trigger_end"),
    ),
    TableColumn(
        "evidence_text",
        "text",
        "The sentence the event was read from.",
        "Die russische Armee drohte der Nato.",
        "sentence splitter",
        _get("evidence_text"),
    ),
    TableColumn(
        "evidence_start",
        "integer",
        "Character offset of the sentence in the article text.",
        "120",
        "Python string index",
        _get("evidence_start"),
    ),
    TableColumn(
        "evidence_end",
        "integer",
        "Character offset just after the sentence.",
        "156",
        "Python string index",
        _get("evidence_end"),
    ),
    TableColumn(
        "evidence_sentence",
        "integer",
        "Number of the sentence in the article, from 0.",
        "2",
        "sentence splitter",
        _get("evidence_sentence"),
    ),
    TableColumn(
        "language",
        "text",
        "ISO 639-1 code of the article's language.",
        "de",
        "input `language`, else language identification",
        _get("language"),
    ),
    TableColumn(
        "title",
        "text",
        "Title of the article.",
        "Nato verlangt Bericht",
        "input `title` or the page's metadata",
        _article("title"),
    ),
    TableColumn(
        "url",
        "text",
        "Address of the article.",
        "https://www.spiegel.de/...",
        "input `url` or the page's canonical link",
        _article("url"),
    ),
    TableColumn(
        "outlet",
        "text",
        "Who published the article.",
        "SPIEGEL",
        "input `outlet` (or `source`, `publisher`) or the page's site name",
        _article("outlet"),
    ),
    TableColumn(
        "published",
        "text",
        "Publication date of the article as given: YYYY, YYYY-MM or YYYY-MM-DD.",
        "2017-03",
        "input `published` (or `date`)",
        _get("published"),
    ),
    TableColumn(
        "coder_version",
        "text",
        "What coded the event: lagebild's version and a digest of the language data in use; "
        "`lagebild recode` re-codes the events of other versions.",
        "0.1.0+8f6c3520e054",
        "package version + first 12 hex digits of SHA-256 over the files of `lang/`, `data/` and `--data`",
        _get("coder_version"),
    ),
)
COLUMN_NAMES: tuple[str, ...] = tuple(column.name for column in COLUMNS)


def select_sql() -> tuple[str, list[object]]:
    """The select list giving the table's columns from ``events`` rows, with its parameters."""
    parts = [f"{column.value.sql} AS {column.name}" for column in COLUMNS]
    params = [param for column in COLUMNS for param in column.value.params()]
    return ", ".join(parts), params


def row_from_stored(stored: Stored) -> dict[str, Any]:
    """One table row from an event's stored columns and its article's title, URL and outlet."""
    return {column.name: column.value(stored) for column in COLUMNS}


def stored_of(
    event: Event, article: Article | None = None, coder_version: str | None = None
) -> dict[str, Any]:
    """What the store would hold for ``event`` (its columns) plus the article's fields."""
    stored = {column.name: column.value(event) for column in EVENT_COLUMNS}
    stored["coder_version"] = coder_version
    stored.update(
        article_title=article.title if article else None,
        article_url=article.url if article else None,
        article_outlet=article.outlet if article else None,
    )
    return stored


def event_row(
    event: Event, article: Article | None = None, coder_version: str | None = None
) -> dict[str, Any]:
    """The table row of an event that has not been stored (``lagebild extract``); pass the
    document's ``coder_version`` to fill that column."""
    return row_from_stored(stored_of(event, article, coder_version))


# -- profiles --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileColumn:
    """A column of an export profile, computed from a table row."""

    name: str
    type: ColumnType
    meaning: str
    value: Callable[[Mapping[str, Any]], Any]


def _from(name: str) -> Callable[[Mapping[str, Any]], Any]:
    return lambda row: row.get(name)


def _first_day(row: Mapping[str, Any]) -> dt.date | None:
    day = row.get("event_date_earliest")
    return day if isinstance(day, dt.date) else None


def _sqldate(row: Mapping[str, Any]) -> int | None:
    day = _first_day(row)
    return int(day.strftime("%Y%m%d")) if day else None


def _month_year(row: Mapping[str, Any]) -> int | None:
    day = _first_day(row)
    return day.year * 100 + day.month if day else None


def _year(row: Mapping[str, Any]) -> int | None:
    day = _first_day(row)
    return day.year if day else None


def _fraction_date(row: Mapping[str, Any]) -> float | None:
    day = _first_day(row)
    if day is None:
        return None
    days = 366 if dt.date(day.year, 12, 31).timetuple().tm_yday == 366 else 365
    return round(day.year + (day.timetuple().tm_yday - 1) / days, 4)


def _cameo_actor(role: str) -> Callable[[Mapping[str, Any]], str | None]:
    """A CAMEO-style actor code: root and sector written together (``RUSMIL``)."""
    return lambda row: (row.get(f"{role}_code") or "").replace(".", "") or None


def _base_code(row: Mapping[str, Any]) -> str | None:
    code = row.get("cameo_code")
    return str(code)[:3] if code else None


def _geo_type(row: Mapping[str, Any]) -> int | None:
    precision = row.get("place_precision")
    return None if precision is None else 1 if precision == "country" else 4


def _one(row: Mapping[str, Any]) -> int:
    return 1


def _end_day(row: Mapping[str, Any]) -> dt.date | None:
    latest = row.get("event_date_latest")
    return latest if latest != row.get("event_date_earliest") else None


def _gdelt_actor(number: int, role: str) -> list[ProfileColumn]:
    return [
        ProfileColumn(
            f"Actor{number}Code",
            "text",
            f"`{role}_code` without the dot (CAMEO style: RUSMIL).",
            _cameo_actor(role),
        ),
        ProfileColumn(f"Actor{number}Name", "text", f"`{role}_name`.", _from(f"{role}_name")),
        ProfileColumn(
            f"Actor{number}CountryCode", "text", f"`{role}_country` (ISO alpha-3).", _from(f"{role}_country")
        ),
        ProfileColumn(f"Actor{number}KnownGroupCode", "text", f"`{role}_org`.", _from(f"{role}_org")),
        ProfileColumn(f"Actor{number}Type1Code", "text", f"`{role}_sector`.", _from(f"{role}_sector")),
    ]


GDELT_COLUMNS: tuple[ProfileColumn, ...] = (
    ProfileColumn("GLOBALEVENTID", "text", "`event_id` (text, not GDELT's integer).", _from("event_id")),
    ProfileColumn("SQLDATE", "integer", "`event_date_earliest` as YYYYMMDD.", _sqldate),
    ProfileColumn("MonthYear", "integer", "YYYYMM of `event_date_earliest`.", _month_year),
    ProfileColumn("Year", "integer", "Year of `event_date_earliest`.", _year),
    ProfileColumn(
        "FractionDate", "number", "Year plus the part of it passed at `event_date_earliest`.", _fraction_date
    ),
    *_gdelt_actor(1, "source"),
    *_gdelt_actor(2, "target"),
    ProfileColumn("EventCode", "text", "`cameo_code`.", _from("cameo_code")),
    ProfileColumn("EventBaseCode", "text", "First three digits of `cameo_code`.", _base_code),
    ProfileColumn("EventRootCode", "text", "`cameo_root`.", _from("cameo_root")),
    ProfileColumn("QuadClass", "integer", "`quad_class`.", _from("quad_class")),
    ProfileColumn("GoldsteinScale", "number", "`goldstein`.", _from("goldstein")),
    ProfileColumn("NumMentions", "integer", "1: each row is one mention in one article.", _one),
    ProfileColumn("NumSources", "integer", "1.", _one),
    ProfileColumn("NumArticles", "integer", "1.", _one),
    ProfileColumn("ActionGeo_Type", "integer", "1 for a country, 4 for a city or region.", _geo_type),
    ProfileColumn("ActionGeo_FullName", "text", "`place_name`.", _from("place_name")),
    ProfileColumn(
        "ActionGeo_CountryCode",
        "text",
        "`place_country` (ISO alpha-3, not GDELT's FIPS 10-4).",
        _from("place_country"),
    ),
    ProfileColumn("ActionGeo_Lat", "number", "`place_lat`.", _from("place_lat")),
    ProfileColumn("ActionGeo_Long", "number", "`place_lon`.", _from("place_lon")),
    ProfileColumn("SOURCEURL", "text", "`url`.", _from("url")),
)

PLOVER_COLUMNS: tuple[ProfileColumn, ...] = (
    ProfileColumn("id", "text", "`event_id`.", _from("event_id")),
    ProfileColumn("date", "date", "`event_date_earliest`.", _first_day),
    ProfileColumn("enddate", "date", "`event_date_latest` when the date is a range.", _end_day),
    ProfileColumn("event", "text", "`plover_type`.", _from("plover_type")),
    ProfileColumn("mode", "text", "`plover_mode`.", _from("plover_mode")),
    ProfileColumn("context", "text", "`plover_context`.", _from("plover_context")),
    ProfileColumn("quad_code", "integer", "`quad_class`.", _from("quad_class")),
    ProfileColumn("event_scale", "number", "`plover_score`.", _from("plover_score")),
    ProfileColumn("source_code", "text", "`source_root`.", _from("source_root")),
    ProfileColumn("source_sector", "text", "`source_sector`.", _from("source_sector")),
    ProfileColumn("source_actor_text", "text", "`source_text`.", _from("source_text")),
    ProfileColumn("recipient_code", "text", "`target_root`.", _from("target_root")),
    ProfileColumn("recipient_sector", "text", "`target_sector`.", _from("target_sector")),
    ProfileColumn("recipient_actor_text", "text", "`target_text`.", _from("target_text")),
    ProfileColumn("event_loc_name", "text", "`place_name`.", _from("place_name")),
    ProfileColumn("event_loc_latitude", "number", "`place_lat`.", _from("place_lat")),
    ProfileColumn("event_loc_longitude", "number", "`place_lon`.", _from("place_lon")),
    ProfileColumn("event_loc_cc3", "text", "`place_country`.", _from("place_country")),
    ProfileColumn("event_text", "text", "`trigger`.", _from("trigger")),
    ProfileColumn("text", "text", "`evidence_text`.", _from("evidence_text")),
    ProfileColumn("url", "text", "`url`.", _from("url")),
    ProfileColumn("title", "text", "`title`.", _from("title")),
    ProfileColumn("language", "text", "`language`.", _from("language")),
    ProfileColumn("publication", "text", "`outlet`.", _from("outlet")),
)

PROFILES: dict[str, tuple[ProfileColumn, ...] | None] = {
    "lagebild": None,
    "gdelt": GDELT_COLUMNS,
    "plover": PLOVER_COLUMNS,
}
"""Export profiles: ``lagebild`` is the table itself; the others re-label its rows."""


def check_profile(name: str) -> str:
    """Return a known profile name or raise ``ValueError``."""
    if name not in PROFILES:
        raise ValueError(f"unknown profile {name!r}; use one of {', '.join(PROFILES)}")
    return name


def profile_types(profile: str) -> list[tuple[str, ColumnType]]:
    """Column names and types of a profile, in order."""
    columns = PROFILES[check_profile(profile)]
    if columns is None:
        return [(column.name, column.type) for column in COLUMNS]
    return [(column.name, column.type) for column in columns]


def in_profile(rows: Iterable[Mapping[str, Any]], profile: str) -> Iterable[dict[str, Any]]:
    """Rows of the table re-labelled for an export profile."""
    columns = PROFILES[check_profile(profile)]
    if columns is None:
        return (row if isinstance(row, dict) else dict(row) for row in rows)
    return ({column.name: column.value(row) for column in columns} for row in rows)


def text_columns(profile: str = "lagebild") -> list[str]:
    """The text columns of a profile, for readers that would guess types (``pandas.read_csv(dtype=...)``)."""
    return [name for name, kind in profile_types(profile) if kind == "text"]


# -- documentation ---------------------------------------------------------------------------


def codebook_table(columns: Sequence[TableColumn] = COLUMNS) -> str:
    """The Markdown table of docs/CODEBOOK.md: every column with type, meaning, example, derivation."""
    lines = ["| column | type | meaning | example | derived from |", "|---|---|---|---|---|"]
    for column in columns:
        example = f"`{column.example}`" if column.example else ""
        cells = (f"`{column.name}`", column.type, column.meaning, example, column.derived)
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines)


def profile_table(profile: str) -> str:
    """The Markdown table of one export profile's columns."""
    columns = PROFILES[check_profile(profile)] or ()
    lines = ["| column | type | from the table |", "|---|---|---|"]
    lines += [f"| `{c.name}` | {c.type} | {c.meaning.replace('|', chr(92) + '|')} |" for c in columns]
    return "\n".join(lines)


__all__ = [
    "COLUMNS",
    "COLUMN_NAMES",
    "PROFILES",
    "TableColumn",
    "codebook_table",
    "event_row",
    "in_profile",
    "place_precision",
    "profile_types",
    "row_from_stored",
    "stored_of",
    "text_columns",
]
