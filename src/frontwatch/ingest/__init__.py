"""Turning files, pages and batches into `Report`s.

Everything here is offline and lazy: inputs are read one at a time, and a bad input becomes an
`IngestError` (in iterators) or a `FrontwatchError` (single-file readers) that names it.
"""

from frontwatch.ingest.decode import decode_bytes
from frontwatch.ingest.errors import IngestError, UnreadableInput
from frontwatch.ingest.htmlpage import read_html
from frontwatch.ingest.jsonl import DEFAULT_MAX_BYTES, iter_jsonl, parse_published
from frontwatch.ingest.sources import iter_reports, read_report
from frontwatch.ingest.text import DEFAULT_MAX_REPORT_BYTES, read_text_file, strip_markdown, text_report

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_REPORT_BYTES",
    "IngestError",
    "UnreadableInput",
    "decode_bytes",
    "iter_jsonl",
    "iter_reports",
    "parse_published",
    "read_html",
    "read_report",
    "read_text_file",
    "strip_markdown",
    "text_report",
]
