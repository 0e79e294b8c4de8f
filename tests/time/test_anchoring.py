"""What relative expressions count from: the publication date, a date close by, or a history's year.

Issue 10: a relative expression ("im März", "in June", "am Montag") is anchored to the
publication date or to a date of the same or the previous sentence, never to a year named
elsewhere in the article.  The articles below are written for these tests.
"""

from __future__ import annotations

from time_helpers import anchor_of, find

from lagebild.time import TimeTagger

# A Guardian-style report published 2018-08-11 that names old years further down (the
# situation of the issue: "March's attack" was dated 1925-03 because of the Geneva Protocol).
SKRIPAL = (
    "The US is to impose fresh sanctions on Russia after concluding that Moscow was behind "
    "March's attack on the former spy Sergei Skripal and his daughter, Yulia, in Salisbury.\n\n"
    "The State Department said on Wednesday that Russia had used a nerve agent in violation of "
    "international law. The first round of measures will take effect in about two weeks, and "
    "harsher measures could follow in three months unless Moscow gives assurances.\n\n"
    "In June, Dawn Sturgess, a 44-year-old mother of three, died after she was exposed to the "
    "same novichok agent in nearby Amesbury.\n\n"
    "The use of chemical weapons in war has been banned since the 1925 Geneva Protocol. The "
    "sanctions are imposed under a 1991 law passed after Iraqi attacks on Kurds in 1988, and the "
    "Chemical Weapons Convention of 1993 outlawed the production of such agents."
)


def test_skripal_attack_is_dated_in_the_publication_year(tagger_en: TimeTagger) -> None:
    found = tagger_en.tag(SKRIPAL, anchor_of("2018-08-11"))
    assert find(found, "March").value.value == "2018-03"
    assert find(found, "June").value.value == "2018-06"
    assert find(found, "Wednesday").value.value == "2018-08-08"
    assert find(found, "1925").value.value == "1925"


def test_in_two_weeks_is_a_date(tagger_en: TimeTagger) -> None:
    found = tagger_en.tag(SKRIPAL, anchor_of("2018-08-11"))
    assert (find(found, "about two weeks").type, find(found, "about two weeks").value.value) == (
        "DATE",
        "2018-W34",
    )
    assert find(found, "three months").value.value == "2018-11"


GERMAN_NEWS = (
    "Wien – Die Regierung will im März über das neue Sicherheitspaket abstimmen lassen. Am "
    "Montag hatte der Innenminister den Entwurf vorgestellt.\n\n"
    "Das Gesetz ersetzt Regeln, die auf das Jahr 1938 zurückgehen. Schon 1955 und 1986 war es "
    "geändert worden, zuletzt im Herbst 1999."
)


def test_german_news_keeps_its_year_whatever_old_years_follow(tagger_de: TimeTagger) -> None:
    found = tagger_de.tag(GERMAN_NEWS, anchor_of("2017-02-15"))
    assert find(found, "März").value.value == "2017-03"
    assert find(found, "Montag").value.value == "2017-02-13"
    assert find(found, "Herbst 1999").value.value == "1999-FA"


def test_a_far_date_of_the_same_sentence_gives_its_year(tagger_de: TimeTagger) -> None:
    text = "Die Statue verlor im März 1992 ihre Nase und wurde im April restauriert."
    assert find(tagger_de.tag(text, anchor_of("2013-03-27")), "April").value.value == "1992-04"


def test_the_previous_sentence_counts_only_for_a_fronted_expression(tagger_de: TimeTagger) -> None:
    fronted = "Im März 1992 verlor die Statue ihre Nase. Im April brachte man sie in den Innenhof."
    inside = "Im März 1992 verlor die Statue ihre Nase. Restauriert wird sie im April."
    assert find(tagger_de.tag(fronted, anchor_of("2013-03-27")), "April").value.value == "1992-04"
    assert find(tagger_de.tag(inside, anchor_of("2013-03-27")), "April").value.value == "2013-04"


def test_a_date_two_sentences_back_does_not_count(tagger_de: TimeTagger) -> None:
    text = (
        "Im März 1992 verlor die Statue ihre Nase. Niemand wusste, wer sie abgeschlagen hatte. "
        "Im April soll sie restauriert werden."
    )
    assert find(tagger_de.tag(text, anchor_of("2013-03-27")), "April").value.value == "2013-04"


