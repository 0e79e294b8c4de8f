"""Lemma, part of speech and verb form, from models that ship inside their wheels.

Exact morphological analysis (HanTa) costs about a millisecond per new word form, far too slow
to run on every word of a large corpus. So each word takes the cheapest source that is exact
enough for what the engines do with it:

- lemmas come from simplemma's dictionary (microseconds per word);
- the part of speech comes from HanTa's word list when the form is in it (a dictionary look-up);
- HanTa's full analysis runs only for verb forms whose lemma may be an event trigger, where the
  exact verb form (finite, participle, infinitive) decides roles, tense and modality, and for
  verb forms the lemma dictionary does not know;
- any other form HanTa does not know is a noun or name when capitalised, else a modifier
  (``unknown_capitalised_tag`` and ``unknown_tag`` in the language's nlp.toml).

Every word form is analysed once per ``Morphology`` object and then cached.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

import simplemma
from HanTa import HanoverTagger

from lagebild.lang import ContextRules, FormAfter, TextRules
from lagebild.model import Sentence, Token

_TAG = re.compile(r"^([A-Z$]+[0-9]?)(?:\((\w+)\))?$")
Analysis = tuple[str, str, str | None]


@dataclass
class Morphology:
    """Analyses the words of one language, with a cache per word form."""

    rules: TextRules
    precise_lemmas: frozenset[str] = frozenset()
    _tagger: Any = None
    _cache: dict[str, Analysis] = field(default_factory=dict)
    # The lemma of a word form read with a given tag, or None when the word list cannot read it so.
    _tagged_lemmas: dict[tuple[str, str], str | None] = field(default_factory=dict)

    @property
    def tagger(self) -> Any:
        """HanTa's tagger, loaded on first use."""
        if self._tagger is None:
            self._tagger = HanoverTagger.HanoverTagger(self.rules.morphology_model)
        return self._tagger

    def analyse_word(self, word: str) -> Analysis:
        """Return ``(lemma, pos, morph)`` for one word form."""
        cached = self._cache.get(word)
        if cached is None:
            cached = self._cache[word] = self._analyse(word)
        return cached

    def _analyse(self, word: str) -> Analysis:
        lemma = self._lemma(word)
        if lemma in self.precise_lemmas or word.lower() in self.precise_lemmas or self._older_trigger(lemma):
            return self.precise(word)
        known = word.lower() in self.tagger.cache
        if not known:
            found = self._older_spelling(word)
            if found is not None:
                older, (newer_letters, older_letters) = found
                return self._analyse_as(older, _newer_lemma(self._lemma(older), newer_letters, older_letters))
        if known:
            return self._analyse_as(word, lemma)
        if self._may_be_verb_form(word, lemma):
            return self.precise(word)  # "angeschossen", "einzubringen": forms the word list lacks
        if word[0].isupper():
            return lemma, self.rules.unknown_capitalised_tag, None
        return lemma, self._unknown_tag(word, lemma), None

    def _unknown_tag(self, word: str, lemma: str) -> str:
        """The tag of an unknown lower-case word: by its inflected ending, else the default."""
        if lemma != word:
            for ending, tag in self.rules.unknown_suffix_tags:
                if word.endswith(ending):
                    return tag
        for ending, tag in self.rules.unknown_ending_tags:
            if word.endswith(ending):
                return tag
        return self.rules.unknown_tag

    def _older_trigger(self, lemma: str) -> bool:
        """Whether a lemma written in the older spelling is a trigger verb ("beschiessen" for
        "beschoss" is "beschießen")."""
        return any(
            newer in lemma and lemma.replace(newer, older) in self.precise_lemmas
            for newer, older in self.rules.older_spellings
        )

    def _may_be_verb_form(self, word: str, lemma: str) -> bool:
        """Whether an unknown lower-case word may be a participle or marked infinitive of a verb:
        its lemma ends like an infinitive, and the word holds a participle or infinitive syllable
        right after a start it shares with the lemma ("an|ge|schossen" for "anschiessen").

        Analysing every unknown verb form in full would cost a millisecond per form; these are
        the forms that decide passives and infinitive clauses.
        """
        endings, infixes = self.rules.context.infinitive_endings, self.rules.verb_form_infixes
        if not (endings and infixes and word.islower() and lemma != word and lemma.endswith(endings)):
            return False
        return any(
            word.startswith(infix, start) and lemma.startswith(word[:start])
            for infix in infixes
            for start in range(len(word) - len(infix))
        )

    def _analyse_as(self, word: str, lemma: str) -> Analysis:
        """The word list's tag of a known word form, with the given lemma."""
        tag = self.tagger.tag_word(word)[0][0]
        if tag.startswith(self.rules.full_verb_prefix) and lemma == word.lower() and "INF" not in tag:
            return self.precise(word)  # a verb form the lemma dictionary does not know
        return _split_tag(lemma, tag)

    def _older_spelling(self, word: str) -> tuple[str, tuple[str, str]] | None:
        """The spelling of a word before a spelling reform, where the word list knows only that
        one (``[morphology] older_spellings`` in nlp.toml: German "muss" is listed as "muß"),
        with the pair of letters changed."""
        for newer, older in self.rules.older_spellings:
            position = word.rfind(newer)
            while position >= 0:
                candidate = word[:position] + older + word[position + len(newer) :]
                if candidate.lower() in self.tagger.cache:
                    return candidate, (newer, older)
                position = word.rfind(newer, 0, position)
        return None

    def precise(self, word: str) -> Analysis:
        """HanTa's full analysis of a word form (slow; cached by the caller)."""
        lemma, tag = self.tagger.analyze(word, taglevel=1)
        return _split_tag(lemma or word, tag)

    def _lemma(self, word: str) -> str:
        lemma: str = simplemma.lemmatize(word, lang=self.rules.code)
        # The dictionary capitalises nominalised adjectives ("ranghöchste" → "Ranghöchste").
        return lemma.lower() if word[0].islower() else lemma

    def analyse_sentence(self, sentence: Sentence) -> Sentence:
        """Return the sentence with every token's lemma, POS and morphology filled in.

        Words are analysed alone (and cached), then the few ambiguous ones are decided by their
        neighbours (``[context]`` in nlp.toml).
        """
        tokens = [self.analyse_token(t) for t in sentence.tokens]
        self._retag_in_context(tokens)
        return replace(sentence, tokens=tuple(tokens))

    def _retag_in_context(self, tokens: list[Token]) -> None:
        """Decide, in place, the tags that a word's neighbours settle."""
        rules = self.rules.context
        start = _first_word(tokens)
        if start is not None and rules.sentence_start_closed_tags:
            tokens[start] = self._sentence_initial(tokens[start], rules.sentence_start_closed_tags)
        for i in range(1, len(tokens)):
            token, before = tokens[i], tokens[i - 1]
            if _is_bare_infinitive(token, before, rules, self.rules.full_verb_prefix):
                tokens[i] = replace(token, lemma=token.text, pos=rules.infinitive_tag, morph="INF")
            elif (
                before.pos == rules.participle_tag
                and token.text in rules.future_auxiliary_forms
                and before.text == before.lemma
            ):
                tokens[i - 1] = replace(before, pos=rules.infinitive_tag, morph="INF")
            elif _is_inverted_report(tokens, i, rules):
                tokens[i] = replace(token, pos=rules.finite_tag, morph="FIN")
            else:
                tokens[i] = self._form_after_auxiliary(tokens, i) or token
        for i, token in enumerate(tokens):
            infinitive = _unattached_participle(tokens, i, rules)
            if infinitive is not None and rules.participle_tag is not None:
                tokens[i] = replace(token, lemma=infinitive, pos=rules.participle_tag, morph="PP")
            elif rules.attributive_tag is not None and self._is_attributive_participle(tokens, i):
                tokens[i] = replace(token, pos=rules.attributive_tag, morph=None)
            elif self._is_finite_before_object(tokens, i):
                tokens[i] = replace(token, pos=rules.finite_tag, morph="FIN")
            else:
                finite = self._verb_before_determiner(tokens, i) or self._verb_after_noun(tokens, i)
                tokens[i] = finite or token
        _finite_at_stretch_ends(tokens, rules)

    def _form_after_auxiliary(self, tokens: list[Token], i: int) -> Token | None:
        """The form an auxiliary before a word settles ("had negotiated": a participle, though
        the word list prefers the adjective), when the word list can read the word so."""
        token = tokens[i]
        if not token.text.islower():
            return None
        for rule in self.rules.context.forms_after:
            if not _fits_around(tokens, i, rule):
                continue
            if token.pos == rule.tag or not _follows(
                tokens, i, rule.after, rule.skip, rule.after_endings, rule.skip_tags
            ):
                continue
            lemma = self._lemma_as(token.text, rule.tag)
            if lemma is not None:
                return replace(token, lemma=lemma, pos=rule.tag)
        return None

    def _lemma_as(self, word: str, tag: str) -> str | None:
        """The lemma of a word form read with ``tag``; None when the word list cannot read it so."""
        key = (word, tag)
        if key not in self._tagged_lemmas:
            lemma = None
            # The German word list writes its coarse tags with brackets: "VV(FIN)" for "VVFIN".
            if any(found.replace("(", "").replace(")", "") == tag for found, _ in self.tagger.tag_word(word)):
                lemma = self.tagger.analyze(word, pos=tag, taglevel=1)[0] or word
            self._tagged_lemmas[key] = lemma
        return self._tagged_lemmas[key]

    def _verb_before_determiner(self, tokens: list[Token], i: int) -> Token | None:
        """A word read as an attributive adjective right before a determiner cannot be one (an
        attributive adjective stands before its noun): a form of a verb whose participle has no
        "ge-" is its past tense ("Unbekannte entführten einen Diplomaten": "entführt" + "en")."""
        rules = self.rules.context
        token = tokens[i]
        if token.pos != rules.attributive_tag or not token.text.islower() or i + 1 >= len(tokens):
            return None
        if tokens[i + 1].pos not in rules.determiner_tags or rules.finite_tag is None:
            return None
        stem = _attributive_stem(token.text, rules)
        if stem is None or stem.startswith(rules.participle_prefixes):
            return None
        lemma = self._participle_lemma(stem)
        return None if lemma is None else replace(token, lemma=lemma, pos=rules.finite_tag, morph="FIN")

    def _verb_after_noun(self, tokens: list[Token], i: int) -> Token | None:
        """A word read as an attributive adjective right after a noun or name cannot be one: a form
        the word list can read as finite is the finite verb ("Wien erntete heftige Kritik")."""
        rules = self.rules.context
        token = tokens[i]
        if rules.finite_tag is None or token.pos != rules.attributive_tag or not token.text.islower():
            return None
        if i == 0 or tokens[i - 1].pos not in rules.finite_after_tags:
            return None
        if not token.text.endswith(rules.finite_after_endings):
            return None
        # before a noun it may end an extended attribute ("von Gewerkschaftern bekämpfte Reform")
        following = tokens[i + 1].pos if i + 1 < len(tokens) else None
        if following in rules.finite_after_tags or _in_extended_attribute(tokens, i, rules):
            return None
        lemma = self._lemma_as(token.text, rules.finite_tag)
        return None if lemma is None else replace(token, lemma=lemma, pos=rules.finite_tag, morph="FIN")

    def _is_attributive_participle(self, tokens: list[Token], i: int) -> bool:
        """A form read as a finite verb that is a participle with an adjective ending before a
        noun, after a determiner or another finite verb of its clause ("will entführte
        Staatsbürger heimholen")."""
        rules = self.rules.context
        token = tokens[i]
        if token.pos != rules.finite_tag or i + 1 >= len(tokens) or tokens[i + 1].pos not in rules.noun_tags:
            return False
        stem = _attributive_stem(token.text, rules)
        if stem is None or self._participle_lemma(stem) is None:
            return False
        if i > 0 and tokens[i - 1].pos in rules.determiner_tags:
            return True
        return any(t.pos in self.rules.finite_verb_tags for t in _clause_before(tokens, i))

    def _is_finite_before_object(self, tokens: list[Token], i: int) -> bool:
        """A participle form before an object's first word, with no finite verb or auxiliary in
        its stretch, that the word list can also read as finite: "Richterin Raufer verurteilt ihn"."""
        rules = self.rules.context
        token = tokens[i]
        if rules.finite_tag is None or token.pos != rules.participle_tag or not token.text.islower():
            return False
        if i + 1 >= len(tokens) or tokens[i + 1].pos not in rules.finite_before_tags:
            return False
        stretch = [*_clause_before(tokens, i), *_clause_after(tokens, i)]
        finite = self.rules.finite_verb_tags
        if any(t.pos in finite or t.lemma in rules.auxiliary_lemmas for t in stretch):
            return False
        return self._lemma_as(token.text, rules.finite_tag) is not None

    def _participle_lemma(self, form: str) -> str | None:
        """The lemma of a form the word list reads as a participle ("entführt"), else None."""
        lemma, pos, _ = self.analyse_word(form)
        return lemma if pos == self.rules.context.participle_tag else None

    def _sentence_initial(self, token: Token, closed_tags: frozenset[str]) -> Token:
        """A capitalised first word is read as its lower-case function word when it is one."""
        lower = token.text.lower()
        if token.text == lower or lower not in self.tagger.cache:
            return token
        lemma, pos, morph = self.analyse_word(lower)
        if pos not in closed_tags or token.pos in closed_tags:
            return token
        return Token(token.start, token.end, token.text, lemma, pos, morph)

    def analyse_token(self, token: Token) -> Token:
        """Return one token with its analysis."""
        if token.lemma is not None:
            return token
        if not (token.text[0].isalnum() or token.text[0] == "_"):
            return Token(token.start, token.end, token.text, token.text, "PUNCT", None)
        lemma, pos, morph = self.analyse_word(token.text)
        return Token(token.start, token.end, token.text, lemma, pos, morph)

    @property
    def cache_size(self) -> int:
        """How many distinct word forms have been analysed."""
        return len(self._cache)


