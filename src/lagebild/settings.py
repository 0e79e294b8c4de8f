"""Settings, declared once with their defaults and help text.

A ``Settings`` object is passed explicitly to whatever needs it; nothing reads a global.
``tests/test_settings.py`` checks that every setting is documented in docs/SETTINGS.md.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

DEFAULT_DB = Path("lagebild.duckdb")
MB = 1024 * 1024


@dataclass(frozen=True)
class Settings:
    """Run-time settings for readers, pipeline and store."""

    db: Path = field(default=DEFAULT_DB, metadata={"help": "Store file (DuckDB)."})
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
        metadata={"help": "Bearer token for write endpoints; unset disables writes (LAGEBILD_API_TOKEN)."},
    )

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Build settings from ``LAGEBILD_*`` environment variables, then explicit overrides."""
        values: dict[str, object] = {}
        env = os.environ
        if "LAGEBILD_DB" in env:
            values["db"] = Path(env["LAGEBILD_DB"])
        if "LAGEBILD_MAX_DOCUMENT_BYTES" in env:
            values["max_document_bytes"] = int(env["LAGEBILD_MAX_DOCUMENT_BYTES"])
        if "LAGEBILD_API_TOKEN" in env:
            values["api_token"] = env["LAGEBILD_API_TOKEN"]
        if "LAGEBILD_USER_DATA" in env:
            values["user_data"] = tuple(Path(p) for p in env["LAGEBILD_USER_DATA"].split(os.pathsep) if p)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]


def setting_help() -> dict[str, str]:
    """Return each setting's name with its help text (used by docs and their test)."""
    return {f.name: str(f.metadata.get("help", "")) for f in fields(Settings)}