def test_a_future_clause_speaks_from_the_publication_date(tagger_en: TimeTagger) -> None:
    text = (
        "Poland, the Czech Republic and Hungary, who were invited to join NATO in Madrid in July "
        "1997, will officially join NATO on March 12 in a ceremony in Independence, Missouri."
    )
    assert find(tagger_en.tag(text, anchor_of("1999-02-27")), "March 12").value.value == "1999-03-12"


def test_a_far_future_date_starts_no_story(tagger_en: TimeTagger) -> None:
    text = "The notes, due Oct. 15, 2030, were priced at 98 over Thursday's closing price."
    assert find(tagger_en.tag(text, anchor_of("2017-10-23")), "Thursday").value.value == "2017-10-19"


def test_clock_times_take_the_day_of_the_same_or_previous_sentence(tagger_de: TimeTagger) -> None:
    close = "Der Rat tagt am 9. Juli in Bozen. Die Sitzung beginnt um 20.30 Uhr."
    far = "Der Rat tagt am 9. Juli in Bozen. Es geht um den Haushalt. Die Sitzung beginnt um 20.30 Uhr."
    assert find(tagger_de.tag(close, anchor_of("2015-07-07")), "20.30 Uhr").value.value == "2015-07-09T20:30"
    assert find(tagger_de.tag(far, anchor_of("2015-07-07")), "20.30 Uhr").value.value == "2015-07-07T20:30"


def test_clock_time_takes_a_weekday_after_a_parenthesis(tagger_en: TimeTagger) -> None:
    text = "The blast occurred at about 10:35 a.m. (0735 GMT) Friday, toppling a building."
    found = tagger_en.tag(text, anchor_of("1998-08-08"))
    assert find(found, "about 10:35 a.m.").value.value == "1998-08-07T10:35"


def test_the_following_month_counts_from_the_date_spoken_of(tagger_en: TimeTagger) -> None:
    text = "In March, the board rejected the offer. The following month, the company put itself up for sale."
    found = tagger_en.tag(text, anchor_of("1989-11-01"))
    assert find(found, "The following month").value.value == "1989-04"


HISTORY = (
    "Verlauf\n\n1914\n\nAm 28. Juli 1914 erklärte Österreich-Ungarn Serbien den Krieg. Am 1. August "
    "folgte die deutsche Kriegserklärung an Russland, am 3. August 1914 die an Frankreich. Die Deklaration "
    "von Paris von 1856 galt weiter. Am 4. August marschierten deutsche Truppen in Belgien ein. Der "
    "Ort heißt heute Lüttich. Im November 1914 erstarrte die Front; am 24. Dezember ruhten die "
    "Waffen.\n\n1915\n\nIm Februar begann der U-Boot-Krieg."
)


def test_a_history_counts_from_the_year_of_its_story(tagger_de: TimeTagger) -> None:
    found = tagger_de.tag(HISTORY, anchor_of("2011-02-16"))
    assert find(found, "1. August").value.value == "1914-08-01"
    assert find(found, "4. August").value.value == "1914-08-04"  # not 1856: a background year
    assert find(found, "24. Dezember").value.value == "1914-12-24"
    assert find(found, "Februar").value.value == "1915-02"  # the heading starts a new year
    assert find(found, "heute").value.value == "PRESENT_REF"  # a history does not speak from its date


def test_news_heute_is_the_publication_day(tagger_de: TimeTagger) -> None:
    found = tagger_de.tag("Heute läuft die Frist ab.", anchor_of("2014-02-21"))
    assert find(found, "Heute").value.value == "2014-02-21"


def test_sentences_split_by_the_caller_give_the_same_reading(tagger_de: TimeTagger) -> None:
    text = "Im März 1992 verlor die Statue ihre Nase. Im April brachte man sie in den Innenhof."
    anchor = anchor_of("2013-03-27")
    split = [0, text.index("Im April")]
    assert tagger_de.tag(text, anchor, sentence_starts=split) == tagger_de.tag(text, anchor)
    whole = tagger_de.tag(text, anchor, sentence_starts=[0])
    assert find(whole, "April").value.value == "1992-04"
