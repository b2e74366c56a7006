"""Slide plan + Theme → the PowerPoint deck (python-pptx), as bytes.

This module draws what ``slides.plan_slides`` decided and decides nothing itself: every
position, size and line count comes from the plan, every colour and font from the theme.
All text is real, editable text with exact line spacing, so viewers lay it out as planned.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Length, Pt

from reportgen import model as m
from reportgen import progress
from reportgen.errors import Diagnostics
from reportgen.load.svg import is_svg
from reportgen.qr import qr_png
from reportgen.render.dates import creation_time
from reportgen.render.deck.plan import ImageBox, Rect, Slide, TableBox, TextBox, deck_anchors, note_paragraphs
from reportgen.render.deck.planner import plan_slides
from reportgen.render.pptx import compat
from reportgen.render.pptx.package import TREE_HEAD, NotesAdder, PictureAdder, SlideAdder, make_linear, save
from reportgen.render.pptx.shapes import add_rect, add_text_box, link_shape, place, set_body
from reportgen.render.pptx.text import write_notes, write_paragraphs, write_slot
from reportgen.template import body_layout, body_placeholders, layout_for, open_template
from reportgen.template_art import SLOTS
from reportgen.theme import RGB, Theme


def render_pptx(doc: m.Document, theme: Theme, diag: Diagnostics) -> bytes:
    """Plan the deck, draw it, and return byte-identical output for identical input."""
    return draw_deck(plan_slides(doc, theme), doc.meta, theme)


def draw_deck(plan: list[Slide], meta: m.Meta, theme: Theme) -> bytes:
    if theme.template is not None:
        prs = open_template(theme.template.path)
        _drop_slides(prs)
        _with_view_properties(prs)
    else:
        prs = Presentation()
        prs.slide_width, prs.slide_height = Pt(theme.slide.width), Pt(theme.slide.height)
    make_linear(prs)
    drawer = _Drawer(prs, theme, meta.lang, plan)
    for index, planned in enumerate(plan):
        drawer.slide(index, planned)
        drawer.finish(index)
        progress.step("slides", index + 1, len(plan))
    _properties(prs, meta, theme.name)
    return save(prs)


def _slots(layout: Any, planned: Slide) -> tuple[Any, ...]:
    """The layout's footer, date and slide-number placeholders the plan fills."""
    wanted = {slot.kind for slot in planned.slots}
    return tuple(ph for ph in layout.placeholders if SLOTS.get(ph.placeholder_format.type) in wanted)


def _rgb(color: RGB) -> RGBColor:
    return RGBColor(*color)  # type: ignore[no-untyped-call]


