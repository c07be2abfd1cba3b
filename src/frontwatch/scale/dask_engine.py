"""The Dask engine: a batch coded on a Dask cluster (a LocalCluster unless given a scheduler).

Each worker loads the spaCy pipeline and the gazetteer once, when `CoderPlugin` is set up on it
(and again on a worker that replaces a dead one), never per task. The client reads the input
lazily in partitions, keeps a bounded number of them in flight, and collects them as they
finish (`as_completed`); it hands the coded reports on in input order, each partition as soon
as it and every partition before it are done. So the store sees the same sequence of reports as
with the in-process engine, and the merged events and their ids are the same, while memory stays
bounded by the partitions in flight. A worker that dies costs only its partitions: the scheduler
runs them again on another worker, and nothing of them was stored.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Self

import dask
from distributed import (
    Client,
    Future,
    KilledWorker,
    LocalCluster,
    Scheduler,
    Worker,
    WorkerPlugin,
    as_completed,
    get_worker,
)

from frontwatch.ingest.batches import batches
from frontwatch.models import CodedReport, FrontwatchError, Report

if TYPE_CHECKING:
    from frontwatch.nlp.pipeline import Coder

PARTITION_SIZE = 16
"""Most reports per task: enough that task overhead is negligible next to coding (a short note
takes ~10 ms), few enough that a lost worker loses little work."""
PARTITION_CHARS = 50_000
"""Most text per task (about 8,000 words, or five long articles): a partition closes at whichever
bound it reaches first, so long articles still spread over every worker."""
IN_FLIGHT_PER_THREAD = 2
"""Partitions queued per worker thread, so that a worker never waits for the client."""
CONNECT_SECONDS = 30
LOCAL_WORKER_CONFIG = {
    # The statistical profiler samples every worker thread's stack for a dashboard nobody watches here.
    "distributed.worker.profile.enabled": False,
    # Dask makes glibc return freed memory at once (64 KiB threshold), a cost on every allocation
    # of the pipeline's many small objects; a coding worker's memory stays flat without it.
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}
"""Dask settings for the workers of our LocalCluster (each measured at several per cent of a
worker's CPU time)."""


class CoderPlugin(WorkerPlugin):
    """Loads the `Coder` of each worker when the worker starts or the plugin is registered.

    One Coder per worker thread (workers run one): a spaCy pipeline and its gazetteer connection
    belong to the thread that uses them. It is loaded in the thread tasks run in, before any task.
    """

    def __init__(self, model: str | None) -> None:
        self.model = model
        self._coders: dict[int, Coder] = {}  # by thread id

    @property
    def name(self) -> str:
        """One plugin per pipeline: registering it again for the same model is a no-op."""
        return f"frontwatch-coder:{self.model or 'default'}"

    async def setup(self, worker: Worker) -> None:
        await asyncio.get_running_loop().run_in_executor(worker.executor, self.coder)

    def coder(self) -> Coder:
        """The calling thread's Coder, loaded on first use."""
        thread = threading.get_ident()
        if thread not in self._coders:
            from frontwatch.nlp.pipeline import Coder

            self._coders[thread] = Coder(model=self.model)
        return self._coders[thread]


def code_partition(plugin_name: str, reports: list[Report]) -> list[CodedReport]:
    """The task: code one partition with the worker's own Coder."""
    plugin = get_worker().plugins[plugin_name]
    return list(plugin.coder().code_many(reports))


class DaskEngine:
    """Codes batches on a Dask cluster: `with DaskEngine(workers=2) as engine: engine.code_many(...)`.

    Without `scheduler`, starts a LocalCluster of `workers` processes (default: one per CPU) with
    one thread each (spaCy holds the GIL); with it, uses that scheduler's workers.
    """

    def __init__(self, *, model: str | None = None, workers: int | None = None, scheduler: str | None = None,
                 partition_size: int = PARTITION_SIZE) -> None:
        if workers is not None and scheduler is not None:
            raise FrontwatchError("give --workers (a local cluster) or --scheduler (a running one), not both")
        if workers is not None and workers < 1:
            raise FrontwatchError(f"--workers must be at least 1, not {workers}")
        if partition_size < 1:
            raise FrontwatchError(f"partition size must be at least 1, not {partition_size}")
        self.model = model
        self.workers = workers or os.cpu_count() or 1
        self.scheduler = scheduler
        self.partition_size = partition_size
        self.cluster: LocalCluster | None = None
        self.client: Client | None = None
        self.plugin = CoderPlugin(model)

    def __enter__(self) -> Self:
        try:
            self._start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def _start(self) -> None:
        if self.scheduler is None:
            from frontwatch.geo import Gazetteer

            Gazetteer().close()  # compiled here once, not by every worker at the same time
            with dask.config.set(LOCAL_WORKER_CONFIG):
                self.cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                            dashboard_address=":0", silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        else:
            try:
                self.client = Client(self.scheduler, timeout=CONNECT_SECONDS)
            except (OSError, TimeoutError) as error:
                message = f"cannot reach the Dask scheduler at {self.scheduler}: {error}"
                raise FrontwatchError(message) from None
            try:
                self.client.wait_for_workers(1, timeout=CONNECT_SECONDS)
            except TimeoutError:
                raise FrontwatchError(f"no Dask worker joined the scheduler at {self.scheduler} within "
                                      f"{CONNECT_SECONDS} s") from None
        if not self._plugin_registered():
            self.client.register_plugin(self.plugin)

    def _plugin_registered(self) -> bool:
        """Whether the scheduler already hands this pipeline to its workers (a cluster reused by
        several runs loads it once)."""
        name = self.plugin.name

        def registered(dask_scheduler: Scheduler) -> bool:
            return name in dask_scheduler.worker_plugins

        return bool(self._client().run_on_scheduler(registered))

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None

    def _client(self) -> Client:
        if self.client is None:
            raise FrontwatchError("the Dask engine is not started: use it in a `with` block")
        return self.client

    def code_many(self, reports: Iterable[Report]) -> Iterator[CodedReport]:
        """Code the reports on the cluster; yield them coded, in input order."""
        client = self._client()
        window = IN_FLIGHT_PER_THREAD * max(1, sum(client.nthreads().values()))
        partitions = batches(reports, self.partition_size, PARTITION_CHARS)
        submitted: dict[Future, int] = {}
        finished: dict[int, list[CodedReport]] = {}
        running = as_completed()
        number = 0

        def submit_more() -> None:
            nonlocal number
            while len(submitted) + len(finished) < window:
                partition = next(partitions, None)
                if partition is None:
                    return
                future = client.submit(code_partition, self.plugin.name, partition, pure=False)
                submitted[future] = number
                running.add(future)
                number += 1

        submit_more()
        following = 0
        try:
            for future in running:
                finished[submitted.pop(future)] = self._result(future)
                ready = []
                while following in finished:
                    ready.append(finished.pop(following))
                    following += 1
                submit_more()  # before handing reports on: workers code while the caller stores
                for partition in ready:
                    yield from partition
        finally:
            for future in submitted:
                future.cancel()

    def _result(self, future: Future) -> list[CodedReport]:
        try:
            return future.result()
        except KilledWorker as error:
            message = f"a partition of reports killed every worker that tried it ({error})"
            raise FrontwatchError(message) from None


