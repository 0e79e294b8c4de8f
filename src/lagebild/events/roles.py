"""Who did it and to whom: filling a trigger's role slots from case, prepositions and clauses."""

from __future__ import annotations

from dataclasses import dataclass, replace

from lagebild.events.clauses import Clause, is_finite, is_finite_or_participle
from lagebild.events.context import Discourse, SentenceContext, TriggerHit
from lagebild.events.dependencies import Dependencies
from lagebild.events.parties import Party, coordinated_with, phrase_cases
from lagebild.events.triggers import clause_verb_lemmas
from lagebild.model import Actor, Token

# A source of None is an agent the text leaves unnamed ("wurden festgenommen", "Unbekannte").
Roles = tuple[Actor | None, Actor | None]
# How many tokens a noun phrase may put between a preposition and the actor it governs
# ("zwischen der militärischen Führung der Allianz").
_NP_REACH = 5
# How far after a party without a root its attribute or place may begin ("Rebellen im Osten Syriens").
_ATTRIBUTE_REACH = 3
# How far after an event noun its agent phrase may begin ("the annexation of four regions by Russia").
_AGENT_REACH = 8
# How close after a past form an agent phrase makes it a passive ("taken hostage by Islamic State").
_AGENT_NEAR = 3


def assign_roles(
    ctx: SentenceContext, hit: TriggerHit, discourse: Discourse, content: Clause | None
) -> list[Roles]:
    """Return (source, target) pairs for a trigger; empty when no source can be found."""
    pairs = _assign(ctx, hit, discourse, content)
    if hit.trigger.not_source_sectors:
        # "NONE" stands for a source without a sector ("die 28-jährige Italienerin")
        excluded_sources = hit.trigger.not_source_sectors
        pairs = [(s, t) for s, t in pairs if s is None or (s.sector or "NONE") not in excluded_sources]
    if hit.trigger.not_target_sectors:
        excluded = hit.trigger.not_target_sectors
        kept = ((s, None if t is not None and t.sector in excluded else t) for s, t in pairs)
        pairs = list(dict.fromkeys(kept))
    if hit.trigger.needs_target:
        pairs = [(s, t) for s, t in pairs if t is not None]
    if hit.trigger.cameo.startswith(ctx.lexicon.grammar.commerce_cameo):
        pairs = [(s, t) for s, t in pairs if not _commercial(ctx, s, t)]
    # An unnamed agent is coded only against a named target: "Unbekannte griffen an" alone is no event.
    pairs = [(s, t) for s, t in pairs if s is not None or (t is not None and t.root)]
    if hit.trigger.mutual:
        pairs = pairs + [(t, s) for s, t in pairs if t is not None and s is not None]
    return pairs


def _commercial(ctx: SentenceContext, source: Actor | None, target: Actor | None) -> bool:
    """Whether a deal, talk or aid is a company's with another company or with nobody named."""
    sectors = ctx.lexicon.grammar.commerce_sectors
    return source is not None and source.sector in sectors and (target is None or target.sector in sectors)


def _assign(
    ctx: SentenceContext, hit: TriggerHit, discourse: Discourse, content: Clause | None
) -> list[Roles]:
    """The (source, target) pairs a trigger's slots give."""
    trigger = hit.trigger
    if _is_passive(ctx, hit):
        passive = _passive_roles(ctx, hit)
        if passive is not None:
            return passive
    # A party without a root ("die Botschafter" with nobody to refer to) cannot be a source.
    filled = _fill(_source_slots(ctx, hit), ctx, hit, discourse, content, exclude=())
    filled = [p for p in filled if not _place_of_act(ctx, hit, p)]
    filled = [p for p in filled if not _reports(ctx, p)]
    unknown = [p for p in filled if _is_unknown_agent(ctx, p)]
    sources = [p for p in (_rooted(ctx, p) for p in filled if p not in unknown) if p.actor.root]
    if not sources and unknown:
        return _unknown_agent_roles(ctx, hit, discourse, content, unknown)
    if not sources:
        return _from_meeting(hit, discourse)
    if len(sources) >= 2 and _has_reciprocal_marker(ctx, hit.clause):
        return [(a.actor, b.actor) for a in sources for b in sources if a is not b]
    if trigger.reciprocal and len(sources) >= 2 and not _partner_named(ctx, hit, discourse, content, sources):
        # "A, B und C unterzeichneten": the first party with each of the others; "A and B held
        # meetings with Russia" meets Russia, each of them.
        return [(sources[0].actor, other.actor) for other in sources[1:]]
    if len(sources) >= 2 and "between" in trigger.source:
        return [(sources[0].actor, sources[1].actor)]
    pairs: list[Roles] = []
    for source in sources:
        found = _fill(trigger.target, ctx, hit, discourse, content, exclude=tuple(sources), source=source)
        conjuncts = _with_conjuncts(ctx, found[0] if found else None, tuple(sources))
        targets: list[Actor | None] = [_rooted(ctx, p).actor for p in conjuncts]
        if not targets:
            targets = [_discourse_target(trigger.target, source.actor, discourse)]
        kept = [_kept_target(source.actor, target, trigger.domestic) for target in targets]
        # A conjunct that is the source itself ("der Kreml und die Allianz" with the Allianz acting)
        # drops out; the source keeps no target only when no conjunct is left.
        named: list[Actor | None] = [target for target in kept if target is not None]
        pairs.extend((source.actor, target) for target in (named or [None]))
    return list(dict.fromkeys(pairs))


def _partner_named(
    ctx: SentenceContext, hit: TriggerHit, discourse: Discourse, content: Clause | None, sources: list[Party]
) -> bool:
    """Whether a reciprocal trigger names the other side in a phrase of its own ("with Russia"),
    not merely another party of the clause (the place of a signing, "in Washington", is no side)."""
    slots = tuple(slot for slot in hit.trigger.target if slot.startswith("pp:") or slot == "obj")
    found = _fill(slots, ctx, hit, discourse, content, exclude=tuple(sources), source=sources[0])
    # "agreed to set up a company with Liberia": the phrase belongs to the infinitive after it
    marker = ctx.lexicon.grammar.infinitive_marker
    return any(
        not any(ctx.tokens[i].text.lower() == marker for i in range(hit.token + 1, p.first)) for p in found
    )


def _kept_target(source: Actor, target: Actor | None, domestic: bool) -> Actor | None:
    """The target as coded: none when it is the source itself, narrowed for domestic triggers."""
    if target is None or _same_actor(source, target):
        return None
    return _domestic(target, source) if domestic else target


def _with_conjuncts(ctx: SentenceContext, target: Party | None, exclude: tuple[Party, ...]) -> list[Party]:
    """A target with the parties coordinated to it: "kritisierten Russland und China" names two.

    Each conjunct is a target of its own (one event per source and target, as event data codes
    them); a conjunct that is one of the sources is left out.
    """
    if target is None:
        return []
    alike = [
        p
        for p in ctx.clause_parties(target.clause)
        if p.preposition == target.preposition and p.is_argument == target.is_argument
    ]
    head, group = coordinated_with(target, alike, ctx.tokens, ctx.lexicon.grammar)
    return [p for p in group if p not in exclude or p is head]


def _has_reciprocal_marker(ctx: SentenceContext, clause: Clause) -> bool:
    """Whether a clause says its subjects act on each other ("gegenseitig", "each other")."""
    words = [t.text.lower() for t in ctx.clause_tokens(clause)]
    return any(
        tuple(words[i : i + len(marker)]) == marker
        for marker in ctx.lexicon.grammar.reciprocal_markers
        for i in range(len(words) - len(marker) + 1)
    )


