"""The seed text format: a `` date YYYY-MM`` header on the first paragraph's line."""

from __future__ import annotations

from pathlib import Path

from io_read_helpers import fatal, read_all, warnings

from lagebild.io.seed import split_header

GERMAN_BODY = (
    "Die Bundesregierung hat am Dienstag weitere Hilfen für die Ukraine zugesagt. "
    "Verteidigungsminister Müller sagte in Berlin, man werde die Lieferungen fortsetzen.\n\n"
    "Die Opposition kritisierte das Tempo der Entscheidung."
)


def test_seed_article_from_shared(shared_dir: Path) -> None:
    articles, problems = read_all([shared_dir / "seed" / "seed_article.txt"])
    assert problems == []
    [article] = articles
    assert article.id == "seed_article"
    assert article.text[:8] == "Die Nato"
    assert article.published is not None
    assert article.published.value == "2017-03"
    assert article.published.granularity == "month"
    assert article.source_path is not None and article.source_path.endswith("seed_article.txt")


def test_header_on_first_line_keeps_text_exactly(tmp_path: Path) -> None:
    path = tmp_path / "hilfe.txt"
    path.write_text(" date 2023-05-16 " + GERMAN_BODY, encoding="utf-8")
    [article], problems = read_all([path])
    assert problems == []
    assert article.text == GERMAN_BODY
    assert article.published is not None
    assert (article.published.value, article.published.granularity) == ("2023-05-16", "day")


def test_header_without_leading_space_and_year_only(tmp_path: Path) -> None:
    path = tmp_path / "jahr.txt"
    path.write_text("date 2016 " + GERMAN_BODY, encoding="utf-8")
    [article], _ = read_all([path])
    assert article.published is not None
    assert article.published.granularity == "year"
    assert article.text.startswith("Die Bundesregierung")


def test_header_alone_on_its_line(tmp_path: Path) -> None:
    path = tmp_path / "zeile.txt"
    path.write_text("date 2017-03\n" + GERMAN_BODY, encoding="utf-8")
    [article], _ = read_all([path])
    assert article.text.startswith("Die Bundesregierung")


def test_text_without_header_is_an_undated_article(tmp_path: Path) -> None:
    path = tmp_path / "ohne_datum.txt"
    path.write_text(GERMAN_BODY, encoding="utf-8")
    articles, problems = read_all([path])
    assert [a.id for a in articles] == ["ohne_datum"]
    assert articles[0].published is None
    assert articles[0].text == GERMAN_BODY
    [warning] = warnings(problems)
    assert "no publication date" in warning.reason
    assert warning.where == str(path)


def test_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf date 2017-03 " + GERMAN_BODY.encode())
    [article], problems = read_all([path])
    assert problems == []
    assert article.text == GERMAN_BODY
    assert article.published is not None and article.published.value == "2017-03"


def test_impossible_header_date_skips_the_file(tmp_path: Path) -> None:
    for name, header in (("februar", "date 2017-02-30"), ("monat", "date 2017-13")):
        (tmp_path / f"{name}.txt").write_text(f"{header} {GERMAN_BODY}", encoding="utf-8")
    articles, problems = read_all([tmp_path])
    assert articles == []
    assert sorted(Path(p.where).name for p in fatal(problems)) == ["februar.txt", "monat.txt"]
    assert all("bad publication date" in p.reason for p in problems)


def test_split_header_variants() -> None:
    assert split_header(" date 2017-03 Die Nato") == ("2017-03", "Die Nato")
    assert split_header("date 2017-03-30\r\nText") == ("2017-03-30", "Text")
    assert split_header("Datenschutz ist wichtig.") == (None, "Datenschutz ist wichtig.")
    assert split_header("date night in Paris") == (None, "date night in Paris")
