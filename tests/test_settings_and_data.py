"""Every setting is documented, and every shipped data file loads through its validating loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebild.datafiles import DataFileError, FieldSpec, iter_tsv, load_toml_table, package_path
from lagebild.events.lexicon import load_event_lexicon
from lagebild.lang import load_text_rules, supported_languages
from lagebild.settings import Settings, setting_help

DOCS = Path(__file__).resolve().parents[1] / "docs" / "SETTINGS.md"


@pytest.mark.parametrize("name", sorted(setting_help()))
def test_every_setting_is_documented(name: str) -> None:
    assert f"`{name}`" in DOCS.read_text(encoding="utf-8")


def test_settings_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAGEBILD_DB", "/tmp/other.duckdb")
    monkeypatch.setenv("LAGEBILD_MAX_DOCUMENT_BYTES", "1000")
    settings = Settings.from_env(max_document_bytes=2000)
    assert settings.db == Path("/tmp/other.duckdb")
    assert settings.max_document_bytes == 2000


@pytest.mark.parametrize("language", supported_languages())
def test_language_data_loads(language: str) -> None:
    rules = load_text_rules(language)
    lexicon = load_event_lexicon(language)
    assert rules.code == language
    assert lexicon.verbs and lexicon.nouns


def test_unknown_key_in_trigger_file_names_the_file(tmp_path: Path) -> None:
    extra = tmp_path / "mine.toml"
    extra.write_text(
        '[[verb]]\nlemma = "foo"\ncameo = "040"\nsource = ["subj"]\ntarget = []\ncolour = "red"\n'
    )
    with pytest.raises(DataFileError, match=r"mine\.toml"):
        load_event_lexicon("de", [extra])


def test_user_trigger_file_extends_the_lexicon(tmp_path: Path) -> None:
    extra = tmp_path / "mine.toml"
    extra.write_text('[[verb]]\nlemma = "beschimpfen"\ncameo = "111"\nsource = ["subj"]\ntarget = ["obj"]\n')
    assert "beschimpfen" in load_event_lexicon("de", [extra]).verbs


def test_tsv_header_is_checked(tmp_path: Path) -> None:
    table = tmp_path / "t.tsv"
    table.write_text("a\tb\n1\t2\n", encoding="utf-8")
    assert list(iter_tsv(table, ("a", "b"))) == [{"a": "1", "b": "2"}]
    with pytest.raises(DataFileError, match=r"t\.tsv"):
        list(iter_tsv(table, ("a", "c")))


def test_languages_file_loads() -> None:
    entries = load_toml_table(
        package_path("data", "languages.toml"),
        "language",
        {"code": FieldSpec((str,), True), "lingua": FieldSpec((str,), True)},
    )
    assert {e["code"] for e in entries} >= {"de", "en", "fr", "es", "it", "ru", "nl"}
