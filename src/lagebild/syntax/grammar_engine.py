"""Clause analysis by grammar: topological fields, phrases, case and clause types.

The sentence is cut into stretches at clause punctuation and at coordinators that join two
finite clauses; each stretch is typed by its first word (complementiser, relative pronoun,
infinitive complementiser) or by its verbs, and stretches are joined into clauses (a main
clause goes on after an embedded one: "Der Mann, der kam, ist ..."). Inside a clause the verbs
give the brackets: the lexical verb heads the clause, finite auxiliaries and modals hang on it;
with a copula and no other verb the predicate heads it. Noun phrases take the cases their
determiners and pronouns allow; the subject is the first phrase that can be nominative, the
object the next that can be accusative, a dative the oblique argument. Prepositional phrases
attach to the noun before them in the Vorfeld or with a noun-attaching preposition, else to the
verb. Clauses hang on their antecedent (relative), on the verb above them (complement,
adverbial, infinitive) or on the clause before them (coordination, report).

Everything German is data (``lang/de/syntax.toml``); this engine reads tag classes and lists.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lagebild.syntax.conllu import EMPTY, Word
from lagebild.syntax.grammar_phrases import Phrase, PhraseBuilder
from lagebild.syntax.rules import GrammarRules

MAIN, SUB, REL, INF, FRAG = "main", "sub", "rel", "inf", "frag"


@dataclass(eq=False)
class Node:
    """One word during the analysis: its tag may be corrected, its head and relation are set."""

    i: int
    form: str
    lemma: str
    tag: str
    head: int | None = None
    rel: str = "dep"
    after_break: bool = False
    lower: str = ""
    clause: int = -1
    phrase: str = ""
    cases: str = ""
    prep: str = ""
    number: str = ""

    def __post_init__(self) -> None:
        self.lower = self.form.lower()


@dataclass(eq=False)
class Clause:
    """A clause: its words (not necessarily contiguous), type, and place in the sentence."""

    kind: str
    nodes: list[int]
    parent: Clause | None = None
    relation: str = ""
    head: int | None = None
    finite: int | None = None
    joined_by: int | None = None
    children: list[Clause] = field(default_factory=list)

    @property
    def start(self) -> int:
        """Index of the clause's first word."""
        return min(self.nodes)


