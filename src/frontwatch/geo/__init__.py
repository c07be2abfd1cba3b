"""Geocoding: a transliteration-tolerant gazetteer and context-aware place resolution.

`Gazetteer` answers "where is this name?" from an indexed SQLite file built offline from GeoNames
data; `PlaceResolver` picks among namesakes using the rest of the report.
"""

from collections.abc import Sequence

from frontwatch.geo.fold import fold_name, skeleton
from frontwatch.geo.gazetteer import Gazetteer, Match, Unresolved
from frontwatch.geo.resolve import PlaceResolver, distance_km
from frontwatch.models import CodedReport

__all__ = [
    "Gazetteer",
    "Match",
    "PlaceResolver",
    "Unresolved",
    "distance_km",
    "fold_name",
    "note_unplaced",
    "skeleton",
]


def note_unplaced(coded_reports: Sequence[CodedReport]) -> None:
    """List the places events were coded at that the gazetteer lacks (`frontwatch places unresolved`),
    opening the gazetteer only when there are some."""
    if any(coded.unplaced for coded in coded_reports):
        with Gazetteer() as gazetteer:
            gazetteer.record_unplaced(coded_reports)
