"""A PostgreSQL server of the test run's own: initdb into a temporary directory, started on a free
port with its socket in that directory, each test database created fresh and dropped after use.

The binaries are Debian's (/usr/lib/postgresql/N/bin, the newest N) or whatever `pg_ctl` is on
PATH. PostgreSQL refuses to run as root, so under root (as CI runs) the server is initialised and
run as the `postgres` system user that Debian's package creates, in a directory that user owns.
Its cluster uses a linguistic collation (ICU "en-US", as most production databases do), so the
tests see what byte-order assumptions would break there. fsync is off: a test server's data need
not survive a power cut.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import sqlalchemy as sa

SKIP_VARIABLE = "FRONTWATCH_SKIP_POSTGRES"
"""Set to 1 to skip the PostgreSQL half of the store tests (a developer without PostgreSQL);
without it, missing binaries fail those tests."""

SYSTEM_USER = "postgres"


class PostgresUnavailable(RuntimeError):
    """The server cannot be had here; the message says what to install or set."""


def find_bindir() -> Path:
    """The directory of initdb and pg_ctl: the newest Debian install, else the one on PATH."""
    def version(path: str) -> tuple[int, ...]:
        return tuple(int(part) for part in Path(path).parts[-3].split(".") if part.isdigit())

    debian = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=version)
    if debian:
        return Path(debian[-1]).parent
    on_path = shutil.which("pg_ctl")
    if on_path and (Path(on_path).parent / "initdb").exists():
        return Path(on_path).parent
    raise PostgresUnavailable(
        "the PostgreSQL server binaries (initdb, pg_ctl) are not installed: install Debian's "
        f"`postgresql` package (apt-get install postgresql), or set {SKIP_VARIABLE}=1 to skip the "
        "PostgreSQL tests"
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PostgresServer:
    """One running server; `create_database()` hands out fresh databases by URL."""

    def __init__(self) -> None:
        self.bindir = find_bindir()
        self._as_user: list[str] = []
        self.root = Path(tempfile.mkdtemp(prefix="frontwatch-pg-"))
        if os.geteuid() == 0:
            try:
                account = pwd.getpwnam(SYSTEM_USER)
            except KeyError:
                raise PostgresUnavailable(
                    f"running as root, and there is no {SYSTEM_USER!r} user to run PostgreSQL as "
                    "(Debian's postgresql package creates it)"
                ) from None
            os.chown(self.root, account.pw_uid, account.pw_gid)
            self._as_user = ["runuser", "-u", SYSTEM_USER, "--"]
        self.data = self.root / "data"
        self.port = 0
        self._names = itertools.count(1)
        self._admin: sa.Engine | None = None

    def start(self) -> None:
        self._initdb()
        for _ in range(3):  # a free port can be taken between probing it and binding it
            self.port = _free_port()
            options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
                       "-c synchronous_commit=off -c full_page_writes=off")
            started = self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"),
                                "-w", "-t", "60", "-o", options, "start", check=False)
            if started.returncode == 0:
                self._admin = sa.create_engine(self.url("postgres"), isolation_level="AUTOCOMMIT",
                                               poolclass=sa.pool.NullPool)
                return
        log = (self.root / "server.log").read_text(errors="replace")[-2000:]
        raise PostgresUnavailable(f"PostgreSQL did not start ({self.bindir}):\n{started.stderr}\n{log}")

    def _initdb(self) -> None:
        base = ["initdb", "-D", str(self.data), "--auth=trust", f"--username={SYSTEM_USER}",
                "--encoding=UTF8", "--locale=C.UTF-8"]
        linguistic = self._run(*base, "--locale-provider=icu", "--icu-locale=en-US", check=False)
        if linguistic.returncode != 0:  # a server built without ICU (or older than 15)
            shutil.rmtree(self.data, ignore_errors=True)
            self._run(*base)

    def _run(self, program: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = [*self._as_user, str(self.bindir / program), *args]
        done = subprocess.run(command, capture_output=True, text=True, cwd=self.root, timeout=120)
        if check and done.returncode != 0:
            raise PostgresUnavailable(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
        return done

    def url(self, database: str) -> str:
        return f"postgresql://{SYSTEM_USER}@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A new, empty database; its URL."""
        assert self._admin is not None, "the server is not started"
        name = f"test_{next(self._names)}"
        with self._admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        """Drop a database `create_database` made, closing whatever connections a test left open."""
        assert self._admin is not None, "the server is not started"
        name = sa.make_url(url).database
        with self._admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        if self._admin is not None:
            self._admin.dispose()
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)
        shutil.rmtree(self.root, ignore_errors=True)
