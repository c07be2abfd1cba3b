"""The gazetteer over a tiny GeoNames-format build: matching, ranking, areas, imports, user data."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from frontwatch.geo import Gazetteer
from frontwatch.geo.build import conventional_admin1
from frontwatch.geo.gazetteer import broader_names, split_generic
from frontwatch.models import FrontwatchError


def names(places: list) -> list[str]:
    return [p.name for p in places]


def test_exact_and_alternate_spellings(tiny: Gazetteer) -> None:
    for spelling in ("Tell Rifaat", "Tall Rif`at", "Tal Refaat", "tell rifaat"):
        assert names(tiny.lookup(spelling))[:1] == ["Tall Rif‘at"], spelling
    assert names(tiny.lookup("Halab"))[0] == "Aleppo"


def test_vowel_variance_only_for_capitalised_phrases(tiny: Gazetteer) -> None:
    assert names(tiny.lookup("Saraqib"))[0] == "Saraqib"
    assert names(tiny.lookup("Sarqib"))[0] == "Saraqib"  # skeleton match, not an alternate name
    assert tiny.lookup("sarqib") == []  # a plain word must match exactly


def test_place_carries_english_admin_and_country_names(tiny: Gazetteer) -> None:
    idlib = tiny.lookup("Idlib", "SY")[0]
    assert (idlib.country, idlib.country_code, idlib.admin1, idlib.feature) == (
        "Syria",
        "SY",
        "Idleb",
        "populated place",
    )
    assert tiny.lookup("Duma", "SY")[0].admin1 == "Rural Damascus"


def test_country_filter(tiny: Gazetteer) -> None:
    assert tiny.lookup("Duma", "LB")[0].country == "Lebanon"
    assert tiny.lookup("Duma", "Syria")[0].country_code == "SY"
    assert tiny.lookup("Aleppo", "LB") == []
    with pytest.raises(FrontwatchError, match="Narnia"):
        tiny.lookup("Aleppo", "Narnia")


def test_region_words_prefer_the_admin1_area(tiny: Gazetteer) -> None:
    assert tiny.lookup("Idlib")[0].feature == "populated place"
    area = tiny.lookup("Idlib province")[0]
    assert (area.feature, area.name) == ("admin1", "Idleb")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Idleb", "Idleb"),
        ("Idlib province", "Idleb"),
        ("Aleppo governorate", "Aleppo"),
        ("Rif Dimashq", "Rural Damascus"),
        ("Rural Damascus", "Rural Damascus"),
        ("Damascus", "Damascus"),
    ],
)
def test_admin1(tiny: Gazetteer, text: str, expected: str) -> None:
    area = tiny.admin1(text, "SY")
    assert area is not None and area.name == expected and area.feature == "admin1"


def test_admin1_sits_at_its_capital(tiny: Gazetteer) -> None:
    area = tiny.admin1("Idlib")
    assert area is not None and (area.latitude, area.longitude) == (35.93062, 36.63393)
    assert area.population == 128840 + 34231


@pytest.mark.parametrize("text", ["Syria", "SY", "SYR", "Syrian Arab Republic", "syria"])
def test_country(tiny: Gazetteer, text: str) -> None:
    country = tiny.country(text)
    assert country is not None and (country.name, country.feature, country.country_code) == (
        "Syria",
        "country",
        "SY",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Palestine", "Palestine"),
        ("DRC", "Democratic Republic of Congo"),
        ("DR Congo", "Democratic Republic of Congo"),
        ("Russian Federation", "Russia"),
        ("Türkiye", "Turkey"),
        ("Burma", "Myanmar"),
        ("KOR", "South Korea"),
    ],
)
def test_acled_country_names(tiny: Gazetteer, text: str, expected: str) -> None:
    country = tiny.country(text)
    assert country is not None and country.name == expected


def test_added_place_outranks_embedded_and_keeps_conventional_admin1(tiny: Gazetteer) -> None:
    place = tiny.add_place("Aleppo", 36.0, 37.0, "Syria", admin1="Halab", alt_names=["Haleb Camp"])
    assert place.admin1 == "Aleppo" and place.source == "user"
    assert tiny.lookup("Aleppo")[0].source == "user"
    assert tiny.lookup("Haleb Camp")[0].latitude == 36.0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("", 1.0, 1.0, "SY"), "name"),
        (("X", 91.0, 1.0, "SY"), "out of range"),
        (("X", 1.0, 1.0, "Narnia"), "Narnia"),
    ],
)
def test_add_place_errors(tiny: Gazetteer, args: tuple, message: str) -> None:
    with pytest.raises(FrontwatchError, match=message):
        tiny.add_place(*args)


def test_import_geonames_with_alternate_names(
    tiny: Gazetteer, tmp_path: Path, geonames_line: Callable[..., str]
) -> None:
    dump = tmp_path / "SY.txt"
    row = ("900002", "Sfuhen", "Sfuhen", "Sufuhin", "35.6073", "36.4645", "SY", "12", "0")
    dump.write_text(
        geonames_line(row) + "\n" + geonames_line((row[0], "Jabal Shahshabu", *row[2:]), ("T", "MT"))
    )
    alternates = tmp_path / "alternateNamesV2.txt"
    alternates.write_text("1\t900002\ten\tSfouhen\t\t\t\t\t\t\n2\t900002\tlink\thttps://x\t\t\t\t\t\t\n")
    assert tiny.import_geonames(dump, alternates) == 2
    place = tiny.lookup("Sfouhen")[0]
    assert (place.name, place.admin1, place.source) == ("Sfuhen", "Idleb", "import:SY.txt")
    assert tiny.lookup("Jabal Shahshabu")[0].feature == "terrain"
    assert tiny.lookup("https://x") == []


def test_import_geonames_rejects_other_formats(tiny: Gazetteer, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("name,lat,lon\n")
    with pytest.raises(FrontwatchError, match=r"bad\.txt:1: expected 19"):
        tiny.import_geonames(bad)
    with pytest.raises(FrontwatchError, match=r"missing\.txt"):
        tiny.import_geonames(tmp_path / "missing.txt")


def test_import_csv(tiny: Gazetteer, tmp_path: Path) -> None:
    path = tmp_path / "ocha.csv"
    path.write_text(
        "village,lat,lon,gov,alt\nKafr Nobol,35.61,36.56,Idlib,Kafr Nubl;Kafranbel\n", encoding="utf-8"
    )
    assert (
        tiny.import_csv(path, "village", "lat", "lon", country_code="SY", admin1_col="gov", alt_col="alt")
        == 1
    )
    place = tiny.lookup("Kafranbel")[0]
    assert (place.name, place.admin1, place.country) == ("Kafr Nobol", "Idleb", "Syria")
    with pytest.raises(FrontwatchError, match="'lng'"):
        tiny.import_csv(path, "village", "lat", "lng", country_code="SY")
    with pytest.raises(FrontwatchError, match="country"):
        tiny.import_csv(path, "village", "lat", "lon")


def test_import_csv_bad_row_names_the_line(tiny: Gazetteer, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("name,lat,lon,cc\nX,north,1,SY\n")
    with pytest.raises(FrontwatchError, match=r"bad\.csv:2: bad coordinates"):
        tiny.import_csv(path, "name", "lat", "lon", country_col="cc")


def test_unresolved_counts_each_report_once(tiny: Gazetteer) -> None:
    for report in ("r1", "r2", "r2"):
        tiny.record_unresolved("Tal Jammeh", "SY", "Idleb", report)
    tiny.record_unresolved("Nowhere", None, None, "r3")
    first, second = tiny.unresolved()
    assert (first.name, first.count, sorted(first.report_ids)) == ("Tal Jammeh", 2, ["r1", "r2"])
    assert (second.country_code, second.admin1, second.count) == (None, None, 1)


def test_known_keys_and_contains(tiny: Gazetteer) -> None:
    assert tiny.known_keys(["halab", "talrifat", "nowhere", ""]) == {"halab", "talrifat"}
    assert tiny.contains("Tell Rifaat") and not tiny.contains("Tell Nowhere")


def test_rebuild_keeps_user_data_and_replaces_stale_files(tiny: Gazetteer, tiny_dump: Path) -> None:
    from frontwatch.geo.sources import read_geonames_dump

    tiny.add_place("Hole Camp", 36.37, 41.15, "SY", alt_names=["Al-Hol camp"])
    tiny.record_unresolved("Tal Jammeh", "SY", None, "r1")
    path = tiny.path
    tiny.close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = 'stale'")
    assert not Gazetteer.is_current(path)
    rebuilt = Gazetteer.build(path, cities=read_geonames_dump(tiny_dump))
    assert rebuilt.lookup("Al-Hol camp")[0].source == "user"
    assert [u.name for u in rebuilt.unresolved()] == ["Tal Jammeh"]
    assert Gazetteer.is_current(path)
    assert [p.name for p in path.parent.iterdir()] == ["gazetteer.sqlite"]  # no temporary file left
    rebuilt.close()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Idlib province", ("Idlib", True)),
        ("Aleppo city", ("Aleppo", False)),
        ("the town of Duma", ("Duma", False)),
        ("Rural Damascus", ("Rural Damascus", False)),
        ("Province", ("Province", False)),
    ],
)
def test_split_generic(text: str, expected: tuple[str, bool]) -> None:
    assert split_generic(text) == expected


def test_fallback_names_and_lookup(tiny: Gazetteer) -> None:
    assert broader_names("Aleppo - Sheikh Maqsoud") == ["Aleppo"]
    assert broader_names("Saraqib Military Airport") == ["Saraqib"]
    assert names(tiny.lookup("Aleppo - Sheikh Maqsoud"))[0] == "Aleppo"


@pytest.mark.parametrize(
    ("geonames", "conventional"),
    [
        ("Muhafazat Karbala'", "Karbala'"),
        ("Basra Governorate", "Basra"),
        ("Northern State", "Northern State"),
        ("Rangpur Division", "Rangpur"),
        ("Sha`biyat Nalut", "Nalut"),
        ("Kyiv Oblast'", "Kyiv Oblast"),
    ],
)
def test_conventional_admin1(geonames: str, conventional: str) -> None:
    assert conventional_admin1(geonames) == conventional
