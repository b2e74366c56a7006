"""A slide's frame: its geometry, the boxes every slide is built of (text measured to fit,
titles that shrink, then wrap, then are cut), and the slides whose form is fixed: the title
slide, the agenda, section dividers, the closing slide and the footer on every light slide.
The content slides' layouts build on it (``layouts.py``); the planner decides which slides
a document makes (``planner.py``); on a corporate template, ``on_template.py`` fits all of it
to the template's layouts.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reportgen import model as m
from reportgen.errors import SourceRef
from reportgen.language import Words
from reportgen.render.deck.fit import Fitter, Item
from reportgen.render.deck.on_template import OnTemplate
from reportgen.render.deck.plan import LOGO, ImageBox, Para, Rect, Shape, Slide, SlideKind, TextBox
from reportgen.theme import Logo, Theme


class Frame(OnTemplate):
    """Geometry and box makers shared by every kind of slide, in points from the top left."""

    def __init__(self, theme: Theme, words: Words, root: Path) -> None:
        self.theme, self.fit, self.deck, self.words, self.root = theme, Fitter(theme), theme.deck, words, root
        self._footers: dict[tuple[str, float, float, float, float], TextBox] = {}
        box, deck = theme.slide, theme.deck
        self.W, self.H, self.m = box.width, box.height, box.left
        title_style = theme.style("slide.title")
        title_y = box.top * deck.title_top
        title_h = round(deck.title_lines * title_style.size * deck.title_pitch + deck.title_box_room, 1)
        self.title_box = (self.m, title_y, self.W - 2 * self.m, title_h)
        self.body_y = title_y + title_h + deck.title_body_gap
        self.footer_h = deck.footer_height
        self.body_h = self.H - self.body_y - self.footer_h - deck.body_footer_gap
        self.body_w = self.W - 2 * self.m
        self.label_y = deck.label_top  # a section label's top (``planner._without_divider``)
        if theme.template is not None:
            self._on_template(theme.template)
        # the body's text area, inside the text frame's insets
        self.body_text_w = self.body_w - 2 * self.deck.text_inset_x
        self.body_text_h = self.body_h - 2 * self.deck.text_inset_y

    # -- boxes -------------------------------------------------------------------------
    def _box(self, x: float, y: float, w: float, h: float, paras: tuple[Para, ...], anchor: str = "top",
             name: str = "Text") -> TextBox:
        """A text box with the theme's text frame insets, and room at the right when a viewer
        breaks its text by its own rules: LibreOffice fills a line of Japanese to the box's edge
        and may set its last glyphs past it."""
        end = self.deck.viewer_inset_end if any(self.fit.viewer_breaks(p.runs) for p in paras) else 0.0
        return TextBox(x, y, w, h, paras, self.deck.text_inset_x, self.deck.text_inset_y, anchor, name, end)

    def _title(self, text: str, role: str = "slide.title", box: tuple[float, ...] | None = None,
               max_lines: int | None = None, min_share: float | None = None, anchor: str = "bottom",
               name: str = "Title", align: str = "left", floor: float | None = None) -> TextBox:
        """A line or two that fits its box: shrunk, then wrapped, and as a last resort cut
        with "…" (``_content`` keeps a whole title in the notes then). Lines, shrinking and
        smallest size are a slide title's unless given."""
        deck = self.deck
        max_lines = deck.title_lines if max_lines is None else max_lines
        min_share = deck.title_min_share if min_share is None else min_share
        floor = deck.title_min_size if floor is None else floor
        x, y, w, h = box or self.title_box
        words = text.split() or [""]
        while True:
            shown = " ".join(words) + ("" if len(words) == len(text.split()) else " …")
            para = self.fit.title((m.Run(shown),), role, w - 2 * deck.text_inset_x, h - 2 * deck.text_inset_y,
                                  min_share, max_lines, floor)
            title = self._box(x, y, w, h, (replace(para, align=para.align if align == "left" else align),),
                              anchor=anchor, name=name)
            if title.content_height <= h or len(words) <= 1:
                return title
            words = words[:-1]

    def _text(self, items: list[Item], x: float, y: float, w: float, h: float, name: str,
              anchor: str = "top") -> TextBox:
        paras = [self.fit.para(item, self.theme.style(item.role).size, w - 2 * self.deck.text_inset_x)[0]
                 for item in items]
        return self._box(x, y, w, h, tuple(paras), anchor=anchor, name=name)

    def _content(self, kind: SlideKind, title: str, shapes: list[Shape], notes: list[str], section: str,
                 source: SourceRef | None) -> Slide:
        x, y, w, h = self.title_box
        deck = self.deck
        accent = Rect(x + deck.text_inset_x, y + h + deck.accent_gap, deck.accent_width, deck.accent_height,
                      self.theme.colors.secondary)
        box = self._title(title)
        if m.plain(box.paras[0].runs) != title:
            notes = [f"Full title: {title}", *notes]
        return Slide(kind, box, (accent, *shapes), join_notes(notes), section=section, source=self._source(source))

    def _source(self, ref: SourceRef | None) -> str:
        """The notes' last line: the file and line a slide came from, so an instructor finds what to edit."""
        if ref is None:
            return ""
        path = ref.path.resolve()
        path = path.relative_to(self.root) if path.is_relative_to(self.root) else path
        return f"{self.words.source}: {path.as_posix()}" + (f":{ref.line}" if ref.line else "")

    # -- fixed slides ------------------------------------------------------------------
    def title_slide(self, meta: m.Meta) -> Slide:
        t, W, H, mg, deck = self.theme, self.W, self.H, self.m, self.deck
        shapes: list[Shape] = []
        if t.logo_on_dark:
            shapes.append(_logo(t.logo_on_dark, mg, mg, deck.cover_logo_height, W / deck.cover_logo_width_divisor))
        title = self._title(meta.title, "slide.cover.title",
                            (mg, H * deck.cover_title_top, W - 2 * mg, H * deck.cover_title_height),
                            deck.cover_title_lines, deck.cover_title_min_share)
        lines = [Item((m.Run(meta.subtitle),), "slide.cover.subtitle")] if meta.subtitle else []
        event = meta.event_line
        # the organisation (``build.with_identity``) first
        who = " · ".join(v for v in (t.name, meta.byline(t.name), meta.event_value("instructor")) if v)
        for text in (event, meta.event_value("date") or meta.date, who):
            if text:
                lines.append(Item((m.Run(text),), "slide.cover.meta"))
        # the accent bar under the title box, in line with its text
        shapes.append(Rect(mg + deck.text_inset_x, H * (deck.cover_title_top + deck.cover_title_height)
                           + deck.cover_accent_gap, deck.cover_accent_width, deck.accent_height, t.colors.secondary))
        shapes.append(self._text(lines, mg, H * deck.cover_subtitle_top, W - 2 * mg, H * deck.cover_subtitle_height,
                                 "Subtitle"))
        return Slide("title", title, tuple(shapes), "", dark=True, footer=False)

    def agenda(self, sections: list[m.Section]) -> list[Slide]:
        """The sections, numbered in a column of their own; each entry a box of its own that
        leads to where its section opens when clicked (its text stays plain, not a blue link)."""
        digits = len(str(len(sections)))
        items = [Item((m.Run(s.title),), bullet=f"{n}.", digits=digits) for n, s in enumerate(sections, 1)]
        pages = self.fit.fit_body(items, self.body_text_w, self.body_text_h, max_items=self.deck.agenda_max_items)
        agenda, slides, done = self.words.agenda, [], 0
        for i, page in enumerate(pages):
            boxes: list[Shape] = []
            y = self.body_y
            for para, section in zip(page, sections[done:]):
                h = para.height - para.space_after + 2 * self.deck.text_inset_y
                box = self._box(self.m, y, self.body_w, h, (replace(para, space_after=0),), name="Agenda")
                boxes.append(replace(box, link=f"#{section.anchor}" if section.anchor else ""))
                y += para.height
            done += len(page)
            slides.append(self._content("agenda", agenda if i == 0 else self._continued(agenda), boxes, [], "", None))
        return slides

    def _continued(self, title: str) -> str:
        """The title of a slide that continues the one before: "Costs (cont.)"."""
        return f"{title} {self.words.continued}"

    def closing(self, meta: m.Meta) -> Slide:
        t, W, H, mg, deck = self.theme, self.W, self.H, self.m, self.deck
        link = t.link  # the event's, the guide's or the brand's (``build.with_identity``)
        text_w = W * deck.closing_text_width  # of the title and the link
        title = self._title(self.words.questions, "slide.divider",
                            (mg, H * deck.closing_title_top, text_w, H * deck.closing_title_height),
                            deck.closing_title_lines, deck.closing_title_min_share)
        shapes: list[Shape] = []
        lines = [Item((m.Run(text),), "slide.cover.meta") for text in (t.name, link) if text]  # whose, and where
        if lines:
            shapes.append(self._text(lines, mg, H * deck.closing_link_top, text_w, H * deck.closing_link_height,
                                     "Link"))
        if link:
            if t.qr_code:
                side = min(H * deck.qr_max_height, W * deck.qr_max_width)
                shapes.append(ImageBox(W - mg - side, (H - side) / 2, side, side, None, f"QR code: {link}", qr=link))
        if t.logo_medium_on_dark:
            shapes.append(_logo(t.logo_medium_on_dark, mg, mg, deck.closing_logo_height,
                                W / deck.closing_logo_width_divisor))
        return Slide("closing", title, tuple(shapes), "Thank the room; share the link.", dark=True, footer=False)

    def with_footer(self, slide: Slide, number: int, date: str) -> Slide:
        """Add logo, footer text and slide number at the bottom of every light slide; on a
        template, its layout's footer placeholders hold them when it has some."""
        if self.theme.template is not None:
            return self._on_layout(slide, self.theme.template, number, date)
        return self._own_footer(slide, number)

    def _own_footer(self, slide: Slide, number: int) -> Slide:
        if not slide.footer:
            return slide
        t, W, H, mg, deck = self.theme, self.W, self.H, self.m, self.deck
        y = H - self.footer_h + deck.footer_text_drop
        shapes: list[Shape] = [Rect(mg, y - deck.footer_rule_gap, W - 2 * mg, deck.footer_rule_width, t.colors.rule)]
        if t.logo:
            shapes.append(_logo(t.logo, mg, y + deck.footer_logo_drop, deck.footer_logo_height,
                                deck.footer_logo_max_width))
        side = deck.footer_side_width
        text_h = self.footer_h - deck.footer_text_trim
        footer = self._footer_text(t.footer, mg + side, y, W - 2 * (mg + side), text_h)
        num = self._text([Item((m.Run(str(number)),), "slide.footer")], W - mg - deck.slide_number_width, y,
                         deck.slide_number_width, text_h, "Slide number", "middle")
        num = replace(num, paras=tuple(replace(p, align="right") for p in num.paras))
        return replace(slide, shapes=slide.shapes + (*shapes, footer, num))

    def _footer_text(self, text: str, x: float, y: float, width: float, height: float) -> TextBox:
        """The footer on one line, smaller if need be; an absurdly long one is cut with "…"
        (it is decoration, and must never spill over the slide number or the edge)."""
        key = (text, x, y, width, height)
        if key not in self._footers:  # the same on every slide: fit it once
            self._footers[key] = self._title(text, "slide.footer", (x, y, width, height), max_lines=1,
                                             anchor="middle", name="Footer", align="center",
                                             floor=self.deck.footer_min_size)
        return self._footers[key]

    def divider(self, number: int, section: m.Section, notes: list[str]) -> Slide:
        """The section's number over its title, as one block in the middle of the slide's height,
        at a limited width (a long title takes more lines, not the whole slide's width)."""
        W, H, mg, deck = self.W, self.H, self.m, self.deck
        width = (W - 2 * mg) * deck.divider_width_share
        title = self._title(section.title, "slide.divider", (mg, 0.0, width, H * deck.divider_title_height),
                            deck.divider_title_lines, deck.divider_title_min_share, anchor="top")
        top = round((H - deck.divider_title_drop - title.content_height) / 2)  # whole points, as EMU hold them
        title = replace(title, y=top + deck.divider_title_drop, h=title.content_height)
        num = self._text([Item((m.Run(f"{number:02d}"),), "slide.divider.number")], mg, top, width,
                         deck.divider_number_height, "Section number", "bottom")
        shapes: list[Shape] = [num]
        if self.theme.logo_medium_on_dark:  # the brand stays visible, small, on every slide
            logo_h = deck.divider_logo_height  # in the bottom-left corner, inside the margins
            shapes.append(_logo(self.theme.logo_medium_on_dark, mg, H - mg - logo_h, logo_h,
                                deck.divider_logo_max_width))
        return Slide("divider", title, tuple(shapes), join_notes(notes), source=self._source(section.source), dark=True,
                     footer=False, section=section.title,
                     opens=True,
                     anchors=(section.anchor,) if section.anchor else ())


def join_notes(parts: list[str]) -> str:
    """Speaker notes from parts, a blank line between them (``plan.note_paragraphs`` reads them so)."""
    return "\n\n".join(p for p in parts if p)


def _logo(logo: Logo, x: float, y: float, height: float, max_width: float) -> ImageBox:
    w, h = logo.fit(height, max_width)
    return ImageBox(x, y, w, h, logo.path, LOGO, size_px=logo.size_px)

