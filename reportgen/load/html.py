"""Raw HTML blocks (README headers, ``<details>``, logo tables) mapped onto the model.

GitHub shows the HTML in a README; most of it says something the model can hold: a centred
paragraph, an image, emphasis, a link, a heading, a list, a small table, a collapsible
section (a callout titled by its ``<summary>``). ``HtmlFlow`` builds those blocks from tag
events with a stack of open elements that outlives one HTML block, so Markdown between
``<div align="center">`` and ``</div>`` lands inside the element, as on GitHub. Tags that
mean nothing here are dropped and their text kept; no tag is ever printed as text.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from reportgen.load.html_tags import (
    BLOCKS,
    HEADINGS,
    INLINE_MARKS,
    KNOWN_TAGS,
    NOT_SHOWN,
    SKIPPED,
    VOID,
    Event,
    marks_inside,
    pixels,
    tag_events,
)
from reportgen.load.images import figure_size
from reportgen.load.inline import Img, Item, paragraph_blocks, runs
from reportgen.load.tables import build_table
from reportgen.model import (
    Block,
    BulletList,
    Callout,
    CodeBlock,
    Figure,
    Heading,
    Inline,
    ListItem,
    Paragraph,
    Quote,
    Rule,
    Run,
    plain,
    walk,
)

if TYPE_CHECKING:
    from reportgen.load.context import FileContext

_ROW_GROUPS = {"thead", "tbody", "tfoot"}
_NO_BLOCKS = {"table", "thead", "tbody", "tfoot", "tr", "ul", "ol", "dl"}  # hold only their own parts
# what a start tag closes if it is open (HTML's optional end tags), and where that search stops
_CLOSES = {"li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "tr": {"tr"}, "td": {"td", "th"},
           "th": {"td", "th"}, "thead": _ROW_GROUPS, "tbody": _ROW_GROUPS, "tfoot": _ROW_GROUPS}
_SCOPES = {"li": {"ul", "ol"}, "dt": {"dl"}, "dd": {"dl"}, "tr": {"table"} | _ROW_GROUPS, "td": {"tr"},
           "th": {"tr"}, "thead": {"table"}, "tbody": {"table"}, "tfoot": {"table"}}


@dataclass(frozen=True, slots=True)
class _Row:
    cells: list[Inline]
    line: int | None


@dataclass
class _Element:
    tag: str
    attrs: dict[str, str]
    line: int | None
    align: str = ""
    blocks: list[Block] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)  # inline content not yet made a paragraph
    marks: Run = field(default_factory=lambda: Run(""))
    marks_open: list[tuple[str, Run]] = field(default_factory=list)
    list_items: list[ListItem] = field(default_factory=list)
    rows: list[_Row] = field(default_factory=list)  # of a table or a row group
    cells: list[Inline] = field(default_factory=list)  # of a row
    title: str = ""  # a <details>'s <summary>, a <table>'s <caption>


class HtmlFlow:
    """Blocks of one container level of a Markdown file, where raw HTML may open elements."""

    def __init__(self, file: FileContext) -> None:
        self.file = file
        self.stack = [_Element("#root", {}, None)]
        self.skipping: list[str] = []  # the element whose content is being dropped

    # -- the walker's side -------------------------------------------------------------
    def add(self, blocks: list[Block]) -> None:
        """Markdown blocks, placed in the innermost open element that can hold them."""
        if len(self.stack) == 1:
            self.stack[0].blocks += blocks
            return
        target = next(e for e in reversed(self.stack) if e.tag not in _NO_BLOCKS)
        self._flush(target)
        target.blocks += blocks

    def feed(self, html: str, line: int | None) -> None:
        for event in tag_events(html):
            at = line + event.line if line else None
            if self.skipping:
                if event.kind == "end" and event.tag == self.skipping[-1]:
                    self.skipping.pop()
                elif event.kind == "start" and event.tag == self.skipping[-1]:
                    self.skipping.append(event.tag)
            elif event.kind == "start":
                self._start(event, at)
            elif event.kind == "end":
                self._end(event.tag)
            else:
                self._data(event.text, at)

    def finish(self) -> list[Block]:
        while len(self.stack) > 1:
            self._close()
        self._flush(self.stack[0])
        return self.stack[0].blocks

    # -- events ------------------------------------------------------------------------
    def _start(self, event: Event, line: int | None) -> None:
        tag, attrs, top = event.tag, event.attrs, self.stack[-1]
        if tag in SKIPPED:
            if tag in NOT_SHOWN:
                self.file.warn_once(f"tag:{tag}", f"HTML <{tag}> is not shown in the handout or the deck", line)
            self.skipping.append(tag)
        elif tag == "br":
            top.items.append(replace(top.marks, text="\n"))
        elif tag == "img":
            top.items.append(Img(attrs.get("src", ""), attrs.get("alt", ""), line, attrs.get("title", ""),
                                 pixels(attrs.get("width")), top.marks.link))
        elif tag == "hr":
            self._flush(top)
            top.blocks.append(Rule(self.file.ref(line)))
        elif tag in VOID:
            if tag in NOT_SHOWN:
                self.file.warn_once(f"tag:{tag}", f"HTML <{tag}> is not shown in the handout or the deck", line)
        elif tag in BLOCKS:
            self._open_block(tag, attrs, line)
        else:
            if tag not in KNOWN_TAGS:
                self.file.warn_once(f"tag:{tag}", f"HTML tag <{tag}> is not used by reportgen; its text is kept",
                                    line)
            top.marks_open.append((tag, top.marks))
            top.marks = marks_inside(top.marks, tag, attrs, lambda href: self.file.href(href, line))

    def _open_block(self, tag: str, attrs: dict[str, str], line: int | None) -> None:
        if self.stack[-1].tag == "p":  # a block closes an open paragraph, as in HTML
            self._close()
        closes, scope = _CLOSES.get(tag, set()), _SCOPES.get(tag, set())
        if closes:
            for index in range(len(self.stack) - 1, 0, -1):
                found = self.stack[index].tag
                if found in scope:
                    break
                if found in closes:
                    while len(self.stack) > index:
                        self._close()
                    break
        parent = self.stack[-1]
        self._flush(parent)
        align = (attrs.get("align") or _css_align(attrs.get("style", "")) or parent.align).lower()
        self.stack.append(_Element(tag, attrs, line, align if align in ("center", "right") else ""))

    def _end(self, tag: str) -> None:
        top = self.stack[-1]
        for index in range(len(top.marks_open) - 1, -1, -1):  # an inline element of the open block
            if top.marks_open[index][0] == tag:
                top.marks = top.marks_open[index][1]
                del top.marks_open[index:]
                return
        if tag in INLINE_MARKS or tag not in BLOCKS:
            return
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                while len(self.stack) > index:
                    self._close()
                return
        # an end tag that closes nothing open (</div> of a <div> GitHub saw elsewhere): dropped

    def _data(self, text: str, line: int | None) -> None:
        top = self.stack[-1]
        if top.tag == "pre" or any(e.tag == "pre" for e in self.stack):
            top.items.append(Run(text, code=True))
        elif text.strip() or top.items:
            collapsed = " ".join(text.split())
            edges = (" " if text[:1].isspace() else "") + collapsed + (" " if text[-1:].isspace() and collapsed
                                                                        else "")
            top.items.append(replace(top.marks, text=self.file.text(edges, line)))

    # -- building ----------------------------------------------------------------------
    def _flush(self, element: _Element) -> None:
        """Inline content gathered so far becomes paragraphs (and figures) of ``element``."""
        if element.items and element.tag not in _NO_BLOCKS:
            element.blocks += paragraph_blocks(element.items, self.file, element.line, element.align)
        element.items = []

    def _close(self) -> None:
        element = self.stack.pop()
        parent = self.stack[-1]
        tag, ref = element.tag, self.file.ref(element.line)
        if tag in HEADINGS:
            self._heading(element, parent)
            return
        if tag == "pre":
            text = "".join(i.text for i in element.items if isinstance(i, Run)).strip("\n")
            parent.blocks.append(CodeBlock(text, ref))
            return
        if tag == "summary":
            parent.title = plain(runs(element.items)).strip() or _text_of(element.blocks)
            return
        if tag in ("td", "th", "caption"):
            self._flush(element)
            cell = _cell_runs(element.blocks)
            if tag == "caption":
                parent.title = plain(cell)
            else:
                parent.cells.append(cell)
            return
        if tag == "tr":
            if element.cells:
                parent.rows.append(_Row(element.cells, element.line))
            return
        if tag in _ROW_GROUPS:
            parent.rows += element.rows
            return
        self._flush(element)
        blocks = element.blocks
        if tag == "li" and parent.tag in ("ul", "ol"):
            parent.list_items.append(ListItem(tuple(blocks), ref))
        elif tag in ("ul", "ol"):
            items = tuple(element.list_items)
            if items:
                start = element.attrs.get("start", "1")
                parent.blocks.append(BulletList(items, ref, ordered=tag == "ol",
                                                start=int(start) if start.isdigit() else 1))
        elif tag == "dt":
            parent.blocks += [replace(b, runs=tuple(replace(r, strong=True) for r in b.runs))
                              if isinstance(b, Paragraph) else b for b in blocks]
        elif tag == "dd":
            parent.blocks.append(BulletList((ListItem(tuple(blocks), ref),), ref, marked=False))
        elif tag == "blockquote":
            parent.blocks.append(Quote(tuple(blocks), ref))
        elif tag == "details":
            parent.blocks.append(Callout(tuple(blocks), ref, title=element.title or "Details", kind="details"))
        elif tag == "table":
            parent.blocks += self._table(element)
        else:  # p, div and the other containers: their blocks join the parent's
            parent.blocks += blocks

    def _heading(self, element: _Element, parent: _Element) -> None:
        """A heading's images that can be shown go before it as figures; its text is the heading."""
        text: list[Item] = []
        for item in element.items:
            if isinstance(item, Img) and (path := self.file.image(item.src, item.line)) is not None:
                parent.blocks.append(Figure(path, item.alt, self.file.ref(item.line), item.title, item.width,
                                            figure_size(path)))
            else:
                text.append(item if isinstance(item, Run) else Run(item.alt, link=item.link))
        heading = runs(text)
        words = plain(heading).strip()
        if words:
            stripped = (replace(heading[0], text=heading[0].text.lstrip()),) + heading[1:]
            stripped = stripped[:-1] + (replace(stripped[-1], text=stripped[-1].text.rstrip()),)
            parent.blocks.append(Heading(HEADINGS[element.tag], stripped, self.file.ref(element.line),
                                         self.file.slugger.anchor(words)))
        parent.blocks += element.blocks

    def _table(self, element: _Element) -> list[Block]:
        """The first row is the header (a model table has one); short rows are filled out."""
        rows = element.rows
        if not rows:
            return list(element.blocks)
        width = max(len(row.cells) for row in rows)
        grid = [list(row.cells) + [()] * (width - len(row.cells)) for row in rows]
        if not any(plain(c).strip() for row in grid for c in row):
            return list(element.blocks)  # a table of pictures only (sponsor logos): nothing to read
        caption = (Run(element.title),) if element.title else ()
        table = build_table(grid[0], grid[1:], [row.line for row in rows[1:]], self.file.ref(element.line),
                            caption=caption)
        return [*element.blocks, table]


def _css_align(style: str) -> str:
    for rule in style.split(";"):
        key, _, value = rule.partition(":")
        if key.strip().lower() == "text-align":
            return value.strip()
    return ""


def _cell_runs(blocks: list[Block]) -> Inline:
    """A table cell holds one line of runs: its paragraphs joined by spaces."""
    out: list[Run] = []
    for block in blocks:
        if isinstance(block, (Paragraph, Heading)):
            out += [Run(" ")] if out else []
            out += block.runs
        elif isinstance(block, Figure):
            out += [Run(" ")] if out else []
            out.append(Run(block.alt))
        elif not isinstance(block, Rule):
            text = _text_of([block])
            if text:
                out += [Run(" ")] if out else []
                out.append(Run(text))
    return runs(out)


def _text_of(blocks: list[Block]) -> str:
    parts = [plain(b.runs) for b in walk(tuple(blocks)) if isinstance(b, (Paragraph, Heading))]
    return " ".join(p for p in parts if p)
