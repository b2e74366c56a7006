"""Tests of the PDF/UA-1 checker (``tests/pdfua_check.py``) itself, on tiny PDFs built here.

Every rule is shown once passing (the good document has no violations at all) and once failing (a
copy of it broken in exactly one way), so a checker that stops seeing a rule fails a test here rather
than letting a renderer regression through.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, String

from .pdfua_check import outline, structure_text, violations

TO_UNICODE = b"""/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CMapName /Test-UCS def
/CMapType 2 def
1 begincodespacerange
<00> <FF>
endcodespacerange
1 beginbfchar
<27> <2019>
endbfchar
2 beginbfrange
<20> <26> <0020>
<28> <2A> [<0028> <0029> <002A>]
endbfrange
1 beginbfrange
<2B> <7E> <002B>
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end
"""

XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"{attributes}>
{title}{part}
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"""
XMP_TITLE = '<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Annual report</rdf:li></rdf:Alt></dc:title>\n'
XMP_PART = "<pdfuaid:part>1</pdfuaid:part>"

PAGE_1 = """
/Artifact <</Type /Pagination>> BDC 0.5 g 0 0 612 20 re f EMC
/H1 <</MCID 0>> BDC BT /F1 24 Tf 72 720 Td (Annual report) Tj ET EMC
/P <</MCID 1>> BDC BT /F1 12 Tf 14 TL 72 690 Td (Sales rose in) Tj T* (the north.) Tj ( See) Tj ET EMC
/Link <</MCID 2>> BDC BT /F1 12 Tf 150 676 Td (our site) Tj ET EMC
/Figure <</MCID 3>> BDC q 100 0 0 100 72 500 cm /Im1 Do Q EMC
/TH <</MCID 4>> BDC BT /F1 12 Tf 72 460 Td (Region) Tj ET EMC
/TD <</MCID 5>> BDC BT /F1 12 Tf 72 440 Td (North) Tj ET EMC
0 0 m 10 10 l n
"""
PAGE_2 = """
/H2 <</MCID 0>> BDC BT /F1 16 Tf 72 720 Td (Details) Tj ET EMC
/Span <</Lang (fr)>> BDC /P <</MCID 1>> BDC BT /F1 12 Tf 72 700 Td (The end.) Tj ET EMC EMC
"""
GOOD_TEXT = "Annual report Sales rose in the north. See our site Region North Details The end."


@dataclass
class Built:
    """A tagged PDF under construction: its pikepdf document and the objects tests reach for."""

    pdf: pikepdf.Pdf
    tree: Dictionary
    font: Dictionary
    resources: Dictionary
    elements: dict[str, Dictionary] = field(default_factory=dict)
    owners: dict[tuple[int, int], Dictionary] = field(default_factory=dict)  # (page index, MCID) → element
    links: list[tuple[Dictionary, Dictionary]] = field(default_factory=list)  # (annotation, Link element)

    def page(self, content: str) -> Dictionary:
        page = self.pdf.add_blank_page(page_size=(612, 792)).obj
        page.Contents = self.pdf.make_stream(content.encode("latin-1"))
        page.Resources = self.resources
        page.Tabs = Name.S
        return page

    def element(self, role: str, parent: Dictionary | None = None, page: int | None = None,
                mcids: tuple[int, ...] = (), **entries: object) -> Dictionary:
        """A structure element under ``parent`` (the Document when None) with ``mcids`` on ``page`` (0-based)."""
        owner = parent if parent is not None else self.tree
        element = self.pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + role), P=owner, K=Array()))
        for key, value in entries.items():
            element[Name("/" + key)] = value
        if page is not None:
            element.Pg = self.pdf.pages[page].obj
        for mcid in mcids:
            element.K.append(mcid)
            self.owners[(page or 0, mcid)] = element
        if "/K" not in owner:
            owner.K = Array()
        owner.K.append(element)
        return element

    def mcr(self, element: Dictionary, page: int, mcid: int) -> None:
        """A marked-content reference in the dictionary form (its own /Pg)."""
        element.K.append(Dictionary(Type=Name.MCR, Pg=self.pdf.pages[page].obj, MCID=mcid))
        self.owners[(page, mcid)] = element

    def link(self, page: int, element: Dictionary, contents: str = "our site") -> Dictionary:
        annotation = self.pdf.make_indirect(Dictionary(
            Type=Name.Annot, Subtype=Name.Link, Rect=[150, 670, 200, 690], Border=[0, 0, 0],
            A=Dictionary(S=Name.URI, URI=String("https://example.com/")), Contents=String(contents),
        ))
        page_obj = self.pdf.pages[page].obj
        annotation.P = page_obj
        if "/Annots" not in page_obj:
            page_obj.Annots = Array()
        page_obj.Annots.append(annotation)
        element.K.append(Dictionary(Type=Name.OBJR, Obj=annotation, Pg=page_obj))
        self.links.append((annotation, element))
        return annotation

    def finish(self, kids: bool = False) -> None:
        """The parent tree (in /Nums, or split over /Kids), each page's /StructParents and each link's
        /StructParent, from what the elements reference."""
        nums: list[object] = []
        for index, page in enumerate(self.pdf.pages):
            mcids = sorted(m for p, m in self.owners if p == index)
            if mcids:
                page.obj.StructParents = index
                nums += [index, Array([self.owners.get((index, m), pikepdf.Object.parse(b"null"))
                                       for m in range(mcids[-1] + 1)])]
        for offset, (annotation, element) in enumerate(self.links):
            key = len(self.pdf.pages) + offset
            annotation.StructParent = key
            nums += [key, element]
        if kids:
            half = len(nums) // 4 * 2
            first, second = nums[:half], nums[half:]
            self.tree.ParentTree = Dictionary(Kids=Array([
                self.pdf.make_indirect(Dictionary(Nums=Array(first), Limits=[first[0], first[-2]])),
                self.pdf.make_indirect(Dictionary(Nums=Array(second), Limits=[second[0], second[-2]])),
            ]))
        else:
            self.tree.ParentTree = Dictionary(Nums=Array(nums))
        self.tree.ParentTreeNextKey = len(self.pdf.pages) + len(self.links)

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.pdf.save(out, fix_metadata_version=False)  # else pikepdf rewrites (or replaces) the XMP
        return out.getvalue()


