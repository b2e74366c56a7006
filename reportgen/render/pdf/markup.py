"""Model runs → reportlab paragraph markup, with every character of text escaped.

Content is data: ``<b>``, ``&`` or ``<font>`` in a guide prints as written. This is the only
place that writes reportlab markup, so it is the only place that must escape.
"""

from __future__ import annotations

from html import escape as _html_escape

from reportgen.fonts import FontFamily
from reportgen.model import Inline
from reportgen.rtl import shape
from reportgen.theme import CodeColors, TextStyle, Theme, to_hex

_SCRIPT_TAGS = {"sup": "super", "sub": "sub"}


def markup(runs: Inline, theme: Theme, style: TextStyle, anchors: frozenset[str] = frozenset()) -> str:
    """Paragraph markup for ``runs`` in ``style`` (bold and italic relative to the style). A
    link to an "#anchor" of this document jumps there if ``anchors`` has it, else is text."""
    parts: list[str] = []
    code = theme.style("code")
    for run in runs:
        family = code.family if run.code else style.family
        strong = run.strong or bool(run.link and theme.link_bold)
        text = "".join(_in_fonts(part, font, family, style.bold or strong, style.italic or run.emph)
                       for part, font in family.runs(run.text))
        if run.strike:
            text = f"<strike>{text}</strike>"
        if run.script:
            tag = _SCRIPT_TAGS[run.script]
            text = f"<{tag}>{text}</{tag}>"
        if run.code:
            size = round(style.size * theme.handout.inline_code_scale, 2)
            colors = theme.colors
            color = f' color="#{to_hex(colors.inline_code)}"' if colors.inline_code else ""
            ground = f' backColor="#{to_hex(colors.inline_ground)}"' if colors.inline_ground else ""
            text = f'<font face="{code.family.face()}" size="{size}"{color}{ground}>{text}</font>'
        bold, italic = style.bold or strong, style.italic or run.emph
        if bold != style.bold or italic != style.italic:
            text = f'<font face="{style.family.face(bold, italic)}">{text}</font>'
        if run.link and (not run.link.startswith("#") or run.link[1:] in anchors):
            color = "#" + to_hex(theme.link_color(style.color))
            text = f'<a href="{_html_escape(run.link)}" color="{color}"><u>{text}</u></a>'
        parts.append(text)
    return "".join(parts)


def _in_fonts(text: str, font: FontFamily, family: FontFamily, bold: bool, italic: bool) -> str:
    """Escaped text; a stretch the run's family lacks in the fallback font that draws it."""
    text = escape(shape(text)).replace("\n", "<br/>")
    return text if font is family else f'<font face="{font.face(bold, italic)}">{text}</font>'


def code_markup(lines: list[list[tuple[str, str]]], colors: CodeColors, family: FontFamily) -> str:
    """Lines of code tokens (``highlight``) as ``XPreformatted`` markup: each token in its
    role's colour, plain ones in the paragraph's; what the code font lacks (box-drawing
    corners, emoji) in the fallback font that draws it, never as the font's blank glyph."""
    def token(text: str) -> str:
        return "".join(_in_fonts(part, font, family, False, False) for part, font in family.runs(text))

    return "\n".join("".join(f'<font color="#{to_hex(colors.of(role))}">{token(text)}</font>' if role
                              else token(text) for text, role in line) for line in lines)


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities (html's escape: xml.sax.saxutils would import urllib)."""
    return _html_escape(text, quote=False)


def plain_markup(text: str, family: FontFamily | None = None, bold: bool = False) -> str:
    """Text without marks as paragraph markup, in ``family`` and the fallbacks it needs (their
    bold faces for ``bold`` text, a heading's)."""
    if family is None or not family.fallbacks:
        return escape(shape(text)).replace("\n", "<br/>")
    return "".join(_in_fonts(part, font, family, bold, False) for part, font in family.runs(text))
