"""The German event coder on its own: roles, modality, dates and attribution from real-looking sentences."""

from __future__ import annotations

import datetime as dt

from coder_helpers import code, keys


def test_demand_with_von_target() -> None:
    events = code(
        "Die EU verlangt von der Türkei eine Erklärung zu den Festnahmen.",
        [("Die EU", "EU", "IGO"), ("der Türkei", "TUR", "GOV")],
    )
    assert keys(events) == [("REQUEST", "EU", "TUR")]
    assert events[0].modality == "asserted"
    assert events[0].date_source == "published"


def test_separable_verb_accusation() -> None:
    events = code(
        "Am Montag warf die ukrainische Regierung Moskau vor, Zivilisten anzugreifen.",
        [("die ukrainische Regierung", "UKR", "GOV"), ("Moskau", "RUS", "GOV")],
    )
    assert keys(events) == [("ACCUSE", "UKR", "RUS")]
    assert events[0].trigger == "warf ... vor"


def test_alleged_content_is_not_asserted() -> None:
    events = code(
        "Der Außenminister warf Russland vor, die Rebellen mit Waffen zu beliefern und Kiew anzugreifen.",
        [("Der Außenminister", "DEU", "GOV"), ("Russland", "RUS", "GOV"), ("Kiew", "UKR", "GOV")],
    )
    assert all(e.modality != "asserted" or e.type == "ACCUSE" for e in events)
    assert ("ASSAULT", "RUS", "UKR") not in [
        k for k, e in zip(keys(events), events, strict=True) if e.modality == "asserted"
    ]


def test_coordinated_subjects_agree_with_each_other() -> None:
    events = code(
        "Berlin und Paris haben vereinbart, dass die Außenminister im Mai in Warschau beraten sollen.",
        [("Berlin", "DEU", "GOV"), ("Paris", "FRA", "GOV")],
    )
    assert ("AGREE", "DEU", "FRA") in keys(events)


def test_agreed_meeting_is_planned_and_dated() -> None:
    events = code(
        "Washington und Moskau haben vereinbart, dass der Abrüstungsrat am 12. Mai tagen soll.",
        [("Washington", "USA", "GOV"), ("Moskau", "RUS", "GOV"), ("der Abrüstungsrat", "UN", "IGO")],
        times=[("am 12. Mai", "2017-05-12", "day", dt.date(2017, 5, 12), dt.date(2017, 5, 12))],
    )
    meeting = [e for e in events if e.type == "CONSULT"]
    assert meeting, keys(events)
    assert meeting[0].modality == "planned"
    assert meeting[0].date is not None and meeting[0].date.value == "2017-05-12"
    assert meeting[0].date_source == "text"


def test_passive_agent_is_the_source() -> None:
    events = code(
        "Die Stadt Mariupol wurde von der russischen Armee bombardiert.",
        [("Die Stadt Mariupol", "UKR", None), ("der russischen Armee", "RUS", "MIL")],
    )
    assert keys(events) == [("ASSAULT", "RUS", "UKR")]


def test_event_noun_with_genitive_and_mit() -> None:
    events = code(
        "Die Gespräche der Bundesregierung mit Peking wurden fortgesetzt.",
        [("der Bundesregierung", "DEU", "GOV"), ("Peking", "CHN", "GOV")],
    )
    assert keys(events) == [("CONSULT", "DEU", "CHN")]


def test_broken_off_talks_are_a_sanction_not_a_meeting() -> None:
    events = code(
        "Die Regierung in Ankara hat die Verhandlungen mit der EU abgebrochen.",
        [("Die Regierung in Ankara", "TUR", "GOV"), ("der EU", "EU", "IGO")],
    )
    assert keys(events) == [("SANCTION", "TUR", "EU")]


def test_negated_verb() -> None:
    events = code(
        "Die Türkei kritisiert Schweden nicht.",
        [("Die Türkei", "TUR", "GOV"), ("Schweden", "SWE", "GOV")],
    )
    assert [e.modality for e in events] == ["negated"]


