"""HTML reports: the article's main text and its metadata, via trafilatura.

The publication date matters more than it looks: relative dates in the text ("on Monday") are
resolved against it, so only the page's own metadata may supply it — never a date guessed from
the body, which in conflict reporting is usually the date of the event, not of the article.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from frontwatch.ingest.decode import decode_bytes, read_bytes
from frontwatch.ingest.errors import UnreadableInput
from frontwatch.ingest.text import make_report
from frontwatch.models import Report

if TYPE_CHECKING:
    from trafilatura.settings import Document

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})

_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def looks_like_html(head: bytes) -> bool:
    """Sniff the first bytes: `<!doctype` or `<html` after any BOM and whitespace."""
    start = head.lstrip(b"\xef\xbb\xbf").lstrip()[:16].lower()
    return start.startswith((b"<!doctype", b"<html"))


def read_html(
    path_or_bytes: Path | str | bytes,
    *,
    published: date | None = None,
    source: str | None = None,
    name: str | None = None,
) -> Report:
    """Read an HTML page; explicit `published`/`source` win over the page's metadata.

    `name` labels error messages when the page comes as bytes (defaults to "<html>").
    """
    if isinstance(path_or_bytes, bytes):
        data, label = path_or_bytes, name or "<html>"
    else:
        data, label = read_bytes(Path(path_or_bytes)), name or str(path_or_bytes)
    if not data.strip():
        raise UnreadableInput(label, "empty report")
    import trafilatura  # imported here: `frontwatch places` and the other light commands never need it

    markup = decode_bytes(data, label, declared=True)
    document = _extract(markup)
    text = (document.text if document else None) or trafilatura.html2txt(markup)
    return make_report(
        text or "",
        label,
        published=published or _date(document),
        source=source or _meta(document, "sitename"),
        title=_meta(document, "title"),
        url=_meta(document, "url"),
    )


def _extract(markup: str) -> Document | None:
    """Main text plus metadata; recall over precision, since a missed paragraph may hold the event."""
    import trafilatura

    return trafilatura.bare_extraction(
        markup,
        with_metadata=True,
        favor_recall=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params=_DATE_PARAMS,
    )


def _meta(document: Document | None, field: str) -> str | None:
    value = getattr(document, field, None) if document else None
    return (value.strip() or None) if isinstance(value, str) else None


def _date(document: Document | None) -> date | None:
    value = _meta(document, "date")
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
