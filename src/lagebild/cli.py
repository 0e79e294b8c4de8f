"""The ``lagebild`` command: thin commands over the library."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Annotated, Any, cast

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from lagebild.io.batch import BatchReport, BatchRunner, BatchWriter, StoreFailure
from lagebild.io.budget import budgeted_pipeline
from lagebild.io.fields import Located
from lagebild.io.readers import read_located
from lagebild.io.writers import write_csv, write_jsonl
from lagebild.model import ReadProblem
from lagebild.pipeline import Processor
from lagebild.settings import DEFAULT_DB, Settings
from lagebild.store import Store, StoreError, StoreLockedError, open_store
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
TimeBudgetOption = Annotated[
    float | None,
    typer.Option(
        "--time-budget",
        min=0,
        help="Seconds of processing allowed per 100 KB of text (default 3; 0: no limit); "
        "a document that takes longer is skipped and reported.",
    ),
]
DelimiterOption = Annotated[
    str | None,
    typer.Option(
        "--delimiter", help="CSV delimiter (one character, or 'tab'); default: guessed from the header."
    ),
]
QuotecharOption = Annotated[str | None, typer.Option("--quotechar", help='CSV quote character (default ").')]
NoHeaderOption = Annotated[
    bool, typer.Option("--no-header", help="CSV files have no header row (columns: see --columns).")
]
ColumnsOption = Annotated[
    str | None,
    typer.Option(
        "--columns",
        help="CSV column names in order, comma-separated (id,text,published,...); "
        "without a header the default is id,text,published,title,url,outlet,language.",
    ),
]
RawCsvOption = Annotated[
    bool,
    typer.Option(
        "--raw-csv",
        help="Write CSV cells as stored, without the ' that keeps spreadsheets from running "
        "cells starting with = + - @ as formulas.",
    ),
]


def _settings(
    db: Path | None = None,
    data: list[Path] | None = None,
    max_bytes: int | None = None,
    overrides: dict[str, object] | None = None,
) -> Settings:
    try:
        return Settings.from_env(
            db=db, user_data=tuple(data) if data else None, max_document_bytes=max_bytes, **(overrides or {})
        )
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc


def _reading_overrides(
    delimiter: str | None,
    quotechar: str | None,
    no_header: bool,
    columns: str | None,
    time_budget: float | None,
) -> dict[str, object]:
    """Settings overrides for the CSV and budget options (``tab`` and ``\\t`` name the tab)."""
    if delimiter is not None and delimiter.lower() in ("tab", "\\t"):
        delimiter = "\t"
    names = tuple(name.strip() for name in columns.split(",") if name.strip()) if columns else None
    return {
        "csv_delimiter": delimiter,
        "csv_quotechar": quotechar,
        "csv_header": False if no_header else None,
        "csv_columns": names,
        "time_budget": time_budget,
    }


def _report(problem: ReadProblem) -> None:
    """Print a problem as soon as it is found (plain text: no markup from the input is interpreted)."""
    label = ("skipped", "red") if problem.fatal else ("warning", "yellow")
    err.print(Text.assemble(label, f" {problem.where}: {problem.reason}"), highlight=False, soft_wrap=True)


def _summary(report: BatchReport) -> None:
    if report.skipped:
        line = f"skipped {len(report.skipped)}: {report.reasons()}"
        err.print(line, highlight=False, markup=False, soft_wrap=True)


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files or folders to read; - reads JSONL from stdin.")],
    data: DataOption = None,
    max_bytes: MaxBytesOption = None,
    time_budget: TimeBudgetOption = None,
    delimiter: DelimiterOption = None,
    quotechar: QuotecharOption = None,
    no_header: NoHeaderOption = False,
    columns: ColumnsOption = None,
) -> None:
    """Print the events of the input as JSON lines, without a store."""
    overrides = _reading_overrides(delimiter, quotechar, no_header, columns, time_budget)
    settings = _settings(data=data, max_bytes=max_bytes, overrides=overrides)
    runner = BatchRunner(budgeted_pipeline(Processor(settings), settings.time_budget), _report)
    out = sys.stdout
    for _, doc in runner.docs(read_located(paths, settings)):
        for event in doc.events:
            out.write(json.dumps(event.to_flat_dict(), ensure_ascii=False) + "\n")
    report = runner.stats
    err.print(
        f"read {report.read} documents, skipped {len(report.skipped)}, found {report.events} events "
        f"in {report.seconds:.1f} s",
        highlight=False,
        markup=False,
        soft_wrap=True,
    )
    _summary(report)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files or folders to read; - reads JSONL from stdin.")],
    db: DbOption = DEFAULT_DB,
    data: DataOption = None,
    max_bytes: MaxBytesOption = None,
    time_budget: TimeBudgetOption = None,
    delimiter: DelimiterOption = None,
    quotechar: QuotecharOption = None,
    no_header: NoHeaderOption = False,
    columns: ColumnsOption = None,
) -> None:
    """Read, code and store articles; already stored articles are skipped.

    Problems are printed as they are found and counted at the end. Every batch written stays
    written: an interrupted run (Ctrl-C) stores what was processed, a rerun completes it.
    """
    overrides = _reading_overrides(delimiter, quotechar, no_header, columns, time_budget)
    settings = _settings(db, data, max_bytes, overrides)
    with _opened(settings.db, "ingest") as store:
        runner = BatchRunner(
            budgeted_pipeline(Processor(settings), settings.time_budget), _report, store.known_article_ids
        )
        writer = BatchWriter(store, settings.batch_size, runner)
        status = _ingest(runner, writer, read_located(paths, settings))
    report = runner.stats
    already = f", {report.already_stored} already stored" if report.already_stored else ""
    err.print(
        f"read {report.read} documents, skipped {len(report.skipped)}{already}, stored "
        f"{report.stored.events_written} new events of {report.stored.articles_new} new articles "
        f"in {report.seconds:.1f} s ({settings.db})",
        highlight=False,
        markup=False,
        soft_wrap=True,
    )
    _summary(report)
    if status:
        raise typer.Exit(status)


def _ingest(runner: BatchRunner, writer: BatchWriter, items: Iterator[Located]) -> int:
    """Process and write everything; return the exit status (0, 1 when the store failed, 130)."""
    try:
        with _progress() as progress:
            task = progress.add_task("ingesting", total=None)
            for where, doc in runner.docs(items):
                writer.add(where, doc)
                progress.update(task, advance=1, description=f"ingesting ({runner.stats.events} events)")
            writer.flush()
    except KeyboardInterrupt:
        with suppress(StoreFailure, KeyboardInterrupt):
            writer.flush()  # the documents processed since the last batch
        err.print("interrupted: the batches written so far are kept; run the same command again to go on")
        return 130
    except StoreFailure as exc:
        err.print(f"stopped: {exc}; the batches written before are kept", highlight=False, markup=False)
        return 1
    return 0


LOCK_ADVICE = {
    "ingest": "if it is `lagebild serve`, post the articles to it (POST /articles) or stop it; "
    "if it is another ingest, wait until it ends",
    "read": "wait until it ends or stop it; a `lagebild serve` started without LAGEBILD_API_TOKEN "
    "opens the store read-only and lets other readers in",
}


@contextmanager
def _opened(db: Path, purpose: str, read_only: bool = False) -> Iterator[Store]:
    """Open the store, or end the command with one line saying why not and what to do."""
    try:
        store = open_store(db, read_only=read_only)
    except StoreLockedError as exc:
        err.print(f"lagebild: {exc}: {LOCK_ADVICE[purpose]}", highlight=False, markup=False, soft_wrap=True)
        raise typer.Exit(1) from None
    except StoreError as exc:
        err.print(f"lagebild: {exc}", highlight=False, markup=False, soft_wrap=True)
        raise typer.Exit(1) from None
    with store:
        yield store


def _progress() -> Progress:
    # Only on a terminal: in a log or a pipe the bar would be one more line among the problems.
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} docs"),
        TimeElapsedColumn(),
        console=err,
        disable=not err.is_terminal,
    )


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
    raw_csv: RawCsvOption = False,
) -> None:
    """List stored events, filtered."""
    query = _filter(actor, type_, country, since, until, text, limit)
    if output not in ("table", "jsonl", "csv"):
        raise typer.BadParameter("--format must be table, jsonl or csv")
    _require_store(db)
    with _opened(db, "read", read_only=True) as store:
        records = store.query_events(query)
    if output == "jsonl":
        write_jsonl(records, sys.stdout)
    elif output == "csv":
        write_csv(records, sys.stdout, raw=raw_csv)
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
    raw_csv: RawCsvOption = False,
) -> None:
    """Export all stored events."""
    if output_format not in ("jsonl", "csv", "parquet"):
        raise typer.BadParameter("--format must be jsonl, csv or parquet")
    if output_format == "parquet" and out is None:
        raise typer.BadParameter("parquet export needs --out FILE")
    _require_store(db)
    fmt = cast(ExportFormat, output_format)
    with _opened(db, "read", read_only=True) as store:
        count = store.export(fmt, sys.stdout if out is None else out, raw_csv=raw_csv)
    err.print(f"exported {count} events", highlight=False)


@app.command(name="eval")
def evaluate(
    args: Annotated[
        list[str],
        typer.Argument(
            help="GOLD.jsonl for events, `times GOLD.json` for time expressions, "
            "or `parse GOLD.conllu` for the clause analysis."
        ),
    ],
    quiet: Annotated[bool, typer.Option(help="Only the scores, not the differences.")] = False,
    shared: Annotated[
        Path,
        typer.Option(
            help="Folder of the shared corpora that real-text gold points into.", envvar="LAGEBILD_SHARED"
        ),
    ] = Path("../shared"),
    split: Annotated[str | None, typer.Option(help="Score only the units of this part: dev or test.")] = None,
    language: Annotated[str | None, typer.Option(help="Language of a CoNLL-U gold file (de or en).")] = None,
) -> None:
    """Score the system against gold events, time expressions (`times`) or dependency trees (`parse`)."""
    if args[0] == "parse":
        from lagebild.syntax.commands import eval_parse_command

        if language is None:
            raise typer.BadParameter("`eval parse` needs --language de|en")
        for path in args[1:]:
            typer.echo(eval_parse_command(path, language))
        return
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
def parse(
    path: Annotated[Path | None, typer.Argument(help="CoNLL-U file whose words are analysed.")] = None,
    text: Annotated[Path | None, typer.Option("--text", help="Plain-text file to analyse instead.")] = None,
    language: Annotated[str | None, typer.Option(help="de or en (found from the text if not given).")] = None,
) -> None:
    """Print the clause analysis (heads and UD relations) as CoNLL-U."""
    from lagebild.syntax.commands import parse_command

    if (path is None) == (text is None):
        raise typer.BadParameter("give either a CoNLL-U FILE or --text FILE.txt")
    source = text if text is not None else path
    assert source is not None
    try:
        sys.stdout.write(parse_command(source, language, text_mode=text is not None))
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


@app.command()
def times(
    path: Annotated[Path, typer.Argument(help="JSONL lines of {id, text, published, language?}.")],
    language: Annotated[
        str | None,
        typer.Option(help="Language of lines that do not say (default: identified from each line's text)."),
    ] = None,
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
    try:
        run_server(settings.db, host, port, settings)
    except StoreLockedError as exc:
        advice = "stop that process first, or serve a copy of the store"
        err.print(f"lagebild: {exc}: {advice}", highlight=False, markup=False, soft_wrap=True)
        raise typer.Exit(1) from None
    except StoreError as exc:
        err.print(f"lagebild: {exc}", highlight=False, markup=False, soft_wrap=True)
        raise typer.Exit(1) from None


def main() -> None:
    """Entry point of the ``lagebild`` console command."""
    app()


if __name__ == "__main__":
    main()
