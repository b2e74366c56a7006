"""One brand file re-skins both outputs: colours and fonts read back from the PDF and deck."""

from __future__ import annotations

import shutil
from pathlib import Path

import pypdf
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pptx import Presentation

from reportgen.brand import load_theme
from reportgen.errors import Diagnostics, ReportgenError

from .conftest import REPO, build_to, write_content

NORTHWIND = REPO / "examples" / "northwind" / "brand.yml"
CONTENT = {"a.md": "# Section\n\n- a bullet\n\n| A | B |\n|---|---|\n| 1 | 2 |\n"}


def pdf_fonts(path: Path) -> set[str]:
    reader = pypdf.PdfReader(path)
    return {str(f.get_object()["/BaseFont"]).split("+")[-1] for p in reader.pages
            for f in p["/Resources"]["/Font"].values()}


def pdf_fill_colours(path: Path) -> set[str]:
    """Every 'r g b rg' fill colour set in the page streams, as hex."""
    colours = set()
    for page in pypdf.PdfReader(path).pages:
        ops = page.get_contents().get_data().decode("latin-1").split("\n")
        for op in ops:
            parts = op.split()
            if len(parts) == 4 and parts[3] == "rg":
                colours.add("".join(f"{round(float(v) * 255):02X}" for v in parts[:3]))
    return colours


def deck_facts(path: Path) -> tuple[set[str], set[str]]:
    deck = Presentation(str(path))
    fonts, fills = set(), set()
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                fonts |= {r.font.name for p in shape.text_frame.paragraphs for r in p.runs}
            if shape.has_table:
                fills |= {str(c.fill.fore_color.rgb) for row in shape.table.rows for c in row.cells}
    return fonts, fills


@pytest.mark.parametrize("brand, font, deck_font, primary", [
    (None, "Carlito", "Calibri", "16408C"),
    (NORTHWIND, "LiberationSans", "Arial", "0E7A5E"),
])
def test_brand_colours_and_fonts_reach_both_outputs(tmp_path: Path, brand: Path | None, font: str,
                                                    deck_font: str, primary: str) -> None:
    pdf, pptx = build_to(write_content(tmp_path, CONTENT), tmp_path / "o", brand=brand)
    assert any(f.startswith(font) for f in pdf_fonts(pdf))
    assert primary in pdf_fill_colours(pdf)
    fonts, fills = deck_facts(pptx)
    assert fonts == {deck_font} and primary in fills


def test_northwind_sets_page_and_slide_size(tmp_path: Path) -> None:
    pdf, pptx = build_to(write_content(tmp_path, CONTENT), tmp_path / "o", brand=NORTHWIND)
    box = pypdf.PdfReader(pdf).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)  # Letter
    deck = Presentation(str(pptx))
    assert (deck.slide_width, deck.slide_height) == (9144000, 6858000)  # 4:3


def test_css_and_palette_colour_names(tmp_path: Path) -> None:
    brand = tmp_path / "brand.yml"
    brand.write_text("color:\n  palette:\n    leaf: seagreen\n  primary: leaf\n  secondary: '#ff8800'\n")
    theme = load_theme(brand, Diagnostics())
    assert theme.colors.primary == (46, 139, 87) and theme.colors.secondary == (255, 136, 0)
    assert theme.colors.on_primary == (255, 255, 255)


def test_text_on_primary_is_readable(tmp_path: Path) -> None:
    brand = tmp_path / "brand.yml"
    brand.write_text("color:\n  primary: '#FFE066'\n")  # a light primary needs dark text
    assert load_theme(brand, Diagnostics()).colors.on_primary == (26, 26, 26)


def test_minimal_brand_falls_back_sensibly(tmp_path: Path) -> None:
    brand = tmp_path / "brand.yml"
    brand.write_text("meta:\n  name: Tiny Co\n")
    theme = load_theme(brand, Diagnostics())
    assert theme.footer == "Tiny Co" and theme.logo is None
    assert theme.style("body").family.name == "Carlito"


