"""The actor data files: the generated countries file, coverage of states, and user files."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pycountry
import pytest
from actor_helpers import codes, find

from lagebild.actors import load_actor_recognizer
from lagebild.actors.lexicon import COUNTRY_COLUMNS
from lagebild.datafiles import DataFileError, iter_tsv, package_path

REPO = Path(__file__).resolve().parents[2]


def build_script() -> ModuleType:
    """Import scripts/build_countries.py as a module."""
    spec = importlib.util.spec_from_file_location("build_countries", REPO / "scripts" / "build_countries.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_countries"] = module
    spec.loader.exec_module(module)
    return module


def country_rows() -> list[dict[str, str]]:
    return list(iter_tsv(package_path("data", "countries.tsv"), COUNTRY_COLUMNS))


def test_shipped_countries_file_is_what_the_build_script_makes() -> None:
    rebuilt = build_script().build()
    shipped = package_path("data", "countries.tsv").read_text(encoding="utf-8")
    assert rebuilt == shipped, "run: python scripts/build_countries.py"


def sovereign_states() -> set[str]:
    """UN member states: ISO 3166-1 (pycountry) minus the entries the status supplement lists."""
    listed = {row["iso3"]: row["status"] for row in
              iter_tsv(package_path("data", "countries_supplement.tsv"), ("iso3", "iso2", "status", "note"))}
    members = {c.alpha_3 for c in pycountry.countries} - set(listed)
    observers = {code for code, status in listed.items() if status == "observer"}
    return members | observers


def test_there_are_193_members_and_2_observers() -> None:
    assert len(sovereign_states()) == 195


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("kind", ["name", "adjective", "capital"])
def test_every_sovereign_state_has_forms_in_both_languages(language: str, kind: str) -> None:
    have = {row["iso3"] for row in country_rows() if row["lang"] == language and row["kind"] == kind}
    # Capitals named like their state (Singapur, Monaco, ...) and states whose adjective would name
    # two states (Dominica/Dominican Republic, the two Congos) are left out on purpose.
    allowed_gaps = {
        "capital": {"SGP", "MCO", "LUX", "SMR", "KWT", "DJI", "SYC", "VAT"},
        "adjective": {"COG", "DMA"} if language == "en" else {"COG"},
        "name": set(),
    }[kind]
    assert sovereign_states() - allowed_gaps - have == set()


def test_german_forms_of_russia() -> None:
    rows = [row for row in country_rows() if row["iso3"] == "RUS" and row["lang"] == "de"]
    forms = {(row["kind"], row["form"]) for row in rows}
    expected = {("name", "Russland"), ("name_gen", "Russlands"), ("capital", "Moskau"),
                ("capital_gen", "Moskaus"), ("seat", "Kreml"), ("demonym", "Russe"), ("demonym", "Russen"),
                ("demonym", "Russin")}
    expected |= {("adjective", "russisch" + e) for e in ("e", "en", "er", "es", "em")}
    assert expected <= forms


def test_no_form_names_two_countries() -> None:
    owner: dict[tuple[str, str], str] = {}
    for row in country_rows():
        if row["kind"] != "adjective_stem":
            assert owner.setdefault((row["lang"], row["form"]), row["iso3"]) == row["iso3"], row


def test_territories_marked_excluded_have_no_names() -> None:
    assert not [row for row in country_rows() if row["iso3"] in {"ATA", "BVT", "HMD"}]


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_data_file_loads(language: str) -> None:
    recognizer = load_actor_recognizer(language, office_terms=[])
    assert recognizer.language == language
    assert len(recognizer.lexicon.entries) > 1500


# --- user files ----------------------------------------------------------------------------------

MILITIA = """
[[organisation]]
code = "NORDFRONT"
sector = "REB"
name = "Northern Front"
country = "XYZ"
names.de = ["Nordfront", "Nordfront-Miliz"]
names.en = ["Northern Front"]

[[role]]
language = "de"
forms = ["Stadtkommandant", "Stadtkommandanten"]
sector = "MIL"
person = true

[[person]]
name = "Karl Beispiel"
aliases = ["Beispiel"]
country = "DEU"
sector = "GOV"
start = 2015-01-01
"""


def test_user_file_adds_a_militia_a_role_and_a_person(tmp_path: Path) -> None:
    path = tmp_path / "actors_militia.toml"
    path.write_text(MILITIA, encoding="utf-8")
    recognizer = load_actor_recognizer("de", extra=[path], office_terms=[])
    text = "Die Nordfront griff die Stadt an. Der russische Stadtkommandant floh. Beispiel schwieg."
    found = codes(find(recognizer, text))
    assert ("Die Nordfront", "NORDFRONT", "REB") in found
    assert ("Der russische Stadtkommandant", "RUS", "MIL") in found
    assert ("Beispiel", "DEU", "GOV") in found


def test_user_folder_is_read(tmp_path: Path) -> None:
    (tmp_path / "actors_a.toml").write_text(MILITIA, encoding="utf-8")
    (tmp_path / "places_a.toml").write_text("[[place]]\nname = 'not ours'\n", encoding="utf-8")
    recognizer = load_actor_recognizer("en", extra=[tmp_path], office_terms=[])
    found = codes(find(recognizer, "The Northern Front attacked."))
    assert ("The Northern Front", "NORDFRONT", "REB") in found


@pytest.mark.parametrize(
    "content",
    [
        '[[militia]]\ncode = "X"\n',
        '[[organisation]]\ncode = "X"\nsector = "REB"\nname = "X"\nnames.de = ["X"]\ncolour = "red"\n',
        '[[organisation]]\ncode = "X"\nsector = "ROBBERS"\nname = "X"\nnames.de = ["X"]\n',
        '[[role]]\nforms = ["Hauptling"]\nsektor = "GOV"\n',
        '[[role]]\nforms = ["Hauptling"]\nunowned = "sometimes"\n',
        '[[person]]\nname = "A"\nsector = "GOV"\nstart = "yesterday"\n',
        "[[organisation]\n",
    ],
)
def test_bad_user_file_raises_an_error_naming_it(tmp_path: Path, content: str) -> None:
    path = tmp_path / "actors_bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError, match=r"actors_bad\.toml"):
        load_actor_recognizer("de", extra=[tmp_path], office_terms=[])


def test_user_list_adds_names(tmp_path: Path) -> None:
    rows = ["form\tkind\tcode\tcountry\tsector", "Asow-Regiment\torg\t\tUKR\tMIL",
            "Nordfront\torg\tNORDFRONT\t\tREB", "Anna Probe\tperson\t\tAUT\tGOV"]
    (tmp_path / "actors_newsroom_de.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    recognizer = load_actor_recognizer("de", extra=[tmp_path], office_terms=[])
    found = codes(find(recognizer, "Das Asow-Regiment und die Nordfront kämpfen. Anna Probe schweigt."))
    assert found == [("Das Asow-Regiment", "UKR", "MIL"), ("die Nordfront", "NORDFRONT", "REB"),
                     ("Anna Probe", "AUT", "GOV")]
    english = load_actor_recognizer("en", extra=[tmp_path], office_terms=[])
    # The file is tagged German: in English she is only a person by her given name, without code.
    assert codes(find(english, "Anna Probe said nothing.")) == [("Anna Probe", "", None)]


def test_bad_user_list_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "actors_x.tsv").write_text("form\tkind\tcode\tcountry\tsector\nA\tthing\t\t\tGOV\n")
    with pytest.raises(DataFileError, match=r"actors_x\.tsv"):
        load_actor_recognizer("de", extra=[tmp_path], office_terms=[])