def _passive_roles(ctx: SentenceContext, hit: TriggerHit) -> list[Roles] | None:
    """A passive clause: the agent phrase is the source, the subject (or its attribute) the target.

    Without an agent, a trigger whose first target slot is the object has no source (the subject
    is the one acted on); other triggers read the clause as if active (None).
    """
    parties = ctx.clause_parties(hit.clause.index)
    deps = _analysis_for(ctx, hit)
    if deps is not None:
        agents = _parties_at(
            ctx, deps.obliques(hit.token, _forms_of(ctx, ctx.lexicon.grammar.agent_prepositions))
        )
        subject = _parties_at(ctx, deps.passive_subjects(hit.token))
    else:
        agents = [
            p
            for p in parties
            if p.preposition in ctx.lexicon.grammar.agent_prepositions
            and not _in_attribute(ctx, p)
            and not _agent_of_event_noun(ctx, p)
        ]
        after = [p for p in agents if p.first > hit.token]
        agents = after or agents
        subject = [p for p in _subject_group(ctx, hit) if p not in agents]
        if not subject:
            subject = [
                p
                for p in parties
                if p.first < hit.token
                and _is_attribute(ctx, p)
                and p not in agents
                and not _attribute_in_prepositional_phrase(ctx, p)
            ][:1]
    agents = [_rooted(ctx, p) for p in agents]
    targets = [_rooted(ctx, p) for p in subject]
    if agents and agents[0].actor.root and not _is_unknown_agent(ctx, agents[0]):
        source = agents[0].actor
        return [(source, None if _same_actor(source, t.actor) else t.actor) for t in targets] or [
            (source, None)
        ]
    if hit.trigger.target[:1] == ("obj",):
        # An agentless passive ("Drei Demonstranten wurden festgenommen"): the agent is unnamed.
        return [(None, t.actor) for t in targets if t.actor.root]
    return None


def _agent_of_event_noun(ctx: SentenceContext, party: Party) -> bool:
    """Whether an agent phrase belongs to the event noun right before it, not to the passive verb:
    "kurz vor dem Besuch von Präsident Barack Obama ist der Dissident entlassen worden" (Obama
    visits; who released the dissident is not said)."""
    noun = _noun_before_preposition(ctx, party)
    return noun is not None and noun.lemma is not None and bool(ctx.lexicon.noun_for(noun.lemma))


def _noun_before_preposition(ctx: SentenceContext, party: Party) -> Token | None:
    """The noun right before the preposition that opens a party's phrase ("dem Besuch von
    Präsident Obama", "the decision by Donald Trump"): the noun the phrase belongs to."""
    i = ctx.before_phrase(party.first)
    if i < 1 or ctx.tokens[i].pos not in ctx.lexicon.grammar.preposition_tags:
        return None
    noun = ctx.tokens[i - 1]
    return noun if noun.pos in ctx.lexicon.grammar.noun_tags else None


def _attribute_in_prepositional_phrase(ctx: SentenceContext, party: Party) -> bool:
    """Whether an attribute belongs to a prepositional phrase, not to the subject: "Bei einem
    Angriff der Hamas", "nach Angaben des Gesundheitsministeriums" (nouns, names and their
    modifiers are walked back to the word that opens the phrase)."""
    if party.preposition is not None:
        return False  # its own preposition ("at least 200 civilians") was read already
    grammar = ctx.lexicon.grammar
    phrase = grammar.noun_phrase_tags | grammar.noun_tags
    i = party.first - 1
    while i >= 0 and ctx.tokens[i].pos in phrase:
        i -= 1
    return i >= 0 and ctx.tokens[i].pos in grammar.preposition_tags


def _same_actor(source: Actor, target: Actor) -> bool:
    """Whether a target is the source itself rather than another actor of its country.

    Domestic events keep both parties, told apart by sector or by person ("die Regierung"
    against "die Opposition", the president against the prime minister); "Russland" and
    "Moskau" are one actor.
    """
    if source.root != target.root:
        return False
    if source.org:
        return True  # parts of one organisation do not act on each other in the news codes
    return source.sector == target.sector and source.name == target.name


def _reports(ctx: SentenceContext, party: Party) -> bool:
    """Whether a party only reports what others did: a news outlet as the subject of a verb of
    saying ("Die Nachrichtenagentur WAFA bestätigte das Gespräch")."""
    grammar = ctx.lexicon.grammar
    if party.actor.sector not in grammar.reporter_sectors:
        return False
    return bool(clause_verb_lemmas(ctx, ctx.clauses[party.clause]) & grammar.report_verbs)


def _is_unknown_agent(ctx: SentenceContext, party: Party) -> bool:
    """Whether a party names an agent the text does not know ("Unbekannte", "gunmen")."""
    return party.actor.sector in ctx.unknown_sectors


def _unknown_agent_roles(
    ctx: SentenceContext, hit: TriggerHit, discourse: Discourse, content: Clause | None, agents: list[Party]
) -> list[Roles]:
    """Events of an unnamed agent: kept with an empty source when their target is named."""
    found = _fill(hit.trigger.target, ctx, hit, discourse, content, exclude=tuple(agents))
    targets = [t.actor for t in (_rooted(ctx, p) for p in found) if t.actor.root]
    return [(None, targets[0])] if targets else []


def _domestic(target: Actor, source: Actor) -> Actor:
    """For a domestic trigger: a target without a root belongs to the source's country.

    "Die Behörden in Belarus haben Gefangene freigelassen", "police detained activists": people
    acted on by a government without a named country are most often its own citizens.
    """
    if target.root or not source.country or source.org:
        return target
    return replace(target, country=source.country)


def _in_attribute(ctx: SentenceContext, party: Party) -> bool:
    """A phrase inside an attributive participle ("des von der Hamas kontrollierten Ministeriums")."""
    following = party.last + 1
    return following < len(ctx.tokens) and ctx.tokens[following].pos in ctx.lexicon.grammar.adjective_tags


def _rooted(ctx: SentenceContext, party: Party) -> Party:
    """A party without a root takes the root of its attribute or of the place it is in.

    "Kämpfer der RSF", "forces of Iran", "die Militärjunta in Niger", "die Konfliktparteien im Sudan".
    A national office word that several countries use ("Bundeskanzler") takes the country of
    such an attribute when it is one of them, else the article's (``_national``).
    """
    if party.actor.root and not party.actor.alternatives:
        return party
    attribute = _attribute_of(ctx, party)
    if party.actor.alternatives:
        return _national(ctx, party, attribute)
    if attribute is not None:
        return _owned_by(party, attribute)
    return _at_home(ctx, party)


def _owned_by(party: Party, owner: Party) -> Party:
    """A party with the root of its owner, keeping its own words and, where it has one, its sector.

    "Die Opposition in Griechenland" is Greece's opposition (GRC OPP), "Kämpfer der RSF" the RSF's
    fighters; a word without a sector of its own ("Führung", "Sprecher") takes the owner's. Of an
    organisation's government-sector word the organisation's sector is kept ("Regierung der
    Taliban" is REB), as the role lists say (``org_sector``).
    """
    actor, root = party.actor, owner.actor
    own = actor.sector
    sector = (root.sector if own in (None, "GOV") else own) if root.org else own or root.sector
    return replace(party, actor=replace(actor, country=root.country, org=root.org, sector=sector))


def _attribute_of(ctx: SentenceContext, party: Party) -> Party | None:
    """A genitive, "of" or place phrase with a root right after a party ("die Regierung in Kiew")."""
    grammar = ctx.lexicon.grammar
    return next(
        (
            p
            for p in ctx.parties + ctx.places
            if 0 < p.first - party.last <= _ATTRIBUTE_REACH
            and p.actor.root
            and (_is_attribute(ctx, p) or p.preposition in grammar.place_prepositions)
        ),
        None,
    )


def _national(ctx: SentenceContext, party: Party, attribute: Party | None) -> Party:
    """The country of an office word several countries use: a named place's, else the article's.

    "Die Bundesregierung in Berlin" is Germany's; "der Bundeskanzler" in an Austrian paper is
    Austria's (actors/home.py, ``office_country``).
    """
    actor = party.actor
    choices = (actor.country, *actor.alternatives)
    if attribute is not None and attribute.actor.country in choices:
        country = attribute.actor.country
    else:
        country = next((c for c in ctx.office_countries if c in choices), actor.country)
    return replace(party, actor=replace(actor, country=country))


def _at_home(ctx: SentenceContext, party: Party) -> Party:
    """A national actor named without its country belongs to the article's home country.

    "Die Polizei", "Behörden", "der Premier": the reader knows which country the article is
    about (actors/home.py). Refugees and unnamed agents are not given one.
    """
    actor = party.actor
    if ctx.home_country is None or actor.sector in ctx.foreign_sectors or _is_unknown_agent(ctx, party):
        return party
    return replace(party, actor=replace(actor, country=ctx.home_country))


