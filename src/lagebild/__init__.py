"""lagebild: a time-resolved record of political events from German and English news."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lagebild.model import Event
    from lagebild.pipeline import Processor

__version__ = "0.1.0"


@lru_cache(maxsize=1)
def default_processor() -> Processor:
    """A processor with default settings, built on first use (its data takes a moment to load)."""
    from lagebild.pipeline import Processor

    return Processor()


def extract(
    text: str,
    published: str | None = None,
    language: str | None = None,
    doc_id: str = "text",
    processor: Processor | None = None,
) -> list[Event]:
    """Code the events of one text.

    ``published`` is the article's date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) against which
    time expressions are resolved; ``language`` skips identification. Pass a ``processor`` of
    your own to use other settings or data.
    """
    from lagebild.dates import parse_calendar_date
    from lagebild.model import Article

    article = Article(
        id=doc_id,
        text=text,
        published=parse_calendar_date(published) if published else None,
        language=language,
    )
    return (processor or default_processor()).events(article)
