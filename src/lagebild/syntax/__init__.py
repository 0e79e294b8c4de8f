"""Clause analysis: a head and a Universal Dependencies v2 relation for every word.

``analyser(language)`` returns the analyser the language's ``lang/<code>/syntax.toml`` names:
a spaCy pipeline from PyPI converted to UD (``engine = "model"``) or the grammar over the
project's morphology (``engine = "grammar"``). Both take the words of one sentence
(``conllu.Word`` with ID, FORM and MISC) and return them analysed.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

from lagebild.model import Token
from lagebild.syntax.conllu import Word


class Analyser(Protocol):
    """Analyses sentences given as words."""

    def analyse(self, words: list[Word]) -> list[Word]:
        """Return the words of one sentence with lemma, tags, head and relation."""
        ...

    def analyse_many(self, sentences: list[list[Word]]) -> list[list[Word]]:
        """Analyse many sentences (faster than one by one for model engines)."""
        ...


@lru_cache(maxsize=8)
def analyser(language: str) -> Analyser:
    """The analyser of a language (loaded once per process)."""
    from lagebild.syntax.rules import grammar_rules, load_syntax_data, model_rules

    engine, data, path = load_syntax_data(language)
    if engine == "model":
        from lagebild.syntax.model_engine import ModelAnalyser

        return ModelAnalyser(model_rules(data, path))
    if engine == "grammar":
        from lagebild.syntax.tagged import TaggingAnalyser

        return TaggingAnalyser(language, grammar_rules(data, path))
    raise ValueError(f"{path}: unknown engine {engine!r} (known: model, grammar)")


def analyse_tokens(tokens: Sequence[Token], language: str) -> list[Word]:
    """Analyse one sentence of pipeline tokens; word ``k`` of the result is ``tokens[k]``.

    The grammar engine reuses the tags the morphology stage put on the tokens; a model engine
    tags the words itself.
    """
    engine = analyser(language)
    reuse = getattr(engine, "analyse_tokens", None)
    if reuse is not None:
        words: list[Word] = reuse(tokens)
        return words
    return engine.analyse(
        [
            Word(
                k + 1,
                t.text,
                misc="SpaceAfter=No" if k + 1 < len(tokens) and tokens[k + 1].start == t.end else "_",
            )
            for k, t in enumerate(tokens)
        ]
    )


def analyse_token_sentences(sentences: Sequence[Sequence[Token]], language: str) -> list[list[Word]]:
    """Analyse several sentences of pipeline tokens at once (``analyse_tokens`` for each, but
    cheaper: the German engine's learned steps run on all of them together)."""
    engine = analyser(language)
    reuse = getattr(engine, "analyse_tokens_many", None)
    if reuse is not None:
        analysed: list[list[Word]] = reuse(sentences)
        return analysed
    return [analyse_tokens(tokens, language) for tokens in sentences]


__all__ = ["Analyser", "Word", "analyse_token_sentences", "analyse_tokens", "analyser"]
