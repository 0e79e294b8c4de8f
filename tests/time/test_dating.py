"""What the time layer tells the event coder: which expressions date events, and when a far date may."""

from __future__ import annotations

from time_helpers import anchor_of, find

from lagebild.model import Sentence
from lagebild.time import TimeTagger
from lagebild.time.dating import dates_events, long_before, may_date_event, stated_in_sentence


def test_a_length_ago_dates_events_through_its_bounds(tagger_de: TimeTagger) -> None:
    found = tagger_de.tag("Vor drei Jahren annektierte Russland die Krim.", anchor_of("2017-03-15"))
    ago = find(found, "drei Jahren")
    assert (ago.type, ago.value.value) == ("DURATION", "P3Y")
    assert dates_events(ago)


def test_lengths_sets_and_reference_words_date_nothing(tagger_de: TimeTagger) -> None:
    text = "Derzeit verhandeln beide Seiten täglich, seit drei Wochen schon."
    found = tagger_de.tag(text, anchor_of("2017-03-15"))
    assert [e.text for e in found if dates_events(e)] == []


def test_long_before_publication() -> None:
    published = anchor_of("2018-08-11")
    assert long_before(anchor_of("2017-03"), published)
    assert not long_before(anchor_of("2017-08-11"), published)
    assert not long_before(anchor_of("2018-03"), published)
    assert not long_before(anchor_of("2017-03"), None)


def _sentence(text: str, start: int, end: int) -> Sentence:
    return Sentence(index=0, start=start, end=end, text=text[start:end])


def test_a_far_date_must_be_stated_in_its_own_sentence(tagger_de: TimeTagger) -> None:
    text = "Im März 1992 verlor die Statue ihre Nase. Im April brachte man sie in den Innenhof."
    published = anchor_of("2013-03-27")
    found = tagger_de.tag(text, published)
    march, april = find(found, "März 1992"), find(found, "April")
    split = text.index(" Im April")
    first, second = _sentence(text, 0, split), _sentence(text, split + 1, len(text))
    assert april.value.value == "1992-04"
    assert stated_in_sentence(tagger_de, first, march, published)
    assert may_date_event(tagger_de, first, march, published)
    assert not stated_in_sentence(tagger_de, second, april, published)
    assert not may_date_event(tagger_de, second, april, published)


def test_a_far_date_counted_from_publication_is_stated(tagger_de: TimeTagger) -> None:
    text = "Der Streit begann vor zehn Jahren."
    published = anchor_of("2017-03-15")
    ago = find(tagger_de.tag(text, published), "zehn Jahren")
    assert may_date_event(tagger_de, _sentence(text, 0, len(text)), ago, published)
