"""Event coding on short reports written the way wire copy and ACLED notes are: which sentences
become events, and with which date, place, actors and figures."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from coding import coded

from frontwatch.models import Event, Report
from frontwatch.nlp.events import _fold_unattributed
from frontwatch.nlp.pipeline import Coder


def test_a_title_line_does_not_date_the_event(coder: Coder) -> None:
    [event] = coded(
        coder,
        "Shelling hits Kharkiv suburb\nRussian artillery shelled the village of Tsyrkuny near "
        "Kharkiv on Monday, killing two civilians and wounding five, the regional governor "
        "said.\nThe governor said emergency crews were still clearing rubble on Tuesday.",
        date(2025, 3, 4),
    )
    assert (event.event_date, event.sub_event_type, event.location) == (
        date(2025, 3, 3),
        "Shelling/artillery/missile attack",
        "Tsyrkuny",
    )
    assert (event.fatalities, event.injured, event.actor2) == (2, 5, "Civilians (Ukraine)")


def test_blame_names_the_perpetrator_of_the_event_before(coder: Coder) -> None:
    events = coded(
        coder,
        "A drone strike hit the main livestock market in El Obeid on Tuesday, killing at least "
        "11 civilians, the Sudan Doctors Network said. The group blamed the paramilitary Rapid "
        "Support Forces (RSF) for the attack.",
        date(2025, 5, 28),
    )
    assert len(events) == 1
    assert "Rapid Support Forces" in (events[0].actor1 or "")
    assert events[0].fatalities == 11


def test_both_sides_of_a_clash_named_together(coder: Coder) -> None:
    [event] = coded(
        coder,
        "Government forces and Houthi fighters clashed on Sunday on the eastern front lines of "
        "Taiz city, killing four soldiers, a military source said.",
        date(2025, 6, 2),
    )
    assert event.sub_event_type == "Armed clash"
    assert event.actor1 is not None and event.actor1.startswith("Military Forces of Yemen")
    assert event.actor2 is not None and "Supreme Political Council" in event.actor2


def test_a_clash_between_two_sides_lists_the_state_first(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 3 June 2021, clashes broke out between Islamic State fighters and regime forces near "
        "Al-Sukhnah in Homs, killing three soldiers.",
        date(2021, 6, 10),
    )
    assert event.sub_event_type == "Armed clash"
    assert event.actor1 is not None and event.actor1.startswith("Military Forces of Syria")
    assert event.actor2 is not None and event.actor2.startswith("Islamic State")


def test_a_protest_against_an_arrest_is_a_peaceful_protest(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 28 April 2020, journalists protested in Jacobabad city (Jacobabad, Sindh) against the "
        "arrest of a newspaper editor.",
        date(2020, 5, 5),
    )
    assert (event.sub_event_type, event.actor1) == ("Peaceful protest", "Protesters (Pakistan)")


def test_a_capture_does_not_also_take_its_province(coder: Coder) -> None:
    events = coded(
        coder,
        "On 20 December 2019, regime forces captured Sihal in Idleb following clashes with rebel factions.",
        date(2019, 12, 27),
    )
    assert [e.location for e in events] == ["Sihal"]
    assert events[0].sub_event_type == "Government regains territory"


def test_an_article_that_turns_to_another_story_leaves_its_day_open(coder: Coder) -> None:
    text = (
        "Russian forces shelled Kherson on Monday, killing two civilians, the regional governor said. "
        "The shelling damaged a hospital and several homes. Emergency crews worked through the night. "
        "Ukraine's air force said it had shot down drones over the south. Officials urged residents to "
        "stay in shelters. Meanwhile, a Ukrainian drone struck an oil depot in Novorossiysk, Russian "
        "officials said."
    )
    depot = [e for e in coded(coder, text, date(2025, 3, 4)) if e.location == "Novorossiysk"]
    assert len(depot) == 1 and depot[0].event_date is None


def test_a_body_found_killed_by_gunmen_is_an_attack_on_a_civilian(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 12 June 2022, a woman's body was found near the market of Al-Bab, killed by unknown gunmen.",
        date(2022, 6, 19),
    )
    assert (event.sub_event_type, event.actor1) == ("Attack", "Unidentified Armed Group (Syria)")


def test_killing_a_member_of_an_armed_group_is_a_clash(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 14 June 2022, an HTS member's body was found near Sarmada, killed by unknown gunmen.",
        date(2022, 6, 21),
    )
    assert event.sub_event_type == "Armed clash"


@pytest.mark.parametrize(
    "text",
    [
        "On 2 May 2021, teachers demonstrated in Kassala demanding unpaid salaries. Police arrested 9.",
        "On 2 May 2021, dismissed workers held a sit-in outside the town hall in Kassala. Police "
        "intervened and removed the protesters by force.",
    ],
)
def test_police_acting_against_a_protest_is_an_intervention(coder: Coder, text: str) -> None:
    [event] = coded(coder, text, date(2021, 5, 9))
    assert event.sub_event_type == "Protest with intervention"


def test_a_day_last_week_is_one_event_not_a_period_total(coder: Coder) -> None:
    [event] = coded(
        coder,
        "Protesters gathered in Tripoli on Sunday against the killing of a demonstrator last week. They "
        "blocked the road and chanted slogans. Some marched to the house of the victim. Others stayed "
        "in the square. Shops stayed closed. Organisers said more protests would follow.",
        date(2020, 5, 4),
    )
    assert (event.sub_event_type, event.location) == ("Peaceful protest", "Tripoli")


def test_a_group_named_as_opposed_is_not_the_actor(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 2 May 2020, anti-Houthi forces shelled Houthi positions in Hays district (Al Hudaydah).",
        date(2020, 5, 9),
    )
    assert event.actor1 == "Military Forces of Yemen (2012-)"
    assert event.actor2 == "Military Forces of Yemen (2016-) Supreme Political Council"


def test_regime_security_forces_are_police(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 4 May 2020, regime security forces arrested 3 engineers in Tartous city.",
        date(2020, 5, 11),
    )
    assert (event.sub_event_type, event.actor1) == ("Arrests", "Police Forces of Syria (2000-2024)")


def test_its_troops_belong_to_the_country_named_before(coder: Coder) -> None:
    [event] = coded(
        coder,
        "Russia's defence ministry said on Monday that its troops had captured Vuhledar, a town in "
        "Ukraine's Donetsk region.",
        date(2024, 10, 2),
    )
    assert (event.actor1, event.admin1) == ("Military Forces of Russia (2000-)", "Donetsk")


def test_the_dateline_dates_the_filing_not_the_event(coder: Coder) -> None:
    events = coded(
        coder,
        "NIAMEY, Aug 26 — Gunmen killed 12 soldiers in an attack on an army post in Tera on Saturday, "
        "security sources said. The army said reinforcements had been sent. Residents fled towards "
        "Dori. The defence ministry did not comment. Aid groups said food was running short. The "
        "government declared three days of mourning.",
        date(2024, 8, 26),
    )
    assert [(e.location, e.event_date) for e in events] == [("Tera", date(2024, 8, 24))]


def test_a_trend_of_daily_strikes_is_no_event(coder: Coder) -> None:
    assert not coded(
        coder,
        "Kharkiv has been under near-daily bombardment since Russia opened a new offensive in the "
        "region on May 10.",
        date(2024, 5, 25),
    )


def test_a_past_event_recalled_beside_the_days_event_is_not_coded(coder: Coder) -> None:
    """The march is the event; the flood "last October" and its toll and town are background."""
    [event] = coded(
        coder,
        "LAGOS, May 4 — Thousands of people marched through central Lagos on Saturday demanding "
        "compensation for the dam failure in Ibadan last October that killed 30 people. The march "
        "was peaceful, organisers said.",
        date(2025, 5, 4),
    )
    assert (event.event_type, event.location, event.fatalities) == ("Protests", "Lagos", 0)
    assert event.event_date == date(2025, 5, 3)


def test_a_toll_since_the_unrest_began_is_a_running_total(coder: Coder) -> None:
    report = coder.code(Report(
        "The rights commission said on Monday that at least 52 people had been killed since "
        "demonstrations against the fuel price rise began on March 3.",
        id="t", published=date(2025, 4, 8),
    ))
    assert report.events == []
    assert any(figure.value == 52 for figure in report.figures)



def test_a_toll_told_later_at_the_strikes_place_and_day_folds_into_the_strike() -> None:
    """"A Russian missile struck the hospital ... two adults were killed at the hospital": the
    second sentence's killing, by the same actor on the same day at the same place, is the strike's."""
    def event(sub_type: str, event_type: str, killed: int) -> Event:
        return Event(report_id="t", event_date=date(2025, 6, 2), event_type=event_type,
                     sub_event_type=sub_type, actor1="Military Forces of Russia (2000-)",
                     location="Okhmatdyt", latitude=50.45, longitude=30.48, fatalities=killed,
                     evidence=[f"{sub_type} told"])
    strike = event("Shelling/artillery/missile attack", "Explosions/Remote violence", 0)
    killing = event("Attack", "Violence against civilians", 2)
    [folded] = _fold_unattributed([strike, killing])
    assert folded is strike and folded.evidence == ["Shelling/artillery/missile attack told", "Attack told"]
    clash = event("Armed clash", "Battles", 0)
    assert _fold_unattributed([strike, clash]) == [strike, clash]  # another kind of event: kept


def test_fighting_over_the_past_day_around_a_capture_told_for_that_day_is_the_capture() -> None:
    """"Russia said it captured Kurakhove on Monday ... Ukraine said it repelled attacks near
    Kurakhove over the past day": one battle for the town, not two."""
    def battle(sub_type: str, day: int, end: int | None) -> Event:
        return Event(report_id="t", event_date=date(2025, 1, day),
                     date_end=None if end is None else date(2025, 1, end), event_type="Battles",
                     sub_event_type=sub_type, actor1="Military Forces of Russia (2000-)",
                     location="Kurakhove", latitude=47.98, longitude=37.28, evidence=[sub_type])
    capture = battle("Non-state actor overtakes territory", 6, None)
    assert _fold_unattributed([capture, battle("Armed clash", 5, 6)]) == [capture]
    assert len(_fold_unattributed([capture, battle("Armed clash", 3, 4)])) == 2  # days before: kept


