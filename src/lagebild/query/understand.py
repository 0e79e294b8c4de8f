"""Event filters as people type them, read into an ``EventFilter`` of codes.

One reader serves the CLI, the HTTP API and the dashboard, so ``--country Deutschland``,
``?country=DE`` and the dashboard's country field mean the same. Each value is read as
described in docs/API.md ("Event filters"): countries by ISO code or German/English name;
actors by code, name or alias; event types by PLOVER or CAMEO name or CAMEO code. A value that
cannot be read is a ``FilterError`` naming the parameter, with close known names ("did you
mean"); a backwards date range is one too. What a name was read as is kept in ``notes``
("actor 'Putin': the person Vladimir Putin (RUS)"), so front ends can show it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from lagebild.dates import DateError, parse_calendar_date
from lagebild.query.vocabulary import Vocabulary, key, load_vocabulary
from lagebild.store.base import MODALITIES, NONE_VALUE, PRECISIONS, SORT_KEYS, ActorCode, EventFilter

FILTER_FIELDS: tuple[str, ...] = (
    "actor",
    "source",
    "target",
    "country",
    "type",
    "quad_class",
    "modality",
    "since",
    "until",
    "text",
    "language",
    "outlet",
    "attribution",
    "place",
    "precision",
    "article",
    "sort",
)
"""The filter parameters, the same in the CLI (``--quad-class``), the API and the dashboard."""

MAX_TEXT = 200
QUAD_CLASSES: dict[str, int] = {
    "verbal cooperation": 1,
    "material cooperation": 2,
    "verbal conflict": 3,
    "material conflict": 4,
}
_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{1,19}(?:\.[A-Za-z][A-Za-z0-9_]{1,9})?$")
_CAMEO = re.compile(r"^\d{1,4}$")
PRECISION_ALIASES = {"undated": "none", "exact": "day"}

Values = Mapping[str, str | Sequence[str] | None]


class FilterError(ValueError):
    """A filter value that cannot be read; ``parameter`` names it, ``suggestions`` are close known values."""

    def __init__(self, parameter: str, message: str, suggestions: Sequence[str] = ()) -> None:
        hint = f"; did you mean {_either(suggestions)}?" if suggestions else ""
        super().__init__(f"{parameter}: {message}{hint}")
        self.parameter = parameter
        self.message = message
        self.suggestions = list(suggestions)


def _either(options: Sequence[str]) -> str:
    quoted = [repr(option) for option in options]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


@dataclass(frozen=True)
class Understood:
    """A filter read from typed values, with what each name was read as."""

    filter: EventFilter
    notes: tuple[str, ...] = ()
    values: dict[str, list[str]] = field(default_factory=dict)


class FilterReader:
    """Reads typed filter values; ``known_roots`` gives the actor codes a store holds.

    Codes found in the store are taken as they are (a user's own actor codes, or codes the
    built-in data do not list); everything else is looked up in the package's vocabulary, which
    is loaded on first need.
    """

    def __init__(
        self,
        known_roots: Callable[[], Iterable[str]] = frozenset,
        vocabulary: Callable[[], Vocabulary] = load_vocabulary,
    ) -> None:
        self._known_roots = known_roots
        self._vocabulary = vocabulary
        self._roots: frozenset[str] | None = None

    def roots(self) -> frozenset[str]:
        """The actor root codes of the store, upper-cased (read once)."""
        if self._roots is None:
            self._roots = frozenset(root.upper() for root in self._known_roots() if root)
        return self._roots

    def read(self, values: Values) -> Understood:
        """Read every filter parameter in ``values`` (unknown keys are ignored; empty means "not given")."""
        given = {name: _listed(values.get(name)) for name in FILTER_FIELDS}
        given = {name: items for name, items in given.items() if items}
        notes: list[str] = []
        fields: dict[str, Any] = {}
        for name, items in given.items():
            if name not in ("actor",) and len(items) > 1:
                raise FilterError(name, f"give one value, not {len(items)}")
        if "actor" in given:
            if len(given["actor"]) > 2:
                raise FilterError("actor", "give one actor, or two for the events between them")
            fields["actor"] = tuple(self.actor(item, "actor", notes) for item in given["actor"])
        for role in ("source", "target"):
            if role in given:
                fields[role] = self.actor(given[role][0], role, notes)
        single = {name: items[0] for name, items in given.items()}
        if "country" in single:
            fields["country"] = self.country(single["country"], notes)
        if "type" in single:
            fields["type"] = self.event_type(single["type"], notes)
        if "quad_class" in single:
            fields["quad_class"] = read_quad_class(single["quad_class"])
        if "modality" in single:
            fields["modality"] = read_choice("modality", single["modality"], MODALITIES)
        if "precision" in single:
            value = PRECISION_ALIASES.get(single["precision"].strip().lower(), single["precision"])
            fields["precision"] = read_choice("precision", value, PRECISIONS)
        if "sort" in single:
            fields["sort"] = read_sort(single["sort"])
        if "language" in single:
            fields["language"] = self.language(single["language"])
        if "text" in single:
            if len(single["text"]) > MAX_TEXT:
                raise FilterError("text", f"at most {MAX_TEXT} characters")
            fields["text"] = single["text"]
        for name in ("outlet", "attribution", "place", "article", "since", "until"):
            if name in single:
                fields[name] = single[name]
        return Understood(build_filter(fields), tuple(notes), given)

    # -- actors and countries ---------------------------------------------------------------

    def actor(self, text: str, parameter: str, notes: list[str]) -> ActorCode:
        """An actor code, name or alias as the code a filter matches."""
        text = text.strip()
        if _CODE.match(text) and text.upper().partition(".")[0] in self.roots():
            return ActorCode.parse(text)
        root_text, dot, sector = text.rpartition(".") if "." in text and _CODE.match(text) else (text, "", "")
        vocabulary = self._vocabulary()
        meanings = vocabulary.actor_meanings(root_text)
        if not meanings and _CODE.match(text) and text.isupper():
            raise FilterError(parameter, f"no actor has the code {text!r}", self._actor_suggestions(text))
        if not meanings:
            raise FilterError(parameter, f"no actor is known as {text!r}", self._actor_suggestions(text))
        if len(meanings) > 1:
            options = [meaning.describe() for meaning in meanings[:5]]
            raise FilterError(
                parameter, f"{text!r} is ambiguous: it may be {_either(options)}; give the code"
            )
        meaning = meanings[0]
        code = meaning.code()
        if dot:
            code = ActorCode(code.root, sector.upper(), code.names, None)
        if meaning.kind != "code" or key(text) != key(code.code):
            notes.append(f"{parameter} {text!r}: {meaning.describe() if not dot else code.code}")
        return code

    def _actor_suggestions(self, text: str) -> list[str]:
        vocabulary = self._vocabulary()
        close = vocabulary.suggest(text, vocabulary.actors)
        return close or sorted(root for root in self.roots() if root.startswith(text[:1].upper()))[:3]

    def country(self, text: str, notes: list[str]) -> str:
        """A country by ISO alpha-3 or alpha-2 code or German or English name, as its alpha-3 code."""
        text = text.strip()
        if re.fullmatch(r"[A-Za-z]{3}", text) and text.upper() in self.roots():
            return text.upper()
        vocabulary = self._vocabulary()
        iso3 = vocabulary.countries.get(key(text))
        if iso3 is None:
            meanings = vocabulary.actor_meanings(text)
            if meanings and all(m.kind in ("code", "organisation") for m in meanings):
                raise FilterError(
                    "country", f"{text!r} is an organisation, not a country: use actor={meanings[0].root}"
                )
            raise FilterError(
                "country", f"no country is known as {text!r}", vocabulary.suggest(text, vocabulary.countries)
            )
        if key(text) != key(iso3):
            notes.append(f"country {text!r}: {vocabulary.country_label(iso3)} ({iso3})")
        return iso3

    # -- types and languages ----------------------------------------------------------------

    def event_type(self, text: str, notes: list[str]) -> str | tuple[str, ...]:
        """A PLOVER type (or an old name of one), a CAMEO code or code prefix, or a CAMEO name."""
        text = text.strip()
        vocabulary = self._vocabulary()
        if _CAMEO.match(text):
            if not any(code.startswith(text) for code in vocabulary.cameo_names):
                close = [code for code in (text.zfill(2), text[:2]) if code in vocabulary.cameo_names]
                raise FilterError("type", f"no CAMEO code starts with {text!r}", close)
            name = vocabulary.cameo_names.get(text)
            notes.append(f"type {text!r}: CAMEO codes starting with {text}" + (f" ({name})" if name else ""))
            return text
        meaning = vocabulary.types.get(key(text))
        if meaning is None:
            raise FilterError(
                "type", f"no event type is known as {text!r}", vocabulary.suggest(text, vocabulary.types)
            )
        if meaning.plover[:1] != (text.upper(),):
            notes.append(f"type {text!r}: {meaning.label}")
        return meaning.filter_value()

    def language(self, text: str) -> str:
        """An ISO 639-1 code or a language's English name, as the code."""
        vocabulary = self._vocabulary()
        code = vocabulary.languages.get(key(text))
        if code is None:
            if re.fullmatch(r"[A-Za-z]{2}", text.strip()):
                return text.strip().lower()
            raise FilterError(
                "language",
                f"not a language: {text!r} (give a code such as de or en)",
                vocabulary.suggest(text, vocabulary.languages),
            )
        return code


