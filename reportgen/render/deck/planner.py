"""Document → slide plan, by one documented rule (see the README, "From guide to deck"):

* the deck opens with a title slide and an agenda, gives each section a divider, and
  closes with a questions slide (link and QR code);
* ``##`` headings start slides and give them their titles;
* lists, quotes, callouts and code go on slides; tables and images get slides of their own;
  an FAQ gets one slide per question;
* prose paragraphs go to the speaker notes — unless the section has a ``::: slides`` block,
  whose content is then the section's slide text and everything else is notes; prose under
  a heading with nothing else to show gives its lead sentences as bullets (``leads.py``);
* what does not fit continues on a slide titled "… (cont.)".

Every box is measured (``fit.py``) so that nothing is taller than its box.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import groupby
from pathlib import Path
from typing import Union

from reportgen import model as m
from reportgen.errors import SourceRef
from reportgen.language import Words
from reportgen.render.deck.fit import Fitter, Item
from reportgen.render.deck.leads import leads
from reportgen.render.deck.plan import CHECKED, UNCHECKED, ImageBox, Para, Rect, Shape, Slide, SlideKind, TextBox
from reportgen.render.deck.tables import plan_table, table_columns
from reportgen.render.table_columns import column_groups
from reportgen.theme import Logo, Theme


def plan_slides(doc: m.Document, theme: Theme) -> list[Slide]:
    """The whole deck as data: positions in points, every paragraph measured."""
    planner = _Planner(theme, theme.words_for(doc.meta.lang), doc.meta.source.path.resolve().parent)
    sections = [s for s in doc.sections if s.slides]
    slides = [planner.title_slide(doc.meta)]
    slides += planner.agenda(sections)
    for number, section in enumerate(sections, 1):
        slides += _with_every_anchor(planner.section(number, section), section)
    slides.append(planner.closing(doc.meta))
    return [planner.with_footer(replace(slide, notes=_notes([slide.notes, slide.source])), n)
            for n, slide in enumerate(slides, 1)]


@dataclass(frozen=True)
class _NotesOnly:
    """What a heading with nothing to show leaves: its notes and anchors join the slide before."""

    notes: str
    anchors: tuple[str, ...]


Planned = Union[Slide, _NotesOnly]


@dataclass
class _Group:
    """Slide material gathered under one title before it is packed onto slides."""

    title: str
    items: list[Item] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)  # of the headings gathered here
    prose: list[str] = field(default_factory=list)  # its paragraphs: bullets (``leads.py``) if it has no others
    level: int = 1  # of its heading (1: the section's title, for what comes before the first heading)
    source: SourceRef | None = None  # where its heading (or first block) is, for the notes
    open: bool = False  # it ends with a heading that has nothing under it yet: what follows joins it


class _Planner:
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
        return Slide(kind, box, (accent, *shapes), _notes(notes), section=section, source=self._source(source))

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
        who = " · ".join(v for v in (meta.author, meta.event_value("instructor")) if v)
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
        link = meta.link or t.link
        text_w = W * deck.closing_text_width  # of the title and the link
        title = self._title(self.words.questions, "slide.divider",
                            (mg, H * deck.closing_title_top, text_w, H * deck.closing_title_height),
                            deck.closing_title_lines, deck.closing_title_min_share)
        shapes: list[Shape] = []
        if link:
            shapes.append(self._text([Item((m.Run(link),), "slide.cover.meta")], mg, H * deck.closing_link_top,
                                     text_w, H * deck.closing_link_height, "Link"))
            if t.qr_code:
                side = min(H * deck.qr_max_height, W * deck.qr_max_width)
                shapes.append(ImageBox(W - mg - side, (H - side) / 2, side, side, None, f"QR code: {link}", qr=link))
        if t.logo_on_dark:
            shapes.append(_logo(t.logo_on_dark, mg, mg, deck.closing_logo_height, W / deck.closing_logo_width_divisor))
        return Slide("closing", title, tuple(shapes), "Thank the room; share the link.", dark=True, footer=False)

    def with_footer(self, slide: Slide, number: int) -> Slide:
        """Add logo, footer text and slide number at the bottom of every light slide."""
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

    # -- sections ----------------------------------------------------------------------
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
        if self.theme.logo_on_dark:  # the brand stays visible, small, on every slide
            logo_h = deck.divider_logo_height  # in the bottom-left corner, inside the margins
            shapes.append(_logo(self.theme.logo_on_dark, mg, H - mg - logo_h, logo_h, deck.divider_logo_max_width))
        return Slide("divider", title, tuple(shapes), _notes(notes), source=self._source(section.source), dark=True,
                     footer=False, section=section.title,
                     opens=True,
                     anchors=(section.anchor,) if section.anchor else ())

    def section(self, number: int, section: m.Section) -> list[Slide]:
        own = any(isinstance(b, m.SlideText) for b in section.blocks)
        slides: list[Planned] = []
        def fresh() -> _Group:
            return _Group(section.title, source=section.source)

        group = fresh()
        prose: list[str] = []  # with a ``::: slides`` block: all of the section's prose, for its notes
        own_slides: list[int] = []

        pending: _Group | None = None  # a group too small for a slide of its own, waiting for the next

        def release() -> None:
            nonlocal pending
            if pending is not None:
                slides.extend(self._group_slides(pending, section.title))
            pending = None

        def flush(hold: bool = False) -> None:
            """Plan the group gathered so far; with ``hold`` it waits for the next, which may
            join it (``_joins``): a heading with nothing under it but a deeper heading titles
            that heading's slide, and a slide of under two lines shares a neighbour's."""
            nonlocal group, pending
            current, group = group, fresh()
            if pending is not None and self._joins(pending, current):
                current, pending = self._merged(pending, current), None
            release()
            if hold and current.level > 1:
                pending = current
            else:
                slides.extend(self._group_slides(current, section.title))

        for block in section.blocks:
            match block:
                case m.SlideText(blocks=inner):
                    flush()
                    first = len(slides)
                    slides.extend(self._slide_text(inner, section.title))
                    own_slides.extend(range(first, len(slides)))
                case m.Notes(blocks=inner):
                    group.notes.append(_text_of(inner))
                case m.Footnotes():  # spoken, not shown
                    (prose if own else group.notes).append(_text_of((block,)))
                case m.Table() | m.Figure() | m.Faq() | m.Columns():
                    title = group.title  # the heading above it titles its slide, and what follows
                    heading_only = not group.items and not group.prose
                    beside = self._beside(group, block, section.title) if isinstance(block, m.Figure) else None
                    if beside is not None:  # a picture beside the points above it
                        release()
                        slides.append(beside)
                        group = fresh()
                        group.title = title
                        continue
                    carried = group
                    if heading_only:  # nothing under the heading but this: its notes go with it
                        release()
                        group = fresh()
                    else:
                        flush()
                    special = self._special(block, title, section.title)
                    if heading_only and special and isinstance(special[0], Slide):
                        anchors = tuple(a for a in carried.anchors if a)
                        special[0] = replace(special[0], notes=_notes([*carried.notes, special[0].notes]),
                                             anchors=anchors + special[0].anchors)
                    elif heading_only:
                        slides.extend(self._group_slides(carried, section.title))
                    slides.extend(special)
                    group.title = title
                case m.Heading(runs=runs, anchor=anchor, level=level) if not own:
                    flush(hold=True)
                    group.title, group.level, group.source = m.plain(runs), level, block.source
                    group.anchors.append(anchor)
                case m.Paragraph() | m.Heading() | m.Rule():
                    (prose if own else group.notes).append(_text_of((block,)))
                    if isinstance(block, m.Paragraph) and not own:
                        group.prose.append(m.plain(block.runs))
                case _ if own:
                    prose.append(_text_of((block,)))
                case _:
                    group.items += _items(block)
        flush()
        if own_slides and prose:
            for index, chunk in zip(own_slides, _spread(prose, len(own_slides))):
                slides[index] = replace(slides[index], notes=_notes([slides[index].notes, *chunk]))
        # notes with no slide of their own join the slide before them (the divider at first)
        out = [self.divider(number, section, [])]
        for slide in slides:
            if isinstance(slide, _NotesOnly):
                out[-1] = replace(out[-1], notes=_notes([out[-1].notes, slide.notes]),
                                  anchors=out[-1].anchors + slide.anchors)
            else:
                out.append(slide)
        if 1 <= len(out) - 1 < self.deck.divider_min_slides:
            return self._without_divider(number, section, out[0], out[1:])
        return out

    def _without_divider(self, number: int, section: m.Section, divider: Slide, slides: list[Slide]) -> list[Slide]:
        """A section of a slide or two opens with no divider (dividers in a row say nothing): its
        slides carry a small "05 · SECTION TITLE" label over their titles instead, and the first
        takes the divider's notes and anchors."""
        first = replace(slides[0], notes=_notes([divider.notes, slides[0].notes]),
                        anchors=divider.anchors + slides[0].anchors, opens=True)
        box = (self.m, self.deck.label_top, self.W - 2 * self.m, self.deck.label_height)
        label = self._title(f"{number:02d} · {section.title.upper()}", "slide.label", box, max_lines=1,
                            name="Section label")
        return [replace(s, shapes=(label, *s.shapes)) for s in (first, *slides[1:])]

    def _shown(self, group: _Group) -> list[Item]:
        """What a group shows: its items, or if it has none its prose's lead sentences as
        bullets (all of the prose stays in the notes)."""
        if group.items or not group.prose:
            return group.items
        if len(group.prose) == 1 and len(group.prose[0]) <= self.deck.statement_chars:  # a statement (``_statement``)
            return [Item((m.Run(group.prose[0]),))]
        return [Item((m.Run(lead),), bullet="•") for lead in leads(group.prose, self.deck.lead_chars,
                                                                    self.deck.lead_sentences,
                                                                    self.deck.lead_clause_share)]

    def _pages(self, group: _Group) -> list[list[Para]]:
        items = self._shown(group)
        return self.fit.fit_body(items, self.body_text_w, self.body_text_h) if items else []

    def _small(self, pages: list[list[Para]]) -> bool:
        """Whether a group's slides are one of less than two lines."""
        return len(pages) == 1 and sum(len(p.breaks) for p in pages[0]) < self.deck.slide_min_lines

    def _joins(self, first: _Group, then: _Group) -> bool:
        """Whether ``then`` goes on ``first``'s slide, its heading a bold line there: a bare
        heading titles its sub-heading's slide; a slide of under two lines leads into its
        sub-heading's, or a small one goes on the last slide of the one before it when it fits
        there; two sub-headings over short lists join to stand side by side (``_comparison``).
        A heading never joins a deeper one before it (a ``##`` starts a slide)."""
        ahead = self._pages(first)
        deeper = then.level > first.level
        if not ahead:  # a heading with nothing under it
            return deeper
        if then.level < max(first.level, self.deck.join_level):
            return False
        after = self._pages(then)
        if deeper and (self._small(ahead) or first.open):
            return True
        pair = _comparison(self._merged(first, then).items, self.deck.compare_max_items) if deeper else None
        if pair and self._side_by_side(pair, [1.0, 1.0]) is not None:  # two lists to compare: one slide
            return True
        if not after or not (self._small(ahead) or self._small(after)):
            return False
        return len(self._pages(self._merged(first, then))) == len(ahead)

    def _merged(self, first: _Group, then: _Group) -> _Group:
        """One slide for a group and the next: the next's heading a bold line within it."""
        items = [*self._shown(first), Item((m.Run(then.title),), bold=True), *self._shown(then)]
        return _Group(first.title, items, [*first.notes, then.title, *then.notes], [*first.anchors, *then.anchors],
                      level=first.level, open=not self._shown(then))

    def _group_slides(self, group: _Group, section: str) -> list[Planned]:
        anchors = tuple(a for a in group.anchors if a)
        shown = self._shown(group)
        group = replace(group, items=shown[:-1] if group.open else shown)  # a last heading with nothing under it
        if not group.items:  # nothing to show: keep its heading and prose for the notes
            notes = ([group.title] if group.title != section else []) + group.notes
            return [_NotesOnly(_notes(notes), anchors)] if notes or anchors else []
        prose = all(not (i.bullet or i.code or i.box or i.level) for i in group.items)
        width = min(self.body_w, self.theme.slide_measure()) if prose else self.body_w  # a readable measure
        pair = _comparison(group.items, self.deck.compare_max_items)
        shapes = self._side_by_side(pair, [1.0, 1.0]) if pair else None
        if shapes:  # two short lists under two sub-headings: a comparison, side by side
            return [replace(self._content("content", group.title, shapes, group.notes, section, group.source),
                            anchors=anchors)]
        statement = self._statement(group)
        if statement:
            return [replace(self._content("content", group.title, [statement], group.notes, section, group.source),
                            anchors=anchors)]
        pages = self.fit.fit_body(group.items, width - 2 * self.deck.text_inset_x, self.body_text_h)
        out: list[Planned] = []
        for i, paras in enumerate(pages):
            title = group.title if i == 0 else self._continued(group.title)
            slide = self._content("content", title, self._body(paras, width), group.notes if i == 0 else [], section,
                                  group.source)
            out.append(replace(slide, anchors=anchors) if i == 0 else slide)
        return out

    def _statement(self, group: _Group) -> TextBox | None:
        """A big statement for a heading over one short paragraph or quote and nothing else: in
        the statement size (shrinking if need be), balanced over its lines, in the middle of the
        body at a readable measure. Text with links or code keeps the usual layout."""
        items = group.items
        if len(items) != 1 or items[0].bullet or items[0].code or items[0].box or items[0].level or items[0].bold:
            return None
        runs, deck = items[0].runs, self.deck
        text = m.plain(runs)
        if len(text) > deck.statement_chars or any(r.link or r.code for r in runs) or not text.strip():
            return None
        role = "slide.quote" if items[0].italic else "slide.statement"
        box = (self.m, self.body_y, min(self.body_w, self.theme.slide_measure()), self.body_h * deck.statement_height)
        return self._title(text, role, box, max_lines=deck.statement_lines, min_share=deck.statement_min_share,
                           anchor="middle", name="Statement", floor=self.theme.style("slide.body").size)

    def _body(self, paras: list[Para], width: float) -> list[Shape]:
        """A slide's body: one text box, or where callouts are, a box for each run of paragraphs
        in or out of a callout; a callout's is inset in a tinted box with an accent bar down its
        left side, the box's edge on the margin like every other."""
        deck = self.deck
        shapes: list[Shape] = []
        top = self.body_y + deck.text_inset_y  # where the next paragraph's space before starts
        runs = [list(g) for _, g in groupby(paras, key=lambda p: p.box)]
        for k, run in enumerate(runs):
            height = sum(p.height for p in run)
            text_h = height - run[-1].space_after + 2 * deck.text_inset_y
            if k == len(runs) - 1:  # the last box reaches the body's foot: room for a viewer's extra line
                text_h = max(text_h, self.body_y + self.body_h - (top - deck.text_inset_y))
            if not run[0].box:
                shapes.append(self._box(self.m, top - deck.text_inset_y, width, text_h, tuple(run), name="Body"))
            else:
                box_h = height - self.fit.trailing(run[-1])
                shapes.append(Rect(self.m, top, self.body_w, box_h, self.theme.colors.tint, "Callout"))
                shapes.append(Rect(self.m, top, deck.callout_bar_width, box_h, self.theme.colors.secondary,
                                   "Callout bar"))
                inner = self.body_w - deck.callout_pad_left - deck.callout_pad_right
                shapes.append(self._box(self.m + deck.callout_pad_left, top - deck.text_inset_y, inner, text_h,
                                        tuple(run), name="Callout text"))
            top += height
        return shapes

    def _slide_text(self, blocks: tuple[m.Block, ...], section: str) -> list[Planned]:
        slides: list[Planned] = []
        group = _Group(section, source=blocks[0].source if blocks else None)
        for block in blocks:
            if isinstance(block, m.Heading):
                slides += self._group_slides(group, section)
                group = _Group(m.plain(block.runs), source=block.source)
            elif isinstance(block, (m.Table, m.Figure, m.Faq, m.Columns)):
                slides += self._group_slides(group, section) + self._special(block, group.title, section)
                group = _Group(group.title, source=block.source)
            elif isinstance(block, m.Notes):
                group.notes.append(_text_of(block.blocks))
            else:
                group.items += _items(block)
        return slides + self._group_slides(group, section)

    def _special(self, block: m.Block, title: str, section: str) -> list[Planned]:
        match block:
            case m.Table():
                limit = self.theme.deck.max_table_rows
                shown = replace(block, rows=block.rows[:limit])
                notes = [f"The table continues in the handout: {len(block.rows) - limit} more rows."] \
                    if len(block.rows) > limit else []
                out: list[Planned] = []
                groups = column_groups(shown, table_columns(self.fit, self.body_w))
                for part in groups:
                    caption = m.plain(part.caption) if block.caption or len(groups) == 1 else \
                        f"{title} {m.plain(part.caption)}"
                    caption = caption or title
                    boxes = plan_table(self.fit, part, self.m, self.body_y, self.body_w, self.body_h)
                    out += [self._content("table", caption if i == 0 else self._continued(caption), [box], [], section,
                                          block.source) for i, box in enumerate(boxes)]
                last = out[-1]
                assert isinstance(last, Slide)  # a table always has a slide
                out[-1] = replace(last, notes=_notes([last.notes, *notes]))
                return out
            case m.Figure():
                return [self._figure(block, title, section)]
            case m.Columns():
                return self._columns(block, title, section)
            case m.Faq(items=items):
                faq: list[Planned] = []
                for item in items:
                    group = _Group(m.plain(item.question), notes=[_text_of(item.answer)], source=item.source)
                    for answer in item.answer:
                        group.items += _items(answer)
                    faq += [replace(s, kind="faq") if isinstance(s, Slide) else s
                            for s in self._group_slides(group, section)]
                return faq
        return []

    def _columns(self, block: m.Columns, title: str, section: str) -> list[Planned]:
        """Columns side by side, each in its share of the body (``width``; the rest shared equally) with a
        gap between, all at one size: the largest at which every column fits the slide. Columns
        that do not fit one slide even at the smallest size go one after another instead."""
        count = len(block.columns)
        shares = [c.width for c in block.columns]
        unset = shares.count(0.0)
        if sum(shares) >= 1 and unset or sum(shares) > 1:  # widths that cannot hold: equal shares
            shares = [1.0] * count
        elif unset:  # the columns without a width share what the others leave
            shares = [share or (1 - sum(shares)) / unset for share in shares]
        items = [[i for b in column.blocks for i in _items(b)] for column in block.columns]
        shapes = self._side_by_side(items, shares)
        if shapes is None:
            group = _Group(title, [i for its in items for i in its], source=block.source)
            return self._group_slides(group, section)
        return [self._content("content", title, shapes, [], section, block.source)]

    def _side_by_side(self, items: list[list[Item]], shares: list[float]) -> list[Shape] | None:
        """Text boxes "Column 1", "Column 2", … in their shares of the body's width, a gap
        between, at one size: the largest at which every column fits; None if one does not
        fit the slide even at the smallest."""
        deck = self.deck
        free = self.body_w - deck.column_gap * (len(items) - 1)
        widths = [free * share / sum(shares) for share in shares]
        fitted: list[list[list[Para]]] = [
            self.fit.fit_body(its, w - 2 * deck.text_inset_x, self.body_text_h) if its else [[]]
            for its, w in zip(items, widths)]
        if any(len(pages) > 1 for pages in fitted):
            return None
        size = min((p.size for pages in fitted for p in pages[0]), default=0.0)
        shapes: list[Shape] = []
        x = self.m
        for k, (its, w, pages) in enumerate(zip(items, widths, fitted)):
            paras = pages[0]
            if paras and paras[0].size > size:  # one size for all columns
                same = self.fit.pack(its, w - 2 * deck.text_inset_x, self.body_text_h, size, deck.max_bullets)
                paras = same[0] if len(same) == 1 else paras
            shapes.append(self._box(x, self.body_y, w, self.body_h, tuple(paras), name=f"Column {k + 1}"))
            x += w + deck.column_gap
        return shapes

    def _beside(self, group: _Group, fig: m.Figure, section: str) -> Slide | None:
        """The points under a heading with the picture that follows them beside them, when the
        points fit one slide in their share of the width and the picture is not wide; a wide
        picture goes under a few points (``_above``). Else the picture keeps a slide of its own."""
        items = self._shown(group)
        if not items or fig.path is None:
            return None
        if fig.size_px[0] > fig.size_px[1] * self.deck.beside_max_aspect:
            return self._above(group, items, fig, section)
        deck = self.deck
        text_w = (self.body_w - deck.column_gap) * deck.beside_text_share
        pages = self.fit.fit_body(items, text_w - 2 * deck.text_inset_x, self.body_text_h)
        if len(pages) > 1:
            return None
        room_w, room_h = self.body_w - text_w - deck.column_gap, self.body_h - deck.caption_room
        iw, ih = fig.size_px
        scale = min(room_w / iw, room_h / ih)
        w, h = iw * scale, ih * scale
        x = self.m + self.body_w - w  # flush with the right margin
        shapes: list[Shape] = [self._box(self.m, self.body_y, text_w, self.body_h, tuple(pages[0]), name="Body"),
                               ImageBox(x, self.body_y, w, h, fig.path, fig.alt, size_px=fig.size_px)]
        if fig.caption:  # shrunk, then cut with "…", to the box under the picture
            shapes.append(self._title(fig.caption, "slide.footer", (x, self.body_y + h + deck.caption_gap, w,
                                      deck.caption_height), anchor="top", name="Caption", align="center",
                                      floor=deck.footer_min_size))
        slide = self._content("content", group.title, shapes, group.notes, section, group.source)
        return replace(slide, anchors=tuple(a for a in group.anchors if a))

    def _above(self, group: _Group, items: list[Item], fig: m.Figure, section: str) -> Slide | None:
        """A few points (a share of the body's height at most) with a wide picture under them."""
        deck = self.deck
        pages = self.fit.fit_body(items, self.body_text_w, self.body_text_h)
        text_h = sum(p.height for p in pages[0]) - pages[0][-1].space_after + 2 * deck.text_inset_y
        if len(pages) > 1 or text_h > self.body_h * deck.above_max_share:
            return None
        top = self.body_y + text_h + deck.caption_gap
        iw, ih = fig.size_px
        scale = min(self.body_w / iw, (self.body_y + self.body_h - deck.caption_room - top) / ih)
        w, h = iw * scale, ih * scale
        x = self.m + (self.body_w - w) / 2
        shapes: list[Shape] = [self._box(self.m, self.body_y, self.body_w, text_h, tuple(pages[0]), name="Body"),
                               ImageBox(x, top, w, h, fig.path, fig.alt, size_px=fig.size_px)]
        if fig.caption:
            shapes.append(self._title(fig.caption, "slide.footer", (self.m, top + h + deck.caption_gap, self.body_w,
                                      deck.caption_height), anchor="top", name="Caption", align="center",
                                      floor=deck.footer_min_size))
        slide = self._content("content", group.title, shapes, group.notes, section, group.source)
        return replace(slide, anchors=tuple(a for a in group.anchors if a))

    def _figure(self, fig: m.Figure, title: str, section: str) -> Planned:
        caption = fig.caption or fig.alt
        if fig.path is None:  # an image that cannot be shown gets no slide: what it showed is told in the notes
            return _NotesOnly(_notes([fig.placeholder, caption if caption != fig.alt else ""]), ())
        iw, ih = fig.size_px
        room_h = self.body_h - self.deck.caption_room
        scale = min(self.body_w / iw, room_h / ih)
        w, h = iw * scale, ih * scale
        shapes: list[Shape] = [ImageBox(self.m + (self.body_w - w) / 2, self.body_y, w, h, fig.path, fig.alt,
                                                size_px=fig.size_px)]
        if caption:
            cap = self._text([Item((m.Run(caption),), "slide.footer")], self.m, self.body_y + h + self.deck.caption_gap,
                             self.body_w, self.deck.caption_height, "Caption")
            shapes.append(replace(cap, paras=tuple(replace(p, align="center") for p in cap.paras)))
        return self._content("image", title, shapes, [], section, fig.source)


