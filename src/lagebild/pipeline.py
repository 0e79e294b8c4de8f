"""The stages in order, and the processor every front end calls.

Each stage is a named callable ``Doc -> Doc`` that declares what it requires and what it adds.
``Pipeline`` checks the declarations once when it is built and checks each stage's return
value when it runs, so a misbehaving stage fails loudly instead of corrupting records.
"""

from __future__ import annotations

import hashlib
import time
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Protocol

from lagebild import __version__
from lagebild.actors import load_actor_recognizer
from lagebild.datafiles import package_path, user_files
from lagebild.events.coder import EventCoder
from lagebild.events.codes import load_event_codes
from lagebild.events.lexicon import load_event_lexicon
from lagebild.io.budget import BudgetedProcess
from lagebild.lang import load_text_rules, supported_languages
from lagebild.model import Article, Doc, Event, Mention, ReadProblem
from lagebild.nlp.datelines import dateline_spans, outside_datelines
from lagebild.nlp.langid import LanguageIdentifier
from lagebild.nlp.morphology import Morphology
from lagebild.nlp.sentences import SentenceSplitter
from lagebild.nlp.tokens import tokenize
from lagebild.places import load_gazetteer
from lagebild.settings import Settings
from lagebild.time import load_time_tagger


class Stage(Protocol):
    """A pipeline component: a named callable from document to document."""

    @property
    def name(self) -> str: ...

    @property
    def requires(self) -> frozenset[str]: ...

    @property
    def assigns(self) -> frozenset[str]: ...

    def __call__(self, doc: Doc) -> Doc: ...


class PipelineError(RuntimeError):
    """A stage is missing what it requires, or returned something other than a document."""


@dataclass(frozen=True)
class FunctionStage:
    """A stage made from a plain function and its declarations."""

    name: str
    requires: frozenset[str]
    assigns: frozenset[str]
    function: Callable[[Doc], Doc]

    def __call__(self, doc: Doc) -> Doc:
        return self.function(doc)


def stage(
    name: str, requires: Iterable[str], assigns: Iterable[str], function: Callable[[Doc], Doc]
) -> FunctionStage:
    """Declare a stage from a function."""
    return FunctionStage(name, frozenset(requires), frozenset(assigns), function)


@dataclass(frozen=True)
class Pipeline:
    """An ordered list of stages whose requirements are checked when the pipeline is built."""

    stages: tuple[Stage, ...]

    def __post_init__(self) -> None:
        available: set[str] = {"text", "published", "language"}
        for component in self.stages:
            missing = component.requires - available
            if missing:
                raise PipelineError(
                    f"stage {component.name!r} requires {sorted(missing)}, which no earlier stage assigns"
                )
            available |= component.assigns

    def __call__(self, doc: Doc) -> Doc:
        for component in self.stages:
            result = component(doc)
            if not isinstance(result, Doc):
                raise PipelineError(f"stage {component.name!r} returned {type(result).__name__}, not a Doc")
            doc = result
        return doc


def build_pipeline(language: str, settings: Settings) -> Pipeline:
    """Assemble the stages for one language from its data."""
    rules = load_text_rules(language)
    splitter = SentenceSplitter(rules)
    time_tagger = load_time_tagger(language)
    actors = load_actor_recognizer(language, settings.user_data)
    places = load_gazetteer(language, settings.user_data)
    triggers = [p for p in user_files(settings.user_data, "events", language) if p.suffix == ".toml"]
    lexicon = load_event_lexicon(language, triggers)
    coder = EventCoder(lexicon, load_event_codes(), time_tagger=time_tagger)
    morphology = Morphology(rules, lexicon.verb_lemmas())

    def split(doc: Doc) -> Doc:
        return replace(doc, sentences=splitter.split(doc.article.text))

    def times(doc: Doc) -> Doc:
        starts = [s.start for s in doc.sentences]
        found = time_tagger.tag(doc.article.text, doc.article.published, starts)
        mentions = [
            Mention("time", t.start, t.end, t.text, _sentence_at(doc, t.start), time=t) for t in found
        ]
        return _add_mentions(doc, mentions)

    def find_actors(doc: Doc) -> Doc:
        text = doc.article.text
        found = actors.find(text, doc.sentences, doc.article.published)
        datelines = tuple(dateline_spans(text, doc.sentences, rules.context.dateline))
        return _add_mentions(replace(doc, datelines=datelines), outside_datelines(found, datelines))

    def find_places(doc: Doc) -> Doc:
        countries = _salient_countries(doc)
        found = places.find(doc.article.text, doc.sentences, countries)
        return _add_mentions(_without_actors_inside(doc, found), found)

    def analyse(doc: Doc) -> Doc:
        # Only sentences that name an actor can hold an event, so only they are tokenised and
        # analysed; on news text that is about a third of all sentences.
        with_actors = {m.sentence for m in doc.mentions if m.kind == "actor"}
        text = doc.article.text
        sentences = tuple(
            morphology.analyse_sentence(replace(s, tokens=tokenize(text, s.start, s.end)))
            if s.index in with_actors
            else s
            for s in doc.sentences
        )
        return replace(doc, sentences=sentences)

    def code(doc: Doc) -> Doc:
        return replace(doc, events=coder.code(doc))

    return Pipeline(
        (
            stage("sentences", [], ["sentences"], split),
            stage("times", ["sentences"], ["times"], times),
            stage("actors", ["sentences"], ["actors"], find_actors),
            stage("places", ["sentences", "actors"], ["places"], find_places),
            stage("morphology", ["sentences", "actors"], ["tokens", "lemmas"], analyse),
            stage("events", ["lemmas", "actors", "places", "times"], ["events"], code),
        )
    )


