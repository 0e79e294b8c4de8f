"""A generated folder of hostile documents mixed with good articles, for the robustness tests.

``make_corpus(folder)`` writes everything and returns what a correct ingest must do with it: the
ids of the good articles (each must be stored) and, per bad document, the place a report must
name (each must be reported). The good articles are written here, not taken from a corpus, so
the test knows exactly what they are.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
from dataclasses import dataclass, field
from pathlib import Path

GOOD_SENTENCES = [
    "Die Nato verlangte am Montag von Moskau einen Bericht über die Manöver an der Grenze.",
    "Bundeskanzler Scholz traf am Dienstag den französischen Präsidenten in Paris.",
    "Die Europäische Union verhängte neue Sanktionen gegen Russland.",
    "Polen kritisierte die Regierung in Minsk wegen der Lage an der Grenze.",
    "Die Ukraine bat die Vereinten Nationen um humanitäre Hilfe für Charkiw.",
    "Frankreich lieferte weitere Panzer an die ukrainische Armee.",
    "Der türkische Außenminister telefonierte mit seinem griechischen Amtskollegen.",
    "NATO asked Moscow on Monday for a report on the exercises near the border.",
    "The German chancellor met the French president in Paris on Tuesday.",
    "Poland criticised the government in Minsk over the situation at the border.",
]


def good_text(index: int) -> str:
    """A short, ordinary article (two sentences), different for every index."""
    first = GOOD_SENTENCES[index % len(GOOD_SENTENCES)]
    second = GOOD_SENTENCES[(index * 3 + 1) % len(GOOD_SENTENCES)]
    return f"{first} {second} Meldung {index}."


@dataclass
class Corpus:
    """What a correct ingest of the folder does."""

    good_ids: list[str] = field(default_factory=list)
    bad: dict[str, str] = field(default_factory=dict)
    """A label per bad document, with the place (file name, or ``name:line``) its report names."""
    warned: dict[str, str] = field(default_factory=dict)
    """Documents that are stored but must be reported with a warning."""


def make_corpus(folder: Path, *, unpunctuated_bytes: int = 150_000) -> Corpus:
    """Write the hostile folder; see the module docstring."""
    corpus = Corpus()
    _text_files(folder, corpus, unpunctuated_bytes)
    _jsonl_file(folder, corpus)
    _csv_file(folder, corpus)
    _html_files(folder, corpus)
    _special_files(folder, corpus)
    return corpus


def _text_files(folder: Path, corpus: Corpus, unpunctuated_bytes: int) -> None:
    for index in range(8):
        name = f"gut_{index:02d}"
        text = f" date 2023-05-{index + 1:02d} {good_text(index)}"
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        corpus.good_ids.append(name)
    rng = random.Random(11)
    bad = {
        "binary.txt": bytes(rng.randrange(256) for _ in range(4096)),
        "utf16.txt": f" date 2023-05-01 {good_text(1)}".encode("utf-16"),
        "latin1.txt": f" date 2023-05-01 {good_text(2)} Übergriffe".encode("latin-1"),
        "nul.txt": f" date 2023-05-01 {good_text(3)}\x00\x00\x00".encode(),
        "year_one.txt": b" date 0001-01-01 Die Nato verlangte gestern von Moskau einen Bericht.",
        "year_9999.txt": b" date 9999-12-31 Die Nato will morgen mit Moskau reden.",
        "year_1799.txt": f" date 1799-07 {good_text(4)}".encode(),
        "feb30.txt": f" date 2023-02-30 {good_text(5)}".encode(),
        "empty.txt": b" date 2023-05-01 \n\n  \n",
    }
    for name, data in bad.items():
        (folder / name).write_bytes(data)
        corpus.bad[name] = name
    words = ("die", "Nato", "und", "Russland", "Polen", "verlangt", "fordert", "trifft", "mit", "von")
    unpunctuated = " ".join(rng.choice(words) for _ in range(unpunctuated_bytes // 7))
    (folder / "unpunctuated.txt").write_text(f" date 2023-05-01 {unpunctuated}", encoding="utf-8")
    corpus.bad["unpunctuated.txt"] = "unpunctuated.txt"
    controls = f" date 2023-05-09 {good_text(9)} \x07\x1b[31m rot \x1b[0m"
    (folder / "controls.txt").write_text(controls, encoding="utf-8")
    corpus.good_ids.append("controls")
    corpus.warned["controls.txt"] = "controls.txt"


def _jsonl_file(folder: Path, corpus: Corpus) -> None:
    lines: list[str] = []

    def good(doc_id: str, index: int) -> None:
        lines.append(json.dumps({"id": doc_id, "text": good_text(index), "published": "2023-06-01"}))
        corpus.good_ids.append(doc_id)

    def bad(label: str, line: str) -> None:
        lines.append(line)
        corpus.bad[label] = f"feed.jsonl:{len(lines)}"

    good("j-01", 10)
    bad("id of 5,000 digits", '{"id": ' + "9" * 5000 + ', "text": "Die Nato verlangt einen Bericht."}')
    good("j-02", 11)
    bad("JSON nested 200,000 deep", "[" * 200_000 + "]" * 200_000)
    good("j-03", 12)
    bad("repeated id", json.dumps({"id": "j-01", "text": good_text(13), "published": "2023-06-02"}))
    bad("malformed JSON", '{"id": "x", "text": "kaputt"')
    bad("not an object", '["Die Nato", "verlangt"]')
    bad("id of 2,000 characters", json.dumps({"id": "x" * 2000, "text": good_text(14)}))
    bad("text of the wrong type", json.dumps({"id": "zahl", "text": 12345}))
    good("j-04", 15)
    bad("bad bytes", '{"id": "latin", "text": "M\udcfcller"}')
    good("j-05", 16)
    # The lone surrogate becomes the byte 0xfc: Latin-1 inside a UTF-8 file.
    (folder / "feed.jsonl").write_bytes("\n".join(lines).encode("utf-8", "surrogateescape") + b"\n")


def _csv_file(folder: Path, corpus: Corpus) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "published", "text"])
    writer.writerow(["c-01", "2023-07-01", good_text(17)])
    rows = out.getvalue()
    # Line 3: a quote that never closes, before good rows that must not be swallowed.
    rows += 'c-bad,2023-07-02,"Die Nato verlangte einen Bericht, doch das Zitat endet nie\n'
    corpus.bad["unclosed CSV quote"] = "tabelle.csv:3"
    tail = io.StringIO()
    tail_writer = csv.writer(tail, lineterminator="\n")
    tail_writer.writerow(["c-02", "2023-07-03", good_text(18) + "\nZweiter Absatz, mit Komma."])
    tail_writer.writerow(["c-03", "2023-07-04", good_text(19), "überzählig"])
    tail_writer.writerow(["c-04", "2023-07-05", good_text(20)])
    rows += tail.getvalue()
    corpus.bad["CSV row with an extra field"] = "tabelle.csv:6"
    (folder / "tabelle.csv").write_text(rows, encoding="utf-8")
    corpus.good_ids += ["c-01", "c-02", "c-04"]


def _html_files(folder: Path, corpus: Corpus) -> None:
    for index in range(2):
        name = f"seite_{index}"
        page = (
            f'<html lang="de"><head><meta charset="utf-8"><title>Seite {index}</title>'
            '<meta property="article:published_time" content="2023-08-01T10:00:00+02:00"></head>'
            f"<body><article><p>{good_text(21 + index)}</p><p>{good_text(23 + index)}</p></article>"
            "</body></html>"
        )
        (folder / f"{name}.html").write_text(page, encoding="utf-8")
        corpus.good_ids.append(name)
    hex_page = (
        '<html><head><meta charset="hex"><title>x</title></head><body><article><p>'
        + good_text(25)
        + " Übergriffe.</p></article></body></html>"
    )
    (folder / "hex_charset.html").write_bytes(hex_page.encode("latin-1"))
    corpus.bad["charset hex"] = "hex_charset.html"
    deep = "<div>" * 10_000 + f"<p>{good_text(26)}</p>" + "</div>" * 10_000
    deep = f"<html><body>{deep}</body></html>"
    (folder / "nested.html").write_text(deep, encoding="utf-8")
    corpus.bad["10k nested elements"] = "nested.html"
    pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n%%EOF\n"
    (folder / "bericht.html").write_bytes(pdf)
    corpus.bad["PDF named .html"] = "bericht.html"
    empty_page = "<html><head><title>Leer</title></head><body><script>var x = 1;</script></body></html>"
    (folder / "leer.html").write_text(empty_page, encoding="utf-8")
    corpus.bad["page without text"] = "leer.html"


def _special_files(folder: Path, corpus: Corpus) -> None:
    sub = folder / "spezial"
    sub.mkdir()
    (sub / "loop_a.txt").symlink_to(sub / "loop_b.txt")
    (sub / "loop_b.txt").symlink_to(sub / "loop_a.txt")
    corpus.bad["symlink loop a"] = "loop_a.txt"
    corpus.bad["symlink loop b"] = "loop_b.txt"
    (sub / "dir_loop").symlink_to(sub)  # a folder linking to itself: not followed
    os.mkfifo(sub / "pipe.txt")
    corpus.bad["named pipe"] = "pipe.txt"
    locked = sub / "gesperrt.txt"
    locked.write_text(f" date 2023-05-01 {good_text(27)}", encoding="utf-8")
    locked.chmod(0)
    if os.access(locked, os.R_OK):  # root reads anything: then it is a good article
        corpus.good_ids.append("gesperrt")
    else:
        corpus.bad["unreadable file"] = "gesperrt.txt"
    (sub / "gross.txt").write_bytes(b" date 2023-05-01 " + b"Nato " * 1_100_000)
    corpus.bad["text over max_document_bytes"] = "gross.txt"
