"""The ``lagebild times FILE.jsonl`` command: tag time expressions line by line.

Each input line is ``{"id", "text", "published", "language"?}``; each output line is
``{"id", "timex": [{start, end, text, type, value, earliest, latest, granularity}]}`` or, for
a line that cannot be processed, ``{"id", "error"}`` — the other lines go on.  A line without
``language`` is tagged in the language the pipeline's identifier finds in its text (the same
one that chooses an article's pipeline), unless the caller names one for all such lines.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from lagebild.dates import parse_calendar_date
from lagebild.model import TimeValue
from lagebild.nlp.langid import LanguageIdentifier
from lagebild.time.tagger import TimeTagger, load_time_tagger


class _Taggers:
    """Taggers (and the language identifier) built on first use, for one run."""

    def __init__(self) -> None:
        self._built: dict[str, TimeTagger] = {}
        self._identifier: LanguageIdentifier | None = None

    def get(self, language: str) -> TimeTagger:
        if language not in self._built:
            self._built[language] = load_time_tagger(language)
        return self._built[language]

    def identify(self, text: str) -> str:
        """The language of ``text``; raises when it cannot be told."""
        if self._identifier is None:
            self._identifier = LanguageIdentifier.from_data()
        found = self._identifier.identify(text)
        if found is None:
            raise ValueError("cannot tell the language of the text; give 'language'")
        return found


def run_times(lines: Iterable[str], language: str | None = None) -> Iterator[str]:
    """Yield one JSON result line per non-empty input line.

    ``language`` is used for lines that do not name their own ``language``; without it, the
    language of such a line is identified from its text.
    """
    taggers = _Taggers()
    for line in lines:
        if not line.strip():
            continue
        yield json.dumps(_process_line(line, language, taggers), ensure_ascii=False)


def _process_line(line: str, default_language: str | None, taggers: _Taggers) -> dict[str, Any]:
    record_id: Any = None
    try:
        record = json.loads(line)
        if not isinstance(record, dict):
            raise ValueError("a line must be a JSON object")
        record_id = record.get("id")
        text = record.get("text")
        if not isinstance(text, str):
            raise ValueError("'text' must be a string")
        anchor = _anchor(record.get("published"))
        language = record.get("language") or default_language or taggers.identify(text)
        tagger = taggers.get(str(language))
        return {"id": record_id, "timex": [e.to_dict() for e in tagger.tag(text, anchor)]}
    except (ValueError, TypeError) as exc:  # json.JSONDecodeError and DateError are ValueErrors
        return {"id": record_id, "error": str(exc)}


def _anchor(published: Any) -> TimeValue | None:
    if published is None or published == "":
        return None
    if not isinstance(published, str):
        raise ValueError(f"'published' must be a date string, got {published!r}")
    return parse_calendar_date(published)