def _is_attribute(ctx: SentenceContext, party: Party) -> bool:
    """Whether a party is the attribute of a noun: a genitive after it or an "of" phrase."""
    return (
        party.is_genitive
        or party.after_noun
        or party.preposition in ctx.lexicon.grammar.attribute_prepositions
    )


def _from_meeting(hit: TriggerHit, discourse: Discourse) -> list[Roles]:
    """A meeting without named parties ("the ambassadors met again") is read as the last meeting."""
    if hit.trigger.reciprocal and "discourse" in hit.trigger.target and discourse.meeting is not None:
        return [discourse.meeting]
    return []


def _discourse_target(slots: tuple[str, ...], source: Actor, discourse: Discourse) -> Actor | None:
    """The other party of the last meeting, for a trigger that may take its target from it."""
    if "discourse" not in slots or discourse.meeting is None:
        return None
    first, second = discourse.meeting
    if source.root == first.root:
        return second
    if source.root == second.root:
        return first
    return None


def _source_slots(ctx: SentenceContext, hit: TriggerHit) -> tuple[str, ...]:
    """The slots a trigger's source may fill: after a possessive determiner an event noun's
    author is the possessor, most often the clause's subject ("Die Opposition muss sich mit der
    Behandlung ihrer Forderung gedulden"), never a phrase after the noun ("seine Forderung ...
    war von der ÖVP konterkariert worden": the demand is his, not the ÖVP's)."""
    slots = hit.trigger.source
    if hit.trigger.kind == "noun" and _possessed(ctx, hit.token):
        return tuple(slot for slot in slots if slot in ("poss", "clause_subj"))
    return slots


def _fill(
    slots: tuple[str, ...],
    ctx: SentenceContext,
    hit: TriggerHit,
    discourse: Discourse,
    content: Clause | None,
    exclude: tuple[Party, ...],
    source: Party | None = None,
) -> list[Party]:
    """Try each slot in order; return the parties of the first slot that holds any."""
    for slot in slots:
        found = [p for p in _slot(slot, ctx, hit, content, source) if p not in exclude]
        if found:
            return found
    return []


def _slot(
    slot: str, ctx: SentenceContext, hit: TriggerHit, content: Clause | None, source: Party | None
) -> list[Party]:
    """The parties one role slot points to."""
    deps = _analysis_for(ctx, hit)
    if deps is not None and slot == "subj":
        found = _analysed_subject(ctx, hit, deps)
        if found is not None:
            return found
    if slot == "subj":
        return _subject_group(ctx, hit)
    if slot == "clause_subj":
        if _in_subject_phrase(ctx, hit.token):
            return _subject_group(ctx, hit) or _subject_after_phrase(ctx, hit.clause)
        if hit.verb_in_clause or clause_verb_lemmas(ctx, hit.clause) & ctx.lexicon.grammar.receiving_verbs:
            return []
        if ctx.in_prepositional_phrase(hit.token) and not _has_phase_verb(ctx, hit.clause):
            return []
        return _subject_group(ctx, hit)
    if slot == "obj":
        return _objects(ctx, hit)
    if slot == "prefield_attr":
        return _prefield_attribute_of(ctx, hit.clause)
    if slot == "gen":
        return _genitive_after(ctx, hit.token)
    if slot == "poss":
        return _before_noun(ctx, hit.token)
    if slot == "between":
        return _between(ctx, hit)
    if slot == "content":
        if content is None:
            return _unmarked_content_subject(ctx, hit)
        return [p for p in ctx.parties if p.clause == content.index][:1]
    if slot == "other":
        return _others(ctx, hit, source)
    if slot == "place":
        return _place_after(ctx, hit, source)
    if slot == "agent":
        return _agent_after(ctx, hit)
    if slot.startswith("pp:"):
        # A German verb's phrases may stand before it; an English one's follow it, and a phrase
        # before is another's ("with support from Rouhani, Putin demanded ...").
        anywhere = hit.trigger.kind == "verb" and (
            ctx.lexicon.grammar.word_order != "svo" or hit.trigger.reciprocal  # "along with X ... met"
        )
        return _with_preposition(ctx, hit, slot[3:], anywhere=anywhere)
    if slot.startswith("clause_pp:"):
        return _with_preposition(ctx, hit, slot[10:], anywhere=True)
    return []  # "discourse" is resolved after the sentence's own slots


def _unmarked_content_subject(ctx: SentenceContext, hit: TriggerHit) -> list[Party]:
    """The subject of a content clause without "that" inside the trigger's clause ("has claimed
    Assad's forces used ..."): the party right after the trigger, when a verb follows it."""
    grammar = ctx.lexicon.grammar
    if grammar.word_order != "svo":
        return []
    party = _party_holding(ctx, hit.token + 1)
    if party is None or party.preposition is not None:
        return []
    following = range(party.last + 1, hit.clause.end)
    return [party] if any(is_finite_or_participle(ctx.tokens, i, grammar) for i in following) else []


def _analysis_for(ctx: SentenceContext, hit: TriggerHit) -> Dependencies | None:
    """The clause analysis, for a verb trigger of a sentence that has one."""
    return ctx.dependencies if hit.trigger.kind == "verb" else None


def _analysed_subject(ctx: SentenceContext, hit: TriggerHit, deps: Dependencies) -> list[Party] | None:
    """The parties the analysis finds as a verb's subject; None when it finds no subject.

    Where the analysis finds a subject that names no actor ("six world powers"), the slot is
    empty: word order would only guess another party. Objects and obliques are still read from
    word order and case, which measured better on news than the analysis's attachments.
    """
    words = deps.subjects(hit.token)
    return _parties_at(ctx, words) if words else None


def _forms_of(ctx: SentenceContext, prepositions: frozenset[str]) -> frozenset[str]:
    """Prepositions with the contractions that stand for them ("von" with "vom")."""
    contractions = ctx.lexicon.grammar.contractions
    return prepositions | {form for form, full in contractions.items() if full in prepositions}


def _parties_at(ctx: SentenceContext, words: list[int]) -> list[Party]:
    """The parties that words of the analysis name: the party holding the word, else one of its
    attributes ("the Turkish invasion", "Stellungen der Hisbollah")."""
    deps = ctx.dependencies
    found: list[Party] = []
    for word in words:
        party = _party_holding(ctx, word)
        if party is None and deps is not None:
            party = next(
                (p for a in deps.attributes(word) if (p := _party_holding(ctx, a)) is not None), None
            )
        if party is not None and party not in found:
            found.append(party)
    return found


def _party_holding(ctx: SentenceContext, token: int) -> Party | None:
    """The party whose words include a token."""
    return next((p for p in ctx.parties if p.first <= token <= p.last), None)


def _argument_parties(ctx: SentenceContext, clause: Clause) -> list[Party]:
    """Parties that can be subject or object of the clause's verb."""
    return [p for p in ctx.clause_parties(clause.index) if p.is_argument]


def _subject_group(ctx: SentenceContext, hit: TriggerHit) -> list[Party]:
    """The subject of the trigger's clause, with parties coordinated to it."""
    subject = _subject(ctx, hit.clause, hit.token, hit.trigger.kind == "verb")
    if subject is None:
        return []
    # A shared subject ("The US, EU and Britain ... and have supported") stands in an earlier
    # clause: its conjuncts are found there.
    arguments = [p for p in ctx.clause_parties(subject.clause) if p.is_argument]
    _, group = coordinated_with(subject, arguments, ctx.tokens, ctx.lexicon.grammar)
    return _with_genitive_conjuncts(ctx, group)


def _with_genitive_conjuncts(ctx: SentenceContext, group: list[Party]) -> list[Party]:
    """Add genitives coordinated to the group's last party: they share its head noun.

    In "die Außenminister Armeniens und Aserbaidschans" the second genitive cannot be joined to
    the nominative phrase itself, only to its attribute, so both countries' ministers act.
    """
    last = group[-1]
    for party in ctx.clause_parties(last.clause):
        if party.first <= last.last:
            continue
        between = ctx.tokens[last.last + 1 : party.first]
        joined = len(between) == 1 and between[0].text.lower() in ctx.lexicon.grammar.coordinators
        if not (joined and party.is_genitive and party.preposition is None):
            break
        group = [*group, party]
        last = party
    return group


