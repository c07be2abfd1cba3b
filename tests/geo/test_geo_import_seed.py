"""Places an analyst imports outrank the embedded ones and place the events at them: with a small
GeoNames-format file holding two villages the embedded data lacks, the seed's events there get the
imported coordinates."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from frontwatch.geo import Gazetteer
from frontwatch.models import Report
from frontwatch.nlp.pipeline import Coder

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "syria-offensive-2024-12-02.txt"

# geonameid, name, asciiname, alternatenames, lat, lon, class, code, cc, cc2, admin1, admin2, admin3,
# admin4, population, elevation, dem, timezone, modified: the layout of GeoNames' XX.txt files
VILLAGES = [
    ("9100001", "Harbanoush", "Harbanoush", "Harbnoush,Harbanush", "36.0330", "36.5530", "12"),
    ("9100002", "Ain Daqna", "Ain Daqna", "Ayn Daqnah,Ein Daqna", "36.4890", "37.1040", "09"),
]


def geonames_file(path: Path) -> Path:
    rows = [
        "\t".join([gid, name, ascii_, alts, lat, lon, "P", "PPL", "SY", "", admin1, "", "", "", "0", "",
                   "300", "Asia/Damascus", "2024-01-01"])
        for gid, name, ascii_, alts, lat, lon, admin1 in VILLAGES
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def importing_coder(embedded: Gazetteer, tmp_path_factory: pytest.TempPathFactory) -> Coder:
    folder = tmp_path_factory.mktemp("gazetteer")
    path = folder / embedded.path.name
    shutil.copy(embedded.path, path)
    with Gazetteer(path) as gazetteer:
        assert gazetteer.import_geonames(geonames_file(folder / "SY.txt")) == 2
    return Coder(gazetteer_path=path)


def test_imported_villages_place_the_seed_events(importing_coder: Coder) -> None:
    report = Report(SEED.read_text(encoding="utf-8"), id="seed", published=date(2024, 12, 2), source="CNN")
    events = {event.location: event for event in importing_coder.code(report).events}
    harbanoush, ain_daqna = events["Harbanoush"], events["Ain Daqna"]
    assert (harbanoush.latitude, harbanoush.longitude, harbanoush.admin1) == (36.033, 36.553, "Idleb")
    assert harbanoush.geo_precision == 2  # "a displacement area near Harbanoush"
    assert (ain_daqna.latitude, ain_daqna.longitude, ain_daqna.admin1) == (36.489, 37.104, "Aleppo")
    assert ain_daqna.geo_precision == 1  # "the towns of Ain Daqna and Sheikh Issa"
