"""Plain-text and Markdown reports.

Markdown is stripped only lightly: the NLP stages need the words and sentence breaks, not the
markup, and claim offsets are taken over the stripped text, so it must read like the article.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from frontwatch.ingest.decode import decode_bytes, read_bytes
from frontwatch.ingest.errors import UnreadableInput
from frontwatch.models import Report

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})

DEFAULT_MAX_REPORT_BYTES = 2_000_000
"""Largest report text taken (UTF-8 bytes): a long feature is a tenth of this; anything bigger is
a dump or an attack, and coding time and memory grow with it."""

_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-{2,})[ \t]*$")
_RULE = re.compile(r"^ {0,3}(?:[-*_][ \t]*){3,}$")
_FENCE = re.compile(r"^ {0,3}(?:```|~~~)")
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s+\S")
_DROPPED_LINES = (_FENCE, _RULE, _SETEXT_UNDERLINE, _LINK_DEFINITION)
_BLOCKQUOTE = re.compile(r"^ {0,3}>[ \t]?")
_BULLET = re.compile(r"^([ \t]*)[-*+][ \t]+")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_INLINE_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_REFERENCE_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_CODE_SPAN = re.compile(r"`([^`]+)`")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")


def read_text_file(path: Path | str, *, published: date | None = None, source: str | None = None) -> Report:
    """Read a .txt or Markdown report; Markdown's first heading, when it opens the file, is the title."""
    path = Path(path)
    markdown = path.suffix.lower() in MARKDOWN_SUFFIXES
    return text_report(read_bytes(path), str(path), markdown=markdown, published=published, source=source)


def text_report(
    data: bytes,
    name: str,
    *,
    markdown: bool = False,
    published: date | None = None,
    source: str | None = None,
) -> Report:
    """A report from raw bytes already read (stdin, a sniffed file); `name` labels errors."""
    text = decode_bytes(data, name)
    title = None
    if markdown:
        title, text = strip_markdown(text)
    return make_report(text, name, published=published, source=source, title=title)


def make_report(
    text: str,
    name: str,
    *,
    published: date | None = None,
    source: str | None = None,
    title: str | None = None,
    url: str | None = None,
) -> Report:
    """Build a Report, refusing one with no words: an empty report is a mistake upstream, not news."""
    if not text.strip():
        raise UnreadableInput(name, "empty report")
    return Report(text=text.strip(), published=published, source=source, title=title, url=url)


def oversized(text: str, limit: int) -> str | None:
    """Why `text` is over `limit` UTF-8 bytes, or None when it is within it."""
    if len(text) * 4 <= limit:  # no character takes more than 4 bytes: most texts need no encoding
        return None
    size = len(text.encode("utf-8", "surrogatepass"))
    return f"report text is {size:,} bytes, over the limit of {limit:,}" if size > limit else None


def unpaired_surrogate(text: str) -> int | None:
    """Where a lone UTF-16 surrogate sits in `text` (None if nowhere): decoded JSON can hold one,
    and no database, file or HTTP response can encode it."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return error.start
    return None


def strip_markdown(markdown: str) -> tuple[str | None, str]:
    """Return (title, text): the opening heading's text, and the body with markup removed."""
    lines: list[str] = []
    title: str | None = None
    for raw in markdown.splitlines():
        line = _strip_block(raw)
        if line is None:
            continue
        heading = _ATX_HEADING.match(raw)
        if heading and title is None and not any(lines):
            title = _strip_inline(heading.group(1)).strip() or None
        lines.append(_strip_inline(line))
    return title, _collapse_blank_lines(lines)


def _strip_block(line: str) -> str | None:
    """Block-level markup of one line: None drops the line, else the line without its marker."""
    if any(pattern.match(line) for pattern in _DROPPED_LINES):
        return None
    heading = _ATX_HEADING.match(line)
    if heading:
        return heading.group(1)
    line = _BLOCKQUOTE.sub("", line)
    return _BULLET.sub(r"\1", line)


def _strip_inline(line: str) -> str:
    line = _IMAGE.sub(r"\1", line)
    line = _INLINE_LINK.sub(r"\1", line)
    line = _REFERENCE_LINK.sub(r"\1", line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _CODE_SPAN.sub(r"\1", line)
    line = _STRONG.sub(r"\2", line)
    line = _EMPHASIS.sub(r"\2", line)
    line = _STRIKE.sub(r"\1", line)
    return _HTML_TAG.sub("", line)


def _collapse_blank_lines(lines: list[str]) -> str:
    """Keep paragraph breaks (sentence splitting uses them) but not runs of empty lines."""
    out: list[str] = []
    for line in lines:
        if line.strip() or (out and out[-1].strip()):
            out.append(line.rstrip())
    return "\n".join(out).strip()
