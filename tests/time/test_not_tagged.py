"""Golden records of what must NOT be tagged: ages, ordinals, names that contain time words."""

from __future__ import annotations

import pytest
from time_helpers import anchor_of

from lagebild.time import TimeTagger

DE = [
    ("Der 47-jährige Burggräfler wohnt in Meran.", "jährige"),
    ("Der 16 Jahre jüngere Crosby schickt sich an, ihn abzulösen.", "16 Jahre"),
]
EN = [
    ("It will be a second betrayal, said his aunt.", "a second"),
    ("Protesters gathered at the annual March for Life on Capitol Hill.", "March"),
    ("He quoted Gary Cooper in the film High Noon.", "Noon"),
]


@pytest.mark.parametrize(("sentence", "words"), DE)
def test_de_not_tagged(tagger_de: TimeTagger, sentence: str, words: str) -> None:
    found = tagger_de.tag(sentence, anchor_of("2017-03-15"))
    assert not [e.text for e in found if words in e.text or e.text in words]


@pytest.mark.parametrize(("sentence", "words"), EN)
def test_en_not_tagged(tagger_en: TimeTagger, sentence: str, words: str) -> None:
    found = tagger_en.tag(sentence, anchor_of("2017-03-15"))
    assert not [e.text for e in found if words in e.text or e.text in words]
