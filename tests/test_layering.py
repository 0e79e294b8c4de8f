"""The floors of docs/DESIGN.md: readers, writers and the store import no pipeline stage."""

from __future__ import annotations

import ast
from pathlib import Path

import lagebild

PACKAGE = Path(lagebild.__file__).parent
GROUND_FLOOR = {"lagebild", "lagebild.model", "lagebild.dates", "lagebild.datafiles", "lagebild.settings"}
LOWER_FLOORS = ("io", "store")


def _imported_modules(path: Path) -> set[str]:
    """Every ``lagebild`` module a source file imports, at top level or inside functions."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name == "lagebild" or name.startswith("lagebild.")}


def _allowed(module: str) -> bool:
    return module in GROUND_FLOOR or any(module.startswith(f"lagebild.{floor}") for floor in LOWER_FLOORS)


def test_io_and_store_import_only_the_ground_floor_and_each_other() -> None:
    wrong = {
        f"{path.relative_to(PACKAGE)} imports {module}"
        for floor in LOWER_FLOORS
        for path in sorted((PACKAGE / floor).rglob("*.py"))
        for module in _imported_modules(path)
        if not _allowed(module)
    }
    assert not wrong, sorted(wrong)


def test_the_check_sees_an_import_of_a_pipeline_stage(tmp_path: Path) -> None:
    source = tmp_path / "reader.py"
    source.write_text("def f():\n    from lagebild.events.codes import load_event_codes\n", encoding="utf-8")
    assert _imported_modules(source) == {"lagebild.events.codes"}
    assert not _allowed("lagebild.events.codes")
