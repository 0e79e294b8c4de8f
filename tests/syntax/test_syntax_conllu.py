"""CoNLL-U reading and writing: IDs, forms, MISC, comments and multiword lines survive."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebild.syntax.commands import parse_command
from lagebild.syntax.conllu import input_words, read_conllu, write_conllu

# A hand-made sentence with a multiword token ("im" = "in dem"), an empty node and gold columns
# that the analysis must not read.
SAMPLE = """# sent_id = s1
# text = Im Mai kam er.
1-2\tIm\t_\t_\t_\t_\t_\t_\t_\t_
1\tIn\tin\tADP\tAPPR\t_\t3\tcase\t_\t_
2\tdem\tder\tDET\tART\tCase=Dat\t3\tdet\t_\t_
3\tMai\tMai\tPROPN\tNN\t_\t4\tobl\t_\t_
4\tkam\tkommen\tVERB\tVVFIN\t_\t0\troot\t_\t_
4.1\tkam\t_\t_\t_\t_\t_\t_\t_\t_
5\ter\ter\tPRON\tPPER\t_\t4\tnsubj\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t$.\t_\t4\tpunct\t_\t_

"""


def _columns(text: str, wanted: tuple[int, ...]) -> list[tuple[str, ...]]:
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return [tuple(row[k] for k in wanted) for row in rows]


def test_reading_keeps_words_comments_and_other_lines() -> None:
    [sentence] = list(read_conllu(SAMPLE.splitlines()))
    assert sentence.comments == ["# sent_id = s1", "# text = Im Mai kam er."]
    assert sentence.forms == ["In", "dem", "Mai", "kam", "er", "."]
    assert [w.head for w in sentence.words] == [3, 3, 4, 0, 4, 4]
    assert [line.columns[0] for line in sentence.others] == ["1-2", "4.1"]


def test_input_words_carry_only_id_form_and_misc() -> None:
    [sentence] = list(read_conllu(SAMPLE.splitlines()))
    words = input_words(sentence)
    assert [(w.id, w.form, w.misc) for w in words][4] == (5, "er", "SpaceAfter=No")
    assert all(w.upos == "_" and w.head == 0 and w.deprel == "_" for w in words)
    assert not words[4].space_after and words[3].space_after


def test_writing_round_trip_keeps_ids_forms_misc_and_line_order() -> None:
    [sentence] = list(read_conllu(SAMPLE.splitlines()))
    written = write_conllu(sentence, sentence.words)
    assert _columns(written, (0, 1, 9)) == _columns(SAMPLE, (0, 1, 9))
    assert _columns(written, (6, 7)) == _columns(SAMPLE, (6, 7))
    assert written.startswith("# sent_id = s1\n# text = Im Mai kam er.\n")
    assert written.endswith("\n\n")


@pytest.mark.parametrize("language", ["de", "en"])
def test_parse_command_keeps_ids_forms_and_multiword_lines(tmp_path: Path, language: str) -> None:
    source = tmp_path / "in.conllu"
    source.write_text(SAMPLE, encoding="utf-8")
    output = parse_command(source, language, text_mode=False)
    assert _columns(output, (0, 1, 9)) == _columns(SAMPLE, (0, 1, 9))
    [sentence] = list(read_conllu(output.splitlines()))
    assert sum(w.head == 0 for w in sentence.words) == 1
    assert all(w.deprel != "_" and w.upos != "_" for w in sentence.words)


def test_parse_command_ignores_the_gold_columns(tmp_path: Path) -> None:
    blank = "\n".join(
        "\t".join([*row[:2], *["_"] * 7, row[9]]) if row[0][:1].isdigit() else "\t".join(row)
        for row in (line.split("\t") for line in SAMPLE.splitlines())
    )
    with_gold, without = tmp_path / "gold.conllu", tmp_path / "blank.conllu"
    with_gold.write_text(SAMPLE, encoding="utf-8")
    without.write_text(blank + "\n", encoding="utf-8")
    assert parse_command(with_gold, "de") == parse_command(without, "de")


def test_text_mode_splits_sentences_and_marks_spaces(tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text("Die Nato verlangt einen Bericht. Moskau lehnt ab.\n", encoding="utf-8")
    output = parse_command(source, "de", text_mode=True)
    sentences = list(read_conllu(output.splitlines()))
    assert [s.forms for s in sentences] == [
        ["Die", "Nato", "verlangt", "einen", "Bericht", "."],
        ["Moskau", "lehnt", "ab", "."],
    ]
    assert sentences[0].words[4].misc == "SpaceAfter=No"
    assert sentences[0].comments == ["# sent_id = 1", "# text = Die Nato verlangt einen Bericht."]
