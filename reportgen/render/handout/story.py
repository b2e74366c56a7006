"""Document + Theme → the PDF handout (reportlab platypus), as bytes.

Blocks become flowables here; page furniture (cover, header, footer, notes lines) is in
``pages.py`` and ``render/pdf/furniture.py``. Styles come only from the theme, through ``paragraph_style``.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    ListFlowable,
    ListItem,
    LongTable,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    TableStyle,
    XPreformatted,
)
from reportlab.platypus.doctemplate import BaseDocTemplate, LayoutError, PageTemplate
from reportlab.platypus.flowables import BulletDrawer, HRFlowable
from reportlab.platypus.frames import Frame

from reportgen import model as m
from reportgen import progress
from reportgen.errors import Diagnostics, ReportgenError, SourceRef
from reportgen.fonts import continuation_mark, width
from reportgen.highlight import expand_tabs, highlight, wrap
from reportgen.language import text_language
from reportgen.load.svg import is_svg
from reportgen.measure import column_widths, longest_words
from reportgen.render.dates import set_pdf_dates
from reportgen.render.handout.aside import Aside
from reportgen.render.handout.contents import Contents, Entry
from reportgen.render.handout.keeps import KeepStart, keep_with_next
from reportgen.render.handout.opener import SectionOpener
from reportgen.render.handout.pages import Cover, NotesSpace
from reportgen.render.handout.sources import inherit, tag, unplaceable
from reportgen.render.pdf import compat
from reportgen.render.pdf.bidi import BidiParagraph, paragraph, rtl_style
from reportgen.render.pdf.furniture import decorate_page, numbered_canvas, paragraph_style, rgb
from reportgen.render.pdf.markup import code_markup, markup, plain_markup
from reportgen.render.pdf.tagging import (
    ARTIFACT,
    MarkedFlowable,
    Node,
    Tagger,
    content,
    heading_role,
    link_words,
    marked,
    tagger_of,
)
from reportgen.render.svg import draw_svg
from reportgen.render.table_columns import column_groups
from reportgen.theme import HandoutMetrics, Theme

_ALIGNMENTS = {"center": 1, "right": 2}  # reportlab's TA_CENTER, TA_RIGHT
PX = 0.75  # format: points per CSS pixel (1/96 inch): an <img width="…"> in pixels


def _anchors(section: m.Section) -> list[str]:
    """The anchors a section's printed headings (and its title) give links to jump to."""
    printed = m.walk(section.blocks, skip=(m.Notes, m.SlideText))  # the deck's alone
    found = [b.anchor for b in printed if isinstance(b, m.Heading) and b.anchor]
    return [section.anchor, *found] if section.anchor else found


def _tasks(block: m.BulletList) -> bool:
    return any(item.checked is not None for item in block.items)


class _CheckBox(Flowable):  # type: ignore[misc]
    """A task-list item's first block with its box drawn in the margin to its left."""

    def __init__(self, inner: Flowable, checked: bool, size: float, theme: Theme, label: Node | None = None) -> None:
        super().__init__()
        self.inner, self.checked, self.size, self.theme = inner, checked, size, theme
        self.label = label  # the item's Lbl element, which the box is

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = self.inner.wrap(avail_width, avail_height)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts = self.inner.split(avail_width, avail_height)
        return [_CheckBox(parts[0], self.checked, self.size, self.theme, self.label), *parts[1:]] if parts else []

    def getSpaceBefore(self) -> float:
        return float(self.inner.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.inner.getSpaceAfter())

    def draw(self) -> None:
        from reportgen.render.pdf.checkbox import draw_check_box

        hm = self.theme.handout
        side = hm.check_box_scale * self.size
        baseline = self.height - self.size  # the first line's baseline, near enough for a box
        with content(self.canv, self.label):  # before the item's text, as it is read
            draw_check_box(self.canv, -side - hm.check_box_gap, baseline, side, self.checked, self.theme.bullet_color,
                           hm)
        self.inner.drawOn(self.canv, 0, 0)


