"""Context-aware choice among same-named places.

"Duma" is a Damascus suburb, a town in Lebanon and a dozen villages elsewhere; a report that
also names Syria, Rural Damascus or Harasta means the first. The gazetteer ranks candidates on
spelling and population alone; the resolver adds what the rest of the report says.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from frontwatch.geo.fold import fold_name
from frontwatch.geo.gazetteer import Gazetteer, Match, split_generic
from frontwatch.models import Place

EARTH_RADIUS_KM = 6371.0
_CANDIDATES = 25
_PER_COUNTRY_CANDIDATES = 10
# Score weights, in units of log10(population): a named country outweighs a 10^6 population gap.
_SAME_COUNTRY = 6.0
_FIRST_COUNTRY = 1.0  # more for the report's likeliest country than for the others it may be about
_SAME_ADMIN1 = 3.0
_NEAR_KM, _NEAR_BONUS = 60.0, 5.0
_REGIONAL_KM, _REGIONAL_BONUS = 200.0, 1.5
_TIER_PENALTY = 3.0
_USER_BONUS = 5.0
_AREA_PENALTY = 1.5


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places (infinite when either lacks coordinates)."""
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return math.inf
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


class PlaceResolver:
    """Resolves a place name in the context of a report: its countries, regions and other places."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def _country_codes(self, countries: Sequence[str]) -> list[str]:
        """ISO codes of the countries a report names (given as codes or names; unknown ones ignored)."""
        codes = []
        for country in countries:
            place = self.gazetteer.country(country)
            if place and place.country_code and place.country_code not in codes:
                codes.append(place.country_code)
        return codes

    def _admin1_keys(self, admin1s: Sequence[str], codes: Sequence[str]) -> set[str]:
        """Folded conventional names of the admin1 areas a report names ('Rif Dimashq' -> Rural Damascus)."""
        keys = set()
        for text in filter(None, admin1s):
            keys.add(fold_name(split_generic(text)[0]))
            for code in codes or [None]:
                area = self.gazetteer.admin1(text, code)
                if area:
                    keys.add(fold_name(area.name))
        return keys

    def _candidates(self, name: str, codes: Sequence[str], fuzzy: bool) -> list[Match]:
        """The best matches worldwide plus the best within each named country (so a small local
        village is not crowded out by 30 bigger namesakes elsewhere)."""
        found = {id(m): m for m in self.gazetteer.matches(name, limit=_CANDIDATES, fuzzy=fuzzy)}
        for code in codes:
            found.update(
                {
                    id(m): m
                    for m in self.gazetteer.matches(name, code, limit=_PER_COUNTRY_CANDIDATES, fuzzy=fuzzy)
                }
            )
        return list(found.values())

    def resolve(
        self,
        name: str,
        *,
        countries: Sequence[str] = (),
        admin1s: Sequence[str] = (),
        near: Sequence[Place] = (),
        fuzzy: bool = True,
    ) -> Place | None:
        """The place a report most likely means by `name`, or None when nothing matches.

        Prefers candidates in the countries and admin1 areas the report names, close to its other
        places, then exact spellings, user-added places, towns over areas, and population.
        """
        codes = self._country_codes(countries)
        admin_keys = self._admin1_keys(admin1s, codes)
        region = split_generic(name)[1]
        candidates = self._candidates(name, codes, fuzzy)
        if not candidates:
            return None
        best = max(candidates, key=lambda m: self._score(m, codes, admin_keys, near, region))
        return best.place

    @staticmethod
    def _score(
        match: Match, codes: Sequence[str], admin_keys: set[str], near: Sequence[Place], region: bool
    ) -> float:
        place = match.place
        score = match.score() - _TIER_PENALTY * match.tier + _USER_BONUS * match.user_data
        if place.country_code in codes:
            score += _SAME_COUNTRY + (_FIRST_COUNTRY if place.country_code == codes[0] else 0.0)
        if place.admin1 and fold_name(place.admin1) in admin_keys:
            score += _SAME_ADMIN1
        if place.feature in ("admin1", "country") and not region:
            score -= _AREA_PENALTY
        closest = min((distance_km(place, other) for other in near), default=math.inf)
        if closest <= _NEAR_KM:
            score += _NEAR_BONUS
        elif closest <= _REGIONAL_KM:
            score += _REGIONAL_BONUS
        return score

    def fallback(self, admin1: str | None, country: str | None) -> Place | None:
        """The area to code an event at when its town cannot be placed: the admin1 area, else the country."""
        code = self._country_codes([country]) if country else []
        if admin1:
            area = self.gazetteer.admin1(admin1, code[0] if code else None)
            if area:
                return area
        return self.gazetteer.country(country) if country else None
