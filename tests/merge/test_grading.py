"""Verification grades from the claims an event rests on (hand-built events, cues from the data file)."""

from __future__ import annotations

from merge_factories import strike

from frontwatch.merge import merge_events
from frontwatch.merge.grading import STRONGEST_FIRST, load_cues, party_pattern
from frontwatch.models import Verification

MYANMAR = "Military Forces of Myanmar (2021-)"
MNDAA = "MNDAA: Myanmar National Democratic Alliance Army"


def graded(*events: object) -> Verification:
    [event] = merge_events(list(events))  # type: ignore[arg-type]
    return event.verification


def test_one_source_is_unverified() -> None:
    one = strike("r1", evidence=["Israeli jets struck Basta, the civil defence said."])
    assert graded(one) == Verification.UNVERIFIED


def test_a_party_claiming_its_own_deed_is_claimed_but_a_toll_that_claims_lives_is_not() -> None:
    claim = strike("r1", evidence=["The group claimed to have captured the villages."])
    assert graded(claim) == Verification.CLAIMED
    lives = strike("r1", evidence=["The strike claimed the lives of five people."])
    assert graded(lives) == Verification.UNVERIFIED


def test_independent_sources_corroborate_but_one_source_repeated_does_not() -> None:
    two = graded(strike("r1", sources=["civil defence"]), strike("r2", sources=["hospital"]))
    assert two == Verification.CORROBORATED
    ministry = strike("r1", sources=["health ministry"])
    assert graded(ministry, strike("r2", sources=["Health Ministry", "Wire"])) == Verification.UNVERIFIED


def test_acknowledged_only_by_a_party_to_the_event() -> None:
    sentence = "Myanmar's military government has acknowledged that it lost its headquarters in Lashio."
    fields = {"actor1": MNDAA, "actor2": MYANMAR, "country": "Myanmar", "location": "Lashio", "admin1": None}
    assert graded(strike("r1", evidence=[sentence], **fields)) == Verification.ACKNOWLEDGED
    outsider = "A UN official acknowledged that the city had fallen."
    assert graded(strike("r1", evidence=[outsider], **fields)) == Verification.UNVERIFIED
    # the source a report names for the sentence counts as the speaker too
    quoted = strike("r1", evidence=["The loss of the base was acknowledged."], sources=["Tatmadaw"], **fields)
    assert graded(quoted) == Verification.ACKNOWLEDGED


def test_footage_or_geolocation_verifies() -> None:
    assert graded(strike("r1", evidence=["Video verified by CNN showed the building."])) == "verified"
    assert graded(strike("r1", evidence=["Footage geolocated by the BBC shows the crater."])) == "verified"


def test_a_denial_outranks_verification_and_a_fact_check_outranks_everything() -> None:
    verified = strike("r1", evidence=["Satellite imagery showed the crater."], sources=["Maxar"])
    denied = strike("r2", evidence=["Israel denied striking the building."], sources=["Israeli army"])
    assert graded(verified, denied) == Verification.DISPUTED
    check = "A fact-check found the footage was recycled from 2020."
    debunked = strike("r3", evidence=[check], sources=["AFP"])
    assert graded(verified, denied, debunked) == Verification.DEBUNKED


def test_a_report_keeps_at_least_the_grade_its_coder_gave() -> None:
    assert graded(strike("r1", verification=Verification.CLAIMED)) == Verification.CLAIMED


def test_every_grade_in_the_data_file_is_a_verification_grade() -> None:
    cues = load_cues()
    assert set(cues.patterns) <= set(STRONGEST_FIRST)
    assert set(STRONGEST_FIRST) == set(Verification)
    assert Verification.CORROBORATED not in cues.patterns  # counted from sources, not read from words


def test_a_party_goes_by_its_aliases_and_its_country_s_demonyms() -> None:
    israel = party_pattern("Military Forces of Israel (2022-)")
    assert israel is not None
    assert israel.search("the Israeli army said") and israel.search("the IDF said")
    assert not israel.search("the idf said")  # all-caps aliases only as written
    assert party_pattern("Civilians (Lebanon)") is None
    assert party_pattern("Unidentified Armed Group (Sudan)") is None
