"""Where events are placed: the areas a report puts around a place, the report's country, and the
names that only look like places. Cases follow the ways wire copy and field notes name places."""

from __future__ import annotations

from datetime import date

from coding import coded
from spacy.tokens import Span

from frontwatch.models import Report
from frontwatch.nlp.pipeline import Coder
from frontwatch.nlp.places import candidate_spans, dateline_end


def test_areas_in_brackets_place_an_unknown_village(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 3 May 2021, gunmen shot dead a farmer in Zuhrat al-Qasr village (Maarat al-Numan, Idleb).",
        date(2021, 5, 10),
    )
    assert (event.country, event.admin1, event.location) == ("Syria", "Idleb", "Zuhrat al-Qasr")
    assert event.geo_precision == 2


def test_an_article_joined_by_a_hyphen_starts_a_place_name(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 8 May 2021, Turkish forces shelled Umm al-Kayf in al-Hasakeh with artillery.",
        date(2021, 5, 15),
    )
    assert (event.country, event.admin1) == ("Syria", "Al-Hasakeh")


def test_a_region_is_not_a_namesake_hamlet_in_another_region(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 2 May 2021, coalition air raids were reported on Al Jawf border governorate in northern "
        "Yemen with no report of casualties.",
        date(2021, 5, 9),
    )
    assert (event.country, event.admin1, event.geo_precision) == ("Yemen", "Al Jawf", 3)


def test_a_town_outside_the_areas_named_around_it_is_another_place(coder: Coder) -> None:
    # Habban lies in Shabwah; a report that puts "Hauban" in Taizz means somewhere else.
    [event] = coded(
        coder,
        "On 6 May 2021, a detainee died under torture in the prison of Hauban (Salh, Taizz).",
        date(2021, 5, 13),
    )
    assert (event.country, event.admin1, event.geo_precision) == ("Yemen", "Taizz", 2)


def test_a_country_the_protest_is_about_is_not_where_it_happens(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 12 March 2024, students formed a human chain in Karwan Bazar, Dhaka, condemning Israel "
        "and expressing solidarity with Palestine.",
        date(2024, 3, 19),
    )
    assert (event.country, event.admin1) == ("Bangladesh", "Dhaka")


def test_a_state_named_after_its_capital_decides_the_country(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 4 May 2021, in Tovar, Merida state, residents blocked the road demanding water.",
        date(2021, 5, 11),
    )
    assert (event.country, event.admin1) == ("Venezuela", "Merida")


def test_a_list_of_villages_does_not_make_one_the_area_of_another(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 20 November 2024, Ukrainian forces repelled Russian assaults near Kurakhove, Dachne and "
        "Sontsivka.",
        date(2024, 11, 21),
    )
    assert (event.location, event.admin1) == ("Kurakhove", "Donetsk")


def test_premises_named_after_a_town_place_the_event_there(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 3 August 2024, lawyers staged a protest in front of Rangpur Press Club demanding the "
        "release of detained students.",
        date(2024, 8, 10),
    )
    assert (event.country, event.location) == ("Bangladesh", "Rangpur")


def test_a_region_after_a_list_of_villages_is_their_area(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 2 June 2021, regime forces captured Umm Tuwaynah village in Salamiyah countryside in "
        "Hama.",
        date(2021, 6, 9),
    )
    assert (event.sub_event_type, event.admin1) == ("Government regains territory", "Hama")


def test_an_event_nowhere_is_not_coded(coder: Coder) -> None:
    report = Report(
        "Students rioted, demanding the resignation of a senior university official.", id="t",
        published=date(2021, 3, 2),
    )
    coded_report = coder.code(report)
    assert coded_report.events == []
    assert coded_report.report is report  # the report itself is kept, with its text


def test_a_known_first_word_of_an_unknown_village_says_no_country(coder: Coder) -> None:
    # "Deir" alone is an Iranian port's other name; "Deir Sawwan" is not that place, and no vote for Iran
    [event] = coded(
        coder,
        "On 4 March 2021, Turkish forces shelled SDF positions in Deir Sawwan and Tal Sousin villages.",
        date(2021, 3, 10),
    )
    assert (event.location, event.country) == ("Deir Sawwan", "Syria")


