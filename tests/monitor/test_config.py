"""The watch config (TOML) and command-line sources: mistakes are named, the sample file loads."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from frontwatch.models import FrontwatchError
from frontwatch.monitor import SourceKind, load_config, source_spec
from frontwatch.monitor.config import FEED_INTERVAL, FOLDER_INTERVAL
from frontwatch.monitor.watcher import backoff

REPO = Path(__file__).resolve().parents[2]


def test_the_sample_config_loads() -> None:
    config = load_config(REPO / "samples" / "watch.toml")
    kinds = [spec.kind for spec in config.sources]
    assert kinds == [SourceKind.FEED, SourceKind.FEED, SourceKind.FOLDER]
    assert config.sources[0].outlet == "Example World Desk" and config.sources[0].interval == 300
    assert config.sources[2].location == str(REPO / "samples" / "inbox")
    assert config.settings.host_delay == 1.0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[feed]]\nurl = "https://a.example/rss"\nintervall = 5\n', "feed #1: unknown key 'intervall'"),
        ("[[feed]]\ninterval = 5\n", "feed #1: missing 'url'"),
        ('[[feed]]\nurl = "ftp://a.example/rss"\n', "url must start with http:// or https://"),
        ('[[feed]]\nurl = "https://a.example/rss"\ninterval = 0\n', "interval must be a positive number"),
        ('[[feed]]\nurl = "https://a.example/rss"\ninterval = "5m"\n', "interval must be a number"),
        ('[[folder]]\npath = "no-such-folder"\n', "no-such-folder is not an existing folder"),
        ('host_delay = -1\n[[feed]]\nurl = "https://a.example/rss"\n', "host_delay must not be negative"),
        ('hosts_delay = 1\n[[feed]]\nurl = "https://a.example/rss"\n', "unknown key 'hosts_delay'"),
        ('[feed]\nurl = "https://a.example/rss"\n', "feed must be an array of tables ([[feed]])"),
        ("user_agent = 'x'\n", "no sources"),
        ("[[feed]\n", "not valid TOML"),
    ],
)
def test_config_mistakes_name_the_file_and_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "watch.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FrontwatchError) as error:
        load_config(path)
    assert str(error.value).startswith(str(path))
    assert message in str(error.value)


def test_command_line_sources(tmp_path: Path) -> None:
    assert source_spec("https://a.example/rss").interval == FEED_INTERVAL
    assert source_spec("-").kind is SourceKind.STDIN
    folder = source_spec(str(tmp_path), interval=2)
    assert (folder.kind, folder.location, folder.interval) == (SourceKind.FOLDER, str(tmp_path), 2)
    assert source_spec(str(tmp_path)).interval == FOLDER_INTERVAL
    report = tmp_path / "report.txt"
    report.write_text("text", encoding="utf-8")
    with pytest.raises(FrontwatchError, match="a file, not a folder"):
        source_spec(str(report))
    with pytest.raises(FrontwatchError, match="not a feed URL"):
        source_spec("news.example.org/rss")


def test_back_off_doubles_with_jitter_and_stays_under_its_cap() -> None:
    rng = random.Random(1)
    for failures in range(1, 8):
        nominal = min(3600.0, 60.0 * 2**failures)
        waits = [backoff(60.0, failures, 3600.0, rng) for _ in range(50)]
        assert all(nominal / 2 <= wait <= nominal for wait in waits)
        assert len(set(waits)) == 50  # jittered: no two clients retry in step
    assert backoff(60.0, 10_000, 3600.0, rng) <= 3600.0  # no overflow after a very long outage
