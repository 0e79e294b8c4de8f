"""Reading input documents and writing event records."""

from __future__ import annotations

from lagebild.io.readers import read_documents
from lagebild.io.writers import read_jsonl_records, write_csv, write_jsonl, write_parquet

__all__ = ["read_documents", "read_jsonl_records", "write_csv", "write_jsonl", "write_parquet"]
