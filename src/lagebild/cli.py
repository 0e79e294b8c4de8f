"""The ``lagebild`` command: thin commands over the library."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Annotated, Any, cast

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from lagebild.io.batch import (
    BatchReport,
    BatchRunner,
    BatchWriter,
    Engine,
    EngineFailure,
    InProcessEngine,
    ProcessFunction,
    StoreFailure,
)
from lagebild.io.fields import Located
from lagebild.io.readers import read_located
from lagebild.model import ReadProblem
from lagebild.pipeline import Processor, budgeted_pipeline
from lagebild.query.understand import FILTER_FIELDS, FilterError, FilterReader, Understood, describe_filter
from lagebild.scale.engines import available_cores, local_engine
from lagebild.settings import DEFAULT_DB, Settings, store_location
from lagebild.store import Store, StoreError, StoreLockedError, open_store
from lagebild.store.base import ExportFormat
from lagebild.store.export import json_row
from lagebild.store.table import PROFILES, event_row, in_profile

app = typer.Typer(
    add_completion=False, no_args_is_help=True, help="Coded political events from German and English news."
)
err = Console(stderr=True)

# Text, not a Path: a PostgreSQL address keeps its "//" (``store_location`` tells the two apart).
DbOption = Annotated[
    str,
    typer.Option(
        "--db", help="Store: a DuckDB file, or postgresql://user@host:port/dbname.", envvar="LAGEBILD_DB"
    ),
]
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
WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers",
        min=1,
        help="Processes that code articles while this one reads and writes (default: the number "
        "of cores, or LAGEBILD_WORKERS; with --engine ray: the CPUs of the Ray cluster); "
        "1 codes in this process.",
        show_default=False,
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


def _column_option(field: str, option: str, example: str) -> Any:
    return typer.Option(
        option,
        help=f"The CSV column (or JSON Lines key) holding the {field}, e.g. {example}.",
        show_default=False,
    )


IdColumn = Annotated[str | None, _column_option("article id", "--id-column", "doc_id")]
TextFieldColumn = Annotated[str | None, _column_option("article text", "--text-column", "Volltext")]
DateColumn = Annotated[str | None, _column_option("publication date", "--date-column", "pubdate")]
TitleColumn = Annotated[str | None, _column_option("title", "--title-column", "Überschrift")]
UrlColumn = Annotated[str | None, _column_option("address", "--url-column", "permalink")]
OutletColumn = Annotated[str | None, _column_option("outlet", "--outlet-column", "Quelle")]
LanguageColumn = Annotated[str | None, _column_option("language", "--language-column", "lang")]


def _field_columns(**chosen: str | None) -> tuple[tuple[str, str], ...] | None:
    """The ``--*-column`` options as ``field_columns`` pairs (``date`` is the ``published`` field)."""
    pairs = tuple(
        ("published" if field == "date" else field, column) for field, column in chosen.items() if column
    )
    return pairs or None


RawCsvOption = Annotated[
    bool,
    typer.Option(
        "--raw-csv",
        help="Write CSV cells as stored, without the ' that keeps spreadsheets from running "
        "cells starting with = + - @ as formulas.",
    ),
]


def _settings(
    db: str | None = None,
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
    field_columns: tuple[tuple[str, str], ...] | None = None,
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
        "field_columns": field_columns,
    }


def _in_process(settings: Settings) -> ProcessFunction:
    """The pipeline under the time budget, built in this process."""
    return budgeted_pipeline(Processor(settings), settings.time_budget)


@contextmanager
def _engine(
    settings: Settings,
    engine: str = "local",
    ray_address: str | None = None,
    parquet_dir: Path | None = None,
) -> Iterator[Engine]:
    """The engine that codes the articles: this process, a pool of processes (``workers``), or Ray."""
    if engine == "ray":
        with _ray_engine(settings, settings.workers, ray_address, parquet_dir) as ray_engine:
            yield ray_engine
        return
    count = settings.workers or available_cores()
    if count == 1:
        yield InProcessEngine(_in_process(settings))
        return
    with local_engine(settings, count, local=partial(_in_process, settings)) as pool:
        yield pool


@contextmanager
def _ray_engine(
    settings: Settings, workers: int | None, address: str | None, parquet_dir: Path | None
) -> Iterator[Engine]:
    """The Ray engine, or the end of the command with one line saying what is missing."""
    from lagebild.scale.engines import for_workers, lagebild_process
    from lagebild.scale.ray_engine import RayEngine, RayUnavailable

    factory = partial(lagebild_process, for_workers(settings))
    try:
        ray_engine = RayEngine(factory, workers, address=address, parquet_dir=parquet_dir)
        ray_engine.start()
    except (RayUnavailable, EngineFailure) as exc:
        err.print(f"lagebild: {exc}", highlight=False, markup=False, soft_wrap=True)
        raise typer.Exit(1) from None
    try:
        yield ray_engine
    finally:
        ray_engine.close()


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
    id_column: IdColumn = None,
    text_column: TextFieldColumn = None,
    date_column: DateColumn = None,
    title_column: TitleColumn = None,
    url_column: UrlColumn = None,
    outlet_column: OutletColumn = None,
    language_column: LanguageColumn = None,
    profile: ProfileOption = "lagebild",
    workers: WorkersOption = None,
) -> None:
    """Print the events of the input as JSON lines (the rows of docs/CODEBOOK.md), without a store."""
    if profile not in PROFILES:
        raise typer.BadParameter(f"--profile must be one of {', '.join(PROFILES)}")
    chosen = _field_columns(
        id=id_column,
        text=text_column,
        date=date_column,
        title=title_column,
        url=url_column,
        outlet=outlet_column,
        language=language_column,
    )
    overrides = _reading_overrides(delimiter, quotechar, no_header, columns, time_budget, chosen)
    settings = _settings(data=data, max_bytes=max_bytes, overrides={**overrides, "workers": workers})
    with _engine(settings) as engine:
        runner = BatchRunner(engine, _report)
        status = _extract(runner, read_located(paths, settings), profile)
    report = runner.stats
    err.print(
        f"read {report.read} documents, skipped {len(report.skipped)}, found {report.events} events "
        f"in {report.seconds:.1f} s",
        highlight=False,
        markup=False,
        soft_wrap=True,
    )
    _summary(report)
    if status:
        raise typer.Exit(status)


def _extract(runner: BatchRunner, items: Iterator[Located], profile: str) -> int:
    """Write the events of each coded document as JSON lines; return the exit status (0 or 1)."""
    out = sys.stdout
    try:
        for _, doc in runner.docs(items):
            coded = (event_row(event, doc.article, doc.coder_version) for event in doc.events)
            rows = in_profile(coded, profile)
            for row in rows:
                out.write(json.dumps(json_row(row), ensure_ascii=False) + "\n")
    except EngineFailure as exc:
        err.print(f"stopped: {exc}", highlight=False, markup=False, soft_wrap=True)
        return 1
    return 0


EngineOption = Annotated[
    str,
    typer.Option(
        "--engine",
        help="local: processes on this machine (see --workers); ray: Ray Data, on a local Ray "
        "instance or the cluster of --ray-address or RAY_ADDRESS (needs the extra lagebild\\[ray]).",
    ),
]
RayAddressOption = Annotated[
    str | None,
    typer.Option(
        "--ray-address",
        help="Ray cluster to run on (ray://host:10001 or auto); default: RAY_ADDRESS, else a "
        "local Ray instance started for the run.",
        show_default=False,
    ),
]
ParquetDirOption = Annotated[
    Path | None,
    typer.Option(
        "--parquet-dir",
        help="With --engine ray: also write the coded events as Parquet files into this folder, "
        "one per block (the columns of docs/CODEBOOK.md).",
        show_default=False,
    ),
]
ENGINES = ("local", "ray")


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
    id_column: IdColumn = None,
    text_column: TextFieldColumn = None,
    date_column: DateColumn = None,
    title_column: TitleColumn = None,
    url_column: UrlColumn = None,
    outlet_column: OutletColumn = None,
    language_column: LanguageColumn = None,
    workers: WorkersOption = None,
    engine: EngineOption = "local",
    ray_address: RayAddressOption = None,
    parquet_dir: ParquetDirOption = None,
) -> None:
    """Read, code and store articles; already stored articles are skipped.

    Problems are printed as they are found and counted at the end. Every batch written stays
    written: an interrupted run (Ctrl-C) stores what was processed, a rerun completes it.
    """
    if engine not in ENGINES:
        raise typer.BadParameter(f"--engine must be {' or '.join(ENGINES)}, not {engine!r}")
    if engine != "ray" and (parquet_dir is not None or ray_address is not None):
        raise typer.BadParameter("--parquet-dir and --ray-address go with --engine ray")
    chosen = _field_columns(
        id=id_column,
        text=text_column,
        date=date_column,
        title=title_column,
        url=url_column,
        outlet=outlet_column,
        language=language_column,
    )
    overrides = _reading_overrides(delimiter, quotechar, no_header, columns, time_budget, chosen)
    settings = _settings(db, data, max_bytes, {**overrides, "workers": workers})
    coding = _engine(settings, engine, ray_address, parquet_dir)
    with _opened(settings.db, "ingest") as store, coding as coder:
        runner = BatchRunner(coder, _report, store.known_article_ids)
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
    except EngineFailure as exc:
        with suppress(StoreFailure):
            writer.flush()  # the documents coded before the engine failed
        err.print(f"stopped: {exc}; the batches written so far are kept", highlight=False, markup=False)
        return 1
    return 0


LOCK_ADVICE = {
    "ingest": "if it is `lagebild serve`, post the articles to it (POST /articles) or stop it; "
    "if it is another ingest, wait until it ends",
    "read": "wait until it ends or stop it; a `lagebild serve` started without LAGEBILD_API_TOKEN "
    "opens the store read-only and lets other readers in",
}


@contextmanager
def _opened(db: Path | str, purpose: str, read_only: bool = False) -> Iterator[Store]:
    """Open the store, or end the command with one line saying why not and what to do."""
    memory = _settings().store_memory_limit
    try:
        store = open_store(db, read_only=read_only, memory_limit=memory)
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


ActorFilter = Annotated[
    list[str] | None,
    typer.Option(
        "--actor",
        help="Actor by code (RUS, NATO, RUS.MIL), name or alias (Russland, Putin, Kreml); "
        "twice: the events between the two.",
    ),
]
SourceFilter = Annotated[str | None, typer.Option("--source", help="The acting actor (code, name or alias).")]
TargetFilter = Annotated[
    str | None, typer.Option("--target", help="The actor acted upon (code, name or alias).")
]
CountryFilter = Annotated[
    str | None,
    typer.Option(help="Country of source, target or place: DE, DEU, Deutschland or Germany."),
]
TypeFilter = Annotated[
    str | None,
    typer.Option("--type", help="PLOVER type (ASSAULT) or its old name (FIGHT), CAMEO code (14) or name."),
]
QuadFilter = Annotated[
    str | None, typer.Option("--quad-class", help="1-4, or a name such as 'material conflict'.")
]
ModalityFilter = Annotated[str | None, typer.Option(help="asserted, planned, negated or hypothetical.")]
SinceFilter = Annotated[str | None, typer.Option(help="YYYY, YYYY-MM or YYYY-MM-DD.")]
UntilFilter = Annotated[str | None, typer.Option(help="YYYY, YYYY-MM or YYYY-MM-DD (inclusive).")]
TextFilter = Annotated[str | None, typer.Option(help="Text in the evidence sentence or trigger.")]
LanguageFilter = Annotated[str | None, typer.Option(help="Article language: de, en (or German, English).")]
OutletFilter = Annotated[str | None, typer.Option(help="Text in the article's outlet; (none): no outlet.")]
AttributionFilter = Annotated[str | None, typer.Option(help="Text in the attribution; (none): unattributed.")]
PlaceFilter = Annotated[str | None, typer.Option(help="Text in the place's name; (none): no place.")]
PrecisionFilter = Annotated[
    str | None, typer.Option(help="How precisely events are dated: day, week, month, year, ..., none.")
]
ArticleFilter = Annotated[str | None, typer.Option(help="Only the events of this article id.")]
SortOption = Annotated[
    str | None,
    typer.Option(help="date, type, source, target, goldstein, place, ...; -goldstein: descending."),
]
LimitOption = Annotated[int | None, typer.Option(min=0, help="At most this many events.")]
OffsetOption = Annotated[int, typer.Option(min=0, help="Skip this many events first.")]
OutOption = Annotated[
    Path | None, typer.Option("--out", help="Output file (default: stdout; required for parquet).")
]
ProfileOption = Annotated[
    str,
    typer.Option(
        help="Columns: lagebild (docs/CODEBOOK.md), gdelt (GDELT 2.0 names) or plover (PLOVER names)."
    ),
]


def _filter_values(values: dict[str, Any]) -> dict[str, Any]:
    """The filter options of a command as the filter reader takes them (``type_`` is ``type``)."""
    picked = {name: values.get(name) for name in FILTER_FIELDS}
    picked["type"] = values.get("type_")
    return picked


def _read_filter(store: Store, values: dict[str, Any], limit: int | None, offset: int) -> Understood:
    """Read the typed filter values into codes; print what names were read as; exit 2 if unreadable."""
    try:
        understood = FilterReader(store.actor_roots).read(_filter_values(values))
    except FilterError as exc:
        option = "--" + exc.parameter.replace("_", "-").replace("/", "/--")
        message = f"lagebild: {option}: {exc.message}" + _did_you_mean(exc)
        err.print(message, highlight=False, markup=False, soft_wrap=True)
        raise typer.Exit(2) from None
    for note in understood.notes:
        err.print(f"reading {note}", highlight=False, markup=False, soft_wrap=True)
    return Understood(
        replace(understood.filter, limit=limit, offset=offset), understood.notes, understood.values
    )


def _did_you_mean(exc: FilterError) -> str:
    return f"; did you mean {' or '.join(repr(s) for s in exc.suggestions)}?" if exc.suggestions else ""


def _check_output(output: str, out: Path | None, allowed: tuple[str, ...], profile: str) -> None:
    if output not in allowed:
        raise typer.BadParameter(f"--format must be {', '.join(allowed[:-1])} or {allowed[-1]}")
    if output == "parquet" and out is None:
        raise typer.BadParameter("parquet needs --out FILE")
    if profile not in PROFILES:
        raise typer.BadParameter(f"--profile must be one of {', '.join(PROFILES)}")


def _write(
    store: Store, output: str, out: Path | None, understood: Understood, profile: str, raw_csv: bool
) -> int:
    """Export the filtered rows to ``out`` (or stdout); explain an empty result on stderr."""
    count = store.export(
        cast(ExportFormat, output),
        sys.stdout if out is None else out,
        understood.filter,
        raw_csv=raw_csv,
        profile=profile,
    )
    if count == 0:
        _explain_empty(store, understood)
    return count


def _explain_empty(store: Store, understood: Understood) -> None:
    """Say which filter leaves nothing: the count each one matches alone, and the store's dates."""
    if not understood.values:
        err.print("the store holds no events", highlight=False)
        return
    reader = FilterReader(store.actor_roots)
    alone = []
    for name, items in understood.values.items():
        if name == "sort":
            continue
        single = reader.read({name: items, **_date_pair(name, understood.values)}).filter
        alone.append(f"{describe_filter({name: items})}: {store.count_events(single)}")
    dates = store.stats()["date_range"]
    err.print(
        f"0 events match {describe_filter(understood.values)}. Each filter alone: {'; '.join(alone)}. "
        f"Stored events are dated {dates['earliest'] or '?'} to {dates['latest'] or '?'}.",
        highlight=False,
        markup=False,
        soft_wrap=True,
    )


