"""Helpers for the API tests: a live uvicorn server, the token, and reports of our own.

The server runs in a thread of the test process (uvicorn binds port 0, so the kernel picks a free
port and nothing races for it), or as `frontwatch serve` in a process of its own; tests talk to it
over HTTP with httpx, as any client would.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI

REPO = Path(__file__).resolve().parents[2]
CLI = Path(sys.executable).with_name("frontwatch")
SEED = REPO.parent / "shared" / "seed" / "syria-offensive-2024-12-02.txt"
TOKEN = "test-token-Ω-7f3a"  # non-ASCII on purpose: the comparison must work on bytes

REPORTS: list[dict[str, Any]] = [
    {
        "id": "api-sarmin",
        "text": "Syrian government forces shelled the town of Sarmin in Idlib on Monday, killing at least "
                "five civilians, the White Helmets said.",
        "published": "2024-03-05",
        "source": "Levant Wire",
    },
    {
        "id": "api-el-obeid",
        "text": "A drone strike by the Rapid Support Forces hit the livestock market in El Obeid on Tuesday, "
                "killing 11 civilians, the Sudan Doctors Network said.",
        "published": "2025-05-13",
        "source": "Nile Desk",
    },
    {
        "id": "api-nairobi",
        "text": "On 7 July 2025, several thousand protesters marched peacefully in Nairobi to demand lower "
                "taxes.",
        "published": "2025-07-08",
        "source": "East Africa Desk",
    },
    {
        "id": "api-marib",
        "text": "Houthi fighters clashed with government forces near Marib on Sunday; three fighters were "
                "killed, local sources said.",
        "published": "2025-06-02",
        "source": "Gulf Desk",
    },
]
"""Short reports of our own, in four countries, types and dates, so every filter has something to
keep and something to drop."""


@contextmanager
def live_server(app: FastAPI) -> Iterator[str]:
    """Run `app` under uvicorn on 127.0.0.1 until the block ends; yields its base URL."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


_LISTENING = re.compile(r"Uvicorn running on (http://127\.0\.0\.1:\d+)")


@contextmanager
def serve(args: list[str], env: dict[str, str]) -> Iterator[tuple[str, str]]:
    """Run `frontwatch serve ARGS --port 0`; yield (its URL, what it printed before listening).

    Once it listens, its log is read on a thread until it exits: a busy server logs every request,
    and a log nobody reads fills the pipe and stops the server.
    """
    clean = {k: v for k, v in os.environ.items() if k != "FRONTWATCH_TOKEN"}
    process = subprocess.Popen([str(CLI), "serve", *args, "--port", "0"], env={**clean, **env},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        printed = ""
        deadline = time.monotonic() + 60
        while (match := _LISTENING.search(printed)) is None:
            line = process.stderr.readline()
            assert line or process.poll() is None, f"frontwatch serve exited: {printed}"
            assert time.monotonic() < deadline, f"frontwatch serve did not start: {printed}"
            printed += line
        threading.Thread(target=process.stderr.read, name="serve-log", daemon=True).start()
        yield match.group(1), printed
    finally:
        process.terminate()
        process.wait(timeout=30)


def auth(token: str = TOKEN) -> dict[str, bytes]:
    """The Authorization header, as UTF-8 bytes (HTTP headers are bytes; the token is not ASCII)."""
    return {"Authorization": f"Bearer {token}".encode()}


def seed_report() -> dict[str, Any]:
    """The seed article as the issue has it posted: published 2 December 2024, source CNN."""
    return {"id": "seed-syria-2024-12-02", "text": SEED.read_text(encoding="utf-8"),
            "published": date(2024, 12, 2).isoformat(), "source": "CNN"}