def start(xmp: str | None = None) -> Built:
    """An empty tagged document: catalog entries, an embedded font with a ToUnicode map, an image."""
    pdf = pikepdf.new()
    descriptor = pdf.make_indirect(Dictionary(
        Type=Name.FontDescriptor, FontName=Name("/Test"), Flags=32, FontBBox=[0, -200, 1000, 800], ItalicAngle=0,
        Ascent=800, Descent=-200, CapHeight=700, StemV=80, FontFile2=pdf.make_stream(b"(the font program)"),
    ))
    font = pdf.make_indirect(Dictionary(
        Type=Name.Font, Subtype=Name.TrueType, BaseFont=Name("/Test"), FirstChar=32, LastChar=126,
        Widths=[500] * 95, Encoding=Name.WinAnsiEncoding, FontDescriptor=descriptor,
        ToUnicode=pdf.make_stream(TO_UNICODE),
    ))
    image = pdf.make_stream(b"\x80", Type=Name.XObject, Subtype=Name.Image, Width=1, Height=1,
                            ColorSpace=Name.DeviceGray, BitsPerComponent=8)
    resources = Dictionary(Font=Dictionary(F1=font), XObject=Dictionary(Im1=image))
    return Built(pdf, catalog(pdf, xmp), font, resources)


def catalog(pdf: pikepdf.Pdf, xmp: str | None = None) -> Dictionary:
    """The catalog entries PDF/UA asks for, and an info dictionary's title; returns the (empty) tree root."""
    tree = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    root = pdf.Root
    root.StructTreeRoot = tree
    root.MarkInfo = Dictionary(Marked=True)
    root.Lang = String("en-GB")
    root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    text = xmp if xmp is not None else XMP.format(attributes="", title=XMP_TITLE, part=XMP_PART)
    root.Metadata = pdf.make_stream(text.encode(), Type=Name.Metadata, Subtype=Name.XML)
    pdf.trailer.Info = pdf.make_indirect(Dictionary(Title=String("Annual report")))
    return tree


def good(tweak: Callable[[Built], None] | None = None, kids: bool = False, xmp: str | None = None) -> bytes:
    """The good document (two pages, every rule kept), broken by ``tweak`` if given."""
    built = start(xmp)
    built.page(PAGE_1)
    built.page(PAGE_2)
    e = built.elements
    e["document"] = document = built.element("Document")
    e["h1"] = built.element("H1", document, 0, (0,))
    e["p"] = built.element("P", document, 0, (1,))
    e["link"] = built.element("Link", e["p"], 0, (2,))
    e["figure"] = built.element("Figure", document, 0, (3,), Alt=String("A grey square"))
    e["table"] = built.element("Table", document)
    e["tr"] = built.element("TR", e["table"])
    e["th"] = built.element("TH", e["tr"], 0, (4,), A=Dictionary(O=Name.Table, Scope=Name.Column))
    e["td"] = built.element("TD", e["tr"], 0, (5,))
    e["aside"] = built.element("Aside", document)  # role-mapped
    built.tree.RoleMap = Dictionary(Aside=Name.Div)
    e["h2"] = built.element("H2", e["aside"], 1, (0,), Lang=String("en-GB"))
    e["p2"] = built.element("P", e["aside"])
    built.mcr(e["p2"], 1, 1)
    e["annotation"] = built.link(0, e["link"])
    built.finish(kids)
    if tweak is not None:
        tweak(built)
    return built.bytes()


