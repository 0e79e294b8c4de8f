"""What people type into filters, and the codes it stands for.

Analysts type "Russland", "DE", "Putin", "Kreml" or "fight" where the store holds ``RUS``,
``DEU``, ``RUS`` + the names of Putin, ``RUS.GOV`` and ``ASSAULT``. This module reads the
package's own knowledge once (the actor lexicon's data files, read, never changed, and the event
code tables) into look-up tables from a typed name to its meaning:

- countries: ISO 3166 alpha-3 and alpha-2 codes, German and English names (``countries.tsv``,
  pycountry);
- actors: root codes, country names, organisations, parties and armed groups with their names
  and abbreviations, office holders with their aliases, capitals and seats of government
  (``Kreml`` is the Russian government), adjectives and demonyms;
- event types: PLOVER types with their old names, CAMEO codes and the names of CAMEO codes;
- languages: ISO 639-1 codes and English names (``languages.toml``, pycountry).

Names are compared without case, accents and repeated blanks (``key``). When one name has
several meanings the most specific kind wins (a code before a country name before an
organisation before a person before a capital before an adjective); meanings of the same kind
that differ make the name ambiguous, and the caller says so.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from lagebild.actors.lexicon import ACTOR_LISTS, COUNTRY_COLUMNS, read_actor_list
from lagebild.actors.office_holders import load_office_holders
from lagebild.datafiles import iter_tsv, load_toml, package_path
from lagebild.events.codes import load_event_codes
from lagebild.store.base import ActorCode

_BLANKS = re.compile(r"[\s_]+")
_COMBINING = re.compile("[\u0300-\u036f]")

ACTOR_KIND_ORDER: tuple[str, ...] = (
    "code",
    "country",
    "organisation",
    "person",
    "capital",
    "seat",
    "adjective",
    "demonym",
)
"""Which meaning of a name wins when it has several (earlier first)."""


def key(text: str) -> str:
    """The form names are compared in: case-folded, accents dropped, blanks and ``_`` as one space."""
    folded = text.casefold()
    if not folded.isascii():
        folded = _COMBINING.sub("", unicodedata.normalize("NFKD", folded))
    return _BLANKS.sub(" ", folded).strip()


@dataclass(frozen=True)
class ActorMeaning:
    """One thing an actor name may stand for."""

    kind: str
    root: str
    sector: str | None = None
    names: tuple[str, ...] = ()
    label: str = ""
    roots: tuple[str, ...] = ()

    def code(self) -> ActorCode:
        """The actor code a filter matches."""
        return ActorCode(self.root, self.sector, self.names, self.describe())

    def describe(self) -> str:
        """In words, with the code: "the person Vladimir Putin (RUS)"."""
        code = f"{self.root}.{self.sector}" if self.sector else self.root
        if self.kind == "person":
            return f"the person {self.label} ({code or ', '.join(self.roots)})"
        if self.kind in ("capital", "seat"):
            return f"{self.label}, the government of {code} ({code})"
        return f"{self.label} ({code})" if self.label and self.label != code else code


@dataclass(frozen=True)
class TypeMeaning:
    """What an event-type name stands for: PLOVER types (any of them) or a CAMEO code prefix."""

    plover: tuple[str, ...] = ()
    cameo: str | None = None
    label: str = ""

    def filter_value(self) -> str | tuple[str, ...]:
        """The value of ``EventFilter.type``."""
        return self.cameo if self.cameo is not None else self.plover


@dataclass
class Vocabulary:
    """Look-up tables from typed names (their ``key``) to meanings."""

    actors: dict[str, list[ActorMeaning]] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)
    types: dict[str, TypeMeaning] = field(default_factory=dict)
    cameo_names: dict[str, str] = field(default_factory=dict)
    languages: dict[str, str] = field(default_factory=dict)
    shown: dict[str, str] = field(default_factory=dict)

    def add_actor(self, form: str, meaning: ActorMeaning) -> None:
        """Let ``form`` stand for ``meaning`` (duplicates are kept once)."""
        name = key(form)
        if not name:
            return
        found = self.actors.setdefault(name, [])
        if meaning not in found:
            found.append(meaning)
        self.shown.setdefault(name, form)

    def add_country(self, form: str, iso3: str) -> None:
        """Let ``form`` name the country ``iso3`` (the first meaning of a form is kept)."""
        name = key(form)
        if name:
            self.countries.setdefault(name, iso3)
            self.shown.setdefault(name, form)

    def actor_meanings(self, text: str) -> list[ActorMeaning]:
        """The meanings of the most specific kind that ``text`` has, or none."""
        found = self.actors.get(key(text), [])
        for kind in ACTOR_KIND_ORDER:
            same = [meaning for meaning in found if meaning.kind == kind]
            if same:
                return _merge_persons(same) if kind == "person" else _distinct_codes(same)
        return []

    def code_label(self, code: str) -> str | None:
        """The name of a root code (``RUS`` → Russia, ``NATO`` → North Atlantic Treaty Organization)."""
        for meaning in self.actors.get(key(code), []):
            if meaning.kind == "code" and meaning.root == code.upper():
                return meaning.label or None
        return None

    def type_name(self, name: str) -> str:
        """The current PLOVER name of a stored type (``DISAPPROVE`` → ``ACCUSE``); others as they are."""
        meaning = self.types.get(key(name))
        return meaning.plover[0] if meaning is not None and meaning.plover else name

    def country_label(self, iso3: str) -> str:
        """The English name of a country code, or the code."""
        return self.country_names.get(iso3, iso3)

    def suggest(self, text: str, table: Iterable[str], limit: int = 3) -> list[str]:
        """Known names close to ``text`` (in the spelling they were read in)."""
        close = difflib.get_close_matches(key(text), list(table), n=limit, cutoff=0.72)
        return [self.shown.get(name, name) for name in close]


def _distinct_codes(meanings: list[ActorMeaning]) -> list[ActorMeaning]:
    """One meaning per code: KFOR and NATO itself are both ``NATO`` to a filter (the first label stays)."""
    seen: dict[tuple[str, str | None], ActorMeaning] = {}
    for meaning in meanings:
        seen.setdefault((meaning.root, meaning.sector), meaning)
    return list(seen.values())


def _merge_persons(meanings: list[ActorMeaning]) -> list[ActorMeaning]:
    """Several people known by one alias ("Bush") under one root are one filter: any of their names."""
    roots = {meaning.root for meaning in meanings}
    if len(meanings) == 1 or len(roots) > 1 or "" in roots:
        return meanings
    names = tuple(dict.fromkeys(name for meaning in meanings for name in meaning.names))
    label = " or ".join(dict.fromkeys(meaning.label for meaning in meanings))
    return [ActorMeaning("person", meanings[0].root, None, names, label, meanings[0].roots)]


@lru_cache(maxsize=1)
def load_vocabulary() -> Vocabulary:
    """Read the package's data into a ``Vocabulary`` (once per process; about 0.3 s)."""
    vocabulary = Vocabulary()
    _add_countries(vocabulary)
    _add_organisations(vocabulary)
    _add_actor_lists(vocabulary)
    _add_national_bodies(vocabulary)
    _add_persons(vocabulary)
    _add_types(vocabulary)
    _add_languages(vocabulary)
    return vocabulary


