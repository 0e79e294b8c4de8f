"""Bare roles, pronouns and office holders: what is resolved, and what is left open."""

from __future__ import annotations

import datetime as dt

import pytest
from actor_helpers import codes, find

from lagebild.actors import ActorRecognizer, load_actor_recognizer
from lagebild.actors.office_holders import OfficeTerm
from lagebild.actors.resolve import choose_term
from lagebild.dates import parse_calendar_date


def labelled(recognizer: ActorRecognizer, text: str, published: str | None = "2017-03") -> list[tuple]:
    return [(m.text, m.actor.root if m.actor else "", m.actor.sector if m.actor else None, m.label)
            for m in find(recognizer, text, published)]


# --- bare roles ----------------------------------------------------------------------------------

def test_bare_role_takes_the_one_fitting_actor_of_the_previous_sentence(de: ActorRecognizer) -> None:
    text = ("Russland hatte die Aufrüstung oft mit der Stationierung von Nato-Truppen gerechtfertigt. "
            "Diese Einheiten sollen die Bündnispartner absichern.")
    assert ("Diese Einheiten", "NATO", "MIL", "anaphor") in labelled(de, text)


def test_bare_government_takes_the_country_before_it(de: ActorRecognizer) -> None:
    text = "Polen hat die Grenze geschlossen. Die Regierung begründete das mit der Lage."
    assert ("Die Regierung", "POL", "GOV", "anaphor") in labelled(de, text)


def test_bare_minister_takes_the_country_in_the_same_sentence(de: ActorRecognizer) -> None:
    text = "Nach dem Streit mit Frankreich kündigte der Minister Gespräche an."
    assert ("der Minister", "FRA", "GOV", "anaphor") in labelled(de, text)


def test_bare_role_with_two_candidate_roots_stays_rootless(de: ActorRecognizer) -> None:
    text = ("Die Nato hatte die Beratungen mit Russland eingestellt. "
            "Seit 2016 treffen sich die Botschafter wieder.")
    assert ("die Botschafter", "", "GOV", "role") in labelled(de, text)


def test_bare_role_without_anything_before_it_stays_rootless(de: ActorRecognizer) -> None:
    assert labelled(de, "Die Regierung trat zurück.") == [("Die Regierung", "", "GOV", "role")]


def test_unresolved_role_that_needs_an_owner_is_dropped(de: ActorRecognizer) -> None:
    assert labelled(de, "Die Führung schweigt dazu.") == []


def test_role_that_needs_its_own_owner_is_not_resolved(de: ActorRecognizer) -> None:
    text = "China hat reagiert. Die Demonstranten wollten subtile Botschaften verbreiten."
    assert [row for row in labelled(de, text) if "Botschaften" in row[0]] == []


def test_government_role_does_not_fit_an_armed_group(de: ActorRecognizer) -> None:
    text = "Der IS bekannte sich zu dem Anschlag. Der Angreifer rannte auf das Auto des Beamten zu."
    assert ("des Beamten", "", "GOV", "role") in labelled(de, text)


def test_jihadists_refer_back_only_to_a_jihadist_group(en: ActorRecognizer, de: ActorRecognizer) -> None:
    # Guardian wording: the rebels named before them are the jihadists' enemy, not the jihadists.
    text = "The SDF began its assault on Raqqa in June but a few hundred jihadists remained in the city."
    assert ("jihadists", "", "REB", "role") in labelled(en, text, "2017-10-17")
    text = "Islamic State lost Raqqa. The jihadists attacked Kurdish forces."
    assert ("The jihadists", "IS", "REB", "anaphor") in labelled(en, text, "2017-10-17")
    text = "Die kurdischen Kämpfer eroberten Mossul von der Terrormiliz IS zurück. Die Dschihadisten flohen."
    assert ("Die Dschihadisten", "IS", "REB", "anaphor") in labelled(de, text, "2017-10-17")


def test_role_is_not_resolved_across_a_gap_of_two_sentences(de: ActorRecognizer) -> None:
    text = "Polen hat die Grenze geschlossen. Es regnete. Die Regierung begründete das."
    assert ("Die Regierung", "", "GOV", "role") in labelled(de, text)


