"""State survives a restart: a second watcher on the same database codes nothing it already has."""

from __future__ import annotations

from pathlib import Path

from newsroom import (
    MARIB_CLASHES,
    MARKET_STRIKE,
    SARMIN_SHELLING,
    Clock,
    NewsSite,
    WatcherFactory,
    article,
    rss,
)

from frontwatch.monitor import SourceKind, SourceSpec
from frontwatch.monitor.state import Tally


def test_a_second_watcher_on_the_same_database_carries_on(
    tmp_path: Path, site: NewsSite, make_watcher: WatcherFactory, clock: Clock
) -> None:
    site.serve("/news/market", article("Airstrike on Maarat al-Numan market", MARKET_STRIKE))
    site.serve("/news/sarmin", article("Shelling in Sarmin", SARMIN_SHELLING))
    entries = [{"title": "Airstrike on Maarat al-Numan market", "link": site.url("/news/market"),
                "text": MARKET_STRIKE},
               {"title": "Shelling in Sarmin", "link": site.url("/news/sarmin"), "text": SARMIN_SHELLING}]
    site.serve("/feed.xml", rss("Levant Desk", entries), "application/rss+xml", etag='"v1"')
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "marib.txt").write_text(MARIB_CLASHES, encoding="utf-8")
    feed = SourceSpec(SourceKind.FEED, site.url("/feed.xml"), 300.0)
    folder = SourceSpec(SourceKind.FOLDER, str(inbox), 10.0)

    first = make_watcher(feed, folder)
    assert [r.tally for r in first.poll_round()] == [Tally(coded=2), Tally(coded=1)]
    reports, events = first.store.report_count(), first.store.event_count()
    first.close()
    first.store.close()

    # A new watcher, a new Store on the same file: what was seen, and the feed's ETag, carry over.
    second = make_watcher(feed, folder)
    assert second.poll_round() == []  # not due yet: the schedule survived too
    clock.advance(300)
    # The feed is re-published with a new ETag but the same entries; a new file lands in the folder.
    site.serve("/feed.xml", rss("Levant Desk", entries), "application/rss+xml", etag='"v2"')
    (inbox / "marib-copy.txt").write_text(MARIB_CLASHES, encoding="utf-8")
    feed_poll, folder_poll = second.poll_round()
    assert feed_poll.tally == Tally()
    assert folder_poll.tally == Tally(skipped=1)  # the same text as the file read before the restart
    assert site.hits("/feed.xml")[1].headers["if-none-match"] == '"v1"'
    assert len(site.hits("/news/market")) == len(site.hits("/news/sarmin")) == 1
    assert (second.store.report_count(), second.store.event_count()) == (reports, events)
    statuses = {status.source: status for status in second.state.statuses()}
    assert (statuses[feed.location].coded, statuses[folder.location].coded) == (2, 1)
    assert statuses[folder.location].skipped == 1
