"""Tagged PDF (PDF/UA-1) from reportlab, which has no tagging of its own.

A screen reader reads a PDF through its structure tree: elements (Sect, H1, P, L, Table,
Figure, Link, …) whose leaves point at *marked content* in the pages, the stretches of a
content stream between ``/P <</MCID 3>> BDC`` and ``EMC``. Everything else drawn must be an
*artifact* (``/Artifact BMC … EMC``): running headers, rules, tints, page numbers.

The renderers build the tree from the model before anything is drawn (``Node``), so its order
is the document's reading order; drawing only adds to it where each element's content went
(``Tagger.content``). A flowable that carries an element (``MarkedFlowable``) wraps its own drawing;
everything drawn outside an element is an artifact (``artifact``). ``Tagger.finish`` writes the
tree, the parent tree that maps content back to elements, and the catalog entries PDF/UA
asks for (MarkInfo, Lang, DisplayDocTitle, XMP metadata with ``pdfuaid:part 1``).

A canvas is tagged when it has a ``tagger`` attribute; without one every function here draws
as if tagging did not exist.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfbase import pdfdoc

from reportgen.model import Inline
from reportgen.render.pdf import compat
from reportgen.render.pdf.markup import escape

# Roles reportgen names that PDF 1.7 does not: each read as the standard role it maps to.
ROLE_MAP = {"Aside": "Div"}
_TREE_ROOT = "StructTreeRoot"  # the object's name in reportlab's document
_DEEPEST = 6  # format: PDF's headings go from H1 to H6


def heading_role(depth: int) -> str:
    """The role of a heading ``depth`` levels down (1: H1), deeper ones all H6."""
    return f"H{min(depth, _DEEPEST)}"


@dataclass(eq=False)
class Marked:
    """Marked content: the ``mcid``-th tagged sequence on ``page`` (1-based)."""

    page: int
    mcid: int


@dataclass(eq=False)
class Annotated:
    """A link annotation, named as reportlab names it in the file, on ``page``."""

    page: int
    name: str


@dataclass(eq=False)
class Node:
    """A structure element. ``links`` maps a link target (URL or anchor) in the element's text to
    the words that carry it, for the link annotation's description (PDF/UA asks for one)."""

    role: str
    kids: list[Node | Marked | Annotated] = field(default_factory=list)
    alt: str = ""
    lang: str = ""
    scope: str = ""  # a TH's: "Column" or "Row"
    actual: str = ""  # what a screen reader says for a mark that is not text (a task's box)
    links: dict[str, str] = field(default_factory=dict)

    def add(self, role: str, **attributes: Any) -> Node:
        node = Node(role, **attributes)
        self.kids.append(node)
        return node

    def has_content(self) -> bool:
        return any(not isinstance(kid, Node) or kid.has_content() for kid in self.kids)


ARTIFACT = Node("Artifact")  # given as a flowable's element: what it draws is an artifact


