"""People named by surname alone in the places German news keeps for people ([bare_names])."""

from __future__ import annotations

import pytest
from actor_helpers import find

from lagebild.actors import ActorRecognizer


def _people(recognizer: ActorRecognizer, text: str) -> list[str]:
    """People no list knows: actor mentions with neither a code nor a sector."""
    actors = [m for m in find(recognizer, text) if m.actor is not None]
    return [m.text for m in actors if m.actor is not None and not m.actor.root and not m.actor.sector]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Die Politik schuldet der Rechtsprechung Respekt, mahnt Wolff.", "Wolff"),
        ("Das sei der falsche Weg, so Aiginger.", "Aiginger"),
        ("Seit langem drängt Possert die offiziellen Stellen der Stadt, endlich zu handeln.", "Possert"),
        ("Südhof betont allerdings, dass die Forschung Zeit braucht.", "Südhof"),
        ("Das sagte gestern Abgeordneter Peter Pilz (Grüne) im Parlament.", "Peter Pilz"),
        ("Im Ausschuss sprach Stainer-Hämmerle (SPÖ) von einem Fehler.", "Stainer-Hämmerle"),
    ],
)
def test_a_surname_alone_in_a_cue_is_a_person(de: ActorRecognizer, text: str, person: str) -> None:
    assert _people(de, text) == [person]


@pytest.mark.parametrize(
    "text",
    [
        "Wie berichtet sollen auch strengere Regeln beschlossen werden.",
        "Erneut kritisierte er die Entscheidung der Kommission.",
        "Man fordert Aufklärung die Sache betreffend, sagte Anfang der Woche die Zeitung.",
        "Sie sehen Handlungsbedarf, sagte Montag die Zeitung.",
        "Offiziell bestätigt wurde bisher nichts.",
    ],
)
def test_common_nouns_and_sentence_openers_are_not_people(de: ActorRecognizer, text: str) -> None:
    assert _people(de, text) == []


def test_a_surname_found_by_a_cue_names_the_person_elsewhere_in_the_article(de: ActorRecognizer) -> None:
    text = "Wolff will mehr Geld für die Justiz. Das Gericht sei überlastet, so Wolff."
    assert _people(de, text) == ["Wolff", "Wolff"]


def test_english_has_no_cues_of_its_own_yet(en: ActorRecognizer) -> None:
    assert _people(en, "The courts must serve the citizens, said Wolff.") == []
