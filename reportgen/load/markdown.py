"""One section file (Markdown with optional front matter) to a model ``Section``.

markdown-it-py does the parsing (CommonMark, GFM tables, front matter, ``:::``
containers); this module only walks its syntax tree and turns nodes into model blocks,
keeping each block's 1-based file line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.errors import Diagnostics, ReportgenError, SourceRef, located
from reportgen.load.files import check_keys, parse_yaml, resolve_inside
from reportgen.load.images import check_image
from reportgen.load.inline import runs_of
from reportgen.load.tables import build_table, load_table_file
from reportgen.model import (
    Block,
    BulletList,
    Callout,
    CodeBlock,
    Faq,
    FaqItem,
    Figure,
    Heading,
    ListItem,
    Notes,
    Paragraph,
    Quote,
    Rule,
    Section,
    SlideText,
    plain,
)

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.tree import SyntaxTreeNode

CONTAINERS = ("notes", "slides", "callout", "table", "faq")
FRONT_MATTER_KEYS = ("title", "slides", "handout")
_PLACEHOLDER = re.compile(r"(?<!\\)\{\{\s*([^{}]*?)\s*\}\}")  # "\{{" is a literal "{{"
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|!~])")


@dataclass(frozen=True)
class LoadContext:
    """What every section needs to resolve paths, placeholders and warnings."""

    root: Path
    diag: Diagnostics
    variables: dict[str, str]
    allow_outside: bool = False


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.container import container_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark", {"html": False}).enable("table").use(front_matter_plugin)
    for name in CONTAINERS:
        md.use(container_plugin, name, validate=lambda params, *_, name=name: params.split(maxsplit=1)[:1] == [name])
    return md


def parse_section(path: Path, text: str, ctx: LoadContext) -> Section:
    """Parse one section; its title is the front matter ``title`` or its first ``#`` heading."""
    from markdown_it.tree import SyntaxTreeNode

    if not text.strip():
        raise ReportgenError("section file is empty", SourceRef(path, 1), hint="start it with a '# Title' line")
    text = substitute(text, ctx.variables, path)
    tree = SyntaxTreeNode(_parser().parse(text))
    nodes = list(tree.children)
    hints: dict[str, object] = {}
    if nodes and nodes[0].type == "front_matter":
        hints = _front_matter(nodes.pop(0), path)
    walker = _Walker(path, ctx, text)
    title = str(hints.pop("title", "") or "")
    if not title and nodes and nodes[0].type == "heading" and nodes[0].tag == "h1":
        title = plain(runs_of(nodes.pop(0).children[0]))
    if not title:
        raise ReportgenError(
            "section has no title", SourceRef(path, 1), hint="start it with a '# Title' line or front matter 'title:'"
        )
    return Section(title, walker.blocks(nodes), SourceRef(path, 1), hints)


def substitute(text: str, variables: dict[str, str], path: Path) -> str:
    """Replace ``{{ name }}`` placeholders; an unknown name is an error at its line."""
    if "{{" not in text:
        return text

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in variables:
            line = text.count("\n", 0, match.start()) + 1
            known = ", ".join(sorted(variables)) or "none"
            hint = f"known names: {known}"
            if name.startswith("event."):
                hint = f"set it with --set {name.removeprefix('event.')}=… or in the --event file; {hint}"
            raise ReportgenError(f"unknown placeholder '{{{{ {name} }}}}'", SourceRef(path, line), hint=hint)
        return _MD_SPECIAL.sub(r"\\\1", variables[name].replace("\n", " "))

    return _PLACEHOLDER.sub(value, text)


def _front_matter(node: SyntaxTreeNode, path: Path) -> dict[str, object]:
    data = parse_yaml(node.content, path, first_line=2) if node.content.strip() else {}
    if not isinstance(data, dict):
        raise ReportgenError("front matter must be a mapping such as 'title: …'", SourceRef(path, 2))
    check_keys(data, FRONT_MATTER_KEYS, path, "front matter", first_line=2)
    return dict(data)


