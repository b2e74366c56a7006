"""A PDF/UA-1 checker for the tests: the machine-checkable rules a tagged reportgen PDF must keep.

Why a checker of our own: veraPDF (the reference validator) needs a JVM, and the pure-Python ``pdfua``
package decides only a weak subset of what matters here (see ``test_pdfua_check.py`` for what it misses).
The rules below are the ones a renderer can break without anyone noticing on screen: content left
untagged, a parent tree that points at the wrong element, a heading level skipped, a figure with no
description, a font a screen reader cannot turn back into text.

Three entry points:

* ``violations``: every rule broken, one readable line each (an empty list is a pass);
* ``structure_text``: the text a screen reader reads, in structure-tree order, to test reading order;
* ``outline``: the tag tree as an indented outline, for assertion messages and for eyeballing.

Everything is read with pikepdf (QPDF), which keeps indirect references, so "this annotation is that
object" and "the parent tree holds that element" can be decided by object number.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ElementTree
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream

# -- the standard --------------------------------------------------------------------------------
# PDF 1.7 (ISO 32000-1, 14.8.4) standard structure types: anything else must be role-mapped to one.
STANDARD_TYPES = frozenset(
    "Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 "
    "L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot "
    "Ruby RB RT RP Warichu WT WP Figure Formula Form".split()
)
_HEADING = re.compile(r"H([1-6])?$")
_SCOPES = frozenset({"/Row", "/Column", "/Both"})
_PATH_PAINT = frozenset({"S", "s", "f", "F", "f*", "B", "B*", "b", "b*"})  # not "n": it paints nothing
_TEXT_SHOW = frozenset({"Tj", "TJ", "'", '"'})
_NS_PDFUAID = "http://www.aiim.org/pdfua/ns/id/"
_NS_DC = "http://purl.org/dc/elements/1.1/"
_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_MAX_LINES = 6  # lines one rule reports about one page (or one document-wide rule) before it summarises
_MAX_FORM_DEPTH = 12

Matrix = tuple[float, float, float, float, float, float]
ObjKey = tuple[Any, ...]


# -- public API ------------------------------------------------------------------------------------
def violations(pdf: bytes | Path) -> list[str]:
    """Every machine-checkable PDF/UA-1 rule below that the file breaks, one readable line each (empty: none).

    The rules: catalog entries (MarkInfo, Lang, StructTreeRoot, DisplayDocTitle, XMP with pdfuaid:part 1 and
    dc:title); each page's /Tabs /S and /StructParents; every painting operator inside an Artifact or MCID
    sequence, with no MCID nested in another or inside an Artifact (nor an Artifact inside an MCID); the
    parent tree and the tree's marked-content references agreeing both ways; heading levels; Figure /Alt;
    Table TH with /Scope; Link annotations with /Contents and an OBJR in a Link element; fonts embedded
    with a ToUnicode map that covers every code shown; standard (or role-mapped) structure types; a title.
    Each line starts with the area it is about (``catalog:``, ``page 3:``, ``structure:`` …) so a failing
    test says where to look. Repeats on one page are collapsed, so a broken renderer gives a short list.
    """
    with _open(pdf) as document:
        doc = _Doc(document)
        found: list[str] = []
        found += doc.catalog_rules()
        found += doc.page_rules()
        found += doc.content_rules()
        found += doc.parent_tree_rules()
        found += doc.structure_rules()
        found += doc.link_rules()
        found += doc.font_rules()
        return found


def structure_text(pdf: bytes | Path) -> str:
    """The text of the document read in structure-tree order: a depth-first walk of /StructTreeRoot, each
    marked-content reference (MCR, or integer K with the element's /Pg) replaced by the text drawn inside
    that marked-content sequence on that page (decoded through the fonts' ToUnicode, tracking BDC/BMC/EMC
    and the MCID), pieces joined with single spaces, whitespace collapsed.

    This is what a screen reader reads, so a test of reading order asserts on it rather than on the text
    in drawing order. As a screen reader does, an /ActualText (on a structure element, or in the
    properties of a marked-content sequence) is read instead of what it covers. Within one sequence a
    space is put where the drawn text moves to a new line or leaves a gap of about a space (measured with
    the fonts' widths), so words drawn separately do not run together.
    """
    with _open(pdf) as document:
        doc = _Doc(document)
        pieces: list[str] = []
        for index in doc.roots:
            pieces += doc.element_text(index)
        return " ".join(" ".join(pieces).split())


def outline(pdf: bytes | Path, page: int | None = None) -> str:
    """The tag tree as an indented outline, one element per line: role, then attributes worth seeing (Alt,
    ActualText, Scope, Lang) and the first ~40 characters of its own text in quotes; with ``page``
    (1-based), only the elements with content on that page (and their ancestors).

    For assertion messages and for reading a PDF's structure while writing the renderer: a role-mapped
    type shows as ``Aside→Div``, a link annotation held by an element as ``[annot Link]``. "Its own text"
    is what its direct marked-content references draw (on ``page``, when given), not its children's.
    """
    with _open(pdf) as document:
        doc = _Doc(document)
        keep: set[int] | None = None
        if page is not None:
            keep = set()
            for index, element in enumerate(doc.elements):
                on_page = any(p == page for p, _ in element.mcrs) or any(p == page for p, _ in element.objrs)
                climbing: int | None = index if on_page else None
                while climbing is not None and climbing not in keep:
                    keep.add(climbing)
                    climbing = doc.elements[climbing].parent
        lines: list[str] = []
        for root in doc.roots:
            for index in doc.walk(root):
                if keep is None or index in keep:
                    lines.append(doc.outline_line(index, page))
        return "\n".join(lines)


# -- reading ---------------------------------------------------------------------------------------
def _open(pdf: bytes | Path | str) -> pikepdf.Pdf:
    if isinstance(pdf, (bytes, bytearray)):
        return pikepdf.open(io.BytesIO(bytes(pdf)))
    return pikepdf.open(pdf)


def _key(obj: Any) -> ObjKey | None:
    """An indirect object's identity (object and generation numbers); None for a direct object."""
    objgen = getattr(obj, "objgen", (0, 0))
    return None if objgen == (0, 0) else tuple(objgen)


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, int) and not isinstance(value, bool) else None


def _num(value: Any, default: float = 0.0) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


def _text(value: Any) -> str:
    """A text string's value ('' for anything else): pikepdf decodes PDFDocEncoding and UTF-16."""
    return str(value) if isinstance(value, pikepdf.String) else ""


def _true(value: Any) -> bool:
    """A PDF boolean that is true (pikepdf gives PDF booleans as Python's)."""
    return value is True


def _name(value: Any) -> str:
    return str(value)[1:] if isinstance(value, Name) else ""


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (PDF's row-vector convention: p' = p × m × n)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def _matrix(values: Any) -> Matrix:
    items = [_num(v) for v in list(values)[:6]] if isinstance(values, (Array, list)) else []
    return (items[0], items[1], items[2], items[3], items[4], items[5]) if len(items) == 6 else _IDENTITY


def _inherited(page: Dictionary, key: str) -> Any:
    """A page attribute that may be inherited from the page tree (/Resources)."""
    node: Any = page
    for _ in range(64):
        if not isinstance(node, Dictionary):
            return None
        if key in node:
            return node.get(key)
        node = node.get("/Parent")
    return None


def _capped(lines: list[str], prefix: str) -> list[str]:
    if len(lines) <= _MAX_LINES:
        return [prefix + line for line in lines]
    shown = [prefix + line for line in lines[: _MAX_LINES - 1]]
    return shown + [f"{prefix}… and {len(lines) - _MAX_LINES + 1} more like these"]


def _quote(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return '"' + (text if len(text) <= limit else text[:limit].rstrip() + "…") + '"'


# -- fonts -----------------------------------------------------------------------------------------
class _CMap:
    """A ToUnicode CMap's code-to-text mapping (bfchar and bfrange) and its code space."""

    _SECTION = re.compile(rb"begin(bfchar|bfrange|codespacerange)(.*?)end\1", re.S)
    _TOKEN = re.compile(rb"<([^<>]*)>|(\[)|(\])|/([^\s\[\]<>()/]+)")

    def __init__(self, data: bytes) -> None:
        self.chars: dict[int, str] = {}
        self.ranges: list[tuple[int, int, bytes | list[str]]] = []
        self.spaces: list[tuple[int, int, int]] = []  # (bytes, low, high)
        self._memo: dict[int, str | None] = {}
        for match in self._SECTION.finditer(data):
            kind, tokens = match.group(1), self._tokens(match.group(2))
            if kind == b"codespacerange":
                for low, high in zip(tokens[::2], tokens[1::2]):
                    if isinstance(low, bytes) and isinstance(high, bytes):
                        self.spaces.append((len(low), int.from_bytes(low, "big"), int.from_bytes(high, "big")))
            elif kind == b"bfchar":
                for src, dst in zip(tokens[::2], tokens[1::2]):
                    if isinstance(src, bytes):
                        self.chars[int.from_bytes(src, "big")] = _destination(dst)
            else:
                for low, high, dst in zip(tokens[::3], tokens[1::3], tokens[2::3]):
                    if isinstance(low, bytes) and isinstance(high, bytes):
                        start = [_destination(d) for d in dst] if isinstance(dst, list) else dst
                        if isinstance(start, (bytes, list)):
                            self.ranges.append((int.from_bytes(low, "big"), int.from_bytes(high, "big"), start))

    @classmethod
    def _tokens(cls, body: bytes) -> list[Any]:
        """Hex strings as bytes, names as str, arrays as lists of those."""
        out: list[Any] = []
        array: list[Any] | None = None
        for hexa, opens, closes, name in cls._TOKEN.findall(body):
            if opens:
                array = []
                continue
            if closes:
                if array is not None:
                    out.append(array)
                array = None
                continue
            if name:
                token: Any = name.decode("latin-1")
            else:
                digits = re.sub(rb"\s", b"", hexa)
                token = bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii", "replace"))
            (array if array is not None else out).append(token)
        return out

    def lookup(self, code: int) -> str | None:
        if code in self._memo:
            return self._memo[code]
        found = self.chars.get(code)
        if found is None:
            for low, high, start in self.ranges:
                if low <= code <= high:
                    if isinstance(start, list):
                        found = start[code - low] if code - low < len(start) else None
                    else:
                        value = int.from_bytes(start, "big") + code - low
                        if value < 256 ** max(len(start), 1):
                            found = _utf16(value.to_bytes(max(len(start), 1), "big"))
                    if found is not None:
                        break
        self._memo[code] = found
        return found


def _utf16(data: bytes) -> str:
    return data.decode("utf-16-be", errors="replace")


def _destination(token: Any) -> str:
    if isinstance(token, bytes):
        return _utf16(token)
    if isinstance(token, str):  # a glyph name (allowed in a CMap, rare in a ToUnicode one)
        match = re.fullmatch(r"uni([0-9A-Fa-f]{4})", token)
        return chr(int(match.group(1), 16)) if match else token
    return ""


def _meaningful(text: str | None) -> bool:
    """A ToUnicode value a screen reader can read: not missing, empty, NUL or a byte-order mark."""
    return bool(text) and bool(text.strip("\x00\ufeff\ufffe"))  # type: ignore[union-attr]


class _Font:
    """What the checks need of a font: how its strings split into codes, each code's text and width."""

    def __init__(self, obj: Dictionary, key: ObjKey) -> None:
        self.key = key
        self.obj = obj
        self.subtype = _name(obj.get("/Subtype"))
        self.name = _name(obj.get("/BaseFont")) or self.subtype or "unnamed font"
        self.simple = self.subtype != "Type0"
        to_unicode = obj.get("/ToUnicode")
        self.cmap: _CMap | None = None
        if isinstance(to_unicode, Stream):
            try:
                self.cmap = _CMap(to_unicode.read_bytes())
            except pikepdf.PdfError:
                self.cmap = None
        descendant = obj.get("/DescendantFonts")
        self.cid = descendant[0] if isinstance(descendant, Array) and len(descendant) else None
        self.two_byte = not self.simple and (
            _name(obj.get("/Encoding")) in ("Identity-H", "Identity-V") or not (self.cmap and self.cmap.spaces)
        )
        self.widths: dict[int, float] = {}
        self.default_width = 500.0  # a guess for a font that gives no widths (a standard 14 font)
        if self.simple:
            self._simple_widths()
        elif isinstance(self.cid, Dictionary):
            self._cid_widths(self.cid)
        self.encoding = self._encoding()

    def _simple_widths(self) -> None:
        widths = self.obj.get("/Widths")
        descriptor = self.obj.get("/FontDescriptor")
        if isinstance(descriptor, Dictionary) and "/MissingWidth" in descriptor:
            self.default_width = _num(descriptor.get("/MissingWidth"), 500.0)
        if isinstance(widths, Array):
            first = _int(self.obj.get("/FirstChar")) or 0
            scale = 1000.0 * _matrix(self.obj.get("/FontMatrix"))[0] if self.subtype == "Type3" else 1.0
            self.widths = {first + i: _num(w) * scale for i, w in enumerate(widths)}
            return
        try:  # a standard 14 font: reportlab knows its widths (in its WinAnsi order)
            from reportlab.pdfbase.pdfmetrics import getFont

            self.widths = dict(enumerate(getFont(self.name).widths))
        except Exception:  # noqa: BLE001 - not a font reportlab knows: keep the guess
            pass

    def _cid_widths(self, cid: Dictionary) -> None:
        self.default_width = _num(cid.get("/DW"), 1000.0)
        items = list(cid.get("/W") or [])
        i = 0
        while i + 1 < len(items):
            first, second = items[i], items[i + 1]
            if isinstance(second, Array):
                for j, width in enumerate(second):
                    self.widths[(_int(first) or 0) + j] = _num(width)
                i += 2
            elif i + 2 < len(items):
                for code in range(_int(first) or 0, (_int(second) or 0) + 1):
                    self.widths[code] = _num(items[i + 2])
                i += 3
            else:
                break

    def _encoding(self) -> dict[int, str]:
        """Without a ToUnicode map: a simple font's codes as its /Encoding reads them (WinAnsi by default)."""
        encoding = self.obj.get("/Encoding")
        base = "mac_roman" if _name(encoding) == "MacRomanEncoding" else "cp1252"
        table = {code: bytes([code]).decode(base, errors="replace") for code in range(256)}
        differences = encoding.get("/Differences") if isinstance(encoding, Dictionary) else None
        if isinstance(differences, Array):
            code = 0
            for item in differences:
                if _int(item) is not None:
                    code = int(item)
                elif isinstance(item, Name):
                    glyph = _name(item)
                    match = re.fullmatch(r"uni([0-9A-Fa-f]{4})", glyph)
                    table[code] = chr(int(match.group(1), 16)) if match else glyph if len(glyph) == 1 else "\ufffd"
                    code += 1
        return table

    def codes(self, data: bytes) -> list[int]:
        if self.simple:
            return list(data)
        if self.two_byte:
            return [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data) - 1, 2)]
        out, i = [], 0
        spaces = self.cmap.spaces if self.cmap else []
        while i < len(data):
            for size in range(1, 5):
                code = int.from_bytes(data[i : i + size], "big")
                if any(n == size and low <= code <= high for n, low, high in spaces) or size == 4:
                    out.append(code)
                    i += size
                    break
        return out

    def unicode(self, code: int) -> str:
        if self.cmap is not None:
            found = self.cmap.lookup(code)
            return found if _meaningful(found) else "\ufffd"  # type: ignore[return-value]
        return self.encoding.get(code, "\ufffd") if self.simple else "\ufffd"

    def width(self, code: int) -> float:
        return self.widths.get(code, self.default_width)

    def embedded(self) -> bool:
        if self.subtype == "Type3":
            return True  # its glyphs are content streams in the file
        holder = self.cid if not self.simple else self.obj
        descriptor = holder.get("/FontDescriptor") if isinstance(holder, Dictionary) else None
        return isinstance(descriptor, Dictionary) and any(
            k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
        )


