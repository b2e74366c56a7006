"""The format-neutral document: what the content means, never how it looks.

Built by ``reportgen.load`` from Markdown and YAML, read by every renderer. No points,
colours, fonts or slide numbers live here; table column widths are fractions. Every
block carries the ``SourceRef`` it came from, so a renderer can still say where a
problem is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

from reportgen.errors import SourceRef


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text with one set of inline marks."""

    text: str
    strong: bool = False
    emph: bool = False
    code: bool = False
    link: str | None = None


Inline = tuple[Run, ...]


def plain(runs: Inline) -> str:
    """The text of some runs, without marks."""
    return "".join(r.text for r in runs)


@dataclass(frozen=True, slots=True)
class Heading:
    level: int  # 1 is the section title; 2 and 3 are sub-headings
    runs: Inline
    source: SourceRef


@dataclass(frozen=True, slots=True)
class Paragraph:
    runs: Inline
    source: SourceRef


@dataclass(frozen=True, slots=True)
class ListItem:
    blocks: tuple[Block, ...]
    source: SourceRef


@dataclass(frozen=True, slots=True)
class BulletList:
    items: tuple[ListItem, ...]
    source: SourceRef
    ordered: bool = False
    start: int = 1


@dataclass(frozen=True, slots=True)
class Table:
    """A grid of inline cells; ``widths`` are fractions of the available width, summing to 1."""

    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]
    widths: tuple[float, ...]
    source: SourceRef
    caption: Inline = ()
    row_labels: bool = False  # the first column names the rows (set it in bold)


@dataclass(frozen=True, slots=True)
class Quote:
    blocks: tuple[Block, ...]
    source: SourceRef


@dataclass(frozen=True, slots=True)
class Callout:
    """A highlighted aside (``::: callout Title``)."""

    blocks: tuple[Block, ...]
    source: SourceRef
    title: str = ""


@dataclass(frozen=True, slots=True)
class Figure:
    """An image; ``path`` is ``None`` when it could not be used and ``alt`` stands in for it."""

    path: Path | None
    alt: str
    source: SourceRef
    caption: str = ""


@dataclass(frozen=True, slots=True)
class CodeBlock:
    text: str
    source: SourceRef
    lang: str = ""


@dataclass(frozen=True, slots=True)
class Rule:
    source: SourceRef


@dataclass(frozen=True, slots=True)
class FaqItem:
    question: Inline
    answer: tuple[Block, ...]
    source: SourceRef


@dataclass(frozen=True, slots=True)
class Faq:
    items: tuple[FaqItem, ...]
    source: SourceRef


@dataclass(frozen=True, slots=True)
class Notes:
    """Speaker notes (``::: notes``): for the deck only, never printed in the handout."""

    blocks: tuple[Block, ...]
    source: SourceRef


@dataclass(frozen=True, slots=True)
class SlideText:
    """The section's own slide text (``::: slides``): for the deck only."""

    blocks: tuple[Block, ...]
    source: SourceRef


Block = Union[
    Heading, Paragraph, BulletList, Table, Quote, Callout, Figure, CodeBlock, Rule, Faq, Notes, SlideText
]


@dataclass(frozen=True, slots=True)
class Section:
    """One content file: its title and its blocks (the title heading not repeated in them)."""

    title: str
    blocks: tuple[Block, ...]
    source: SourceRef
    hints: dict[str, object] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True, slots=True)
class Meta:
    title: str
    source: SourceRef
    subtitle: str = ""
    author: str = ""
    date: str = ""
    lang: str = "en"
    link: str = ""
    keywords: tuple[str, ...] = ()
    event: tuple[tuple[str, str], ...] = ()  # (key, value) pairs: name, date, venue, instructor, …

    def event_value(self, key: str) -> str:
        return dict(self.event).get(key, "")

    @property
    def event_line(self) -> str:
        """The event's name and venue, e.g. "Spring Bootcamp · Berlin" (empty without an event)."""
        return " · ".join(v for v in (self.event_value("name"), self.event_value("venue")) if v)


@dataclass(frozen=True, slots=True)
class Document:
    meta: Meta
    sections: tuple[Section, ...]
    name: str = "guide"  # the output file stem
