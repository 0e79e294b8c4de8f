"""Re-coding stored articles with the current pipeline, on both backends: stable ids, new events
after a data change, the coder version recorded, and nothing half-written when a write fails."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lagebild.dates import parse_calendar_date
from lagebild.model import Article, Doc
from lagebild.pipeline import Processor, data_digest
from lagebild.settings import Settings
from lagebild.store import EventFilter
from lagebild.store.recode import recode
from lagebild.store.sql_store import SQLStore

ARTICLES = (
    (
        "de-charkiw",
        "de",
        "2022-03-02",
        "Russische Truppen haben am Dienstag die ukrainische Stadt Charkiw angegriffen. "
        "Die Bundesregierung brüskierte Frankreich beim Gipfel in Brüssel.",
    ),
    (
        "de-gespraech",
        "de",
        "2022-03-04",
        "Bundeskanzler Scholz telefonierte am Donnerstag mit dem französischen Präsidenten Macron.",
    ),
    (
        "en-kharkiv",
        "en",
        "2022-03-02",
        "Russian forces attacked the Ukrainian city of Kharkiv on Tuesday, officials in Kyiv said.",
    ),
    (
        "en-sanctions",
        "en",
        "2022-03-05",
        "The European Union imposed new sanctions on Russia on Friday.",
    ),
)
# A trigger the built-in German data do not have: with it "brüskierte" becomes an event.
SNUB_TRIGGER = """
[[verb]]
lemma = "brüskieren"
cameo = "120"
source = ["subj"]
target = ["obj"]
"""


def articles() -> list[Article]:
    return [
        Article(
            id=i, text=text, language=language, published=parse_calendar_date(day), outlet=f"Blatt {i[:2]}"
        )
        for i, language, day, text in ARTICLES
    ]


@pytest.fixture(scope="module")
def processor() -> Processor:
    return Processor(Settings())


@pytest.fixture(scope="module")
def snub_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("data")
    (folder / "events_de.toml").write_text(SNUB_TRIGGER, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def snub_processor(snub_data: Path) -> Processor:
    return Processor(Settings(user_data=(snub_data,)))


@pytest.fixture
def coded(store: SQLStore, processor: Processor) -> Iterator[SQLStore]:
    docs = [processor.process(article) for article in articles()]
    store.write_batch([(doc, doc.events) for doc in docs])
    yield store


def event_ids(store: SQLStore, article: str | None = None) -> set[str]:
    return {row["event_id"] for row in store.query_rows(EventFilter(article=article))}


def test_events_and_articles_record_the_coder_version(coded: SQLStore, processor: Processor) -> None:
    rows = coded.query_rows(EventFilter())
    assert rows and {row["coder_version"] for row in rows} == {processor.coder_version}
    assert processor.coder_version.endswith("+" + data_digest())
    assert coded.count_recode_articles(EventFilter(), other_version=processor.coder_version) == 0
    assert coded.count_recode_articles(EventFilter(), other_version="0.0.1+000000000000") == len(ARTICLES)


def test_the_data_digest_follows_the_data_files(snub_data: Path, tmp_path: Path) -> None:
    assert data_digest() == data_digest()
    assert data_digest((snub_data,)) != data_digest()
    copy = tmp_path / "elsewhere"
    copy.mkdir()
    (copy / "events_de.toml").write_text(SNUB_TRIGGER, encoding="utf-8")
    assert data_digest((copy,)) == data_digest((snub_data,))  # where the data lie does not count
    (copy / "events_de.toml").write_text(SNUB_TRIGGER.replace("120", "121"), encoding="utf-8")
    assert data_digest((copy,)) != data_digest((snub_data,))


def test_recoding_with_the_same_pipeline_changes_no_id(coded: SQLStore, processor: Processor) -> None:
    before = coded.query_rows(EventFilter())
    stories_before = coded.query_stories(EventFilter())
    report = recode(coded, processor.process, batch_size=3)
    assert (report.selected, report.recoded, report.failed) == (len(ARTICLES), len(ARTICLES), [])
    assert (report.kept, report.added, report.removed) == (len(before), 0, 0)
    assert coded.query_rows(EventFilter()) == before
    assert coded.query_stories(EventFilter()) == stories_before
    assert coded.events_without_story() == 0


def test_recoding_after_a_new_trigger_adds_its_event_and_keeps_the_other_ids(
    coded: SQLStore, processor: Processor, snub_processor: Processor
) -> None:
    before = event_ids(coded)
    assert snub_processor.coder_version != processor.coder_version
    report = recode(coded, snub_processor.process, other_version=snub_processor.coder_version)
    assert (report.recoded, report.kept, report.added, report.removed) == (len(ARTICLES), len(before), 1, 0)
    after = coded.query_rows(EventFilter())
    (new,) = [row for row in after if row["event_id"] not in before]
    assert (new["trigger"], new["source_root"], new["target_root"]) == ("brüskierte", "DEU", "FRA")
    assert new["article_id"] == "de-charkiw"
    assert {row["event_id"] for row in after} >= before
    assert {row["coder_version"] for row in after} == {snub_processor.coder_version}
    assert coded.count_recode_articles(EventFilter(), other_version=snub_processor.coder_version) == 0
    assert any(s["type"] == "REJECT" for s in coded.query_stories(EventFilter()))
    assert coded.events_without_story() == 0
    # Nothing is left to re-code for this version; the old data take the new event away again.
    assert recode(coded, snub_processor.process, other_version=snub_processor.coder_version).selected == 0
    back = recode(coded, processor.process, other_version=processor.coder_version)
    assert (back.removed, back.added) == (1, 0)
    assert event_ids(coded) == before


def test_filters_choose_the_articles_to_recode(coded: SQLStore, snub_processor: Processor) -> None:
    assert coded.count_recode_articles(EventFilter(language="en")) == 2
    assert coded.count_recode_articles(EventFilter(since="2022-03-04")) == 2  # by publication date
    assert coded.count_recode_articles(EventFilter(outlet="Blatt de")) == 2
    assert coded.count_recode_articles(EventFilter(article="en-sanctions")) == 1
    assert coded.count_recode_articles(EventFilter(actor="UKR", language="de")) == 1  # by their events
    report = recode(coded, snub_processor.process, EventFilter(language="en"))
    assert report.recoded == 2
    versions = {row["article_id"]: row["coder_version"] for row in coded.query_rows(EventFilter())}
    assert {a for a, v in versions.items() if v == snub_processor.coder_version} == {
        "en-kharkiv",
        "en-sanctions",
    }


def test_an_article_whose_recoding_fails_keeps_its_events(
    coded: SQLStore, processor: Processor, snub_processor: Processor
) -> None:
    old = coded.query_rows(EventFilter(article="de-charkiw"))

    def failing(article: Article) -> Doc:
        if article.id == "de-charkiw":
            raise RuntimeError("the parser gave up")
        return snub_processor.process(article)

    failures: list[str] = []
    report = recode(coded, failing, on_failure=lambda article, reason: failures.append(article))
    assert failures == ["de-charkiw"] and report.recoded == len(ARTICLES) - 1
    assert "the parser gave up" in report.failed[0][1]
    assert coded.query_rows(EventFilter(article="de-charkiw")) == old
    assert coded.count_recode_articles(EventFilter(), other_version=snub_processor.coder_version) == 1


def test_a_failing_write_leaves_the_whole_batch_as_it_was(
    coded: SQLStore, snub_processor: Processor, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = coded.query_rows(EventFilter())
    stories_before = coded.query_stories(EventFilter())
    article_before = coded.get_article("de-charkiw")

    def broken(*args: object) -> None:
        raise OSError("disk full")

    # The stories are updated last, after the old events were deleted and the new ones inserted.
    monkeypatch.setattr(coded, "_restory", broken)
    with pytest.raises(OSError, match="disk full"):
        recode(coded, snub_processor.process)
    assert coded.query_rows(EventFilter()) == before
    assert coded.query_stories(EventFilter()) == stories_before
    assert coded.get_article("de-charkiw") == article_before


def test_only_stored_articles_can_be_recoded(coded: SQLStore, processor: Processor) -> None:
    stranger = processor.process(Article(id="not-stored", text="Russia attacked Ukraine.", language="en"))
    with pytest.raises(Exception, match="not stored"):
        coded.replace_coding([(stranger, stranger.events)])
