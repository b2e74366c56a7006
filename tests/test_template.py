"""A corporate template used as its owner designed it: roles found by placeholders, the
template's footer placeholders filled, nothing of reportgen's over what the master draws, and
the deck's PDFs drawing the master too."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pypdf
import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

from reportgen.cli import cli

from .conftest import REPO, write_content
from .corporate_template import BAND, MARK, corporate_template

FOOTER_SLOTS = (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE)


@pytest.fixture(scope="module")
def corporate_build(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("corporate")
    template = corporate_template(root / "corp.pptx")
    out = root / "out"
    for fmt in ("pptx", "slides-pdf", "handout"):
        result = CliRunner().invoke(cli, ["build", str(REPO / "content"), "-o", str(out), "-f", fmt,
                                          "--template", str(template)])
        assert result.exit_code == 0, result.output
        assert result.stderr == ""
    return {"template": template, "pptx": next(out.glob("*.pptx")), "pdf": next(out.glob("*.slides.pdf")),
            "handout": next(out.glob("*.handout.pdf"))}


def _box(shape: Any) -> tuple[int, int, int, int]:
    return shape.left, shape.top, shape.width, shape.height


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def test_nothing_of_reportgens_covers_what_the_master_draws(corporate_build: dict[str, Path]) -> None:
    deck = Presentation(str(corporate_build["pptx"]))
    drawn = {shape.name: _box(shape) for shape in deck.slide_master.shapes if not shape.is_placeholder}
    assert set(drawn) == {"Footer band", "Top stripe", "ACME logo", "Corner mark"}
    checked = 0
    for number, slide in enumerate(deck.slides, 1):
        assert slide.slide_layout.name.startswith("ACME ")
        for shape in slide.shapes:
            if shape.is_placeholder and shape.placeholder_format.type in FOOTER_SLOTS:
                continue  # the template's own boxes, in its band
            for name, box in drawn.items():
                assert not _overlap(_box(shape), box), f"slide {number}: {shape.name!r} over the master's {name!r}"
            checked += 1
    assert checked > 3 * len(deck.slides)


def test_the_templates_footer_placeholders_hold_the_footer_and_the_slide_number(
        corporate_build: dict[str, Path]) -> None:
    deck = Presentation(str(corporate_build["pptx"]))
    slides = list(deck.slides)
    for number, slide in enumerate(slides, 1):
        names = {shape.name for shape in slide.shapes}
        assert not names & {"Footer", "Slide number"}  # the template's placeholders hold them
        slots = {shape.placeholder_format.type: shape for shape in slide.placeholders
                 if shape.placeholder_format.type in FOOTER_SLOTS}
        if slide.element.find(f"{qn('p:cSld')}/{qn('p:bg')}") is not None:  # dark (title, divider, closing)
            assert not slots
            continue
        assert "Logo" not in names  # the master's logo is in its band
        assert slots[PP_PLACEHOLDER.FOOTER].text_frame.text == "Big Blue Data Academy · bigblue.academy"
        field = slots[PP_PLACEHOLDER.SLIDE_NUMBER].element.find(".//" + qn("a:fld"))
        assert field.get("type") == "slidenum" and field.findtext(qn("a:t")) == str(number)
        run = slots[PP_PLACEHOLDER.FOOTER].text_frame.paragraphs[0].runs[0]
        assert str(run.font.color.rgb) == "FFFFFF"  # the template's white on its dark band, written out


def test_the_slides_pdf_draws_the_master_as_the_deck_shows_it(corporate_build: dict[str, Path]) -> None:
    page = pypdf.PdfReader(corporate_build["pdf"]).pages[1]
    content = page.get_contents().get_data().decode("latin-1")
    fill = re.search(r"([\d.]+) ([\d.]+) ([\d.]+) rg\nn 0 0 720 46 re f", content)  # the band, a slide wide
    assert fill and [round(float(c) * 255) for c in fill.groups()] == list(BAND)
    mark = re.search(r"([\d.]+) ([\d.]+) ([\d.]+) rg\nn 690 528 m 710 528 l 710 508 l h\nf", content)  # outline
    assert mark and [round(float(c) * 255) for c in mark.groups()] == list(MARK)
    assert page.images, "the master's logo"
    found: list[tuple[str, float]] = []
    page.extract_text(visitor_text=lambda text, cm, tm, font, size: found.append((text, tm[5])))
    footer = [y for text, y in found if "Big Blue Data Academy" in text]
    assert footer and all(y < 46 for y in footer)  # on the band, at the foot of the slide
    printed = pypdf.PdfReader(corporate_build["handout"]).pages[0]  # the slide handout: the same slides, smaller
    fills = re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) rg", printed.get_contents().get_data().decode("latin-1"))
    assert list(BAND) in [[round(float(c) * 255) for c in rgb] for rgb in fills] and printed.images


@pytest.mark.parametrize("fmt", ["pdf", "handout"])
def test_slides_on_a_template_are_tagged_with_its_art_as_artifacts(corporate_build: dict[str, Path], fmt: str) -> None:
    """The master's band, stripe, free-form and logo, and the footer placeholders' text, are
    drawn as artifacts: the tagged PDFs break no PDF/UA rule on a template either."""
    from . import pdfua_check

    assert pdfua_check.violations(corporate_build[fmt]) == []
    assert "Big Blue Data Academy · bigblue.academy" not in pdfua_check.structure_text(corporate_build[fmt])


def test_template_check_explains_the_mapping(runner: CliRunner, corporate_build: dict[str, Path]) -> None:
    result = runner.invoke(cli, ["template", "check", str(corporate_build["template"])])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "content: no layout named 'Title Only' or 'Title and Content'; using 'ACME Title Only'" in out
    assert "footer: the layouts' footer and slide number placeholders" in out
    assert "the master draws: 'Footer band', 'Top stripe', 'Corner mark', 'ACME logo'; reportgen keeps its " \
           "text and decoration clear of them" in out


def test_what_the_pdfs_cannot_draw_is_named(runner: CliRunner, tmp_path: Path) -> None:
    template = corporate_template(tmp_path / "corp.pptx", group=True)
    content = write_content(tmp_path, {"a.md": "# Section\n\n- point\n"})
    args = ["build", str(content), "-o", str(tmp_path / "o"), "--template", str(template)]
    result = runner.invoke(cli, [*args, "-f", "slides-pdf"])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"warning: {template}: slides-pdf and the slide handout leave out "
                                    "'Ornament' on the slide master")
    assert runner.invoke(cli, [*args, "-f", "pptx"]).stderr == ""  # PowerPoint draws it
    assert runner.invoke(cli, [*args, "-f", "slides-pdf", "--strict"]).exit_code == 1


NAMED = ("# Section\n\n- point\n- more\n\n## Results {#res layout=\"Comparison\"}\n\n- one\n- two\n\n"
         "## Bare {.unnumbered layout=\"Blank\"}\n\n- three: see [the results](#res)\n")


@pytest.mark.parametrize("corporate", [False, True])
def test_a_slide_is_built_on_the_layout_its_heading_names(runner: CliRunner, tmp_path: Path, corporate: bool) -> None:
    prefix = "ACME " if corporate else ""
    text = NAMED.replace('"Comparison"', f'"{prefix}Comparison"').replace('"Blank"', f'"{prefix}Blank"')
    content = write_content(tmp_path, {"a.md": text, "b.md": f"# Own\n\n::: slides layout=\"{prefix}Title Only\"\n"
                                                              "- shown\n:::\n\nSaid.\n"})
    args = ["--template", str(corporate_template(tmp_path / "corp.pptx"))] if corporate else []
    result = runner.invoke(cli, ["build", str(content), "-o", str(tmp_path / "o"), "-f", "pptx", *args])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    slides = {s.shapes.title.text_frame.text if s.shapes.title else
              next(sh.text_frame.text for sh in s.shapes if sh.name == "Title"): s
              for s in Presentation(str(tmp_path / "o" / "test-guide.pptx")).slides}
    assert slides["Results"].slide_layout.name == f"{prefix}Comparison"  # the attribute block is not in the title
    assert slides["Bare"].slide_layout.name == f"{prefix}Blank"  # no title placeholder: the title in a box
    assert slides["Own"].slide_layout.name == f"{prefix}Title Only"
    link = next(r for sh in slides["Bare"].shapes if sh.name == "Body" for p in sh.text_frame.paragraphs
                for r in p.runs if r.text == "the results")
    click = link._r.find(f"{qn('a:rPr')}/{qn('a:hlinkClick')}")
    assert click.get("action") == "ppaction://hlinksldjump"  # the {#res} id is the heading's anchor


def test_a_layout_the_template_lacks_is_an_error_listing_its_layouts(runner: CliRunner, tmp_path: Path) -> None:
    content = write_content(tmp_path, {"a.md": NAMED})
    template = corporate_template(tmp_path / "corp.pptx")
    out = tmp_path / "o"
    result = runner.invoke(cli, ["build", str(content), "-o", str(out), "-f", "pptx", "--template", str(template)])
    assert result.exit_code == 1
    assert result.stderr == (f"error: {content / 'a.md'}:6: no layout named 'Comparison' in the template; use one "
                             "of: ACME Title, ACME Text, ACME Section, ACME Two Columns, ACME Comparison, ACME Title "
                             "Only, ACME Blank, ACME Content with Caption, ACME Picture with Caption, ACME Title and "
                             "Vertical Text, ACME Vertical Title and Text\n")
    assert not out.exists()
    checked = runner.invoke(cli, ["check", str(content), "-f", "pptx", "--template", str(template)])
    assert checked.exit_code == 1 and checked.stderr == result.stderr  # check finds it, before anything is drawn


def test_the_default_layout_names_are_python_pptxs() -> None:
    from reportgen.template import DEFAULT_LAYOUTS

    assert tuple(layout.name for layout in Presentation().slide_layouts) == DEFAULT_LAYOUTS


def test_a_template_whose_placeholders_have_no_index_as_libreoffice_saves_them(runner: CliRunner,
                                                                                tmp_path: Path) -> None:
    """LibreOffice writes layouts' body placeholders without ``idx``: they are found all the
    same, and the slide's text and footer go into the right ones. It writes no view
    properties either, which PowerPoint would repair: the deck gets them."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    template = corporate_template(tmp_path / "corp.pptx")
    deck = Presentation(str(template))
    deck.part.drop_rel(next(rid for rid, rel in deck.part.rels.items() if rel.reltype == RT.VIEW_PROPS))
    for layout in deck.slide_layouts:
        for ph in layout.placeholders:
            if ph.placeholder_format.type in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT):
                ph.element.find(f".//{qn('p:ph')}").attrib.pop("idx", None)
    deck.save(str(template))
    content = write_content(tmp_path, {"a.md": "# Section\n\n- point\n- more\n\n## Next\n\n- again\n- and again\n"})
    result = runner.invoke(cli, ["build", str(content), "-o", str(tmp_path / "o"), "-f", "pptx", "--template",
                                 str(template)])
    assert result.exit_code == 0, result.output
    slide = next(s for s in Presentation(str(tmp_path / "o" / "test-guide.pptx")).slides
                 if s.shapes.title.text_frame.text == "Next")
    body = next(sh for sh in slide.shapes if sh.name == "Body")
    assert body.is_placeholder and body.placeholder_format.type == PP_PLACEHOLDER.OBJECT
    assert body.text_frame.text == "again\nand again"
    built = Presentation(str(tmp_path / "o" / "test-guide.pptx"))
    assert built.part.part_related_by(RT.VIEW_PROPS).blob.startswith(b"<?xml")


