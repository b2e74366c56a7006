"""Checks on a loaded document that need the theme: characters the fonts cannot draw."""

from __future__ import annotations

from collections.abc import Iterator

from reportgen import model as m
from reportgen.errors import Diagnostics, SourceRef
from reportgen.fonts import missing_glyphs
from reportgen.theme import Theme


def check_tables(doc: m.Document, theme: Theme, diag: Diagnostics) -> None:
    """Warn where a table is too long to present: the deck shows its first rows only."""
    limit = theme.slide_max_table_rows
    for section in doc.sections:
        for block in section.blocks:
            if isinstance(block, m.Table) and len(block.rows) > limit and section.slides:
                diag.warn(f"table has {len(block.rows)} rows; the deck shows the first {limit}, "
                          "the handout all of them", block.source)


def check_glyphs(doc: m.Document, theme: Theme, diag: Diagnostics) -> None:
    """Warn, naming the characters, wherever text holds glyphs the body font lacks."""
    family = theme.style("body").family
    texts = list(_texts(doc))
    if not missing_glyphs("".join(set().union(*(set(t) for t, _ in texts))), family):
        return  # the usual case, found with one lookup per distinct character
    for text, source in texts:
        missing = missing_glyphs(text, family)
        if missing:
            shown = " ".join(f"{c} (U+{ord(c):04X})" for c in missing[:8])
            diag.warn(f"the font {family.name} has no glyph for {shown}; they will show as boxes", source)


def _texts(doc: m.Document) -> Iterator[tuple[str, SourceRef]]:
    yield " ".join((doc.meta.title, doc.meta.subtitle, doc.meta.author)), doc.meta.source
    for section in doc.sections:
        yield section.title, section.source
        yield from _block_texts(section.blocks)


def _block_texts(blocks: tuple[m.Block, ...]) -> Iterator[tuple[str, SourceRef]]:
    for block in blocks:
        match block:
            case m.Heading(runs=runs) | m.Paragraph(runs=runs):
                yield m.plain(runs), block.source
            case m.BulletList(items=items):
                for item in items:
                    yield from _block_texts(item.blocks)
            case m.Table(header=header, rows=rows):
                for row in (header, *rows):
                    yield " ".join(m.plain(c) for c in row), block.source
            case m.Quote(blocks=inner) | m.Callout(blocks=inner) | m.Notes(blocks=inner) | m.SlideText(blocks=inner):
                yield from _block_texts(inner)
            case m.Figure(alt=alt, caption=caption):
                yield f"{alt} {caption}", block.source
            case m.CodeBlock(text=text):
                yield text, block.source
            case m.Faq(items=questions):
                for question in questions:
                    yield m.plain(question.question), question.source
                    yield from _block_texts(question.answer)
            case m.Rule():
                pass
