"""Anchors of every precision: day, month (the seed article), year and none."""

from __future__ import annotations

from itertools import pairwise

import pytest
from time_helpers import anchor_of, bounds, find

from lagebild.time import TimeTagger, UnsupportedLanguageError, load_time_tagger

# (sentence, anchor, expression, value, granularity, earliest, latest)
MONTH_ANCHOR_CASES = [
    (
        "In dieser Woche trafen sich die Außenminister in Brüssel.",
        "2017-03",
        "dieser Woche",
        "2017-WXX",
        "week",
        "2017-02-27",
        "2017-04-02",
    ),
    (
        "Letzte Woche hatte Ankara den Botschafter einbestellt.",
        "2017-03",
        "Letzte Woche",
        "2017-WXX",
        "week",
        "2017-02-20",
        "2017-03-26",
    ),
    (
        "Gestern wurde der Oppositionsführer festgenommen.",
        "2017-03",
        "Gestern",
        "2017-XX-XX",
        "day",
        "2017-02-28",
        "2017-03-30",
    ),
    (
        "Heute beginnt der Prozess gegen die Journalisten.",
        "2017-03",
        "Heute",
        "2017-03-XX",
        "day",
        "2017-03-01",
        "2017-03-31",
    ),
    (
        "Am 30. März will das Parlament abstimmen.",
        "2017-03",
        "30. März",
        "2017-03-30",
        "day",
        "2017-03-30",
        "2017-03-30",
    ),
    (
        "Im vergangenen Monat flohen Tausende über die Grenze.",
        "2017-03",
        "vergangenen Monat",
        "2017-02",
        "month",
        "2017-02-01",
        "2017-02-28",
    ),
    (
        "Im April soll das Referendum stattfinden.",
        "2017-03",
        "April",
        "2017-04",
        "month",
        "2017-04-01",
        "2017-04-30",
    ),
    (
        "Am Dienstag hatte die Polizei das Gebäude gestürmt.",
        "2017-03",
        "Dienstag",
        "2017-XX-XX",
        "day",
        "2017-02-28",
        "2017-03-28",
    ),
    (
        "Um 14 Uhr begann die Kundgebung.",
        "2017-03",
        "14 Uhr",
        "2017-03-XXT14:00",
        "time",
        "2017-03-01",
        "2017-03-31",
    ),
    (
        "Derzeit sind rund 300 Beobachter im Land.",
        "2017-03",
        "Derzeit",
        "PRESENT_REF",
        "none",
        "2017-03-01",
        "2017-03-31",
    ),
    (
        "Seit Frühling 2016 sitzt der Korrespondent in Haft.",
        "2017-03",
        "Frühling 2016",
        "2016-SP",
        "season",
        "2016-03-01",
        "2016-05-31",
    ),
    ("Gestern wurde gewählt.", "2017", "Gestern", "XXXX-XX-XX", "day", "2016-12-31", "2017-12-30"),
    ("Im Mai wird gewählt.", "2017", "Mai", "XXXX-05", "month", "2017-05-01", "2018-05-31"),
]

NO_ANCHOR_CASES = [
    ("Am 30. März will das Parlament abstimmen.", "30. März", "XXXX-03-30"),
    ("Gestern wurde der Oppositionsführer festgenommen.", "Gestern", "XXXX-XX-XX"),
    ("Im Frühjahr soll die Offensive beginnen.", "Frühjahr", "XXXX-SP"),
    ("Am 30. März 2017 will das Parlament abstimmen.", "30. März 2017", "2017-03-30"),
]


@pytest.mark.parametrize(
    ("sentence", "anchor", "expression", "value", "granularity", "earliest", "latest"), MONTH_ANCHOR_CASES
)
def test_coarse_anchor_gives_honest_values(
    tagger_de: TimeTagger,
    sentence: str,
    anchor: str,
    expression: str,
    value: str,
    granularity: str,
    earliest: str,
    latest: str,
) -> None:
    found = find(tagger_de.tag(sentence, anchor_of(anchor)), expression)
    assert (found.value.value, found.value.granularity) == (value, granularity)
    assert bounds(found) == (earliest, latest)


@pytest.mark.parametrize(("sentence", "expression", "value"), NO_ANCHOR_CASES)
def test_without_anchor_relative_values_stay_open(
    tagger_de: TimeTagger, sentence: str, expression: str, value: str
) -> None:
    found = find(tagger_de.tag(sentence, None), expression)
    assert found.value.value == value
    if "X" in value:
        assert bounds(found) == (None, None)


def test_narrative_text_takes_year_from_the_text(tagger_de: TimeTagger) -> None:
    text = (
        "Im März 1992 verlor die Statue ihre Nase. Im April brachte man sie in den Innenhof, "
        "am 3. Mai wurde sie restauriert."
    )
    found = tagger_de.tag(text, anchor_of("2013-03-27"))
    assert find(found, "April").value.value == "1992-04"
    assert find(found, "3. Mai").value.value == "1992-05-03"


def test_news_text_keeps_the_anchor_year_after_a_recent_year(tagger_de: TimeTagger) -> None:
    text = "Schon 2016 war die Lage angespannt. Im April wird erneut verhandelt."
    found = tagger_de.tag(text, anchor_of("2017-03-10"))
    assert find(found, "April").value.value == "2017-04"


def test_clock_time_takes_the_day_last_named(tagger_de: TimeTagger) -> None:
    found = tagger_de.tag("Die Sitzung am 9. Juli beginnt um 20.30 Uhr.", anchor_of("2015-07-07"))
    assert find(found, "20.30 Uhr").value.value == "2015-07-09T20:30"


def test_expressions_are_sorted_non_overlapping_and_point_into_the_text(tagger_de: TimeTagger) -> None:
    text = (
        "Am Dienstag, 14. März 2017, kündigte die Regierung an, bis Ende des Jahres 2000 Soldaten "
        "abzuziehen. Vor drei Jahren waren es noch doppelt so viele, seit 2015 sinkt die Zahl."
    )
    found = tagger_de.tag(text, anchor_of("2017-03-15"))
    assert [e.text for e in found] == [text[e.start : e.end] for e in found]
    assert all(a.end <= b.start for a, b in pairwise(found))
    assert not [e.text for e in found if "2000" in e.text]


def test_unknown_language_is_a_clear_error() -> None:
    with pytest.raises(UnsupportedLanguageError, match="available"):
        load_time_tagger("xx")
