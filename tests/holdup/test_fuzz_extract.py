"""Fuzzing the extract path: any text, any page, any batch line either becomes valid events or a
clear error naming the input; nothing raises.

Coding runs on the suite's one shared `Coder` (loaded once per session), so the cases go to the
pipeline, not to loading it. The case counts are set so that these tests and the API's
(test_fuzz_api.py) run over 10,000 cases per run between them.
"""

from __future__ import annotations

import io
from datetime import date

from holdup_checks import check_coded
from holdup_figures import Figures
from holdup_strategies import batch_lines, fuzz_settings, html_pages, publication_days, report_texts
from hypothesis import given
from hypothesis import strategies as st

from frontwatch.ingest import IngestError, UnreadableInput, iter_jsonl, read_html
from frontwatch.ingest.jsonl import EARLIEST_PUBLISHED, LATEST_PUBLISHED
from frontwatch.ingest.text import unpaired_surrogate
from frontwatch.models import Report
from frontwatch.nlp.pipeline import Coder

MAX_REPORT_BYTES = 400  # small, so that the size limit is met often


@fuzz_settings(1_000)
@given(text=report_texts(), published=publication_days, source=st.one_of(st.none(), st.text(max_size=30)))
def test_any_text_codes_into_valid_events(coder: Coder, figures: Figures, text: str, published: date | None,
                                          source: str | None) -> None:
    figures.add("fuzz cases: report text through the coder")
    check_coded(coder.code(Report(text=text, published=published, source=source)))


@fuzz_settings(500)
@given(page=html_pages(), published=publication_days)
def test_any_html_page_is_read_or_named_and_its_text_coded(coder: Coder, figures: Figures, page: bytes,
                                                           published: date | None) -> None:
    figures.add("fuzz cases: HTML pages through ingest and the coder")
    try:
        report = read_html(page, published=published, name="fuzz.html")
    except UnreadableInput as error:
        assert str(error).startswith("fuzz.html: ") and error.reason
        return
    assert report.text.strip() and unpaired_surrogate(report.text) is None
    check_coded(coder.code(report))


@fuzz_settings(3_700)
@given(lines=st.lists(batch_lines(), min_size=1, max_size=4), newline=st.sampled_from([b"\n", b"\r\n"]),
       last_newline=st.booleans())
def test_any_batch_line_is_one_report_or_one_error_naming_it(figures: Figures, lines: list[bytes],
                                                             newline: bytes, last_newline: bool) -> None:
    figures.add("fuzz cases: JSON Lines batches through the reader")
    data = newline.join(lines) + (newline if last_newline else b"")
    items = list(iter_jsonl(io.BytesIO(data), "fuzz.jsonl", max_report_bytes=MAX_REPORT_BYTES))
    expected = _lines_with_content(data)
    assert len(items) == len(expected), (items, expected)
    for item, number in zip(items, expected, strict=True):
        if isinstance(item, IngestError):
            assert (item.input, item.line) == ("fuzz.jsonl", number) and item.message, item
            assert str(item).startswith(f"fuzz.jsonl:{number}: ")
        else:
            _check_report(item)


def _lines_with_content(data: bytes) -> list[int]:
    """The numbers of the lines the reader must answer for: each one not blank (undecodable counts)."""
    numbers = []
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            numbers.append(number)
            continue
        if (text.removeprefix("\ufeff") if number == 1 else text).strip():
            numbers.append(number)
    return numbers


def _check_report(report: Report) -> None:
    assert isinstance(report, Report)
    assert isinstance(report.text, str) and report.text.strip()
    assert len(report.text.encode("utf-8")) <= MAX_REPORT_BYTES
    assert isinstance(report.id, str) and unpaired_surrogate(report.id) is None
    assert report.published is None or EARLIEST_PUBLISHED <= report.published <= LATEST_PUBLISHED
    for value in (report.source, report.title, report.url):
        if value is not None:
            assert isinstance(value, str) and value.strip() and unpaired_surrogate(value) is None
