"""JSON Lines batches: one report per line, read lazily so a 10 GB dump streams in constant memory.

A bad line becomes an `IngestError` and the reader moves on: batches come from scrapers and
exports that are rarely perfectly clean, and one broken line must not cost the other million.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, AnyStr

from frontwatch.ingest.errors import IngestError
from frontwatch.ingest.text import DEFAULT_MAX_REPORT_BYTES, oversized, unpaired_surrogate
from frontwatch.models import Report

DEFAULT_MAX_BYTES = 2 * 1024 * 1024
"""Longest accepted line; a longer one is almost certainly not a news report (or not one line)."""

EARLIEST_PUBLISHED = date(1800, 1, 1)
LATEST_PUBLISHED = date(2199, 12, 31)
"""Publication dates outside these are typing slips ("2204" for "2024") or placeholders
("0001-01-01", "9999-12-31"): every relative date in the text would be resolved against them."""

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})

_GZIP_MAGIC = b"\x1f\x8b"
_DRAIN_CHUNK = 65_536
_OPTIONAL_STRINGS = ("source", "title", "url")


def is_jsonl_path(path: Path) -> bool:
    """`batch.jsonl`, `batch.ndjson`, and the same with `.gz`."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return bool(suffixes) and suffixes[-1] in JSONL_SUFFIXES


def iter_jsonl(
    path_or_stream: Path | str | IO[bytes] | IO[str],
    name: str | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_report_bytes: int = DEFAULT_MAX_REPORT_BYTES,
    published: date | None = None,
    source: str | None = None,
) -> Iterator[Report | IngestError]:
    """Yield a Report per good line and an IngestError per bad one, in file order.

    A path may be gzip-compressed (detected by its magic bytes, not its name). `published` and
    `source` fill in lines that lack them: the line, being specific to its report, wins.
    `max_bytes` bounds a line (in characters for text streams), `max_report_bytes` the report
    text it holds (in UTF-8 bytes).
    """
    limits = _Limits(max_bytes, max_report_bytes)
    if isinstance(path_or_stream, str | Path):
        yield from _iter_path(Path(path_or_stream), name or str(path_or_stream), limits, published, source)
    else:
        label = name or str(getattr(path_or_stream, "name", "<stream>"))
        yield from _iter_stream(path_or_stream, label, limits, published, source)


@dataclass(frozen=True)
class _Limits:
    line: int
    report: int


def _iter_path(
    path: Path, label: str, limits: _Limits, published: date | None, source: str | None
) -> Iterator[Report | IngestError]:
    try:
        stream = _open(path)
    except OSError as exc:
        yield IngestError(label, None, exc.strerror or str(exc))
        return
    with stream:
        try:
            yield from _iter_stream(stream, label, limits, published, source)
        except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
            yield IngestError(label, None, f"corrupt gzip data ({exc})")


def _open(path: Path) -> IO[bytes]:
    with path.open("rb") as probe:
        compressed = probe.read(2) == _GZIP_MAGIC
    return gzip.open(path, "rb") if compressed else path.open("rb")


def _iter_stream(
    stream: IO[Any], label: str, limits: _Limits, published: date | None, source: str | None
) -> Iterator[Report | IngestError]:
    for number, line in _bounded_lines(stream, limits.line):
        if line is None:
            yield IngestError(label, number, f"line longer than {limits.line} bytes")
            continue
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield IngestError(label, number, f"not UTF-8 ({exc.reason} at byte {exc.start})")
                continue
        if number == 1:
            line = line.removeprefix("\ufeff")
        if line.strip():
            yield _parse_line(line, label, number, limits.report, published, source)


def _bounded_lines(stream: IO[AnyStr], limit: int) -> Iterator[tuple[int, AnyStr | None]]:
    """Number each line; a line over `limit` comes out as None and is skipped without being held."""
    number = 0
    while line := stream.readline(limit + 1):
        number += 1
        if _ends_line(line):
            yield number, line
        elif len(line) > limit:
            _drain_line(stream)
            yield number, None
        else:  # the last line, without a newline
            yield number, line


def _ends_line(line: str | bytes) -> bool:
    return line[-1:] in (b"\n", "\n")


def _drain_line(stream: IO[AnyStr]) -> None:
    while (chunk := stream.readline(_DRAIN_CHUNK)) and not _ends_line(chunk):
        pass


def _parse_line(
    line: str, label: str, number: int, max_report_bytes: int, published: date | None, source: str | None
) -> Report | IngestError:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return IngestError(label, number, f"not JSON ({exc.msg})")
    except RecursionError:
        return IngestError(label, number, "not JSON this reader takes (nested too deeply)")
    except ValueError:  # Python's bound on the digits of an integer it will convert
        return IngestError(label, number, "not JSON this reader takes (a number too long to read)")
    if not isinstance(record, dict):
        return IngestError(label, number, f"not a JSON object (got {type(record).__name__})")
    try:
        return _to_report(record, max_report_bytes, published, source)
    except ValueError as exc:
        return IngestError(label, number, str(exc))


def _to_report(record: dict[str, Any], max_report_bytes: int, published: date | None, source: str | None
               ) -> Report:
    """Validate one record; a ValueError's message says what is wrong with it."""
    text = record.get("text")
    if text is None:
        raise ValueError('missing "text"')
    if not isinstance(text, str):
        raise ValueError(f'"text" must be a string, not {type(text).__name__}')
    _check_encodable("text", text)
    if not text.strip():
        raise ValueError('empty "text"')
    if problem := oversized(text, max_report_bytes):
        raise ValueError(problem)
    fields = {key: _optional_string(record, key) for key in _OPTIONAL_STRINGS}
    return Report(
        text=text,
        id=_report_id(record.get("id")),
        published=parse_published(record.get("published")) or published,
        source=fields["source"] or source,
        title=fields["title"],
        url=fields["url"],
    )


def _report_id(value: Any) -> str:
    """An id from the batch is kept (as text); without one the Report hashes its content."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError(f'"id" must be a string or an integer, not {type(value).__name__}')
    if isinstance(value, str):
        _check_encodable("id", value)
    return str(value).strip()


def _optional_string(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f'"{key}" must be a string, not {type(value).__name__}')
    _check_encodable(key, value)
    return value.strip() or None


def _check_encodable(key: str, value: str) -> None:
    """JSON's \\ud800 escapes decode to lone surrogates, which no database or output can encode."""
    if (where := unpaired_surrogate(value)) is not None:
        raise ValueError(f'"{key}" holds an unpaired UTF-16 surrogate at character {where}, not text')


def parse_published(value: Any) -> date | None:
    """YYYY-MM-DD, or a full ISO 8601 datetime (its calendar date, as written), between
    EARLIEST_PUBLISHED and LATEST_PUBLISHED; None passes."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f'bad "published" date ({value!r}); expected YYYY-MM-DD')
    try:
        if len(value.strip()) <= 10:
            day = date.fromisoformat(value.strip())
        else:
            day = datetime.fromisoformat(value.strip()).date()
    except ValueError:
        raise ValueError(f'bad "published" date ({value!r}); expected YYYY-MM-DD') from None
    if not EARLIEST_PUBLISHED <= day <= LATEST_PUBLISHED:
        raise ValueError(f'"published" date {day.isoformat()} is not between '
                         f"{EARLIEST_PUBLISHED.isoformat()} and {LATEST_PUBLISHED.isoformat()}")
    return day
