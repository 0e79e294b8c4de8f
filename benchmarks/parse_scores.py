"""Scores of the clause analysis on the shared UD treebanks: UAS, LAS, core-argument F1.

Runs ``lagebild eval parse`` (``eval_parse_command``) on the four files in
../shared/eval/ud/ and prints the reports. The ``*-dev`` files are for development; the
``*-test`` files are held out: their figures are reported, their errors never looked at.

    python benchmarks/parse_scores.py [--only dev|test]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from lagebild.syntax.commands import eval_parse_command  # noqa: E402

UD = REPO.parent / "shared" / "eval" / "ud"
FILES = [
    ("de", "de_gsd-ud-dev.conllu"),
    ("de", "de_gsd-ud-test.conllu"),
    ("en", "en_ewt-ud-dev.conllu"),
    ("en", "en_ewt-ud-test.conllu"),
]


def main() -> None:
    """Print the evaluation report of each treebank file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["dev", "test"])
    args = parser.parse_args()
    for language, name in FILES:
        if args.only and f"-{args.only}." not in name:
            continue
        path = UD / name
        if not path.exists():
            sys.exit(f"file not found: {path}")
        print(eval_parse_command(path, language))


if __name__ == "__main__":
    main()