def _subject(
    ctx: SentenceContext, clause: Clause, trigger: int, is_verb_trigger: bool = False
) -> Party | None:
    """Pick the subject: before the finite verb in a verb-second clause, else the first nominative."""
    resumed = (
        _resumed_subject(ctx, clause)
        or _shared_subject(ctx, clause, trigger)
        or _speaker_of_content(ctx, clause)
    )
    if resumed is not None:
        return resumed
    if clause.is_controlled and ctx.lexicon.grammar.word_order != "svo":
        return _controller(ctx, clause)
    candidates = [
        p for p in _argument_parties(ctx, clause) if "nom" in p.cases and not p.first <= trigger <= p.last
    ]
    if not candidates:
        return _antecedent(ctx, clause)
    finite = _finite_verb(ctx, clause)
    if _subject_relative(ctx, clause, finite, trigger):
        # "his regime that has abolished ... the judiciary and is killing Kurds": a pronoun right
        # before the verb is the subject of every verb of its clause, and it stands for the antecedent.
        return _antecedent(ctx, clause)
    if ctx.lexicon.grammar.word_order == "svo":
        agent = _agent_before_infinitive(ctx, trigger) if is_verb_trigger else None
        if agent is not None:
            return agent  # "the decision by Donald Trump to withdraw US troops": Trump withdraws
        # The subject stands before its own verb: the trigger when it is a verb ("X said Y
        # rejected ..."), else the finite verb; a participle-tagged trigger counts as the verb too.
        verb = trigger if is_verb_trigger or finite is None else finite
        if is_verb_trigger and finite is not None and finite < trigger and _after_marker(ctx, trigger):
            verb = finite  # "Hariri has been lobbying in London to urge ...": the urging is Hariri's
        before = [p for p in candidates if p.last < verb]
        if before and _noun_before_verb(ctx, before[-1], verb):
            return None  # "western leaders gather": the subject is a noun that names no actor
        if before and _other_pronoun_between(ctx, before[-1], verb):
            return None  # "Russia said he had been killed": "he" is the subject, not Russia
        return before[-1] if before else _antecedent(ctx, clause)
    before = [p for p in candidates if finite is not None and p.last < finite]
    if before and clause.subordinator is None:
        return before[0]
    if finite is not None and clause.subordinator is None:
        prefield = _prefield_subject(ctx, clause, finite)
        if prefield is not None:
            # "Er forderte die Bundesregierung auf": the subject fills the prefield, the party
            # after the verb is its object; "Ein Sprecher des Außenministeriums kritisierte ...":
            # the speaker's genitive or "von" attribute stands for him.
            return prefield.party
    after = [p for p in candidates if finite is None or p.first > finite]
    if finite is not None and _pronoun_subject_follows(ctx, finite):
        return None  # "forderte sie Strache auf": the unresolved pronoun is the subject
    middle = None
    if finite is not None and clause.subordinator is None:
        middle = _unnamed_subject_after(ctx, finite, after)
    if middle is not None:
        # "werfen einige Blogs Microsoft Scheinheiligkeit vor": the blogs accuse; "zeigte sich der
        # Chef des ukrainischen Konzerns optimistisch": the genitive attribute stands for him.
        return middle.party
    if after and finite is not None and _opens_clause(ctx, clause, finite):
        # A report after a quotation opens with its verb, the subject right after it:
        # "..., kritisiert Manahl die Regierung".
        return after[0]
    # The middle field puts the subject first, unless a later phrase cannot be the object
    # ("Gestern kritisierte ihn der Präsident"): "kritisierte Merkel die Hamas" is Merkel's act.
    not_object = [p for p in after if "acc" not in p.cases]
    return (not_object or after or candidates)[0]


def _agent_before_infinitive(ctx: SentenceContext, trigger: int) -> Party | None:
    """The agent phrase of a noun right before "to" and the trigger: "the decision by Donald
    Trump to withdraw", "a bid by Moscow to annex" (the agent does what the infinitive says)."""
    if trigger < 2 or ctx.tokens[trigger - 1].text.lower() != "to":
        return None
    grammar = ctx.lexicon.grammar
    party = _party_holding(ctx, trigger - 2)
    if party is None or party.last != trigger - 2 or party.preposition not in grammar.agent_prepositions:
        return None
    # the phrase must belong to a noun: after a passive ("was asked by Russia to withdraw") the
    # subject does it
    return party if _noun_before_preposition(ctx, party) is not None else None


def _other_pronoun_between(ctx: SentenceContext, party: Party, verb: int) -> bool:
    """Whether a person's pronoun stands between a state or body named as such and the verb: a
    content clause without "that" ("Russia said he had been killed": he, not Russia)."""
    if not party.body:
        return False
    grammar = ctx.lexicon.grammar
    return any(token.text.lower() in grammar.person_pronouns for token in ctx.tokens[party.last + 1 : verb])


def _speaker_of_content(ctx: SentenceContext, clause: Clause) -> Party | None:
    """The speaker that a subject pronoun opening a content clause stands for: "Turkey said on
    Monday that it had attacked Syria", "Iran denied that it had supplied weapons", "Die Regierung
    erklärte, sie werde ...". The clause is the content of a verb of saying, agreeing, demanding or
    denying right before it; a pronoun for a person ("he") needs a person as the speaker, one for
    a thing ("it") a state, body or group."""
    grammar = ctx.lexicon.grammar
    first = _first_word_after_subordinator(ctx, clause)
    if first is None or _party_holding(ctx, first) is not None:
        return None
    pronoun = ctx.tokens[first].text.lower()
    if pronoun not in grammar.speaker_pronouns:
        return None
    governing = ctx.governing_clause(clause)
    if governing is None or governing.index != clause.index - 1 or governing.subordinator is not None:
        return None
    if clause.subordinator is not None and clause.subordinator not in grammar.complement_subordinators:
        return None
    if not any(ctx.lexicon.reports_content(lemma) for lemma in clause_verb_lemmas(ctx, governing)):
        return None
    finite = _finite_verb(ctx, governing)
    speaker = _subject(ctx, governing, finite if finite is not None else governing.end)
    if speaker is None:
        return None
    if (pronoun in grammar.person_pronouns and not speaker.person) or (
        pronoun in grammar.thing_pronouns and speaker.person
    ):
        return None
    return speaker


def _first_word_after_subordinator(ctx: SentenceContext, clause: Clause) -> int | None:
    """The index of a clause's first word after its subordinator (punctuation aside)."""
    words = [i for i in range(clause.start, clause.end) if ctx.tokens[i].text[0].isalnum()]
    if clause.subordinator is not None and words and ctx.tokens[words[0]].text.lower() == clause.subordinator:
        words = words[1:]
    return words[0] if words else None


def _subject_relative(ctx: SentenceContext, clause: Clause, finite: int | None, trigger: int) -> bool:
    """Whether an English relative pronoun right before the finite verb is the trigger's subject:
    not when a party stands right before the trigger's verb group, the subject of a clause of
    its own ("who was losing until Putin sent")."""
    grammar = ctx.lexicon.grammar
    if grammar.word_order != "svo" or not clause.relative or finite is None or finite != clause.start + 1:
        return False
    before = trigger - 1
    while before > finite and ctx.tokens[before].pos in grammar.verb_group_tags:
        before -= 1
    return not any(p.last == before for p in ctx.parties)


@dataclass(frozen=True)
class _Prefield:
    """A subject that names no actor (in the prefield or opening the middle field), and the party
    that stands for it, if any."""

    party: Party | None


def _prefield_subject(ctx: SentenceContext, clause: Clause, finite: int) -> _Prefield | None:
    """The subject in the prefield of a verb-second clause, where it names no actor itself.

    The prefield is one phrase, decided by its first noun or pronoun: a subject pronoun no
    antecedent resolved ("Er forderte die Regierung auf"), or a noun that can be nominative with
    a genitive or "von" attribute naming an actor ("Ein Sprecher des Ministeriums"). An event or
    abstract noun there is more often a fronted object ("Die Angriffe verurteilte die EU",
    "Unterstützung sagte die Nato zu"), as is any other noun: those are left to the middle field.
    A dateline before a dash ("Wien – ...") is not part of the prefield.
    """
    grammar = ctx.lexicon.grammar
    start = max((i + 1 for i in range(clause.start, finite) if ctx.tokens[i].text in grammar.breaks),
                default=clause.start)
    for i in range(start, finite):
        token = ctx.tokens[i]
        if _party_holding(ctx, i) is not None:
            return None
        if token.text.lower() in grammar.subject_pronouns and token.pos not in grammar.noun_tags:
            return _Prefield(None)
        if token.pos in grammar.noun_tags:
            attribute = _prefield_attribute(ctx, clause, finite)
            if attribute is None or _is_object_like(ctx, i) or not _free_nominative(ctx, i, finite):
                return None
            return _Prefield(attribute)
    return None


