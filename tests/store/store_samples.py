"""Hand-built articles and events for the store tests.

The sentences are written for these tests; offsets are computed, never typed by hand.
"""

from __future__ import annotations

from lagebild.dates import parse_calendar_date
from lagebild.model import (
    Actor,
    Article,
    Doc,
    Event,
    Evidence,
    Mention,
    Modality,
    Place,
    Sentence,
    TimeExpression,
    TimeValue,
)

HOSTILE = "'); DROP TABLE events; --"


def make_doc(
    article_id: str,
    sentences: list[str],
    published: str,
    *,
    language: str = "de",
    title: str | None = None,
    outlet: str | None = "Beispielblatt",
) -> Doc:
    """A doc whose text is the sentences joined by spaces, with sentence offsets."""
    spans = []
    offset = 0
    for index, sentence in enumerate(sentences):
        spans.append(Sentence(index, offset, offset + len(sentence), sentence))
        offset += len(sentence) + 1
    article = Article(
        id=article_id,
        text=" ".join(sentences),
        published=parse_calendar_date(published),
        title=title,
        url=f"https://example.org/{article_id}",
        outlet=outlet,
        language=language,
        source_path=f"corpus/{article_id}.txt",
    )
    return Doc(article=article, language=language, sentences=tuple(spans))


def actor(
    text: str,
    name: str,
    *,
    country: str | None = None,
    org: str | None = None,
    sector: str | None = None,
) -> Actor:
    """An actor without offsets (``attach`` places it in an evidence sentence)."""
    return Actor(text=text, name=name, country=country, org=org, sector=sector)


def _attach(a: Actor | None, sentence: Sentence) -> Actor | None:
    """The actor with offsets of its first occurrence in the sentence."""
    if a is None:
        return None
    found = sentence.text.find(a.text)
    if found < 0:
        return a
    start = sentence.start + found
    return Actor(a.text, a.name, a.country, a.org, a.sector, start, start + len(a.text))


def make_event(
    doc: Doc,
    number: int,
    sentence: int,
    trigger: str,
    *,
    source: Actor | None,
    target: Actor | None,
    type: str,
    cameo: str,
    goldstein: float,
    quad_class: int,
    modality: Modality = "asserted",
    date: str | None = "published",
    location: Place | None = None,
    attribution: str | None = None,
) -> Event:
    """An event read from one sentence of ``doc``; ``date="published"`` uses the article date."""
    span = doc.sentences[sentence]
    trigger_start = span.start + span.text.index(trigger)
    published = doc.article.published
    assert published is not None
    value: TimeValue | None
    if date == "published":
        value, date_source = published, "published"
    elif date is None:
        value, date_source = None, "none"
    else:
        value, date_source = parse_calendar_date(date), "text"
    return Event(
        id=f"{doc.article.id}-e{number}",
        doc_id=doc.article.id,
        type=type,
        mode=None,
        context=None,
        cameo=cameo,
        goldstein=goldstein,
        quad_class=quad_class,
        source=_attach(source, span),
        target=_attach(target, span),
        modality=modality,
        date=value,
        date_source=date_source,  # type: ignore[arg-type]
        location=location,
        attribution=attribution,
        trigger=trigger,
        trigger_start=trigger_start,
        trigger_end=trigger_start + len(trigger),
        evidence=Evidence(span.text, span.start, span.end, span.index),
        published=published.value,
        language=doc.language,
    )


NATO = actor("Nato", "NATO", org="NATO")
RUSSIA = actor("Russland", "Russland", country="RUS", sector="GOV")
RUSSIAN_ARMY = actor("russische Armee", "Russische Streitkräfte", country="RUS", sector="MIL")
GERMANY = actor("Bundesregierung", "Bundesregierung", country="DEU", sector="GOV")
FRANCE = actor("Frankreich", "Frankreich", country="FRA", sector="GOV")
KALININGRAD = Place("Kaliningrad", "RUS", 54.71, 20.51, text="Kaliningrad")
BERLIN = Place("Berlin", "DEU", 52.52, 13.405, text="Berlin")


