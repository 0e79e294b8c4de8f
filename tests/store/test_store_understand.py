"""Filters as people type them: names, aliases, ISO codes and type names read into codes, with
"did you mean" for what cannot be read. The same reader serves the CLI, the API and the dashboard."""

from __future__ import annotations

from typing import Any

import pytest

from lagebild.query.understand import FilterError, FilterReader
from lagebild.store.base import ActorCode
from lagebild.store.sql_store import SQLStore


@pytest.fixture(scope="module")
def reader() -> FilterReader:
    # A store holding these roots (a user's own code among them).
    return FilterReader(lambda: {"RUS", "NATO", "DEU", "FRA", "XMIL"})


def _filter(reader: FilterReader, **values: Any) -> dict[str, Any]:
    understood = reader.read(values)
    return {k: v for k, v in vars(understood.filter).items() if v not in (None, 0, ())}


@pytest.mark.parametrize(
    ("typed", "root", "sector"),
    [
        ("RUS", "RUS", None),
        ("rus.mil", "RUS", "MIL"),
        ("Russland", "RUS", None),
        ("Russia", "RUS", None),
        ("RU", "RUS", None),
        ("Kreml", "RUS", "GOV"),
        ("Kremlin", "RUS", "GOV"),
        ("Nato", "NATO", None),
        ("Nordatlantikpakt", "NATO", None),
        ("Vereinte Nationen", "UN", None),
        ("Bundeswehr", "DEU", "MIL"),
        ("Deutschland", "DEU", None),
        ("XMIL", "XMIL", None),  # in the store, unknown to the built-in data: a code as it is
    ],
)
def test_actors_by_code_name_or_alias(
    reader: FilterReader, typed: str, root: str, sector: str | None
) -> None:
    [code] = reader.read({"actor": typed}).filter.actor_codes()
    assert (code.root, code.sector, code.names) == (root, sector, ())


def test_a_person_is_a_root_and_the_names_of_that_person(reader: FilterReader) -> None:
    understood = reader.read({"actor": "Putin"})
    [code] = understood.filter.actor_codes()
    assert code.root == "RUS"
    assert {"Putin", "Wladimir Putin", "Vladimir Putin"} <= set(code.names)
    assert understood.notes == ("actor 'Putin': the person Vladimir Putin (RUS)",)


def test_two_actors_are_the_events_between_them(reader: FilterReader) -> None:
    understood = reader.read({"actor": ["Russland", "NATO"], "since": "2017-03", "until": "2017-03"})
    assert [c.code for c in understood.filter.actor_codes()] == ["RUS", "NATO"]
    assert understood.notes == ("actor 'Russland': Russia (RUS)",)


@pytest.mark.parametrize(
    ("typed", "iso3"),
    [
        ("DE", "DEU"),
        ("de", "DEU"),
        ("DEU", "DEU"),
        ("Germany", "DEU"),
        ("Deutschland", "DEU"),
        ("russland", "RUS"),
    ],
)
def test_countries_by_iso2_iso3_german_or_english_name(reader: FilterReader, typed: str, iso3: str) -> None:
    assert _filter(reader, country=typed) == {"country": iso3}


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("CONSULT", ("CONSULT",)),
        ("threaten", ("THREATEN",)),
        ("FIGHT", ("ASSAULT", "FIGHT")),  # PLOVER's old name for ASSAULT
        ("disapprove", ("ACCUSE", "DISAPPROVE", "INVESTIGATE")),
        ("Provide aid", "07"),  # a CAMEO name
        ("14", "14"),
        ("0211", "0211"),
    ],
)
def test_types_by_plover_or_cameo_name_or_code(reader: FilterReader, typed: str, value: object) -> None:
    assert _filter(reader, type=typed) == {"type": value}


