"""Building actor noun phrases around the hits of the matcher.

A role noun is the head of a phrase: ``[article] [adjectives] [possessor] [nationality] HEAD
[personal name] [genitive owner]``, e.g. "der ranghöchste General des Bündnisses", "Moskaus
Generalmajor Sergej Orlow", "NATO's top general". The owner (country or organisation) comes from,
in this order: a possessor before the head, a nationality adjective, the role's own fixed owner,
a hyphen prefix of the head (Nato-General), and a genitive after it.

Other hits (country names, capitals, seats, organisations, nationality words, persons) make
phrases of their own with a preceding article. What the owner does not settle (a bare role, a
name without owner, a pronoun) is settled later by ``lagebild.actors.resolve``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from lagebild.actors.lexicon import Entry, Lexicon, Role
from lagebild.actors.matcher import Hit, case_fits
from lagebild.actors.office_holders import OfficeTerm
from lagebild.model import Sentence

_TOKEN = re.compile(r"\w(?:[\w'’\-‐‑.]*\w)?")
_HYPHENS = re.compile(r"[-‐‑]")
_WORDY = re.compile(r"\w")
_COMPOUND_REST = re.compile(r"\w+(?:-\w+)*")
_WINDOW = 120
_LEFT_TOKENS = 6
_NAME_TOKENS = 4

_OWNER_KINDS = frozenset({"country", "capital", "seat", "org"})


@dataclass
class Draft:
    """An actor phrase under construction; ``resolve`` turns drafts into mentions."""

    start: int
    end: int
    sentence: int
    label: str
    country: str | None = None
    org: str | None = None
    sector: str | None = None
    name: str = ""
    person: str | None = None
    gender: str | None = None
    role: Role | None = None
    terms: tuple[OfficeTerm, ...] = ()
    pronoun: Entry | None = None
    owned: bool = False
    owner_terms: tuple[OfficeTerm, ...] = ()  # terms of a person owning the role ("Trump administration")
    keep_unowned: bool = False  # kept without root when nothing resolves it
    resolvable: bool = True  # may take its root from the actors before it
    alternatives: tuple[str, ...] = ()  # other countries a national office word may belong to
    hits: set[int] = field(default_factory=set)

    @property
    def root(self) -> str:
        """The organisation if set, else the country, else empty."""
        return self.org or self.country or ""


@dataclass(frozen=True)
class Span:
    """The sentence a hit lies in: its index and character bounds."""

    index: int
    start: int
    end: int


def primary(hit: Hit) -> Entry:
    """Return the entry that speaks for a hit (the matcher orders them)."""
    return hit.entries[0]


class SentenceIndex:
    """Finds the sentence of a character offset (one sentence for the whole text if none given)."""

    def __init__(self, text: str, sentences: Sequence[Sentence]) -> None:
        ordered = sorted(sentences, key=lambda s: s.start)
        self._spans = [Span(s.index, s.start, s.end) for s in ordered] or [Span(0, 0, len(text))]
        self._starts = [s.start for s in self._spans]

    def at(self, offset: int) -> Span:
        """Return the sentence containing ``offset`` (or the last one starting before it)."""
        position = max(bisect.bisect_right(self._starts, offset) - 1, 0)
        return self._spans[position]

    def spans(self) -> list[Span]:
        """The sentences in text order."""
        return list(self._spans)


class PhraseBuilder:
    """Turns the hits of one article into drafts; holds nothing between articles."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.rules = lexicon.rules

    def build(self, text: str, hits: list[Hit], sentences: SentenceIndex) -> list[Draft]:
        """Return the drafts of one article, sorted by position and not overlapping."""
        run = _Run(self, text, hits, sentences)
        return run.drafts()