def test_a_later_toll_of_the_strike_is_no_new_event(coder: Coder) -> None:
    events = coded(
        coder,
        "ODESA, Ukraine — A Russian missile struck a grain terminal in Odesa on Saturday, the regional "
        "governor said. Firefighters battled the blaze for hours. Footage showed a crater beside the "
        "silos. The governor said this week that a worker who had suffered severe burns had died in "
        "hospital, bringing the death toll from the terminal strike to nine. Repairs have begun.",
        date(2025, 3, 12),
    )
    assert [(e.location, e.event_date, e.fatalities) for e in events] == [("Odesa", date(2025, 3, 8), 9)]


def test_visiting_the_wounded_is_no_attack(coder: Coder) -> None:
    events = coded(
        coder,
        "MOPTI, Mali, Sept 2 — Gunmen killed 31 villagers in an attack on Sanga on Saturday, local "
        "officials said. The army said it had sent reinforcements to the area. Schools in the district "
        "were closed. Residents fled towards Bandiagara. The interior minister, visiting wounded at "
        "Mopti's hospital on Sunday, condemned the killings.",
        date(2025, 9, 2),
    )
    assert [e.location for e in events] == ["Sanga"]


def test_arrests_over_a_reporting_period_are_no_event(coder: Coder) -> None:
    report = coder.code(Report(
        "The rights group said on Tuesday that it had recorded 240 arrests of demonstrators over the "
        "period, most of them in the capital.", id="t", published=date(2025, 7, 1)))
    assert report.events == []


def test_the_village_named_after_a_strike_placed_in_its_country_places_it(coder: Coder) -> None:
    """A bureau in a neighbouring capital files on a strike first placed in the country, then in
    a village the gazetteer does not know: one event, at the village, in the right country."""
    events = coded(
        coder,
        "NAIROBI, March 9 — A drone strike on a market in central Somalia killed 14 people on "
        "Saturday, two elders said. The missile hit the livestock pens in Qoryoley Dheer village at "
        "around noon, one elder said. Families who had fled fighting nearby were sheltering there. "
        "A trader said he counted 14 bodies. The army did not comment.",
        date(2025, 3, 9),
    )
    assert [(e.location, e.country, e.event_type, e.fatalities) for e in events] == [
        ("Qoryoley Dheer", "Somalia", "Explosions/Remote violence", 14)
    ]


def test_a_group_claiming_the_attack_is_its_perpetrator(coder: Coder) -> None:
    """The lead names only an affiliation; the group's own claim, a few sentences on, names it."""
    [event] = coded(
        coder,
        "MAIDUGURI, Nigeria, June 9 — Militants linked to the Islamic State killed 21 farmers in an "
        "attack on the village of Kirawa on Saturday, local officials said. The attackers arrived on "
        "motorcycles at dawn. \"They spared no one,\" a resident said. Boko Haram claimed the attack "
        "in a video on Sunday. Soldiers were deployed to the area.",
        date(2025, 6, 9),
    )
    assert "Boko Haram" in (event.actor1 or "")
    assert event.fatalities == 21


def test_drones_that_hit_and_set_fire_make_air_strikes_on_the_days_told(coder: Coder) -> None:
    """Drones "hit" and "set fire" (no crowd rioted); the day before, drones hit a depot "south of
    the city": the city the report is about, on its own day."""
    events = coded(
        coder,
        "ODESA, Ukraine, Oct 8 — Drones struck the port of Odesa at dawn on Wednesday, officials said. "
        "One drone hit a grain silo. A second drone set fire to a warehouse near the ferry terminal. "
        "There were no immediate reports of casualties. Power was cut in several districts. "
        "On Tuesday, drones hit a fuel depot just south of the city, setting off a large blaze.",
        date(2025, 10, 8),
    )
    assert sorted((e.event_date, e.sub_event_type, e.location) for e in events) == [
        (date(2025, 10, 7), "Air/drone strike", "Odesa"),
        (date(2025, 10, 8), "Air/drone strike", "Odesa"),
    ]


def test_air_defences_engaging_drones_fight_no_battle(coder: Coder) -> None:
    [event] = coded(
        coder,
        "While air defences were engaged over the city on Sunday, a drone struck the Wadi Seidna air "
        "base north of Omdurman and caused material damage, the army said.",
        date(2025, 5, 5),
    )
    assert event.sub_event_type == "Air/drone strike"


def test_the_source_of_a_report_is_not_its_perpetrator(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 5 March 2022, residents said junta jets bombed a market in Kyaukme, killing six civilians.",
        date(2022, 3, 10),
    )
    assert event.sub_event_type == "Air/drone strike"
    assert event.actor1 is not None and event.actor1.startswith("Military Forces of Myanmar")


def test_a_force_telling_of_its_own_deed_is_its_perpetrator(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 5 March 2022, Hezbollah said its fighters fired rockets at an Israeli base near Safed.",
        date(2022, 3, 10),
    )
    assert event.actor1 == "Hezbollah"


def test_a_crowd_hit_by_a_strike_is_no_protest(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 13 April 2025, a Russian ballistic missile strike on the centre of Sumy killed 35 people as "
        "residents gathered for church services.",
        date(2025, 4, 14),
    )
    assert event.event_type == "Explosions/Remote violence"
    assert event.actor1 is not None and event.actor1.startswith("Military Forces of Russia")


def test_taking_full_control_of_a_town_is_a_capture(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 12 January 2025, the Arakan Army said its fighters had taken full control of Gwa in "
        "Rakhine State.",
        date(2025, 1, 14),
    )
    assert (event.sub_event_type, event.location) == ("Non-state actor overtakes territory", "Gwa")


def test_the_day_a_source_spoke_does_not_date_the_event(coder: Coder) -> None:
    # published on a Wednesday: Monday is the statement's day, Sunday the shelling's
    [event] = coded(
        coder,
        "State media said on Monday that artillery shells fired by rebels landed in the city's "
        "Chanmyathazi township in Mandalay on Sunday, killing two civilians.",
        date(2025, 1, 15),
    )
    assert event.event_date == date(2025, 1, 12)


def test_the_day_a_body_was_found_does_not_date_the_killing(coder: Coder) -> None:
    [event] = coded(
        coder,
        "Around 12 March 2021, a shepherd was shot dead by unknown gunmen near Tadmur in Homs "
        "countryside; his body was found on 16 March.",
        date(2021, 3, 15),
    )
    assert (event.event_date, event.time_precision) == (date(2021, 3, 12), 2)


def test_warplanes_no_one_owns_are_the_state_s(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 7 June 2024, warplanes bombed a clinic in Kanbalu township, killing six patients.",
        date(2024, 6, 10),
    )
    assert (event.sub_event_type, event.actor1) == ("Air/drone strike", "Military Forces of Myanmar (2021-)")