# -- page content ----------------------------------------------------------------------------------
@dataclass
class _Run:
    """The text drawn so far inside one MCID sequence, and where the last glyph ended."""

    parts: list[str]
    end: tuple[float, float]


@dataclass
class _PageScan:
    """One page's content, read once: its MCIDs, their text, and what the content rules found."""

    mcids: list[int] = field(default_factory=list)  # in drawing order, repeats kept
    text: dict[int, str] = field(default_factory=dict)
    actual: dict[int, str] = field(default_factory=dict)  # an MCID sequence's /ActualText
    unmarked: Counter[str] = field(default_factory=Counter)
    nesting: list[str] = field(default_factory=list)
    codes: dict[ObjKey, set[int]] = field(default_factory=dict)
    fonts: dict[ObjKey, _Font] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


@dataclass
class _GState:
    ctm: Matrix = _IDENTITY
    font: _Font | None = None
    size: float = 0.0
    tc: float = 0.0
    tw: float = 0.0
    th: float = 1.0
    tl: float = 0.0


class _Scanner:
    """Walks a page's content stream (and the forms it paints) tracking marked content and text."""

    def __init__(self, doc: _Doc, page: pikepdf.Page) -> None:
        self.doc = doc
        self.scan = _PageScan()
        self.marks: list[tuple[str, int | None]] = []  # open sequences: ("mcid"|"artifact"|"form"|"other", MCID)
        self.runs: dict[int, _Run] = {}
        self.active_forms: set[ObjKey] = set()
        resources = _inherited(page.obj, "/Resources")
        try:
            instructions = pikepdf.parse_content_stream(page)
        except pikepdf.PdfError as exc:
            self.scan.errors.append(f"content stream does not parse ({exc})")
            return
        self._walk(instructions, resources, _IDENTITY, 0)
        if self.marks:
            self.scan.nesting.append(f"{len(self.marks)} marked-content sequence(s) not closed by EMC")
        self.scan.text = {mcid: "".join(run.parts) for mcid, run in self.runs.items()}

    def _walk(self, instructions: Iterable[Any], resources: Any, ctm: Matrix, depth: int) -> None:
        gs = _GState(ctm=ctm)
        saved: list[_GState] = []
        tm = tlm = _IDENTITY
        base = len(self.marks)
        for instruction in instructions:
            if isinstance(instruction, pikepdf.ContentStreamInlineImage):
                self._paint("inline image", depth)
                continue
            op, args = str(instruction.operator), list(instruction.operands)
            if op == "q":
                saved.append(replace(gs))
            elif op == "Q":
                gs = saved.pop() if saved else gs
            elif op == "cm":
                gs.ctm = _mul(_matrix(args), gs.ctm)
            elif op == "BT":
                tm = tlm = _IDENTITY
            elif op == "Tf" and len(args) == 2:
                gs.font, gs.size = self._font(resources, args[0]), _num(args[1])
            elif op in ("Tc", "Tw", "Tz", "TL") and args:
                value = _num(args[0])
                if op == "Tc":
                    gs.tc = value
                elif op == "Tw":
                    gs.tw = value
                elif op == "Tz":
                    gs.th = value / 100
                else:
                    gs.tl = value
            elif op in ("Td", "TD") and len(args) == 2:
                if op == "TD":
                    gs.tl = -_num(args[1])
                tm = tlm = _mul((1, 0, 0, 1, _num(args[0]), _num(args[1])), tlm)
            elif op == "Tm":
                tm = tlm = _matrix(args)
            elif op == "T*":
                tm = tlm = _mul((1, 0, 0, 1, 0, -gs.tl), tlm)
            elif op in _TEXT_SHOW:
                self._paint(op, depth)
                if op in ("'", '"'):
                    if op == '"' and len(args) == 3:
                        gs.tw, gs.tc = _num(args[0]), _num(args[1])
                    tm = tlm = _mul((1, 0, 0, 1, 0, -gs.tl), tlm)
                items = list(args[0]) if op == "TJ" and args and isinstance(args[0], Array) else args[-1:]
                for item in items:
                    if isinstance(item, pikepdf.String):
                        tm = self._show(bytes(item), gs, tm)
                    elif _int(item) is not None or not isinstance(item, (Name, Dictionary, Array)):
                        tm = _mul((1, 0, 0, 1, -_num(item) / 1000 * gs.size * gs.th, 0), tm)
            elif op in ("BMC", "BDC"):
                self._begin(op, args, resources, depth)
            elif op == "EMC":
                if len(self.marks) > base:
                    self.marks.pop()
                elif depth == 0:
                    self.scan.nesting.append("EMC with no BMC/BDC open")
            elif op in _PATH_PAINT or op == "sh":
                self._paint(op, depth)
            elif op == "Do" and args:
                self._paint("Do", depth)
                self._form(args[0], resources, gs.ctm, depth)
        del self.marks[base if depth else len(self.marks) :]  # a form's unclosed sequences end with it

    def _covered(self) -> bool:
        return any(kind in ("mcid", "artifact") for kind, _ in self.marks)

    def _paint(self, op: str, depth: int) -> None:
        """Rule 3: painting outside both an Artifact and an MCID sequence. Inside a form the Do that
        painted it was already judged (a covered Do covers the whole form)."""
        if depth == 0 and not self._covered():
            self.scan.unmarked[op] += 1

    def _begin(self, op: str, args: list[Any], resources: Any, depth: int) -> None:
        tag = _name(args[0]) if args else ""
        properties = args[1] if op == "BDC" and len(args) > 1 else None
        if isinstance(properties, Name) and isinstance(resources, Dictionary):
            named = resources.get("/Properties")
            properties = named.get(str(properties)) if isinstance(named, Dictionary) else None
        mcid = _int(properties.get("/MCID")) if isinstance(properties, Dictionary) else None
        if depth:  # a form's own marked content: its MCIDs belong to the form's structure, not the page's
            self.marks.append(("artifact" if tag == "Artifact" else "form" if mcid is not None else "other", None))
            return
        outer = next((m for kind, m in reversed(self.marks) if kind == "mcid"), None)
        in_artifact = any(kind == "artifact" for kind, _ in self.marks)
        if tag == "Artifact":
            if outer is not None:
                self.scan.nesting.append(f"an Artifact sequence inside MCID {outer}")
            self.marks.append(("artifact", None))
        elif mcid is not None:
            if outer is not None:
                self.scan.nesting.append(f"MCID {mcid} nested inside MCID {outer}")
            if in_artifact:
                self.scan.nesting.append(f"MCID {mcid} inside an Artifact sequence")
            self.scan.mcids.append(mcid)
            actual = _text(properties.get("/ActualText")) if isinstance(properties, Dictionary) else ""
            if actual:
                self.scan.actual[mcid] = actual
            self.marks.append(("mcid", mcid))
        else:
            self.marks.append(("other", None))

    def _target(self) -> int | None:
        """The MCID the text drawn now belongs to (None: an artifact, a form's own MCID, or untagged)."""
        for kind, mcid in reversed(self.marks):
            if kind == "mcid":
                return mcid
            if kind in ("artifact", "form"):
                return None
        return None

    def _font(self, resources: Any, name: Any) -> _Font | None:
        fonts = resources.get("/Font") if isinstance(resources, Dictionary) else None
        obj = fonts.get(str(name)) if isinstance(fonts, Dictionary) else None
        if not isinstance(obj, Dictionary):
            return None
        return self.doc.font(obj, str(name))

    def _show(self, data: bytes, gs: _GState, tm: Matrix) -> Matrix:
        font = gs.font
        codes = font.codes(data) if font else list(data)
        if font is not None:
            self.scan.codes.setdefault(font.key, set()).update(codes)
            self.scan.fonts[font.key] = font
        rendering = _mul(tm, gs.ctm)
        start = (rendering[4], rendering[5])
        for code in codes:
            width = font.width(code) if font else 500.0
            space = gs.tw if code == 32 and (font is None or font.simple) else 0.0
            tm = _mul((1, 0, 0, 1, (width / 1000 * gs.size + gs.tc + space) * gs.th, 0), tm)
        target = self._target()
        if target is None:
            return tm
        text = "".join(font.unicode(c) for c in codes) if font else data.decode("latin-1")
        end = _mul(tm, gs.ctm)[4:6]
        run = self.runs.get(target)
        if run is None:
            self.runs[target] = _Run([text], (end[0], end[1]))
            return tm
        if _gap(run.end, start, rendering, gs.size):
            run.parts.append(" ")
        run.parts.append(text)
        run.end = (end[0], end[1])
        return tm

    def _form(self, name: Any, resources: Any, ctm: Matrix, depth: int) -> None:
        """Descend into a form XObject: for its text (part of the sequence that painted it) and its fonts."""
        xobjects = resources.get("/XObject") if isinstance(resources, Dictionary) else None
        form = xobjects.get(str(name)) if isinstance(xobjects, Dictionary) else None
        if not isinstance(form, Stream) or form.get("/Subtype") != Name.Form or depth >= _MAX_FORM_DEPTH:
            return
        key = _key(form)
        if key in self.active_forms:
            return
        try:
            instructions = pikepdf.parse_content_stream(form)
        except pikepdf.PdfError as exc:
            self.scan.errors.append(f"form {name} does not parse ({exc})")
            return
        if key is not None:
            self.active_forms.add(key)
        own = form.get("/Resources")
        self._walk(instructions, own if isinstance(own, Dictionary) else resources,
                   _mul(_matrix(form.get("/Matrix")), ctm), depth + 1)
        if key is not None:
            self.active_forms.discard(key)


