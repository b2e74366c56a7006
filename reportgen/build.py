"""The whole pipeline, left to right: load → theme → render every format → write all.

``build`` renders every requested format in memory before writing any file, so a failed
build leaves the previous outputs untouched.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.errors import BuildWarning, Diagnostics, ReportgenError, SourceRef
from reportgen.model import Document
from reportgen.theme import Theme

FORMATS = ("pdf", "pptx")


@dataclass
class BuildOptions:
    content_dir: Path = Path("content")
    out_dir: Path = Path("build")
    formats: tuple[str, ...] = FORMATS
    brand: Path | None = None
    event: dict[str, str] = field(default_factory=dict)
    strict: bool = False
    allow_outside: bool = False
    force: bool = False  # rebuild even when no input changed
    template: Path | None = None  # a .pptx whose slide master and layouts the deck uses
    parallel: bool = True  # render formats side by side on multi-core machines


def find_brand(options: BuildOptions) -> Path | None:
    """``--brand`` wins; else a ``brand.yml`` in the content folder; else the default brand."""
    if options.brand is not None:
        return options.brand
    local = options.content_dir / "brand.yml"
    return local if local.is_file() else None


def load(options: BuildOptions, diag: Diagnostics) -> tuple[Document, Theme]:
    """Load and check the content and the brand, without rendering anything."""
    from reportgen.brand import load_theme
    from reportgen.check import check_glyphs, check_tables
    from reportgen.load import load_document

    doc = load_document(options.content_dir, diag, options.event, options.allow_outside)
    theme = load_theme(find_brand(options), diag)
    check_glyphs(doc, theme, diag)
    if any(fmt != "pdf" for fmt in options.formats):
        check_tables(doc, theme, diag)
    return doc, theme


def build(options: BuildOptions, diag: Diagnostics) -> list[Path]:
    """Build the requested formats and return the paths written (or already up to date)."""
    from reportgen import state
    from reportgen.output import prepare_dir, write_atomic
    from reportgen.render import RENDERERS, suffix

    # any registered renderer may be asked for ("all" on the command line stays FORMATS)
    unknown = [fmt for fmt in options.formats if fmt not in RENDERERS]
    if unknown:
        raise ReportgenError(f"unknown output format '{unknown[0]}'", hint=f"use one of: {', '.join(RENDERERS)}")
    settings = {"formats": options.formats, "event": options.event, "allow_outside": options.allow_outside,
                "template": state.file_hash(options.template) if options.template and options.template.is_file()
                else str(options.template or "")}
    digest = state.inputs_digest(options.content_dir, find_brand(options), options.out_dir, settings)
    if not options.force and options.out_dir.is_dir():
        earlier = state.unchanged(options.out_dir, digest)
        if earlier is not None:
            paths, warnings = earlier
            for message in warnings:
                diag.repeat(message)
            return paths
    doc, theme = load(options, diag)
    if options.template is not None:
        from reportgen.template import apply_template

        theme = apply_template(theme, options.template)
    rendered = render_all(doc, theme, options.formats, diag, options.parallel)
    prepare_dir(options.out_dir)
    written = []
    for fmt, data in rendered.items():
        path = options.out_dir / f"{doc.name}{suffix(fmt)}"
        write_atomic(path, data)
        written.append(path)
    state.record(options.out_dir, digest, written, [str(w) for w in diag.warnings])
    return written



def render_all(doc: Document, theme: Theme, formats: tuple[str, ...], diag: Diagnostics,
               parallel: bool = True) -> dict[str, bytes]:
    """Render every format in memory. With two or more cores, the formats after the first
    render in forked processes at the same time (they share nothing but the loaded input)."""
    from reportgen.render import renderer

    if not parallel or len(formats) < 2 or (os.cpu_count() or 1) < 2 or not hasattr(os, "fork"):
        return {fmt: renderer(fmt)(doc, theme, diag) for fmt in formats}
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _FORKED_INPUT
    _FORKED_INPUT = (doc, theme)  # inherited by the forked workers: no need to pickle the document
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=len(formats) - 1, mp_context=context) as pool:
        futures = {fmt: pool.submit(_render_elsewhere, fmt, diag.strict) for fmt in formats[1:]}
        results = {formats[0]: renderer(formats[0])(doc, theme, diag)}
        for fmt, future in futures.items():
            data, warnings, error = future.result()
            for warning in warnings:
                diag.warn(warning.message, warning.source)
            if error is not None:
                raise ReportgenError(*error)
            results[fmt] = data
    return {fmt: results[fmt] for fmt in formats}


_FORKED_INPUT: tuple[Document, Theme] | None = None


def _render_elsewhere(fmt: str, strict: bool) -> tuple[
        bytes, list[BuildWarning], tuple[str, SourceRef | None, str | None] | None]:
    """Runs in a forked worker: errors travel back as data (a ReportgenError does not pickle
    whole)."""
    from reportgen.render import renderer

    assert _FORKED_INPUT is not None
    doc, theme = _FORKED_INPUT
    diag = Diagnostics(strict=strict)
    try:
        return renderer(fmt)(doc, theme, diag), diag.warnings, None
    except ReportgenError as exc:
        return b"", diag.warnings, (exc.message, exc.source, exc.hint)