def test_the_brand_yml_projects_posit_example_builds(tmp_path: Path) -> None:
    import brand_yml

    example = Path(brand_yml.__file__).parent / "examples" / "brand-posit.yml"
    brand = tmp_path / "posit" / "brand.yml"
    brand.parent.mkdir()
    shutil.copyfile(example, brand)
    for logo in ("posit.png", "posit-icon.png"):  # the example names logo files it does not ship
        shutil.copyfile(REPO / "assets" / "logos" / "logo.png", brand.parent / logo)
    (brand.parent / "posit.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 90 30">'
                                            '<rect width="90" height="30" fill="#447099"/></svg>')
    diag = Diagnostics()
    theme = load_theme(brand, diag)
    assert theme.colors.primary == (0x44, 0x70, 0x99)
    # each place takes the size brand.yml names for it: small in headers and footers, large on
    # the cover and title slide (an SVG, drawn as vectors), medium on dividers and the closing slide
    assert theme.logo and theme.logo.path == brand.parent / "posit-icon.png"
    assert theme.logo_on_dark and theme.logo_on_dark.path == brand.parent / "posit.svg"
    assert theme.logo_medium_on_dark and theme.logo_medium_on_dark.path == brand.parent / "posit.png"
    assert any("Open Sans" in str(w) and "using Carlito" in str(w) for w in diag.warnings)
    outputs = build_to(write_content(tmp_path, CONTENT), tmp_path / "o", brand=brand)
    assert [p.suffix for p in outputs] == [".pdf", ".pptx"]


def test_google_font_is_a_warning_but_a_missing_font_file_is_an_error(tmp_path: Path) -> None:
    brand = tmp_path / "brand.yml"
    brand.write_text("typography:\n  fonts:\n    - family: Inter\n      source: file\n      files:\n"
                     "        - path: fonts/Inter.ttf\n  base: Inter\n")
    with pytest.raises(ReportgenError) as err:
        load_theme(brand, Diagnostics())
    assert err.value.format_message() == f"{brand}:3: font file 'fonts/Inter.ttf' not found; check the path"


def test_the_readme_documents_every_setting_as_declared() -> None:
    from reportgen.brand_settings import SETTINGS

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    table = [line for line in readme.splitlines() if line.startswith("| `") and "` | " in line]
    for setting in SETTINGS:
        assert setting.readme_row() in table, f"README lacks, or differs on: {setting.readme_row()}"


_rgb = st.tuples(st.integers(0, 255), st.integers(0, 255), st.integers(0, 255))


@given(foreground=_rgb, background=_rgb, primary=_rgb)
def test_muted_text_reads_at_aa_on_the_page_and_zebra_rows_whenever_the_text_colour_does(
        foreground: tuple[int, int, int], background: tuple[int, int, int], primary: tuple[int, int, int]) -> None:
    from reportgen.theme.colors import AA_TEXT, contrast_ratio, derive_palette

    c = derive_palette(primary, foreground, background)
    if min(contrast_ratio(foreground, g) for g in (c.background, c.zebra)) >= AA_TEXT:
        assert min(contrast_ratio(c.muted, g) for g in (c.background, c.zebra)) >= AA_TEXT
    else:  # the foreground itself, or a mix of it that reads at AA (mixing may darken a saturated colour)
        assert c.muted == foreground or min(contrast_ratio(c.muted, g) for g in (c.background, c.zebra)) >= AA_TEXT


def test_the_readme_lists_the_brand_fields_reportgen_uses() -> None:
    from reportgen.brand_fields import readme_rows

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for row in readme_rows():
        assert row in readme.splitlines(), f"README lacks, or differs on: {row}"


