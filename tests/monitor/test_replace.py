"""`Store.replace`: a new version of a report takes the old one's place in the merged events."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import sqlalchemy as sa

from frontwatch.models import Report
from frontwatch.nlp.pipeline import Coder
from frontwatch.store import Store
from frontwatch.store.schema import retired_events

DESK = Report(
    "Government forces shelled the town of Sarmin in Idlib province on Tuesday, killing three people, "
    "including a child, local medics said.",
    id="desk", published=date(2025, 3, 12), source="Levant Desk",
)
MONITOR = Report(
    "Three people, among them a child, were killed on Tuesday when regime artillery shelled Sarmin in "
    "Idlib province, the Syrian Civil Defence said.",
    id="monitor", published=date(2025, 3, 12), source="Idlib Monitor",
)
MONITOR_REWRITTEN = Report(
    "A drone strike hit a car near the town of Saraqib in Idlib province on Thursday, killing two men, "
    "a local monitor said.",
    id="monitor", published=date(2025, 3, 14), source="Idlib Monitor",
)


def test_replacing_one_of_two_merged_reports_leaves_the_other_its_event(coder: Coder, tmp_path: Path) -> None:
    with Store(tmp_path / "replace.db") as store:
        store.save(coder.code(DESK))
        store.save(coder.code(MONITOR))
        [merged] = store.events()
        assert merged["report_ids"] == ["desk", "monitor"]

        assert store.replace(coder.code(MONITOR_REWRITTEN)) is True
        events = {event["location"]: event for event in store.events()}
        assert set(events) == {"Sarmin", "Saraqib"}
        assert events["Sarmin"]["report_ids"] == ["desk"]
        assert events["Sarmin"]["sources"] == ["Levant Desk"]
        assert events["Sarmin"]["event_id"] == merged["event_id"]
        assert events["Saraqib"]["report_ids"] == ["monitor"]
        assert store.report_count() == 2

        # Replaced by the same text it had: nothing moves.
        assert store.replace(coder.code(MONITOR_REWRITTEN)) is True
        assert {e["event_id"] for e in store.events()} == {e["event_id"] for e in events.values()}


def test_an_event_whose_first_report_is_replaced_is_retired_pointing_to_its_successor(
    coder: Coder, tmp_path: Path
) -> None:
    with Store(tmp_path / "replace.db") as store:
        store.save(coder.code(DESK))
        store.save(coder.code(MONITOR))
        [merged] = store.events()
        rewritten = Report(MONITOR_REWRITTEN.text, id="desk", published=date(2025, 3, 14),
                           source="Levant Desk")
        store.replace(coder.code(rewritten))
        events = {event["location"]: event for event in store.events()}
        assert events["Sarmin"]["report_ids"] == ["monitor"]
        assert events["Sarmin"]["event_id"] != merged["event_id"]
        with store.engine.connect() as conn:
            retired = conn.execute(sa.select(retired_events)).mappings().one()
        assert retired["event_id"] == merged["event_id"]
        assert retired["replaced_by"] == events["Sarmin"]["event_id"]
        assert store.replace(coder.code(Report("A report never stored.", id="new"))) is False
        assert store.report_count() == 3
