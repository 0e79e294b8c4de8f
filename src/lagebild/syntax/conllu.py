"""Reading and writing CoNLL-U, keeping what the analysis must not change.

A sentence keeps its comment lines, its multiword-token lines (``3-4  im``) and empty nodes
(``8.1``) exactly as read; of each word only ID, FORM and MISC are taken from the input, the
other columns are filled by the analysis. Gold columns are kept on the side for evaluation.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

EMPTY = "_"


@dataclass(frozen=True)
class Word:
    """One syntactic word: its position (1-based), form and analysis."""

    id: int
    form: str
    lemma: str = EMPTY
    upos: str = EMPTY
    xpos: str = EMPTY
    feats: str = EMPTY
    head: int = 0
    deprel: str = EMPTY
    misc: str = EMPTY

    @property
    def space_after(self) -> bool:
        """False when MISC says ``SpaceAfter=No``."""
        return "SpaceAfter=No" not in self.misc.split("|")


@dataclass(frozen=True)
class Line:
    """A line that is not a word: a multiword token (``3-4``) or an empty node (``8.1``)."""

    before: int
    columns: tuple[str, ...]


@dataclass
class ConlluSentence:
    """A sentence as read: comments, words, and the other lines with their positions."""

    comments: list[str] = field(default_factory=list)
    words: list[Word] = field(default_factory=list)
    others: list[Line] = field(default_factory=list)

    @property
    def forms(self) -> list[str]:
        """The word forms in order."""
        return [w.form for w in self.words]


def read_conllu(lines: Iterable[str]) -> Iterator[ConlluSentence]:
    """Yield the sentences of CoNLL-U text, with all columns of the words as read."""
    sentence = ConlluSentence()
    for raw in lines:
        line = raw.rstrip("\r\n")
        if not line.strip():
            if sentence.words or sentence.comments:
                yield sentence
            sentence = ConlluSentence()
        elif line.startswith("#"):
            sentence.comments.append(line)
        else:
            _add_line(sentence, line.split("\t"))
    if sentence.words or sentence.comments:
        yield sentence


def _add_line(sentence: ConlluSentence, columns: list[str]) -> None:
    """Add one word line, or keep a multiword or empty-node line in place."""
    if len(columns) != 10:
        raise ValueError(f"a CoNLL-U line needs 10 tab-separated columns, not {len(columns)}: {columns!r}")
    ident = columns[0]
    if not ident.isdigit():
        sentence.others.append(Line(len(sentence.words), tuple(columns)))
        return
    head = int(columns[6]) if columns[6].isdigit() else 0
    lemma, upos, xpos, feats = columns[2:6]
    word = Word(int(ident), columns[1], lemma, upos, xpos, feats, head, columns[7], columns[9])
    sentence.words.append(word)


def input_words(sentence: ConlluSentence) -> list[Word]:
    """The words with only ID, FORM and MISC: what the analysis may see of the input."""
    return [Word(w.id, w.form, misc=w.misc) for w in sentence.words]


def write_conllu(sentence: ConlluSentence, words: list[Word]) -> str:
    """Return one sentence as CoNLL-U: the input's comments and other lines, the analysed words."""
    out = list(sentence.comments)
    others = sorted(sentence.others, key=lambda line: line.before)
    position = 0
    for index, word in enumerate(words):
        while position < len(others) and others[position].before <= index and _is_range(others[position]):
            out.append(_other_line(others[position]))
            position += 1
        out.append(_word_line(word))
        while (
            position < len(others)
            and others[position].before <= index + 1
            and not _is_range(others[position])
        ):
            out.append(_other_line(others[position]))
            position += 1
    out.extend(_other_line(line) for line in others[position:])
    return "\n".join(out) + "\n\n"


def _is_range(line: Line) -> bool:
    return "-" in line.columns[0]


def _other_line(line: Line) -> str:
    """A multiword or empty-node line with only ID, FORM and MISC kept."""
    columns = [line.columns[0], line.columns[1]] + [EMPTY] * 7 + [line.columns[9]]
    return "\t".join(columns)


def _word_line(word: Word) -> str:
    columns = [
        str(word.id),
        word.form,
        word.lemma,
        word.upos,
        word.xpos,
        word.feats,
        str(word.head),
        word.deprel,
    ]
    return "\t".join([*columns, EMPTY, word.misc])