def _sentence_at(doc: Doc, offset: int) -> int:
    """Index of the sentence holding a character offset (the last sentence for an offset in none).

    Sentences are in text order and do not overlap, so a binary search over their starts finds
    it: one look-up per time mention costs O(log n), not a scan of every sentence.
    """
    position = bisect_right(doc.sentences, offset, key=lambda sentence: sentence.start) - 1
    if position >= 0 and offset < doc.sentences[position].end:
        return doc.sentences[position].index
    return doc.sentences[-1].index if doc.sentences else 0


def _add_mentions(doc: Doc, mentions: Iterable[Mention]) -> Doc:
    return replace(doc, mentions=doc.mentions + tuple(mentions))


def _without_actors_inside(doc: Doc, places: Sequence[Mention]) -> Doc:
    """Drop actor mentions that lie inside a longer name of a place of another country or of
    none: "America" in "Latin America" or "North America", "Ireland" in "Northern Ireland" name no
    state acting ("Syria" in "northern Syria" still does)."""
    spans = [(p.start, p.end, p.place.country if p.place else None) for p in places]
    if not spans:
        return doc

    def inside_place(mention: Mention) -> bool:
        if mention.kind != "actor" or mention.actor is None:
            return False
        length = mention.end - mention.start
        return any(
            start <= mention.start and mention.end <= end and end - start > length
            and country != mention.actor.country
            for start, end, country in spans
        )

    return replace(doc, mentions=tuple(m for m in doc.mentions if not inside_place(m)))


def _salient_countries(doc: Doc) -> list[str]:
    """Countries the article is about, most mentioned first: they decide ambiguous place names."""
    counts: dict[str, int] = {}
    for mention in doc.mentions_of("actor"):
        if mention.actor and mention.actor.country:
            counts[mention.actor.country] = counts.get(mention.actor.country, 0) + 1
    return sorted(counts, key=lambda c: -counts[c])


@dataclass
class Processor:
    """Turns articles into coded documents: language identification, then that language's pipeline.

    Pipelines are built on first use per language and kept, so a batch pays their start-up once.
    """

    settings: Settings = field(default_factory=Settings)
    identifier: LanguageIdentifier = field(default_factory=LanguageIdentifier.from_data)
    _pipelines: dict[str, Pipeline] = field(default_factory=dict)

    @cached_property
    def coder_version(self) -> str:
        """What codes the articles: lagebild's version plus a digest of the language data in use
        (``0.1.0+3f9a1c2b7d4e``), computed once. Stored with every article and event, so that
        ``lagebild recode`` can find what an older coder or other data coded."""
        return f"{__version__}+{data_digest(self.settings.user_data)}"

    def process(self, article: Article, identified: str | None = None) -> Doc:
        """Return the document with its analysis and events; unsupported languages get a warning.

        ``identified`` is the language already identified for an article that names none, so
        that it is not identified twice.
        """
        language = article.language or identified or self.identifier.identify(article.text)
        version = self.coder_version
        if language not in supported_languages():
            reason = f"language {language or 'unknown'!r} is not supported; no events coded"
            return Doc(article=article, language=language or "und", warnings=(reason,), coder_version=version)
        pipeline = self._pipelines.get(language)
        if pipeline is None:
            pipeline = self._pipelines[language] = build_pipeline(language, self.settings)
        return pipeline(Doc(article=article, language=language, coder_version=version))

    def events(self, article: Article) -> list[Event]:
        """Return only the events of an article."""
        return list(self.process(article).events)


