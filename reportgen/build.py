"""The whole pipeline, left to right: load → theme → render every format → write all.

``build`` renders every requested format in memory before writing any file, so a failed
build leaves the previous outputs untouched.
"""

from __future__ import annotations

import os
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path

from reportgen.errors import Diagnostics, ReportgenError, SourceRef
from reportgen.model import Document, Meta
from reportgen.parallel import RenderWorker, can_fork, observed
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


def default_content_dir() -> Path:
    """The content folder when the command line names none: ``content/`` (as in this
    repository), else the current folder when it holds a guide.yml (a project made by
    ``reportgen init``, where one runs ``reportgen build`` with no arguments)."""
    content = Path("content")
    return Path(".") if not content.is_dir() and Path("guide.yml").is_file() else content


def find_brand(options: BuildOptions) -> Path | None:
    """``--brand`` wins; else a ``brand.yml`` in the content folder (or beside the one Markdown
    file given); else the default brand."""
    if options.brand is not None:
        return options.brand
    folder = options.content_dir.parent if options.content_dir.is_file() else options.content_dir
    local = folder / "brand.yml"
    return local if local.is_file() else None


def load(options: BuildOptions, diag: Diagnostics, brand_key: str | None = None) -> tuple[Document, Theme]:
    """Load and check the content, the brand and the template, without rendering anything.
    ``brand_key`` is the brand's digest when the caller has it already (hashing the fonts
    takes milliseconds)."""
    from reportgen.brand import load_theme
    from reportgen.check import check_layouts, check_tables, fit_fonts
    from reportgen.load import load_document

    doc = load_document(options.content_dir, diag, options.event, options.allow_outside)
    theme = load_theme(find_brand(options), diag, brand_key)
    if options.template is not None:
        from reportgen.template import apply_template

        theme = apply_template(theme, options.template)
        undrawn = Counter(theme.template.undrawn if theme.template else ())
        if undrawn and {"slides-pdf", "handout"} & set(options.formats):
            named = ", ".join(what if n == 1 else f"{what} (×{n})" for what, n in undrawn.items())
            diag.warn(f"slides-pdf and the slide handout leave out {named}: groups, charts and curved shapes are "
                      "drawn in the deck only; ungroup them or draw them as simple shapes to see them there",
                      SourceRef(options.template))
    theme = fit_fonts(doc, with_identity(theme, doc.meta), diag)
    if any(fmt != "pdf" for fmt in options.formats):
        check_tables(doc, theme, diag)
        check_layouts(doc, theme)
    return doc, theme


def build(options: BuildOptions, diag: Diagnostics) -> list[Path]:
    """Build the requested formats and return the paths written (or already up to date)."""
    from reportgen import state
    from reportgen.output import prepare_dir, write_all
    from reportgen.render import RENDERERS, suffix

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch and not epoch.isdigit():
        raise ReportgenError(f"SOURCE_DATE_EPOCH is '{epoch}', not a number of seconds",
                             hint="set it to a Unix time such as 1767225600, or unset it")
    # any registered renderer may be asked for ("all" on the command line stays FORMATS)
    unknown = [fmt for fmt in options.formats if fmt not in RENDERERS]
    if unknown:
        raise ReportgenError(f"unknown output format '{unknown[0]}'", hint=f"use one of: {', '.join(RENDERERS)}")
    # the content folder too: the inputs recorded are its files, so another folder's unchanged
    # files would otherwise pass for this one's
    settings = {"content": str(options.content_dir.resolve()), "formats": options.formats, "event": options.event,
                "allow_outside": options.allow_outside,
                "template": state.file_hash(options.template) if options.template and options.template.is_file()
                else str(options.template or "")}
    from reportgen.brand import brand_file

    brand_key = state.brand_digest(brand_file(find_brand(options)))
    digest = state.settings_digest(brand_key, settings)
    if not options.force and options.out_dir.is_dir():
        earlier = state.unchanged(options.out_dir, digest)
        if earlier is not None:
            paths, warnings = earlier
            for message in warnings:
                diag.repeat(message)
            return paths
    # The worker imports its renderer while this process loads the content. It renders all
    # formats but the first; a single format it renders alone (its import then overlaps the
    # loading, which is cheaper than handing the document over).
    remote = options.formats[1:] or options.formats
    side_by_side = options.parallel and can_fork() and not observed()
    with RenderWorker(remote) if side_by_side else nullcontext() as worker:
        doc, theme = load(options, diag, brand_key)
        theme = with_event_footer(theme, doc.meta)
        rendered = render_all(doc, theme, options.formats, diag, worker)
    prepare_dir(options.out_dir)
    files = {options.out_dir / f"{doc.name}{suffix(fmt)}": data for fmt, data in rendered.items()}
    write_all(files)
    written = list(files)
    state.record(options.out_dir, digest, doc.inputs, written, [str(w) for w in diag.warnings])
    return written


def with_identity(theme: Theme, meta: Meta) -> Theme:
    """Whose handout and deck it is: the organisation named on the cover, title slide, closing
    slide and (unless the brand sets its own) the footers, and the link behind the QR code:
    the event's (``organization``, ``link``), else the guide's, else the brand's ``meta``."""
    name = meta.event_value("organization") or meta.organization
    link = meta.event_value("link") or meta.link
    if not (name or link):
        return theme
    footer = name if name and theme.footer == theme.name else theme.footer  # the brand's own footer stays
    return replace(theme, name=name or theme.name, link=link or theme.link, footer=footer)


def with_event_footer(theme: Theme, meta: Meta) -> Theme:
    """The brand's footer followed by the event ("… — Spring Bootcamp · Berlin"), so every
    page and slide of a variant says which workshop it belongs to."""
    event = meta.event_line
    if not event:
        return theme
    return replace(theme, footer=f"{theme.footer} — {event}" if theme.footer else event)


def render_all(doc: Document, theme: Theme, formats: tuple[str, ...], diag: Diagnostics,
               worker: RenderWorker | None = None) -> dict[str, bytes]:
    """Render every format in memory: ``worker``'s formats there, the others here meanwhile."""
    from reportgen.render import renderer

    if worker is None:
        return {fmt: renderer(fmt)(doc, theme, diag) for fmt in formats}
    worker.send(doc, theme, diag.strict)
    results = {fmt: renderer(fmt)(doc, theme, diag) for fmt in formats if fmt not in worker.formats}
    results.update(worker.receive(diag))
    return {fmt: results[fmt] for fmt in formats}