def _gap(end: tuple[float, float], start: tuple[float, float], rendering: Matrix, size: float) -> bool:
    """Whether text starting at ``start`` is a new word after text that ended at ``end``: on another line,
    or after a gap of about a space (0.2 em), or drawn back over it. Measured in the new text's own text
    space, so rotated and scaled text is judged alike."""
    a, b, c, d = rendering[:4]
    det = a * d - b * c
    if abs(det) < 1e-12 or size == 0:
        return True
    dx, dy = start[0] - end[0], start[1] - end[1]
    tx, ty = (dx * d - dy * c) / det / size, (dy * a - dx * b) / det / size
    return abs(ty) > 0.5 or tx > 0.2 or tx < -0.5


# -- the structure tree ----------------------------------------------------------------------------
@dataclass
class _Element:
    obj: Dictionary
    key: ObjKey | None
    role: str
    standard: str | None  # the standard type it is, or maps to; None if neither
    parent: int | None
    page: int | None  # its /Pg (or its nearest ancestor's), 1-based
    # in /K order: ("element", index), ("mcr", (page, mcid)) or ("objr", (page, annotation))
    kids: list[tuple[str, Any]] = field(default_factory=list)
    mcrs: list[tuple[int | None, int]] = field(default_factory=list)
    objrs: list[tuple[int | None, ObjKey | None]] = field(default_factory=list)


