"""A table too wide for its page or slide, as several narrower tables.

Real documents hold tables of twenty columns (feature matrices, browser support). Squeezed
onto one page, each column would be narrower than a character. Instead the columns are
dealt out into groups that fit, each group a table of its own that repeats the first
column, so every row can still be read across. Both renderers use it, each with its width.
"""

from __future__ import annotations

from dataclasses import replace

from reportgen import model as m
from reportgen.load.tables import column_widths as weigh


def column_groups(table: m.Table, most: int) -> list[m.Table]:
    """``table`` as tables of at most ``most`` columns (2 at least), the first column repeated;
    later groups say which columns they hold in their caption."""
    count = len(table.header)
    most = max(most, 2)
    if count <= most:
        return [table]
    groups = []
    step = most - 1  # the first column is in every group
    for start in range(1, count, step):
        picked = [0, *range(start, min(start + step, count))]
        header = tuple(table.header[i] for i in picked)
        rows = tuple(tuple(row[i] for i in picked) for row in table.rows)
        last = picked[-1] + 1
        note = m.Run(f"(columns {start + 1}–{last} of {count})" if last > start + 1 else
                     f"(column {last} of {count})")
        caption = (*table.caption, m.Run(" "), note) if table.caption else (note,)
        groups.append(replace(table, header=header, rows=rows, widths=weigh(header, rows), caption=caption))
    return groups
