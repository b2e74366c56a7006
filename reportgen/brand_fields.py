"""Which fields of the brand.yml specification reportgen uses, and where they show.

A brand written for another tool (Quarto, Shiny) may set fields reportgen does not use; they
are valid brand.yml, so they are not refused, but each is named in a warning, never silently
ignored. ``USED`` is also the README's table of brand fields (``readme_rows``; a test keeps
the two in step).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportgen.load.files import line_of

# field path (YAML keys) → where it shows; a path covers everything under it
USED: dict[str, str] = {
    "meta.name": "the organisation (`full`, else `short`) on the cover, title slide and closing slide, and the "
                 "footer default, unless the event or guide names an `organization`",
    "meta.link.home": "the QR codes' link when neither the event nor the guide has a `link`",
    "logo": "by size: `small` in running headers and slide footers, `medium` on dividers and the closing slide, "
            "`large` on the cover and title slide (each falling back to the next size); PNG, JPEG … or SVG "
            "(vectors in the PDFs, a PNG in the deck); a `{light, dark}` pair gives the logo for white pages and "
            "for primary-coloured grounds; a logo that is missing or cannot be read is an error at its line",
    "color.palette": "names usable in any colour field; colours may be hex, palette or CSS names",
    "color.primary": "title bars, headings, table headers, cover",
    "color.secondary": "accent bars and callout bars; bullets, numbers and links in it, or a darker shade where "
                       "it is too light to read",
    "color.foreground": "text; rules, zebra and tints are mixed from it and the background",
    "color.background": "pages and light slides",
    "color.info": "links, unless `typography.link.color` is set; the bar of note and info callouts",
    "color.success": "the bar of tip, hint and success callouts",
    "color.warning": "the bar of warning and caution callouts",
    "color.danger": "the bar of danger and error callouts",
    "color.tertiary": "the bar of important callouts",
    "color.light": "the tint behind callouts, quotes and code (else mixed from the secondary colour)",
    "typography.fonts": "`source: file` families: TrueType (`.ttf`, or `.otf` with TrueType outlines)",
    "typography.base.family": "body text in both outputs",
    "typography.base.line-height": "handout leading (default 1.4)",
    "typography.base.size": "the handout's body size, the type scale following (`16px`, `1rem`, `11pt`); "
                            "`defaults: reportgen: body-size` wins",
    "typography.headings.family": "headings and slide titles",
    "typography.headings.color": "headings and slide titles",
    "typography.headings.weight": "headings and slide titles: bold from 600 (or `bold`), regular below",
    "typography.headings.style": "headings and slide titles: `italic` or `normal`",
    "typography.headings.line-height": "the handout's headings' leading (slide titles keep their measured pitch)",
    "typography.monospace.family": "code in both outputs",
    "typography.monospace.size": "the handout's code (`0.9em` and `90%` of the body size, or `px`, `pt`, `rem`)",
    "typography.monospace-inline.color": "inline code in both outputs",
    "typography.monospace-inline.background-color": "behind inline code in both outputs (a highlight in the deck)",
    "typography.monospace-block.color": "code blocks' plain text (tokens keep their colours, `code-colors`)",
    "typography.monospace-block.background-color": "behind code blocks in the handout",
    "typography.link.color": "links in both outputs",
    "typography.link.weight": "links in both outputs: bold from 600 (or `bold`), measured so",
    "defaults.reportgen": "reportgen's own settings (the next table)",
}
SECTIONS = ("meta", "logo", "color", "typography", "defaults")


def unused_fields(data: dict[str, Any]) -> Iterator[tuple[str, int | None]]:
    """Each field set in ``data`` that reportgen does not use, with its line: the shallowest
    key under which nothing is used."""
    for section in SECTIONS:
        if section in data:
            yield from _walk(data, section, section)


def _walk(parent: Any, key: str, path: str) -> Iterator[tuple[str, int | None]]:
    if any(path == used or path.startswith(used + ".") for used in USED):
        return
    node = parent[key]
    if not any(used.startswith(path + ".") for used in USED) or not isinstance(node, dict):
        yield path, line_of(parent, key)
        return
    for child in node:
        yield from _walk(node, child, f"{path}.{child}")


def readme_rows() -> list[str]:
    """The README's table of brand fields, a row each."""
    return [f"| `{field}` | {where} |" for field, where in USED.items()]
