"""The two ways ingest reports a problem: a record for batch callers, an exception for single files."""

from __future__ import annotations

from dataclasses import dataclass

from frontwatch.models import FrontwatchError


@dataclass(frozen=True)
class IngestError:
    """One input (or one line of a batch) that could not become a Report.

    Yielded rather than raised so that a bad line in a million-line batch costs one line, not the run.
    """

    input: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.input if self.line is None else f"{self.input}:{self.line}"
        return f"{where}: {self.message}"


class UnreadableInput(FrontwatchError):
    """A file that cannot be read as a report; keeps the file and the reason apart for `IngestError`."""

    def __init__(self, input: str, reason: str) -> None:
        super().__init__(f"{input}: {reason}")
        self.input = input
        self.reason = reason

    def as_ingest_error(self) -> IngestError:
        return IngestError(input=self.input, line=None, message=self.reason)
