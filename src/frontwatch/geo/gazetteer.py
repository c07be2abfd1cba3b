"""The gazetteer: place look-up by transliteration-tolerant name, over an indexed SQLite file.

Opening is cheap (one connection, one version check); every query runs against SQLite's
indexes in place, so a CLI call or a web worker never loads 235k places into memory. Names are
matched on folded keys (see `frontwatch.geo.fold`): exact key first, then a consonant skeleton
(vowel variance), then rapidfuzz among keys sharing a prefix. Places users add or import outrank
the embedded GeoNames data, since they encode local knowledge the open data lacks.
"""

from __future__ import annotations

import csv
import math
import re
import sqlite3
import time
from collections.abc import Callable, Hashable, Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from frontwatch.geo.fold import fold_name, skeleton
from frontwatch.geo.schema import EMBEDDED_SOURCES, build_version, default_path, name_rows
from frontwatch.geo.sources import RawPlace, read_alternate_names, read_geonames_dump
from frontwatch.models import CodedReport, FrontwatchError, Place

_REGION_WORDS = (
    r"province|governorate|region|oblast|state|county|wilaya|wilayah|muhafazat|prefecture|department"
)
_PLACE_WORDS = r"city|town|village|countryside|area|district|suburb|neighbourhood|neighborhood"
_TRAILING_GENERIC = re.compile(rf"(?:[\s,]+(?:({_REGION_WORDS})|{_PLACE_WORDS}))+$", re.IGNORECASE)
_FACILITY_WORDS = (
    r"camp|prison|jail|airport|airbase|air base|base|military|checkpoint|crossing|border crossing|hospital"
    r"|market|bridge|dam|plain|valley|mountains?|hills?|junction|roundabout|square|field|oil field|farms?"
)
_TRAILING_FACILITY = re.compile(rf"(?:\s+(?:{_FACILITY_WORDS}))+$", re.IGNORECASE)
_LEADING_GENERIC = re.compile(
    rf"^(?:the\s+)?(?:(?:({_REGION_WORDS})|{_PLACE_WORDS})\s+of\s+)?", re.IGNORECASE
)
_SKELETON_MIN_SIMILARITY = 80.0
_FUZZY_MIN_SIMILARITY = 85.0
_FUZZY_PREFIX = 3
_FUZZY_POOL = 50_000
_SQL_CHUNK = 500
_PLACE_COLUMNS = (
    "p.id, p.name, p.latitude, p.longitude, p.country_code, p.admin1, p.admin2, p.feature, p.population,"
    " p.source, p.geonameid"
)
_FEATURE_ORDER = {"country": 0, "populated place": 1, "admin1": 2}
_MEMO_SIZE = 50_000
"""Look-ups remembered per open gazetteer: reports name the same few hundred places again and again."""
_MEMO_CHECK_SECONDS = 1.0
"""How often the memo asks SQLite whether another connection changed the file."""


@dataclass(frozen=True, slots=True)
class Match:
    """A candidate place for a name, with how it matched (for callers that weigh context)."""

    place: Place
    tier: int  # 0 exact folded key, 1 consonant skeleton, 2 fuzzy among keys sharing a prefix
    similarity: float  # rapidfuzz ratio between the folded keys, 0-100
    primary: bool  # matched the place's main name rather than an alternate

    @property
    def user_data(self) -> bool:
        """Added by a user or imported: outranks the embedded GeoNames data."""
        return self.place.source not in EMBEDDED_SOURCES

    def score(self) -> float:
        """Within a tier: log population, a main-name bonus worth a factor 100, closeness of spelling."""
        return _score(self.place.population, self.primary, self.similarity)


def _score(population: int, primary: bool, similarity: float) -> float:
    return math.log10(population + 10) + 2.0 * primary - (100.0 - similarity) / 10


@dataclass(frozen=True, slots=True)
class Unresolved:
    """A place name the coder could not place, how often, and in which reports."""

    name: str
    country_code: str | None
    admin1: str | None
    count: int
    report_ids: tuple[str, ...]


