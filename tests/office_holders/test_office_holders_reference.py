"""Our office terms agree with the CountryInfo leader list where both cover the same person.

The reference (../shared/reference/CountryInfo.120116.txt) lists heads of state and government
to about 2009. For every reference term that ends in 2000 or later and overlaps a term of the
same person in the same office of ours, the start and the end must agree within TOLERANCE.
Our terms of one person in one office that follow each other (an acting term, then the full
one) are merged first. Reference terms we do not overlap at all (short acting stints we leave
out) are not compared. KNOWN_REFERENCE_ERRORS lists what the reference gets wrong, with why.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from lagebild.actors.office_holders import OfficeTerm, load_office_holders

TOLERANCE = dt.timedelta(days=31)
COVERAGE_START = dt.date(2000, 1, 1)
REFERENCE = "reference/CountryInfo.120116.txt"
# The reference was compiled around 2011: an open term (">20071203") ended at the latest then.
REFERENCE_HORIZON = dt.date(2011, 12, 31)
# (country, office, a normalised reference name, the term's first date as YYYYMMDD): reason.
KNOWN_REFERENCE_ERRORS = {
    ("TUR", "prime_minister", "RECEP ERDOGAN", "20021118"):
        "Abdullah Gül was prime minister from 2002-11-18 to 2003-03-14; Erdoğan followed him",
    ("AZE", "prime_minister", "ARTUR RASIZADE", "20030806"):
        "Ilham Aliyev was prime minister from 2003-08-04 to 2003-11-04 (listed correctly too)",
    ("FIN", "prime_minister", "MATTI TANELI VANHANEN", "20000301"):
        "Vanhanen became prime minister on 2003-06-24, after Jäätteenmäki (listed correctly too)",
    ("HUN", "prime_minister", "FERENC GYURCSANY", "20040827"):
        "Gyurcsány was nominated in August 2004 and elected by parliament on 2004-09-29",
    ("ARM", "president", "ROBERT KOCHARYAN", "19970320"):
        "his term as prime minister (1997-1998), filed under president",
    ("ARM", "president", "ROBERT KOCHARYAN", "20000502"):
        "an acting stint as prime minister in May 2000, filed under president",
    ("CPV", "prime_minister", "CARLOS VEIGA", "19910404"):
        "Veiga resigned on 2000-07-29 to run for president; Gualberto do Rosário followed him",
    ("CIV", "prime_minister", "SEYDOU DIARRA", "20000518"):
        "Guéï appointed Diarra on 2000-01-04, not in May",
    ("FJI", "president", "RATU JOSEFA ILOILO", "20000718"):
        "only his interim presidency: Iloilo was confirmed in 2001 and served until the coup of 2006-12-05",
    ("ISR", "president", "DALIA ITZIK", "20070125"):
        "Itzik acted for Katsav while he was on leave; we list her from his resignation (2007-07-01)",
    ("ISR", "prime_minister", "ARIEL SHARON", "20010307"):
        "Sharon was incapacitated on 2006-01-04; Olmert acted from then and we end Sharon's term there",
    ("MDG", "president", "DIDIER RATSIRAKA", "19970209"):
        "rival presidents in 2002; we list the change on the High Constitutional Court's ruling (2002-05-06)",
    ("MDG", "president", "MARC RAVALOMANANA", "20020222"):
        "sworn in by his supporters on 2002-02-22; recognised by the High Constitutional Court on 2002-05-06",
    ("MDG", "prime_minister", "JACQUES SYLLA", "20020226"):
        "named by Ravalomanana in February 2002, in office once Ravalomanana was recognised",
    ("MMR", "prime_minister", "SOE WIN", "20041019"):
        "Soe Win was on sick leave from April 2007 until his death; Thein Sein acted from 2007-04-02",
    ("NRU", "president", "BERNARD DOWIYOGO", "20030109"):
        "Harris's return of a day in January 2003 is not listed; Dowiyogo's term runs to his death",
    ("NRU", "president", "BERNARD DOWIYOGO", "20030118"):
        "as above: one term of ours from 2003-01-09",
    ("LCA", "prime_minister", "STEPHENSON KING", "20070501"):
        "King acted for the ailing Compton from May 2007; we start his term at Compton's death",
    ("SSD", "president", "SALVA KIIR MAYARDIT", "20110709"):
        "the reference starts at independence; Kiir headed Southern Sudan's government from 2005",
    ("VEN", "president", "HUGO CHAVEZ", "19990202"):
        "the two-day coup of April 2002 is not listed; one term of ours",
    ("VEN", "president", "HUGO CHAVEZ", "20020414"):
        "as above",
    ("CUB", "president", "FIDEL CASTRO", "19761203"):
        "Fidel Castro handed power provisionally to Raúl on 2006-07-31 (listed as Raúl's acting term)",
    ("ZMB", "president", "RUPIAH BANDA", "20080629"):
        "Banda acted for the hospitalised Mwanawasa from 2008-06-29; we start his term at Mwanawasa's death",
}
_TERM = re.compile(r"\[([<>]?)(\d{8})(?: - (\d{8}))?\]")
_VARIANT = re.compile(r"\{([^}]*)\}")


@dataclass(frozen=True)
class ReferenceTerm:
    country: str
    office: str
    names: frozenset[str]
    start: dt.date | None
    end: dt.date | None
    raw: str


def normalise(name: str) -> str:
    """Upper-case ASCII letters and single spaces: how names are compared."""
    decomposed = unicodedata.normalize("NFKD", name.replace("_", " "))
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^A-Za-z ]", " ", letters).upper().split())


def office_of(subtag: str) -> str | None:
    """Map a reference sub-tag (<Presidents>, <Prime ministers>, ...) to our office code."""
    tag = subtag.lower()
    if "vice" in tag or "governor" in tag or "presidium" in tag or "secretar" in tag:
        return None
    if tag.startswith("<president"):
        return "president"
    if tag.startswith(("<prime minister", "<premier")):
        return "prime_minister"
    if tag.startswith("<chancellor"):
        return "chancellor"
    if tag.startswith(("<king", "<emperor", "<queen")):
        return "monarch"
    return None


def day(text: str) -> dt.date:
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))


def parse_reference(path: Path) -> list[ReferenceTerm]:
    """Read the leader terms of every country from the reference file."""
    text = path.read_text(encoding="utf-8", errors="replace")
    found: list[ReferenceTerm] = []
    for block in re.findall(r"<Country>(.*?)</Country>", text, re.S):
        code = re.search(r"<CountryCode>(\w+)</CountryCode>", block)
        leaders = re.search(r"<Leaders>(.*?)</Leaders>", block, re.S)
        if code is None or leaders is None:
            continue
        office = None
        for line in leaders.group(1).splitlines():
            stripped = line.strip()
            if stripped.startswith("</"):
                continue
            if stripped.startswith("<"):
                office = office_of(stripped)
                continue
            if office is None or not stripped:
                continue
            head = stripped.split("[", 1)[0]
            names = frozenset(normalise(n) for n in (_VARIANT.findall(head) or [head]) if normalise(n))
            for marker, first, second in _TERM.findall(stripped):
                start = None if marker == "<" else day(first)
                end = day(second) if second else (day(first) if marker == "<" else None)
                found.append(ReferenceTerm(code.group(1), office, names, start, end, stripped))
    return found


def merged_terms(terms: list[OfficeTerm]) -> dict[tuple[str, str, str], list[tuple[dt.date, dt.date | None]]]:
    """Our terms per (country, office, name), consecutive ones merged."""
    spans: dict[tuple[str, str, str], list[tuple[dt.date, dt.date | None]]] = {}
    for term in sorted(terms, key=lambda t: t.start):
        if term.country is None:
            continue
        key = (term.country, term.office, term.name)
        runs = spans.setdefault(key, [])
        if runs and runs[-1][1] is not None and term.start - runs[-1][1] <= dt.timedelta(days=2):
            runs[-1] = (runs[-1][0], term.end)
        else:
            runs.append((term.start, term.end))
    return spans


def overlaps(ours: tuple[dt.date, dt.date | None], ref: ReferenceTerm) -> bool:
    start, end = ours
    ref_start = ref.start or dt.date.min
    ref_end = ref.end or REFERENCE_HORIZON
    return start <= ref_end and (end is None or ref_start <= end)


def test_terms_agree_with_reference(shared_dir: Path) -> None:
    path = shared_dir / REFERENCE
    if not path.is_file():
        pytest.fail(f"{path} is missing")
    terms = load_office_holders()
    known_names: dict[str, set[str]] = {}
    for term in terms:
        for form in (term.name, *term.aliases):
            known_names.setdefault(normalise(form), set()).add(term.name)
    spans = merged_terms(terms)
    compared, problems = 0, []
    for ref in parse_reference(path):
        if ref.end is not None and ref.end < COVERAGE_START:
            continue
        people = set().union(*(known_names.get(name, set()) for name in ref.names))
        for person in people:
            for ours in spans.get((ref.country, ref.office, person), []):
                if not overlaps(ours, ref):
                    continue
                compared += 1
                if known_error(ref) is None:
                    problems += compare(ref, ours, person)
    assert compared >= 650, f"only {compared} terms could be compared"
    assert not problems, "\n".join(problems)


def known_error(ref: ReferenceTerm) -> str | None:
    """The documented reason to skip a reference term, if it is a known error."""
    first = (ref.start or ref.end or dt.date.min).strftime("%Y%m%d")
    for name in ref.names:
        reason = KNOWN_REFERENCE_ERRORS.get((ref.country, ref.office, name, first))
        if reason is not None:
            return reason
    return None


def compare(ref: ReferenceTerm, ours: tuple[dt.date, dt.date | None], person: str) -> list[str]:
    """Differences beyond the tolerance between one reference term and one of ours."""
    problems = []
    if ref.start is not None and ref.start >= COVERAGE_START and abs(ref.start - ours[0]) > TOLERANCE:
        problems.append(f"{ref.country} {ref.office} {person}: start {ours[0]} vs reference {ref.raw}")
    closed = ref.end is not None and ref.start is not None
    if closed and ours[1] is not None and ref.end is not None and abs(ref.end - ours[1]) > TOLERANCE:
        problems.append(f"{ref.country} {ref.office} {person}: end {ours[1]} vs reference {ref.raw}")
    return problems


def test_reference_parser_reads_a_leader_line(tmp_path: Path) -> None:
    sample = tmp_path / "ref.txt"
    sample.write_text(
        "<Country>\n<CountryCode>XXX</CountryCode>\n<Leaders>\n\t<Presidents>\n"
        "\t\t{ANNA_MUSTER_}{ANNA_B_MUSTER_}\t[19990101 - 20040505]  [>20080101]  [B:19500101]\n"
        "\t</Presidents>\n</Leaders>\n</Country>\n",
        encoding="utf-8",
    )
    terms = parse_reference(sample)
    assert [(t.office, t.start, t.end) for t in terms] == [
        ("president", dt.date(1999, 1, 1), dt.date(2004, 5, 5)),
        ("president", dt.date(2008, 1, 1), None),
    ]
    assert terms[0].names == {"ANNA MUSTER", "ANNA B MUSTER"}