class _Doc:
    """One open PDF and what every rule reads of it, each read once."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        self.root: Any = pdf.Root
        self.pages = list(pdf.pages)
        self.page_numbers = {_key(p.obj): n for n, p in enumerate(self.pages, start=1)}
        tree = self.root.get("/StructTreeRoot")
        self.tree = tree if isinstance(tree, Dictionary) else None
        role_map = self.tree.get("/RoleMap") if self.tree is not None else None
        self.role_map = {str(k)[1:]: _name(v) for k, v in role_map.items()} if isinstance(role_map, Dictionary) else {}
        class_map = self.tree.get("/ClassMap") if self.tree is not None else None
        self.class_map = class_map if isinstance(class_map, Dictionary) else None
        self._fonts: dict[ObjKey, _Font] = {}
        self._scans: dict[int, _PageScan] = {}
        self.tree_problems: list[str] = []
        self.elements: list[_Element] = []
        self.roots: list[int] = []
        if self.tree is not None:
            self._read_tree()
        parent_tree = self.tree.get("/ParentTree") if self.tree is not None else None
        self.parent_tree = _number_tree(parent_tree)

    # pages and fonts
    def scan(self, number: int) -> _PageScan:
        if number not in self._scans:
            self._scans[number] = _Scanner(self, self.pages[number - 1]).scan
        return self._scans[number]

    def font(self, obj: Dictionary, name: str) -> _Font:
        key = _key(obj) or ("direct", name, id(obj))
        if key not in self._fonts:
            self._fonts[key] = _Font(obj, key)
        return self._fonts[key]

    def page_of(self, obj: Any) -> int | None:
        return self.page_numbers.get(_key(obj)) if isinstance(obj, Dictionary) else None

    # the tree
    def _read_tree(self) -> None:
        assert self.tree is not None
        seen: set[ObjKey] = set()
        stack: list[tuple[Any, int | None, int | None]] = [(k, None, None) for k in reversed(_kids(self.tree))]
        while stack:
            node, parent, page = stack.pop()
            if not isinstance(node, Dictionary):
                self.tree_problems.append(f"a /K entry of the structure tree root is not an element ({node!r})")
                continue
            key = _key(node)
            if key is not None:
                if key in seen:
                    self.tree_problems.append(f"element {key[0]} {key[1]} R appears twice in the tree")
                    continue
                seen.add(key)
            role = _name(node.get("/S"))
            own_page = self.page_of(node.get("/Pg")) if "/Pg" in node else None
            if "/Pg" in node and own_page is None:
                self.tree_problems.append(f"{role or 'an element'}'s /Pg is not a page of this document")
            page = own_page or page
            index = len(self.elements)
            element = _Element(node, key, role, self.standard(role), parent, page)
            self.elements.append(element)
            if parent is None:
                self.roots.append(index)
            else:
                self.elements[parent].kids.append(("element", index))
            children: list[tuple[Any, int | None, int | None]] = []
            for kid in _kids(node):
                mcid = _int(kid)
                if mcid is not None:
                    element.mcrs.append((page, mcid))
                    element.kids.append(("mcr", (page, mcid)))
                elif _is_ref(kid, Name.MCR, "/MCID"):
                    if "/Stm" in kid:
                        continue  # content in a form XObject's stream: not checked (see the module's report)
                    where = self.page_of(kid.get("/Pg")) if "/Pg" in kid else page
                    number = _int(kid.get("/MCID"))
                    ref = (where, number if number is not None else -1)
                    element.mcrs.append(ref)
                    element.kids.append(("mcr", ref))
                elif _is_ref(kid, Name.OBJR, "/Obj"):
                    where = self.page_of(kid.get("/Pg")) if "/Pg" in kid else page
                    target = kid.get("/Obj")
                    if isinstance(target, Dictionary) and where is None:
                        where = self.page_of(target.get("/P"))
                    element.objrs.append((where, _key(target)))
                    element.kids.append(("objr", (where, target)))
                elif isinstance(kid, Dictionary):
                    children.append((kid, index, page))
                else:
                    problem = "has a /K entry that is neither content nor an element"
                    self.tree_problems.append(f"{role or 'an element'} {problem}")
            stack += reversed(children)

    def standard(self, role: str) -> str | None:
        """The standard type ``role`` is (itself) or maps to through /RoleMap; None if neither."""
        seen = set()
        while role and role not in STANDARD_TYPES:
            if role in seen:
                return None
            seen.add(role)
            role = self.role_map.get(role, "")
        return role or None

    def walk(self, index: int) -> Iterator[int]:
        yield index
        for kind, value in self.elements[index].kids:
            if kind == "element":
                yield from self.walk(value)

    def depth(self, index: int) -> int:
        depth, parent = 0, self.elements[index].parent
        while parent is not None:
            depth, parent = depth + 1, self.elements[parent].parent
        return depth

    def mc_text(self, page: int | None, mcid: int) -> str:
        if page is None or not 1 <= page <= len(self.pages):
            return ""
        scan = self.scan(page)
        return scan.actual.get(mcid) or scan.text.get(mcid, "")

    def element_text(self, index: int) -> list[str]:
        element = self.elements[index]
        actual = _text(element.obj.get("/ActualText"))
        if actual.strip():
            return [actual]
        pieces: list[str] = []
        for kind, value in element.kids:
            if kind == "element":
                pieces += self.element_text(value)
            elif kind == "mcr":
                pieces.append(self.mc_text(*value))
        return pieces

    def own_text(self, index: int, page: int | None = None) -> str:
        return " ".join(self.mc_text(p, m) for p, m in self.elements[index].mcrs if page is None or p == page)

    def outline_line(self, index: int, page: int | None) -> str:
        element = self.elements[index]
        role = element.role or "?"
        if element.standard and element.standard != role:
            role += "→" + element.standard
        parts = ["  " * self.depth(index) + role]
        for key in ("Alt", "ActualText", "Lang"):
            value = _text(element.obj.get("/" + key))
            if value:
                parts.append(f"{key}={_quote(value, 60)}")
        scope = self.scope(element.obj)
        if scope:
            parts.append(f"Scope={scope}")
        subtypes = []
        for where, target in (v for k, v in element.kids if k == "objr"):
            if page is None or where == page:
                subtypes.append(_name(target.get("/Subtype")) if isinstance(target, Dictionary) else "?")
        parts += [f"[annot {s}]" for s in subtypes]
        text = self.own_text(index, page)
        if text.strip():
            parts.append(_quote(text))
        return " ".join(parts)

    def attributes(self, obj: Dictionary) -> Iterator[Dictionary]:
        """An element's attribute dictionaries: /A (a dict or an array with revision numbers) and its classes."""
        direct = obj.get("/A")
        for item in list(direct) if isinstance(direct, Array) else [direct]:
            if isinstance(item, Dictionary):
                yield item
        classes = obj.get("/C")
        if self.class_map is not None:
            for name in list(classes) if isinstance(classes, Array) else [classes]:
                found = self.class_map.get(str(name)) if isinstance(name, Name) else None
                for item in list(found) if isinstance(found, Array) else [found]:
                    if isinstance(item, Dictionary):
                        yield item

    def scope(self, obj: Dictionary) -> str:
        for attributes in self.attributes(obj):
            if attributes.get("/O") == Name.Table and str(attributes.get("/Scope", "")) in _SCOPES:
                return str(attributes.get("/Scope"))[1:]
        return ""

    def describe(self, index: int) -> str:
        """An element named for a message: its role, page and the start of its text."""
        element = self.elements[index]
        text = " ".join(self.element_text(index))
        where = f" on page {element.page}" if element.page else ""
        return f"{element.role or 'element'}{where}" + (f" {_quote(text, 30)}" if text.strip() else "")

    # -- the rules --------------------------------------------------------------------------------
    def catalog_rules(self) -> list[str]:
        """Rules 1 and 11: what the catalog, the XMP metadata and the info dictionary must say."""
        out = []
        mark_info = self.root.get("/MarkInfo")
        if not (isinstance(mark_info, Dictionary) and _true(mark_info.get("/Marked"))):
            out.append("catalog: /MarkInfo << /Marked true >> is missing")
        if not _text(self.root.get("/Lang")).strip():
            out.append("catalog: /Lang is missing or empty")
        if self.tree is None:
            out.append("catalog: /StructTreeRoot is missing (the file is not tagged)")
        prefs = self.root.get("/ViewerPreferences")
        if not (isinstance(prefs, Dictionary) and _true(prefs.get("/DisplayDocTitle"))):
            out.append("catalog: /ViewerPreferences << /DisplayDocTitle true >> is missing")
        part, xmp_title, problem = _xmp(self.root.get("/Metadata"))
        if problem:
            out.append(f"catalog: XMP metadata {problem}")
        else:
            if part != "1":
                out.append(f"catalog: XMP metadata has no pdfuaid:part 1 (found {part!r})" if part else
                           "catalog: XMP metadata has no pdfuaid:part 1")
            if not xmp_title:
                out.append("catalog: XMP metadata has no dc:title")
        info = self.pdf.trailer.get("/Info")
        if not xmp_title and not (isinstance(info, Dictionary) and _text(info.get("/Title")).strip()):
            out.append("document: no title (neither /Info /Title nor XMP dc:title)")
        return out

    def page_rules(self) -> list[str]:
        """Rule 2: /Tabs /S on every page, and /StructParents where content or annotations need one."""
        out = []
        for number, page in enumerate(self.pages, start=1):
            if page.obj.get("/Tabs") != Name.S:
                out.append(f"page {number}: /Tabs is not /S")
            annotations = page.obj.get("/Annots")
            has_annots = isinstance(annotations, Array) and len(annotations) > 0
            if (self.scan(number).mcids or has_annots) and _int(page.obj.get("/StructParents")) is None:
                out.append(f"page {number}: has marked content or annotations but no /StructParents")
        return out

    def content_rules(self) -> list[str]:
        """Rule 3: every painting operator in an Artifact or MCID sequence; sequences nested correctly."""
        out = []
        for number in range(1, len(self.pages) + 1):
            scan = self.scan(number)
            out += [f"page {number}: {error}" for error in scan.errors]
            if scan.unmarked:
                ops = ", ".join(f"{op} ×{n}" for op, n in sorted(scan.unmarked.items()))
                out.append(f"page {number}: painted outside Artifact and MCID marked content: {ops}")
            out += _capped(scan.nesting, f"page {number}: ")
        return out

    def parent_tree_rules(self) -> list[str]:
        """Rule 4: the parent tree and the tree's marked-content references agree, both ways."""
        if self.tree is None:
            return []
        out = [f"structure: {p}" for p in self.tree_problems]
        if not isinstance(self.tree.get("/ParentTree"), Dictionary):
            out.append("structure: /StructTreeRoot has no /ParentTree")
        referrers: dict[tuple[int | None, int], list[int]] = {}
        for index, element in enumerate(self.elements):
            for ref in element.mcrs:
                referrers.setdefault(ref, []).append(index)
        for number in range(1, len(self.pages) + 1):
            scan, lines = self.scan(number), []
            key = _int(self.pages[number - 1].obj.get("/StructParents"))
            entry = self.parent_tree.get(key) if key is not None else None
            if scan.mcids and key is not None and not isinstance(entry, Array):
                lines.append(f"the parent tree has no array for its /StructParents {key}")
                entry = None
            for mcid, count in sorted(Counter(scan.mcids).items()):
                if count > 1:
                    lines.append(f"MCID {mcid} marks {count} sequences (an MCID is used once per page)")
                elements = referrers.get((number, mcid), [])
                if not elements:
                    lines.append(f"MCID {mcid} is referenced by no structure element")
                elif len(elements) > 1:
                    names = ", ".join(self.elements[i].role for i in elements)
                    lines.append(f"MCID {mcid} is referenced by {len(elements)} structure elements ({names})")
                if entry is None:
                    continue
                held = entry[mcid] if mcid < len(entry) else None
                if not isinstance(held, Dictionary):
                    lines.append(f"MCID {mcid} has no element in the parent tree")
                elif elements and _key(held) not in {self.elements[i].key for i in elements}:
                    role = _name(held.get("/S")) or "an element"
                    lines.append(f"the parent tree maps MCID {mcid} to {role}, whose /K does not reference it")
            out += _capped(lines, f"page {number}: ")
        dangling = []
        present = {n: set(self.scan(n).mcids) for n in range(1, len(self.pages) + 1)}
        for (page, mcid), indexes in sorted(referrers.items(), key=lambda item: (item[0][0] or 0, item[0][1])):
            role = self.elements[indexes[0]].role
            if page is None:
                dangling.append(f"{role} references MCID {mcid} but names no page (/Pg)")
            elif mcid not in present.get(page, set()):
                dangling.append(f"{role} references MCID {mcid} on page {page}, which the page's content does not have")
        return out + _capped(dangling, "structure: ")

    def structure_rules(self) -> list[str]:
        """Rules 5, 6, 7 and 10: headings, figures, tables and structure types."""
        out: list[str] = []
        unknown: Counter[str] = Counter()
        headings: list[str] = []
        figures: list[str] = []
        tables: list[str] = []
        previous: int | None = None
        numbered = plain = False
        for source, target in self.role_map.items():
            if source in STANDARD_TYPES and target != source:
                out.append(f"structure: /RoleMap remaps the standard type {source} to {target or '?'}")
        for root in self.roots:
            for index in self.walk(root):
                element = self.elements[index]
                role = element.standard
                if role is None:
                    unknown[element.role or "(no /S)"] += 1
                    continue
                match = _HEADING.match(role)
                if match and match.group(1):
                    level = int(match.group(1))
                    numbered = True
                    if previous is None and level != 1:
                        headings.append(f"the first heading is {self.describe(index)}, not an H1")
                    elif previous is not None and level > previous + 1:
                        headings.append(f"{self.describe(index)} follows an H{previous} (skips a level)")
                    previous = level
                elif match:
                    plain = True
                if role == "Figure" and not (
                    _text(element.obj.get("/Alt")).strip() or _text(element.obj.get("/ActualText")).strip()
                ):
                    figures.append(f"{self.describe(index)} has no /Alt (nor /ActualText)")
                if role == "Table" and not any(self.elements[i].standard == "TH" for i in self._table_cells(index)):
                    tables.append(f"{self.describe(index)} has no TH")
                if role == "TH" and not self.scope(element.obj):
                    tables.append(f"{self.describe(index)} has no /A << /O /Table /Scope /Row|/Column|/Both >>")
        if numbered and plain:
            headings.append("plain H and numbered H1–H6 headings are mixed")
        out += _capped(headings, "headings: ")
        out += _capped(figures, "figures: ")
        out += _capped(tables, "tables: ")
        for role, count in sorted(unknown.items()):
            times = f" ({count} elements)" if count > 1 else ""
            out.append(f"structure: {role} is not a standard structure type and /RoleMap maps it to none{times}")
        return out

    def _table_cells(self, table: int) -> Iterator[int]:
        """The elements of a table, not descending into a table nested in it."""
        for kind, value in self.elements[table].kids:
            if kind == "element":
                yield value
                if self.elements[value].standard != "Table":
                    yield from self._table_cells(value)

    def link_rules(self) -> list[str]:
        """Rule 8: each link annotation described and held, through the parent tree, by a Link's OBJR."""
        out = []
        for number, page in enumerate(self.pages, start=1):
            lines = []
            annotations = page.obj.get("/Annots")
            for annotation in annotations if isinstance(annotations, Array) else []:
                if not isinstance(annotation, Dictionary) or annotation.get("/Subtype") != Name.Link:
                    continue
                where = _link_target(annotation)
                if not _text(annotation.get("/Contents")).strip():
                    lines.append(f"link {where} has no /Contents")
                key = _int(annotation.get("/StructParent"))
                if key is None:
                    lines.append(f"link {where} has no /StructParent")
                    continue
                held = self.parent_tree.get(key)
                if not isinstance(held, Dictionary):
                    lines.append(f"link {where}: the parent tree has no element for its /StructParent {key}")
                    continue
                if self.standard(_name(held.get("/S"))) != "Link":
                    lines.append(f"link {where}: its /StructParent {key} maps to {_name(held.get('/S'))}, not Link")
                wanted = _key(annotation)
                if wanted is None or not any(
                    isinstance(kid, Dictionary) and kid.get("/Type") == Name.OBJR and _key(kid.get("/Obj")) == wanted
                    for kid in _kids(held)
                ):
                    lines.append(f"link {where}: its Link element has no OBJR for it")
            out += _capped(lines, f"page {number}: ")
        return out

    def font_rules(self) -> list[str]:
        """Rule 9: fonts embedded, with a ToUnicode map that turns every code shown into text."""
        out: list[str] = []
        judged: set[ObjKey] = set()
        for number, page in enumerate(self.pages, start=1):
            lines = []
            scan = self.scan(number)
            fonts = dict(_resource_fonts(_inherited(page.obj, "/Resources"), self))
            fonts.update({key: font for key, font in scan.fonts.items() if key not in fonts})
            for key, font in fonts.items():
                if key in judged:
                    continue
                judged.add(key)
                if not font.embedded():
                    lines.append(f"font {font.name} is not embedded")
                if font.cmap is None:
                    lines.append(f"font {font.name} has no /ToUnicode")
            for key, codes in scan.codes.items():
                shown_in = self._fonts.get(key)
                if shown_in is None or shown_in.cmap is None:
                    continue
                cmap = shown_in.cmap
                lost = sorted(c for c in codes if not _meaningful(cmap.lookup(c)))
                if lost:
                    digits = 4 if shown_in.simple else 6
                    shown = ", ".join(f"{c:#0{digits}x}" for c in lost[:8]) + (" …" if len(lost) > 8 else "")
                    lines.append(f"font {shown_in.name} shows codes its ToUnicode maps to no text: {shown}")
            out += _capped(lines, f"page {number}: ")
        return out


