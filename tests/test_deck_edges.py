"""Issue 17, "One left edge": on every slide of the deck the title's text, the body's text, a
table, the footer rule and the logo start at one x, and no shape carries a theme effect (the
shadow PowerPoint draws for python-pptx's ``<p:style>``). Read back from the .pptx's XML."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.util import Emu

from .conftest import CONTENT, build_to, write_content

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
EMU_PER_PT = 12700
DEFAULT_INSET = 91440  # bodyPr's lIns when it is not written: 0.1 in
TOLERANCE = 1.0  # points
CENTRED = {"Footer", "Slide number", "Caption"}  # text boxes not set flush left


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> Any:
    out = tmp_path_factory.mktemp("edges")
    (path,) = build_to(CONTENT, out, ("pptx",))
    return Presentation(str(path))


def text_left(sp: Any) -> float:
    """Where a shape's text starts, in points: its left plus its body's left inset."""
    xfrm = sp.find(f"{P}spPr/{A}xfrm")
    body = sp.find(f"{P}txBody/{A}bodyPr")
    inset = int(body.get("lIns", DEFAULT_INSET)) if body is not None else DEFAULT_INSET
    return (int(xfrm.find(A + "off").get("x")) + inset) / EMU_PER_PT


def left_edges(slide: Any) -> dict[str, float]:
    """The left edge, in points, of each of a slide's title text, body text (any left-aligned
    text box: body, agenda, subtitle, link, section number), table, accent bar under the title,
    footer rule and logo that it has. Two of a kind must agree too: their name is numbered."""
    edges: dict[str, float] = {}

    def put(name: str, x: float) -> None:
        n = sum(1 for k in edges if k.split("#")[0] == name)
        edges[name if not n else f"{name}#{n + 1}"] = x

    bottom = slide.part.package.presentation_part.presentation.slide_height / 2
    for shape in slide.shapes:
        el = shape._element
        if shape == slide.shapes.title:
            put("title", text_left(el))
        elif shape.has_table:
            put("table", shape.left / EMU_PER_PT)
        elif shape.name == "Accent":
            put("footer rule" if shape.top > bottom else "accent", shape.left / EMU_PER_PT)
        elif shape.name == "Logo":
            put("logo", shape.left / EMU_PER_PT)
        elif shape.name in ("Callout", "Callout bar"):  # the box's edge; its text is inset within it
            put("callout", shape.left / EMU_PER_PT)
        elif shape.name == "Callout text" or shape.name.startswith("Column ") and shape.name != "Column 1":
            continue  # inset in its box, or a column right of the first
        elif shape.has_text_frame and shape.name not in CENTRED:
            put("body", text_left(el))
    return edges


def misaligned(edges: dict[str, float]) -> list[str]:
    """The edges more than ``TOLERANCE`` off the footer rule's (or the title's)."""
    ref = edges.get("footer rule", edges.get("title"))
    return [f"{name} at {x:.2f} pt, not {ref:.2f}" for name, x in edges.items()
            if ref is not None and abs(x - ref) > TOLERANCE]


def test_text_table_rule_and_logo_share_one_left_edge(deck: Any) -> None:
    kinds: set[str] = set()
    for number, slide in enumerate(deck.slides, 1):
        edges = left_edges(slide)
        kinds |= set(edges)
        assert not misaligned(edges), f"slide {number}: {misaligned(edges)}"
    assert {k.split("#")[0] for k in kinds} == {"title", "body", "table", "accent", "footer rule", "logo"}  # all seen


def test_every_text_box_has_no_side_insets(deck: Any) -> None:
    for slide in deck.slides:
        for body in slide.shapes._spTree.iter(P + "txBody"):
            pr = body.find(A + "bodyPr")
            sp = body.getparent()
            if sp.find(f"{P}nvSpPr/{P}cNvSpPr").get("txBox") or sp.find(f".//{P}ph") is not None:
                assert (pr.get("lIns"), pr.get("rIns")) == ("0", "0") or not body.xpath("string()").isascii(), \
                    dict(pr.attrib)


def test_text_a_viewer_breaks_its_own_way_keeps_room_at_the_right_only(tmp_path: Path) -> None:
    """LibreOffice fills a line of Japanese to the box's edge and may set its last glyphs past
    it: such a box keeps an inset at the right, never at the left (the one left edge holds)."""
    content = write_content(tmp_path / "c", {"a.md": "# 日本語\n\n> v0.7 では辞書の形式が更新されました。"
                                                     "アップデートする際は、システム辞書を再取得してください。\n"})
    (path,) = build_to(content, tmp_path / "out", ("pptx",))
    prs = Presentation(str(path))
    insets = {(sh.name, sh.text_frame.margin_left, sh.text_frame.margin_right) for slide in prs.slides
              for sh in slide.shapes if sh.has_text_frame and sh.name in ("Body", "Statement")}
    assert insets and all(left == 0 and right > 0 for _, left, right in insets), insets


def test_the_edge_check_sees_a_default_inset(deck: Any) -> None:
    """Control: the same slide with its body text box given back python-pptx's default inset
    (7.2 pt) fails the check."""
    slide = next(s for s in deck.slides if any(sh.name == "Body" for sh in s.shapes)
                 and not any(sh.name == "Section label" for sh in s.shapes))
    assert not misaligned(left_edges(slide))
    body = next(sh for sh in slide.shapes if sh.name == "Body")._element
    original = copy.deepcopy(body)
    for name in ("lIns", "rIns"):
        del body.find(f"{P}txBody/{A}bodyPr").attrib[name]  # DrawingML's default, 0.1 in
    try:
        rule = left_edges(slide)["footer rule"]
        assert misaligned(left_edges(slide)) == [f"body at {text_left(body):.2f} pt, not {rule:.2f}"]
        assert text_left(body) - text_left(original) == pytest.approx(DEFAULT_INSET / EMU_PER_PT)
    finally:
        body.getparent().replace(body, original)


def test_no_shape_has_a_theme_effect(deck: Any) -> None:
    """No shadow: no ``<p:style>`` on a shape, or one whose effect reference is the theme's none (0)."""
    found = [(number, ref.get("idx")) for number, slide in enumerate(deck.slides, 1)
             for sp in slide.shapes._spTree.iter(P + "sp") for ref in sp.iterfind(f"{P}style/{A}effectRef")
             if ref.get("idx") != "0"]
    assert not found
    shapes = [sp for slide in deck.slides for sp in slide.shapes._spTree.iter(P + "sp")
              if sp.find(f"{P}nvSpPr/{P}cNvPr").get("name") == "Accent"]
    assert shapes  # accent bars and footer rules: filled, no line, as before
    for sp in shapes:
        assert sp.find(f"{P}spPr/{A}solidFill") is not None and sp.find(f"{P}spPr/{A}ln/{A}noFill") is not None


def test_the_effect_check_sees_python_pptx_s_shadow() -> None:
    """Control: a rectangle added with python-pptx carries ``effectRef idx="2"``."""
    from pptx.enum.shapes import MSO_SHAPE

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, Emu(EMU_PER_PT), Emu(EMU_PER_PT))
    assert [r.get("idx") for r in shape._element.iterfind(f"{P}style/{A}effectRef")] == ["2"]
