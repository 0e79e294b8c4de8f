"""Turn a language's time lexicon into compiled regular expressions.

Rule patterns are templates.  A placeholder ``{name}`` is replaced by

- a *table* alternation as a named group (``{month}`` → ``(?P<month__3>Januar|Jänner|...)``);
  ``{table:alias}`` names the group ``alias`` so one rule can use a table twice;
- a *macro* from ``[macros]``, as a non-capturing group (macros may use placeholders too);
- a *built-in* numeric slot (``{year}``, ``{day}``, ``{month_num}``, ``{hour}``, ``{minute}``,
  ``{num}``, ``{yy}``, ``{decade_digits}``, ``{century_num}``, ``{ordinal_num}``).

All rules become one alternation, in file order, so at any start position the first rule that
matches wins: more specific rules must come first.  Table words match as written or with their
first letter upper-cased (sentence starts); everything else in a template is matched exactly as
written.  A separate *trigger* expression finds the words that can take part in a time
expression so the big alternation only runs near them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lagebild.datafiles import DataFileError
from lagebild.time.lexicon import RuleSpec, TimeLexicon

BUILTINS: Mapping[str, str] = {
    "year": r"1[0-9]{3}|20[0-9]{2}",
    "bare_year": r"19[0-9]{2}|20[0-9]{2}",
    "old_year": r"1[0-8][0-9]{2}",
    "yy": r"[0-9]{2}",
    "day": r"0?[1-9]|[12][0-9]|3[01]",
    "month_num": r"0?[1-9]|1[0-2]",
    "hour": r"[01]?[0-9]|2[0-4]",
    "minute": r"[0-5][0-9]",
    "num": r"[0-9]{1,4}(?:[.,][0-9]+)?",
    "decade_digits": r"1[0-9]{2}0|20[0-9]0|[0-9]0",
    "century_num": r"[1-9]|1[0-9]|2[01]",
    "ordinal_num": r"[1-9][0-9]?",
}
"""Language-neutral numeric slots; each is followed by a check that no further digit follows."""

TRIGGER_TABLES = (
    "month",
    "month_abbr",
    "weekday",
    "season",
    "part",
    "unit",
    "unit_plural",
    "deictic",
    "ref_deictic",
    "ref",
    "set",
    "holiday",
    "decade_word",
    "clock_word",
)
"""Tables whose words start (or are part of) every time expression: the scan looks for these."""

SUFFIX_TRIGGER_TABLES = ("unit_adj", "part_suffix")
"""Tables whose words end compounds (einwöchig, Dienstagabend) and so are searched inside words."""

DIGIT_TRIGGER = r"[0-9]{4}(?![0-9])|[0-9]{1,2}(?:[.:/-]|er|s|st|nd|rd|th)"
"""Numbers that can be a time expression by themselves: years, day ordinals, clock times, decades.
Other numbers only count next to a trigger word (drei Jahre, 30 Tage, 5 Uhr)."""

_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)(?::([a-z_][a-z0-9_]*))?\}")


@dataclass(frozen=True)
class CompiledRule:
    """A rule with the group names it uses: (group name in the big regex, short name)."""

    spec: RuleSpec
    group: str
    slots: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Grammar:
    """The compiled expressions of one language."""

    pattern: re.Pattern[str]
    trigger: re.Pattern[str]
    rules: Mapping[str, CompiledRule]


def word_variants(words: Iterable[str]) -> list[str]:
    """Return each word as written and with its first letter upper-cased, longest first."""
    variants = set()
    for word in words:
        variants.add(word)
        variants.add(word[:1].upper() + word[1:])
    return sorted(variants, key=lambda w: (-len(w), w))


def trie_regex(words: Iterable[str]) -> str:
    """Build a regular expression matching exactly ``words``, sharing prefixes (fast to scan).

    Multi-word entries match any run of white space between their words.
    """
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_node_regex(root) or "(?!)"


def _trie_node_regex(node: dict) -> str:  # type: ignore[type-arg]
    branches = []
    for char in sorted(c for c in node if c):
        piece = r"\s+" if char == " " else re.escape(char)
        branches.append(piece + _trie_node_regex(node[char]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def compile_grammar(lexicon: TimeLexicon) -> Grammar:
    """Expand every rule template and compile the rule alternation and the trigger scan."""
    alternations = {
        name: trie_regex(word_variants(entries)) for name, entries in lexicon.tables.items() if entries
    }
    branches = []
    rules: dict[str, CompiledRule] = {}
    for index, spec in enumerate(lexicon.rules):
        group = f"r{index}"
        body, slots = expand_template(spec, index, alternations, lexicon.macros)
        branches.append(f"{first_char_guard(body)}(?P<{group}>{body})")
        rules[group] = CompiledRule(spec=spec, group=group, slots=tuple(slots))
    try:
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(branches) + r")(?!\w)")
    except re.error as exc:
        raise DataFileError(f"time rules of {lexicon.language!r} do not compile: {exc}") from exc
    return Grammar(pattern=pattern, trigger=compile_trigger(lexicon), rules=rules)


def expand_template(
    spec: RuleSpec, index: int, alternations: Mapping[str, str], macros: Mapping[str, str]
) -> tuple[str, list[tuple[str, str]]]:
    """Replace the placeholders of one rule; return the regex and its (group, short name) slots."""
    slots: list[tuple[str, str]] = []

    def replace(match: re.Match[str], depth: int) -> str:
        name, alias = match.group(1), match.group(2)
        short = alias or name
        if name in macros and alias is None:
            if depth > 5:
                raise DataFileError(f"rule {spec.name!r}: macro {name!r} nests too deeply")
            return "(?:" + _PLACEHOLDER.sub(lambda m: replace(m, depth + 1), macros[name]) + ")"
        if name in BUILTINS:
            body = BUILTINS[name] + r")(?![0-9]"
        elif name in alternations:
            body = alternations[name]
        else:
            raise DataFileError(f"rule {spec.name!r}: unknown placeholder {{{name}}} (no such table/macro)")
        group = f"{short}__{index}"
        if any(existing == group for existing, _ in slots):
            raise DataFileError(f"rule {spec.name!r}: {{{short}}} used twice; write {{{name}:other_name}}")
        slots.append((group, short))
        return f"(?P<{group}>{body})"

    body = _PLACEHOLDER.sub(lambda m: replace(m, 0), spec.pattern)
    try:
        re.compile(body)
    except re.error as exc:
        raise DataFileError(f"rule {spec.name!r}: bad pattern: {exc}") from exc
    return body, slots


def compile_trigger(lexicon: TimeLexicon) -> re.Pattern[str]:
    """Compile the scan for trigger words (word starts) and compound endings (inside words)."""
    # A multi-word entry is found by its last word (kurzem in "vor kurzem"): first words are
    # often frequent function words that would wake the rules everywhere.
    starts = {entry.split()[-1] for table in TRIGGER_TABLES for entry in lexicon.tables.get(table, {})}
    starts.update(lexicon.lists.get("trigger_words", ()))
    suffixes = {entry for table in SUFFIX_TRIGGER_TABLES for entry in lexicon.tables.get(table, {})}
    start_regex = trie_regex(word_variants(starts))
    suffix_regex = trie_regex(sorted(suffixes)) if suffixes else "(?!)"
    return re.compile(r"(?<!\w)(?:" + DIGIT_TRIGGER + "|" + start_regex + ")|" + suffix_regex)


def first_char_guard(body: str) -> str:
    """Return a look-ahead for the characters a pattern can start with ("" when unknown).

    The guard lets the regex engine skip a rule with one character test instead of walking
    into its optional prefixes; it never changes what matches.
    """
    chars = first_chars(body)
    if not chars:
        return ""
    return "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])"


def first_chars(pattern: str) -> frozenset[str] | None:
    """The set of characters a match of ``pattern`` can start with, or ``None`` if any/unknown.

    Reads the parse tree of Python's own regex parser; on any surprise it answers ``None``,
    which only costs speed.
    """
    try:
        from re import _constants as sre_constants  # type: ignore[attr-defined]
        from re import _parser as sre_parser  # type: ignore[attr-defined]

        chars, nullable = _FirstChars(sre_constants).of_sequence(sre_parser.parse(pattern).data, False)
    except Exception:  # the parser is internal: treat any change as "unknown"
        return None
    return None if chars is None or nullable else frozenset(chars)


class _FirstChars:
    """FIRST-set computation over ``re._parser`` trees."""

    def __init__(self, constants: Any) -> None:
        self.c = constants

    def of_sequence(self, items: Sequence[Any], ignore_case: bool) -> tuple[set[str] | None, bool]:
        chars: set[str] = set()
        for op, argument in items:
            found, nullable = self.of_item(op, argument, ignore_case)
            if found is None:
                return None, False
            chars |= found
            if not nullable:
                return chars, False
        return chars, True

    def of_item(self, op: Any, argument: Any, ignore_case: bool) -> tuple[set[str] | None, bool]:
        c = self.c
        if op is c.LITERAL:
            return self._literal(argument, ignore_case), False
        if op is c.IN:
            return self._charset(argument, ignore_case), False
        if op is c.BRANCH:
            return self._branch(argument[1], ignore_case)
        if op is c.SUBPATTERN:
            flags = argument[1]
            return self.of_sequence(argument[3], ignore_case or bool(flags & c.SRE_FLAG_IGNORECASE))
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            found, nullable = self.of_sequence(argument[2], ignore_case)
            return found, (nullable or argument[0] == 0) if found is not None else False
        if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            return set(), True
        if op is c.ATOMIC_GROUP:
            return self.of_sequence(argument, ignore_case)
        return None, False

    def _literal(self, code: int, ignore_case: bool) -> set[str]:
        char = chr(code)
        return {char, char.swapcase()} if ignore_case else {char}

    def _charset(self, members: Sequence[Any], ignore_case: bool) -> set[str] | None:
        chars: set[str] = set()
        for op, argument in members:
            if op is self.c.LITERAL:
                chars |= self._literal(argument, ignore_case)
            elif op is self.c.RANGE and argument[1] - argument[0] <= 300:
                for code in range(argument[0], argument[1] + 1):
                    chars |= self._literal(code, ignore_case)
            else:
                return None
        return chars

    def _branch(self, alternatives: Sequence[Any], ignore_case: bool) -> tuple[set[str] | None, bool]:
        chars: set[str] = set()
        any_nullable = False
        for alternative in alternatives:
            found, nullable = self.of_sequence(alternative, ignore_case)
            if found is None:
                return None, False
            chars |= found
            any_nullable = any_nullable or nullable
        return chars, any_nullable
