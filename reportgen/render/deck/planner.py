"""Document → slide plan, by one documented rule (see the README, "From guide to deck"):

* the deck opens with a title slide and an agenda, gives each section a divider, and
  closes with a questions slide (link and QR code);
* ``##`` headings start slides and give them their titles; a slide of under two lines joins
  a neighbour (``_Planner._joins``);
* lists, quotes, callouts and code go on slides; tables get slides of their own, pictures
  too unless they go beside the points above them; an FAQ gets one slide per question;
* prose paragraphs go to the speaker notes — unless the section has a ``::: slides`` block,
  whose content is then the section's slide text and everything else is notes; prose under
  a heading with nothing else to show gives its lead sentences as bullets (``leads.py``), or
  one short paragraph a statement;
* what does not fit continues on a slide titled "… (cont.)".

The slide's frame and fixed slides are in ``frame.py``, the content layouts in ``layouts.py``;
every box is measured (``fit.py``) so that nothing is taller than its box.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Union

from reportgen import model as m
from reportgen import progress
from reportgen.errors import SourceRef
from reportgen.render.deck.fit import Item
from reportgen.render.deck.frame import join_notes
from reportgen.render.deck.layouts import Layouts, comparison
from reportgen.render.deck.leads import leads
from reportgen.render.deck.plan import CHECKED, UNCHECKED, Para, Shape, Slide
from reportgen.render.deck.tables import plan_table, table_columns
from reportgen.render.table_columns import column_groups
from reportgen.theme import Theme


def plan_slides(doc: m.Document, theme: Theme) -> list[Slide]:
    """The whole deck as data: positions in points, every paragraph measured."""
    planner = _Planner(theme, theme.words_for(doc.meta.lang), doc.meta.source.path.resolve().parent)
    sections = [s for s in doc.sections if s.slides]
    slides = [planner.title_slide(doc.meta)]
    slides += planner.agenda(sections)
    for number, section in enumerate(sections, 1):
        slides += _with_every_anchor(_with_layouts(planner.section(number, section), section), section)
        progress.step("plan", number, len(sections))
    slides.append(planner.closing(doc.meta))
    date = doc.meta.event_value("date") or doc.meta.date
    return [planner.with_footer(replace(slide, notes=join_notes([slide.notes, slide.source])), n, date)
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


class _Planner(Layouts):
    """Sections → slides: groups material under headings, joins small groups, and picks each
    slide's layout."""

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
                    slides.extend(_on(s, block.layout) if isinstance(s, Slide) else s
                                  for s in self._slide_text(inner, section.title))
                    own_slides.extend(range(first, len(slides)))
                case m.Notes(blocks=inner):
                    group.notes.append(_text_of(inner))
                case m.Footnotes():  # spoken, not shown
                    (prose if own else group.notes).append(_text_of((block,)))
                case m.Table() | m.Figure() | m.Faq() | m.Columns():
                    title = group.title  # the heading above it titles its slide, and what follows
                    heading_only = not group.items and not group.prose
                    beside = self._beside(self._shown(group), block) if isinstance(block, m.Figure) else None
                    if beside is not None:  # a picture beside (or under) the points above it
                        release()
                        slides.append(self._slide_of(group, beside, section.title))
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
                        special[0] = replace(special[0], notes=join_notes([*carried.notes, special[0].notes]),
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
                slides[index] = replace(slides[index], notes=join_notes([slides[index].notes, *chunk]))
        # notes with no slide of their own join the slide before them (the divider at first)
        out = [self.divider(number, section, [])]
        for slide in slides:
            if isinstance(slide, _NotesOnly):
                out[-1] = replace(out[-1], notes=join_notes([out[-1].notes, slide.notes]),
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
        first = replace(slides[0], notes=join_notes([divider.notes, slides[0].notes]),
                        anchors=divider.anchors + slides[0].anchors, opens=True)
        box = (self.m, self.label_y, self.W - 2 * self.m, self.deck.label_height)
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
        merged = self._merged(first, then)
        pair = comparison(merged.items, self.deck.compare_max_items) if deeper else None
        if pair and self._side_by_side(pair, [1.0, 1.0]) is not None:  # two lists to compare: one slide
            return True
        if not after or not (self._small(ahead) or self._small(after)):
            return False
        return len(self._pages(merged)) == len(ahead)

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
            return [_NotesOnly(join_notes(notes), anchors)] if notes or anchors else []
        prose = all(not (i.bullet or i.code or i.box or i.level) for i in group.items)
        width = min(self.body_w, self.theme.slide_measure()) if prose else self.body_w  # a readable measure
        pair = comparison(group.items, self.deck.compare_max_items)
        shapes = self._side_by_side(pair, [1.0, 1.0]) if pair else None
        if shapes:  # two short lists under two sub-headings: a comparison, side by side
            return [self._slide_of(group, shapes, section)]
        statement = self._statement(group.items)
        if statement:
            return [self._slide_of(group, [statement], section)]
        pages = self.fit.fit_body(group.items, width - 2 * self.deck.text_inset_x, self.body_text_h)
        out: list[Planned] = []
        for i, paras in enumerate(pages):
            title = group.title if i == 0 else self._continued(group.title)
            slide = self._content("content", title, self._body(paras, width), group.notes if i == 0 else [], section,
                                  group.source)
            out.append(replace(slide, anchors=anchors) if i == 0 else slide)
        return out

    def _slide_of(self, group: _Group, shapes: list[Shape], section: str) -> Slide:
        """A content slide of ``shapes`` titled by the group's heading, with its notes and anchors."""
        slide = self._content("content", group.title, shapes, group.notes, section, group.source)
        return replace(slide, anchors=tuple(a for a in group.anchors if a))

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
                out[-1] = replace(last, notes=join_notes([last.notes, *notes]))
                return out
            case m.Figure(path=None):  # a picture that cannot be shown gets no slide: the notes tell of it
                caption = block.caption if block.caption != block.alt else ""
                return [_NotesOnly(join_notes([block.placeholder, caption]), ())]
            case m.Figure(path=path) if path is not None:
                return [self._content("image", title, self._figure(block, path), [], section, block.source)]
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

def _with_layouts(slides: list[Slide], section: m.Section) -> list[Slide]:
    """The layout a heading names (``## Results {layout="Comparison"}``) for the slides its
    heading opens, continuations included."""
    named = {b.anchor: b.layout for b in m.walk(section.blocks) if isinstance(b, m.Heading) and b.layout}
    if not named:
        return slides
    out, current = [], ""
    for slide in slides:
        if slide.anchors or slide.kind == "divider":
            current = next((named[a] for a in slide.anchors if a in named), "")
        out.append(slide if slide.kind == "divider" else _on(slide, current))
    return out


def _on(slide: Slide, layout: str) -> Slide:
    """``slide`` built on the template layout named ``layout`` (``check.check_layouts`` made
    sure, when the content loaded, that the template has it)."""
    return replace(slide, layout=layout) if layout else slide


def _with_every_anchor(slides: list[Slide], section: m.Section) -> list[Slide]:
    """Anchors of the section that no slide took (a heading whose text went to the notes, one
    inside an aside) lead to the section's divider, so a link to them still goes somewhere near."""
    placed = {a for slide in slides for a in slide.anchors}
    rest = tuple(b.anchor for b in m.walk(section.blocks) if isinstance(b, m.Heading) and b.anchor
                 and b.anchor not in placed)
    if not rest:
        return slides
    return [replace(slides[0], anchors=slides[0].anchors + rest), *slides[1:]]


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
        case m.Callout(blocks=inner, title=title, source=source, kind=kind):
            head = [Item((m.Run(title),), bold=True)] if title else []
            box = [replace(i, box=source.line or 1, tone=kind)
                   for i in head + [i for b in inner for i in _items(b, level)]]
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
