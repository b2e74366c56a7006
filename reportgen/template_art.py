"""What a template's slide master and layouts draw on their own, read into plain ``Art``.

The deck needs none of it (PowerPoint draws the master), but the planner keeps reportgen's
text and decoration clear of it, fills the footer placeholders instead of drawing a footer,
and the PDFs of the deck (slides-pdf, the slide handout) draw it so they match the deck.
Colours are resolved through the master's colour scheme; a shape the PDFs cannot draw
(a group, a free-form, a chart) is named in ``undrawn``.
"""

from __future__ import annotations

import colorsys
from typing import Any

from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.oxml.ns import qn

from reportgen.theme.colors import RGB
from reportgen.theme.template import Art, Bounds, LayoutArt, Outline

EMU_PER_POINT = 12700  # format: ECMA-376 lengths are EMU, 12 700 to the point
PERCENT = 100000.0  # format: DrawingML's percentages (lumMod, lumOff, tint, shade) are thousandths of a percent
DEFAULT_TEXT_SIZE = 18.0  # format: PowerPoint's text size when nothing sets one
SLOTS = {PP_PLACEHOLDER.FOOTER: "footer", PP_PLACEHOLDER.SLIDE_NUMBER: "number", PP_PLACEHOLDER.DATE: "date"}
SCHEME_ALIASES = {"tx1": "dk1", "bg1": "lt1", "tx2": "dk2", "bg2": "lt2"}
ALIGN = {"ctr": "center", "r": "right"}
# a shape's fill as one colour: solid, a gradient's first stop, a pattern's ground
FILLS = (qn("a:solidFill"), f"{qn('a:gradFill')}/{qn('a:gsLst')}/{qn('a:gs')}", f"{qn('a:pattFill')}/{qn('a:bgClr')}")
PATH_STEPS = {"moveTo": "M", "lnTo": "L", "cubicBezTo": "C", "quadBezTo": "C"}  # quadratic: as a cubic
SHAPES = {"rect": "rect", "roundRect": "rect", "ellipse": "ellipse"}  # DrawingML presets → what the PDFs draw
LINES = ("line", "straightConnector1", "bentConnector2", "bentConnector3", "curvedConnector3")


def pt(length: int | None) -> float:
    return round((length or 0) / EMU_PER_POINT, 2)


def bounds(shape: Any) -> Bounds:
    return pt(shape.left), pt(shape.top), pt(shape.width), pt(shape.height)


