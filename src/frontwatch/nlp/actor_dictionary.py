"""The actor dictionary: who can act in a report, and how English news names them.

ACLED names actors in a fixed style ("Military Forces of Syria (2000-2024)", "Civilians (Syria)",
"HTS: Hayat Tahrir al Sham") while news writes "regime forces", "Syrian jets", "the Houthis" or "IS".
This module bridges the two. Two static files hold the knowledge so that analysts can correct it
without touching code:

* ``data/countries.toml``: every country with its ACLED name, ISO codes, aliases, demonyms and the
  head-of-state periods ACLED writes in state-force names;
* ``data/actors.toml``: curated armed groups, coalitions and missions with their aliases.

State forces and the per-country generic actors are generated from the country list rather than
listed, so every country has them and their names cannot drift from ACLED's pattern.

The spaCy patterns from :meth:`ActorDictionary.ruler_patterns` carry an ``id`` that is either a
canonical actor name or one of these placeholders, which :meth:`ActorDictionary.resolve` turns
into actors once the pipeline knows the report's country and date:

* ``STATE:military`` / ``STATE:police``: state forces named without a country ("regime forces",
  "the army", "police") or with several ("Syrian and Russian jets"; the span text is read);
* ``GENERIC:<kind>``: a generic actor of the report's country ("gunmen", "protesters");
* ``FAMILY:<name>``: an actor ACLED splits by country ("IS" -> "Islamic State (Iraq)" in Iraq);
* ``AMBIGUOUS:<alias>``: a surface form two actors share ("ADF", "SNA"), chosen by country.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

from frontwatch.models import Actor

if TYPE_CHECKING:
    from spacy.tokenizer import Tokenizer

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
ACTORS_PATH = DATA_DIR / "actors.toml"
COUNTRIES_PATH = DATA_DIR / "countries.toml"

LABEL = "ACTOR"
"""The entity label every pattern carries."""

Branch = Literal["military", "police"]
GenericKind = Literal[
    "civilians",
    "protesters",
    "rioters",
    "unidentified",
    "ethnic_militia",
    "communal_militia",
    "tribal_militia",
    "rebels",
    "gang",
    "refugees",
    "students",
    "journalists",
    "labour",
    "women",
    "farmers",
    "teachers",
    "prisoners",
    "health_workers",
    "lawyers",
]

STATE_PREFIX = "STATE:"
GENERIC_PREFIX = "GENERIC:"
FAMILY_PREFIX = "FAMILY:"
AMBIGUOUS_PREFIX = "AMBIGUOUS:"

_BRANCH_NAME: dict[str, str] = {"military": "Military Forces", "police": "Police Forces"}

# name template and inter code of each generic kind; "{}" is the country
_GENERIC: dict[str, tuple[str, int]] = {
    "civilians": ("Civilians ({})", 7),
    "protesters": ("Protesters ({})", 6),
    "rioters": ("Rioters ({})", 5),
    "unidentified": ("Unidentified Armed Group ({})", 3),
    "ethnic_militia": ("Unidentified Ethnic Militia ({})", 4),
    "communal_militia": ("Unidentified Communal Militia ({})", 4),
    "tribal_militia": ("Unidentified Tribal Militia ({})", 4),
    "rebels": ("Opposition Rebels ({})", 2),
    "gang": ("Unidentified Gang ({})", 3),
    # groups ACLED names as associated actors of protests and as victims
    "refugees": ("Refugees/IDPs ({})", 7),
    "students": ("Students ({})", 7),
    "journalists": ("Journalists ({})", 7),
    "labour": ("Labour Group ({})", 7),
    "women": ("Women ({})", 7),
    "farmers": ("Farmers ({})", 7),
    "teachers": ("Teachers ({})", 7),
    "prisoners": ("Prisoners ({})", 7),
    "health_workers": ("Health Workers ({})", 7),
    "lawyers": ("Lawyers ({})", 7),
}

# Surface words of each generic kind. Plural nouns: a singular "resident" is usually a victim
# the figures stage counts, and "a student" protesting is not a protest group.
_GENERIC_WORDS: dict[str, tuple[str, ...]] = {
    "civilians": (
        "civilians",
        "residents",
        "villagers",
        "displaced people",
        "displaced persons",
        "locals",
        "passers-by",
        "worshippers",
        "farmers and herders",
    ),
    "protesters": ("protesters", "protestors", "demonstrators", "marchers"),
    "rioters": ("rioters", "mob", "angry mob", "angry crowd", "looters"),
    "unidentified": (
        "gunmen",
        "unidentified gunmen",
        "unknown gunmen",
        "armed men",
        "unidentified armed men",
        "unknown assailants",
        "unidentified assailants",
        "unknown attackers",
        "unidentified attackers",
        "militants",
        "unidentified militants",
        "suspected militants",
        "unknown militants",
        "unknown militant",
        "unknown armed group",
        "unknown assailant",
        "unidentified armed group",
        "masked gunmen",
        "jihadists",
        "jihadist fighters",
        "jihadist militants",
        "islamist fighters",
        "islamist militants",
        "insurgents",
        "bandits",
        "armed bandits",
        "attackers",
        "assailants",
    ),
    "ethnic_militia": ("ethnic militia", "ethnic militias", "ethnic militiamen"),
    "communal_militia": (
        "communal militia",
        "communal militias",
        "community militia",
        "self-defence groups",
        "self-defense groups",
        "vigilantes",
    ),
    "tribal_militia": (
        "tribal militia",
        "tribal militias",
        "tribesmen",
        "tribal fighters",
        "clan militia",
        "clan militias",
        "clan fighters",
        "tribal militants",
        "tribal gunmen",
        "two tribes",
        "rival tribes",
        "rival clans",
        "two clans",
    ),
    "rebels": (
        "rebels",
        "opposition rebels",
        "rebel fighters",
        "rebel factions",
        "opposition factions",
        "opposition fighters",
        "armed opposition",
        "rebel groups",
        "opposition groups",
        "armed factions",
        # "rebel and Islamist factions": the head noun is shared, the first-named side leads
        "rebel and Islamist factions",
        "rebel and Islamist fighters",
        "rebel and jihadist factions",
        "rebel and jihadist fighters",
        "opposition and Islamist factions",
    ),
    "gang": (
        "gang members",
        "gangs",
        "armed gangs",
        "gangsters",
        "gang",
        "criminal gangs",
        "criminal groups",
    ),
    # bare "workers" or "women" would tag aid workers and victims: those kinds match only with a demonym
    "refugees": (
        "refugees",
        "IDPs",
        "internally displaced people",
        "internally displaced persons",
        "asylum seekers",
    ),
    "students": ("students", "university students", "student protesters"),
    "journalists": ("journalists",),
    "labour": ("trade unionists", "striking workers", "labourers", "laborers"),
    "women": (),
    "farmers": ("farmers",),
    "teachers": ("teachers",),
    "prisoners": ("prisoners", "detainees", "inmates"),
    "health_workers": ("health workers", "doctors", "nurses", "medical staff"),
    "lawyers": ("lawyers",),
}

# Forces named without their country: the pipeline fills the country from the report.
_STATE_WORDS: dict[str, tuple[str, ...]] = {
    "military": (
        "regime",  # "Regime and Islamist faction fighters exchanged shelling"
        "regime forces",
        "regime troops",
        "regime soldiers",
        "regime army",
        "regime warplanes",
        "regime aircraft",
        "regime helicopters",
        "regime artillery",
        "regime drones",
        "regime jets",
        "regime snipers",
        "regime sniper",
        "government forces",
        "government troops",
        "government soldiers",
        "government warplanes",
        "government artillery",
        "government aircraft",
        "pro-government forces",
        "pro-regime forces",
        "the army",
        "the military",
        "army troops",
        "army soldiers",
        "troops",
        "soldiers",
        "security forces",
        "armed forces",
        "the armed forces",
        "junta forces",
        "junta troops",
        "junta soldiers",
        "military junta",
        "the junta",
        "junta airstrikes",
        "junta warplanes",
        "junta jets",
        "junta aircraft",
        "junta helicopters",
        "junta artillery",
        "military aircraft",
        "military jets",
        "the air force",
        "military drone",
        "military drones",
        "army drone",
        "army drones",
        # non-state groups seldom fly manned aircraft (drones, which they do fly, are not here)
        "warplanes",
        "warplane",
        "fighter jets",
        "fighter jet",
        "fighter planes",
        "helicopter gunships",
        "helicopter gunship",
        "military helicopters",
        "army forces",
        "military forces",
        "state forces",
        "national army",
        "the national army",
        "regular army",
        "special forces",
        "counter-terrorism forces",
        "counterterrorism forces",
        "counter-terrorism troops",
        "counter-terrorism service",
        # "an army patrol": bare "army" would read the Kuki National Army as a state's
        "army patrol",
        "army patrols",
        "army convoy",
        "army vehicle",
        "army vehicles",
        "army post",
        "army base",
        "army position",
        "army positions",
        "army checkpoint",
        "army outpost",
        "army unit",
    ),
    "police": (
        "police",
        "the police",
        "policemen",
        "police officers",
        "riot police",
        "police forces",
        "gendarmes",
        "gendarmerie",
        "the gendarmerie",
        "security officers",
        "anti-riot police",
        "regime police",
        "regime's police",
        "regime police forces",
        "regime's police forces",
        "regime security forces",
        "regime's security forces",
        "regime security services",
    ),
}

# Words that may stand between a demonym and the force noun ("Syrian regime forces").
_MODIFIERS = (
    "regime",
    "government",
    "armed",
    "air",
    "special",
    "security",
    "military",
    "army",
    "naval",
    "border",
    "riot",
    "occupation",
    "federal",
    "ground",
    "elite",
    "state",
    "junta",
    "fighter",
    "combat",
    "attack",
    "drone",
    "missile",
    "artillery",
    "navy",
    "defence",
    "defense",
)
_MILITARY_NOUNS = (
    "forces",
    "force",
    "army",
    "troops",
    "soldiers",
    "military",
    "warplanes",
    "jets",
    "aircraft",
    "planes",
    "helicopters",
    "drones",
    "navy",
    "artillery",
    "guards",
    "marines",
    "commandos",
    "paratroopers",
    "units",
    "strikes",
    "airstrikes",
    "raids",
    "shelling",
    "bombardment",
    "missiles",
    "rockets",
    "gunboats",
    "warships",
    "tanks",
    "snipers",
    "sniper",
    "patrol",
    "patrols",
    "servicemen",
    "battalion",
    "brigade",
    "division",
    "regime",
    "junta",
    "warplane",
    "soldier",
    "strike",
    "airstrike",
    "drone",
    "missile",
    "helicopter",
    "jet",
)
_POLICE_NOUNS = ("police", "policemen", "policeman", "gendarmes", "gendarmerie", "gendarme", "constabulary")
_POLICE_TAILS = ("officers", "forces", "units", "agents", "officer", "force")

# Nouns that may follow an armed group's name inside the same mention ("IS militants").
_GROUP_NOUNS = (
    "fighters",
    "militants",
    "rebels",
    "members",
    "militiamen",
    "militia",
    "militias",
    "forces",
    "troops",
    "soldiers",
    "gunmen",
    "insurgents",
    "jihadists",
    "cells",
    "cell",
    "group",
    "combatants",
    "elements",
    "units",
    "guerrillas",
    "operatives",
    "loyalists",
    "drones",
    "drone",
    "missiles",
    "rockets",
    "snipers",
    "commanders",
    "factions",
    "faction",
    "separatists",
    "paramilitaries",
    "gangs",
    "gang",
    "fighter",
    "militant",
    "rebel",
    "member",
)

_CONJUNCTIONS = ("and", ",", "/", "&")

_PERIOD = re.compile(r"^(\d{4})-(\d{4})?$")
_STATE_NAME = re.compile(r"^(Military|Police) Forces of (?:the )?(.+?)(?: \((\d{4}-(?:\d{4})?)\)(.*))?$")


@dataclass(frozen=True, slots=True)
class Period:
    """A head-of-state period as ACLED writes it in state-force names ("2000-2024")."""

    name: str
    start: date
    end_year: int | None

    @classmethod
    def parse(cls, raw: str | Mapping[str, Any]) -> Period:
        """Read "2000-2024" or {name = "2024-", from = 2024-12-08}; the date settles a year of two periods."""
        name = raw if isinstance(raw, str) else str(raw["name"])
        match = _PERIOD.match(name)
        if not match:
            raise ValueError(f"bad period {name!r}: expected 'YYYY-' or 'YYYY-YYYY'")
        start = date(int(match.group(1)), 1, 1) if isinstance(raw, str) else raw["from"]
        return cls(name, start, int(match.group(2)) if match.group(2) else None)


@dataclass(frozen=True, slots=True)
class Country:
    """One country as ACLED names it, with the words English news uses for it."""

    name: str
    iso2: str
    iso3: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    periods: tuple[Period, ...] = ()
    article: bool = False
    military_aliases: tuple[str, ...] = ()
    police_aliases: tuple[str, ...] = ()
    sovereign: str | None = None

    @property
    def name_in_actor(self) -> str:
        """The country as state-force names write it: "the United States", "Syria"."""
        return f"the {self.name}" if self.article else self.name

    def period_on(self, on: date | None = None) -> Period | None:
        """The period in force on a day; the current one when no day is given."""
        if not self.periods:
            return None
        if on is None:
            return self.periods[-1]
        chosen = self.periods[0]
        for period in self.periods:
            if period.start <= on:
                chosen = period
        return chosen

    def forces_name(self, branch: Branch = "military", on: date | None = None) -> str:
        """ "Military Forces of Syria (2000-2024)"; no year suffix when the periods are not known."""
        period = self.period_on(on)
        suffix = f" ({period.name})" if period else ""
        return f"{_BRANCH_NAME[branch]} of {self.name_in_actor}{suffix}"


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One dictionary actor and the surface forms that name it."""

    name: str
    inter: int
    country: str | None = None
    aliases: tuple[str, ...] = ()
    acronym: str | None = None
    parent: str | None = None
    case_sensitive_aliases: tuple[str, ...] = ()
    context_aliases: tuple[str, ...] = ()  # count only before a group noun ("PDF fighters")
    years: str | None = None
    family: str | None = None
    operates_in: tuple[str, ...] = ()
    stands_for: tuple[str, ...] = ()  # states whose forces, where it operates, ACLED codes as it
    stands_for_in: tuple[str, ...] = ()  # the event types it stands for them in; all when empty
    becomes: tuple[date, str] | None = None  # from that day, reports of this actor mean the other
    note: str = ""

    def to_actor(self) -> Actor:
        return Actor(name=self.name, inter=self.inter, country=self.country, parent=self.parent)

    def serves(self, country: str | None) -> bool:
        """Whether this is the actor meant in a report about ``country``."""
        return country is not None and (country == self.country or country in self.operates_in)