class GrammarAnalyser:
    """Analyses sentences whose words carry STTS tags and lemmas."""

    def __init__(self, rules: GrammarRules) -> None:
        self.rules = rules
        self.phrases = PhraseBuilder(rules)

    def is_(self, node: Node, tag_class: str) -> bool:
        """Whether the node's tag is in a tag class of the language data."""
        return node.tag in self.rules.tags[tag_class]

    def analyse_tagged(self, words: list[Word], tagged: list[tuple[str, str]]) -> list[Word]:
        """Return the words with head and relation; ``tagged`` holds (lemma, STTS tag) per word."""
        nodes, _ = self.analyse_nodes(words, tagged)
        return [self.word(w, n) for w, n in zip(words, nodes, strict=True)]

    def analyse_nodes(
        self, words: list[Word], tagged: list[tuple[str, str]]
    ) -> tuple[list[Node], list[Clause]]:
        """The analysis as nodes (head index, ``-1`` for the root) and the clauses they form."""
        nodes = [
            Node(i, w.form, lemma, tag) for i, (w, (lemma, tag)) in enumerate(zip(words, tagged, strict=True))
        ]
        if not nodes:
            return [], []
        self._retag(nodes)
        self._retag_finite(nodes)
        clauses = self._clauses(nodes)
        for number, clause in enumerate(clauses):
            self._analyse_clause(nodes, clause)
            for i in clause.nodes:
                nodes[i].clause = number
        root = self._link_clauses(nodes, clauses)
        self._finish(nodes, root)
        return nodes, clauses

    def word(self, word: Word, node: Node) -> Word:
        """The CoNLL-U word of an analysed node (head 1-based, 0 for the root)."""
        upos = self.rules.upos.get(node.tag, "X")
        if upos == "AUX" and node.rel not in ("aux", "aux:pass", "cop"):
            upos = "VERB"
        head = 0 if node.head is None or node.head < 0 else node.head + 1
        return Word(word.id, word.form, node.lemma or EMPTY, upos, node.tag, EMPTY, head, node.rel, word.misc)

    # Tags that only the neighbours settle ------------------------------------------------

    def _retag(self, nodes: list[Node]) -> None:
        """Correct the tags a word's neighbours decide: "zu", relative pronouns, bare articles."""
        for k, node in enumerate(nodes):
            following = nodes[k + 1] if k + 1 < len(nodes) else None
            if node.lower == self.rules.infinitive_marker:
                self._retag_zu(node, following)
            elif self._is_relative(nodes, k):
                node.tag = "PRELS" if not (following and self.is_(following, "nouns")) else "PRELAT"
            elif node.tag == "ART" and not self._opens_phrase(nodes, k + 1):
                node.tag = "PDS"
            elif self.is_(node, "pronouns") and following is not None and self._determines(node, following):
                node.tag = "ART" if node.lower in self.rules.words["articles"] else "PIAT"
            elif (
                node.tag.startswith("V")
                and node.lower in self.rules.words["determiner_forms"]
                and (
                    following is not None
                    and (self.is_(following, "nouns") or self.is_(following, "adjectives"))
                )
            ):
                node.tag = "PPOSAT"
            elif self._noun_after_determiner(nodes, k):
                node.tag = "NN"
            elif node.tag in ("ADJA", "ADJD") and not self._continues_adjective(nodes, k + 1):
                node.tag = (
                    "VVPP" if self._participle(node) and self._bracket_position(nodes, k + 1) else "ADJD"
                )

    def _noun_after_determiner(self, nodes: list[Node], k: int) -> bool:
        """A capitalised word after an article that the word list tags as something else is a noun
        ("im Nachhinein", "das Essen")."""
        node = nodes[k]
        if k == 0 or not node.form[:1].isupper() or node.tag.startswith("N") or self.is_(node, "adjectives"):
            return False
        return nodes[k - 1].tag in ("ART", "PPOSAT", "PDAT", "PIAT") and not self.is_(node, "punctuation")

    def _bracket_position(self, nodes: list[Node], k: int) -> bool:
        """Whether position ``k`` ends the clause's middle field (punctuation, coordinator, verb or end)."""
        if k >= len(nodes):
            return True
        following = nodes[k]
        return (
            self.is_(following, "punctuation")
            or self.is_(following, "coordinators")
            or following.tag.startswith("V")
            or following.form in self.rules.words["clause_punctuation"]
        )

    def _participle(self, node: Node) -> bool:
        """Whether an adjective form is a verb's participle ("storniert" with lemma "stornieren")."""
        lemma = node.lemma
        return (
            lemma.islower()
            and lemma != node.lower
            and lemma.endswith(self.rules.endings["verb_lemma_endings"])
            and node.lower.endswith(self.rules.endings["participle_endings"])
        )

    def _retag_finite(self, nodes: list[Node]) -> None:
        """In a stretch with verbs but none tagged finite, the verb in finite position is finite.

        Word lists tag "zahlen" or "werden" as infinitives; at the start of a sentence, and after a
        complementiser, relative pronoun or coordinator, the stretch is a clause and needs one.
        """
        for number, stretch in enumerate(self._raw_stretches(nodes)):
            words = [nodes[i] for i in stretch]
            verbs = [
                w for w in words if self.is_(w, "nonfinite") and w.tag not in self.rules.tags["participles"]
            ]
            participles = [w for w in words if w.tag in self.rules.tags["participles"]]
            if not verbs and len(participles) == 1 and participles[0].lower.endswith("t"):
                verbs = participles  # "besucht", "gefällt": third person as well as participle
            if not verbs or any(
                self.is_(w, "finite") or self.is_(w, "infinitive_marker") or w.tag == "VVIZU" for w in words
            ):
                continue
            first = words[0]
            embedded = (
                self.is_(first, "subordinators")
                or first.tag in ("PRELS", "PRELAT")
                or (len(words) > 1 and self.is_(first, "prepositions") and words[1].tag == "PRELS")
            )
            opening = number == 0 or embedded or first.lower in self.rules.words["clause_coordinators"]
            if not opening or self.is_(first, "infinitive_subordinators"):
                continue
            verb = verbs[-1] if embedded else verbs[0]
            verb.tag = verb.tag[:2] + "FIN"

    def _raw_stretches(self, nodes: list[Node]) -> list[list[int]]:
        """The words between clause punctuation, punctuation left out."""
        stretches: list[list[int]] = [[]]
        for node in nodes:
            if node.form in self.rules.words["clause_punctuation"]:
                stretches.append([])
            elif not self.is_(node, "punctuation"):
                stretches[-1].append(node.i)
        return [s for s in stretches if s]

    def _determines(self, node: Node, following: Node) -> bool:
        """Whether a word tagged as pronoun is the determiner of the noun phrase after it."""
        if node.tag not in ("PDS", "PIS", "PRELS", "PPOSS", "PWS"):
            return False
        return (
            self.is_(following, "nouns")
            or self.is_(following, "adjectives")
            or self.is_(following, "numbers")
        )

    def _continues_adjective(self, nodes: list[Node], k: int) -> bool:
        """Whether an attributive adjective has its noun (or another adjective) at position ``k``."""
        if k >= len(nodes):
            return False
        following = nodes[k]
        if any(self.is_(following, c) for c in ("nouns", "adjectives", "numbers")):
            return True
        if (self.is_(following, "coordinators") or following.form == ",") and k + 1 < len(nodes):
            return self.is_(nodes[k + 1], "adjectives")
        return False

    def _retag_zu(self, node: Node, following: Node | None) -> None:
        if (
            following is None
            or following.form in self.rules.words["clause_punctuation"]
            or self.is_(following, "punctuation")
        ):
            node.tag = "PTKVZ"
        elif following.tag.startswith("V") or (following.form.islower() and following.form.endswith("en")):
            node.tag = "PTKZU"
            if following.lemma in self.rules.words["auxiliary_lemmas"]:
                following.tag = "VAINF"
            elif following.lemma in self.rules.words["modal_lemmas"]:
                following.tag = "VMINF"
            elif following.tag in self.rules.tags["finite"] or not following.tag.startswith("V"):
                following.tag = "VVINF"
        elif following.tag in ("ADJD", "ADV"):
            node.tag = "PTKA"
        else:
            node.tag = "APPR"

    def _is_relative(self, nodes: list[Node], k: int) -> bool:
        """A d- or w-word after a comma (and maybe a preposition) that opens no noun phrase."""
        node = nodes[k]
        if node.lower not in self.rules.words["relative_pronouns"] or k == 0:
            return False
        before = nodes[k - 1]
        if before.form != "," and not (
            self.is_(before, "prepositions") and k >= 2 and nodes[k - 2].form == ","
        ):
            return False
        if node.lower in ("dessen", "deren"):
            return True
        return not self._opens_phrase(nodes, k + 1) or node.tag.startswith("PW")

    def _opens_phrase(self, nodes: list[Node], k: int) -> bool:
        """Whether the word at ``k`` continues a noun phrase that a determiner opened."""
        if k >= len(nodes):
            return False
        node = nodes[k]
        if any(self.is_(node, c) for c in ("nouns", "adjectives", "numbers")) or node.tag in (
            "PIAT",
            "PIDAT",
            "PDAT",
            "PPOSAT",
            "TRUNC",
        ):
            return True
        if node.tag in ("ADV", "ADJD") and node.lower in self.rules.words["degree_adverbs"]:
            return self._opens_phrase(nodes, k + 1)
        return False

    # Stretches and clauses ------------------------------------------------------------------

    def _stretches(self, nodes: list[Node]) -> list[list[int]]:
        """Cut the words (punctuation left out) at clause punctuation and clause coordination."""
        stretches: list[list[int]] = [[]]
        for node in nodes:
            if node.form in self.rules.words["clause_punctuation"]:
                if stretches[-1]:
                    stretches.append([])
                continue
            if self.is_(node, "punctuation"):
                continue
            if not stretches[-1] and node.i > 0:
                node.after_break = True
            stretches[-1].append(node.i)
        stretches = [s for s in stretches if s]
        return [part for stretch in stretches for part in self._split_coordination(nodes, stretch)]

    def _split_coordination(self, nodes: list[Node], stretch: list[int]) -> list[list[int]]:
        """Split a stretch before a coordinator that joins two finite clauses."""
        for position, i in enumerate(stretch):
            node = nodes[i]
            if position == 0 or node.lower not in self.rules.words["clause_coordinators"]:
                continue
            before, after = stretch[:position], stretch[position:]
            if self._has_finite(nodes, before) and self._has_finite(nodes, after[1:]):
                return [before, *self._split_coordination(nodes, after)]
        return [stretch]

    def _has_finite(self, nodes: list[Node], indices: list[int]) -> bool:
        return any(self.is_(nodes[i], "finite") for i in indices)

    def _kind(self, nodes: list[Node], stretch: list[int]) -> str:
        """The clause type a stretch opens, from its first word or its verbs."""
        words = [nodes[i] for i in stretch]
        first = words[0]
        second = words[1] if len(words) > 1 else None
        if self.is_(first, "subordinators"):
            return SUB
        if first.tag in ("PRELS", "PRELAT") or (
            self.is_(first, "prepositions") and second is not None and second.tag in ("PRELS", "PRELAT")
        ):
            return REL
        if first.lower in self.rules.words["interrogatives"] and first.after_break:
            return SUB
        if self.is_(first, "infinitive_subordinators"):
            return INF
        if any(self.is_(w, "finite") for w in words):
            return MAIN
        if any(self.is_(w, "infinitive_marker") or w.tag == "VVIZU" for w in words):
            return INF
        return FRAG

    def _clauses(self, nodes: list[Node]) -> list[Clause]:
        """Join the stretches into clauses, each knowing the clause it hangs on."""
        clauses: list[Clause] = []
        waiting: list[Clause] = []
        for stretch in self._stretches(nodes):
            joined = None
            if nodes[stretch[0]].lower in self.rules.words["clause_coordinators"] and len(stretch) > 1:
                joined = stretch[0]
            body = stretch[1:] if joined is not None else stretch
            kind = self._kind(nodes, body)
            self._place(nodes, clauses, waiting, Clause(kind, list(stretch), joined_by=joined))
        for clause in waiting:
            main = next((c for c in clauses if c.kind == MAIN and c.parent is None and c is not clause), None)
            if main is not None and clause.parent is None:
                self._attach(clause, main, self._embedded_relation(nodes, clause))
        return clauses

    def _place(self, nodes: list[Node], clauses: list[Clause], waiting: list[Clause], new: Clause) -> None:
        """Add one stretch: as a clause of its own, or as more words of a clause before it."""
        previous = clauses[-1] if clauses else None
        if new.kind in (SUB, REL, INF):
            clauses.append(new)
            parent = self._embedding_parent(nodes, clauses, new)
            if parent is None:
                waiting.append(new)
            else:
                self._attach(new, parent, self._embedded_relation(nodes, new))
            return
        if new.kind == MAIN:
            self._place_main(nodes, clauses, waiting, new, previous)
            return
        self._place_fragment(nodes, clauses, new, previous)

    def _place_main(
        self,
        nodes: list[Node],
        clauses: list[Clause],
        waiting: list[Clause],
        new: Clause,
        previous: Clause | None,
    ) -> None:
        first_verb = nodes[new.nodes[0]]
        open_main = next(
            (c for c in reversed(clauses) if c.kind == MAIN and not self._has_finite(nodes, c.nodes)), None
        )
        if (
            new.joined_by is None
            and open_main is not None
            and (
                self.is_(first_verb, "finite")
                or (open_main is previous and not self._closed(nodes, open_main))
            )
        ):
            open_main.nodes.extend(
                new.nodes
            )  # "Der Mann, der kam, ist …"; "Russland, China und Iran lehnen …"
            return
        clauses.append(new)
        if waiting:
            for clause in waiting:
                self._attach(clause, new, self._embedded_relation(nodes, clause))
            waiting.clear()
            return
        before = self._previous_main(clauses, new)
        if new.joined_by is not None and previous is not None:
            self._attach(new, self._top_of_level(previous), "conj")
        elif before is None:
            return
        elif self.is_(first_verb, "finite") and first_verb.lemma in self.rules.words["report_lemmas"]:
            new.parent, before.parent = before.parent, None
            before.relation = ""
            self._attach(before, new, "ccomp")
        elif self._main_verb_lemma(nodes, before) in self.rules.words["report_lemmas"]:
            self._attach(new, before, "ccomp")
        else:
            self._attach(new, before, "conj")

    def _top_of_level(self, clause: Clause) -> Clause:
        """The first clause of a coordination chain, the one conjuncts hang on."""
        while clause.relation == "conj" and clause.parent is not None:
            clause = clause.parent
        return clause

    def _previous_main(self, clauses: list[Clause], new: Clause) -> Clause | None:
        """The last main clause before ``new`` that no other clause embeds."""
        for clause in reversed(clauses):
            if clause is not new and clause.kind in (MAIN, FRAG) and clause.relation in ("", "conj"):
                return self._top_of_level(clause) if clause.relation == "conj" else clause
        return None

    def _main_verb_lemma(self, nodes: list[Node], clause: Clause) -> str:
        verbs = [
            nodes[i] for i in clause.nodes if self.is_(nodes[i], "finite") or self.is_(nodes[i], "nonfinite")
        ]
        full = [v for v in verbs if v.tag.startswith("VV")]
        return (full or verbs)[-1].lemma if verbs else ""

    def _place_fragment(
        self, nodes: list[Node], clauses: list[Clause], new: Clause, previous: Clause | None
    ) -> None:
        words = [nodes[i] for i in new.nodes]
        if previous is None:
            new.kind = MAIN
            clauses.append(new)
            return
        bracket_only = all(self.is_(w, "nonfinite") or self.is_(w, "particles") for w in words)
        target: Clause | None = previous
        if bracket_only:
            target = next((c for c in reversed(clauses) if c.kind == MAIN), previous)
        else:
            while target is not None and target.kind in (SUB, REL, INF) and self._closed(nodes, target):
                target = target.parent
        if target is None:
            new.kind = MAIN
            clauses.append(new)
            return
        target.nodes.extend(new.nodes)

    def _closed(self, nodes: list[Node], clause: Clause) -> bool:
        """Whether an embedded clause has its verb, so that what follows is no longer its own."""
        return any(self.is_(nodes[i], "finite") or self.is_(nodes[i], "nonfinite") for i in clause.nodes)

    def _embedding_parent(self, nodes: list[Node], clauses: list[Clause], new: Clause) -> Clause | None:
        """The clause an embedded clause hangs on: the antecedent's (relative) or the one before."""
        earlier = [c for c in clauses if c is not new]
        if not earlier:
            return None
        if new.kind == REL:
            antecedent = self._antecedent(nodes, new)
            owner = next((c for c in earlier if antecedent is not None and antecedent in c.nodes), None)
            return owner or earlier[-1]
        if new.joined_by is not None and earlier[-1].kind == new.kind:
            return earlier[-1]
        return earlier[-1]

    def _antecedent(self, nodes: list[Node], clause: Clause) -> int | None:
        """The noun or pronoun right before a relative clause."""
        for i in range(clause.start - 1, -1, -1):
            node = nodes[i]
            if self.is_(node, "nouns") or self.is_(node, "pronouns") or node.tag in ("PIS", "PDS", "CARD"):
                return i
            if not self.is_(node, "punctuation"):
                return None
        return None

    def _embedded_relation(self, nodes: list[Node], clause: Clause) -> str:
        first = nodes[clause.nodes[0] if clause.joined_by is None else clause.nodes[1]]
        if clause.joined_by is not None and clause.parent is not None and clause.parent.kind == clause.kind:
            return "conj"
        if clause.kind == REL:
            return self.rules.relative_clause
        if clause.kind == INF:
            return "advcl" if self.is_(first, "infinitive_subordinators") else "xcomp"
        if (
            first.lower in self.rules.words["complement_subordinators"]
            or first.lower in self.rules.words["interrogatives"]
        ):
            return "ccomp"
        return "advcl"

    def _attach(self, clause: Clause, parent: Clause, relation: str) -> None:
        clause.parent, clause.relation = parent, relation
        parent.children.append(clause)

    # Inside a clause ------------------------------------------------------------------------

    def _analyse_clause(self, nodes: list[Node], clause: Clause) -> None:
        """Set the heads and relations of the words inside one clause, and the clause's head."""
        indices = sorted(clause.nodes)
        clause.nodes = indices
        words = [nodes[i] for i in indices if i != clause.joined_by]
        intro = self._intro(words, clause)
        verbs = [w for w in words if self.is_(w, "finite") or self.is_(w, "nonfinite")]
        finite = self._finite(verbs, clause)
        clause.finite = finite.i if finite is not None else None
        head, passive = self._verb_head(nodes, verbs, finite)
        self._final_particle(nodes, clause, words, verbs, finite)
        rest = [
            w
            for w in words
            if w not in verbs
            and w is not intro
            and not self.is_(w, "particles")
            and not self.is_(w, "infinitive_marker")
        ]
        vorfeld_end = finite.i if finite is not None and clause.kind == MAIN else None
        if not verbs:
            vorfeld_end = len(nodes)
        phrases = self.phrases.build(nodes, rest, vorfeld_end)
        for phrase in phrases:
            node = nodes[phrase.head]
            node.phrase, node.cases, node.prep, node.number = (
                phrase.kind,
                phrase.cases,
                phrase.prep,
                phrase.number,
            )
        if finite is not None:
            finite.number = "pl" if self._plural_verb(finite) else "sg"
        predicate = None
        if head is None and finite is not None and finite.lemma in self.rules.words["copula_lemmas"]:
            predicate = self._predicate(nodes, phrases, finite)
        if predicate is not None:
            head = predicate
            finite.head, finite.rel = predicate.i, "cop"  # type: ignore[union-attr]
        if head is None:
            nominal = next((p for p in phrases if p.kind == "np" and not p.attached), None)
            head = finite or nodes[(nominal or phrases[0]).head] if phrases else (finite or words[0])
        clause.head = head.i
        self._verb_relations(verbs, head, finite, passive, predicate)
        self._particles_and_intro(words, head, intro, clause)
        self._functions(nodes, clause, phrases, head, finite, passive, predicate)
        self._coordinators(nodes, words, head)

    def _coordinators(self, nodes: list[Node], words: list[Node], head: Node) -> None:
        """A coordinator no phrase took hangs on the next word's head as ``cc``."""
        for k, word in enumerate(words):
            if not self.is_(word, "coordinators") or word.head is not None:
                continue
            following = words[k + 1] if k + 1 < len(words) else None
            target = following
            seen: set[int] = set()
            while (
                target is not None
                and target.head is not None
                and target.head >= 0
                and target.rel in ("det", "amod", "case", "advmod", "nummod", "det:poss", "mark")
                and target.i not in seen
            ):
                seen.add(target.i)
                target = nodes[target.head]
            if target is None or target is word:
                target = head
            if target is head and following is not None and following.head == head.i:
                target = following
            word.head, word.rel = target.i, "cc"
            if (
                target is not head
                and target.head == head.i
                and target.rel not in ("conj",)
                and target.i > head.i
            ):
                earlier = [w for w in words[:k] if w.head == head.i and w.rel == target.rel]
                if earlier:
                    target.head, target.rel = earlier[-1].i, "conj"

    def _final_particle(
        self, nodes: list[Node], clause: Clause, words: list[Node], verbs: list[Node], finite: Node | None
    ) -> None:
        """A separable prefix ending a main clause is the verb's particle ("sah ... aus")."""
        if clause.kind != MAIN or finite is None or len(verbs) > 1:
            return
        last = words[-1]
        following = nodes[last.i + 1] if last.i + 1 < len(nodes) else None
        at_end = (
            following is None
            or self.is_(following, "punctuation")
            or following.form in self.rules.words["clause_punctuation"]
            or self.is_(following, "coordinators")
        )
        if last.i > finite.i and at_end and last.lower in self.rules.words["separable_particles"]:
            last.tag = "PTKVZ"

    def _intro(self, words: list[Node], clause: Clause) -> Node | None:
        """The complementiser that opens a clause, if it has one."""
        first = words[0]
        if clause.kind in (SUB, INF) and (
            self.is_(first, "subordinators") or self.is_(first, "infinitive_subordinators")
        ):
            return first
        return None

    def _finite(self, verbs: list[Node], clause: Clause) -> Node | None:
        """The finite verb: the first in a main clause, the last in an embedded one."""
        finite = [v for v in verbs if self.is_(v, "finite")]
        if not finite:
            return None
        chosen = finite[0] if clause.kind == MAIN else finite[-1]
        for v in finite:
            if v is not chosen and v.tag.startswith("VV"):
                v.tag = "VVINF"
        return chosen

    def _verb_head(
        self, nodes: list[Node], verbs: list[Node], finite: Node | None
    ) -> tuple[Node | None, bool]:
        """The lexical verb that heads the clause, and whether the clause is passive.

        A zu-infinitive is not part of the verb cluster ("hatte Gelegenheit, … zu besuchen": xcomp)
        unless only "sein" or "haben" stands beside it ("ist zu empfehlen").
        """
        words = self.rules.words
        others = [v for v in verbs if v is not finite]
        if finite is not None and finite.lemma in words["infinitive_verbs"] and finite.tag.startswith("VV"):
            return finite, False
        if finite is not None:
            cluster = [v for v in others if not self._zu_infinitive(nodes, v)]
            if len(cluster) < len(others) and not cluster:
                if finite.lemma not in words["auxiliary_lemmas"]:
                    return finite, False
                cluster = others
            others = cluster
        lexical = next((v for v in others if v.tag.startswith("VV")), None)
        if lexical is None:
            lexical = next(
                (
                    v
                    for v in others
                    if v.lemma not in words["auxiliary_lemmas"] and v.lemma not in words["modal_lemmas"]
                ),
                None,
            )
        if lexical is None and others:
            lexical = others[0]
        if lexical is None:
            return (
                finite if finite is not None and finite.lemma not in words["copula_lemmas"] else None
            ), False
        passive = lexical.tag in self.rules.tags["participles"] and any(
            v.lemma in words["passive_lemmas"] for v in verbs if v is not lexical
        )
        return lexical, passive

    def _zu_infinitive(self, nodes: list[Node], verb: Node) -> bool:
        """Whether a verb is a zu-infinitive ("zu besuchen", "anzugreifen")."""
        return verb.tag == "VVIZU" or (verb.i > 0 and self.is_(nodes[verb.i - 1], "infinitive_marker"))

    def _verb_relations(
        self, verbs: list[Node], head: Node, finite: Node | None, passive: bool, predicate: Node | None
    ) -> None:
        for verb in verbs:
            if verb is head or (verb is finite and predicate is not None):
                continue
            verb.head = head.i
            if verb.tag.startswith("VV") and verb is not finite:
                verb.rel = "xcomp"
            elif passive and verb.lemma in self.rules.words["passive_lemmas"]:
                verb.rel = "aux:pass"
            else:
                verb.rel = "aux"

    def _particles_and_intro(self, words: list[Node], head: Node, intro: Node | None, clause: Clause) -> None:
        """Separable particles, the infinitive marker and the complementiser of a clause."""
        for w in words:
            if self.is_(w, "particles"):
                w.head, w.rel = head.i, "compound:prt"
            elif self.is_(w, "infinitive_marker"):
                following = next((v for v in words if v.i > w.i), head)
                w.head, w.rel = following.i, "mark"
        if intro is not None:
            intro.head, intro.rel = head.i, "mark"

    def _predicate(self, nodes: list[Node], phrases: list[Phrase], finite: Node) -> Node | None:
        """The predicative adjective or noun phrase of a copula clause."""
        adjectives = [
            p for p in phrases if p.kind == "adv" and nodes[p.head].tag == "ADJD" and not p.attached
        ]
        if adjectives:
            return nodes[adjectives[-1].head]
        nominatives = [p for p in phrases if p.kind == "np" and "N" in p.cases and not p.attached]
        if len(nominatives) >= 2:
            return nodes[nominatives[-1].head]
        return None

    def _functions(
        self,
        nodes: list[Node],
        clause: Clause,
        phrases: list[Phrase],
        head: Node,
        finite: Node | None,
        passive: bool,
        predicate: Node | None,
    ) -> None:
        """Give each phrase of the clause its relation to the clause head."""
        arguments = [
            p
            for p in phrases
            if not p.attached
            and nodes[p.head] is not predicate
            and p.kind == "np"
            and not self._is_time(nodes, p)
            and not self.is_(nodes[p.head], "numbers")
        ]
        subject = self._subject(nodes, arguments, clause, finite, head)
        objects = self._objects(nodes, clause, [p for p in arguments if p is not subject])
        free = [p for p in phrases if not p.attached and nodes[p.head] is not predicate and p.head != head.i]
        for phrase in free:
            node = nodes[phrase.head]
            node.head = head.i
            if phrase is subject:
                node.rel = "nsubj:pass" if passive else "nsubj"
            elif phrase in objects:
                node.rel = objects[phrase]
            elif phrase.kind in ("np", "comp", "pp") and self._nominal(head):
                node.rel = "nmod"
            elif phrase.kind in ("np", "comp"):
                node.rel = "obl"
            elif phrase.kind == "pp":
                node.rel = self._oblique(phrase, passive)
            elif self._predicative(nodes, clause, phrase):
                node.rel = "xcomp"
            else:
                node.rel = "advmod"

    def _nominal(self, head: Node) -> bool:
        """Whether a clause is headed by a noun (a nominal predicate or a verbless clause)."""
        return self.is_(head, "nouns") or self.is_(head, "pronouns")

    def _predicative(self, nodes: list[Node], clause: Clause, phrase: Phrase) -> bool:
        """An adjective that predicates of the subject or object ("fand es häftig", "wirkt kompetent")."""
        node = nodes[phrase.head]
        return (
            node.tag == "ADJD"
            and self._main_verb_lemma(nodes, clause) in self.rules.words["predicative_verbs"]
        )

    def _objects(self, nodes: list[Node], clause: Clause, candidates: list[Phrase]) -> dict[Phrase, str]:
        """Objects by case: with two, the one that can be dative is the dative; with a verb that
        governs the dative ("entsprechen", "helfen"), any that can be."""
        dative_verb = self._main_verb_lemma(nodes, clause) in self.rules.words["dative_verbs"]
        relations: dict[Phrase, str] = {}
        accusative_taken = dative_taken = False
        for k, phrase in enumerate(candidates):
            can_dative, can_accusative = "D" in phrase.cases, "A" in phrase.cases
            later_accusative = any("A" in p.cases for p in candidates[k + 1 :])
            pronoun = self.is_(nodes[phrase.head], "pronouns")
            governed = dative_verb and not dative_taken and not accusative_taken and not later_accusative
            if can_dative and (not can_accusative or governed or (pronoun and later_accusative)):
                relations[phrase], dative_taken = self.rules.dative_object, True
            elif can_accusative and not accusative_taken:
                relations[phrase], accusative_taken = "obj", True
            elif can_dative:
                relations[phrase] = self.rules.dative_object
            else:
                relations[phrase] = "obj" if can_accusative else "obl"
        return relations

    def _is_time(self, nodes: list[Node], phrase: Phrase) -> bool:
        """A noun phrase of time without an article is an oblique ("letzte Woche", "jeden Tag")."""
        return nodes[phrase.head].lemma in self.rules.words["time_nouns"] and nodes[phrase.start].tag != "ART"

    def _subject(
        self, nodes: list[Node], arguments: list[Phrase], clause: Clause, finite: Node | None, head: Node
    ) -> Phrase | None:
        """The first phrase that can be nominative, an unambiguous nominative first.

        In a clause that opens with its finite verb ("und haben drei Profile geschickt", "Habe
        heute Kette gekauft") the subject is often left out: only a phrase that cannot be
        accusative is taken.
        """
        if finite is None:
            return None
        nominative = [
            p for p in arguments if "N" in p.cases and nodes[p.head].lower not in self.rules.reflexives
        ]
        if clause.joined_by is not None and self._verb_first(nodes, clause, finite):
            nominative = [p for p in nominative if "A" not in p.cases]
        plural = self._plural_verb(finite)
        agreeing = [p for p in nominative if p.number != ("sg" if plural else "pl")]
        nominative = agreeing or nominative
        if (
            len(nominative) > 1
            and nodes[nominative[0].head].lower in self.rules.words["expletives"]
            and (self._main_verb_lemma(nodes, clause) not in self.rules.words["expletive_subject_verbs"])
        ):
            nodes[nominative[0].head].rel = "expl"
            nominative[0].attached = True
            nodes[nominative[0].head].head = head.i
            nominative = nominative[1:]
        certain = [p for p in nominative if p.cases == "N"]
        if certain:
            return certain[0]
        return nominative[0] if nominative else None

    def _verb_first(self, nodes: list[Node], clause: Clause, finite: Node) -> bool:
        """Whether the clause opens with its finite verb (after a coordinator, if any)."""
        first = next(
            i for i in clause.nodes if i != clause.joined_by and not self.is_(nodes[i], "punctuation")
        )
        return first == finite.i and clause.kind == MAIN

    def _plural_verb(self, finite: Node) -> bool:
        """Whether a finite verb form is plural (or polite): "zahlen", "sind", "werden"."""
        if finite.lower in self.rules.words["singular_verb_forms"]:
            return False
        return (
            finite.lower.endswith(self.rules.endings["plural_verb_endings"])
            or finite.lower in self.rules.words["plural_verb_forms"]
        )

    def _object_relation(self, phrase: Phrase, has_object: bool, passive: bool) -> tuple[str, bool]:
        if "A" in phrase.cases and not has_object:
            return "obj", True
        if "D" in phrase.cases:
            return self.rules.dative_object, has_object
        if "A" in phrase.cases:
            return "obj", True
        return "obl", has_object

    def _oblique(self, phrase: Phrase, passive: bool) -> str:
        if passive and phrase.prep in self.rules.passive_agent_prepositions:
            return "obl:agent"
        return "obl"

    # Between clauses ------------------------------------------------------------------------

    def _link_clauses(self, nodes: list[Node], clauses: list[Clause]) -> int:
        """Hang each clause's head on its parent's head (or antecedent); return the root."""
        if not clauses:
            return 0  # only punctuation: the first mark is the root
        tops = [c for c in clauses if c.parent is None]
        root_clause = next((c for c in tops if c.kind == MAIN), tops[0] if tops else clauses[0])
        root = root_clause.head if root_clause.head is not None else 0
        for clause in clauses:
            if clause.head is None:
                continue
            node = nodes[clause.head]
            if clause is root_clause:
                node.head, node.rel = -1, "root"
            elif clause.parent is None:
                node.head, node.rel = root, "parataxis" if clause.kind == MAIN else "dep"
            elif clause.kind == REL and clause.relation != "conj":
                antecedent = self._antecedent(nodes, clause)
                node.head = antecedent if antecedent is not None else clause.parent.head
                node.rel = self.rules.relative_clause
            else:
                node.head, node.rel = clause.parent.head, clause.relation
            if clause.joined_by is not None:
                nodes[clause.joined_by].head, nodes[clause.joined_by].rel = clause.head, "cc"
        return root

    def _finish(self, nodes: list[Node], root: int) -> None:
        """Attach punctuation and anything left over, and break any cycle."""
        for node in nodes:
            if self.is_(node, "punctuation") or node.form in self.rules.words["clause_punctuation"]:
                node.head, node.rel = root, "punct"
                if node.i == root:
                    node.head, node.rel = -1, "root"
            elif node.head is None:
                node.head, node.rel = root, "dep"
                if node.i == root:
                    node.head, node.rel = -1, "root"
        for node in nodes:
            if node.head == node.i or _cycles(nodes, node.i):
                node.head, node.rel = root, "dep"
        roots = [n for n in nodes if n.head == -1]
        for extra in roots[1:]:
            extra.head, extra.rel = roots[0].i, "parataxis"


def _cycles(nodes: list[Node], start: int) -> bool:
    """Whether following heads from ``start`` comes back to it."""
    seen = {start}
    current = nodes[start].head
    while current is not None and current >= 0:
        if current in seen:
            return True
        seen.add(current)
        current = nodes[current].head
    return False
