"""Cross-report merging, on hand-built events (no NLP): what merges, what stays apart, and why."""

from __future__ import annotations

import random
from datetime import date

from merge_factories import killed, strike

from frontwatch.merge import merge_events
from frontwatch.merge.cluster import actor_key, actors_compatible, same_event
from frontwatch.models import Verification


def test_two_reports_of_one_strike_merge_with_the_lowest_toll() -> None:
    early = strike(
        "r1",
        fatalities=11,
        fatalities_low=11,
        fatalities_high=11,
        injured=23,
        claims=[killed(11, "civil defence")],
        sources=["civil defence"],
    )
    late = strike(
        "r2",
        fatalities=29,
        fatalities_low=20,
        fatalities_high=29,
        injured=67,
        claims=[killed(20, "health ministry"), killed(29, "health ministry")],
        sources=["health ministry"],
        location="Basta, Beirut",
    )
    merged = merge_events([early, late])
    assert len(merged) == 1
    event = merged[0]
    # each report's largest figure (11; 29), then the lowest across reports
    assert (event.fatalities, event.fatalities_low, event.fatalities_high) == (11, 11, 29)
    assert event.injured == 67
    assert event.report_ids == ["r1", "r2"]
    assert event.sources == ["civil defence", "health ministry"]
    assert len(event.claims) == 3 and len(event.evidence) == 2
    # the earliest-ordered member (same day, so by report id) keeps its id
    assert event.event_id == early.event_id and event.report_id == "r1"
    # two reports citing different sources corroborate each other
    assert event.verification == Verification.CORROBORATED


def test_same_place_and_day_with_another_actor_pair_stays_apart() -> None:
    on_civilians = strike("r1")
    on_hezbollah = strike("r2", actor2="Hezbollah")
    assert not actors_compatible(on_civilians, on_hezbollah)
    assert len(merge_events([on_civilians, on_hezbollah])) == 2


def test_different_actor1_without_actor2_stays_apart() -> None:
    turkey = strike("r1", actor1="Military Forces of Turkey (2016-)", actor2=None)
    hts = strike("r2", actor1="HTS: Hayat Tahrir al-Sham", actor2=None)
    assert len(merge_events([turkey, hts])) == 2


def test_events_of_one_report_are_never_merged() -> None:
    first = strike("r1", evidence=["First strike."])
    second = strike("r1", evidence=["Second strike."])
    assert not same_event(first, second)
    assert len(merge_events([first, second])) == 2


def test_one_report_cannot_join_another_twice_through_a_vague_member() -> None:
    """A city-level account may match two precise events of one report; it joins only one."""
    basta = strike("r1", location="Basta")
    hreik = strike("r1", location="Haret Hreik", latitude=33.85, longitude=35.52, evidence=["Other."])
    vague = strike("r2", location="Beirut, Basta and Haret Hreik", geo_precision=2)
    merged = merge_events([basta, hreik, vague])
    assert len(merged) == 2
    assert sorted(len(e.report_ids) for e in merged) == [1, 2]


def test_different_places_on_the_same_day_stay_apart() -> None:
    basta = strike("r1")
    tyre = strike("r2", location="Tyre", admin1="South", latitude=33.27, longitude=35.2)
    assert len(merge_events([basta, tyre])) == 2


def test_unresolved_places_sharing_an_area_point_stay_apart() -> None:
    """Two villages the gazetteer lacked both fall back to the district point (precision 2)."""
    a = strike("r1", location="Ftireh", geo_precision=2, latitude=35.7, longitude=36.5)
    b = strike("r2", location="Kansafra", geo_precision=2, latitude=35.7, longitude=36.5)
    assert len(merge_events([a, b])) == 2


def test_a_site_merges_with_its_town_by_coordinates() -> None:
    town = strike(
        "r1",
        location="Kharkiv",
        geo_precision=1,
        latitude=49.98,
        longitude=36.25,
        admin1="Kharkiv",
        country="Ukraine",
        actor1="Military Forces of Russia (2000-)",
        actor2="Civilians (Ukraine)",
    )
    site = strike(
        "r2",
        location="Epicentr hypermarket",
        geo_precision=2,
        latitude=50.02,
        longitude=36.33,
        admin1="Kharkiv",
        country="Ukraine",
        actor1="Unidentified Armed Group (Ukraine)",
        actor2="Civilians (Ukraine)",
    )
    merged = merge_events([site, town])
    assert len(merged) == 1
    assert merged[0].location == "Kharkiv"  # the most precise member's place
    assert merged[0].actor1 == "Military Forces of Russia (2000-)"  # the member with named actors


def test_thursday_evening_and_friday_merge() -> None:
    thursday = strike(
        "r1",
        event_date=date(2024, 11, 21),
        evidence=["Israeli jets struck Basta on Thursday evening, the ministry said."],
    )
    friday = strike(
        "r2", event_date=date(2024, 11, 22), evidence=["A strike flattened a building in Basta on Friday."]
    )
    merged = merge_events([friday, thursday])
    assert len(merged) == 1
    assert merged[0].event_date == date(2024, 11, 21)  # the earliest day at the best precision
    assert merged[0].date_end == date(2024, 11, 22)