def with_content(page: int, extra: str) -> Callable[[Built], None]:
    """A tweak: ``extra`` drawn at the end of page ``page`` (0-based)."""

    def tweak(built: Built) -> None:
        obj = built.pdf.pages[page].obj
        obj.Contents = built.pdf.make_stream(obj.Contents.read_bytes() + extra.encode("latin-1"))

    return tweak


def only(found: list[str], *fragments: str) -> None:
    """Exactly one violation per fragment, each containing it, and no other."""
    assert len(found) == len(fragments), found
    for line, fragment in zip(sorted(found), sorted(fragments)):
        assert fragment in line, (fragment, found)


# -- the good document ---------------------------------------------------------------------------
@pytest.mark.parametrize("kids", [False, True], ids=["nums", "kids"])
def test_the_good_document_keeps_every_rule(kids: bool) -> None:
    assert violations(good(kids=kids)) == []


def test_a_path_is_read_like_bytes(tmp_path: Path) -> None:
    path = tmp_path / "good.pdf"
    path.write_bytes(good())
    assert violations(path) == []
    assert structure_text(path) == GOOD_TEXT


def test_nothing_tagged_breaks_the_catalog_rules_and_the_content_rule() -> None:
    pdf = pikepdf.new()
    page = pdf.add_blank_page().obj
    page.Contents = pdf.make_stream(b"0 0 10 10 re f")
    out = io.BytesIO()
    pdf.save(out)
    found = violations(out.getvalue())
    for fragment in ("/MarkInfo", "/Lang", "/StructTreeRoot", "DisplayDocTitle", "XMP metadata is missing",
                     "no title", "page 1: /Tabs", "page 1: painted outside Artifact and MCID marked content: f ×1"):
        assert any(fragment in line for line in found), (fragment, found)


# -- rule 1: the catalog --------------------------------------------------------------------------
def _drop(key: str) -> Callable[[Built], None]:
    return lambda built: built.pdf.Root.__delitem__(key)


@pytest.mark.parametrize(("tweak", "fragment"), [
    (_drop("/MarkInfo"), "/MarkInfo << /Marked true >> is missing"),
    (lambda b: setattr(b.pdf.Root, "MarkInfo", Dictionary(Marked=False)), "/MarkInfo << /Marked true >> is missing"),
    (_drop("/Lang"), "/Lang is missing or empty"),
    (lambda b: setattr(b.pdf.Root, "Lang", String(" ")), "/Lang is missing or empty"),
    (lambda b: setattr(b.pdf.Root, "ViewerPreferences", Dictionary()),
     "/ViewerPreferences << /DisplayDocTitle true >> is missing"),
    (_drop("/Metadata"), "XMP metadata is missing"),
], ids=["no-markinfo", "marked-false", "no-lang", "blank-lang", "no-displaydoctitle", "no-metadata"])
def test_catalog_entries(tweak: Callable[[Built], None], fragment: str) -> None:
    only(violations(good(tweak)), "catalog: " + fragment)


def test_no_struct_tree_root() -> None:
    found = violations(good(_drop("/StructTreeRoot")))
    assert "catalog: /StructTreeRoot is missing (the file is not tagged)" in found
    # without a tree nothing references the MCIDs: the parent-tree rule has nothing to compare, it says nothing
    assert not [line for line in found if "MCID" in line], found


@pytest.mark.parametrize(("xmp", "fragment"), [
    (XMP.format(attributes="", title=XMP_TITLE, part=""), "XMP metadata has no pdfuaid:part 1"),
    (XMP.format(attributes="", title=XMP_TITLE, part="<pdfuaid:part>2</pdfuaid:part>"), "(found '2')"),
    (XMP.format(attributes="", title=XMP_TITLE, part="<x:part>1</x:part>"), "XMP metadata has no pdfuaid:part 1"),
    (XMP.format(attributes="", title="", part=XMP_PART), "XMP metadata has no dc:title"),
    ("<x:xmpmeta><unclosed></x:xmpmeta>", "XMP metadata is not well-formed XML"),
], ids=["no-part", "part-2", "part-in-another-namespace", "no-title", "malformed"])
def test_xmp_metadata(xmp: str, fragment: str) -> None:
    only(violations(good(xmp=xmp)), fragment)


def test_pdfuaid_part_as_an_attribute() -> None:
    xmp = XMP.format(attributes=' pdfuaid:part="1"', title=XMP_TITLE, part="")
    assert violations(good(xmp=xmp)) == []


# -- rule 11: a title -----------------------------------------------------------------------------
def test_the_info_title_alone_is_a_title_but_xmp_still_needs_dc_title() -> None:
    only(violations(good(xmp=XMP.format(attributes="", title="", part=XMP_PART))), "XMP metadata has no dc:title")


