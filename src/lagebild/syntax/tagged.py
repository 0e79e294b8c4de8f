"""The grammar engine over the project's own morphology (lemma and STTS tag per word)."""

from __future__ import annotations

from collections.abc import Sequence

from lagebild.lang import load_text_rules
from lagebild.model import Sentence, Token
from lagebild.nlp.morphology import Morphology
from lagebild.syntax.conllu import Word
from lagebild.syntax.grammar_engine import GrammarAnalyser
from lagebild.syntax.rules import GrammarRules


class TaggingAnalyser:
    """Tags words with ``nlp.morphology`` (cached per word form), then parses them by grammar."""

    def __init__(self, language: str, rules: GrammarRules) -> None:
        text_rules = load_text_rules(language)
        self.morphology = Morphology(text_rules)
        self.grammar = GrammarAnalyser(rules)
        self.unknown_tag = text_rules.unknown_capitalised_tag
        self.name_tag = next(iter(sorted(rules.tags["names"])))
        self.name_blockers = rules.tags["determiners"] | rules.tags["adjectives"]

    def tag(self, words: list[Word]) -> list[tuple[str, str]]:
        """(lemma, tag) of each word, as the pipeline's morphology stage gives them."""
        tokens = tuple(Token(0, 0, w.form) for w in words)
        analysed = self.morphology.analyse_sentence(Sentence(0, 0, 0, "", tokens))
        return self._tagged(analysed.tokens)

    def _tagged(self, tokens: Sequence[Token]) -> list[tuple[str, str]]:
        """(lemma, tag) per token, with the corrections the grammar needs (see ``_tag``)."""
        tagged = []
        for k, token in enumerate(tokens):
            before = tokens[k - 1].pos if k else None
            tagged.append(self._tag(token, before, k == 0))
        return tagged

    def _tag(self, token: Token, before: str | None, first: bool) -> tuple[str, str]:
        """A token's lemma and tag.

        A capitalised first word that is a verb form in lower case is that verb ("Habe heute …
        gekauft"); a capitalised word the word list does not know is a name, unless a determiner
        or adjective comes before it or it ends like a common noun ("-ung").
        """
        lemma, tag = token.lemma or token.text, token.pos or "XY"
        lower = token.text.lower()
        known = self.morphology.tagger.cache
        if first and tag in self.grammar.rules.tags["nouns"] and lower in known and token.text != lower:
            lower_lemma, lower_tag, _ = self.morphology.analyse_word(lower)
            if lower_tag in self.grammar.rules.tags["finite"]:
                return lower_lemma, lower_tag
        if tag == self.unknown_tag and lower not in known and token.text[:1].isupper():
            attributive = before is not None and before in self.name_blockers
            if not attributive and not lower.endswith(self.grammar.rules.endings["noun_endings"]):
                return lemma, self.name_tag
        return lemma, tag

    def analyse_tokens(self, tokens: Sequence[Token]) -> list[Word]:
        """Analyse a sentence whose tokens the pipeline's morphology stage has already tagged."""
        words = _words(tokens)
        if any(t.pos is None for t in tokens):
            return self.analyse(words)
        return self.grammar.analyse_tagged(words, self._tagged(tokens))

    def analyse(self, words: list[Word]) -> list[Word]:
        """Return the words of one sentence with lemma, tags, head and relation."""
        return self.grammar.analyse_tagged(words, self.tag(words))

    def analyse_many(self, sentences: list[list[Word]]) -> list[list[Word]]:
        """Analyse sentences one by one (the grammar has no batch advantage)."""
        return [self.analyse(words) for words in sentences]


def _words(tokens: Sequence[Token]) -> list[Word]:
    """CoNLL-U words for pipeline tokens, ``SpaceAfter=No`` where the next token touches."""
    return [
        Word(
            k + 1,
            t.text,
            misc="SpaceAfter=No" if k + 1 < len(tokens) and tokens[k + 1].start == t.end else "_",
        )
        for k, t in enumerate(tokens)
    ]
