"""Tables kept as data files (YAML or CSV), and the content-weighted column widths.

A section includes a data table with ``::: table path/to/file.yml`` … ``:::``. A YAML
table has ``header`` (a list), ``rows`` (a list of lists) and optionally ``caption`` and
``row-labels``; a CSV table's first row is the header. Cells are inline Markdown.
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportgen.errors import ReportgenError, SourceRef
from reportgen.load.files import check_keys, line_of, parse_yaml, read_text
from reportgen.load.inline import parse_inline
from reportgen.model import Inline, Table, plain

if TYPE_CHECKING:
    from reportgen.load.context import FileContext

MAX_ROWS = 20_000
_YAML_KEYS = ("caption", "header", "rows", "row-labels")


def load_table_file(path: Path, file: FileContext, caption: Inline = ()) -> Table:
    """Read a ``.yml``/``.yaml`` or ``.csv`` table (``file`` is its context); ``caption`` from
    the section wins."""
    text = read_text(path, file.diag, "table file")
    if path.suffix.lower() == ".csv":
        header, rows, lines, row_labels, own_caption = _read_csv(text, path)
    elif path.suffix.lower() in (".yml", ".yaml"):
        header, rows, lines, row_labels, own_caption = _read_yaml(text, path)
    else:
        raise ReportgenError(
            f"unsupported table file type '{path.suffix}'", SourceRef(path), hint="use .yml, .yaml or .csv"
        )
    head = [parse_inline(c, file) for c in header]
    body = [[parse_inline(c, file) for c in row] for row in rows]
    return build_table(head, body, lines, SourceRef(path, 1), caption or parse_inline(own_caption, file), row_labels)


def build_table(
    header: list[Inline],
    rows: list[list[Inline]],
    lines: list[int | None],
    source: SourceRef,
    caption: Inline = (),
    row_labels: bool | None = None,
) -> Table:
    """Check the grid is rectangular and weigh the columns by their text."""
    if not header:
        raise ReportgenError("table has no header row", source, hint="add a header row naming the columns")
    if len(rows) > MAX_ROWS:
        raise ReportgenError(f"table has {len(rows)} rows, over the {MAX_ROWS} limit", source)
    for row, line in zip(rows, lines):
        if len(row) != len(header):
            cells = "cell" if len(row) == 1 else "cells"
            fix = "add the missing cells" if len(row) < len(header) else "remove the extra cells"
            raise ReportgenError(
                f"row has {len(row)} {cells}, expected {len(header)}", SourceRef(source.path, line), hint=fix
            )
    head = tuple(header)
    body = tuple(tuple(row) for row in rows)
    if row_labels is None:  # an empty top-left cell means the first column names the rows
        row_labels = len(header) > 1 and not plain(header[0]).strip()
    return Table(head, body, column_widths(head, body), source, caption, row_labels)


def column_widths(header: tuple[Inline, ...], rows: tuple[tuple[Inline, ...], ...]) -> tuple[float, ...]:
    """Fractions of the width, weighted by each column's text, never starving a column."""
    count = len(header)
    weights = []
    for col in range(count):
        texts = [plain(header[col])] + [plain(r[col]) for r in rows[:200]]
        lengths = [len(t) for t in texts] or [1]
        longest_word = max((len(w) for t in texts for w in t.split()), default=1)
        weights.append(max(sum(lengths) / len(lengths) + 0.3 * max(lengths), 1.5 * longest_word, 1.0))
    total = sum(weights)
    floor = 0.5 / count
    fractions = [max(w / total, floor) for w in weights]
    scale = sum(fractions)
    return tuple(f / scale for f in fractions)


@lru_cache(maxsize=64)  # a data table included many times is parsed once (ruamel is slow)
def _read_yaml(text: str, path: Path) -> tuple[list[str], list[list[str]], list[int | None], bool | None, str]:
    data = parse_yaml(text, path)
    if not isinstance(data, dict):
        raise ReportgenError("a table file must be a mapping with 'header' and 'rows'", SourceRef(path, 1))
    check_keys(data, _YAML_KEYS, path, "table file")
    header, rows = data.get("header"), data.get("rows")
    if not isinstance(header, list):
        raise ReportgenError("'header' must be a list of column names", SourceRef(path, line_of(data, "header") or 1))
    if not isinstance(rows, list):
        raise ReportgenError("'rows' must be a list of rows", SourceRef(path, line_of(data, "rows") or 1))
    lines = [line_of(rows, i) for i in range(len(rows))]
    for row, line in zip(rows, lines):
        if not isinstance(row, list):
            raise ReportgenError("each row must be a list of cells, like [a, b, c]", SourceRef(path, line))
    labels = data.get("row-labels")
    if labels is not None and not isinstance(labels, bool):
        raise ReportgenError("'row-labels' must be true or false", SourceRef(path, line_of(data, "row-labels")))
    return [_cell(c) for c in header], [[_cell(c) for c in r] for r in rows], lines, labels, _cell(data.get("caption"))


def _read_csv(text: str, path: Path) -> tuple[list[str], list[list[str]], list[int | None], bool | None, str]:
    reader = csv.reader(io.StringIO(text), strict=True)  # strict: an unclosed quote is an error, not a swallowed file
    records: list[tuple[int, list[str]]] = []
    start = 1  # the line the record being read starts on
    try:
        for row in reader:
            if row:
                records.append((reader.line_num, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ReportgenError(
            f"invalid CSV: {exc}", SourceRef(path, start),
            hint='a quoted cell must end with \'"\' before the next comma; write \'""\' for a quote inside it',
        ) from None
    if not records:
        raise ReportgenError("table file is empty", SourceRef(path), hint="add a header row and rows")
    (_, header), *body = records
    return header, [r for _, r in body], [n for n, _ in body], None, ""


def _cell(value: Any) -> str:
    return "" if value is None else str(value)
