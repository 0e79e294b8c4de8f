"""English news phrasing: tense read from the expression's own clause, pairs of days, lengths,
vague periods, holidays computed from weekdays and the scorer's one spelling of values."""

from __future__ import annotations

import pytest
from time_helpers import anchor_of, assert_tagged, find

from lagebild.time import TimeTagger
from lagebild.time.evaluate import canonical_value

# (sentence, anchor, expression text, value, earliest, latest)
CASES = [
    # A clause opened by "that" has its own tense: *would* speaks of the coming Thursday even
    # though the reporting clause is past (2000-04-05 is a Wednesday).
    (
        "The lawyer announced in Washington that the minister would be travelling to the United States"
        " Thursday with his family.",
        "2000-04-05",
        "Thursday",
        "2000-04-06",
        "2000-04-06",
        "2000-04-06",
    ),
    # A passive present ("is heard") is no past tense: the nearest May.
    (
        "The family still had not signed the agreement and will fight on when the appeal is heard in May.",
        "2000-03-29",
        "May",
        "2000-05",
        "2000-05-01",
        "2000-05-31",
    ),
    # A fronted adverbial takes the tense of the main clause after its comma, not that of an
    # aside behind a dash (1998-10-26 is a Monday).
    (
        "On Tuesday, the league plans to show a television advertisement _ filmed last week, before"
        " the vote was called _ in three cities.",
        "1998-10-26",
        "Tuesday",
        "1998-10-27",
        "1998-10-27",
        "1998-10-27",
    ),
    # "planning to" looks ahead.
    (
        "Farmers are planning to block the motorway near the airport on Monday.",
        "2000-01-07",
        "Monday",
        "2000-01-10",
        "2000-01-10",
        "2000-01-10",
    ),
    # The second day of a pair is a date of its own, in the month of the first.
    (
        "The alliance will hold its summit in Washington on April 24 and 25.",
        "1999-03-12",
        "25",
        "1999-04-25",
        "1999-04-25",
        "1999-04-25",
    ),
    (
        "Talks are scheduled for Nov. 3-5 in Geneva.",
        "2016-10-20",
        "5",
        "2016-11-05",
        "2016-11-05",
        "2016-11-05",
    ),
    # "later that year" is the year of the date just read.
    (
        "The singer moved to Madrid in June 1998 and returned to Havana later that year.",
        "2000-01-15",
        "later that year",
        "1998",
        "1998-01-01",
        "1998-12-31",
    ),
    (
        "Steel imports rose 5% in 1988. Exports fell that year.",
        "1989-11-02",
        "that year",
        "1988",
        "1988-01-01",
        "1988-12-31",
    ),
    # Lengths: "n more units", "day-long".
    (
        "The boy will stay in the country for at least two more weeks.",
        "2000-04-20",
        "at least two more weeks",
        "P2W",
        None,
        None,
    ),
    (
        "The lawyers left their third day-long meeting without a deal.",
        "2000-04-20",
        "day-long",
        "P1D",
        None,
        None,
    ),
    ("A yearlong dispute over fishing rights ended.", "2000-04-20", "yearlong", "P1Y", None, None),
    # US Election Day: the Tuesday after the first Monday of November.
    (
        "Abortion will be a theme of the campaign from now to Election Day.",
        "1998-10-26",
        "Election Day",
        "1998-11-03",
        "1998-11-03",
        "1998-11-03",
    ),
    (
        "Voters queued for hours on Election Day 2020.",
        "2020-11-20",
        "Election Day 2020",
        "2020-11-03",
        "2020-11-03",
        "2020-11-03",
    ),
]


@pytest.mark.parametrize(("sentence", "anchor", "expression", "value", "earliest", "latest"), CASES)
def test_en_expression(
    tagger_en: TimeTagger,
    sentence: str,
    anchor: str,
    expression: str,
    value: str,
    earliest: str | None,
    latest: str | None,
) -> None:
    assert_tagged(tagger_en, sentence, anchor, expression, value, (earliest, latest))