def test_armed_groups_fighting_say_where_a_namesake_town_is(coder: Coder) -> None:
    # Naama is a province of Algeria; two Syrian factions fighting there put it in Syria
    [event] = coded(
        coder,
        "On 4 March 2021, clashes erupted in Naama between Hayat Tahrir al-Sham and Ahrar al-Sham fighters.",
        date(2021, 3, 10),
    )
    assert (event.location, event.country) == ("Naama", "Syria")


def test_a_direction_before_a_province_is_part_of_it(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 4 March 2021, clashes between IS and regime forces took place near Al-Shula in Eastern Homs.",
        date(2021, 3, 10),
    )
    assert (event.location, event.country, event.admin1) == ("Al-Shula", "Syria", "Homs")


def test_a_village_named_with_a_direction_keeps_it(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 4 March 2021, gunmen shot dead a teacher in the village of Western Karim in Homs.",
        date(2021, 3, 10),
    )
    assert (event.location, event.admin1) == ("Western Karim", "Homs")


def test_a_name_only_spelt_like_a_town_is_no_place_without_a_cue(coder: Coder) -> None:
    # "Trump" shares its consonants with Trimont, Minnesota; nothing in the sentence makes it a place
    [event] = coded(
        coder,
        "On 14 May 2022, over 200 people gathered for a protest in Tucson. A few counter-demonstrators, "
        "including Bikers for Trump, were armed with rifles.",
        date(2022, 5, 20),
    )
    assert (event.location, event.admin1) == ("Tucson", "Arizona")


def test_a_tie_between_countries_goes_to_the_one_holding_more_of_the_places(coder: Coder) -> None:
    # "Qaatabah" is also Kataba in Zambia and "Ad Dali" Dali in China; only Yemen holds both
    [event] = coded(
        coder,
        "On 5 March 2022, members of two clans clashed near a school in Bayt al-Shawki village "
        "(Qaatabah, Ad Dali) over land ownership, injuring two.",
        date(2022, 3, 10),
    )
    assert (event.location, event.country, event.admin1) == ("Bayt al-Shawki", "Yemen", "Ad Dali")


def test_a_big_city_read_as_a_person_is_still_the_place(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 5 March 2022, Russian forces pounded Kharkiv with missiles, killing three people.",
        date(2022, 3, 10),
    )
    assert (event.location, event.country, event.geo_precision) == ("Kharkiv", "Ukraine", 1)


def test_a_district_owned_by_a_city_is_not_a_namesake_elsewhere(coder: Coder) -> None:
    # there is a Kyivskyi in Donetsk oblast; "Kharkiv's Kyivskyi district" is in Kharkiv
    [event] = coded(
        coder,
        "On 5 March 2022, a ballistic missile slammed into a residential block in Kharkiv's Kyivskyi "
        "district, killing three people.",
        date(2022, 3, 10),
    )
    assert (event.country, event.admin1) == ("Ukraine", "Kharkiv")


def test_a_town_across_the_border_is_placed_in_its_own_country(coder: Coder) -> None:
    events = coded(
        coder,
        "Israeli strikes killed nine people in Baalbek and two in Tyre on Thursday, Lebanese officials "
        "said. The strikes flattened two buildings. Rescuers searched the rubble into the night. "
        "Hospitals in the city were overwhelmed, a doctor said. The army had issued no warning. "
        "Hezbollah said it fired a barrage of rockets at the town of Kiryat Shmona on Thursday.",
        date(2024, 10, 18),
    )
    rockets = next(event for event in events if event.location == "Kiryat Shmona")
    assert (rockets.country, rockets.geo_precision) == ("Israel", 1)


def test_a_province_told_before_does_not_hold_a_city_far_from_it(coder: Coder) -> None:
    events = coded(
        coder,
        "In the Donetsk region, Russian artillery hit the city of Kostiantynivka on Wednesday, killing two "
        "civilians. The shells damaged a school. Teachers had moved classes online. Several homes burned. "
        "The governor urged residents to leave. A Russian missile hit a residential block in Kharkiv on "
        "Wednesday, killing three people.",
        date(2025, 4, 24),
    )
    kharkiv = next(event for event in events if event.location == "Kharkiv")
    assert kharkiv.admin1 == "Kharkiv"


def test_a_big_city_where_it_happens_outweighs_countries_talked_about(coder: Coder) -> None:
    event, *_ = coded(
        coder,
        "On 3 May 2023, a coalition called 'Peace for Ukraine' held a rally in Marseille to denounce "
        "arms sales to Russia amid the war in Ukraine.",
        date(2023, 5, 10),
    )
    assert (event.location, event.country) == ("Marseille", "France")


