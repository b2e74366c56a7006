"""Inline Markdown (markdown-it-py's inline nodes, inline HTML among them) to model runs.

The result of reading a paragraph is a list of ``Run``s and ``Img``s: whether an image
becomes a figure of its own or its alt text stands in the line is decided by
``paragraph_blocks``, for Markdown and raw HTML alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Union
from urllib.parse import unquote

from reportgen.language import quotes_for
from reportgen.load.context import is_remote
from reportgen.load.images import figure_size
from reportgen.model import Block, Figure, Inline, Paragraph, Run, plain

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.tree import SyntaxTreeNode

    from reportgen.load.context import FileContext


@dataclass(frozen=True, slots=True)
class Img:
    """An image met in running text, not yet placed."""

    src: str
    alt: str
    line: int | None
    title: str = ""
    width: int | None = None
    link: str | None = None


Item = Union[Run, Img]


def merge(items: Iterable[Item]) -> list[Item]:
    """Neighbouring runs with the same marks joined; empty runs dropped."""
    out: list[Item] = []
    for item in items:
        last = out[-1] if out else None
        if isinstance(item, Run) and isinstance(last, Run) and replace(last, text="") == replace(item, text=""):
            out[-1] = replace(last, text=last.text + item.text)
        elif not isinstance(item, Run) or item.text:
            out.append(item)
    return out


def runs(items: Iterable[Item]) -> Inline:
    """Only the text: each image as its alt text, linked where the image was."""
    return tuple(i for i in merge(i if isinstance(i, Run) else Run(i.alt, link=i.link) for i in items)
                 if isinstance(i, Run))


def paragraph_blocks(items: list[Item], file: FileContext, line: int | None, align: str = "") -> list[Block]:
    """A paragraph's blocks. Images alone in a paragraph are figures (a single one even when it
    cannot be shown: a placeholder then marks its place); images among text, and in a row of
    images those that cannot be shown (badges), leave their alt text in the line."""
    items = _trim(merge(items))
    if not items:
        return []
    images = [i for i in items if isinstance(i, Img)]
    alone = len(images) == len([i for i in items if not (isinstance(i, Run) and not i.text.strip())])
    if not alone:
        for image in images:
            file.image(image.src, image.line)
        return [Paragraph(runs(items), file.ref(line), align)]
    out: list[Block] = []
    pending: list[Item] = []
    for image in images:
        path = file.image(image.src, image.line)
        if path is None and len(images) > 1:
            pending += [Run(" ")] if pending else []
            pending.append(image)
            continue
        if pending:
            out.append(Paragraph(runs(pending), file.ref(line), align))
            pending = []
        if path is not None and not image.alt:
            file.warn(f"image '{image.src}' has no alt text; describe it between the brackets", image.line)
        alt = image.alt or ("" if is_remote(image.src) else Path(unquote(image.src)).name)
        if path is not None or alt:  # a remote image with no alt text leaves nothing to stand in
            out.append(Figure(path, alt, file.ref(image.line), image.title, image.width, figure_size(path)))
    if pending:
        out.append(Paragraph(runs(pending), file.ref(line), align))
    return out


def _trim(items: list[Item]) -> list[Item]:
    """Without the spaces at either end (raw HTML brings its indentation along)."""
    while items and isinstance(items[0], Run) and not items[0].text.strip(" \n"):
        items = items[1:]
    while items and isinstance(items[-1], Run) and not items[-1].text.strip(" \n"):
        items = items[:-1]
    if items and isinstance(items[0], Run):
        items[0] = replace(items[0], text=items[0].text.lstrip(" \n"))
    if items and isinstance(items[-1], Run):
        items[-1] = replace(items[-1], text=items[-1].text.rstrip(" \n"))
    return items


def curl_left_over_quotes(items: list[Item], quotes: tuple[str, ...]) -> list[Item]:
    """Straight double quotes the typographer left (one without its pair, one before a CJK
    character, text from raw HTML) as the language's opening quote where a word starts, else
    its closing one; never in code."""
    out: list[Item] = []
    before = " "
    for item in items:
        if isinstance(item, Run) and not item.code and '"' in item.text:
            chars = list(item.text)
            for k, char in enumerate(chars):
                if char == '"':
                    previous = chars[k - 1] if k else before
                    chars[k] = quotes[0] if previous.isspace() or previous in "([{" else quotes[1]
            item = replace(item, text="".join(chars))
        if isinstance(item, Run) and item.text:
            before = item.text[-1]
        out.append(item)
    return out


class InlineReader:
    """Reads the inline nodes of one block; ``line`` follows the line breaks it passes."""

    def __init__(self, file: FileContext, line: int | None) -> None:
        self.file, self.line = file, line
        self.out: list[Item] = []
        self.skipping = ""  # an element whose content is not text (<script>, <video>): until its end tag

    def read(self, node: SyntaxTreeNode) -> list[Item]:
        self.walk(node.children, Run(""))
        return curl_left_over_quotes(merge(self.out), quotes_for(self.file.ctx.lang))

    def walk(self, nodes: Iterable[SyntaxTreeNode], marks: Run) -> None:
        html_open: list[tuple[str, Run]] = []  # inline HTML elements open at this level
        for node in nodes:
            kind = node.type
            if self.skipping and kind != "html_inline":
                continue
            if kind in ("text", "text_special"):
                self.out.append(replace(marks, text=self.file.text(node.content, self.line)))
            elif kind in ("softbreak", "hardbreak"):
                self.out.append(replace(marks, text=" " if kind == "softbreak" else "\n"))
                self.line = self.line + 1 if self.line else None
            elif kind == "code_inline":
                self.out.append(replace(marks, text=node.content, code=True))
            elif kind == "strong":
                self.walk(node.children, replace(marks, strong=True))
            elif kind == "em":
                self.walk(node.children, replace(marks, emph=True))
            elif kind == "s":
                self.walk(node.children, replace(marks, strike=True))
            elif kind == "link":
                href = self.file.href(str(node.attrs.get("href", "")), self.line)
                self.walk(node.children, replace(marks, link=href))
            elif kind == "image":
                alt = InlineReader(self.file, self.line)
                alt.walk(node.children, Run(""))
                self.out.append(Img(unquote(str(node.attrs.get("src", ""))), plain(runs(alt.out)), self.line,
                                    str(node.attrs.get("title") or ""), link=marks.link))
            elif kind == "footnote_ref":
                self.out.append(replace(marks, text=str(node.meta["id"] + 1), script="sup", link=None))
            elif kind == "html_inline":
                marks = self.html(node.content, marks, html_open)
            else:  # anything else a plugin makes keeps its text
                self.out.append(replace(marks, text=node.content))

    def html(self, html: str, marks: Run, html_open: list[tuple[str, Run]]) -> Run:
        """Apply one inline HTML tag (or comment) to the marks of what follows it."""
        from reportgen.load.html_tags import (
            INLINE_MARKS,
            KNOWN_TAGS,
            NOT_SHOWN,
            SKIPPED,
            marks_inside,
            pixels,
            tag_events,
        )

        for event in tag_events(html):
            if self.skipping:
                self.skipping = "" if event.kind == "end" and event.tag == self.skipping else self.skipping
                continue
            if event.kind == "start":
                tag = event.tag
                if tag in SKIPPED:
                    self.skipping = tag
                    if tag in NOT_SHOWN:
                        self.file.warn_once(f"tag:{tag}", f"HTML <{tag}> is not shown in the handout or the deck",
                                            self.line)
                elif tag == "br":
                    self.out.append(replace(marks, text="\n"))
                elif tag == "img":
                    src = unquote(event.attrs.get("src", ""))
                    self.out.append(Img(src, event.attrs.get("alt", ""), self.line, event.attrs.get("title", ""),
                                        pixels(event.attrs.get("width")), marks.link))
                elif tag in INLINE_MARKS or tag not in KNOWN_TAGS:
                    if tag not in KNOWN_TAGS:
                        self.file.warn_once(f"tag:{tag}", f"HTML tag <{tag}> is not used by reportgen; its text is "
                                            "kept", self.line)
                    html_open.append((tag, marks))
                    marks = marks_inside(marks, tag, event.attrs, lambda href: self.file.href(href, self.line))
                elif tag in NOT_SHOWN:  # a void one: <embed>
                    self.file.warn_once(f"tag:{tag}", f"HTML <{tag}> is not shown in the handout or the deck",
                                        self.line)
            elif event.kind == "end":
                for index in range(len(html_open) - 1, -1, -1):
                    if html_open[index][0] == event.tag:
                        marks = html_open[index][1]
                        del html_open[index:]
                        break
            elif event.kind == "data" and event.text.strip():
                self.out.append(replace(marks, text=self.file.text(event.text, self.line)))
        return marks


@lru_cache(maxsize=4)
def _inline_parser(quotes: tuple[str, ...]) -> MarkdownIt:
    from markdown_it import MarkdownIt

    options = {"html": False, "typographer": True, "quotes": list(quotes)}
    return MarkdownIt("commonmark", options).enable(["strikethrough", "replacements", "smartquotes"])


def parse_inline(text: str, file: FileContext) -> Inline:
    """Parse one cell of inline Markdown (a data table's), as found in ``file``."""
    from markdown_it.tree import SyntaxTreeNode

    tokens = _inline_parser(quotes_for(file.ctx.lang)).parseInline(text)
    return runs(InlineReader(file, None).read(SyntaxTreeNode(tokens).children[0])) if tokens else ()
