"""Loading a language's event triggers and grammar cues from its data files."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lagebild.datafiles import DataFileError, FieldSpec, load_toml, package_path, validate_record

CONTENT_MODES = frozenset({"planned", "asserted", "hypothetical", "negated", "omit"})
ROLE_SLOTS = frozenset(
    {
        "subj",
        "obj",
        "gen",
        "poss",
        "agent",
        "between",
        "clause_subj",
        "prefield_attr",
        "content",
        "other",
        "discourse",
        "place",
    }
)


@dataclass(frozen=True)
class Trigger:
    """A word that expresses an event, with where its parties stand."""

    lemma: str
    kind: str  # "verb" or "noun"
    cameo: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    reciprocal: bool = False
    mutual: bool = False  # one event per side: (A, B) and (B, A)
    needs_target: bool = False  # no event without a target ("sprach mit X", not "sprach")
    # Targets of these sectors are no target: "speaking to Reuters" gives an interview, no talks.
    not_target_sectors: tuple[str, ...] = ()
    # Sources of these sectors do something else: a union that "struck" went on strike.
    not_source_sectors: tuple[str, ...] = ()
    domestic: bool = False  # a target without a root belongs to the source's country
    content: str | None = None
    objects: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    forbid: tuple[str, ...] = ()
    # Readings of the word that are no event: a noun of the clause ("bestritt drei Turniere") or a
    # word sequence in it ("trifft zum Auftakt auf den Spanier": a sports match, not a meeting).
    unless_objects: tuple[str, ...] = ()
    unless_phrases: tuple[tuple[str, ...], ...] = ()
    # No event when an infinitive with its marker follows in the trigger's own clause, without a
    # comma: "droht in der Versenkung zu verschwinden" (is in danger of), not a threat.
    unless_infinitive: bool = False


@dataclass(frozen=True)
class Grammar:
    """The grammar cues of one language that role assignment and modality read."""

    word_order: str
    roles_from_analysis: bool
    cases: dict[str, frozenset[str]]
    # Determiners that mark fewer cases before a feminine noun, and the endings of feminine nouns.
    feminine_cases: dict[str, frozenset[str]]
    feminine_suffixes: tuple[str, ...]
    # Actors of these sectors are named by feminine nouns ("die SPÖ": die Partei), except these names.
    feminine_sectors: frozenset[str]
    not_feminine_names: frozenset[str]
    breaks: frozenset[str]
    # Breaks after which no clause goes on: what follows a semicolon is a sentence of its own.
    final_breaks: frozenset[str]
    subordinators: frozenset[str]
    complement_subordinators: frozenset[str]
    # Subordinators that open a condition or reason without a comma before them ("if", "unless";
    # German puts a comma before every clause): a date behind one does not date the event before it.
    unambiguous_subordinators: frozenset[str]
    # Tags after which a complement subordinator opens a clause without a comma ("demanded that
    # Turkey withdraw"), and tags of the word after it that make it a determiner ("that proposal").
    complement_after_tags: frozenset[str]
    determiner_before_tags: frozenset[str]
    coordinators: frozenset[str]
    # Personal pronouns that, right after the finite verb of a verb-second clause, are its subject
    # ("Abschließend forderte sie Strache auf"): the next phrase is then not the subject.
    subject_pronouns: frozenset[str]
    relative_pronouns: frozenset[str]
    # Words that open a relative clause after a noun only when a finite verb follows ("fire that
    # has killed"), being complementisers or determiners elsewhere (English "that").
    relatives_before_finite: frozenset[str]
    # Complementisers that open a clause after a noun when a finite verb follows ("reports that
    # the president's decision had come").
    clauses_after_noun: frozenset[str]
    # Subject pronouns that, opening a content clause, stand for the speaker ("Turkey said that
    # it had attacked Syria"); those of them that stand for a person only, and for no person.
    speaker_pronouns: frozenset[str]
    person_pronouns: frozenset[str]
    thing_pronouns: frozenset[str]
    # Words a trigger's `requires` list matches only as themselves, not as the start of a longer
    # word ("sich" is not in "sicheren", "war" not in "warned").
    exact_required: frozenset[str]
    # Nouns whose infinitive names no act ("no pressure to negotiate", "the right to strike").
    omit_after_nouns: frozenset[str]
    infinitive_marker: str
    # Verbs whose object, not their subject, does what their infinitive clause says ("zwang
    # Russland, abzuziehen"); any other verb's subject does it ("kündigte an, anzugreifen").
    object_control: frozenset[str]
    # Prepositions before a gerund that carries the content of the trigger before it
    # ("accused Israel of killing", "blamed Russia for attacking"), and the gerund tags.
    gerund_markers: frozenset[str]
    gerund_tags: frozenset[str]
    reflexives: frozenset[str]
    reciprocal_markers: tuple[tuple[str, ...], ...]
    contractions: dict[str, str]
    agent_prepositions: frozenset[str]
    # Agent prepositions that also stand for a genitive and so belong to the nearest noun before
    # them ("Generalstreik gegen die Reformen von Präsident Milei": Milei's reforms, not his strike).
    nearest_noun_agents: frozenset[str]
    # CAMEO codes (prefixes) of acts whose nouns take a place, not an agent, in an agent phrase:
    # "die Terroranschläge von Paris" happened in Paris.
    place_agent_cameo: tuple[str, ...]
    between_prepositions: frozenset[str]
    attribute_prepositions: frozenset[str]
    place_prepositions: frozenset[str]
    comparatives: frozenset[str]
    separable_particles: frozenset[str]
    following_particles: frozenset[str]
    phase_verbs: frozenset[str]
    # Verbs whose subject meets, causes or awaits an act named by the object noun, but does not
    # do it ("kann die Kritik nicht nachvollziehen", "the decision sparked criticism").
    receiving_verbs: frozenset[str]
    # Prepositions of time whose event noun is the clause subject's act: "During a visit to
    # Jerusalem, Bolton said ..." (Bolton visits), "Bei einem Treffen mit Putin sagte Merkel ...".
    subject_prepositions: frozenset[str]
    passive_auxiliary: str
    # The auxiliary of the perfect: when it, not the passive one, is the auxiliary nearest before a
    # participle, the participle is active ("the UK has refused access after she was discharged").
    perfect_auxiliary: str | None
    # The auxiliary of the stative passive ("Die Ministerin ist gefordert") and the verbs whose
    # perfect it forms instead ("ist einmarschiert"): with those it is no passive.
    stative_auxiliary: str | None
    perfect_with_stative_auxiliary: frozenset[str]
    verbless_participles_are_passive: bool
    participle_tags: frozenset[str]
    infinitive_tags: frozenset[str]
    # Tags of an infinitive with its marker inside the word (German "einzustellen").
    marked_infinitive_tags: frozenset[str]
    finite_tags: frozenset[str]
    verb_group_tags: frozenset[str]
    noun_tags: frozenset[str]
    name_tags: frozenset[str]
    # Tags of the word before a name-tagged word that make it a common noun the word list does
    # not know ("Ein Polster", "das Bündel"): no name follows an article.
    names_not_after_tags: frozenset[str]
    # Tags of words that open a noun phrase as its determiner ("die", "einige", "diese").
    determiner_tags: frozenset[str]
    # Tags of possessive determiners: "seine Forderung" names its author, so a "von" phrase
    # after it is not the demand's agent.
    possessive_tags: frozenset[str]
    full_verb_prefix: str
    adjective_tags: frozenset[str]
    preposition_tags: frozenset[str]
    # Tags of a preposition that follows its noun ("Berichten zufolge").
    postposition_tags: frozenset[str]
    noun_phrase_tags: frozenset[str]
    planned: frozenset[str]
    # Word sequences right before a trigger that make it still to come ("are due to meet").
    planned_before: tuple[tuple[str, ...], ...]
    # Verbs whose infinitive clause says what is still to come ("kündigte an, anzugreifen").
    planned_governors: frozenset[str]
    # Verbs of saying (lemmas): a time right after one dates the saying, not what is said.
    report_verbs: frozenset[str]
    # Sectors whose actors, as the subject of a verb of saying, only report what others did
    # ("State television said five towns had agreed"): they are never the source of those acts.
    reporter_sectors: frozenset[str]
    # Coordinators that end a negation's reach: "gave no details but pledged".
    negation_scope_breaks: frozenset[str]
    # Negation words and the words after which they negate nothing: "nicht nur ..., auch ...".
    not_negating_after: dict[str, frozenset[str]]
    # A negation of ``contrast_negations`` after one of ``contrast_openers`` and before a word with
    # one of ``contrast_tags`` sets one participant against another and negates no act: "die
    # Bundesregierung – und nicht die Bank –".
    contrast_negations: frozenset[str]
    contrast_openers: frozenset[str]
    contrast_tags: frozenset[str]
    negated: frozenset[str]
    hypothetical: frozenset[str]
    # Finite verbs that, opening their clause, make it a condition ("Sollten die Griechen das
    # Sparpaket ablehnen, ..."): hypothetical, not planned.
    conditional_openers: frozenset[str]
    report_perfect: frozenset[str]
    future_auxiliaries: frozenset[str]
    report_modals: frozenset[str]
    attribution_patterns: tuple[re.Pattern[str], ...]
    # Matched right after an attribution cue: the speaker goes on about their own act ("Turkey
    # said it had begun an incursion"), so the speaker is its source, not its attribution.
    own_act_after_cue: re.Pattern[str] | None
    continuation_openers: tuple[str, ...]
    non_political: frozenset[str]
    non_political_threshold: int
    bare_labels: frozenset[str]
    bare_sectors: frozenset[str]
    # Sectors of commerce, and the CAMEO groups whose events between them are no political events.
    commerce_sectors: frozenset[str]
    commerce_cameo: tuple[str, ...]

    def preposition(self, word: str) -> str:
        """Return the preposition a word stands for, expanding contractions ("im" → "in")."""
        lowered = word.lower()
        return self.contractions.get(lowered, lowered)


@dataclass(frozen=True)
class EventLexicon:
    """Everything the event coder knows about one language."""

    language: str
    # Each lemma may have several entries (different objects, prepositions or required words);
    # the first whose conditions hold is taken.
    verbs: dict[str, tuple[Trigger, ...]]
    nouns: dict[str, tuple[Trigger, ...]]
    grammar: Grammar
    noun_heads: dict[str, tuple[Trigger, ...]]

    def verb_lemmas(self) -> frozenset[str]:
        """Trigger verbs, separable ones also by base verb ("werfen"), phrasal ones by verb ("pull")."""
        # A phrasal verb ("pull out") is found through its verb ("pull").
        lemmas = {lemma.split(" ")[0] for lemma in self.verbs}
        for lemma in self.verbs:
            for particle in self.grammar.separable_particles:
                if lemma.startswith(particle) and len(lemma) > len(particle) + 3:
                    lemmas.add(lemma[len(particle) :])
        return frozenset(lemmas)

    def reports_content(self, lemma: str | None) -> bool:
        """Whether a verb says, agrees, demands or denies something: a verb of saying, or one
        whose trigger entries carry content."""
        if lemma is None:
            return False
        return lemma in self.grammar.report_verbs or any(t.content for t in self.verbs.get(lemma, ()))

    def noun_for(self, lemma: str) -> tuple[Trigger, ...]:
        """Return the noun triggers for a lemma, also when it is the head of a compound."""
        triggers = self.nouns.get(lemma)
        if triggers is not None:
            return triggers
        lowered = lemma.lower()
        for size in range(min(len(lowered) - 3, 24), 3, -1):
            head = self.noun_heads.get(lowered[-size:])
            if head is not None:
                return head
        return ()


_LIST = FieldSpec((list,))
_TRIGGER_SCHEMA = {
    "lemma": FieldSpec((str,), required=True),
    "cameo": FieldSpec((str,), required=True),
    "source": FieldSpec((list,), required=True),
    "target": FieldSpec((list,), required=True),
    "reciprocal": FieldSpec((bool,)),
    "mutual": FieldSpec((bool,)),
    "needs_target": FieldSpec((bool,)),
    "not_target_sectors": _LIST,
    "not_source_sectors": _LIST,
    "domestic": FieldSpec((bool,)),
    "content": FieldSpec((str,)),
    "objects": _LIST,
    "requires": _LIST,
    "forbid": _LIST,
    "unless_objects": _LIST,
    "unless_phrases": _LIST,
    "unless_infinitive": FieldSpec((bool,)),
}


def load_event_lexicon(language: str, extra: Sequence[Path] = ()) -> EventLexicon:
    """Load a language's trigger files and ``grammar.toml``, then any user trigger files.

    The package's trigger files in ``lang/<language>/`` are read in this order: ``events.toml``
    first, then every other ``events_*.toml`` sorted by name (``events_breadth.toml``, ...). A
    later package file's entries for a lemma are appended after the earlier ones, so the readings
    of ``events.toml`` come first and keep precedence (the first entry whose conditions hold is
    taken). A user file in ``extra`` replaces the entries of every lemma it names (built-in ones
    and those of earlier user files); within one file, entries for a lemma add up in file order.
    """
    folder = package_path("lang", language)
    verbs: dict[str, tuple[Trigger, ...]] = {}
    nouns: dict[str, tuple[Trigger, ...]] = {}
    package_files = [folder / "events.toml", *sorted(folder.glob("events_*.toml"), key=lambda p: p.name)]
    no_event: list[str] = []
    for path in package_files:
        triggers, not_events = _read_triggers(path)
        no_event += not_events
        for trigger in triggers:
            table = verbs if trigger.kind == "verb" else nouns
            table[trigger.lemma] = (*table.get(trigger.lemma, ()), trigger)
    for path in extra:
        # A user file's entries for a lemma replace the built-in ones; within one file they add up.
        seen_here: set[tuple[str, str]] = set()
        triggers, not_events = _read_triggers(path)
        no_event += not_events
        for trigger in triggers:
            table = verbs if trigger.kind == "verb" else nouns
            key = (trigger.kind, trigger.lemma)
            earlier = table.get(trigger.lemma, ()) if key in seen_here else ()
            table[trigger.lemma] = (*earlier, trigger)
            seen_here.add(key)
    for lemma in no_event:
        nouns[lemma] = ()
    heads = {lemma.lower(): triggers for lemma, triggers in nouns.items()}
    return EventLexicon(language, verbs, nouns, load_grammar(folder / "grammar.toml"), heads)


def _no_event_nouns(document: dict[str, Any], path: Path) -> list[str]:
    """Nouns whose compound head is an event noun but which name none ("Herausforderung" is no
    "Forderung"): ``[no_event] nouns`` of a trigger file. They also stop longer compounds."""
    section = document.get("no_event", {})
    if not isinstance(section, dict) or set(section) - {"nouns"}:
        raise DataFileError(f"{path}: [no_event] takes only 'nouns', a list of lemmas")
    nouns = section.get("nouns", [])
    if not isinstance(nouns, list) or not all(isinstance(n, str) and n for n in nouns):
        raise DataFileError(f"{path}: [no_event] nouns must be a list of lemmas")
    return nouns


def _read_triggers(path: Path) -> tuple[list[Trigger], list[str]]:
    """Read and validate the ``[[verb]]`` and ``[[noun]]`` tables of one trigger file, and its
    ``[no_event]`` nouns."""
    triggers = []
    document = load_toml(path)
    extra = set(document) - {"verb", "noun", "meta", "no_event"}
    if extra:
        raise DataFileError(f"{path}: unknown top-level key(s) {sorted(extra)}")
    for kind in ("verb", "noun"):
        for number, record in enumerate(document.get(kind, []), start=1):
            validate_record(record, _TRIGGER_SCHEMA, f"{path}: {kind} #{number}")
            triggers.append(_trigger(record, kind, path))
    return triggers, _no_event_nouns(document, path)


def _trigger(record: dict[str, Any], kind: str, path: Path) -> Trigger:
    """Build one trigger, checking its role slots and CAMEO code."""
    where = f"{path}: {kind} {record['lemma']!r}"
    for slot in (*record["source"], *record["target"]):
        if slot not in ROLE_SLOTS and not slot.startswith(("pp:", "clause_pp:")):
            raise DataFileError(f"{where}: unknown role slot {slot!r}")
    if record.get("content", "omit") not in CONTENT_MODES:
        raise DataFileError(f"{where}: content must be one of {sorted(CONTENT_MODES)}")
    if not re.fullmatch(r"\d{2,4}", record["cameo"]):
        raise DataFileError(f"{where}: CAMEO code must be 2 to 4 digits, got {record['cameo']!r}")
    return Trigger(
        lemma=record["lemma"],
        kind=kind,
        cameo=record["cameo"],
        source=tuple(record["source"]),
        target=tuple(record["target"]),
        reciprocal=record.get("reciprocal", False),
        mutual=record.get("mutual", False),
        needs_target=record.get("needs_target", False),
        not_target_sectors=tuple(record.get("not_target_sectors", ())),
        not_source_sectors=tuple(record.get("not_source_sectors", ())),
        domestic=record.get("domestic", False),
        content=record.get("content"),
        objects=tuple(record.get("objects", ())),
        requires=tuple(record.get("requires", ())),
        forbid=tuple(record.get("forbid", ())),
        unless_objects=tuple(record.get("unless_objects", ())),
        unless_phrases=tuple(tuple(phrase.lower().split()) for phrase in record.get("unless_phrases", ())),
        unless_infinitive=record.get("unless_infinitive", False),
    )


_GRAMMAR_SECTIONS = {
    name: FieldSpec((dict,), required=True)
    for name in (
        "meta",
        "order",
        "cases",
        "clauses",
        "prepositions",
        "verbs",
        "modality",
        "attribution",
        "discourse",
        "domains",
    )
} | {"feminine_cases": FieldSpec((dict,))}


def _optional_pattern(source: str | None) -> re.Pattern[str] | None:
    """Compile an optional regular expression of a grammar file."""
    return re.compile(source) if source else None


def load_grammar(path: Path) -> Grammar:
    """Read and validate a language's ``grammar.toml``."""
    data = load_toml(path)
    validate_record(data, _GRAMMAR_SECTIONS, str(path))
    clauses, preps, verbs, modality = data["clauses"], data["prepositions"], data["verbs"], data["modality"]
    feminine = data.get("feminine_cases", {})
    try:
        patterns = tuple(re.compile(p) for p in data["attribution"]["patterns"])
        return Grammar(
            word_order=data["order"]["word_order"],
            roles_from_analysis=bool(data["order"].get("roles_from_analysis", False)),
            cases={word: frozenset(cases) for word, cases in data["cases"].items()},
            feminine_cases={word: frozenset(c) for word, c in feminine.get("determiners", {}).items()},
            feminine_suffixes=tuple(feminine.get("suffixes", ())),
            feminine_sectors=frozenset(feminine.get("sectors", ())),
            not_feminine_names=frozenset(feminine.get("not_feminine", ())),
            breaks=frozenset(clauses["breaks"]),
            final_breaks=frozenset(clauses.get("final_breaks", ())),
            subordinators=frozenset(clauses["subordinators"]),
            complement_subordinators=frozenset(clauses["complement_subordinators"]),
            unambiguous_subordinators=frozenset(clauses.get("unambiguous_subordinators", ())),
            complement_after_tags=frozenset(clauses.get("complement_after_tags", ())),
            determiner_before_tags=frozenset(clauses.get("determiner_before_tags", ())),
            coordinators=frozenset(clauses["coordinators"]),
            subject_pronouns=frozenset(clauses.get("subject_pronouns", ())),
            relative_pronouns=frozenset(clauses["relative_pronouns"]),
            relatives_before_finite=frozenset(clauses.get("relatives_before_finite", ())),
            clauses_after_noun=frozenset(clauses.get("clauses_after_noun", ())),
            speaker_pronouns=frozenset(clauses.get("speaker_pronouns", ())),
            person_pronouns=frozenset(clauses.get("person_pronouns", ())),
            thing_pronouns=frozenset(clauses.get("thing_pronouns", ())),
            omit_after_nouns=frozenset(clauses.get("omit_after_nouns", ())),
            exact_required=frozenset(clauses.get("exact_required", ()))
            | frozenset(clauses["reflexives"]),
            infinitive_marker=clauses["infinitive_marker"],
            object_control=frozenset(clauses.get("object_control", ())),
            gerund_markers=frozenset(clauses.get("gerund_markers", ())),
            gerund_tags=frozenset(clauses.get("gerund_tags", ())),
            reflexives=frozenset(clauses["reflexives"]),
            reciprocal_markers=tuple(tuple(m.lower().split()) for m in clauses.get("reciprocal_markers", ())),
            contractions=dict(preps["contractions"]),
            agent_prepositions=frozenset(preps["agent"]),
            nearest_noun_agents=frozenset(preps.get("nearest_noun_agent", ())),
            place_agent_cameo=tuple(preps.get("place_agent_cameo", ())),
            between_prepositions=frozenset(preps["between"]),
            attribute_prepositions=frozenset(preps["attribute"]),
            place_prepositions=frozenset(preps["place"]),
            comparatives=frozenset(preps["comparatives"]),
            separable_particles=frozenset(verbs["separable_particles"]),
            following_particles=frozenset(verbs["following_particles"]),
            phase_verbs=frozenset(verbs["phase_verbs"]),
            receiving_verbs=frozenset(verbs.get("receiving_verbs", ())),
            subject_prepositions=frozenset(verbs.get("subject_prepositions", ())),
            passive_auxiliary=verbs["passive_auxiliary"],
            perfect_auxiliary=verbs.get("perfect_auxiliary"),
            stative_auxiliary=verbs.get("stative_auxiliary"),
            perfect_with_stative_auxiliary=frozenset(verbs.get("perfect_with_stative_auxiliary", ())),
            verbless_participles_are_passive=bool(verbs.get("verbless_participles_are_passive", False)),
            participle_tags=frozenset(verbs["participle_tags"]),
            infinitive_tags=frozenset(verbs["infinitive_tags"]),
            marked_infinitive_tags=frozenset(verbs.get("marked_infinitive_tags", ())),
            finite_tags=frozenset(verbs["finite_tags"]),
            verb_group_tags=frozenset(verbs["verb_group_tags"]),
            noun_tags=frozenset(verbs["noun_tags"]),
            name_tags=frozenset(verbs.get("name_tags", ())),
            names_not_after_tags=frozenset(verbs.get("names_not_after_tags", ())),
            determiner_tags=frozenset(verbs.get("determiner_tags", ())),
            possessive_tags=frozenset(verbs.get("possessive_tags", ())),
            full_verb_prefix=verbs["full_verb_prefix"],
            adjective_tags=frozenset(verbs["adjective_tags"]),
            preposition_tags=frozenset(verbs["preposition_tags"]),
            postposition_tags=frozenset(verbs.get("postposition_tags", ())),
            noun_phrase_tags=frozenset(verbs["noun_phrase_tags"]),
            planned=frozenset(modality["planned"]),
            planned_before=tuple(tuple(p.lower().split()) for p in modality.get("planned_before", ())),
            planned_governors=frozenset(modality.get("planned_governors", ())),
            report_verbs=frozenset(modality.get("report_verbs", ())),
            reporter_sectors=frozenset(modality.get("reporter_sectors", ())),
            negation_scope_breaks=frozenset(modality.get("negation_scope_breaks", ())),
            not_negating_after={
                word: frozenset(after) for word, after in modality.get("not_negating_after", {}).items()
            },
            contrast_negations=frozenset(modality.get("contrast_negations", ())),
            contrast_openers=frozenset(modality.get("contrast_openers", ())),
            contrast_tags=frozenset(modality.get("contrast_tags", ())),
            negated=frozenset(modality["negated"]),
            hypothetical=frozenset(modality["hypothetical"]),
            conditional_openers=frozenset(modality.get("conditional_openers", ())),
            report_perfect=frozenset(modality["report_perfect"]),
            future_auxiliaries=frozenset(modality["future_auxiliaries"]),
            report_modals=frozenset(modality["report_modals"]),
            attribution_patterns=patterns,
            own_act_after_cue=_optional_pattern(data["attribution"].get("own_act_after_cue")),
            continuation_openers=tuple(data["discourse"]["continuation_openers"]),
            non_political=frozenset(w.lower() for w in data["domains"]["non_political"]),
            non_political_threshold=int(data["domains"]["article_threshold"]),
            bare_labels=frozenset(data["domains"]["bare_labels"]),
            bare_sectors=frozenset(data["domains"].get("bare_sectors", ())),
            commerce_sectors=frozenset(data["domains"].get("commerce_sectors", ())),
            commerce_cameo=tuple(data["domains"].get("commerce_cameo", ())),
        )
    except (KeyError, TypeError, re.error) as exc:
        raise DataFileError(f"{path}: {exc!r}") from exc