def test_fighting_named_as_the_past_behind_an_event_is_no_event(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 7 June 2024, a drone struck a school in Saraqib where 300 people displaced by earlier "
        "fighting were sheltering.",
        date(2024, 6, 10),
    )
    assert event.sub_event_type == "Air/drone strike"


def test_a_push_to_seize_a_city_is_no_capture(coder: Coder) -> None:
    [event] = coded(
        coder,
        "Paramilitary shelling killed at least 14 people in a camp near El Fasher on Tuesday, aid workers "
        "said, as the fighters pressed a renewed push to seize the city.",
        date(2025, 6, 18),
    )
    assert event.event_type == "Explosions/Remote violence"


def test_a_wire_dateline_neither_dates_nor_places_the_event(coder: Coder) -> None:
    [event] = coded(
        coder,
        "BANGKOK, Jan 14 (Reuters) - A military airstrike on a monastery in Sar Taung village in "
        "Sagaing region killed 11 people on Saturday, a local official said.",
        date(2025, 1, 14),
    )
    assert event.event_date == date(2025, 1, 11)
    assert event.location == "Sar Taung" and event.country == "Myanmar"


def test_rescuers_recovering_bodies_tell_no_new_event(coder: Coder) -> None:
    events = coded(
        coder,
        "An Israeli airstrike on a house in the village of Bodai killed nine members of one family late "
        "on Thursday, Lebanese officials said. The house was flattened. Neighbours said they heard two "
        "blasts. The family had fled fighting in the south a month earlier. The health ministry gave "
        "the names of the dead. Rescuers were still pulling bodies from the rubble in Bodai on Friday "
        "morning.",
        date(2024, 10, 18),
    )
    assert [(event.location, event.event_date) for event in events] == [("Bodai", date(2024, 10, 17))]


def test_an_army_announcing_its_own_soldiers_losses_is_their_side(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On Wednesday, the Israeli army announced that two soldiers had been killed in combat in "
        "southern Lebanon.",
        date(2024, 10, 18),
    )
    assert event.actor1 is not None and event.actor1.startswith("Military Forces of Israel")


def test_a_lead_joining_two_events_codes_each_with_its_own_figures(coder: Coder) -> None:
    events = coded(
        coder,
        "MAPUTO, May 9 (Wire) — Insurgents killed at least seven villagers in an attack on a farming "
        "settlement in Mozambique's Cabo Delgado province, local officials said, as government troops "
        "retook control of the coastal town of Mocimboa da Praia.\n\n"
        "Gunmen stormed the village of Nangade on Monday night, shooting residents and setting fire to "
        "dozens of homes, a district official told Wire. The attackers fled into the bush before "
        "soldiers arrived.\n\n"
        "Mozambican forces entered Mocimboa da Praia on Wednesday after the insurgents withdrew, the "
        "defence ministry said. The town had been held by the militants for several weeks.\n\n"
        "Aid agencies said more than 4,000 people had fled to Pemba since the start of the month.",
        date(2024, 5, 9),
    )
    capture = next(e for e in events if e.sub_event_type == "Government regains territory")
    assert (capture.location, capture.fatalities) == ("Mocimboa da Praia", 0)
    attack = next(e for e in events if e.location == "Nangade")
    assert (attack.sub_event_type, attack.fatalities) == ("Attack", 7)


def test_an_undated_lead_told_at_a_region_is_the_town_event_told_after_it(coder: Coder) -> None:
    events = coded(
        coder,
        "BANGKOK, June 12 (Wire) — A military airstrike on a school in the central Sagaing region killed "
        "eight people, residents said.\n\n"
        "Two fighter jets bombed the school in Kanbalu town at around 10 a.m. on Sunday, a teacher told "
        "Wire by phone. Eight people were killed and 15 wounded, he said. The military did not comment. "
        "Mobile internet has been cut in the area since 2021. Access for journalists is restricted.",
        date(2024, 6, 12),
    )
    assert [(e.location, e.event_date, e.actor1, e.fatalities) for e in events] == [
        ("Kanbalu", date(2024, 6, 9), "Military Forces of Myanmar (2021-)", 8)
    ]


def test_the_group_opening_a_sentence_is_the_group_told_of_before(coder: Coder) -> None:
    events = coded(
        coder,
        "Al Shabaab said its fighters ambushed an army convoy near Jowhar on Tuesday. Officials did not "
        "comment. Traffic on the main road was halted for hours. Residents said they heard gunfire. "
        "Shops stayed shut. The group also said it fired mortars at a military base in Baidoa on "
        "Tuesday evening.",
        date(2024, 3, 14),
    )
    mortars = next(e for e in events if e.location == "Baidoa")
    assert mortars.actor1 == "Al Shabaab"


def test_families_fleeing_after_fighting_tell_no_new_event(coder: Coder) -> None:
    events = coded(
        coder,
        "Houthi fighters attacked government positions in Harib district on Friday, a military official "
        "said. He said 11 fighters were killed in clashes that lasted until noon. The Houthis did not "
        "comment. Aid agencies said about 150 families had fled camps near Harib after Friday's "
        "fighting. The United Nations called for restraint.",
        date(2024, 5, 18),
    )
    assert [e.sub_event_type for e in events] == ["Armed clash"]


def test_the_air_force_and_military_drones_are_state_forces(coder: Coder) -> None:
    events = coded(
        coder,
        "On 2 March 2024, a military drone struck a minibus near Debre Markos, killing five passengers. "
        "Separately, the air force said on Saturday that its jets had struck a rebel camp near Motta.",
        date(2024, 3, 4),
    )
    assert {e.actor1 for e in events} == {"Military Forces of Ethiopia (2018-)"}


def test_a_source_described_in_the_present_tense_fights_no_battle(coder: Coder) -> None:
    events = coded(
        coder,
        "MAIDUGURI, March 6 (Wire) — Suspected jihadists abducted at least 20 farmers near Bama on Monday, "
        "according to a member of a vigilante group that fights alongside the army. The farmers had gone "
        "to their fields at dawn. Relatives said the kidnappers had demanded a ransom. The army did not "
        "comment. Attacks on farmers have grown this year. Aid groups said food prices had doubled.",
        date(2025, 3, 6),
    )
    assert [e.sub_event_type for e in events] == ["Abduction/forced disappearance"]


def test_passengers_taken_away_are_abducted(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 3 March 2025, gunmen stopped a bus near Dessie and took away 12 passengers, police said.",
        date(2025, 3, 6),
    )
    assert event.sub_event_type == "Abduction/forced disappearance"


def test_an_event_told_a_day_after_another_keeps_its_own_kind_and_toll(coder: Coder) -> None:
    events = coded(
        coder,
        "NIAMEY, March 5 (Wire) — Jihadist fighters attacked an army post outside Tillaberi on Monday, "
        "killing at least eight soldiers, security sources said, a day after a military drone strike on "
        "a cattle market in the same region that residents say killed 30 civilians.\n\n"
        "The assault began at dawn, one of the sources said. The attackers withdrew before noon. The army "
        "did not comment. Phone lines in the area were cut.",
        date(2025, 3, 5),
    )
    post = next(e for e in events if e.location == "Tillaberi")
    assert (post.event_type, post.fatalities) == ("Battles", 8)


def test_a_speaker_s_party_and_the_strike_told_before_are_not_a_new_attacker(coder: Coder) -> None:
    events = coded(
        coder,
        "GAZA, Nov 2 (Wire) — The death toll from an Israeli strike that flattened a house in Gaza City "
        "before dawn on Saturday rose to 17, the health ministry said. A medic said no Hamas commander had "
        "been in the house, and Hamas official Basem Naim said the strike was meant to terrorise families. "
        "Later in the morning, after the army's Arabic-language spokesman told residents to leave, Israeli "
        "jets struck Jabalia. The military said it had hit a militant command centre. No casualty figures "
        "were given for that raid. Aid groups said fuel for generators would run out within days.",
        date(2024, 11, 2),
    )
    assert {e.actor1 for e in events} == {"Military Forces of Israel (2022-)"}
    assert "Jabalia" in {e.location for e in events}


def test_an_event_set_in_the_time_of_a_past_sentence_is_history(coder: Coder) -> None:
    events = coded(
        coder,
        "Soldiers shelled the village of Adet on Tuesday, killing four people, residents said. The army "
        "did not comment. In March 2022, rebels briefly seized the town of Woldia. That same month, a "
        "drone strike on a market in Kobo killed at least 30 people, according to doctors at the time. "
        "Talks have stalled since. Aid agencies said food prices had doubled.",
        date(2024, 12, 5),
    )
    assert [e.location for e in events] == ["Adet"]