class _Walker:
    """Turns markdown-it syntax-tree nodes into model blocks for one file."""

    def __init__(self, path: Path, ctx: LoadContext, text: str) -> None:
        self.path, self.ctx, self.lines = path, ctx, text.split("\n")

    def ref(self, node: SyntaxTreeNode) -> SourceRef:
        return SourceRef(self.path, node.map[0] + 1 if node.map else None)

    def blocks(self, nodes: list[SyntaxTreeNode]) -> tuple[Block, ...]:
        return tuple(b for node in nodes if (b := self.block(node)) is not None)

    def block(self, node: SyntaxTreeNode) -> Block | None:
        kind, ref = node.type, self.ref(node)
        if kind.startswith("container_"):
            return self.container(node, kind.removeprefix("container_"), ref)
        if kind == "heading":
            level = int(node.tag[1])
            if level == 1:
                self.ctx.diag.warn("a second '#' title in one section is set as a '##' heading", ref)
            return Heading(max(level, 2), runs_of(node.children[0]), ref)
        if kind == "paragraph":
            return self.paragraph(node, ref)
        if kind in ("bullet_list", "ordered_list"):
            items = tuple(ListItem(self.blocks(list(li.children)), self.ref(li)) for li in node.children)
            start = int(node.attrs.get("start", 1) or 1)
            return BulletList(items, ref, ordered=kind == "ordered_list", start=start)
        if kind == "table":
            return self.table(node, ref)
        if kind == "blockquote":
            return Quote(self.blocks(list(node.children)), ref)
        if kind in ("fence", "code_block"):
            return CodeBlock(node.content.rstrip("\n"), ref, lang=node.info.strip())
        if kind == "hr":
            return Rule(ref)
        raise ReportgenError(f"unsupported Markdown element '{kind}'", ref)  # html is off: cannot happen

    def paragraph(self, node: SyntaxTreeNode, ref: SourceRef) -> Block:
        inline = node.children[0]
        parts = [c for c in inline.children if not (c.type == "text" and not c.content.strip())]
        if len(parts) == 1 and parts[0].type == "image":
            return self.figure(parts[0], ref)
        runs = runs_of(inline)
        if plain(runs).startswith(":::"):
            name = plain(runs)[3:].split(maxsplit=1)[:1] or ["(none)"]
            raise ReportgenError(
                f"unknown block '::: {name[0]}'", ref, hint=f"use one of: {', '.join(CONTAINERS)}"
            )
        return Paragraph(runs, ref)

    def figure(self, node: SyntaxTreeNode, ref: SourceRef) -> Figure:
        src, alt = str(node.attrs.get("src", "")), node.content
        caption = str(node.attrs.get("title") or "")
        if re.match(r"^[a-z][a-z0-9+.-]*://", src, re.I):
            self.ctx.diag.warn(f"remote image '{src}' is not fetched; its alt text is shown instead", ref)
            return Figure(None, alt or src, ref, caption)
        if not alt:
            self.ctx.diag.warn(f"image '{src}' has no alt text; add it between the brackets", ref)
        target = resolve_inside(self.path.parent, src, self.ctx.root, self.ctx.allow_outside, ref)
        with located(ref):
            check_image(target, src)
        return Figure(target, alt, ref, caption)

    def table(self, node: SyntaxTreeNode, ref: SourceRef) -> Block:
        rows = [tr for part in node.children for tr in part.children]
        cells = [[runs_of(c.children[0]) if c.children else () for c in tr.children] for tr in rows]
        lines = [self.ref(tr).line for tr in rows]
        for line in lines:
            found = _pipe_cells(self.lines[line - 1]) if line else len(cells[0])
            if found != len(cells[0]):
                raise ReportgenError(
                    f"row has {found} {'cell' if found == 1 else 'cells'}, expected {len(cells[0])}",
                    SourceRef(self.path, line),
                    hint="add or remove '|' cells so every row matches the header",
                )
        return build_table(cells[0], cells[1:], lines[1:], ref)

    def container(self, node: SyntaxTreeNode, name: str, ref: SourceRef) -> Block:
        if node.nester_tokens is None or node.nester_tokens.closing.markup == "":
            raise ReportgenError(f"'::: {name}' block is never closed", ref, hint="add a line ':::' after its content")
        params = node.info.split(maxsplit=1)
        arg = params[1].strip() if len(params) > 1 else ""
        children = list(node.children)
        if name == "notes":
            return Notes(self.blocks(children), ref)
        if name == "slides":
            return SlideText(self.blocks(children), ref)
        if name == "callout":
            return Callout(self.blocks(children), ref, title=arg)
        if name == "table":
            if not arg:
                raise ReportgenError("'::: table' needs a file", ref, hint="write '::: table tables/name.yml'")
            target = resolve_inside(self.path.parent, arg, self.ctx.root, self.ctx.allow_outside, ref)
            if not target.exists():
                raise ReportgenError(f"table file '{arg}' not found", ref, hint="check the path, relative to this file")
            caption = runs_of(children[0].children[0]) if children and children[0].type == "paragraph" else ()
            with located(ref):
                return load_table_file(target, self.ctx.diag, caption)
        return self.faq(children, ref)

    def faq(self, children: list[SyntaxTreeNode], ref: SourceRef) -> Faq:
        items: list[FaqItem] = []
        for child in children:
            if child.type == "heading":
                items.append(FaqItem(runs_of(child.children[0]), (), self.ref(child)))
            elif not items:
                raise ReportgenError(
                    "an FAQ must start with a question", self.ref(child), hint="write each question as a '###' heading"
                )
            elif (block := self.block(child)) is not None:
                last = items[-1]
                items[-1] = FaqItem(last.question, last.answer + (block,), last.source)
        for item in items:
            if not item.answer:
                raise ReportgenError("question has no answer", item.source, hint="add the answer below the question")
        return Faq(tuple(items), ref)


def _pipe_cells(line: str) -> int:
    """How many cells a pipe-table source line holds (escaped pipes do not count)."""
    inner = line.strip().lstrip("> ").strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return len(re.split(r"(?<!\\)\|", inner))
