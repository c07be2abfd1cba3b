"""PlaceResolver: the report's countries, regions and other places choose among namesakes."""

from __future__ import annotations

import pytest

from frontwatch.geo import Gazetteer, PlaceResolver, distance_km
from frontwatch.models import Place


@pytest.fixture
def resolver(tiny: Gazetteer) -> PlaceResolver:
    return PlaceResolver(tiny)


def test_population_decides_without_context(resolver: PlaceResolver) -> None:
    assert resolver.resolve("Duma").country_code == "SY"


@pytest.mark.parametrize("country", ["Lebanon", "LB", "LBN"])
def test_named_country_wins(resolver: PlaceResolver, country: str) -> None:
    assert resolver.resolve("Duma", countries=[country]).country_code == "LB"


def test_named_admin1_wins(resolver: PlaceResolver, tiny: Gazetteer) -> None:
    tiny.add_place("Duma", 35.9, 36.7, "SY", admin1="Idlib")
    assert resolver.resolve("Duma", admin1s=["Rif Dimashq"]).admin1 == "Rural Damascus"
    assert resolver.resolve("Duma", admin1s=["Idlib province"]).admin1 == "Idleb"


def test_the_likeliest_country_wins_among_those_named(resolver: PlaceResolver, tiny: Gazetteer) -> None:
    # a report may concern two countries (a cross-border strike); its likeliest one comes first
    tiny.add_place("Tell Sabha", 36.1, 41.2, "SY")
    tiny.add_place("Tell Sabha", 33.9, 44.1, "IQ")
    assert resolver.resolve("Tell Sabha", countries=["SY", "IQ"]).country_code == "SY"
    assert resolver.resolve("Tell Sabha", countries=["IQ", "SY"]).country_code == "IQ"


def test_nearby_places_win(resolver: PlaceResolver) -> None:
    tripoli = Place("Tripoli", 34.43, 35.84)
    assert resolver.resolve("Duma", near=[tripoli]).country_code == "LB"


def test_unknown_name(resolver: PlaceResolver) -> None:
    assert resolver.resolve("Xyzzy", countries=["Syria"]) is None


def test_fallback(resolver: PlaceResolver) -> None:
    assert resolver.fallback("Idlib province", "Syria").name == "Idleb"
    assert resolver.fallback("Atlantis", "Syria").feature == "country"
    assert resolver.fallback(None, None) is None


def test_distance() -> None:
    assert distance_km(Place("a", 0.0, 0.0), Place("b", 0.0, 1.0)) == pytest.approx(111.2, abs=0.1)
    assert distance_km(Place("a", None, None), Place("b", 0.0, 1.0)) == float("inf")
