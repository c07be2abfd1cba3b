"""Following sources all day: RSS/Atom feeds, folders of report files, JSON Lines on stdin.

`Watcher` polls each source when it is due, codes each new report once, re-codes a report that
changed at its source (replacing its events, never duplicating them), and keeps what it has seen
in the event database, so a restart carries on where it stopped.

>>> config = load_config("watch.toml")
>>> with Store(config.db) as store:
...     watcher = Watcher([build_source(spec) for spec in config.sources], store, Coder().code,
...                       settings=config.settings)
...     watcher.run()          # until watcher.stop() is called from another thread
"""

from frontwatch.monitor.config import (
    SourceKind,
    SourceSpec,
    WatchConfig,
    WatchSettings,
    load_config,
    source_spec,
)
from frontwatch.monitor.state import SourceStatus, watch_status
from frontwatch.monitor.watcher import PollResult, Watcher, build_source

__all__ = [
    "PollResult",
    "SourceKind",
    "SourceSpec",
    "SourceStatus",
    "WatchConfig",
    "WatchSettings",
    "Watcher",
    "build_source",
    "load_config",
    "source_spec",
    "watch_status",
]
