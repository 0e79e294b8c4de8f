"""The shipped office-holder list: it loads, it validates, and hand-checked facts hold."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from lagebild.actors.office_holders import (
    OfficeTerm,
    holders_on,
    load_office_holders,
    load_office_vocabulary,
    source_problems,
)
from lagebild.datafiles import DataFileError, package_path

D = dt.date
HEADER = "name\taliases\tcountry\torg\tsector\toffice\tstart\tend\tsource\n"


@pytest.fixture(scope="module")
def terms() -> list[OfficeTerm]:
    return load_office_holders()


def the_term(terms: list[OfficeTerm], name: str, day: dt.date, office: str | None = None) -> OfficeTerm:
    found = [t for t in holders_on(terms, name, day) if office is None or t.office == office]
    assert len(found) == 1, f"{name} on {day}: {found}"
    return found[0]


def test_list_is_large_and_sorted(terms: list[OfficeTerm]) -> None:
    assert len(terms) > 3500
    assert [t.start for t in terms] == sorted(t.start for t in terms)


@pytest.mark.parametrize(
    ("name", "day", "country", "org", "sector", "office"),
    [
        ("Jens Stoltenberg", D(2017, 3, 30), None, "NATO", "IGO", "secretary_general"),
        ("Stoltenberg", D(2010, 6, 1), "NOR", None, "GOV", "prime_minister"),
        ("Stoltenberg", D(2000, 6, 1), "NOR", None, "GOV", "prime_minister"),
        ("Mark Rutte", D(2024, 10, 1), None, "NATO", "IGO", "secretary_general"),
        ("Wladimir Putin", D(2005, 1, 1), "RUS", None, "GOV", "president"),
        ("Putin", D(2010, 1, 1), "RUS", None, "GOV", "prime_minister"),
        ("Vladimir Putin", D(2020, 1, 1), "RUS", None, "GOV", "president"),
        ("Selenskyj", D(2022, 2, 24), "UKR", None, "GOV", "president"),
        ("Zelenskyy", D(2024, 1, 1), "UKR", None, "GOV", "president"),
        ("Merkel", D(2017, 3, 30), "DEU", None, "GOV", "chancellor"),
        ("Scholz", D(2023, 1, 1), "DEU", None, "GOV", "chancellor"),
        ("Merz", D(2025, 6, 1), "DEU", None, "GOV", "chancellor"),
        ("Biden", D(2021, 1, 20), "USA", None, "GOV", "president"),
        ("Trump", D(2025, 1, 20), "USA", None, "GOV", "president"),
        ("Trump", D(2018, 1, 1), "USA", None, "GOV", "president"),
        ("Lawrow", D(2015, 1, 1), "RUS", None, "GOV", "foreign_minister"),
        ("Schoigu", D(2017, 3, 30), "RUS", None, "GOV", "defence_minister"),
        ("Pistorius", D(2024, 1, 1), "DEU", None, "GOV", "defence_minister"),
        ("Guterres", D(2020, 1, 1), None, "UN", "IGO", "secretary_general"),
        ("Ban Ki-moon", D(2010, 1, 1), None, "UN", "IGO", "secretary_general"),
        ("Ursula von der Leyen", D(2021, 1, 1), None, "EU", "IGO", "commission_president"),
        ("Ursula von der Leyen", D(2015, 1, 1), "DEU", None, "GOV", "defence_minister"),
        ("Kaja Kallas", D(2025, 1, 1), None, "EU", "IGO", "high_representative"),
        ("Kaja Kallas", D(2022, 1, 1), "EST", None, "GOV", "prime_minister"),
        ("Donald Tusk", D(2016, 1, 1), None, "EU", "IGO", "council_president"),
        ("Tusk", D(2024, 1, 1), "POL", None, "GOV", "prime_minister"),
        ("Erdogan", D(2010, 1, 1), "TUR", None, "GOV", "prime_minister"),
        ("Erdoğan", D(2020, 1, 1), "TUR", None, "GOV", "president"),
        ("Xi Jinping", D(2017, 3, 30), "CHN", None, "GOV", "president"),
        ("Lukaschenko", D(2020, 8, 9), "BLR", None, "GOV", "president"),
        ("Aboul Gheit", D(2017, 1, 1), None, "ARL", "IGO", "secretary_general"),
        ("Moussa Faki Mahamat", D(2020, 1, 1), None, "AU", "IGO", "commission_chairperson"),
        ("Helga Schmid", D(2022, 1, 1), None, "OSCE", "IGO", "secretary_general"),
        ("Belousow", D(2024, 6, 1), "RUS", None, "GOV", "defence_minister"),
        ("Shoygu", D(2022, 2, 24), "RUS", None, "GOV", "defence_minister"),
        ("Zelenskiy", D(2023, 5, 1), "UKR", None, "GOV", "president"),
        ("Tayyip Erdogan", D(2019, 10, 9), "TUR", None, "GOV", "president"),
        ("Tokayev", D(2005, 1, 1), "KAZ", None, "GOV", "foreign_minister"),
        ("Tokajew", D(2022, 1, 5), "KAZ", None, "GOV", "president"),
        ("Eka Tkeshelashvili", D(2008, 8, 10), "GEO", None, "GOV", "foreign_minister"),
        ("Nicu Popescu", D(2022, 6, 1), "MDA", None, "GOV", "foreign_minister"),
        ("Grzegorz Schetyna", D(2010, 7, 20), "POL", None, "GOV", "president"),
        ("Bronislaw Komorowski", D(2012, 1, 1), "POL", None, "GOV", "president"),
        ("Horst Seehofer", D(2012, 3, 1), "DEU", None, "GOV", "president"),
        ("Hwang Kyo-ahn", D(2017, 4, 1), "KOR", None, "GOV", "president"),
    ],
)
def test_who_held_what(
    terms: list[OfficeTerm], name: str, day: dt.date, country: str | None, org: str | None, sector: str,
    office: str,
) -> None:
    term = the_term(terms, name, day, office)
    assert (term.country, term.org, term.sector) == (country, org, sector)


@pytest.mark.parametrize(
    ("name", "office", "start", "end"),
    [
        ("Angela Merkel", "chancellor", D(2005, 11, 22), D(2021, 12, 8)),
        ("Olaf Scholz", "chancellor", D(2021, 12, 8), D(2025, 5, 6)),
        ("Friedrich Merz", "chancellor", D(2025, 5, 6), None),
        ("Joe Biden", "president", D(2021, 1, 20), D(2025, 1, 20)),
        ("Jens Stoltenberg", "secretary_general", D(2014, 10, 1), D(2024, 9, 30)),
        ("Mark Rutte", "secretary_general", D(2024, 10, 1), None),
        ("Dmitry Medvedev", "president", D(2008, 5, 7), D(2012, 5, 7)),
        ("Sergey Lavrov", "foreign_minister", D(2004, 3, 9), None),
        ("Igor Ivanov", "foreign_minister", D(1998, 9, 11), D(2004, 3, 9)),
        ("Sergei Shoigu", "defence_minister", D(2012, 11, 6), D(2024, 5, 12)),
        # Shoigu was relieved on 12 May 2024; Belousov was appointed by decree on 14 May, after the
        # Federation Council's consultations, so neither holds the office on 13 May.
        ("Andrei Belousov", "defence_minister", D(2024, 5, 14), None),
        ("Dmytro Kuleba", "foreign_minister", D(2020, 3, 4), D(2024, 9, 5)),
        ("Andrii Sybiha", "foreign_minister", D(2024, 9, 5), None),
        ("Oleksii Reznikov", "defence_minister", D(2021, 11, 4), D(2023, 9, 5)),
        ("Mariusz Błaszczak", "defence_minister", D(2018, 1, 9), D(2023, 12, 13)),
        ("Władysław Kosiniak-Kamysz", "defence_minister", D(2023, 12, 13), None),
        ("George Robertson", "secretary_general", D(1999, 10, 14), D(2003, 12, 17)),
        ("Jaap de Hoop Scheffer", "secretary_general", D(2004, 1, 1), D(2009, 7, 31)),
        ("Annalena Baerbock", "foreign_minister", D(2021, 12, 8), D(2025, 5, 6)),
        ("Xi Jinping", "president", D(2013, 3, 14), None),
    ],
)
def test_exact_terms(
    terms: list[OfficeTerm], name: str, office: str, start: dt.date, end: dt.date | None
) -> None:
    assert any((t.name, t.office, t.start, t.end) == (name, office, start, end) for t in terms)


def test_stoltenberg_terms_as_norwegian_prime_minister(terms: list[OfficeTerm]) -> None:
    spans = {(t.start, t.end) for t in terms if t.name == "Jens Stoltenberg" and t.office == "prime_minister"}
    assert spans == {(D(2000, 3, 17), D(2001, 10, 19)), (D(2005, 10, 17), D(2013, 10, 16))}


def test_putin_presidency_and_premiership(terms: list[OfficeTerm]) -> None:
    putin = {(t.office, t.start, t.end) for t in terms if t.name == "Vladimir Putin"}
    assert ("president", D(2000, 5, 7), D(2008, 5, 7)) in putin
    assert ("prime_minister", D(2008, 5, 8), D(2012, 5, 7)) in putin
    assert ("president", D(2012, 5, 7), None) in putin
    assert not holders_on(terms, "Putin", D(1995, 1, 1))


def test_nobody_holds_an_office_twice_at_once(terms: list[OfficeTerm]) -> None:
    """Each single-holder office has at most one holder on any day but the hand-over day."""
    vocabulary = load_office_vocabulary(package_path("data", "office_holders.toml"))
    for day in (D(2001, 1, 1), D(2009, 7, 1), D(2017, 3, 30), D(2022, 2, 24), D(2025, 6, 1)):
        holders: dict[tuple[str | None, str | None, str], list[str]] = {}
        for term in terms:
            if term.holds_on(day) and vocabulary.offices[term.office] and term.end != day:  # hand-over day
                holders.setdefault((term.country, term.org, term.office), []).append(term.name)
        assert all(len(names) == 1 for names in holders.values()), holders


PRIORITY = ["USA", "RUS", "UKR", "DEU", "FRA", "GBR", "CHN", "TUR", "POL", "ITA", "JPN", "CAN", "IND", "BLR"]


@pytest.mark.parametrize("country", PRIORITY)
def test_priority_countries_have_head_and_ministers(terms: list[OfficeTerm], country: str) -> None:
    offices = {t.office for t in terms if t.country == country and t.holds_on(D(2025, 7, 20))}
    assert {"foreign_minister", "defence_minister"} <= offices
    assert offices & {"president", "monarch"} or offices & {"prime_minister", "chancellor"}


NEIGHBOURS = ["UKR", "BLR", "POL", "LTU", "EST", "FIN", "NOR", "GEO", "AZE", "KAZ", "MNG", "HUN", "ROU",
              "MDA"]


@pytest.mark.parametrize("country", NEIGHBOURS)
@pytest.mark.parametrize("day", [D(2012, 1, 1), D(2020, 1, 1)])
def test_neighbours_have_foreign_and_defence_ministers(
    terms: list[OfficeTerm], country: str, day: dt.date
) -> None:
    offices = {t.office for t in terms if t.country == country and t.holds_on(day)}
    assert {"foreign_minister", "defence_minister"} <= offices, (country, day, offices)


def test_north_korea_has_a_defence_minister(terms: list[OfficeTerm]) -> None:
    ministers = [t for t in terms if (t.country, t.office) == ("PRK", "defence_minister")]
    for day in (D(2005, 1, 1), D(2013, 1, 1), D(2017, 9, 3), D(2020, 6, 1), D(2024, 12, 1)):
        assert len([t for t in ministers if t.holds_on(day)]) == 1, day


def test_acting_terms_say_so(terms: list[OfficeTerm]) -> None:
    acting = {t.name for t in terms if "acting" in t.source}
    assert {"Oleksandr Turchynov", "Grzegorz Schetyna", "Horst Seehofer", "Serhiy Arbuzov"} <= acting
    assert "Olaf Scholz" not in acting


def test_every_row_names_its_source(terms: list[OfficeTerm]) -> None:
    problems = {
        f"{t.name} ({t.country or t.org} {t.office}): {problem}"
        for t in terms
        for problem in source_problems(t.source)
    }
    assert not problems, sorted(problems)[:20]


@pytest.mark.parametrize(
    ("source", "ok"),
    [
        ("curated", True), ("curated approx; acting", True), ("reference:CountryInfo; curated", True),
        ("recalled; sure", True), ("recalled approx; unsure; acting; de_facto", True),
        ("recalled", False), ("recalled; sure; likely", False), ("guessed", False), ("curated; maybe", False),
    ],
)
def test_source_grammar(source: str, ok: bool) -> None:
    assert (not source_problems(source)) is ok


def test_aliases_are_not_common_words(terms: list[OfficeTerm]) -> None:
    aliases = {alias for term in terms for alias in term.aliases}
    assert not aliases & {"May", "Store", "Hague", "Hagel", "Brown", "Kim", "Lee", "Li", "Kallas"}


def write_list(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "holders.tsv"
    path.write_text(HEADER + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("A B\t\tDEU\t\tGOV\tchancellor\t2020-13-01\t\tcurated", "not a YYYY-MM-DD date"),
        ("A B\t\tDEU\t\tGOV\tchancellor\t2020-01-01\t2019-01-01\tcurated", "ends"),
        ("A B\t\tDEU\t\tMIL\tchancellor\t2020-01-01\t\tcurated", "unknown sector"),
        ("A B\t\tDEU\t\tGOV\tpope\t2020-01-01\t\tcurated", "unknown office"),
        ("A B\t\t\tWTO\tIGO\tsecretary_general\t2020-01-01\t\tcurated", "unknown organisation"),
        ("A B\t\tDE\t\tGOV\tchancellor\t2020-01-01\t\tcurated", "alpha-3"),
    ],
)
def test_bad_rows_are_rejected_naming_the_file(tmp_path: Path, row: str, message: str) -> None:
    with pytest.raises(DataFileError, match=message) as error:
        load_office_holders(write_list(tmp_path, row))
    assert "holders.tsv" in str(error.value)


def test_overlapping_holders_are_rejected(tmp_path: Path) -> None:
    path = write_list(
        tmp_path,
        "A B\t\tDEU\t\tGOV\tchancellor\t2020-01-01\t2022-01-01\tcurated",
        "C D\t\tDEU\t\tGOV\tchancellor\t2021-06-01\t\tcurated",
    )
    with pytest.raises(DataFileError, match="overlaps"):
        load_office_holders(path)


def test_hand_over_day_may_be_shared(tmp_path: Path) -> None:
    path = write_list(
        tmp_path,
        "A B\tB\tDEU\t\tGOV\tchancellor\t2020-01-01\t2022-01-01\tcurated",
        "C D\tD\tDEU\t\tGOV\tchancellor\t2022-01-01\t\tcurated",
    )
    terms = load_office_holders(path)
    assert [t.name for t in holders_on(terms, "b", D(2022, 1, 1))] == ["A B"]
    assert [t.name for t in holders_on(terms, "D", D(2022, 1, 1))] == ["C D"]


def test_unknown_column_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "holders.tsv"
    path.write_text(HEADER.replace("source", "source\tparty"), encoding="utf-8")
    with pytest.raises(DataFileError, match="header"):
        load_office_holders(path)


def test_vocabulary_file_is_the_shipped_one() -> None:
    assert package_path("data", "office_holders.toml").is_file()


def test_no_form_names_two_people_at_once(terms: list[OfficeTerm]) -> None:
    """A name or alias shared by two people may not be in use by both on the same day."""
    by_form: dict[str, list[OfficeTerm]] = {}
    for term in terms:
        for form in {term.name, *term.aliases}:
            by_form.setdefault(form.casefold(), []).append(term)
    clashes = set()
    for form, group in by_form.items():
        for a, b in itertools.combinations(group, 2):
            if a.name != b.name and a.start <= (b.end or D.max) and b.start <= (a.end or D.max):
                clashes.add(f"{form}: {a.name} ({a.country or a.org}) / {b.name} ({b.country or b.org})")
    assert not clashes, sorted(clashes)


LARGE = ["USA", "GBR", "DEU", "FRA", "ITA", "RUS", "UKR", "TUR", "IND", "CHN", "IRN", "EGY"]


@pytest.mark.parametrize("country", LARGE)
def test_interior_ministers_of_large_countries(terms: list[OfficeTerm], country: str) -> None:
    day = D(2020, 1, 1)
    assert any(t.country == country and t.office == "interior_minister" and t.holds_on(day) for t in terms)


@pytest.mark.parametrize(
    ("name", "day", "country", "office"),
    [
        ("Araghchi", D(2025, 1, 1), "IRN", "foreign_minister"),
        ("Gallant", D(2023, 10, 7), "ISR", "defence_minister"),
        ("Baschar al-Assad", D(2015, 1, 1), "SYR", "president"),
        ("al-Sharaa", D(2025, 6, 1), "SYR", "president"),
        ("Sisi", D(2020, 1, 1), "EGY", "president"),
        ("Mursi", D(2013, 1, 1), "EGY", "president"),
        ("Netanjahu", D(2024, 1, 1), "ISR", "prime_minister"),
        ("Ahmadinedschad", D(2010, 1, 1), "IRN", "president"),
        ("Chamenei", D(2025, 1, 1), "IRN", "supreme_leader"),
        ("Karzai", D(2010, 1, 1), "AFG", "president"),
        ("Van der Bellen", D(2020, 1, 1), "AUT", "president"),
        ("Faeser", D(2022, 1, 1), "DEU", "interior_minister"),
        ("Grande-Marlaska", D(2020, 1, 1), "ESP", "interior_minister"),
        ("Abiy Ahmed", D(2020, 1, 1), "ETH", "prime_minister"),
        ("Ruto", D(2023, 1, 1), "KEN", "president"),
        ("Ueli Maurer", D(2019, 6, 1), "CHE", "president"),
    ],
)
def test_heads_and_ministers_beyond_the_g20(
    terms: list[OfficeTerm], name: str, day: dt.date, country: str, office: str
) -> None:
    assert the_term(terms, name, day, office).country == country
