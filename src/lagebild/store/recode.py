"""Re-coding stored articles: run the current pipeline over their stored text again and replace
what the pipeline made of them (sentences, mentions, events and their place in stories).

The store side chooses the articles (``RecodeMixin.recode_article_ids``: filters as ``lagebild
events`` takes them, and "coded by another version"), gives them back as ``Article`` records
exactly as they were read, and replaces an article's coding in one transaction per batch
(``replace_coding``). ``recode`` drives the two with any process function (``Article -> Doc``),
so the store never imports the pipeline.

Event ids derive from the article, the sentence, the trigger, the CAMEO code and the actors'
roots, so an event the new coding finds again keeps its id; only new and vanished events change.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from lagebild.model import Article, Doc, Event, TimeValue
from lagebild.store.base import NONE_VALUE, EventFilter, StoreError
from lagebild.store.filters import LIKE_ESCAPE, escape_like, event_where
from lagebild.store.hooks import SQLHooks
from lagebild.store.rows import (
    MENTION_COLUMNS,
    SENTENCE_COLUMNS,
    STORED_EVENT_COLUMNS,
    mention_rows,
    sentence_rows,
    stored_events,
)
from lagebild.store.stories import StoryMention, mentions_of, run

_IN_LIST = "IN (SELECT unnest(CAST(? AS VARCHAR[])))"
_ARTICLE_FIELDS = (
    "id, text, published_value, published_granularity, published_earliest, published_latest, "
    "title, url, outlet, language, source_path"
)


@dataclass(frozen=True)
class CodingChange:
    """What replacing the coding of some articles changed, by event id."""

    articles: int
    kept: int
    added: int
    removed: int


@dataclass
class RecodeReport:
    """What ``recode`` did: articles re-coded, events kept (same id), added and removed, and the
    articles whose re-coding failed (they keep their old coding)."""

    selected: int = 0
    recoded: int = 0
    kept: int = 0
    added: int = 0
    removed: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)

    def add(self, change: CodingChange) -> None:
        """Count one batch."""
        self.recoded += change.articles
        self.kept += change.kept
        self.added += change.added
        self.removed += change.removed


def article_where(f: EventFilter, other_version: str | None = None) -> tuple[str, list[object]]:
    """``WHERE`` choosing articles (alias ``a``) for re-coding.

    ``since``/``until`` match the publication date (its possible days overlap the period),
    ``language``, ``outlet`` and ``article`` the article's own fields; every other field of the
    filter chooses the articles with at least one event matching it. With ``other_version``,
    only articles that this version did not code (they, or one of their events, carry another
    or no coder version).
    """
    parts: list[str] = []
    params: list[object] = []
    if f.article is not None:
        parts.append("a.id = ?")
        params.append(f.article)
    if f.language is not None:
        parts.append("a.language = lower(?)")
        params.append(f.language.strip())
    if f.outlet is not None:
        if f.outlet.strip() == NONE_VALUE:
            parts.append("coalesce(a.outlet, '') = ''")
        else:
            parts.append(f"a.outlet ILIKE ? ESCAPE '{LIKE_ESCAPE}'")
            params.append(f"%{escape_like(f.outlet.strip())}%")
    since, until = f.since_day(), f.until_day()
    if since is not None or until is not None:
        parts.append("a.published_earliest IS NOT NULL OR a.published_latest IS NOT NULL")
    if since is not None:
        parts.append("a.published_latest IS NULL OR a.published_latest >= ?")
        params.append(since)
    if until is not None:
        parts.append("a.published_earliest IS NULL OR a.published_earliest <= ?")
        params.append(until)
    rest = replace(
        f, since=None, until=None, language=None, outlet=None, article=None, limit=None, offset=0, sort=None
    )
    clause = event_where(rest)
    if clause.parts:
        parts.append(f"a.id IN (SELECT article_id FROM events {clause.sql()})")
        params.extend(clause.params)
    if other_version is not None:
        parts.append(
            "a.coder_version IS NULL OR a.coder_version <> ? OR a.id IN "
            "(SELECT article_id FROM events WHERE coder_version IS NULL OR coder_version <> ?)"
        )
        params.extend([other_version, other_version])
    sql = " AND ".join(f"({part})" for part in parts)
    return (f"WHERE {sql}" if parts else ""), params


class RecodeMixin(SQLHooks):
    """Choosing, loading and re-writing articles for re-coding, over the hooks of ``SQLStore``."""

    if TYPE_CHECKING:

        def _take_out_of_stories(self, cur: Any, article_ids: Sequence[str]) -> list[StoryMention]: ...

        def _restory(
            self, cur: Any, added: Sequence[StoryMention], removed: Sequence[StoryMention]
        ) -> None: ...

    def count_recode_articles(self, f: EventFilter, other_version: str | None = None) -> int:
        """How many stored articles ``article_where`` chooses."""
        where, params = article_where(f, other_version)
        with self._cursor() as cur:
            row = cur.execute(f"SELECT count(*) FROM articles a {where}", params).fetchone()
        return int(row[0]) if row else 0

    def recode_article_ids(
        self, f: EventFilter, other_version: str | None = None, *, after: str | None = None, limit: int = 200
    ) -> list[str]:
        """The next ``limit`` chosen article ids after ``after``, in id order (keyset paging, so
        articles that stop matching once re-coded do not shift the pages)."""
        where, params = article_where(f, other_version)
        if after is not None:
            where = f"{where} AND a.id > ?" if where else "WHERE a.id > ?"
            params = [*params, after]
        sql = f"SELECT a.id FROM articles a {where} ORDER BY a.id LIMIT ?"
        with self._cursor() as cur:
            return [row[0] for row in cur.execute(sql, [*params, limit]).fetchall()]

    def load_articles(self, ids: Iterable[str]) -> list[Article]:
        """The stored articles with these ids as the reader gave them (text, metadata, publication
        date), in the order asked; unknown ids are left out."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return []
        with self._cursor() as cur:
            rows = cur.execute(
                f"SELECT {_ARTICLE_FIELDS} FROM articles WHERE id {_IN_LIST}", [wanted]
            ).fetchall()
        found = {row[0]: _article(row) for row in rows}
        return [found[i] for i in wanted if i in found]

    def replace_coding(self, items: Sequence[tuple[Doc, Sequence[Event]]]) -> CodingChange:
        """Replace the sentences, mentions and events of stored articles with a new coding, and
        their place in stories, in one transaction: all of the batch or nothing.

        Every article must be stored already (``StoreError`` otherwise); the article row keeps its
        text and metadata and takes the new coder version and warnings.
        """
        if self.read_only:
            raise StoreError(f"the store {self.where} is open read-only")
        _check_items(items)
        ids = [doc.article.id for doc, _ in items]
        with self._transaction() as cur:
            missing = set(ids) - _stored_articles(cur, ids)
            if missing:
                raise StoreError(f"cannot re-code articles that are not stored: {', '.join(sorted(missing))}")
            old = {
                row[0]
                for row in cur.execute(f"SELECT id FROM events WHERE article_id {_IN_LIST}", [ids]).fetchall()
            }
            removed = self._take_out_of_stories(cur, ids)
            for table in ("events", "sentences", "mentions"):
                run(cur, f"DELETE FROM {table} WHERE article_id {_IN_LIST}", [ids])
            docs = [doc for doc, _ in items]
            self._insert(
                cur, "sentences", SENTENCE_COLUMNS, [row for doc in docs for row in sentence_rows(doc)]
            )
            self._insert(cur, "mentions", MENTION_COLUMNS, [row for doc in docs for row in mention_rows(doc)])
            events = stored_events(items)
            self._insert(cur, "events", STORED_EVENT_COLUMNS, events, ignore_existing=True)
            for doc in docs:
                warnings = json.dumps(list(doc.warnings), ensure_ascii=False) if doc.warnings else None
                run(
                    cur,
                    "UPDATE articles SET coder_version = ?, warnings = ? WHERE id = ?",
                    [doc.coder_version, warnings, doc.article.id],
                )
            self._restory(cur, mentions_of(items), removed)
        new = {stored.event.id for stored in events}
        return CodingChange(len(items), len(old & new), len(new - old), len(old - new))


