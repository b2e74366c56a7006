"""Planned paragraphs → DrawingML ``<a:p>`` elements, written directly with lxml.

python-pptx's property API costs about a millisecond a paragraph (each setter searches the
XML for where its element belongs); a long deck has thousands. The markup here is what
those setters would write: exact line spacing, spacing in points, bullets with a hanging
indent, and on every run the font, size, weight, colour and language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from lxml import etree

from reportgen.fonts import FontFamily
from reportgen.measure import runs_of_words
from reportgen.model import Run, plain
from reportgen.render.deck.plan import CHECKED, UNCHECKED, ColoredRun, NoteParagraph, Para, SlotText
from reportgen.render.pptx.shapes import EMU_PER_PT
from reportgen.rtl import is_rtl
from reportgen.theme import TextStyle, Theme, to_hex

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_ALGN = {"left": "l", "center": "ctr", "right": "r"}
HUNDREDTHS = 100  # format: DrawingML gives text sizes (sz) and spacing (spcPts) in hundredths of a point
PERCENT = 100000  # format: DrawingML percentages (a run's baseline) are in thousandths of a percent
# a task's box is in the symbol font every PowerPoint has (LibreOffice finds it in OpenSymbol)
_BULLET_FONTS = {CHECKED: "Segoe UI Symbol", UNCHECKED: "Segoe UI Symbol"}


def _points(parent: Any, tag: str, value: float) -> None:
    etree.SubElement(etree.SubElement(parent, _A + tag), _A + "spcPts", val=str(round(value * HUNDREDTHS)))


# a link's relationship id and action ("" for a web address), or None where it leads nowhere
LinkTarget = Callable[[str], "tuple[str, str] | None"]


def write_paragraphs(tx_body: Any, paras: tuple[Para, ...], theme: Theme, lang: str,
                     link: LinkTarget, bold_first: bool = False) -> None:
    """Replace the paragraphs of a ``<p:txBody>``/``<a:txBody>`` with the planned ones."""
    for old in tx_body.findall(_A + "p"):
        tx_body.remove(old)
    for para in paras or (_empty(theme),):
        _paragraph(tx_body, para, theme, lang, link, bold_first)


def write_notes(tx_body: Any, paras: list[NoteParagraph], theme: Theme, lang: str) -> None:
    """Speaker notes as a presenter view shows them: paragraphs with space between, lists as
    bullets, a code block's lines kept, the source line last in italics; in the notes
    master's font and size."""
    for old in tx_body.findall(_A + "p"):
        tx_body.remove(old)
    deck = theme.deck
    for para in paras or [NoteParagraph("")]:
        p = etree.SubElement(tx_body, _A + "p")
        ppr = etree.SubElement(p, _A + "pPr")
        _points(ppr, "spcAft", deck.notes_space_after)
        if para.bullet:
            indent = str(round(deck.notes_bullet_indent * EMU_PER_PT))
            ppr.set("marL", indent)
            ppr.set("indent", "-" + indent)
            etree.SubElement(ppr, _A + "buFont", typeface="Arial")
            etree.SubElement(ppr, _A + "buChar", char="•")
        for n, line in enumerate(para.text.split("\n")):
            if n:
                etree.SubElement(p, _A + "br")
            r = etree.SubElement(p, _A + "r")
            etree.SubElement(r, _A + "rPr", lang=lang, i="1" if para.source else "0")
            etree.SubElement(r, _A + "t").text = _XML_UNSAFE.sub("", line)


_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _empty(theme: Theme) -> Para:
    """The one paragraph a text box with no text holds (the schema wants one)."""
    size = theme.deck.empty_text_size
    return Para((), "slide.body", size, round(size * theme.deck.line_pitch, 2), ((),))


