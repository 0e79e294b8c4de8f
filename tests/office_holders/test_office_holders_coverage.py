"""Every UN member has a head of state and a head of government on every day of the covered range.

Roles come from data/office_holders.toml: an office's usual role, overridden per country and
period by ``[[office_role]]`` (a president who also heads the government) and extended by
``[[shared_head]]`` (the realms' monarch listed under GBR). A day nobody covers is a failure unless
the gap is listed below with its reason; a listed gap that the data now covers fails too, so the
list stays true.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import pytest

from lagebild.actors.office_holders import (
    OfficeTerm,
    OfficeVocabulary,
    load_office_holders,
    load_office_vocabulary,
    role_spans,
)
from lagebild.datafiles import iter_tsv, package_path

D = dt.date
FIRST, LAST = D(2000, 1, 1), D(2026, 11, 30)
ROLES = ("head_of_state", "head_of_government")
# Members that did not exist as states for part of the range: (first covered day, why).
STATEHOOD = {
    "SSD": (D(2005, 7, 9), "Southern Sudan's own government began on 2005-07-09 (independent 2011)"),
    "TLS": (D(2002, 5, 20), "under UN administration (UNTAET) until independence on 2002-05-20"),
}
# Days without a head, each with its reason. Keep this list short: fill a gap from a record that
# names the holder rather than listing it here. Role "both" stands for both roles.
_SUCCESSOR = "the term ended by law; the successor is not verified (after the last review)"
_GAP_LIST: list[tuple[str, str, dt.date, dt.date, str]] = [
    ("AUT", "head_of_state", D(2004, 7, 7), D(2004, 7, 7),
     "Klestil died; the three presidents of the Nationalrat acted as a body"),
    ("AUT", "head_of_state", D(2016, 7, 9), D(2017, 1, 25),
     "the presidents of the Nationalrat acted as a body (annulled run-off)"),
    ("BDI", "both", D(2020, 6, 9), D(2020, 6, 17), "Nkurunziza died; the cabinet ruled until Ndayishimiye"),
    ("BGD", "head_of_government", D(2024, 8, 6), D(2024, 8, 7), "Hasina fled; the army ruled until Yunus"),
    ("BOL", "both", D(2019, 11, 11), D(2019, 11, 11), "Morales resigned; Áñez took office next day"),
    ("COL", "both", D(2026, 8, 8), LAST, _SUCCESSOR),
    ("DZA", "head_of_state", D(2019, 4, 3), D(2019, 4, 8),
     "Bouteflika resigned; Bensalah took over on 9 April"),
    ("GAB", "head_of_state", D(2009, 6, 9), D(2009, 6, 9), "Omar Bongo died; Rogombé sworn in next day"),
    ("GEO", "head_of_government", D(2005, 2, 4), D(2005, 2, 16),
     "Zhvania died; Noghaideli appointed on 17 February (acting holder not verified)"),
    ("GEO", "head_of_government", D(2007, 11, 17), D(2007, 11, 21),
     "Noghaideli resigned; Gurgenidze appointed on 22 November"),
    ("IRQ", "both", D(2003, 4, 10), D(2004, 5, 31), "occupation: Coalition Provisional Authority"),
    ("KHM", "head_of_state", D(2004, 10, 8), D(2004, 10, 13),
     "throne vacant; Senate president Chea Sim acted"),
    ("MNG", "head_of_government", D(2004, 8, 14), D(2004, 8, 19),
     "after the 2004 election, before Elbegdorj's appointment"),
    ("MNG", "head_of_government", D(2025, 6, 4), D(2025, 6, 12),
     "Oyun-Erdene lost a confidence vote; Zandanshatar appointed on 13 June"),
    ("MWI", "both", D(2012, 4, 6), D(2012, 4, 6), "Bingu wa Mutharika died; Banda sworn in on 7 April"),
    ("NPL", "head_of_government", D(2025, 9, 10), D(2025, 9, 11),
     "Oli resigned; the army kept order until Karki"),
    ("PAK", "head_of_government", D(2004, 6, 27), D(2004, 6, 29),
     "Jamali resigned; the National Assembly elected Shujaat Hussain"),
    ("PAK", "head_of_government", D(2012, 6, 20), D(2012, 6, 21),
     "Gillani disqualified; the National Assembly elected Ashraf"),
    ("PAK", "head_of_government", D(2017, 7, 29), D(2017, 7, 31),
     "Sharif disqualified; the National Assembly elected Abbasi"),
    ("PER", "both", D(2020, 11, 16), D(2020, 11, 16), "Merino resigned; Congress elected Sagasti"),
    ("PER", "both", D(2026, 7, 29), LAST, _SUCCESSOR),
    ("RUS", "head_of_government", D(2007, 9, 13), D(2007, 9, 13),
     "Fradkov dismissed; Zubkov confirmed next day"),
    ("SMR", "head_of_state", FIRST, LAST, "the two Captains Regent change every six months; not listed"),
    ("SOM", "both", FIRST, D(2000, 8, 26),
     "no central government from 1991 to the Transitional National Government"),
    ("TLS", "head_of_government", D(2006, 6, 27), D(2006, 7, 9),
     "Alkatiri resigned; Ramos-Horta sworn in on 10 July"),
    ("TZA", "both", D(2021, 3, 18), D(2021, 3, 18),
     "Magufuli died; Samia Suluhu Hassan sworn in on 19 March"),
    ("WSM", "head_of_state", D(2007, 5, 12), D(2007, 6, 19),
     "Malietoa died; the Council of Deputies acted until Tupua Tamasese"),
    ("ZWE", "both", D(2017, 11, 22), D(2017, 11, 23), "Mugabe resigned; Mnangagwa sworn in on 24 November"),
]
GAPS: dict[tuple[str, str], list[tuple[dt.date, dt.date, str]]] = {}
for _country, _role, _first, _last, _reason in _GAP_LIST:
    for _one in ROLES if _role == "both" else (_role,):
        GAPS.setdefault((_country, _one), []).append((_first, _last, _reason))


@cache
def data() -> tuple[list[OfficeTerm], OfficeVocabulary]:
    return load_office_holders(), load_office_vocabulary(package_path("data", "office_holders.toml"))


def un_members() -> list[str]:
    path = package_path("data", "countries.tsv")
    columns = ("iso3", "status", "lang", "kind", "form", "sector", "source")
    return sorted({row["iso3"] for row in iter_tsv(path, columns) if row["status"] == "un_member"})


def uncovered(
    spans: list[tuple[dt.date, dt.date | None]], first: dt.date, last: dt.date
) -> list[tuple[dt.date, dt.date]]:
    """The runs of days from ``first`` to ``last`` that no span covers."""
    gaps, day = [], first
    for start, end in sorted(spans, key=lambda span: span[0]):
        if end is not None and end < day:
            continue
        if start > day:
            gaps.append((day, min(start - dt.timedelta(days=1), last)))
        if end is None:
            return [g for g in gaps if g[0] <= last]
        day = max(day, end + dt.timedelta(days=1))
        if day > last:
            break
    if day <= last:
        gaps.append((day, last))
    return [g for g in gaps if g[0] <= last]


def test_there_are_193_members() -> None:
    assert len(un_members()) == 193


@pytest.mark.parametrize("role", ROLES)
def test_every_member_has_a_head_every_day(role: str) -> None:
    terms, vocabulary = data()
    problems = []
    for country in un_members():
        first = STATEHOOD.get(country, (FIRST, ""))[0]
        gaps = uncovered(role_spans(terms, vocabulary, country, role), first, LAST)
        allowed = GAPS.get((country, role), [])
        for start, end in gaps:
            if not any(a <= start and end <= b for a, b, _ in allowed):
                problems.append(f"{country} {role}: nobody from {start} to {end}")
        for a, b, _ in allowed:
            if not any(start <= b and a <= end for start, end in gaps):
                problems.append(f"{country} {role}: listed gap {a}–{b} is covered now; remove it")
    assert not problems, f"{len(problems)} gaps:\n" + "\n".join(problems)


def test_gap_finder() -> None:
    spans: list[tuple[dt.date, dt.date | None]] = [
        (D(2000, 1, 5), D(2000, 1, 10)), (D(2000, 1, 10), D(2000, 1, 20)), (D(2000, 1, 25), None),
    ]
    assert uncovered(spans, D(2000, 1, 1), D(2000, 2, 1)) == [
        (D(2000, 1, 1), D(2000, 1, 4)), (D(2000, 1, 21), D(2000, 1, 24)),
    ]
    early: list[tuple[dt.date, dt.date | None]] = [(D(1990, 1, 1), D(2000, 1, 3))]
    assert uncovered(early, D(2000, 1, 1), D(2000, 1, 5)) == [(D(2000, 1, 4), D(2000, 1, 5))]


def test_a_presidential_row_counts_as_both() -> None:
    terms, vocabulary = data()
    for role in ROLES:
        assert not uncovered(role_spans(terms, vocabulary, "USA", role), FIRST, LAST)


def test_realms_have_the_crown_as_head_of_state() -> None:
    terms, vocabulary = data()
    spans = role_spans(terms, vocabulary, "AUS", "head_of_state")
    assert not uncovered(spans, FIRST, LAST)
    assert not [t for t in terms if t.country == "AUS" and t.office == "monarch"]


# UN members that have no holder of an office listed at all. For foreign ministers: small states
# whose holders could not be dated. For defence: mostly states without an army or without a
# defence ministry (the defence force answers to the head of state or government, or to the home
# affairs minister). For interior: states whose police answer to the justice ministry (listed as
# such: DNK, SWE, IRL, BRA, LBR, SUR) and small states. The lists may only shrink.
def _codes(text: str) -> set[str]:
    """ISO codes written one after the other."""
    return set(text.split())


NOT_LISTED = {
    "foreign_minister": _codes(
        "COM CPV GMB GNB GNQ LSO MCO MDG MUS STP SWZ SYC"
    ),
    "defence_minister": _codes(
        "AND ATG BHS BRB BTN COM CPV CRI DJI DMA ERI FSM GMB GNB GNQ GRD GUY ISL KIR KNA LCA LIE "
        "LSO MCO MDG MHL MLT NIC NRU PAN PLW SLB SMR STP SWZ SYC TUV VCT VUT WSM"
    ),
    "interior_minister": _codes(
        "AND BRA BWA CAF COM CPV DJI DMA DNK ERI FSM GMB GNB GNQ IRL KIR LBR LIE LSO MCO MDG MHL "
        "NAM PLW SMR SSD STP SUR SWE SWZ SYC TCD TUV WSM"
    ),
}


@pytest.mark.parametrize("office", sorted(NOT_LISTED))
def test_ministers_of_members_are_listed_except_the_named_ones(office: str) -> None:
    terms, _ = data()
    listed = {term.country for term in terms if term.office == office}
    missing = set(un_members()) - listed
    assert missing <= NOT_LISTED[office], f"newly missing: {sorted(missing - NOT_LISTED[office])}"
    covered_now = sorted(NOT_LISTED[office] - missing)
    assert not covered_now, f"listed now, remove from NOT_LISTED: {covered_now}"
