"""python-pptx's package, kept linear on long decks and saved the same way every time.

python-pptx finds the next free part name by listing every part of the package, and checks
each new slide relationship against all existing ones. Both are fine for a dozen slides and
quadratic for a thousand (a 50× guide spent 20 of its 32 seconds there). ``make_linear``
swaps in counters for one ``Presentation`` instance; python-pptx's own code does the rest.
The adders below skip other per-slide costs; ``save`` writes the zip once, with fixed dates.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

from pptx.opc.packuri import PackURI

from reportgen.render.pptx import compat
from reportgen.render.pptx.shapes import next_shape_id
from reportgen.template import title_placeholder

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # format: the earliest date a zip (MS-DOS) timestamp holds
TREE_HEAD = ("nvGrpSpPr", "grpSpPr")  # format: a shape tree's first two children, before its shapes


def make_linear(prs: Any) -> None:
    """Patch this presentation's package (only this instance) to add parts in O(1)."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    package = prs.part.package
    used = {str(part.partname) for part in package.iter_parts()}
    counters: dict[str, int] = {}

    def next_partname(tmpl: str) -> PackURI:
        n = counters.get(tmpl, 1)
        while tmpl % n in used:
            n += 1
        counters[tmpl] = n + 1
        used.add(tmpl % n)
        return PackURI(tmpl % n)

    compat.name_parts_with(package, next_partname)

    rels = prs.part.rels
    get_or_add = rels.get_or_add

    def add_slide_rel(reltype: str, target: Any) -> str:
        # a new slide is never related yet: skip the search through every existing slide
        return compat.relate_new(rels, reltype, target) if reltype == RT.SLIDE else str(get_or_add(reltype, target))

    rels.get_or_add = add_slide_rel


class SlideAdder:
    """``prs.slides.add_slide`` without its costs that grow with the deck: the part name and
    the slide id (found by counting or scanning every slide), and placeholders cloned one by
    one, each read from its layout by XPath (~40 µs a query; 73,000 of them for 4,400 slides).
    A slide gets only its layout's title placeholder, which is all the plan draws into, and
    the placeholders asked for; every slide on the same layout with the same placeholders
    starts as a copy of the first one's."""

    def __init__(self, prs: Any) -> None:
        self.prs = prs
        self.id_list = compat.slide_ids(prs)
        ids = [int(i) for i in self.id_list.xpath("./p:sldId/@id")]
        self.next_id = max([255] + ids) + 1  # format: ECMA-376 slide ids start at 256
        self.blanks: dict[tuple[str, ...], tuple[list[Any], bool]] = {}

    def add(self, layout: Any, placeholders: tuple[Any, ...] = ()) -> tuple[Any, Any, list[Any]]:
        """A new slide on ``layout``; its title placeholder's element (``None`` if the layout
        has none) and the elements of the other placeholders given (body, footer), in that
        order (a template saved by LibreOffice may leave their ``idx`` out, so it cannot find them)."""
        from copy import deepcopy

        from pptx.opc.constants import RELATIONSHIP_TYPE as RT
        from pptx.parts.slide import SlidePart

        package = self.prs.part.package
        part = SlidePart.new(package.next_partname("/ppt/slides/slide%d.xml"), package,  # type: ignore[no-untyped-call]
                             layout.part)
        rId = self.prs.part.relate_to(part, RT.SLIDE)
        slide = part.slide
        tree = compat.shape_tree(slide)
        # by the layout's part and each placeholder's place in it: on a template the placeholder
        # objects are made afresh for every slide, and a freed object's id() may be reused
        key = (str(layout.part.partname), *(ph.element.getroottree().getpath(ph.element) for ph in placeholders))
        if key not in self.blanks:
            title = title_placeholder(layout)
            for placeholder in (title, *placeholders) if title is not None else placeholders:
                slide.shapes.clone_placeholder(placeholder)
            self.blanks[key] = ([deepcopy(sp) for sp in tree[len(TREE_HEAD):]], title is not None)
        else:
            for sp in self.blanks[key][0]:
                tree.append(deepcopy(sp))
        shapes, titled = list(tree[len(TREE_HEAD):]), self.blanks[key][1]
        compat.add_slide_id(self.prs, self.next_id, rId)
        self.next_id += 1
        return slide, shapes[0] if titled else None, shapes[1:] if titled else shapes


class PictureAdder:
    """``shapes.add_picture`` that reads, hashes and measures each image once per deck (the
    logo is on every slide), then only relates the slide to the image part it already has."""

    def __init__(self) -> None:
        self.parts: dict[str, Any] = {}

    def add(self, slide: Any, key: str, source: Callable[[], Any], x: int, y: int, w: int, h: int) -> Any:
        """Add the picture ``key`` (its file or stream made by ``source`` on first use)."""
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT

        if key not in self.parts:
            picture = slide.shapes.add_picture(source(), x, y, w, h)
            self.parts[key] = slide.part.related_part(compat.element(picture).blipFill.blip.rEmbed)
            return compat.element(picture)
        rId = slide.part.relate_to(self.parts[key], RT.IMAGE)
        tree = compat.shape_tree(slide)  # (python-pptx's _add_pic_from_image_part decodes the image twice)
        return tree.add_pic(next_shape_id(tree), "Picture", "", rId, x, y, w, h)


class NotesAdder:
    """``slide.notes_slide`` without cloning the notes master's placeholders for every slide:
    python-pptx makes the first notes page, later pages start from a copy of its blank XML."""

    def __init__(self) -> None:
        self.blank: Any = None

    def add(self, slide: Any) -> Any:
        """Give ``slide`` a notes page; return its text body (``<p:txBody>``) to write into."""
        from copy import deepcopy

        from pptx.opc.constants import CONTENT_TYPE as CT
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT
        from pptx.parts.slide import NotesSlidePart

        if self.blank is None:
            notes = slide.notes_slide
            self.blank = deepcopy(compat.element(notes))
        else:
            package = slide.part.package
            part = NotesSlidePart(package.next_partname("/ppt/notesSlides/notesSlide%d.xml"),
                                  CT.PML_NOTES_SLIDE, package, deepcopy(self.blank))
            part.relate_to(package.presentation_part.notes_master_part, RT.NOTES_MASTER)
            part.relate_to(slide.part, RT.SLIDE)
            slide.part.relate_to(part, RT.NOTES_SLIDE)
            notes = part.notes_slide
        return notes.notes_text_frame._txBody


def save(prs: Any) -> bytes:
    """The deck as .pptx bytes, written once (``prs.save`` and a re-zip to fix the dates took
    twice the compression time): python-pptx's serializer into a zip with fixed dates."""
    out = io.BytesIO()
    package = prs.part.package
    _FixedDatePackageWriter.write(out, compat.package_rels(package), tuple(package.iter_parts()))
    return out.getvalue()


class _FixedDateZip(compat.ZipWriter):
    """python-pptx's zip writer, minus the clock: every member has one date and mode."""

    def write(self, pack_uri: PackURI, blob: bytes) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, date_time=FIXED_ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16  # format: Unix mode rw-r--r--, in the high 16 bits of a zip entry's attributes
        self._zipf.writestr(info, blob)


class _FixedDatePackageWriter(compat.PackageWriterBase):
    def _write(self) -> None:
        with _FixedDateZip(self._pkg_file) as zip_writer:
            self._write_content_types_stream(zip_writer)
            self._write_pkg_rels(zip_writer)
            self._write_parts(zip_writer)
