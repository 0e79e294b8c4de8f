"""Speed of the clause analysis in words per CPU second, per language.

Analyses the words of a CoNLL-U file (by default the shared UD development files) several times
in one process, after one warm-up pass that loads the models, and prints the median words per
CPU second and the one-off start-up cost. For German two figures: from the words (the
pipeline's morphology included, its per-word cache warm) and on tokens the morphology stage has
already tagged (``analyse_tokens``, as the event coder calls it: learned tags, grammar and
learned revision).

    python benchmarks/parse_speed.py [--runs 3] [--language de] [--file PATH]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from lagebild.model import Sentence, Token  # noqa: E402
from lagebild.syntax import analyse_token_sentences, analyse_tokens, analyser  # noqa: E402
from lagebild.syntax.conllu import Word, input_words, read_conllu  # noqa: E402

UD = REPO.parent / "shared" / "eval" / "ud"
DEFAULT_FILES = {"de": UD / "de_gsd-ud-dev.conllu", "en": UD / "en_ewt-ud-dev.conllu"}


def measure(language: str, path: Path, runs: int) -> tuple[float, float, int]:
    """Return (start-up CPU s, median words per CPU s, words) for one language and file."""
    sentences = [input_words(s) for s in read_conllu(path.read_text(encoding="utf-8").splitlines())]
    words = sum(len(s) for s in sentences)
    started = time.process_time()
    engine = analyser(language)
    engine.analyse([Word(1, "Test")])
    startup = time.process_time() - started
    engine.analyse_many(sentences)  # warm the per-word caches, as a long-running pipeline has them
    speeds = []
    for _ in range(runs):
        started = time.process_time()
        engine.analyse_many(sentences)
        speeds.append(words / (time.process_time() - started))
    return startup, statistics.median(speeds), words


def measure_tagged(language: str, path: Path, runs: int, batch: int) -> float:
    """Median words per CPU second on tokens the morphology stage already tagged: one sentence
    per call (``analyse_tokens``, ``batch`` 1) or ``batch`` sentences per call
    (``analyse_token_sentences``, as for the sentences of one article)."""
    engine = analyser(language)
    morphology = getattr(engine, "morphology", None)
    if morphology is None:
        return 0.0
    sentences = []
    for s in read_conllu(path.read_text(encoding="utf-8").splitlines()):
        tokens, offset = [], 0
        for w in s.words:
            tokens.append(Token(offset, offset + len(w.form), w.form))
            offset += len(w.form) + 1
        sentences.append(morphology.analyse_sentence(Sentence(0, 0, offset, "", tuple(tokens))).tokens)
    words = sum(len(s) for s in sentences)
    speeds = []
    for _ in range(runs):
        started = time.process_time()
        if batch == 1:
            for tokens in sentences:
                analyse_tokens(tokens, language)
        else:
            for first in range(0, len(sentences), batch):
                analyse_token_sentences(sentences[first : first + batch], language)
        speeds.append(words / (time.process_time() - started))
    return statistics.median(speeds)


def main() -> None:
    """Parse arguments, measure and print one line per language."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--language", choices=sorted(DEFAULT_FILES), action="append")
    parser.add_argument("--file", type=Path, help="CoNLL-U file (with one --language)")
    args = parser.parse_args()
    languages = args.language or sorted(DEFAULT_FILES)
    for language in languages:
        path = args.file or DEFAULT_FILES[language]
        if not path.exists():
            sys.exit(f"file not found: {path}")
        startup, speed, words = measure(language, path, args.runs)
        print(
            f"{language}: {speed:,.0f} words per CPU second (median of {args.runs} runs over {words:,} words "
            f"of {path.name}); start-up {startup:.1f} CPU s"
        )
        for batch in (1, 16):
            tagged = measure_tagged(language, path, args.runs, batch)
            if tagged:
                how = "one sentence per call" if batch == 1 else f"{batch} sentences per call"
                print(f"{language}: {tagged:,.0f} words per CPU second on already-tagged tokens ({how})")


if __name__ == "__main__":
    main()