def test_no_title_anywhere() -> None:
    def untitled(built: Built) -> None:
        del built.pdf.trailer.Info.Title

    found = violations(good(untitled, xmp=XMP.format(attributes="", title="", part=XMP_PART)))
    only(found, "XMP metadata has no dc:title", "document: no title (neither /Info /Title nor XMP dc:title)")


def test_an_xmp_title_without_an_info_title_is_a_title() -> None:
    def untitled(built: Built) -> None:
        del built.pdf.trailer.Info.Title

    assert violations(good(untitled)) == []


# -- rule 2: pages --------------------------------------------------------------------------------
def test_tabs() -> None:
    def tweak(built: Built) -> None:
        del built.pdf.pages[1].obj.Tabs

    only(violations(good(tweak)), "page 2: /Tabs is not /S")


def test_struct_parents() -> None:
    def tweak(built: Built) -> None:
        del built.pdf.pages[0].obj.StructParents

    only(violations(good(tweak)), "page 1: has marked content or annotations but no /StructParents")


# -- rule 3: content -----------------------------------------------------------------------------
@pytest.mark.parametrize(("extra", "shown"), [
    ("BT /F1 12 Tf (x) Tj ET", "Tj ×1"),
    ("BT /F1 12 Tf [(x) -250 (y)] TJ ET", "TJ ×1"),
    ("BT /F1 12 Tf 14 TL (x) ' ET", "' ×1"),
    ('BT /F1 12 Tf 14 TL 1 2 (x) " ET', '" ×1'),
    ("0 0 5 5 re S", "S ×1"),
    ("0 0 5 5 re s", "s ×1"),
    ("0 0 5 5 re f", "f ×1"),
    ("0 0 5 5 re F", "F ×1"),
    ("0 0 5 5 re f*", "f* ×1"),
    ("0 0 5 5 re B", "B ×1"),
    ("0 0 5 5 re B*", "B* ×1"),
    ("0 0 5 5 re b", "b ×1"),
    ("0 0 5 5 re b*", "b* ×1"),
    ("q 10 0 0 10 0 0 cm /Im1 Do Q", "Do ×1"),
    ("/Sh1 sh", "sh ×1"),
    ("BI /W 1 /H 1 /CS /G /BPC 8 ID \x80 EI", "inline image ×1"),
    ("/Span BMC BT /F1 12 Tf (x) Tj ET EMC", "Tj ×1"),  # a sequence that is neither an Artifact nor an MCID
    ("/Span <</ActualText (x)>> BDC 0 0 5 5 re f EMC", "f ×1"),
])
def test_painting_outside_artifact_and_mcid(extra: str, shown: str) -> None:
    only(violations(good(with_content(1, extra))),
         f"page 2: painted outside Artifact and MCID marked content: {shown}")


@pytest.mark.parametrize("extra", [
    "0 0 5 5 re W n",  # a clipping path paints nothing
    "/Artifact BMC 0 0 5 5 re f BT /F1 12 Tf (x) Tj ET EMC",
    "/Artifact <</Type /Layout>> BDC /Span BMC 0 0 5 5 re f EMC EMC",
    "/OC /oc1 BDC /Artifact BMC BI /W 1 /H 1 /CS /G /BPC 8 ID \x80 EI EMC EMC",
])
def test_painting_inside_artifacts(extra: str) -> None:
    assert violations(good(with_content(1, extra))) == []


def test_repeats_on_a_page_collapse_to_one_line() -> None:
    found = violations(good(with_content(0, " 0 0 5 5 re f" * 50 + " BT /F1 9 Tf" + " (x) Tj" * 30 + " ET")))
    only(found, "page 1: painted outside Artifact and MCID marked content: Tj ×30, f ×50")


def _form(built: Built, content: str) -> None:
    form = built.pdf.make_stream(content.encode(), Type=Name.XObject, Subtype=Name.Form, BBox=[0, 0, 10, 10],
                                 Resources=Dictionary(Font=Dictionary(F1=built.font)))
    built.resources.XObject.Fm1 = form


def test_a_covered_form_is_covered_whatever_it_draws() -> None:
    def tweak(built: Built) -> None:
        _form(built, "0 0 5 5 re f BT /F1 9 Tf (form) Tj ET")
        with_content(1, "/Artifact BMC /Fm1 Do EMC")(built)

    assert violations(good(tweak)) == []


def test_an_uncovered_form_is_one_violation_at_its_do() -> None:
    def tweak(built: Built) -> None:
        _form(built, "0 0 5 5 re f BT /F1 9 Tf (form) Tj ET")
        with_content(1, "/Fm1 Do")(built)

    only(violations(good(tweak)), "page 2: painted outside Artifact and MCID marked content: Do ×1")


