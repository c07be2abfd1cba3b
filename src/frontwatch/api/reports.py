"""The write endpoint: POST a report (JSON, HTML, plain text or Markdown), get its coded events.

Writing needs the server's bearer token; a server started without one refuses every write, so
forgetting the token never leaves the database open. The body is read against a size limit
before anything is parsed, and coding runs on a thread of its own, one report at a time,
because a spaCy pipeline is not safe to share between threads.
"""

from __future__ import annotations

import asyncio
import hmac
import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator

from frontwatch.geo import note_unplaced
from frontwatch.ingest import UnreadableInput, parse_published, read_html, text_report
from frontwatch.ingest.text import unpaired_surrogate
from frontwatch.models import CodedReport, Event, Report

if TYPE_CHECKING:
    from frontwatch.nlp.pipeline import Coder

router = APIRouter(prefix="/api", tags=["reports"])

_bearer = HTTPBearer(auto_error=False, description="The token `frontwatch serve` was given "
                                                   "(--token or FRONTWATCH_TOKEN).")
_BODY_NAME = "request body"
_DOCUMENT_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text",
                   "text/markdown": "markdown"}


class SerialCoder:
    """The coding pipeline, loaded on the first report (so start-up stays fast) and run on one
    dedicated thread, off the event loop.

    One thread, not a lock around the shared pool: it serialises the reports as a lock would (a
    spaCy pipeline is not safe to share), and the gazetteer's SQLite connection, which may only
    be used by the thread that opened it, always meets that thread.
    """

    def __init__(self) -> None:
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="frontwatch-coder")
        self._coder: Coder | None = None

    async def code(self, report: Report) -> CodedReport:
        return await asyncio.wrap_future(self._thread.submit(self._code, report))

    def code_sync(self, report: Report) -> CodedReport:
        """`code` for a caller on another thread (the watcher `serve --watch` runs): waits its turn."""
        return self._thread.submit(self._code, report).result()

    def close(self) -> None:
        self._thread.shutdown(wait=False, cancel_futures=True)

    def _code(self, report: Report) -> CodedReport:
        if self._coder is None:
            from frontwatch.nlp.pipeline import Coder

            self._coder = Coder()
        return self._coder.code(report)


PublishedDay = Annotated[date, BeforeValidator(parse_published)]
"""A publication day as batches give it: YYYY-MM-DD or an ISO 8601 datetime, in plausible years."""