class ArtReader:
    """Reads one template's layouts, each with its own slide master (a template may have
    several) and that master's colour scheme."""

    def __init__(self, prs: Any) -> None:
        self.undrawn: list[str] = []
        self.masters: dict[str, tuple[dict[str, RGB], tuple[Art, ...]]] = {}  # part name → scheme, art
        self.master: Any = None
        self.scheme: dict[str, RGB] = {}

    def layout(self, layout: Any, title: Bounds | None, bodies: tuple[Bounds, ...]) -> LayoutArt:
        self.master = layout.slide_master
        key = str(self.master.part.partname)
        if key not in self.masters:
            self.scheme = _scheme(self.master)
            where = "the slide master" if not self.masters else f"slide master {len(self.masters) + 1}"
            self.masters[key] = self.scheme, tuple(self._shapes(self.master.shapes, where))
        self.scheme, master_art = self.masters[key]
        hides_master = layout.element.get("showMasterSp") == "0"
        art = (() if hides_master else master_art) + tuple(self._shapes(layout.shapes, f"layout {layout.name!r}"))
        slots = tuple((SLOTS[ph.placeholder_format.type], self._slot(ph)) for ph in layout.placeholders
                      if ph.placeholder_format.type in SLOTS)
        color, image = self._background(layout)
        if color is None and not image:
            color, image = self._background(self.master)
        return LayoutArt(layout.name, title, bodies, art, slots, color, image)

    def _shapes(self, shapes: Any, where: str) -> list[Art]:
        found: list[Art] = []
        for shape in shapes:
            if shape.is_placeholder:
                continue
            x, y, w, h, name = *bounds(shape), shape.name
            el, kind = shape.element, shape.shape_type
            geometry = el.find(f"{qn('p:spPr')}/{qn('a:prstGeom')}")
            preset = geometry.get("prst", "") if geometry is not None else ""
            custom = el.find(f"{qn('p:spPr')}/{qn('a:custGeom')}")
            stroke, width = self._line(el)
            if kind == MSO_SHAPE_TYPE.PICTURE:
                found.append(Art("picture", x, y, w, h, image=shape.image.blob, name=name))
            elif preset in SHAPES:
                found.append(Art(SHAPES[preset], x, y, w, h, self._fill(el), stroke, width, name=name))
            elif preset in LINES:
                found.append(Art("path", x, y, w, h, stroke=stroke, stroke_width=width, name=name,
                                 path=_line_path(el, x, y, w, h)))
            elif custom is not None and (path := _custom_path(custom, x, y, w, h)):
                found.append(Art("path", x, y, w, h, self._fill(el), stroke, width, name=name, path=path))
            else:
                what = {MSO_SHAPE_TYPE.GROUP: "a group", MSO_SHAPE_TYPE.CHART: "a chart"}.get(kind) or \
                    ("a free-form" if custom is not None else f"a {preset or 'graphic'} shape")
                self.undrawn.append(f"{f'{name!r}' if name else what} on {where}")
                found.append(Art("rect", x, y, w, h, name=name))  # kept clear of, all the same
            if getattr(shape, "has_text_frame", False) and shape.text_frame.text.strip():
                size, color, align = self._text_style([shape.element])
                found.append(Art("text", x, y, w, h, text=shape.text_frame.text, size=size, color=color, align=align,
                                 name=name))
        return found

    def _slot(self, ph: Any) -> Art:
        """A footer placeholder's box and how its text is set: the layout's own, else the
        master's placeholder of its type, else the master's style for other text."""
        base = next((m for m in self.master.placeholders if m.placeholder_format.type == ph.placeholder_format.type),
                    None)
        sources = [ph.element] + ([base.element] if base is not None else [])
        sources.append(self.master.element.find(qn("p:txStyles") + "/" + qn("p:otherStyle")))
        size, color, align = self._text_style([s for s in sources if s is not None])
        return Art("text", *bounds(ph), size=size, color=color, align=align)

    def _text_style(self, elements: list[Any]) -> tuple[float, RGB, str]:
        """Size, colour and alignment of a first paragraph, from the first element that sets each."""
        size, color, align = None, None, None
        for el in elements:
            for ppr in el.iter(qn("a:lvl1pPr"), qn("a:pPr")):
                align = align or ALIGN.get(ppr.get("algn", ""), "left" if ppr.get("algn") else None)
            for rpr in el.iter(qn("a:defRPr"), qn("a:rPr")):
                size = size or (int(rpr.get("sz")) / 100 if rpr.get("sz") else None)
                color = color or self._color(rpr.find(qn("a:solidFill")))
        return size or DEFAULT_TEXT_SIZE, color or self.scheme.get("dk1", (0, 0, 0)), align or "left"

    def _fill(self, sp: Any) -> RGB | None:
        """A shape's fill as one colour: its own solid fill, a gradient's first stop, a
        pattern's ground; else its style's reference to a scheme colour."""
        sppr = sp.find(qn("p:spPr"))
        if sppr is not None and sppr.find(qn("a:noFill")) is not None:
            return None
        for own in (sppr.find(path) for path in FILLS) if sppr is not None else ():
            if own is not None:
                return self._color(own)
        ref = sp.find(qn("p:style") + "/" + qn("a:fillRef"))
        return self._color(ref) if ref is not None and ref.get("idx") != "0" else None

    def _line(self, sp: Any) -> tuple[RGB | None, float]:
        ln = sp.find(qn("p:spPr") + "/" + qn("a:ln"))
        if ln is not None and ln.find(qn("a:noFill")) is not None:
            return None, 0.0
        width = pt(int(ln.get("w"))) if ln is not None and ln.get("w") else 1.0
        own = ln.find(qn("a:solidFill")) if ln is not None else None
        if own is not None:
            return self._color(own), width
        ref = sp.find(qn("p:style") + "/" + qn("a:lnRef"))
        return (self._color(ref), width) if ref is not None and ref.get("idx") != "0" else (None, 0.0)

    def _background(self, owner: Any) -> tuple[RGB | None, bytes]:
        """A layout's or master's own background: a colour (solid, a gradient's first stop, the
        theme's reference), or a picture stretched over the slide."""
        bg = owner.element.find(f"{qn('p:cSld')}/{qn('p:bg')}")
        if bg is None:
            return None, b""
        blip = bg.find(f".//{qn('a:blipFill')}/{qn('a:blip')}")
        if blip is not None and blip.get(qn("r:embed")):
            return None, owner.part.related_part(blip.get(qn("r:embed"))).blob
        solid = bg.find(f"{qn('p:bgPr')}/{qn('a:solidFill')}")
        for fill in (solid, bg.find(f".//{qn('a:gs')}"), bg.find(f".//{qn('a:bgClr')}"), bg.find(qn("p:bgRef"))):
            if fill is not None:
                return self._color(fill), b""
        return None, b""

    def _color(self, holder: Any) -> RGB | None:
        """The colour an ``a:solidFill`` (or a style reference) holds: RGB, or a scheme colour,
        with its luminance and tint modifications."""
        if holder is None:
            return None
        for child in holder:
            tag = child.tag.split("}")[-1]
            if tag == "srgbClr":
                base = _hex(child.get("val", "000000"))
            elif tag == "schemeClr":
                name = child.get("val", "")
                base = self.scheme.get(SCHEME_ALIASES.get(name, name), (0, 0, 0))
            elif tag == "sysClr":
                base = _hex(child.get("lastClr", "000000"))
            else:
                continue
            return _modified(base, {m.tag.split("}")[-1]: int(m.get("val", "0")) / PERCENT for m in child})
        return None


