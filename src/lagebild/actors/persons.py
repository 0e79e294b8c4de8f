"""People the actor lists do not know: named by a given name, then by their surname alone.

News names most people once in full ("Christine Manahl", "Vizekanzler Reinhold Mitterlehner")
and then by surname ("kritisiert Manahl"). A capitalised word after a given name
(data/given_names.tsv) is a person's surname. Where the full name lies outside the text at hand,
a surname alone is still a person in the places a language's news keeps for people
(``[bare_names]`` of lang/<code>/actors.toml: "..., mahnt Wolff.", "Pilz (Grüne)"). Every
person of the article, whether found these ways, through a role noun or in the office-holder
list, is then also found by the surname alone up to ``SURNAME_REACH`` sentences away, with the
same code. A person without a code stays without one here: the event coder gives such actors the
article's home country (actors/home.py).
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lagebild.actors.phrases import Draft, SentenceIndex
from lagebild.datafiles import DataFileError, load_toml, package_path

_NAME_WORD = re.compile(r"[A-ZÄÖÜÉ][\w'’]*(?:-[A-ZÄÖÜÉ][\w'’]*)?")
_MAX_SURNAME_WORDS = 2
_MIN_SURNAME_LENGTH = 3
# How many sentences before or after a person's full mention the surname alone still names them.
SURNAME_REACH = 30


@dataclass(frozen=True)
class BareNameCues:
    """Where a language's news names a person by surname alone (``[bare_names]``)."""

    cues: tuple[re.Pattern[str], ...] = ()
    not_names: frozenset[str] = frozenset()
    not_name_endings: tuple[str, ...] = ()

    def names(self, sentence: str) -> Iterator[tuple[int, int]]:
        """Spans (in ``sentence``) of the surnames its cues find."""
        for cue in self.cues:
            for match in cue.finditer(sentence):
                word = match.group("name")
                if word not in self.not_names and not word.lower().endswith(self.not_name_endings):
                    yield match.start("name"), match.end("name")


def read_bare_name_cues(record: Mapping[str, Any], where: str) -> BareNameCues:
    """Compile a ``[bare_names]`` table: ``cues`` with {name} (the table's ``name`` pattern),
    {verb} and {label} filled in."""
    verbs = "|".join(re.escape(v) for v in record.get("report_verbs", []))
    labels = "|".join(re.escape(v) for v in record.get("bracket_labels", []))
    name = str(record.get("name", ""))
    if record.get("cues") and not name:
        raise DataFileError(f"{where}: [bare_names] needs a name pattern for its cues")
    compiled = []
    for cue in record.get("cues", []):
        pattern = cue.replace("{name}", f"(?P<name>{name})").replace("{verb}", verbs)
        try:
            compiled.append(re.compile(pattern.replace("{label}", labels)))
        except re.error as exc:
            raise DataFileError(f"{where}: [bare_names] cue {cue!r}: {exc}") from None
    endings = tuple(ending.lower() for ending in record.get("not_name_endings", []))
    return BareNameCues(tuple(compiled), frozenset(record.get("not_names", [])), endings)


