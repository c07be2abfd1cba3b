"""JSON Lines batches and `iter_reports` over mixed inputs, on real files."""

from __future__ import annotations

import gzip
import io
import json
from datetime import date
from pathlib import Path

import pytest

from frontwatch.ingest import IngestError, iter_jsonl, iter_reports
from frontwatch.models import FrontwatchError, Report

GOOD = {
    "id": "afp-1",
    "text": "Gunmen killed 7 people in Bandiagara, Mali, on 2 March.",
    "published": "2024-03-03",
    "source": "AFP",
    "title": "Attack in Bandiagara",
    "url": "https://example.org/1",
}


def batch_lines() -> list[str]:
    return [
        json.dumps(GOOD),
        "",
        "{not json",
        json.dumps({"id": "no-text", "source": "AFP"}),
        "   ",
        json.dumps({"text": "Protest in Dakar.", "published": "03/03/2024"}),
        json.dumps({"text": "Airstrike in Marib.", "published": "2024-03-04T17:45:00+03:00"}),
        json.dumps(["a", "list"]),
        json.dumps({"text": ""}),
        json.dumps({"text": 42}),
        json.dumps({"text": "Clash near Bakhmut.", "title": 7}),
        json.dumps({"text": "Ambush in Cabo Delgado."}),
    ]


def split(items: list[Report | IngestError]) -> tuple[list[Report], list[IngestError]]:
    return [i for i in items if isinstance(i, Report)], [i for i in items if isinstance(i, IngestError)]


def test_batch_yields_reports_and_line_numbered_errors(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(batch_lines()) + "\n", encoding="utf-8")
    reports, errors = split(list(iter_jsonl(path, "batch.jsonl")))

    assert [r.text[:12] for r in reports] == ["Gunmen kille", "Airstrike in", "Ambush in Ca"]
    first = reports[0]
    assert (first.id, first.published, first.source, first.title, first.url) == (
        "afp-1",
        date(2024, 3, 3),
        "AFP",
        "Attack in Bandiagara",
        "https://example.org/1",
    )
    assert reports[1].published == date(2024, 3, 4)
    assert reports[2].id.startswith("r")  # content hash when the batch gives no id

    assert [(e.line, e.message.split(" (")[0]) for e in errors] == [
        (3, "not JSON"),
        (4, 'missing "text"'),
        (6, 'bad "published" date'),
        (8, "not a JSON object"),
        (9, 'empty "text"'),
        (10, '"text" must be a string, not int'),
        (11, '"title" must be a string, not int'),
    ]
    assert str(errors[0]) == "batch.jsonl:3: not JSON (Expecting property name enclosed in double quotes)"


def test_ingest_error_str_without_line() -> None:
    assert str(IngestError("a.txt", None, "empty report")) == "a.txt: empty report"
    assert str(IngestError("batch.jsonl", 12, "not JSON (Expecting value)")) == (
        "batch.jsonl:12: not JSON (Expecting value)"
    )


def test_gzip_batch_is_read_transparently(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write("\n".join(batch_lines()))
    reports, errors = split(list(iter_jsonl(path)))
    assert len(reports) == 3
    assert len(errors) == 7
    assert errors[0].input == str(path)


def test_truncated_gzip_is_reported_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl.gz"
    data = gzip.compress(("\n".join(json.dumps({"text": f"Report {i}"}) for i in range(500))).encode())
    path.write_bytes(data[: len(data) // 2])
    items = list(iter_jsonl(path))
    assert isinstance(items[-1], IngestError)
    assert "corrupt gzip" in items[-1].message
    assert all(isinstance(i, Report) for i in items[:-1])


def test_overlong_line_is_an_error_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    huge = json.dumps({"text": "x" * 5000})
    path.write_text("\n".join([json.dumps({"text": "short one"}), huge, json.dumps({"text": "after"})]))
    items = list(iter_jsonl(path, max_bytes=1000))
    assert isinstance(items[0], Report)
    assert isinstance(items[1], IngestError)
    assert items[1].line == 2
    assert "longer than 1000" in items[1].message
    assert isinstance(items[2], Report)
    assert items[2].text == "after"


def test_invalid_utf8_line_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b'{"text": "ok"}\n{"text": "caf\xe9"}\n\xef\xbb\xbf{"text": "bom only first"}\n')
    items = list(iter_jsonl(path))
    assert isinstance(items[0], Report)
    assert isinstance(items[1], IngestError)
    assert "not UTF-8" in items[1].message
    assert isinstance(items[2], IngestError)  # a BOM is only tolerated on the first line


def test_text_stream_and_defaults() -> None:
    stream = io.StringIO('{"text": "Riot in Lagos."}\n{"text": "Strike in Gaza.", "source": "WAFA"}\n')
    items = list(iter_jsonl(stream, "<stdin>", published=date(2024, 1, 2), source="desk"))
    assert [(r.source, r.published) for r in items] == [
        ("desk", date(2024, 1, 2)),
        ("WAFA", date(2024, 1, 2)),
    ]


def test_reader_is_lazy() -> None:
    first = '{"text": "first"}\n'
    stream = io.StringIO(first + '{"text": "second"}\n' * 1000)
    iterator = iter_jsonl(stream, "s")
    assert isinstance(next(iterator), Report)
    assert stream.tell() == len(first)  # nothing past the first line has been read


def test_missing_batch_is_an_error_item(tmp_path: Path) -> None:
    [item] = list(iter_jsonl(tmp_path / "nope.jsonl"))
    assert isinstance(item, IngestError)
    assert item.line is None


def test_iter_reports_over_files_directories_stdin_and_batch(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Shelling in Kherson.")
    (tmp_path / "empty.txt").write_text("  ")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "b.md").write_text("# Title\n\nDrone strike in *Belgorod*.")
    (folder / "c.html").write_text("<html><body><p>Protest in Tbilisi against the law.</p></body></html>")
    (folder / "ignored.png").write_bytes(b"\x89PNG\x00\x00")
    (folder / ".hidden.txt").write_text("hidden")
    (folder / "inner.jsonl").write_text('{"text": "From a nested batch."}\n')
    batch = tmp_path / "batch.jsonl"
    batch.write_text('{"text": "From the batch."}\nnot json\n')

    items = list(
        iter_reports(
            [tmp_path / "a.txt", tmp_path / "empty.txt", folder, "-"],
            batch=batch,
            stdin=io.StringIO("Curfew in Dhaka."),
            published=date(2024, 7, 1),
        )
    )
    reports, errors = split(items)
    assert [r.text for r in reports] == [
        "Shelling in Kherson.",
        "Title\n\nDrone strike in Belgorod.",
        "Protest in Tbilisi against the law.",
        "From a nested batch.",
        "Curfew in Dhaka.",
        "From the batch.",
    ]
    assert all(r.published == date(2024, 7, 1) for r in reports)
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'empty.txt'}: empty report",
        f"{batch}:2: not JSON (Expecting value)",
    ]


def test_iter_reports_batch_from_stdin() -> None:
    items = list(iter_reports([], batch=Path("-"), stdin=io.StringIO('{"text": "Clash in Kidal."}\n')))
    assert [r.text for r in items if isinstance(r, Report)] == ["Clash in Kidal."]


def test_stdin_cannot_be_read_twice() -> None:
    with pytest.raises(FrontwatchError, match="only once"):
        list(iter_reports(["-"], batch=Path("-"), stdin=io.StringIO("")))
