"""Limits and pathological inputs: a record over a limit, or one the pipeline or the database
fails on, costs that record (named on stderr) and never the batch; hostile shapes finish in
bounded time.

Time bounds here are generous ceilings, not speed measurements (bench/ measures speed): a
linear pipeline finishes each case in a fraction of its bound, while the superlinear paths these
cases once hit took minutes.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import httpx
import pytest
from holdup_checks import check_coded, check_record
from live_api import CLI, TOKEN, auth, live_server
from spacy.language import Language

from frontwatch.cli.extracting import code_each
from frontwatch.ingest import IngestError, iter_reports, read_html
from frontwatch.ingest.errors import UnreadableInput
from frontwatch.models import CodedReport, Report
from frontwatch.nlp.figures import MAX_COUNT
from frontwatch.nlp.pipeline import Coder
from frontwatch.store import Store

KHARKIV = ("Russian forces struck Kharkiv with drones overnight, killing three people and injuring 21, "
           "regional governor Oleh Syniehubov said on Saturday.")
SARMIN = ("On 14 October 2024, regime forces shelled the outskirts of Sarmin town in Idleb countryside with "
          "artillery. No casualties were reported.")
MARIB = "Houthi fighters clashed with government forces near Marib on Sunday; three fighters were killed."


class Overran(Exception):
    """The block ran past its time bound."""


bounded = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
"""For tests under `within`: an alarm that lands in a garbage-collector callback is dropped (and
warned about) there, and the next one, half a second later, ends the block."""


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """Raise `Overran` in the block if it runs longer than `seconds` (SIGALRM: main thread only).

    The alarm repeats every half second past the bound, because an exception raised while Python
    runs a garbage-collector callback or a finaliser is printed and dropped; and a block that ends
    late all the same is reported when it ends.
    """
    def overran(_signum: int, _frame: object) -> None:
        raise Overran(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, overran)
    started = time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.5)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if (took := time.monotonic() - started) > seconds:
        raise Overran(f"took {took:.0f} s, over the bound of {seconds} s")


# -- the limits, as `frontwatch extract` applies them ------------------------------------------------


def test_extract_help_documents_the_limits() -> None:
    shown = subprocess.run([str(CLI), "extract", "--help"], capture_output=True, text=True, timeout=60,
                           env={**os.environ, "COLUMNS": "200"})
    assert shown.returncode == 0, shown.stderr
    for option in ("--max-report-bytes", "--max-line-bytes"):
        assert option in shown.stdout
    assert "2000000" in shown.stdout and "2097152" in shown.stdout  # the defaults, shown


def test_records_over_a_limit_or_refused_are_named_and_the_rest_are_coded(tmp_path: Path) -> None:
    """One run over a batch and files holding every kind of bad record between good ones."""
    batch = tmp_path / "batch.jsonl"
    lines = [
        {"id": "kharkiv", "text": KHARKIV, "published": "2025-06-07"},
        {"id": "long-line", "text": "Shelling in Idlib. " * 400},  # 7,600 bytes: over --max-line-bytes
        {"id": "big-report", "text": "Shelling in Idlib. " * 200},  # 3,800 bytes: over --max-report-bytes
        {"id": "surrogate-\ud800", "text": MARIB},
        {"id": "year-one", "text": MARIB, "published": "0001-01-01"},
        {"id": "markup", "text": MARIB, "published": "[/] [bold]"},  # the error quotes it: not rich markup
        {"id": "refused", "text": MARIB, "published": "2025-06-02"},  # the database's trigger refuses it
        {"id": "sarmin", "text": SARMIN, "published": "2024-10-20"},
    ]
    batch.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    (tmp_path / "big.txt").write_text("Clashes near Marib. " * 200, encoding="utf-8")
    (tmp_path / "marib.txt").write_text(MARIB, encoding="utf-8")
    db = tmp_path / "events.db"
    Store(db).close()
    with sqlite3.connect(db) as conn:  # a database that refuses one report, as a real one might
        conn.execute("CREATE TRIGGER refuse BEFORE INSERT ON reports WHEN NEW.id = 'refused' "
                     "BEGIN SELECT RAISE(ABORT, 'refused by the test trigger'); END")
    done = subprocess.run(
        [str(CLI), "extract", str(tmp_path / "big.txt"), str(tmp_path / "marib.txt"), "--input", str(batch),
         "--published", "2025-06-02", "--db", str(db), "--max-line-bytes", "5000",
         "--max-report-bytes", "3000"],
        capture_output=True, text=True, timeout=300, env={**os.environ, "COLUMNS": "400"})
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    expected = [f"{tmp_path / 'big.txt'}: report text is 3,999 bytes, over the limit of 3,000",
                f"{batch}:2: line longer than 5000 bytes",
                f"{batch}:3: report text is 3,800 bytes, over the limit of 3,000",
                f'{batch}:4: "id" holds an unpaired UTF-16 surrogate at character 10, not text',
                f'{batch}:5: "published" date 0001-01-01 is not between 1800-01-01 and 2199-12-31',
                f"{batch}:6: bad \"published\" date ('[/] [bold]'); expected YYYY-MM-DD",
                'report refused ("Houthi fighters clashed with government forces near Marib on…"): '
                "could not be stored (IntegrityError: refused by the test trigger)"]
    assert errors == [f"error: {message}" for message in expected], done.stderr
    told = {event["report_id"] for event in map(json.loads, done.stdout.splitlines())}
    assert told == {"marib", "kharkiv", "sarmin"}
    with sqlite3.connect(db) as conn:
        stored = {row[0] for row in conn.execute("SELECT id FROM reports")}
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert stored == {"marib", "kharkiv", "sarmin"}


@Language.component("holdup_fault")
def _fault(doc):  # type: ignore[no-untyped-def]
    """A pipeline component that fails on one kind of report, as a component with a bug would."""
    if "POISON" in doc.text:
        raise RuntimeError("the component failed on this report")
    return doc


@pytest.fixture
def faulty_coder(coder: Coder) -> Iterator[Coder]:
    """The shared coder with `holdup_fault` in its pipeline for the test's duration."""
    coder.nlp.add_pipe("holdup_fault", last=True)
    try:
        yield coder
    finally:
        coder.nlp.remove_pipe("holdup_fault")