def test_a_bare_number_after_a_date_is_no_day_when_a_unit_follows(tagger_en: TimeTagger) -> None:
    found = tagger_en.tag(
        "On May 3 the bank said it would cut 10 to 18 jobs over 12 to 18 months.", anchor_of("2016-05-04")
    )
    assert [e.text for e in found] == ["May 3", "18 months"]


def test_a_pair_of_days_without_an_anchor_keeps_the_unknown_year(tagger_en: TimeTagger) -> None:
    second = find(tagger_en.tag("The summit meets on April 24 and 25.", None), "25")
    assert second.value.value == "XXXX-04-25"


def test_a_name_spelled_as_past_tense_is_no_past_cue(tagger_en: TimeTagger) -> None:
    # "United" ends like a past form; only the verb "would" speaks here (Wednesday anchor).
    found = tagger_en.tag("The delegation would fly to the United Kingdom Friday.", anchor_of("2000-04-05"))
    assert find(found, "Friday").value.value == "2000-04-07"


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("Her father married again when she was in her 30s.", "30s"),
        ("Most of the recruits are in their early 20s.", "20s"),
        ("The envoy said on CBS's 60 Minutes that talks would go on.", "60 Minutes"),
        ("The Arab Spring toppled four rulers.", "Spring"),
        ("Activists staged ``Spring of Life'' marches in the city.", "Spring"),
    ],
)
def test_en_not_tagged(tagger_en: TimeTagger, sentence: str, words: str) -> None:
    found = tagger_en.tag(sentence, anchor_of("2000-04-16"))
    assert not [e.text for e in found if words in e.text or e.text in words]


def test_decades_with_the_or_an_apostrophe_stay_decades(tagger_en: TimeTagger) -> None:
    found = tagger_en.tag("Prices fell in the 90s and again in the late '80s.", anchor_of("2000-04-16"))
    assert [(e.text, e.value.value) for e in found] == [("the 90s", "199"), ("the late '80s", "198")]


def test_a_season_opening_a_sentence_is_still_a_season(tagger_en: TimeTagger) -> None:
    found = tagger_en.tag("The harvest failed. Spring brought new fighting.", anchor_of("2000-04-16"))
    assert find(found, "Spring").value.value == "2000-SP"


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("2000-W2", "2000-W02"),
        ("2000-W2-WE", "2000-W02-WE"),
        ("2000-W12", "2000-W12"),
        ("199X", "199"),
        ("19XX", "19"),
        ("199", "199"),
        ("1949-XX", "1949-XX"),
        ("XXXX", "XXXX"),
        ("PXY", "PXY"),
    ],
)
def test_values_are_compared_in_one_spelling(written: str, canonical: str) -> None:
    assert canonical_value(written) == canonical


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        # 2018-03-14 is a Wednesday: a possible act lies ahead, a possible state may lie behind
        ("Iran could attack Israel on Friday.", "2018-03-16"),
        ("The talks may not resume before Friday.", "2018-03-16"),
        ("The minister could be reached on Friday.", "2018-03-09"),
    ],
)
def test_a_modal_of_possibility_before_an_act_looks_ahead(
    tagger_en: TimeTagger, sentence: str, value: str
) -> None:
    assert find(tagger_en.tag(sentence, anchor_of("2018-03-14")), "Friday").value.value == value


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Ministers will meet in Brussels on the 20th.", "2018-03-20"),
        ("Ministers met in Brussels on the 20th.", "2018-02-20"),
        ("Ministers met in Brussels on the 2nd.", "2018-03-02"),
    ],
)
def test_a_day_without_its_month_lies_in_the_month_spoken_from(
    tagger_en: TimeTagger, sentence: str, value: str
) -> None:
    found = tagger_en.tag(sentence, anchor_of("2018-03-14"))
    assert [(e.text, e.value.value) for e in found] == [(sentence.split(" on ")[1].rstrip("."), value)]


def test_an_ordinal_that_counts_something_else_is_no_day(tagger_en: TimeTagger) -> None:
    found = tagger_en.tag("He lives on the 20th floor and left on the 3rd round.", anchor_of("2018-03-14"))
    assert found == []
