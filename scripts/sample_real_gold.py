"""Draw the sentences of the real-text event gold from the shared news corpora, reproducibly.

Run from the repository root with the shared material beside it:

    python scripts/sample_real_gold.py --shared ../shared --out build/real_gold

It writes, per language, ``units_LANG.jsonl`` (what coders read: the sentence, up to two
sentences of context before it, the publication date) and ``locators_LANG.jsonl`` (what the
repository keeps: corpus, article key, offsets, split, a digest of the sentence). The draw is
seeded, so the same corpora give the same units. Sentences are drawn at random, events or not:
an article is drawn with a weight by its section (political sections are drawn more often, so
the gold holds enough events to measure; every section can be drawn), then a sentence of it.
The split into a development and a test part goes by article, so no test sentence shares an
article with a development sentence.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from collections.abc import Sequence
from pathlib import Path

from lagebild.evaluation.corpora import CorpusArticle, read_corpus
from lagebild.evaluation.events import sentence_digest
from lagebild.lang import load_text_rules
from lagebild.nlp.sentences import SentenceSplitter

SEED = 20261207
# Units per corpus; each language gets a little more than the minimum so that units a coder
# marks as broken can be dropped.
DRAWS = {"de": {"gnad10k": 380, "germeval2014": 240}, "en": {"guardian": 280, "reuters21578": 140}}
SECTION_WEIGHTS = {"Inland": 3.0, "International": 3.0, "Panorama": 1.5, "Sport": 0.5}
# A second draw, appended after the first, from political sections only: random sentences of
# the whole corpora hold few events (about one sentence in eight in German), too few to measure
# a test part on.
POLITICAL_DRAWS = {"de": {"gnad10k": 300}, "en": {"guardian": 150}}
POLITICAL_SECTIONS = {"gnad10k": {"Inland", "International"}}
MIN_CHARS, MAX_CHARS = 25, 600
CONTEXT_SENTENCES = 2
TEST_SHARE = 0.4


def split_of(corpus: str, key: str) -> str:
    """The part an article belongs to: ``test`` for a stable 40 % of articles, else ``dev``."""
    digest = int(hashlib.sha1(f"{corpus}:{key}".encode()).hexdigest()[:8], 16)
    return "test" if digest % 100 < TEST_SHARE * 100 else "dev"


def _weight(article: CorpusArticle) -> float:
    return SECTION_WEIGHTS.get(article.section or "", 1.0)


def draw_units(
    articles: Sequence[CorpusArticle],
    count: int,
    rng: random.Random,
    language: str,
    taken: set[tuple[str, int]],
) -> list[dict]:
    """Draw ``count`` sentences not ``taken`` yet: an article by section weight, then a sentence of it."""
    splitter = SentenceSplitter(load_text_rules(language))
    weights = [_weight(a) for a in articles]
    units: list[dict] = []
    while len(units) < count:
        article = rng.choices(articles, weights)[0]
        sentences = splitter.split(article.text)
        fitting = [i for i, s in enumerate(sentences) if MIN_CHARS <= s.end - s.start <= MAX_CHARS]
        if not fitting:
            continue
        index = rng.choice(fitting)
        if (article.key, index) in taken:
            continue
        taken.add((article.key, index))
        context_start = sentences[max(0, index - CONTEXT_SENTENCES)].start
        sentence = sentences[index]
        units.append(
            {
                "corpus": article.corpus,
                "article": article.key,
                "context_start": context_start,
                "start": sentence.start,
                "end": sentence.end,
                "date": article.published,
                "split": split_of(article.corpus, article.key),
                "section": article.section,
                "_text": article.text,
            }
        )
    return units


def main(argv: Sequence[str] | None = None) -> None:
    """Draw the units of both languages and write the coders' and the repository's files."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--out", type=Path, default=Path("build/real_gold"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    drawn: dict[str, list[dict]] = {}
    taken: dict[str, set[tuple[str, int]]] = {}
    for language, corpora in DRAWS.items():
        units: list[dict] = []
        for corpus, count in corpora.items():
            articles = list(read_corpus(args.shared, corpus))
            units.extend(draw_units(articles, count, rng, language, taken.setdefault(corpus, set())))
        rng.shuffle(units)
        drawn[language] = units
    for language, corpora in POLITICAL_DRAWS.items():
        for corpus, count in corpora.items():
            sections = POLITICAL_SECTIONS.get(corpus)
            articles = [
                a for a in read_corpus(args.shared, corpus) if sections is None or a.section in sections
            ]
            taken_here = taken.setdefault(corpus, set())
            drawn[language].extend(draw_units(articles, count, rng, language, taken_here))
    for language, units in drawn.items():
        _write(args.out, language, units)


def _write(out: Path, language: str, units: list[dict]) -> None:
    prefix = f"real-{language}"
    with (
        (out / f"units_{language}.jsonl").open("w", encoding="utf-8") as coders,
        (out / f"locators_{language}.jsonl").open("w", encoding="utf-8") as locators,
    ):
        for number, unit in enumerate(units, start=1):
            text = unit.pop("_text")
            unit_id = f"{prefix}-{number:04d}"
            sentence = text[unit["start"] : unit["end"]]
            context = text[unit["context_start"] : unit["start"]].strip()
            coder_line = {"id": unit_id, "date": unit["date"], "context": context, "sentence": sentence}
            coders.write(json.dumps(coder_line, ensure_ascii=False) + "\n")
            locator = {
                "id": unit_id,
                **{k: unit[k] for k in ("corpus", "article", "context_start", "start", "end")},
            }
            locator.update(date=unit["date"], split=unit["split"], digest=sentence_digest(sentence))
            locators.write(json.dumps(locator, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
