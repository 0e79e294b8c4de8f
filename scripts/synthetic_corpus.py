"""A large synthetic news corpus for scale benchmarks, recombined from real sentences.

FOR BENCHMARKS ONLY. The articles are not real: each one is a random draw of sentences from the
real articles of one shared corpus (``../shared/corpora``), so its vocabulary, sentence lengths
and share of political language are those of real news, but its sentences do not belong
together and its date is made up. Never use it as gold or as a corpus to measure quality on.

Every article is marked synthetic four ways: its id starts with ``synthetic-``, its outlet is
``synthetic-<corpus>``, its title starts with ``[synthetic]`` and the line carries
``"synthetic": true`` (a key the JSON Lines reader passes over).

Sources: German from ``gnad10k_test.csv`` (whole articles) and
``germeval2014_news_sentences.jsonl`` (single sentences, detokenised); English from
``guardian_sample.csv`` and ``reuters21578/``. An article takes the sentence count of a random
real article of its corpus (GermEval has no articles: it borrows the counts of the German news
articles), opens with the first sentence of a random real article and continues with random
other sentences of the same corpus. Publication dates are spread evenly over the days of a
period of years, so date filters and timelines see a realistic spread.

The output is the JSON Lines input of ``lagebild ingest`` (docs/INPUT_FORMATS.md), written one
line at a time: memory stays flat however many articles are asked for. The same seed gives
the same corpus.

    python scripts/synthetic_corpus.py --articles 100000 --out /data/synthetic-100k.jsonl
    python scripts/synthetic_corpus.py --articles 1000 --seed 7 --german-share 1.0 > small.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from lagebild.evaluation.corpora import CorpusArticle, read_corpus
from lagebild.lang import load_text_rules
from lagebild.nlp.sentences import SentenceSplitter

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = REPO.parent / "shared"
SYNTHETIC_PREFIX = "synthetic-"
TITLE_MARK = "[synthetic]"
# Corpora of each language and how often an article of that language is drawn from each.
CORPUS_WEIGHTS = {
    "de": {"gnad10k": 3.0, "germeval2014": 1.0},
    "en": {"guardian": 1.0, "reuters21578": 1.0},
}
# Corpora that hold loose sentences, not articles: their articles take this corpus's lengths.
LENGTHS_FROM = {"germeval2014": "gnad10k"}
MIN_SENTENCE_CHARS, MAX_SENTENCE_CHARS = 20, 1500
TITLE_WORDS = 8
# GermEval's sentences are tokenised ("Jesu ."); these rules glue punctuation back on.
_SPACE_BEFORE = re.compile(r" ([.,;:!?)\]%])")
_SPACE_AFTER = re.compile(r"([(\[]) ")
_QUOTED = re.compile(r'" ([^"]*?) "')
_LONE_QUOTE = re.compile(r'^" | "$')


@dataclass(frozen=True)
class SentencePool:
    """The sentences of one real corpus: article openings, the rest, and article lengths."""

    corpus: str
    language: str
    leads: tuple[str, ...]
    body: tuple[str, ...]
    lengths: tuple[int, ...]


def detokenise(text: str) -> str:
    """Undo the tokeniser's spaces around punctuation and quotes ("Jesu ." → "Jesu.")."""
    text = _LONE_QUOTE.sub('"', _QUOTED.sub(r'"\1"', text))
    return _SPACE_AFTER.sub(r"\1", _SPACE_BEFORE.sub(r"\1", text))


def usable(sentence: str) -> bool:
    """Whether a sentence is worth reusing: not a fragment (too short, or starting in lower case)
    and not a run-on table."""
    fits = MIN_SENTENCE_CHARS <= len(sentence) <= MAX_SENTENCE_CHARS
    return fits and not sentence[0].islower()


def article_sentences(article: CorpusArticle, splitter: SentenceSplitter) -> list[str]:
    """The usable sentences of one real article, in order."""
    text = article.text if article.corpus != "germeval2014" else detokenise(article.text)
    found = (text[s.start : s.end].strip() for s in splitter.split(text))
    return [s for s in found if usable(s)]


def load_pool(shared: Path, corpus: str, language: str) -> SentencePool:
    """Read one corpus and split its articles into sentences."""
    splitter = SentenceSplitter(load_text_rules(language))
    leads: list[str] = []
    body: list[str] = []
    lengths: list[int] = []
    for article in read_corpus(shared, corpus):
        sentences = article_sentences(article, splitter)
        if not sentences:
            continue
        leads.append(sentences[0])
        body.extend(sentences[1:])
        lengths.append(len(sentences))
    if not leads:
        raise SystemExit(f"no sentences in corpus {corpus} under {shared}")
    # A corpus of loose sentences: every sentence may open or continue an article.
    return SentencePool(corpus, language, tuple(leads), tuple(body or leads), tuple(lengths))