def nato_request() -> tuple[Doc, list[Event]]:
    """March 2017: Nato asks Russia to withdraw; Berlin consults Paris."""
    doc = make_doc(
        "a-nato-request",
        [
            "Die Nato hat Russland aufgefordert, seine Truppen von der Grenze zu Litauen abzuziehen.",
            "Der Generalsekretär sprach am Donnerstag von einer gefährlichen Entwicklung.",
            "Die Bundesregierung beriet sich am Abend mit Frankreich über weitere Schritte.",
        ],
        "2017-03-30",
        title="Nato fordert Abzug russischer Truppen",
    )
    day = doc.article.text.index("Donnerstag")
    thursday = TimeExpression(day, day + 10, "Donnerstag", "DATE", parse_calendar_date("2017-03-30"))
    mentions = (
        Mention("actor", 4, 8, "Nato", 0, actor=NATO),
        Mention("actor", 13, 21, "Russland", 0, actor=RUSSIA),
        Mention("time", day, day + 10, "Donnerstag", 1, time=thursday),
    )
    doc = Doc(doc.article, doc.language, doc.sentences, mentions)
    events = [
        make_event(
            doc,
            1,
            0,
            "aufgefordert",
            source=NATO,
            target=RUSSIA,
            type="REQUEST",
            cameo="020",
            goldstein=3.0,
            quad_class=1,
        ),
        make_event(
            doc,
            2,
            2,
            "beriet",
            source=GERMANY,
            target=FRANCE,
            type="CONSULT",
            cameo="040",
            goldstein=1.0,
            quad_class=1,
        ),
    ]
    return doc, events


def kaliningrad_missiles() -> tuple[Doc, list[Event]]:
    """April 2017: the Russian army threatens Nato; Nato protests; a Berlin rally without a target."""
    doc = make_doc(
        "b-kaliningrad",
        [
            "Die russische Armee drohte der Nato mit der Verlegung weiterer Raketen nach Kaliningrad.",
            "Die Nato warf Russland daraufhin eine gezielte Provokation vor.",
            "In Berlin demonstrierten Hunderte gegen die Aufrüstung.",
        ],
        "2017-04-12",
        title="Raketen für Kaliningrad",
    )
    protesters = actor("Hunderte", "Demonstranten", country="DEU", sector="CVL")
    events = [
        make_event(
            doc,
            1,
            0,
            "drohte",
            source=RUSSIAN_ARMY,
            target=NATO,
            type="THREATEN",
            cameo="138",
            goldstein=-7.0,
            quad_class=3,
            location=KALININGRAD,
        ),
        make_event(
            doc,
            2,
            1,
            "warf",
            source=NATO,
            target=RUSSIA,
            type="ACCUSE",
            cameo="112",
            goldstein=-2.0,
            quad_class=3,
            attribution="Nato",
        ),
        make_event(
            doc,
            3,
            2,
            "demonstrierten",
            source=protesters,
            target=None,
            type="PROTEST",
            cameo="141",
            goldstein=-6.5,
            quad_class=3,
            location=BERLIN,
            date=None,
        ),
    ]
    return doc, events


def english_denial() -> tuple[Doc, list[Event]]:
    """An English report, dated to the month, of a meeting Russia says will not happen."""
    moscow = actor("Moscow", "Russland", country="RUS", sector="GOV")
    nato = actor("NATO", "NATO", org="NATO")
    doc = make_doc(
        "c-denial",
        [
            "Moscow said it would not meet NATO officials before the summer.",
            "Diplomats in Brussels called the decision a setback for dialogue.",
        ],
        "2017-03",
        language="en",
        title="Moscow rules out NATO talks",
        outlet="Example Wire",
    )
    events = [
        make_event(
            doc,
            1,
            0,
            "meet",
            source=moscow,
            target=nato,
            type="CONSULT",
            cameo="040",
            goldstein=1.0,
            quad_class=1,
            modality="negated",
            date="2017-03",
        ),
        make_event(
            doc,
            2,
            1,
            "setback",
            source=None,
            target=None,
            type="DISAPPROVE",
            cameo="110",
            goldstein=-2.0,
            quad_class=3,
            date="2016",
        ),
    ]
    return doc, events


def hostile_article() -> tuple[Doc, list[Event]]:
    """An article whose text, title and evidence carry an SQL injection attempt."""
    doc = make_doc(
        "d-hostile",
        [f"Ein Leser schrieb {HOSTILE} an die Redaktion, und Frankreich protestierte 100% _empört_."],
        "2017-05-02",
        title=f"Leserbrief {HOSTILE}",
    )
    events = [
        make_event(
            doc,
            1,
            0,
            "protestierte",
            source=FRANCE,
            target=None,
            type="PROTEST",
            cameo="140",
            goldstein=-6.5,
            quad_class=3,
        ),
    ]
    return doc, events


def sample_corpus() -> list[tuple[Doc, list[Event]]]:
    """All sample articles in publication order, 8 events in total."""
    return [nato_request(), english_denial(), kaliningrad_missiles(), hostile_article()]