def _unnamed_subject_after(ctx: SentenceContext, finite: int, after: list[Party]) -> _Prefield | None:
    """The subject when the middle field opens with a noun phrase that names no actor and can be
    nominative, before every party: "Und doch werfen einige Blogs mittlerweile Microsoft ... vor".
    A party in its genitive attribute stands for it. An event or abstract noun there is more
    often an object, and is left alone (None)."""
    grammar = ctx.lexicon.grammar
    i = finite + 1
    while i < len(ctx.tokens) and (
        ctx.tokens[i].pos in grammar.verb_group_tags or ctx.tokens[i].text.lower() in grammar.reflexives
    ):
        i += 1  # adverbs, particles and "sich" before the phrase ("einigte sich die Staatsgalerie")
    if i >= len(ctx.tokens) or ctx.tokens[i].pos not in grammar.determiner_tags:
        return None  # a bare noun is often a title before a name ("erklärt Jagdleiter Koller")
    noun = i
    while noun < len(ctx.tokens) and ctx.tokens[noun].pos in grammar.noun_phrase_tags:
        noun += 1
    if noun >= len(ctx.tokens) or ctx.tokens[noun].pos not in grammar.noun_tags - grammar.name_tags:
        return None  # a name may be a person the actor lists do not know
    end = noun
    while end + 1 < len(ctx.tokens) and ctx.tokens[end + 1].pos in grammar.noun_tags:
        end += 1  # "Jagdleiter Koller", "Trainer Zoran Barisic": the phrase runs on into a party
    if any(_party_holding(ctx, j) is not None for j in range(noun, end + 1)):
        return None
    if after and (after[0].first <= noun or _joined_before_verb(ctx, end, after[0])):
        return None
    if _is_object_like(ctx, noun) or not _free_nominative(ctx, noun, len(ctx.tokens)):
        return None
    return _Prefield(after[0] if after and _genitive_attribute(ctx, end, after[0]) else None)


def _genitive_attribute(ctx: SentenceContext, end: int, party: Party) -> bool:
    """Whether ``party`` stands in the genitive phrase right after the noun ending at ``end``
    ("der Chef des ukrainischen Gasmonopolisten")."""
    grammar = ctx.lexicon.grammar
    opener = ctx.tokens[end + 1].text.lower() if end + 1 < len(ctx.tokens) else ""
    if "gen" not in grammar.cases.get(opener, frozenset()):
        return False
    return all(ctx.tokens[j].pos in grammar.noun_phrase_tags for j in range(end + 1, party.first))


def _joined_before_verb(ctx: SentenceContext, end: int, party: Party) -> bool:
    """Whether the phrase ending at ``end`` goes on into ``party`` before any verb, joined by a
    coordinator ("müssen die Mitgliedstaaten im Rat und das Europaparlament zustimmen") or as its
    apposition ("forderte der Hauptgeschäftsführer der Krankenhausgesellschaft, Georg Baum")."""
    grammar = ctx.lexicon.grammar
    between = ctx.tokens[end + 1 : party.first]
    if any(t.pos in grammar.finite_tags for t in between):
        return False
    if between and between[-1].text == "," and not any(t.text in grammar.breaks for t in between[:-1]):
        return True
    return any(t.text.lower() in grammar.coordinators for t in between) and not any(
        t.text in grammar.breaks for t in between
    )


def _is_object_like(ctx: SentenceContext, noun: int) -> bool:
    """Whether a noun names an event or an abstract thing, not who acts ("Kritik", "Lösung")."""
    lemma = ctx.tokens[noun].lemma or ctx.tokens[noun].text
    return bool(ctx.lexicon.noun_for(lemma)) or lemma.lower().endswith(ctx.lexicon.grammar.feminine_suffixes)


def _prefield_attribute(ctx: SentenceContext, clause: Clause, finite: int) -> Party | None:
    """The first genitive or "von" attribute in the prefield ("Ein Sprecher des Ministeriums")."""
    agents = ctx.lexicon.grammar.nearest_noun_agents
    return next(
        (
            p
            for p in ctx.clause_parties(clause.index)
            if p.last < finite and (p.is_genitive or p.after_noun or p.preposition in agents)
        ),
        None,
    )


def _prefield_attribute_of(ctx: SentenceContext, clause: Clause) -> list[Party]:
    """The attribute before the clause's finite verb that stands for its phrase, whatever noun it
    hangs on: an agent ("Die Ausweisung des Botschafters durch die Regierung in Caracas stieß in
    Berlin auf Kritik" is criticism of Caracas), else the first genitive or "von" attribute ("Die
    Pläne Russlands stießen bei der Nato auf Kritik")."""
    finite = _finite_verb(ctx, clause)
    if finite is None:
        return []
    agents = ctx.lexicon.grammar.agent_prepositions
    before = [p for p in ctx.clause_parties(clause.index) if p.last < finite]
    agent = next((p for p in before if p.preposition in agents), None)
    attribute = agent or _prefield_attribute(ctx, clause, finite)
    return [] if attribute is None else [attribute]


def _free_nominative(ctx: SentenceContext, noun: int, finite: int) -> bool:
    """Whether a noun heads a phrase of its own that can be nominative (not a time or a PP)."""
    grammar = ctx.lexicon.grammar
    if ctx.in_prepositional_phrase(noun) or _in_time(ctx, noun):
        return False
    last = noun
    while last + 1 < finite and ctx.tokens[last + 1].pos in grammar.noun_tags:
        last += 1
    if last + 1 < len(ctx.tokens) and ctx.tokens[last + 1].pos in grammar.postposition_tags:
        return False
    first = noun
    while first > 0 and ctx.tokens[first - 1].pos in grammar.noun_phrase_tags:
        first -= 1
    return "nom" in phrase_cases(ctx.tokens, first, last, grammar)


def _in_time(ctx: SentenceContext, token: int) -> bool:
    """Whether a token is part of a time expression ("Diese Woche", "Anfang März")."""
    start, end = ctx.tokens[token].start, ctx.tokens[token].end
    return any(t.start <= start and end <= t.end for t in ctx.times)


def _controller(ctx: SentenceContext, clause: Clause) -> Party | None:
    """Who does what a German infinitive clause says: it never names its own subject.

    The subject of the clause it depends on ("Russland kündigte an, die Ukraine anzugreifen"),
    or that clause's object after a verb of making or asking ("zwangen Russland, abzuziehen").
    An infinitive clause with nothing before it keeps no subject.
    """
    governing = ctx.governing_clause(clause)
    if governing is None or not _ends_with_verb(ctx, governing):
        return None  # "wies das Angebot Seouls, Hilfe zu leisten, zurück": the offer's, not the verb's
    finite = _finite_verb(ctx, governing)
    subject = _subject(ctx, governing, finite if finite is not None else governing.end)
    if not clause_verb_lemmas(ctx, governing) & ctx.lexicon.grammar.object_control:
        return subject
    if _has_reflexive(ctx, governing):
        return subject  # "verpflichtete sich, ... abzuziehen": the object is the subject itself
    objects = [
        p
        for p in _argument_parties(ctx, governing)
        if p is not subject and ({"acc", "dat"} & set(p.cases)) and (finite is None or p.first > finite)
    ]
    return objects[0] if objects else None


def _has_reflexive(ctx: SentenceContext, clause: Clause) -> bool:
    """Whether a clause holds a reflexive pronoun ("sich")."""
    reflexives = ctx.lexicon.grammar.reflexives
    return any(ctx.tokens[i].text.lower() in reflexives for i in range(clause.start, clause.end))


