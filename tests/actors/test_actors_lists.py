"""The long actor lists: parties, armed groups and organisations (data/*.tsv and organisations.toml).

Counts and coverage, one meaning per spelling, and sentences written for these tests showing the
names recognised with their root and sector, the ambiguous spellings and compound prefixes.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest
from actor_helpers import codes, find

from lagebild.actors import ActorRecognizer
from lagebild.actors.lexicon import (
    ACTOR_LISTS,
    COUNTRY_COLUMNS,
    ListedActor,
    expand_forms,
    load_lexicon,
    read_actor_list,
)
from lagebild.actors.matcher import normalize
from lagebild.datafiles import DataFileError, iter_tsv, load_toml, package_path

EU = {"AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL",
      "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE"}
OECD = {"AUS", "AUT", "BEL", "CAN", "CHL", "COL", "CRI", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC",
        "HUN", "ISL", "IRL", "ISR", "ITA", "JPN", "KOR", "LVA", "LTU", "LUX", "MEX", "NLD", "NZL", "NOR",
        "POL", "PRT", "SVK", "SVN", "ESP", "SWE", "CHE", "TUR", "GBR", "USA"}
G20 = {"ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR", "MEX", "RUS",
       "SAU", "ZAF", "TUR", "GBR", "USA"}
# Saudi Arabia has no parties.
PARTY_COUNTRIES = (EU | OECD | G20 | {"RUS", "UKR", "TUR", "ISR", "IRN", "SRB"}) - {"SAU"}


@cache
def listed(name: str) -> tuple[ListedActor, ...]:
    return tuple(read_actor_list(package_path("data", name)))


def toml_organisations() -> list[dict[str, object]]:
    return list(load_toml(package_path("data", "organisations.toml"))["organisation"])


# --- counts and coverage -------------------------------------------------------------------------


def test_at_least_300_armed_groups_with_names_in_both_languages() -> None:
    groups = [a for a in listed("armed_groups.tsv") if a.forms_in("de") and a.forms_in("en")]
    assert len(groups) >= 300
    assert len([a for a in groups if a.code]) >= 300  # named non-state groups carry their own code


def test_at_least_1000_organisations() -> None:
    assert len(listed("organisations.tsv")) + len(toml_organisations()) >= 1000


def test_organisations_span_the_sectors() -> None:
    sectors = {a.sector for a in listed("organisations.tsv")}
    assert {"BUS", "NGO", "MED", "JUD", "IGO"} <= sectors


def test_every_country_in_scope_has_parties() -> None:
    have = {a.country for a in listed("parties.tsv") if a.sector == "PTY"}
    assert PARTY_COUNTRIES - have == set()


def test_national_bodies_have_a_country_and_no_code() -> None:
    for actor in listed("parties.tsv") + listed("organisations.tsv"):
        if actor.type in ("party", "company"):
            assert actor.code is None, actor.where


def test_countries_are_iso_codes() -> None:
    known = {row["iso3"] for row in iter_tsv(package_path("data", "countries.tsv"), COUNTRY_COLUMNS)}
    known |= {"PSE", "XKX", "ESH", "HKG", "TWN"}
    for name in ACTOR_LISTS:
        assert {a.country for a in listed(name) if a.country} - known == set(), name


def test_codes_have_one_name_and_armed_group_codes_are_not_reused() -> None:
    names: dict[str, set[str]] = defaultdict(set)
    for actor in listed("armed_groups.tsv"):
        if actor.code:
            names[actor.code].add(actor.name)
    assert {code: n for code, n in names.items() if len(n) > 1} == {}
    others = {a.code for name in ("organisations.tsv", "parties.tsv") for a in listed(name) if a.code}
    assert set(names) & others == set()


# --- one meaning per spelling --------------------------------------------------------------------

# Spellings that several actors may bear, with the reason they are kept. Empty: every spelling
# that names two bodies is either written out ("Südtiroler Volkspartei") or listed once without
# country (the shared rows of parties.tsv), as docs/ACTORS.md explains.
DOCUMENTED_SHARED: dict[str, str] = {}


@pytest.mark.parametrize("language", ["de", "en"])
def test_no_spelling_names_two_actors(language: str) -> None:
    lexicon = load_lexicon(language)
    meanings: dict[str, set[tuple[str, str | None, str | None, str | None, str | None]]] = defaultdict(set)
    listed_keys = {normalize(form).strip() for name in ACTOR_LISTS for a in listed(name)
                   for form in a.forms_in(language)}
    for entry in lexicon.entries:
        key = normalize(entry.form).strip()
        if key in listed_keys:
            meanings[key].add((entry.kind, entry.org, entry.country, entry.sector, entry.context))
    clashes = {k: m for k, m in meanings.items() if len(m) > 1 and k not in DOCUMENTED_SHARED}
    assert clashes == {}


def test_shared_party_names_have_no_country() -> None:
    shared = [a for a in listed("parties.tsv") if a.country is None and a.code is None]
    forms = {form for a in shared for form in a.forms_in("de") + a.forms_in("en")}
    assert {"Grüne", "Sozialdemokraten", "Greens", "Social Democrats", "PSD"} <= forms


# --- sentences -----------------------------------------------------------------------------------

GERMAN = [
    # parties
    ("Die ÖVP und die FPÖ einigten sich auf ein Regierungsprogramm.", "Die ÖVP", "AUT", "PTY"),
    ("Die ÖVP und die FPÖ einigten sich auf ein Regierungsprogramm.", "die FPÖ", "AUT", "PTY"),
    ("Die Volkspartei stellt wieder den Kanzler.", "Die Volkspartei", "AUT", "PTY"),
    ("Die Freiheitlichen fordern Neuwahlen.", "Die Freiheitlichen", "AUT", "PTY"),
    ("Die Neos stimmten gegen den Antrag.", "Die Neos", "AUT", "PTY"),
    ("Die Linke fordert höhere Löhne.", "Die Linke", "DEU", "PTY"),
    ("Die Linkspartei will klagen.", "Die Linkspartei", "DEU", "PTY"),
    ("Die AfD scheiterte mit ihrem Antrag.", "Die AfD", "DEU", "PTY"),
    ("Der SPD-Chef kritisierte den Plan.", "Der SPD-Chef", "DEU", "PTY"),
    ("Die PiS verlor die Wahl in Polen.", "Die PiS", "POL", "PTY"),
    ("Die HDP wirft der Regierung Wahlbetrug vor.", "Die HDP", "TUR", "PTY"),
    ("Die Republikanische Volkspartei stellte einen Kandidaten auf.", "Die Republikanische Volkspartei",
     "TUR", "PTY"),
    ("Der Likud gewann die Wahl.", "Der Likud", "ISR", "PTY"),
    ("Einiges Russland gewann die Dumawahl.", "Einiges Russland", "RUS", "PTY"),
    ("Die Serbische Fortschrittspartei regiert seit 2012.", "Die Serbische Fortschrittspartei", "SRB", "PTY"),
    ("Die Republikaner blockieren den Haushalt.", "Die Republikaner", "USA", "PTY"),
    ("Die Tories verloren die Nachwahl.", "Die Tories", "GBR", "PTY"),
    ("Die Europäische Volkspartei stellt die größte Fraktion.", "Die Europäische Volkspartei", "EU", "PTY"),
    # armed groups, also under other names and as compound prefixes
    ("Der Daesch verübte den Anschlag.", "Der Daesch", "IS", "REB"),
    ("Die Terrormiliz Islamischer Staat bekannte sich zu dem Anschlag.",
     "Die Terrormiliz Islamischer Staat", "IS", "REB"),
    ("IS-Kämpfer griffen die Stadt an.", "IS-Kämpfer", "IS", "REB"),
    ("Taliban-Kämpfer besetzten Kundus.", "Taliban-Kämpfer", "TALIBAN", "REB"),
    ("PKK-Kämpfer töteten zwei Soldaten.", "PKK-Kämpfer", "PKK", "REB"),
    ("Die Hamas-Führung lehnte den Plan ab.", "Die Hamas-Führung", "HAMAS", "REB"),
    ("Al-Shabaab-Kämpfer überfielen eine Kaserne.", "Al-Shabaab-Kämpfer", "ALSHABAAB", "REB"),
    ("Der Wagner-Chef drohte der Armeeführung.", "Der Wagner-Chef", "WAGNER", "MIL"),
    ("Die Miliz Haiat Tahrir al-Scham eroberte Aleppo.", "Haiat Tahrir al-Scham", "HTS", "REB"),
    ("Die Qassam-Brigaden feuerten Raketen ab.", "Die Qassam-Brigaden", "HAMAS", "REB"),
    ("Kämpfer der Allianz der drei Bruderschaften nahmen die Stadt ein.",
     "Kämpfer der Allianz der drei Bruderschaften", "BROTHERHOOD", "REB"),
    ("Die Volksmobilisierungskräfte rückten nach Tikrit vor.", "Die Volksmobilisierungskräfte", "PMF", "MIL"),
    ("Das Asow-Regiment verteidigte Mariupol.", "Das Asow-Regiment", "UKR", "MIL"),
    ("Das Sinaloa-Kartell kontrolliert den Schmuggel.", "Das Sinaloa-Kartell", "SINALOA", "CRM"),
    # organisations
    ("Die Deutsche Bank meldete einen Gewinn.", "Die Deutsche Bank", "DEU", "BUS"),
    ("Gazprom drosselte die Lieferungen.", "Gazprom", "RUS", "BUS"),
    ("Der Verfassungsgerichtshof hob das Gesetz auf.", "Der Verfassungsgerichtshof", "AUT", "JUD"),
    ("Der Europäische Gerichtshof für Menschenrechte verurteilte Russland.",
     "Der Europäische Gerichtshof für Menschenrechte", "ECHR", "JUD"),
    ("Die Nachrichtenagentur Reuters berichtete darüber.", "Die Nachrichtenagentur Reuters", "GBR", "MED"),
    ("Der ORF übertrug die Rede live.", "Der ORF", "AUT", "MED"),
    ("Die EZB erhöhte den Leitzins.", "Die EZB", "ECB", "IGO"),
    ("Die Unifil-Truppen wurden beschossen.", "Die Unifil-Truppen", "UN", "MIL"),
    ("Greenpeace protestierte vor der Botschaft.", "Greenpeace", "GREENPEACE", "NGO"),
    ("Die Gewerkschaft Verdi rief zum Streik auf.", "Die Gewerkschaft Verdi", "DEU", "LAB"),
]

ENGLISH = [
    ("The Conservatives and Labour clashed over the budget.", "The Conservatives", "GBR", "PTY"),
    ("The Conservatives and Labour clashed over the budget.", "Labour", "GBR", "PTY"),
    ("Labour leader Keir Starmer attacked the plan.", "Labour leader Keir Starmer", "GBR", "PTY"),
    ("The Tories lost the by-election.", "The Tories", "GBR", "PTY"),
    ("Republicans blocked the bill in the Senate.", "Republicans", "USA", "PTY"),
    ("The AfD won the state election.", "The AfD", "DEU", "PTY"),
    ("Law and Justice lost its majority.", "Law and Justice", "POL", "PTY"),
    ("Likud formed a coalition.", "Likud", "ISR", "PTY"),
    ("The Austrian People's Party won the vote.", "The Austrian People's Party", "AUT", "PTY"),
    ("United Russia won the Duma election.", "United Russia", "RUS", "PTY"),
    ("The BJP won the election.", "The BJP", "IND", "PTY"),
    ("Isil claimed responsibility for the bombing.", "Isil", "IS", "REB"),
    ("Daesh militants attacked a checkpoint.", "Daesh militants", "IS", "REB"),
    ("ISIS fighters seized the town.", "ISIS fighters", "IS", "REB"),
    ("Hamas fighters crossed the border.", "Hamas fighters", "HAMAS", "REB"),
    ("Al-Shabaab militants stormed a hotel.", "Al-Shabaab militants", "ALSHABAAB", "REB"),
    ("The Haqqani network planned the attack.", "The Haqqani network", "HAQQANI", "REB"),
    ("Jaish al-Adl attacked a police station.", "Jaish al-Adl", "JAISHADL", "REB"),
    ("The Wagner Group withdrew from Bakhmut.", "The Wagner Group", "WAGNER", "MIL"),
    ("Siemens announced job cuts.", "Siemens", "DEU", "BUS"),
    ("Amnesty International condemned the execution.", "Amnesty International", "AMNESTY", "NGO"),
    ("The European Court of Human Rights ruled against Russia.", "The European Court of Human Rights",
     "ECHR", "JUD"),
    ("Reuters reported the deal.", "Reuters", "GBR", "MED"),
    ("The Muslim Brotherhood was banned.", "The Muslim Brotherhood", "MB", "REL"),
]


@pytest.mark.parametrize(("sentence", "phrase", "root", "sector"), GERMAN)
def test_german_names(de: ActorRecognizer, sentence: str, phrase: str, root: str, sector: str) -> None:
    assert (phrase, root, sector) in codes(find(de, sentence))


@pytest.mark.parametrize(("sentence", "phrase", "root", "sector"), ENGLISH)
def test_english_names(en: ActorRecognizer, sentence: str, phrase: str, root: str, sector: str) -> None:
    assert (phrase, root, sector) in codes(find(en, sentence))


# --- ambiguous spellings -------------------------------------------------------------------------

GERMAN_AMBIGUOUS = [
    # "die Linke" (the left) and "die linke Hand" are no party; the party is "Die Linke"
    ("Die Stimmung in der Partei ist schlecht, die Linke in Europa ist zerstritten.", "Linke", None),
    ("Er hob die Linke zum Gruß.", "Linke", None),
    # shared party names: a party, but whose is left open
    ("Die Grünen wollen das Gesetz stoppen.", "Die Grünen", ("", "PTY")),
    ("Die Sozialdemokraten verloren die Wahl.", "Die Sozialdemokraten", ("", "PTY")),
    ("Sie verbrachten den Sonntag im Grünen.", "Grünen", None),
    # the German court name shared by three countries
    ("Das Bundesverwaltungsgericht wies die Klage ab.", "Das Bundesverwaltungsgericht", ("", "JUD")),
    # "Supreme Court" in German is the American court; "Spiegel" alone is a mirror
    ("Der Supreme Court kippte das Urteil.", "Der Supreme Court", ("USA", "JUD")),
    ("Sie schaute in den Spiegel.", "Spiegel", None),
    ("Das berichtet der SPIEGEL.", "der SPIEGEL", ("DEU", "MED")),
    ("Die Zeit drängt.", "Zeit", None),
    ("Die Allianz hob ihre Gewinnprognose an.", "Allianz", None),
    ("Der Versicherer Allianz hob seine Gewinnprognose an.", "Der Versicherer Allianz", ("DEU", "BUS")),
    ("Das Wasser des Asowschen Meeres ist flach.", "Asow", None),
    ("Die Oper von Richard Wagner wurde gespielt.", "Wagner", None),
    ("Die Demokraten müssen zusammenstehen.", "Demokraten", None),
    ("Die US-Demokraten stellten sich hinter sie.", "Die US-Demokraten", ("USA", "PTY")),
]

ENGLISH_AMBIGUOUS = [
    ("Wages and labour costs rose.", "labour", None),
    ("The Labour Day parade was cancelled.", "Labour", None),
    ("This is what the report says.", "is", None),
    ("The Greens joined the coalition.", "The Greens", ("", "PTY")),
    ("The SAS raided the compound.", "SAS", None),
    ("The Sea of Azov froze.", "Azov", None),
    ("Deforestation in the Amazon rainforest rose.", "Amazon", None),
    ("Amazon cut thousands of jobs.", "Amazon", ("USA", "BUS")),
    ("Egypt's president, Abdel Fatah al-Sisi, met the king.", "Fatah", None),
    ("The Kurdistan Democratic Party won in Erbil.", "The Kurdistan Democratic Party", ("IRQ", "PTY")),
    ("The Democratic Party chose its candidate.", "The Democratic Party", ("USA", "PTY")),
]


def check_ambiguous(recognizer: ActorRecognizer, sentence: str, word: str,
                    code: tuple[str, str] | None) -> None:
    """``code`` None: no mention containing ``word`` is coded; else ``word`` is a mention with that code.

    (A personal name such as "Richard Wagner" may be a mention without code.)
    """
    found = codes(find(recognizer, sentence))
    if code is None:
        assert [c for c in found if word in c[0] and (c[1] or c[2])] == []
    else:
        assert (word, *code) in found


@pytest.mark.parametrize(("sentence", "word", "code"), GERMAN_AMBIGUOUS)
def test_german_ambiguous(
    de: ActorRecognizer, sentence: str, word: str, code: tuple[str, str] | None
) -> None:
    check_ambiguous(de, sentence, word, code)


@pytest.mark.parametrize(("sentence", "word", "code"), ENGLISH_AMBIGUOUS)
def test_english_ambiguous(
    en: ActorRecognizer, sentence: str, word: str, code: tuple[str, str] | None
) -> None:
    check_ambiguous(en, sentence, word, code)


# --- the file format -----------------------------------------------------------------------------


def test_alternations_are_written_out() -> None:
    assert expand_forms("Österreichische{|n} Volkspartei; ÖVP") == [
        "Österreichische Volkspartei", "Österreichischen Volkspartei", "ÖVP"
    ]
    assert expand_forms("Islamische{r|n} Staat{|es}") == [
        "Islamischer Staat", "Islamischer Staates", "Islamischen Staat", "Islamischen Staates"
    ]


HEADER = "code\tcountry\tsector\ttype\tname\tall\tde\ten\tprefix\tnote\n"


@pytest.mark.parametrize(
    "row",
    [
        "X\t\tREB\tgang\tX\tX\t\t\t\t\n",  # unknown type
        "X\t\tROBBERS\trebel\tX\tX\t\t\t\t\n",  # unknown sector
        "x-1\t\tREB\trebel\tX\tX\t\t\t\t\n",  # bad code
        "X\t\tREB\trebel\tX\t\t\t\t\t\n",  # no forms
        "X\t\tREB\trebel\tX\tX\t\t\n",  # too few cells
    ],
)
def test_bad_list_row_names_the_file(tmp_path: Path, row: str) -> None:
    path = tmp_path / "groups.tsv"
    path.write_text(HEADER + row, encoding="utf-8")
    with pytest.raises(DataFileError, match=r"groups\.tsv"):
        read_actor_list(path)