class _Run:
    """The state of building the phrases of one article."""

    def __init__(self, builder: PhraseBuilder, text: str, hits: list[Hit], sentences: SentenceIndex) -> None:
        self.lexicon = builder.lexicon
        self.rules = builder.rules
        self.text = text
        self.hits = hits
        self.sentences = sentences
        self.by_start = {hit.start: i for i, hit in enumerate(hits)}
        self.by_end = {hit.end: i for i, hit in enumerate(hits)}
        self.starts = [hit.start for hit in hits]
        self.consumed: set[int] = set()
        self.first_named = self._first_unconditional_names()

    # --- bookkeeping -----------------------------------------------------------------------

    def _first_unconditional_names(self) -> dict[str, int]:
        """Where each organisation is first named outright (context names need it earlier)."""
        first: dict[str, int] = {}
        for hit in self.hits:
            for entry in hit.entries:
                if entry.org and entry.context is None:
                    first.setdefault(entry.org, hit.start)
        return first

    def usable(self, entry: Entry, position: int) -> bool:
        """Whether an entry may stand here: context names need their organisation named before."""
        if entry.context is None:
            return True
        return self.first_named.get(entry.context, len(self.text)) < position

    def owner_entry(self, index: int, kinds: frozenset[str]) -> Entry | None:
        """Return the usable owner entry of an unconsumed hit, if it has one of ``kinds``."""
        if index in self.consumed:
            return None
        hit = self.hits[index]
        for entry in hit.entries:
            if entry.kind in kinds and self.usable(entry, hit.start):
                return entry
        return None

    def drafts(self) -> list[Draft]:
        """Build role phrases right to left (so modifiers join their head), then the rest."""
        drafts: list[Draft] = []
        for index in range(len(self.hits) - 1, -1, -1):
            if index not in self.consumed and primary(self.hits[index]).kind == "role":
                draft = self.role_phrase(index)
                if draft is not None:
                    drafts.append(draft)
        for index, hit in enumerate(self.hits):
            if index not in self.consumed:
                draft = self.simple_phrase(index, hit)
                if draft is not None:
                    drafts.append(draft)
        drafts.sort(key=lambda d: d.start)
        return drafts

    # --- tokens ----------------------------------------------------------------------------

    def tokens_before(self, position: int, floor: int) -> list[re.Match[str]]:
        """Return up to a few word tokens ending before ``position``, nearest first."""
        low = max(floor, position - _WINDOW)
        tokens = list(_TOKEN.finditer(self.text, low, position))
        return tokens[::-1][:_LEFT_TOKENS]

    def next_token(self, position: int, ceiling: int) -> re.Match[str] | None:
        """Return the word token after ``position`` if only spaces separate them."""
        match = _TOKEN.search(self.text, position, min(ceiling, position + _WINDOW))
        if match is None or self.text[position:match.start()].strip():
            return None
        return match

    # --- role phrases ----------------------------------------------------------------------

    def role_phrase(self, index: int) -> Draft | None:
        """Build the phrase headed by the role noun of hit ``index``."""
        hit = self.hits[index]
        entry = primary(hit)
        role = entry.role
        if role is None or hit.trail == "-":
            return None  # "Minister-Ebene": the head of the word is the last part, not the role
        span = self.sentences.at(hit.start)
        draft = Draft(start=hit.start, end=hit.end, sentence=span.index, label="role", role=role,
                      sector=role.sector, name=entry.form, gender=role.gender)
        draft.hits.add(index)
        word_start = self.word_start(hit.start, span.start)
        prefix_owner = self.prefix_owner(word_start, hit.start, draft)
        draft.start = word_start
        left = self.extend_left(draft, span.start)
        self.extend_right(draft, role, span.end)
        genitive = self.genitive_owner(draft, span.end)
        if genitive is None and role.place_owner:
            genitive = self.place_owner(draft, span.end)
        if genitive is None and role.seat_after:
            genitive = self.seat_after(draft, span.end)
        textual = left.possessor or left.adjective or prefix_owner or genitive
        if textual is None and role.attributive and self.modifies_next_noun(draft.end, span.end):
            return None  # "military operation", "police station": not an actor
        owner = left.possessor or left.adjective or self.fixed_owner(role) or prefix_owner or genitive
        self.set_role_owner(draft, role, owner, left)
        if textual is None and owner is not None and owner.country == role.country:
            draft.alternatives = role.also_countries  # "Bundeskanzler" alone: Germany or Austria
        draft.keep_unowned = role.unowned == "keep" or left.modifier_keep
        draft.resolvable = (role.unowned != "drop" or left.modifier_keep) and not left.unknown_owner
        if owner is None:
            draft.owner_terms = left.person_terms
        # A role's own country (Bundeskanzler -> DEU) yields to a named person's office term.
        draft.owned = textual is not None or (owner is not None and not draft.person)
        self.consumed.update(draft.hits)
        return draft

    def modifies_next_noun(self, position: int, ceiling: int) -> bool:
        """Whether a lower-case word follows that is neither a clause word nor verb-like."""
        token = self.next_token(position, ceiling)
        if token is None or not token.group().islower():
            return False
        word = token.group()
        return word not in self.rules.clause_words and not word.endswith(self.rules.verb_endings)

    def word_start(self, position: int, floor: int) -> int:
        """Return where the (possibly hyphenated or closed) compound containing ``position`` begins."""
        start = position
        while start > floor and (self.text[start - 1].isalnum() or self.text[start - 1] in "-‐‑'’"):
            start -= 1
        return start

    def prefix_owner(self, word_start: int, head_start: int, draft: Draft) -> Entry | None:
        """Return the first owner among the hyphen parts before a compound head (Nato-, US-)."""
        if word_start == head_start:
            return None
        first = bisect.bisect_left(self.starts, word_start)
        draft.hits.update(range(first, bisect.bisect_left(self.starts, head_start)))
        for part in _HYPHENS.split(self.text[word_start:head_start]):
            for entry in self.lexicon.prefix_owners.get(part.lower(), ()):
                if self.usable(entry, word_start) and case_fits(part, entry.form, interior=False):
                    return entry
        return None

    def fixed_owner(self, role: Role) -> Entry | None:
        """Return an owner entry for a role that names its owner itself (Bundeswehr -> DEU)."""
        if role.org:
            sector = self.lexicon.org_sectors.get(role.org)
            return Entry(kind="org", form=role.org, org=role.org, sector=sector)
        if role.country:
            return Entry(kind="country", form=role.country, country=role.country, sector=role.sector)
        return None

    def extend_left(self, draft: Draft, floor: int) -> _Left:
        """Take articles, adjectives, possessors, nationality words and modifier roles before the head."""
        left = _Left()
        position = draft.start
        for token in self.tokens_before(draft.start, floor):
            if token.end() > position:
                continue  # inside a multi-word hit taken already
            index = self.by_start.get(token.start(), self.by_end.get(token.end()))
            token_end = max(token.end(), self.hits[index].end if index is not None else 0)
            if self.text[token_end:position].strip():
                break
            word = token.group().lower()
            free = index if index is not None and index not in self.consumed else None
            if free is not None and self.take_left_hit(draft, left, free, token, position == draft.start):
                position = draft.start = min(token.start(), self.hits[free].start)
                continue
            if word in self.rules.group_adjectives or self.unknown_name(token, index, floor):
                left.unknown_owner = True
                position = draft.start = token.start()
                continue
            if word in self.rules.sector_modifiers:
                left.sector = left.sector or self.rules.sector_modifiers[word]
                position = draft.start = token.start()
                continue
            if word in self.rules.determiners:
                draft.start = token.start()
                break
            if word in self.rules.modifiers:
                position = draft.start = token.start()
                continue
            pattern = self.rules.adjective_pattern
            if index is None and pattern is not None and pattern.fullmatch(token.group()):
                position = token.start()  # only kept if an article turns up further left
                continue
            break
        return left

    def unknown_name(self, token: re.Match[str], index: int | None, floor: int) -> bool:
        """Whether a token is a capitalised word, not sentence-initial and not known, that owns a role."""
        word = token.group()
        if not self.rules.capitalized_modifiers or index is not None or not word[0].isupper():
            return False
        if word in self.rules.name_stopwords or word.lower() in self.rules.determiners:
            return False
        return bool(_WORDY.search(self.text, floor, token.start()))

    def take_left_hit(
        self, draft: Draft, left: _Left, index: int, token: re.Match[str], adjacent: bool
    ) -> bool:
        """Take a hit before the head if it is a nationality word, a possessor or a modifier noun.

        Names and role words right before the head modify it only where the language builds
        noun-noun phrases ("U.S. ambassador", "army chief"); German builds compounds instead.
        """
        if left.led:
            return False  # the leader before "-led" owns the role; no name further left does
        hit = self.hits[index]
        suffix = self.text[hit.end:token.end()]
        led = left.led = suffix.lower() in self.rules.leader_suffixes  # "US-led", "Saudi-led"
        whole = hit.end >= token.end() or led
        adjective = self.owner_entry(index, frozenset({"adjective"}))
        if adjective is not None and whole and hit.lead != "-":
            left.adjective = left.adjective or adjective
            draft.hits.add(index)
            return True
        owner = self.owner_entry(index, _OWNER_KINDS)
        possessive = suffix in self.rules.possessive_suffixes and suffix != ""
        standing = whole and (owner is not None and (owner.genitive or self.rules.attributive_nouns))
        if owner is not None and not left.possessor and (possessive or standing):
            left.possessor = owner
            draft.hits.add(index)
            return True
        entry = primary(hit)
        if entry.kind == "person" and whole and self.rules.attributive_nouns and not left.person_terms:
            left.person_terms = entry.terms
            draft.hits.add(index)
            return True
        modifier = adjacent and self.rules.attributive_nouns and not left.modifier and hit.trail != "-"
        if modifier and entry.kind == "role" and entry.role is not None:
            left.modifier = True
            left.modifier_sector = entry.role.sector
            left.modifier_keep = entry.role.unowned == "keep"
            if entry.role.country or entry.role.org:
                left.adjective = left.adjective or self.fixed_owner(entry.role)
            draft.hits.add(index)
            return True
        return False

    def extend_right(self, draft: Draft, role: Role, ceiling: int) -> None:
        """Take a personal name after a person role (Präsident Wladimir Putin)."""
        if not role.person:
            return
        names: list[re.Match[str]] = []
        position = draft.end
        for _ in range(_NAME_TOKENS):
            token = self.next_token(position, ceiling)
            if token is None or token.start() - position > 1:
                break
            if token.start() in self.by_start:
                self.take_person_hit(draft, self.by_start[token.start()], names)
                return
            word = token.group()
            if word in self.rules.name_particles and names:
                position = token.end()
                continue
            if not word[0].isupper() or word in self.rules.name_stopwords:
                break
            names.append(token)
            position = token.end()
        if len(names) == 1 and self.opens_with_article(draft):
            return  # "der Minister Gespräche ...": after an article one capitalised word is too weak
        if names:
            draft.end = names[-1].end()
            draft.person = self.text[names[0].start():draft.end]

    def take_person_hit(self, draft: Draft, index: int, names: list[re.Match[str]]) -> None:
        """End a name at a known person ("Premierminister Ahmet Davutoglu" with "Davutoglu" known)."""
        hit = self.hits[index]
        if index in self.consumed or primary(hit).kind != "person":
            if names:
                draft.end = names[-1].end()
                draft.person = self.text[names[0].start():draft.end]
            return
        start = names[0].start() if names else hit.start
        draft.person = self.text[start:hit.end]
        draft.terms = primary(hit).terms
        draft.end = hit.end
        draft.hits.add(index)

    def opens_with_article(self, draft: Draft) -> bool:
        """Whether the phrase begins with an article or demonstrative."""
        first = _TOKEN.match(self.text, draft.start)
        return first is not None and first.group().lower() in self.rules.determiners

    def skip_spaces(self, position: int) -> int:
        """Return the first offset at or after ``position`` that is not a space."""
        while position < len(self.text) and self.text[position] == " ":
            position += 1
        return position

    def genitive_owner(self, draft: Draft, ceiling: int) -> Entry | None:
        """Take an owner after the head: "des Bündnisses", "of NATO", "Russlands"."""
        token = self.next_token(draft.end, ceiling)
        if token is None:
            return None
        index = self.by_start.get(token.start())
        if index is not None:
            owner = self.owner_entry(index, _OWNER_KINDS)
            if owner is not None and owner.genitive:
                return self.attach(draft, index)
            return None
        word = token.group().lower()
        if word not in self.rules.genitive_articles and word not in self.rules.genitive_prepositions:
            return None
        position = token.end()
        for _ in range(3):
            token = self.next_token(position, ceiling)
            if token is None:
                return None
            index = self.by_start.get(token.start())
            if index is not None:
                if self.owner_entry(index, _OWNER_KINDS | {"demonym"}) is None:
                    return None
                return self.attach(draft, index)
            if not self.is_adjective_or_article(token.group()):
                return None
            position = token.end()
        return None

    def place_owner(self, draft: Draft, ceiling: int) -> Entry | None:
        """Take the seat of a government after it: "die Regierung in Kiew", "the government in London"."""
        token = self.next_token(draft.end, ceiling)
        if token is None or token.group().lower() not in self.rules.place_prepositions:
            return None
        following = self.next_token(token.end(), ceiling)
        index = self.by_start.get(following.start()) if following is not None else None
        if index is None or self.owner_entry(index, frozenset({"country", "capital"})) is None:
            return None
        return self.attach(draft, index)

    def seat_after(self, draft: Draft, ceiling: int) -> Entry | None:
        """Take a capital right after a court or prosecution as its seat and owner: "das
        Landesgericht Wien", "die Staatsanwaltschaft Wien" (one actor, not a court and a city)."""
        following = self.next_token(draft.end, ceiling)
        index = self.by_start.get(following.start()) if following is not None else None
        if index is None or self.owner_entry(index, frozenset({"capital"})) is None:
            return None
        return self.attach(draft, index)

    def is_adjective_or_article(self, word: str) -> bool:
        """Whether a word may stand between a genitive article and its noun."""
        lower = word.lower()
        pattern = self.rules.adjective_pattern
        return (lower in self.rules.determiners or lower in self.rules.modifiers
                or (pattern is not None and pattern.fullmatch(word) is not None))

    def attach(self, draft: Draft, index: int) -> Entry | None:
        """Extend the draft over an owner hit and return the owner."""
        owner = self.owner_entry(index, _OWNER_KINDS | {"demonym"})
        draft.end = self.hits[index].end
        draft.hits.add(index)
        return owner

    def set_role_owner(self, draft: Draft, role: Role, owner: Entry | None, left: _Left) -> None:
        """Fill a role draft's root and sector: a sector adjective, else the role, else a modifier role."""
        if owner is not None:
            draft.country, draft.org = owner.country, owner.org
            draft.name = self.owner_name(owner)
        sector = role_sector(role, owner, self.lexicon.org_sectors)
        draft.sector = left.sector or sector or left.modifier_sector

    def owner_name(self, owner: Entry) -> str:
        """The readable name of an owner. A body of a country without a code of its own (a
        national party) keeps its name, so that "Die FPÖ kritisierte die ÖVP" has two actors."""
        if owner.kind == "org" and not owner.org and owner.name:
            return owner.name
        return self.display_name(owner.org, owner.country)

    def display_name(self, org: str | None, country: str | None) -> str:
        """Return the readable name of a root code."""
        if org:
            return self.lexicon.org_names.get(org, org)
        if country:
            return self.lexicon.country_names.get(country, country)
        return ""

    # --- other phrases ---------------------------------------------------------------------

    def simple_phrase(self, index: int, hit: Hit) -> Draft | None:
        """Build the phrase of a hit that is not part of a role phrase."""
        entry = primary(hit)
        span = self.sentences.at(hit.start)
        if entry.kind in ("ignore", "role"):
            return None
        owned_head_end = self.owned_compound_end(hit) if hit.trail == "-" else None
        if hit.lead == "-" or (hit.trail == "-" and entry.kind != "person" and owned_head_end is None):
            return None  # "Ost-Ukraine", "Nato-Gebiet", "Russland-Politik": not the actor
        if entry.kind == "pronoun":
            if self.text[hit.start].isupper() and _WORDY.search(self.text, span.start, hit.start):
                return None  # capitalised inside a sentence: German formal "Sie", not a reference
            return Draft(start=hit.start, end=hit.end, sentence=span.index, label="anaphor", pronoun=entry)
        if entry.kind == "person":
            return Draft(start=hit.start, end=hit.end, sentence=span.index, label="person",
                         person=self.text[hit.start:hit.end], terms=entry.terms)
        owner = self.owner_entry(index, _OWNER_KINDS | {"adjective", "demonym"})
        if owner is None:
            return None
        draft = Draft(start=hit.start, end=hit.end, sentence=span.index, label=owner.kind,
                      country=owner.country, org=owner.org, sector=owner.sector,
                      name=self.owner_name(owner), owned=True)
        draft.hits.add(index)
        if owned_head_end is not None:
            draft.end, draft.label = owned_head_end, "compound"  # the whole "Hamas-Trainingslager"
        if owner.kind == "adjective":
            draft.sector = None
        else:
            self.extend_article(draft, span.start)
        return draft

    def owned_compound_end(self, hit: Hit) -> int | None:
        """The end of a hyphen compound whose head the prefix owns ("Hamas-Trainingslager")."""
        heads = self.lexicon.rules.owned_compound_heads
        compound = _COMPOUND_REST.match(self.text, hit.end + 1) if heads else None
        if compound is None or not compound.group().lower().endswith(heads):
            return None
        return compound.end()

    def extend_article(self, draft: Draft, floor: int) -> None:
        """Include an article (and the adjectives after it) before a name: "die Nato", "der Kreml"."""
        position = draft.start
        for token in self.tokens_before(draft.start, floor):
            if self.text[token.end():position].strip() or token.start() in self.by_start:
                return
            word = token.group()
            if word.lower() in self.rules.name_determiners:
                draft.start = token.start()
                return
            pattern = self.rules.adjective_pattern
            if pattern is None or not pattern.fullmatch(word):
                return
            position = token.start()


