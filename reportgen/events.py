"""Event files: the per-workshop values (name, date, venue, instructor, …) of one variant."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportgen.errors import Diagnostics, ReportgenError, SourceRef
from reportgen.load.files import line_of, parse_yaml, read_text


def read_event(path: Path, diag: Diagnostics) -> dict[str, str]:
    """A flat mapping of text values; nested values are refused with their line."""
    data = parse_yaml(read_text(path, diag, "event file"), path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ReportgenError("an event file must be a mapping such as 'name: …'", SourceRef(path, 1))
    event: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, (dict, list)):
            raise ReportgenError(f"'{key}' must be text", SourceRef(path, line_of(data, key)),
                                 hint="event values are single lines of text")
        # a date stays ISO here and is written out in the guide's language when the guide is read
        event[str(key)] = str(value)[:10] if isinstance(value, dt.date) else ("" if value is None else str(value))
    return event
