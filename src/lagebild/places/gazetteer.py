"""Find place names in text and resolve them to coordinates and countries.

The gazetteer joins three kinds of data:

- ``data/places.tsv`` (generated from GeoNames): cities and countries with coordinates;
- ``data/places_regions.toml`` (curated): regions and areas that are not cities (Krim, Donbass);
- ``lang/<code>/places_names.tsv`` (generated) and ``lang/<code>/places.toml`` (curated): the
  names each place goes by in a language, and the rules for matching them.

All names are compiled into one Aho-Corasick automaton, matched case-sensitively; a match
counts only at word boundaries. Names that are also common words (Essen, Lage, Reading) are
matched only right after a cue word such as "in" or "nach". An ambiguous name resolves to the
candidate in the most salient country of the article, else to a country before a region before
a city, else to the most populous.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ahocorasick

from lagebild.datafiles import (
    DataFileError,
    FieldSpec,
    iter_tsv,
    load_toml,
    package_path,
    user_files,
    validate_record,
)
from lagebild.model import Mention, Place, Sentence

PLACE_COLUMNS = ("id", "kind", "name", "country", "lat", "lon", "population")
NAME_COLUMNS = ("id", "names")
USER_COLUMNS = ("name", "names", "kind", "country", "lat", "lon", "population")
KINDS = ("country", "region", "sea", "city", "continent", "place")
# A candidate in one of the article's countries wins over a bigger city elsewhere unless that
# city is more than this many times as populous: an article about the USA that names "Paris"
# still means Paris, France, not Paris, Texas.
SALIENCE_POPULATION_RATIO = 50
# A name inflected with a suffix ("Moskaus") is matched only for places at least this big: short
# town names plus "s" too often make ordinary words ("Mau" + s = "Maus").
SUFFIX_MIN_POPULATION = 100_000
_WORD_BEFORE = re.compile(r"(\w+)[ \t\u00a0]+$")
_CAPITALISED_NEXT = re.compile(r"[ \t\u00a0]+([^\W\d_])")

_STRINGS = FieldSpec((list,))
_MATCHING_SCHEMA = {
    "suffixes": _STRINGS,
    "no_suffix_after": _STRINGS,
    "cues": _STRINGS,
    "cue_only": _STRINGS,
    "never": _STRINGS,
}
_ALIAS_SCHEMA = {
    "place": FieldSpec((str,)),
    "city": FieldSpec((str,)),
    "country": FieldSpec((str,)),
    "names": FieldSpec((list,), required=True),
    "note": FieldSpec((str,)),
}
_PLACE_SCHEMA = {
    "id": FieldSpec((str,)),
    "name": FieldSpec((str,), required=True),
    "kind": FieldSpec((str,), required=True),
    "country": FieldSpec((str,)),
    "lat": FieldSpec((float, int), required=True),
    "lon": FieldSpec((float, int), required=True),
    "population": FieldSpec((int,)),
    "names": FieldSpec((list,)),
    "note": FieldSpec((str,)),
}
_LANGUAGE_KEYS = {"meta", "matching", "alias"}
_USER_KEYS = {"meta", "place", "alias"}


@dataclass(frozen=True)
class PlaceRecord:
    """One entry of the gazetteer: where a place is and how big it is."""

    id: str
    kind: str
    name: str
    country: str | None
    lat: float
    lon: float
    population: int = 0

    def to_place(self, text: str = "", start: int | None = None, end: int | None = None) -> Place:
        """Return the pipeline's ``Place`` record for this entry, optionally anchored in text."""
        return Place(
            name=self.name, country=self.country, lat=self.lat, lon=self.lon,
            text=text, start=start, end=end, kind=self.kind,
        )


@dataclass(frozen=True)
class MatchingRules:
    """How one language's place names are matched."""

    suffixes: tuple[str, ...] = ()
    no_suffix_after: tuple[str, ...] = ()
    cues: frozenset[str] = frozenset()
    cue_only: frozenset[str] = frozenset()
    never: frozenset[str] = frozenset()