@pytest.mark.parametrize(("content", "mcids", "fragment"), [
    ("/P <</MCID 2>> BDC /Span <</MCID 3>> BDC BT /F1 9 Tf (x) Tj ET EMC EMC", (2, 3), "MCID 3 nested inside MCID 2"),
    ("/Artifact BMC /P <</MCID 2>> BDC BT /F1 9 Tf (x) Tj ET EMC EMC", (2,), "MCID 2 inside an Artifact sequence"),
    ("/P <</MCID 2>> BDC /Artifact BMC 0 0 5 5 re f EMC EMC", (2,), "an Artifact sequence inside MCID 2"),
    ("/Artifact BMC 0 0 5 5 re f EMC EMC", (), "EMC with no BMC/BDC open"),
    ("/Artifact BMC 0 0 5 5 re f", (), "1 marked-content sequence(s) not closed by EMC"),
])
def test_marked_content_nesting(content: str, mcids: tuple[int, ...], fragment: str) -> None:
    def tweak(built: Built) -> None:
        with_content(1, content)(built)
        if mcids:  # an element and parent tree entries for the new MCIDs: nesting is the only thing wrong
            element = built.element("P", built.elements["aside"], 1, mcids)
            built.tree.ParentTree.Nums[3].extend([element] * len(mcids))  # page 2's array, MCIDs 0 and 1 before

    only(violations(good(tweak)), "page 2: " + fragment)


# -- rule 4: the parent tree ---------------------------------------------------------------------
def test_an_mcid_no_element_references() -> None:
    found = violations(good(with_content(1, "/P <</MCID 2>> BDC BT /F1 9 Tf (lost) Tj ET EMC")))
    only(found, "page 2: MCID 2 is referenced by no structure element",
         "page 2: MCID 2 has no element in the parent tree")


def test_an_mcid_used_twice_on_a_page() -> None:
    found = violations(good(with_content(1, "/P <</MCID 1>> BDC BT /F1 9 Tf (again) Tj ET EMC")))
    only(found, "page 2: MCID 1 marks 2 sequences")


def test_a_reference_to_an_mcid_the_page_does_not_have() -> None:
    def tweak(built: Built) -> None:
        built.elements["td"].K.append(7)

    only(violations(good(tweak)), "structure: TD references MCID 7 on page 1, which the page's content does not have")


def test_an_mcr_to_a_missing_mcid_on_another_page() -> None:
    def tweak(built: Built) -> None:
        built.elements["td"].K.append(Dictionary(Type=Name.MCR, Pg=built.pdf.pages[1].obj, MCID=5))

    only(violations(good(tweak)), "TD references MCID 5 on page 2, which the page's content does not have")


def test_the_parent_tree_maps_an_mcid_to_the_wrong_element() -> None:
    def tweak(built: Built) -> None:
        built.tree.ParentTree.Nums[1][0] = built.elements["p"]

    only(violations(good(tweak)), "page 1: the parent tree maps MCID 0 to P, whose /K does not reference it")


def test_two_elements_reference_one_mcid() -> None:
    def tweak(built: Built) -> None:
        built.elements["p"].K.append(0)

    only(violations(good(tweak)), "page 1: MCID 0 is referenced by 2 structure elements (H1, P)")


def test_a_page_whose_parent_tree_entry_is_missing() -> None:
    def tweak(built: Built) -> None:
        built.pdf.pages[1].obj.StructParents = 40

    only(violations(good(tweak)), "page 2: the parent tree has no array for its /StructParents 40")


# -- rule 5: headings ----------------------------------------------------------------------------
def _headings(*roles: str) -> bytes:
    """A document whose only content is one heading per role, in order."""
    built = start()
    built.page("".join(f"/{r} <</MCID {i}>> BDC BT /F1 12 Tf 72 {700 - 20 * i} Td (Heading {i}) Tj ET EMC\n"
                       for i, r in enumerate(roles)))
    document = built.element("Document")
    for i, role in enumerate(roles):
        built.element(role, document, 0, (i,))
    built.finish()
    return built.bytes()


@pytest.mark.parametrize("roles", [
    ("H1", "H2", "H3", "H2", "H3", "H1", "H2"),
    ("H", "H", "H"),
    ("H1", "H1"),
])
def test_headings_in_order(roles: tuple[str, ...]) -> None:
    assert violations(_headings(*roles)) == []


@pytest.mark.parametrize(("roles", "fragment"), [
    (("H1", "H3"), 'headings: H3 on page 1 "Heading 1" follows an H1 (skips a level)'),
    (("H1", "H2", "H4"), "H4 on page 1 \"Heading 2\" follows an H2"),
    (("H2", "H3"), 'headings: the first heading is H2 on page 1 "Heading 0", not an H1'),
    (("H1", "H"), "headings: plain H and numbered H1–H6 headings are mixed"),
])
def test_headings_out_of_order(roles: tuple[str, ...], fragment: str) -> None:
    only(violations(_headings(*roles)), fragment)