_VOWELS = frozenset("aeiouäöüy")


def _newer_lemma(lemma: str, newer: str, older: str) -> str:
    """A lemma found through an older spelling, written in the newer one ("Ausschuß" for
    "Ausschüssen" is "Ausschuss"; "müssen" for "muss" stays).

    The reform changed the letters only after a short vowel, a single vowel letter: "beschloss"
    is found as "beschloß", but its lemma "beschließen" keeps the letter after "ie".
    """
    parts = lemma.split(older)
    out = parts[0]
    for part in parts[1:]:
        short = len(out) >= 2 and out[-1].lower() in _VOWELS and out[-2].lower() not in _VOWELS
        out += (newer if short else older) + part
    return out


def _in_extended_attribute(tokens: list[Token], i: int, rules: ContextRules) -> bool:
    """Whether a word ends an attribute that a determiner opens before a phrase: "des [von der
    Hamas] kontrollierten Ministeriums" (the phrase's preposition follows a determiner)."""
    j = i - 1
    while j >= 0 and tokens[j].pos not in rules.determiner_tags and tokens[j].pos in rules.noun_phrase_tags:
        j -= 1
    while j >= 0 and tokens[j].pos in rules.determiner_tags:
        j -= 1
    return j >= 1 and tokens[j].pos in rules.preposition_tags and tokens[j - 1].pos in rules.determiner_tags


