"""A layout checker for the handout PDF: reads the printed pages back and reports what a
careful typesetter would mark (a heading left at the foot of a page, text outside the
margins, a near-empty page, a paragraph's lone line, text too faint to read, a typewriter
quote in prose) and measures the line length.

It works from what was drawn, not from what the renderer meant: pdfplumber gives every
character with its font, size, colour and position, and every filled rectangle and image.
Characters are grouped into lines by baseline (``Line``); the page geometry comes from the
brand's theme (``theme.page`` and ``theme.handout``), so the checks hold for any brand and
page size. Each check is one function returning ``Finding``s, documented with the rule and
the heuristic it uses; ``check_pdf`` runs them all. The tests are in
``tests/test_layout_rules.py``; this module holds none.

Coordinates are pdfplumber's: points from the top-left corner of the page, ``top`` growing
downwards.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pdfplumber

from reportgen.language import WORDS
from reportgen.theme import RGB, Theme, contrast_ratio

LINE_TOLERANCE = 1.5  # characters whose baselines differ by at most this are one line
MARGIN_TOLERANCE = 0.5  # what a glyph may overhang a margin (rounding, side bearings)
PARAGRAPH_GAP = 1.5  # a line further below the one before than its leading plus this starts a new block
UNDERFULL = 0.25  # a page filled less than this share of its body height is underfull
AA_TEXT, AA_LARGE = 4.5, 3.0  # WCAG 2 AA contrast for text, and for large text
RIGHT_SLACK = 20.0  # a text line may end this far left of the right margin for an aside's padding
MEASURE_RANGE = (60, 80)  # characters a line: the comfortable range of a single column
_SENTENCE_END = re.compile(r"[.!?:][\"'”’»)]*$")
_BOLD = re.compile(r"Bold|Black|Heavy|Semibold|SemiBold|Demi", re.IGNORECASE)
_MONO = re.compile(r"Mono|Courier|Code|Consol", re.IGNORECASE)
_MARKER = re.compile(r"^(?:[•◦▪▫‣●○■□☐☑✓–—-]|\d+[.)]|[a-zA-Z][.)]|[ivxlcdm]+[.)])\s*")


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the checker marks: on which page (1-based), what kind, and some of the text."""

    page: int
    kind: str
    excerpt: str

    def __str__(self) -> str:
        return f"p{self.page} {self.kind}: {self.excerpt}"


@dataclass(slots=True)
class Line:
    """The characters printed on one baseline, left to right, with what the checks ask of them."""

    page: int
    chars: list[dict[str, Any]]
    text: str = ""
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    baseline: float = 0.0
    size: float = 0.0  # the size most of its characters have
    fonts: frozenset[str] = frozenset()
    colors: frozenset[RGB] = frozenset()
    bold: bool = False  # most of its (non-space) characters are in a bold face
    mono: bool = False  # most of its characters are in a monospaced face

    def __post_init__(self) -> None:
        cs = sorted(self.chars, key=lambda c: c["x0"])
        self.chars = cs
        self.text = "".join(c["text"] for c in cs)
        self.x0, self.x1 = min(c["x0"] for c in cs), max(c["x1"] for c in cs)
        self.top, self.bottom = min(c["top"] for c in cs), max(c["bottom"] for c in cs)
        self.baseline = statistics.median(_baseline(c) for c in cs)
        inked = [c for c in cs if c["text"].strip()] or cs
        self.size = Counter(round(c["size"], 2) for c in inked).most_common(1)[0][0]
        self.fonts = frozenset(c["fontname"] for c in cs)
        self.colors = frozenset(to_rgb(c.get("non_stroking_color")) for c in inked)
        self.bold = sum(bool(_BOLD.search(c["fontname"])) for c in inked) * 2 > len(inked)
        self.mono = sum(bool(_MONO.search(c["fontname"])) for c in inked) * 2 > len(inked)

    @property
    def excerpt(self) -> str:
        text = " ".join(self.text.split())
        return text if len(text) <= 60 else text[:57] + "..."

    @property
    def words(self) -> list[float]:
        """The width of each word, left to right."""
        out: list[float] = []
        start: float | None = None
        end = 0.0
        for c in self.chars:
            if c["text"].isspace():
                if start is not None:
                    out.append(end - start)
                start = None
            else:
                start = c["x0"] if start is None else start
                end = c["x1"]
        if start is not None:
            out.append(end - start)
        return out

    @property
    def marker(self) -> bool:
        """It starts with a list's bullet or number (in the list's own colour, or by its glyphs)."""
        if _MARKER.match(self.text):
            return True
        inked = [c for c in self.chars if c["text"].strip()]
        return len(inked) > 2 and to_rgb(inked[0].get("non_stroking_color")) != to_rgb(
            inked[1].get("non_stroking_color")) and inked[1]["x0"] - inked[0]["x1"] > 2