class Tagger:
    """The structure of one PDF as it is drawn: ``root`` is the Document element."""

    def __init__(self, lang: str, title: str) -> None:
        self.root = Node("Document")
        self.lang, self.title = lang, title
        self.current: Node | None = None  # the element whose content is being drawn
        self._opened: list[bool] = []  # for each artifact begun and not ended: whether it wrote BDC
        self._mcids: dict[int, list[Node]] = {}  # page → the element of each MCID, in order
        self._keys: dict[int, int] = {}  # page → its key in the parent tree
        self._links: dict[int, Node] = {}  # an annotation's key in the parent tree → its Link element
        self._next_key = 0

    @contextmanager
    def content(self, canvas: Any, node: Node | None, repeat: bool = False) -> Iterator[None]:
        """What is drawn inside is ``node``'s content. Inside another element's content or an
        artifact, or with no ``node``, it is part of that; drawn again (``repeat``: a table's header
        row on its next page), it is an artifact."""
        if node is ARTIFACT or repeat and self.current is None and not self._opened:
            with self.artifact(canvas):
                yield
            return
        if node is None or self.current is not None or self._opened:
            yield
            return
        page = compat.page_number(canvas)
        mcids = self._mcids.setdefault(page, [])
        if page not in self._keys:
            self._keys[page] = self._take_key()
        node.kids.append(Marked(page, len(mcids)))
        properties = f"/MCID {len(mcids)}"
        if node.actual:
            properties += f" /ActualText {_text(node.actual)}"
        mcids.append(node)
        canvas.addLiteral(f"/{node.role} <<{properties}>> BDC")
        self.current = node
        try:
            yield
        finally:
            self.current = None
            canvas.addLiteral("EMC")

    @contextmanager
    def artifact(self, canvas: Any, kind: str = "Layout") -> Iterator[None]:
        """What is drawn inside is not content: a screen reader skips it (inside an element's
        content, it is part of that)."""
        self.begin_artifact(canvas, kind)
        try:
            yield
        finally:
            self.end_artifact(canvas)

    def begin_artifact(self, canvas: Any, kind: str = "Layout") -> None:
        opens = not self._opened and self.current is None
        self._opened.append(opens)
        if opens:
            canvas.addLiteral(f"/Artifact <</Type /{kind}>> BDC")

    def end_artifact(self, canvas: Any) -> None:
        if self._opened.pop():
            canvas.addLiteral("EMC")

    def annotation(self, canvas: Any, annotation: Any, name: str) -> Any:
        """A link annotation made while an element's content is drawn, as the dictionary to
        write: a Link element under that element (or the element itself, if a Link) holds it,
        and it says in words where it goes (its /Contents)."""
        owner = self.current
        if owner is None:
            return annotation
        if isinstance(annotation, pdfdoc.LinkAnnotation):
            target = annotation.Destination.name
            annotation = annotation.Dict()
        else:
            target = _uri(annotation)
        link = owner if owner.role == "Link" else owner.add("Link")
        page = compat.page_number(canvas)
        link.kids.append(Annotated(page, name))
        key = self._take_key()
        self._links[key] = link
        words = owner.links.get(target) or owner.links.get(f"#{target}") or target  # "#anchor" in the model
        annotation["Contents"] = pdfdoc.PDFString(words)
        annotation["StructParent"] = key
        return annotation

    def _take_key(self) -> int:
        key = self._next_key
        self._next_key += 1
        return key

    def finish(self, canvas: Any) -> None:
        """Write the structure tree and the catalog entries of a tagged PDF/UA-1 document."""
        doc = compat.pdf_document(canvas)
        names: dict[int, str] = {}
        kept = _number(self.root, names)
        parent_tree: dict[int, list[str] | str] = {key: names[id(link)] for key, link in self._links.items()}
        for page, nodes in self._mcids.items():
            parent_tree[self._keys[page]] = [names[id(n)] for n in nodes]
        _write(self.root, None, names, kept, doc)
        for number, page in enumerate(compat.pdf_pages(doc), start=1):
            compat.set_page_key(page, "Tabs", pdfdoc.PDFName("S"))
            if number in self._keys:
                compat.set_page_key(page, "StructParents", self._keys[number])
        catalog = doc.Catalog
        doc.Reference(pdfdoc.PDFDictionary({
            "Type": pdfdoc.PDFName("StructTreeRoot"),
            "K": _ref(names[id(self.root)]),
            "ParentTree": _ParentTree(parent_tree),
            "ParentTreeNextKey": self._next_key,
            "RoleMap": pdfdoc.PDFDictionary({k: pdfdoc.PDFName(v) for k, v in ROLE_MAP.items()}),
        }), _TREE_ROOT)
        catalog.StructTreeRoot = _ref(_TREE_ROOT)
        catalog.MarkInfo = pdfdoc.PDFDictionary({"Marked": "true"})
        catalog.Lang = pdfdoc.PDFString(self.lang)
        canvas.setViewerPreference("DisplayDocTitle", "true")
        catalog.Metadata = pdfdoc.XMP(creator=lambda _: _xmp(self.title, self.lang).encode())


def _number(root: Node, names: dict[int, str]) -> set[int]:
    """Name every element with content (``names``: id → object name), depth first; return their ids."""
    kept: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if node is not root and not node.has_content():
            continue
        kept.add(id(node))
        names[id(node)] = f"StructElem{len(names)}"
        stack += [kid for kid in reversed(node.kids) if isinstance(kid, Node)]
    return kept


def _write(node: Node, parent: str | None, names: dict[int, str], kept: set[int], doc: Any) -> None:
    """Add ``node`` and the elements under it to ``doc`` as StructElem objects."""
    doc.Reference(_Element(node, parent or _TREE_ROOT, names, kept), names[id(node)])
    for kid in node.kids:
        if isinstance(kid, Node) and id(kid) in kept:
            _write(kid, names[id(node)], names, kept, doc)