@dataclass(frozen=True, slots=True)
class Family:
    """An actor ACLED splits by country ("Islamic State (Syria)"), named in news without the country.

    A people's militia ("Pokot Ethnic Militia") has a member in any country, named after it
    ("Pokot Ethnic Militia (Kenya)"): ``any_country`` marks it, ``inter`` gives its type."""

    name: str
    aliases: tuple[str, ...] = ()
    case_sensitive_aliases: tuple[str, ...] = ()
    members: tuple[ActorEntry, ...] = ()
    inter: int | None = None
    any_country: bool = False

    def member_for(self, country: str | None) -> ActorEntry | None:
        return next((member for member in self.members if member.serves(country)), None)


PEOPLE_KINDS = frozenset({"Ethnic", "Tribal", "Communal", "Clan"})
PEOPLE_INTER = 4


def _people(raw: Mapping[str, Any], forms: tuple[str, ...]) -> tuple[Family, list[ActorEntry]]:
    """A [[people]] table as the family of its militias and a member in each of its home countries:
    "Murle" with the form "{} raiders" is the Murle Ethnic Militia, named by "Murle raiders", and
    the Murle Ethnic Militia (South Sudan) in a report about South Sudan."""
    kind = raw["kind"]
    if kind not in PEOPLE_KINDS:
        kinds = ", ".join(sorted(PEOPLE_KINDS))
        raise ValueError(f"actors.toml: people {raw['name']!r} has kind {kind!r}, not one of {kinds}")
    name = f"{raw['name']} {kind} Militia"
    names = (raw["name"], *_strings(raw, "aliases"))
    aliases = tuple(form.format(spelling) for spelling in names for form in forms)
    members = [
        ActorEntry(name=f"{name} ({country})", inter=PEOPLE_INTER, country=country, family=name)
        for country in _strings(raw, "countries")
    ]
    return Family(name, aliases, inter=PEOPLE_INTER, any_country=True), members


