"""Trigger breadth: every CAMEO code news reports use has German and English triggers.

The coverage tests read the loaded lexicons (events.toml and the events_*.toml files after it),
not the files' text. The sentence tests show entries of the breadth files coding type, source and
target; the loader tests pin how package and user trigger files combine.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from coder_helpers import code, keys

from lagebild.datafiles import package_path
from lagebild.events.lexicon import EventLexicon, load_event_lexicon

LANGUAGES = ("de", "en")

# Four-digit codes that news reports commonly use, beside all three-digit codes, by what they say.
_NEWS_FOUR_DIGIT = {
    "appeals for aid and peacekeepers, for a new leader, for releases, for de-escalation": (
        "0231 0232 0233 0234 0241 0253 0256"
    ),
    "intent to give aid and peacekeepers, to release people, to ease sanctions, to de-escalate": (
        "0331 0332 0333 0334 0353 0354 0356"
    ),
    "lifting bans, curfews, emergency rule; releases, returns; admitting peacekeepers, inspectors, aid": (
        "0812 0813 0814 0841 0842 0861 0862 0863"
    ),
    "ceasefires, easing blockades, demobilising, retreating": "0871 0872 0873 0874",
    "demands for aid, a new leader, rights, releases, sanction relief, de-escalation": (
        "1031 1032 1033 1034 1041 1043 1053 1054 1056"
    ),
    "accusations of crimes, abuses, aggression, war crimes, spying": "1121 1122 1123 1124 1125",
    "rejecting aid, resignation, releases, sanction relief, outside involvement, de-escalation": (
        "1221 1222 1224 1231 1243 1244 1245 1246"
    ),
    "threats to cut aid, of sanctions, to break relations, of bans, curfews, emergency rule": (
        "1311 1312 1313 1322 1323 1324"
    ),
    "threats of blockade, occupation, terror, attack, mass destruction": "1381 1382 1383 1384 1385",
    "cutting aid; expelling peacekeepers, inspectors, aid agencies": "1621 1622 1623 1661 1662 1663",
    "confiscating, destroying property; restricting freedoms, bans, curfews, martial law": (
        "1711 1712 1721 1722 1723 1724"
    ),
    "sexual assault, torture, killing; suicide, car, roadside and placed bombs": (
        "1821 1822 1823 1831 1832 1833 1834"
    ),
    "guided bombs, armed drones, chemical and nuclear weapons": "1951 1952 2041 2042",
}
NEWS_FOUR_DIGIT_CODES = tuple(code for codes in _NEWS_FOUR_DIGIT.values() for code in codes.split())


def _cameo_codes() -> list[str]:
    """The codes of data/cameo.tsv, in file order."""
    path = package_path("data", "cameo.tsv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return [row[0] for row in rows if row and row[0].isdigit()]


def _coded(lexicon: EventLexicon) -> set[str]:
    """Every CAMEO code some verb or noun trigger of a lexicon expresses."""
    return {t.cameo for table in (lexicon.verbs, lexicon.nouns) for ts in table.values() for t in ts}


@pytest.fixture(scope="module")
def coded() -> dict[str, set[str]]:
    return {language: _coded(load_event_lexicon(language)) for language in LANGUAGES}


def test_every_three_digit_code_has_triggers_in_both_languages(coded: dict[str, set[str]]) -> None:
    three_digit = [c for c in _cameo_codes() if len(c) == 3]
    assert (three_digit[0], three_digit[-1], len(three_digit)) == ("010", "204", 149)
    missing = [
        f"{code} ({language})"
        for code in three_digit
        for language in LANGUAGES
        if code not in coded[language]
    ]
    assert not missing, f"CAMEO codes without a trigger: {', '.join(missing)}"


def test_news_four_digit_codes_have_triggers_in_both_languages(coded: dict[str, set[str]]) -> None:
    known = set(_cameo_codes())
    assert not [c for c in NEWS_FOUR_DIGIT_CODES if c not in known or len(c) != 4]
    missing = [
        f"{code} ({language})"
        for code in NEWS_FOUR_DIGIT_CODES
        for language in LANGUAGES
        if code not in coded[language]
    ]
    assert not missing, f"four-digit CAMEO codes without a trigger: {', '.join(missing)}"


# ---------------------------------------------------------------- loader


def test_package_files_are_read_after_events_toml_and_appended() -> None:
    lexicon = load_event_lexicon("de")
    # "aufheben" lifts sanctions in events.toml; the breadth file adds no reading that could win.
    assert lexicon.verbs["aufheben"][0].cameo == "081"
    # "verteidigen" has its events.toml reading first, the breadth file's after it.
    cameos = [t.cameo for t in lexicon.verbs["verteidigen"]]
    assert cameos[0] == "051" and "052" in cameos[1:]
    # a lemma only the breadth file has is there
    assert [t.cameo for t in lexicon.verbs["einbestellen"]] == ["114"]


def test_user_file_replaces_all_package_entries_of_a_lemma(tmp_path: Path) -> None:
    user = tmp_path / "events_de.toml"
    user.write_text(
        '[[verb]]\nlemma = "verteidigen"\ncameo = "052"\nsource = ["subj"]\ntarget = ["obj"]\n'
        '[[verb]]\nlemma = "verteidigen"\ncameo = "051"\nsource = ["subj"]\ntarget = ["obj"]\n',
        encoding="utf-8",
    )
    lexicon = load_event_lexicon("de", [user])
    assert [t.cameo for t in lexicon.verbs["verteidigen"]] == ["052", "051"]
    assert "einbestellen" in lexicon.verbs  # other lemmas of the package files stay


# ---------------------------------------------------------------- German sentences


def test_de_summoning_an_ambassador_is_a_complaint() -> None:
    events = code(
        "Das Auswärtige Amt bestellte am Montag den russischen Botschafter ein.",
        [("Das Auswärtige Amt", "DEU", "GOV"), ("den russischen Botschafter", "RUS", "GOV")],
    )
    assert keys(events) == [("ACCUSE", "DEU", "RUS")]
    assert events[0].cameo == "114"
    assert events[0].trigger == "bestellte ... ein"


def test_de_loan_request_to_the_imf() -> None:
    events = code(
        "Griechenland beantragte beim IWF einen Notkredit.",
        [("Griechenland", "GRC", "GOV"), ("IWF", "IMF", "IGO")],
    )
    assert keys(events) == [("REQUEST", "GRC", "IMF")]
    assert events[0].cameo == "0231"


def test_de_calling_a_state_an_aggressor_is_an_accusation() -> None:
    events = code(
        "Die Regierung in Kiew bezeichnet Russland als Aggressor.",
        [("Die Regierung in Kiew", "UKR", "GOV"), ("Russland", "RUS", "GOV")],
    )
    assert keys(events) == [("ACCUSE", "UKR", "RUS")]
    assert events[0].cameo == "1123"


def test_de_ruling_out_talks_is_a_rejection() -> None:
    events = code(
        "Kiew schloss Verhandlungen mit Moskau aus.",
        [("Kiew", "UKR", "GOV"), ("Moskau", "RUS", "GOV")],
    )
    assert keys(events) == [("REJECT", "UKR", "RUS")]
    assert events[0].cameo == "125"


def test_de_sanctions_held_out_are_a_threat() -> None:
    events = code(
        "Die USA stellten China weitere Sanktionen in Aussicht.",
        [("Die USA", "USA", "GOV"), ("China", "CHN", "GOV")],
    )
    assert keys(events) == [("THREATEN", "USA", "CHN")]
    assert events[0].cameo == "1312"


def test_de_cut_in_military_aid() -> None:
    events = code(
        "Die USA kürzen die Militärhilfe für Ägypten.",
        [("Die USA", "USA", "GOV"), ("Ägypten", "EGY", "GOV")],
    )
    assert keys(events) == [("SANCTION", "USA", "EGY")]
    assert events[0].cameo == "1622"


def test_de_hostage_taking_and_threat_noun() -> None:
    hostages = code(
        "Die Hamas nahm Dutzende Israelis als Geiseln.",
        [("Die Hamas", "HAMAS", "REB"), ("Dutzende Israelis", "ISR", "CVL")],
    )
    assert keys(hostages) == [("ASSAULT", "HAMAS", "ISR")]
    assert hostages[0].cameo == "181"
    threat = code(
        "Die Drohung Moskaus mit einem Atomschlag gegen den Westen sorgte in Washington für Unruhe.",
        [("Moskaus", "RUS", "GOV"), ("den Westen", "WST", "GOV")],
    )
    assert keys(threat) == [("THREATEN", "RUS", "WST")]
    assert threat[0].cameo == "1385"


def test_de_everyday_readings_stay_silent() -> None:
    # "anbieten", "legen", "zeigen" and "setzen" have breadth readings only with their political objects
    assert not code(
        "Siemens bietet seinen Kunden in China neue Produkte an.",
        [("Siemens", "DEU", "BUS"), ("China", "CHN", None)],
    )
    assert not code(
        "Der Bundestag legte die Sitzung auf Donnerstag und zeigte sich gut gelaunt.",
        [("Der Bundestag", "DEU", "LEG")],
    )
    assert not code(
        "Die Regierung setzte sich in Brüssel an die Spitze der Debatte.",
        [("Die Regierung", "DEU", "GOV")],
    )


# ---------------------------------------------------------------- English sentences


def test_en_summoning_an_ambassador_is_a_complaint() -> None:
    events = code(
        "Germany summoned Russia's ambassador on Monday.",
        [("Germany", "DEU", "GOV"), ("Russia", "RUS", "GOV")],
        language="en",
    )
    assert keys(events) == [("ACCUSE", "DEU", "RUS")]
    assert events[0].cameo == "114"


def test_en_loan_request_to_the_imf() -> None:
    events = code(
        "Greece sought a loan from the IMF.",
        [("Greece", "GRC", "GOV"), ("the IMF", "IMF", "IGO")],
        language="en",
    )
    assert keys(events) == [("REQUEST", "GRC", "IMF")]
    assert events[0].cameo == "0231"


def test_en_ruling_out_talks_is_a_rejection() -> None:
    events = code(
        "Kyiv ruled out negotiations with Moscow.",
        [("Kyiv", "UKR", "GOV"), ("Moscow", "RUS", "GOV")],
        language="en",
    )
    assert keys(events) == [("REJECT", "UKR", "RUS")]
    assert events[0].cameo == "125"
    assert events[0].trigger == "ruled out"


def test_en_restored_ties_and_prisoner_exchange() -> None:
    ties = code(
        "Saudi Arabia and Iran restored diplomatic ties.",
        [("Saudi Arabia", "SAU", "GOV"), ("Iran", "IRN", "GOV")],
        language="en",
    )
    assert keys(ties) == [("SUPPORT", "SAU", "IRN")]
    swap = code(
        "Russia and Ukraine exchanged prisoners.",
        [("Russia", "RUS", "GOV"), ("Ukraine", "UKR", "GOV")],
        language="en",
    )
    assert sorted(keys(swap)) == [("RETREAT", "RUS", "UKR"), ("RETREAT", "UKR", "RUS")]
    assert {e.cameo for e in swap} == {"0841"}


def test_en_cut_in_military_aid_and_hostage_taking() -> None:
    cut = code(
        "The United States cut military aid to Egypt.",
        [("The United States", "USA", "GOV"), ("Egypt", "EGY", "GOV")],
        language="en",
    )
    assert keys(cut) == [("SANCTION", "USA", "EGY")]
    assert cut[0].cameo == "1622"
    hostages = code(
        "Hamas took dozens of Israelis hostage.",
        [("Hamas", "HAMAS", "REB"), ("Israelis", "ISR", "CVL")],
        language="en",
    )
    assert keys(hostages) == [("ASSAULT", "HAMAS", "ISR")]
    assert hostages[0].cameo == "181"


def test_en_threat_noun_names_the_weapon() -> None:
    events = code(
        "Russia's threat of a nuclear strike against the West alarmed Washington.",
        [("Russia", "RUS", "GOV"), ("the West", "WST", "GOV"), ("Washington", "USA", "GOV")],
        language="en",
    )
    assert keys(events) == [("THREATEN", "RUS", "WST")]
    assert events[0].cameo == "1385"


def test_en_alleged_violation_is_not_an_asserted_assault() -> None:
    events = code(
        "Ukraine accused Russia of violating the ceasefire.",
        [("Ukraine", "UKR", "GOV"), ("Russia", "RUS", "GOV")],
        language="en",
    )
    assert keys(events) == [("ACCUSE", "UKR", "RUS")]


def test_en_everyday_readings_stay_silent() -> None:
    assert not code(
        "The company offered its customers in China new products.",
        [("The company", "USA", "BUS"), ("China", "CHN", None)],
        language="en",
    )
    assert not code(
        "Germany used the break to rest its players and ended the training early.",
        [("Germany", "DEU", None)],
        language="en",
    )
