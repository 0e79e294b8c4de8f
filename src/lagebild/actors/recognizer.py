"""Actor recognition: who is who in an article, as coded mentions (country/organisation + sector)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from lagebild.actors.lexicon import Entry, Lexicon, load_lexicon
from lagebild.actors.matcher import Matcher
from lagebild.actors.office_holders import OfficeTerm, load_office_holders
from lagebild.actors.persons import PersonNames, load_person_names
from lagebild.actors.phrases import Draft, PhraseBuilder, SentenceIndex
from lagebild.actors.resolve import Resolver
from lagebild.datafiles import user_files
from lagebild.model import Actor, Mention, Sentence, TimeValue


class ActorRecognizer:
    """Finds actor mentions in the text of one language; build once, call ``find`` per article."""

    def __init__(self, lexicon: Lexicon, names: PersonNames | None = None) -> None:
        self.lexicon = lexicon
        self.names = names if names is not None else PersonNames(frozenset())
        self.matcher = Matcher(lexicon.entries)
        self.builder = PhraseBuilder(lexicon)
        persons: dict[str, Entry] = {e.form: e for e in lexicon.entries if e.kind == "person"}
        self.resolver = Resolver(lexicon, persons)

    @property
    def language(self) -> str:
        """The language whose vocabulary this recognizer uses."""
        return self.lexicon.language

    def find(self, text: str, sentences: Sequence[Sentence], published: TimeValue | None) -> list[Mention]:
        """Return the actor mentions of one article: sorted, non-overlapping, one per noun phrase.

        ``sentences`` give the sentence index of each mention and bound each phrase; ``published``
        selects the office term of named office holders.
        """
        hits = self.matcher.scan(text)
        index = SentenceIndex(text, sentences)
        drafts = self.builder.build(text, hits, index)
        resolved = self.names.extend(text, self.resolver.resolve(drafts, published), index)
        return [self.mention(text, d) for d in without_overlaps(resolved)]

    @staticmethod
    def mention(text: str, draft: Draft) -> Mention:
        """Turn a finished draft into a mention with its actor."""
        surface = text[draft.start:draft.end]
        actor = Actor(text=surface, name=draft.name or surface, country=draft.country, org=draft.org,
                      sector=draft.sector, start=draft.start, end=draft.end, alternatives=draft.alternatives)
        return Mention(kind="actor", start=draft.start, end=draft.end, text=surface, sentence=draft.sentence,
                       actor=actor, label=draft.label)


def without_overlaps(drafts: list[Draft]) -> list[Draft]:
    """Keep drafts in order, dropping any that overlaps one kept before it."""
    kept: list[Draft] = []
    for draft in sorted(drafts, key=lambda d: (d.start, -d.end)):
        if not kept or draft.start >= kept[-1].end:
            kept.append(draft)
    return kept


def load_actor_recognizer(
    language: str, extra: Sequence[Path] = (), office_terms: Sequence[OfficeTerm] | None = None
) -> ActorRecognizer:
    """Build the recognizer of ``language`` from the package's data and the user's ``extra`` files.

    ``extra`` are TOML files or folders of them with ``[[organisation]]``, ``[[role]]`` and
    ``[[person]]`` tables, read after the built-in data; a bad file raises ``DataFileError``
    naming it. ``office_terms`` replaces the shipped office-holder list (tests, special corpora).
    """
    terms = load_office_holders() if office_terms is None else office_terms
    given = [p for p in user_files(extra, "given_names", None) if p.suffix == ".tsv"]
    return ActorRecognizer(load_lexicon(language, extra, terms), load_person_names(given, language))
