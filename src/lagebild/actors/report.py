"""The actor mentions of each input line: what ``lagebild actors`` prints.

Each input line is ``{"id", "text", "published"?, "language"?, "outlet"?}``; each output line is
``{"id", "mentions": [{start, end, text, name, country, org, sector}]}``, or ``{"id", "error"}``
for a line that cannot be read, and the other lines go on. Office words that several countries
use ("Bundeskanzler") are settled by the article as the event coder settles them
(docs/ACTORS.md).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from lagebild.actors.home import article_countries, load_outlets
from lagebild.dates import DateError, parse_calendar_date
from lagebild.model import Actor, Article
from lagebild.pipeline import Processor


def run_actors(lines: Iterable[str], processor: Processor) -> Iterator[str]:
    """Yield one JSON result line per non-empty input line."""
    outlets = load_outlets()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            result = _mentions(_article(record, number), processor, outlets)
        except (ValueError, TypeError, KeyError, DateError) as exc:
            result = {"id": _line_id(line, number), "error": str(exc)}
        yield json.dumps(result, ensure_ascii=False)


def _article(record: Any, number: int) -> Article:
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise ValueError("a line needs a JSON object with a 'text' string")
    published = record.get("published")
    return Article(
        id=str(record.get("id", number)),
        text=record["text"],
        published=parse_calendar_date(str(published)) if published else None,
        language=record.get("language"),
        outlet=record.get("outlet"),
    )


def _mentions(article: Article, processor: Processor, outlets: Any) -> dict[str, Any]:
    doc = processor.process(article)
    offices = article_countries(doc, outlets).for_offices
    mentions = []
    for mention in doc.mentions_of("actor"):
        actor = mention.actor
        if actor is None:
            continue
        code = _code(actor, offices, mention.text)
        mentions.append({"start": mention.start, "end": mention.end, "text": mention.text, **code})
    return {"id": article.id, "mentions": mentions}


def _code(actor: Actor, offices: tuple[str, ...], text: str) -> dict[str, Any]:
    """An actor's name and code; an office word of several countries takes the article's."""
    country, name = actor.country, actor.name
    if actor.alternatives:
        choices = (actor.country, *actor.alternatives)
        country = next((c for c in offices if c in choices), actor.country)
        name = name if country == actor.country else text  # the usual country's name no longer fits
    return {"name": name, "country": country, "org": actor.org, "sector": actor.sector}


def _line_id(line: str, number: int) -> str:
    try:
        record = json.loads(line)
    except ValueError:
        return str(number)
    return str(record.get("id", number)) if isinstance(record, dict) else str(number)