def _is_ref(kid: Any, kind: Name, key: str) -> bool:
    """Whether a /K entry is a marked-content (MCR) or object (OBJR) reference rather than an element."""
    return isinstance(kid, Dictionary) and (kid.get("/Type") == kind or key in kid) and "/S" not in kid


def _kids(node: Dictionary) -> list[Any]:
    kids = node.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def _number_tree(node: Any) -> dict[int, Any]:
    """A number tree's entries, whether in its root's /Nums or in /Kids below it."""
    out: dict[int, Any] = {}
    seen: set[ObjKey] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if not isinstance(current, Dictionary):
            continue
        key = _key(current)
        if key is not None:
            if key in seen:
                continue
            seen.add(key)
        nums = current.get("/Nums")
        if isinstance(nums, Array):
            items = list(nums)
            for number, value in zip(items[::2], items[1::2]):
                if _int(number) is not None:
                    out[int(number)] = value
        kids = current.get("/Kids")
        if isinstance(kids, Array):
            stack += list(kids)
    return out


def _resource_fonts(resources: Any, doc: _Doc, seen: set[ObjKey] | None = None) -> Iterator[tuple[ObjKey, _Font]]:
    """The fonts of a page's resources and of the forms in them, however deep."""
    seen = set() if seen is None else seen
    if not isinstance(resources, Dictionary):
        return
    fonts = resources.get("/Font")
    if isinstance(fonts, Dictionary):
        for name, obj in fonts.items():
            if isinstance(obj, Dictionary):
                font = doc.font(obj, str(name))
                yield font.key, font
    xobjects = resources.get("/XObject")
    if isinstance(xobjects, Dictionary):
        for _, form in xobjects.items():
            if isinstance(form, Stream) and form.get("/Subtype") == Name.Form:
                key = _key(form)
                if key is None or key not in seen:
                    if key is not None:
                        seen.add(key)
                    yield from _resource_fonts(form.get("/Resources"), doc, seen)