def _line_path(el: Any, x: float, y: float, w: float, h: float) -> Outline:
    """A line from corner to corner of its box: which corners, its flips say."""
    xfrm = el.find(f"{qn('p:spPr')}/{qn('a:xfrm')}")
    flip_h = xfrm is not None and xfrm.get("flipH") == "1"
    flip_v = xfrm is not None and xfrm.get("flipV") == "1"
    x0, x1 = (x + w, x) if flip_h else (x, x + w)
    y0, y1 = (y + h, y) if flip_v else (y, y + h)
    return (("M", (x0, y0)), ("L", (x1, y1)))


def _custom_path(custom: Any, x: float, y: float, w: float, h: float) -> Outline:
    """A free-form's outline in slide points: its moves, lines and curves scaled from the
    path's own coordinates to the shape's box; () for what the PDFs do not draw (arcs)."""
    out: list[tuple[str, tuple[float, ...]]] = []
    for path in custom.iter(qn("a:path")):
        pw, ph = float(path.get("w", "0")) or 1.0, float(path.get("h", "0")) or 1.0
        for step in path:
            tag = step.tag.split("}")[-1]
            if tag == "close":
                out.append(("Z", ()))
                continue
            if tag not in PATH_STEPS:
                return ()
            points = [(x + float(pt.get("x", "0")) * w / pw, y + float(pt.get("y", "0")) * h / ph)
                      for pt in step.iter(qn("a:pt"))]
            start = next((v[-2:] for _, v in reversed(out) if v), None)
            if tag == "quadBezTo" and start and len(points) == 2:  # the cubic that is the same curve
                (x0, y0), (cx, cy), (ex, ey) = start, *points
                points = [(x0 + 2 / 3 * (cx - x0), y0 + 2 / 3 * (cy - y0)),
                          (ex + 2 / 3 * (cx - ex), ey + 2 / 3 * (cy - ey)), (ex, ey)]
            out.append((PATH_STEPS[tag], tuple(v for point in points for v in point)))
    return tuple(out)


def _scheme(master: Any) -> dict[str, RGB]:
    """The master's theme colours by name (dk1, lt1, accent1 …)."""
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    theme = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
    scheme = theme.find(f".//{qn('a:clrScheme')}")
    colors: dict[str, RGB] = {}
    for slot in scheme if scheme is not None else ():
        value = next(iter(slot), None)
        if value is not None:
            colors[slot.tag.split("}")[-1]] = _hex(value.get("lastClr") or value.get("val") or "")
    return colors


def _hex(value: str) -> RGB:
    """An RRGGBB value; black for anything else (a damaged scheme must not stop a build)."""
    try:
        return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
    except ValueError:
        return 0, 0, 0


def _modified(color: RGB, mods: dict[str, float]) -> RGB:
    """DrawingML's lumMod/lumOff (theme colour variants) and tint/shade, approximated in HLS."""
    hue, light, sat = colorsys.rgb_to_hls(*(c / 255 for c in color))
    light = light * mods.get("lumMod", 1.0) + mods.get("lumOff", 0.0)
    if "shade" in mods:
        light *= mods["shade"]
    if "tint" in mods:
        light = 1 - (1 - light) * mods["tint"]
    r, g, b = colorsys.hls_to_rgb(hue, min(max(light, 0.0), 1.0), sat)
    return round(r * 255), round(g * 255), round(b * 255)

