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
            "color:\n  primary: '#224488'\n  tertiary: '#AA3377'\n"
            "typography:\n  monospace:\n    family: Carlito\n    weight: 300\n  monospace-inline:\n    color: red\n"
            "defaults:\n  bootstrap:\n    enable-rounded: false\n")
    brand.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    diag = Diagnostics()
    load_theme(brand, diag)
    found = {(w.message.split("'")[1], w.source.line if w.source else None) for w in diag.warnings}
    expected = {("meta.link.github", 5), ("color.tertiary", 8), ("typography.monospace.weight", 12),
                ("typography.monospace-inline", 13), ("defaults.bootstrap", 16)}
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
