"""What a reader would see in the source, and what the built PDF actually shows.

The measures compare the two ends a person compares: the Markdown as GitHub or npm renders
it (markdown-it-py with raw HTML on, GFM extensions, front matter hidden) and the text of
the handout as a PDF reader extracts it. They are deliberately independent of reportgen's
own parser, so that they judge the loader rather than repeat its decisions.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# Something a reader would recognise as markup: <tag ...>, </tag>, <tag/>, or a comment opener.
TAG = re.compile(r"<!--|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
WORD = re.compile(r"\w+")
# Elements after which a renderer starts a new line: their text must not run into the next.
BLOCKS = frozenset(
    "address article aside blockquote br dd details div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p picture pre section summary table tbody td tfoot th thead tr ul".split()
)
EXAMPLES = 5


@lru_cache(maxsize=1)
def reader_parser() -> MarkdownIt:
    """markdown-it-py configured like a GitHub-style renderer: raw HTML on, GFM, front matter."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark", {"html": True}).enable("table").use(front_matter_plugin)
    try:
        from mdit_py_plugins.gfm import gfm_plugin
    except ImportError:  # older mdit-py-plugins: tables only, which the coverage tolerates
        return md
    md.use(gfm_plugin)
    return md


def _walk(tokens: Iterable[Token]) -> Iterable[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


@dataclass(frozen=True)
class Source:
    """The Markdown as a reader sees it: its words, and the markup it shows on purpose."""

    words: Counter[str]
    shown_tags: frozenset[str]


def tag_key(tag: str) -> str:
    """Tags compare by their printable ASCII, case-folded.

    PDF extraction re-wraps long tags (whitespace moves), and a character the font lacks
    comes back as NUL or not at all (an emoji in an ``alt``), so only the rest is compared.
    """
    return re.sub(r"[^!-~]", "", tag).lower()


def read_source(text: str) -> Source:
    """Render ``text`` as a reader's renderer would; collect its words and intended tags.

    Tags that a reader is meant to see as text are those inside code spans and blocks (as
    the brief for these measures says), plus those written as entities or escapes, which
    the rendered text shows as ``<tag>`` too; both are legitimately printed by the handout.
    """
    import lxml.etree
    import lxml.html

    md = reader_parser()
    tokens = md.parse(text)
    code = [t.content for t in _walk(tokens) if t.type in ("code_inline", "fence", "code_block")]
    html = md.renderer.render(tokens, md.options, {})
    visible = ""
    if html.strip():
        root = lxml.html.fragment_fromstring(html, create_parent="div")
        lxml.etree.strip_elements(root, lxml.etree.Comment, "script", "style", with_tail=False)
        for el in root.iter():
            if isinstance(el.tag, str) and el.tag.lower() in BLOCKS:
                el.tail = "\n" + (el.tail or "")
        visible = root.text_content()
    shown = {tag_key(m.group()) for part in [*code, visible] for m in TAG.finditer(part)}
    return Source(Counter(WORD.findall(visible.lower())), frozenset(shown))


@dataclass
class PdfText:
    pages: int
    words: Counter[str]
    text_by_page: list[str]


def read_pdf(path: Path) -> PdfText:
    """The handout's text as pypdf extracts it, page by page."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    texts = [page.extract_text() or "" for page in reader.pages]
    return PdfText(len(texts), Counter(WORD.findall("\n".join(texts).lower())), texts)


@dataclass
class HtmlPrinted:
    count: int = 0
    examples: list[str] = field(default_factory=list)


def html_printed(pdf: PdfText, source: Source) -> HtmlPrinted:
    """Markup that the handout prints as text although the source did not show it as text."""
    found = HtmlPrinted()
    for number, text in enumerate(pdf.text_by_page, 1):
        for match in TAG.finditer(text):
            if tag_key(match.group()) in source.shown_tags:
                continue
            found.count += 1
            if len(found.examples) < EXAMPLES:
                found.examples.append(f"p{number}: {' '.join(match.group().split())[:100]}")
    return found


@dataclass
class Coverage:
    percent: float
    source_words: int
    missing: list[tuple[str, int]]


def coverage(source: Source, pdf: PdfText) -> Coverage:
    """Share of the source's words found in the PDF, each counted at most as often as written."""
    total = sum(source.words.values())
    found = sum(min(n, pdf.words[w]) for w, n in source.words.items())
    missing = Counter({w: n - pdf.words[w] for w, n in source.words.items() if n > pdf.words[w]})
    return Coverage(100.0 * found / total if total else 100.0, total, missing.most_common(10))


@dataclass
class OffPage:
    outside: int = 0
    right_margin: int = 0
    outside_examples: list[str] = field(default_factory=list)
    margin_examples: list[str] = field(default_factory=list)


def _lines(chars: list[dict[str, Any]]) -> list[str]:
    """Characters grouped into the lines they sit on, for readable examples."""
    rows: dict[int, list[dict[str, Any]]] = {}
    for c in chars:
        rows.setdefault(round(c["top"]), []).append(c)
    text = ("".join(c["text"] for c in sorted(row, key=lambda c: c["x0"])) for _, row in sorted(rows.items()))
    return [line.replace("\x00", "□") for line in text]  # NUL: a glyph the font lacks, drawn as a box


def off_page(path: Path, margin: float = 20.0) -> OffPage:
    """Visible characters whose box leaves the page (a defect) or enters the last 20 pt (a hint)."""
    import pdfplumber

    result = OffPage()
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            width, height = float(page.width), float(page.height)
            outside, near = [], []
            for c in page.chars:
                if c["text"].isspace():  # only what a reader would miss counts
                    continue
                if c["x0"] < -1 or c["x1"] > width + 1 or c["top"] < -1 or c["bottom"] > height + 1:
                    outside.append(c)
                elif c["x1"] > width - margin:
                    near.append(c)
            result.outside += len(outside)
            result.right_margin += len(near)
            for chars, examples in ((outside, result.outside_examples), (near, result.margin_examples)):
                for line in _lines(chars):
                    if len(examples) < EXAMPLES:
                        examples.append(f"p{number}: {line[:80]}")
            page.flush_cache()  # a 500-page changelog otherwise keeps every page's objects
    return result


def qpdf_check(path: Path, qpdf: str | None) -> str:
    """'ok', 'warnings', 'errors: …', or 'n/a' when qpdf is not installed."""
    if not qpdf:
        return "n/a"
    proc = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True, timeout=300)
    if proc.returncode == 0:
        return "ok"
    if proc.returncode == 3:
        return "warnings"
    last = (proc.stderr or proc.stdout).strip().splitlines()
    return "errors: " + (last[-1] if last else f"exit {proc.returncode}")


def pdfua_violations(pdf_path: Path) -> list[str]:
    """The machine-checkable PDF/UA-1 rules the tagged handout breaks (``tests/pdfua_check.py``)."""
    sys.path.append(str(Path(__file__).resolve().parent.parent))  # for tests/; reportgen as installed
    from tests import pdfua_check

    return pdfua_check.violations(pdf_path)


def layout_findings(pdf_path: Path) -> list[Any]:
    """The handout's layout findings (``tests/layout_check.py``: stranded headings, text off the
    margins, underfull pages, lone lines, low contrast, straight quotes), read with the default
    brand the corpus is built in."""
    sys.path.append(str(Path(__file__).resolve().parent.parent))  # for tests/; reportgen as installed
    from reportgen.brand import load_theme
    from reportgen.errors import Diagnostics
    from tests import layout_check

    doc = layout_check.read(pdf_path, load_theme(None, Diagnostics()))
    return [finding for check in layout_check.CHECKS for finding in check(doc)]