def test_a_brand_field_reportgen_does_not_use_is_named_in_a_warning_at_its_line(tmp_path: Path) -> None:
    brand = tmp_path / "brand.yml"
    text = ("meta:\n  name: Tiny Co\n  link:\n    home: https://tiny.example/\n    github: https://github.com/tiny/tiny\n"
            "color:\n  primary: '#224488'\n  dark: '#111122'\n"
            "typography:\n  monospace:\n    family: Carlito\n    weight: 300\n  monospace-inline:\n    weight: 700\n"
            "defaults:\n  bootstrap:\n    enable-rounded: false\n")
    brand.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    diag = Diagnostics()
    load_theme(brand, diag)
    found = {(w.message.split("'")[1], w.source.line if w.source else None) for w in diag.warnings}
    expected = {("meta.link.github", 5), ("color.dark", 8), ("typography.monospace.weight", 12),
                ("typography.monospace-inline.weight", 14), ("defaults.bootstrap", 16)}
    assert found == expected and all(lines[line - 1].strip().startswith(field.split(".")[-1]) for field, line in found)
    assert all(w.message.endswith("is not used by reportgen (the README lists the brand fields it uses)")
               for w in diag.warnings)
    for used in (REPO / "assets" / "brand.yml", REPO / "examples" / "northwind" / "brand.yml"):
        quiet = Diagnostics()
        load_theme(used, quiet)
        assert not quiet.warnings, used  # the brands we ship use what they set
    with pytest.raises(ReportgenError):  # --strict: each is an error
        load_theme(brand, Diagnostics(strict=True))


def test_heading_weight_and_style_and_link_colour_reach_both_outputs(tmp_path: Path) -> None:
    brand = tmp_path / "brand.yml"
    brand.write_text("color:\n  primary: '#224488'\ntypography:\n  headings:\n    weight: 400\n    style: italic\n"
                     "  link:\n    color: '#B03060'\n", encoding="utf-8")
    theme = load_theme(brand, Diagnostics())
    assert not theme.style("heading.2").bold and theme.style("heading.2").italic
    assert not theme.style("slide.title").bold and theme.style("slide.title").italic
    content = write_content(tmp_path, {"a.md": "# Part\n\n## A heading\n\n- see [the site](https://example.com)\n"})
    pdf, pptx = build_to(content, tmp_path / "o", brand=brand)
    fonts = {str(f.get_object()["/BaseFont"]) for page in pypdf.PdfReader(pdf).pages
             for f in page["/Resources"]["/Font"].values()}
    assert any(name.endswith("Carlito-Italic") for name in fonts)  # headings in the italic face
    slide = next(s for s in Presentation(str(pptx)).slides if s.shapes.title.text_frame.text == "A heading"
                 and any(sh.name == "Body" for sh in s.shapes))
    title_run = slide.shapes.title.text_frame.paragraphs[0].runs[0]
    assert title_run.font.bold is False and title_run.font.italic is True
    link = next(r for sh in slide.shapes if sh.name == "Body" for p in sh.text_frame.paragraphs for r in p.runs
                if r.hyperlink.address)
    assert str(link.font.color.rgb) == "B03060"


def test_a_font_given_by_absolute_path_works_and_a_missing_bold_or_twin_is_said(tmp_path: Path) -> None:
    font = tmp_path / "elsewhere" / "MySans-Regular.ttf"
    font.parent.mkdir()
    shutil.copyfile(REPO / "assets" / "fonts" / "Carlito-Regular.ttf", font)
    brand = tmp_path / "brand" / "brand.yml"
    brand.parent.mkdir()
    brand.write_text(f"typography:\n  fonts:\n    - family: My Sans\n      source: file\n      files:\n"
                     f"        - path: {font}\n  base: My Sans\n", encoding="utf-8")
    diag = Diagnostics()
    theme = load_theme(brand, diag)
    assert theme.style("body").family.files[0] == font.resolve()  # an absolute path works
    said = [w.message for w in diag.warnings]
    assert any("'My Sans' has no bold file" in m for m in said)
    assert any("'My Sans' has no metric twin" in m and "viewer without it" in m for m in said)
    quiet = Diagnostics()
    load_theme(REPO / "examples" / "northwind" / "brand.yml", quiet)  # Liberation Sans: bold file and twin
    assert not quiet.warnings


@pytest.mark.parametrize(("size", "points"), [("14px", 10.5), ("1rem", 12.0), ("11.5pt", 11.5), ("90%", 10.8)])
def test_the_base_font_size_sets_the_handout_body_unless_body_size_is_set(tmp_path: Path, size: object,
                                                                         points: float) -> None:
    brand = tmp_path / "brand.yml"
    brand.write_text(f"typography:\n  base:\n    size: {size}\n", encoding="utf-8")
    theme = load_theme(brand, Diagnostics())
    assert theme.style("body").size == points and theme.style("heading.1").size > points
    brand.write_text(f"typography:\n  base:\n    size: {size}\ndefaults:\n  reportgen:\n    body-size: 9\n",
                     encoding="utf-8")
    assert load_theme(brand, Diagnostics()).style("body").size == 9


