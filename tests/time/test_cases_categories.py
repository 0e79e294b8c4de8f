"""One-line cases for categories of expressions: reporting periods, tense markers, spoken years ...

Each case: (sentence, anchor, expression text, value).  The sentences are written for these
tests in ordinary news phrasing.
"""

from __future__ import annotations

import pytest
from time_helpers import anchor_of, find

from lagebild.time import TimeTagger

EN_CASES = [
    # company reports: "a year ago", "the quarter", "the year-ago period" speak of the quarter named
    (
        "Net profit rose to $5 million in the third quarter from $3.2 million a year ago.",
        "2016-10-20",
        "a year ago",
        "2015-Q3",
    ),
    (
        "Sales fell in the second quarter. The year-ago quarter included a one-time gain.",
        "2016-08-01",
        "The year-ago quarter",
        "2015-Q2",
    ),
    (
        "Revenue rose in the fourth quarter, compared with year-earlier revenue of $2 billion.",
        "2017-02-01",
        "year-earlier",
        "2015-Q4",
    ),
    (
        "The bank lost $40 million in the first quarter. During the quarter, deposits fell.",
        "2016-05-02",
        "the quarter",
        "2016-Q1",
    ),
    (
        "The airline earned $12 million in the third quarter; in the latest period it flew more people.",
        "2016-10-25",
        "the latest period",
        "2016-Q3",
    ),
    (
        "Profit rose in the second quarter. In the 2015 period, the company lost money.",
        "2016-07-28",
        "the 2015 period",
        "2015-Q2",
    ),
    (
        "Exports were 4% lower than in the corresponding period last year, the first quarter.",
        "2016-05-10",
        "the corresponding period last year",
        "2015",
    ),
    ("Unemployment is higher than a year ago, the agency said.", "2016-10-20", "a year ago", "2015"),
    ("The company expects third-quarter earnings to fall sharply.", "2016-10-05", "third-quarter", "2016-Q3"),
    # last / this / next with a month name
    (
        "Shareholders, who approved the plan last April, will receive cash.",
        "2016-10-05",
        "last April",
        "2016-04",
    ),
    ("Elections are due this September, the minister said.", "2016-03-01", "this September", "2016-09"),
    ("Talks will resume next January in Geneva.", "2016-10-05", "next January", "2017-01"),
    # a word right before the expression fixes its tense
    (
        "The board declared a dividend, payable Dec. 7 to holders of record.",
        "2016-11-02",
        "Dec. 7",
        "2016-12-07",
    ),
    ("The deadline was extended until Friday.", "2016-11-02", "Friday", "2016-11-04"),
    ("Refugees could arrive as early as Tuesday, officials said.", "2016-11-02", "Tuesday", "2016-11-08"),
    ("Prices have risen since Monday.", "2016-11-02", "Monday", "2016-10-31"),
    # a weekday written with the date tells the year
    (
        "Attacks were reported in 1994 and 1995. In an editorial on Monday, Oct. 26, the paper urged calm.",
        "1998-10-28",
        "Monday, Oct. 26",
        "1998-10-26",
    ),
    # "last week" speaks from the publication date even after far-away years
    (
        "The dispute dates back to 1994 and 1995. Last week the agency joined the inquiry.",
        "1998-10-28",
        "Last week",
        "1998-W43",
    ),
    # years in words, as read out in broadcasts
    (
        "In nineteen ninety-one the senator was convicted of fraud.",
        "1998-03-01",
        "nineteen ninety-one",
        "1991",
    ),
    (
        "He promised to halve unemployment by the year two thousand.",
        "1998-03-01",
        "the year two thousand",
        "2000",
    ),
    (
        "January nineteen ninety-seven. A bomb explodes in Atlanta.",
        "1998-03-01",
        "January nineteen ninety-seven",
        "1997-01",
    ),
    (
        "Oil fell to the level we saw in the winter of nineteen ninety-four.",
        "1998-03-01",
        "the winter of nineteen ninety-four",
        "1994-WI",
    ),
    # noon, midnight and parts of the day with a day
    (
        "Negotiations broke off at noon Thursday, police said.",
        "1998-02-13",
        "noon Thursday",
        "1998-02-12T12:00",
    ),
    (
        "In London at mid-afternoon yesterday, the shares were up 2 pence.",
        "2016-11-02",
        "mid-afternoon yesterday",
        "2016-11-01TAF",
    ),
]

DE_CASES = [
    # the last units: a vague duration, as in the German TimeML corpora
    (
        "In den vergangenen Jahren hat sich die Zahl der Einbrüche verdoppelt.",
        "2016-11-02",
        "den vergangenen Jahren",
        "PXY",
    ),
    ("In den folgenden Monaten wurde die Straße saniert.", "2016-11-02", "den folgenden Monaten", "PXM"),
    ("In den nächsten Jahren werden wir investieren.", "2016-11-02", "den nächsten Jahren", "FUTURE_REF"),
    # a word right before the expression fixes its tense
    ("Seit Montag werden die Züge über Innsbruck umgeleitet.", "2016-11-02", "Montag", "2016-10-31"),
    ("Die Frist wurde bis Freitag verlängert.", "2016-11-02", "Freitag", "2016-11-04"),
]


@pytest.mark.parametrize(("sentence", "anchor", "expression", "value"), EN_CASES)
def test_en_category(tagger_en: TimeTagger, sentence: str, anchor: str, expression: str, value: str) -> None:
    assert find(tagger_en.tag(sentence, anchor_of(anchor)), expression).value.value == value


@pytest.mark.parametrize(("sentence", "anchor", "expression", "value"), DE_CASES)
def test_de_category(tagger_de: TimeTagger, sentence: str, anchor: str, expression: str, value: str) -> None:
    assert find(tagger_de.tag(sentence, anchor_of(anchor)), expression).value.value == value


def test_a_year_ago_without_a_quarter_nearby_is_the_year(tagger_en: TimeTagger) -> None:
    filler = "The chairman spoke about plans for new stores and a new logo. " * 50
    text = "Profit rose in the third quarter. " + filler + "Sales are higher than a year ago."
    assert find(tagger_en.tag(text, anchor_of("2016-10-20")), "a year ago").value.value == "2015"
