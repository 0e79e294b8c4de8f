"""The home country of an article: whom its unnamed national actors belong to.

"Die Regierung", "the police", "Behörden", a person the actor lists do not know: news names
such actors without their country because the reader knows which country the article is about.
That is, in this order, the country of its dateline ("Kabul –"), the country it names most
often, or the country of its outlet (data/outlets.toml: Der Standard is Austrian, a ``.de``
address German; news agencies have none).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

from lagebild.datafiles import DataFileError, FieldSpec, load_toml, package_path, validate_record
from lagebild.model import Doc

_OUTLET_SCHEMA = {
    "name": FieldSpec((str,), required=True),
    "forms": FieldSpec((list,), required=True),
    "country": FieldSpec((str,), required=True),
}


@dataclass(frozen=True)
class Outlets:
    """Outlets and web domains with their countries, and the sectors never taken as home actors."""

    countries: dict[str, str]  # lower-case outlet name or host -> ISO3 ("" for none)
    domains: dict[str, str]  # top-level domain -> ISO3
    foreign_sectors: frozenset[str]
    unknown_sectors: frozenset[str] = frozenset()

    def country_of(self, outlet: str | None, url: str | None = None) -> str | None:
        """The country of an outlet given by name or web address, or of a URL's host."""
        for value in (outlet, url):
            if not value:
                continue
            host = _host(value)
            for key in (value.lower(), host, host.removeprefix("www.")):
                if key in self.countries:
                    return self.countries[key] or None
            suffix = host.rsplit(".", 1)[-1] if "." in host else ""
            if suffix in self.domains:
                return self.domains[suffix]
        return None


def _host(value: str) -> str:
    """The host name of a URL or of a bare domain ("derstandard.at")."""
    return (urlsplit(value if "//" in value else f"//{value}").hostname or value).lower()


def load_outlets() -> Outlets:
    """Read data/outlets.toml."""
    path = package_path("data", "outlets.toml")
    data = load_toml(path)
    countries: dict[str, str] = {}
    for number, record in enumerate(data.get("outlet", []), start=1):
        validate_record(record, _OUTLET_SCHEMA, f"{path}: outlet #{number}")
        for form in record["forms"]:
            countries[str(form).lower()] = record["country"]
    domains = data.get("domains", {})
    if not all(isinstance(v, str) for v in domains.values()):
        raise DataFileError(f"{path}: [domains] maps domains to ISO3 codes")
    home = data.get("home", {})
    return Outlets(
        countries,
        dict(domains),
        frozenset(home.get("foreign_sectors", [])),
        frozenset(home.get("unknown_sectors", [])),
    )


@dataclass(frozen=True)
class ArticleCountries:
    """The countries an article comes from and speaks of, each where it can be told."""

    dateline: str | None
    outlet: str | None
    named: tuple[str, ...]  # countries the article names, most named first
    most_named: str | None  # the one country named more often than any other

    @property
    def home(self) -> str | None:
        """The country the article is about: its dateline's, its most named, else its outlet's."""
        return self.dateline or self.most_named or self.outlet or (self.named[0] if self.named else None)

    @property
    def for_offices(self) -> tuple[str, ...]:
        """Where an office word several countries use belongs, in order: dateline, outlet, text."""
        return tuple(c for c in (self.dateline, self.outlet, *self.named) if c)


def article_countries(doc: Doc, outlets: Outlets) -> ArticleCountries:
    """Read the dateline's, the outlet's and the named countries of an article."""
    dateline = None
    for start, end in doc.datelines[:1]:
        place = next((m for m in doc.mentions_of("place") if start <= m.start and m.end <= end), None)
        if place is not None and place.place is not None and place.place.country:
            dateline = place.place.country
    counts = Counter(
        m.actor.country
        for m in doc.mentions_of("actor")
        if m.actor and m.actor.country and not m.actor.org and not m.actor.alternatives
    )
    ranked = counts.most_common()
    most = ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None
    outlet = outlets.country_of(doc.article.outlet, doc.article.url)
    return ArticleCountries(dateline, outlet, tuple(c for c, _ in ranked), most)