ProcessFunction = Callable[[Article], Doc]


def recode(
    store: RecodeMixin,
    process: ProcessFunction,
    f: EventFilter | None = None,
    *,
    other_version: str | None = None,
    batch_size: int = 200,
    failures: tuple[type[BaseException], ...] = (Exception,),
    on_failure: Callable[[str, str], None] | None = None,
    on_batch: Callable[[RecodeReport], None] | None = None,
) -> RecodeReport:
    """Re-code the stored articles ``f`` chooses (see ``article_where``) with ``process``, one
    transaction per batch of ``batch_size`` articles.

    An article whose processing raises one of ``failures`` is reported (``on_failure(id,
    reason)``) and keeps its old coding; a failing write rolls its batch back and is raised.
    """
    f = f or EventFilter()
    report = RecodeReport(selected=store.count_recode_articles(f, other_version))
    after: str | None = None
    while ids := store.recode_article_ids(f, other_version, after=after, limit=batch_size):
        after = ids[-1]
        items: list[tuple[Doc, Sequence[Event]]] = []
        for article in store.load_articles(ids):
            try:
                doc = process(article)
            except failures as exc:
                reason = f"re-coding failed: {exc!r}"
                report.failed.append((article.id, reason))
                if on_failure is not None:
                    on_failure(article.id, reason)
                continue
            items.append((doc, doc.events))
        if items:
            report.add(store.replace_coding(items))
        if on_batch is not None:
            on_batch(report)
    return report


def _check_items(items: Sequence[tuple[Doc, Sequence[Event]]]) -> None:
    """Refuse events paired with an article they do not come from, and repeated articles."""
    seen: set[str] = set()
    for doc, events in items:
        if doc.article.id in seen:
            raise ValueError(f"article {doc.article.id!r} is given twice")
        seen.add(doc.article.id)
        for event in events:
            if event.doc_id != doc.article.id:
                raise ValueError(
                    f"event {event.id} has doc_id {event.doc_id!r} but is paired with "
                    f"article {doc.article.id!r}"
                )


def _stored_articles(cur: Any, ids: Sequence[str]) -> set[str]:
    rows = cur.execute(f"SELECT id FROM articles WHERE id {_IN_LIST}", [list(ids)]).fetchall()
    return {row[0] for row in rows}


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _article(row: Sequence[Any]) -> Article:
    """An article row (``_ARTICLE_FIELDS``) as the ``Article`` it was stored from."""
    (article_id, text, value, granularity, earliest, latest, title, url, outlet, language, source_path) = row
    published = TimeValue(value, granularity, _date(earliest), _date(latest)) if value is not None else None
    return Article(
        id=article_id,
        text=text,
        published=published,
        title=title,
        url=url,
        outlet=outlet,
        language=language,
        source_path=source_path,
    )