def load_pools(shared: Path) -> dict[str, SentencePool]:
    """Every corpus's pool, with borrowed article lengths where a corpus has no articles."""
    pools = {
        corpus: load_pool(shared, corpus, language)
        for language, weights in CORPUS_WEIGHTS.items()
        for corpus in weights
    }
    for corpus, lender in LENGTHS_FROM.items():
        pool = pools[corpus]
        pools[corpus] = SentencePool(pool.corpus, pool.language, pool.leads, pool.body, pools[lender].lengths)
    return pools


def pick_corpus(rng: random.Random, german_share: float, available: Collection[str]) -> str:
    """The corpus of the next article: a language by its share, then one of its ``available``
    corpora by weight (a language without any gives way to the other)."""
    weights = {
        language: {c: w for c, w in corpora.items() if c in available}
        for language, corpora in CORPUS_WEIGHTS.items()
    }
    language = "de" if rng.random() < german_share else "en"
    chosen = weights[language] or weights["en" if language == "de" else "de"]
    if not chosen:
        raise ValueError(f"no known corpus among {sorted(available)}")
    return rng.choices(list(chosen), list(chosen.values()))[0]


def compose(pool: SentencePool, rng: random.Random) -> list[str]:
    """The sentences of one synthetic article: a real opening, then random sentences of the corpus."""
    count = rng.choice(pool.lengths)
    return [rng.choice(pool.leads), *(rng.choice(pool.body) for _ in range(count - 1))]


def title_of(lead: str) -> str:
    """A title that says the article is synthetic, made of the opening's first words."""
    words = lead.split()
    shown = " ".join(words[:TITLE_WORDS])
    return f"{TITLE_MARK} {shown}{' …' if len(words) > TITLE_WORDS else ''}"


def day_in(first: dt.date, days: int, rng: random.Random) -> dt.date:
    """A random day among ``days`` days starting at ``first``."""
    return first + dt.timedelta(days=rng.randrange(days))


def synthetic_articles(
    pools: dict[str, SentencePool],
    count: int,
    seed: int,
    german_share: float = 0.5,
    since: dt.date = dt.date(2010, 1, 1),
    until: dt.date = dt.date(2024, 12, 31),
) -> Iterator[dict[str, Any]]:
    """Yield ``count`` synthetic articles as JSON Lines records, the same ones for the same seed.

    ``pools`` may hold only some corpora: articles are drawn from those.
    """
    rng = random.Random(seed)
    days = (until - since).days + 1
    if days <= 0:
        raise ValueError(f"the period {since} to {until} is empty")
    width = max(7, len(str(count)))
    for number in range(1, count + 1):
        pool = pools[pick_corpus(rng, german_share, pools.keys())]
        sentences = compose(pool, rng)
        yield {
            "id": f"{SYNTHETIC_PREFIX}{seed}-{number:0{width}d}",
            "text": " ".join(sentences),
            "published": day_in(since, days, rng).isoformat(),
            "title": title_of(sentences[0]),
            "outlet": f"{SYNTHETIC_PREFIX}{pool.corpus}",
            "language": pool.language,
            "synthetic": True,
        }


def write_jsonl(records: Iterator[dict[str, Any]], sink: IO[str]) -> tuple[int, int]:
    """Write records one line each; return (articles, bytes of article text in UTF-8)."""
    articles = size = 0
    for record in records:
        sink.write(json.dumps(record, ensure_ascii=False) + "\n")
        articles += 1
        size += len(record["text"].encode("utf-8"))
    return articles, size


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, required=True, help="how many articles to write")
    parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same corpus")
    parser.add_argument("--out", type=Path, help="JSONL file to write (default: stdout)")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="folder holding corpora/")
    parser.add_argument("--german-share", type=float, default=0.5, help="share of German articles, 0 to 1")
    parser.add_argument("--since", type=dt.date.fromisoformat, default=dt.date(2010, 1, 1))
    parser.add_argument("--until", type=dt.date.fromisoformat, default=dt.date(2024, 12, 31))
    args = parser.parse_args(argv)
    if args.articles < 0 or not 0.0 <= args.german_share <= 1.0:
        parser.error("--articles must not be negative and --german-share must lie between 0 and 1")
    return args


def main(argv: Sequence[str] | None = None) -> None:
    """Write the synthetic corpus and say on stderr how much was written."""
    args = parse_args(argv)
    if not (args.shared / "corpora").is_dir():
        sys.exit(f"no corpora under {args.shared}")
    pools = load_pools(args.shared)
    records = synthetic_articles(pools, args.articles, args.seed, args.german_share, args.since, args.until)
    if args.out is None:
        articles, size = write_jsonl(records, sys.stdout)
    else:
        with args.out.open("w", encoding="utf-8") as sink:
            articles, size = write_jsonl(records, sink)
    print(f"{articles} synthetic articles, {size / 1_000_000:.2f} MB of text", file=sys.stderr)


if __name__ == "__main__":
    main()
