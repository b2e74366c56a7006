"""Fitting text into slide boxes: titles that shrink then wrap, bodies that continue on new
slides, tables split by rows. Pure functions over measured text; no python-pptx here.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace

from reportgen import model as m
from reportgen.fonts import continuation_mark
from reportgen.highlight import expand_tabs, highlight, wrap
from reportgen.measure import Measure, Piece, Word, runs_of_words, words_of
from reportgen.model import Inline, plain
from reportgen.render.deck.plan import ColoredRun, Para
from reportgen.rtl import has_arabic, has_rtl, is_rtl
from reportgen.theme import TextStyle, Theme


def _has_wide(text: str) -> bool:
    return any(unicodedata.east_asian_width(c) in ("W", "F") for c in text)


@dataclass(frozen=True, slots=True)
class Item:
    """A paragraph waiting to be measured: text, list level, bullet and theme role."""

    runs: Inline
    role: str = "slide.body"
    level: int = 0
    bullet: str = ""
    bold: bool = False
    italic: bool = False
    code: bool = False  # a code block, then each of its lines: cut to the box's width, never wrapped (``code_lines``)
    lang: str = ""  # a code block's language, for its colours
    digits: int = 0  # of the widest number in its list: the numbers' column is as wide as that needs
    box: int = 0  # a callout's number: its items are set in a tinted box (``callout_pad``), kept together
    opens: bool = False  # the box's first item: the box's top padding above it
    closes: bool = False  # and its last: the bottom padding below it
    tone: str = ""  # a callout's kind (note, tip, warning …): its bar's colour (``Theme.callout_bar``)


class Fitter:
    """Measures items at a size and packs them into boxes, with the theme's safety margin."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.mono = theme.style("code").family
        self._measures: dict[tuple[str, float], Measure] = {}
        self._wide: dict[str, bool] = {}  # a run's text: has it East Asian wide characters?

    def measure(self, style: TextStyle, size: float) -> Measure:
        key = (style.family.name, size)
        if key not in self._measures:
            self._measures[key] = Measure(style.family, self.mono, size)
        return self._measures[key]

    def usable(self, width: float, runs: Inline = ()) -> float:
        """Width to wrap at: a little less than the box, for viewers that set text wider. Wide
        characters (CJK) are drawn by the viewer's fallback font and broken by its own rules
        (Japanese word by word), and Arabic is shaped by its own engine: their paragraphs keep a
        wider margin."""
        deck = self.theme.deck
        return width * (1 - deck.fit_margin - (deck.wide_fit_margin if self.viewer_breaks(runs) else 0.0))

    def viewer_breaks(self, runs: Inline) -> bool:
        """Whether a viewer breaks or shapes this text by its own rules (CJK, right to left)."""
        return any(not r.text.isascii() and (self._has_wide(r.text) or has_rtl(r.text)) for r in runs)

    def _has_wide(self, text: str) -> bool:
        if text not in self._wide:
            self._wide[text] = _has_wide(text)
        return self._wide[text]

    def indent(self, item: Item, size: float) -> float:
        """The left margin of an item's text: one step a level, and the bullet's hanging indent."""
        return item.level * size * self.theme.deck.list_indent + (size * self.hang(item) if item.bullet else 0.0)

    def hang(self, item: Item) -> float:
        """A bullet's hanging indent in ems: the theme's, or wider for numbers of two digits or more."""
        deck = self.theme.deck
        return max(deck.list_indent, item.digits * deck.number_digit_ems + deck.number_gap_ems)

    def inner(self, item: Item, width: float) -> float:
        """The width an item's text has: a callout's, inside its box's padding."""
        deck = self.theme.deck
        return width - deck.callout_pad_left - deck.callout_pad_right if item.box else width

    def trailing(self, para: Para) -> float:
        """The space after a paragraph that may hang below the box's bottom: not a callout's padding."""
        return para.space_after - (self.theme.deck.callout_pad_y if para.closes else 0.0)

    def para(self, item: Item, size: float, width: float, space_before: float = 0.0) -> tuple[Para, list[list[Word]]]:
        """Measure one item at ``size`` in a text area ``width`` wide."""
        style = self.theme.style(item.role)
        measure = self.measure(style, size)
        words = words_of(item.runs, style.bold or item.bold, style.italic or item.italic)
        lines = measure.wrap(words, self.usable(self.inner(item, width), item.runs) - self.indent(item, size))
        deck = self.theme.deck
        after = round(size * (deck.space_after if item.level == 0 else deck.nested_space_after), 1)
        if item.opens:
            space_before += deck.callout_pad_y
        if item.closes:
            after += deck.callout_pad_y
        # the item's own marks (callout titles, quotes, row labels) go into its runs, so every
        # drawer sets the text as bold or italic as it was measured here
        bold_links = self.theme.link_bold
        runs = item.runs if not (item.bold or item.italic or bold_links) else tuple(
            replace(r, strong=r.strong or item.bold or bool(r.link and bold_links), emph=r.emph or item.italic)
            for r in item.runs)
        align = "right" if is_rtl(plain(item.runs)) else "left"  # a right-to-left paragraph sits flush right
        pitch = deck.tall_line_pitch if has_arabic(plain(item.runs)) else deck.line_pitch
        para = Para(runs, item.role, size, round(size * pitch, 2), _frozen(lines), space_before, after,
                    item.level, item.bullet, align, self.hang(item) if item.bullet else 0.0, item.box, item.closes,
                    tone=item.tone)
        return para, lines

    def title(self, text: Inline, role: str, width: float, height: float, min_share: float, max_lines: int,
              floor: float) -> Para:
        """A title at its role's size if it fits in ``max_lines``; else shrink (to ``min_share``
        of the size, never below ``floor``) and, at the smallest size, use as many lines as the
        box holds."""
        style = self.theme.style(role)
        size = style.size
        smallest = min(max(round(style.size * min_share), floor), size)
        while True:
            pitch = round(size * self.theme.deck.title_pitch, 2)
            room = int(height // pitch)
            para, lines = self.para(Item(text, role), size, width)
            para = replace(para, pitch=pitch, space_after=0)
            allowed = min(max_lines, room) if size > smallest else room
            if len(lines) <= allowed or size <= smallest:
                return self.balanced(para, width)
            size = max(size - self.theme.deck.title_shrink_step, smallest)

    def balanced(self, para: Para, width: float) -> Para:
        """``para`` on as many lines, each about as long: broken at the narrowest width that
        still takes no more lines (no word alone on the last line), the breaks then written into
        the deck (``hard``) so that every viewer shows them. Text a viewer breaks its own way
        (CJK, right to left) keeps the viewer's breaks."""
        if para.lines < 2 or self.viewer_breaks(para.runs):
            return para
        style = self.theme.style(para.role)
        measure = self.measure(style, para.size)
        words = words_of(para.runs, style.bold, style.italic)
        low, high = 0.0, self.usable(width)
        while high - low > self.theme.deck.balance_precision:
            mid = (low + high) / 2
            low, high = (low, mid) if len(measure.wrap(words, mid)) <= para.lines else (mid, high)
        return replace(para, breaks=_frozen(measure.wrap(words, high)), hard=True)

    def pack(self, items: list[Item], width: float, height: float, size: float,
             max_items: int, spread: int = 0) -> list[list[Para]]:
        """Pack items into pages of ``height``, at most ``max_items`` a page (a code block counts
        as one); an item taller than a page is split by lines, a code block into even parts.
        With ``spread`` pages expected, each page takes its share of the items left, so the
        last is not a page of one."""
        pages: list[list[Para]] = [[]]
        used, count = 0.0, 0
        queue = list(items)
        limit = max_items
        while queue:
            if not pages[-1] and spread:
                limit = min(max_items, -(-len(queue) // max(spread - len(pages) + 1, 1)))
            item = queue.pop(0)
            if item.code:
                for chunk in self._code_chunks(item, size, width, height):
                    need = sum(p.height for p in chunk) - chunk[-1].space_after
                    if pages[-1] and (used + need > height or count >= limit):
                        pages.append([])
                        used, count = 0.0, 0
                    pages[-1] += chunk
                    used += sum(p.height for p in chunk)
                count += 1
                continue
            para, lines = self.para(item, size, width)
            last_after = self.trailing(para)
            fits = used + para.height - last_after <= height
            if fits and item.opens and pages[-1]:  # a callout moves whole to the next slide if it fits there
                whole = self._box_height(item, queue, size, width)
                fits = used + whole <= height or whole > height
            if fits and queue and _leads_in(item):  # a heading line keeps with a line of what follows
                fits = used + para.height + self.para(queue[0], size, width)[0].pitch <= height
            full = count >= limit
            if fits and not full:
                pages[-1].append(para)
                used += para.height
                count += 1
                continue
            if pages[-1] and (full or para.height - last_after <= height):
                pages.append([])
                used, count = 0.0, 0
                queue.insert(0, item)
                continue
            # taller than a whole page: keep the lines that fit, continue the rest
            room = max(int((height - used) // para.pitch), 1)
            head, tail = lines[:room], lines[room:]
            pages[-1].append(replace(para, runs=runs_of_words([w for ln in head for w in ln]), breaks=_frozen(head)))
            rest = [w for ln in tail for w in ln]
            if rest:
                queue.insert(0, replace(item, runs=runs_of_words(rest), bullet=""))
                pages.append([])
                used, count = 0.0, 0
        return [p for p in pages if p]

    def _box_height(self, first: Item, queue: list[Item], size: float, width: float) -> float:
        """The height of a callout, from its first item (``queue`` holds the rest)."""
        items = [first, *queue[:next((k for k, i in enumerate(queue) if i.box != first.box), len(queue))]]
        paras = [self.para(i, size, width)[0] for i in items]
        return sum(p.height for p in paras) - self.trailing(paras[-1])

    def _code_chunks(self, item: Item, size: float, width: float, height: float) -> list[list[Para]]:
        """A code block's lines, set close (space after the last only), whole if a page holds
        them, else in as few parts as pages need, of even length, each cut at a blank line
        near its end when there is one: never a tail of a line or two on a slide of its own."""
        lines = [self.para(piece, size, width)[0] for piece in self.code_lines(item, size, width)]
        after = lines[-1].space_after
        lines = [replace(p, space_after=0) for p in lines[:-1]] + [lines[-1]]
        pitch = lines[0].height
        fits = max(int((height - after) // pitch), 1)
        if len(lines) <= fits:
            return [lines]
        parts = -(-len(lines) // fits)
        chunks: list[list[Para]] = []
        start = 0
        reach = self.theme.deck.code_blank_reach
        while start < len(lines):
            left = parts - len(chunks)  # parts still to make, this one included
            end = min(start + -(-(len(lines) - start) // left), len(lines))
            if end < len(lines):
                blank = [k for k in range(end - 1, max(end - 1 - reach, start), -1) if not plain(lines[k].runs).strip()
                         and len(lines) - (k + 1) <= (left - 1) * fits]  # the rest still fits the parts left
                end = blank[0] + 1 if blank else end  # the blank line ends this part, unseen
            chunk = lines[start:end]
            chunks.append(chunk[:-1] + [replace(chunk[-1], space_after=after)])
            start = end
        return chunks

    def code_lines(self, item: Item, size: float, width: float) -> list[Item]:
        """A code block as paragraphs that each fit one line of the box at ``size``, counting every
        character (a run of spaces too, which viewers wrap as they please), each token in its
        colour (``highlight``); other items as they are."""
        if not item.code:
            return [item]
        advance = self.measure(self.theme.style("code"), size).piece(Piece("0", False, False, True))
        columns = int((self.usable(self.inner(item, width)) - self.indent(item, size)) // advance)
        mark, colors = continuation_mark(self.mono) + " ", self.theme.code
        lines = [piece for line in highlight(m.plain(item.runs), item.lang)
                 for piece in wrap(expand_tabs(line, self.theme.deck.code_tab_width), columns, mark, "")]
        return [replace(item, runs=tuple(ColoredRun(text, code=True, color=colors.of(role)) for text, role in line)
                        or (ColoredRun(" ", code=True, color=colors.plain),), opens=item.opens and k == 0,
                        closes=item.closes and k == len(lines) - 1) for k, line in enumerate(lines)]

    def fit_body(self, items: list[Item], width: float, height: float,
                 max_items: int | None = None) -> list[list[Para]]:
        """The largest size from the body size down that fits one slide; else continue at the
        body size on as many slides as needed (never below the theme's minimum)."""
        theme = self.theme
        base = theme.style("slide.body").size
        size = base
        floor = max(theme.deck.min_body, base - theme.deck.body_shrink)
        if any(item.code for item in items):  # a code block shrinks further before it splits
            floor = min(floor, theme.deck.code_min_size)
        # text a viewer breaks by its own rules (CJK, Arabic), wraps at runs of spaces (code) or
        # sets as one unbreakable field (a link, in LibreOffice) may take a line more than
        # measured: such a body keeps a line's room spare for each such paragraph, up to ``spare_lines``
        spare = sum(item.code or self.viewer_breaks(item.runs) or any(r.link for r in item.runs) for item in items)

        def room(size: float) -> float:
            return height - min(spare, theme.deck.spare_lines) * size * theme.deck.line_pitch

        while size >= floor:
            pages = self.pack(items, width, room(size), size, max_items or theme.deck.max_bullets)
            if len(pages) == 1:
                return pages
            size -= theme.deck.body_shrink_step
        limit = max_items or theme.deck.max_bullets
        pages = self.pack(items, width, room(base), base, limit)
        spread = self.pack(items, width, room(base), base, limit, len(pages))  # not a last slide of one
        return spread if len(spread) == len(pages) else pages


def _leads_in(item: Item) -> bool:
    """A bold line of its own that heads what follows (a sub-heading, a callout's title)."""
    return item.bold and not item.bullet and not item.code


def _frozen(lines: list[list[Word]]) -> tuple[tuple[Word, ...], ...]:
    return tuple(tuple(line) for line in lines) or ((),)
