"""Text boxes and accent bars written as PresentationML directly, with lxml.

Each python-pptx property setter searches the shape's XML for where its element belongs, and
every new shape is parsed from a template string: a deck's worth of text boxes cost ~15 ms
that way. The elements here are the ones python-pptx writes for ``add_textbox`` and
``add_shape(RECTANGLE)`` followed by the setters the writer used to call (word wrap, no
autofit, anchor, insets; solid fill, no line, no shadow), less the ``<p:style>`` python-pptx
gives an autoshape: its effect reference draws a shadow in PowerPoint (issue 17).
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from reportgen.render.deck.plan import Rect, TextBox
from reportgen.theme import to_hex

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_ANCHOR = {"top": "t", "middle": "ctr", "bottom": "b"}
_IDS = etree.XPath("//@id")
EMU_PER_PT = 12700  # format: English Metric Units per point, OOXML's unit of length
# DrawingML's default insets (0.1 in, 0.05 in), which python-pptx leaves unwritten
_DEFAULT_INSET_X, _DEFAULT_INSET_Y = 91440, 45720  # format: bodyPr's lIns/rIns and tIns/bIns defaults, in EMU


def emu(points: float) -> int:
    """Points to EMU, truncated as python-pptx's ``Pt`` does."""
    return int(points * EMU_PER_PT)


def next_shape_id(tree: Any) -> int:
    """One more than the largest shape id on the slide, as PowerPoint expects."""
    return max((int(v) for v in _IDS(tree) if v.isdigit()), default=0) + 1


def add_text_box(tree: Any, box: TextBox) -> Any:
    """Append a text box shape for ``box`` to the slide's ``<p:spTree>``; return its txBody."""
    sp = etree.SubElement(tree, _P + "sp")
    nv = etree.SubElement(sp, _P + "nvSpPr")
    etree.SubElement(nv, _P + "cNvPr", id=str(next_shape_id(tree)), name=box.name)
    etree.SubElement(nv, _P + "cNvSpPr", txBox="1")
    etree.SubElement(nv, _P + "nvPr")
    sp_pr = etree.SubElement(sp, _P + "spPr")
    _xfrm(sp_pr, box.x, box.y, box.w, box.h)
    _rect_geometry(sp_pr)
    etree.SubElement(sp_pr, _A + "noFill")
    tx_body = etree.SubElement(sp, _P + "txBody")
    etree.SubElement(tx_body, _A + "bodyPr")
    etree.SubElement(tx_body, _A + "lstStyle")
    set_body(tx_body, box)
    return tx_body


def link_shape(sp: Any, rid: str, action: str) -> None:
    """Make a click on the shape follow relationship ``rid`` (``action``: a jump to a slide)."""
    click = etree.SubElement(sp.find(f"{_P}nvSpPr/{_P}cNvPr"), _A + "hlinkClick", {_R + "id": rid})
    if action:
        click.set("action", action)


def place(sp: Any, box: TextBox) -> None:
    """Position an existing shape (the title placeholder) at ``box``."""
    sp_pr = sp.find(_P + "spPr")
    for old in sp_pr.findall(_A + "xfrm"):
        sp_pr.remove(old)
    sp_pr.insert(0, _xfrm(sp_pr, box.x, box.y, box.w, box.h))


def set_body(tx_body: Any, box: TextBox) -> None:
    """Word wrap on, no autofit (the plan has measured every line), anchor and insets."""
    body = tx_body.find(_A + "bodyPr")
    body.set("wrap", "square")
    body.set("anchor", _ANCHOR[box.anchor])
    for name, value, default in (("lIns", box.inset_x, _DEFAULT_INSET_X),
                                 ("rIns", box.inset_x + box.inset_end, _DEFAULT_INSET_X),
                                 ("tIns", box.inset_y, _DEFAULT_INSET_Y), ("bIns", box.inset_y, _DEFAULT_INSET_Y)):
        if emu(value) != default:
            body.set(name, str(emu(value)))
    for child in list(body):
        if child.tag in (_A + "noAutofit", _A + "normAutofit", _A + "spAutoFit"):
            body.remove(child)
    autofit = etree.SubElement(body, _A + "noAutofit")
    body.insert(0 if body.find(_A + "prstTxWarp") is None else 1, autofit)  # the schema's order


def add_rect(tree: Any, rect: Rect) -> None:
    """Append a borderless, shadowless rectangle filled with ``rect.color``."""
    sp = etree.SubElement(tree, _P + "sp")
    nv = etree.SubElement(sp, _P + "nvSpPr")
    etree.SubElement(nv, _P + "cNvPr", id=str(next_shape_id(tree)), name=rect.name)
    etree.SubElement(nv, _P + "cNvSpPr")
    etree.SubElement(nv, _P + "nvPr")
    sp_pr = etree.SubElement(sp, _P + "spPr")
    _xfrm(sp_pr, rect.x, rect.y, rect.w, rect.h)
    _rect_geometry(sp_pr)
    fill = etree.SubElement(sp_pr, _A + "solidFill")
    etree.SubElement(fill, _A + "srgbClr", val=to_hex(rect.color))
    etree.SubElement(etree.SubElement(sp_pr, _A + "ln"), _A + "noFill")
    etree.SubElement(sp_pr, _A + "effectLst")
    # no <p:style>: python-pptx's gives the shape the theme's effect 2, a drop shadow in PowerPoint;
    # the fill, line and (empty) effect list above say all it looks like
    tx_body = etree.SubElement(sp, _P + "txBody")
    etree.SubElement(tx_body, _A + "bodyPr", rtlCol="0", anchor="ctr")
    etree.SubElement(tx_body, _A + "lstStyle")
    etree.SubElement(etree.SubElement(tx_body, _A + "p"), _A + "pPr", algn="ctr")


def _xfrm(parent: Any, x: float, y: float, w: float, h: float) -> Any:
    xfrm = etree.SubElement(parent, _A + "xfrm")
    etree.SubElement(xfrm, _A + "off", x=str(emu(x)), y=str(emu(y)))
    etree.SubElement(xfrm, _A + "ext", cx=str(emu(w)), cy=str(emu(h)))
    return xfrm


def _rect_geometry(sp_pr: Any) -> None:
    etree.SubElement(etree.SubElement(sp_pr, _A + "prstGeom", prst="rect"), _A + "avLst")