class _Drawer:
    """Adds every slide first, empty, so that a link can lead to a slide drawn later."""

    def __init__(self, prs: Any, theme: Theme, lang: str, plan: list[Slide]) -> None:
        self.prs, self.theme, self.lang = prs, theme, lang
        adder, self.pictures, self.notes = SlideAdder(prs), PictureAdder(), NotesAdder()
        layouts: dict[str, Any] = {}
        with_bodies: dict[int, tuple[Any, list[Any]] | None] = {}
        self.added: list[Any] = []
        self.titles: list[Any] = []  # per slide: its title placeholder's element, or None
        self.in_body: list[dict[int, Any]] = []  # per slide: its body boxes (shape index) → placeholder element
        self.slots: list[list[tuple[str, Any]]] = []  # per slide: its footer placeholders, by kind
        by_name = {layout.name: layout for layout in reversed(prs.slide_layouts)}  # the first of a name
        for planned in plan:
            boxes = planned.body_boxes()
            bodies: list[Any] = []
            slots: tuple[Any, ...] = ()
            if planned.layout:  # on a template: the plan chose the layout
                layout = by_name[planned.layout]
                bodies = body_placeholders(layout)
                bodies = bodies if len(bodies) == len(boxes) else []
                slots = _slots(layout, planned)
            else:
                if boxes and len(boxes) not in with_bodies:
                    with_bodies[len(boxes)] = body_layout(prs, len(boxes))
                found = with_bodies[len(boxes)] if boxes else None
                if found is not None:  # the text goes into the layout's body placeholders
                    layout, bodies = found
                else:
                    if planned.kind not in layouts:
                        layouts[planned.kind] = layout_for(prs, planned.kind)
                    layout = layouts[planned.kind]
            slide, title, clones = adder.add(layout, (*bodies, *slots))
            self.added.append(slide)
            self.titles.append(title)
            self.in_body.append(dict(zip(boxes, clones[:len(bodies)])))
            self.slots.append([(SLOTS[ph.placeholder_format.type], sp) for ph, sp in zip(slots, clones[len(bodies):])])
        self.parts = [slide.part for slide in self.added]
        self.anchors = deck_anchors(plan)
        self.svg_boxes = _largest_svg_boxes(plan)

    def slide(self, index: int, planned: Slide) -> None:
        slide = self.current = self.added[index]
        if planned.dark:
            slide.background.fill.solid()
            slide.background.fill.fore_color.rgb = _rgb(self.theme.colors.primary)
        tree = compat.shape_tree(slide)
        if planned.ground:  # under everything the slide holds, the title placeholder too
            add_rect(tree, Rect(*planned.ground, self.theme.colors.primary, "Ground"))
            tree.insert(len(TREE_HEAD), tree[-1])
        title = self.titles[index]
        if title is None:  # a layout without one (a slide may name "Blank"): the title in a box of its own
            self.fill_text(add_text_box(tree, planned.title), planned.title)
        else:
            place(title, planned.title)
            self.fill_text(title.get_or_add_txBody(), planned.title)
        bodies = self.in_body[index]
        for k, shape in enumerate(planned.shapes):
            match shape:
                case TextBox() if k in bodies:
                    sp = bodies[k]
                    tree.append(sp)  # moved to its place in the plan's order: drawn and read as the slides PDF is
                    place(sp, shape)
                    sp.nvSpPr.cNvPr.name = shape.name
                    self.fill_text(sp.get_or_add_txBody(), shape)
                case TextBox():
                    self.fill_text(add_text_box(tree, shape), shape)
                case TableBox():
                    self.table(slide, shape)
                case ImageBox():
                    self.picture(slide, shape)
                case Rect():
                    add_rect(tree, shape)
        slots = {slot.kind: slot for slot in planned.slots}
        for kind, sp in self.slots[index]:
            write_slot(sp.get_or_add_txBody(), slots[kind], self.theme.style("slide.footer").family, self.lang)
        if planned.notes:
            write_notes(self.notes.add(slide), note_paragraphs(planned), self.theme, self.lang)

    def finish(self, index: int) -> None:
        """Serialize a drawn slide and its notes page and let go of their XML trees, so a long
        deck holds bytes (a few KB a slide) rather than element trees (~100 KB a slide)."""
        part = self.parts[index]
        notes = [rel.target_part for rel in part.rels.values() if rel.reltype == RT.NOTES_SLIDE]
        for drawn in (part, *notes):
            compat.freeze(drawn)
        compat.let_go(self.added[index])
        self.added[index] = self.current = None
        self.in_body[index], self.slots[index], self.titles[index] = {}, [], None  # (an element keeps its tree)

    @staticmethod
    def emu(x: float, y: float, w: float, h: float) -> tuple[Length, Length, Length, Length]:
        return Pt(x), Pt(y), Pt(w), Pt(h)

    def fill_text(self, tx_body: Any, box: TextBox) -> None:
        set_body(tx_body, box)
        write_paragraphs(tx_body, box.paras, self.theme, self.lang, self.link)
        target = self.link(box.link) if box.link else None
        if target:  # the shape's click action, as PowerPoint's "Insert > Action" writes it
            link_shape(tx_body.getparent(), *target)

    def link(self, url: str) -> tuple[str, str] | None:
        """A hyperlink from the slide being drawn: to the slide holding an "#anchor" (none if
        the deck does not show it), or to a web address."""
        if url.startswith("#"):
            target = self.anchors.get(url[1:])
            if target is None:
                return None
            rid = self.current.part.relate_to(self.parts[target], RT.SLIDE)
            return str(rid), "ppaction://hlinksldjump"
        return str(self.current.part.relate_to(url, RT.HYPERLINK, is_external=True)), ""

    def table(self, slide: Any, box: TableBox) -> None:
        frame = slide.shapes.add_table(len(box.rows), len(box.col_widths), *self.emu(box.x, box.y, box.w, box.h))
        frame.name = "Table"
        table = frame.table
        table.first_row, table.horz_banding = True, False
        for col, w in enumerate(box.col_widths):
            table.columns[col].width = Pt(w)
        for r, (row, height) in enumerate(zip(box.rows, box.row_heights)):
            table.rows[r].height = Pt(height)
            fill = self.theme.row_fill(r)
            for c, para in enumerate(row):
                cell = table.cell(r, c)
                cell.fill.solid()
                cell.fill.fore_color.rgb = _rgb(fill)
                cell.margin_left = cell.margin_right = Pt(box.margin_x)
                cell.margin_top = cell.margin_bottom = Pt(box.margin_y)
                cell.vertical_anchor = MSO_ANCHOR.TOP
                cell.text_frame.word_wrap = True
                write_paragraphs(compat.text_body(cell.text_frame), (para,), self.theme, self.lang, self.link,
                                 bold_first=box.row_labels and c == 0 and r > 0)

    def picture(self, slide: Any, box: ImageBox) -> None:
        key = f"qr:{box.qr}" if box.path is None else str(box.path)
        source = (lambda: io.BytesIO(qr_png(box.qr))) if box.path is None else (lambda: str(box.path))
        if box.path is not None and box.path in self.svg_boxes:
            source = self._svg_source(box.path)
        pic = self.pictures.add(slide, key, source, *self.emu(box.x, box.y, box.w, box.h))
        name = "QR code" if box.path is None else box.alt[:self.theme.deck.picture_name_length] or "Picture"
        pic.nvPicPr.cNvPr.set("name", name)
        pic.nvPicPr.cNvPr.set("descr", box.alt)

    def _svg_source(self, path: Path) -> Callable[[], io.BytesIO]:
        """An SVG's PNG, made on first use for the largest box it is shown in (one image part
        serves the logo on every slide)."""

        def source() -> io.BytesIO:
            from reportgen.render.svg import svg_png

            return io.BytesIO(svg_png(path, *self.svg_boxes[path], self.theme.deck))

        return source


