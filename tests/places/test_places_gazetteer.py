"""Place names in German and English news sentences resolve to the right place and country."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from lagebild.datafiles import DataFileError, package_path
from lagebild.model import Sentence
from lagebild.places import Gazetteer, load_gazetteer


@pytest.fixture(scope="module")
def de() -> Gazetteer:
    return load_gazetteer("de")


@pytest.fixture(scope="module")
def en() -> Gazetteer:
    return load_gazetteer("en")


def sentences_of(text: str) -> list[Sentence]:
    """A plain splitter for test texts: a sentence ends at '. ' or at the end."""
    found, start = [], 0
    for match in re.finditer(r"(?<=[.!?])\s+|$", text):
        if match.start() > start:
            end = match.start()
            found.append(Sentence(index=len(found), start=start, end=end, text=text[start:end]))
        start = match.end()
    return found


Found = list[tuple[str, str | None]]


def places_in(gazetteer: Gazetteer, text: str, countries: tuple[str, ...] = ()) -> Found:
    mentions = gazetteer.find(text, sentences_of(text), countries)
    return [(m.text, m.place.country if m.place else None) for m in mentions]


GERMAN = [
    ("Russische Truppen rückten am Morgen auf Moskau vor.", "Moskau", "RUS", "Moscow"),
    ("Der Präsident reiste am Dienstag nach Kiew.", "Kiew", "UKR", "Kyiv"),
    ("In Kyjiw heulten in der Nacht die Sirenen.", "Kyjiw", "UKR", "Kyiv"),
    ("Die Regierung in Wilna fordert mehr Nato-Soldaten.", "Wilna", "LTU", "Vilnius"),
    ("Im früheren Königsberg sind Iskander-Raketen stationiert.", "Königsberg", "RUS", "Kaliningrad"),
    ("Russland annektierte 2014 die Krim.", "Krim", "UKR", "Crimea"),
    ("Die Nato verstärkt ihre Präsenz im Baltikum.", "Baltikum", None, "Baltic states"),
    ("Im Donbass gehen die Kämpfe weiter.", "Donbass", "UKR", "Donbas"),
    ("Israelische Luftangriffe trafen den Gazastreifen.", "Gazastreifen", "PSE", "Gaza Strip"),
    ("Siedler griffen ein Dorf im Westjordanland an.", "Westjordanland", "PSE", "West Bank"),
    ("Moskau verlegt Raketen nach Kaliningrad.", "Kaliningrad", "RUS", None),
    ("Die Bundeswehr schickt eine Brigade nach Litauen.", "Litauen", "LTU", "Lithuania"),
    ("Der Einsatz in Afghanistan endete 2021.", "Afghanistan", "AFG", "Afghanistan"),
    ("Die Delegation flog weiter nach Washington.", "Washington", "USA", "Washington"),
    ("Der Gipfel in Warschau beginnt am Freitag.", "Warschau", "POL", "Warsaw"),
    ("Peking reagierte verärgert auf den Besuch.", "Peking", "CHN", "Beijing"),
    ("Die Lage in Charkiw bleibt angespannt.", "Charkiw", "UKR", "Kharkiv"),
    ("Ein Anschlag erschütterte Damaskus.", "Damaskus", "SYR", "Damascus"),
    ("Der Kanzler empfing ihn in Berlin.", "Berlin", "DEU", "Berlin"),
    ("In Wien trafen sich die Außenminister der OSZE.", "Wien", "AUT", "Vienna"),
    ("Truppen wurden an die Golanhöhen verlegt.", "Golanhöhen", "SYR", "Golan Heights"),
    ("Die Gespräche über Bergkarabach scheiterten.", "Bergkarabach", "AZE", "Nagorno-Karabakh"),
    ("Russische Soldaten stehen in Transnistrien.", "Transnistrien", "MDA", "Transnistria"),
    ("Der Konflikt in Tigray forderte Tausende Opfer.", "Tigray", "ETH", "Tigray"),
    ("Die Bundeswehr zog aus dem Sahel ab.", "Sahel", None, "Sahel"),
    ("Im Süden von Kaschmir fielen Schüsse.", "Kaschmir", None, "Kashmir"),
    ("Die Gewalt in der Ostukraine nimmt zu.", "Ostukraine", "UKR", "Eastern Ukraine"),
    ("Die Türkei bombardierte Stellungen in Nordsyrien.", "Türkei", "TUR", "Turkey"),
    ("Weißrussland erlaubte die Stationierung.", "Weißrussland", "BLR", "Belarus"),
]


@pytest.mark.parametrize(("sentence", "text", "country", "name"), GERMAN)
def test_german_place(de: Gazetteer, sentence: str, text: str, country: str | None, name: str | None) -> None:
    mentions = [m for m in de.find(sentence, sentences_of(sentence)) if m.text == text]
    assert len(mentions) == 1, de.find(sentence, sentences_of(sentence))
    place = mentions[0].place
    assert place is not None and place.country == country
    assert name is None or place.name == name
    assert sentence[mentions[0].start:mentions[0].end] == text
    assert (place.start, place.end, place.text) == (mentions[0].start, mentions[0].end, text)
    assert place.lat is not None and place.lon is not None


ENGLISH = [
    ("Russian forces shelled the outskirts of Kyiv overnight.", "Kyiv", "UKR"),
    ("The talks were held in Kiev in 2015.", "Kiev", "UKR"),
    ("Moscow denied any involvement.", "Moscow", "RUS"),
    ("Russia annexed Crimea in 2014.", "Crimea", "UKR"),
    ("Fighting continued in the Donbas region.", "Donbas", "UKR"),
    ("NATO is sending more troops to the Baltics.", "Baltics", None),
    ("Aid trucks entered the Gaza Strip on Sunday.", "Gaza Strip", "PSE"),
    ("Settler violence in the West Bank has risen.", "West Bank", "PSE"),
    ("Iskander missiles were moved to Kaliningrad.", "Kaliningrad", "RUS"),
    ("Lithuania closed its border crossing.", "Lithuania", "LTU"),
    ("The last US soldiers left Afghanistan in August.", "Afghanistan", "AFG"),
    ("The delegation returned to Washington on Friday.", "Washington", "USA"),
    ("Protesters gathered in Vilnius.", "Vilnius", "LTU"),
    ("Beijing summoned the ambassador.", "Beijing", "CHN"),
    ("Talks on Nagorno-Karabakh resumed.", "Nagorno-Karabakh", "AZE"),
]


@pytest.mark.parametrize(("sentence", "text", "country"), ENGLISH)
def test_english_place(en: Gazetteer, sentence: str, text: str, country: str | None) -> None:
    assert (text, country) in places_in(en, sentence)


@pytest.mark.parametrize(
    ("sentence", "text", "country"),
    [
        ("Die Straßen Moskaus waren leer.", "Moskaus", "RUS"),
        ("Kiews Bürgermeister rief zur Ruhe auf.", "Kiews", "UKR"),
        ("Russlands Armee zog Truppen zusammen.", "Russlands", "RUS"),
        ("Berlins Regierender Bürgermeister widersprach.", "Berlins", "DEU"),
    ],
)
def test_german_genitive_matches(de: Gazetteer, sentence: str, text: str, country: str) -> None:
    assert (text, country) in places_in(de, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Nach dem Essen sprachen die Minister über Sanktionen.",
        "Die Lage bleibt nach Angaben der Armee unübersichtlich.",
        "Martin Schulz kritisierte den Vorschlag scharf.",
        "Die Berliner Regierung schweigt.",
        "Auch die Opposition stimmte zu.",
        "Das hat mit Mut und Sinn nichts zu tun.",
        "Wir fahren im Zug nach Hause.",
    ],
)
def test_german_words_are_not_places(de: Gazetteer, sentence: str) -> None:
    assert places_in(de, sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Reading the report, the minister frowned.",
        "Victoria Nuland met the delegation.",
        "Lloyd Austin spoke to reporters.",
        "Split votes are rare in the council.",
    ],
)
def test_english_words_are_not_places(en: Gazetteer, sentence: str) -> None:
    assert places_in(en, sentence) == []


def test_cue_word_licenses_a_common_word_town(de: Gazetteer) -> None:
    assert ("Essen", "DEU") in places_in(de, "Die Polizei in Essen nahm zwei Männer fest.")


def test_first_name_after_cue_is_a_place(de: Gazetteer) -> None:
    """A one-word city name before a capitalised word still counts right after a cue word."""
    assert ("Wien", "AUT") in places_in(de, "In Wien Gespräche zu führen, war ihr Ziel.")


def test_tripolis_is_libyan_unless_the_article_is_about_lebanon(de: Gazetteer) -> None:
    sentence = "Kämpfe in Tripolis dauern an."
    assert places_in(de, sentence) == [("Tripolis", "LBY")]
    assert places_in(de, sentence, ("LBN",)) == [("Tripolis", "LBN")]
    assert places_in(de, sentence, ("DEU", "LBN")) == [("Tripolis", "LBN")]


def test_a_small_namesake_in_an_article_country_does_not_win_over_a_capital(en: Gazetteer) -> None:
    assert places_in(en, "Officials in Moscow responded.", ("USA",)) == [("Moscow", "RUS")]


def test_of_namesakes_in_two_article_countries_the_bigger_wins(en: Gazetteer) -> None:
    # Donetsk is a city in Ukraine and a town in Russia's Rostov region.
    assert places_in(en, "Shelling hit Donetsk.", ("RUS", "UKR")) == [("Donetsk", "UKR")]
    assert places_in(en, "Shelling hit Donetsk.", ("RUS",)) == [("Donetsk", "RUS")]


def test_lookup_ranks_candidates(de: Gazetteer) -> None:
    found = de.lookup("Tripolis")
    assert [p.country for p in found][:2] == ["LBY", "LBN"]
    assert de.lookup("Tripolis", ("LBN",))[0].country == "LBN"
    assert de.lookup("Atlantis") == []


def test_mentions_carry_sentence_index(de: Gazetteer) -> None:
    text = "Der Präsident flog nach Paris. Danach reiste er weiter nach Rom."
    mentions = de.find(text, sentences_of(text))
    assert [(m.text, m.sentence, m.kind) for m in mentions] == [("Paris", 0, "place"), ("Rom", 1, "place")]
    assert [m.place.kind for m in mentions if m.place] == ["city", "city"]
    assert de.find(text, [])[0].sentence == -1


def test_countries_and_regions_have_kinds(de: Gazetteer) -> None:
    kinds = {m.text: m.place.kind for m in de.find("Litauen und die Krim und Wilna", []) if m.place}
    assert kinds == {"Litauen": "country", "Krim": "region", "Wilna": "city"}


def test_user_toml_file_extends_the_gazetteer(tmp_path: Path) -> None:
    extra = tmp_path / "places_newsroom.toml"
    extra.write_text(
        '[[place]]\nname = "Camp Grafenwöhr"\nkind = "place"\ncountry = "DEU"\nlat = 49.7\nlon = 11.9\n'
        'names = ["Grafenwöhr", "Truppenübungsplatz Grafenwöhr"]\n'
        '[[alias]]\ncity = "Kyiv"\ncountry = "UKR"\nnames = ["Kyjiwer Stadtgebiet"]\n',
        encoding="utf-8",
    )
    gazetteer = load_gazetteer("de", [extra])
    assert places_in(gazetteer, "Soldaten übten in Grafenwöhr.") == [("Grafenwöhr", "DEU")]
    assert places_in(gazetteer, "Drohnen über dem Kyjiwer Stadtgebiet.") == [("Kyjiwer Stadtgebiet", "UKR")]


def test_user_tsv_file_extends_the_gazetteer(tmp_path: Path) -> None:
    extra = tmp_path / "places_checkpoints.tsv"
    extra.write_text(
        "name\tnames\tkind\tcountry\tlat\tlon\tpopulation\n"
        "Kontrollpunkt Nord\tCheckpoint Nord\tplace\tUKR\t50.1\t36.2\t\n",
        encoding="utf-8",
    )
    gazetteer = load_gazetteer("de", [extra])
    assert places_in(gazetteer, "Am Checkpoint Nord wurde geschossen.") == [("Checkpoint Nord", "UKR")]


@pytest.mark.parametrize(
    ("content", "suffix", "message"),
    [
        ('[[place]]\nname = "X"\nkind = "city"\nlat = 1.0\nlon = 2.0\nsize = 3\n', ".toml", "unknown key"),
        ('[[place]]\nname = "X"\nkind = "village"\nlat = 1.0\nlon = 2.0\n', ".toml", "kind must be"),
        ('[[place]]\nname = "X"\nkind = "city"\nlat = 100.0\nlon = 2.0\n', ".toml", "out of range"),
        ('[[place]]\nname = "X"\nkind = "city"\ncountry = "DE"\nlat = 1.0\nlon = 2.0\n', ".toml", "alpha-3"),
        ('[[alias]]\ncity = "Atlantis"\ncountry = "GRC"\nnames = ["A"]\n', ".toml", "no place"),
        ('[[alias]]\nplace = "gn:0"\nnames = ["A"]\n', ".toml", "unknown place id"),
        ("[towns]\n", ".toml", "unknown top-level"),
        ("name\tkind\nX\tcity\n", ".tsv", "header"),
    ],
)
def test_bad_user_files_are_rejected_naming_the_file(
    tmp_path: Path, content: str, suffix: str, message: str
) -> None:
    extra = tmp_path / f"places_mine{suffix}"
    extra.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError, match=message) as error:
        load_gazetteer("de", [extra])
    assert "places_mine" in str(error.value)


def test_missing_user_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="no such"):
        load_gazetteer("en", [tmp_path / "places_absent.toml"])


def test_user_data_folder_holds_places_files_among_others(tmp_path: Path) -> None:
    """Only ``places*`` files of the folder are read, and a language tag limits a file to it."""
    place = '[[place]]\nname = "{0}"\nkind = "place"\ncountry = "UKR"\nlat = 48.0\nlon = 37.0\n'
    (tmp_path / "places_frontline.toml").write_text(place.format("Stellung Birke"), encoding="utf-8")
    (tmp_path / "places_en.toml").write_text(place.format("Position Birch"), encoding="utf-8")
    (tmp_path / "actors_militias.toml").write_text('[[organisation]]\nname = "X"\n', encoding="utf-8")
    gazetteer = load_gazetteer("de", [tmp_path])
    assert places_in(gazetteer, "Angriff auf die Stellung Birke.") == [("Stellung Birke", "UKR")]
    assert places_in(gazetteer, "Attack on Position Birch.") == []
    english = load_gazetteer("en", [tmp_path])
    assert places_in(english, "Attack on Position Birch.") == [("Position Birch", "UKR")]


def test_both_languages_know_the_same_places(de: Gazetteer, en: Gazetteer) -> None:
    assert len(de) == len(en) > 15000


@pytest.mark.parametrize("language", ["de", "en"])
def test_matching_lists_are_consistent(language: str) -> None:
    """Each stop-list name is listed once, and never both as 'never' and as 'cue_only'."""
    text = package_path("lang", language, "places.toml").read_text(encoding="utf-8")
    matching = tomllib.loads(text)["matching"]
    for key in ("never", "cue_only", "cues"):
        assert len(matching[key]) == len(set(matching[key])), key
    assert not set(matching["never"]) & set(matching["cue_only"])
