"""A section's YAML front matter: reportgen's own keys checked, everyone else's ignored.

Documents come with front matter written for other tools (MkDocs, Jupyter Book, Docusaurus,
Hugo: ``description``, ``toc_depth``, ``sidebar_position`` …). Those keys are not ours and
are ignored with one warning per file; ours are type-checked, so ``slides: no`` means false
(YAML 1.2 reads ``no`` as a word) and ``slides: maybe`` is an error at its line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reportgen.errors import ReportgenError
from reportgen.load.files import line_of, parse_yaml

if TYPE_CHECKING:
    from reportgen.load.context import FileContext

KEYS = ("title", "slides", "handout")
_TRUE, _FALSE = ("true", "yes", "on"), ("false", "no", "off")


@dataclass(frozen=True, slots=True)
class FrontMatter:
    title: str = ""
    slides: bool = True
    handout: bool = True


def read_front_matter(text: str, file: FileContext) -> FrontMatter:
    """The front matter found at the top of ``file`` (its text starts on line 2)."""
    data = parse_yaml(text, file.path, first_line=2) if text.strip() else {}
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ReportgenError("front matter must be a mapping such as 'title: …'", file.ref(2))
    unknown = [str(k) for k in data if k not in KEYS]
    if unknown:
        import difflib  # only a stranger's keys pay for it

        close = [c for k in unknown for c in difflib.get_close_matches(k, KEYS, n=1)]
        hint = f"; did you mean '{close[0]}'?" if len(unknown) == 1 and close else ""
        keys = ", ".join(f"'{k}'" for k in unknown)
        file.warn(f"front matter {'key' if len(unknown) == 1 else 'keys'} {keys} not used by reportgen{hint}",
                  line_of(data, unknown[0], 2))
    return FrontMatter(_title(data, file), _flag(data, "slides", file), _flag(data, "handout", file))


def _title(data: dict[str, Any], file: FileContext) -> str:
    value = data.get("title")
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise ReportgenError("'title' must be text", file.ref(line_of(data, "title", 2)),
                             hint="write it on one line, e.g. title: Getting started")
    return value.isoformat() if isinstance(value, dt.date) else str(value).strip()


def _flag(data: dict[str, Any], key: str, file: FileContext) -> bool:
    value = data.get(key, True)
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in _TRUE or word in _FALSE:
        return word in _TRUE
    raise ReportgenError(f"'{key}' must be true or false, not '{value}'", file.ref(line_of(data, key, 2)),
                         hint=f"write '{key}: false' to leave the section out, or remove the line")
