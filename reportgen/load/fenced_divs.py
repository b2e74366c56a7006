"""``:::`` blocks as pandoc reads them: nested at the same fence length.

mdit-py-plugins' container rule closes a block at the first bare ``:::`` it meets, so
Quarto's and pandoc's usual nesting (``::: {.columns}`` holding ``::: {.column}``, each
closed by its own ``:::``) ends the outer block too early and leaves a stray ``:::`` in the
text. This rule counts the openings it passes (a fence with words after it) and skips
fenced code, then makes the same ``container_div_open``/``_close`` tokens. A MyST directive's
option lines (``:class: framed`` right after ``:::{div}``) are options, not text: they go
to the opening token's ``meta``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock

MIN_COLONS = 3
_OPTION = re.compile(r"^:([\w-]+):(.*)$")  # a MyST directive option: ":class: framed"


def fenced_divs_plugin(md: MarkdownIt) -> None:
    md.block.ruler.before("fence", "fenced_div", _fenced_div, {"alt": ["paragraph", "reference", "blockquote", "list"]})


def _text(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line]:state.eMarks[line]]


def _fence(state: StateBlock, line: int) -> tuple[int, str] | None:
    """The colons and the words after them if ``line`` is a ``:::`` fence, else ``None``."""
    if state.sCount[line] - state.blkIndent >= 4:  # indented code
        return None
    text = _text(state, line)
    colons = len(text) - len(text.lstrip(":"))
    return (colons, text[colons:].strip()) if colons >= MIN_COLONS else None


def _fenced_div(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    opening = _fence(state, start_line)
    if opening is None or not opening[1]:
        return False
    if silent:
        return True
    colons, info = opening
    depth, line, closed, in_code = 0, start_line, False, ""
    while True:
        line += 1
        if line >= end_line:
            break
        start, end = state.bMarks[line] + state.tShift[line], state.eMarks[line]
        if start < end and state.sCount[line] < state.blkIndent:
            break  # a line less indented than this block's container ends it
        text = state.src[start:end]
        if in_code:
            in_code = "" if text.startswith(in_code) and not text.strip(in_code[0]) else in_code
            continue
        if text.startswith(("```", "~~~")):
            in_code = text[:3]
            continue
        fence = _fence(state, line)
        if fence is None or fence[0] < colons:
            continue
        if fence[1]:
            depth += 1
        elif depth:
            depth -= 1
        else:
            closed = True
            break
    first, options = start_line + 1, {}
    while info.startswith("{") and first < line and (option := _OPTION.match(_text(state, first))):
        options[option.group(1)] = option.group(2).strip()
        first += 1
    old_parent, old_max = state.parentType, state.lineMax
    state.parentType, state.lineMax = "container", line
    token = state.push("container_div_open", "div", 1)
    token.markup, token.info, token.block, token.map = ":" * colons, info, True, [start_line, line]
    token.meta = {"options": options}
    state.md.block.tokenize(state, first, line)
    token = state.push("container_div_close", "div", -1)
    token.markup, token.block = (":" * colons if closed else ""), True
    state.parentType, state.lineMax = old_parent, old_max
    state.line = line + (1 if closed else 0)
    return True
