"""CSV: an unclosed quote costs its own row only; delimiter, quote character and header are options."""

from __future__ import annotations

from pathlib import Path

import pytest
from io_read_helpers import fatal, read_all

from lagebild.settings import Settings

A = "Die Nato verlangte am Montag einen Bericht."
B = "Polen kritisierte die Regierung in Minsk."
C = "Frankreich lieferte weitere Panzer."


def csv_file(tmp_path: Path, content: str, name: str = "t.csv") -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def test_unclosed_quote_before_quoted_rows(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        f'id,published,text\na,2023-01-01,"{A}\nb,2023-01-02,"{B}, mit Komma"\nc,2023-01-03,{C}\n',
    )
    articles, problems = read_all([path])
    assert [(a.id, a.text) for a in articles] == [("b", f"{B}, mit Komma"), ("c", C)]
    [problem] = problems
    assert problem.where == f"{path}:2"
    assert problem.reason.startswith("unclosed quote: a quoted field runs into the next rows")
    assert problem.reason.endswith("reading goes on with line 3")


def test_unclosed_quote_running_to_the_end_of_the_file(tmp_path: Path) -> None:
    path = csv_file(tmp_path, f'id,published,text\na,2023-01-01,{A}\nb,2023-01-02,"{B}\nc,2023-01-03,{C}\n')
    articles, [problem] = read_all([path])
    assert [a.id for a in articles] == ["a", "c"]
    assert problem.where == f"{path}:3"
    assert problem.reason == (
        "unclosed quote: the quoted field that opens in this row never closes; reading goes on with line 4"
    )


def test_unclosed_quote_in_the_last_row(tmp_path: Path) -> None:
    path = csv_file(tmp_path, f'id,text\na,{A}\nb,"{B}\n')
    articles, problems = read_all([path])
    assert [a.id for a in articles] == ["a"]
    [problem] = fatal(problems)
    assert problem.where == f"{path}:3" and "never closes" in problem.reason


def test_quoted_line_breaks_and_doubled_quotes_still_work(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        f'id,text\na,"{A}\n\nZweiter Absatz mit ""Zitat"", und Komma."\nb,"{B}"\n',
    )
    articles, problems = read_all([path])
    assert fatal(problems) == []
    assert [a.text for a in articles] == [f'{A}\n\nZweiter Absatz mit "Zitat", und Komma.', B]


def test_a_quote_closed_in_mid_field_is_a_malformed_row(tmp_path: Path) -> None:
    path = csv_file(tmp_path, f'id,text\na,"{A}" und mehr\nb,{B}\n')
    articles, problems = read_all([path])
    assert [a.id for a in articles] == ["b"]
    [problem] = fatal(problems)
    assert problem.where == f"{path}:2"
    assert problem.reason == "malformed CSV row: ',' expected after '\"'"


def test_delimiter_and_quote_character_options(tmp_path: Path) -> None:
    path = csv_file(tmp_path, f"id;text;published\na;'{A}; mit Semikolon';2023-01-01\nb;{B};2023\n")
    articles, problems = read_all([path], Settings(csv_delimiter=";", csv_quotechar="'"))
    assert problems == []
    assert [(a.id, a.text) for a in articles] == [("a", f"{A}; mit Semikolon"), ("b", B)]


def test_explicit_delimiter_wins_over_the_guess(tmp_path: Path) -> None:
    # The header splits best on commas, but the file says otherwise.
    path = csv_file(tmp_path, f"id|text\na|{A}, {B}\n")
    articles, _ = read_all([path], Settings(csv_delimiter="|"))
    assert [(a.id, a.text) for a in articles] == [("a", f"{A}, {B}")]


def test_no_header_takes_the_default_column_order(tmp_path: Path) -> None:
    path = csv_file(tmp_path, f"a,{A},2023-01-01\nb,{B},2023-01-02\n")
    articles, problems = read_all([path], Settings(csv_header=False))
    assert [w for w in problems if w.fatal] == []
    assert [(a.id, a.text, a.published and a.published.value) for a in articles] == [
        ("a", A, "2023-01-01"),
        ("b", B, "2023-01-02"),
    ]


def test_columns_name_a_headerless_file(tmp_path: Path) -> None:
    path = csv_file(tmp_path, f"2023-01-01\t{A}\ta\n")
    settings = Settings(csv_header=False, csv_columns=("published", "text", "id"), csv_delimiter="\t")
    [article], _ = read_all([path], settings)
    assert (article.id, article.text) == ("a", A)


def test_columns_replace_the_header(tmp_path: Path) -> None:
    path = csv_file(tmp_path, f"Kennung,Datum,Inhalt\na,2023-01-01,{A}\n")
    _, [problem] = read_all([path])
    assert problem.reason.startswith("no 'text' column")
    [article], _ = read_all([path], Settings(csv_columns=("id", "published", "text")))
    assert (article.id, article.text) == ("a", A)


def test_columns_without_text_are_reported(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "a,b\n")
    _, problems = read_all([path], Settings(csv_header=False, csv_columns=("id", "title")))
    assert [p.reason for p in fatal(problems)] == [
        "no 'text' column in header ['id', 'title']; name it with --text-column"
    ]


@pytest.mark.parametrize(
    "overrides",
    [{"csv_delimiter": ";;"}, {"csv_delimiter": "\n"}, {"csv_quotechar": ""}, {"csv_delimiter": '"'}],
)
def test_bad_csv_settings_are_refused(overrides: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="csv_"):
        Settings(**overrides)  # type: ignore[arg-type]
