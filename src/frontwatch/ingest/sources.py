"""One entry point over every kind of input the CLI accepts: files, directories, stdin, a batch."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TextIO

from frontwatch.ingest.decode import read_bytes
from frontwatch.ingest.errors import IngestError, UnreadableInput
from frontwatch.ingest.htmlpage import HTML_SUFFIXES, looks_like_html, read_html
from frontwatch.ingest.jsonl import DEFAULT_MAX_BYTES, is_jsonl_path, iter_jsonl
from frontwatch.ingest.text import (
    DEFAULT_MAX_REPORT_BYTES,
    MARKDOWN_SUFFIXES,
    oversized,
    read_text_file,
    text_report,
)
from frontwatch.models import FrontwatchError, Report

STDIN = "-"
TEXT_SUFFIXES = frozenset({".txt", ".text"}) | MARKDOWN_SUFFIXES
_STDIN_NAME = "<stdin>"


def read_report(path: Path | str, *, published: date | None = None, source: str | None = None) -> Report:
    """Read one report file: the format from its extension, else sniffed from its first bytes.

    The report's id is the file's name without its extension, so that events coded from
    `syria-2024-12-02.txt` say which file they came from and re-reading it changes nothing.
    """
    path = Path(path)
    return replace(_read_report(path, published, source), id=path.stem)


def _read_report(path: Path, published: date | None, source: str | None) -> Report:
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return read_html(path, published=published, source=source)
    if suffix in TEXT_SUFFIXES:
        return read_text_file(path, published=published, source=source)
    data = read_bytes(path)
    if looks_like_html(data[:1024]):
        return read_html(data, published=published, source=source, name=str(path))
    return text_report(data, str(path), published=published, source=source)


def iter_reports(
    paths: Sequence[Path | str],
    *,
    batch: Path | str | None = None,
    stdin: TextIO | None = None,
    published: date | None = None,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_report_bytes: int = DEFAULT_MAX_REPORT_BYTES,
) -> Iterator[Report | IngestError]:
    """Reports from `paths` (files, directories, `-` for stdin text), then from a JSONL `batch`.

    Problems come out as IngestError items in place, so a caller can report them and go on.
    `published`/`source` apply to every report that does not carry its own. `max_bytes` bounds a
    batch line, `max_report_bytes` a report's text (UTF-8 bytes, after HTML or Markdown is read).
    """
    if batch is not None and str(batch) == STDIN and any(str(p) == STDIN for p in paths):
        raise FrontwatchError("stdin can be read only once: use '-' for the batch or for a report")
    for raw in paths:
        if str(raw) == STDIN:
            yield _within(_stdin_report(stdin or sys.stdin, published, source), _STDIN_NAME, max_report_bytes)
        else:
            for path in report_files(Path(raw)):
                yield from _file_items(path, published, source, max_bytes, max_report_bytes)
    if batch is None:
        return
    stream, name = (stdin or sys.stdin, _STDIN_NAME) if str(batch) == STDIN else (batch, None)
    yield from iter_jsonl(stream, name, max_bytes=max_bytes, max_report_bytes=max_report_bytes,
                          published=published, source=source)


def report_files(path: Path) -> Iterator[Path]:
    """A directory stands for the report files under it (sorted, hidden ones skipped); a file for itself."""
    if not path.is_dir():
        yield path
        return
    for child in sorted(path.rglob("*")):
        relative = child.relative_to(path).parts
        if child.is_file() and not any(part.startswith(".") for part in relative) and is_report_file(child):
            yield child


def is_report_file(path: Path) -> bool:
    """Named like a report: text, Markdown, HTML or JSON Lines (gzipped too)."""
    suffix = path.suffix.lower()
    return suffix in TEXT_SUFFIXES or suffix in HTML_SUFFIXES or is_jsonl_path(path)


def _file_items(
    path: Path, published: date | None, source: str | None, max_bytes: int, max_report_bytes: int
) -> Iterator[Report | IngestError]:
    if is_jsonl_path(path):
        yield from iter_jsonl(path, max_bytes=max_bytes, max_report_bytes=max_report_bytes,
                              published=published, source=source)
        return
    try:
        report = read_report(path, published=published, source=source)
    except UnreadableInput as exc:
        yield exc.as_ingest_error()
        return
    yield _within(report, str(path), max_report_bytes)


def _within(item: Report | IngestError, name: str, max_report_bytes: int) -> Report | IngestError:
    """The report, or an IngestError naming it when its text is over the size limit."""
    if isinstance(item, Report) and (problem := oversized(item.text, max_report_bytes)):
        return IngestError(name, None, problem)
    return item


def _stdin_report(stream: TextIO, published: date | None, source: str | None) -> Report | IngestError:
    data = stream.read().encode("utf-8")
    try:
        if looks_like_html(data[:1024]):
            return read_html(data, published=published, source=source, name=_STDIN_NAME)
        return text_report(data, _STDIN_NAME, published=published, source=source)
    except UnreadableInput as exc:
        return exc.as_ingest_error()
