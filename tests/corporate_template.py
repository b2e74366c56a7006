"""A corporate PowerPoint template as clients send them, made with python-pptx for the tests.

Its slide master draws a dark footer band with a white logo in it and a coloured stripe
along the top; its footer and slide-number placeholders sit in the band in white text; the
date placeholder is gone; every layout is renamed ("ACME Title", "ACME Title Only", …), so
reportgen must find each role by the layout's placeholders, not its name.

    python tests/corporate_template.py out.pptx
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

BAND = (0x1F, 0x29, 0x37)  # the footer band: near black
STRIPE = (0x0F, 0x76, 0x6E)  # the stripe along the top: teal
MARK = (0xE3, 0x6C, 0x0A)  # a triangle in the top right corner: orange
RENAMED = {"Title Slide": "ACME Title", "Title and Content": "ACME Text", "Section Header": "ACME Section",
           "Two Content": "ACME Two Columns", "Title Only": "ACME Title Only", "Blank": "ACME Blank"}


def _logo_png() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (240, 60), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 10, 40, 50), fill=(255, 255, 255, 255))
    draw.text((52, 18), "ACME CORP", fill=(255, 255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _white_text(placeholder: Any) -> None:
    """Its text white, as the master's list style sets it for every slide."""
    from pptx.oxml.ns import qn

    for rpr in placeholder.element.iter(qn("a:defRPr")):
        for fill in rpr.findall(qn("a:solidFill")):
            rpr.remove(fill)
        fill = rpr.makeelement(qn("a:solidFill"), {})
        fill.append(fill.makeelement(qn("a:srgbClr"), {"val": "FFFFFF"}))
        rpr.insert(0, fill)


def _background_picture(master: Any, rt: Any) -> None:
    """A 32 × 18 pixel picture stretched over the master's background."""
    from PIL import Image
    from pptx.oxml.ns import qn
    from pptx.parts.image import Image as PictureData
    from pptx.parts.image import ImagePart

    buffer = io.BytesIO()
    Image.new("RGB", (32, 18), (200, 210, 225)).save(buffer, "PNG")
    part = ImagePart.new(master.part.package, PictureData.from_blob(buffer.getvalue()))
    rid = master.part.relate_to(part, rt.IMAGE)
    c_sld = master.element.find(qn("p:cSld"))
    bg = c_sld.makeelement(qn("p:bg"), {})
    bg_pr = bg.makeelement(qn("p:bgPr"), {})
    fill = bg_pr.makeelement(qn("a:blipFill"), {})
    fill.append(fill.makeelement(qn("a:blip"), {qn("r:embed"): rid}))
    stretch = fill.makeelement(qn("a:stretch"), {})
    stretch.append(stretch.makeelement(qn("a:fillRect"), {}))
    fill.append(stretch)
    bg_pr.append(fill)
    bg_pr.append(bg_pr.makeelement(qn("a:effectLst"), {}))
    bg.append(bg_pr)
    for old in c_sld.findall(qn("p:bg")):
        c_sld.remove(old)
    c_sld.insert(0, bg)


def corporate_template(path: Path, group: bool = False, panel: bool = False) -> Path:
    """The template, saved at ``path``; with ``group``, its master also draws a group of shapes
    (which the deck's PDFs cannot draw); with ``panel``, a picture as its background and a white
    panel over most of the slide (as many designed templates have)."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.util import Pt

    prs = Presentation()
    W, H = prs.slide_width, prs.slide_height
    master = prs.slide_master
    scratch = prs.slides.add_slide(prs.slide_layouts[6])  # python-pptx draws on slides: move shapes to the master
    band_h = Pt(46)
    for name, (x, y, w, h), color in (("Footer band", (0, H - band_h, W, band_h), BAND),
                                      ("Top stripe", (0, 0, W, Pt(8)), STRIPE)):
        shape = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, x, y, w, h)
        shape.name = name
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor(*color)
        shape.line.fill.background()
    corner = scratch.shapes.build_freeform(W - Pt(30), Pt(12)).add_line_segments(
        [(W - Pt(10), Pt(12)), (W - Pt(10), Pt(32))]).convert_to_shape()
    corner.name = "Corner mark"  # a free-form: drawn from its outline in the PDFs
    corner.fill.solid()
    corner.fill.fore_color.rgb = RGBColor(*MARK)
    corner.line.fill.background()
    if panel:
        sheet = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(20), Pt(16), W - Pt(40), H - Pt(72))
        sheet.name = "Panel"
        sheet.fill.solid()
        sheet.fill.fore_color.rgb = RGBColor(255, 255, 255)
        sheet.line.fill.background()
        scratch.shapes._spTree.insert(2, sheet.element)  # under the band and the stripe
        _background_picture(master, RT)
    if group:
        shapes = scratch.shapes.add_group_shape()
        shapes.name = "Ornament"
        shapes.shapes.add_shape(MSO_SHAPE.OVAL, W - Pt(60), Pt(14), Pt(20), Pt(20))
    logo = scratch.shapes.add_picture(io.BytesIO(_logo_png()), Pt(36), H - band_h + Pt(11), height=Pt(24))
    logo.name = "ACME logo"
    blip = logo.element.blipFill.blip
    blip.rEmbed = master.part.relate_to(scratch.part.related_part(blip.rEmbed), RT.IMAGE)
    tree = master.shapes._spTree
    for shape in list(scratch.shapes):
        tree.append(shape.element)
    prs.part.drop_rel(prs.slides._sldIdLst[0].rId)
    prs.slides._sldIdLst.remove(prs.slides._sldIdLst[0])
    for ph in list(master.placeholders):
        kind = ph.placeholder_format.type
        if kind == PP_PLACEHOLDER.DATE:
            ph.element.getparent().remove(ph.element)
        elif kind in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
            ph.top, ph.height = H - band_h + Pt(8), Pt(30)
            _white_text(ph)
    for layout in prs.slide_layouts:
        for ph in list(layout.placeholders):
            if ph.placeholder_format.type == PP_PLACEHOLDER.DATE:
                ph.element.getparent().remove(ph.element)
        layout.name = RENAMED.get(layout.name, f"ACME {layout.name}")
    prs.save(str(path))
    return path


if __name__ == "__main__":
    print(corporate_template(Path(sys.argv[1])))