def test_a_role_mapped_heading_counts_as_its_level() -> None:
    built = start()
    built.page("/H1 <</MCID 0>> BDC BT /F1 12 Tf (a) Tj ET EMC /Title3 <</MCID 1>> BDC BT /F1 12 Tf (b) Tj ET EMC")
    document = built.element("Document")
    built.element("H1", document, 0, (0,))
    built.element("Title3", document, 0, (1,))
    built.tree.RoleMap = Dictionary(Title3=Name.H3)
    built.finish()
    only(violations(built.bytes()), 'Title3 on page 1 "b" follows an H1 (skips a level)')


# -- rule 6: figures ----------------------------------------------------------------------------
def test_a_figure_with_actual_text_instead_of_alt() -> None:
    def tweak(built: Built) -> None:
        del built.elements["figure"].Alt
        built.elements["figure"].ActualText = String("A grey square")

    assert violations(good(tweak)) == []


@pytest.mark.parametrize("alt", [None, " "], ids=["no-alt", "blank-alt"])
def test_a_figure_without_alt(alt: str | None) -> None:
    def tweak(built: Built) -> None:
        if alt is None:
            del built.elements["figure"].Alt
        else:
            built.elements["figure"].Alt = String(alt)

    only(violations(good(tweak)), "figures: Figure on page 1 has no /Alt (nor /ActualText)")


# -- rule 7: tables -----------------------------------------------------------------------------
def test_th_scope_in_an_attribute_array_with_revision_numbers() -> None:
    def tweak(built: Built) -> None:
        built.elements["th"].A = Array([Dictionary(O=Name.Layout, Placement=Name.Block), 0,
                                        Dictionary(O=Name.Table, Scope=Name.Both), 1])

    assert violations(good(tweak)) == []


def test_a_table_without_th() -> None:
    def tweak(built: Built) -> None:
        built.elements["th"].S = Name.TD

    only(violations(good(tweak)), 'tables: Table "Region North" has no TH')


@pytest.mark.parametrize("attributes", [
    None,
    Dictionary(O=Name.Table, RowSpan=2),
    Dictionary(O=Name.Layout, Scope=Name.Column),
    Dictionary(O=Name.Table, Scope=Name.Sideways),
], ids=["no-A", "no-scope", "not-a-table-attribute", "bad-scope"])
def test_th_without_scope(attributes: Dictionary | None) -> None:
    def tweak(built: Built) -> None:
        if attributes is None:
            del built.elements["th"].A
        else:
            built.elements["th"].A = attributes

    only(violations(good(tweak)), 'tables: TH on page 1 "Region" has no /A << /O /Table /Scope')


# -- rule 8: links ------------------------------------------------------------------------------
def test_a_link_without_contents() -> None:
    def tweak(built: Built) -> None:
        del built.elements["annotation"].Contents

    only(violations(good(tweak)), 'page 1: link "https://example.com/" has no /Contents')


def test_a_link_without_struct_parent() -> None:
    def tweak(built: Built) -> None:
        del built.elements["annotation"].StructParent

    only(violations(good(tweak)), "has no /StructParent")


def test_a_link_whose_struct_parent_is_not_a_link() -> None:
    def tweak(built: Built) -> None:
        built.tree.ParentTree.Nums[-1] = built.elements["p"]

    only(violations(good(tweak)), "its /StructParent 2 maps to P, not Link", "its Link element has no OBJR for it")


def test_a_link_element_without_the_objr() -> None:
    def tweak(built: Built) -> None:
        built.elements["link"].K = Array([2])

    only(violations(good(tweak)), "its Link element has no OBJR for it")


# -- rule 9: fonts ------------------------------------------------------------------------------
def test_a_font_not_embedded() -> None:
    def tweak(built: Built) -> None:
        del built.font.FontDescriptor.FontFile2

    only(violations(good(tweak)), "page 1: font Test is not embedded")


def test_a_font_without_to_unicode() -> None:
    def tweak(built: Built) -> None:
        del built.font.ToUnicode

    only(violations(good(tweak)), "page 1: font Test has no /ToUnicode")


def test_a_code_the_to_unicode_map_lacks() -> None:
    # the map covers 0x20–0x7E (0x27 by bfchar, 0x28–0x2A by an array range); 0xE9 is not in it
    found = violations(good(with_content(1, "/Artifact BMC BT /F1 9 Tf (caf\xe9 \x7e' \\( \\)) Tj ET EMC")))
    only(found, "page 2: font Test shows codes its ToUnicode maps to no text: 0xe9")


