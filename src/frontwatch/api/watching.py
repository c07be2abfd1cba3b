"""The watcher inside the server (`frontwatch serve --watch CONFIG`), and its status endpoint.

Run in the server's process, the watcher writes to the database the dashboard reads, so new
events appear on the map as they are coded, without anyone running a command. It codes through
the server's own coder thread, so one spaCy pipeline serves both the watcher and POSTed reports.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, Request

from frontwatch.models import CodedReport, Report
from frontwatch.monitor import WatchConfig, Watcher, build_source, watch_status
from frontwatch.store import Store

router = APIRouter(prefix="/api", tags=["watch"])


@router.get("/watch/status", summary="The sources watched into this database")
def status(request: Request) -> dict[str, Any]:
    """Every source a watcher followed into this database (by this server's watcher, or by
    `frontwatch watch`): last poll, last error, consecutive failures, next poll, and the reports
    coded, updated and found already known. `watching` says whether this server runs a watcher."""
    store: Store = request.app.state.store
    return {"watching": request.app.state.watching, "sources": [s.to_record() for s in watch_status(store)]}


@asynccontextmanager
async def following(config: WatchConfig | None, store: Store, code: Callable[[Report], CodedReport]
                    ) -> AsyncIterator[None]:
    """While the app serves, a watcher runs on a thread of its own; at shutdown it is stopped
    (finishing the report in hand) before the store and the coder close."""
    if config is None:
        yield
        return
    watcher = Watcher([build_source(spec) for spec in config.sources], store, code, settings=config.settings)
    thread = threading.Thread(target=watcher.run, name="frontwatch-watcher", daemon=True)
    thread.start()
    try:
        yield
    finally:
        watcher.stop()
        await asyncio.to_thread(thread.join)
        watcher.close()
