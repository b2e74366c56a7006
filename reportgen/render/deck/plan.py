"""The slide plan: plain data saying what goes where on every slide, in points.

``planner.plan_slides`` makes it, measured with the deck's fonts; ``render/pptx`` (and any other
drawer) only draws it. Because it is data, tests can prove that nothing is taller than its
box without opening a .pptx.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Union

from reportgen.measure import Word
from reportgen.model import Inline, Run
from reportgen.theme import RGB
from reportgen.theme.template import Art

LOGO = "Logo"  # the alt text of the brand's logo: decoration, an artifact in a tagged PDF
CHECKED, UNCHECKED = "\u2611", "\u2610"  # a task-list item's bullet: ☑ done, ☐ to do


@dataclass(frozen=True, slots=True)
class ColoredRun(Run):
    """A run drawn in a colour of its own, not its paragraph role's: a token of highlighted code.
    The plan's, not the model's: the document says what the code is, the theme how it looks."""

    color: RGB = (0, 0, 0)


@dataclass(frozen=True, slots=True)
class Para:
    """One paragraph of a text box, already measured and broken into ``breaks``, its lines of
    words, at ``pitch`` points each. Every drawer draws these lines; none wraps again."""

    runs: Inline
    role: str  # theme role: family, colour, bold/italic
    size: float
    pitch: float  # exact line spacing in points
    breaks: tuple[tuple[Word, ...], ...]  # the words of each line, as measured
    space_before: float = 0.0
    space_after: float = 0.0
    level: int = 0  # 0 or 1 for bullets
    bullet: str = ""  # "", "•", "1.", or a task's CHECKED / UNCHECKED
    align: str = "left"  # left | center | right
    hang: float = 0.0  # the bullet's hanging indent in ems, when wider than the theme's (numbers of two digits)
    box: int = 0  # a callout's number: drawn in a tinted box with an accent bar (``planner``)
    closes: bool = False  # the last paragraph of that box: its space after holds the box's bottom padding
    hard: bool = False  # its breaks are written into the deck as line breaks (balanced titles), not left to viewers
    tone: str = ""  # a callout's kind, for its bar's colour

    def text_indent(self, list_indent: float) -> float:
        """The left margin of its text (pptx ``marL``): ``list_indent`` ems a level, and its
        bullet's hanging indent."""
        return self.level * self.size * list_indent + (self.size * self.hang if self.bullet else 0.0)

    @property
    def lines(self) -> int:
        return len(self.breaks)

    @property
    def height(self) -> float:
        return self.space_before + self.lines * self.pitch + self.space_after


@dataclass(frozen=True, slots=True)
class TextBox:
    x: float
    y: float
    w: float
    h: float
    paras: tuple[Para, ...]
    inset_x: float  # the theme's ``deck.text_inset_x``
    inset_y: float  # and ``deck.text_inset_y``
    anchor: str = "top"  # top | middle | bottom
    name: str = "Text"
    inset_end: float = 0.0  # more room at the right, for text a viewer breaks by its own rules (CJK)
    link: str = ""  # "#anchor": a click anywhere on the box leads there (an agenda entry), its text unmarked

    @property
    def text_width(self) -> float:
        return self.w - 2 * self.inset_x - self.inset_end

    @property
    def content_height(self) -> float:
        """Measured height of the text, insets included (the last paragraph's space after is not)."""
        if not self.paras:
            return 2 * self.inset_y
        return 2 * self.inset_y + sum(p.height for p in self.paras) - self.paras[-1].space_after


@dataclass(frozen=True, slots=True)
class TableBox:
    x: float
    y: float
    col_widths: tuple[float, ...]
    rows: tuple[tuple[Para, ...], ...]  # one paragraph per cell; row 0 is the header
    row_heights: tuple[float, ...]
    margin_x: float
    margin_y: float
    row_labels: bool = False

    @property
    def w(self) -> float:
        return sum(self.col_widths)

    @property
    def h(self) -> float:
        return sum(self.row_heights)


@dataclass(frozen=True, slots=True)
class ImageBox:
    x: float
    y: float
    w: float
    h: float
    path: Path | None  # None: a generated QR code, drawn from ``qr``
    alt: str
    qr: str = ""
    size_px: tuple[float, float] = (0.0, 0.0)  # the file's own size, for drawers that place it themselves


@dataclass(frozen=True, slots=True)
class Rect:
    """A decorative bar (accent rule, band); never holds text."""

    x: float
    y: float
    w: float
    h: float
    color: RGB
    name: str = "Accent"  # the shape's name in the deck: "Callout" for a callout's tinted box


Shape = Union[TextBox, TableBox, ImageBox, Rect]


@dataclass(frozen=True, slots=True)
class SlotText:
    """A template's footer, date or slide-number placeholder, and the text it holds: set in
    the template's colour and alignment (``art``), at ``size`` so that it keeps to one line."""

    kind: str  # "footer" | "number" | "date"
    text: str
    size: float
    art: Art


# what a slide is for: it chooses the slide's layout in a template (``template.role_of``)
SlideKind = Literal["title", "agenda", "divider", "content", "table", "image", "faq", "closing"]


@dataclass(frozen=True, slots=True)
class Slide:
    kind: SlideKind
    title: TextBox  # drawn into the title placeholder
    shapes: tuple[Shape, ...]
    notes: str
    dark: bool = False  # primary background, light text
    footer: bool = True
    section: str = ""
    anchors: tuple[str, ...] = ()  # the document's anchors (model.Heading.anchor) this slide holds
    opens: bool = False  # it opens its section (a divider, or the first slide of a section without one)
    source: str = ""  # "Source: 02-roles.md:14", the notes' last line: where to edit what the slide shows
    layout: str = ""  # the template layout it is built on ("": no template, the writer's default layouts)
    slots: tuple[SlotText, ...] = ()  # what the layout's footer, date and slide-number placeholders say
    ground: tuple[float, float, float, float] | None = None  # a dark slide's primary ground as a box under all
    # else, where a template's master draws a panel over the slide's background

    def body_boxes(self) -> list[int]:
        """Which of its text boxes a layout's body placeholders hold: its two columns, or its
        first body box (a callout's box or an agenda entry stays a text box of its own)."""
        names = [shape.name if isinstance(shape, TextBox) else "" for shape in self.shapes]
        columns = [k for k, name in enumerate(names) if name.startswith("Column ")]
        if columns:
            return columns if len(columns) == 2 else []
        return [names.index("Body")] if "Body" in names else []


def deck_anchors(plan: list[Slide]) -> dict[str, int]:
    """Where each anchor is in the deck: the 0-based index of its slide."""
    return {anchor: index for index, slide in enumerate(plan) for anchor in slide.anchors}


@dataclass(frozen=True, slots=True)
class NoteParagraph:
    """One paragraph of a slide's speaker notes, as a presenter view shows it."""

    text: str  # its lines, "\n" between them (a code block keeps its own)
    bullet: bool = False
    source: bool = False  # the last line, where the slide came from: set small


def note_paragraphs(slide: Slide) -> list[NoteParagraph]:
    """A slide's notes as paragraphs and bullets: the planner writes parts with a blank line
    between them, and a list as lines that each start "- "."""
    out: list[NoteParagraph] = []
    for part in (p.strip("\n") for p in slide.notes.split("\n\n")):
        lines = part.split("\n")
        if not part.strip():
            continue
        if all(line.startswith("- ") for line in lines):
            out += [NoteParagraph(line[2:], bullet=True) for line in lines]
        else:
            out.append(NoteParagraph(part, source=bool(slide.source) and part == slide.source))
    return out