def _is_caps(form: str) -> bool:
    """One-word forms with two capitals ("US", "U.S.", "FAMa") are acronyms: matched only as written,
    since in lower case they collide with words ("us", "is", "fama")."""
    return " " not in form and sum(map(str.isupper, form)) >= 2


def _strings(raw: Mapping[str, Any], key: str) -> tuple[str, ...]:
    return tuple(str(value) for value in raw.get(key, ()))


def _entry(raw: Mapping[str, Any]) -> ActorEntry:
    becomes = raw.get("becomes")
    acronym = raw.get("acronym")
    case_sensitive = _strings(raw, "case_sensitive")
    context = _strings(raw, "context")
    if acronym and acronym not in case_sensitive + context and acronym not in raw.get("aliases", ()):
        case_sensitive += (acronym,)
    return ActorEntry(
        name=raw["name"],
        inter=int(raw["inter"]),
        country=raw.get("country"),
        aliases=_strings(raw, "aliases"),
        acronym=acronym,
        parent=raw.get("parent"),
        case_sensitive_aliases=case_sensitive,
        context_aliases=context,
        years=raw.get("years"),
        family=raw.get("family"),
        operates_in=_strings(raw, "operates_in"),
        stands_for=_strings(raw, "stands_for"),
        stands_for_in=_strings(raw, "stands_for_in"),
        becomes=(date.fromisoformat(becomes[0]), str(becomes[1])) if becomes else None,
        note=raw.get("note", ""),
    )