def test_one_actor_s_one_kind_of_event_at_one_place_on_one_day_is_one_event(coder: Coder) -> None:
    events = coded(
        coder,
        "NIAMEY, March 5 (Wire) — Jihadist fighters attacked an army post in Tillaberi on Monday, killing "
        "at least eight soldiers, security sources said.\n\n"
        "The assault began shortly after dawn, when hundreds of fighters on motorbikes approached "
        "Tillaberi from the north, one of the sources said. The army did not comment. Phone lines in the "
        "area were cut. Traders said the main market stayed shut.",
        date(2025, 3, 5),
    )
    assert [(e.location, e.fatalities) for e in events] == [("Tillaberi", 8)]


def test_a_country_named_as_the_subject_of_an_armed_deed_is_its_armed_forces(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 3 March 2025, Russia pounded Zaporizhzhia with guided bombs, killing two people.",
        date(2025, 3, 5),
    )
    assert (event.actor1, event.location) == ("Military Forces of Russia (2000-)", "Zaporizhzhia")


def test_the_group_described_is_the_group_named_before(coder: Coder) -> None:
    events = coded(
        coder,
        "M23 rebels shelled the outskirts of Uvira on Thursday, residents said. Fighters of the "
        "Rwanda-backed group entered Sange on Friday after Congolese troops withdrew, three residents "
        "said. Shops stayed shut. Schools closed. Phone lines were cut. Aid agencies said thousands had "
        "fled.",
        date(2025, 3, 1),
    )
    sange = next(e for e in events if e.location == "Sange")
    assert sange.actor1 == "M23: March 23 Movement"


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("On 5 March 2023, a US military patrol took place near Shaddadi in Al Hasakeh countryside.",
         "Global Coalition Against Daesh"),
        ("On 5 March 2023, coalition forces deployed reinforcements to Marib city.",
         "Operation Restoring Hope"),
    ],
)
def test_a_coalition_s_patrols_are_the_coalition_s(coder: Coder, text: str, actor: str) -> None:
    [event] = coded(coder, text, date(2023, 3, 8))
    assert (event.event_type, event.actor1) == ("Strategic developments", actor)


@pytest.mark.parametrize(
    "text",
    [
        "On 9 July 2021, Saudi forces shelled farms west of Shida district (Saada), injuring a shepherd.",
        "On 9 July 2021, Saudi forces deployed reinforcements to Al Ghaydah city (Al Mahrah).",
    ],
)
def test_a_state_s_forces_where_a_coalition_stands_for_it_in_every_deed_are_the_coalition(
    coder: Coder, text: str
) -> None:
    [event] = coded(coder, text, date(2021, 7, 12))
    assert event.actor1 == "Operation Restoring Hope"


def test_a_note_saying_how_an_actor_is_coded_names_the_actor(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 2 August 2021, Yemeni government forces (coded as Saudi-led coalition) launched 3 drone "
        "strikes on Houthi positions in Sirwah district (Marib). Casualties unknown.",
        date(2021, 8, 9),
    )
    assert event.actor1 == "Operation Restoring Hope"


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("On 14 August 2021, IRG forces fired mortars at Houthi positions in Hays district "
         "(Al Hudaydah). Casualties unknown.", "Military Forces of Yemen (2012-)"),
        ("On 14 August 2021, Artsakh forces fired with small arms at Azerbaijani positions near "
         "Tartar.", "Military Forces of Artsakh (2007-)"),
    ],
)
def test_state_forces_named_by_their_government_s_short_name(coder: Coder, text: str, actor: str) -> None:
    [event] = coded(coder, text, date(2021, 8, 20))
    assert event.actor1 == actor


def test_the_ends_of_a_route_do_not_place_what_happened_near_one(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 4 May 2024, a roadside bomb hit a minibus on the road from Jowhar to Mogadishu, a few "
        "kilometres outside Jowhar, killing four passengers.",
        date(2024, 5, 6),
    )
    assert event.location == "Jowhar"


def test_what_people_fled_among_other_hardships_is_no_event(coder: Coder) -> None:
    events = coded(
        coder,
        "Militants attacked a police post in Beledweyne on Monday, killing three officers, police said. "
        "The attackers fled. Officials did not comment. Traders closed their shops. About two million "
        "people are displaced in the country, many of them in camps near Baidoa after fleeing drought, "
        "floods and fighting. The United Nations appealed for aid.",
        date(2024, 5, 8),
    )
    assert [e.location for e in events] == ["Beledweyne"]


def test_a_landmark_near_a_captured_town_is_no_second_prize(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 9 July 2025, jihadist fighters seized the town of Monguno in Borno state, the latest in a "
        "series of setbacks for government forces around Lake Chad.",
        date(2025, 7, 11),
    )
    assert event.location == "Monguno"


def test_fighting_with_no_side_named_is_a_clash_even_when_people_died(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 3 May 2024, three people were shot dead as renewed inter-clan fighting erupted near Kapedo.",
        date(2024, 5, 6),
    )
    assert event.sub_event_type == "Armed clash"


def test_a_capture_after_clashes_is_taken_by_the_side_that_captured(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 5 March 2018, following clashes with Islamic State fighters, regime forces gained control over "
        "the town of Hatla, east of Deir-ez-Zor.",
        date(2018, 3, 8),
    )
    assert (event.sub_event_type, event.actor1) == (
        "Government regains territory",
        "Military Forces of Syria (2000-2024)",
    )


def test_the_side_a_town_was_taken_from_did_not_take_it(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 5 March 2018, Tiger Forces took control of Hatla village from the Islamic State.",
        date(2018, 3, 8),
    )
    assert event.actor1 != "Islamic State (Syria)"


def test_positions_taken_in_a_battle_are_no_change_of_territory(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 9 May 2020, government forces clashed with Houthi fighters on the Sirwah front and gained "
        "control over several positions.",
        date(2020, 5, 12),
    )
    assert event.sub_event_type == "Armed clash"


def test_an_unknown_camp_is_placed_by_the_town_told_just_before(coder: Coder) -> None:
    events = coded(
        coder,
        "Fighting in Khartoum eased this month, officials said. Shelling killed at least 9 people in a "
        "displacement camp on the edge of El Fasher on Tuesday, aid workers said. Shells fell on the "
        "Zamzam Qadim camp shortly after dawn and struck a market. The toll could rise. Residents fled. "
        "Aid groups appealed for a ceasefire.",
        date(2025, 6, 18),
    )
    assert {e.admin1 for e in events} == {"North Darfur"}


def test_the_day_a_retelling_gives_dates_the_event_told_before(coder: Coder) -> None:
    events = coded(
        coder,
        "Rebels shelled a market in Kadugli on Sunday, killing four people, residents said. The army, for "
        "its part, carried out an airstrike on Dilling. The local administration said the strike on Monday "
        "hit a residential district, killing six civilians. The army did not comment. Aid groups said "
        "roads were closed. Prices rose.",
        date(2025, 6, 18),
    )
    dilling = [e for e in events if e.location == "Dilling"]
    assert [(e.event_date, e.fatalities) for e in dilling] == [(date(2025, 6, 16), 6)]


def test_what_happens_every_week_is_no_event(coder: Coder) -> None:
    events = coded(
        coder,
        "Houthi shelling killed three civilians in Taiz on Tuesday, residents said. The army did not "
        "comment. Landmines kill or maim children in Yemen almost every week, according to aid groups. "
        "Schools stayed shut. Prices rose. The truce talks stalled.",
        date(2024, 5, 18),
    )
    assert [e.location for e in events] == ["Taiz"]


def test_a_town_in_a_second_clause_does_not_place_the_first(coder: Coder) -> None:
    events = coded(
        coder,
        "ODESA, May 7 (Wire) — Russia pounded the southern city of Mykolaiv with drones overnight, killing "
        "two people, officials said on Wednesday, while Moscow said its troops pressed toward the town of "
        "Huliaipole. Fires burned for hours. Schools were shut. Power was cut in two districts. Aid groups "
        "sent water. The governor toured the site.",
        date(2025, 5, 7),
    )
    assert [(e.location, e.admin1) for e in events] == [("Mykolaiv", "Mykolaiv")]


