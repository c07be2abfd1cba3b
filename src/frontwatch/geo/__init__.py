"""Geocoding: a transliteration-tolerant gazetteer and context-aware place resolution.

`Gazetteer` answers "where is this name?" from an indexed SQLite file built offline from GeoNames
data; `PlaceResolver` picks among namesakes using the rest of the report.
"""

from frontwatch.geo.fold import fold_name, skeleton
from frontwatch.geo.gazetteer import Gazetteer, Match, Unresolved
from frontwatch.geo.resolve import PlaceResolver, distance_km

__all__ = ["Gazetteer", "Match", "PlaceResolver", "Unresolved", "distance_km", "fold_name", "skeleton"]
