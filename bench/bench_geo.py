"""Benchmark the gazetteer: build (if needed), open time, look-ups per second, memory.

Usage: PYTHONPATH=src python bench/bench_geo.py [--path GAZETTEER.sqlite] [--seconds 3]
Look-ups cycle through spellings a coder meets: exact names, transliteration variants that need
the skeleton/fuzzy tiers, region phrases, and plain words that must not match.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import time
from collections.abc import Callable
from pathlib import Path

from frontwatch.geo import Gazetteer, PlaceResolver
from frontwatch.geo.fold import fold_name
from frontwatch.geo.schema import default_path

SPELLINGS = (
    "Aleppo", "Tell Rifaat", "Deir al-Zour", "Khan Sheikhoun", "Saraqeb", "Kamishli", "Hasakeh", "Deraa",
    "Idlib province", "Rural Damascus", "Kharkov", "Hodeidah", "El Fasher", "Goma", "Sarqib",
    "Maaret Al Naasan", "Aleppo - Sheikh Maqsoud", "Hole Camp", "market", "road", "Xyzzy",
)  # fmt: skip


def rss_mb() -> float:
    """Current resident set size (Linux /proc), falling back to the peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rate(call: Callable[[str], object], seconds: float) -> float:
    """Calls per second of `call(spelling)` over the spelling list, for about `seconds`."""
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for spelling in SPELLINGS:
            call(spelling)
        count += len(SPELLINGS)
    return count / (time.perf_counter() - start)


def build(path: Path) -> None:
    Gazetteer.build(path).close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=default_path())
    parser.add_argument("--seconds", type=float, default=2.0)
    args = parser.parse_args()
    rows: list[tuple[str, str]] = []
    if not Gazetteer.is_current(args.path):
        start = time.perf_counter()
        builder = multiprocessing.Process(target=build, args=(args.path,))  # keep its memory out of ours
        builder.start()
        builder.join()
        rows.append(("build (child process)", f"{time.perf_counter() - start:.1f} s"))
    rows.append(("RSS before open", f"{rss_mb():.0f} MB"))
    start = time.perf_counter()
    gazetteer = Gazetteer(args.path)
    rows.append(("open", f"{(time.perf_counter() - start) * 1000:.1f} ms"))
    rows.append(("file size", f"{args.path.stat().st_size / 2**20:.0f} MB"))
    rows.append(("lookup", f"{rate(gazetteer.lookup, args.seconds):.0f} /s"))
    rows.append(("lookup, country SY", f"{rate(lambda s: gazetteer.lookup(s, 'SY'), args.seconds):.0f} /s"))
    resolver = PlaceResolver(gazetteer)
    resolved = rate(lambda s: resolver.resolve(s, countries=["SY"]), args.seconds)
    rows.append(("resolve, Syria", f"{resolved:.0f} /s"))
    keys = [fold_name(s) for s in SPELLINGS]
    screened = rate(lambda _s: gazetteer.known_keys(keys), args.seconds) / len(SPELLINGS)
    rows.append((f"known_keys ({len(keys)} keys a call)", f"{screened:.0f} calls/s"))
    rows.append(("RSS after", f"{rss_mb():.0f} MB"))
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value:>10}")


if __name__ == "__main__":
    main()