@dataclass
class _Index:
    """Mutable state while a gazetteer is being assembled."""

    records: dict[str, PlaceRecord] = field(default_factory=dict)
    names: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # surface -> ids
    by_city: dict[tuple[str, str], str] = field(default_factory=dict)  # (name, ISO3) -> biggest id

    def add_record(self, record: PlaceRecord) -> None:
        """Add a place; cities are also indexed by (English name, country) for aliases."""
        self.records[record.id] = record
        key = (record.name, record.country or "")
        known = self.by_city.get(key)
        if known is None or self.records[known].population < record.population:
            self.by_city[key] = record.id


class Gazetteer:
    """Place names of one language, compiled for fast matching."""

    def __init__(self, language: str, records: dict[str, PlaceRecord], names: dict[str, set[str]],
                 rules: MatchingRules) -> None:
        """Build the matcher; prefer ``load_gazetteer`` over calling this directly."""
        self.language = language
        self.rules = rules
        self._records = records
        self._candidates: dict[str, tuple[PlaceRecord, ...]] = {
            surface: tuple(sorted((records[i] for i in ids), key=_default_rank))
            for surface, ids in names.items()
            if surface not in rules.never
        }
        # One-word city names followed by a capitalised word are usually first names ("Martin
        # Schulz", "David Cameron"); such a match needs a cue word before it.
        self._name_like = frozenset(
            surface for surface, found in self._candidates.items()
            if " " not in surface and all(record.kind == "city" for record in found)
        )
        self._automaton = self._compile()

    def __len__(self) -> int:
        """The number of places known."""
        return len(self._records)

    def _compile(self) -> Any:
        """Compile every surface form, with its inflected forms, into one automaton."""
        automaton = ahocorasick.Automaton()
        for surface in self._candidates:
            automaton.add_word(surface, (len(surface), surface, False))
        for surface, found in self._candidates.items():
            if surface.endswith(self.rules.no_suffix_after) or not any(map(_takes_suffix, found)):
                continue
            for suffix in self.rules.suffixes:
                inflected = surface + suffix
                if inflected not in self._candidates:
                    automaton.add_word(inflected, (len(inflected), surface, True))
        automaton.make_automaton()
        return automaton

    def lookup(self, name: str, countries: Sequence[str] = ()) -> list[Place]:
        """Return the places called ``name`` (exact surface form), best first."""
        candidates = self._candidates.get(name, ())
        return [record.to_place(text=name) for record in rank(candidates, countries)]

    def find(self, text: str, sentences: Sequence[Sentence], countries: Sequence[str] = ()) -> list[Mention]:
        """Return a place mention for every place name in ``text``, resolved for the article.

        ``countries`` are the ISO3 codes the article is about, most salient first; they settle
        ambiguous names. A mention's ``sentence`` is the index of the sentence containing it
        (-1 when no sentence covers it).
        """
        if not self._candidates:
            return []
        starts = [sentence.start for sentence in sentences]
        mentions: list[Mention] = []
        for last, (length, surface, inflected) in self._automaton.iter_long(text):
            start, end = last - length + 1, last + 1
            if not self._accept(text, start, end, surface, inflected):
                continue
            best = rank(self._candidates[surface], countries)[0]
            found = text[start:end]
            mentions.append(Mention(
                kind="place", start=start, end=end, text=found,
                sentence=_sentence_index(sentences, starts, start),
                place=best.to_place(text=found, start=start, end=end),
            ))
        return mentions

    def _accept(self, text: str, start: int, end: int, surface: str, inflected: bool) -> bool:
        """Whether a raw match is a whole word and, for common-word names, follows a cue.

        An inflected form ("Berlins Bürgermeister") is no first name, so the first-name check
        is skipped for it.
        """
        if start > 0 and text[start - 1].isalnum():
            return False
        if end < len(text) and text[end].isalnum():
            return False
        needs_cue = surface in self.rules.cue_only
        if not needs_cue and not inflected and surface in self._name_like:
            following = _CAPITALISED_NEXT.match(text, end)
            needs_cue = following is not None and following.group(1).isupper()
        return not needs_cue or self._after_cue(text, start)

    def _after_cue(self, text: str, start: int) -> bool:
        """Whether the word right before ``start`` is one of the language's cue words."""
        before = _WORD_BEFORE.search(text, max(0, start - 40), start)
        return before is not None and before.group(1) in self.rules.cues


