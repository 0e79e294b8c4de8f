"""Settling what a phrase alone does not: persons by office term, bare roles and pronouns.

Rules (documented in docs/ACTORS.md):

- A personal name without an owner in the text is coded by the office term covering the article's
  publication date; without a date, by the latest term. A name seen earlier in the same article
  with an owner ("Moskaus Generalmajor Sergej Orlow") codes its later mentions ("Generalmajor Orlow").
- A role without owner ("die Botschafter", "diese Einheiten") takes the root of the actors before it
  in the same sentence, else in the previous sentence, that the role fits (the sector the role
  would have under that root equals the actor's sector) - but only when all fitting actors share one
  root, or all of them that are the same role noun named with an owner ("the Syrian regime ... The
  regime"). Otherwise it stays rootless; roles marked ``unowned = "resolve"`` are then dropped, and
  roles marked ``unowned = "drop"`` are never resolved this way.
- A pronoun takes the one person in the previous sentence (a personal name, or a role noun for a
  person such as "die Botschafterin"), when no other person stands before it in its own sentence
  and the person's gender (known from the role noun) does not contradict it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lagebild.actors.lexicon import Entry, EntryKind, Lexicon, Role
from lagebild.actors.office_holders import OfficeTerm
from lagebild.actors.phrases import Draft, role_sector
from lagebild.model import TimeValue


def choose_term(terms: Sequence[OfficeTerm], published: TimeValue | None) -> OfficeTerm | None:
    """Return the term that covers the publication date, or the latest term when there is no date.

    A date with a precision coarser than a day (2017-03) is a range: a term covering the whole range
    is preferred, then one overlapping it; among equals the later-starting term wins.
    """
    if not terms:
        return None
    earliest = published.earliest or published.latest if published else None
    latest = published.latest or published.earliest if published else None
    if earliest is None or latest is None:
        return max(terms, key=lambda t: t.start)
    whole = [t for t in terms if t.start <= earliest and (t.end is None or latest <= t.end)]
    overlapping = [t for t in terms if t.start <= latest and (t.end is None or earliest <= t.end)]
    candidates = whole or overlapping
    return max(candidates, key=lambda t: t.start) if candidates else None


def nearest_term(terms: Sequence[OfficeTerm], published: TimeValue | None) -> OfficeTerm | None:
    """The term of one person nearest to a date none of its terms covers: the last one before it,
    else the first after it. A former or future office holder ("Altkanzlerin Angela Merkel" in
    2023, the candidate Donald Trump in 2016) still belongs to that country or organisation.
    None when the terms are of several people (a surname that namesakes share) or undated."""
    day = published.earliest or published.latest if published else None
    if day is None or not terms or len({t.name for t in terms}) > 1:
        return None
    before = [t for t in terms if t.end is not None and t.end < day]
    if before:
        return max(before, key=lambda t: t.end or t.start)
    return min(terms, key=lambda t: t.start)


@dataclass(frozen=True)
class Code:
    """A root and sector remembered for a person named in the article."""

    country: str | None
    org: str | None
    sector: str | None


class Resolver:
    """Resolves the drafts of one article in reading order."""

    def __init__(self, lexicon: Lexicon, persons: dict[str, Entry]) -> None:
        self.lexicon = lexicon
        self.persons = persons

    def resolve(self, drafts: list[Draft], published: TimeValue | None) -> list[Draft]:
        """Return the drafts to emit, with persons, bare roles and pronouns settled."""
        known: dict[str, Code] = {}
        kept: list[Draft] = []
        by_sentence: dict[int, list[Draft]] = {}
        for draft in drafts:
            if draft.person:
                self.resolve_person(draft, published, known)
            elif draft.owner_terms and not draft.root:
                self.resolve_owner_person(draft, published)
            if draft.role is not None and draft.role.refers_to_orgs:
                self.refer_to_named_org(draft, by_sentence)
            if draft.pronoun is not None:
                keep = self.resolve_pronoun(draft, by_sentence)
            elif not draft.root and draft.role is not None and not draft.person:
                keep = (draft.resolvable and self.resolve_role(draft, by_sentence)) or draft.keep_unowned
            else:
                keep = True
            if keep:
                kept.append(draft)
                by_sentence.setdefault(draft.sentence, []).append(draft)
        return kept

    # --- persons ---------------------------------------------------------------------------

    def resolve_person(self, draft: Draft, published: TimeValue | None, known: dict[str, Code]) -> None:
        """Code a named person from the text's owner, the article's earlier mentions or office terms."""
        assert draft.person is not None
        surname = draft.person.split()[-1]
        term = choose_term(draft.terms or self.terms_of(draft.person), published)
        if draft.owned:
            if draft.sector is None and term is not None and (term.org or term.country) == draft.root:
                draft.sector = term.sector
        elif term is not None:
            draft.country, draft.org, draft.sector = term.country, term.org, term.sector
            draft.label = "office_holder"
        elif not draft.root and (draft.person in known or surname in known):
            code = known.get(draft.person) or known[surname]
            draft.country, draft.org = code.country, code.org
            draft.sector = code.sector if draft.role is None or draft.role.sector is None else draft.sector
            draft.label = "person"
        elif not draft.root and (former := nearest_term(self.former_terms(draft), published)):
            # Out of office, the person keeps the root; the sector is a title the text gives, or
            # that of an elite figure. Only for a full name or a surname after a title ("Präsident
            # Obama"): a surname alone ("Wulff", "ATT") is too often someone else's; it follows
            # the full name named earlier (``known``).
            draft.country, draft.org = former.country, former.org
            draft.sector = draft.sector or "ELI"
            draft.label = "person"
        draft.name = draft.person
        if draft.root:
            code = Code(draft.country, draft.org, draft.sector)
            known[draft.person] = code
            known[surname] = code

    def resolve_owner_person(self, draft: Draft, published: TimeValue | None) -> None:
        """Code a role owned by a known person ("Trump administration") by that person's term."""
        term = choose_term(draft.owner_terms, published)
        if term is None or draft.role is None:
            return
        kind: EntryKind = "org" if term.org else "country"
        owner = Entry(kind=kind, form=term.name, country=term.country, org=term.org, sector=term.sector)
        draft.country, draft.org = term.country, term.org
        draft.sector = role_sector(draft.role, owner, self.lexicon.org_sectors)
        draft.name = self.display(draft)
        draft.label = "office_holder"

    def former_terms(self, draft: Draft) -> tuple[OfficeTerm, ...]:
        """The office terms a person named outside them may be coded by: those of a full name the
        table lists, or of a surname after a title ("Präsident Obama", "Außenminister Steinmeier")."""
        assert draft.person is not None
        if len(draft.person.split()) > 1:
            entry = self.persons.get(draft.person)
            return entry.terms if entry is not None else ()
        return self.terms_of(draft.person) if draft.role is not None else ()

    def terms_of(self, name: str) -> tuple[OfficeTerm, ...]:
        """Return the office terms of a name, trying the full name, then the surname."""
        entry = self.persons.get(name) or self.persons.get(name.split()[-1])
        return entry.terms if entry is not None else ()

    # --- bare roles ------------------------------------------------------------------------

    def resolve_role(self, draft: Draft, before: dict[int, list[Draft]]) -> bool:
        """Give a bare role the root of the one kind of actor it can refer to; report success."""
        assert draft.role is not None
        role = draft.role
        candidates = self.window(draft, before)
        if role.refers_to:
            candidates = [c for c in candidates if self.lexicon.org_types.get(c.org or "") in role.refers_to]
        fits: dict[tuple[str | None, str | None, str | None], bool] = {}
        for c in candidates:
            key = (c.country, c.org, c.sector)
            if key not in fits:
                fits[key] = c.sector == self.sector_under(role, c)
        fitting = [c for c in candidates if fits[(c.country, c.org, c.sector)]]
        # The same role noun named with its owner refers back most surely ("the Syrian regime ...
        # The regime"), even when other fitting actors stand between.
        same_role = [c for c in fitting if c.role == role]
        roots = {c.root for c in same_role or fitting}
        if len(roots) != 1:
            return False
        source = (same_role or fitting)[-1]
        draft.country, draft.org = source.country, source.org
        draft.sector = self.sector_under(role, source)
        draft.name = source.name if not source.person else self.display(source)
        draft.label = "anaphor"
        return True

    def refer_to_named_org(self, draft: Draft, before: dict[int, list[Draft]]) -> None:
        """Give a role the root of the one listed organisation it stands for that was named just
        before it in its sentence ("do not consider the YPG a terrorist group, and have supported
        the Kurds"); a sentence later "the Kurds" may be others than the group just named."""
        assert draft.role is not None
        earlier = before.get(draft.sentence, ())
        named = [c for c in earlier if c.org in draft.role.refers_to_orgs and c.end <= draft.start]
        if len({c.root for c in named}) != 1:
            return
        source = named[-1]
        draft.country, draft.org, draft.name = source.country, source.org, source.name
        draft.label = "anaphor"

    @staticmethod
    def window(draft: Draft, before: dict[int, list[Draft]]) -> list[Draft]:
        """Rooted actors before the draft in its sentence, else in the previous sentence."""
        same = [c for c in before.get(draft.sentence, ()) if c.root and c.end <= draft.start]
        if same:
            return same
        return [c for c in before.get(draft.sentence - 1, ()) if c.root]

    def sector_under(self, role: Role, candidate: Draft) -> str | None:
        """The sector the role would have if the candidate's root owned it."""
        if candidate.org:
            owner = Entry(kind="org", form=candidate.org, org=candidate.org,
                          sector=self.lexicon.org_sectors.get(candidate.org))
        else:
            owner = Entry(kind="country", form=candidate.country or "", country=candidate.country,
                          sector=candidate.sector)
        return role_sector(role, owner, self.lexicon.org_sectors)

    def display(self, source: Draft) -> str:
        """The readable name of a draft's root."""
        if source.org:
            return self.lexicon.org_names.get(source.org, source.org)
        return self.lexicon.country_names.get(source.country or "", source.country or "")

    # --- pronouns --------------------------------------------------------------------------

    def resolve_pronoun(self, draft: Draft, before: dict[int, list[Draft]]) -> bool:
        """Give a pronoun the code of the one person named in the previous sentence."""
        pronoun = draft.pronoun
        assert pronoun is not None
        if any(is_person(c) and c.end <= draft.start for c in before.get(draft.sentence, ())):
            return False
        people = [c for c in before.get(draft.sentence - 1, ()) if is_person(c) and c.root]
        if len({c.person or c.start for c in people}) != 1:
            return False
        person = people[-1]
        if person.gender is None and pronoun.requires_known_gender:
            return False
        if person.gender is not None and person.gender != pronoun.gender:
            return False
        draft.country, draft.org, draft.sector = person.country, person.org, person.sector
        draft.name, draft.person, draft.gender = person.name, person.person, person.gender
        return True


def is_person(draft: Draft) -> bool:
    """Whether a draft names a person: a personal name, or a role noun for a person."""
    return bool(draft.person) or (draft.role is not None and draft.role.person)

