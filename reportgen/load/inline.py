"""Inline Markdown (markdown-it-py's inline nodes) to model ``Run``s."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from reportgen.model import Inline, Run

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.tree import SyntaxTreeNode


def runs_of(node: SyntaxTreeNode) -> Inline:
    """Flatten an ``inline`` node into runs, merging neighbours with the same marks."""
    out: list[Run] = []
    _walk(node.children, Run(""), out)
    merged: list[Run] = []
    for run in out:
        if merged and replace(merged[-1], text="") == replace(run, text=""):
            merged[-1] = replace(merged[-1], text=merged[-1].text + run.text)
        elif run.text:
            merged.append(run)
    return tuple(merged)


def _walk(nodes: Iterable[SyntaxTreeNode], marks: Run, out: list[Run]) -> None:
    for node in nodes:
        kind = node.type
        if kind == "text":
            out.append(replace(marks, text=node.content))
        elif kind == "softbreak":
            out.append(replace(marks, text=" "))
        elif kind == "hardbreak":
            out.append(replace(marks, text="\n"))
        elif kind == "code_inline":
            out.append(replace(marks, text=node.content, code=True))
        elif kind == "strong":
            _walk(node.children, replace(marks, strong=True), out)
        elif kind == "em":
            _walk(node.children, replace(marks, emph=True), out)
        elif kind == "link":
            _walk(node.children, replace(marks, link=str(node.attrs.get("href", ""))), out)
        elif kind == "image":  # an image inside running text keeps only its alt text
            out.append(replace(marks, text=node.content))
        else:  # html_inline cannot occur (html is off); anything else keeps its text
            out.append(replace(marks, text=node.content))


@lru_cache(maxsize=1)
def _inline_parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False})


def parse_inline(text: str) -> Inline:
    """Parse one line of inline Markdown (a table cell from a data file)."""
    from markdown_it.tree import SyntaxTreeNode

    tokens = _inline_parser().parseInline(text)
    return runs_of(SyntaxTreeNode(tokens).children[0]) if tokens else ()
