"""Add a batch of office terms to src/lagebild/data/office_holders.tsv, then sort and check the file.

Usage: ``python scripts/office_holders_batch.py add BATCH...``, ``... check BATCH...``,
``... normalise`` or ``... report``. ``check`` validates batches against the list as ``add`` would,
without writing anything (several people can check their batches at the same time).

A batch is a plain text file written by hand, one term per line, fields separated by ``;``::

    @AFG                                  country of the following lines
    P;Hamid Karzai;Karsai|Karzai;2001-12-22;2014-09-29;s
    FM;Zalmai Rassoul;Rassoul;2010-01-20;2013-10-19;a+acting

Fields: office short code (see OFFICES), name, aliases (``|``-separated), start, end (empty
while in office), source short code (see SOURCES), optionally followed by ``+acting`` and/or
``+de_facto``. Lines starting with ``#`` are comments. A diacritic-free spelling of the name and
of each alias is added as an alias when it differs (Erdoğan -> Erdogan).

``report`` prints, per office, how many rows and countries the list has and how the rows'
sources split (how sure the recalled terms are).

``normalise`` sorts the rows (organisations first in their file order, then countries
alphabetically, offices in vocabulary order, terms by start) and loads the result with the
package's validating loader.
"""

from __future__ import annotations

import sys
import tempfile
import tomllib
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TSV = ROOT / "src" / "lagebild" / "data" / "office_holders.tsv"
TOML = ROOT / "src" / "lagebild" / "data" / "office_holders.toml"
COLUMNS = ("name", "aliases", "country", "org", "sector", "office", "start", "end", "source")

OFFICES = {
    "P": "president", "M": "monarch", "L": "supreme_leader", "PM": "prime_minister", "C": "chancellor",
    "FM": "foreign_minister", "DM": "defence_minister", "IM": "interior_minister",
    "GG": "governor_general", "PR": "presidency_member", "SC": "state_counsellor",
    "VP": "vice_president", "DPM": "deputy_prime_minister", "FIN": "finance_minister",
    "ECO": "economy_minister", "JUS": "justice_minister", "TRA": "trade_minister", "EN": "energy_minister",
    "HEA": "health_minister", "LAB": "labour_minister", "ENV": "environment_minister",
    "DEV": "development_minister", "AGR": "agriculture_minister", "TRN": "transport_minister",
    "EDU": "education_minister", "MIN": "minister",
}
SOURCES = {
    "s": "recalled; sure",
    "a": "recalled approx; sure",
    "l": "recalled approx; likely",
    "u": "recalled approx; unsure",
    "c": "curated",
    "ca": "curated approx",
}
_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
                       "Æ": "AE", "ı": "i", "ə": "a", "Ə": "A", "ʻ": "'", "ʼ": "'", "’": "'"})


def fold(text: str) -> str:
    """The name without diacritics (Erdoğan -> Erdogan, Łukasz -> Lukasz)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def parse_batch(path: Path) -> list[dict[str, str]]:
    """Read one hand-written batch into TSV rows."""
    rows: list[dict[str, str]] = []
    country = ""
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            country = line[1:].strip()
            continue
        fields = [f.strip() for f in line.split(";")]
        if len(fields) != 6:
            raise SystemExit(f"{path}:{number}: expected 6 fields, got {len(fields)}: {line}")
        office, name, aliases, start, end, source = fields
        code, *flags = source.split("+")
        if office not in OFFICES or code not in SOURCES or not country:
            raise SystemExit(f"{path}:{number}: bad office, source or missing country: {line}")
        forms = [a.strip() for a in aliases.split("|") if a.strip()]
        for form in [name, *forms]:
            folded = fold(form)
            if folded != form and folded not in forms and folded != name:
                forms.append(folded)
        rows.append({
            "name": name, "aliases": "|".join(forms), "country": country, "org": "", "sector": "GOV",
            "office": OFFICES[office], "start": start, "end": end,
            "source": "; ".join([SOURCES[code], *flags]),
        })
    return rows


def read_tsv() -> tuple[list[str], list[dict[str, str]]]:
    """The list's comment lines and its rows."""
    comments, rows = [], []
    for line in TSV.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            comments.append(line)
        elif line.strip() and not line.startswith("name\t"):
            rows.append(dict(zip(COLUMNS, line.split("\t"), strict=True)))
    return comments, rows


def write_tsv(comments: list[str], rows: list[dict[str, str]], path: Path = TSV) -> None:
    """Write the rows sorted: organisations in file order, then countries, offices, starts."""
    offices = [o["code"] for o in tomllib.loads(TOML.read_text(encoding="utf-8"))["office"]]
    orgs = [r for r in rows if not r["country"]]
    states = sorted(
        (r for r in rows if r["country"]),
        key=lambda r: (r["country"], offices.index(r["office"]), r["start"], r["name"]),
    )
    lines = [*comments, "\t".join(COLUMNS)] + ["\t".join(r[c] for c in COLUMNS) for r in orgs + states]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def check(path: Path = TSV) -> None:
    """Load the list with the package's validating loader (raises on any bad row or overlap)."""
    sys.path.insert(0, str(ROOT / "src"))
    from lagebild.actors.office_holders import load_office_holders

    print(f"{len(load_office_holders(path, TOML))} terms load")


def report(rows: list[dict[str, str]]) -> None:
    """Rows and countries per office, and rows per source confidence."""
    offices: dict[str, tuple[int, set[str]]] = {}
    for row in rows:
        count, countries = offices.get(row["office"], (0, set()))
        offices[row["office"]] = (count + 1, countries | ({row["country"]} if row["country"] else set()))
    for office, (count, countries) in sorted(offices.items()):
        print(f"{office:24} {count:5} rows {len(countries):4} countries")
    sources: dict[str, int] = {}
    for row in rows:
        parts = [p.strip() for p in row["source"].split(";")]
        origin = parts[0].split()[0]
        level = next((p for p in parts if p in {"sure", "likely", "unsure"}), "")
        key = f"{origin} {level}".strip() + (" approx" if "approx" in row["source"] else "")
        sources[key] = sources.get(key, 0) + 1
    for key, count in sorted(sources.items()):
        print(f"{key:40} {count:5}")


def add_batches(rows: list[dict[str, str]], batches: list[str]) -> None:
    """Append the batches' rows, refusing a term the list already has."""
    seen = {(r["name"], r["country"], r["office"], r["start"]) for r in rows}
    for batch in batches:
        for row in parse_batch(Path(batch)):
            key = (row["name"], row["country"], row["office"], row["start"])
            if key in seen:
                raise SystemExit(f"{batch}: duplicate term {key}")
            seen.add(key)
            rows.append(row)


def main(argv: list[str]) -> None:
    """Run one subcommand: add, check, normalise or report."""
    if not argv or argv[0] not in {"add", "check", "normalise", "report"}:
        raise SystemExit(__doc__)
    comments, rows = read_tsv()
    if argv[0] == "report":
        report(rows)
        return
    if argv[0] in {"add", "check"}:
        add_batches(rows, argv[1:])
    if argv[0] == "check":
        with tempfile.TemporaryDirectory() as folder:
            trial = Path(folder) / "office_holders.tsv"
            write_tsv(comments, rows, trial)
            check(trial)
        return
    write_tsv(comments, rows)
    check()


if __name__ == "__main__":
    main(sys.argv[1:])