def _add_countries(vocabulary: Vocabulary) -> None:
    """Codes, names, capitals, seats, adjectives and demonyms of ``countries.tsv``; ISO2 from pycountry."""
    import pycountry

    kinds = {
        "name": "country",
        "name_gen": "country",
        "capital": "capital",
        "capital_gen": "capital",
        "seat": "seat",
        "adjective": "adjective",
        "adjective_stem": "adjective",
        "demonym": "demonym",
    }
    rows = list(
        iter_tsv(package_path("data", "countries.tsv"), COUNTRY_COLUMNS, ("iso3", "lang", "kind", "form"))
    )
    for row in rows:
        if row["lang"] == "en" and row["kind"] == "name":
            vocabulary.country_names.setdefault(row["iso3"], row["form"])
    for row in rows:
        iso3, kind = row["iso3"], kinds.get(row["kind"])
        if kind is None:
            continue
        label = vocabulary.country_label(iso3)
        vocabulary.add_actor(iso3, ActorMeaning("code", iso3, None, (), label))
        vocabulary.add_country(iso3, iso3)
        if kind == "country":
            vocabulary.add_country(row["form"], iso3)
            vocabulary.add_actor(row["form"], ActorMeaning("country", iso3, None, (), label))
        elif kind in ("capital", "seat"):
            meaning = ActorMeaning(kind, iso3, row["sector"] or "GOV", (), row["form"])
            vocabulary.add_actor(row["form"], meaning)
        else:
            vocabulary.add_actor(row["form"], ActorMeaning(kind, iso3, None, (), label))
    for country in pycountry.countries:
        iso3 = country.alpha_3
        label = vocabulary.country_names.setdefault(iso3, country.name)
        vocabulary.add_country(iso3, iso3)
        vocabulary.add_actor(iso3, ActorMeaning("code", iso3, None, (), label))
        for form in (country.alpha_2, country.name, *_optional_names(country)):
            vocabulary.add_country(form, iso3)
            vocabulary.add_actor(form, ActorMeaning("country", iso3, None, (), label))