def test_english_bare_role_resolution(en: ActorRecognizer) -> None:
    text = "Poland closed its border on Monday. The government said the move was temporary."
    assert ("The government", "POL", "GOV", "anaphor") in labelled(en, text)


# --- pronouns ------------------------------------------------------------------------------------

def test_pronoun_takes_the_one_person_of_the_previous_sentence(de: ActorRecognizer) -> None:
    text = "Moskaus Generalmajor Sergej Orlow soll berichten. Er gilt als Hardliner."
    assert ("Er", "RUS", "MIL", "anaphor") in labelled(de, text)


def test_pronoun_with_two_persons_before_it_is_left_alone(de: ActorRecognizer) -> None:
    text = ("Präsident Wladimir Putin traf Generalsekretär Jens Stoltenberg. Er sprach von einem "
            "offenen Gespräch.")
    assert [row for row in labelled(de, text) if row[0] == "Er"] == []


def test_german_sie_needs_a_woman(de: ActorRecognizer) -> None:
    male = "Präsident Wladimir Putin sprach lange. Sie hörten zu."
    female = "Die russische Botschafterin sprach lange. Sie forderte Aufklärung."
    assert [row for row in labelled(de, male) if row[0] == "Sie"] == []
    assert ("Sie", "RUS", "GOV", "anaphor") in labelled(de, female)


def test_english_he_takes_the_person(en: ActorRecognizer) -> None:
    text = "Russian President Vladimir Putin spoke for an hour. He said the talks went well."
    assert ("He", "RUS", "GOV", "anaphor") in labelled(en, text)


def test_pronoun_without_person_is_not_emitted(en: ActorRecognizer) -> None:
    assert [row for row in labelled(en, "NATO met. He said nothing.") if row[0] == "He"] == []


# --- persons and office terms -------------------------------------------------------------------

def test_name_seen_with_owner_codes_later_mentions(de: ActorRecognizer) -> None:
    text = "Moskaus Generalmajor Sergej Orlow soll berichten. Später soll Generalmajor Orlow antworten."
    assert ("Generalmajor Orlow", "RUS", "MIL", "person") in labelled(de, text)


@pytest.mark.parametrize(
    ("published", "root", "sector"),
    [("2017-03", "NATO", "IGO"), ("2010-06-01", "NOR", "GOV"), ("2012", "NOR", "GOV"), (None, "NATO", "IGO")],
)
def test_office_holder_is_coded_by_the_term_of_the_publication_date(
    de: ActorRecognizer, published: str | None, root: str, sector: str
) -> None:
    rows = labelled(de, "Stoltenberg äußerte sich zurückhaltend.", published)
    assert rows == [("Stoltenberg", root, sector, "office_holder")]


def test_office_holder_out_of_office_has_no_code(de: ActorRecognizer) -> None:
    assert labelled(de, "Stoltenberg äußerte sich.", "2000-01-01") == [("Stoltenberg", "", None, "person")]


def test_text_owner_beats_office_term(de: ActorRecognizer) -> None:
    text = "Der norwegische Politiker Jens Stoltenberg äußerte sich."
    assert codes(find(de, text)) == [("Der norwegische Politiker Jens Stoltenberg", "NOR", "PTY")]


def test_choose_term_prefers_the_term_covering_the_whole_period() -> None:
    old = OfficeTerm("A", (), "AAA", None, "GOV", "x", dt.date(2010, 1, 1), dt.date(2017, 3, 10), "t")
    new = OfficeTerm("A", (), "BBB", None, "GOV", "x", dt.date(2017, 3, 10), None, "t")
    assert choose_term([old, new], parse_calendar_date("2017-03-05")) is old
    assert choose_term([old, new], parse_calendar_date("2017-04")) is new
    assert choose_term([old, new], parse_calendar_date("2017-03")) is new  # overlaps both: later start
    assert choose_term([old, new], None) is new
    assert choose_term([], None) is None


def test_recognizer_uses_shipped_office_holders_by_default() -> None:
    recognizer = load_actor_recognizer("de")
    assert recognizer.find("Die Nato tagt.", [], None)[0].actor is not None