def _date_pair(name: str, values: dict[str, list[str]]) -> dict[str, list[str]]:
    """``since`` and ``until`` are one filter: the period."""
    if name == "since" and "until" in values:
        return {"until": values["until"]}
    if name == "until" and "since" in values:
        return {"since": values["since"]}
    return {}


TABLE_ROWS = 1000
"""Events a table shows when no --limit is given."""


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    actor: ActorFilter = None,
    source: SourceFilter = None,
    target: TargetFilter = None,
    country: CountryFilter = None,
    type_: TypeFilter = None,
    quad_class: QuadFilter = None,
    modality: ModalityFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    text: TextFilter = None,
    language: LanguageFilter = None,
    outlet: OutletFilter = None,
    attribution: AttributionFilter = None,
    place: PlaceFilter = None,
    precision: PrecisionFilter = None,
    article: ArticleFilter = None,
    sort: SortOption = None,
    limit: LimitOption = None,
    offset: OffsetOption = 0,
    output: Annotated[str, typer.Option("--format", help="table, jsonl, csv or parquet.")] = "table",
    out: OutOption = None,
    profile: ProfileOption = "lagebild",
    raw_csv: RawCsvOption = False,
) -> None:
    """List stored events, filtered: a table, or the rows of docs/CODEBOOK.md (JSON lines, CSV, Parquet)."""
    _check_output(output, out, ("table", "jsonl", "csv", "parquet"), profile)
    _require_store(db)
    with _opened(db, "read", read_only=True) as store:
        understood = _read_filter(store, locals(), limit, offset)
        if output != "table":
            count = _write(store, output, out, understood, profile, raw_csv)
            if out is not None:
                err.print(f"wrote {count} events to {out}", highlight=False, markup=False, soft_wrap=True)
            return
        # A table is read by people and held in memory whole: without --limit it shows the first
        # TABLE_ROWS events; the formats above stream any number.
        shown = understood.filter
        if shown.limit is None:
            shown = replace(shown, limit=TABLE_ROWS)
        rows = store.query_rows(shown)
        total = store.count_events(understood.filter)
        if not rows:
            _explain_empty(store, understood)
        elif understood.filter.limit is None and shown.offset + len(rows) < total:
            err.print(
                f"showing the first {len(rows)} of {total} events: --limit and --offset page through "
                "them, --format jsonl, csv or parquet writes them all",
                highlight=False,
                markup=False,
                soft_wrap=True,
            )
    # A pipe has no width of its own; give the table room instead of 80 columns.
    console = Console() if sys.stdout.isatty() else Console(width=200)
    console.print(_event_table(rows, total, understood.filter.offset))