def _listed(value: str | Sequence[str] | None) -> list[str]:
    """A parameter's values with blanks stripped; empty form fields mean "not given"."""
    if value is None:
        return []
    items = [value] if isinstance(value, str) else list(value)
    return [item.strip() for item in items if item is not None and item.strip()]


def read_quad_class(text: str) -> int:
    """1–4, or the name of a quad class ("material conflict")."""
    value = text.strip()
    if value in ("1", "2", "3", "4"):
        return int(value)
    if key(value) in QUAD_CLASSES:
        return QUAD_CLASSES[key(value)]
    raise FilterError(
        "quad_class", f"must be 1, 2, 3 or 4 (or a name such as 'verbal conflict'), not {text!r}"
    )


def read_choice(parameter: str, text: str, choices: Sequence[str]) -> str:
    """One of ``choices`` (case-insensitive), with close choices as suggestions otherwise."""
    import difflib

    value = text.strip().lower()
    if value in choices:
        return value
    close = difflib.get_close_matches(value, list(choices), n=2, cutoff=0.6)
    raise FilterError(parameter, f"must be one of {', '.join(choices)}, not {text!r}", close)


def read_sort(text: str) -> str:
    """A sort key, ``-`` first for descending."""
    value = text.strip().lower()
    descending = value.startswith("-")
    return ("-" if descending else "") + read_choice("sort", value.lstrip("-"), SORT_KEYS)


def build_filter(fields: Mapping[str, Any]) -> EventFilter:
    """The ``EventFilter`` of read values; dates are checked here (malformed, backwards)."""
    for name in ("since", "until"):
        if fields.get(name) is not None:
            try:
                parse_calendar_date(str(fields[name]))
            except DateError as exc:
                raise FilterError(name, str(exc)) from None
    try:
        return EventFilter(**fields)
    except ValueError as exc:
        parameter = "since/until" if "since" in str(exc) else "filter"
        raise FilterError(parameter, str(exc)) from None


def describe_filter(values: Mapping[str, Sequence[str]]) -> str:
    """The given filter values in one line: ``actor=Russland, actor=NATO, since=2017-03``."""
    return ", ".join(f"{name}={item}" for name, items in values.items() for item in items) or "no filter"


__all__ = [
    "FILTER_FIELDS",
    "NONE_VALUE",
    "FilterError",
    "FilterReader",
    "Understood",
    "describe_filter",
]