def _ends_with_verb(ctx: SentenceContext, clause: Clause) -> bool:
    """Whether a clause ends with a verb or its separable particle ("kündigte an,", "versprach,"),
    a reflexive after it aside ("verpflichtete sich,")."""
    grammar = ctx.lexicon.grammar
    words = [i for i in range(clause.start, clause.end) if ctx.tokens[i].text[0].isalnum()]
    while len(words) > 1 and ctx.tokens[words[-1]].text.lower() in grammar.reflexives:
        words.pop()
    last = words[-1] if words else None
    if last is None:
        return False
    token = ctx.tokens[last]
    verb_tags = grammar.finite_tags | grammar.infinitive_tags | grammar.participle_tags
    return token.pos in verb_tags or token.text.lower() in grammar.separable_particles


def _after_marker(ctx: SentenceContext, token: int) -> bool:
    """Whether a verb follows the infinitive marker ("to urge")."""
    return token > 0 and ctx.tokens[token - 1].text.lower() == ctx.lexicon.grammar.infinitive_marker


def _pronoun_subject_follows(ctx: SentenceContext, finite: int) -> bool:
    """Whether a subject pronoun that names no actor stands right after the finite verb."""
    following = finite + 1
    if following >= len(ctx.tokens):
        return False
    if ctx.tokens[following].text.lower() not in ctx.lexicon.grammar.subject_pronouns:
        return False
    return _party_holding(ctx, following) is None


def _opens_clause(ctx: SentenceContext, clause: Clause, token: int) -> bool:
    """Whether a token is the first word of its clause (punctuation aside)."""
    return all(not t.text[0].isalnum() for t in ctx.tokens[clause.start : token])


def _noun_before_verb(ctx: SentenceContext, party: Party, verb: int) -> bool:
    """Whether a noun outside any party stands between a party and the verb, as the verb's subject.

    Only the words of the verb group (auxiliaries, adverbs, negation) are looked through.
    """
    grammar = ctx.lexicon.grammar
    i = verb - 1
    while i > party.last and ctx.tokens[i].pos in grammar.verb_group_tags:
        i -= 1
    if i <= party.last or ctx.tokens[i].pos not in grammar.noun_tags:
        return False
    head = ctx.tokens[party.last + 1 : i + 1]
    if all(t.pos in grammar.noun_tags or t.pos in grammar.adjective_tags for t in head):
        return False  # the head noun of the party's own phrase ("Russian missiles struck")
    if ctx.in_prepositional_phrase(i):
        return False  # "Russia and Ukraine on Friday signed"
    return not any(p.first <= i <= p.last for p in ctx.parties)


def _resumed_subject(ctx: SentenceContext, clause: Clause) -> Party | None:
    """The subject of a clause that resumes after a relative clause: the party before it.

    "Der Minister, der gestern ankam, traf Putin", "Turkey's president, who met Putin, criticised ...".
    When the clause before the relative one holds the finite verb and the resumed part only the
    rest of the verb ("Die EU will die Türkei, die ..., unterstützen"), the party before the
    relative clause is the object, and the subject is that clause's.
    """
    if clause.index == 0 or clause.subordinator is not None or clause.is_infinitive:
        return None
    relative = ctx.clauses[clause.index - 1]
    if not relative.relative:
        return None
    outer = _bracket_opened_before(ctx, clause)
    if outer is not None:
        finite = _finite_verb(ctx, outer)
        return _subject(ctx, outer, finite if finite is not None else outer.end)
    subject = _party_before(ctx, relative.start)
    return subject if subject is not None and subject.is_argument and "nom" in subject.cases else None


def _bracket_opened_before(ctx: SentenceContext, clause: Clause) -> Clause | None:
    """The clause whose finite verb a clause without one completes after a relative clause:
    "Die EU will die Türkei, die ... aufgenommen hat, finanziell unterstützen". Only languages
    with a verb bracket have this: an English stretch without a verb is an apposition or phrase."""
    if ctx.lexicon.grammar.word_order == "svo":
        return None
    if clause.index < 2 or clause.has_finite or clause.subordinator is not None or clause.is_infinitive:
        return None
    relative, outer = ctx.clauses[clause.index - 1], ctx.clauses[clause.index - 2]
    if not relative.relative or not outer.has_finite or outer.relative or outer.is_infinitive:
        return None
    return outer


def _shared_subject(ctx: SentenceContext, clause: Clause, trigger: int) -> Party | None:
    """The subject of a verb phrase joined to the one before: "Er droht mit X und wirft Y vor",
    "he is threatening to invade Afrin, and is accusing Washington".

    The clause opens with a coordinator and has no subject of its own before its verb; it shares
    the subject of the nearest main clause before it.
    """
    first = next((i for i in range(clause.start, clause.end) if ctx.tokens[i].text[0].isalnum()), None)
    grammar = ctx.lexicon.grammar
    if first is None or clause.index == 0 or ctx.tokens[first].text.lower() not in grammar.coordinators:
        return None
    verb = _finite_verb(ctx, clause)
    if verb is None or verb != _next_word(ctx, first, clause):
        return None  # "und die Regierung forderte ...": the clause names its own subject
    for earlier in reversed(ctx.clauses[: clause.index]):
        if earlier.subordinator is None and not earlier.relative and not earlier.is_infinitive:
            verb = _finite_verb(ctx, earlier)
            return _subject(ctx, earlier, verb if verb is not None else earlier.end)
    return None


def _next_word(ctx: SentenceContext, i: int, clause: Clause) -> int | None:
    """The index of the next word after token ``i`` in its clause, skipping adverbs."""
    grammar = ctx.lexicon.grammar
    for j in range(i + 1, clause.end):
        if ctx.tokens[j].pos not in grammar.verb_group_tags or j == _finite_verb(ctx, clause):
            return j
    return None


def _party_before(ctx: SentenceContext, start: int) -> Party | None:
    """The party ending right before a token, clause breaks and a bracketed name aside.

    "Der Vorsitzende der Partei Recht und Gerechtigkeit (PiS), der ...": the party before the
    brackets, which the bracketed abbreviation only repeats.
    """
    breaks = ctx.lexicon.grammar.breaks
    end = start - 1
    while end >= 0 and ctx.tokens[end].text in breaks:
        if ctx.tokens[end].text == ")":
            # A bracketed label is no party of its own (events/parties.py): skip to before it.
            opening = next((i for i in range(end - 1, -1, -1) if ctx.tokens[i].text == "("), None)
            end = end if opening is None else opening
        end -= 1
    return next((p for p in ctx.parties if p.last == end), None)


def _antecedent(ctx: SentenceContext, clause: Clause) -> Party | None:
    """For a relative clause without its own subject: the party its pronoun refers to.

    Only a pronoun that can be nominative ("die", "which") stands for the subject; "den" does not.
    The party must end right before the clause (a comma aside): "die Resolution, die ..." has none.
    """
    grammar = ctx.lexicon.grammar
    if not clause.relative or clause.subordinator is None:
        return None
    cases = grammar.cases.get(clause.subordinator)
    if cases is not None and "nom" not in cases:
        return None
    if _subject_follows_relative(ctx, clause):
        return None  # "the YPG, which they accuse of ...": the pronoun is the object
    return _party_before(ctx, clause.start)


def _subject_follows_relative(ctx: SentenceContext, clause: Clause) -> bool:
    """Whether a subject pronoun follows an English relative pronoun: then the relative pronoun
    is the object ("which they accuse", "whom Turkey accuses" has a party instead)."""
    grammar = ctx.lexicon.grammar
    if grammar.word_order != "svo":
        return False
    first = _first_word_after_subordinator(ctx, clause)
    if first is None:
        return False
    if ctx.tokens[first].text.lower() in grammar.subject_pronouns:
        return True
    return _party_holding(ctx, first) is not None


def _finite_verb(ctx: SentenceContext, clause: Clause) -> int | None:
    """Index of the clause's first finite verb."""
    for i in range(clause.start, clause.end):
        if is_finite(ctx.tokens, i, ctx.lexicon.grammar):
            return i
    return None


def _objects(ctx: SentenceContext, hit: TriggerHit) -> list[Party]:
    """Accusative or dative arguments of the clause other than its subject.

    Without one, the attribute of the object noun phrase stands for it: "lobte die Reformen der
    griechischen Regierung", "rejected the ruling of the court".
    """
    subject = _subject_group(ctx, hit)
    outer = _bracket_opened_before(ctx, hit.clause)
    candidates = ctx.clause_parties(hit.clause.index)
    if outer is not None:  # the objects stand in the part before the relative clause
        candidates = ctx.clause_parties(outer.index) + candidates
    clause_parties = [
        p
        for p in candidates
        if p not in subject and not p.first <= hit.token <= p.last and not _apposition_of(ctx, p, subject)
    ]
    arguments = [p for p in clause_parties if p.is_argument and p.cases & {"acc", "dat"}]
    attributes = [p for p in clause_parties if _is_attribute(ctx, p) and not _noun_in_phrase(ctx, p)]
    return (
        _in_object_position(ctx, hit, arguments, subject)
        or _in_object_position(ctx, hit, attributes, subject)
    )[:1]


