"""Every use of reportlab's private parts, in one place.

reportgen needs a few things reportlab has no public way to do: hold pages back until the
last one is known ("Page N of M" without laying the document out twice), read where a frame's
text ended, redraw a wrapped paragraph's lines in another order, give a form XObject the
resources it uses. Each is one function here, named for what it does; ``PRIVATE`` lists the
names they rely on, and tests/test_compat.py fails when an upgrade of reportlab removes one
(pyproject.toml bounds reportlab below the next minor version for that reason).
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfgen.canvas import Canvas

# (module, class, attribute) this module reads or writes ("" for a module's own attribute)
PRIVATE = (
    ("reportlab.pdfgen.canvas", "Canvas", "_startPage"),
    ("reportlab.pdfgen.canvas", "Canvas", "_doc"),
    ("reportlab.pdfgen.canvas", "Canvas", "_annotationCount"),
    ("reportlab.pdfgen.canvas", "Canvas", "_pageNumber"),
    ("reportlab.pdfgen.canvas", "Canvas", "_formsinuse"),
    ("reportlab.pdfgen.canvas", "Canvas", "_extgstate"),
    ("reportlab.pdfgen.canvas", "Canvas", "_shadingUsed"),
    ("reportlab.pdfgen.canvas", "Canvas", "_colorsUsed"),
    ("reportlab.platypus.frames", "Frame", "_y"),
    ("reportlab.platypus.paragraph", "Paragraph", "blPara"),
    ("reportlab.pdfbase.ttfonts", "", "makeToUnicodeCMap"),
    ("reportlab.pdfgen.canvas", "Canvas", "_addAnnotation"),
    ("reportlab.pdfbase.pdfdoc", "PDFPage", "__NoDefault__"),
    ("reportlab.pdfbase.pdfdoc", "PDFDocument", "Pages"),
    ("reportlab.pdfbase.pdfdoc", "PDFDocument", "idToObjectNumberAndVersion"),
    ("reportlab.platypus.flowables", "ListFlowable", "_makeBullet"),
)


# -- holding pages back (render/pdf/furniture.numbered_canvas) ---------------------------------
def page_state(canvas: Any) -> dict[str, Any]:
    """Everything the canvas holds for the page being drawn, to be written out later."""
    return dict(canvas.__dict__)


def next_page(canvas: Any) -> None:
    """Start a new page without writing the one before (it is in a ``page_state``)."""
    canvas._startPage()
    canvas._doc.pageCounter += 1  # so bookmarks made on the next page point at it, not at page 1


def rewind(canvas: Any) -> None:
    """Before the held pages are written out for real, from the first."""
    canvas._doc.pageCounter = 1


def restore_page(canvas: Any, state: dict[str, Any]) -> None:
    """Make the canvas draw on a held page again; links drawn since keep their own numbers."""
    annotations = canvas._annotationCount
    canvas.__dict__.update(state)
    canvas._annotationCount = max(annotations, canvas._annotationCount)


def page_number(canvas: Any) -> int:
    return int(canvas._pageNumber)


# -- frames and paragraphs -------------------------------------------------------------------
def frame_cursor(frame: Any) -> float:
    """Where the text placed in ``frame`` ends (its current y)."""
    return float(frame._y)


def paragraph_lines(paragraph: Any) -> Any:
    """A wrapped paragraph's lines (reportlab's ``blPara``: ``kind`` and ``lines``)."""
    return paragraph.blPara


def set_paragraph_lines(paragraph: Any, lines: Any) -> None:
    paragraph.blPara = lines


def keep_with_next(flowable: Any, keep: bool) -> None:
    """Set ``keepWithNext`` where reportlab's ``KeepTogether`` reads it (not a style's)."""
    flowable.__dict__["keepWithNext"] = int(keep)


# -- forms -----------------------------------------------------------------------------------
def forms_keep_resources(canvas: Any) -> bool:
    return all(hasattr(canvas, name) for name in ("_formsinuse", "_extgstate", "_shadingUsed", "_colorsUsed"))


def form_resources(canvas: Any) -> Any:
    """The resource dictionary of the form being drawn, as a page's would be: reportlab's forms
    list only fonts and other forms, so a form with transparency or a gradient would name
    graphics states and shadings its resources lack ("not implemented yet", pdfdoc.py)."""
    from reportlab.pdfbase.pdfdoc import PDFResourceDictionary

    resources = PDFResourceDictionary()
    resources.basicFonts()
    resources.allProcs()
    if canvas._formsinuse:  # images, and forms, drawn in the form
        resources.XObject = canvas._doc.xobjDict(canvas._formsinuse)
    states = canvas._extgstate.getState()
    if states:
        resources.ExtGState = states
    resources.setShading(canvas._shadingUsed)
    resources.setColorSpace(canvas._colorsUsed)
    return resources


# -- tagged PDF (render/pdf/tagging.py) -----------------------------------------------------
class TaggingCanvas(Canvas):  # type: ignore[misc]
    """A canvas whose link annotations join the structure tree of its ``tagger`` (if set)."""

    tagger: Any = None

    def _addAnnotation(self, annotation: Any, name: str | None = None, addtopage: int = 1) -> None:
        if self.tagger is not None:
            name = name or "NUMBER" + repr(self._annotationCount + 1)  # reportlab's default name
            annotation = self.tagger.annotation(self, annotation, name)
        super()._addAnnotation(annotation, name, addtopage)


def pdf_document(canvas: Any) -> Any:
    return canvas._doc


def reference(doc: Any, name: str) -> str:
    """``N 0 R``: a reference to the object ``doc`` holds as ``name``, once numbers are given
    (as reportlab's ``PDFObjectReference`` formats it, without its layers)."""
    number, version = doc.idToObjectNumberAndVersion[name]
    return f"{number} {version} R"


def pdf_pages(doc: Any) -> list[Any]:
    """The document's page objects, in order."""
    return list(doc.Pages.pages)


def set_page_key(page: Any, key: str, value: Any) -> None:
    """Give a page dictionary an entry reportlab does not write (/StructParents, /Tabs)."""
    from reportlab.pdfbase.pdfdoc import PDFPage

    if key not in PDFPage.__NoDefault__:
        PDFPage.__NoDefault__.append(key)  # the keys a page writes when set (never when None)
    setattr(page, key, value)


def missing() -> list[str]:
    """The names in ``PRIVATE`` that the installed reportlab lacks."""
    from reportgen.render.privates import missing as lacking

    return lacking(PRIVATE)