@dataclass
class _Left:
    """What the words before a role head said about its owner and sector."""

    possessor: Entry | None = None
    adjective: Entry | None = None
    sector: str | None = None  # from a sector adjective ("militärische"): wins
    modifier: bool = False
    modifier_sector: str | None = None  # from a role used as modifier ("army chief"): a fallback
    modifier_keep: bool = False
    unknown_owner: bool = False  # "kurdische Kämpfer", "Shia militias": an owner we cannot code
    person_terms: tuple[OfficeTerm, ...] = ()  # "Trump administration": owned by a known person
    led: bool = False  # "US-led": the leader named right before owns the role; nothing further left does


def role_sector(role: Role, owner: Entry | None, org_sectors: dict[str, str]) -> str | None:
    """The sector of a role under an owner.

    With an organisation, ``org_sector`` wins; a role without sector takes the organisation's own
    sector (the Taliban's spokesman is REB), a GOV role under an IGO is IGO (NATO's ambassadors);
    other roles keep theirs (NATO's generals are MIL). With a country, the role's sector wins,
    else the owner word's sector.
    """
    if owner is None:
        return role.sector
    if owner.org:
        org_sector = owner.sector or org_sectors.get(owner.org)
        if role.org_sector:
            return role.org_sector
        if role.sector is None or (role.sector == "GOV" and org_sector == "IGO"):
            return org_sector
        return role.sector
    return role.sector or owner.sector