def _largest_svg_boxes(plan: list[Slide]) -> dict[Path, tuple[float, float]]:
    """For each SVG the deck shows, the width and height of the largest box showing it."""
    largest: dict[Path, tuple[float, float]] = {}
    for planned in plan:
        for shape in planned.shapes:
            if isinstance(shape, ImageBox) and shape.path is not None and is_svg(shape.path):
                if shape.w * shape.h > math.prod(largest.get(shape.path, (0.0, 0.0))):
                    largest[shape.path] = (shape.w, shape.h)
    return largest


def _drop_slides(prs: Any) -> None:
    """Remove a template's own sample slides; its master and layouts stay."""
    slide_ids = compat.slide_ids(prs)
    for slide_id in list(slide_ids):
        prs.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)


def _with_view_properties(prs: Any) -> None:
    """Give a template saved without view properties (LibreOffice's) python-pptx's default
    ones: PowerPoint offers to repair a deck without them."""
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    try:
        prs.part.part_related_by(RT.VIEW_PROPS)
    except KeyError:
        default = Presentation().part.part_related_by(RT.VIEW_PROPS)
        part = Part(PackURI("/ppt/viewProps.xml"), default.content_type, prs.part.package, default.blob)
        prs.part.relate_to(part, RT.VIEW_PROPS)


def _properties(prs: Any, meta: m.Meta, organization: str) -> None:
    """Core properties dated by ``creation_time`` (never the clock), so rebuilds are byte-identical;
    the author is the organisation when the guide names none."""
    props = prs.core_properties
    props.title = meta.full_title
    props.subject = meta.subtitle
    props.author = meta.author or organization
    props.keywords = ", ".join(meta.keywords)
    props.language = meta.lang
    props.last_modified_by = "reportgen"
    props.revision = 1
    stamp = creation_time(meta)
    props.created = props.modified = stamp
    props.last_printed = stamp