def test_a_report_the_pipeline_fails_on_costs_that_report_not_the_batch(faulty_coder: Coder) -> None:
    """70 reports (three of spaCy's batches), two poisoned: the 68 others come out, in order."""
    reports = [Report(text=f"{'POISON ' if i in (5, 40) else ''}Protesters marched in Nairobi on Monday, "
                           f"number {i}.", id=f"r{i:02d}", published=date(2025, 7, 8)) for i in range(70)]
    failed: list[tuple[str, str]] = []
    coded: list[CodedReport] = list(code_each(faulty_coder, reports,
                                              lambda report, error: failed.append((report.id, str(error)))))
    assert [c.report.id for c in coded] == [r.id for r in reports if r.id not in ("r05", "r40")]
    assert failed == [(name, "the component failed on this report") for name in ("r05", "r40")]
    for one in coded:
        check_coded(one)


# -- pathological inputs -------------------------------------------------------------------------------


def test_inputs_over_the_limits_are_refused_before_coding_in_bounded_time(tmp_path: Path) -> None:
    """A 3 MB report file and a 12 MB batch line are refused by size, never read into the pipeline."""
    big = tmp_path / "big.txt"
    big.write_text("Clashes in Aleppo. " * 160_000, encoding="utf-8")  # 3 MB of text
    batch = tmp_path / "batch.jsonl"
    with batch.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps({"text": "x" * 12_000_000}) + "\n")
        handle.write(json.dumps({"id": "fine", "text": MARIB}) + "\n")
    with within(60):
        items = list(iter_reports([big], batch=batch))
    assert [str(item) for item in items if isinstance(item, IngestError)] == [
        f"{big}: report text is 3,039,999 bytes, over the limit of 2,000,000",
        f"{batch}:1: line longer than 2097152 bytes",
    ]
    assert [item.id for item in items if isinstance(item, Report)] == ["fine"]


def test_hostile_shapes_that_code_in_linear_time_finish_in_bounded_time(coder: Coder) -> None:
    """HTML nested 100,000 deep, a 300,000-character token, 50,000 control characters and mixed
    right-to-left text: each read and coded, or refused by name, well within the bound."""
    article = "<p>Forces shelled Aleppo on Monday.</p>"
    page = ("<html><body>" + "<div>" * 100_000 + article + "</div>" * 100_000).encode()
    with within(120):
        try:
            report = read_html(page, name="deep.html")
        except UnreadableInput as error:
            assert str(error).startswith("deep.html: ")
        else:
            check_coded(coder.code(report))
        texts = ["A" * 300_000 + " shelled Aleppo on Monday.",
                 "".join(chr(i % 32) for i in range(50_000)) + " Forces shelled Aleppo.",
                 "\u202eقصف حلب Forces shelled Aleppo \u200f北京 Киев. " * 2_000]
        for text in texts:
            check_coded(coder.code(Report(text=text, published=date(2024, 3, 5))))


