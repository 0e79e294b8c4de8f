"""The grammar engine over the project's own morphology (lemma and STTS tag per word)."""

from __future__ import annotations

from collections.abc import Sequence

from lagebild.datafiles import DataFileError
from lagebild.lang import load_text_rules
from lagebild.model import Sentence, Token
from lagebild.nlp.morphology import Morphology
from lagebild.syntax.conllu import Word
from lagebild.syntax.grammar_engine import GrammarAnalyser
from lagebild.syntax.learned import Featuriser, Reviser, Weights, load_model
from lagebild.syntax.learned_tags import Retagger, TagWeights
from lagebild.syntax.rules import GrammarRules


class TaggingAnalyser:
    """Tags words with ``nlp.morphology`` (cached per word form), then parses them by grammar.

    With a learned model (``[learned]`` in the language's syntax.toml, ``learned=True``), the
    tag model corrects the word list's tags before the grammar runs, and the head and relation
    models revise the grammar's analysis after it.
    """

    def __init__(self, language: str, rules: GrammarRules, learned: bool = True) -> None:
        text_rules = load_text_rules(language)
        self.morphology = Morphology(text_rules)
        self.grammar = GrammarAnalyser(rules)
        self.unknown_tag = text_rules.unknown_capitalised_tag
        self.name_tag = next(iter(sorted(rules.tags["names"])))
        self.name_blockers = rules.tags["determiners"] | rules.tags["adjectives"]
        self.retagger: Retagger | None = None
        self.reviser: Reviser | None = None
        if learned and rules.learned is not None:
            if not rules.learned.path.is_file():
                raise DataFileError(f"the learned model {rules.learned.model!r} is not in the package")
            arrays = load_model(rules.learned.path)
            self.retagger = Retagger(TagWeights.read(arrays))
            weights = Weights.read(arrays)
            featuriser = Featuriser(self.grammar, None, weights.arc_templates, weights.label_templates)
            self.reviser = Reviser(
                featuriser, weights, rules.learned.head_bonus, rules.learned.relation_bonus
            )

    def tag(self, words: list[Word]) -> list[tuple[str, str]]:
        """(lemma, tag) of each word, as the pipeline's morphology stage gives them."""
        tokens = tuple(Token(0, 0, w.form) for w in words)
        analysed = self.morphology.analyse_sentence(Sentence(0, 0, 0, "", tokens))
        return self._tagged(analysed.tokens)

    def word_list_tags(self, words: list[Word]) -> tuple[list[tuple[str, str]], list[bool]]:
        """(lemma, tag) of each word as ``tag`` gives them, and whether the word list knows it."""
        known = self.morphology.tagger.cache
        return self.tag(words), [w.form.lower() in known for w in words]

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
        return self._parse(words, self._tagged(tokens))

    def analyse(self, words: list[Word]) -> list[Word]:
        """Return the words of one sentence with lemma, tags, head and relation."""
        return self._parse(words, self.tag(words))

    def _parse(self, words: list[Word], tagged: list[tuple[str, str]]) -> list[Word]:
        return self._parse_many([words], [tagged])[0]

    def _parse_many(
        self, sentences: list[list[Word]], tagged: list[list[tuple[str, str]]]
    ) -> list[list[Word]]:
        """Learned tags (if any), the grammar, then the learned revision (if any); the learned
        steps take the sentences together (their array work is cheaper in one go)."""
        if self.retagger is not None:
            known = self.morphology.tagger.cache
            forms = [[w.form for w in words] for words in sentences]
            tagged = self.retagger.retag_many(
                forms, tagged, [[f.lower() in known for f in sentence] for sentence in forms]
            )
        analyses = [self.grammar.analyse_nodes(w, t) for w, t in zip(sentences, tagged, strict=True)]
        if self.reviser is not None:
            self.reviser.revise(analyses)
        return [
            [self.grammar.word(w, n) for w, n in zip(words, nodes, strict=True)]
            for words, (nodes, _) in zip(sentences, analyses, strict=True)
        ]

    def analyse_tokens_many(self, sentences: Sequence[Sequence[Token]]) -> list[list[Word]]:
        """Analyse sentences whose tokens the pipeline's morphology stage has already tagged."""
        if any(t.pos is None for tokens in sentences for t in tokens):
            return [self.analyse_tokens(tokens) for tokens in sentences]
        return self._parse_many([_words(t) for t in sentences], [self._tagged(t) for t in sentences])

    def analyse_many(self, sentences: list[list[Word]]) -> list[list[Word]]:
        """Analyse many sentences (the learned steps run on all of them at once)."""
        return self._parse_many(sentences, [self.tag(words) for words in sentences])


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
