"""Tables on slides: cells measured at the table size, rows packed onto slides with the
header repeated, and a row too tall for a slide split between slides."""

from __future__ import annotations

from dataclasses import replace

from reportgen import model as m
from reportgen.measure import column_widths, longest_words, runs_of_words
from reportgen.render.deck.fit import Fitter, Item
from reportgen.render.deck.plan import Para, TableBox
from reportgen.theme import DeckMetrics


def plan_table(fit: Fitter, table: m.Table, x: float, y: float, width: float,
               height: float) -> list[TableBox]:
    """One ``TableBox`` per slide: a table that fits one slide at a larger size than the table
    size (up to the body's) takes the largest that leaves some of the body free; else at the table
    size, smaller (to the minimum) only when a single row would not fit a slide."""
    theme = fit.theme
    deck = theme.deck
    size = theme.style("slide.table").size
    for larger in _larger_sizes(theme.style("slide.body").size, size, deck.table_grow_step):
        widths = _widths(fit, table, width, larger)
        rows = [_row(fit, table.header, widths, larger, "slide.table.header", False),
                *(_row(fit, r, widths, larger, "slide.table", table.row_labels) for r in table.rows)]
        if sum(_height(deck, r) for r in rows) <= height * deck.table_fill_share:
            return [_box(deck, x, y, widths, rows, table.row_labels)]
    while True:
        widths = _widths(fit, table, width, size)
        header = _row(fit, table.header, widths, size, "slide.table.header", False)
        rows = [_row(fit, r, widths, size, "slide.table", table.row_labels) for r in table.rows]
        tallest = max((_height(deck, r) for r in rows), default=0.0)
        if _height(deck, header) + tallest <= height or size <= theme.deck.min_table:
            break
        size -= deck.table_shrink_step
    pages: list[list[tuple[Para, ...]]] = [[]]
    used = _height(deck, header)
    queue = list(rows)
    while queue:
        row = queue.pop(0)
        h = _height(deck, row)
        if used + h <= height:
            pages[-1].append(row)
            used += h
            continue
        if pages[-1] and (_height(deck, header) + h <= height or height - used < _line_height(deck, row)):
            pages.append([])  # on a slide of its own, or split there: not one line of it fits here
            used = _height(deck, header)
            queue.insert(0, row)
            continue
        head, tail = _split_row(fit, row, widths, height - used)
        pages[-1].append(head)
        queue.insert(0, tail)
        pages.append([])
        used = _height(deck, header)
    return [_box(deck, x, y, widths, [header, *page], table.row_labels)
            for page in pages if page or len(pages) == 1]  # a table with no rows still shows its header


def _box(deck: DeckMetrics, x: float, y: float, widths: tuple[float, ...], rows: list[tuple[Para, ...]],
         labels: bool) -> TableBox:
    """The rows of one slide as a table box, each row as tall as its tallest cell."""
    return TableBox(x, y, widths, tuple(rows), tuple(_height(deck, r) for r in rows), deck.table_cell_inset_x,
                    deck.table_cell_inset_y, labels)


def _larger_sizes(top: float, size: float, step: float) -> list[float]:
    """The sizes to try a table at before its own, largest first."""
    out = []
    while top > size:
        out.append(top)
        top -= step
    return out


def table_columns(fit: Fitter, width: float) -> int:
    """How many columns a slide's table holds, each wide enough for a short word at the
    smallest table size; a wider table is dealt out into groups (``table_columns.column_groups``)."""
    deck = fit.theme.deck
    size = deck.min_table
    return max(int(width // (2 * deck.table_cell_inset_x + deck.table_column_ems * size)), deck.table_min_columns)


def _widths(fit: Fitter, table: m.Table, width: float, size: float) -> tuple[float, ...]:
    """Content-weighted widths, widened where a column's longest word would be broken."""
    family = fit.theme.style("slide.table").family
    words = longest_words(table, (family, size), (family, size))
    deck = fit.theme.deck
    needs = [w / (1 - deck.fit_margin) + 2 * deck.table_cell_inset_x + 1 for w in words]  # as _row wraps a cell
    return tuple(round(w, 2) for w in column_widths(table.widths, width, needs))


def _row(fit: Fitter, cells: tuple[m.Inline, ...], widths: tuple[float, ...], size: float, role: str,
         labels: bool) -> tuple[Para, ...]:
    out = []
    for col, (cell, w) in enumerate(zip(cells, widths)):
        item = Item(cell, role, bold=labels and col == 0)
        para, _ = fit.para(item, size, w - 2 * fit.theme.deck.table_cell_inset_x)
        out.append(replace(para, space_after=0))
    return tuple(out)


def _height(deck: DeckMetrics, row: tuple[Para, ...]) -> float:
    return max(p.lines * p.pitch for p in row) + 2 * deck.table_cell_inset_y + 1


def _line_height(deck: DeckMetrics, row: tuple[Para, ...]) -> float:
    """The height of a row's first line alone, the least of a row a slide can show."""
    return max(p.pitch for p in row) + 2 * deck.table_cell_inset_y + 1


def _split_row(fit: Fitter, row: tuple[Para, ...], widths: tuple[float, ...],
               room: float) -> tuple[tuple[Para, ...], tuple[Para, ...]]:
    """Cut every cell of a row after the lines that fit in ``room``; the rest continues."""
    inset_y = fit.theme.deck.table_cell_inset_y
    keep = max(int((room - 2 * inset_y - 1) // max(p.pitch for p in row)), 1)  # Arabic cells: a taller pitch
    head, tail = [], []
    for para, w in zip(row, widths):
        item = Item(para.runs, para.role)
        _, lines = fit.para(item, para.size, w - 2 * fit.theme.deck.table_cell_inset_x)
        first = [wd for ln in lines[:keep] for wd in ln]
        rest = [wd for ln in lines[keep:] for wd in ln]
        head.append(replace(para, runs=runs_of_words(first), breaks=tuple(tuple(ln) for ln in lines[:keep]) or ((),)))
        tail.append(replace(para, runs=runs_of_words(rest), breaks=tuple(tuple(ln) for ln in lines[keep:]) or ((),)))
    return tuple(head), tuple(tail)
