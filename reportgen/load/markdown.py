"""One section file (Markdown with optional front matter) to a model ``Section``.

markdown-it-py parses — CommonMark with GitHub's extensions (tables, task lists, strikethrough,
autolinks, footnotes, alerts), definition lists, front matter and ``:::`` blocks — and this
module walks its syntax tree, turning nodes into model blocks that keep their 1-based file
line. Raw HTML goes to ``html.HtmlFlow``, inline content to ``inline.InlineReader``.

Real documents are taken as they are: a file need not start with ``# Title`` (see
``_title``), front matter written for other tools is ignored with a warning, and any
``:::`` block keeps its content.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.errors import ReportgenError, SourceRef, located
from reportgen.language import quotes_for
from reportgen.load.attributes import heading_attributes, layout_key
from reportgen.load.context import FileContext, LoadContext
from reportgen.load.fenced_divs import fenced_divs_plugin
from reportgen.load.front_matter import FrontMatter, read_front_matter
from reportgen.load.inline import InlineReader, Item, paragraph_blocks, runs
from reportgen.load.placeholders import ESCAPED_BRACE
from reportgen.load.tables import build_table, load_table_file
from reportgen.model import (
    Block,
    BulletList,
    Callout,
    CodeBlock,
    Column,
    Columns,
    Faq,
    FaqItem,
    Figure,
    Footnote,
    Footnotes,
    Heading,
    ListItem,
    Notes,
    Paragraph,
    Quote,
    Rule,
    Run,
    Section,
    SlideText,
    plain,
)

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.tree import SyntaxTreeNode

__all__ = ["LoadContext", "parse_section"]

CONTAINERS = ("notes", "slides", "callout", "table", "faq", "columns", "column")
# admonitions of MkDocs, MyST, Docusaurus, VuePress, Quarto and pandoc: shown as callouts
ADMONITIONS = {
    "note": "Note", "tip": "Tip", "hint": "Hint", "important": "Important", "warning": "Warning",
    "caution": "Caution", "danger": "Danger", "attention": "Attention", "error": "Error", "info": "Info",
    "success": "Success", "question": "Question", "example": "Example", "abstract": "Abstract",
    "summary": "Summary", "seealso": "See also", "todo": "To do", "bug": "Bug", "failure": "Failure",
    "admonition": "Note", "details": "Details",
}
_DIRECTIVE = re.compile(r"^\{([A-Za-z][\w:-]*)\}\s*(.*)$")  # MyST: {note} Title
_ATTRIBUTES = re.compile(r"^\{([^}]*)\}\s*(.*)$")  # pandoc / Quarto: {.callout-tip title="…"}
_BRACKET_TITLE = re.compile(r"^([\w-]+)\[(.*)\]\s*$")  # Docusaurus: tip[Title]


@lru_cache(maxsize=4)
def _parser(quotes: tuple[str, ...]) -> MarkdownIt:
    """GitHub's Markdown with front matter, definition lists and ``:::`` blocks; typographic
    quotes (the language's ``quotes``), dashes and ellipses outside code (the typographer)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin
    from mdit_py_plugins.gfm import gfm_plugin

    options = {"html": True, "typographer": True, "quotes": list(quotes)}
    md = MarkdownIt("commonmark", options).use(gfm_plugin).use(front_matter_plugin).use(deflist_plugin)
    md.enable(["replacements", "smartquotes"])
    md.use(fenced_divs_plugin)
    md.core.ruler.before("text_join", "escaped_braces", _escaped_braces)
    return md


def _escaped_braces(state: StateCore) -> None:
    """``\\{`` stays a literal brace: mark it before markdown-it joins it into the text."""
    for token in state.tokens:
        for child in token.children or ():
            if child.type == "text_special" and child.markup == "\\{":
                child.content = ESCAPED_BRACE


def parse_section(path: Path, text: str, ctx: LoadContext, index: int = 1) -> Section:
    """Parse section number ``index`` (1-based: its heading anchors are unique by it)."""
    from markdown_it.tree import SyntaxTreeNode

    file = FileContext(path, ctx, index, text)
    if not text.strip():
        file.warn("section file is empty: only its title (from the file name) is shown", 1)
    nodes = list(SyntaxTreeNode(_parser(quotes_for(ctx.lang)).parse(text)).children)
    front = FrontMatter()
    if nodes and nodes[0].type == "front_matter":
        front = read_front_matter(nodes.pop(0).content, file)
    blocks = _Walker(file).blocks(nodes)
    title, anchor, blocks = _title(front, blocks, path)
    return Section(file.text(title, 1) if front.title else title, _levels(blocks), SourceRef(path, 1),
                   anchor or file.slugger.prefix, front.slides, front.handout)


def _title(front: FrontMatter, blocks: list[Block], path: Path) -> tuple[str, str, list[Block]]:
    """The section's title and anchor, and the blocks without its heading. The title is the
    front matter's, else the first heading when only header material (logos, badges, centred
    lines) comes before it, else the file name made readable. Content above the heading stays."""
    first = next((i for i, b in enumerate(blocks) if isinstance(b, Heading)), None)
    heading = blocks[first] if first is not None else None
    if isinstance(heading, Heading) and not any(_is_prose(b) for b in blocks[:first]):
        text = plain(heading.runs).strip()
        if not front.title or text.casefold() == front.title.casefold():  # not a title twice
            return front.title or text, heading.anchor, blocks[:first] + blocks[first + 1:]  # type: ignore[operator]
    if front.title:
        return front.title, "", blocks
    stem = path.stem.replace("_", " ").replace("-", " ").strip() or path.name
    return (stem[:1].upper() + stem[1:] if stem.islower() else stem), "", blocks


def _is_prose(block: Block) -> bool:
    """Text a reader reads as the start of the document, not a title page's logo, badges or tagline."""
    if isinstance(block, (Figure, Rule)):
        return False
    if isinstance(block, Paragraph):
        words = "".join(r.text for r in block.runs if not r.link)
        return block.align == "" and any(c.isalnum() for c in words)
    return True


def _levels(blocks: list[Block]) -> tuple[Block, ...]:
    """Headings shifted so that the file's highest remaining level is a sub-heading (2):
    a README whose every heading is ``#`` reads the same as one written with ``##``."""
    levels = [b.level for b in blocks if isinstance(b, Heading)]
    shift = min(levels) - 2 if levels else 0
    if not shift:
        return tuple(blocks)
    return tuple(replace(b, level=max(b.level - shift, 2)) if isinstance(b, Heading) else b for b in blocks)


class _Walker:
    """Turns markdown-it syntax-tree nodes into model blocks for one file."""

    def __init__(self, file: FileContext) -> None:
        self.file, self.depth = file, 0

    def line(self, node: SyntaxTreeNode) -> int | None:
        return node.map[0] + 1 if node.map else None

    def ref(self, node: SyntaxTreeNode) -> SourceRef:
        return self.file.ref(self.line(node))

    def blocks(self, nodes: list[SyntaxTreeNode]) -> list[Block]:
        if not any(node.type == "html_block" for node in nodes):
            return [b for node in nodes for b in self.block(node)]
        from reportgen.load.html import HtmlFlow  # only documents with raw HTML pay for it

        flow = HtmlFlow(self.file)
        for node in nodes:
            if node.type == "html_block":
                flow.feed(node.content, self.line(node))
            else:
                flow.add(self.block(node))
        return flow.finish()

    def nested(self, nodes: list[SyntaxTreeNode]) -> tuple[Block, ...]:
        self.depth += 1
        try:
            return tuple(self.blocks(nodes))
        finally:
            self.depth -= 1

    def inline(self, node: SyntaxTreeNode, line: int | None) -> list[Item]:
        """The runs and images of a node holding one ``inline`` child (paragraph, heading, cell)."""
        return InlineReader(self.file, line).read(node.children[0]) if node.children else []

    def block(self, node: SyntaxTreeNode) -> list[Block]:
        kind, ref, line = node.type, self.ref(node), self.line(node)
        if kind == "paragraph":
            return paragraph_blocks(self.inline(node, line), self.file, line)
        if kind == "heading":
            text, attributes = heading_attributes(runs(self.inline(node, line)))
            level = int(node.tag[1]) if self.depth == 0 else max(int(node.tag[1]), 2)
            for key in attributes.unknown:
                self.file.warn(f"heading attribute '{key}' is not used by reportgen (it uses an id and layout); "
                               "it is dropped", line)
            anchor = (self.file.slugger.prefix + attributes.identifier.lower() if attributes.identifier
                      else self.file.slugger.anchor(plain(text)))
            return [Heading(level, text, ref, anchor, attributes.layout)] if plain(text).strip() else []
        if kind in ("bullet_list", "ordered_list"):
            items = tuple(ListItem(self.nested(list(li.children)), self.ref(li), li.meta.get("checked"))
                          for li in node.children)
            start = int(node.attrs.get("start", 1) or 1)
            return [BulletList(items, ref, ordered=kind == "ordered_list", start=start)]
        if kind == "table":
            return [self.table(node, ref)]
        if kind == "blockquote":
            return [Quote(self.nested(list(node.children)), ref)]
        if kind == "alert":
            name = str(node.meta.get("kind", "note")).lower()
            inner = [c for c in node.children if c.type != "alert_title"]
            return [Callout(self.nested(inner), ref, title=ADMONITIONS.get(name, name.title()), kind=name)]
        if kind in ("fence", "code_block"):
            return [CodeBlock(node.content.rstrip("\n"), ref, lang=node.info.strip().split(maxsplit=1)[:1][0]
                              if node.info.strip() else "")]
        if kind == "hr":
            return [Rule(ref)]
        if kind == "container_div":
            return self.container(node, ref)
        if kind == "dl":
            return self.definitions(node)
        if kind == "footnote_block":
            notes = tuple(Footnote(str(n.meta["id"] + 1), self.nested(list(n.children)), self.ref(n.children[0])
                                   if n.children else ref) for n in node.children)
            return [Footnotes(notes, notes[0].source if notes else ref)] if notes else []
        if kind == "front_matter":  # a second block of front matter is only text to us
            return []
        self.file.warn_once(f"node:{kind}", f"Markdown element '{kind}' is not used by reportgen; its text is kept",
                            line)
        return [Paragraph((Run(node.content),), ref)] if node.content.strip() else []

    def definitions(self, node: SyntaxTreeNode) -> list[Block]:
        """Each term in bold, its definitions below it, indented without bullets."""
        out: list[Block] = []
        for child in node.children:
            if child.type == "dt":
                text = runs(self.inline(child, self.line(child)))
                out.append(Paragraph(tuple(replace(r, strong=True) for r in text), self.ref(child)))
            elif child.type == "dd":
                item = ListItem(self.nested(list(child.children)), self.ref(child))
                if out and isinstance(out[-1], BulletList) and not out[-1].marked:
                    last = out[-1]
                    out[-1] = BulletList(last.items + (item,), last.source, marked=False)
                else:
                    out.append(BulletList((item,), self.ref(child), marked=False))
        return out

    def table(self, node: SyntaxTreeNode, ref: SourceRef) -> Block:
        """A pipe table; as GFM says, a short row is filled out and a long one cut, with a warning."""
        rows = [tr for part in node.children for tr in part.children]
        cells = [[runs(self.inline(c, self.line(tr))) for c in tr.children]
                 for tr in rows]
        lines = [self.line(tr) for tr in rows]
        for line in lines[1:]:
            found = _pipe_cells(self.file.source_line(line)) if line else len(cells[0])
            if found != len(cells[0]):
                fix = "empty cells were added" if found < len(cells[0]) else "the cells past the header's were dropped"
                self.file.warn(f"row has {found} {'cell' if found == 1 else 'cells'}, the header {len(cells[0])}: "
                               f"{fix}", line)
        return build_table(cells[0], cells[1:], lines[1:], ref)

    def container(self, node: SyntaxTreeNode, ref: SourceRef) -> list[Block]:
        """``::: name`` blocks: reportgen's own, admonitions (as callouts), and any other
        (its content kept as plain blocks, with a warning)."""
        name, title = _container_name(node.info)
        own = name in CONTAINERS
        closed = node.nester_tokens is not None and node.nester_tokens.closing.markup != ""
        if own and not closed:
            raise ReportgenError(f"'::: {name}' block is never closed", ref, hint="add a line ':::' after its content")
        children = list(node.children)
        if name == "notes":
            return [Notes(self.nested(children), ref)]
        if name == "slides":
            return [SlideText(self.nested(children), ref, layout_key(node.info))]
        if name == "callout":
            return [Callout(self.nested(children), ref, title=title)]
        if name == "table":
            return [self.data_table(title, children, ref)]
        if name == "faq":
            return [self.faq(children, ref)]
        if name == "columns":
            return self.columns(children, ref)
        if name == "column":  # a column outside ``columns``: its content, as a plain block would
            return list(self.nested(children))
        if name in ADMONITIONS:
            return [Callout(self.nested(children), ref, title=title or ADMONITIONS[name], kind=name)]
        if name == "div":  # a plain container (MyST's {div}, pandoc's classless div): nothing is lost
            return list(self.nested(children))
        self.file.warn(f"'::: {name}' is not a block reportgen knows; its content is kept as plain text "
                       f"(known: {', '.join(CONTAINERS)} and admonitions such as note, tip, warning)", self.line(node))
        # its argument may be all it says (":::{iframe} https://…"): kept as a line of text
        head = paragraph_blocks([Run(title, link=title if "://" in title else None)], self.file, self.line(node)) \
            if title else []
        return head + list(self.nested(children))

    def columns(self, children: list[SyntaxTreeNode], ref: SourceRef) -> list[Block]:
        """``:::: columns`` with a ``::: column`` (``{.column width="40%"}``) each; blocks between
        the columns make a column of their own. One column is just its blocks."""
        columns: list[Column] = []
        stray: list[SyntaxTreeNode] = []
        for child in children:
            if child.type == "container_div" and _container_name(child.info)[0] == "column":
                if stray:
                    columns.append(Column(self.nested(stray), self.ref(stray[0])))
                    stray = []
                width = re.search(r"width\s*=\s*\"?\s*(\d+(?:\.\d+)?)\s*%", child.info)
                columns.append(Column(self.nested(list(child.children)), self.ref(child),
                                      float(width.group(1)) / 100 if width else 0.0))
            else:
                stray.append(child)
        if stray:
            columns.append(Column(self.nested(stray), self.ref(stray[0])))
        if len(columns) < 2:
            return [b for c in columns for b in c.blocks]
        return [Columns(tuple(columns), ref)]

    def data_table(self, arg: str, children: list[SyntaxTreeNode], ref: SourceRef) -> Block:
        from reportgen.load.files import resolve_inside

        if not arg:
            raise ReportgenError("'::: table' needs a file", ref, hint="write '::: table tables/name.yml'")
        ctx = self.file.ctx
        target = ctx.read(resolve_inside(self.file.path.parent, arg, ctx.root, ctx.allow_outside, ref))
        if not target.exists():
            raise ReportgenError(f"table file '{arg}' not found", ref, hint="check the path, relative to this file")
        caption = runs(self.inline(children[0], None)) \
            if children and children[0].type == "paragraph" else ()
        with located(ref):
            return load_table_file(target, FileContext(target, ctx), caption)

    def faq(self, children: list[SyntaxTreeNode], ref: SourceRef) -> Faq:
        items: list[FaqItem] = []
        for child in children:
            if child.type == "heading":
                items.append(FaqItem(runs(self.inline(child, self.line(child))), (),
                                     self.ref(child)))
            elif not items:
                raise ReportgenError(
                    "an FAQ must start with a question", self.ref(child), hint="write each question as a '###' heading"
                )
            else:
                last = items[-1]
                self.depth += 1
                items[-1] = FaqItem(last.question, last.answer + tuple(self.block(child)), last.source)
                self.depth -= 1
        for item in items:
            if not item.answer:
                raise ReportgenError("question has no answer", item.source, hint="add the answer below the question")
        return Faq(tuple(items), ref)


def _container_name(info: str) -> tuple[str, str]:
    """The name and title of a ``:::`` block, in the dialects real documents use:
    ``::: callout Title``, MyST ``:::{note} Title``, Quarto ``::: {.callout-tip title="T"}``,
    Docusaurus ``:::tip[Title]``."""
    info = info.strip()
    if match := _DIRECTIVE.match(info):
        return match.group(1).lower(), match.group(2).strip()
    if match := _ATTRIBUTES.match(info):
        attrs, rest = match.group(1), match.group(2).strip()
        classes = re.findall(r"(?:^|\s)\.([\w-]+)", attrs)
        title = re.search(r'title\s*=\s*"([^"]*)"', attrs)
        name = (classes[0] if classes else "div").lower().removeprefix("callout-")
        return name, title.group(1) if title else rest
    if match := _BRACKET_TITLE.match(info):
        return match.group(1).lower(), match.group(2).strip()
    name, _, rest = info.partition(" ")
    name = name.lower()
    return name.removeprefix("callout-"), rest.strip()


def _pipe_cells(line: str) -> int:
    """How many cells a pipe-table source line holds (escaped pipes do not count)."""
    inner = line.strip().lstrip("> ").strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return len(re.split(r"(?<!\\)\|", inner))
