"""``guide.yml``: the document's metadata and its ordered list of section files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from reportgen.errors import ReportgenError, SourceRef
from reportgen.language import DEFAULT, long_date
from reportgen.load.files import check_keys, line_of, parse_yaml, read_text
from reportgen.model import Meta

GUIDE_FILE = "guide.yml"
GUIDE_KEYS = ("title", "subtitle", "author", "organization", "date", "lang", "link", "keywords", "name", "event",
              "sections")


def read_guide(content_dir: Path, diag: Any) -> tuple[dict[str, Any], Path]:
    """Parse and check ``guide.yml``; return its mapping (positions kept) and its path."""
    path = content_dir / GUIDE_FILE
    if not content_dir.is_dir():
        raise ReportgenError("content folder not found", SourceRef(content_dir),
                             hint="pass the folder holding guide.yml, or a Markdown file")
    if not path.is_file():
        raise ReportgenError(
            f"no {GUIDE_FILE} in the content folder",
            SourceRef(path),
            hint="create it with a 'title:' and a 'sections:' list of Markdown files",
        )
    data = parse_yaml(read_text(path, diag, GUIDE_FILE), path)
    if not isinstance(data, dict):
        raise ReportgenError(
            f"{GUIDE_FILE} must be a mapping with 'title' and 'sections'", SourceRef(path, 1), hint="see the README"
        )
    check_keys(data, GUIDE_KEYS, path, GUIDE_FILE)
    for key in ("title", "sections"):
        if not data.get(key):
            raise ReportgenError(f"{GUIDE_FILE} has no '{key}'", SourceRef(path, 1), hint=f"add a '{key}:' entry")
    sections = data["sections"]
    if not isinstance(sections, list) or not all(isinstance(s, str) and s.strip() for s in sections):
        raise ReportgenError(
            "'sections' must be a list of Markdown file names",
            SourceRef(path, line_of(data, "sections")),
            hint="write one '- file.md' per line",
        )
    return data, path


def meta_of(data: dict[str, Any], path: Path, event: dict[str, str]) -> Meta:
    """The document metadata; ``event`` values (event file, --set) win over guide.yml's. Dates
    are written out in the guide's language."""
    if isinstance(data.get("lang"), (dict, list)):
        raise ReportgenError("'lang' must be a language code such as 'en' or 'de'",
                             SourceRef(path, line_of(data, "lang")))
    lang = str(data.get("lang") or DEFAULT)

    def text(key: str) -> str:
        value = data.get(key)
        if value is None:
            return ""
        if isinstance(value, (dict, list)):
            raise ReportgenError(f"'{key}' must be text", SourceRef(path, line_of(data, key)))
        return format_date(value, lang) if isinstance(value, dt.date) else str(value)

    keywords = data.get("keywords") or []
    if not isinstance(keywords, list) or any(isinstance(k, (dict, list)) for k in keywords):
        raise ReportgenError("'keywords' must be a list of words", SourceRef(path, line_of(data, "keywords")),
                             hint="write one '- keyword' per line")
    own_event = data.get("event") or {}
    if not isinstance(own_event, dict):
        raise ReportgenError("'event' must be a mapping such as 'name: …'", SourceRef(path, line_of(data, "event")))
    for key, value in own_event.items():
        if isinstance(value, (dict, list)):
            raise ReportgenError(f"'event: {key}' must be text", SourceRef(path, line_of(own_event, key)),
                                 hint="event values are single lines of text")
    merged = {str(k): format_date(v, lang) if isinstance(v, dt.date) else str(v) for k, v in own_event.items()}
    merged.update({k: format_date(v, lang) for k, v in event.items()})
    return Meta(
        title=text("title"),
        source=SourceRef(path, 1),
        subtitle=text("subtitle"),
        author=text("author"),
        organization=text("organization"),
        date=text("date"),
        lang=lang,
        link=text("link"),
        keywords=tuple(str(k) for k in keywords),
        event=tuple(sorted(merged.items())),
        date_iso=iso_date(data.get("date")),
    )


def iso_date(value: object) -> str:
    """``2026-01-15`` for an ISO date (as YAML reads it, or as text); ``""`` for anything else."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            return ""
    return ""


def format_date(value: dt.date | str, lang: str = DEFAULT) -> str:
    """ISO dates read as '15 January 2026' (in ``lang``) on a cover; anything else is kept as written."""
    if isinstance(value, str):
        try:
            date = dt.date.fromisoformat(value.strip())
        except ValueError:
            return value
    else:
        date = value
    return long_date(date, lang)