def test_a_quarter_of_a_town_named_beside_it_is_placed_at_the_town(coder: Coder) -> None:
    # Olaya Herrera is also a municipality in Nariño, 1,000 km away
    [event] = coded(
        coder,
        "On 9 April 2023, in Barranquilla (Atlantico), gunmen on a motorbike shot dead a shopkeeper in "
        "the Olaya Herrera neighborhood.",
        date(2023, 4, 12),
    )
    assert (event.location, event.admin1) == ("Barranquilla", "Atlantico")


def test_a_name_heading_a_news_agency_is_no_place(coder: Coder) -> None:
    doc = coder.nlp(
        "ISWAP said in a claim carried by the Islamic State's Amaq news agency that its fighters had "
        "killed 20 soldiers in Monguno."
    )
    assert [mention.text for mention in doc._.places] == ["Monguno"]


def test_a_name_the_recogniser_reads_as_a_date_can_still_be_a_place(coder: Coder) -> None:
    # spaCy's small model now and then tags an unknown village's name DATE; feasts and months it
    # tags so stay dates
    doc = coder.nlp("On 9 June 2021, protesters blocked the main road in Kfaraya during Ramadan.")
    names = {token.text: token.i for token in doc}
    misread = [Span(doc, names[word], names[word] + 1, label="DATE") for word in ("Kfaraya", "Ramadan")]
    taken = {span.start for span in misread}
    doc.ents = [ent for ent in doc.ents if not taken & set(range(ent.start, ent.end))] + misread
    spans = [span.text for span in candidate_spans(doc, set())]
    assert "Kfaraya" in spans
    assert "Ramadan" not in spans and "June" not in spans


def test_a_road_named_after_a_town_places_an_event_only_when_nothing_else_does(coder: Coder) -> None:
    [blocked] = coded(
        coder, "On 9 June 2021, protesters blocked the Kfaraya highway for two hours.", date(2021, 6, 10)
    )
    assert blocked.location == "Kfaraya"
    [elsewhere] = coded(
        coder,
        "On 9 June 2021, protesters blocked the coastal Zahrani highway in Sarafand, Lebanon.",
        date(2021, 6, 10),
    )
    assert (elsewhere.location, elsewhere.country) == ("Sarafand", "Lebanon")


def test_a_country_owning_what_follows_it_is_no_area_around_a_town(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 11 August 2024, Turkish troops clashed with PKK fighters in northern Iraq near Zakho, in "
        "Barwari Bala district, Turkey's defence ministry said.",
        date(2024, 8, 13),
    )
    assert (event.location, event.country, event.admin1) == ("Zakho", "Iraq", "Duhok")


def test_a_direction_before_a_comma_is_no_nearness(coder: Coder) -> None:
    doc = coder.nlp("Further north, in Duhok province, fighting flared in the mountains.")
    [duhok] = [mention for mention in doc._.places if mention.text == "Duhok"]
    assert duhok.relation == "in"


def test_a_region_named_with_also_after_a_town_contains_it(coder: Coder) -> None:
    [event] = coded(
        coder,
        "In Uruapan, also in Michoacan, armed men abducted a local journalist from his home on 24 "
        "February 2025, his family said.",
        date(2025, 3, 3),
    )
    assert (event.location, event.admin1) == ("Uruapan", "Michoacan")


def test_a_name_a_country_owns_lies_in_it(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 17 April 2025, US strikes on Yemen's Salif Bay fuel port killed 20 workers.",
        date(2025, 4, 19),
    )
    assert (event.location, event.country) == ("Salif Bay", "Yemen")


def test_a_dateline_naming_two_cities_neither_dates_nor_places() -> None:
    text = "SANAA/WASHINGTON, April 19 — US strikes hit a port."
    assert text[: dateline_end(text)] == "SANAA/WASHINGTON, April 19 —"


def test_a_name_joined_by_hyphens_around_a_lower_case_article_is_one_place(coder: Coder) -> None:
    [event] = coded(
        coder,
        "On 12 March 2023, armed men shot a motorcycle taxi driver dead in Saint-Louis-du-Nord.",
        date(2023, 3, 14),
    )
    assert (event.location, event.country) == ("Saint-Louis-du-Nord", "Haiti")
