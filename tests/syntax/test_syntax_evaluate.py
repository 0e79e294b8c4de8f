"""The evaluation measures on a tiny hand-made treebank whose scores are worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebild.syntax.conllu import Word
from lagebild.syntax.evaluate import Scores, universal


def _words(rows: list[tuple[str, int, str]]) -> list[Word]:
    return [Word(k + 1, form, head=head, deprel=rel) for k, (form, head, rel) in enumerate(rows)]


# "Die Nato verlangt von Moskau einen Bericht ." by hand.
GOLD = _words(
    [
        ("Die", 2, "det"),
        ("Nato", 3, "nsubj"),
        ("verlangt", 0, "root"),
        ("von", 5, "case"),
        ("Moskau", 3, "obl:arg"),
        ("einen", 7, "det"),
        ("Bericht", 3, "obj"),
        (".", 3, "punct"),
    ]
)
# A wrong analysis: the oblique on the object (nmod), the object as subject, the full stop wrong.
PREDICTED = _words(
    [
        ("Die", 2, "det"),
        ("Nato", 3, "nsubj"),
        ("verlangt", 0, "root"),
        ("von", 5, "case"),
        ("Moskau", 7, "nmod"),
        ("einen", 7, "det"),
        ("Bericht", 3, "nsubj"),
        (".", 2, "dep"),
    ]
)


def test_relations_lose_their_subtype() -> None:
    assert universal("nsubj:pass") == "nsubj"
    assert universal("obl") == "obl"


def test_attachment_scores_exclude_punctuation() -> None:
    scores = Scores()
    scores.add(GOLD, PREDICTED)
    assert scores.words == 7
    assert scores.uas == pytest.approx(6 / 7)  # only Moskau has the wrong head
    assert scores.las == pytest.approx(5 / 7)  # and Bericht the wrong relation


def test_core_argument_f1_counts_arcs_overall_and_per_relation() -> None:
    scores = Scores()
    scores.add(GOLD, PREDICTED)
    # gold core arcs: nsubj(Nato), obl(Moskau), obj(Bericht); predicted: nsubj(Nato), nsubj(Bericht)
    assert scores.prf() == pytest.approx((1 / 2, 1 / 3, 0.4))
    assert scores.prf(["nsubj"]) == pytest.approx((1 / 2, 1.0, 2 / 3))
    assert scores.prf(["obj"]) == (0.0, 0.0, 0.0)
    assert scores.core_f1 == pytest.approx(0.4)


def test_a_perfect_analysis_scores_one_and_the_report_names_every_relation() -> None:
    scores = Scores()
    scores.add(GOLD, GOLD)
    assert (scores.uas, scores.las, scores.core_f1) == (1.0, 1.0, 1.0)
    report = scores.report()
    for relation in ("nsubj", "obj", "iobj", "obl", "ccomp", "xcomp", "csubj", "core", "UAS", "LAS"):
        assert relation in report


def test_different_words_are_refused() -> None:
    with pytest.raises(ValueError, match="different words"):
        Scores().add(GOLD, PREDICTED[:-1])


def test_eval_parse_command_reports_on_a_file(tmp_path: Path) -> None:
    from lagebild.syntax.commands import eval_parse_command

    rows = "\n".join(f"{w.id}\t{w.form}\t_\t_\t_\t_\t{w.head}\t{w.deprel}\t_\t_" for w in GOLD)
    gold = tmp_path / "gold.conllu"
    gold.write_text("# sent_id = 1\n" + rows + "\n\n", encoding="utf-8")
    report = eval_parse_command(gold, "de")
    assert "UAS 1.0000" in report and "LAS 1.0000" in report
    assert report.splitlines()[-1].split()[-1] == "1.0000"