def _require_store(db: str) -> None:
    where = store_location(db)
    if isinstance(where, Path) and not where.exists():
        err.print(f"no store at {db}; run `lagebild ingest` first or pass --db", highlight=False)
        raise typer.Exit(1)


def _event_table(rows: list[dict[str, Any]], total: int, offset: int) -> Table:
    shown = f"{offset + 1}–{offset + len(rows)} of {total}" if rows and len(rows) < total else str(total)
    table = Table(title=f"{shown} events", show_lines=False)
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
    for row in rows:
        table.add_row(
            _date_label(row),
            row.get("plover_type") or "-",
            row.get("cameo_code") or "",
            _actor_label(row, "source"),
            _actor_label(row, "target"),
            row.get("modality") or "",
            row.get("trigger") or "",
            row.get("attribution") or "",
            row.get("place_name") or "",
        )
    return table


def _date_label(row: dict[str, Any]) -> str:
    """The day when there is one, else the TIMEX value with its precision."""
    if row.get("event_date"):
        return str(row["event_date"])
    if row.get("event_date_timex"):
        return f"{row['event_date_timex']} ({row['event_date_precision']})"
    return "undated"


def _actor_label(row: dict[str, Any], role: str) -> str:
    code = row.get(f"{role}_code")
    return f"{code}: {row.get(f'{role}_text') or ''}" if code else "-"