def _paragraph(tx_body: Any, para: Para, theme: Theme, lang: str, link: LinkTarget, bold_all: bool) -> None:
    style = theme.style(para.role)
    p = etree.SubElement(tx_body, _A + "p")
    hang = para.size * para.hang if para.bullet else 0.0
    left = para.text_indent(theme.deck.list_indent)
    ppr = etree.SubElement(p, _A + "pPr", marL=str(round(left * EMU_PER_PT)),
                           indent=str(round(-hang * EMU_PER_PT)),
                           algn=_ALGN[para.align], hangingPunct="0")  # no punctuation past the box
    if is_rtl(plain(para.runs)):  # viewers shape and reorder it themselves; bullets hang on the right
        ppr.set("rtl", "1")
    _points(ppr, "lnSpc", para.pitch)
    _points(ppr, "spcBef", para.space_before)
    _points(ppr, "spcAft", para.space_after)
    if not para.bullet:
        etree.SubElement(ppr, _A + "buNone")
    else:
        color = etree.SubElement(ppr, _A + "buClr")
        etree.SubElement(color, _A + "srgbClr", val=to_hex(theme.bullet_color))
        if para.bullet.endswith("."):
            etree.SubElement(ppr, _A + "buFont", typeface=style.family.deck_name)
            etree.SubElement(ppr, _A + "buAutoNum", type="arabicPeriod", startAt=para.bullet[:-1])
        else:
            etree.SubElement(ppr, _A + "buFont", typeface=_BULLET_FONTS.get(para.bullet, "Arial"))
            etree.SubElement(ppr, _A + "buChar", char=para.bullet)
    code = theme.style("code").family
    lines = [runs_of_words(list(line)) for line in para.breaks] if para.hard else [para.runs]
    for k, runs in enumerate(lines):
        if k:
            br = etree.SubElement(p, _A + "br")
            etree.SubElement(br, _A + "rPr", lang=lang, sz=str(round(para.size * HUNDREDTHS)))
        for run in runs:
            target = link(run.link) if run.link else None
            family = code if run.code else style.family
            for text, font in family.runs(run.text):
                _run(p, run, text, font, font is not family, para, style, lang, bold_all, target, theme)
    end = etree.SubElement(p, _A + "endParaRPr", lang=lang, sz=str(round(para.size * HUNDREDTHS)))
    del end


def _run(p: Any, run: Run, text: str, font: FontFamily, fallback: bool, para: Para, style: TextStyle, lang: str,
         bold_all: bool, target: tuple[str, str] | None, theme: Theme) -> None:
    """One ``<a:r>``: ``text`` of ``run`` in ``font``. A fallback font is named for East Asian
    and complex scripts too (``a:ea``, ``a:cs``), so PowerPoint and LibreOffice draw the
    characters with the font they were measured in."""
    r = etree.SubElement(p, _A + "r")
    rpr = etree.SubElement(r, _A + "rPr", lang=lang, sz=str(round(para.size * HUNDREDTHS)),
                           b="1" if style.bold or run.strong or bold_all else "0",
                           i="1" if style.italic or run.emph else "0",
                           cap="none")  # a layout's all-caps would undo our measuring
    if run.strike:
        rpr.set("strike", "sngStrike")
    if run.script:
        deck = theme.deck
        shift = {"sup": deck.superscript_baseline, "sub": deck.subscript_baseline}[run.script]
        rpr.set("baseline", str(round(shift * PERCENT)))
    fill = etree.SubElement(rpr, _A + "solidFill")
    inline = run.code and not isinstance(run, ColoredRun)  # code in a line of text, not a code block's token
    color = run.color if isinstance(run, ColoredRun) else (inline and theme.colors.inline_code) or style.color
    etree.SubElement(fill, _A + "srgbClr", val=to_hex(theme.link_color(style.color) if target else color))
    if inline and theme.colors.inline_ground:
        etree.SubElement(etree.SubElement(rpr, _A + "highlight"), _A + "srgbClr",
                         val=to_hex(theme.colors.inline_ground))
    etree.SubElement(rpr, _A + "latin", typeface=font.deck_name)
    if fallback:
        etree.SubElement(rpr, _A + "ea", typeface=font.deck_name)
        etree.SubElement(rpr, _A + "cs", typeface=font.deck_name)
    if target:
        rid, action = target
        click = etree.SubElement(rpr, _A + "hlinkClick", {_R + "id": rid})
        if action:
            click.set("action", action)
    etree.SubElement(r, _A + "t").text = text


SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"  # format: a field's id, any GUID; PowerPoint's own


def write_slot(tx_body: Any, slot: SlotText, font: FontFamily, lang: str) -> None:
    """A template's footer, date or slide-number placeholder: its text in the template's
    colour and alignment, written out (LibreOffice does not inherit them from the master), in
    the font it was measured in and no larger than keeps it to one line; the slide number as
    the field that counts by itself."""
    for p in tx_body.findall(_A + "p"):
        tx_body.remove(p)
    p = etree.SubElement(tx_body, _A + "p")
    etree.SubElement(p, _A + "pPr", algn=_ALGN[slot.art.align])
    run = etree.SubElement(p, _A + ("fld" if slot.kind == "number" else "r"))
    if slot.kind == "number":
        run.set("id", SLIDE_NUMBER_FIELD)
        run.set("type", "slidenum")
    rpr = etree.SubElement(run, _A + "rPr", lang=lang, sz=str(round(slot.size * HUNDREDTHS)))
    etree.SubElement(etree.SubElement(rpr, _A + "solidFill"), _A + "srgbClr", val=to_hex(slot.art.color))
    etree.SubElement(rpr, _A + "latin", typeface=font.deck_name)
    etree.SubElement(run, _A + "t").text = slot.text
