"""Corporate PowerPoint templates: build the deck on a client's slide master and layouts.

Each kind of slide asks for a layout by name (the names PowerPoint gives its built-in
layouts, which corporate templates keep); when a name is missing, any layout with a title
placeholder stands in. ``reportgen template check`` explains the mapping.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from typing_extensions import assert_never

from reportgen.errors import ReportgenError, SourceRef
from reportgen.theme import Box, Theme
from reportgen.theme.template import TemplateInfo

if TYPE_CHECKING:
    from reportgen.render.deck.plan import SlideKind

# role → layout names to look for, in order; every slide kind maps to one role
ROLES: dict[str, tuple[str, ...]] = {
    "title": ("Title Slide",),
    "divider": ("Section Header", "Section Title"),
    "content": ("Title Only", "Title and Content"),
    "closing": ("Title Only", "Title Slide"),
}
# the layouts of PowerPoint's (and python-pptx's) default deck, which a slide may name without a template
DEFAULT_LAYOUTS = ("Title Slide", "Title and Content", "Section Header", "Two Content", "Comparison", "Title Only",
                   "Blank", "Content with Caption", "Picture with Caption", "Title and Vertical Text",
                   "Vertical Title and Text")


def require_layout(template: TemplateInfo | None, name: str, source: SourceRef) -> None:
    """Refuse a layout a slide names (``{layout="…"}``) that the template, or without one
    PowerPoint's default deck, does not have, listing those it has."""
    names = template.names if template else list(DEFAULT_LAYOUTS)
    if name not in names:
        where = "the template" if template else "PowerPoint's default layouts"
        raise ReportgenError(f"no layout named {name!r} in {where}", source, hint=f"use one of: {', '.join(names)}")


@dataclass(frozen=True)
class TemplateReport:
    path: Path
    size: tuple[float, float]  # points
    layouts: list[tuple[str, list[str]]]  # name, placeholder kinds
    roles: dict[str, tuple[str | None, str]]  # role → (layout name, found by: "name", "placeholders" or "title")
    bodies: dict[str, str | None]  # "text", "columns" → the layout whose body placeholders hold them, if any
    info: TemplateInfo | None  # what the deck is built on; None when a role has no layout


