"""Input friction: a header-less id column (pandas' index), columns named on the command line
(``--outlet-column``), and the usual other names of fields (a ``source`` column is the outlet)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from io_read_helpers import fatal, read_all, warnings

from lagebild.io.fields import pick_fields
from lagebild.settings import Settings

TEXT = "Die Nato forderte Russland zum Abzug auf."


def test_a_nameless_first_column_holds_the_ids(tmp_path: Path) -> None:
    # The shape of shared/corpora/guardian_sample.csv: pandas wrote its index without a name.
    path = tmp_path / "guardian.csv"
    path.write_text(
        f'"","date","text","source"\n"3",2019-04-10,"{TEXT}","Guardian"\n"7",2019-04-05,"{TEXT}","Guardian"\n'
    )
    articles, problems = read_all([path])
    assert [(a.id, a.outlet) for a in articles] == [("3", "Guardian"), ("7", "Guardian")]
    [warning] = warnings(problems)  # one line for the file, not one "no id" per row
    assert warning.reason.startswith("the first column has no name: its values are read as the ids")
    again = tmp_path / "again.csv"
    again.write_text(f"Unnamed: 0,text\n11,{TEXT}\n")
    assert [a.id for a in read_all([again])[0]] == ["11"]


def test_a_named_id_column_wins_over_the_nameless_one(tmp_path: Path) -> None:
    path = tmp_path / "both.csv"
    path.write_text(f",doc_id,text\n0,x-1,{TEXT}\n")
    [article], problems = read_all([path], Settings(field_columns=(("id", "doc_id"),)))
    assert article.id == "x-1"
    assert [p.reason for p in problems] == ["no publication date"]


@pytest.mark.parametrize(
    ("header", "row", "expected"),
    [
        (
            "id,body,publisher,headline,link",
            f"a,{TEXT},Reuters,Titel,https://x.example",
            ("Reuters", "Titel"),
        ),
        ("id,content,source", f"a,{TEXT},dpa", ("dpa", None)),
        ("id,text,outlet,source", f"a,{TEXT},taz,dpa", ("taz", None)),  # outlet before its aliases
    ],
)
def test_other_usual_names_of_fields(
    tmp_path: Path, header: str, row: str, expected: tuple[str, str | None]
) -> None:
    path = tmp_path / "aliases.csv"
    path.write_text(f"{header}\n{row}\n")
    [article], _ = read_all([path])
    assert (article.text, article.outlet, article.title) == (TEXT, *expected)


def test_columns_chosen_for_fields(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(f"Kennung;Volltext;Datum;Quelle;Sprache\nk-1;{TEXT};2017-03-30;Spiegel;de\n")
    chosen = (
        ("id", "Kennung"),
        ("text", "Volltext"),
        ("published", "Datum"),
        ("outlet", "Quelle"),
        ("language", "Sprache"),
    )
    [article], problems = read_all([path], Settings(field_columns=chosen))
    assert problems == []
    assert (article.id, article.text, article.outlet, article.language) == ("k-1", TEXT, "Spiegel", "de")
    assert article.published is not None and article.published.value == "2017-03-30"


def test_a_chosen_column_the_file_lacks_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(f"id,text\na,{TEXT}\n")
    _, problems = read_all([path], Settings(field_columns=(("outlet", "Quelle"),)))
    assert [p.reason for p in fatal(problems)] == [
        "no column 'quelle' for the outlet (--outlet-column) in header ['id', 'text']"
    ]


def test_chosen_keys_in_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"uid": "u-1", "story": TEXT, "site": "Zeit"}) + "\n")
    chosen = (("id", "uid"), ("text", "story"), ("outlet", "site"))
    [article], _ = read_all([path], Settings(field_columns=chosen))
    assert (article.id, article.text, article.outlet) == ("u-1", TEXT, "Zeit")


def test_unknown_fields_cannot_be_chosen() -> None:
    with pytest.raises(ValueError, match="field_columns"):
        Settings(field_columns=(("author", "Autor"),))
    assert pick_fields({"Quelle": "taz", "outlet": "x"}, {"outlet": "Quelle"}) == {"outlet": "taz"}