def _with_every_anchor(slides: list[Slide], section: m.Section) -> list[Slide]:
    """Anchors of the section that no slide took (a heading whose text went to the notes, one
    inside an aside) lead to the section's divider, so a link to them still goes somewhere near."""
    placed = {a for slide in slides for a in slide.anchors}
    rest = tuple(b.anchor for b in m.walk(section.blocks) if isinstance(b, m.Heading) and b.anchor
                 and b.anchor not in placed)
    if not rest:
        return slides
    return [replace(slides[0], anchors=slides[0].anchors + rest), *slides[1:]]


def _logo(logo: Logo, x: float, y: float, height: float, max_width: float) -> ImageBox:
    w, h = logo.fit(height, max_width)
    return ImageBox(x, y, w, h, logo.path, "Logo", size_px=logo.size_px)


def _items(block: m.Block, level: int = 0) -> list[Item]:
    """Slide paragraphs for one block: bullets keep two levels at most."""
    match block:
        case m.BulletList(items=items, ordered=ordered, start=start, marked=marked):
            out: list[Item] = []
            digits = len(str(start + len(items) - 1)) if ordered else 0
            for n, item in enumerate(items, start):
                bullet = f"{n}." if ordered else "•" if marked else ""
                if item.checked is not None:
                    bullet = CHECKED if item.checked else UNCHECKED
                for k, inner in enumerate(item.blocks):
                    if isinstance(inner, m.Paragraph):
                        out.append(Item(inner.runs, level=min(level, 1), bullet=bullet if k == 0 else "",
                                        digits=digits))
                    else:
                        out += _items(inner, level + 1)
            return out
        case m.Paragraph(runs=runs):
            return [Item(runs, level=min(level, 1))]
        case m.Quote(blocks=inner):
            return [replace(i, italic=True) for b in inner for i in _items(b, level)]
        case m.Callout(blocks=inner, title=title, source=source):
            head = [Item((m.Run(title),), bold=True)] if title else []
            box = [replace(i, box=source.line or 1) for i in head + [i for b in inner for i in _items(b, level)]]
            if box:
                box[0] = replace(box[0], opens=True)
                box[-1] = replace(box[-1], closes=True)
            return box
        case m.CodeBlock(text=text, lang=lang):  # one item: ``Fitter.code_lines`` cuts it into lines
            return [Item((m.Run(text, code=True),), code=True, lang=lang)]
        case m.Heading(runs=runs):
            return [Item(runs, bold=True)]
        case m.Columns(columns=columns):  # inside a list or an aside: one after another
            return [i for column in columns for b in column.blocks for i in _items(b, level)]
    return []


