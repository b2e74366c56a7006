"""The format-neutral document: what the content means, never how it looks.

Built by ``reportgen.load`` from Markdown and YAML, read by every renderer. No points,
colours, fonts or slide numbers live here; table column widths are fractions. Every
block carries the ``SourceRef`` it came from, so a renderer can still say where a
problem is.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
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
    link: str | None = None  # a URL, or "#anchor" for a heading in this document (see Heading.anchor)
    strike: bool = False
    script: str = ""  # "sub" or "sup" (footnote references are "sup")


Inline = tuple[Run, ...]


def plain(runs: Inline) -> str:
    """The text of some runs, without marks."""
    return "".join(r.text for r in runs)


@dataclass(frozen=True, slots=True)
class Heading:
    level: int  # 1 is the section title; 2 and 3 are sub-headings (deeper ones are set as 3)
    runs: Inline
    source: SourceRef
    anchor: str = ""  # unique in the document: what "#anchor" links point at
    layout: str = ""  # the template layout its slide is built on, when the author names one ({layout="…"})


@dataclass(frozen=True, slots=True)
class Paragraph:
    runs: Inline
    source: SourceRef
    align: str = ""  # "", "center" or "right": raw HTML's <p align="center"> keeps its alignment


@dataclass(frozen=True, slots=True)
class ListItem:
    blocks: tuple[Block, ...]
    source: SourceRef
    checked: bool | None = None  # a task-list item ("- [ ]" / "- [x]"); None: an ordinary item


@dataclass(frozen=True, slots=True)
class BulletList:
    items: tuple[ListItem, ...]
    source: SourceRef
    ordered: bool = False
    start: int = 1
    marked: bool = True  # False: items without bullets (a definition list's definitions)


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
class Column:
    """One column of a ``Columns`` block, ``width`` its share of the row (0: an equal share)."""

    blocks: tuple[Block, ...]
    source: SourceRef
    width: float = 0.0


@dataclass(frozen=True, slots=True)
class Columns:
    """Blocks side by side on a slide (``:::: columns`` with a ``::: column`` each, as in pandoc
    and Quarto); the handout prints them one after another."""

    columns: tuple[Column, ...]
    source: SourceRef


@dataclass(frozen=True, slots=True)
class Callout:
    """A highlighted aside: ``::: callout Title``, an admonition (``::: warning``, ``> [!TIP]``)
    or an HTML ``<details>`` (its ``<summary>`` is the title)."""

    blocks: tuple[Block, ...]
    source: SourceRef
    title: str = ""
    kind: str = ""  # "", or the admonition it came from: note, tip, important, warning, caution, …


@dataclass(frozen=True, slots=True)
class Figure:
    """An image; ``path`` is ``None`` when it could not be used and ``alt`` stands in for it."""

    path: Path | None
    alt: str
    source: SourceRef
    caption: str = ""
    width_px: int | None = None  # the width the author asked for (<img width="200">), in CSS pixels
    size_px: tuple[float, float] = (0.0, 0.0)  # the image's own width and height in pixels, read when loaded

    @property
    def placeholder(self) -> str:
        """What stands where an image cannot be shown: "[Image: its alt text]"."""
        return f"[Image: {self.alt}]"


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
class Footnote:
    label: str  # the number its references show
    blocks: tuple[Block, ...]
    source: SourceRef


@dataclass(frozen=True, slots=True)
class Footnotes:
    """A section's footnotes, at its end: printed there in the handout, spoken in the deck's notes."""

    items: tuple[Footnote, ...]
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
    layout: str = ""  # the template layout its slides are built on, when the author names one


Block = Union[
    Heading, Paragraph, BulletList, Table, Quote, Callout, Columns, Figure, CodeBlock, Rule, Faq, Footnotes, Notes,
    SlideText
]


@dataclass(frozen=True, slots=True)
class Section:
    """One content file: its title and its blocks (the title heading not repeated in them)."""

    title: str
    blocks: tuple[Block, ...]
    source: SourceRef
    anchor: str = ""  # what "#anchor" links to the section's title (or to its file) point at
    slides: bool = True  # front matter "slides: false" leaves the section out of the deck
    handout: bool = True  # and "handout: false" out of the handout


@dataclass(frozen=True, slots=True)
class Meta:
    title: str
    source: SourceRef
    subtitle: str = ""
    author: str = ""
    organization: str = ""  # whose handout and deck it is, when not the brand's (``meta.name``)
    date: str = ""  # as printed: "15 January 2026"
    lang: str = "en"
    link: str = ""
    keywords: tuple[str, ...] = ()
    event: tuple[tuple[str, str], ...] = ()  # (key, value) pairs: name, date, venue, instructor, …
    date_iso: str = ""  # the date as "2026-01-15" when it is one (the files' creation date), else ""

    def event_value(self, key: str) -> str:
        return dict(self.event).get(key, "")

    def byline(self, organization: str) -> str:
        """The author line: the author, unless it only repeats the organisation shown with it."""
        return self.author if self.author != organization else ""

    @property
    def full_title(self) -> str:
        """"Title: Subtitle", as a document's metadata and running header name it."""
        return f"{self.title}: {self.subtitle}" if self.subtitle else self.title

    @property
    def event_line(self) -> str:
        """The event's name and venue, e.g. "Spring Bootcamp · Berlin" (empty without an event)."""
        return " · ".join(v for v in (self.event_value("name"), self.event_value("venue")) if v)


@dataclass(frozen=True, slots=True)
class Document:
    meta: Meta
    sections: tuple[Section, ...]
    name: str = "guide"  # the output file stem
    inputs: tuple[Path, ...] = ()  # every file loading read or looked for (a rebuild checks these)


def walk(blocks: tuple[Block, ...], skip: tuple[type, ...] = ()) -> Iterator[Block]:
    """Every block, depth first, those nested in lists, asides, FAQs and notes included;
    blocks of the types in ``skip`` are left out with all they hold."""
    for block in blocks:
        if isinstance(block, skip):
            continue
        yield block
        match block:
            case BulletList(items=items):
                for item in items:
                    yield from walk(item.blocks, skip)
            case Quote(blocks=inner) | Callout(blocks=inner) | Notes(blocks=inner) | SlideText(blocks=inner):
                yield from walk(inner, skip)
            case Faq(items=questions):
                for question in questions:
                    yield from walk(question.answer, skip)
            case Columns(columns=columns):
                for column in columns:
                    yield from walk(column.blocks, skip)
            case Footnotes(items=notes):
                for note in notes:
                    yield from walk(note.blocks, skip)
