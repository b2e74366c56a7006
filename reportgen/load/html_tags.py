"""Raw HTML as a stream of events, and what each tag means to reportgen.

The standard library's ``html.parser`` tokenizes (quoting, entities, comments, CDATA are
its business); tree building is left to the readers, because an element opened in one HTML
block of a Markdown file may close several Markdown blocks later.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from reportgen.model import Run

# inline elements and the mark each sets on its text ("" sets none but is known)
INLINE_MARKS = {
    "b": "strong", "strong": "strong", "i": "emph", "em": "emph", "cite": "emph", "var": "emph",
    "dfn": "emph", "code": "code", "kbd": "code", "samp": "code", "tt": "code", "s": "strike",
    "strike": "strike", "del": "strike", "sub": "sub", "sup": "sup", "a": "link", "u": "", "ins": "",
    "mark": "", "span": "", "small": "", "big": "", "font": "", "abbr": "", "acronym": "", "q": "",
    "bdi": "", "bdo": "", "time": "", "data": "", "label": "", "nobr": "", "wbr": "", "g-emoji": "",
}
# elements whose content is transparent: their children belong to the parent
TRANSPARENT = {
    "div", "center", "section", "article", "header", "footer", "main", "nav", "aside", "figure", "picture",
    "address", "form", "fieldset", "hgroup", "body", "html", "menu",
}
HEADINGS = {f"h{n}": n for n in range(1, 7)}
BLOCKS = TRANSPARENT | set(HEADINGS) | {
    "p", "figcaption", "blockquote", "details", "summary", "ul", "ol", "li", "dl", "dt", "dd", "table",
    "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "pre", "legend",
}
VOID = {"br", "img", "hr", "source", "input", "meta", "link", "wbr", "col", "area", "base", "param", "track",
        "embed", "keygen"}
# content that is not text for a reader: dropped with the element
SKIPPED = {"script", "style", "template", "head", "title", "noscript", "svg", "math", "iframe", "video", "audio",
           "object", "canvas", "select", "textarea", "button", "colgroup", "map"}
NOT_SHOWN = {"svg", "math", "iframe", "video", "audio", "object", "embed", "canvas"}  # worth a warning
KNOWN_TAGS = set(INLINE_MARKS) | BLOCKS | VOID | SKIPPED


@dataclass(frozen=True, slots=True)
class Event:
    kind: str  # start | end | data
    tag: str = ""
    attrs: dict[str, str] = field(default_factory=dict)
    text: str = ""
    line: int = 0  # lines after the first line of the HTML given


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    """The tokenizer class, made on first use: html.parser is imported only for raw HTML."""
    from html.parser import HTMLParser

    class Tokenizer(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.events: list[Event] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            values = {k: v or "" for k, v in attrs}
            self.events.append(Event("start", tag, values, line=self.getpos()[0] - 1))

        def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.handle_starttag(tag, attrs)
            if tag not in VOID:
                self.handle_endtag(tag)

        def handle_endtag(self, tag: str) -> None:
            self.events.append(Event("end", tag, line=self.getpos()[0] - 1))

        def handle_data(self, data: str) -> None:
            self.events.append(Event("data", text=data, line=self.getpos()[0] - 1))

    return Tokenizer


def tag_events(html: str) -> list[Event]:
    """The start tags, end tags and text of ``html``; comments and declarations dropped."""
    tokenizer = _tokenizer()()
    tokenizer.feed(html)
    tokenizer.close()
    events: list[Event] = tokenizer.events
    return events


def marks_inside(marks: Run, tag: str, attrs: dict[str, str], href: Callable[[str], str]) -> Run:
    """The marks of text inside an inline element (``href`` resolves a link's address)."""
    mark = INLINE_MARKS.get(tag)
    if mark == "link":
        return replace(marks, link=href(attrs["href"])) if attrs.get("href") else marks
    if mark in ("sub", "sup"):
        return replace(marks, script=mark)
    if mark == "strong":
        return replace(marks, strong=True)
    if mark == "emph":
        return replace(marks, emph=True)
    if mark == "code":
        return replace(marks, code=True)
    if mark == "strike":
        return replace(marks, strike=True)
    return marks


def pixels(value: str | None) -> int | None:
    """``width="200"`` or ``"200px"`` as pixels; percentages and nonsense as ``None``."""
    text = (value or "").strip().removesuffix("px")
    return int(float(text)) if text.replace(".", "", 1).isdigit() and float(text) >= 1 else None