def _country(raw: Mapping[str, Any]) -> Country:
    return Country(
        name=raw["name"],
        iso2=raw["iso2"],
        iso3=raw["iso3"],
        aliases=_strings(raw, "aliases"),
        demonyms=_strings(raw, "demonyms"),
        periods=tuple(Period.parse(p) for p in raw.get("periods", ())),
        article=bool(raw.get("article", False)),
        military_aliases=_strings(raw, "military_aliases"),
        police_aliases=_strings(raw, "police_aliases"),
        sovereign=raw.get("sovereign"),
    )


def _fold(text: str) -> str:
    """The key aliases are compared under: case, curly quotes and hyphen/space differences folded."""
    text = text.replace("’", "'").replace("‘", "'").replace("-", " ").casefold()
    return " ".join(text.split())


class ActorDictionary:
    """Countries and actors, with look-ups by name, alias and demonym, and spaCy patterns.

    Immutable once built; :meth:`load` caches one instance per pair of files.
    """

    def __init__(
        self,
        countries: Iterable[Country],
        entries: Iterable[ActorEntry],
        families: Iterable[Family] = (),
    ) -> None:
        country_list = tuple(countries)
        self._countries: Mapping[str, Country] = MappingProxyType({c.name: c for c in country_list})
        by_key: dict[str, Country] = {}
        for country in country_list:
            for key in (country.name, country.iso2, country.iso3, *country.aliases):
                by_key.setdefault(_fold(key) if not _is_caps(key) else key, country)
        self._country_keys: Mapping[str, Country] = MappingProxyType(by_key)
        demonyms: dict[str, Country] = {}
        for country in country_list:
            for demonym in country.demonyms:
                demonyms.setdefault(demonym if _is_caps(demonym) else _fold(demonym), country)
        self._demonyms: Mapping[str, Country] = MappingProxyType(demonyms)

        curated = tuple(entries)
        generated = tuple(self._generated_state_entries(country_list))
        all_entries = curated + generated
        self._entries: Mapping[str, ActorEntry] = MappingProxyType({e.name: e for e in all_entries})
        self._families: Mapping[str, Family] = MappingProxyType(
            {f.name: replace(f, members=tuple(e for e in curated if e.family == f.name)) for f in families}
        )
        surface, forms = self._surface_index(all_entries)
        self._surface: Mapping[tuple[str, bool], str] = MappingProxyType(surface)
        self._forms: tuple[tuple[str, bool, str], ...] = forms

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(
        cls, path: Path | str | None = None, countries_path: Path | str | None = None
    ) -> ActorDictionary:
        """The dictionary from the packaged files (or others), read once per process."""
        return _load(str(path or ACTORS_PATH), str(countries_path or COUNTRIES_PATH))

    @classmethod
    def from_files(cls, path: Path | str, countries_path: Path | str) -> ActorDictionary:
        """Read and validate the two TOML files; raises ValueError naming the faulty entry."""
        with open(countries_path, "rb") as handle:
            countries = [_country(raw) for raw in tomllib.load(handle).get("country", ())]
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
        entries = [_entry(raw) for raw in data.get("actor", ())]
        families = [
            Family(raw["name"], _strings(raw, "aliases"), _strings(raw, "case_sensitive"))
            for raw in data.get("family", ())
        ]
        people_forms = _strings(data, "people_forms")
        for raw in data.get("people", ()):
            family, members = _people(raw, people_forms)
            families.append(family)
            entries.extend(members)
        dictionary = cls(countries, entries, families)
        dictionary._validate(entries)
        return dictionary

    def _validate(self, entries: Iterable[ActorEntry]) -> None:
        """Catch data errors at load time rather than as silently wrong codings."""
        seen: set[str] = set()
        for entry in entries:
            where = f"actors.toml: {entry.name!r}"
            if entry.name in seen:
                raise ValueError(f"{where} is listed twice")
            seen.add(entry.name)
            if entry.inter not in range(1, 9):
                raise ValueError(f"{where} has inter {entry.inter}, not 1-8")
            for country in (entry.country, *entry.operates_in):
                if country is not None and country not in self._countries:
                    raise ValueError(f"{where} names unknown country {country!r}")
            if entry.family is not None and entry.family not in self._families:
                raise ValueError(f"{where} names unknown family {entry.family!r}")

    @staticmethod
    def _generated_state_entries(countries: Iterable[Country]) -> Iterator[ActorEntry]:
        """Military and police forces of every country, under their current period's name."""
        branches: tuple[Branch, Branch] = ("military", "police")
        for country in countries:
            for branch in branches:
                aliases = country.military_aliases if branch == "military" else country.police_aliases
                yield ActorEntry(
                    name=country.forces_name(branch),
                    inter=1,
                    country=country.name,
                    aliases=tuple(a for a in aliases if not _is_caps(a)),
                    case_sensitive_aliases=tuple(a for a in aliases if _is_caps(a)),
                )

    def _surface_index(
        self, entries: Iterable[ActorEntry]
    ) -> tuple[dict[tuple[str, bool], str], tuple[tuple[str, bool, str], ...]]:
        """Look-up index (folded form, case_sensitive) -> pattern id, and the spellings as written
        (for patterns, which must keep the hyphens the tokenizer splits on). A form two actors share
        gets an AMBIGUOUS id."""
        index: dict[tuple[str, bool], str] = {}
        owners: dict[tuple[str, bool], set[str]] = {}
        written: dict[tuple[str, bool], tuple[str, bool]] = {}

        def add(form: str, case_sensitive: bool, target: str) -> None:
            key = (form if case_sensitive else _fold(form), case_sensitive)
            owners.setdefault(key, set()).add(target)
            index[key] = target if len(owners[key]) == 1 else AMBIGUOUS_PREFIX + key[0]
            written.setdefault((form, case_sensitive), key)

        for family in self._families.values():
            for form in family.aliases:
                add(form, False, FAMILY_PREFIX + family.name)
            for form in family.case_sensitive_aliases:
                add(form, True, FAMILY_PREFIX + family.name)
        for entry in entries:
            add(entry.name, False, entry.name)
            for form in entry.aliases:
                add(form, False, entry.name)
            for form in entry.case_sensitive_aliases + entry.context_aliases:
                add(form, True, entry.name)
        forms = tuple((form, case_sensitive, index[key]) for (form, case_sensitive), key in written.items())
        return index, forms

    # ------------------------------------------------------------------ look-ups

    @property
    def countries(self) -> Mapping[str, Country]:
        """ACLED country name -> Country (ISO codes, aliases, demonyms, periods)."""
        return self._countries

    def country_names(self) -> tuple[str, ...]:
        """ACLED names of all countries, sorted."""
        return tuple(sorted(self._countries))

    def country(self, name: str) -> Country | None:
        """A country by ACLED name, ISO2/ISO3 code or alias ("DRC", "Türkiye", "SYR")."""
        return self._country_keys.get(name) or self._country_keys.get(_fold(name))

    def country_of_demonym(self, word: str) -> str | None:
        """ "Syrian" -> "Syria"; "US" -> "United States" but "us" -> None."""
        found = self._demonyms.get(word) or (None if _is_caps(word) else self._demonyms.get(_fold(word)))
        return found.name if found else None

    def entries(self) -> tuple[ActorEntry, ...]:
        """Every actor: the curated ones, then the generated state forces."""
        return tuple(self._entries.values())

    @property
    def families(self) -> Mapping[str, Family]:
        return self._families

    def homeland(self, entity_id: str) -> str | None:
        """The first home country of a people whose militia a FAMILY id names ("Murle raiders":
        South Sudan), which tells where a namesake town is; None for other families."""
        family = self._families.get(entity_id.removeprefix(FAMILY_PREFIX))
        if family is None or not family.any_country or not family.members:
            return None
        return family.members[0].country

    def get(self, name: str) -> ActorEntry | None:
        """An actor by canonical name; state forces under any period name map to their country's entry."""
        found = self._entries.get(name)
        if found is not None:
            return found
        match = _STATE_NAME.match(name)
        if match and not match.group(4):  # a sub-unit ("... Supreme Political Council") is its own actor
            country = self.country(match.group(2))
            if country is not None:
                branch: Branch = "military" if match.group(1) == "Military" else "police"
                return self._entries.get(country.forces_name(branch))
        return None

    def match_alias(self, text: str, country: str | None = None) -> ActorEntry | None:
        """The actor a whole surface form names ("the Houthis", "HTS"), or None.

        Shared forms and family names ("IS") need ``country`` to pick their member.
        """
        stripped = text.strip()
        for candidate in (stripped, stripped.removeprefix("the ").removeprefix("The ")):
            target = self._surface.get((candidate, True)) or self._surface.get((_fold(candidate), False))
            if target is not None:
                return self._entry_for(target, country)
        return None

    def _entry_for(self, target: str, country: str | None) -> ActorEntry | None:
        if target.startswith(FAMILY_PREFIX):
            return self._families[target.removeprefix(FAMILY_PREFIX)].member_for(country)
        if target.startswith(AMBIGUOUS_PREFIX):
            candidates = self._candidates(target.removeprefix(AMBIGUOUS_PREFIX))
            return next((c for c in candidates if c.serves(country)), candidates[0] if candidates else None)
        return self._entries.get(target)

    def _candidates(self, form: str) -> list[ActorEntry]:
        """Every actor a shared surface form could mean, in dictionary order."""
        folded = _fold(form)
        return [
            entry
            for entry in self._entries.values()
            if form in entry.case_sensitive_aliases + entry.context_aliases
            or folded in {_fold(a) for a in entry.aliases}
        ]

    def state_forces(self, country: str, branch: Branch = "military", on: date | None = None) -> Actor:
        """ "Military Forces of Syria (2000-2024)" for a 2022 report; the current period when ``on`` is None.

        A dependent territory gets its sovereign's forces (Puerto Rico -> the United States).
        Raises KeyError for an unknown country.
        """
        found = self.country(country)
        if found is None:
            raise KeyError(f"unknown country {country!r}")
        if found.sovereign:
            found = self.country(found.sovereign) or found
        return Actor(name=found.forces_name(branch, on), inter=1, country=found.name)

    def generic(self, kind: GenericKind, country: str | None) -> Actor:
        """ "Civilians (Syria)"; without a country the bare label ("Civilians"), which scores the same."""
        template, inter = _GENERIC[kind]
        if country is None:
            return Actor(name=template.removesuffix(" ({})"), inter=inter)
        found = self.country(country)
        name = found.name if found else country
        return Actor(name=template.format(name), inter=inter, country=name)

    def acting_as(
        self, actor: Actor, event_country: str | None, on: date | None = None, event_type: str | None = None
    ) -> Actor:
        """The actor ACLED codes a state's armed forces as in the event's country and event type: US
        forces deploying in Syria are the Global Coalition Against Daesh, Saudi forces in Yemen
        Operation Restoring Hope; everywhere else, and any other actor, itself."""
        if actor.inter not in (1, 8) or actor.country is None or event_country is None:
            return actor
        if not actor.name.startswith("Military Forces of"):
            return actor
        for entry in self._entries.values():
            applies = not entry.stands_for_in or event_type in entry.stands_for_in
            if actor.country in entry.stands_for and applies and entry.serves(event_country):
                return self._dated(entry, on)
        return actor

    def inter_in(self, actor: Actor, event_country: str | None) -> int:
        """ACLED codes a state's forces acting abroad as external forces (8), at home as state forces (1)."""
        if actor.inter == 1 and actor.country and event_country and actor.country != event_country:
            return 8
        return actor.inter

    def resolve(
        self,
        entity_id: str,
        country: str | None = None,
        on: date | None = None,
        text: str | None = None,
    ) -> list[Actor]:
        """The actors a pattern id stands for in a report about ``country`` on day ``on``.

        ``text`` is the matched span: "Syrian and Russian jets" (id STATE:military) names two
        actors. Returns an empty list when the id needs a country and none is known.
        """
        if entity_id.startswith(STATE_PREFIX):
            branch: Branch = "police" if entity_id.removeprefix(STATE_PREFIX) == "police" else "military"
            named = self._countries_in(text) if text else []
            targets = named or ([country] if country else [])
            return [self.state_forces(c, branch, on) for c in targets if self.country(c)]
        if entity_id.startswith(GENERIC_PREFIX):
            named = self._countries_in(text) if text else []
            kind = entity_id.removeprefix(GENERIC_PREFIX)
            return [self.generic(kind, named[0] if named else country)]  # type: ignore[arg-type]
        if entity_id.startswith(FAMILY_PREFIX):
            family = self._families[entity_id.removeprefix(FAMILY_PREFIX)]
            member = family.member_for(country)
            home = self.country(country) if country and family.any_country else None
            if member is None and home is not None:
                name = f"{family.name} ({home.name})"
                return [Actor(name=name, inter=family.inter or 2, country=home.name)]
            if member is None:
                inter = family.inter or (family.members[0].inter if family.members else 2)
                return [Actor(name=family.name, inter=inter)]
            return [self._dated(member, on)]
        if entity_id.startswith(AMBIGUOUS_PREFIX):
            entry = self._entry_for(entity_id, country)
        else:
            entry = self.get(entity_id)
        if entry is None:
            return []
        return [self._dated(entry, on)]

    def _dated(self, entry: ActorEntry, on: date | None) -> Actor:
        """The actor as ACLED names it on a day: successors applied, state-force period re-chosen."""
        if entry.becomes is not None and on is not None and on >= entry.becomes[0]:
            successor = self.get(entry.becomes[1])
            if successor is not None:
                entry = successor
        actor = entry.to_actor()
        match = _STATE_NAME.match(entry.name)
        if on is None or not match or entry.country is None:
            return actor
        country = self._countries[entry.country]
        if match.group(3) not in {period.name for period in country.periods}:
            return actor  # a period of its own ("Military Forces of Yemen (2016-) Supreme Political Council")
        branch: Branch = "military" if match.group(1) == "Military" else "police"
        return Actor(
            name=country.forces_name(branch, on) + (match.group(4) or ""),
            inter=actor.inter,
            country=actor.country,
            parent=actor.parent,
        )

    def _countries_in(self, text: str) -> list[str]:
        """Countries whose demonyms or names a span uses, in order: "Syrian and Russian jets" ->
        Syria, Russia; "South Sudanese soldiers" -> South Sudan (two-word forms first)."""
        found: list[str] = []
        words = re.findall(r"[\w.]+(?:-\w+)*", text)
        i = 0
        while i < len(words):
            for size in (2, 1):
                form = " ".join(words[i : i + size])
                country = self.country(form) if form[:1].isupper() else None  # "Russia's military"
                name = (
                    self.country_of_demonym(form)
                    or self.country_of_demonym(form.rstrip("."))
                    or (country.name if country else None)
                )
                if name:
                    if name not in found:
                        found.append(name)
                    i += size
                    break
            else:
                i += 1
        return found

    # ------------------------------------------------------------------ spaCy patterns

    def ruler_patterns(self, tokenizer: Tokenizer | None = None) -> list[dict[str, Any]]:
        """EntityRuler patterns (label ACTOR) for every alias, state-force and generic phrase.

        Token patterns, so that case-insensitive aliases match on LOWER and acronyms on ORTH ("IS"
        never matches "is"). Aliases are split with ``tokenizer`` (pass ``nlp.tokenizer`` so the
        patterns split as the pipeline's text does); by default a blank English tokenizer.
        Longer patterns win in the ruler, so "Free Syrian Army" beats "Syrian Army".
        """
        if tokenizer is None:
            import spacy

            tokenizer = spacy.blank("en").tokenizer
        build = _PatternBuilder(tokenizer)
        for form, case_sensitive, target in self._forms:
            entry = self._entries.get(target)
            is_context = entry is not None and form in entry.context_aliases
            armed = entry is None or entry.inter in (1, 2, 3, 4, 8)
            family = self._families.get(target.removeprefix(FAMILY_PREFIX))
            # a people's forms already name its armed men ("Pokot raiders"): no group noun follows
            noun = armed and not (family is not None and family.any_country)
            build.alias(form, target, case_sensitive=case_sensitive, context=is_context, group_noun=noun)
        for branch, phrases in _STATE_WORDS.items():
            for phrase in phrases:
                build.alias(phrase, STATE_PREFIX + branch, case_sensitive=False)
        for kind, phrases in _GENERIC_WORDS.items():
            for phrase in phrases:
                build.alias(phrase, GENERIC_PREFIX + kind, case_sensitive=_is_caps(phrase))
        self._state_patterns(build)
        build.coordinated([c.demonyms for c in self._countries.values()], STATE_PREFIX + "military")
        return [phrase for pattern in build.patterns for phrase in _as_phrases(pattern)]

    def _state_patterns(self, build: _PatternBuilder) -> None:
        """ "Syrian regime forces", "Russia's army", "Kenyan police", "Syrian civilians", for every country.

        One set of patterns over all demonyms, with placeholder ids: `resolve` reads the country
        from the matched words, so the ruler needs no per-country copy (thousands of token
        patterns would make the matcher the slowest step of the pipeline)."""
        countries = list(self._countries.values())
        heads = build.heads(d for c in countries for d in c.demonyms)
        names = build.heads(
            n for c in countries for n in (c.name, *(a for a in c.aliases if len(a) > 3 or _is_caps(a)))
        )
        possessive = [[*head, {"ORTH": {"IN": ["'s", "’s"]}}] for head in names]
        optional_mods = [{"LOWER": {"IN": list(_MODIFIERS)}, "OP": "?"}] * 2
        for head in heads + possessive:
            build.add(
                head + optional_mods + [{"LOWER": {"IN": list(_MILITARY_NOUNS)}}], STATE_PREFIX + "military"
            )
            build.add(
                head
                + optional_mods
                + [{"LOWER": {"IN": list(_POLICE_NOUNS)}}, {"LOWER": {"IN": list(_POLICE_TAILS)}, "OP": "?"}],
                STATE_PREFIX + "police",
            )
        for kind, phrases in _GENERIC_WORDS.items():
            if kind == "unidentified":
                continue  # "Syrian militants" are not an unidentified group of Syria
            single = [p.lower() for p in phrases if " " not in p and "-" not in p]
            if single:
                for head in heads:
                    build.add([*head, {"LOWER": {"IN": single}}], GENERIC_PREFIX + kind)


