"""Tokenising: words (with inner hyphens, apostrophes and periods) and punctuation marks."""

from __future__ import annotations

import re

from lagebild.model import Token

# A word keeps inner hyphens ("Nato-Russland-Rat"), apostrophes ("Russia's") and a trailing
# hyphen of a truncated compound ("US-" in "US- und EU-Botschafter"); anything else that is
# not a space is a token of its own.
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*-?|[^\w\s]")


def tokenize(text: str, start: int = 0, end: int | None = None) -> tuple[Token, ...]:
    """Split ``text[start:end]`` into tokens whose offsets index ``text``."""
    stop = len(text) if end is None else end
    return tuple(Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, stop))