def test_an_article_region_far_from_the_place_does_not_name_its_province(coder: Coder) -> None:
    [event] = coded(
        coder,
        "Artillery shelled the city of Kherson on Monday, killing one man, in a week when fighting raged "
        "in the Donetsk region. Rescuers worked through the night. Schools were shut. Power was cut. "
        "Aid groups sent water. The governor toured the site.",
        date(2025, 5, 7),
    )
    assert (event.location, event.admin1) == ("Kherson", "Kherson")


@pytest.mark.parametrize(
    "sentence",
    [
        "On Monday, the government offered a reward for information leading to the arrest of two "
        "militia commanders in Bunia.",
        "On Monday, a court in Bunia issued an arrest warrant for a militia commander.",
    ],
)
def test_an_arrest_sought_is_no_arrest(coder: Coder, sentence: str) -> None:
    assert coded(coder, sentence, date(2025, 3, 5)) == []


def test_the_subject_of_a_passive_cue_is_not_its_perpetrator(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On Sunday, four civilians were killed in the town of Uvira during fighting.",
        date(2025, 3, 5),
    )
    assert (event.actor1 or "").startswith("Civilians") is False
    assert event.actor2 == "Civilians (Democratic Republic of Congo)"


def test_an_article_event_on_another_day_by_other_means_borrows_no_perpetrator(coder: Coder) -> None:
    events = coded(
        coder,
        "The French military said it carried out an air strike on Sunday near Menaka, killing four "
        "militants. On Friday, a roadside bomb hit a bus near Gao, killing five passengers. Police "
        "gave no details. Traders shut their shops. Roads were closed. Aid groups sent food.",
        date(2025, 3, 5),
    )
    [bomb] = [e for e in events if e.location == "Gao"]
    assert not bomb.actor1.startswith("Military Forces of France")


def test_a_day_said_at_a_news_conference_dates_the_statement(coder: Coder) -> None:
    [event] = coded(
        coder,
        "Police said at a news conference on Wednesday that gunmen killed four farmers in Gao on Tuesday.",
        date(2025, 3, 6),
    )
    assert event.event_date == date(2025, 3, 4)


def test_gunmen_from_a_named_group_are_that_group(coder: Coder) -> None:
    [event] = coded(
        coder,
        "Gunmen from the Allied Democratic Forces killed nine villagers near Beni in North Kivu on Sunday.",
        date(2025, 3, 6),
    )
    assert (event.actor1, event.sub_event_type) == ("ADF: Allied Democratic Forces", "Attack")


def test_an_event_told_days_before_the_lead_is_dated_back_and_joins_its_retelling(coder: Coder) -> None:
    events = coded(
        coder,
        "Gunmen attacked a police station in Mirebalais on Sunday, killing two officers, police said. "
        "The attack came three days after gang members massacred at least 17 people in the coastal town "
        "of Cabaret. Officers held the station. In Cabaret, gunmen went from house to house on Thursday "
        "morning and shot residents. Survivors fled to the capital. Aid groups sent food.",
        date(2025, 5, 19),
    )
    cabaret = [e for e in events if e.location == "Cabaret"]
    assert [e.event_date for e in cabaret] == [date(2025, 5, 15)]


def test_a_battle_told_by_each_side_is_one_event(coder: Coder) -> None:
    events = coded(
        coder,
        "The RSF launched a ground assault on El Fasher on Monday. Residents said the shelling was heavy. "
        "Army troops repelled an attack on El Fasher on Monday evening after hours of fighting, a military "
        "spokesman said. Aid groups said roads were closed. Prices rose. Schools stayed shut.",
        date(2025, 6, 18),
    )
    battles = [e for e in events if e.sub_event_type == "Armed clash"]
    assert len(battles) == 1
    assert {battles[0].actor1, battles[0].actor2} == {
        "RSF: Rapid Support Forces",
        "Military Forces of Sudan (2019-)",
    }


def test_an_unknown_site_named_as_the_one_told_before_is_its_event(coder: Coder) -> None:
    events = coded(
        coder,
        "Shelling killed nine people in a displacement camp on the edge of Kadugli on Tuesday, aid workers "
        "said. Shells fell on the Hillat Salam camp shortly after dawn and struck a market. The toll could "
        "rise. Residents fled. Aid groups appealed for calm. Prices rose.",
        date(2025, 6, 18),
    )
    assert len(events) == 1


def test_a_sentence_blaming_a_group_names_the_perpetrator_and_codes_nothing(coder: Coder) -> None:
    events = coded(
        coder,
        "Gunmen shot dead six farmers in the village of Dan Sadau on Thursday, residents said. Police "
        "blamed Ansaru gunmen based in the Gusau area, who control the roads north of the town. Schools "
        "shut. Traders left. Prices rose. Aid groups sent food.",
        date(2025, 7, 11),
    )
    assert [(e.location, e.actor1) for e in events] == [("Dan Sadau", "Ansaru")]


def test_an_event_told_days_before_the_lead_does_not_date_the_lead_that_follows(coder: Coder) -> None:
    events = coded(
        coder,
        "Gunmen attacked a police station in Mirebalais on Sunday, killing two officers, police said. "
        "The attack came three days after gang members massacred at least 17 people in the coastal town "
        "of Cabaret. The attackers fired on the station in Mirebalais at about 3 a.m. and set fire to "
        "houses. Officers held the station. Survivors fled to the capital. Aid groups sent food.",
        date(2025, 5, 19),
    )
    mirebalais = [e for e in events if e.location == "Mirebalais"]
    assert [e.event_date for e in mirebalais] == [date(2025, 5, 18)]


def test_a_later_statement_on_the_event_before_adds_its_toll(coder: Coder) -> None:
    events = coded(
        coder,
        "In Cabaret, gunmen went from house to house on Thursday morning and shot residents. They set "
        "homes on fire. Police said on Saturday that they had recovered 17 bodies. Survivors fled. "
        "Schools shut. Aid groups sent food.",
        date(2025, 5, 19),
    )
    assert [(e.event_date, e.fatalities) for e in events] == [(date(2025, 5, 15), 17)]


def test_bare_insurgents_are_the_one_group_the_article_named(coder: Coder) -> None:
    text = (
        "ISWAP fighters overran the army base in Marte on Wednesday, residents said. Soldiers fled. "
        "Late on Monday, insurgents attacked a farming village near Gwoza and killed four men, a "
        "community leader said. Aid groups sent food. Schools shut. Prices rose."
    )
    gwoza = [e for e in coded(coder, text, date(2025, 7, 11)) if e.location == "Gwoza"]
    assert [e.actor1 for e in gwoza] == ["Islamic State (West Africa)"]
    two_groups = text.replace("Soldiers fled.", "Boko Haram fighters fled to Bama.")
    gwoza = [e for e in coded(coder, two_groups, date(2025, 7, 11)) if e.location == "Gwoza"]
    assert [e.actor1 for e in gwoza] == ["Unidentified Armed Group (Nigeria)"]


def test_an_article_day_two_months_back_is_background(coder: Coder) -> None:
    events = coded(
        coder,
        "Militants stormed a police post in Bannu on Sunday, killing three policemen, officials said. "
        "On Aug. 26, the BLA carried out coordinated attacks in Musakhel that killed more than 50 people. "
        "Schools shut. Traders left. Prices rose. Aid groups sent food.",
        date(2024, 10, 29),
    )
    assert [e.location for e in events] == ["Bannu"]


def test_an_event_told_as_one_of_a_series_adds_no_event_of_its_own(coder: Coder) -> None:
    events = coded(
        coder,
        "Militants stormed a police post in Bannu on Sunday, killing three policemen, officials said. "
        "It was one of a series of attacks in Khyber Pakhtunkhwa over the past week that killed more "
        "than 30 people. Schools shut. Traders left. Prices rose. Aid groups sent food.",
        date(2024, 10, 29),
    )
    assert [(e.location, e.fatalities) for e in events] == [("Bannu", 3)]


def test_overnight_in_an_article_body_is_the_night_of_the_event_told(coder: Coder) -> None:
    events = coded(
        coder,
        "Militants stormed a police post in Bannu late on Sunday, killing three policemen, officials said. "
        "The attackers opened fire on the post in Bannu from several directions and the fighting went on "
        "overnight, police said. Schools shut. Traders left. Prices rose. Aid groups sent food.",
        date(2024, 10, 29),
    )
    assert [e.event_date for e in events] == [date(2024, 10, 27)]


def test_a_protest_lodged_with_an_embassy_is_no_demonstration(coder: Coder) -> None:
    assert (
        coded(
            coder,
            "On Monday, the foreign ministry lodged a protest with the Afghan embassy in Islamabad over the "
            "attack.",
            date(2024, 10, 29),
        )
        == []
    )