@app.command()
def export(
    output_format: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet.")] = "jsonl",
    out: OutOption = None,
    db: DbOption = DEFAULT_DB,
    actor: ActorFilter = None,
    source: SourceFilter = None,
    target: TargetFilter = None,
    country: CountryFilter = None,
    type_: TypeFilter = None,
    quad_class: QuadFilter = None,
    modality: ModalityFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    text: TextFilter = None,
    language: LanguageFilter = None,
    outlet: OutletFilter = None,
    attribution: AttributionFilter = None,
    place: PlaceFilter = None,
    precision: PrecisionFilter = None,
    article: ArticleFilter = None,
    sort: SortOption = None,
    limit: LimitOption = None,
    offset: OffsetOption = 0,
    profile: ProfileOption = "lagebild",
    raw_csv: RawCsvOption = False,
) -> None:
    """Export the stored events (all, or those the filters of `events` select) as JSON lines, CSV or Parquet.

    Columns are the event table of docs/CODEBOOK.md, or a GDELT- or PLOVER-style profile.
    """
    _check_output(output_format, out, ("jsonl", "csv", "parquet"), profile)
    _require_store(db)
    with _opened(db, "read", read_only=True) as store:
        understood = _read_filter(store, locals(), limit, offset)
        count = _write(store, output_format, out, understood, profile, raw_csv)
    err.print(
        f"exported {count} events" + (f" to {out}" if out else ""),
        highlight=False,
        markup=False,
        soft_wrap=True,
    )


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
def actors(
    path: Annotated[Path, typer.Argument(help="JSONL lines of {id, text, published?, language?, outlet?}.")],
    data: DataOption = None,
) -> None:
    """Print the actor mentions of each line, with their country, organisation and sector."""
    from lagebild.actors.report import run_actors

    processor = Processor(_settings(data=data))
    with path.open(encoding="utf-8") as handle:
        for line in run_actors(handle, processor):
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