def _fits_around(tokens: list[Token], i: int, rule: FormAfter) -> bool:
    """Whether a word's own reading and the word after it let a ``forms_after`` rule apply."""
    if rule.from_tags and tokens[i].pos not in rule.from_tags:
        return False
    following = tokens[i + 1].pos if i + 1 < len(tokens) else None
    if rule.next_tags and following not in rule.next_tags:
        return False
    return following not in rule.not_next_tags


def _follows(
    tokens: list[Token],
    i: int,
    words: frozenset[str],
    skipped: frozenset[str],
    endings: tuple[str, ...] = (),
    skipped_tags: frozenset[str] = frozenset(),
) -> bool:
    """Whether one of ``words``, or a word with one of ``endings``, stands before token ``i``,
    only ``skipped`` words (or words with ``skipped_tags``) between."""
    before = i - 1
    while before >= 0 and (tokens[before].text.lower() in skipped or tokens[before].pos in skipped_tags):
        before -= 1
    if before < 0:
        return False
    word = tokens[before].text.lower()
    return word in words or (bool(endings) and word.endswith(endings))


def _finite_at_stretch_ends(tokens: list[Token], rules: ContextRules) -> None:
    """In place: the last verb of a stretch opened by a subordinating word, tagged as an
    infinitive while nothing in the stretch is finite, is its finite verb ("weil sie nicht
    liefern,"); after the infinitive marker it stays an infinitive ("um zu liefern")."""
    if not rules.verb_final_openers:
        return
    finite = {tag for _, tag in rules.finite_of_infinitive}
    infinitives = dict(rules.finite_of_infinitive)
    start = 0
    for end in [*(i for i, t in enumerate(tokens) if t.text in rules.stretch_breaks), len(tokens)]:
        stretch = range(start, end)
        start = end + 1
        if not stretch or tokens[stretch[0]].pos not in rules.verb_final_openers:
            continue
        if any(tokens[i].pos in finite for i in stretch):
            continue
        verbs = [i for i in stretch if tokens[i].pos in infinitives]
        if not verbs:
            continue
        last = verbs[-1]
        if last > 0 and tokens[last - 1].text.lower() == rules.infinitive_marker:
            continue
        tokens[last] = replace(tokens[last], pos=infinitives[tokens[last].pos or ""], morph="FIN")


