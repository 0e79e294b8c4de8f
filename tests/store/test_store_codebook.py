"""docs/CODEBOOK.md holds the tables generated from the column definitions, and the README links it."""

from __future__ import annotations

from lagebild.store.table import COLUMNS, codebook_table, profile_table
from support import REPO


def test_codebook_tables_match_the_column_definitions() -> None:
    codebook = (REPO / "docs" / "CODEBOOK.md").read_text(encoding="utf-8")
    for table in (codebook_table(), profile_table("gdelt"), profile_table("plover")):
        assert table in codebook, "docs/CODEBOOK.md is out of date: regenerate it from lagebild.store.table"


def test_every_column_is_documented_with_type_meaning_example_and_origin() -> None:
    names = [column.name for column in COLUMNS]
    assert len(names) == len(set(names))
    for column in COLUMNS:
        assert column.name.isidentifier() and column.name == column.name.lower(), column.name
        assert column.meaning and column.derived, column.name


def test_the_readme_links_the_codebook() -> None:
    assert "(docs/CODEBOOK.md)" in (REPO / "README.md").read_text(encoding="utf-8")
