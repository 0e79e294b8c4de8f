"""JSON Lines and CSV input: many articles per file, each bad record skipped on its own."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from io_read_helpers import fatal, read_all, warnings

from lagebild.io import read_documents
from lagebild.io.tabular import choose_delimiter
from lagebild.model import Article
from lagebild.settings import Settings

BERLIN = (
    "Bundeskanzler Scholz empfing am Montag den polnischen Ministerpräsidenten im Kanzleramt. "
    "Beide Seiten vereinbarten eine engere Zusammenarbeit beim Grenzschutz."
)
VILNIUS = (
    "Lithuania's defence ministry said on Thursday that it would buy additional air defence systems. "
    "The purchase follows talks with Germany and the Netherlands."
)
PARIS = "Die französische Regierung kündigte am Mittwoch neue Sanktionen gegen Minsk an."


def jsonl(path: Path, records: list[object]) -> Path:
    """Write records as JSON Lines (strings are written verbatim as lines)."""
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_fields_and_aliases(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "feed.jsonl",
        [
            {
                "id": "b1",
                "text": BERLIN,
                "published": "2023-07-03",
                "title": "Treffen in Berlin",
                "url": "https://example.org/b1",
                "outlet": "Beispielzeitung",
                "language": "DE",
                "section": "Politik",
            },
            {"id": 42, "text": VILNIUS, "date": "2023-06", "language": "en-GB"},
            {"id": "p3", "text": PARIS, "published": "2023-05-17T08:45:00+02:00"},
        ],
    )
    articles, problems = read_all([path])
    assert [w.reason for w in problems] == [], problems
    berlin, vilnius, paris = articles
    assert berlin == Article(
        id="b1",
        text=BERLIN,
        published=berlin.published,
        title="Treffen in Berlin",
        url="https://example.org/b1",
        outlet="Beispielzeitung",
        language="de",
        source_path=str(path),
    )
    assert berlin.published is not None and berlin.published.value == "2023-07-03"
    assert vilnius.id == "42"
    assert vilnius.language == "en"
    assert vilnius.published is not None and vilnius.published.granularity == "month"
    assert paris.published is not None and paris.published.value == "2023-05-17"
    assert paris.language is None


def test_jsonl_bad_lines_are_skipped_one_by_one(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "gemischt.jsonl",
        [
            {"id": "gut-1", "text": BERLIN, "published": "2023-07-03"},
            '{"id": "kaputt", "text": "Der Satz bricht ab',
            {"id": "leer", "text": "   \n\t ", "published": "2023-07-03"},
            {"id": "feb", "text": PARIS, "published": "2017-02-30"},
            {"id": "monat", "text": PARIS, "published": "2017-13"},
            "[1, 2, 3]",
            {"id": "ohne-text", "published": "2023-07-03"},
            {"id": "gut-2", "text": VILNIUS, "published": "2023-06-29"},
        ],
    )
    articles, problems = read_all([path])
    assert [a.id for a in articles] == ["gut-1", "gut-2"]
    reasons = {p.where: p.reason for p in fatal(problems)}
    assert reasons.keys() == {
        f"{path}:2",
        f"{path}:3 (id=leer)",
        f"{path}:4 (id=feb)",
        f"{path}:5 (id=monat)",
        f"{path}:6",
        f"{path}:7 (id=ohne-text)",
    }
    assert reasons[f"{path}:2"].startswith("malformed JSON")
    assert reasons[f"{path}:3 (id=leer)"] == "empty text"
    assert "impossible date" in reasons[f"{path}:4 (id=feb)"]
    assert "impossible date" in reasons[f"{path}:5 (id=monat)"]
    assert "JSON object" in reasons[f"{path}:6"]
    assert reasons[f"{path}:7 (id=ohne-text)"] == "no text"


def test_jsonl_undecodable_line_names_its_id(tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    good = json.dumps({"id": "ok", "text": BERLIN, "published": "2023-07-03"}, ensure_ascii=False)
    bad = '{"id": "wien", "text": "Gespräche in Wien", "published": "2023-07-03"}'.encode("latin-1")
    path.write_bytes(bad + b"\n" + good.encode() + b"\n")
    articles, problems = read_all([path])
    assert [a.id for a in articles] == ["ok"]
    [problem] = problems
    assert problem.where == f"{path}:1 (id=wien)"
    assert problem.reason.startswith("not UTF-8: byte 0xe4")


def test_jsonl_without_id_or_date_warns_and_keeps_the_article(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "agentur.jsonl", [{"text": VILNIUS}])
    [article], problems = read_all([path])
    assert article.id == "agentur-1"
    assert article.published is None
    assert fatal(problems) == []
    assert sorted(w.reason for w in warnings(problems)) == ["no id; using 'agentur-1'", "no publication date"]


def test_jsonl_with_byte_order_mark_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "bom.ndjson"
    record = json.dumps({"id": "x", "text": PARIS, "published": "2023"}, ensure_ascii=False)
    path.write_bytes(b"\xef\xbb\xbf" + record.encode() + b"\n\n\n")
    [article], problems = read_all([path])
    assert problems == []
    assert article.id == "x"


def test_jsonl_oversized_text_is_skipped(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "gross.jsonl",
        [
            {"id": "lang", "text": BERLIN * 20, "published": "2023"},
            {"id": "kurz", "text": PARIS, "published": "2023"},
        ],
    )
    articles, problems = read_all([path], Settings(max_document_bytes=500))
    assert [a.id for a in articles] == ["kurz"]
    [problem] = problems
    assert problem.where == f"{path}:1 (id=lang)"
    assert "larger than max_document_bytes (500 bytes)" in problem.reason


def test_jsonl_line_beyond_the_line_limit_is_drained(tmp_path: Path) -> None:
    # 100 bytes allowed: a line must stay under 6 * 100 + 1 MiB, so this one is far over it.
    path = jsonl(
        tmp_path / "riesig.jsonl",
        [{"id": "riesig", "text": "x" * (2 << 20)}, {"id": "danach", "text": PARIS, "published": "2023"}],
    )
    articles, problems = read_all([path], Settings(max_document_bytes=100))
    assert [a.id for a in articles] == ["danach"]
    assert [p.where for p in problems] == [f"{path}:1"]


def test_stdin_is_read_as_jsonl() -> None:
    stream = io.BytesIO(json.dumps({"id": "s1", "text": BERLIN, "published": "2023-07-03"}).encode() + b"\n")
    [article] = list(read_documents(["-"], Settings(), stdin=stream))
    assert isinstance(article, Article)
    assert article.id == "s1"
    assert article.source_path == "<stdin>"


def test_csv_with_semicolons_and_quoted_newlines(tmp_path: Path) -> None:
    path = tmp_path / "meldungen.csv"
    path.write_text(
        "id;published;title;text;outlet\n"
        f'm1;2023-07-03;Treffen;"{BERLIN}\n\nZweiter Absatz; mit Semikolon.";Beispielzeitung\n'
        f"m2;2023-06;;{PARIS};\n"
        f"m3;2023-05-17 08:45:00;;{PARIS};\n",
        encoding="utf-8",
    )
    articles, problems = read_all([path])
    assert warnings(problems) == fatal(problems) == []
    first, second, third = articles
    assert first.text == BERLIN + "\n\nZweiter Absatz; mit Semikolon."
    assert first.outlet == "Beispielzeitung"
    assert second.title is None and second.outlet is None
    assert second.published is not None and second.published.granularity == "month"
    assert third.published is not None and third.published.value == "2023-05-17"


def test_csv_bad_rows_name_their_line_and_the_rest_is_read(tmp_path: Path) -> None:
    path = tmp_path / "agentur.csv"
    rows = [
        b"id,date,text",
        b"a1,2023-07-03," + f'"{BERLIN}"'.encode(),
        b'a2,2023-07-03,"Die Gespr\xe4che in Wien dauerten an."',
        b"a3,2017-02-30,Die Sitzung wurde vertagt.",
        b'a4,2023-07-03,"   "',
        b"a5,2023-07-03,Zu,viele,Felder",
        b"a6,2023-07-03,",
        b",2023-06-29," + f'"{VILNIUS}"'.encode(),
    ]
    path.write_bytes(b"\r\n".join(rows) + b"\r\n")
    articles, problems = read_all([path])
    assert [a.id for a in articles] == ["a1", "agentur-8"]
    reasons = {p.where: p.reason for p in fatal(problems)}
    assert reasons == {
        f"{path}:3 (id=a2)": "text holds bytes that are not UTF-8",
        f"{path}:4 (id=a3)": reasons[f"{path}:4 (id=a3)"],
        f"{path}:5 (id=a4)": "empty text",
        f"{path}:6": "row has 5 fields, the header has 3",
        f"{path}:7 (id=a6)": "empty text",
    }
    assert "impossible date" in reasons[f"{path}:4 (id=a3)"]
    assert {w.reason for w in warnings(problems)} == {"no id; using 'agentur-8'"}


def test_csv_long_text_beyond_the_csv_module_default_limit(tmp_path: Path) -> None:
    path = tmp_path / "lang.csv"
    long_text = (BERLIN + " ") * 2000  # about 330 kB, over the csv module's 128 KiB default
    path.write_text(f'id,text\nl1,"{long_text}"\n', encoding="utf-8")
    [article], problems = read_all([path])
    assert len(article.text) == len(long_text)
    assert [p.reason for p in problems] == ["no publication date"]


def test_csv_oversized_text_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "gross.csv"
    path.write_text(f'id,text\ng1,"{BERLIN * 20}"\ng2,{PARIS}\n', encoding="utf-8")
    articles, problems = read_all([path], Settings(max_document_bytes=500))
    assert [a.id for a in articles] == ["g2"]
    assert [(p.where, p.reason) for p in fatal(problems)] == [
        (f"{path}:2 (id=g1)", "text larger than max_document_bytes (500 bytes)")
    ]


def test_csv_without_text_column_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "falsch.csv"
    path.write_text("label,inhalt\nPolitik,Der Bundestag tagte.\n", encoding="utf-8")
    articles, problems = read_all([path])
    assert articles == []
    assert [p.where for p in problems] == [str(path)]
    assert "no 'text' column" in problems[0].reason


def test_csv_without_header_row_is_reported_briefly(tmp_path: Path) -> None:
    path = tmp_path / "ohne_kopf.csv"
    path.write_text(f"Politik;{BERLIN * 5}\nAusland;{PARIS}\n", encoding="utf-8")
    articles, [problem] = read_all([path])
    assert articles == []
    assert problem.reason.startswith("no 'text' column in header ['politik'")
    assert len(problem.reason) < 160


def test_csv_header_beyond_the_line_limit(tmp_path: Path) -> None:
    path = tmp_path / "kopf.csv"
    path.write_text("x" * (2 << 20) + "\n" + "a,b\n", encoding="utf-8")
    articles, problems = read_all([path], Settings(max_document_bytes=100))
    assert articles == []
    assert [p.where for p in problems] == [f"{path}:1"]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("id,text,date\n", ","),
        ("id;text;date\n", ";"),
        ("id\ttext\n", "\t"),
        ('"text";"title"\n', ";"),
        ("text\n", ","),
        ("label;body\n", ";"),
        ("label\n", ","),
    ],
)
def test_choose_delimiter(header: str, expected: str) -> None:
    assert choose_delimiter(header) == expected