def _link_target(annotation: Dictionary) -> str:
    action = annotation.get("/A")
    uri = action.get("/URI") if isinstance(action, Dictionary) else None
    if uri is not None:
        return _quote(str(uri), 50)
    dest = annotation.get("/Dest")
    if dest is not None or isinstance(action, Dictionary):
        return "(internal)"
    return "(no target)"


def _xmp(metadata: Any) -> tuple[str, str, str]:
    """From an XMP stream: its pdfuaid:part, its dc:title, and what is wrong with it ('' for nothing)."""
    if not isinstance(metadata, Stream):
        return "", "", "is missing (/Metadata)"
    try:
        data = metadata.read_bytes()
        tree = ElementTree.fromstring(data.lstrip(b"\xef\xbb\xbf \t\r\n"))
    except (pikepdf.PdfError, ElementTree.ParseError) as exc:
        return "", "", f"is not well-formed XML ({exc})"
    part = title = ""
    for node in tree.iter():
        if node.tag == f"{{{_NS_PDFUAID}}}part":
            part = part or (node.text or "").strip()
        if node.tag == f"{{{_NS_DC}}}title":
            title = title or "".join(node.itertext()).strip()
        part = part or (node.get(f"{{{_NS_PDFUAID}}}part") or "").strip()
        title = title or (node.get(f"{{{_NS_DC}}}title") or "").strip()
    return part, title, ""
