"""The date every output says it was created and last modified: repeatable, never the clock.

``SOURCE_DATE_EPOCH`` when set (reproducible-builds.org), else the guide's own ``date`` when
it is an ISO date, else 1 January 2000 (reportlab's invariant date). The same input gives
the same date, so rebuilds stay byte-identical.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from reportgen.model import Meta

FIXED = dt.datetime(2000, 1, 1)  # format: reportlab's invariant-mode date (its TimeStamp, 946684800)


def creation_time(meta: Meta) -> dt.datetime:
    """The outputs' creation and modification time, naive, in UTC (midnight of the guide's date)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).replace(tzinfo=None)
    if meta.date_iso:
        return dt.datetime.combine(dt.date.fromisoformat(meta.date_iso), dt.time())
    return FIXED


def set_pdf_dates(canvas: Any, meta: Meta) -> None:
    """A reportlab canvas's /CreationDate and /ModDate. Invariant mode fixes them at reportlab's
    own date (its ``TimeStamp``, which also seeds the document ID); the canvas's date formatter,
    handed that date, writes ours instead, and the rest of the invariant output is unchanged."""
    stamp = f"D:{creation_time(meta):%Y%m%d%H%M%S}+00'00'"
    canvas.setDateFormatter(lambda *_: stamp)