def test_gunmen_from_a_group_with_an_adjective_before_its_name_are_that_group(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On Friday, gunmen from the separatist Balochistan Liberation Army shot dead nine men near Kalat.",
        date(2024, 10, 29),
    )
    assert event.actor1 == "BLA: Balochistan Liberation Army"


def test_the_ends_of_a_road_place_an_event_only_when_nothing_else_does(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On Friday, gunmen blocked the highway between Quetta and Karachi about 25 km south of Kalat and "
        "shot dead nine men.",
        date(2024, 10, 29),
    )
    assert event.location == "Kalat"
    [event] = coded(
        coder,
        "On Friday, gunmen attacked a car on the road between Quetta and Karachi.",
        date(2024, 10, 29),
    )
    assert event.location == "Quetta"


def test_a_province_people_came_from_does_not_place_the_event(coder: Coder) -> None:
    events = coded(
        coder,
        "Gunmen blocked the highway near Kalat late on Friday, officials said. They stopped vehicles and "
        "shot dead nine men from Punjab province, the deputy commissioner said. Traders left. Prices rose. "
        "Aid groups sent food. Schools shut.",
        date(2024, 10, 29),
    )
    assert [(e.location, e.fatalities) for e in events] == [("Kalat", 9)]


def test_a_speaker_named_in_apposition_is_no_agent(coder: Coder) -> None:
    events = coded(
        coder,
        "A roadside bomb hit a military convoy near Miran Shah on Saturday morning. The army's media "
        "wing, Inter-Services Public Relations (ISPR), said five soldiers had been killed. Traders shut "
        "their shops. Schools closed. Prices rose. Aid groups sent food.",
        date(2024, 10, 29),
    )
    assert [(e.location, e.fatalities) for e in events] == [("Miran Shah", 5)]


def test_a_paragraph_opening_on_an_earlier_event_keeps_its_thread(coder: Coder) -> None:
    events = coded(
        coder,
        "Militants stormed a police post in Bannu late on Sunday, killing three policemen, officials said."
        "\n\nThe attack came a day after a suicide bomber drove a car into a convoy near Miran Shah. "
        "Officials said five soldiers had been killed in the bombing. Traders shut their shops.\n\n"
        "Schools closed. Prices rose. Aid groups sent food.",
        date(2024, 10, 29),
    )
    assert sorted((e.location, e.event_date, e.fatalities) for e in events) == [
        ("Bannu", date(2024, 10, 27), 3),
        ("Miran Shah", date(2024, 10, 26), 5),
    ]


def test_a_capture_tried_is_a_battle(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On Tuesday, FARC dissidents tried to retake the village of Campo Dos, in rural Tibu, from the ELN.",
        date(2025, 2, 7),
    )
    assert (event.event_date, event.sub_event_type) == (date(2025, 2, 4), "Armed clash")


def test_the_previous_day_is_counted_from_the_day_just_told(coder: Coder) -> None:
    events = coded(
        coder,
        "On Tuesday, ELN guerrillas clashed with FARC dissidents near Tibu, killing six fighters.\n\n"
        "On the previous day, army troops clashed with ELN fighters near Teorama, the army said. It said "
        "three guerrillas had been killed and two captured.\n\nSchools shut. Prices rose. Aid groups "
        "sent food.",
        date(2025, 2, 7),
    )
    teorama = [e for e in events if e.location == "Teorama"]
    assert [(e.event_date, e.sub_event_type) for e in teorama] == [(date(2025, 2, 3), "Armed clash")]


def test_what_a_past_year_names_or_a_refusal_is_no_event(coder: Coder) -> None:
    events = coded(
        coder,
        "On Sunday, gunmen shot dead a community leader in El Tarra, police said. The ELN refused to join "
        "the talks. Last Friday, a former combatant who had signed the 2016 peace agreement left his farm "
        "in Hacari. Schools shut. Prices rose. Aid groups sent food.",
        date(2025, 2, 7),
    )
    assert [e.location for e in events] == ["El Tarra"]


def test_the_outlet_a_source_spoke_to_is_no_place(coder: Coder) -> None:
    report = Report(
        "On Tuesday, ELN guerrillas clashed with FARC dissidents near Tibu. Community leaders, speaking to "
        "Wire by phone, said they had counted nine bodies after the fighting. Schools shut. Prices rose. "
        "Aid groups sent food. Roads were closed.",
        id="t",
        published=date(2025, 2, 7),
        source="Wire",
    )
    assert "Wire" not in {e.location for e in coder.code(report).events}


def test_assailants_neutralised_are_killed(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On Saturday, FLA fighters attacked an army column near Tessalit; the army said it had neutralised "
        "eight assailants.",
        date(2025, 10, 16),
    )
    assert event.fatalities == 8


def test_the_next_day_is_counted_from_the_day_just_told(coder: Coder) -> None:
    events = coded(
        coder,
        "Last Thursday, a bus hit an explosive device near Bandiagara, killing seven passengers. The next "
        "day, gunmen stopped a line of trucks near Nioro and took away six drivers. Schools shut. Prices "
        "rose. Aid groups sent food. Roads were closed.",
        date(2025, 10, 16),
    )
    assert sorted((e.location, e.event_date) for e in events) == [
        ("Bandiagara", date(2025, 10, 9)),
        ("Nioro", date(2025, 10, 10)),
    ]


def test_a_port_a_road_brings_fuel_from_does_not_place_the_ambush(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On Tuesday, JNIM fighters opened fire on a convoy of tankers about 30 km west of Diema, on the main "
        "road that brings fuel from the Senegalese port of Dakar.",
        date(2025, 10, 16),
    )
    assert event.location == "Diema"


def test_a_later_sentence_naming_who_struck_joins_the_unattributed_strike(coder: Coder) -> None:
    events = coded(
        coder,
        "A drone struck the weekly market in Djibo around midday on Sunday, killing 20 people, residents "
        "said. Traders fled. The army said in a statement on Monday that the air force had struck a "
        "gathering of terrorists in Djibo on Sunday. Schools shut. Prices rose. Aid groups sent food.",
        date(2025, 2, 12),
    )
    assert [(e.location, e.actor1, e.fatalities) for e in events] == [
        ("Djibo", "Military Forces of Burkina Faso (2022-)", 20)
    ]


def test_an_event_a_day_after_something_else_is_not_dated_before_the_day_told(coder: Coder) -> None:
    events = coded(
        coder,
        "On Monday morning, gunmen shot dead a taxi driver in Bamenda, residents said. A day after the "
        "lockdown began, armed men stormed a school near Kumbo and took away six students. Schools shut. "
        "Prices rose. Aid groups sent food. Roads were closed.",
        date(2024, 9, 14),
    )
    kumbo = [e for e in events if e.location == "Kumbo"]
    assert kumbo and all(e.event_date >= date(2024, 9, 9) for e in kumbo)


def test_an_envoy_summoned_in_protest_is_no_demonstration(coder: Coder) -> None:
    assert (
        coded(
            coder,
            "On Saturday, the government summoned the chargé d'affaires in Kabul in protest at the strike.",
            date(2024, 11, 26),
        )
        == []
    )


def test_a_day_counted_from_an_event_told_before_dates_the_next(coder: Coder) -> None:
    events = coded(
        coder,
        "On Saturday, gunmen killed four soldiers near Tera, the army said. Earlier in the week, on Monday, "
        "suspected Islamic State fighters abducted five men from a village near Abala. A day after the "
        "abductions, JNIM fighters ambushed an army patrol near Gotheye. Schools shut. Prices rose. Aid "
        "groups sent food.",
        date(2025, 6, 30),
    )
    abala = next(e for e in events if e.location == "Abala")
    gotheye = next(e for e in events if e.location == "Gotheye")
    assert gotheye.event_date == abala.event_date + timedelta(days=1)


def test_a_word_describing_a_place_does_not_name_it(coder: Coder) -> None:
    events = coded(
        coder,
        "KABUL, Nov 26 (Wire) — On Sunday, a suicide bomber blew himself up at a crowded market in a "
        "Shi'ite neighbourhood of the Afghan capital, killing four people.",
        date(2024, 11, 26),
    )
    assert "Shi'ite" not in {e.location for e in events}


def test_south_sudans_army_is_named_by_its_own_name(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On Saturday, White Army fighters attacked the South Sudan People's Defence Forces (SSPDF) base in "
        "Nasir.",
        date(2025, 4, 16),
    )
    assert event.actor2 == "Military Forces of South Sudan (2011-)"