def test_a_base_font_size_that_is_not_a_size_is_an_error_at_its_line(tmp_path: Path) -> None:
    brand = tmp_path / "brand.yml"
    brand.write_text("typography:\n  base:\n    size: large\n", encoding="utf-8")
    with pytest.raises(ReportgenError) as err:
        load_theme(brand, Diagnostics())
    assert err.value.format_message().startswith(f"{brand}:3: 'large' is not a font size")


@pytest.mark.parametrize(("size", "points"), [("0.9em", 9.9), ("80%", 8.8), ("10pt", 10.0), ("12px", 9.0)])
def test_the_monospace_size_sets_the_handouts_code_relative_to_its_body(tmp_path: Path, size: str,
                                                                       points: float) -> None:
    brand = tmp_path / "brand.yml"
    brand.write_text(f"typography:\n  monospace:\n    size: {size}\n", encoding="utf-8")
    diag = Diagnostics()
    theme = load_theme(brand, diag)
    assert theme.style("body").size == 11 and theme.style("code").size == points and not diag.warnings


def _stream_fills(path: Path) -> set[str]:
    """Every fill colour the PDF's pages set, inside text objects too, as hex."""
    import re

    found = set()
    for page in pypdf.PdfReader(path).pages:
        for rgb in re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) rg", page.get_contents().get_data().decode("latin-1")):
            found.add("".join(f"{round(float(v) * 255):02X}" for v in rgb))
    return found


def test_signal_colours_light_and_code_colours_reach_both_outputs(tmp_path: Path) -> None:
    """color.warning/success/danger/tertiary/info colour callout bars by kind, color.light the
    tint, monospace-inline and -block their code, in the handout and the deck alike."""
    from pptx.oxml.ns import qn

    brand = tmp_path / "brand.yml"
    brand.write_text("color:\n  primary: '#224488'\n  warning: '#C05000'\n  success: '#1A7F37'\n  light: '#EEF3F8'\n"
                     "typography:\n  monospace-inline:\n    color: '#7A1FA2'\n    background-color: '#FFF3C4'\n"
                     "  monospace-block:\n    color: '#14213D'\n    background-color: '#E8EDF2'\n", encoding="utf-8")
    diag = Diagnostics()
    load_theme(brand, diag)
    assert not diag.warnings
    content = write_content(tmp_path, {"a.md": "# Part\n\n## Careful\n\n::: warning\nMind the `gap` here.\n:::\n\n"
                                               "::: tip\nA hint.\n:::\n\n## Code\n\n```\nplain text\n```\n"})
    pdf, pptx = build_to(content, tmp_path / "o", brand=brand)
    fills = _stream_fills(pdf)
    assert {"C05000", "1A7F37", "EEF3F8", "7A1FA2", "FFF3C4", "E8EDF2", "14213D"} <= fills
    slides = list(Presentation(str(pptx)).slides)
    careful = next(s for s in slides if s.shapes.title.text_frame.text == "Careful")
    bars = [str(sh.fill.fore_color.rgb) for sh in careful.shapes if sh.name == "Callout bar"]
    boxes = {str(sh.fill.fore_color.rgb) for sh in careful.shapes if sh.name == "Callout"}
    assert bars == ["C05000", "1A7F37"] and boxes == {"EEF3F8"}
    gap = next(r for sh in careful.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs for r in p.runs
               if r.text == "gap")
    assert str(gap.font.color.rgb) == "7A1FA2"
    assert gap._r.find(f"{qn('a:rPr')}/{qn('a:highlight')}/{qn('a:srgbClr')}").get("val") == "FFF3C4"
    code = next(s for s in slides if s.shapes.title.text_frame.text == "Code")
    plain = next(r for sh in code.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs for r in p.runs
                 if "plain" in r.text)
    assert str(plain.font.color.rgb) == "14213D"