class ReportIn(BaseModel):
    """A report to code. Without an `id`, the report's id is a hash of its text, so posting the
    same text twice stores it once."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="The report's text.")
    id: str | None = Field(None, min_length=1, max_length=128, description="Your id for the report.")
    # The batch format's rule: YYYY-MM-DD, or a full ISO 8601 datetime (its calendar day).
    published: PublishedDay | None = Field(
        None, description="Publication day (YYYY-MM-DD): relative dates in the text are read against it.")
    source: str | None = Field(None, max_length=500, description="The outlet, e.g. CNN.")
    title: str | None = Field(None, max_length=2_000)
    url: str | None = Field(None, max_length=2_000)

    @field_validator("text")
    @classmethod
    def _has_words(cls, text: str) -> str:
        if not text.strip():
            raise ValueError("the report text is empty")
        if (where := unpaired_surrogate(text)) is not None:
            raise ValueError(f"the report text holds an unpaired UTF-16 surrogate at character {where}")
        return text


class StoredReport(BaseModel):
    """What became of a posted report: `stored` is false when that report id was already stored,
    and `events` are then the ones stored for it."""

    report_id: str
    stored: bool
    events: list[Event]


def require_token(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> None:
    expected: str | None = request.app.state.token
    if expected is None:
        raise HTTPException(403, "writes are disabled on this server: start it with --token TOKEN "
                                 "(or set FRONTWATCH_TOKEN) and send Authorization: Bearer TOKEN")
    # Compared as bytes: the header arrives decoded as Latin-1, so this recovers what the client
    # sent, and a token with non-ASCII characters (sent as UTF-8) still matches.
    given = credentials.credentials.encode("latin-1") if credentials else b""
    if not hmac.compare_digest(given, expected.encode("utf-8")):
        raise HTTPException(401, "a valid Authorization: Bearer TOKEN header is required",
                            headers={"WWW-Authenticate": "Bearer"})


_REQUEST_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": ReportIn.model_json_schema()},
        **{media: {"schema": {"type": "string"}} for media in _DOCUMENT_TYPES},
    },
}


@router.post(
    "/reports",
    status_code=201,
    response_model=StoredReport,
    summary="Code and store a report",
    dependencies=[Depends(require_token)],
    openapi_extra={"requestBody": _REQUEST_BODY},
    responses={
        400: {"description": "The body is not JSON, or not text."},
        401: {"description": "No token, or a wrong one."},
        403: {"description": "The server has no token configured: writes are disabled."},
        413: {"description": "The body is larger than the server's limit."},
        415: {"description": "A body that is neither JSON, HTML, plain text nor Markdown."},
    },
)
async def post_report(
    request: Request,
    id: Annotated[str | None, Query(min_length=1, max_length=128,
                                    description="Report id, for an HTML, text or Markdown body.")] = None,
    published: Annotated[PublishedDay | None, Query(description="Publication day, for an HTML, text or "
                                                                "Markdown body (YYYY-MM-DD).")] = None,
    source: Annotated[str | None, Query(max_length=500, description="The outlet, for an HTML, text or "
                                                                    "Markdown body.")] = None,
) -> JSONResponse:
    """Code a report into events and store them, all or nothing.

    Send JSON (`{"text", "id"?, "published"?, "source"?, "title"?, "url"?}`), or the document itself
    as text/html (its main text and metadata are extracted), text/plain or text/markdown, with
    `id`, `published` and `source` as query parameters.
    """
    body = await _read_body(request, request.app.state.max_report_bytes)
    kind = _body_kind(request.headers.get("content-type", ""))
    if kind == "json":
        if any(value is not None for value in (id, published, source)):
            raise HTTPException(422, "id, published and source go inside a JSON body, not the query string")
        report = _json_report(body)
    else:
        report = _document_report(body, kind, id=id, published=published, source=source)
    store = request.app.state.store
    stored = False
    if not await run_in_threadpool(store.has_report, report.id):
        coded = await request.app.state.coder.code(report)
        stored = await run_in_threadpool(store.save, coded)
        await run_in_threadpool(note_unplaced, [coded])
    events = await run_in_threadpool(store.events, report_id=report.id)
    return JSONResponse({"report_id": report.id, "stored": stored, "events": events}, status_code=201)


async def _read_body(request: Request, limit: int) -> bytes:
    """The body, refused with 413 as soon as it is known to exceed `limit` (declared or received)."""
    too_large = HTTPException(413, f"the report is larger than this server's limit of {limit:,} bytes")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise too_large
    return bytes(body)


def _body_kind(content_type: str) -> str:
    media = content_type.split(";", 1)[0].strip().lower()
    if media == "application/json" or media.endswith("+json"):
        return "json"
    if media in _DOCUMENT_TYPES:
        return _DOCUMENT_TYPES[media]
    accepted = ", ".join(["application/json", *_DOCUMENT_TYPES])
    raise HTTPException(415, f"Content-Type {media or '(none)'} is not accepted; send one of {accepted}")


def _json_report(body: bytes) -> Report:
    try:
        data = json.loads(body)
    except UnicodeDecodeError:
        raise HTTPException(400, "the request body is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise HTTPException(400, f"the request body is not valid JSON: {error.msg} "
                                 f"(line {error.lineno}, column {error.colno})") from None
    except RecursionError:
        raise HTTPException(400, "the request body is JSON nested too deeply to read") from None
    except ValueError:  # Python's bound on the digits of an integer it will convert
        raise HTTPException(400, "the request body holds a number too long to read") from None
    try:
        fields = ReportIn.model_validate(data)
    except ValidationError as error:
        errors = error.errors(include_url=False, include_input=False)
        raise RequestValidationError([dict(e, loc=("body", *e["loc"])) for e in errors]) from None
    return Report(text=fields.text, id=fields.id or "", published=fields.published, source=fields.source,
                  title=fields.title, url=fields.url)


def _document_report(body: bytes, kind: str, *, id: str | None, published: date | None,
                     source: str | None) -> Report:
    """An HTML page (main text and metadata extracted), or a text or Markdown file, as sent."""
    try:
        if kind == "html":
            report = read_html(body, published=published, source=source, name=_BODY_NAME)
        else:
            report = text_report(body, _BODY_NAME, markdown=kind == "markdown", published=published,
                                 source=source)
    except UnreadableInput as error:
        raise HTTPException(422, str(error)) from None
    return replace(report, id=id) if id else report
