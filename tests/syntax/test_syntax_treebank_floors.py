"""Quality floors on the shared UD treebanks (../shared/eval/ud/): a change that lowers a score
below its floor fails. Floors only go up.

The ``*-dev`` files are for development; the ``*-test`` files are held out (their errors are
never looked at; see docs/SYNTAX.md). The German learned pass is trained on the dev file, so its
dev floors pin the fit to the training data; the test floors are the honest ones (the
cross-validated dev figure is printed by ``benchmarks/parse_train.py --cv``). German is scored
on whole files; English on the first
600 sentences of each file, which keeps the test fast (the spaCy pipeline parses about 4,000
words per CPU second); ``benchmarks/parse_scores.py`` prints the whole-file figures.
Skips without ../shared, fails under CI=true.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebild.syntax import analyser
from lagebild.syntax.conllu import input_words, read_conllu
from lagebild.syntax.evaluate import Scores
from support import SHARED, require

UD = SHARED / "eval" / "ud"
ENGLISH_SENTENCES = 600

# file, language, sentences (None: all), floors for UAS, LAS, core-argument F1
FLOORS = [
    ("de_gsd-ud-dev.conllu", "de", None, 0.95, 0.94, 0.93),
    ("de_gsd-ud-test.conllu", "de", None, 0.78, 0.72, 0.66),
    ("en_ewt-ud-dev.conllu", "en", ENGLISH_SENTENCES, 0.83, 0.78, 0.80),
    ("en_ewt-ud-test.conllu", "en", ENGLISH_SENTENCES, 0.83, 0.77, 0.82),
]


def _scores(path: Path, language: str, limit: int | None) -> Scores:
    sentences = list(read_conllu(path.read_text(encoding="utf-8").splitlines()))[:limit]
    scores = Scores()
    analysed = analyser(language).analyse_many([input_words(s) for s in sentences])
    for sentence, words in zip(sentences, analysed, strict=True):
        scores.add(sentence.words, words)
    return scores


@pytest.mark.parametrize(
    ("name", "language", "limit", "uas", "las", "core"), FLOORS, ids=[f[0] for f in FLOORS]
)
def test_treebank_floor(
    name: str, language: str, limit: int | None, uas: float, las: float, core: float
) -> None:
    path = UD / name
    require(path.is_file(), f"treebank {path}")
    scores = _scores(path, language, limit)
    assert scores.uas >= uas, scores.report()
    assert scores.las >= las, scores.report()
    assert scores.core_f1 >= core, scores.report()