@dataclass(slots=True)
class Page:
    """One page read back: its lines split into header, body and footer, and its drawings."""

    number: int
    width: float
    height: float
    lines: list[Line]
    body: list[Line]  # the lines between the header's rule and the footer's rule, top to bottom
    furniture: list[Line]  # the running header and footer
    rects: list[dict[str, Any]]  # filled rectangles
    images: list[dict[str, Any]]
    rules: list[dict[str, Any]]  # horizontal lines drawn (hairlines, note lines)

    def __repr__(self) -> str:  # short: pytest shows it in a failed assertion's explanation
        return f"Page({self.number}, {len(self.lines)} lines)"


@dataclass
class Document:
    """The pages of a handout and the geometry of the brand it was built with."""

    pages: list[Page]
    theme: Theme
    notes_words: frozenset[str] = field(default_factory=frozenset)

    def __repr__(self) -> str:  # short: the whole would take pytest seconds to write out and cut
        return f"Document({len(self.pages)} pages, {self.theme.name})"

    # -- geometry, from the theme ------------------------------------------------------------------

    @property
    def left(self) -> float:
        return self.theme.page.left

    @property
    def right(self) -> float:
        """The right margin's x: where text must end."""
        return self.theme.page.width - self.theme.page.right

    @property
    def measure_right(self) -> float:
        """Where running text ends: the reading measure's right edge (``Theme.measure``)."""
        return self.theme.page.left + self.theme.measure

    @property
    def body_top(self) -> float:
        return self.theme.page.top

    @property
    def body_bottom(self) -> float:
        """The bottom margin's y (from the top of the page): no body text below it."""
        return self.theme.page.height - self.theme.page.bottom

    @property
    def body_size(self) -> float:
        return self.theme.style("body").size

    # -- what kind of line or page -----------------------------------------------------------------

    def is_heading(self, line: Line) -> bool:
        """Bold and larger than body text: the heading styles, the FAQ's questions. Bold words in
        a paragraph are at body size, and a table's bold header row smaller."""
        return line.bold and line.size > self.body_size + 0.5

    def is_h1(self, line: Line) -> bool:
        return line.bold and abs(line.size - self.theme.style("heading.1").size) < 0.5

    def is_prose(self, line: Line) -> bool:
        """Running text at body size: paragraphs, list items, quotes, callouts; not headings,
        code, tables (smaller) or captions (smaller)."""
        return abs(line.size - self.body_size) < 0.3 and not line.mono and not self.is_heading(line)

    def is_notes_page(self, page: Page) -> bool:
        """A ruled notes page: its one body line the notes heading, and lines to write on."""
        texts = [ln for ln in page.body if ln.text.strip()]
        return (len(texts) == 1 and self.is_heading(texts[0]) and texts[0].text.strip() in self.notes_words
                and len(page.rules) >= 3)

    def is_notes_heading(self, page: Page, line: Line) -> bool:
        """"Notes" over ruled lines: at the foot of a section's last page (``notes: fill``) or
        alone on a notes page."""
        ruled = [r for r in page.rules if r["top"] > line.bottom]
        return self.is_heading(line) and line.text.strip() in self.notes_words and len(ruled) >= 3

    def complete_before_next_page(self, page: Page, heading: Line) -> bool:
        """What ``heading`` introduces ends on its page: the next page opens with a heading of
        its rank or higher (a changelog's release of one line, say)."""
        if page.number >= len(self.pages) or not self.pages[page.number].body:
            return True
        first = self.pages[page.number].body[0]
        return self.is_heading(first) and first.size >= heading.size - 0.5

    def ends_section(self, page: Page) -> bool:
        """The last page of a section: it ends with room for notes, the next page starts with
        a level-1 heading (or the contents' title, set the same; under a section label), is a
        notes page, or there is none."""
        if page.number >= len(self.pages) or any(self.is_notes_heading(page, ln) for ln in page.body):
            return True
        after = self.pages[page.number]  # pages are numbered from 1
        return self.is_notes_page(after) or any(self.is_h1(ln) for ln in after.body[:2])

    @cached_property
    def pitches(self) -> dict[float, float]:
        """The leading of each text size, as the document shows it: the commonest distance from
        one baseline to the next among body lines of that size (that is a paragraph's inside)."""
        seen: dict[float, Counter[float]] = {}
        for page in self.pages:
            for a, b in zip(page.body, page.body[1:]):
                if a.size == b.size:
                    seen.setdefault(a.size, Counter())[round(b.baseline - a.baseline, 1)] += 1
        return {size: counts.most_common(1)[0][0] for size, counts in seen.items()}

    def pitch(self, size: float) -> float:
        return self.pitches.get(size, size * 1.2)

    def blocks(self, page: Page) -> list[list[Line]]:
        """The page's body lines cut into blocks: paragraphs, list items, code, table rows.

        A line starts a new block when it is further below the line before than that size's
        leading plus ``PARAGRAPH_GAP`` (paragraphs and list items have space between them, lines
        of one paragraph none), changes size or kind (heading, mono), starts with a list marker,
        or starts at another x than the line before (a quote or list beginning or ending);
        only a list item's turned lines stand right of its marker line and continue it."""
        out: list[list[Line]] = []
        for line in page.body:
            prev = out[-1][-1] if out else None
            if prev is None or self._starts_block(prev, line):
                out.append([line])
            else:
                out[-1].append(line)
        return out

    def _starts_block(self, prev: Line, line: Line) -> bool:
        if line.size != prev.size or line.mono != prev.mono or self.is_heading(line) != self.is_heading(prev):
            return True
        if line.baseline - prev.baseline > self.pitch(line.size) + PARAGRAPH_GAP:
            return True
        if line.marker:
            return True
        if abs(line.x0 - prev.x0) <= 1:
            return False
        return not (prev.marker and line.x0 > prev.x0)  # a list item's second line, under its text

    def continues(self, page: Page) -> bool:
        """The page's first body line carries on the last paragraph of the page before.

        Ragged-right text breaks a line only where the next word does not fit: so the last
        line of the page before was cut by the page, not ended by its paragraph, when the
        first word of this page would not have fitted after it (``RIGHT_SLACK`` stands for a
        quote's or callout's right padding). Both lines must be running text of one size, and
        this one no list item's first line and at the indent of the line it would follow. A line
        ending a sentence followed by one starting with a capital is taken for a paragraph's
        end: a widow that starts a sentence goes unseen, rather than every full last line of a
        paragraph before a page break being taken for one."""
        if page.number < 2 or not page.body:
            return False
        before = self.pages[page.number - 2]
        if before.number == 1 or not before.body or self.is_notes_page(before):
            return False
        last, first = before.body[-1], page.body[0]
        if not (self.is_prose(last) and self.is_prose(first) and last.size == first.size) or first.marker:
            return False
        if abs(first.x0 - last.x0) > 1 and not (last.marker and first.x0 > last.x0):
            return False
        if _SENTENCE_END.search(last.text.rstrip()) and first.text.lstrip()[:1].isupper():
            return False  # most likely a paragraph's end and the next one's start; a break between sentences is missed
        word = next((w for w in first.words if w), None)
        space = self.body_size * 0.25
        return word is None or last.x1 + space + word >= self.measure_right - RIGHT_SLACK


