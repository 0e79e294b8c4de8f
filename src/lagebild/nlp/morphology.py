"""Lemma, part of speech and morphology from HanTa's models, which ship inside its wheel."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from HanTa import HanoverTagger

from lagebild.lang import TextRules
from lagebild.model import Sentence, Token

_TAG = re.compile(r"^([A-Z$]+)(?:\((\w+)\))?$")


@dataclass
class Morphology:
    """Analyses words of one language; each word form is analysed once and then cached.

    News vocabularies repeat heavily, so the cache turns a few thousand analyses per second into
    dictionary look-ups for all but the first occurrence of a word.
    """

    rules: TextRules
    _tagger: HanoverTagger.HanoverTagger | None = None
    _cache: dict[str, tuple[str, str, str | None]] = field(default_factory=dict)

    def analyse_word(self, word: str) -> tuple[str, str, str | None]:
        """Return ``(lemma, pos, morph)`` for one word form."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        if self._tagger is None:
            self._tagger = HanoverTagger.HanoverTagger(self.rules.morphology_model)
        analysis = _split_tag(word, *self._tagger.analyze(word, taglevel=1))
        self._cache[word] = analysis
        return analysis

    def analyse_sentence(self, sentence: Sentence) -> Sentence:
        """Return the sentence with every token's lemma, POS and morphology filled in."""
        tokens = tuple(self.analyse_token(t) for t in sentence.tokens)
        return replace(sentence, tokens=tokens)

    def analyse_token(self, token: Token) -> Token:
        """Return one token with its analysis."""
        if token.lemma is not None:
            return token
        if not (token.text[0].isalnum() or token.text[0] == "_"):
            return replace(token, lemma=token.text, pos="PUNCT", morph=None)
        lemma, pos, morph = self.analyse_word(token.text)
        return replace(token, lemma=lemma, pos=pos, morph=morph)

    @property
    def cache_size(self) -> int:
        """How many distinct word forms have been analysed."""
        return len(self._cache)


def _split_tag(word: str, lemma: str, tag: str) -> tuple[str, str, str | None]:
    """Turn HanTa's ``VV(FIN)`` into pos ``VVFIN`` and morph ``FIN``; keep other tags as they are."""
    match = _TAG.match(tag)
    if match is None:
        return lemma or word, tag, None
    base, detail = match.groups()
    return lemma or word, base + (detail or ""), detail
