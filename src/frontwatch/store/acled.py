"""ACLED's derived export columns, computed from a frontwatch event record.

ACLED's export carries columns that are functions of the coded ones (disorder type, interaction,
ISO code, region); computing them here lets an export drop straight into ACLED-based tooling.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pycountry

from frontwatch.models import INTER_LABELS

CIVILIANS = 7

_POLITICAL_VIOLENCE_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_POLITICAL_VIOLENCE_SUB_TYPES = frozenset({"Excessive force against protesters", "Mob violence"})
_DEMONSTRATION_TYPES = frozenset({"Protests", "Riots"})

_ALIASES: Mapping[str, str] = {
    # ACLED country names that pycountry's lookup does not know, to ISO 3166 alpha-3.
    "bonaire, saint eustatius and saba": "BES",
    "brunei": "BRN",
    "cape verde": "CPV",
    "caribbean netherlands": "BES",
    "curacao": "CUW",
    "democratic republic of congo": "COD",
    "east timor": "TLS",
    "falkland islands": "FLK",
    "ivory coast": "CIV",
    "macau": "MAC",
    "macedonia": "MKD",
    "micronesia": "FSM",
    "palestine": "PSE",
    "republic of congo": "COG",
    "reunion": "REU",
    "russia": "RUS",
    "saint barthelemy": "BLM",
    "saint-barthelemy": "BLM",
    "saint-martin": "MAF",
    "sint maarten": "SXM",
    "swaziland": "SWZ",
    "turkey": "TUR",
    "vatican city": "VAT",
}

_REGIONS: Mapping[str, str] = {
    # ACLED's regions, as space-separated ISO alpha-3 codes. Best effort from ACLED's published data;
    # where ACLED and the UN M49 grouping differ (Mexico, Mozambique, ...) ACLED's placement is used.
    "Western Africa": "BEN BFA CPV CIV GMB GHA GIN GNB LBR MLI MRT NER NGA SEN SLE TGO SHN",
    "Middle Africa": "CMR CAF TCD COG COD GNQ GAB STP",
    "Eastern Africa": "BDI COM DJI ERI ETH KEN MUS MYT REU RWA SYC SOM SSD TZA UGA",
    "Southern Africa": "AGO BWA SWZ LSO MDG MWI MOZ NAM ZAF ZMB ZWE",
    "Northern Africa": "DZA EGY LBY MAR SDN TUN ESH",
    "Middle East": "BHR IRN IRQ ISR JOR KWT LBN OMN PSE QAT SAU SYR TUR ARE YEM",
    "Caucasus and Central Asia": "ARM AZE GEO KAZ KGZ TJK TKM UZB",
    "South Asia": "AFG BGD BTN IND MDV NPL PAK LKA",
    "Southeast Asia": "BRN KHM IDN LAO MYS MMR PHL SGP THA TLS VNM",
    "East Asia": "CHN HKG MAC JPN MNG PRK KOR TWN",
    "Oceania": (
        "AUS NZL PNG FJI SLB VUT NCL PYF WSM TON KIR TUV NRU FSM MHL PLW GUM MNP ASM COK NIU TKL WLF NFK"
    ),
    "Europe": (
        "ALB AND AUT BLR BEL BIH BGR HRV CYP CZE DNK EST FIN FRA DEU GRC HUN ISL IRL ITA XKX LVA LIE LTU "
        "LUX MLT MDA MCO MNE NLD MKD NOR POL PRT ROU RUS SMR SRB SVK SVN ESP SWE CHE UKR GBR VAT GIB FRO "
        "IMN JEY GGY ALA"
    ),
    "North America": "USA CAN GRL BMU SPM",
    "Central America": "BLZ CRI SLV GTM HND MEX NIC PAN",
    "South America": "ARG BOL BRA CHL COL ECU GUY PRY PER SUR URY VEN FLK GUF",
    "Caribbean": (
        "AIA ATG ABW BHS BRB VGB CYM CUB CUW DMA DOM GRD GLP HTI JAM MTQ MSR PRI BLM KNA LCA MAF VCT SXM "
        "TTO TCA VIR BES"
    ),
    "Antarctica": "ATA",
}
_REGION_OF: Mapping[str, str] = {code: region for region, codes in _REGIONS.items() for code in codes.split()}


def disorder_type(event_type: str | None, sub_event_type: str | None) -> str:
    """ACLED's disorder type: political violence, demonstrations, or strategic developments."""
    if event_type in _POLITICAL_VIOLENCE_TYPES or sub_event_type in _POLITICAL_VIOLENCE_SUB_TYPES:
        return "Political violence"
    if event_type in _DEMONSTRATION_TYPES:
        return "Demonstrations"
    return "Strategic developments"


def inter_label(code: int | None) -> str:
    """ACLED's text label for an inter code ("State forces"); blank when unknown."""
    return INTER_LABELS.get(code, "") if code is not None else ""


def interaction(inter1: int | None, inter2: int | None) -> str:
    """ "State forces-Civilians", "Protesters only": the two actor types, lower code first."""
    if inter1 not in INTER_LABELS:
        return ""
    if inter2 not in INTER_LABELS:
        return f"{INTER_LABELS[inter1]} only"
    low, high = sorted((inter1, inter2))
    return f"{INTER_LABELS[low]}-{INTER_LABELS[high]}"


def civilian_targeting(record: Mapping[str, Any]) -> str:
    """ "Civilian targeting" when the event's second actor is civilians, else blank (ACLED's convention)."""
    actor2 = record.get("actor2") or ""
    return "Civilian targeting" if record.get("inter2") == CIVILIANS or actor2.startswith("Civilians") else ""


class CountryCodes:
    """Country name → ISO numeric code and ACLED region, memoised for the life of one export.

    pycountry's lookup scans every country, too slow to repeat for each of a million rows.
    """

    def __init__(self) -> None:
        self._alpha3: dict[str, str | None] = {}

    def iso_numeric(self, country: str | None) -> int | None:
        alpha3 = self.alpha3(country)
        found = pycountry.countries.get(alpha_3=alpha3) if alpha3 else None
        return int(found.numeric) if found else None

    def region(self, country: str | None) -> str:
        alpha3 = self.alpha3(country)
        return _REGION_OF.get(alpha3, "") if alpha3 else ""

    def alpha3(self, country: str | None) -> str | None:
        if not country:
            return None
        if country not in self._alpha3:
            self._alpha3[country] = _lookup_alpha3(country)
        return self._alpha3[country]


def _lookup_alpha3(country: str) -> str | None:
    key = country.strip().lower()
    if key in _ALIASES:
        return _ALIASES[key]
    try:
        return pycountry.countries.lookup(country.strip()).alpha_3
    except LookupError:
        return None
