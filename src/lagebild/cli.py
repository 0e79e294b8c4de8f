"""The ``lagebild`` command: thin commands over the library."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any, cast

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from lagebild.io.readers import read_documents
from lagebild.io.writers import write_csv, write_jsonl
from lagebild.model import Article, Doc, ReadProblem
from lagebild.pipeline import BatchStats, Processor, process_stream
from lagebild.settings import DEFAULT_DB, Settings
from lagebild.store import open_store
from lagebild.store.base import EventFilter, ExportFormat

app = typer.Typer(
    add_completion=False, no_args_is_help=True, help="Coded political events from German and English news."
)
err = Console(stderr=True)

DbOption = Annotated[Path, typer.Option("--db", help="Store file (DuckDB).", envvar="LAGEBILD_DB")]
DataOption = Annotated[
    list[Path] | None,
    typer.Option("--data", help="Extra data file or folder (actors, places, triggers); repeatable."),
]
MaxBytesOption = Annotated[
    int | None, typer.Option("--max-bytes", help="Skip documents whose text is larger than this many bytes.")
]


def _settings(
    db: Path | None = None, data: list[Path] | None = None, max_bytes: int | None = None
) -> Settings:
    return Settings.from_env(db=db, user_data=tuple(data) if data else None, max_document_bytes=max_bytes)


def _report_problems(stats: BatchStats) -> None:
    for problem in stats.skipped:
        err.print(f"[red]skipped[/red] {problem.where}: {problem.reason}", highlight=False)
    for warning in stats.warnings:
        err.print(f"[yellow]warning[/yellow] {warning}", highlight=False)


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files or folders to read; - reads JSONL from stdin.")],
    data: DataOption = None,
    max_bytes: MaxBytesOption = None,
) -> None:
    """Print the events of the input as JSON lines, without a store."""
    settings = _settings(data=data, max_bytes=max_bytes)
    stats = BatchStats()
    out = sys.stdout
    for doc in process_stream(Processor(settings), read_documents(paths, settings), stats):
        for event in doc.events:
            out.write(json.dumps(event.to_flat_dict(), ensure_ascii=False) + "\n")
    _report_problems(stats)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files or folders to read; - reads JSONL from stdin.")],
    db: DbOption = DEFAULT_DB,
    data: DataOption = None,
    max_bytes: MaxBytesOption = None,
) -> None:
    """Read, code and store articles; already stored articles are skipped."""
    settings = _settings(db, data, max_bytes)
    stats = BatchStats()
    stored = 0
    with open_store(settings.db) as store, _progress() as progress:
        task = progress.add_task("ingesting", total=None)
        for batch in _batches(
            process_stream(Processor(settings), _new_only(store, read_documents(paths, settings)), stats),
            settings.batch_size,
        ):
            result = store.write_batch([(doc, doc.events) for doc in batch])
            stored += result.events_written
            progress.update(task, advance=len(batch), description=f"ingesting ({stats.events} events)")
    _report_problems(stats)
    err.print(
        f"read {stats.read} documents, skipped {len(stats.skipped)}, stored {stored} new events "
        f"in {stats.seconds:.1f} s ({settings.db})",
        highlight=False,
    )


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} docs"),
        TimeElapsedColumn(),
        console=err,
    )


def _new_only(store: Any, items: Iterable[Article | ReadProblem]) -> Iterator[Article | ReadProblem]:
    """Skip articles the store already holds, so a rerun only processes what is missing."""
    for item in items:
        if isinstance(item, Article) and store.has_article(item.id):
            continue
        yield item


def _batches(docs: Iterable[Doc], size: int) -> Iterator[list[Doc]]:
    batch: list[Doc] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _filter(
    actor: str | None,
    type_: str | None,
    country: str | None,
    since: str | None,
    until: str | None,
    text: str | None,
    limit: int | None,
) -> EventFilter:
    try:
        return EventFilter(
            actor=actor, type=type_, country=country, since=since, until=until, text=text, limit=limit
        )
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    actor: Annotated[str | None, typer.Option(help="Actor root code, e.g. NATO, RUS or RUS.MIL.")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER type or CAMEO code prefix.")] = None,
    country: Annotated[str | None, typer.Option(help="ISO3 country of source or target.")] = None,
    since: Annotated[str | None, typer.Option(help="YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    text: Annotated[str | None, typer.Option(help="Text in the evidence sentence or trigger.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many events.")] = None,
    output: Annotated[str, typer.Option("--format", help="table, jsonl or csv.")] = "table",
) -> None:
    """List stored events, filtered."""
    query = _filter(actor, type_, country, since, until, text, limit)
    if output not in ("table", "jsonl", "csv"):
        raise typer.BadParameter("--format must be table, jsonl or csv")
    _require_store(db)
    with open_store(db, read_only=True) as store:
        records = store.query_events(query)
    if output == "jsonl":
        write_jsonl(records, sys.stdout)
    elif output == "csv":
        write_csv(records, sys.stdout)
    else:
        # A pipe has no width of its own; give the table room instead of 80 columns.
        console = Console() if sys.stdout.isatty() else Console(width=200)
        console.print(_event_table(records))


def _require_store(db: Path) -> None:
    if not db.exists():
        err.print(f"no store at {db}; run `lagebild ingest` first or pass --db", highlight=False)
        raise typer.Exit(1)


def _event_table(records: list[dict[str, Any]]) -> Table:
    table = Table(title=f"{len(records)} events", show_lines=False)
    for column in (
        "date",
        "type",
        "cameo",
        "source",
        "target",
        "modality",
        "trigger",
        "attribution",
        "place",
    ):
        table.add_column(column)
    for record in records:
        table.add_row(
            (record.get("date") or {}).get("value") or "",
            record.get("type") or "-",
            record.get("cameo") or "",
            _actor_label(record.get("source")),
            _actor_label(record.get("target")),
            record.get("modality") or "",
            record.get("trigger") or "",
            record.get("attribution") or "",
            (record.get("location") or {}).get("name") or "",
        )
    return table


def _actor_label(actor: dict[str, Any] | None) -> str:
    if not actor:
        return "-"
    code = actor.get("org") or actor.get("country") or "?"
    sector = f".{actor['sector']}" if actor.get("sector") else ""
    return f"{code}{sector}: {actor.get('text', '')}"


@app.command()
def export(
    output_format: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet.")] = "jsonl",
    out: Annotated[
        Path | None, typer.Option("--out", help="Output file (default: stdout; required for parquet).")
    ] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Export all stored events."""
    if output_format not in ("jsonl", "csv", "parquet"):
        raise typer.BadParameter("--format must be jsonl, csv or parquet")
    if output_format == "parquet" and out is None:
        raise typer.BadParameter("parquet export needs --out FILE")
    _require_store(db)
    fmt = cast(ExportFormat, output_format)
    with open_store(db, read_only=True) as store:
        count = store.export(fmt, sys.stdout if out is None else out)
    err.print(f"exported {count} events", highlight=False)