def _takes_suffix(record: PlaceRecord) -> bool:
    """Whether inflected forms of this place's names are matched (see SUFFIX_MIN_POPULATION)."""
    return record.kind != "city" or record.population >= SUFFIX_MIN_POPULATION


def _sentence_index(sentences: Sequence[Sentence], starts: list[int], position: int) -> int:
    """The index of the sentence that contains ``position``, or -1."""
    slot = bisect.bisect_right(starts, position) - 1
    if slot >= 0 and position < sentences[slot].end:
        return sentences[slot].index
    return -1


def _default_rank(record: PlaceRecord) -> tuple[int, int, str]:
    """Rank without article context: countries, then regions, then cities; bigger first."""
    kind = KINDS.index(record.kind) if record.kind in KINDS else len(KINDS)
    return (kind, -record.population, record.id)


def rank(candidates: Sequence[PlaceRecord], countries: Sequence[str]) -> list[PlaceRecord]:
    """Order candidates for one name: those in the article's salient countries first, then by
    default rank (so of namesakes in two salient countries the bigger comes first: "Russia blamed
    Ukraine for shelling Donetsk" is the Ukrainian city, not the Russian town).

    A city in an article country is preferred only when it is not dwarfed by a namesake
    (see ``SALIENCE_POPULATION_RATIO``).
    """
    if len(candidates) < 2 or not countries:
        return list(candidates)
    biggest = max(record.population for record in candidates)
    salient = set(countries)

    def key(record: PlaceRecord) -> tuple[int, tuple[int, int, str]]:
        dwarfed = record.kind == "city" and record.population * SALIENCE_POPULATION_RATIO < biggest
        return (0 if record.country in salient and not dwarfed else 1, _default_rank(record))

    return sorted(candidates, key=key)


def load_gazetteer(language: str, extra: Sequence[Path] = ()) -> Gazetteer:
    """Load the shipped places and names of ``language`` plus the user's place files.

    ``extra`` are files or folders (the user data of ``--data``); of them, the files named
    ``places*.toml`` or ``places*.tsv`` are read, and with a language tag (``places_en.toml``)
    only for that language. A TOML file has ``[[place]]`` and ``[[alias]]`` tables as in the
    shipped files; a TSV file the columns ``name, names, kind, country, lat, lon, population``.
    Every error names the file; a path that does not exist is an error too.
    """
    for path in extra:
        if not Path(path).exists():
            raise DataFileError(f"{path}: no such file or folder")
    paths = user_files([Path(path) for path in extra], "places", language)
    index = _Index()
    for record in _read_places(package_path("data", "places.tsv")):
        index.add_record(record)
    _add_place_tables(index, package_path("data", "places_regions.toml"), prefix="region")
    for row in iter_tsv(package_path("lang", language, "places_names.tsv"), NAME_COLUMNS, NAME_COLUMNS):
        for surface in row["names"].split("|"):
            index.names[surface].add(row["id"])
    language_file = package_path("lang", language, "places.toml")
    rules = _add_language_file(index, language_file)
    for path in paths:
        _add_user_file(index, path)
    return Gazetteer(language, index.records, index.names, rules)


def _read_places(path: Path) -> Iterable[PlaceRecord]:
    """Read the generated place table."""
    for number, row in enumerate(iter_tsv(path, PLACE_COLUMNS, PLACE_COLUMNS), start=2):
        yield _record(row["id"], row["kind"], row["name"], row["country"], row["lat"], row["lon"],
                      row["population"], f"{path}: row {number}")


def _record(place_id: str, kind: str, name: str, country: str | None, lat: object, lon: object,
            population: object, where: str) -> PlaceRecord:
    """Build a validated record; coordinates and codes are checked, errors name ``where``."""
    if kind not in KINDS:
        raise DataFileError(f"{where}: kind must be one of {list(KINDS)}, got {kind!r}")
    if country and (len(country) != 3 or not country.isupper()):
        raise DataFileError(f"{where}: country must be an ISO 3166 alpha-3 code, got {country!r}")
    try:
        latitude, longitude = float(str(lat)), float(str(lon))
        people = int(str(population or 0))
    except ValueError as exc:
        raise DataFileError(f"{where}: {exc}") from exc
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise DataFileError(f"{where}: coordinates out of range ({latitude}, {longitude})")
    return PlaceRecord(place_id, kind, name, country or None, latitude, longitude, people)


