"""Which time expression dates an event trigger."""

from __future__ import annotations

from time_helpers import anchor_of

from lagebild.time import TimeTagger, governing_expression


def _govern(tagger: TimeTagger, text: str, trigger: str, use_text: bool = True) -> str | None:
    found = tagger.tag(text, anchor_of("2017-03-16"))
    chosen = governing_expression(found, 0, len(text), text.index(trigger), text if use_text else None)
    return chosen.text if chosen else None


def test_fronted_adverbial_governs_the_verb_second_clause(tagger_de: TimeTagger) -> None:
    text = "Am Dienstag traf der Außenminister seinen Amtskollegen, der im Mai zurücktreten will."
    assert _govern(tagger_de, text, "traf") == "Dienstag"


def test_expression_in_the_same_clause_beats_a_nearer_one_across_a_clause_break(
    tagger_de: TimeTagger,
) -> None:
    text = "Im Mai wird gewählt, während die Armee am Montag die Stadt einnahm."
    assert _govern(tagger_de, text, "einnahm") == "Montag"


def test_without_an_earlier_expression_the_nearest_later_one_wins(tagger_en: TimeTagger) -> None:
    text = "Rebels attacked the convoy on Tuesday and again on Friday."
    assert _govern(tagger_en, text, "attacked") == "Tuesday"


def test_durations_and_sets_never_govern(tagger_de: TimeTagger) -> None:
    text = "Seit drei Jahren demonstrieren die Bauern täglich vor dem Ministerium."
    assert _govern(tagger_de, text, "demonstrieren") is None


def test_expressions_outside_the_sentence_are_ignored(tagger_de: TimeTagger) -> None:
    text = "Gestern begann der Gipfel. Die Minister unterzeichneten ein Abkommen."
    found = tagger_de.tag(text, anchor_of("2017-03-16"))
    second = text.index("Die")
    assert governing_expression(found, second, len(text), text.index("unterzeichneten")) is None


def test_works_without_the_text(tagger_de: TimeTagger) -> None:
    text = "Am Montag hatte die Polizei das Camp geräumt, am Dienstag kehrten die Aktivisten zurück."
    assert _govern(tagger_de, text, "kehrten", use_text=False) == "Dienstag"