# -- reading -------------------------------------------------------------------------------------


def read(pdf_path: Path, theme: Theme) -> Document:
    """Every page's lines and drawings, the body told from the running header and footer by
    the rules ``furniture.decorate_page`` draws under the header and over the footer."""
    box, hm = theme.page, theme.handout
    header_rule = box.top - hm.header_rise + hm.header_rule_drop  # from the top of the page
    footer_rule = box.height - (box.bottom - hm.footer_drop + hm.footer_rule_rise)
    notes = {w.notes for w in WORDS.values()} | {theme.words_for(lang).notes for lang in WORDS}
    pages: list[Page] = []
    with pdfplumber.open(pdf_path) as pdf:
        for number, p in enumerate(pdf.pages, 1):
            lines = [Line(number, cs) for cs in _group_lines(p.chars)]
            cover = number == 1  # the cover has no header or footer: all of it is its design
            furniture = [] if cover else [ln for ln in lines if ln.bottom <= header_rule or ln.top >= footer_rule]
            body = [ln for ln in lines if ln not in furniture]
            rects = [dict(r) for r in p.rects if r.get("fill")]
            rules = [dict(ln) for ln in p.lines if abs(ln["top"] - ln["bottom"]) < 1 and header_rule + 1 < ln["top"]
                     < footer_rule - 1]
            pages.append(Page(number, float(p.width), float(p.height), lines, body, furniture, rects,
                              [dict(i) for i in p.images], rules))
    return Document(pages, theme, frozenset(notes))