def split_generic(name: str) -> tuple[str, bool]:
    """('Idlib', True) for 'Idlib province'; ('Aleppo', False) for 'Aleppo city'.

    The flag says the text named a region (province, governorate, oblast...), so admin1 areas
    should come before towns of the same name.
    """
    text = name.strip().strip(".,;:")
    trailing = _TRAILING_GENERIC.search(text)
    region = bool(trailing and trailing.group(1))
    core = text[: trailing.start()] if trailing and trailing.start() > 0 else text
    leading = _LEADING_GENERIC.match(core)
    if leading and leading.end() < len(core):
        region = region or bool(leading.group(1))
        core = core[leading.end() :]
    return core.strip(), region


def broader_names(name: str) -> list[str]:
    """Less specific forms of a name to fall back on, most specific first.

    'Aleppo - Sheikh Maqsoud' (town - neighbourhood, as coders write it) -> 'Aleppo';
    'Sidnaya Military Prison' -> 'Sidnaya'; 'Hol camp' -> 'Hol': the site is usually not in the
    gazetteer but the settlement it is named after is.
    """
    forms = []
    head = name.split(" - ", 1)[0].strip()
    if head and head != name.strip():
        forms.append(head)
    stripped = _TRAILING_FACILITY.sub("", head)
    if stripped and stripped != head:
        forms.append(stripped)
    return forms