@app.command(name="eval")
def evaluate(
    args: Annotated[
        list[str], typer.Argument(help="GOLD.jsonl for events, or `times GOLD.json` for time expressions.")
    ],
    quiet: Annotated[bool, typer.Option(help="Only the scores, not the differences.")] = False,
    shared: Annotated[
        Path,
        typer.Option(
            help="Folder of the shared corpora that real-text gold points into.", envvar="LAGEBILD_SHARED"
        ),
    ] = Path("../shared"),
    split: Annotated[str | None, typer.Option(help="Score only the units of this part: dev or test.")] = None,
) -> None:
    """Score the system against gold events (or, with `times`, gold time expressions)."""
    if args[0] == "times":
        from lagebild.time.evaluate import evaluate_times

        for path in args[1:]:
            typer.echo(f"== {path}")
            typer.echo(evaluate_times(Path(path)).format())
        return
    from lagebild.evaluation.events import evaluate_events

    processor = Processor(Settings.from_env())
    for path in args:
        typer.echo(f"== {path}")
        scores = evaluate_events(Path(path), processor.events, shared, split)
        typer.echo(scores.format(show_differences=not quiet))


@app.command()
def times(
    path: Annotated[Path, typer.Argument(help="JSONL lines of {id, text, published}.")],
    language: Annotated[str, typer.Option(help="Language of lines that do not say.")] = "de",
) -> None:
    """Tag and normalise the time expressions of each line."""
    from lagebild.time import run_times

    with path.open(encoding="utf-8") as handle:
        for line in run_times(handle, language=language):
            sys.stdout.write(line + "\n")


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    data: DataOption = None,
) -> None:
    """Serve the HTTP API and dashboard over the store (writes need LAGEBILD_API_TOKEN)."""
    from lagebild.api.server import serve as run_server

    settings = _settings(db, data)
    run_server(settings.db, host, port, settings)


def main() -> None:
    """Entry point of the ``lagebild`` console command."""
    app()


if __name__ == "__main__":
    main()