def test_logos_by_size_small_in_footers_medium_on_dividers_large_on_the_cover(tmp_path: Path) -> None:
    """Three logos told apart by their pixel widths, read back from the handout's images and
    the deck's pictures."""
    import io

    from PIL import Image

    widths = {"small": 40, "medium": 120, "large": 400}
    for size, w in widths.items():
        Image.new("RGB", (w, w // 2), (200, 30, 30)).save(tmp_path / f"{size}.png")
    brand = tmp_path / "brand.yml"
    brand.write_text("logo:\n  small: small.png\n  medium: medium.png\n  large: large.png\n", encoding="utf-8")
    content = write_content(tmp_path, {"a.md": "# Part one\n\n## A\n\n- a\n\n## B\n\n- b\n\n## C\n\n- c\n",
                                       "b.md": "# Part two\n\n## D\n\n- d\n\n## E\n\n- e\n\n## F\n\n- f\n"})
    pdf, pptx = build_to(content, tmp_path / "o", brand=brand)

    def page_widths(page: pypdf.PageObject) -> set[int]:
        return {int(image.image.width) for image in page.images}

    pages = pypdf.PdfReader(pdf).pages
    assert widths["large"] in page_widths(pages[0])  # the cover
    assert all(page_widths(page) == {widths["small"]} for page in pages[1:])  # running headers

    def picture_widths(slide: object) -> set[int]:
        return {Image.open(io.BytesIO(sh.image.blob)).width for sh in slide.shapes  # type: ignore[attr-defined]
                if sh.shape_type == 13 and sh.name == "Logo"}

    slides = list(Presentation(str(pptx)).slides)
    kinds = {"title": slides[0], "closing": slides[-1]}
    assert picture_widths(kinds["title"]) == {widths["large"]}
    assert picture_widths(kinds["closing"]) == {widths["medium"]}
    dividers = [s for s in slides if any(sh.name == "Section number" for sh in s.shapes)]
    assert dividers and all(picture_widths(s) == {widths["medium"]} for s in dividers)
    light = [s for s in slides[1:-1] if s not in dividers]
    assert light and all(picture_widths(s) == {widths["small"]} for s in light)  # slide footers


EVERY_FIELD = """\
meta:
  name: {full: Every Field Inc., short: Every}
  link: {home: "https://every.example/", github: "https://github.com/every"}
logo:
  images: {mark: mark.png, mark-white: mark.png}
  small: mark
  medium: {light: mark, dark: mark-white}
  large: mark
color:
  palette: {blue: "#1F4E79", orange: darkorange}
  foreground: "#222222"
  background: white
  primary: blue
  secondary: orange
  tertiary: "#6F42C1"
  success: "#198754"
  info: "#0B6E99"
  warning: "#B35C00"
  danger: "#DC3545"
  light: "#F4F6F8"
  dark: "#212529"
typography:
  fonts:
    - family: Carlito
      source: file
      files:
        - {path: Carlito-Regular.ttf}
        - {path: Carlito-Bold.ttf, weight: bold}
    - {family: Open Sans, source: google}
  base: {family: Carlito, size: 16px, weight: 400, line-height: 1.5}
  headings: {family: Carlito, weight: 700, style: normal, line-height: 1.2, color: primary}
  monospace: {family: Carlito, size: 0.9em, weight: 400}
  monospace-inline: {color: "#7A1FA2", background-color: "#FFF3C4", size: 0.9em}
  monospace-block: {color: "#14213D", background-color: "#E8EDF2", line-height: 1.3}
  link: {color: "#B03060", weight: 600, decoration: underline}
defaults:
  bootstrap: {enable-rounded: false}
  reportgen: {footer: Every Field Inc.}
"""


def test_a_brand_using_every_field_builds_and_each_field_is_used_or_named(tmp_path: Path) -> None:
    """Every leaf of a brand.yml that sets every field of the specification: used (the README's
    table, ``brand_fields.USED``) or named in a warning; the build goes on either way."""
    from PIL import Image

    from reportgen.brand_fields import USED
    from reportgen.load.files import parse_yaml

    for name in ("Carlito-Regular.ttf", "Carlito-Bold.ttf"):
        shutil.copyfile(REPO / "assets" / "fonts" / name, tmp_path / name)
    Image.new("RGB", (80, 40), (30, 80, 120)).save(tmp_path / "mark.png")
    brand = tmp_path / "brand.yml"
    brand.write_text(EVERY_FIELD, encoding="utf-8")
    diag = Diagnostics()
    theme = load_theme(brand, diag)
    warned = {w.message.split("'")[1] for w in diag.warnings if "is not used by reportgen" in w.message}

    def leaves(node: object, path: str) -> list[str]:
        if isinstance(node, dict):
            return [leaf for key, value in node.items() for leaf in leaves(value, f"{path}.{key}" if path else key)]
        return [path]

    for leaf in leaves(parse_yaml(EVERY_FIELD, brand), ""):
        used = any(leaf == f or leaf.startswith(f + ".") for f in USED)
        named = any(leaf == f or leaf.startswith(f + ".") for f in warned)
        assert used != named, f"{leaf}: {'used and warned' if used else 'neither used nor named'}"
    assert theme.name == "Every Field Inc." and theme.link == "https://every.example/"
    content = write_content(tmp_path, {"a.md": "# Part\n\n## A\n\n- point with `code`\n"})
    pdf, pptx = build_to(content, tmp_path / "o", brand=brand)
    assert pdf.stat().st_size and pptx.stat().st_size


def test_heading_line_height_and_link_weight_reach_the_outputs(tmp_path: Path) -> None:
    """typography.headings.line-height sets the handout headings' leading; typography.link.weight
    from 600 sets links bold in both outputs (measured bold, so nothing overflows)."""
    brand = tmp_path / "brand.yml"
    brand.write_text("typography:\n  headings:\n    line-height: 1.6\n  link:\n    weight: 700\n", encoding="utf-8")
    diag = Diagnostics()
    theme = load_theme(brand, diag)
    assert not diag.warnings
    for role in ("heading.1", "heading.2", "heading.3"):
        style = theme.style(role)
        assert style.leading == round(style.size * 1.6, 1)
    content = write_content(tmp_path, {"a.md": "# Part\n\n## A\n\n- see [the site](https://example.com) now\n"})
    pdf, pptx = build_to(content, tmp_path / "o", brand=brand)
    found: list[tuple[str, str]] = []
    for page in pypdf.PdfReader(pdf).pages:
        page.extract_text(visitor_text=lambda text, cm, tm, font, size: found.append(
            (text, str(font.get("/BaseFont", "")) if font else "")))
    assert any("the site" in text and font.endswith("Carlito-Bold") for text, font in found)
    slide = next(s for s in Presentation(str(pptx)).slides if s.shapes.title.text_frame.text == "A")
    link = next(r for sh in slide.shapes if sh.name == "Body" for p in sh.text_frame.paragraphs for r in p.runs
                if r.hyperlink.address)
    plain = next(r for sh in slide.shapes if sh.name == "Body" for p in sh.text_frame.paragraphs for r in p.runs
                 if not r.hyperlink.address and r.text.strip())
    assert link.font.bold is True and plain.font.bold is False


def test_the_base_and_monospace_sizes_are_read_back_from_the_handout(tmp_path: Path) -> None:
    brand = tmp_path / "brand.yml"
    brand.write_text("typography:\n  base:\n    size: 14px\n  monospace:\n    size: 80%\n", encoding="utf-8")
    content = write_content(tmp_path, {"a.md": "# Part\n\nA plain paragraph.\n\n```\ncode line\n```\n"})
    pdf = build_to(content, tmp_path / "o", ("pdf",), brand=brand)[0]
    sizes: dict[str, float] = {}
    for page in pypdf.PdfReader(pdf).pages:
        page.extract_text(visitor_text=lambda text, cm, tm, font, size: sizes.setdefault(text.strip(), size))
    assert sizes["A plain paragraph."] == 10.5  # 14 px at 96 px to the inch
    assert sizes["code line"] == 8.4  # 80 % of it
