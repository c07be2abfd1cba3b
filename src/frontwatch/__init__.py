"""frontwatch: conflict reporting in, verified and mapped ACLED-style events out.

The public API is small:

>>> from frontwatch import Coder, Report
>>> coder = Coder()                       # loads the spaCy pipeline and the gazetteer once
>>> coded = coder.code(Report(text, published=date(2024, 12, 2), source="CNN"))
>>> coded.events[0].to_record()

`Coder` is imported lazily so that `frontwatch places lookup` and other light commands never pay
for spaCy's import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from frontwatch.models import Claim, CodedReport, Event, FrontwatchError, Place, Report, Verification

if TYPE_CHECKING:
    from frontwatch.nlp.pipeline import Coder

__all__ = ["Claim", "CodedReport", "Coder", "Event", "FrontwatchError", "Place", "Report", "Verification"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name == "Coder":
        from frontwatch.nlp.pipeline import Coder

        return Coder
    raise AttributeError(name)