@dataclass(frozen=True)
class PersonNames:
    """Finds people by given name, by surname in a cue, and by the surnames of the article's people."""

    given: frozenset[str]
    bare: BareNameCues = BareNameCues()

    def extend(self, text: str, drafts: list[Draft], sentences: SentenceIndex) -> list[Draft]:
        """Return ``drafts`` with the article's further person mentions added, in text order."""
        found = drafts + self._named(text, drafts, sentences)
        found += self._bare(text, found, sentences)
        found += self._by_surname(text, found, sentences)
        return sorted(found, key=lambda d: (d.start, -d.end))

    def _bare(self, text: str, drafts: list[Draft], sentences: SentenceIndex) -> list[Draft]:
        """Surnames alone in the places the language's news keeps for people."""
        if not self.bare.cues:
            return []
        taken = _Spans(drafts)
        people: list[Draft] = []
        for span in sentences.spans():
            for start, end in self.bare.names(text[span.start : span.end]):
                start, end = start + span.start, end + span.start
                if taken.overlaps(start, end):
                    continue
                name = text[start:end]
                people.append(Draft(start, end, span.index, "person", name=name, person=name))
                taken.add(start, end)
        return people

    def _named(self, text: str, drafts: list[Draft], sentences: SentenceIndex) -> list[Draft]:
        """People named by a given name and a surname that no other mention covers."""
        taken = _Spans(drafts)
        people: list[Draft] = []
        words = list(_NAME_WORD.finditer(text))
        for i, word in enumerate(words):
            if word.group() not in self.given or taken.overlaps(word.start(), word.end()):
                continue
            last = _surname_end(text, words, i)
            if last == i or taken.overlaps(word.start(), words[last].end()):
                continue
            start, end = word.start(), words[last].end()
            name = text[start:end]
            people.append(Draft(start, end, sentences.at(start).index, "person", name=name, person=name))
            taken.add(start, end)
        return people

    @staticmethod
    def _by_surname(text: str, drafts: list[Draft], sentences: SentenceIndex) -> list[Draft]:
        """Later and earlier mentions of the article's people by surname alone (or its genitive)."""
        people = {
            _surname(d.person): d
            for d in drafts
            if d.person and len(_surname(d.person)) >= _MIN_SURNAME_LENGTH
        }
        if not people:
            return []
        taken = _Spans(drafts)
        found: list[Draft] = []
        for match in _NAME_WORD.finditer(text):
            word = match.group()
            person = people.get(word) or (people.get(word[:-1]) if word.endswith("s") else None)
            start, end = match.start(), match.end()
            if person is None or taken.overlaps(start, end):
                continue
            if abs(sentences.at(start).index - person.sentence) > SURNAME_REACH:
                continue
            found.append(
                Draft(
                    start,
                    end,
                    sentences.at(start).index,
                    "person",
                    country=person.country,
                    org=person.org,
                    sector=person.sector,
                    name=person.name or person.person or "",
                    person=person.person,
                )
            )
            taken.add(start, end)
        return found


def _surname(person: str | None) -> str:
    return (person or "").split()[-1] if person else ""


def _surname_end(text: str, words: list[re.Match[str]], given: int) -> int:
    """Index of the last word of the surname after a given name (``given`` itself if none)."""
    last = given
    for j in range(given + 1, min(given + 1 + _MAX_SURNAME_WORDS, len(words))):
        if text[words[j - 1].end() : words[j].start()] != " ":
            break
        last = j
    return last


class _Spans:
    """Character spans already covered by a mention, sorted, so a look-up is a binary search."""

    def __init__(self, drafts: Sequence[Draft]) -> None:
        self.spans = sorted((d.start, d.end) for d in drafts)
        self.longest = max((end - start for start, end in self.spans), default=0)

    def overlaps(self, start: int, end: int) -> bool:
        # A span overlapping [start, end) starts before ``end`` and, being at most ``longest``
        # long, after ``start - longest``: only those few are looked at.
        low = bisect_left(self.spans, (start - self.longest,))
        high = bisect_left(self.spans, (end,))
        return any(self.spans[i][1] > start for i in range(low, high))

    def add(self, start: int, end: int) -> None:
        insort(self.spans, (start, end))
        self.longest = max(self.longest, end - start)


def load_person_names(extra: Sequence[Path] = (), language: str | None = None) -> PersonNames:
    """Read data/given_names.tsv, any user files of given names (one name a line, # comments) and,
    for ``language``, the ``[bare_names]`` cues of lang/<code>/actors.toml."""
    names: set[str] = set()
    for path in (package_path("data", "given_names.tsv"), *extra):
        with path.open(encoding="utf-8") as handle:
            names.update(line.strip() for line in handle if line.strip() and not line.startswith("#"))
    if language is None:
        return PersonNames(frozenset(names))
    grammar = package_path("lang", language, "actors.toml")
    cues = read_bare_name_cues(load_toml(grammar).get("bare_names", {}), str(grammar))
    return PersonNames(frozenset(names), cues)
