"""The CAMEO code table, the CAMEO->PLOVER table and their validating loader."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from lagebild.datafiles import DataFileError, iter_tsv, package_path
from lagebild.events.codes import (
    CAMEO_COLUMNS,
    CAMEO_FILE,
    PLOVER_FILE,
    PLOVER_MAP_COLUMNS,
    PLOVER_MAP_FILE,
    EventCodes,
    load_event_codes,
)

PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip

# Number of 3- and 4-digit codes under each cue category in the CAMEO 1.1b3 codebook.
CODEBOOK_COUNTS = {
    "01": 10, "02": 27, "03": 28, "04": 7, "05": 8, "06": 5, "07": 6, "08": 25, "09": 5, "10": 27,
    "11": 12, "12": 26, "13": 22, "14": 26, "15": 6, "16": 13, "17": 13, "18": 14, "19": 9, "20": 7,
}  # fmt: skip


@pytest.fixture(scope="module")
def codes() -> EventCodes:
    return load_event_codes()


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the three shipped data files."""
    for name in (CAMEO_FILE, PLOVER_MAP_FILE, PLOVER_FILE):
        shutil.copy(package_path("data", name), tmp_path / name)
    return tmp_path


def _replace_line(path: Path, starts_with: str, new_line: str) -> None:
    """Replace the one data line that starts with ``starts_with``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    hits = [i for i, line in enumerate(lines) if line.startswith(starts_with)]
    assert len(hits) == 1, f"{starts_with!r} matched {len(hits)} lines"
    lines[hits[0]] = new_line
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _append_line(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


# --- the shipped tables ------------------------------------------------------------------------


def test_every_cue_category_and_every_codebook_code_is_present(codes: EventCodes) -> None:
    all_codes = [info.cameo for info in codes]
    roots = sorted(code for code in all_codes if len(code) == 2)
    assert roots == [f"{n:02d}" for n in range(1, 21)]
    assert Counter(code[:2] for code in all_codes if len(code) > 2) == CODEBOOK_COUNTS
    assert len(codes) == 20 + sum(CODEBOOK_COUNTS.values())


def test_every_cameo_code_has_exactly_one_plover_row() -> None:
    cameo = [row["code"] for row in iter_tsv(package_path("data", CAMEO_FILE), CAMEO_COLUMNS)]
    plover = [row["cameo"] for row in iter_tsv(package_path("data", PLOVER_MAP_FILE), PLOVER_MAP_COLUMNS)]
    assert sorted(plover) == sorted(cameo)
    assert len(set(plover)) == len(plover)


def test_the_sixteen_plover_types(codes: EventCodes) -> None:
    assert set(codes.plover_types) == PLOVER_TYPES
    used = {info.plover_type for info in codes if info.plover_type is not None}
    assert used == PLOVER_TYPES


@pytest.mark.parametrize(
    ("cameo", "plover_type", "mode"),
    [
        ("010", None, None),
        ("01", None, None),
        ("019", None, None),
        ("021", "REQUEST", "assist"),
        ("036", "AGREE", None),
        ("041", "CONSULT", "phone"),
        ("042", "CONSULT", "visit"),
        ("043", "CONSULT", None),
        ("046", "CONSULT", None),
        ("051", "SUPPORT", None),
        ("055", "CONCEDE", None),
        ("057", "AGREE", None),
        ("061", "COOPERATE", None),
        ("072", "AID", None),
        ("081", "CONCEDE", None),
        ("0813", "CONCEDE", None),
        ("0841", "RETREAT", "release"),
        ("0871", "RETREAT", "ceasefire"),
        ("091", "ACCUSE", "investigate"),
        ("100", "REQUEST", None),
        ("1011", "REQUEST", "assist"),
        ("1053", "REQUEST", "yield"),
        ("106", "REQUEST", "meet"),
        ("111", "ACCUSE", "disapprove"),
        ("112", "ACCUSE", "allege"),
        ("116", "SANCTION", "convict"),
        ("125", "REJECT", "meet"),
        ("138", "THREATEN", "violence"),
        ("1382", "THREATEN", "territory"),
        ("141", "PROTEST", "demo"),
        ("142", "PROTEST", "hunger"),
        ("145", "PROTEST", "riot"),
        ("152", "MOBILIZE", "troops"),
        ("154", "MOBILIZE", "troops"),
        ("161", "SANCTION", "withdraw"),
        ("163", "SANCTION", "discontinue"),
        ("164", "SANCTION", "withdraw"),
        ("166", "SANCTION", "expel"),
        ("173", "COERCE", "arrest"),
        ("174", "COERCE", "deport"),
        ("1712", "ASSAULT", "destroy"),
        ("182", "ASSAULT", "beat"),
        ("1831", "ASSAULT", "suicide-attack"),
        ("186", "ASSAULT", "assassinate"),
        ("190", "ASSAULT", None),
        ("191", "COERCE", "restrict"),
        ("192", "COERCE", "confiscate"),
        ("193", "ASSAULT", "firearms"),
        ("195", "ASSAULT", "heavy-weapons"),
        ("202", "ASSAULT", "massacre"),
        ("2041", "ASSAULT", "unconventional"),
    ],
)
def test_plover_reading_of_codes(
    codes: EventCodes, cameo: str, plover_type: str | None, mode: str | None
) -> None:
    info = codes.describe(cameo)
    assert info.cameo == cameo
    assert (info.plover_type, info.plover_mode) == (plover_type, mode)


@pytest.mark.parametrize(
    ("cameo", "goldstein"),
    [
        ("010", 0.0),
        ("016", -2.0),
        ("020", 3.0),
        ("042", 1.9),
        ("043", 2.8),
        ("057", 8.0),
        ("074", 8.5),
        ("0874", 10.0),
        ("112", -2.0),
        ("130", -4.4),
        ("145", -7.5),
        ("154", -7.2),
        ("163", -8.0),
        ("173", -5.0),
        ("182", -9.5),
        ("190", -10.0),
        ("2042", -10.0),
    ],
)
def test_goldstein_weights(codes: EventCodes, cameo: str, goldstein: float) -> None:
    assert codes.describe(cameo).goldstein == goldstein


def test_codes_new_in_1_1b3_carry_their_parents_weight(codes: EventCodes) -> None:
    for child, parent in [("155", "15"), ("176", "17"), ("1834", "183"), ("1951", "195"), ("1952", "195")]:
        assert codes.describe(child).goldstein == codes.describe(parent).goldstein


def test_quad_classes_follow_the_cue_categories(codes: EventCodes) -> None:
    expected = {1: range(1, 6), 2: range(6, 10), 3: range(10, 15), 4: range(15, 21)}
    for info in codes:
        assert int(info.cameo[:2]) in expected[info.quad_class], info.cameo


def test_plover_scores_are_the_type_scores(codes: EventCodes) -> None:
    assert codes.plover_types["ASSAULT"].score == -9.3
    assert codes.plover_types["CONSULT"].score == 2.1
    assert codes.plover_types["REQUEST"].score == -5.0
    for info in codes:
        if info.plover_type is None:
            assert info.plover_score is None and info.plover_mode is None
        else:
            assert info.plover_score == codes.plover_types[info.plover_type].score
            assert info.plover_mode is None or info.plover_mode in codes.plover_types[info.plover_type].modes


def test_several_contexts_are_split(codes: EventCodes) -> None:
    info = codes.describe("1121")
    assert info.plover_context == "crime;corruption"
    assert info.plover_contexts == ("crime", "corruption")
    assert codes.describe("111").plover_contexts == ()


def test_every_code_has_a_name(codes: EventCodes) -> None:
    assert all(info.name for info in codes)
    assert codes.describe("042").name  # a label of our own, not checked word for word


# --- lookups ---------------------------------------------------------------------------------


def test_unknown_four_digit_code_falls_back_to_its_parent(codes: EventCodes) -> None:
    # 1213 ("reject judicial cooperation") is used by ICEWS but is not a 1.1b3 code.
    info = codes.describe("1213")
    assert info.cameo == "121"
    assert info.plover_type == "REJECT"


def test_unknown_three_digit_code_falls_back_to_its_cue_category(codes: EventCodes) -> None:
    assert codes.describe("197").cameo == "19"
    assert codes.describe("1979").cameo == "19"


def test_lookup_ignores_surrounding_blanks(codes: EventCodes) -> None:
    assert codes.describe(" 042\n").cameo == "042"


@pytest.mark.parametrize("bad", ["21", "00", "2101", "", "4", "12345", "04a", "O42"])
def test_codes_without_a_known_root_raise_key_error(codes: EventCodes, bad: str) -> None:
    with pytest.raises(KeyError):
        codes.describe(bad)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("DEMAND", "REQUEST"),
        ("demand", "REQUEST"),
        (" Demand ", "REQUEST"),
        ("REQUEST", "REQUEST"),
        ("consult", "CONSULT"),
        ("DISAPPROVE", "ACCUSE"),
        ("INVESTIGATE", "ACCUSE"),
        ("FIGHT", "ASSAULT"),
        ("COOPERATION", "COOPERATE"),
    ],
)
def test_old_plover_names_are_normalised(codes: EventCodes, name: str, expected: str) -> None:
    assert codes.normalise_plover_type(name) == expected


def test_unknown_plover_name_is_an_error(codes: EventCodes) -> None:
    with pytest.raises(ValueError, match="CRIME"):
        codes.normalise_plover_type("CRIME")


# --- loader validation -------------------------------------------------------------------------


def test_copied_files_load(data_copy: Path) -> None:
    assert len(load_event_codes(data_copy)) == len(load_event_codes())


def test_unknown_column_names_the_file(data_copy: Path) -> None:
    path = data_copy / CAMEO_FILE
    _replace_line(path, "code\t", "code\tname\tgoldstein\tquad_class\tcomment")
    with pytest.raises(DataFileError, match=CAMEO_FILE):
        load_event_codes(data_copy)


def test_missing_column_names_the_file(data_copy: Path) -> None:
    path = data_copy / PLOVER_MAP_FILE
    _replace_line(path, "cameo\t", "cameo\tplover_type\tplover_mode\tplover_context")
    with pytest.raises(DataFileError, match=PLOVER_MAP_FILE):
        load_event_codes(data_copy)


@pytest.mark.parametrize(
    ("starts_with", "new_line", "message"),
    [
        ("04\t", "# the cue category 04 left out", "'040' has no parent code '04'"),
        ("042\t", "04x\tPay a visit\t1.9\t1", "2-4 digits"),
        ("042\t", "042\tPay a visit\t1.9\t3", "quad_class 3 does not fit"),
        ("042\t", "042\tPay a visit\t11.0\t1", "outside -10..10"),
        ("042\t", "042\tPay a visit\tmuch\t1", "not a number"),
        ("042\t", "042\t \t1.9\t1", "name is empty"),
        ("042\t", "042\tPay a visit\t1.9\t5", "must be 1, 2, 3 or 4"),
    ],
)
def test_bad_cameo_rows_name_the_file(data_copy: Path, starts_with: str, new_line: str, message: str) -> None:
    _replace_line(data_copy / CAMEO_FILE, starts_with, new_line)
    with pytest.raises(DataFileError, match=message) as caught:
        load_event_codes(data_copy)
    assert CAMEO_FILE in str(caught.value)


def test_code_whose_parent_is_missing_is_an_error(data_copy: Path) -> None:
    _append_line(data_copy / CAMEO_FILE, "1991\tA code without parent\t-10.0\t4")
    with pytest.raises(DataFileError, match=r"'1991' has no parent code '199'"):
        load_event_codes(data_copy)


def test_cue_category_beyond_twenty_is_an_error(data_copy: Path) -> None:
    _append_line(data_copy / CAMEO_FILE, "21\tNo such category\t0.0\t4")
    with pytest.raises(DataFileError, match="not one of 01-20"):
        load_event_codes(data_copy)


def test_duplicate_code_is_an_error(data_copy: Path) -> None:
    _append_line(data_copy / CAMEO_FILE, "042\tPay a visit again\t1.9\t1")
    with pytest.raises(DataFileError, match="listed twice"):
        load_event_codes(data_copy)


@pytest.mark.parametrize(
    ("new_line", "message"),
    [
        ("042\tMEET\tvisit\t\t+2.1", "not a PLOVER event type"),
        ("042\tCONSULT\tparade\t\t+2.1", "not a mode of CONSULT"),
        ("042\tCONSULT\tvisit\tgossip\t+2.1", "unknown PLOVER context"),
        ("042\tCONSULT\tvisit\t\t+3.0", "differs from the CONSULT score"),
        ("042\t\tvisit\t\t", "needs a PLOVER type"),
    ],
)
def test_bad_plover_rows_name_the_file(data_copy: Path, new_line: str, message: str) -> None:
    _replace_line(data_copy / PLOVER_MAP_FILE, "042\t", new_line)
    with pytest.raises(DataFileError, match=message) as caught:
        load_event_codes(data_copy)
    assert PLOVER_MAP_FILE in str(caught.value)


def test_old_type_name_in_the_table_is_read_as_the_current_one(data_copy: Path) -> None:
    _replace_line(data_copy / PLOVER_MAP_FILE, "100\t", "100\tDEMAND\t\t\t-5.0")
    assert load_event_codes(data_copy).describe("100").plover_type == "REQUEST"


def test_code_without_plover_row_is_an_error(data_copy: Path) -> None:
    _replace_line(data_copy / PLOVER_MAP_FILE, "042\t", "# 042 left out")
    with pytest.raises(DataFileError, match=r"no row for CAMEO code\(s\) \['042'\]"):
        load_event_codes(data_copy)


def test_plover_row_for_unknown_code_is_an_error(data_copy: Path) -> None:
    _append_line(data_copy / PLOVER_MAP_FILE, "0429\tCONSULT\tvisit\t\t+2.1")
    with pytest.raises(DataFileError, match=r"'0429': not a code of cameo.tsv"):
        load_event_codes(data_copy)


def test_unknown_key_in_the_plover_vocabulary_names_the_file(data_copy: Path) -> None:
    path = data_copy / PLOVER_FILE
    text = path.read_text(encoding="utf-8").replace('name = "AGREE"\n', 'name = "AGREE"\ncolour = "green"\n')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=r"plover\.toml.*unknown key"):
        load_event_codes(data_copy)


def test_missing_file_is_a_data_file_error(data_copy: Path) -> None:
    (data_copy / PLOVER_MAP_FILE).unlink()
    with pytest.raises(DataFileError, match=PLOVER_MAP_FILE):
        load_event_codes(data_copy)
