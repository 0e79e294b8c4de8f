"""Settings, declared once with their defaults and help text.

A ``Settings`` object is passed explicitly to whatever needs it; nothing reads a global.
``tests/test_settings.py`` checks that every setting is documented in docs/SETTINGS.md.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, fields
from pathlib import Path

DEFAULT_DB = "lagebild.duckdb"
"""The default store, as typed (``store_location`` reads it)."""
DEFAULT_STORE_MEMORY = "1GB"
DEFAULT_STORY_WINDOW_DAYS = 1
MAX_STORY_WINDOW_DAYS = 31
MB = 1024 * 1024
STORE_URL_SCHEMES = ("postgresql://", "postgres://")
_MEMORY_SIZE = re.compile(r"\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB|%)", re.IGNORECASE)


def store_location(text: str | Path) -> Path | str:
    """Where a store is: a PostgreSQL address (``postgresql://...``) stays text, anything else is
    a DuckDB file path. A ``Path`` would fold the address's ``//``."""
    if isinstance(text, str) and text.strip().lower().startswith(STORE_URL_SCHEMES):
        return text.strip()
    return Path(text)


@dataclass(frozen=True)
class Settings:
    """Run-time settings for readers, pipeline and store."""

    db: Path | str = field(
        default=DEFAULT_DB,
        metadata={"help": "Store: a DuckDB file, or a PostgreSQL address postgresql://user@host:port/dbname."},
    )
    store_memory_limit: str = field(
        default=DEFAULT_STORE_MEMORY,
        metadata={"help": "Most memory a DuckDB store may use (its memory_limit): 1GB, 512MiB, 25%."},
    )
    max_document_bytes: int = field(
        default=5 * MB,
        metadata={"help": "Documents whose text is larger than this (UTF-8 bytes) are skipped."},
    )
    batch_size: int = field(default=200, metadata={"help": "Articles per store transaction during ingest."})
    user_data: tuple[Path, ...] = field(
        default=(),
        metadata={"help": "Extra data files or folders (actors, places, ...) read after the built-in ones."},
    )
    api_token: str | None = field(
        default=None,
        metadata={
            "help": "Bearer token for write endpoints; unset or empty disables writes (LAGEBILD_API_TOKEN)."
        },
    )
    time_budget: float = field(
        default=3.0,
        metadata={
            "help": "Processing seconds allowed per 100 KB of article text (and for any shorter one); "
            "a document that takes longer is skipped with a reported reason. 0 switches the budget off."
        },
    )
    workers: int | None = field(
        default=None,
        metadata={
            "help": "Processes that code articles during ingest and extract; unset: the number of "
            "cores (with the Ray engine: the CPUs of the Ray cluster); 1: in the command's own process."
        },
    )
    story_window_days: int = field(
        default=DEFAULT_STORY_WINDOW_DAYS,
        metadata={
            "help": "Reports of one type between the same source and target whose event dates lie "
            "within this many days of a story's date are one story (applied by `lagebild stories --rebuild`)."
        },
    )
    csv_delimiter: str | None = field(
        default=None,
        metadata={"help": "CSV field delimiter; unset: the one of , ; tab | that fits the header best."},
    )
    csv_quotechar: str = field(default='"', metadata={"help": "CSV quote character."})
    csv_header: bool = field(
        default=True, metadata={"help": "Whether CSV files open with a header row naming the columns."}
    )
    csv_columns: tuple[str, ...] = field(
        default=(),
        metadata={
            "help": "CSV column names in file order, replacing the header's; without a header the "
            "default is id, text, published, title, url, outlet, language, as many as the rows have."
        },
    )
    field_columns: tuple[tuple[str, str], ...] = field(
        default=(),
        metadata={
            "help": "Which CSV column or JSON Lines key holds an article field, as (field, column) "
            "pairs: ('outlet', 'Quelle'); replaces the usual names and their aliases for that field."
        },
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "db", store_location(self.db))
        if not _MEMORY_SIZE.fullmatch(self.store_memory_limit.strip()):
            wanted = "a size such as 1GB, 512MiB or 25%"
            raise ValueError(f"store_memory_limit must be {wanted}, not {self.store_memory_limit!r}")
        # An empty token is no token: it must neither open writes nor look like one configured.
        if self.api_token is not None and not self.api_token.strip():
            object.__setattr__(self, "api_token", None)
        if self.time_budget < 0:
            raise ValueError(f"time_budget must not be negative: {self.time_budget}")
        if self.workers is not None and self.workers < 1:
            raise ValueError(f"workers must be at least 1: {self.workers}")
        if not 0 <= self.story_window_days <= MAX_STORY_WINDOW_DAYS:
            days = self.story_window_days
            raise ValueError(f"story_window_days must be between 0 and {MAX_STORY_WINDOW_DAYS}, not {days}")
        for name, value in (("csv_delimiter", self.csv_delimiter), ("csv_quotechar", self.csv_quotechar)):
            if value is not None and (len(value) != 1 or value in "\r\n"):
                raise ValueError(f"{name} must be one character other than a line break, not {value!r}")
        if self.csv_delimiter is not None and self.csv_delimiter == self.csv_quotechar:
            raise ValueError("csv_delimiter and csv_quotechar must differ")
        fields_known = ("id", "text", "published", "title", "url", "outlet", "language")
        for name, column in self.field_columns:
            if name not in fields_known or not column.strip():
                raise ValueError(
                    f"field_columns: {name!r} is not one of {', '.join(fields_known)}, or has no column"
                )

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Build settings from ``LAGEBILD_*`` environment variables, then explicit overrides."""
        values: dict[str, object] = {}
        env = os.environ
        if "LAGEBILD_DB" in env:
            values["db"] = store_location(env["LAGEBILD_DB"])
        if "LAGEBILD_STORE_MEMORY" in env:
            values["store_memory_limit"] = env["LAGEBILD_STORE_MEMORY"]
        if "LAGEBILD_MAX_DOCUMENT_BYTES" in env:
            values["max_document_bytes"] = int(env["LAGEBILD_MAX_DOCUMENT_BYTES"])
        if env.get("LAGEBILD_API_TOKEN", "").strip():
            values["api_token"] = env["LAGEBILD_API_TOKEN"]
        if "LAGEBILD_TIME_BUDGET" in env:
            values["time_budget"] = float(env["LAGEBILD_TIME_BUDGET"])
        if env.get("LAGEBILD_WORKERS", "").strip():
            values["workers"] = int(env["LAGEBILD_WORKERS"])
        if "LAGEBILD_STORY_WINDOW_DAYS" in env:
            values["story_window_days"] = int(env["LAGEBILD_STORY_WINDOW_DAYS"])
        if "LAGEBILD_USER_DATA" in env:
            values["user_data"] = tuple(Path(p) for p in env["LAGEBILD_USER_DATA"].split(os.pathsep) if p)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]


def setting_help() -> dict[str, str]:
    """Return each setting's name with its help text (used by docs and their test)."""
    return {f.name: str(f.metadata.get("help", "")) for f in fields(Settings)}