def test_dark_slides_go_dark_on_a_masters_panel_and_the_pdfs_draw_its_background_picture(
        runner: CliRunner, tmp_path: Path) -> None:
    """A master that draws a white panel over most of the slide would hide a dark slide's
    ground (and its white text): the ground goes on the panel instead, under the title."""
    template = corporate_template(tmp_path / "corp.pptx", panel=True)
    content = write_content(tmp_path, {"a.md": "# Section\n\n- point\n- more\n"})
    out = tmp_path / "o"
    for fmt in ("pptx", "slides-pdf"):
        result = runner.invoke(cli, ["build", str(content), "-o", str(out), "-f", fmt, "--template", str(template)])
        assert result.exit_code == 0, result.output
    first = next(iter(Presentation(str(out / "test-guide.pptx")).slides))
    names = [shape.name for shape in first.shapes]
    assert names[0] == "Ground" and names.index("Ground") < names.index("Title 1")
    ground = first.shapes[0]
    panel = next(s for s in Presentation(str(template)).slide_master.shapes if s.name == "Panel")
    assert _box(ground) == _box(panel) and str(ground.fill.fore_color.rgb) == "16408C"
    pages = pypdf.PdfReader(out / "test-guide.slides.pdf").pages
    assert (32, 18) in {(image.image.width, image.image.height) for image in pages[1].images}  # the background
    assert (32, 18) not in {(image.image.width, image.image.height) for image in pages[0].images}  # dark: covered


