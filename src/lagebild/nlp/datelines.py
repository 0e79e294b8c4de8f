"""Datelines: the place (and agency) a report comes from, before a dash at a sentence start.

"Wien – Die Regierung ...", "BERLIN (Reuters) - German Chancellor ...": the names of a dateline
are places, never actors, so actor mentions inside one are dropped. The pattern is language data
(nlp.toml ``[context] dateline``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence

from lagebild.model import Mention, Sentence


def dateline_spans(
    text: str, sentences: Iterable[Sentence], pattern: re.Pattern[str] | None
) -> list[tuple[int, int]]:
    """The character spans of the datelines that open sentences of ``text``."""
    if pattern is None:
        return []
    spans = []
    for sentence in sentences:
        match = pattern.match(text, sentence.start, sentence.end)
        if match is not None:
            spans.append((match.start(), match.end()))
    return spans


def outside_datelines(mentions: Iterable[Mention], spans: Sequence[tuple[int, int]]) -> list[Mention]:
    """The mentions that do not lie inside a dateline (``spans`` in text order, not overlapping)."""
    if not spans:
        return list(mentions)
    starts = [start for start, _ in spans]
    kept = []
    for mention in mentions:
        # Only the last dateline starting at or before the mention can hold it.
        position = bisect_right(starts, mention.start) - 1
        if position < 0 or mention.end > spans[position][1]:
            kept.append(mention)
    return kept