class _Vector(MarkedFlowable, Flowable):  # type: ignore[misc]
    """An SVG figure, drawn as vectors; sized as ``Image`` is (``imageWidth`` × ``imageHeight``
    natural, in pixels taken as points, ``drawWidth`` × ``drawHeight`` shown)."""

    def __init__(self, path: Path, width: float, height: float) -> None:
        super().__init__()
        self.path, self.imageWidth, self.imageHeight = path, width, height
        self.drawWidth, self.drawHeight = width, height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.drawWidth, self.drawHeight

    def draw(self) -> None:
        draw_svg(self.canv, self.path, 0, 0, self.drawWidth, self.drawHeight)


class _Picture(MarkedFlowable, Image):  # type: ignore[misc]
    """A bitmap figure, the content of its Figure element."""


class _Code(MarkedFlowable, XPreformatted):  # type: ignore[misc]
    """A code block, the content of its Code element."""


class _Rule(MarkedFlowable, HRFlowable):  # type: ignore[misc]
    """A rule: drawn as an artifact."""

    struct = ARTIFACT


class _Label(BulletDrawer):  # type: ignore[misc]
    """A list item's bullet or number, drawn as the content of its Lbl element."""

    def __init__(self, drawer: BulletDrawer, node: Node | None) -> None:
        self.__dict__.update(drawer.__dict__)
        self.node = node

    def drawOn(self, indenter: Any, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802
        with content(canvas, self.node):
            super().drawOn(indenter, canvas, x, y, _sW)


class _List(ListFlowable):  # type: ignore[misc]
    """A list whose items' bullets are the content of ``labels`` (one Lbl element per item, in order)."""

    def __init__(self, items: list[ListItem], labels: list[Node], **options: Any) -> None:
        super().__init__(items, **options)
        self.labels = list(labels)

    def _makeBullet(self, value: Any, params: Any = None) -> BulletDrawer:  # noqa: N802 (reportlab's name)
        return _Label(super()._makeBullet(value, params), self.labels.pop(0) if self.labels else None)


def _table_artifacts(table: Any, event: str, *_: Any) -> None:
    """reportlab's table drawing callback: its fills and rules are artifacts (the cells' paragraphs
    tag themselves)."""
    tagger = tagger_of(table.canv)
    if tagger is not None and event in ("startBG", "startLines"):
        tagger.begin_artifact(table.canv)
    elif tagger is not None and event in ("endBG", "endLines"):
        tagger.end_artifact(table.canv)


_BOXES: dict[bool | None, str] = {True: "\u2611", False: "\u2610"}  # what a task's box says to a screen reader: ☑, ☐


def _short(block: m.BulletList, hm: HandoutMetrics) -> bool:
    """Few, brief items, nested ones counted: better moved whole to the next page than split."""
    inner = list(m.walk((block,)))
    items = sum(len(b.items) for b in inner if isinstance(b, m.BulletList))
    text = sum(len(m.plain(b.runs)) for b in inner if isinstance(b, m.Paragraph))
    return items <= hm.short_list_items and text < hm.short_list_chars and all(
        isinstance(b, (m.BulletList, m.Paragraph)) for b in inner)


class _Anchored(BidiParagraph):
    """A heading inside a list item or an aside: no bookmark in the outline, but where links
    to its ``anchor`` lead (the document template never sees it, so it marks the page itself)."""

    def __init__(self, text: str, style: Any, anchor: str) -> None:
        super().__init__(text, style)
        self.anchor = anchor

    def draw(self) -> None:
        self.canv.bookmarkHorizontal(self.anchor, 0, self.height)
        super().draw()


class _Heading(BidiParagraph):
    """A heading that the document template turns into a bookmark and a contents entry, and
    into the destination of links to its ``anchor``."""

    def __init__(self, text: str, style: Any, title: str, level: int, key: str, toc: bool, anchor: str) -> None:
        super().__init__(text, style)
        self.title, self.level, self.key, self.toc, self.anchor = title, level, key, toc, anchor


class _Handout(BaseDocTemplate):  # type: ignore[misc]
    def __init__(self, buffer: io.BytesIO, theme: Theme, doc: m.Document) -> None:
        box, meta = theme.page, doc.meta
        self.meta = meta
        full_title = meta.full_title
        self.tagger: Tagger | None = None  # set by ``render_pdf`` to the story's
        # for the progress display: the story's flowables by identity (set by ``render_pdf``; the
        # pieces reportlab splits and groups them into are new), and how many are placed
        self.story_index: dict[int, int] = {}
        self.placed = 0
        super().__init__(
            buffer,
            pagesize=(box.width, box.height),
            leftMargin=box.left, rightMargin=box.right, topMargin=box.top, bottomMargin=box.bottom,
            title=full_title,
            author=meta.author or theme.name, subject=meta.subtitle, keywords=", ".join(meta.keywords),
            creator="reportgen", producer="reportgen", lang=meta.lang, invariant=1,
            keepTogetherClass=keep_with_next,
        )
        words = theme.words_for(meta.lang)
        cover = Frame(0, 0, box.width, box.height, 0, 0, 0, 0, id="cover")
        body = Frame(box.left, box.bottom, box.inner_width, box.inner_height, 0, 0, 0, 0, id="body")
        self.addPageTemplates([
            PageTemplate("cover", [cover]),
            PageTemplate("body", [body], onPage=lambda c, d: decorate_page(c, d, theme, full_title, words)),
        ])

    def beforeDocument(self) -> None:
        set_pdf_dates(self.canv, self.meta)
        self.canv.tagger = self.tagger

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        """reportlab's, but the pieces a flowable splits into keep its block's source, and a
        flowable that fits no page is reported at that source (``sources.py``)."""
        first, count = flowables[0], len(flowables)
        try:
            super().handle_flowable(flowables)
        except LayoutError:
            raise unplaceable(first) from None
        inherit(flowables[:len(flowables) - count + 1], first)  # the pieces put back, if it split
        self.placed = max(self.placed, self.story_index.get(id(first), 0))  # (a placed block's id may be reused)
        progress.step("flowables", self.placed, len(self.story_index))
        progress.step("pages", self.page)

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, (_Heading, SectionOpener)):
            self.canv.bookmarkPage(flowable.key)
            if flowable.anchor:
                self.canv.bookmarkPage(flowable.anchor)
            self.canv.addOutlineEntry(flowable.title, flowable.key, flowable.level, closed=flowable.level > 0)
            self.canv.heading_pages[flowable.key] = self.page