def _first_word(tokens: list[Token]) -> int | None:
    """Index of the first word of a sentence, opening quotes and brackets aside."""
    return next((i for i, t in enumerate(tokens) if t.text[0].isalnum()), None)


def _is_bare_infinitive(token: Token, before: Token, rules: ContextRules, verb_prefix: str) -> bool:
    """A lower-case word after the infinitive marker with an infinitive ending that is not tagged
    as one: unknown to the word list, or read as a participle or finite form of the same form
    ("zu bewaffnen", "zu verschwinden")."""
    if rules.infinitive_marker is None or before.text.lower() != rules.infinitive_marker:
        return False
    if not (token.text.islower() and token.text.endswith(rules.infinitive_endings)):
        return False
    pos = token.pos or ""
    same_form = token.text == token.lemma  # "zu verschwinden": the plural present is the infinitive
    return not pos.startswith(verb_prefix) or (pos in (rules.participle_tag, rules.finite_tag) and same_form)


def _unattached_participle(tokens: list[Token], i: int, rules: ContextRules) -> str | None:
    """The infinitive of a word tagged as an attributive adjective that no noun follows and that
    ends like a participle ("einmarschiert." -> "einmarschieren"); None for any other word."""
    token = tokens[i]
    if rules.attributive_tag is None or token.pos != rules.attributive_tag or not token.text.islower():
        return None
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    if following is not None and following.pos in rules.noun_phrase_tags:
        return None
    for ending, infinitive_ending in rules.participle_endings:
        if token.text.endswith(ending):
            return token.text[: -len(ending)] + infinitive_ending
    return None