def _chunks(items: Sequence[str], size: int = _SQL_CHUNK) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Gazetteer:
    """Place names to coordinates and admin areas, stored in one SQLite file.

    The file is built on first use (about 20 s) from the embedded open data, and rebuilt when
    the build rules change; places added or imported by users survive rebuilds.
    """

    def __init__(self, path: Path | None = None, *, progress: Callable[[str], None] | None = None) -> None:
        self.path = Path(path) if path else default_path()
        if not self.is_current(self.path):
            from frontwatch.geo.build import build_gazetteer

            build_gazetteer(self.path, progress=progress)
        try:
            # A server or watcher may build the pipeline on one thread and code on another; the
            # callers serialise coding, so the connection need not be pinned to its first thread.
            self._db = sqlite3.connect(self.path, check_same_thread=False)
        except sqlite3.Error as exc:
            raise FrontwatchError(f"cannot open the gazetteer {self.path}: {exc}") from exc
        self._country_names: dict[str, str] | None = None
        self._memo: dict[Hashable, Any] = {}
        self._memo_version = (-1, -1)  # (data_version, total_changes) the memo was filled under
        self._memo_checked = -math.inf

    @classmethod
    def build(
        cls,
        path: Path | None = None,
        *,
        cities: Iterable[RawPlace] | None = None,
        progress: Callable[[str], None] | None = None,
    ) -> Gazetteer:
        """(Re)build the file now, from cities500 or from the given places, and open it."""
        from frontwatch.geo.build import build_gazetteer

        target = Path(path) if path else default_path()
        build_gazetteer(target, cities=cities, progress=progress)
        return cls(target)

    @staticmethod
    def is_current(path: Path) -> bool:
        """True when a gazetteer file exists at `path` and was built by these rules and tables."""
        if not path.exists():
            return False
        try:
            with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
                row = db.execute("SELECT value FROM meta WHERE key = 'build_version'").fetchone()
        except sqlite3.DatabaseError:
            return False
        return bool(row) and row[0] == build_version()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- reading -------------------------------------------------------------------------------

    def _countries(self) -> dict[str, str]:
        """ISO alpha-2 code -> ACLED-style English name (250 rows, read once per instance)."""
        if self._country_names is None:
            self._country_names = dict(self._db.execute("SELECT code, name FROM country"))
        return self._country_names

    def _remembered(self, compute: Callable[..., Any], *args: Hashable) -> Any:
        """`compute(*args)`, computed once per arguments while the file is unchanged.

        Results are plain rows and strings (fresh `Place`s are built from them on every call, so
        callers may keep or change what they get). SQLite's data_version moves when another
        connection commits (asked at most once a second), total_changes when this one writes:
        either empties the memo, so a place added meanwhile (`places add` in another shell) is seen.
        """
        now = time.monotonic()
        own_write = self._db.total_changes != self._memo_version[1]
        if own_write or now - self._memo_checked >= _MEMO_CHECK_SECONDS:
            self._memo_checked = now
            version = (self._db.execute("PRAGMA data_version").fetchone()[0], self._db.total_changes)
            if version != self._memo_version:
                self._memo.clear()
                self._memo_version = version
        if len(self._memo) >= _MEMO_SIZE:
            self._memo.clear()
        key = (compute.__name__, *args)
        if key not in self._memo:
            self._memo[key] = compute(*args)
        return self._memo[key]

    def _place(self, row: Sequence) -> Place:
        _id, name, lat, lon, cc, admin1, admin2, feature, population, source, geonameid = row
        country = self._countries().get(cc or "")
        return Place(name, lat, lon, country, cc, admin1, admin2, feature, population or 0, source, geonameid)

    def _rows_for_keys(self, keys: Sequence[str], where: str = "", params: Sequence = ()) -> list[tuple]:
        """(key, is_primary, *place columns) for every name row whose key is one of `keys`."""
        rows: list[tuple] = []
        for chunk in _chunks(list(keys)):
            marks = ",".join("?" * len(chunk))
            rows += self._db.execute(
                f"SELECT n.key, n.is_primary, {_PLACE_COLUMNS} FROM name n JOIN place p ON p.id = n.place_id"
                f" WHERE n.key IN ({marks}) {where}",
                (*chunk, *params),
            ).fetchall()
        return rows

    def _similar_keys(self, key: str, fuzzy: bool) -> tuple[list[str], list[str]]:
        """Keys sharing `key`'s skeleton (tier 1), and, when `fuzzy`, close keys among those sharing
        its prefix (tier 2)."""
        by_skeleton = [
            k
            for k in self._remembered(self._keys_with_skeleton, skeleton(key))
            if k != key and fuzz.ratio(key, k) >= _SKELETON_MIN_SIMILARITY
        ]
        if not fuzzy:
            return by_skeleton, []
        pool = self._remembered(self._keys_with_prefix, key[:_FUZZY_PREFIX])
        found = process.extract(key, pool, scorer=fuzz.ratio, score_cutoff=_FUZZY_MIN_SIMILARITY, limit=20)
        fuzzy = [k for k, _score, _i in found if k != key and k not in by_skeleton]
        return by_skeleton, fuzzy

    # Each key has one skeleton and one prefix: remembered, these pools hold each key at most twice.
    def _keys_with_skeleton(self, skel: str) -> list[str]:
        query = "SELECT DISTINCT key FROM name WHERE skel = ? LIMIT 5000"
        return [k for (k,) in self._db.execute(query, (skel,))]

    def _keys_with_prefix(self, prefix: str) -> list[str]:
        return [
            k
            for (k,) in self._db.execute(
                "SELECT DISTINCT key FROM name WHERE key >= ? AND key < ? LIMIT ?",
                (prefix, prefix + "\x7f", _FUZZY_POOL),
            )
        ]

    def _country_filter(self, country_code: str | None) -> tuple[str, tuple]:
        if not country_code:
            return "", ()
        country = self.country(country_code)
        if country is None:
            raise FrontwatchError(f"unknown country {country_code!r}")
        return "AND p.country_code = ?", (country.country_code,)

    def matches(
        self,
        name: str,
        country_code: str | None = None,
        limit: int = 10,
        *,
        feature: str | None = None,
        fuzzy: bool = True,
    ) -> list[Match]:
        """Candidate places for a name, best first, with how each matched.

        `fuzzy=False` skips the fuzzy tier: the coder, which reads hundreds of capitalised phrases a
        report, wants only spellings and transliterations of a name, not look-alikes.

        Spelling variants beyond the folded key (skeleton, fuzzy) are tried only for capitalised
        phrases: a plain lowercase word ('road', 'market') must match a key exactly, or it is not
        a place name. When nothing matches, the town of 'Aleppo - Sheikh Maqsoud' and the village
        of 'Hol camp' are tried (see `broader_names`).
        """
        where, params = self._country_filter(country_code)
        if feature:
            where, params = f"{where} AND p.feature = ?", (*params, feature)
        for candidate in (name, *broader_names(name)):
            ranked = self._remembered(self._ranked_rows, candidate, where, tuple(params), fuzzy)
            if ranked:
                return [Match(self._place(place_row), tier, similarity, primary)
                        for place_row, tier, similarity, primary in ranked[:limit]]
        return []

    def _ranked_rows(self, name: str, where: str, params: Sequence, fuzzy: bool
                     ) -> list[tuple[tuple, int, float, bool]]:
        """(place row, tier, similarity, primary) of each candidate place, best first."""
        core, region = split_generic(name)
        key = fold_name(core)
        if len(key) < 2:
            return []
        tiers = {key: 0}
        if core[:1].isupper():
            by_skeleton, close = self._remembered(self._similar_keys, key, fuzzy)
            tiers.update(dict.fromkeys(by_skeleton, 1))
            tiers.update({k: 2 for k in close if k not in tiers})
        # place id -> (tier, -score, place row, similarity, primary): the place's best-matching name
        found: dict[int, tuple[int, float, tuple, float, bool]] = {}
        for row in self._rows_for_keys(list(tiers), where, params):
            row_key, primary, place_row = row[0], bool(row[1]), row[2:]
            similarity = fuzz.ratio(key, row_key)
            score = _score(place_row[8] or 0, primary, similarity)
            candidate = (tiers[row_key], -score, place_row, similarity, primary)
            best = found.get(place_row[0])
            if best is None or candidate[:2] < best[:2]:
                found[place_row[0]] = candidate
        ranked = sorted(found.values(), key=lambda c: self._rank(c[0], c[2], -c[1], region))
        return [(place_row, tier, similarity, primary) for tier, _, place_row, similarity, primary in ranked]

    @staticmethod
    def _rank(tier: int, place_row: tuple, score: float, region: bool) -> tuple:
        """Tier, then user data, countries, towns, admin1 areas (regions first when the text says
        'province'), then score."""
        feature, source = place_row[7], place_row[9]
        feature_order = _FEATURE_ORDER.get(feature, 1)
        if region and feature == "admin1":
            feature_order = 0
        return (tier, source in EMBEDDED_SOURCES, feature_order, -score)

    def lookup(self, name: str, country_code: str | None = None, limit: int = 10) -> list[Place]:
        """Places called `name` (any common transliteration), best first.

        Order: exact folded spelling before skeleton/fuzzy matches; within that, user-added or
        imported places first, then countries, towns, admin1 areas (regions first when the text
        says 'province', 'governorate'...), then population with a bonus for main names.
        """
        return [m.place for m in self.matches(name, country_code, limit)]

    def admin1(self, name: str, country_code: str | None = None) -> Place | None:
        """The admin1 area a name refers to ('Idlib province', 'Deir ez Zor', 'Rural Damascus'), or None."""
        found = self.matches(name, country_code, limit=1, feature="admin1")
        return found[0].place if found else None

    def country(self, name_or_code: str) -> Place | None:
        """A country by ISO alpha-2/alpha-3 code or by any English name ('Syria', 'SYR', 'DRC')."""
        row = self._remembered(self._country_row, name_or_code)
        return self._place(row) if row else None

    def _country_row(self, name_or_code: str) -> Sequence | None:
        text = name_or_code.strip()
        if len(text) in (2, 3) and text.isalpha() and text.isupper():
            row = self._db.execute(
                f"SELECT {_PLACE_COLUMNS} FROM country c JOIN place p ON p.id = c.place_id"
                " WHERE c.code = ? OR c.iso3 = ?",
                (text, text),
            ).fetchone()
            if row:
                return row
        rows = self._rows_for_keys([fold_name(text)], "AND p.feature = 'country'")
        return max(rows, key=lambda r: (r[1], r[10]))[2:] if rows else None

    def known_keys(self, keys: Iterable[str]) -> set[str]:
        """The subset of folded keys that name some place: one indexed query per 500 keys.

        Meant for screening the many candidate phrases of a report before resolving any.
        """
        wanted = sorted({k for k in keys if k})
        known: set[str] = set()
        for chunk in _chunks(wanted):
            marks = ",".join("?" * len(chunk))
            known.update(
                k for (k,) in self._db.execute(f"SELECT DISTINCT key FROM name WHERE key IN ({marks})", chunk)
            )
        return known

    def contains(self, name: str) -> bool:
        """True when the name's folded key is exactly a known place name."""
        return bool(self.known_keys([fold_name(split_generic(name)[0])]))

    # -- writing ---------------------------------------------------------------------------------

    def _insert_place(self, place: Place, alt_names: Iterable[str]) -> None:
        cursor = self._db.execute(
            "INSERT INTO place (name, latitude, longitude, country_code, admin1, admin2, feature, population,"
            " source, geonameid) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                place.name,
                place.latitude,
                place.longitude,
                place.country_code,
                place.admin1,
                place.admin2,
                place.feature,
                place.population,
                place.source,
                place.geonameid,
            ),
        )
        alt_names = list(alt_names)
        self._db.executemany(
            "INSERT INTO name VALUES (?,?,?,?)", name_rows(cursor.lastrowid, place.name, alt_names)
        )
        self._db.executemany("INSERT INTO alias VALUES (?,?)", [(cursor.lastrowid, a) for a in alt_names])

    def _admin1_name(self, admin1: str | None, country_code: str) -> str | None:
        """The conventional name of a user-given admin1, or the text itself when it names no known area."""
        if not admin1 or not admin1.strip():
            return None
        area = self.admin1(admin1, country_code)
        return area.name if area else admin1.strip()

    def _country_code(self, country: str, where: str) -> str:
        found = self.country(country)
        if found is None or not found.country_code:
            raise FrontwatchError(f"{where}: unknown country {country!r}")
        return found.country_code

    def add_place(
        self,
        name: str,
        lat: float,
        lon: float,
        country_code: str,
        admin1: str | None = None,
        alt_names: Iterable[str] = (),
        *,
        source: str = "user",
    ) -> Place:
        """Add a place (local knowledge, a camp, a hill) that then outranks the embedded data."""
        if not name.strip():
            raise FrontwatchError("a place needs a name")
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise FrontwatchError(f"{name}: coordinates {lat}, {lon} are out of range")
        cc = self._country_code(country_code, name)
        place = Place(
            name.strip(),
            lat,
            lon,
            self._countries().get(cc),
            cc,
            self._admin1_name(admin1, cc),
            source=source,
        )
        with self._db:
            self._insert_place(place, alt_names)
        return place

    def import_geonames(self, path: Path, alternate_names: Path | None = None) -> int:
        """Import a GeoNames dump (XX.txt or allCountries.txt, alternateNamesV2.txt optional); count them."""
        path = Path(path)
        records = list(read_geonames_dump(path))
        extra: dict[int, list[str]] = {}
        if alternate_names:
            for geonameid, alt in read_alternate_names(Path(alternate_names), {r.geonameid for r in records}):
                extra.setdefault(geonameid, []).append(alt)
        admin1_names = {(cc, code): name for cc, code, name in self._db.execute("SELECT * FROM admin1_code")}
        source = f"import:{path.name}"
        with self._db:
            for r in records:
                place = Place(
                    r.name,
                    r.latitude,
                    r.longitude,
                    self._countries().get(r.country_code),
                    r.country_code,
                    admin1_names.get((r.country_code, r.admin1_code)),
                    None,
                    r.feature,
                    r.population,
                    source,
                    r.geonameid,
                )
                self._insert_place(place, [*r.alternate_names, *extra.get(r.geonameid or 0, [])])
        return len(records)

    def import_csv(
        self,
        path: Path,
        name_col: str,
        lat_col: str,
        lon_col: str,
        country_col: str | None = None,
        country_code: str | None = None,
        admin1_col: str | None = None,
        alt_col: str | None = None,
    ) -> int:
        """Import an OCHA-style CSV gazetteer; country per row (`country_col`) or for all (`country_code`)."""
        path = Path(path)
        if not country_col and not country_code:
            raise FrontwatchError(f"{path}: give a country column or one country code for the whole file")
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                rows = list(csv.DictReader(handle))
        except (OSError, UnicodeDecodeError) as exc:
            raise FrontwatchError(f"cannot read CSV gazetteer {path}: {exc}") from exc
        wanted = [c for c in (name_col, lat_col, lon_col, country_col, admin1_col, alt_col) if c]
        missing = [c for c in wanted if rows and c not in rows[0]]
        if missing:
            raise FrontwatchError(
                f"{path}: no column {', '.join(map(repr, missing))} (has {', '.join(rows[0])})"
            )
        source = f"import:{path.name}"
        with self._db:
            for line_no, row in enumerate(rows, 2):
                self._import_csv_row(
                    row,
                    f"{path}:{line_no}",
                    source,
                    (name_col, lat_col, lon_col, country_col, admin1_col, alt_col),
                    country_code,
                )
        return len(rows)

    def _import_csv_row(
        self,
        row: dict[str, str],
        where: str,
        source: str,
        cols: tuple[str | None, ...],
        default_cc: str | None,
    ) -> None:
        name_col, lat_col, lon_col, country_col, admin1_col, alt_col = cols
        try:
            lat, lon = float(row[lat_col]), float(row[lon_col])
        except (TypeError, ValueError) as exc:
            raise FrontwatchError(f"{where}: bad coordinates {row[lat_col]!r}, {row[lon_col]!r}") from exc
        cc = self._country_code((row[country_col] if country_col else None) or default_cc or "", where)
        alts = re.split(r"[;,|]", row[alt_col]) if alt_col and row[alt_col] else []
        place = Place(
            row[name_col].strip(),
            lat,
            lon,
            self._countries().get(cc),
            cc,
            self._admin1_name(row[admin1_col] if admin1_col else None, cc),
            source=source,
        )
        self._insert_place(place, [a.strip() for a in alts if a.strip()])

    def record_unresolved(
        self,
        name: str,
        country_code: str | None = None,
        admin1: str | None = None,
        report_id: str | None = None,
    ) -> None:
        """Log a name the coder could not place, so analysts can add it (counted once per report)."""
        with self._db:
            self._db.execute(
                "INSERT OR IGNORE INTO unresolved VALUES (?,?,?,?)",
                (name.strip(), country_code or "", admin1 or "", report_id or ""),
            )

    def record_unplaced(self, coded_reports: Iterable[CodedReport]) -> None:
        """Log every event location the coder could not place, in one transaction."""
        rows = []
        for coded in coded_reports:
            for name in coded.unplaced:
                country = self.country(name.country) if name.country else None
                code = country.country_code if country else None
                rows.append((name.name.strip(), code or "", name.admin1 or "", coded.report.id))
        if rows:
            with self._db:
                self._db.executemany("INSERT OR IGNORE INTO unresolved VALUES (?,?,?,?)", rows)

    def unresolved(self) -> list[Unresolved]:
        """Names the coder could not place, most frequent first."""
        rows = self._db.execute(
            "SELECT name, country_code, admin1, count(*), group_concat(report_id, char(31)) FROM unresolved"
            " GROUP BY name, country_code, admin1 ORDER BY count(*) DESC, name"
        )
        return [
            Unresolved(
                name, cc or None, admin1 or None, count, tuple(r for r in (ids or "").split("\x1f") if r)
            )
            for name, cc, admin1, count, ids in rows
        ]
