"""The time data files: every shipped file validates, every rule example is found, errors name the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebild.datafiles import DataFileError
from lagebild.time import TimeTagger
from lagebild.time import lexicon as lexicon_module
from lagebild.time.grammar import compile_grammar, first_chars
from lagebild.time.lexicon import available_languages, load_lexicon


def test_both_languages_ship_time_data() -> None:
    assert {"de", "en"} <= set(available_languages())


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_rule_example_is_tagged(language: str, tagger_de: TimeTagger, tagger_en: TimeTagger) -> None:
    tagger = tagger_de if language == "de" else tagger_en
    missing = []
    for rule in tagger.lexicon.rules:
        for example in rule.examples:
            # "12.15 (in: um 12.15)": the expression, then the context it needs.
            expression, _, context = example.partition(" (in: ")
            text = context[:-1] if context else example
            found = [e.text for e in tagger.tag(text, None)]
            if expression not in found:
                missing.append((rule.name, example, found))
    assert missing == []


def _write(folder: Path, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "time.toml").write_text('[meta]\nlanguage = "zz"\n' + body, encoding="utf-8")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[tables.monthz]\nJan = 1\n", "unknown table 'monthz'"),
        ("[tables.month]\nJan = 13\n", "expected month number"),
        ('[[rule]]\nname = "x"\nkind = "dates"\ntype = "DATE"\npattern = "{month}"\n', "unknown kind"),
        (
            '[[rule]]\nname = "x"\nkind = "date"\ntype = "DATE"\npattern = "{month}"\ncolour = 1\n',
            "unknown key",
        ),
        ('[lists]\nfuture = ["will"]\n', "unknown list"),
    ],
)
def test_bad_data_is_an_error_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, message: str
) -> None:
    _write(tmp_path / "lang" / "zz", body)
    monkeypatch.setattr(lexicon_module, "package_path", lambda *parts: tmp_path.joinpath(*parts))
    with pytest.raises(DataFileError, match=message) as raised:
        load_lexicon("zz")
    assert "time.toml" in str(raised.value)


def test_a_rule_with_an_unknown_placeholder_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(
        tmp_path / "lang" / "zz", '[[rule]]\nname = "x"\nkind = "date"\ntype = "DATE"\npattern = "{monat}"\n'
    )
    monkeypatch.setattr(lexicon_module, "package_path", lambda *parts: tmp_path.joinpath(*parts))
    with pytest.raises(DataFileError, match="unknown placeholder"):
        compile_grammar(load_lexicon("zz"))


def test_first_characters_of_a_pattern() -> None:
    assert first_chars(r"(?:[Dd]e[rn]\s+)?[Vv]or") == frozenset("DdVv")
    assert first_chars(r"(?:abc)?") is None
    assert first_chars(r"\w+") is None