def test_a_code_mapped_to_nothing() -> None:
    apostrophe = with_content(1, "/Artifact BMC BT /F1 9 Tf (it's) Tj ET EMC")
    assert violations(good(apostrophe)) == []

    def unmapped(built: Built) -> None:
        built.font.ToUnicode = built.pdf.make_stream(TO_UNICODE.replace(b"<27> <2019>", b"<27> <0000>"))
        apostrophe(built)

    only(violations(good(unmapped)), "page 2: font Test shows codes its ToUnicode maps to no text: 0x27")


def test_the_fonts_of_a_form_are_checked_too() -> None:
    def tweak(built: Built) -> None:
        helvetica = built.pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1,
                                                       BaseFont=Name.Helvetica))
        form = built.pdf.make_stream(b"BT /F9 9 Tf (x) Tj ET", Type=Name.XObject, Subtype=Name.Form,
                                     BBox=[0, 0, 10, 10], Resources=Dictionary(Font=Dictionary(F9=helvetica)))
        built.resources.XObject.Fm1 = form
        with_content(1, "/Artifact BMC /Fm1 Do EMC")(built)

    only(violations(good(tweak)), "page 1: font Helvetica is not embedded", "page 1: font Helvetica has no /ToUnicode")


def _type0(built: Built, cmap: bytes, embedded: bool = True) -> Dictionary:
    descriptor = Dictionary(Type=Name.FontDescriptor, FontName=Name("/CIDTest"), Flags=4,
                            FontBBox=[0, -200, 1000, 800], ItalicAngle=0, Ascent=800, Descent=-200, CapHeight=700,
                            StemV=80)
    if embedded:
        descriptor.FontFile2 = built.pdf.make_stream(b"(the font program)")
    cid = Dictionary(Type=Name.Font, Subtype=Name.CIDFontType2, BaseFont=Name("/CIDTest"), DW=1000,
                     CIDSystemInfo=Dictionary(Registry=String("Adobe"), Ordering=String("Identity"), Supplement=0),
                     FontDescriptor=built.pdf.make_indirect(descriptor), W=Array([1, Array([600, 600])]))
    font = built.pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type0, BaseFont=Name("/CIDTest"),
                                              Encoding=Name("/Identity-H"), DescendantFonts=Array([cid]),
                                              ToUnicode=built.pdf.make_stream(cmap)))
    built.resources.Font.F2 = font
    return font


CID_CMAP = b"""begincmap 1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0001> <00C5> <0002> <0073> endbfchar endcmap"""


def _type0_text(codes: str, embedded: bool = True) -> Callable[[Built], None]:
    def tweak(built: Built) -> None:
        _type0(built, CID_CMAP, embedded)
        with_content(1, f"/Artifact BMC BT /F2 9 Tf <{codes}> Tj ET EMC")(built)

    return tweak


def test_a_type0_font_with_two_byte_codes() -> None:
    assert violations(good(_type0_text("00010002"))) == []
    only(violations(good(_type0_text("00010002", embedded=False))), "page 1: font CIDTest is not embedded")
    lost = violations(good(_type0_text("00010003")))
    only(lost, "page 2: font CIDTest shows codes its ToUnicode maps to no text: 0x0003")


# -- rule 10: structure types ---------------------------------------------------------------------
def test_a_type_neither_standard_nor_mapped() -> None:
    def tweak(built: Built) -> None:
        built.elements["table"].S = Name("/Grid")

    found = violations(good(tweak))
    assert "structure: Grid is not a standard structure type and /RoleMap maps it to none" in found
    assert len(found) == 1, found


def test_a_role_map_to_another_custom_type_that_maps_to_nothing() -> None:
    def tweak(built: Built) -> None:
        built.tree.RoleMap = Dictionary(Aside=Name("/Box"), Box=Name("/Aside"))

    only(violations(good(tweak)), "structure: Aside is not a standard structure type")


def test_a_standard_type_remapped() -> None:
    def tweak(built: Built) -> None:
        built.tree.RoleMap.P = Name.Span

    only(violations(good(tweak)), "structure: /RoleMap remaps the standard type P to Span")


# -- structure_text -------------------------------------------------------------------------------
def test_structure_text_reads_the_tree() -> None:
    assert structure_text(good()) == GOOD_TEXT


def test_structure_text_follows_the_tree_not_the_drawing_order() -> None:
    def tweak(built: Built) -> None:
        kids = built.elements["document"].K
        built.elements["document"].K = Array([kids[4], kids[0], kids[1], kids[2], kids[3]])

    assert structure_text(good(tweak)).startswith("Details The end. Annual report")


def test_structure_text_prefers_actual_text_and_skips_artifacts() -> None:
    built = start()
    built.page("/Artifact BMC BT /F1 9 Tf 72 20 Td (Page 1) Tj ET EMC\n"
               "/P <</MCID 0 /ActualText (done)>> BDC 0 0 5 5 re f EMC\n"
               "/P <</MCID 1>> BDC BT /F1 12 Tf 72 700 Td (ABBR) Tj ET EMC\n")
    document = built.element("Document")
    built.element("P", document, 0, (0,))
    built.element("Span", document, 0, (1,), ActualText=String("abbreviation"))
    built.finish()
    assert structure_text(built.bytes()) == "done abbreviation"


