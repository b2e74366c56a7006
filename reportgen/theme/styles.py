"""Text styles by role, and the type scale that derives them from a few base sizes."""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportgen.fonts import FontFamily
from reportgen.theme.colors import RGB, Palette, mix


@dataclass(frozen=True, slots=True)
class TextStyle:
    """One role's text: family and style, size and leading, colour, spacing (points)."""

    family: FontFamily
    size: float
    color: RGB
    bold: bool = False
    italic: bool = False
    leading: float = 0.0  # line pitch; 0 means 1.2 × size
    space_before: float = 0.0
    space_after: float = 0.0

    @property
    def line(self) -> float:
        return self.leading or round(self.size * 1.2, 2)

    @property
    def face(self) -> str:
        return self.family.face(self.bold, self.italic)


def build_styles(body: FontFamily, heading: FontFamily, mono: FontFamily, c: Palette, scale: dict[str, float],
                 heading_color: RGB, line_height: float, heading_face: tuple[bool, bool] = (True, False),
                 heading_line_height: float | None = None) -> dict[str, TextStyle]:
    """The type scale for both outputs, from a few base sizes (see DESIGN.md); headings in
    ``heading_face`` (bold, italic), as the brand's ``typography.headings`` asks, and the
    handout's headings at its ``line-height`` when it sets one."""
    b, s = scale["body"], scale["slide-body"]
    text = TextStyle(body, b, c.foreground, leading=round(b * line_height, 2), space_after=round(b * 0.6, 2))
    head = TextStyle(heading, b, heading_color, bold=heading_face[0], italic=heading_face[1])
    slide = TextStyle(body, s, c.foreground, leading=round(s * 1.2, 2), space_after=round(s * 0.35, 2))
    st = {
        "body": text,
        "list": replace(text, space_after=3.0),
        "quote": replace(text, italic=True, color=mix(c.foreground, c.background, 0.15)),
        "code": TextStyle(mono, scale.get("code", round(b * 0.86, 2)), c.foreground,
                          leading=round(max(b, scale.get("code", b)) * 1.2, 2), space_after=b * 0.6),
        "caption": replace(text, size=round(b * 0.82, 2), leading=round(b * 1.1, 2), italic=True, color=c.muted),
        "heading.1": replace(head, size=round(b * 1.9, 1), leading=round(b * 2.27, 1), space_before=0,
                             space_after=b * 0.8),
        "section.label": replace(head, size=round(b * 0.8, 1), leading=round(b * 1.0, 1), color=c.accent),
        "heading.2": replace(head, size=round(b * 1.35, 1), leading=round(b * 1.7, 1), space_before=b * 1.3,
                             space_after=b * 0.45),
        "heading.3": replace(head, size=round(b * 1.1, 1), leading=round(b * 1.4, 1), space_before=b,
                             space_after=b * 0.3, color=c.foreground),
        "table.header": replace(text, size=round(b * 0.92, 2), leading=round(b * 1.2, 2), bold=True,
                                color=c.on_primary, space_after=0),
        "table.body": replace(text, size=round(b * 0.92, 2), leading=round(b * 1.2, 2), space_after=0),
        "faq.question": replace(head, size=round(b * 1.1, 1), leading=round(b * 1.45, 1), color=c.primary,
                                space_before=b * 0.9, space_after=b * 0.25),
        "faq.answer": text,
        "cover.title": replace(head, size=32, leading=38, color=c.on_primary),
        "cover.subtitle": replace(text, size=16, leading=20, color=c.on_primary),
        "cover.meta": replace(text, size=12, leading=16, color=c.foreground),
        "toc.title": replace(head, size=round(b * 2.0, 1), leading=round(b * 2.4, 1), space_after=b * 1.2),
        "toc.1": replace(text, size=round(b * 1.1, 1), leading=round(b * 1.4, 1), space_before=round(b * 0.75, 1),
                         space_after=0),
        "toc.2": replace(text, size=b, leading=round(b * 1.3, 1), space_before=round(b * 0.3, 1), space_after=0,
                         color=c.muted),
        "header": replace(text, size=8, leading=10, color=c.muted, space_after=0),
        "footer": replace(text, size=8, leading=10, color=c.muted, space_after=0),
        "slide.title": replace(head, size=round(s * 1.36, 1), leading=round(s * 1.36 * 1.12, 1)),
        "slide.body": slide,
        "slide.table": replace(slide, size=round(s * 0.75), leading=round(s * 0.75 * 1.2, 1), space_after=0),
        "slide.table.header": replace(slide, size=round(s * 0.75), leading=round(s * 0.75 * 1.2, 1),
                                      bold=True, color=c.on_primary, space_after=0),
        "slide.cover.title": replace(head, size=round(s * 1.9, 1), leading=round(s * 1.9 * 1.1, 1),
                                     color=c.on_primary),
        "slide.cover.subtitle": replace(slide, size=round(s * 1.1, 1), leading=round(s * 1.1 * 1.2, 1),
                                        color=c.on_primary),
        "slide.cover.meta": replace(slide, size=round(s * 0.75, 1), leading=round(s * 0.8 * 1.25, 1),
                                    color=c.on_primary),
        "slide.divider": replace(head, size=round(s * 1.8, 1), leading=round(s * 1.8 * 1.12, 1),
                                 color=c.on_primary),
        "slide.divider.number": replace(head, size=round(s * 1.1, 1), leading=round(s * 1.1 * 1.2, 1),
                                        color=mix(c.on_primary, c.primary, 0.35)),
        "slide.statement": replace(slide, size=round(s * 1.5, 1), leading=round(s * 1.5 * 1.2, 1), color=c.primary,
                                   space_after=0),
        "slide.quote": replace(slide, size=round(s * 1.5, 1), leading=round(s * 1.5 * 1.2, 1), color=c.primary,
                               italic=True, space_after=0),
        "slide.footer": replace(text, size=11, leading=13, color=c.muted, space_after=0),
        "slide.label": replace(head, size=11, leading=13, color=c.accent, space_after=0),
        "slide.question": replace(head, size=round(s * 1.1, 1), leading=round(s * 1.1 * 1.2, 1),
                                  color=c.primary, space_after=round(s * 0.4, 1)),
    }
    if heading_line_height:
        for role in ("heading.1", "heading.2", "heading.3", "faq.question", "toc.title"):
            st[role] = replace(st[role], leading=round(st[role].size * heading_line_height, 1))
    return st
