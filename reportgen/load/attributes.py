"""Pandoc's attribute syntax after a heading: ``## Results {#results .unnumbered layout="Comparison"}``.

Documents written for pandoc, Quarto or R Markdown end headings with such a block; it is not
part of the title. reportgen takes the identifier as the heading's anchor and ``layout`` as the
PowerPoint layout of the heading's slide; classes say how other tools number or style it and
are dropped; any other key is named in a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from reportgen.model import Inline

_VALUE = r"""(?:"[^"]*"|“[^”]*”|'[^']*'|[^\s"'{}]+)"""
_ITEM = rf"""(?:#[\w:.-]+|\.[\w-]+|-|[\w-]+={_VALUE})"""
_BLOCK = re.compile(rf"""\s*\{{\s*((?:{_ITEM}\s*)+)\}}\s*$""")
_PAIR = re.compile(rf"""([\w-]+)=({_VALUE})""")
USED_KEYS = ("layout",)


@dataclass(frozen=True, slots=True)
class Attributes:
    identifier: str = ""
    layout: str = ""
    unknown: tuple[str, ...] = ()  # keys reportgen does not use


def heading_attributes(text: Inline) -> tuple[Inline, Attributes]:
    """The heading's runs without a trailing attribute block, and what the block says."""
    if not text or text[-1].link or text[-1].code:
        return text, Attributes()
    last = text[-1]
    match = _BLOCK.search(last.text)
    if match is None or not last.text[:match.start()].strip() and len(text) == 1:
        return text, Attributes()  # no block, or the block is the whole heading: it is its text
    body = match.group(1)
    identifier = next((item[1:] for item in body.split() if item.startswith("#")), "")
    pairs = {key: value.strip("\"'“”") for key, value in _PAIR.findall(body)}
    kept = last.text[:match.start()].rstrip()
    runs = text[:-1] + ((replace(last, text=kept),) if kept else ())
    return runs, Attributes(identifier, pairs.get("layout", ""), tuple(k for k in pairs if k not in USED_KEYS))


def layout_key(info: str) -> str:
    """``layout="Two Content"`` in a ``::: slides`` block's opening line, or ""."""
    pairs: dict[str, str] = dict(_PAIR.findall(info))
    return pairs.get("layout", "").strip("\"'“”")
