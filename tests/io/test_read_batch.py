"""Whole batches: folders, mixed formats, and bad documents that stop nothing else."""

from __future__ import annotations

import io
import json
from pathlib import Path

from io_read_helpers import fatal, read_all

from lagebild.io import read_documents
from lagebild.model import Article
from lagebild.settings import Settings

KIEW = "Die ukrainische Regierung meldete am Sonntag neue Angriffe auf die Hafenstadt Odessa."
LONDON = "The British foreign secretary met his Polish counterpart in London on Tuesday."


def make_batch(folder: Path) -> None:
    """A folder of good and bad documents in every format, with a subfolder and a hidden file."""
    (folder / "b_kiew.txt").write_text(f" date 2023-07-23 {KIEW}", encoding="utf-8")
    (folder / "a_london.TXT").write_text(f"date 2023-07 {LONDON}", encoding="utf-8")
    (folder / "c_latin1.txt").write_bytes(f"date 2023-07 {KIEW}".encode("latin-1") + b" \xfc\xe4")
    (folder / "d_leer.txt").write_text("date 2023-07-01 \n\n   \n", encoding="utf-8")
    (folder / "e_gross.txt").write_text("date 2023-07-01 " + KIEW * 10, encoding="utf-8")
    (folder / "f_feb.txt").write_text(f"date 2017-02-30 {KIEW}", encoding="utf-8")
    (folder / "notizen.md").write_text("# nicht lesen", encoding="utf-8")
    (folder / ".versteckt.txt").write_text(f"date 2023-07 {KIEW}", encoding="utf-8")
    sub = folder / "unter"
    sub.mkdir()
    lines = [
        json.dumps({"id": "j1", "text": LONDON, "published": "2023-07-18"}),
        "{nicht json}",
        json.dumps({"id": "j3", "text": KIEW, "published": "2023-07-19"}),
    ]
    (sub / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (sub / "tabelle.csv").write_text(f"id,published,text\nc1,2023-07-20,{LONDON}\n", encoding="utf-8")


def test_folder_is_read_sorted_and_bad_documents_do_not_stop_it(tmp_path: Path) -> None:
    make_batch(tmp_path)
    articles, problems = read_all([tmp_path], Settings(max_document_bytes=400))
    assert [a.id for a in articles] == ["a_london", "b_kiew", "j1", "j3", "c1"]
    reasons = {Path(p.where).name: p.reason for p in fatal(problems)}
    assert reasons.keys() == {"c_latin1.txt", "d_leer.txt", "e_gross.txt", "f_feb.txt", "feed.jsonl:2"}
    assert reasons["c_latin1.txt"].startswith("not UTF-8: byte 0xfc")
    assert reasons["d_leer.txt"] == "empty text"
    assert reasons["e_gross.txt"] == "text larger than max_document_bytes (400 bytes)"
    assert "impossible date" in reasons["f_feb.txt"]
    assert reasons["feed.jsonl:2"].startswith("malformed JSON")


def test_reading_twice_gives_the_same_result(tmp_path: Path) -> None:
    make_batch(tmp_path)
    assert read_all([tmp_path]) == read_all([tmp_path])


def test_missing_and_unsupported_paths_are_problems(tmp_path: Path) -> None:
    (tmp_path / "bericht.pdf").write_bytes(b"%PDF-1.4")
    good = tmp_path / "gut.txt"
    good.write_text(f"date 2023-07-23 {KIEW}", encoding="utf-8")
    articles, problems = read_all([tmp_path / "fehlt.jsonl", tmp_path / "bericht.pdf", good])
    assert [a.id for a in articles] == ["gut"]
    assert [(Path(p.where).name, p.reason) for p in problems] == [
        ("fehlt.jsonl", "no such file or folder"),
        ("bericht.pdf", "unsupported format '.pdf'"),
    ]


class OneLineThenBroken(io.BytesIO):
    """A stream that fails on any read after its first line: only a lazy reader gets past it."""

    def __init__(self, first_line: bytes) -> None:
        super().__init__(first_line)
        self.reads = 0

    def readline(self, size: int | None = -1, /) -> bytes:
        self.reads += 1
        if self.reads > 1:
            raise AssertionError("read ahead of what was asked for")
        return super().readline(size)


def test_reading_is_lazy() -> None:
    line = json.dumps({"id": "n0", "text": LONDON, "published": "2023-07-18"}).encode() + b"\n"
    stream = read_documents(["-"], Settings(), stdin=OneLineThenBroken(line))
    first = next(stream)
    assert isinstance(first, Article) and first.id == "n0"


def test_problem_text_says_skipped_or_warning(tmp_path: Path) -> None:
    path = tmp_path / "ohne.txt"
    path.write_text(LONDON, encoding="utf-8")
    _, [problem] = read_all([path])
    assert str(problem) == f"{path}: warning: no publication date"
