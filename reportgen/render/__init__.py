"""Renderers: plain functions from a ``Document`` and a ``Theme`` to the bytes of a file.

Each format is one entry in ``RENDERERS``; a renderer imports its library lazily, so
``reportgen --help`` stays fast and changing one renderer never touches another.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from reportgen.errors import Diagnostics
from reportgen.model import Document
from reportgen.theme import Theme

Renderer = Callable[[Document, Theme, Diagnostics], bytes]

# format → (module, function, file suffix)
RENDERERS: dict[str, tuple[str, str, str]] = {
    "pdf": ("reportgen.render.handout.story", "render_pdf", ".pdf"),
    "pptx": ("reportgen.render.pptx.writer", "render_pptx", ".pptx"),
    "slides-pdf": ("reportgen.render.canvas.slides_pdf", "render_slides_pdf", ".slides.pdf"),
    "handout": ("reportgen.render.canvas.slide_handout", "render_slide_handout", ".handout.pdf"),
}


def renderer(fmt: str) -> Renderer:
    from reportgen.render.lazy_imports import deferred_costs

    module, function, _ = RENDERERS[fmt]
    with deferred_costs():
        return getattr(import_module(module), function)  # type: ignore[no-any-return]


def suffix(fmt: str) -> str:
    return RENDERERS[fmt][2]