OutdatedOption = Annotated[
    bool,
    typer.Option(
        "--outdated",
        help="Only articles coded by another version of lagebild or its data (or by none recorded).",
    ),
]


@app.command()
def recode(
    db: DbOption = DEFAULT_DB,
    data: DataOption = None,
    time_budget: TimeBudgetOption = None,
    outdated: OutdatedOption = False,
    actor: ActorFilter = None,
    source: SourceFilter = None,
    target: TargetFilter = None,
    country: CountryFilter = None,
    type_: TypeFilter = None,
    quad_class: QuadFilter = None,
    modality: ModalityFilter = None,
    since: Annotated[
        str | None, typer.Option(help="Articles published from (YYYY, YYYY-MM, YYYY-MM-DD).")
    ] = None,
    until: Annotated[str | None, typer.Option(help="Articles published until (inclusive).")] = None,
    text: TextFilter = None,
    language: LanguageFilter = None,
    outlet: OutletFilter = None,
    attribution: AttributionFilter = None,
    place: PlaceFilter = None,
    precision: PrecisionFilter = None,
    article: Annotated[str | None, typer.Option(help="Only this article id.")] = None,
) -> None:
    """Code stored articles again with the current pipeline and data (--data) and replace their
    events, one transaction per batch; unchanged events keep their ids.

    --since/--until, --language, --outlet and --article choose articles by their own fields, the
    other filters articles with a matching event; an article whose re-coding fails keeps its events.
    """
    from lagebild.io.budget import DocumentTimeout
    from lagebild.store.recode import recode as recode_articles

    settings = _settings(db, data, overrides={"time_budget": time_budget})
    _require_store(db)
    processor = Processor(settings)
    version = processor.coder_version
    process = budgeted_pipeline(processor, settings.time_budget)
    with _opened(settings.db, "ingest") as store:
        values = {**locals(), "sort": None}
        understood = _read_filter(store, values, None, 0)
        failures = (Exception, DocumentTimeout)
        try:
            with _progress() as progress:
                task = progress.add_task("re-coding", total=None)
                report = recode_articles(
                    _story_store(store),
                    process,
                    understood.filter,
                    other_version=version if outdated else None,
                    batch_size=settings.batch_size,
                    failures=failures,
                    on_failure=_report_recode_failure,
                    on_batch=lambda done: progress.update(task, completed=done.recoded + len(done.failed)),
                )
        except StoreError as exc:
            err.print(f"stopped: {exc}; the batches written before are kept", highlight=False, markup=False)
            raise typer.Exit(1) from None
    err.print(
        f"re-coded {report.recoded} of {report.selected} articles with {version}: {report.kept} events "
        f"kept, {report.added} added, {report.removed} removed; {len(report.failed)} failed "
        "(they keep their events)",
        highlight=False,
        markup=False,
        soft_wrap=True,
    )
    if report.failed:
        raise typer.Exit(1)