def _apposition_of(ctx: SentenceContext, party: Party, subject: list[Party]) -> bool:
    """Whether a party stands in apposition to the subject, after a comma and nouns only:
    "kritisiert Hans Frey, Veterinärmediziner und Leiter der Station" names no one criticised."""
    grammar = ctx.lexicon.grammar
    nominal = grammar.noun_tags | grammar.adjective_tags
    for owner in subject:
        comma = owner.last + 1
        if comma >= party.first or ctx.tokens[comma].text != ",":
            continue
        between = ctx.tokens[comma + 1 : party.first]
        if all(t.pos in nominal or t.text.lower() in grammar.coordinators for t in between):
            return True
    return False


def _in_object_position(
    ctx: SentenceContext, hit: TriggerHit, parties: list[Party], subject: list[Party]
) -> list[Party]:
    """Keep parties where an object can stand: after the verb in SVO, after the finite verb in V2."""
    if ctx.lexicon.grammar.word_order == "svo":
        return [p for p in parties if p.first > hit.token]
    finite = _finite_verb(ctx, hit.clause)
    if finite is not None and hit.clause.subordinator is None and any(p.last < finite for p in subject):
        parties = [p for p in parties if p.first > finite]  # the subject fills the verb-second prefield
    return parties


def _noun_in_phrase(ctx: SentenceContext, party: Party) -> bool:
    """Whether the noun an attribute belongs to stands in a prepositional phrase ("im Osten der Ukraine")."""
    return _phrase_preposition(ctx, party) is not None


def _phrase_preposition(ctx: SentenceContext, party: Party) -> str | None:
    """The preposition opening the phrase of the noun an attribute belongs to, if any."""
    grammar = ctx.lexicon.grammar
    i = party.first - 1
    if party.preposition is not None:
        i -= 1  # the attribute's own preposition ("of")
    # Only the noun the attribute belongs to: a noun before it ends an earlier phrase
    # ("nach eigenen Angaben Stellungen der Hisbollah").
    if i >= 0 and ctx.tokens[i].pos in grammar.noun_tags:
        i -= 1
    while i >= 0 and ctx.tokens[i].pos in grammar.noun_phrase_tags:
        i -= 1
    if i >= 0 and ctx.tokens[i].pos in grammar.preposition_tags:
        return grammar.preposition(ctx.tokens[i].text)
    return None


def _genitive_after(ctx: SentenceContext, noun: int) -> list[Party]:
    """The genitive attribute right after an event noun ("Treffen des Bündnisses", "Annexion der Krim")."""
    grammar = ctx.lexicon.grammar
    for party in ctx.parties + ctx.places:
        if party.first == noun + 1 and (party.is_genitive or party.after_noun):
            return [party]
        determiner = ctx.tokens[noun + 1].text.lower() if noun + 1 < len(ctx.tokens) else ""
        if party.first == noun + 2 and "gen" in grammar.cases.get(determiner, frozenset()):
            return [party]
    return []


def _before_noun(ctx: SentenceContext, noun: int) -> list[Party]:
    """A party right before an event noun, adjectives aside ("Moskaus Truppen", "russische Aufrüstung")."""
    adjectives = ctx.lexicon.grammar.adjective_tags
    for party in ctx.parties:
        between = ctx.tokens[party.last + 1 : noun]
        # A name with its own preposition is no possessor ("um Taiwan großangelegte Manöver"); an
        # adjective inside the noun's phrase is ("über die russische Aufrüstung").
        own_phrase = party.preposition is None or all(
            t.pos in adjectives for t in ctx.tokens[party.first : party.last + 1]
        )
        if own_phrase and party.last < noun and all(t.pos in adjectives for t in between):
            return [party]
    return []


def _between(ctx: SentenceContext, hit: TriggerHit) -> list[Party]:
    """The two parties of "zwischen A und B" / "between A and B" in or after the trigger's clause."""
    grammar = ctx.lexicon.grammar
    for i in range(hit.clause.start, len(ctx.tokens)):
        if ctx.tokens[i].text.lower() not in grammar.between_prepositions:
            continue
        first = next((p for p in ctx.parties if 0 < p.first - i <= _NP_REACH), None)
        if first is None:
            continue
        second = next(
            (
                p
                for p in ctx.parties
                if 0 < p.first - first.last <= _NP_REACH and p.actor.root != first.actor.root
            ),
            None,
        )
        return [first, second] if second is not None else [first]
    return []


def _with_preposition(ctx: SentenceContext, hit: TriggerHit, preposition: str, anywhere: bool) -> list[Party]:
    """Parties of the trigger's clause opened by a preposition, nearest after the trigger first.

    Unless ``anywhere``, only phrases after the trigger count: an event noun's own phrases follow it.
    """
    parties = ctx.clause_parties(hit.clause.index)
    matching = [p for p in parties if p.preposition == preposition]
    if not matching:
        # The attribute of the phrase's noun: "hinter die Forderung Estlands", "auf Stellungen der Hisbollah".
        matching = [
            p for p in parties if _is_attribute(ctx, p) and _phrase_preposition(ctx, p) == preposition
        ]
    after = [p for p in matching if p.first > hit.token]
    return (after or matching if anywhere else after)[:1]


def _agent_after(ctx: SentenceContext, hit: TriggerHit) -> list[Party]:
    """The agent phrase after an event noun, with its conjuncts ("Lieferung durch A und B")."""
    grammar = ctx.lexicon.grammar
    # Only a phrase close to the noun, with no break between, belongs to it.
    after = [
        p
        for p in ctx.clause_parties(hit.clause.index)
        if 0 < p.first - hit.token <= _AGENT_REACH
        and p.preposition in grammar.agent_prepositions
        and not any(t.text in grammar.breaks for t in ctx.tokens[hit.token : p.first])
        and not (
            p.preposition in grammar.nearest_noun_agents and _follows_other_noun(ctx, hit.token, p.first)
        )
    ]
    if not after:
        return []
    group = [after[0]]
    for party in after[1:]:
        between = ctx.tokens[group[-1].last + 1 : party.first]
        if len(between) != 1 or between[0].text.lower() not in ctx.lexicon.grammar.coordinators:
            break
        group.append(party)
    return group


def _place_of_act(ctx: SentenceContext, hit: TriggerHit, party: Party) -> bool:
    """Whether a city after an attack noun is where it happened, not who did it: "die
    Terroranschläge von Paris", "the attacks of Paris" (``place_agent_cameo``)."""
    grammar = ctx.lexicon.grammar
    return (
        hit.trigger.kind == "noun"
        and hit.trigger.cameo.startswith(grammar.place_agent_cameo)
        and party.first > hit.token
        and party.preposition is not None
        and _names_a_city(ctx, party)
    )


def _names_a_city(ctx: SentenceContext, party: Party) -> bool:
    """Whether a party's words are a city's name ("Paris" as a place, not a government)."""
    return any(
        p.first == party.first and p.last == party.last and p.place is not None and p.place.kind == "city"
        for p in ctx.places
    )


def _possessed(ctx: SentenceContext, noun: int) -> bool:
    """Whether a possessive determiner opens the noun's phrase ("seine Forderung", "its call")."""
    grammar = ctx.lexicon.grammar
    i = noun - 1
    while i >= 0 and ctx.tokens[i].pos in grammar.adjective_tags:
        i -= 1
    return i >= 0 and ctx.tokens[i].pos in grammar.possessive_tags


def _follows_other_noun(ctx: SentenceContext, trigger: int, first: int) -> bool:
    """Whether the preposition before a phrase follows a noun other than the trigger, whose
    attribute it then is ("die Reformen von Präsident Milei"); after a verb or an adverb it is
    the agent ("Kritik an Schelling kam auch von den Grünen")."""
    before = first - 2  # the word before the phrase's preposition
    return before > trigger and ctx.tokens[before].pos in ctx.lexicon.grammar.noun_tags


