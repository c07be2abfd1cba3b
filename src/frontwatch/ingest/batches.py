"""Reports in consecutive batches bounded by count and by text, for the coder and for Dask."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from frontwatch.models import Report


def batches(reports: Iterable[Report], size: int, characters: int) -> Iterator[list[Report]]:
    """Consecutive batches of at most `size` reports, each closed as soon as it holds `characters`
    of text: a count alone makes batches of long articles far larger than batches of notes.
    Reports are taken from the iterable only as a batch needs them, so a stream stays a stream."""
    batch: list[Report] = []
    held = 0
    for report in reports:
        batch.append(report)
        held += len(report.text)
        if len(batch) >= size or held >= characters:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch
