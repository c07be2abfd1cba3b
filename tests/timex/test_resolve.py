"""The date resolver against the way conflict reporting actually writes dates.

Most cases are sentences in the style of wire copy (published 2 December 2024, a Monday) and of
ACLED's own notes; the last tests check the properties a coder relies on: nothing inferred lands
after publication, and offsets point at the words. (Speed is measured by `make bench`.)
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest

from frontwatch.models import DateSpan
from frontwatch.timex import Timex, find_dates, resolve_expression
from frontwatch.timex.resolver import YEAR_LESS_SLACK_DAYS

MONDAY = date(2024, 12, 2)


def only(text: str, published: date | None = MONDAY) -> Timex:
    found = find_dates(text, published)
    assert len(found) == 1, found
    return found[0]


def span(start: str, end: str | None = None, precision: int = 1) -> DateSpan:
    return DateSpan(date.fromisoformat(start), date.fromisoformat(end) if end else None, precision)


# --- wire copy, published on a Monday ----------------------------------------------------------

WIRE = [
    ("Syrian army airstrikes killed at least 13 people in Idlib on Monday, rescuers said.", "Monday",
     span("2024-12-02")),
    ("Rebels entered the city on Sunday after a lightning offensive.", "Sunday", span("2024-12-01")),
    ("The monitor said 20 fighters died on Saturday.", "Saturday", span("2024-11-30")),
    ("The White Helmets said the market was hit on the 29th.", "the 29th", span("2024-11-29")),
    ("Between November 26 and December 1, 300 people were killed.", "Between November 26 and December 1",
     span("2024-11-26", "2024-12-01", 2)),
    ("As of November 30, the toll stood at 242.", "As of November 30", span("2024-11-30")),
    ("In the past 24 hours, 40 strikes hit the province.", "the past 24 hours",
     span("2024-12-01", "2024-12-02")),
    ("Over the past day, shelling continued.", "the past day", span("2024-12-01", "2024-12-02")),
    ("The ministry said late on Friday that it had withdrawn.", "late on Friday", span("2024-11-29")),
    ("Clashes erupted on Friday night near the airport.", "Friday night", span("2024-11-29")),
    ("Residents fled on Sunday evening.", "Sunday evening", span("2024-12-01")),
    ("A drone hit a car last Tuesday.", "last Tuesday", span("2024-11-26")),
    ("The convoy was ambushed Tuesday evening, officials said.", "Tuesday evening", span("2024-11-26")),
    ("The strike came in the early hours of Sunday.", "in the early hours of Sunday", span("2024-12-01")),
    ("Fighting raged overnight in the suburbs.", "overnight", span("2024-12-01", "2024-12-02")),
    ("Troops withdrew from the town yesterday.", "yesterday", span("2024-12-01")),
    ("Shelling resumed this morning.", "this morning", span("2024-12-02")),
    ("Five were killed today in Homs.", "today", span("2024-12-02")),
    ("Explosions were heard last night.", "last night", span("2024-12-01")),
    ("The town fell the day before yesterday.", "the day before yesterday", span("2024-11-30")),
    ("Hundreds were arrested earlier this week.", "earlier this week", span("2024-12-02", "2024-12-02", 2)),
    ("Dozens were arrested last week in Homs.", "last week", span("2024-11-25", "2024-12-01", 2)),
    ("Protests spread over the weekend.", "over the weekend", span("2024-11-30", "2024-12-01", 2)),
    ("Protests spread last weekend.", "last weekend", span("2024-11-30", "2024-12-01", 2)),
    ("The army launched a campaign earlier this month.", "earlier this month",
     span("2024-12-01", "2024-12-02", 3)),
    ("The army launched a campaign last month.", "last month", span("2024-11-01", "2024-11-30", 3)),
    ("The army lost ground late last month.", "late last month", span("2024-11-21", "2024-11-30", 3)),
    ("Militias have clashed in recent days.", "in recent days", span("2024-11-29", "2024-12-02", 2)),
    ("The group recently seized a checkpoint.", "recently", span("2024-11-25", "2024-12-02", 2)),
    ("The siege lasted from 26 to 28 November.", "from 26 to 28 November",
     span("2024-11-26", "2024-11-28", 2)),
    ("Heavy fighting on 26-28 November displaced thousands.", "26-28 November",
     span("2024-11-26", "2024-11-28", 2)),
    ("Aid was blocked from November 5 to November 20.", "from November 5 to November 20",
     span("2024-11-05", "2024-11-20", 3)),
    ("The town was shelled Nov. 26-28, residents said.", "Nov. 26-28", span("2024-11-26", "2024-11-28", 2)),
    ("Raids took place from Friday to Sunday.", "from Friday to Sunday", span("2024-11-29", "2024-12-01", 2)),
    ("Three days ago, a mortar hit the school.", "Three days ago", span("2024-11-29")),
    ("The village was retaken two weeks ago.", "two weeks ago", span("2024-11-18", None, 2)),
    ("A few days ago the road was cut.", "A few days ago", span("2024-11-29", None, 2)),
    ("The aid office closed on Dec. 1.", "Dec. 1", span("2024-12-01")),
    ("Officials said the attack on Aug. 12 killed four.", "Aug. 12", span("2024-08-12")),
    ("The attack of November 27 began the offensive.", "November 27", span("2024-11-27")),
    ("Gunmen attacked on the twenty-ninth, witnesses said.", "the twenty-ninth", span("2024-11-29")),
    ("The ceasefire, agreed on Monday, December 2, held.", "Monday, December 2", span("2024-12-02")),
    ("Militants attacked on the night of 30 November to 1 December.",
     "the night of 30 November to 1 December", span("2024-11-30", "2024-12-01")),
    ("Shelling killed a family on the 30th of last month.", "the 30th of last month", span("2024-11-30")),
    ("Airstrikes intensified in late November.", "late November", span("2024-11-21", "2024-11-30", 3)),
    ("The offensive began in March.", "March", span("2024-03-01", "2024-03-31", 3)),
    ("Fighting over the past three days killed 50.", "the past three days",
     span("2024-11-29", "2024-12-02", 2)),
    ("So far this year, 900 people have died.", "So far this year", span("2024-01-01", "2024-12-02", 3)),
    ("Protests spread this past weekend.", "this past weekend", span("2024-11-30", "2024-12-01", 2)),
    ("Attacks on Friday and Saturday killed 9.", "Friday and Saturday", span("2024-11-29", "2024-11-30", 2)),
    ("Raids on the night of Friday to Saturday.", "the night of Friday to Saturday",
     span("2024-11-29", "2024-11-30")),
    ("Jets struck early Monday morning.", "early Monday morning", span("2024-12-02")),
    ("The war has killed hundreds since October 7.", "since October 7", span("2024-10-07")),
    ("Fighting in the last two days killed 30.", "the last two days", span("2024-11-30", "2024-12-02", 2)),
]  # fmt: skip


@pytest.mark.parametrize(("text", "words", "expected"), WIRE, ids=[case[1] for case in WIRE])
def test_wire_copy(text: str, words: str, expected: DateSpan) -> None:
    timex = only(text)
    assert timex.text == words
    assert text[timex.start : timex.end] == words
    assert timex.span == expected
    assert timex.relative


# --- ACLED notes and self-contained dates ------------------------------------------------------

ABSOLUTE = [
    ("On 7 April 2022, military forces shelled Hama.", "7 April 2022", span("2022-04-07")),
    ("On April 7, 2022, rebels attacked a checkpoint.", "April 7, 2022", span("2022-04-07")),
    ("On the 7th of April 2022, protesters gathered.", "the 7th of April 2022", span("2022-04-07")),
    ("Around 27 June 2022 (as reported), an IED exploded.", "Around 27 June 2022 (as reported)",
     span("2022-06-27", None, 2)),
    ("On 27 June 2022 (as reported), an IED exploded.", "27 June 2022 (as reported)", span("2022-06-27")),
    ("(week of) 5 March 2022, unidentified gunmen abducted a teacher.", "(week of) 5 March 2022",
     span("2022-03-05", None, 2)),
    ("On the night of 3 to 4 May 2023, a drone struck a depot.", "the night of 3 to 4 May 2023",
     span("2023-05-03", "2023-05-04")),
    ("On the night of 12 May 2023, militants attacked.", "the night of 12 May 2023", span("2023-05-12")),
    ("The report dated 2022-04-07 lists 12 dead.", "2022-04-07", span("2022-04-07")),
    ("The statement of 07/04/2022 said...", "07/04/2022", span("2022-04-07")),
    ("The US memo of 04/17/2022 said...", "04/17/2022", span("2022-04-17")),
    ("A decree signed on 15.03.2021 dissolved the council.", "15.03.2021", span("2021-03-15")),
    ("Sunday, Dec. 1, 2024 was the deadliest day.", "Sunday, Dec. 1, 2024", span("2024-12-01")),
    ("The blockade lasted 28 December 2023 - 3 January 2024.", "28 December 2023 - 3 January 2024",
     span("2023-12-28", "2024-01-03", 2)),
    ("Talks ran from 28 December to 3 January 2024.", "from 28 December to 3 January 2024",
     span("2023-12-28", "2024-01-03", 2)),
    ("(month of) March 2022, the militia recruited children.", "(month of) March 2022",
     span("2022-03-01", "2022-03-31", 3)),
    ("In March 2023, the army shelled the town.", "March 2023", span("2023-03-01", "2023-03-31", 3)),
    ("The truce collapsed in mid-2023.", "mid-2023", span("2023-05-01", "2023-08-31", 3)),
    ("The truce collapsed in early March 2023.", "early March 2023", span("2023-03-01", "2023-03-10", 3)),
    ("The town was besieged between 2012 and 2016.", "between 2012 and 2016",
     span("2012-01-01", "2016-12-31", 3)),
    ("The 2011-2014 war displaced millions.", "2011-2014", span("2011-01-01", "2014-12-31", 3)),
    ("Posted 2024-12-02T10:15:00Z by the agency.", "2024-12-02T10:15:00Z", span("2024-12-02")),
    ("The attacks of Sept. 11, 2001 changed the war.", "Sept. 11, 2001", span("2001-09-11")),
    ("In MARCH 2023 the army shelled the town.", "MARCH 2023", span("2023-03-01", "2023-03-31", 3)),
]  # fmt: skip


@pytest.mark.parametrize(("text", "words", "expected"), ABSOLUTE, ids=[case[1] for case in ABSOLUTE])
def test_self_contained_dates(text: str, words: str, expected: DateSpan) -> None:
    timex = only(text)
    assert timex.text == words
    assert timex.span == expected
    assert not timex.relative


@pytest.mark.parametrize("published", [MONDAY, None])
def test_self_contained_dates_need_no_publication_day(published: date | None) -> None:
    assert only("On 7 April 2022, forces shelled Hama.", published).span == span("2022-04-07")


def test_relative_dates_are_skipped_without_a_publication_day() -> None:
    text = "On Monday, two days after the attack of November 26, and yesterday, in 2020 and in March 2023."
    assert [t.text for t in find_dates(text, None)] == ["2020", "March 2023"]


# --- years inferred backwards ------------------------------------------------------------------


BACKWARDS = [
    ("The attack on December 30 killed 4.", date(2025, 1, 2), span("2024-12-30")),
    ("The attack on 31 December killed 4.", date(2025, 1, 1), span("2024-12-31")),
    ("The attack on January 1 killed 4.", date(2025, 1, 1), span("2025-01-01")),
    ("It happened in December.", date(2025, 1, 2), span("2024-12-01", "2024-12-31", 3)),
    ("Clashes lasted between December 28 and January 1.", date(2025, 1, 2),
     span("2024-12-28", "2025-01-01", 2)),
    ("It happened on the 31st.", date(2024, 12, 2), span("2024-10-31")),
    ("It happened on February 29.", date(2025, 3, 1), span("2024-02-29")),
    ("It happened last month.", date(2025, 1, 15), span("2024-12-01", "2024-12-31", 3)),
    ("The bridge fell last October.", date(2025, 2, 10), span("2024-10-01", "2024-10-31", 3)),
    ("The bridge fell last February.", date(2025, 2, 10), span("2024-02-01", "2024-02-29", 3)),
    ("It happened last year.", date(2025, 1, 15), span("2024-01-01", "2024-12-31", 3)),
    ("It happened last week.", date(2025, 1, 2), span("2024-12-23", "2024-12-29", 2)),
    ("It happened on Thursday.", date(2025, 1, 2), span("2025-01-02")),
    ("It happened last Thursday.", date(2025, 1, 2), span("2024-12-26")),
    ("It happened last weekend.", date(2024, 12, 1), span("2024-11-23", "2024-11-24", 2)),
    ("Two journalists were detained on Tuesday last week.", date(2024, 11, 26), span("2024-11-19")),
    ("It happened over the weekend.", date(2024, 12, 1), span("2024-11-30", "2024-12-01", 2)),
    ("It happened over the weekend.", date(2024, 11, 30), span("2024-11-30", "2024-11-30", 2)),
    # a named day a few days after publication is this year's, not the same day a year back
    ("His body was found on 7 May.", date(2020, 5, 6), span("2020-05-07")),
    ("Between November 21st and 26th, fighters took 20 villages.", date(2017, 11, 23),
     span("2017-11-21", "2017-11-23", 2)),
]  # fmt: skip


@pytest.mark.parametrize(("text", "published", "expected"), BACKWARDS)
def test_missing_years_and_weeks_are_read_backwards(text: str, published: date, expected: DateSpan) -> None:
    assert only(text, published).span == expected


# --- history is returned as history, durations not at all -------------------------------------


def test_history_is_vague_and_flagged() -> None:
    text = "Unlike in 2023, when the truce held, the war that has raged since 2020 began eight years ago."
    found = find_dates(text, MONDAY)
    assert [(t.text, t.span.precision, t.relative) for t in found] == [
        ("2023", 3, False),
        ("since 2020", 3, False),
        ("eight years ago", 3, True),
    ]
    assert found[0].span == span("2023-01-01", "2023-12-31", 3)
    assert found[2].span == span("2016-12-02", None, 3)
    assert all(t.span.start != MONDAY for t in found)


@pytest.mark.parametrize(
    "text",
    [
        "The conflict, now in its eight years, has killed many.",
        "The army declared a 24-hour ceasefire.",
        "A five-year-old boy was among the dead.",
        "Fighting went on for three days.",
        "The siege lasted 18 months.",
        "At least 5-6 people were wounded.",
        "Between 20 and 30 fighters were killed.",
        "The 29th Brigade moved north.",
        "On the second floor of the hospital, 3 nurses died.",
        "It was the first time since the war began.",
        "They may 2 times retreat.",
        "A march on the capital drew 2020 people.",
        "The vote is due next Monday.",
        "Talks resume tomorrow.",
        "Aid will arrive in the coming days.",
        "The ministry said 1,200 were wounded, 1.9 million displaced.",
        "The previous day, troops had withdrawn.",
        "A total of 2000 people fled.",
        "The 2011 uprising began in Deraa.",
        "The 4th Armoured Division deployed.",
        "Aid workers are on call 24/7.",
        "On the last day of the offensive, 9 died.",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text, MONDAY) == []


def test_a_newspaper_named_for_a_day_is_a_known_limit() -> None:
    # "The Sunday Times" reads as Sunday: a capitalised weekday is trusted. Documented, not hidden.
    assert only("The Sunday Times reported it.").text == "Sunday"


# --- several dates, offsets, order -------------------------------------------------------------


def test_a_report_yields_every_date_left_to_right_without_overlap() -> None:
    text = (
        "Syrian army airstrikes killed 13 civilians in Sarmada on Monday, the White Helmets said. "
        "On Sunday, rebels advanced towards Hama after taking Aleppo on Saturday. More than 370 people "
        "have died since the offensive began on November 27, and 48 in the past 24 hours."
    )
    found = find_dates(text, MONDAY)
    assert [t.text for t in found] == ["Monday", "Sunday", "Saturday", "November 27", "the past 24 hours"]
    assert [t.span.start for t in found] == [
        date(2024, 12, 2),
        date(2024, 12, 1),
        date(2024, 11, 30),
        date(2024, 11, 27),
        date(2024, 12, 1),
    ]
    for timex in found:
        assert text[timex.start : timex.end] == timex.text
    assert all(a.end <= b.start for a, b in pairwise(found))


def test_a_date_carries_its_qualifier_but_not_a_plain_preposition() -> None:
    assert only("Fighting has continued since Monday.").text == "since Monday"
    assert only("Fighting has continued until 30 November.").text == "until 30 November"
    assert only("Fighting happened in 2023.").text == "2023"


# --- resolve_expression: spaCy DATE entities ---------------------------------------------------

EXPRESSIONS = [
    ("Monday", span("2024-12-02")),
    ("late on Friday", span("2024-11-29")),
    ("the 29th", span("2024-11-29")),
    ("Sunday", span("2024-12-01")),
    ("November 26", span("2024-11-26")),
    ("last week", span("2024-11-25", "2024-12-01", 2)),
    ("this year", span("2024-01-01", "2024-12-02", 3)),
    ("2020", span("2020-01-01", "2020-12-31", 3)),
    ("March", span("2024-03-01", "2024-03-31", 3)),
    ("monday", span("2024-12-02")),
    ("friday night", span("2024-11-29")),
    ("the past 24 hours", span("2024-12-01", "2024-12-02")),
    ("Dec. 2", span("2024-12-02")),
    ("  the day before yesterday ", span("2024-11-30")),
    ("the weekend", span("2024-11-30", "2024-12-01", 2)),
]


@pytest.mark.parametrize(("expression", "expected"), EXPRESSIONS, ids=[case[0] for case in EXPRESSIONS])
def test_resolve_expression(expression: str, expected: DateSpan) -> None:
    assert resolve_expression(expression, MONDAY) == expected


@pytest.mark.parametrize(
    "expression", ["eight years", "three days", "24-hour", "next week", "tomorrow", "", "n/a"]
)
def test_resolve_expression_refuses_non_dates(expression: str) -> None:
    assert resolve_expression(expression, MONDAY) is None


def test_resolve_expression_without_publication_day() -> None:
    assert resolve_expression("Monday", None) is None
    assert resolve_expression("7 April 2022", None) == span("2022-04-07")


OFF_CALENDAR = [
    ("900 decades ago", MONDAY),  # year -6976
    ("yesterday", date(1, 1, 1)),
    ("overnight", date(1, 1, 1)),
    ("999 weeks ago", date(1, 3, 1)),
    ("last year", date(1, 6, 1)),  # year 0
    ("last month", date(1, 1, 15)),
    ("in March", date(1, 1, 1)),
    ("this week", date(9999, 12, 31)),  # the week ends in year 10000
]


@pytest.mark.parametrize(("expression", "published"), OFF_CALENDAR, ids=[f"{e} {p}" for e, p in OFF_CALENDAR])
def test_a_day_outside_the_calendar_is_no_date(expression: str, published: date) -> None:
    """`datetime` holds years 1 to 9999: counting past either end names no day, and raises nothing."""
    assert find_dates(f"Forces shelled Aleppo {expression}.", published) == []
    assert resolve_expression(expression, published) is None


# --- properties --------------------------------------------------------------------------------

RELATIVE_EXPRESSIONS = [
    "on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday",
    "last Sunday", "late on Friday", "Saturday night", "on the 1st", "on the 29th", "on the 31st",
    "on November 26", "on 31 December", "on February 29", "on Jan. 1", "Between December 28 and January 3",
    "from 26 to 28 November", "the night of 31 December to 1 January", "this week", "last week",
    "over the weekend", "last weekend", "this month", "last month", "late last month", "this year",
    "early this year", "last year", "today", "yesterday", "overnight", "the day before yesterday",
    "in the past 24 hours", "over the past 48 hours", "the past week", "the past few days",
    "in recent days", "recently", "in recent weeks", "three days ago", "two weeks ago", "a month ago",
    "eight years ago", "in late December", "in March", "mid-November", "Friday to Sunday",
    "the 1st of this month",
]  # fmt: skip


YEAR_LESS_DAYS = {"on November 26", "on 31 December", "on February 29", "on Jan. 1"}
"""Named days without a year: these alone may fall up to `YEAR_LESS_SLACK_DAYS` after publication."""


@pytest.mark.parametrize("expression", RELATIVE_EXPRESSIONS)
def test_nothing_inferred_lands_after_publication(expression: str) -> None:
    """Every publication day of two years, leap day and year ends included."""
    first = date(2023, 12, 1)
    slack = timedelta(days=YEAR_LESS_SLACK_DAYS if expression in YEAR_LESS_DAYS else 0)
    for offset in range(800):
        published = first + timedelta(days=offset)
        found = find_dates(f"It happened {expression}.", published)
        assert found, (expression, published)
        for timex in found:
            assert timex.span.start <= published + slack, (expression, published, timex)
            assert timex.span.end is None or timex.span.start <= timex.span.end <= published, (
                expression,
                published,
                timex,
            )

