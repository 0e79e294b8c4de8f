"""General mechanisms of the event coder, checked on German and English sentences of our own."""

from __future__ import annotations

from coder_helpers import code, keys


def test_object_attribute_is_the_target() -> None:
    events = code(
        "Die Kanzlerin lobte am Freitag die Reformpläne der portugiesischen Regierung.",
        [("Die Kanzlerin", "DEU", "GOV"), ("der portugiesischen Regierung", "PRT", "GOV")],
    )
    assert keys(events) == [("SUPPORT", "DEU", "PRT")]


def test_attribute_inside_a_locative_phrase_is_not_the_target() -> None:
    events = code(
        "Der Minister kritisierte die Lage im Norden Syriens.",
        [("Der Minister", "FRA", "GOV"), ("Syriens", "SYR", "GOV")],
    )
    assert keys(events) == [("ACCUSE", "FRA", "")]


def test_english_of_phrase_is_the_target() -> None:
    events = code(
        "Chile rejected the proposal of the Bolivian government on Monday.",
        [("Chile", "CHL", "GOV"), ("the Bolivian government", "BOL", "GOV")],
        language="en",
    )
    assert ("REJECT", "CHL", "BOL") in keys(events)


def test_specific_entry_of_a_lemma_comes_first() -> None:
    threat = code(
        "Teheran warnte Washington vor ernsten Konsequenzen.",
        [("Teheran", "IRN", "GOV"), ("Washington", "USA", "GOV")],
    )
    assert keys(threat) == [("THREATEN", "IRN", "USA")]
    warning = code(
        "Teheran warnte Washington vor einer Eskalation.",
        [("Teheran", "IRN", "GOV"), ("Washington", "USA", "GOV")],
    )
    assert keys(warning) == [("ACCUSE", "IRN", "USA")]


def test_mutual_exchange_gives_one_event_per_side() -> None:
    events = code(
        "Armenien und Aserbaidschan haben am Sonntag Gefangene ausgetauscht.",
        [("Armenien", "ARM", "GOV"), ("Aserbaidschan", "AZE", "GOV")],
    )
    assert sorted(keys(events)) == [("CONCEDE", "ARM", "AZE"), ("CONCEDE", "AZE", "ARM")]


def test_listed_parties_each_sign_with_the_first() -> None:
    events = code(
        "Peru, Chile und Kolumbien haben am Dienstag ein Handelsabkommen unterzeichnet.",
        [("Peru", "PER", "GOV"), ("Chile", "CHL", "GOV"), ("Kolumbien", "COL", "GOV")],
    )
    assert {("AGREE", "PER", "CHL"), ("AGREE", "PER", "COL")} <= set(keys(events))


def test_denied_content_is_negated_and_the_denial_a_rejection() -> None:
    events = code(
        "Die Regierung in Minsk bestreitet, dass belarussische Truppen nach Polen verlegt worden seien.",
        [("Die Regierung in Minsk", "BLR", "GOV"), ("belarussische Truppen", "BLR", "MIL")],
    )
    assert [(e.type, e.source.root if e.source else "") for e in events if e.type == "REJECT"] == [
        ("REJECT", "BLR")
    ]
    mobilized = [e for e in events if e.type == "MOBILIZE"]
    assert mobilized and all(e.modality == "negated" for e in mobilized)


def test_trigger_needing_a_target_yields_nothing_without_one() -> None:
    alone = code("Der Präsident sprach am Abend lange.", [("Der Präsident", "FRA", "GOV")])
    assert [e for e in alone if e.type] == []
    events = code(
        "Der Präsident sprach am Abend mit dem Kreml.",
        [("Der Präsident", "FRA", "GOV"), ("dem Kreml", "RUS", "GOV")],
    )
    assert keys(events) == [("CONSULT", "FRA", "RUS")]


def test_attacked_place_stands_for_its_country() -> None:
    events = code(
        "Militants attacked a police station in Peshawar on Sunday.",
        [("Militants", "", "REB"), ("a police station", "", "COP")],
        places=[("Peshawar", "PAK")],
        language="en",
    )
    assert events == [] or all(e.source is not None for e in events)
    events = code(
        "Afghan forces attacked a border post in Peshawar on Sunday.",
        [("Afghan forces", "AFG", "MIL")],
        places=[("Peshawar", "PAK")],
        language="en",
    )
    assert keys(events) == [("ASSAULT", "AFG", "PAK")]


def test_passive_agent_and_patient() -> None:
    events = code(
        "Der Antrag Serbiens wurde von der litauischen Regierung abgelehnt.",
        [("Serbiens", "SRB", "GOV"), ("der litauischen Regierung", "LTU", "GOV")],
    )
    assert keys(events) == [("REJECT", "LTU", "SRB")]


def test_passive_without_agent_is_kept_with_an_empty_source() -> None:
    events = code(
        "Der Oppositionsführer Kenias wurde am Morgen festgenommen.",
        [("Der Oppositionsführer Kenias", "KEN", "OPP")],
    )
    assert keys(events) == [("COERCE", "", "KEN")]


def test_english_subject_of_the_trigger_verb_not_of_the_reporting_verb() -> None:
    events = code(
        "Ghana rejected Togo's new border proposal on Friday, an official of the ministry said.",
        [("Ghana", "GHA", "GOV"), ("Togo", "TGO", "GOV"), ("an official", "GHA", "GOV")],
        language="en",
    )
    assert ("REJECT", "GHA", "TGO") in keys(events)


def test_event_noun_takes_the_negation_of_its_clause_but_not_of_another_noun() -> None:
    negated = code(
        "Ein Gipfel zwischen Seoul und Pjöngjang wird es in diesem Jahr nicht mehr geben.",
        [("Seoul", "KOR", "GOV"), ("Pjöngjang", "PRK", "GOV")],
    )
    assert [(e.type, e.modality) for e in negated] == [("CONSULT", "negated")]
    asserted = code(
        "Das Treffen zwischen Seoul und Pjöngjang brachte keinen Durchbruch.",
        [("Seoul", "KOR", "GOV"), ("Pjöngjang", "PRK", "GOV")],
    )
    assert [(e.type, e.modality) for e in asserted] == [("CONSULT", "asserted")]