def test_consecutive_calendar_days_stated_outright_stay_apart() -> None:
    first = strike("r1", event_date=date(2020, 4, 28), evidence=["On 28 April 2020, jets struck Basta."])
    second = strike("r2", event_date=date(2020, 4, 29), evidence=["On 29 April 2020, jets struck Basta."])
    assert len(merge_events([first, second])) == 2


def test_two_days_apart_stay_apart() -> None:
    assert len(merge_events([strike("r1"), strike("r2", event_date=date(2024, 11, 25))])) == 2


def test_strike_during_a_battle_is_coded_as_the_battle() -> None:
    clash = strike("r1", event_type="Battles", sub_event_type="Armed clash", actor2="Hezbollah")
    drone = strike("r2", actor2="Hezbollah")
    merged = merge_events([drone, clash])
    assert len(merged) == 1
    assert (merged[0].event_type, merged[0].sub_event_type) == ("Battles", "Armed clash")


def test_a_protest_and_a_riot_by_one_crowd_merge_as_the_riot() -> None:
    """One report saw police fire tear gas at a protest, the next saw the crowd storm an embassy."""
    crowd = {"location": "Beirut", "latitude": 33.8938, "longitude": 35.5018, "evidence": ["e"]}
    protest = strike("r1", event_type="Protests", sub_event_type="Protest with intervention",
                     actor1="Protesters (Lebanon)", actor2="Police Forces of Lebanon (2022-)", **crowd)
    riot = strike("r2", event_type="Riots", sub_event_type="Violent demonstration",
                  actor1="Rioters (Lebanon)", actor2="Civilians (Lebanon)", **crowd)
    [merged] = merge_events([protest, riot])
    assert (merged.event_type, merged.actor1, merged.actor2) == (
        "Riots", "Rioters (Lebanon)", "Civilians (Lebanon)")
    assert merged.report_ids == ["r1", "r2"]
    other_crowd = strike("r3", event_type="Riots", sub_event_type="Violent demonstration",
                         actor1="Rioters (Syria)", **crowd)
    assert len(merge_events([protest, other_crowd])) == 2


def test_disputed_member_makes_the_merged_event_disputed() -> None:
    verified = strike("r1", verification=Verification.VERIFIED)
    disputed = strike("r2", verification=Verification.DISPUTED)
    merged = merge_events([verified, disputed])
    assert len(merged) == 1 and merged[0].verification == Verification.DISPUTED


def test_reports_repeating_one_source_are_not_independent() -> None:
    a = strike("r1", sources=["health ministry"])
    b = strike("r2", sources=["Health Ministry", "Levant Wire"])
    assert merge_events([a, b])[0].verification == Verification.UNVERIFIED


def test_output_does_not_depend_on_input_order() -> None:
    events = [
        strike("r1", fatalities=4, claims=[killed(4, "ministry")]),
        strike("r2", fatalities=29, claims=[killed(29, "ministry")], event_date=date(2024, 11, 24)),
        strike("r3", actor1="Unidentified Armed Group (Lebanon)", geo_precision=2),
        strike("r4", location="Haret Hreik", actor2="Hezbollah", latitude=33.85, longitude=35.52),
        strike("r4", location="Basta", evidence=["Basta again."]),
        strike("r5", location="Tyre", admin1="South", latitude=33.27, longitude=35.2),
        strike("r6", event_date=None, location="Basta"),
    ]
    expected = [e.to_record() for e in merge_events(events)]
    rng = random.Random(7)
    for _ in range(20):
        shuffled = events[:]
        rng.shuffle(shuffled)
        assert [e.to_record() for e in merge_events(shuffled)] == expected


def test_inputs_are_left_unchanged() -> None:
    a, b = strike("r1"), strike("r2")
    before = (a.to_record(), b.to_record())
    merge_events([a, b])
    assert (a.to_record(), b.to_record()) == before


def test_actor_key_ignores_acronyms_and_year_spans() -> None:
    assert actor_key("RSF: Rapid Support Forces") == actor_key("Rapid Support Forces")
    assert actor_key("Military Forces of Sudan (2019-)") == actor_key("Military Forces of Sudan")
    assert actor_key("Civilians (Sudan)") != actor_key("Civilians")


def test_country_level_name_inside_a_town_name_is_not_the_same_place() -> None:
    country = strike("r1", location="Lebanon", admin1=None, geo_precision=3, actor1="Hezbollah", actor2=None)
    town = strike(
        "r2",
        location="Lebanon Street",
        geo_precision=1,
        actor1="Hezbollah",
        actor2=None,
        sub_event_type="Shelling/artillery/missile attack",
    )
    assert len(merge_events([country, town])) == 2
