"""A slide on a corporate template's layout (``theme.template``): the title and body where the
template puts them, the footer in its footer placeholders, a dark slide's ground on a panel
the master draws, and none of reportgen's decoration over the master's own art.

``Frame`` inherits this, so every slide a planner makes is fitted the same way.
"""

from __future__ import annotations

from dataclasses import replace

from reportgen.fonts import width
from reportgen.render.deck.plan import LOGO, ImageBox, Rect, Shape, Slide, SlotText, TextBox
from reportgen.template import role_of
from reportgen.theme import DeckMetrics, Theme
from reportgen.theme.template import Art, Bounds, TemplateInfo


class OnTemplate:
    """The template-aware part of ``Frame``: the attributes below are the frame's geometry."""

    theme: Theme
    deck: DeckMetrics
    W: float
    H: float
    m: float
    title_box: Bounds
    body_y: float
    body_w: float
    body_h: float
    label_y: float

    def _own_footer(self, slide: Slide, number: int) -> Slide:
        raise NotImplementedError  # ``Frame``'s: logo, footer text and slide number drawn by reportgen

    def _on_template(self, template: TemplateInfo) -> None:
        """Title and body where the template's text layout puts them (the body under the title,
        as wide, when it has no body placeholder), the body ending above what its master draws
        under it (a footer band, footer placeholders); never shorter than ``min_body_share``."""
        layout = template.with_bodies(1) or template.for_role("content")
        if layout.title is not None:
            self.m, y, w, h = layout.title
            self.title_box = (self.m, y, w, h)
            self.body_y, self.body_w = y + h + self.deck.title_body_gap, w
            self.body_h = self.H - self.body_y - self.theme.slide.bottom
        if layout.bodies:
            self.m, self.body_y, self.body_w, self.body_h = layout.bodies[0]
        x0, x1 = self.m, self.m + self.body_w
        below = [a.y for a in (*layout.art, *(art for _, art in layout.slots))
                 if a.y > self.body_y and a.x < x1 and x0 < a.x + a.w]
        if below:
            self.body_h = min(self.body_h, min(below) - self.deck.body_footer_gap - self.body_y)
        self.body_h = max(self.body_h, self.H * self.deck.min_body_share)
        above = [a.y + a.h for a in layout.art if a.y + a.h <= self.title_box[1]]
        if above:  # a section label clear of a band along the top
            self.label_y = max(above) + self.deck.label_top

    def _on_layout(self, slide: Slide, template: TemplateInfo, number: int, date: str) -> Slide:
        """The slide on its template layout: the footer in the layout's placeholders (else our
        own), and none of our decoration (accent bars, logos) over what the master draws."""
        if slide.layout:  # the author's choice (``{layout="…"}``)
            layout = template.layout(slide.layout)
        else:  # the one whose body placeholders take its text, else its role's
            count = len(slide.body_boxes())
            layout = (template.with_bodies(count) if count else None) or template.for_role(role_of(slide.kind))
        text = {"footer": self.theme.footer, "number": str(number), "date": date}
        slots = tuple(self._slot(kind, text[kind], art) for kind, art in layout.slots if text[kind]) \
            if slide.footer else ()
        if slide.footer and not slots:
            slide = self._own_footer(slide, number)
        # a panel the master draws over the slide's background: a dark slide's ground goes on it
        panels = [a for a in layout.art if a.fill is not None and a.w * a.h > self.W * self.H * self.deck.panel_share]
        panel = max(panels, key=lambda a: a.w * a.h) if slide.dark and panels else None
        drawn = [art.bounds for art in layout.art if art is not panel] + [slot.art.bounds for slot in slots]
        shapes = tuple(_clear(s, drawn) for s in slide.shapes
                       if not (_decoration(s) and any(_overlap(s, b) for b in drawn)))
        ground = panel.bounds if panel else None
        return replace(slide, shapes=shapes, layout=layout.name, slots=slots, ground=ground)

    def _slot(self, kind: str, text: str, art: Art) -> SlotText:
        """The text of a footer placeholder at the template's size, or smaller to keep to one line."""
        style = self.theme.style("slide.footer")
        room = (art.w - 2 * self.deck.placeholder_inset) * (1 - self.deck.fit_margin)  # as every box keeps free
        wide = width(text, style.family, art.size)
        size = art.size if wide <= room else max(self.deck.footer_min_size, round(art.size * room / wide, 1))
        return SlotText(kind, text, size, art)


def _decoration(shape: Shape) -> bool:
    """Bars and logos: what a slide can do without where a template draws its own."""
    return isinstance(shape, Rect) or (isinstance(shape, ImageBox) and shape.alt == LOGO)


def _overlap(shape: Shape, bounds: Bounds) -> bool:
    x, y, w, h = bounds
    return shape.x < x + w and x < shape.x + shape.w and shape.y < y + h and y < shape.y + shape.h


def _clear(shape: Shape, drawn: list[Bounds]) -> Shape:
    """A text box that reaches over something the template draws below its text (a cover's
    lines over a footer band) ends above it; its text, measured to fit, stays where it was."""
    if not isinstance(shape, TextBox) or shape.anchor != "top":
        return shape
    tops = [y for x, y, w, h in drawn if _overlap(shape, (x, y, w, h)) and y > shape.y + shape.content_height]
    return replace(shape, h=min(tops) - shape.y) if tops else shape
