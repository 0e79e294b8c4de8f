"""The clause analysis data files load, and a wrong key is an error that names the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebild.datafiles import DataFileError
from lagebild.lang import UnsupportedLanguage
from lagebild.model import Token
from lagebild.nlp.tokens import tokenize
from lagebild.syntax import analyse_tokens
from lagebild.syntax.rules import grammar_rules, load_syntax_data, model_rules


@pytest.mark.parametrize(("language", "engine"), [("de", "grammar"), ("en", "model")])
def test_each_language_names_its_engine_and_validates(language: str, engine: str) -> None:
    name, data, path = load_syntax_data(language)
    assert name == engine
    build = grammar_rules if engine == "grammar" else model_rules
    build(data, path)


def test_an_unknown_key_is_an_error_naming_the_file() -> None:
    _, data, path = load_syntax_data("de")
    data["words"]["no_such_list"] = []
    with pytest.raises(DataFileError, match=r"syntax\.toml.*no_such_list"):
        grammar_rules(data, Path(path))


def test_a_language_without_syntax_data_is_refused() -> None:
    with pytest.raises(UnsupportedLanguage):
        load_syntax_data("xx")


def test_pipeline_tokens_keep_their_tags_and_order() -> None:
    text = "Die Nato verlangt einen Bericht."
    tokens = [
        Token(t.start, t.end, t.text, *analysis)
        for t, analysis in zip(
            tokenize(text),
            [
                ("der", "ART", None),
                ("Nato", "NE", None),
                ("verlangen", "VVFIN", "FIN"),
                ("ein", "ART", None),
                ("Bericht", "NN", None),
                (".", "PUNCT", None),
            ],
            strict=True,
        )
    ]
    words = analyse_tokens(tokens, "de")
    assert [w.form for w in words] == [t.text for t in tokens]
    assert [(w.form, w.deprel, w.head) for w in words if w.deprel in ("nsubj", "obj")] == [
        ("Nato", "nsubj", 3),
        ("Bericht", "obj", 3),
    ]
    assert words[4].misc == "SpaceAfter=No"
