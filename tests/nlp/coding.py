"""The one helper the event and place tests share: a report's text coded into events."""

from __future__ import annotations

from datetime import date

from frontwatch.models import Event, Report
from frontwatch.nlp.pipeline import Coder


def coded(coder: Coder, text: str, published: date) -> list[Event]:
    """The events the coder finds in `text`, published on `published`."""
    return coder.code(Report(text, id="t", published=published)).events