@bounded
def test_a_report_of_many_sentences_codes_in_time_linear_in_its_length(coder: Coder) -> None:
    """4,000 short attributed sentences (36,000 words, 200 KB)."""
    text = " ".join(f"Aleppo was shelled, Ahmed Khalil said on day {i}." for i in range(4_000))
    with within(20):
        check_coded(coder.code(Report(text=text, published=date(2024, 3, 5))))


_SENTENCE = ("Syrian government forces shelled the town of Sarmin in Idlib killing five civilians and "
             "wounding many others as fighters of HTS clashed with the army near Aleppo , as "
             "insurgents fired on Saraqib")


@bounded
def test_one_long_sentence_codes_in_time_linear_in_its_length(coder: Coder) -> None:
    """One sentence of 24,000 words with no full stop (150 KB)."""
    words = _SENTENCE.split()
    text = " ".join(words[i % len(words)] for i in range(24_000)) + "."
    with within(20):
        check_coded(coder.code(Report(text=text, published=date(2024, 3, 5))))


@bounded
def test_runs_of_names_and_punctuation_code_in_bounded_time(coder: Coder) -> None:
    with within(10):
        check_coded(coder.code(Report(text="Clashes in Aleppo" + ", Aleppo" * 1_000 + ".")))
    with within(20):  # 30,000 one-character tokens through tok2vec and NER: seconds, not minutes
        check_coded(coder.code(Report(text="—" * 30_000 + " Forces shelled Aleppo.")))


# -- numbers, dates and lengths at the edges ----------------------------------------------------------


def test_a_numeral_of_thousands_of_digits_is_no_crash(coder: Coder, tmp_path: Path) -> None:
    """Python refuses to read an integer of over 4,300 digits: the figure reader must not ask it to."""
    text = f"Forces shelled Aleppo on Monday, killing {'9' * 5_000} people and injuring {'9' * 40}."
    coded = coder.code(Report(text=text, published=date(2024, 3, 5)))
    check_coded(coded)
    with Store(tmp_path / "events.db") as store:
        assert store.save(coded)


def test_an_absurd_count_is_dropped_not_a_crash(database: str) -> None:
    """10^21 killed ("999,999,999,999,999 million") is no figure: POST /api/reports answers 201 and the
    report is stored with its event and no toll, on both back ends. A billion, the largest count
    taken (`MAX_COUNT`), is kept and fits PostgreSQL's 32-bit INTEGER columns."""
    from frontwatch.api import create_app

    absurd = {"id": "absurd", "published": "2025-06-02",
              "text": "Houthi fighters shelled Marib on Monday, killing 999,999,999,999,999 million people."}
    largest = {"id": "largest", "published": "2025-06-02",
               "text": "Houthi fighters shelled Marib on Monday, killing 1,000 million people."}
    with live_server(create_app(database, token=TOKEN)) as url, \
            httpx.Client(base_url=url, timeout=120) as http:
        answers = [http.post("/api/reports", json=report, headers=auth()) for report in (absurd, largest)]
    assert [answer.status_code for answer in answers] == [201, 201], [answer.text for answer in answers]
    with Store(database) as store:
        assert store.report_count() == 2
        told = store.events_of_reports(["absurd"])
        assert [(event["sub_event_type"], event["location"], event["fatalities"]) for event in told] == [
            ("Shelling/artillery/missile attack", "Marib", 0)]
        assert [(figure["report_id"], figure["value"]) for figure in store.figures()] == [
            ("largest", MAX_COUNT)]
    for record in told:
        check_record(record)


def test_a_date_before_year_one_is_no_crash(coder: Coder) -> None:
    """Counting back past year 1 ("900 decades ago", "yesterday" on 1 January of year 1) names no day."""
    check_coded(coder.code(Report(text="Forces shelled Aleppo 900 decades ago.", published=date(2024, 3, 5))))
    check_coded(coder.code(Report(text="Forces shelled Aleppo yesterday.", published=date(1, 1, 1))))


def test_a_report_under_the_size_limit_is_coded_whatever_its_length(coder: Coder) -> None:
    """spaCy's own bound on a text's length (1,000,000 characters unless told) is raised to the
    report limit, so a report between the two is coded."""
    text = ("A" * 999 + " ") * 1_100 + "Forces shelled Aleppo."  # 1.1 million characters, few tokens
    coded = coder.code(Report(text=text))
    check_coded(coded)
    assert [event.location for event in coded.events] == ["Aleppo"]