class _Element(pdfdoc.PDFObject):  # type: ignore[misc]
    """A structure element, formatted straight to bytes when the file is written. A document
    has hundreds of them, and reportlab's dictionaries format each key and value through
    several layers: this keeps a tagged handout's build time within a few percent of an
    untagged one's."""

    def __init__(self, node: Node, parent: str, names: dict[int, str], kept: set[int]) -> None:
        self.node, self.parent, self.names, self.kept = node, parent, names, kept

    def format(self, document: Any) -> bytes:
        ref = functools.partial(compat.reference, document)

        node = self.node
        pages = [kid.page for kid in node.kids if isinstance(kid, Marked)]
        home = pages[0] if pages else None
        kids: list[str] = []
        for kid in node.kids:
            if isinstance(kid, Node):
                if id(kid) in self.kept:
                    kids.append(ref(self.names[id(kid)]))
            elif isinstance(kid, Marked):
                kids.append(str(kid.mcid) if kid.page == home else
                            f"<< /Type /MCR /Pg {ref(_page(kid.page))} /MCID {kid.mcid} >>")
            else:
                annotation = ref(document.annotationName(kid.name))
                kids.append(f"<< /Type /OBJR /Pg {ref(_page(kid.page))} /Obj {annotation} >>")
        k = kids[0] if len(kids) == 1 else f"[{' '.join(kids)}]"  # /Type /StructElem is optional: left out
        out = [f"<< /S /{node.role} /P {ref(self.parent)} /K {k}"]
        if home is not None:
            out.append(f" /Pg {ref(_page(home))}")
        if node.scope:
            out.append(f" /A << /O /Table /Scope /{node.scope} >>")
        data = "".join(out).encode("ascii")
        for key, text in (("Alt", node.alt), ("Lang", node.lang)):
            if text:
                data += f" /{key} ".encode("ascii") + pdfdoc.PDFString(text).format(document)
        return data + b" >>"


class _ParentTree(pdfdoc.PDFObject):  # type: ignore[misc]
    """The parent tree: for each key, a page's elements by MCID, or a link annotation's element;
    formatted straight to bytes, as ``_Element`` is."""

    def __init__(self, entries: dict[int, list[str] | str]) -> None:
        self.entries = entries

    def format(self, document: Any) -> bytes:
        ref = functools.partial(compat.reference, document)

        nums = []
        for key, value in sorted(self.entries.items()):
            nums.append(f"{key} {ref(value)}" if isinstance(value, str) else f"{key} [{' '.join(map(ref, value))}]")
        return f"<< /Nums [{' '.join(nums)}] >>".encode("ascii")


def _ref(name: str) -> Any:
    return pdfdoc.PDFObjectReference(name)


def _page(number: int) -> str:
    return f"Page{number}"  # reportlab's name for page ``number``


def _uri(annotation: Any) -> str:
    action = annotation["A"] if "A" in annotation else None
    uri = action["URI"] if action is not None and "URI" in action else None
    return str(getattr(uri, "s", uri or ""))


def _text(value: str) -> str:
    """A PDF text string in UTF-16 (any script), as a hex literal."""
    return "<FEFF" + value.encode("utf-16-be").hex().upper() + ">"


def _xmp(title: str, lang: str) -> str:
    """The XMP metadata PDF/UA asks for: the title, the language, and the PDF/UA part claimed."""
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">\n'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>\n'
        f'<dc:language><rdf:Bag><rdf:li>{escape(lang)}</rdf:li></rdf:Bag></dc:language>\n'
        '<pdfuaid:part>1</pdfuaid:part>\n'
        '</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end="w"?>'
    )


# -- drawing, on a canvas that may or may not be tagged ------------------------------------
def tagger_of(canvas: Any) -> Tagger | None:
    return getattr(canvas, "tagger", None)


@contextmanager
def content(canvas: Any, node: Node | None, repeat: bool = False) -> Iterator[None]:
    """``Tagger.content`` on a tagged canvas; nothing on another."""
    tagger = tagger_of(canvas)
    if tagger is None:
        yield
        return
    with tagger.content(canvas, node, repeat):
        yield


@contextmanager
def artifact(canvas: Any, kind: str = "Layout") -> Iterator[None]:
    """``Tagger.artifact`` on a tagged canvas; nothing on another."""
    tagger = tagger_of(canvas)
    if tagger is None:
        yield
        return
    with tagger.artifact(canvas, kind):
        yield


class MarkedFlowable:
    """Mixin for a flowable whose drawing is the content of its ``struct`` element (the pieces
    it splits into keep it). Drawn a second time — a table's header row repeated on the next
    page — it is an artifact, so a screen reader reads it once."""

    struct: Node | None = None
    _drawn = False

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802 (reportlab's name)
        with content(canvas, self.struct, repeat=self._drawn):
            super().drawOn(canvas, x, y, _sW)  # type: ignore[misc]
        self._drawn = tagger_of(canvas) is not None

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        parts: list[Any] = super().split(avail_width, avail_height)  # type: ignore[misc]
        for part in parts:
            if isinstance(part, MarkedFlowable) and part.struct is None:
                part.struct = self.struct
        return parts


def link_words(runs: Inline) -> dict[str, str]:
    """Each link target in ``runs`` and the words that carry it: an element's ``links``."""
    words: dict[str, str] = {}
    for run in runs:
        if run.link:
            words[run.link] = words.get(run.link, "") + run.text
    return words


def marked(flowable: Any, node: Node | None) -> Any:
    """``flowable`` (a ``MarkedFlowable``) carrying ``node``; returned for chaining."""
    flowable.struct = node
    return flowable
