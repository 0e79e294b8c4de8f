"""Train the learned parts of the German clause analysis on the development treebank.

Reads ``../shared/eval/ud/de_gsd-ud-dev.conllu`` (UD German GSD, CC BY-SA 4.0), trains the tag
model and the head and relation models (``lagebild/syntax/training.py``) and writes the model
file that ``lang/de/syntax.toml`` names (``[learned] model``). With ``--cv`` it first prints
the 10-fold cross-validated scores on the same file (the grammar alone, with learned tags, and
with learned tags, heads and relations). The held-out ``*-test.conllu`` file is never read here.

    python benchmarks/parse_train.py [--cv] [--epochs 12] [--out PATH]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from lagebild.syntax.conllu import read_conllu  # noqa: E402
from lagebild.syntax.learned import Featuriser, save_model  # noqa: E402
from lagebild.syntax.rules import grammar_rules, load_syntax_data  # noqa: E402
from lagebild.syntax.tagged import TaggingAnalyser  # noqa: E402
from lagebild.syntax.training import Corpus, cross_validate, train_all  # noqa: E402

UD = REPO.parent / "shared" / "eval" / "ud"
TRAINING_FILE = UD / "de_gsd-ud-dev.conllu"


def main() -> None:
    """Parse arguments, cross-validate if asked, train and write the model file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true", help="print 10-fold cross-validated scores first")
    parser.add_argument("--epochs", type=int, default=12, help="passes of the head and relation models")
    parser.add_argument("--folds", type=int, default=10)
    parser.add_argument("--out", type=Path, help="model file (default: the one syntax.toml names)")
    args = parser.parse_args()
    if not TRAINING_FILE.exists():
        sys.exit(f"file not found: {TRAINING_FILE}")
    _, data, path = load_syntax_data("de")
    rules = grammar_rules(data, path)
    if rules.learned is None and args.out is None:
        sys.exit(f"{path} names no [learned] model; pass --out")
    analyser = TaggingAnalyser("de", rules, learned=False)
    featuriser = Featuriser(analyser.grammar)
    text = TRAINING_FILE.read_text(encoding="utf-8")
    corpus = Corpus.read(list(read_conllu(text.splitlines())), analyser)
    started = time.process_time()
    if args.cv:
        learned = rules.learned
        bonus = (learned.head_bonus, learned.relation_bonus) if learned is not None else ({}, {})
        result = cross_validate(corpus, analyser, featuriser, args.folds, args.epochs, [bonus])
        print(f"{args.folds}-fold cross-validation on {TRAINING_FILE.name} ({len(corpus)} sentences)")
        print(f"tag accuracy of the tag model: {result.tag_accuracy:.4f}")
        for name, scores in (
            ("grammar alone", result.grammar),
            ("grammar on learned tags", result.tagged),
            ("learned tags, grammar, learned heads and relations", result.revised[0][1]),
        ):
            print(f"\n{name}\n{scores.report()}")
    tagger, weights = train_all(corpus, analyser, featuriser, args.folds, args.epochs)
    out = args.out or rules.learned.path  # type: ignore[union-attr]
    about = {
        "trained_on": f"{TRAINING_FILE.name} ({len(corpus)} sentences), UD German GSD",
        "training_file_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "licence": "CC BY-SA 4.0 (derived from UD German GSD)",
    }
    if rules.learned is not None:
        about["attribution"] = rules.learned.attribution
    save_model(out, {**tagger.arrays(), **weights.arrays()}, about)
    print(f"wrote {out} ({out.stat().st_size:,} bytes) in {time.process_time() - started:.0f} CPU s")


if __name__ == "__main__":
    main()
