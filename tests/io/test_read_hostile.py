"""Hostile input is a reported problem of one document, never an exception that stops the batch."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from io_read_helpers import fatal, read_all, warnings

from lagebild.io import readers
from lagebild.io.fields import Located
from lagebild.io.readers import read_located
from lagebild.settings import Settings

TEXT = "Die Nato verlangte am Montag von Moskau einen Bericht über die Manöver."


def good_line(doc_id: str) -> str:
    return json.dumps({"id": doc_id, "text": TEXT, "published": "2023-05-01"})


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"id": ' + "9" * 5000 + ', "text": "x"}', "a JSON number has more than 4300 digits"),
        ("[" * 200_000 + "]" * 200_000, "JSON nested too deeply"),
        ('{"a": ' * 5000 + "1" + "}" * 5000, "JSON nested too deeply"),
        (json.dumps({"id": "x" * 1001, "text": TEXT}), "id longer than 1000 characters (1001)"),
        (json.dumps({"id": "n", "text": TEXT + "\x00"}), "text holds a NUL character at offset 71"),
        (json.dumps({"id": "y", "text": TEXT, "published": "0001-01-01"}), "outside the years 1800–2100"),
        (json.dumps({"id": "y", "text": TEXT, "published": "9999-12"}), "outside the years 1800–2100"),
        (json.dumps({"id": "y", "text": TEXT, "published": "1799"}), "outside the years 1800–2100"),
        (json.dumps({"id": "y", "text": TEXT, "published": "2101-01-01"}), "outside the years 1800–2100"),
    ],
)
def test_hostile_jsonl_line_is_one_problem_and_the_file_goes_on(
    tmp_path: Path, line: str, reason: str
) -> None:
    path = write_lines(tmp_path / "feed.jsonl", [good_line("a"), line, good_line("b")])
    articles, problems = read_all([path])
    assert [a.id for a in articles] == ["a", "b"]
    [problem] = fatal(problems)
    assert problem.where.startswith(f"{path}:2")
    assert reason in problem.reason


@pytest.mark.parametrize("published", ["1800", "1800-01-01", "2100-12-31", "2100"])
def test_years_1800_to_2100_are_accepted(tmp_path: Path, published: str) -> None:
    path = write_lines(
        tmp_path / "feed.jsonl", [json.dumps({"id": "a", "text": TEXT, "published": published})]
    )
    [article], _ = read_all([path])
    assert article.published is not None and article.published.value == published


def test_control_characters_are_a_warning(tmp_path: Path) -> None:
    record = {"id": "c", "text": TEXT + " \x07\x1b[0m\x85", "published": "2023"}
    path = write_lines(tmp_path / "feed.jsonl", [json.dumps(record)])
    [article], problems = read_all([path])
    assert article.text.endswith("\x85")
    assert [w.reason for w in warnings(problems)] == ["text holds 3 control character(s); kept as they are"]


def test_long_ids_are_shortened_in_reports(tmp_path: Path) -> None:
    long_id = "é" * 5000
    path = write_lines(tmp_path / "feed.jsonl", [json.dumps({"id": long_id, "text": TEXT})])
    _, [problem] = read_all([path])
    assert problem.where == f"{path}:1 (id={'é' * 79}…)"


@pytest.mark.parametrize(
    ("data", "explained"),
    [
        (f" date 2023-05-01 {TEXT}".encode("utf-16"), "(UTF-16 text; save it as UTF-8)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "(a PDF file)"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xb6", "(a zip archive or office document)"),
        (f" date 2023-05-01 {TEXT} Übergriffe".encode("latin-1"), "not UTF-8: byte 0xfc at offset 71"),
    ],
)
def test_text_files_in_other_encodings_say_what_they_look_like(
    tmp_path: Path, data: bytes, explained: str
) -> None:
    (tmp_path / "doc.txt").write_bytes(data)
    _, [problem] = read_all([tmp_path / "doc.txt"])
    assert problem.reason.startswith("not UTF-8") and explained in problem.reason


def test_symlink_loops_fifos_and_unreadable_files_are_problems(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "self").symlink_to(tmp_path)  # a folder linking to itself is not followed
    os.mkfifo(tmp_path / "pipe.jsonl")
    (tmp_path / "z.txt").write_text(f" date 2023-05-01 {TEXT}", encoding="utf-8")
    articles, problems = read_all([tmp_path])
    assert [a.id for a in articles] == ["z"]
    reasons = {Path(p.where).name: p.reason for p in problems}
    assert reasons == {
        "a.txt": "cannot read: Too many levels of symbolic links",
        "b.txt": "cannot read: Too many levels of symbolic links",
        "pipe.jsonl": "not a regular file (a named pipe, device or socket)",
    }
    _, [named] = read_all([tmp_path / "a.txt"])
    assert named.reason == "cannot read: Too many levels of symbolic links"


def test_a_file_that_cannot_be_opened_is_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(f" date 2023-05-01 {TEXT}", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f" date 2023-05-01 {TEXT}", encoding="utf-8")
    opened = Path.open

    def refuse_a(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "a.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return opened(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", refuse_a)
    articles, [problem] = read_all([tmp_path])
    assert [a.id for a in articles] == ["b"]
    assert problem.reason == "cannot read: Permission denied"


def test_a_folder_that_cannot_be_listed_is_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(f" date 2023-05-01 {TEXT}", encoding="utf-8")
    walk = os.walk

    def failing_walk(top: Path, onerror: object = None, **kwargs: object) -> Iterator[object]:
        for entry in walk(top, **kwargs):  # type: ignore[call-overload]
            yield entry
            if callable(onerror):
                onerror(PermissionError(13, "Permission denied", str(tmp_path / "sub")))
                return

    monkeypatch.setattr(readers.os, "walk", failing_walk)
    articles, [problem] = read_all([tmp_path])
    assert [a.id for a in articles] == ["a"]
    assert (
        problem.where == str(tmp_path / "sub") and problem.reason == "cannot list folder: Permission denied"
    )


def test_an_unforeseen_reader_failure_costs_only_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(path: Path, settings: Settings) -> Iterator[Located]:
        raise RecursionError("maximum recursion depth exceeded")
        yield  # a generator, like the real readers

    write_lines(tmp_path / "a.jsonl", [good_line("a")])
    (tmp_path / "b.txt").write_text(f" date 2023-05-01 {TEXT}", encoding="utf-8")
    monkeypatch.setitem(readers.READERS, ".jsonl", broken)
    articles, [problem] = read_all([tmp_path])
    assert [a.id for a in articles] == ["b"]
    assert problem.where == str(tmp_path / "a.jsonl")
    assert problem.reason == "reading failed: RecursionError: maximum recursion depth exceeded"


def test_read_located_names_the_line_and_id_of_every_article(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "feed.jsonl", [good_line("a"), "", good_line("b")])
    (tmp_path / "c.txt").write_text(f" date 2023-05-01 {TEXT}", encoding="utf-8")
    located = [
        (item.where, getattr(item.outcome, "id", None)) for item in read_located([tmp_path], Settings())
    ]
    assert located == [(f"{tmp_path / 'c.txt'}", "c"), (f"{path}:1 (id=a)", "a"), (f"{path}:3 (id=b)", "b")]


# -- web pages ---------------------------------------------------------------------------------

ARTICLE_PAGE = (
    "<html><head><meta charset='{charset}'><title>Bericht</title></head><body><article>"
    "<p>Die Nato verlangte am Montag von Moskau einen Bericht über die Manöver an der Grenze zu Polen. "
    "Der Generalsekretär sagte, die Übungen gefährdeten die Sicherheit der Nachbarn.</p>"
    "</article></body></html>"
)


@pytest.mark.parametrize("charset", ["hex", "base64", "rot13", "zip", "no-such-charset"])
def test_a_declared_charset_that_is_no_text_encoding_is_reported(tmp_path: Path, charset: str) -> None:
    (tmp_path / "page.html").write_bytes(ARTICLE_PAGE.format(charset=charset).encode("latin-1"))
    _, [problem] = read_all([tmp_path / "page.html"])
    assert problem.reason.startswith("not UTF-8")
    assert f"the declared charset {charset!r} is not a known text encoding" in problem.reason


def test_a_declared_latin1_page_and_a_utf16_page_are_read(tmp_path: Path) -> None:
    (tmp_path / "latin.html").write_bytes(ARTICLE_PAGE.format(charset="iso-8859-1").encode("latin-1"))
    (tmp_path / "utf16.html").write_bytes(ARTICLE_PAGE.format(charset="utf-16").encode("utf-16"))
    articles, problems = read_all([tmp_path])
    assert fatal(problems) == []
    assert [a.id for a in articles] == ["latin", "utf16"]
    assert all("Übungen" in a.text for a in articles)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (
            f"<html><body>{'<div>' * 10_000}<p>{TEXT}</p>{'</div>' * 10_000}</body></html>".encode(),
            "no main text",
        ),
        (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "not an HTML page"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "(a PDF file)"),
    ],
)
def test_pathological_pages_are_problems(tmp_path: Path, data: bytes, reason: str) -> None:
    (tmp_path / "page.html").write_bytes(data)
    _, [problem] = read_all([tmp_path / "page.html"])
    assert reason in problem.reason