def open_template(path: Path) -> Any:
    """The template as a python-pptx ``Presentation``, or a clear error."""
    from pptx import Presentation
    from pptx.exc import PackageNotFoundError

    if not path.is_file():
        raise ReportgenError("template not found", SourceRef(path), hint="check the --template path")
    try:
        return Presentation(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise ReportgenError(f"not a PowerPoint file ({type(exc).__name__})", SourceRef(path),
                             hint="pass a .pptx or .potx saved by PowerPoint, Keynote or LibreOffice") from None
    except Exception as exc:  # zipfile.BadZipFile, lxml errors: a damaged file is still the user's input
        raise ReportgenError(f"cannot read the template: {exc}", SourceRef(path), hint="re-save it as .pptx") from None


def title_placeholder(layout: Any) -> Any | None:
    """A layout's title (or centred title) placeholder, found by its type: a template saved by
    LibreOffice may leave every ``idx`` out."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    return next((ph for ph in layout.placeholders
                 if ph.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)), None)


def _has_title(layout: Any) -> bool:
    return title_placeholder(layout) is not None


def layout_for(prs: Any, kind: SlideKind) -> Any:
    """The layout a slide of ``kind`` is built on."""
    layout, _ = _find(prs, role_of(kind))
    return layout


# layouts whose body placeholders hold a slide's text: one body, or two side by side (columns)
BODY_MIN_SHARE = 0.3  # of the slide a layout's body placeholders cover at least (not a section header's line)
BODY_LAYOUTS: dict[int, tuple[str, ...]] = {1: ("Title and Content",), 2: ("Two Content", "Comparison")}


def body_layout(prs: Any, count: int) -> tuple[Any, list[Any]] | None:
    """A layout with a title and ``count`` body placeholders (left to right), found by its
    PowerPoint name, else by its placeholders; None when the template has none. Its body
    placeholders are what PowerPoint's outline, accessibility checker and "Reset slide" know
    as the slide's text."""
    layouts = list(prs.slide_layouts)
    by_name = {layout.name: layout for layout in layouts}
    candidates = [by_name[n] for n in BODY_LAYOUTS.get(count, ()) if n in by_name] + layouts
    area = prs.slide_width * prs.slide_height
    for layout in candidates:
        bodies = body_placeholders(layout)
        if _has_title(layout) and len(bodies) == count and \
                sum((ph.width or 0) * (ph.height or 0) for ph in bodies) >= area * BODY_MIN_SHARE:
            return layout, bodies
    return None


def body_placeholders(layout: Any) -> list[Any]:
    """A layout's placeholders for body text or any content, left to right."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    found = [ph for ph in layout.placeholders
             if ph.placeholder_format.type in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)]
    return sorted(found, key=lambda ph: (ph.left or 0, ph.top or 0))


def role_of(kind: SlideKind) -> str:
    """The template role that serves a slide of ``kind``."""
    match kind:
        case "title" | "divider" | "closing":
            return kind
        case "agenda" | "content" | "table" | "image" | "faq":
            return "content"
        case _:
            assert_never(kind)


def _find(prs: Any, role: str) -> tuple[Any, str]:
    """The layout for ``role``: by its PowerPoint name (a hint a renamed layout loses), else by
    what its placeholders say it is for (``_fits``), else any layout with a title."""
    by_name = {layout.name: layout for layout in prs.slide_layouts}
    for name in ROLES[role]:
        if name in by_name and _has_title(by_name[name]):
            return by_name[name], "name"
    area = prs.slide_width * prs.slide_height
    for layout in prs.slide_layouts:
        if _fits(layout, role, area):
            return layout, "placeholders"
    for layout in prs.slide_layouts:
        if _has_title(layout):
            return layout, "title"
    return None, ""


def _fits(layout: Any, role: str, area: int) -> bool:
    """Whether a layout's placeholders are those of ``role``'s layout: a centred title (title
    slide); a title over one small text placeholder (section header); a title alone (title only)."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    kinds = [ph.placeholder_format.type for ph in layout.placeholders]
    bodies = body_placeholders(layout)
    small = sum((ph.width or 0) * (ph.height or 0) for ph in bodies) < area * BODY_MIN_SHARE
    match role:
        case "title":
            return PP_PLACEHOLDER.CENTER_TITLE in kinds
        case "divider":
            return PP_PLACEHOLDER.TITLE in kinds and len(bodies) == 1 and small
        case _:  # content and closing: the slide draws its own shapes under a title
            return PP_PLACEHOLDER.TITLE in kinds and not bodies


def inspect_template(path: Path) -> TemplateReport:
    from reportgen.template_art import pt

    prs = open_template(path)
    layouts = [(layout.name, [str(ph.placeholder_format.type).split(".")[-1].split(" ")[0].lower()
                              for ph in layout.placeholders]) for layout in prs.slide_layouts]
    roles = {}
    for role in ROLES:
        layout, how = _find(prs, role)
        roles[role] = (layout.name if layout is not None else None, how)
    with_bodies = {count: found[0].name for count in BODY_LAYOUTS if (found := body_layout(prs, count))}
    bodies = {role: with_bodies.get(count) for role, count in (("text", 1), ("columns", 2))}
    info = read_template(path, prs, {role: name for role, (name, _) in roles.items() if name}, with_bodies) \
        if all(name is not None for name, _ in roles.values()) else None
    return TemplateReport(path, (pt(prs.slide_width), pt(prs.slide_height)), layouts, roles,
                          bodies, info)


def read_template(path: Path, prs: Any, roles: dict[str, str], bodies: dict[int, str]) -> TemplateInfo:
    """Every layout's geometry and art, with the layout each role (``roles``) and body count
    (``bodies``) is built on, as ``inspect_template`` chose them."""
    from reportgen.template_art import ArtReader, bounds

    reader = ArtReader(prs)
    layouts = []
    for layout in prs.slide_layouts:
        title = title_placeholder(layout)
        layouts.append(reader.layout(layout, None if title is None else bounds(title),
                                     tuple(bounds(ph) for ph in body_placeholders(layout))))
    return TemplateInfo(path.resolve(), tuple(layouts), tuple(roles.items()), tuple(bodies.items()),
                        tuple(reader.undrawn))


def apply_template(theme: Theme, path: Path) -> Theme:
    """The theme with the template's slide size; refuse a template the deck cannot use."""
    report = inspect_template(path)
    if report.info is None:
        raise ReportgenError("template has no layout with a title placeholder", SourceRef(path),
                             hint="run 'reportgen template check' to see its layouts")
    w, h = report.size
    s = theme.slide
    scale = h / s.height
    slide = Box(w, h, s.top * scale, s.right * scale, s.bottom * scale, s.left * scale)
    return replace(theme, slide=slide, template=report.info)