PHRASE_EXPANSION_LIMIT = 400


def _as_phrases(pattern: dict[str, Any]) -> list[dict[str, Any]]:
    """A case-insensitive token pattern as the phrase strings it matches, when there are few.

    The entity ruler matches phrase strings with a PhraseMatcher on LOWER (hash look-ups), far
    faster than thousands of token patterns in the Matcher. Patterns with case-sensitive tokens
    (acronyms on ORTH) or too many combinations stay token patterns.
    """
    tokens = pattern["pattern"]
    if isinstance(tokens, str) or any(
        set(spec) - {"LOWER", "OP"} or spec.get("OP", "?") != "?" for spec in tokens
    ):
        return [pattern]
    choices: list[list[str]] = []
    for spec in tokens:
        values = spec["LOWER"]["IN"] if isinstance(spec["LOWER"], dict) else [spec["LOWER"]]
        choices.append(list(values) + ([""] if spec.get("OP") == "?" else []))
    combinations = 1
    for options in choices:
        combinations *= len(options)
    if combinations > PHRASE_EXPANSION_LIMIT:
        return [pattern]
    phrases = {" ".join(word for word in words if word) for words in itertools.product(*choices)}
    return [{**pattern, "pattern": phrase} for phrase in sorted(phrases) if phrase]