def test_other_filters(reader: FilterReader) -> None:
    assert _filter(
        reader,
        quad_class="material conflict",
        modality="Negated",
        language="German",
        precision="undated",
        outlet="Guardian",
        attribution="(none)",
        place="Kaliningrad",
        sort="-goldstein",
    ) == {
        "quad_class": 4,
        "modality": "negated",
        "language": "de",
        "precision": "none",
        "outlet": "Guardian",
        "attribution": "(none)",
        "place": "Kaliningrad",
        "sort": "-goldstein",
    }


@pytest.mark.parametrize(
    ("values", "parameter", "message", "suggestions"),
    [
        ({"actor": "Putn"}, "actor", "no actor is known as 'Putn'", ["Putin"]),
        ({"actor": "Rusland"}, "actor", "no actor is known as 'Rusland'", ["Russland"]),
        ({"country": "Germny"}, "country", "no country is known as 'Germny'", ["Germany"]),
        ({"country": "NATO"}, "country", "'NATO' is an organisation, not a country: use actor=NATO", []),
        ({"type": "figth"}, "type", "no event type is known as 'figth'", ["FIGHT"]),
        ({"type": "99"}, "type", "no CAMEO code starts with '99'", []),
        ({"modality": "asertd"}, "modality", "must be one of", ["asserted"]),
        ({"sort": "-goldstien"}, "sort", "must be one of", ["goldstein"]),
        ({"since": "2017-05", "until": "2017-03"}, "since/until", "the period is backwards", []),
        ({"since": "2017-13"}, "since", "impossible date", []),
        ({"actor": ["RUS", "NATO", "DEU"]}, "actor", "give one actor, or two", []),
        ({"country": ["DEU", "FRA"]}, "country", "give one value", []),
        ({"quad_class": "7"}, "quad_class", "must be 1, 2, 3 or 4", []),
    ],
)
def test_unreadable_values_name_the_parameter_and_suggest(
    reader: FilterReader, values: dict[str, Any], parameter: str, message: str, suggestions: list[str]
) -> None:
    with pytest.raises(FilterError) as caught:
        reader.read(values)
    assert caught.value.parameter == parameter
    assert message in caught.value.message
    assert caught.value.suggestions[: len(suggestions)] == suggestions
    if suggestions:
        assert "did you mean" in str(caught.value)


def test_an_ambiguous_name_lists_its_meanings(reader: FilterReader) -> None:
    with pytest.raises(FilterError, match="ambiguous") as caught:
        reader.read({"actor": "Congo"})
    assert "COD" in caught.value.message and "COG" in caught.value.message
    assert "(COD)" in reader.read({"actor": "Kongo"}).notes[0]  # German: the DR Congo


def test_a_person_with_offices_under_several_roots_is_matched_by_name(reader: FilterReader) -> None:
    [code] = reader.read({"actor": "Stoltenberg"}).filter.actor_codes()
    assert code.root == "" and "Jens Stoltenberg" in code.names
    assert "NATO, NOR" in (code.label or "")


def test_empty_values_mean_no_filter(reader: FilterReader) -> None:
    assert _filter(reader, actor=["", " "], country="", type=None) == {}


def test_read_filters_select_the_events_in_a_store(filled: SQLStore) -> None:
    reader = FilterReader(filled.actor_roots)

    def ids(**values: Any) -> list[str]:
        return [row["event_id"] for row in filled.query_rows(reader.read(values).filter)]

    assert ids(actor=["Russland", "Nato"], since="2017-03", until="2017-03") == [
        "c-denial-e1",
        "a-nato-request-e1",
    ]
    assert ids(country="Deutschland") == ["a-nato-request-e2", "b-kaliningrad-e3"]
    assert ids(type="disapprove") == ["c-denial-e2", "b-kaliningrad-e2"]  # stored under its old name
    assert ids(actor="Kreml") == ["c-denial-e1", "a-nato-request-e1", "b-kaliningrad-e2"]
    assert ids(actor=ActorCode("RUS").code, type="Threaten") == ["b-kaliningrad-e1"]
