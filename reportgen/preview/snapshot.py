"""One build for the preview page: the deck's slides and the handout's pages as PNG images.

Each image is named by a digest of what it shows: a slide by its plan (every box, paragraph
and colour on it) and the theme, a handout page by the page's drawing; after an edit only
images under new names are rendered again (pypdfium2), and the page fetches only those. A
build that fails keeps the last good images, marked stale, with the error beside them.
"""

from __future__ import annotations

import hashlib
import io
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reportgen.build import BuildOptions, load, with_event_footer
from reportgen.errors import Diagnostics, ReportgenError

IMAGE_SCALE = 1.0  # pixels per PDF point: a 16:9 slide 960 pixels wide, an A4 page 595


@dataclass(frozen=True)
class SlideView:
    image: str  # the digest naming its PNG
    title: str
    notes: str
    source: str  # "Source: 02-roles.md:14": where to edit it


@dataclass(frozen=True)
class Snapshot:
    version: int = 0
    slides: tuple[SlideView, ...] = ()
    pages: tuple[str, ...] = ()  # the handout's pages, as image digests
    warnings: tuple[str, ...] = ()  # "file:line: …"
    error: str = ""  # the last build's error: the images are the last good build's
    downloads: tuple[str, ...] = ()  # the formats that can be downloaded

    def as_json(self) -> dict[str, Any]:
        return {"version": self.version, "stale": bool(self.error), "error": self.error,
                "warnings": list(self.warnings), "pages": list(self.pages), "downloads": list(self.downloads),
                "slides": [{"image": s.image, "title": s.title, "notes": s.notes, "source": s.source}
                           for s in self.slides]}


@dataclass
class Previewer:
    """Builds the preview again on request (``rebuild``) and keeps every image it rendered."""

    options: BuildOptions
    event_file: Path | None = None  # read again for every build; the options' own event values win
    snapshot: Snapshot = field(default_factory=Snapshot)
    images: dict[str, bytes] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    rendered: int = 0  # images rendered so far
    _built: Any = None  # (document, theme) of the last good build, for downloads

    def rebuild(self) -> Snapshot:
        from reportgen.render import renderer
        from reportgen.render.canvas.slides_pdf import draw_slides_pdf
        from reportgen.render.deck.plan import note_paragraphs
        from reportgen.render.deck.planner import plan_slides

        diag = Diagnostics(strict=self.options.strict)
        try:
            options = self.options
            if self.event_file is not None:
                from reportgen.events import read_event

                options = replace(options, event={**read_event(self.event_file, diag), **options.event})
            doc, theme = load(options, diag)
            theme = with_event_footer(theme, doc.meta)
            plan = plan_slides(doc, theme)
            slides_pdf = draw_slides_pdf(plan, doc, theme)
            handout = renderer("pdf")(doc, theme, diag)
        except ReportgenError as exc:
            with self.lock:
                self.snapshot = replace(self.snapshot, version=self.snapshot.version + 1, error=exc.format_message(),
                                        warnings=tuple(str(w) for w in diag.warnings))
            return self.snapshot
        look = _digest(repr(theme).encode())
        slide_keys = [_digest(look.encode() + repr(slide).encode() + _pictures(slide)) for slide in plan]
        page_keys = self._render(handout, None)
        self._render(slides_pdf, slide_keys)
        slides = tuple(SlideView(key, s.title.paras[0].runs[0].text if s.title.paras and s.title.paras[0].runs
                                 else "", "\n\n".join(p.text for p in note_paragraphs(s) if not p.source), s.source)
                       for key, s in zip(slide_keys, plan))
        with self.lock:
            shown = set(slide_keys) | set(page_keys)  # images no build shows any more are let go
            self.images = {key: data for key, data in self.images.items() if key in shown}
            self._built = (doc, theme)
            self.snapshot = Snapshot(self.snapshot.version + 1, slides, tuple(page_keys),
                                     tuple(str(w) for w in diag.warnings), "",
                                     ("pdf", "pptx", "slides-pdf", "handout"))
        return self.snapshot

    def _render(self, pdf: bytes, keys: list[str] | None) -> list[str]:
        """Render the pages whose digest is new; ``keys`` names them, else each page's own
        drawing (its content stream and the text it shows) does."""
        import pypdfium2 as pdfium

        document = pdfium.PdfDocument(pdf)
        try:
            names = keys if keys is not None else [_page_digest(document, i) for i in range(len(document))]
            for index, key in enumerate(names):
                if key not in self.images:
                    image = document[index].render(scale=IMAGE_SCALE).to_pil()
                    buffer = io.BytesIO()
                    image.save(buffer, "PNG", compress_level=1)
                    self.images[key] = buffer.getvalue()
                    self.rendered += 1
            return names
        finally:
            document.close()

    def download(self, fmt: str) -> tuple[str, bytes] | None:
        """The file name and bytes of the last good build in ``fmt``, rendered now."""
        from reportgen.render import RENDERERS, renderer, suffix

        if fmt not in RENDERERS or self._built is None:
            return None
        doc, theme = self._built
        return f"{doc.name}{suffix(fmt)}", renderer(fmt)(doc, theme, Diagnostics())


def _digest(data: bytes) -> str:
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()[:16]


def _pictures(slide: Any) -> bytes:
    """What a slide's picture files are now (a plan names them only): an edited chart or logo
    gives the slide a new name."""
    from reportgen.render.deck.plan import ImageBox

    found = [shape.path.stat() for shape in slide.shapes if isinstance(shape, ImageBox) and shape.path is not None
             and shape.path.is_file()]
    return repr([(stat.st_size, stat.st_mtime_ns) for stat in found]).encode()


def _page_digest(document: Any, index: int) -> str:
    """A handout page's name: its text, the positions of what it draws and its pictures' data,
    so an edited page gets a new one and an unchanged page keeps its own."""
    import pypdfium2.raw as pdfium_c

    page = document[index]
    parts = [page.get_textpage().get_text_range().encode()]
    for obj in page.get_objects(max_depth=1):
        parts.append(f"{obj.type}{[round(v, 1) for v in obj.get_bounds()]}".encode())
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:  # a picture swapped for another of its size
            parts.append(bytes(obj.get_data(decode_simple=False)))
    return _digest(b"|".join(parts))