class _PatternBuilder:
    """Turns surface forms into EntityRuler token patterns, split the way the pipeline splits text."""

    def __init__(self, tokenizer: Tokenizer) -> None:
        self._tokenizer = tokenizer
        self.patterns: list[dict[str, Any]] = []
        self._seen: set[str] = set()  # forms that differ only in case give the same LOWER pattern

    def tokens(self, form: str) -> list[str]:
        return [token.text for token in self._tokenizer(form)]

    def add(self, pattern: list[dict[str, Any]], target: str) -> None:
        key = json.dumps([pattern, target], sort_keys=True)
        if key not in self._seen:
            self._seen.add(key)
            self.patterns.append({"label": LABEL, "pattern": pattern, "id": target})

    def alias(
        self, form: str, target: str, *, case_sensitive: bool, context: bool = False, group_noun: bool = False
    ) -> None:
        """One pattern per spelling variant; armed actors may carry a trailing group noun ("IS militants")."""
        variants = {form, form.replace("’", "'"), form.replace("'", "’")}
        if not case_sensitive:
            variants |= {v.replace("-", " ") for v in variants}
            variants |= {v.replace("-", "") for v in variants if "-" in v}
        for variant in sorted(variants):
            words = self.tokens(variant)
            if not words:
                continue
            attr = "ORTH" if case_sensitive else "LOWER"
            pattern: list[dict[str, Any]] = [{attr: w if case_sensitive else w.lower()} for w in words]
            if context:
                pattern.append({"LOWER": {"IN": list(_GROUP_NOUNS)}})
            elif group_noun and words[-1].lower() not in _GROUP_NOUNS:
                pattern.append({"LOWER": {"IN": list(_GROUP_NOUNS)}, "OP": "?"})
            self.add(pattern, target)

    def heads(self, forms: Iterable[str]) -> list[list[dict[str, Any]]]:
        """Token-spec sequences for demonyms or names: one-word forms grouped, ALL-CAPS ones on ORTH."""
        lower: set[str] = set()
        caps: set[str] = set()
        heads: list[list[dict[str, Any]]] = []
        for form in forms:
            words = self.tokens(form)
            if len(words) == 1:
                (caps if _is_caps(form) else lower).add(form if _is_caps(form) else form.lower())
            elif words:
                attr = "ORTH" if _is_caps(form) else "LOWER"
                heads.append([{attr: w if attr == "ORTH" else w.lower()} for w in words])
        if lower:
            heads.insert(0, [{"LOWER": {"IN": sorted(lower)}}])
        if caps:
            heads.insert(0, [{"ORTH": {"IN": sorted(caps)}}])
        return heads

    def coordinated(self, demonym_lists: Iterable[tuple[str, ...]], target: str) -> None:
        """ "Syrian and Russian jets": one span naming two states' forces; ``resolve`` reads the span."""
        all_forms = [form for forms in demonym_lists for form in forms if len(self.tokens(form)) == 1]
        heads = self.heads(all_forms)
        optional_mods = [{"LOWER": {"IN": list(_MODIFIERS)}, "OP": "?"}] * 2
        for first in heads:
            for second in heads:
                conjunction = {"LOWER": {"IN": list(_CONJUNCTIONS)}}
                noun = {"LOWER": {"IN": list(_MILITARY_NOUNS)}}
                self.add([*first, conjunction, *second, *optional_mods, noun], target)


@functools.lru_cache(maxsize=4)
def _load(path: str, countries_path: str) -> ActorDictionary:
    """One parsed dictionary per pair of files: the pipeline, CLI and tests share it."""
    return ActorDictionary.from_files(path, countries_path)
