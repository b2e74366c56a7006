"""The content folder (or one Markdown file) → ``model.Document``.

The content is a folder with ``guide.yml`` and the section files it lists, or one Markdown
file as it is (a README): its folder is then the content folder, and the document's title
the section's.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reportgen import progress
from reportgen.errors import Diagnostics, ReportgenError, SourceRef
from reportgen.language import WORDS, known
from reportgen.load.anchors import resolve_links
from reportgen.load.context import LoadContext
from reportgen.load.files import line_of, read_text, resolve_inside
from reportgen.load.guide import meta_of, read_guide
from reportgen.load.markdown import parse_section
from reportgen.load.placeholders import variables_of
from reportgen.model import Document, Section


def load_document(
    content_dir: Path,
    diag: Diagnostics | None = None,
    event: dict[str, str] | None = None,
    allow_outside: bool = False,
) -> Document:
    """Read ``guide.yml`` and every section it lists (or the one Markdown file given); raise
    ``ReportgenError`` on bad input."""
    diag = diag or Diagnostics()
    if content_dir.suffix.lower() in MARKDOWN and content_dir.is_file():
        return _load_file(content_dir, diag, event or {}, allow_outside)
    data, guide_path = read_guide(content_dir, diag)
    meta = meta_of(data, guide_path, event or {})
    if not known(meta.lang):
        diag.warn(f"language '{meta.lang}' has no words of reportgen's own; using English ({', '.join(WORDS)} ship)",
                  SourceRef(guide_path, line_of(data, "lang")))
    variables = variables_of({"title": meta.title, "subtitle": meta.subtitle, "author": meta.author,
                              "date": meta.date, **{f"event.{k}": v for k, v in meta.event}})
    ctx = LoadContext(content_dir, diag, variables, allow_outside, [guide_path], meta.lang)
    sections: list[Section] = []
    for index, name in enumerate(data["sections"]):
        ref = SourceRef(guide_path, line_of(data["sections"], index))
        path = resolve_inside(content_dir, name, content_dir, allow_outside, ref)
        if not path.is_file():
            raise ReportgenError(f"section file '{name}' not found", ref, hint="check the name or create the file")
        sections.append(parse_section(path, read_text(ctx.read(path), diag, "section file"), ctx, index + 1))
        progress.step("sections", index + 1, len(data["sections"]))
    name = _slug(str(data.get("name") or meta.title))
    return Document(meta, tuple(resolve_links(sections, diag)), name, tuple(dict.fromkeys(ctx.inputs)))


MARKDOWN = (".md", ".markdown")


def _load_file(path: Path, diag: Diagnostics, event: dict[str, str], allow_outside: bool) -> Document:
    """One Markdown file as the whole document, titled by its section (its front matter, its
    first heading, or its file name)."""
    meta = meta_of({"title": path.stem}, path, event)
    variables = variables_of({"title": meta.title, **{f"event.{k}": v for k, v in meta.event}})
    ctx = LoadContext(path.parent, diag, variables, allow_outside, [path])
    section = parse_section(path, read_text(path, diag, "Markdown file"), ctx)
    progress.step("sections", 1, 1)
    meta = replace(meta, title=section.title)
    return Document(meta, tuple(resolve_links([section], diag)), _slug(section.title), tuple(dict.fromkeys(ctx.inputs)))


def _slug(name: str) -> str:
    """A safe file stem: 'AI Engineer vs ML Engineer' → 'ai-engineer-vs-ml-engineer'."""
    words = "".join(c.lower() if c.isalnum() or c in "-_." else " " for c in name).split()
    return "-".join(words).strip("-.")[:80] or "guide"
