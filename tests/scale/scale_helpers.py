"""Short German and English news articles for the scaling tests, and process functions that
misbehave on purpose (raise, run over the budget, kill their worker)."""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from lagebild.io.batch import ProcessFunction
from lagebild.io.budget import BudgetedProcess
from lagebild.model import Article, Doc
from lagebild.pipeline import Processor, WarmProcessor
from lagebild.settings import Settings

GERMAN = (
    "Die Bundesregierung verurteilte am Dienstag in Berlin den Angriff Russlands auf die Ukraine.",
    "Die Nato verlangte von Moskau einen Bericht über den Abschuss des Flugzeugs.",
    "Frankreichs Präsident traf am Montag in Paris den Ministerpräsidenten Italiens.",
    "Die Türkei drohte Griechenland mit Konsequenzen, falls die Bohrungen weitergehen.",
    "Polen und Litauen vereinbarten in Warschau eine engere Zusammenarbeit an der Grenze.",
    "Die Polizei nahm in Hamburg nach den Protesten mehrere Demonstranten fest.",
    "Der Außenminister kritisierte die Regierung in Peking wegen der Menschenrechtslage.",
    "Israel und Ägypten verhandelten in Kairo über eine Waffenruhe im Gazastreifen.",
    "Die Europäische Union forderte Belarus auf, die Gefangenen freizulassen.",
    "Serbien wies die Vorwürfe Kosovos am Mittwoch entschieden zurück.",
    "Japan protestierte bei China gegen das Eindringen von Schiffen in seine Gewässer.",
    "Der iranische Präsident warnte die USA vor einem militärischen Eingreifen.",
    "Österreich lobte die Reformen der griechischen Regierung.",
    "Die Vereinten Nationen riefen beide Seiten zur Zurückhaltung auf.",
    "Das Wetter in Brüssel war am Abend regnerisch und kühl.",
)
ENGLISH = (
    "Germany condemned the Russian attack on Ukrainian cities on Tuesday.",
    "NATO asked Moscow on Monday in Brussels for a report on the attack.",
    "The French president met the Italian prime minister in Rome on Thursday.",
    "Turkey threatened Greece with sanctions over the drilling dispute.",
    "Poland and Lithuania agreed in Warsaw to cooperate more closely on border security.",
    "Police arrested dozens of protesters in London after the demonstration.",
    "The foreign minister criticised the Chinese government over its human rights record.",
    "Israel and Egypt negotiated a ceasefire in Cairo on Wednesday.",
    "The European Union demanded that Belarus release the prisoners.",
    "Serbia rejected the accusations made by Kosovo on Wednesday.",
    "Japan protested to China about ships entering its waters.",
    "Iran's president warned the United States against military intervention.",
    "Austria praised the reforms of the Greek government.",
    "The United Nations called on both sides to show restraint.",
    "The weather in Brussels was wet and cool in the evening.",
)
STEPS = (1, 4, 7)
BAD_LINES = (
    '{"id": "empty-1", "text": "", "published": "2023-05-02"}',
    '{"id": "de-003", "text": "Dieselbe Kennung wie ein früherer Artikel.", "published": "2023-05-02"}',
    '{"id": "broken", "text": ',
    '{"id": "fr-001", "text": "Le gouvernement français a critiqué la décision de la commission."}',
)
"""An empty text, a repeated id, a line that is no JSON, a language without a pipeline."""



@dataclass(frozen=True)
class SerialRun:
    """A corpus and what coding it in one process gave (the ``serial_run`` fixture)."""

    corpus: Path
    db: Path
    ingest_problems: list[str]
    extract_output: str
    extract_problems: list[str]


def article_text(sentences: tuple[str, ...], number: int) -> str:
    """Three sentences of the list, chosen by the article's number so that articles differ."""
    size = len(sentences)
    return " ".join(sentences[(number * step + step) % size] for step in STEPS)


def news_records(per_language: int) -> list[dict[str, Any]]:
    """``per_language`` German and as many English articles, alternating, with ids and dates."""
    records = []
    for number in range(per_language):
        day = f"2023-{1 + number % 12:02d}-{1 + number % 27:02d}"
        records.append({"id": f"de-{number:03d}", "text": article_text(GERMAN, number), "published": day})
        records.append({"id": f"en-{number:03d}", "text": article_text(ENGLISH, number), "published": day})
    return records


def write_jsonl(path: Path, records: list[dict[str, Any]], extra_lines: tuple[str, ...] = ()) -> Path:
    """Write the records as JSON lines with the extra lines (as they are) spread among them."""
    lines = [json.dumps(record, ensure_ascii=False) for record in records]
    step = max(1, len(lines) // (len(extra_lines) + 1))
    for number, extra in enumerate(extra_lines, start=1):
        lines.insert(number * step + number - 1, extra)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def store_contents(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the store's tables in the order written (without the time of the ingest).

    Events follow their articles' order; among the events of one article the store keeps no
    order of its own (two serial runs may write them in different row order), so they are
    taken by id.
    """
    tables = {
        "articles": "SELECT * EXCLUDE (ingested_at) FROM articles ORDER BY rowid",
        "sentences": "SELECT * FROM sentences ORDER BY rowid",
        "mentions": "SELECT * FROM mentions ORDER BY rowid",
        "events": "SELECT e.* FROM events e JOIN articles a ON a.id = e.article_id ORDER BY a.rowid, e.id",
    }
    with duckdb.connect(str(db), read_only=True) as connection:
        return {name: connection.execute(sql).fetchall() for name, sql in tables.items()}


def problem_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(("skipped ", "warning "))]


def busy(seconds: float) -> None:
    """Run Python code (not a C call) for ``seconds``, like a stage that does not end."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def sabotaged_process(settings: Settings) -> ProcessFunction:
    """The real pipeline under the budget, except that ``boom-*`` raises and ``slow-*`` never ends."""
    warm = WarmProcessor(Processor(settings))

    def process(article: Article) -> Doc:
        if article.id.startswith("boom"):
            raise ValueError("kaputt")
        if article.id.startswith("slow"):
            busy(120)
        return warm(article)

    return BudgetedProcess(process, settings.time_budget, prepare=warm.prepare)


def light_process() -> ProcessFunction:
    """No pipeline: each article becomes a document without events; ``crash-*`` kills the worker."""

    def process(article: Article) -> Doc:
        if article.id.startswith("crash"):
            os._exit(3)
        if article.id.startswith("sleep"):
            time.sleep(120)
        return Doc(article=article, language="de")

    return process


def failing_factory() -> ProcessFunction:
    """A pipeline that cannot be built (its data missing, say): every worker fails to start."""
    raise RuntimeError("language data not found")