# Files of the package's data folders that are code, not data: the package version covers them.
_CODE_SUFFIXES = frozenset({".py", ".pyc"})
# What ``--data`` files the pipeline reads (``datafiles.user_files``).
_USER_DATA_SUFFIXES = frozenset({".toml", ".tsv"})


def data_digest(user_data: Iterable[Path] = ()) -> str:
    """A digest (12 hex digits) of the language data a pipeline reads: every data file of the
    package's ``lang/`` and ``data/`` folders and the ``--data`` files, by name and content.

    Names are taken relative to their folder, so the same data installed elsewhere gives the
    same digest; the order of the ``--data`` paths counts, as later files override earlier ones.
    """
    digest = hashlib.sha256()
    for folder in ("lang", "data"):
        root = package_path(folder)
        for path in _files_under(root, lambda p: p.suffix not in _CODE_SUFFIXES):
            _add_file(digest, f"{folder}/{path.relative_to(root).as_posix()}", path)
    for index, given in enumerate(user_data):
        if given.is_dir():
            for path in _files_under(given, lambda p: p.suffix in _USER_DATA_SUFFIXES):
                _add_file(digest, f"data{index}/{path.relative_to(given).as_posix()}", path)
        elif given.is_file():
            _add_file(digest, f"data{index}/{given.name}", given)
    return digest.hexdigest()[:12]


def _files_under(root: Path, wanted: Callable[[Path], bool]) -> list[Path]:
    """The files below ``root`` that ``wanted`` accepts, in a fixed order (caches left out)."""
    return sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts and wanted(p))


def _add_file(digest: hashlib._Hash, name: str, path: Path) -> None:
    """Feed one file's name and content to the digest, each framed by its length."""
    content = path.read_bytes()
    for part in (name.encode("utf-8"), content):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)


@dataclass
class BatchStats:
    """What a batch run did: documents read and skipped, events found, time taken."""

    read: int = 0
    skipped: list[ReadProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    events: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def seconds(self) -> float:
        """Wall-clock seconds since the batch started."""
        return time.monotonic() - self.started


def process_stream(
    processor: Processor, items: Iterable[Article | ReadProblem], stats: BatchStats
) -> Iterator[Doc]:
    """Process readers' output, recording problems; a failing document never stops the batch."""
    for item in items:
        if isinstance(item, ReadProblem):
            (stats.skipped.append(item) if item.fatal else stats.warnings.append(str(item)))
            continue
        stats.read += 1
        try:
            doc = processor.process(item)
        except Exception as exc:  # a bug on one document must not lose the rest of the batch
            stats.skipped.append(ReadProblem(item.source_path or item.id, f"processing failed: {exc!r}"))
            continue
        stats.warnings.extend(f"{item.id}: {w}" for w in doc.warnings)
        stats.events += len(doc.events)
        yield doc


WARM_UP_TEXTS = {
    "de": "Die Nato verlangte am Montag in Brüssel von Moskau einen Bericht über den Angriff.",
    "en": "NATO asked Moscow on Monday in Brussels for a report on the attack.",
}
"""A short article per language that loads everything its pipeline loads on first use."""


class WarmProcessor:
    """The lagebild pipeline, with each language's pipeline built before its first document."""

    def __init__(self, processor: Processor) -> None:
        self.processor = processor
        self._warm: set[str] = set()
        self._supported: tuple[str, ...] | None = None
        # The article last prepared and the language identified for it, handed on to processing.
        self._identified: tuple[Article, str | None] | None = None

    def prepare(self, article: Article) -> None:
        """Build (and exercise once) the pipeline of the article's language, if not done yet."""
        if self._supported is None:
            self._supported = supported_languages()
        language = article.language or self.processor.identifier.identify(article.text)
        self._identified = (article, language)
        if language is None or language in self._warm or language not in self._supported:
            return
        text = WARM_UP_TEXTS.get(language, "NATO.")
        self.processor.process(Article(id="warm-up", text=text, language=language))
        self._warm.add(language)

    def __call__(self, article: Article) -> Doc:
        """Process one article (pipeline built on demand if ``prepare`` was not called)."""
        prepared, self._identified = self._identified, None
        identified = prepared[1] if prepared is not None and prepared[0] is article else None
        return self.processor.process(article, identified)


def budgeted_pipeline(processor: Processor, per_unit: float) -> BudgetedProcess:
    """The lagebild pipeline under the time budget, with pipelines built off the clock."""
    warm = WarmProcessor(processor)
    return BudgetedProcess(warm, per_unit, prepare=warm.prepare if per_unit > 0 else None)
