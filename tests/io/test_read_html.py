"""Saved web pages: main text without navigation, date and metadata from the markup, no network."""

from __future__ import annotations

from pathlib import Path

import pytest
from io_read_helpers import fatal, read_all, warnings

PAGE = """<!DOCTYPE html>
<html lang="de-DE">
<head>
  <meta charset="utf-8">
  <title>Baltikum: Bundeswehr verlegt weitere Soldaten nach Litauen | Nordkurier Online</title>
  <meta property="og:title" content="Bundeswehr verlegt weitere Soldaten nach Litauen">
  <meta property="og:site_name" content="Nordkurier Online">
  <meta property="article:published_time" content="2023-06-26T09:15:00+02:00">
  <link rel="canonical" href="https://nordkurier.example/politik/litauen-brigade">
</head>
<body>
  <nav><ul><li><a href="/">Startseite</a></li><li><a href="/politik">Politik</a></li>
  <li><a href="/sport">Sport</a></li>
  <li><a href="/wetter">Wetterbericht und Unwetterwarnungen</a></li></ul></nav>
  <div class="cookie-banner">Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten.</div>
  <main>
    <article>
      <h1>Bundeswehr verlegt weitere Soldaten nach Litauen</h1>
      <p>Die Bundeswehr wird in den kommenden Monaten weitere Soldaten nach Litauen verlegen.
      Das kündigte der Verteidigungsminister am Montag bei einem Besuch in Vilnius an.</p>
      <p>Bis 2027 soll dort eine vollständige Brigade mit rund 4000 Soldatinnen und Soldaten stehen.
      Die litauische Regierung begrüßte die Entscheidung und sagte zu, Kasernen und Übungsplätze
      rechtzeitig bereitzustellen.</p>
      <p>Kritiker in Berlin verwiesen auf die hohen Kosten des Vorhabens, die bislang nicht vollständig
      im Haushalt abgebildet seien.</p>
    </article>
  </main>
  <footer><p>© 2023 Nordkurier Online – Impressum – Datenschutz – Kontakt – Abo kündigen</p></footer>
</body>
</html>
"""

UNDATED_PAGE = """<html><head><title>Hintergrund</title></head><body><article>
<p>Die Vereinten Nationen haben erneut zu einer Waffenruhe im Sudan aufgerufen. Der Generalsekretär
verwies auf die dramatische Lage der Zivilbevölkerung in Khartum und in Darfur.</p>
<p>Hilfsorganisationen berichten von Engpässen bei Lebensmitteln, Wasser und Medikamenten. Viele
Menschen sind in die Nachbarländer Tschad und Ägypten geflohen.</p>
</article></body></html>
"""


def test_page_yields_main_text_date_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "litauen-brigade.html"
    path.write_text(PAGE, encoding="utf-8")
    [article], problems = read_all([path])
    assert problems == []
    assert article.id == "litauen-brigade"
    assert "Die Bundeswehr wird in den kommenden Monaten" in article.text
    assert "Kritiker in Berlin" in article.text
    for boilerplate in ("Startseite", "Wetterbericht", "Cookies", "Impressum"):
        assert boilerplate not in article.text
    assert article.published is not None
    assert (article.published.value, article.published.granularity) == ("2023-06-26", "day")
    assert article.title == "Bundeswehr verlegt weitere Soldaten nach Litauen"
    assert article.url == "https://nordkurier.example/politik/litauen-brigade"
    assert article.outlet == "Nordkurier Online"
    assert article.language == "de"


def test_page_in_declared_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "alt.htm"
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1252"')
    path.write_bytes(page.encode("cp1252"))
    [article], problems = read_all([path])
    assert problems == []
    assert "Die litauische Regierung begrüßte" in article.text


def test_undeclared_non_utf8_page_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "kaputt.html"
    path.write_bytes(UNDATED_PAGE.encode("latin-1"))
    articles, problems = read_all([path])
    assert articles == []
    [problem] = fatal(problems)
    assert problem.where == str(path)
    assert problem.reason.startswith("not UTF-8")


def test_page_without_date_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "sudan.html"
    path.write_text(UNDATED_PAGE, encoding="utf-8")
    [article], problems = read_all([path])
    assert article.published is None
    assert "Waffenruhe im Sudan" in article.text
    assert [w.reason for w in warnings(problems)] == ["no publication date"]


def test_reading_never_fetches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import htmldate.utils
    import trafilatura.downloads

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(htmldate.utils, "fetch_url", refuse)
    monkeypatch.setattr(trafilatura.downloads, "fetch_url", refuse)
    path = tmp_path / "nur-link.html"
    path.write_text("https://nordkurier.example/politik/litauen-brigade", encoding="utf-8")
    articles, problems = read_all([path])
    assert articles == []
    assert [p.where for p in fatal(problems)] == [str(path)]
