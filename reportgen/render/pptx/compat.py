"""Every use of python-pptx's private parts, in one place.

python-pptx is quadratic on long decks (part names, slide ids and relationships are found by
scanning everything), stamps the wall clock into its zip, and keeps the XML of shapes and text
behind underscored names. The functions here are the few doors reportgen goes through, each
named for what it does. ``PRIVATE`` lists what they rely on; tests/test_compat.py fails when an
upgrade removes one (pyproject.toml bounds python-pptx below the next minor version for it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pptx.opc.serialized import PackageWriter, _ZipPkgWriter

ZipWriter = _ZipPkgWriter  # python-pptx's zip writer, whose dates reportgen fixes
PackageWriterBase = PackageWriter

# (module, class, attribute) this module reads or writes
PRIVATE = (
    ("pptx.opc.serialized", "_ZipPkgWriter", ""),
    ("pptx.opc.serialized", "PackageWriter", "_write"),
    ("pptx.opc.package", "_Relationships", "_add_relationship"),
    ("pptx.opc.package", "OpcPackage", "next_partname"),
    ("pptx.opc.package", "OpcPackage", "_rels"),
    ("pptx.slide", "Slides", "_sldIdLst"),
    ("pptx.oxml.presentation", "CT_SlideIdList", "_add_sldId"),
    ("pptx.shapes.shapetree", "_BaseShapes", "_spTree"),
    ("pptx.text.text", "TextFrame", "_txBody"),
    ("pptx.shared", "ElementProxy", "_element"),
    ("pptx.opc.package", "Part", "_blob"),
    ("pptx.opc.package", "Part", "_partname"),
    ("pptx.opc.package", "Part", "_content_type"),
    ("pptx.opc.package", "Part", "_package"),
    ("pptx.opc.package", "Part", "_rels"),
    ("pptx.opc.package", "XmlPart", "_element"),
)


def shape_tree(slide: Any) -> Any:
    """The ``<p:spTree>`` of a slide, where shapes are written as XML directly."""
    return slide.shapes._spTree


def text_body(text_frame: Any) -> Any:
    """The ``<a:txBody>`` of a text frame (a table cell's)."""
    return text_frame._txBody


def element(proxy: Any) -> Any:
    """The XML element behind a python-pptx object (a picture, a notes slide)."""
    return proxy._element


def slide_ids(prs: Any) -> Any:
    """The presentation's ``<p:sldIdLst>``."""
    return prs.slides._sldIdLst


def add_slide_id(prs: Any, slide_id: int, rid: str) -> None:
    slide_ids(prs)._add_sldId(id=slide_id, rId=rid)


def relate_new(rels: Any, reltype: str, target: Any) -> str:
    """Add a relationship known to be new, without searching the existing ones for it."""
    return str(rels._add_relationship(reltype, target))


def name_parts_with(package: Any, next_partname: Callable[[str], Any]) -> None:
    """Have this package (only this one) name new parts with ``next_partname``."""
    package.next_partname = next_partname


def freeze(part: Any) -> None:
    """Make an XML part finished bytes: its XML serialized now, as the package writer would
    later, and its element tree (and python-pptx's cached objects over it) let go. The part
    keeps its name, content type and relationships, so other parts still relate to it and
    ``save`` writes the same bytes; a thousand slide trees are no longer held at once."""
    from pptx.opc.package import Part

    blob = part.blob
    kept = {name: value for name, value in vars(part).items()
            if name in ("_partname", "_content_type", "_package", "_rels", "rels", "package")}
    part.__dict__.clear()
    part.__dict__.update(kept, _blob=blob)
    part.__class__ = Part


def let_go(proxy: Any) -> None:
    """Forget what a python-pptx object (a slide) holds: its element and the child objects it
    cached, which point back at it (slide ↔ shapes). Left to the cycle collector, which runs
    rarely once a long plan is in memory, the drawn slides' trees piled up: 540 MB at 4,000
    slides, against 210 MB freed as they are done."""
    vars(proxy).clear()


def package_rels(package: Any) -> Any:
    return package._rels


def missing() -> list[str]:
    """The names in ``PRIVATE`` that the installed python-pptx lacks."""
    from reportgen.render.privates import missing as lacking

    return lacking(PRIVATE)
