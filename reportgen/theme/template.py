"""What a corporate PowerPoint template gives the deck, read once (``reportgen.template``).

Plain data, so the slide planner can lay slides out on the template's own geometry and keep
clear of what its masters draw, and the PDF drawers can draw that art too, without either
opening the .pptx again. Lengths are points from the slide's top left.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportgen.theme.colors import RGB

Bounds = tuple[float, float, float, float]  # x, y, width, height
# an outline: steps "M" (move), "L" (line), "C" (cubic curve), "Q" (quadratic), "Z" (close), each with
# its points' coordinates (x1, y1, x2, y2 …) in slide points
Outline = tuple[tuple[str, tuple[float, ...]], ...]


@dataclass(frozen=True, slots=True)
class Art:
    """A shape the slide master or a layout draws on every slide of that layout: a filled or
    outlined shape, a line, a picture, or text; or one of its footer placeholders (``text``
    then says what reportgen fills in)."""

    kind: str  # "rect", "ellipse", "path", "picture" or "text"
    x: float
    y: float
    w: float
    h: float
    fill: RGB | None = None
    stroke: RGB | None = None
    stroke_width: float = 0.0
    image: bytes = b""
    text: str = ""
    size: float = 0.0  # of its text, in points
    color: RGB = (0, 0, 0)  # of its text
    align: str = "left"  # left | center | right
    name: str = ""  # the shape's, for ``template check``
    path: Outline = ()  # a "path" (a line, a free-form): its outline

    @property
    def bounds(self) -> Bounds:
        return self.x, self.y, self.w, self.h


@dataclass(frozen=True, slots=True)
class LayoutArt:
    """One slide layout: where its title and body placeholders are, what it draws, and its
    footer, date and slide-number placeholders (``slots``), which reportgen fills."""

    name: str
    title: Bounds | None
    bodies: tuple[Bounds, ...]  # body (or content) placeholders, left to right
    art: tuple[Art, ...]  # the master's shapes (unless the layout hides them), then its own
    slots: tuple[tuple[str, Art], ...]  # ("footer" | "number" | "date", its box and text style)
    background: RGB | None = None  # the layout's (else its master's) background colour, if it sets one
    background_image: bytes = b""  # or picture, stretched over the slide

    def slot(self, kind: str) -> Art | None:
        return next((art for name, art in self.slots if name == kind), None)


@dataclass(frozen=True, slots=True)
class TemplateInfo:
    """A template's layouts, and the one each kind of slide is built on."""

    path: Path
    layouts: tuple[LayoutArt, ...]
    roles: tuple[tuple[str, str], ...]  # role ("title", "divider", "content", "closing") → layout name
    bodies: tuple[tuple[int, str], ...]  # 1 (text) or 2 (columns) body placeholders → layout name
    undrawn: tuple[str, ...] = ()  # shapes the PDFs cannot draw, named for a warning

    def layout(self, name: str) -> LayoutArt:
        return next(layout for layout in self.layouts if layout.name == name)

    def for_role(self, role: str) -> LayoutArt:
        return self.layout(dict(self.roles)[role])

    def with_bodies(self, count: int) -> LayoutArt | None:
        name = dict(self.bodies).get(count)
        return None if name is None else self.layout(name)

    @property
    def names(self) -> list[str]:
        return [layout.name for layout in self.layouts]