def _report_recode_failure(article_id: str, reason: str) -> None:
    err.print(Text.assemble(("failed", "red"), f" {article_id}: {reason}"), highlight=False, soft_wrap=True)


def _story_store(store: Store) -> Any:
    """The store's stories and re-coding (every backend has them; the ``Store`` protocol does not)."""
    from lagebild.store.sql_store import SQLStore

    if not isinstance(store, SQLStore):
        raise typer.BadParameter("this store has no stories")
    return store


StorySortOption = Annotated[
    str | None,
    typer.Option(
        "--sort",
        help="date, mentions, articles, outlets, first_seen, last_seen, type, source, target; "
        "-mentions: descending.",
    ),
]


@app.command()
def stories(
    db: DbOption = DEFAULT_DB,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Recompute every story from the stored events.")
    ] = False,
    window: Annotated[
        int | None,
        typer.Option(
            "--window",
            min=0,
            help="With --rebuild: days either side of a story's middle (default: story_window_days).",
        ),
    ] = None,
    actor: ActorFilter = None,
    source: SourceFilter = None,
    target: TargetFilter = None,
    country: CountryFilter = None,
    type_: TypeFilter = None,
    quad_class: QuadFilter = None,
    modality: ModalityFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    text: TextFilter = None,
    language: LanguageFilter = None,
    outlet: OutletFilter = None,
    attribution: AttributionFilter = None,
    place: PlaceFilter = None,
    precision: PrecisionFilter = None,
    article: ArticleFilter = None,
    sort: StorySortOption = None,
    limit: Annotated[int | None, typer.Option(min=0, help="At most this many stories.")] = None,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many stories first.")] = 0,
    output: Annotated[str, typer.Option("--format", help="table, jsonl, csv or parquet.")] = "table",
    out: OutOption = None,
    raw_csv: RawCsvOption = False,
) -> None:
    """List stories: the events several articles report, each once with its numbers of mentions,
    articles and outlets; a story has a mention matching the filters of `events`.

    --rebuild recomputes all stories (with --window or the story_window_days setting).
    """
    from lagebild.store.stories import STORY_SORT_KEYS

    _check_output(output, out, ("table", "jsonl", "csv", "parquet"), "lagebild")
    if sort is not None and sort.strip().lstrip("-").lower() not in STORY_SORT_KEYS:
        raise typer.BadParameter(f"--sort must be one of {', '.join(STORY_SORT_KEYS)} (- first: descending)")
    _require_store(db)
    settings = _settings(db, overrides={"story_window_days": window})
    if rebuild:
        with _opened(settings.db, "ingest") as store:
            built = _story_store(store).rebuild_stories(settings.story_window_days)
        err.print(
            f"rebuilt {built.stories} stories of {built.mentions} events "
            f"(window: {built.window_days} days either side)",
            highlight=False,
            markup=False,
        )
        return
    with _opened(settings.db, "read", read_only=True) as store:
        stored = _story_store(store)
        understood = _read_filter(store, {**locals(), "sort": None}, limit, offset)
        _story_notes(stored, settings.story_window_days)
        if output != "table":
            count = stored.export_stories(
                output, sys.stdout if out is None else out, understood.filter, sort=sort, raw_csv=raw_csv
            )
            if out is not None:
                err.print(f"wrote {count} stories to {out}", highlight=False, markup=False, soft_wrap=True)
            return
        rows = stored.query_stories(understood.filter, sort)
        total = stored.count_stories(understood.filter)
    console = Console() if sys.stdout.isatty() else Console(width=200)
    console.print(_story_table(rows, total, offset))


