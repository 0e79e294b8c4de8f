"""No events from sport, business or crime between private persons; politics next to them stays."""

from __future__ import annotations

import pytest

import lagebild


@pytest.mark.parametrize(
    "text",
    [
        "Deutschland besiegte Frankreich im Halbfinale mit 2:1, Müller traf in der 80. Minute.",
        "Im Achtelfinale trifft die Schweiz auf Portugal, der Trainer setzt auf Erfahrung.",
        "Ein 34-jähriger Mann griff in Köln seine Nachbarin an und verletzte sie schwer.",
        "Siemens kritisiert die Pläne des Konkurrenten, die Aktie verlor an der Börse drei Prozent.",
        "Spain beat Italy in the semi-final after a late goal in the 89th minute.",
        "Shares of the carmaker fell after it warned of lower quarterly earnings.",
        "A man attacked his neighbour with a knife in Leeds on Saturday night.",
    ],
)
def test_non_political_text_yields_no_events(text: str) -> None:
    assert lagebild.extract(text, published="2022-06-01") == []


def test_government_in_a_sports_sentence_is_still_coded() -> None:
    events = lagebild.extract(
        "Die Bundesregierung kritisierte Ungarn am Rande des Spiels scharf.", published="2022-06"
    )
    assert [(e.type, e.source.root if e.source else "") for e in events] == [("ACCUSE", "DEU")]


def test_a_legislator_in_a_business_story_is_still_coded() -> None:
    # Reuters wording (1987): the chairs of Congress and its committees are legislators
    events = lagebild.extract(
        "House Speaker James Wright, a Texas Democrat, has asked congressional tax analysts to look at a "
        "0.25 to 0.5 pct tax on stock trades along with other tax proposals.",
        published="1987-03-05",
        language="en",
    )
    coded = [(e.type, e.source.root, e.source.sector) for e in events if e.source]
    assert coded == [("REQUEST", "USA", "LEG")]