def test_a_trailing_one_of_a_series_phrase_leaves_the_event_before_it(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 6 May 2023, a Turkish drone struck a car near Zakho in Duhok, killing two men, officials said, "
        "in one of a series of Turkish strikes and clashes across northern Iraq over the past week.",
        date(2023, 5, 9),
    )
    assert (event.sub_event_type, event.location, event.fatalities) == ("Air/drone strike", "Zakho", 2)


def test_the_owner_of_a_vehicle_a_blast_hit_is_its_target(coder: Coder) -> None:
    [under] = coded(
        coder,
        "On 4 March 2023, a roadside bomb exploded under a vehicle of the Somali National Army (SNA) near "
        "Afgooye, killing two soldiers.",
        date(2023, 3, 6),
    )
    [mine] = coded(
        coder,
        "On 4 March 2023, a police vehicle hit a landmine near Afgooye, killing two policemen.",
        date(2023, 3, 6),
    )
    assert under.actor1 == "Unidentified Armed Group (Somalia)"
    assert under.actor2 == "Military Forces of Somalia (2022-)"
    assert mine.actor1 == "Unidentified Armed Group (Somalia)"
    assert mine.actor2 is not None and mine.actor2.startswith("Police Forces of Somalia")


def test_counted_people_after_the_cue_are_what_it_befell(coder: Coder) -> None:
    [arrest] = coded(
        coder,
        "On 9 August 2024, counter-terrorism forces arrested four suspected Islamic State members in a "
        "raid on a house in Kirkuk.",
        date(2024, 8, 12),
    )
    assert (arrest.sub_event_type, arrest.actor1, arrest.actor2) == (
        "Arrests",
        "Military Forces of Iraq (2022-)",
        "Islamic State (Iraq)",
    )


def test_those_responsible_for_an_event_told_before_are_no_new_event(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On Wednesday, several hundred people gathered in the main square of Misrata to demand that the "
        "government hold those responsible for the fighting to account.",
        date(2024, 10, 24),
    )
    assert event.sub_event_type == "Peaceful protest"


def test_fighting_since_a_year_is_a_trend(coder: Coder) -> None:
    events = coded(
        coder,
        "MISRATA, Oct 24 (Wire) — Gunmen shot dead a militia commander in Misrata on Tuesday. Schools "
        "shut. On Wednesday, several hundred people gathered in the main square of Misrata to demand "
        "that armed groups leave residential areas. Some carried photographs of civilians killed in "
        "earlier clashes. The protest ended peacefully.\n\nMisrata has seen repeated bouts of fighting "
        "between armed groups since the 2011 uprising that toppled Muammar Gaddafi. Aid groups sent food.",
        date(2024, 10, 24),
    )
    assert all("repeated bouts" not in " ".join(e.evidence) for e in events)


def test_unnamed_men_from_factions_of_a_group_are_the_group(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 1 March 2025, gunmen from rival factions of the Sinaloa Cartel fought a running battle in "
        "Culiacan, killing four people, as a war for control of the cartel entered its sixth month.",
        date(2025, 3, 3),
    )
    assert (event.sub_event_type, event.actor1) == ("Armed clash", "Sinaloa Cartel")


def test_an_army_patrol_ambushed_is_the_other_side(coder: Coder) -> None:
    [event] = coded(
        coder, "On 28 February 2025, gunmen ambushed an army patrol near Navolato, Sinaloa.", date(2025, 3, 3)
    )
    assert event.actor1 == "Unidentified Armed Group (Mexico)"
    assert event.actor2 == "Military Forces of Mexico (2024-)"


def test_a_dateline_in_accented_capitals_neither_dates_nor_places(coder: Coder) -> None:
    events = coded(
        coder,
        "CULIACÁN, Mexico, March 3 (Wire) — Gunmen shot dead two police officers in Navolato on Saturday, "
        "state officials said. Schools shut. Prices rose. Aid groups sent food. Roads were closed.",
        date(2025, 3, 3),
    )
    assert [(e.event_date, e.location) for e in events] == [(date(2025, 3, 1), "Navolato")]


def test_an_unknown_group_after_by_and_an_article_is_the_agent(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 5 May 2021, an IED planted in an SDF military vehicle by an unknown armed group exploded near "
        "Tal Tamr in Al-Hasakeh countryside.",
        date(2021, 5, 8),
    )
    assert event.actor1 == "Unidentified Armed Group (Syria)"


def test_a_word_after_a_superlative_describes_a_town(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 5 October 2024, thousands of people marched through Churachandpur, the largest Kuki-Zo town, "
        "in Manipur, India.",
        date(2024, 10, 6),
    )
    assert event.location == "Churachandpur"


def test_rebels_of_a_named_group_are_the_group(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 15 October 2024, rebels of the 3R armed group attacked an army position near Bocaranga.",
        date(2024, 10, 18),
    )
    assert event.actor1 == "3R: Return, Reclamation, Rehabilitation"


def test_soldiers_holding_a_position_fired_on_are_not_the_attackers(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 15 October 2024, dozens of fighters opened fire on a position held by Central African soldiers "
        "near Bocaranga.",
        date(2024, 10, 18),
    )
    assert event.actor1 != "Military Forces of the Central African Republic (2016-)"
    assert event.actor2 == "Military Forces of the Central African Republic (2016-)"


def test_fighters_a_demonym_qualifies_are_no_state_forces(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 14 May 2024, Palestinian fighters fired at Israeli troops in Jenin, West Bank.",
        date(2024, 5, 16),
    )
    assert event.actor1 != "Military Forces of Palestine (2007-)"


def test_the_start_of_a_war_is_a_time_not_an_event(coder: Coder) -> None:
    [march] = coded(
        coder,
        "On 2 March 2025, more than 200 people marched through the centre of Culiacan to demand that the "
        "authorities search for relatives who have disappeared since the fighting began.",
        date(2025, 3, 3),
    )
    assert march.sub_event_type == "Peaceful protest"


def test_a_sentence_blaming_a_group_names_the_perpetrator_before(coder: Coder) -> None:
    events = coded(
        coder,
        "On 14 October 2024, armed men killed seven civilians in a village near Bozoum, Central African "
        "Republic. Residents and local authorities blamed the 3R.",
        date(2024, 10, 18),
    )
    assert [e.actor1 for e in events] == ["3R: Return, Reclamation, Rehabilitation"]


def test_the_one_suspected_not_the_one_suspecting_is_the_perpetrator(coder: Coder) -> None:
    events = coded(
        coder,
        "On 13 October 2024, a vehicle hit a mine near Bouar, Central African Republic, killing a "
        "peacekeeper. MINUSCA said it suspected the 3R of laying the device.",
        date(2024, 10, 18),
    )
    assert [e.actor1 for e in events] == ["3R: Return, Reclamation, Rehabilitation"]


def test_a_crowd_dispersing_peacefully_met_no_intervention(coder: Coder) -> None:
    [march] = coded(
        coder,
        "On 2 March 2025, more than 200 people marched through the centre of Culiacan and stopped outside "
        "the state government palace before dispersing peacefully.",
        date(2025, 3, 3),
    )
    assert march.sub_event_type == "Peaceful protest"


def test_a_sentence_opening_on_a_town_sets_the_scene_of_the_next(coder: Coder) -> None:
    events = coded(
        coder,
        "BASRA, Iraq, Aug 13 (Wire) — Turkish jets struck PKK hideouts near Zakho on Saturday. Schools "
        "shut.\n\nIn Basra, meanwhile, anger over power cuts spilled into the streets. On Monday, hundreds "
        "of people protested outside the provincial council building. Police fired tear gas.\n\nProtests "
        "over power have broken out almost every summer for years. Aid groups sent food.",
        date(2024, 8, 13),
    )
    protests = [e for e in events if e.event_type == "Protests"]
    assert [(e.location, e.event_date) for e in protests] == [("Basra", date(2024, 8, 12))]


def test_the_event_of_a_day_already_told_is_that_event(coder: Coder) -> None:
    events = coded(
        coder,
        "IMPHAL, India, Oct 6 (Wire) — On Wednesday, a drone dropped bombs on a village near Moirang, "
        "killing a woman. Schools shut.\n\nThe drone attack on Wednesday brought students back onto the "
        "streets of Imphal. On Friday, several thousand students marched from a college in the city. "
        "Aid groups sent food. Roads were closed.",
        date(2024, 10, 6),
    )
    assert sorted((e.location, e.event_type) for e in events) == [
        ("Imphal", "Protests"),
        ("Moirang", "Explosions/Remote violence"),
    ]