def _baseline(char: dict[str, Any]) -> float:
    """The character's baseline, from the top of the page: its text matrix's origin (``y1`` and
    the matrix are both from the foot of the page, ``top`` from its head)."""
    return float(char["top"]) + float(char["y1"]) - float(char["matrix"][5])


def _group_lines(chars: Iterable[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    groups: list[list[dict[str, Any]]] = []
    for c in sorted(chars, key=_baseline):
        if groups and _baseline(c) - _baseline(groups[-1][-1]) <= LINE_TOLERANCE:
            groups[-1].append(c)
        else:
            groups.append([c])
    return groups


def to_rgb(color: Any) -> RGB:
    """A PDF fill colour (gray, RGB or CMYK components from 0 to 1) as 8-bit RGB; none is black,
    PDF's initial fill colour."""
    if isinstance(color, (int, float)):
        color = (color,)
    if not isinstance(color, (tuple, list)) or not color or not all(isinstance(v, (int, float)) for v in color):
        return (0, 0, 0)
    v = [float(x) for x in color]
    if len(v) == 1:
        g = round(v[0] * 255)
        return (g, g, g)
    if len(v) == 4:
        c, m, y, k = v
        return (round(255 * (1 - c) * (1 - k)), round(255 * (1 - m) * (1 - k)), round(255 * (1 - y) * (1 - k)))
    return (round(v[0] * 255), round(v[1] * 255), round(v[2] * 255))


# -- the checks ----------------------------------------------------------------------------------


def heading_stranded(doc: Document) -> list[Finding]:
    """A heading that ends its page with less than two lines of its content under it.

    Why: a heading introduces what follows; printed at a page's foot with its text overleaf,
    it points at nothing and the reader turns the page to find where it leads. Two lines of
    text, or any image or table under it, count as a start. Exempt: a notes page (its heading
    stands over ruled lines, not text) and a section's last page (a heading with one line of
    text that ends the section has all its content on the page)."""
    out: list[Finding] = []
    for page in doc.pages[1:]:
        if doc.is_notes_page(page) or doc.ends_section(page):
            continue
        body = page.body
        for i, line in enumerate(body):
            if doc.is_notes_heading(page, line):
                continue
            if not doc.is_heading(line) or (i + 1 < len(body) and doc.is_heading(body[i + 1])):
                continue  # one finding per heading, at its last line
            after = [ln for ln in body[i + 1:] if not doc.is_heading(ln)]
            drawn = any(im["top"] > line.bottom and im["bottom"] < doc.body_bottom + 1 for im in page.images)
            if len(after) < 2 and not drawn and not doc.complete_before_next_page(page, line):
                out.append(Finding(page.number, "heading stranded", line.excerpt))
    return out


def off_margins(doc: Document) -> list[Finding]:
    """Text outside the text block's margins, or anything drawn off the page.

    Why: text in the margins collides with the binding or the printer's unprintable edge, and
    looks like a layout accident; anything off the page is lost. Horizontally every character
    must lie between the left and right margins (the header and footer too: they span the
    text width). Vertically body text must stand between the header's and footer's rules
    and its baselines on or above the bottom margin; the header and footer themselves live
    in the top and bottom margins by design. Images and filled rectangles may bleed to the
    page's edge (the cover's band) but not beyond."""
    out: list[Finding] = []
    for page in doc.pages:
        for line in page.lines:
            if line.x0 < doc.left - MARGIN_TOLERANCE or line.x1 > doc.right + MARGIN_TOLERANCE:
                out.append(Finding(page.number, "off margins", f"x {line.x0:.1f}–{line.x1:.1f}: {line.excerpt}"))
        for line in page.body if page.number > 1 else []:
            if line.baseline > doc.body_bottom + MARGIN_TOLERANCE or line.top < doc.body_top - MARGIN_TOLERANCE:
                out.append(Finding(page.number, "off margins", f"y {line.top:.1f}–{line.baseline:.1f}: "
                                   f"{line.excerpt}"))
        for thing in [*(c for ln in page.lines for c in ln.chars), *page.images, *page.rects]:
            if (thing["x0"] < -MARGIN_TOLERANCE or thing["top"] < -MARGIN_TOLERANCE
                    or thing["x1"] > page.width + MARGIN_TOLERANCE or thing["bottom"] > page.height + MARGIN_TOLERANCE):
                what = thing.get("text") or thing.get("object_type", "drawing")
                out.append(Finding(page.number, "off page", f"{what} at x {thing['x0']:.1f}–{thing['x1']:.1f}, "
                                   f"y {thing['top']:.1f}–{thing['bottom']:.1f}"))
    return out


def fill(doc: Document, page: Page) -> float:
    """How far down its body height a page is printed: from the top margin to the lowest body
    line, image or filled rectangle, as a share of the height between the margins."""
    bottoms = [ln.bottom for ln in page.body]
    bottoms += [d["bottom"] for d in (*page.images, *page.rects)
                if d["top"] >= doc.body_top - 1 and d["bottom"] <= doc.body_bottom + 1]
    if not bottoms:
        return 0.0
    return (max(bottoms) - doc.body_top) / doc.theme.page.inner_height


def underfull_page(doc: Document) -> list[Finding]:
    """A page printed less than a quarter of the way down that is not where a section ends.

    Why: a page left mostly empty inside a section reads as a break in the text, as if
    something were missing; it comes of a block too tall for the rest of a page being moved
    on whole (a table, a figure, a kept-together list). The cover, notes pages and a
    section's last page (before a level-1 heading, a notes page or the end) may be short."""
    out: list[Finding] = []
    for page in doc.pages[1:]:
        if doc.is_notes_page(page) or doc.ends_section(page):
            continue
        share = fill(doc, page)
        if share < UNDERFULL:
            last = page.body[-1].excerpt if page.body else "(no text)"
            out.append(Finding(page.number, "underfull page", f"filled {share:.0%}, ends: {last}"))
    return out


_LEADER = ". . . ."  # a contents entry's dot leader


def lone_line(doc: Document) -> list[Finding]:
    """A paragraph's single line alone at the top (widow) or the foot (orphan) of a page.

    Why: a lone line cut off from its paragraph breaks the reading across the page turn for
    a few words. Heuristic, on running text at body size only (code, tables and captions are
    other matters): blocks are cut by ``Document.blocks``; a paragraph continues over a page
    break when the next page's first word would not have fitted on the last line of the page
    before (ragged-right text breaks only there) and it starts no list item at another indent
    (``Document.continues``). A widow is such a continuation line followed by a new block or
    nothing; an orphan is a page's last block that is one line and continues overleaf. A
    one-line paragraph (a lead-in such as "To summarize,") is neither: it is whole."""
    out: list[Finding] = []
    for page in doc.pages[1:]:
        if not doc.continues(page) or _LEADER in page.body[0].text:
            continue  # a contents page's entries are set one to a line, not as paragraphs
        blocks = doc.blocks(page)
        if len(blocks[0]) == 1:
            out.append(Finding(page.number, "lone line (widow)", blocks[0][0].excerpt))
        before = doc.pages[page.number - 2]
        last = doc.blocks(before)[-1]
        if len(last) == 1 and not (before.body[0] is last[0] and doc.continues(before)):
            out.append(Finding(before.number, "lone line (orphan)", last[0].excerpt))
    return out


def _background(page: Page, char: dict[str, Any]) -> RGB:
    """What a character is printed on: the smallest filled rectangle under its centre (the one
    drawn last, as a box drawn over a larger one is smaller), else the white page."""
    x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    under = [r for r in page.rects if r["x0"] <= x <= r["x1"] and r["top"] <= y <= r["bottom"]]
    if not under:
        return (255, 255, 255)
    smallest = min(under, key=lambda r: (r["x1"] - r["x0"]) * (r["bottom"] - r["top"]))
    return to_rgb(smallest.get("non_stroking_color"))


def contrast(doc: Document) -> list[Finding]:
    """Text whose colour contrasts less with what it is printed on than WCAG 2 AA asks.

    Why: faint text (muted captions and footers, white on a light fill, a tint behind grey)
    is hard to read on paper and on screen, worse when photocopied. 4.5:1 for text, 3:1 for
    large text (18 pt, or 14 pt bold), measured for every character against the smallest
    filled rectangle under it or white. One finding a line, with its lowest ratio."""
    out: list[Finding] = []
    for page in doc.pages:
        for line in page.lines:
            worst: tuple[float, float, str] | None = None  # ratio, its need, the character
            for c in line.chars:
                if not c["text"].strip():
                    continue
                large = c["size"] >= 18 or (c["size"] >= 14 and bool(_BOLD.search(c["fontname"])))
                need = AA_LARGE if large else AA_TEXT
                ratio = contrast_ratio(to_rgb(c.get("non_stroking_color")), _background(page, c))
                if ratio < need and (worst is None or ratio < worst[0]):
                    worst = (ratio, need, c["text"])
            if worst:
                out.append(Finding(page.number, "contrast", f"{worst[0]:.2f}:1 < {worst[1]}:1 at {worst[2]!r}: "
                                   f"{line.excerpt}"))
    return out


def straight_quotes(doc: Document) -> list[Finding]:
    """A straight double quote (") printed in a text face.

    Why: prose takes typographic quotes (“ ” or the language's own); a straight one is a
    typewriter's, and shows the typographer missed it (a quote next to markup, inside a
    link, in a heading). In code it is right, so monospaced faces are left alone."""
    return [Finding(page.number, "straight quote", line.excerpt) for page in doc.pages for line in page.lines
            if any(c["text"] == '"' and not _MONO.search(c["fontname"]) for c in line.chars)]


def measure(doc: Document) -> float:
    """The median number of characters (spaces included) in a line of running text.

    Why: lines of 60–80 characters read best in a single column: longer ones make the eye
    lose its way back to the next line's start, shorter ones break the phrase too often.
    Counted on body-size prose lines (paragraphs, list items, quotes and callouts) that are
    not a block's last line on its page, which stops where the text does, not at the measure."""
    counts = [len(line.text.strip()) for page in doc.pages[1:] if not doc.is_notes_page(page)
              for block in doc.blocks(page) for line in block[:-1] if doc.is_prose(line)]
    return float(statistics.median(counts)) if counts else 0.0


CHECKS: tuple[Callable[[Document], list[Finding]], ...] = (
    heading_stranded, off_margins, underfull_page, lone_line, contrast, straight_quotes)


def check_pdf(pdf_path: Path, theme: Theme, checks: Sequence[Callable[[Document], list[Finding]]] = CHECKS,
              ) -> list[Finding]:
    """Every finding of ``checks`` on the handout at ``pdf_path``, built with ``theme``."""
    doc = read(pdf_path, theme)
    return [finding for check in checks for finding in check(doc)]