def _optional_names(record: Any) -> list[str]:
    """pycountry's official and common names, where a record has them."""
    return [str(getattr(record, name)) for name in ("official_name", "common_name") if hasattr(record, name)]


def _add_organisations(vocabulary: Vocabulary) -> None:
    """International organisations and NGOs of ``organisations.toml`` (not their context names)."""
    for record in load_toml(package_path("data", "organisations.toml")).get("organisation", []):
        code, name = str(record["code"]), str(record["name"])
        meaning = ActorMeaning("organisation", code, None, (), name)
        vocabulary.add_actor(code, ActorMeaning("code", code, None, (), name))
        for form in (name, *(form for forms in record["names"].values() for form in forms)):
            vocabulary.add_actor(form, meaning)


def _add_actor_lists(vocabulary: Vocabulary) -> None:
    """Organisations, parties and armed groups; a national body without its own code is country + sector."""
    for list_name in ACTOR_LISTS:
        for actor in read_actor_list(package_path("data", list_name)):
            if actor.code:
                meaning = ActorMeaning("organisation", actor.code, None, (), actor.name)
                vocabulary.add_actor(actor.code, ActorMeaning("code", actor.code, None, (), actor.name))
            elif actor.country:
                meaning = ActorMeaning("organisation", actor.country, actor.sector, (), actor.name)
            else:
                continue
            for form in (actor.name, *(form for forms in actor.forms.values() for form in forms)):
                vocabulary.add_actor(form, meaning)


def _add_national_bodies(vocabulary: Vocabulary) -> None:
    """Role nouns that name one country's body (Bundeswehr, Bundestag, Pentagon): country + sector."""
    for language in ("de", "en"):
        for record in load_toml(package_path("lang", language, "actors_roles.toml")).get("role", []):
            country, sector = record.get("country"), record.get("sector")
            if not country or record.get("org") or record.get("person"):
                continue
            meaning = ActorMeaning("organisation", str(country), sector, (), str(record["forms"][0]))
            for form in record["forms"]:
                vocabulary.add_actor(str(form), meaning)


def _add_persons(vocabulary: Vocabulary) -> None:
    """Office holders by name and alias; a person matches by root and by any of their names.

    A person with offices under several roots (a prime minister who became NATO's secretary
    general) matches by name alone.
    """
    forms: dict[str, list[str]] = {}
    roots: dict[str, set[str]] = {}
    for term in load_office_holders():
        root = term.org or term.country
        if root:
            forms.setdefault(term.name, []).extend((term.name, *term.aliases))
            roots.setdefault(term.name, set()).add(root)
    for name, names in forms.items():
        unique = tuple(dict.fromkeys(names))
        person_roots = roots[name]
        root = next(iter(person_roots)) if len(person_roots) == 1 else ""
        meaning = ActorMeaning("person", root, None, unique, name, tuple(sorted(person_roots)))
        for form in unique:
            vocabulary.add_actor(form, meaning)


def _add_types(vocabulary: Vocabulary) -> None:
    """PLOVER types and their old names, CAMEO code names (PLOVER wins a name both use)."""
    codes = load_event_codes()
    for info in codes:
        vocabulary.cameo_names[info.cameo] = info.name
        label = f"CAMEO {info.cameo} ({info.name})"
        vocabulary.types.setdefault(key(info.name), TypeMeaning(cameo=info.cameo, label=label))
        vocabulary.shown.setdefault(key(info.name), info.name)
    for plover in codes.plover_types.values():
        group = (plover.name, *plover.aliases)
        for name in group:
            label = f"PLOVER {plover.name}" + (f" ({name} is its old name)" if name != plover.name else "")
            vocabulary.types[key(name)] = TypeMeaning(plover=group, label=label)
            vocabulary.shown[key(name)] = name


def _add_languages(vocabulary: Vocabulary) -> None:
    """Language codes with their English names (``german``, ``GERMAN``)."""
    import pycountry

    for record in load_toml(package_path("data", "languages.toml")).get("language", []):
        code = str(record["code"])
        vocabulary.languages[key(code)] = code
        vocabulary.languages[key(str(record["lingua"]))] = code
        language = pycountry.languages.get(alpha_2=code)
        if language is not None:
            vocabulary.languages.setdefault(key(language.name), code)


__all__ = ["ActorMeaning", "TypeMeaning", "Vocabulary", "key", "load_vocabulary"]