def _add_place_tables(index: _Index, path: Path, prefix: str) -> None:
    """Add the ``[[place]]`` tables of a TOML file (curated regions or a user's places)."""
    document = _read_toml(path, _USER_KEYS)
    for number, entry in enumerate(document.get("place", []), start=1):
        where = f"{path}: place #{number}"
        validate_record(entry, _PLACE_SCHEMA, where)
        place_id = entry.get("id") or f"{prefix}:{path.stem}:{number}"
        if not place_id.startswith(f"{prefix}:"):
            place_id = f"{prefix}:{place_id}"
        index.add_record(_record(place_id, entry["kind"], entry["name"], entry.get("country"), entry["lat"],
                                 entry["lon"], entry.get("population", 0), where))
        # A user's place is found by its name too; shipped regions get their names per language.
        surfaces = entry.get("names", []) + ([entry["name"]] if prefix == "user" else [])
        for surface in _strings(surfaces, where):
            index.names[surface].add(place_id)
    _add_aliases(index, path, document.get("alias", []))


def _read_toml(path: Path, allowed: set[str]) -> dict[str, Any]:
    """Read a TOML file and reject unknown top-level keys, naming the file."""
    document = load_toml(path)
    unknown = set(document) - allowed
    if unknown:
        raise DataFileError(f"{path}: unknown top-level key(s) {sorted(unknown)}; allowed: {sorted(allowed)}")
    for key in allowed - {"meta", "matching"}:
        if not isinstance(document.get(key, []), list):
            raise DataFileError(f"{path}: {key!r} must be an array of tables ([[{key}]])")
    return document


def _add_aliases(index: _Index, path: Path, aliases: list[dict[str, Any]]) -> None:
    """Attach extra names to known places, addressed by id or by (city name, country)."""
    for number, alias in enumerate(aliases, start=1):
        where = f"{path}: alias #{number}"
        validate_record(alias, _ALIAS_SCHEMA, where)
        place_id = alias.get("place")
        if place_id is None:
            if "city" not in alias or "country" not in alias:
                raise DataFileError(f"{where}: needs 'place' or both 'city' and 'country'")
            place_id = index.by_city.get((alias["city"], alias["country"]))
            if place_id is None:
                raise DataFileError(f"{where}: no place {alias['city']!r} in {alias['country']}")
        elif place_id not in index.records:
            raise DataFileError(f"{where}: unknown place id {place_id!r}")
        for surface in _strings(alias["names"], where):
            index.names[surface].add(place_id)


def _strings(values: list[Any], where: str) -> list[str]:
    """Check that a list holds non-empty strings."""
    if not all(isinstance(value, str) and value.strip() for value in values):
        raise DataFileError(f"{where}: names must be non-empty strings")
    return [value.strip() for value in values]


def _add_language_file(index: _Index, path: Path) -> MatchingRules:
    """Read a language's matching rules and curated names."""
    document = _read_toml(path, _LANGUAGE_KEYS)
    matching = document.get("matching", {})
    validate_record(matching, _MATCHING_SCHEMA, f"{path}: [matching]")
    _add_aliases(index, path, document.get("alias", []))
    lists = {
        key: tuple(_strings(matching.get(key, []), f"{path}: [matching] {key}")) for key in _MATCHING_SCHEMA
    }
    return MatchingRules(
        suffixes=lists["suffixes"],
        no_suffix_after=lists["no_suffix_after"],
        cues=frozenset(lists["cues"]),
        cue_only=frozenset(lists["cue_only"]),
        never=frozenset(lists["never"]),
    )


def _add_user_file(index: _Index, path: Path) -> None:
    """Add a user's own places (TOML or TSV)."""
    if path.suffix == ".toml":
        _add_place_tables(index, path, prefix="user")
        return
    for number, row in enumerate(iter_tsv(path, USER_COLUMNS, ("name", "kind", "lat", "lon")), start=2):
        where = f"{path}: row {number}"
        place_id = f"user:{path.stem}:{number}"
        index.add_record(_record(place_id, row["kind"], row["name"], row["country"], row["lat"], row["lon"],
                                 row["population"], where))
        for surface in [row["name"], *row["names"].split("|")]:
            if surface.strip():
                index.names[surface.strip()].add(place_id)
