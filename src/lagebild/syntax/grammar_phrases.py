"""Phrases inside a clause: noun phrases with their case, prepositional phrases, adverbs.

A noun phrase is determiners, adjectives, numbers and one or more nouns (a name after a common
noun is its apposition, a name after a name is ``flat``), or a pronoun. Its possible cases
(``N``, ``A``, ``D``, ``G``) come from its first determiner or, without one, from its first
adjective or its pronoun. A noun phrase that can only be genitive, right after a noun, is that
noun's ``nmod``; so is a prepositional phrase with a noun-attaching preposition or one in the
Vorfeld after a noun. Phrases joined by a coordinator are ``conj``; a noun phrase alone between
commas after a noun phrase is its ``appos``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from lagebild.syntax.rules import GrammarRules

if TYPE_CHECKING:
    from lagebild.syntax.grammar_engine import Node

ALL_CASES = "NADG"


@dataclass(eq=False)
class Phrase:
    """A phrase of a clause: its head word, span, kind and possible cases."""

    head: int
    start: int
    end: int
    kind: str
    cases: str = ALL_CASES
    prep: str = ""
    attached: bool = False
    after_break: bool = False
    number: str = ""


class PhraseBuilder:
    """Groups the non-verbal words of a clause into phrases and attaches phrase-internal words."""

    def __init__(self, rules: GrammarRules) -> None:
        self.rules = rules
        self.vorfeld_end: int | None = None

    def is_(self, node: Node, tag_class: str) -> bool:
        """Whether the node's tag is in a tag class of the language data."""
        return node.tag in self.rules.tags[tag_class]

    def build(self, nodes: list[Node], words: list[Node], vorfeld_end: int | None = None) -> list[Phrase]:
        """Return the clause's phrases in order; dependents inside phrases get their heads.

        ``vorfeld_end`` is the position of a main clause's finite verb (the end of a verbless
        clause): before it, a prepositional phrase right after a noun belongs to that noun.
        """
        self.vorfeld_end = vorfeld_end
        phrases: list[Phrase] = []
        coordinators: list[Node] = []
        position = 0
        while position < len(words):
            word = words[position]
            if self.is_(word, "coordinators"):
                coordinators.append(word)
                position += 1
                continue
            phrase, position = self._phrase(nodes, words, position)
            phrases.append(phrase)
        self._attach_phrases(nodes, phrases, coordinators)
        return phrases

    def _phrase(self, nodes: list[Node], words: list[Node], position: int) -> tuple[Phrase, int]:
        word = words[position]
        if self.is_(word, "prepositions") or self.is_(word, "comparisons"):
            return self._prepositional(nodes, words, position)
        np = self._noun_phrase(nodes, words, position)
        if np is not None:
            return np
        word.rel = "advmod"
        phrase = Phrase(word.i, word.i, word.i, "adv", after_break=word.after_break)
        return phrase, position + 1

    def _prepositional(self, nodes: list[Node], words: list[Node], position: int) -> tuple[Phrase, int]:
        marker = words[position]
        kind = "comp" if self.is_(marker, "comparisons") else "pp"
        inner = self._noun_phrase(nodes, words, position + 1) if position + 1 < len(words) else None
        if inner is None and position + 1 < len(words) and self._adjacent(words, position):
            following = words[position + 1]
            if following.tag in ("ADV", "ADJD", "PAV", "CARD"):
                inner = (Phrase(following.i, following.i, following.i, "adv"), position + 2)
        if inner is None:
            marker.rel = "compound:prt" if kind == "pp" else "advmod"
            return Phrase(marker.i, marker.i, marker.i, "prt", after_break=marker.after_break), position + 1
        phrase, end = inner
        marker.head, marker.rel = phrase.head, "case"
        return Phrase(
            phrase.head,
            marker.i,
            phrase.end,
            kind,
            phrase.cases,
            marker.lower,
            after_break=marker.after_break,
        ), end

    def _adjacent(self, words: list[Node], position: int) -> bool:
        return words[position + 1].i == words[position].i + 1

    def _noun_phrase(self, nodes: list[Node], words: list[Node], position: int) -> tuple[Phrase, int] | None:
        """A noun phrase starting at ``position``, with its genitive attributes; None if none starts."""
        first = words[position]
        if self.is_(first, "pronouns") and first.tag != "PRELAT":
            end = position + 1
            phrase = Phrase(
                first.i,
                first.i,
                first.i,
                "np",
                self._cases(first),
                after_break=first.after_break,
                number=self._number(first),
            )
            return phrase, end
        end = position
        while end < len(words) and self._premodifier(words, end):
            end += 1
        nouns_start = end
        while (
            end < len(words)
            and self.is_(words[end], "nouns")
            and (end == nouns_start or self._joins(words, end) or self._hyphenated(nodes, words, end))
        ):
            end += 1
        span = words[position:end]
        if not span:
            return None
        nouns = self._compounds(nodes, words[nouns_start:end])
        head = self._head(span, nouns)
        if head is None:
            return None
        self._inner_relations([w for w in span if w.rel != "compound" or w.head is None], head, nouns)
        cases = self._phrase_cases(span)
        phrase = Phrase(
            head.i,
            span[0].i,
            span[-1].i,
            "np",
            cases,
            after_break=first.after_break,
            number=self._number(span[0]),
        )
        return self._genitives(nodes, words, phrase, end)

    def _premodifier(self, words: list[Node], k: int) -> bool:
        word = words[k]
        following = words[k + 1] if k + 1 < len(words) else None
        if self.is_(word, "determiners") or self.is_(word, "adjectives") or self.is_(word, "numbers"):
            return True
        if word.tag in ("ADV", "ADJD", "PTKA") and following is not None and following.i == word.i + 1:
            return self.is_(following, "adjectives") or (
                word.lower in self.rules.words["degree_adverbs"] and self.is_(following, "numbers")
            )
        return False

    def _joins(self, words: list[Node], k: int) -> bool:
        """Whether a noun continues the noun before it as one name ("Präsident Bill Clinton")."""
        word, before = words[k], words[k - 1]
        return word.i == before.i + 1 and (
            self.is_(word, "names") or (self.is_(before, "names") and word.tag == "NE")
        )

    def _hyphenated(self, nodes: list[Node], words: list[Node], k: int) -> bool:
        """Whether a noun continues the one before it across a hyphen ("Spa - Bereich")."""
        word, before = words[k], words[k - 1]
        return word.i == before.i + 2 and nodes[before.i + 1].form in ("-", "–")

    def _compounds(self, nodes: list[Node], nouns: list[Node]) -> list[Node]:
        """Hang each noun before a hyphen on the noun after it; return the nouns left."""
        left = []
        for k, noun in enumerate(nouns):
            following = nouns[k + 1] if k + 1 < len(nouns) else None
            if following is not None and following.i == noun.i + 2 and nodes[noun.i + 1].form in ("-", "–"):
                noun.head, noun.rel = following.i, "compound"
            else:
                left.append(noun)
        return left

    def _head(self, span: list[Node], nouns: list[Node]) -> Node | None:
        if nouns:
            if (
                len(nouns) > 1
                and nouns[0].lemma in self.rules.words["title_nouns"]
                and self.is_(nouns[1], "names")
            ):
                nouns[0].head, nouns[0].rel = nouns[1].i, "compound"  # "Herr Walther": the name heads
                nouns.pop(0)
            return nouns[0]
        for tag_class in ("adjectives", "numbers", "determiners"):
            candidates = [w for w in span if self.is_(w, tag_class)]
            if candidates:
                return candidates[-1]
        return None

    def _inner_relations(self, span: list[Node], head: Node, nouns: list[Node]) -> None:
        """Determiners, adjectives, numbers, degree adverbs and further nouns of a noun phrase."""
        for k, word in enumerate(span):
            if word is head:
                continue
            word.head = head.i
            if word in nouns:
                self._name_part(word, head, nouns)
            elif self.is_(word, "determiners"):
                word.rel = "det:poss" if word.tag == "PPOSAT" else "det"
            elif self.is_(word, "adjectives"):
                word.rel = "amod"
            elif self.is_(word, "numbers"):
                word.rel = "nummod"
            else:
                following = span[k + 1] if k + 1 < len(span) else head
                word.head, word.rel = following.i, "advmod"

    def _name_part(self, word: Node, head: Node, nouns: list[Node]) -> None:
        """A name after a common noun is its apposition; later name parts are flat on the first."""
        first_name = next((n for n in nouns if self.is_(n, "names")), None)
        if word is first_name and self._genitive_name(word) and not self.is_(head, "names"):
            word.head, word.rel = head.i, "nmod"
        elif self.is_(head, "names") or first_name is None:
            word.head, word.rel = head.i, "flat"
        elif word is first_name:
            word.head, word.rel = head.i, "appos"
        else:
            word.head, word.rel = first_name.i, "flat"

    def _number(self, word: Node) -> str:
        """ "sg" or "pl" when the phrase's first word settles it, else ""."""
        if word.lower in self.rules.words["singular_words"]:
            return "sg"
        if word.lower in self.rules.words["plural_words"]:
            return "pl"
        return ""

    def _genitive_name(self, word: Node) -> bool:
        """A name in the genitive after a noun ("der Außenminister Russlands")."""
        return word.form.endswith(self.rules.endings["genitive_noun_endings"]) and (
            word.lemma != word.form or len(word.form) > 5
        )

    def _phrase_cases(self, span: list[Node]) -> str:
        """The cases the first determiner (or adjective) of a phrase allows."""
        for word in span:
            if self.is_(word, "determiners") or self.is_(word, "adjectives"):
                return self._cases(word)
        return ALL_CASES

    def _cases(self, word: Node) -> str:
        forms = self.rules.case_forms
        if word.form in forms:
            return forms[word.form]
        if word.lower in forms:
            return forms[word.lower]
        if word.lower in self.rules.uninflected:
            return "NA"
        if not (self.is_(word, "determiners") or self.is_(word, "adjectives") or word.tag in ("PDS", "PIS")):
            return ALL_CASES
        for ending, cases in self.rules.case_endings:
            if word.lower.endswith(ending):
                return cases
        return ALL_CASES

    def _genitives(
        self, nodes: list[Node], words: list[Node], phrase: Phrase, end: int
    ) -> tuple[Phrase, int]:
        """Attach following genitive noun phrases ("der Chef der Partei") to the phrase."""
        while (
            end < len(words) and words[end].i == nodes[phrase.end].i + 1 and self._genitive_start(words, end)
        ):
            inner = self._noun_phrase(nodes, words, end)
            if inner is None:
                break
            attribute, end = inner
            if attribute.kind != "np":
                break
            nodes[attribute.head].head, nodes[attribute.head].rel = phrase.head, "nmod"
            phrase.end = attribute.end
        return phrase, end

    def _genitive_start(self, words: list[Node], k: int) -> bool:
        """Whether the words from ``k`` open a genitive noun phrase."""
        word = words[k]
        if not self.is_(word, "determiners"):
            return False
        cases = self._cases(word)
        if cases == "G" or (word.tag == "ART" and "G" in cases and "A" not in cases):
            return True
        noun = next((w for w in words[k + 1 : k + 4] if self.is_(w, "nouns")), None)
        return (
            word.lower.endswith("es")
            and noun is not None
            and noun.form.endswith(self.rules.endings["genitive_noun_endings"])
        )

    def _attach_phrases(self, nodes: list[Node], phrases: list[Phrase], coordinators: list[Node]) -> None:
        """Coordination, apposition and noun-attached prepositional phrases between phrases."""
        for k in range(1, len(phrases)):
            phrase, before = phrases[k], phrases[k - 1]
            reach = self._before_adverbs(phrases, k)
            joiner = next((c for c in coordinators if reach.end < c.i < phrase.start), None)
            anchor = self._anchor(nodes, phrases, k, joiner, phrase.kind)
            if joiner is not None and (
                phrase.kind == anchor.kind or (anchor.kind, phrase.kind) == ("pp", "np")
            ):
                self._conjunct(nodes, phrase, anchor, joiner)
            elif phrase.after_break and phrase.kind == "np" and anchor.kind in ("np", "pp"):
                self._comma_phrase(nodes, phrases, k, anchor)
            elif self._modifies_noun(nodes, phrase, before):
                nodes[phrase.head].head, nodes[phrase.head].rel = before.head, "nmod"
                phrase.attached = True

    def _before_adverbs(self, phrases: list[Phrase], k: int) -> Phrase:
        """The nearest phrase before ``k`` that is not an adverb ("zu X und auch zu Y")."""
        j = k - 1
        while j > 0 and phrases[j].kind == "adv":
            j -= 1
        return phrases[j]

    def _modifies_noun(self, nodes: list[Node], phrase: Phrase, before: Phrase) -> bool:
        """A prepositional phrase or bare number that belongs to the noun right before it."""
        if phrase.kind == "pp":
            return self._noun_attached(nodes, phrase, before)
        return self._number_after_noun(nodes, phrase, before)

    def _number_after_noun(self, nodes: list[Node], phrase: Phrase, before: Phrase) -> bool:
        """A bare number right after a noun belongs to it ("Mai 2010")."""
        return (
            phrase.start == phrase.end == phrase.head
            and self.is_(nodes[phrase.head], "numbers")
            and phrase.start == before.end + 1
            and self.is_(nodes[before.head], "nouns")
        )

    def _anchor(
        self, nodes: list[Node], phrases: list[Phrase], k: int, joiner: Node | None, kind: str
    ) -> Phrase:
        """The phrase a phrase after a coordinator or comma joins: the nearest one before it of
        its own kind (adverbs between are skipped: "nicht nur X, sondern auch Y"), or the first
        conjunct of the coordination that one belongs to."""
        anchor = phrases[k - 1]
        if joiner is not None:
            same = [p for p in phrases[:k] if p.kind == kind and p.end < joiner.i]
            if anchor.kind == "adv" and same:
                anchor = same[-1]
        if nodes[anchor.head].rel == "conj":
            first = next((p for p in phrases[:k] if p.head == nodes[anchor.head].head), None)
            anchor = first or anchor
        return anchor

    def _conjunct(self, nodes: list[Node], phrase: Phrase, anchor: Phrase, joiner: Node) -> None:
        head = nodes[phrase.head]
        head.head, head.rel = anchor.head, "conj"
        joiner.head, joiner.rel = phrase.head, "cc"
        phrase.attached = True
        anchor.number = "pl"
        if anchor.kind == "np":
            anchor.cases = "".join(c for c in anchor.cases if c in phrase.cases) or anchor.cases

    def _comma_phrase(self, nodes: list[Node], phrases: list[Phrase], k: int, anchor: Phrase) -> None:
        """A noun phrase after a comma: apposition when alone, else the next conjunct of a list."""
        phrase = phrases[k]
        following = phrases[k + 1] if k + 1 < len(phrases) else None
        listing = (
            following is not None
            and following.kind == "np"
            and not following.after_break
            and following.start - phrase.end == 2
            and self.is_(nodes[phrase.end + 1], "coordinators")
        )
        relation = "conj" if listing or self._continues_list(phrases, k) else "appos"
        nodes[phrase.head].head, nodes[phrase.head].rel = anchor.head, relation
        phrase.attached = True

    def _continues_list(self, phrases: list[Phrase], k: int) -> bool:
        """Whether a coordinated noun phrase follows later in the same clause ("A, B und C")."""
        following = phrases[k + 1] if k + 1 < len(phrases) else None
        return (
            following is not None
            and following.after_break
            and following.kind == "np"
            and (following.start - phrases[k].end == 2)
        )

    def _noun_attached(self, nodes: list[Node], phrase: Phrase, before: Phrase) -> bool:
        """Whether a prepositional phrase modifies the noun right before it."""
        noun = nodes[before.head]
        if before.kind not in ("np", "pp") or phrase.after_break or phrase.start != before.end + 1:
            return False
        if not (self.is_(noun, "nouns") or noun.tag in ("PIS", "PDS")):
            return False
        if self.vorfeld_end is not None and phrase.end < self.vorfeld_end:
            return noun.lemma not in self.rules.words["time_nouns"]
        return phrase.prep in self.rules.words["noun_attaching_prepositions"]