def _others(ctx: SentenceContext, hit: TriggerHit, source: Party | None) -> list[Party]:
    """Any party of the sentence with another root than the source, nearest to the trigger first."""
    root = source.actor.root if source else None
    # A relative clause is a world of its own: its parties are no "others" for a trigger outside
    # it, nor the parties outside for a trigger in it.
    relative = {c.index for c in ctx.clauses if c.relative}
    others = [
        p
        for p in ctx.parties
        if p.actor.root
        and p.actor.root != root
        and not p.from_place
        and (p.clause == hit.clause.index or (p.clause not in relative and not hit.clause.relative))
    ]
    return sorted(others, key=lambda p: abs(p.first - hit.token))[:1]


def _place_after(ctx: SentenceContext, hit: TriggerHit, source: Party | None) -> list[Party]:
    """A place named after the trigger in its clause, standing for its country ("a hotel in Mogadishu").

    Actor names of capitals and countries count as well as gazetteer places; the source's own
    country does not.
    """
    root = source.actor.root if source else None
    grammar = ctx.lexicon.grammar
    candidates = [
        p
        for p in ctx.parties + ctx.places
        if p.clause == hit.clause.index
        and p.first > hit.token - (0 if grammar.word_order == "svo" else len(ctx.tokens))
        and p.actor.country
        and p.actor.root != root
        # A state's own places are no target of its acts; a group's home country is one of its
        # targets ("Kämpfer der M23 nahmen Goma ein").
        and (source is None or source.actor.org is not None or p.actor.country != source.actor.country)
        and (p.preposition is None or p.preposition in grammar.place_prepositions)
    ]
    return sorted(candidates, key=lambda p: abs(p.first - hit.token))[:1]


def _subject_after_phrase(ctx: SentenceContext, clause: Clause) -> list[Party]:
    """The subject of the clause after a verbless opening phrase ("During a visit to Moscow on
    Sunday, Merkel said ...": the phrase is a clause of its own up to the comma)."""
    if _finite_verb(ctx, clause) is not None or clause.index + 1 >= len(ctx.clauses):
        return []
    following = ctx.clauses[clause.index + 1]
    finite = _finite_verb(ctx, following)
    subject = _subject(ctx, following, finite if finite is not None else following.end)
    return [subject] if subject is not None else []


def _in_subject_phrase(ctx: SentenceContext, noun: int) -> bool:
    """Whether a noun stands in a phrase of time whose act is the subject's ("During a visit to
    Jerusalem, Bolton said": ``subject_prepositions``)."""
    i = ctx.before_phrase(noun)
    return i >= 0 and ctx.tokens[i].text.lower() in ctx.lexicon.grammar.subject_prepositions


def _has_phase_verb(ctx: SentenceContext, clause: Clause) -> bool:
    """Whether the clause's verb only says an event begins, goes on or ends ("begann mit dem Abzug").

    Its subject is then the agent of the event noun even inside a prepositional phrase.
    """
    return bool(clause_verb_lemmas(ctx, clause) & ctx.lexicon.grammar.phase_verbs)


def _is_stative_passive(ctx: SentenceContext, hit: TriggerHit) -> bool:
    """A participle with a finite form of the stative auxiliary ("Die Innenministerin sei
    gefordert"), unless the verb forms its perfect with that auxiliary ("ist einmarschiert")."""
    grammar = ctx.lexicon.grammar
    if grammar.stative_auxiliary is None:
        return False
    if (ctx.tokens[hit.token].lemma or "") in grammar.perfect_with_stative_auxiliary:
        return False
    return any(
        t.lemma == grammar.stative_auxiliary and t.pos in grammar.finite_tags
        for t in ctx.clause_tokens(hit.clause)
    )


def _nearest_auxiliary(ctx: SentenceContext, hit: TriggerHit) -> str | None:
    """The lemma of the passive or perfect auxiliary nearest before a participle in its clause."""
    grammar = ctx.lexicon.grammar
    auxiliaries = {grammar.passive_auxiliary, grammar.perfect_auxiliary} - {None}
    for i in range(hit.token - 1, hit.clause.start - 1, -1):
        if ctx.tokens[i].lemma in auxiliaries:
            return ctx.tokens[i].lemma
    return None


def _auxiliary_right_before(ctx: SentenceContext, hit: TriggerHit) -> bool:
    """Whether the passive auxiliary stands in the verb group right before a participle
    ("was suddenly flown", "have been killed")."""
    grammar = ctx.lexicon.grammar
    i = hit.token - 1
    while i >= hit.clause.start and (
        ctx.tokens[i].pos in grammar.verb_group_tags or ctx.tokens[i].lemma == grammar.passive_auxiliary
    ):
        if ctx.tokens[i].lemma == grammar.passive_auxiliary:
            return True
        i -= 1
    return False


def _object_follows(ctx: SentenceContext, hit: TriggerHit) -> bool:
    """Whether a noun phrase or an object pronoun follows a verb directly ("convicted her").

    Not for a participle inside a noun phrase ("the besieged city", "dead or imprisoned
    militants") or one with an agent phrase close after it ("taken hostage by Islamic State").
    """
    grammar = ctx.lexicon.grammar
    following = hit.token + 1
    if following >= hit.clause.end or _attributive(ctx, hit.token):
        return False
    token = ctx.tokens[following]
    near = ctx.tokens[following : min(following + _AGENT_NEAR, hit.clause.end)]
    # An agent phrase after a determiner's noun is that noun's: "endorsed a proposal by Rep. Huckaby".
    agent_near = any(t.text.lower() in grammar.agent_prepositions for t in near)
    if agent_near and token.pos not in grammar.determiner_tags:
        return False
    return (
        token.pos in grammar.noun_tags
        or _phrase_word(token.pos, ctx)
        or _party_holding(ctx, following) is not None
    )


def _attributive(ctx: SentenceContext, token: int) -> bool:
    """Whether a word stands inside a noun phrase: after a determiner, adjective, preposition or
    coordinator ("the besieged city", "for freed civilians", "dead or imprisoned militants")."""
    grammar = ctx.lexicon.grammar
    before = ctx.tokens[token - 1] if token > 0 else None
    if before is None:
        return False
    return (
        _phrase_word(before.pos, ctx)
        or before.pos in grammar.preposition_tags
        or before.text.lower() in grammar.coordinators
    )


def _phrase_word(pos: str | None, ctx: SentenceContext) -> bool:
    """Whether a tag is one of a noun phrase's words before its noun (determiner, adjective,
    number), not an adverb of the verb group."""
    grammar = ctx.lexicon.grammar
    return pos in grammar.noun_phrase_tags and pos not in grammar.verb_group_tags


def _is_passive(ctx: SentenceContext, hit: TriggerHit) -> bool:
    """A participle trigger with the passive auxiliary in its clause ("wurde ... angegriffen")."""
    deps = _analysis_for(ctx, hit)
    if deps is not None:
        return deps.is_passive(hit.token)
    grammar = ctx.lexicon.grammar
    if ctx.tokens[hit.token].pos not in grammar.participle_tags:
        return False
    if grammar.perfect_auxiliary is not None and _nearest_auxiliary(ctx, hit) == grammar.perfect_auxiliary:
        return False
    if grammar.word_order == "svo" and not _auxiliary_right_before(ctx, hit) and _object_follows(ctx, hit):
        return False  # "where a court convicted her": a past form with its object, whatever "was" went before
    if any(t.lemma == grammar.passive_auxiliary for t in ctx.clause_tokens(hit.clause)):
        return True
    if _is_stative_passive(ctx, hit):
        return True
    # A headline without a finite verb, the participle closing its clause: "Angreifer festgenommen",
    # "Sechs Oppositionelle freigelassen" (not "Die EU verhängt Sanktionen", a finite verb the
    # tagger read as a participle).
    if not grammar.verbless_participles_are_passive:
        return False
    words_after = [t for t in ctx.tokens[hit.token + 1 : hit.clause.end] if t.text[0].isalnum()]
    # A plural present often reads as an infinitive ("Truppen halten Gori besetzt"): no verb of
    # either kind may stand in the sentence.
    verbs = grammar.finite_tags | grammar.infinitive_tags
    return not words_after and not any(t.pos in verbs for t in ctx.tokens)
