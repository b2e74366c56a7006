"""Checks on a loaded document that need the theme: fonts for every character, long tables."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from reportgen import model as m
from reportgen.errors import Diagnostics, SourceRef
from reportgen.theme import Theme


def check_tables(doc: m.Document, theme: Theme, diag: Diagnostics) -> None:
    """Warn where a table is too long to present: the deck shows its first rows only."""
    limit = theme.deck.max_table_rows
    for section in doc.sections:
        for block in section.blocks:
            if isinstance(block, m.Table) and len(block.rows) > limit and section.slides:
                diag.warn(f"table has {len(block.rows)} rows; the deck shows the first {limit}, "
                          "the handout all of them", block.source)


def check_layouts(doc: m.Document, theme: Theme) -> None:
    """Every layout a slide names exists (``template.require_layout``): an error before anything
    is drawn, so ``check`` finds it too."""
    from reportgen.template import require_layout

    for section in doc.sections:
        for block in m.walk(section.blocks):
            if isinstance(block, (m.Heading, m.SlideText)) and block.layout:
                require_layout(theme.template, block.layout, block.source)


def fit_fonts(doc: m.Document, theme: Theme, diag: Diagnostics) -> Theme:
    """The theme with fallback fonts for every character of the document its fonts lack
    (``fallback.py``); where no font here has a character, a warning names it, its place,
    and the package that would bring a font for it."""
    from reportgen.fallback import fallback_chain, with_fallbacks

    texts = list(_texts(doc))
    texts.append((theme.footer, None))
    chars = set().union(*(set(t) for t, _ in texts))
    families = {style.family for style in theme.styles.values()}
    chain, missing = fallback_chain(chars, families)
    if chain:
        styles = {role: replace(style, family=with_fallbacks(style.family, chain))
                  for role, style in theme.styles.items()}
        theme = replace(theme, styles=styles)
    if missing:
        for text, source in texts:
            lacking = [c for c in missing if c in text]
            if lacking:
                shown = " ".join(f"{c} (U+{ord(c):04X})" for c in lacking[:8])
                diag.warn(f"no font here has {shown}: {'it prints' if len(lacking) == 1 else 'they print'} as "
                          f"{missing_mark(theme)}; {font_hint(lacking)}", source)
    return theme


def missing_mark(theme: Theme) -> str:
    return theme.style("body").family.replacement()[0]


def font_hint(chars: list[str]) -> str:
    """Where fonts for ``chars`` come from: TrueType font packages (reportlab embeds no other)."""
    packages = list(dict.fromkeys(_package(c) for c in chars))
    which = f"the package {packages[0]}" if len(packages) == 1 else f"the packages {', '.join(packages)}"
    return f"install {which} (or name a font that has {'it' if len(chars) == 1 else 'them'} in the brand)"


def _package(char: str) -> str:
    code = ord(char)
    return next((package for low, high, package in _FONT_PACKAGES if low <= code <= high), "fonts-noto-core")


# Unicode ranges and the Debian/Ubuntu package of a TrueType font that covers them
_FONT_PACKAGES = (
    (0x1100, 0x11FF, "fonts-nanum"), (0x3130, 0x318F, "fonts-nanum"), (0xAC00, 0xD7AF, "fonts-nanum"),
    (0x2E80, 0x9FFF, "fonts-droid-fallback"), (0xF900, 0xFAFF, "fonts-droid-fallback"),
    (0xFF00, 0xFFEF, "fonts-droid-fallback"), (0x20000, 0x3FFFF, "fonts-droid-fallback"),
    (0x2600, 0x27BF, "fonts-symbola"), (0x1F000, 0x1FAFF, "fonts-symbola"),
)


def _texts(doc: m.Document) -> Iterator[tuple[str, SourceRef | None]]:
    """Every text the outputs print, with where it comes from."""
    meta = doc.meta
    yield " ".join((meta.title, meta.subtitle, meta.author, meta.date, *(v for _, v in meta.event))), meta.source
    for section in doc.sections:
        yield section.title, section.source
        for block in m.walk(section.blocks):
            yield from _block_texts(block)


def _block_texts(block: m.Block) -> Iterator[tuple[str, SourceRef | None]]:
    match block:
        case m.Heading(runs=runs) | m.Paragraph(runs=runs):
            yield m.plain(runs), block.source
        case m.Table(header=header, rows=rows, caption=caption):
            yield m.plain(caption), block.source
            for row in (header, *rows):
                yield " ".join(m.plain(c) for c in row), block.source
        case m.Callout(title=title):
            yield title, block.source
        case m.Figure(alt=alt, caption=caption):
            yield f"{alt} {caption}", block.source
        case m.CodeBlock(text=text):
            yield text, block.source
        case m.Faq(items=questions):
            for question in questions:
                yield m.plain(question.question), question.source
