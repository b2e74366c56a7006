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

from pptx.enum.shapes import MSO_SHAPE, MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.oxml.ns import qn

from reportgen.theme.colors import RGB
from reportgen.theme.template import Art, Bounds, LayoutArt

EMU_PER_POINT = 12700  # format: ECMA-376 lengths are EMU, 12 700 to the point
PERCENT = 100000.0  # format: DrawingML's percentages (lumMod, lumOff, tint, shade) are thousandths of a percent
DEFAULT_TEXT_SIZE = 18.0  # format: PowerPoint's text size when nothing sets one
SLOTS = {PP_PLACEHOLDER.FOOTER: "footer", PP_PLACEHOLDER.SLIDE_NUMBER: "number", PP_PLACEHOLDER.DATE: "date"}
SCHEME_ALIASES = {"tx1": "dk1", "bg1": "lt1", "tx2": "dk2", "bg2": "lt2"}
ALIGN = {"ctr": "center", "r": "right"}
RECTANGLES = (MSO_SHAPE.RECTANGLE, MSO_SHAPE.ROUNDED_RECTANGLE)


def pt(length: int | None) -> float:
    return round((length or 0) / EMU_PER_POINT, 2)


def bounds(shape: Any) -> Bounds:
    return pt(shape.left), pt(shape.top), pt(shape.width), pt(shape.height)


class ArtReader:
    """Reads one template's layouts; the colour scheme is its master's."""

    def __init__(self, prs: Any) -> None:
        self.scheme = _scheme(prs.slide_master)
        self.undrawn: list[str] = []
        self._master: tuple[Art, ...] | None = None
        self.master = prs.slide_master

    def layout(self, layout: Any, title: Bounds | None, bodies: tuple[Bounds, ...]) -> LayoutArt:
        hides_master = layout.element.get("showMasterSp") == "0"
        if self._master is None:
            self._master = tuple(self._shapes(self.master.shapes, "the slide master"))
        art = (() if hides_master else self._master) + tuple(self._shapes(layout.shapes, f"layout {layout.name!r}"))
        slots = tuple((SLOTS[ph.placeholder_format.type], self._slot(ph)) for ph in layout.placeholders
                      if ph.placeholder_format.type in SLOTS)
        background = self._background(layout.element) or self._background(self.master.element)
        return LayoutArt(layout.name, title, bodies, art, slots, background)

    def _shapes(self, shapes: Any, where: str) -> list[Art]:
        found: list[Art] = []
        for shape in shapes:
            if shape.is_placeholder:
                continue
            x, y, w, h, name = *bounds(shape), shape.name
            kind = shape.shape_type
            if kind == MSO_SHAPE_TYPE.PICTURE:
                found.append(Art("picture", x, y, w, h, image=shape.image.blob, name=name))
            elif kind == MSO_SHAPE_TYPE.LINE:
                stroke, width = self._line(shape.element)
                found.append(Art("line", x, y, w, h, stroke=stroke, stroke_width=width, name=name))
            elif kind == MSO_SHAPE_TYPE.AUTO_SHAPE and shape.auto_shape_type in (*RECTANGLES, MSO_SHAPE.OVAL):
                stroke, width = self._line(shape.element)
                form = "ellipse" if shape.auto_shape_type == MSO_SHAPE.OVAL else "rect"
                found.append(Art(form, x, y, w, h, self._fill(shape.element), stroke, width, name=name))
            elif kind != MSO_SHAPE_TYPE.TEXT_BOX:
                self.undrawn.append(f"{shape.name!r} on {where}")
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
        """A shape's solid fill: its own, else its style's reference to a scheme colour."""
        sppr = sp.find(qn("p:spPr"))
        if sppr is not None and sppr.find(qn("a:noFill")) is not None:
            return None
        own = sppr.find(qn("a:solidFill")) if sppr is not None else None
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

    def _background(self, element: Any) -> RGB | None:
        fill = element.find(f"{qn('p:cSld')}/{qn('p:bg')}/{qn('p:bgPr')}/{qn('a:solidFill')}")
        return self._color(fill)

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