def test_hypothetical_verb() -> None:
    events = code(
        "Nordkorea könnte Südkorea angreifen.",
        [("Nordkorea", "PRK", "GOV"), ("Südkorea", "KOR", "GOV")],
    )
    assert keys(events) == [("ASSAULT", "PRK", "KOR")]
    assert events[0].modality == "hypothetical"


def test_planned_by_modal() -> None:
    events = code(
        "Der französische Präsident will am Freitag Kiew besuchen.",
        [("Der französische Präsident", "FRA", "GOV"), ("Kiew", "UKR", "GOV")],
    )
    assert keys(events) == [("CONSULT", "FRA", "UKR")]
    assert events[0].modality == "planned"


def test_attribution_and_place() -> None:
    events = code(
        "Nach Reuters-Informationen haben Soldaten der Armee in Mali Oppositionelle festgenommen.",
        [("Soldaten der Armee", "MLI", "MIL"), ("Oppositionelle", "MLI", "OPP")],
        places=[("Mali", "MLI")],
    )
    assert len(events) == 1
    assert events[0].attribution == "Reuters"
    assert events[0].location is not None and events[0].location.country == "MLI"


def test_sentence_without_trigger_gives_nothing() -> None:
    events = code(
        "Der Kanzler reiste mit dem Zug nach Hamburg und aß dort zu Mittag.",
        [("Der Kanzler", "DEU", "GOV")],
    )
    assert events == []


def test_ids_are_stable_and_distinct() -> None:
    text = "Die Nato kritisiert Moskau. Moskau kritisiert die Nato."
    actors = [("Die Nato", "NATO", "IGO"), ("die Nato", "NATO", "IGO"), ("Moskau", "RUS", "GOV")]
    first, second = code(text, actors), code(text, actors)
    assert [e.id for e in first] == [e.id for e in second]
    assert len({e.id for e in first}) == len(first) == 2


def test_event_noun_as_object_of_event_verb_takes_no_clause_subject() -> None:
    events = code(
        "Der Kreml wies die Forderung am Dienstag zurück.",
        [("Der Kreml", "RUS", "GOV")],
    )
    assert [e.type for e in events] == ["REJECT"]
    assert events[0].trigger == "wies ... zurück"


def test_future_auxiliary_plans_but_passive_does_not() -> None:
    future = code(
        "Der Kanzler wird am Montag den polnischen Präsidenten treffen.",
        [("Der Kanzler", "DEU", "GOV"), ("den polnischen Präsidenten", "POL", "GOV")],
    )
    passive = code(
        "Die Stadt wird von der Armee beschossen.",
        [("Die Stadt", "UKR", None), ("der Armee", "RUS", "MIL")],
    )
    assert [e.modality for e in future] == ["planned"]
    assert [e.modality for e in passive] == ["asserted"]


def test_calling_into_question_is_criticism() -> None:
    parties = [("Merkel", "DEU", "GOV"), ("der Türkei", "TUR", "GOV")]
    events = code("Merkel stellt die Politik der Türkei infrage.", parties)
    assert keys(events) == [("ACCUSE", "DEU", "TUR")]
    asking = code("Er stellte Merkel eine Frage.", [("Merkel", "DEU", "GOV")])
    assert keys(asking) == []


def test_a_raid_is_coercion() -> None:
    events = code(
        "Die Polizei führte eine Razzia bei der Partei HDP durch.",
        [("Die Polizei", "TUR", "COP"), ("der Partei HDP", "TUR", "PTY")],
    )
    assert keys(events) == [("COERCE", "TUR", "TUR")]


def test_a_strong_past_tense_in_the_reformed_spelling_is_a_verb() -> None:
    # "beschoss" is listed only as "beschoß"; its lemma, "beschießen", is a trigger
    parties = [("Russland", "RUS", "GOV"), ("die Ukraine", "UKR", "GOV")]
    events = code("Russland beschoss die Ukraine.", parties)
    assert keys(events) == [("ASSAULT", "RUS", "UKR")]
