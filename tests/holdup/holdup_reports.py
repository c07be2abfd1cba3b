"""Short, distinct reports for the crash, load, determinism and offline tests: quick to code,
each yielding an event, and every tenth retelling the one before it in other words, so that
merging runs too.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

_PLACES = ("Aleppo", "Idlib", "Sarmin", "Homs", "Marib", "Taiz", "El Obeid", "El Fasher", "Khartoum",
           "Kharkiv", "Nairobi", "Mogadishu", "Goma", "Bamako", "Kabul", "Rafah", "Mosul", "Donetsk", "Aden",
           "Kherson", "Kidal", "Beni", "Hama", "Daraa", "Sirte")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_TEMPLATES = (
    "Government forces shelled {place} on {day}, killing {n} civilians, {source} said.",
    "Protesters gathered in {place} on {day} to demand lower prices, {source} said.",
    "Armed men clashed with the army near {place} on {day}; {n} fighters were killed, {source} said.",
    "A drone strike hit a market in {place} on {day}, killing {n} people, {source} said.",
)
_RETELLING = "According to {source}, {n} people died on {day} when {place} was hit."
_SOURCES = ("local officials", "a rights group", "residents", "a medical source", "the ministry")
_FIRST_DAY = date(2024, 3, 4)


def short_reports(count: int) -> list[dict[str, Any]]:
    """`count` batch records (`id`, `text`, `published`, `source`), the same every time."""
    reports: list[dict[str, Any]] = []
    for i in range(count):
        published = _FIRST_DAY + timedelta(days=i // 5)
        fields = {"place": _PLACES[(i * 7) % len(_PLACES)], "day": _DAYS[(published.weekday() + 6) % 7],
                  "n": 2 + (i * 13) % 47, "source": _SOURCES[i % len(_SOURCES)]}
        text = _TEMPLATES[i % len(_TEMPLATES)].format(**fields)
        if i % 10 == 9:  # the report before, told again by another source
            before = reports[-1]
            text = _RETELLING.format(**{**before["fields"], "source": fields["source"]})
            published = date.fromisoformat(before["published"])
        reports.append({"id": f"r{i:04d}", "text": text, "published": published.isoformat(),
                        "source": f"Desk {i % 3}", "fields": fields})
    return [{key: value for key, value in report.items() if key != "fields"} for report in reports]


def write_batch(path: Path, reports: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(report) + "\n" for report in reports), encoding="utf-8")
    return path