def _story_notes(stored: Any, window: int) -> None:
    """Say when the stories are not what the settings would give: events without a story (a store
    from before stories), or another window."""
    missing = stored.events_without_story()
    if missing:
        err.print(
            f"{missing} events belong to no story yet; run `lagebild stories --rebuild`", highlight=False
        )
    built = stored.story_window()
    if built != window:
        err.print(
            f"the stories were built with a window of {built} days, story_window_days is {window}; "
            "`lagebild stories --rebuild` applies it",
            highlight=False,
        )


def _story_table(rows: list[dict[str, Any]], total: int, offset: int) -> Table:
    shown = f"{offset + 1}–{offset + len(rows)} of {total}" if rows and len(rows) < total else str(total)
    table = Table(title=f"{shown} stories", show_lines=False)
    columns = ("date", "type", "source", "target", "mentions", "articles", "outlets", "seen", "first report")
    for column in columns:
        table.add_column(column)
    for row in rows:
        seen = row.get("first_seen") or "?"
        if row.get("last_seen") and row.get("last_seen") != row.get("first_seen"):
            seen = f"{seen} – {row['last_seen']}"
        cells = (
            row.get("event_date") or "undated",
            row.get("type") or f"CAMEO {row.get('cameo_root') or '?'}",
            row.get("source_root") or "-",
            row.get("target_root") or "-",
            str(row["mentions"]),
            str(row["articles"]),
            str(row["outlets"]),
            seen,
            _shortened(row.get("headline") or ""),
        )
        # Text cells: article text is shown as written, never read as markup.
        table.add_row(*(Text(str(cell)) for cell in cells))
    return table


def _shortened(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def main() -> None:
    """Entry point of the ``lagebild`` console command."""
    app()


if __name__ == "__main__":
    main()
