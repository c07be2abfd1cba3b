"""What `frontwatch watch` follows and how politely: sources from the command line or a TOML file.

A config file is checked whole before anything is polled, and every mistake names the file and
the key, because a typo in a watcher's config otherwise shows up hours later as a silent gap.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from frontwatch import __version__
from frontwatch.models import FrontwatchError

STDIN = "-"
FEED_INTERVAL = 300.0
"""Seconds between two polls of a feed: newsrooms update feeds every few minutes at most."""
FOLDER_INTERVAL = 10.0
"""Seconds between two scans of a folder: local, cheap, and woken early by file events anyway."""


class SourceKind(StrEnum):
    FEED = "feed"
    FOLDER = "folder"
    STDIN = "stdin"


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """One source to follow. `location` (a feed URL, a folder's absolute path, or `-`) names it in
    the state tables, so the same source keeps its history across restarts."""

    kind: SourceKind
    location: str
    interval: float
    outlet: str | None = None
    """The outlet name its reports carry (default: the feed's own title; none for files)."""


@dataclass(frozen=True, slots=True)
class WatchSettings:
    """Manners towards the sites polled; the defaults suit public news sites."""

    user_agent: str = f"frontwatch/{__version__}"
    host_delay: float = 1.0
    """Least seconds between two requests to one host (robots.txt, feed and pages alike)."""
    timeout: float = 20.0
    max_backoff: float = 3600.0
    """Longest wait before retrying a failing source, however often it failed."""
    max_bytes: int = 10 * 1024 * 1024
    """Largest feed or page accepted; bigger is not a news article and would only fill memory."""


@dataclass(frozen=True, slots=True)
class WatchConfig:
    sources: tuple[SourceSpec, ...]
    settings: WatchSettings = field(default_factory=WatchSettings)
    db: str | None = None


_SETTING_TYPES: dict[str, type | tuple[type, ...]] = {
    "user_agent": str,
    "host_delay": (int, float),
    "timeout": (int, float),
    "max_backoff": (int, float),
    "max_bytes": int,
}
_KIND_NAMES: dict[type | tuple[type, ...], str] = {
    str: "a string", int: "an integer", (int, float): "a number"
}
_FEED_KEYS = {"url": str, "interval": (int, float), "source": str}
_FOLDER_KEYS = {"path": str, "interval": (int, float), "source": str}


def source_spec(argument: str, *, interval: float | None = None, base: Path | None = None) -> SourceSpec:
    """A source named on the command line: `-`, an http(s) feed URL, or an existing folder.

    Folders are made absolute (against `base`, default the working directory) so that the same
    folder is the same source whichever directory the watcher starts in.
    """
    if argument == STDIN:
        return SourceSpec(SourceKind.STDIN, STDIN, interval or FOLDER_INTERVAL)
    if argument.lower().startswith(("http://", "https://")):
        return SourceSpec(SourceKind.FEED, argument, interval or FEED_INTERVAL)
    path = Path(argument).expanduser()
    if base is not None and not path.is_absolute():
        path = base / path
    if path.is_dir():
        return SourceSpec(SourceKind.FOLDER, str(path.resolve()), interval or FOLDER_INTERVAL)
    if path.exists():
        raise FrontwatchError(
            f"{argument}: a file, not a folder; watch the folder it is in, or code it once with "
            "`frontwatch extract`"
        )
    raise FrontwatchError(f"{argument}: not a feed URL (http:// or https://), an existing folder, or -")


def load_config(path: Path | str) -> WatchConfig:
    """Read a watch config (TOML); see the README's "Watching sources" for its keys."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FrontwatchError(f"{path}: no such config file") from None
    except OSError as error:
        raise FrontwatchError(f"{path}: {error.strerror or error}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise FrontwatchError(f"{path}: not valid TOML ({error})") from None
    return parse_config(data, name=str(path), base=path.parent)


def parse_config(data: Mapping[str, Any], *, name: str, base: Path) -> WatchConfig:
    """Validate a parsed config; relative folder and database paths are taken from `base`."""
    unknown = set(data) - {*_SETTING_TYPES, "db", "feed", "folder"}
    if unknown:
        raise FrontwatchError(f"{name}: unknown key {sorted(unknown)[0]!r}")
    settings = {key: _typed(data, key, kind, name) for key, kind in _SETTING_TYPES.items() if key in data}
    for key in ("host_delay", "timeout", "max_backoff", "max_bytes"):
        if key in settings and settings[key] < 0:
            raise FrontwatchError(f"{name}: {key} must not be negative")
    sources = [
        *(_feed(entry, f"{name}: feed #{n}") for n, entry in enumerate(_tables(data, "feed", name), 1)),
        *(_folder(entry, f"{name}: folder #{n}", base)
          for n, entry in enumerate(_tables(data, "folder", name), 1)),
    ]
    if not sources:
        raise FrontwatchError(f"{name}: no sources; add a [[feed]] with a url or a [[folder]] with a path")
    db = _typed(data, "db", str, name) if "db" in data else None
    if db and "://" not in db and not Path(db).expanduser().is_absolute():
        db = str((base / db).resolve())
    return WatchConfig(tuple(sources), WatchSettings(**settings), db)


def _tables(data: Mapping[str, Any], key: str, name: str) -> Sequence[Mapping[str, Any]]:
    tables = data.get(key, [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise FrontwatchError(f"{name}: {key} must be an array of tables ([[{key}]])")
    return tables


def _feed(entry: Mapping[str, Any], where: str) -> SourceSpec:
    _check_keys(entry, _FEED_KEYS, "url", where)
    url = entry["url"]
    if not url.lower().startswith(("http://", "https://")):
        raise FrontwatchError(f"{where}: url must start with http:// or https://, not {url!r}")
    return SourceSpec(SourceKind.FEED, url, _interval(entry, FEED_INTERVAL, where), entry.get("source"))


def _folder(entry: Mapping[str, Any], where: str, base: Path) -> SourceSpec:
    _check_keys(entry, _FOLDER_KEYS, "path", where)
    path = Path(entry["path"]).expanduser()
    path = (path if path.is_absolute() else base / path).resolve()
    if not path.is_dir():
        raise FrontwatchError(f"{where}: {entry['path']} is not an existing folder")
    interval = _interval(entry, FOLDER_INTERVAL, where)
    return SourceSpec(SourceKind.FOLDER, str(path), interval, entry.get("source"))


def _check_keys(entry: Mapping[str, Any], allowed: Mapping[str, Any], required: str, where: str) -> None:
    unknown = set(entry) - set(allowed)
    if unknown:
        raise FrontwatchError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    if required not in entry:
        raise FrontwatchError(f"{where}: missing {required!r}")
    for key, kind in allowed.items():
        if key in entry:
            _typed(entry, key, kind, where)


def _interval(entry: Mapping[str, Any], default: float, where: str) -> float:
    interval = float(entry.get("interval", default))
    if interval <= 0:
        raise FrontwatchError(f"{where}: interval must be a positive number of seconds")
    return interval


def _typed(data: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, kind):
        raise FrontwatchError(f"{where}: {key} must be {_KIND_NAMES[kind]}, not {value!r}")
    return value