def _comparison(items: list[Item], most: int) -> list[list[Item]] | None:
    """Two sub-headings (bold lines of their own), each over a list of two to ``most`` points
    and nothing else, their lengths within two of each other: the two halves, else None."""
    heads = [k for k, item in enumerate(items) if item.bold and not item.bullet and not item.level]
    if len(heads) != 2 or heads[0] != 0:
        return None
    halves = [items[: heads[1]], items[heads[1]:]]
    lists = [half[1:] for half in halves]
    if not all(2 <= len(points) <= most and all(i.bullet or i.level for i in points) for points in lists):
        return None
    return halves if abs(len(lists[0]) - len(lists[1])) <= 2 else None


def _text_of(blocks: tuple[m.Block, ...]) -> str:
    """Plain text of blocks, for speaker notes."""
    parts: list[str] = []
    for block in blocks:
        match block:
            case m.Paragraph(runs=runs) | m.Heading(runs=runs):
                parts.append(m.plain(runs))
            case m.BulletList(items=items):
                parts.append("\n".join("- " + _text_of(i.blocks).replace("\n", " ") for i in items))
            case m.Quote(blocks=inner) | m.Callout(blocks=inner) | m.Notes(blocks=inner):
                parts.append(_text_of(inner))
            case m.Columns(columns=columns):
                parts += [_text_of(column.blocks) for column in columns]
            case m.CodeBlock(text=text):
                parts.append(text)
            case m.Table(header=header, rows=rows):
                parts.append("\n".join(" | ".join(m.plain(c) for c in r) for r in (header, *rows)))
            case m.Figure():
                parts.append(block.placeholder)
            case m.Footnotes(items=notes):
                parts.append("\n".join(f"[{n.label}] {_text_of(n.blocks)}" for n in notes))
    return "\n\n".join(p for p in parts if p)


def _notes(parts: list[str]) -> str:
    return "\n\n".join(p for p in parts if p)


def _spread(items: list[str], count: int) -> list[list[str]]:
    """Split ``items`` in order into ``count`` runs of about equal length."""
    total = sum(len(i) for i in items) or 1
    out: list[list[str]] = [[] for _ in range(count)]
    done = 0
    for item in items:
        index = min(int(done / total * count), count - 1)
        out[index].append(item)
        done += len(item)
    return out