def test_a_span_since_which_someone_is_held_does_not_make_a_days_event_a_trend(coder: Coder) -> None:
    [event] = coded(
        coder,
        "In Juba, police fired tear gas on 15 April 2025 to disperse about 200 women who marched to demand "
        "the release of Machar, who has been held under house arrest since late March.",
        date(2025, 4, 16),
    )
    assert (event.location, event.event_type) == ("Juba", "Protests")


def test_an_armed_group_named_with_its_acronym_is_an_actor_wherever_it_is_named(coder: Coder) -> None:
    events = coded(
        coder,
        "Fighters of the Movement for the Defence of Ituri (MDI), a militia formed last year, have "
        "spread south. On 2 May 2024, MDI fighters burned a health centre near Bunia, Ituri, and looted "
        "shops.",
        date(2024, 5, 6),
    )
    assert [e.actor1 for e in events] == ["MDI: Movement for the Defence of Ituri"]
    office = coder.nlp(
        "The Office for the Coordination of Humanitarian Affairs (OCHA) said 12 people were killed."
    )
    assert not office._.actors


@pytest.mark.parametrize(
    ("text", "sub", "actor"),
    [
        ("On 3 June 2024, NPA guerrillas set fire to a bulldozer at a quarry in Tandag.",
         "Looting/property destruction", "NPA: New People's Army"),
        ("On 3 June 2024, angry residents set fire to a police post in Tandag after a man died in custody.",
         "Mob violence", "Rioters (Philippines)"),
    ],
)
def test_burning_by_an_armed_actor_destroys_property_by_a_crowd_is_its_violence(
    coder: Coder, text: str, sub: str, actor: str
) -> None:
    [event] = coded(coder, text, date(2024, 6, 5))
    assert (event.sub_event_type, event.actor1) == (sub, actor)


def test_weapons_seized_in_the_passive_are_no_territory(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 3 June 2024, police arrested two men in Cotabato City. A rifle and ammunition were seized.",
        date(2024, 6, 5),
    )
    assert event.sub_event_type == "Arrests"


def test_an_armed_people_s_men_are_its_militia_in_the_event_s_country(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 3 June 2024, Turkana raiders attacked herders near Lodwar, killing two and driving off goats.",
        date(2024, 6, 5),
    )
    assert (event.actor1, event.country) == ("Turkana Ethnic Militia (Kenya)", "Kenya")


def test_days_counted_back_or_from_an_event_told_date_the_next_one(coder: Coder) -> None:
    events = coded(
        coder,
        "MOGADISHU, June 10 (Wire) - A car bomb exploded at a checkpoint in Afgoye on Thursday, "
        "killing four soldiers, officials said.\n\n"
        "Two days earlier, gunmen had abducted two aid workers near Baidoa, local elders said.\n\n"
        "Two days after the bombing, troops clashed with militants near Wanlaweyn, the army said.\n\n"
        "Markets stayed closed. Schools shut. Aid agencies said thousands had fled.",
        date(2023, 6, 10),
    )
    days = {e.location: e.event_date for e in events}
    assert days["Afgoye"] == date(2023, 6, 8)
    assert days["Baidoa"] == date(2023, 6, 6)
    assert days["Wanlaweyn"] == date(2023, 6, 10)


def test_a_sentence_setting_the_day_and_village_dates_and_places_the_fight_it_leads_to(coder: Coder) -> None:
    events = coded(
        coder,
        "SRINAGAR, March 9 (Wire) - Two militants and a policeman were killed in a gunfight in "
        "south Kashmir this week, police said.\n\n"
        "On Tuesday night, police surrounded a house on the edge of Tral, acting on a tip-off. The "
        "gunfight began shortly after midnight and lasted three hours. When it ended, two militants "
        "and a policeman were dead.\n\n"
        "Shops stayed shut on Wednesday. Schools closed. Internet services were suspended.",
        date(2024, 3, 9),
    )
    fight = next(e for e in events if e.event_type == "Battles")
    assert (fight.location, fight.event_date) == ("Tral", date(2024, 3, 5))


def test_a_march_setting_off_to_demand_a_body_is_a_protest_not_a_killing(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 3 March 2024, hundreds of villagers set off towards Sopore to demand the shopkeeper's "
        "body. Police stopped the march outside the town, firing tear gas.",
        date(2024, 3, 5),
    )
    assert event.sub_event_type == "Protest with intervention"


def test_a_name_describing_an_actor_or_inside_another_name_does_not_place_the_event(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 3 March 2024, soldiers shot dead two militants of the Pakistan-based Jaish-e-Mohammed near "
        "the Line of Control in the Keran sector.",
        date(2024, 3, 5),
    )
    assert event.location == "Keran"


@pytest.mark.parametrize(
    ("sentence", "shelled"),
    [("When it ended, the house was a shell and three men were dead.", False),
     ("A shell hit the house and three men were killed.", True)],
)
def test_a_building_left_a_shell_was_not_shelled(coder: Coder, sentence: str, shelled: bool) -> None:
    doc = coder.nlp(sentence)
    assert any(cue.category == "shelling" for cue in doc._.cues) is shelled


def test_a_sequel_naming_the_day_and_town_codes_the_lead_s_event_there(coder: Coder) -> None:
    events = coded(
        coder,
        "SRINAGAR, March 9 (Wire) - Three men were killed in a gunfight in south Kashmir this week, "
        "police said.\n\n"
        "On Tuesday night, soldiers surrounded a house in Tral after a tip-off. The gunfight lasted "
        "four hours. When it ended, three men were dead.\n\n"
        "Shops stayed shut on Wednesday. Schools closed. Internet services were suspended.",
        date(2024, 3, 9),
    )
    assert [(e.location, e.event_date, e.fatalities) for e in events] == [("Tral", date(2024, 3, 5), 3)]


def test_a_recap_of_the_week_lends_the_lead_no_actor(coder: Coder) -> None:
    [event] = coded(
        coder,
        "COTABATO CITY, June 8 (Wire) - Soldiers killed four militants in a clash near Marawi on "
        "Saturday, the army said, capping a week of violence that also saw attacks by NPA rebels in "
        "the east.\n\n"
        "Residents said the fighting lasted two hours. Schools closed. Shops stayed shut. Aid agencies "
        "said hundreds had fled.",
        date(2024, 6, 10),
    )
    assert event.actor1 == "Military Forces of the Philippines (2022-)"


@pytest.mark.parametrize(
    ("sentence", "category", "found"),
    [
        ("Talks on the release of hostages held in Gaza ended on Sunday.", "abduct", False),
        ("Gunmen took six aid workers hostage near Gao on Sunday.", "abduct", True),
        ("Mediators pressed on with talks on a ceasefire in Doha on Sunday.", "agreement", False),
        ("A ceasefire between the two sides took effect on Sunday.", "agreement", True),
        ("Both sides agreed to brief pauses in the fighting to let aid in.", "clash", False),
        ("Heavy fighting broke out in the town on Sunday.", "clash", True),
    ],
)
def test_people_held_truces_sought_and_fighting_paused_are_no_events(
    coder: Coder, sentence: str, category: str, found: bool
) -> None:
    doc = coder.nlp(sentence)
    assert any(cue.category == category for cue in doc._.cues) is found


def test_crimes_someone_is_wanted_over_are_no_event(coder: Coder) -> None:
    events = coded(
        coder,
        "The man, who was wanted over kidnappings in Jolo and Basilan in the early 2000s, did not "
        "resist, police said on Monday.",
        date(2024, 5, 8),
    )
    assert events == []


@pytest.mark.parametrize(
    ("text", "location", "sub"),
    [
        ("On 6 May 2025, four armed men in civilian clothes forced him into a pickup outside a bar in "
         "Ngozi, witnesses said.", "Ngozi", "Abduction/forced disappearance"),
        ("On 6 May 2025, several thousand people, many of them wearing the ruling party's colours, "
         "marched through Gitega, the political capital, to denounce a report.", "Gitega",
         "Peaceful protest"),
        ("On 6 May 2025, a local official of the National Congress for Freedom (CNL) was beaten to "
         "death in Ngozi.", "Ngozi", "Attack"),
    ],
)
def test_abductions_marches_and_a_party_s_acronym(
    coder: Coder, text: str, location: str, sub: str
) -> None:
    events = coded(coder, text, date(2025, 5, 9))
    assert [(e.location, e.sub_event_type) for e in events] == [(location, sub)]