def _attributive_stem(word: str, rules: ContextRules) -> str | None:
    """The word without its adjective ending ("entführten" -> "entführt"), if it has one."""
    ending = next((e for e in rules.attributive_endings if word.endswith(e)), None)
    return word[: -len(ending)] if ending else None


def _clause_before(tokens: list[Token], i: int) -> list[Token]:
    """The tokens before token ``i`` back to the last comma or other punctuation mark."""
    start = i
    while start > 0 and tokens[start - 1].pos != "PUNCT":
        start -= 1
    return tokens[start:i]


def _clause_after(tokens: list[Token], i: int) -> list[Token]:
    """The tokens after token ``i`` up to the next comma or other punctuation mark."""
    end = i + 1
    while end < len(tokens) and tokens[end].pos != "PUNCT":
        end += 1
    return tokens[i + 1 : end]


def _is_inverted_report(tokens: list[Token], i: int, rules: ContextRules) -> bool:
    """A participle-like form after a comma and before its subject: "..., kritisiert Manahl"."""
    token = tokens[i]
    if rules.finite_tag is None or token.pos != rules.participle_tag or tokens[i - 1].text != ",":
        return False
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    if following is None or following.pos not in rules.inversion_subject_tags:
        return False
    rest = tokens[i + 1 :]
    end = next((j for j, t in enumerate(rest) if t.text == ","), len(rest))
    return not any(t.lemma in rules.auxiliary_lemmas for t in rest[:end])


def _split_tag(lemma: str, tag: str) -> Analysis:
    """Turn HanTa's ``VV(FIN)`` into pos ``VVFIN`` and morph ``FIN``; keep other tags as they are."""
    match = _TAG.match(tag)
    if match is None:
        return lemma, tag, None
    base, detail = match.groups()
    return lemma, base + (detail or ""), detail
