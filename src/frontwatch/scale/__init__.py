"""Engines that code a batch of reports: in this process, or on a Dask cluster.

Whatever the engine, `open_engine` gives an object whose `code_many(reports)` yields one
`CodedReport` per report, in input order, so the CLI stores and writes them the same way and
the output does not depend on the engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Protocol

from frontwatch.models import CodedReport, FrontwatchError, Report

ENGINES = ("local", "dask")


class Engine(Protocol):
    def code_many(self, reports: Iterable[Report]) -> Iterator[CodedReport]: ...


@contextmanager
def open_engine(name: str = "local", *, model: str | None = None, workers: int | None = None,
                scheduler: str | None = None) -> Iterator[Engine]:
    """The engine called `name`, ready to code; a Dask cluster it started is shut down on exit.

    `workers` (processes of a LocalCluster) and `scheduler` (the address of a running Dask
    scheduler, whose workers are used) apply to the dask engine only, and exclude each other.
    """
    if name not in ENGINES:
        raise FrontwatchError(f"unknown engine {name!r}: use one of {', '.join(ENGINES)}")
    if name == "local":
        if workers is not None or scheduler is not None:
            raise FrontwatchError("--workers and --scheduler need --engine dask")
        from frontwatch.nlp.pipeline import Coder

        yield Coder(model=model)
        return
    from frontwatch.scale.dask_engine import DaskEngine

    with DaskEngine(model=model, workers=workers, scheduler=scheduler) as engine:
        yield engine


__all__ = ["ENGINES", "Engine", "open_engine"]