def render_pdf(doc: m.Document, theme: Theme, diag: Diagnostics) -> bytes:
    """Render the handout; a block that cannot be placed is reported at its source line."""
    maker = _Story(theme, diag, Tagger(doc.meta.lang, doc.meta.full_title))
    story = maker.document(doc)
    buffer = io.BytesIO()
    template = _Handout(buffer, theme, doc)
    template.tagger = maker.tagger
    template.story_index = {id(flowable): i for i, flowable in enumerate(story, 1)}
    try:
        template.build(story, canvasmaker=numbered_canvas(theme, theme.words_for(doc.meta.lang)))
    except LayoutError:  # one raised outside _Handout.handle_flowable, so not tied to a block
        raise ReportgenError("cannot lay out the handout: a block is taller than a page",
                             hint="shorten long tables, lists and asides, or split them") from None
    return buffer.getvalue()


class _Story:
    """Turns the model into a list of flowables, one method per block type."""

    def __init__(self, theme: Theme, diag: Diagnostics, tagger: Tagger) -> None:
        self.theme, self.diag = theme, diag
        self.tagger, self.parent = tagger, tagger.root  # the structure element blocks are made in
        self.lang = tagger.lang
        self.heading_depth = 0  # the level (H1 = 1) of the heading last made, so levels never skip
        self.styles: dict[str, Any] = {}
        self.keys = 0
        self.outline_level = 0
        self.contents: list[Entry] = []  # filled as headings are made, read when the contents are laid out
        self.anchors: frozenset[str] = frozenset()  # the headings links can jump to: those printed
        self.width = theme.page.inner_width  # of the text where blocks are being made (less indents)
        self.free = theme.page.inner_width - theme.measure  # right of the reading measure: text stays out of it

    @contextmanager
    def narrower(self, points: float) -> Iterator[None]:
        """Make blocks for a list item or an aside, ``points`` narrower than the text around:
        tables, images and code then take the width they are given, not the page's."""
        self.width -= points
        try:
            yield
        finally:
            self.width += points

    @contextmanager
    def boxed(self) -> Iterator[None]:
        """Make the blocks of a box that is itself as wide as the measure: its text may take
        the box's whole width."""
        free, self.free = self.free, 0.0
        try:
            with self.narrower(free):
                yield
        finally:
            self.free = free

    @contextmanager
    def within(self, node: Node) -> Iterator[Node]:
        """Make the blocks of structure element ``node``."""
        parent, self.parent = self.parent, node
        try:
            yield node
        finally:
            self.parent = parent

    def element(self, role: str, text: str = "", runs: m.Inline = (), **attributes: Any) -> Node:
        """A structure element in the one blocks are made in, for ``text`` (or ``runs``): its
        language when its script says it differs from the document's, and its links' words."""
        lang = text_language(text or m.plain(runs), self.lang)
        return self.parent.add(role, lang=lang, links=link_words(runs), **attributes)

    def style(self, role: str, **overrides: Any) -> Any:
        key = role + repr(sorted(overrides.items()))
        if key not in self.styles:
            self.styles[key] = paragraph_style(self.theme.style(role), role, **overrides)
        return self.styles[key]

    def para(self, runs: m.Inline, role: str, tag: str = "P", **overrides: Any) -> Paragraph:
        """A paragraph of text, set in the reading measure: the content of a ``tag`` element."""
        text = markup(runs, self.theme, self.theme.style(role), self.anchors)
        made = paragraph(text, self.style(role, rightIndent=self.free, **overrides), m.plain(runs))
        return marked(made, self.element(tag, runs=runs))

    def document(self, doc: m.Document) -> list[Flowable]:
        words = self.theme.words_for(doc.meta.lang)
        cover = Cover(doc.meta, self.theme, self.parent.add("Sect"))
        story: list[Flowable] = [cover, NextPageTemplate("body"), PageBreak()]
        if self.theme.toc:
            indent = self.theme.handout.contents_indent
            title = self.heading(words.contents, "toc.title", level=0, toc=False, depth=1)
            contents = Contents(self.contents, [self.style("toc.1"), self.style("toc.2", leftIndent=indent)],
                                self.theme.handout, self.theme.style("toc.1").family, rgb(self.theme.colors.accent),
                                node=self.parent.add("TOC"))
            story += [title, contents, PageBreak()]
        handout = [s for s in doc.sections if s.handout]
        self.anchors = frozenset(a for s in handout for a in _anchors(s))
        notes, hm = self.theme.notes, self.theme.handout
        for index, section in enumerate(handout):
            label = f"{words.section.upper()} {index + 1:02d}" if len(handout) > 1 else ""  # a README: one
            with self.within(self.parent.add("Sect")):
                story.append(self.heading(section.title, "heading.1", level=0, toc=True, anchor=section.anchor,
                                          source=section.source, label=label, depth=1))
                story += self.blocks(section.blocks, top=True)
            if notes == "fill":
                story.append(NotesSpace(self.theme, self.notes_label(words.notes, "heading.3"), hm.notes_least_room))
            elif notes == "page":
                story += [PageBreak(), NotesSpace(self.theme, self.notes_label(words.notes, "heading.2"))]
            if index < len(handout) - 1:
                story.append(PageBreak())
        if notes == "end":
            for _ in range(hm.notes_end_pages):
                story += [PageBreak(), NotesSpace(self.theme, self.notes_label(words.notes, "heading.2"))]
        return story

    def notes_label(self, word: str, role: str) -> Flowable:
        """"Notes" over the ruled lines, as a heading of ``role`` outside the outline (and, like
        the lines, an artifact: room to write, not content)."""
        return paragraph(plain_markup(word, self.theme.style(role).family, True), self.style(role, spaceBefore=0), word)

    def heading(self, title: str, role: str, level: int, toc: bool, anchor: str = "",
                source: SourceRef | None = None, label: str | None = None, depth: int = 1) -> Flowable:
        """A heading; ``level`` is its outline depth (``-1``: not in the outline); with a
        ``label`` ("SECTION 03", or ``""`` for a document of one section), a section's opening.
        ``depth`` is its level in the structure tree (H1 = 1), never more than one below the last."""
        self.keys += 1
        self.heading_depth = min(depth, self.heading_depth + 1)
        node = self.element(heading_role(self.heading_depth), title)
        style = self.style(role, keepWithNext=1, rightIndent=self.free)
        text = plain_markup(title, self.theme.style(role).family, self.theme.style(role).bold)
        if level < 0:
            style = rtl_style(style, title)
            return marked(_Anchored(text, style, anchor) if anchor else paragraph(text, style, title), node)
        level = min(level, self.outline_level + 1)
        self.outline_level = level
        if toc:
            self.contents.append(Entry(level, title, f"h{self.keys}", source, (label or "").rsplit(" ", 1)[-1]))
        if label is not None:
            return SectionOpener(marked(paragraph(text, rtl_style(style, title), title), node), label, self.theme,
                                 title=title, level=level, key=f"h{self.keys}", toc=toc, anchor=anchor)
        return marked(_Heading(text, rtl_style(style, title), title, level, f"h{self.keys}", toc, anchor), node)

    def blocks(self, blocks: tuple[m.Block, ...], role: str = "body", top: bool = False) -> list[Flowable]:
        """The flowables of ``blocks``. ``top``: they go straight into the story, not into a list
        item or an aside. Only there are short lists kept together (a
        ``KeepTogether`` that does not fit splits into a frame break and its content, and in a
        list item the break would be drawn: "_FrameBreak.wrap should never be called"), and
        only there do headings get a bookmark and a contents entry (the document template
        never sees a heading inside another flowable, so its link would point nowhere)."""
        out: list[Flowable] = []
        for index, block in enumerate(blocks):
            flowables = self.block(block, role, top)
            tag(flowables, block)
            if top and isinstance(block, m.Paragraph) and out and isinstance(out[-1], (_Heading, SectionOpener)) \
                    and self.one_line(block) and index < len(blocks) - 1:
                compat.keep_with_next(flowables[0], True)  # a heading needs more than one line under it
            if top and isinstance(block, m.BulletList):
                # reportlab keeps nothing with a list (a container): its heading and lead-in
                # ("… include:") are grouped with it here; a short list moves whole with them,
                # a long one keeps its first item with them (``keeps.KeepStart``)
                kept: list[Flowable] = []
                while out and out[-1].getKeepWithNext():
                    kept.insert(0, out.pop())
                if _short(block, self.theme.handout):
                    flowables = [KeepTogether(kept + flowables)]
                elif kept:
                    flowables = [KeepStart(kept + flowables)]
            out += flowables
        return out

    def block(self, block: m.Block, role: str = "body", top: bool = False) -> list[Flowable]:
        match block:
            case m.Heading(level=level, runs=runs, source=source, anchor=anchor):
                outline = level - 1 if top else -1
                role = f"heading.{min(level, self.theme.handout.heading_levels)}"
                return [self.heading(m.plain(runs), role, outline, top and level == 2, anchor, source, depth=level)]
            case m.Paragraph(runs=runs, align=align):
                # a lead-in ("… include:") stays on the page of what it introduces
                lead_in = m.plain(runs).rstrip().endswith(":")
                overrides: dict[str, Any] = {"keepWithNext": 1} if lead_in else {}
                if align:
                    overrides["alignment"] = _ALIGNMENTS[align]
                return [self.para(runs, role, **overrides)]
            case m.BulletList():
                return [self.bullets(block, role)]
            case m.Table():
                return self.table(block)
            case m.Quote(blocks=inner) | m.Callout(blocks=inner):
                title, kind = (block.title, block.kind) if isinstance(block, m.Callout) else ("", "")
                return [self.aside(inner, title, isinstance(block, m.Quote), kind)]
            case m.Figure():
                return self.figure(block)
            case m.CodeBlock(text=text, lang=lang):
                return [self.code(text, lang)]
            case m.Rule():
                hm = self.theme.handout
                return [_Rule(width="100%", thickness=hm.hairline, color=rgb(self.theme.colors.rule),
                                   spaceBefore=hm.rule_space_before, spaceAfter=hm.rule_space_after)]
            case m.Faq(items=items):
                return [f for item in items for f in self.faq_item(item, top)]
            case m.Footnotes():
                return self.footnotes(block)
            case m.Columns(columns=columns):  # side by side on a slide; one after another on a page
                return [f for column in columns for f in self.blocks(column.blocks, role, top)]
            case m.Notes() | m.SlideText():
                return []  # the deck's alone
            case _:
                raise AssertionError(f"unhandled block {block!r}")

    def one_line(self, block: m.Paragraph) -> bool:
        """Whether a paragraph of body text takes a single line of the measure."""
        body = self.theme.style("body")
        return width(m.plain(block.runs), body.family, body.size) <= self.width - self.free

    def bullets(self, block: m.BulletList, role: str) -> Flowable:
        hm = self.theme.handout
        indent: float = hm.list_indent if block.ordered or not block.marked or _tasks(block) else hm.bullet_indent
        size = self.theme.style("list").size
        if block.ordered and block.marked and not _tasks(block):  # room for the widest number, "100."
            last = f"{block.start + len(block.items) - 1}."
            indent = max(indent, width(last, self.theme.style("list").family, size) + hm.list_number_gap)
        items, labels = [], []
        with self.narrower(indent), self.within(self.parent.add("L")):
            for item in block.items:
                with self.within(self.parent.add("LI")):
                    label = self.parent.add("Lbl", actual=_BOXES.get(item.checked, ""))
                    labels.append(label)
                    with self.within(self.parent.add("LBody")):
                        inner = self.blocks(item.blocks, "list") or [Spacer(1, size)]  # "-" alone: an empty item
                if item.checked is not None:
                    inner[0] = _CheckBox(inner[0], item.checked, size, self.theme, label)
                items.append(ListItem(inner, spaceAfter=hm.list_item_space_after))
        if not block.marked or _tasks(block):  # no bullet: a box is drawn, or nothing
            return _List(items, [], bulletType="bullet", start="", leftIndent=indent, spaceAfter=hm.list_space_after)
        if block.ordered:
            # "3." as the deck writes it (reportlab's numbers alone would be "3")
            return _List(items, labels, bulletType="1", bulletFormat="%s.", start=block.start, leftIndent=indent,
                         bulletFontSize=size,
                         bulletFontName=self.theme.style("list").face, bulletColor=rgb(self.theme.bullet_color),
                         spaceAfter=hm.list_space_after)
        return _List(items, labels, bulletType="bullet", start="•", leftIndent=indent, bulletFontSize=size,
                     bulletFontName=self.theme.style("list").face, bulletColor=rgb(self.theme.bullet_color),
                     bulletOffsetY=0, spaceAfter=hm.list_space_after)

    def table(self, table: m.Table) -> list[Flowable]:
        """A table; one too wide for the page is dealt out into narrower ones (``column_groups``)."""
        hm = self.theme.handout
        widths = self._column_widths(table)
        if min(widths) >= 2 * hm.table_cell_pad_x + hm.table_min_text_width:
            return self._table(table, widths)
        groups = column_groups(table, int(self.width // hm.table_group_column_width))
        return [f for group in groups for f in self._table(group, self._column_widths(group))]

    def _table(self, table: m.Table, widths: list[float]) -> list[Flowable]:
        """A table in chunks of ``table_chunk_rows`` rows: reportlab re-measures every remaining row at
        each page break, so one 10,000-row table would take minutes; chunks keep it linear.
        Each chunk repeats the header row, as every page of a long table does anyway."""
        t, hm = self.theme, self.theme.handout
        head_style, body_style = self.style("table.header"), self.style("table.body")
        label_style = self.style("table.body", fontName=t.style("table.body").family.face(bold=True))
        out: list[Flowable] = []
        with self.within(self.parent.add("Table")):
            if table.caption:
                out.append(self.para(table.caption, "caption", "Caption", keepWithNext=1,
                                     spaceBefore=hm.table_caption_space_before,
                                     spaceAfter=hm.table_caption_space_after))
            with self.within(self.parent.add("THead")), self.within(self.parent.add("TR")):
                header = [self.cell(c, head_style, "table.header", "TH", "Column") for c in table.header]
            rows = []
            with self.within(self.parent.add("TBody")):
                for row in table.rows:
                    with self.within(self.parent.add("TR")):
                        rows.append([self.cell(cell, label_style, "table.body", "TH", "Row")
                                     if table.row_labels and col == 0 else self.cell(cell, body_style, "table.body")
                                     for col, cell in enumerate(row)])
        chunk_rows = hm.table_chunk_rows
        chunks = [rows[i:i + chunk_rows] for i in range(0, len(rows), chunk_rows)] or [[]]
        for index, chunk in enumerate(chunks):
            last = index == len(chunks) - 1
            out.append(self._grid([header, *chunk], widths, space_before=hm.table_space_before if index == 0 else 0,
                                  space_after=hm.table_space_after if last else 0))
        return out

    def cell(self, runs: m.Inline, style: Any, role: str, tag: str = "TD", scope: str = "") -> Paragraph:
        """A table cell's paragraph, the content of its TD (or TH, with its ``scope``) element."""
        made = paragraph(markup(runs, self.theme, self.theme.style(role), self.anchors), style, m.plain(runs))
        return marked(made, self.element(tag, runs=runs, scope=scope))

    def _column_widths(self, table: m.Table) -> list[float]:
        """The content-weighted fractions, widened where a column's longest word needs it."""
        head, body = self.theme.style("table.header"), self.theme.style("table.body")
        words = longest_words(table, (head.family, head.size), (body.family, body.size))
        needs = [w + 2 * self.theme.handout.table_cell_pad_x + 1 for w in words]
        return column_widths(table.widths, self.width, needs)

    def _grid(self, rows: list[list[Flowable]], widths: list[float], space_before: float,
              space_after: float) -> Flowable:
        t, hm = self.theme, self.theme.handout
        grid = LongTable(rows, colWidths=widths, repeatRows=1, splitInRow=1, renderCB=_table_artifacts,
                         hAlign="LEFT", spaceBefore=space_before, spaceAfter=space_after)
        commands: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (-1, -1), t.style("table.body").face, t.style("table.body").size),
            ("BACKGROUND", (0, 0), (-1, 0), rgb(t.row_fill(0))),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), hm.table_cell_pad_x),
            ("RIGHTPADDING", (0, 0), (-1, -1), hm.table_cell_pad_x),
            ("TOPPADDING", (0, 0), (-1, -1), hm.table_cell_pad_top),
            ("BOTTOMPADDING", (0, 0), (-1, -1), hm.table_cell_pad_bottom),
            ("LINEBELOW", (0, 1), (-1, -1), hm.hairline, rgb(t.colors.rule)),
        ]
        if t.table_zebra:
            commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [rgb(t.row_fill(1)), rgb(t.row_fill(2))]))
        grid.setStyle(TableStyle(commands))
        return grid

    def aside(self, blocks: tuple[m.Block, ...], title: str, italic: bool, kind: str = "") -> Flowable:
        """A quote (a BlockQuote element) or a callout (an Aside), its title a paragraph of it."""
        inner: list[Flowable] = []
        hm = self.theme.handout
        free = self.free
        with self.within(self.parent.add("BlockQuote" if italic else "Aside")):
            if title:
                inner.append(marked(paragraph(plain_markup(title, self.theme.style("heading.3").family, bold=True),
                                              self.style("heading.3", spaceBefore=0, keepWithNext=1), title),
                                    self.element("P", title)))
            with self.boxed(), self.narrower(hm.aside_padding.left + hm.aside_padding.right):
                inner += self.blocks(blocks, "quote" if italic else "body")
        return Aside(inner, rgb(self.theme.colors.tint), hm.aside_padding, hm.aside_space_before, hm.aside_space_after,
                     rgb(self.theme.callout_bar(kind)), hm.aside_bar_width, right_margin=free)

    def footnotes(self, block: m.Footnotes) -> list[Flowable]:
        """The section's footnotes at its end, in small print under a short rule."""
        t, hm = self.theme, self.theme.handout
        rule = _Rule(width=hm.footnote_rule_width, thickness=hm.hairline, color=rgb(t.colors.rule), hAlign="LEFT",
                          spaceBefore=hm.footnote_rule_space_before, spaceAfter=hm.footnote_rule_space_after)
        items, labels = [], []
        with self.narrower(hm.footnote_indent):
            for note in block.items:
                with self.within(self.parent.add("Note")):
                    labels.append(self.parent.add("Lbl"))
                    items.append(ListItem(self.blocks(note.blocks, "caption") or [Spacer(1, 1)], value=note.label,
                                          spaceAfter=hm.footnote_space_after))
        style = t.style("caption")
        notes = _List(items, labels, bulletType="1", start=block.items[0].label, leftIndent=hm.footnote_indent,
                      bulletFontName=style.face, bulletFontSize=style.size, bulletColor=rgb(style.color),
                      spaceAfter=hm.footnotes_space_after)
        rule.keepWithNext = 1
        return [rule, notes]

    def code(self, text: str, lang: str = "") -> Flowable:
        """Code in a tinted box, its tokens in the theme's colours for their roles (``highlight``),
        its lines cut where the box ends (``measure.code_lines``: after a space or punctuation
        mark if one is near), continued lines starting with an arrow, each piece of a token in
        its colour. Tabs stop every ``code_tab_stop`` columns (4, as in CommonMark)."""
        ts, hm, colors = self.theme.style("code"), self.theme.handout, self.theme.code
        mark = continuation_mark(ts.family) + " "
        columns = int((self.width - hm.code_padding.left - hm.code_padding.right) // width("0", ts.family, ts.size))
        lines = [piece for line in highlight(text, lang)
                 for piece in wrap(expand_tabs(line, hm.code_tab_stop), columns, mark, "")]
        code = marked(_Code(code_markup(lines, colors, ts.family), self.style("code", textColor=rgb(colors.plain))),
                      self.element("Code", text))
        ground = self.theme.colors.code_ground or self.theme.colors.tint
        return Aside([code], rgb(ground), hm.code_padding, hm.code_space_before, hm.code_space_after)

    def figure(self, fig: m.Figure) -> list[Flowable]:
        """The image (or its alt text) and its caption, tied by ``keepWithNext``: the story keeps
        them together, also when a list item brings them there (a ``KeepTogether`` cannot)."""
        t, hm = self.theme, self.theme.handout
        if fig.path is None:
            main = self.aside((m.Paragraph((m.Run(fig.placeholder, emph=True),), fig.source),), "", True)
        else:
            main = _Vector(fig.path, *fig.size_px) if is_svg(fig.path) else _Picture(str(fig.path))
            main.struct = self.element("Figure", alt=fig.alt or fig.caption or fig.path.name)
            asked = fig.width_px * PX / main.imageWidth if fig.width_px else 1.0  # <img width="200">
            tallest = t.page.inner_height * hm.image_max_height_share
            scale = min(self.width / main.imageWidth, tallest / main.imageHeight, asked, 1.0)
            main.drawWidth, main.drawHeight = main.imageWidth * scale, main.imageHeight * scale
            main.hAlign = "CENTER"
            main.spaceBefore, main.spaceAfter = hm.image_space_before, hm.image_space_after
        caption = fig.caption or (fig.alt if fig.path else "")
        if not caption:
            return [main]
        main.keepWithNext = 1
        text = plain_markup(caption, self.theme.style("caption").family)
        style = self.style("caption", alignment=1, spaceBefore=hm.figure_caption_space_before,
                           spaceAfter=hm.figure_caption_space_after)
        return [main, marked(paragraph(text, style, caption), self.element("Caption", caption))]

    def faq_item(self, item: m.FaqItem, top: bool) -> list[Flowable]:
        """A question and its answer. The question is kept with the start of the answer (its
        ``keepWithNext``: at the ``top`` a ``KeepStart``, see ``keeps.py``), not with all of it: a
        long answer starts under its question rather than leaving the rest of a page empty."""
        depth = self.heading_depth  # the questions are headings one below the FAQ's own
        question = self.para(item.question, "faq.question", heading_role(depth + 1), keepWithNext=1)
        self.heading_depth = depth + 1
        answer = self.blocks(item.answer, "faq.answer", top)
        self.heading_depth = depth
        return [question, *answer, Spacer(1, self.theme.handout.faq_gap_mm * mm)]