def test_a_long_footer_keeps_to_one_line_in_the_templates_placeholder(runner: CliRunner, tmp_path: Path) -> None:
    """Shrunk until it fits with the room every box keeps free (viewers wrap a little wider
    than reportgen measures): LibreOffice broke it in two when it fitted exactly."""
    from reportgen.brand import load_theme
    from reportgen.errors import Diagnostics
    from reportgen.fonts import width

    brand = REPO / "examples" / "northwind" / "brand.yml"
    template = corporate_template(tmp_path / "corp.pptx")
    out = tmp_path / "o"
    result = runner.invoke(cli, ["build", str(REPO / "content"), "-o", str(out), "-f", "pptx", "--template",
                                 str(template), "--brand", str(brand)])
    assert result.exit_code == 0, result.output
    theme = load_theme(brand, Diagnostics())
    slide = list(Presentation(str(next(out.glob("*.pptx")))).slides)[1]
    footer = next(sh for sh in slide.placeholders if sh.placeholder_format.type == PP_PLACEHOLDER.FOOTER)
    run = footer.text_frame.paragraphs[0].runs[0]
    room = (footer.width / 12700 - 2 * theme.deck.placeholder_inset) * (1 - theme.deck.fit_margin)
    assert run.text == theme.footer
    assert width(run.text, theme.style("slide.footer").family, run.font.size.pt) <= room