def test_structure_text_spaces_between_lines_and_gaps_not_within_words() -> None:
    built = start()
    built.page("/P <</MCID 0>> BDC BT /F1 10 Tf 12 TL 72 700 Td (end of a) Tj T* (line) Tj"
               " (s ) Tj [(kern) 20 (ed) -300 (gap)] TJ 1 0 0 1 300 700 Tm (far) Tj"
               " 0 1 -1 0 400 400 Tm (rot) Tj (ated) Tj ET EMC\n"
               # marked content opened and closed inside one text object: each to its own MCID
               "BT /F1 10 Tf 72 600 Td /P <</MCID 1>> BDC (one) Tj EMC /P <</MCID 2>> BDC (two) Tj EMC ET\n")
    document = built.element("Document")
    built.element("P", document, 0, (2,))
    built.element("P", document, 0, (0,))
    built.element("P", document, 0, (1,))
    built.finish()
    assert structure_text(built.bytes()) == "two end of a lines kerned gap far rotated one"


def test_structure_text_reads_text_a_form_draws_in_a_sequence() -> None:
    def tweak(built: Built) -> None:
        _form(built, "BT /F1 9 Tf (in a form) Tj ET")
        with_content(1, "/P <</MCID 2>> BDC /Fm1 Do EMC")(built)
        built.mcr(built.elements["p2"], 1, 2)
        built.tree.ParentTree.Nums[3].append(built.elements["p2"])

    pdf = good(tweak)
    assert violations(pdf) == []
    assert structure_text(pdf).endswith("Details The end. in a form")


# -- outline -----------------------------------------------------------------------------------
def test_outline() -> None:
    assert outline(good()) == "\n".join([
        "Document",
        '  H1 "Annual report"',
        '  P "Sales rose in the north. See"',
        '    Link [annot Link] "our site"',
        '  Figure Alt="A grey square"',
        "  Table",
        "    TR",
        '      TH Scope=Column "Region"',
        '      TD "North"',
        "  Aside→Div",
        '    H2 Lang="en-GB" "Details"',
        '    P "The end."',
    ])


def test_outline_of_one_page() -> None:
    assert outline(good(), page=2) == "\n".join([
        "Document",
        "  Aside→Div",
        '    H2 Lang="en-GB" "Details"',
        '    P "The end."',
    ])
    assert outline(good(), page=3) == ""


def test_outline_cuts_long_text() -> None:
    built = start()
    built.page("/P <</MCID 0>> BDC BT /F1 9 Tf (" + "word " * 20 + ") Tj ET EMC")
    built.element("P", None, 0, (0,))
    built.finish()
    assert outline(built.bytes()) == 'P "' + ("word " * 8).strip() + '…"'


# -- a PDF drawn by reportlab, as the renderers draw ----------------------------------------------
def _reportlab(font: str) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    if font == "Vera":
        pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))  # reportlab ships Bitstream Vera
    buffer = io.BytesIO()
    # reportlab sets its initial font on every page (BT /F1 12 Tf 14.4 TL ET), which puts that font in the
    # page's resources: Helvetica, not embedded, unless the canvas starts with another
    canvas = Canvas(buffer, initialFontName=font)
    canvas.addLiteral("/Artifact BMC")
    canvas.line(72, 60, 540, 60)
    canvas.addLiteral("EMC")
    canvas.addLiteral("/P <</MCID 0>> BDC")
    text = canvas.beginText(72, 700)
    text.setFont(font, 12)
    text.textLines("Drawn by reportlab,\nover two lines — café")
    canvas.drawText(text)
    canvas.addLiteral("EMC")
    canvas.showPage()
    canvas.save()
    pdf = pikepdf.open(io.BytesIO(buffer.getvalue()))
    tree = catalog(pdf)
    paragraph = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.P, P=tree, Pg=pdf.pages[0].obj, K=0))
    tree.K = paragraph
    tree.ParentTree = Dictionary(Nums=Array([0, Array([paragraph])]))
    pdf.pages[0].obj.StructParents = 0
    pdf.pages[0].obj.Tabs = Name.S
    out = io.BytesIO()
    pdf.save(out, fix_metadata_version=False)
    return out.getvalue()


def test_a_reportlab_pdf_with_an_embedded_font() -> None:
    pdf = _reportlab("Vera")
    assert violations(pdf) == []
    assert structure_text(pdf) == "Drawn by reportlab, over two lines — café"


def test_a_reportlab_pdf_with_a_standard_font() -> None:
    found = violations(_reportlab("Helvetica"))
    only(found, "page 1: font Helvetica is not embedded", "page 1: font Helvetica has no /ToUnicode")
