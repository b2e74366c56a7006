"""SVG figures and logos: vectors in the PDFs, a PNG in the deck, a warning or an error when
unreadable, and nothing fetched. Outputs are read back with pypdf and python-pptx."""

from __future__ import annotations

import io
import re
import socket
import subprocess
from pathlib import Path
from typing import Any

import pypdf
import pytest
from click.testing import CliRunner
from PIL import Image
from pptx import Presentation

from reportgen.build import BuildOptions, build
from reportgen.cli import cli
from reportgen.errors import Diagnostics
from reportgen.load.images import image_size

from .conftest import write_content

GREEN = "#12AB34"  # the chart's bar: drawn as a fill colour, found in the PDF's content streams
CHART = f"""<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200">
  <rect width="400" height="200" fill="#F4F1E8"/>
  <rect x="40" y="60" width="60" height="120" fill="{GREEN}"/>
  <text x="200" y="195" font-family="Arial" font-size="14" text-anchor="middle">Quarterly vectors</text>
</svg>
"""
LOGO = """<svg xmlns="http://www.w3.org/2000/svg" width="160" height="48">
  <rect x="2" y="2" width="44" height="44" rx="8" fill="#AB1234"/>
  <text x="56" y="32" font-family="Georgia, serif" font-size="22" fill="#AB1234">Acmelogo</text>
</svg>
"""
ICON = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
        '<circle cx="12" cy="12" r="10" fill="#E0A020"/></svg>')
PAGE = "# Vectors\n\nSome text.\n\n![A bar chart](chart.svg \"Figure 1: vectors\")\n\n## Icon\n\n![An icon](icon.svg)\n"


def svg_content(root: Path, page: str = PAGE, **files: str) -> Path:
    content = write_content(root, {"a.md": page, "chart.svg": CHART, "icon.svg": ICON, **files})
    (root / "brand").mkdir()
    (root / "brand" / "logo.svg").write_text(LOGO, encoding="utf-8")
    (root / "brand" / "brand.yml").write_text("meta:\n  name: Acme\nlogo: logo.svg\n", encoding="utf-8")
    return content


def build_svg(root: Path, formats: tuple[str, ...], **files: str) -> dict[str, Path]:
    content = svg_content(root, **files)
    diag = Diagnostics()
    paths = build(BuildOptions(content, root / "out", formats, brand=root / "brand" / "brand.yml"), diag)
    assert not diag.warnings
    return {"".join(p.suffixes): p for p in paths}


def xobjects(resources: Any) -> list[tuple[str, Any]]:
    """Every XObject a page uses, and those the forms it uses use in turn."""
    out = []
    for name, ref in ((resources or {}).get("/XObject") or {}).items():
        obj = ref.get_object()
        out.append((str(name), obj))
        if obj["/Subtype"] == "/Form":
            out += xobjects(obj.get("/Resources"))
    return out


def fill_colours(page: Any) -> set[str]:
    """The fill colours (``r g b rg``) set on a page and in the forms it draws, as hex."""
    streams = [page.get_contents().get_data()] + [obj.get_data() for _, obj in xobjects(page["/Resources"])
                                                  if obj["/Subtype"] == "/Form"]
    found = set()
    for stream in streams:
        for r, g, b in re.findall(rb"([\d.]+) ([\d.]+) ([\d.]+) rg", stream):
            found.add("#" + "".join(f"{round(float(c) * 255):02X}" for c in (r, g, b)))
    return found


def form_scales(page: Any) -> dict[str, float]:
    """For each SVG form drawn on the page: the horizontal scale it is drawn at."""
    stream = page.get_contents().get_data().decode("latin-1")
    return {name: float(x) for x, name in re.findall(r"([\d.]+) 0 0 [\d.]+ 0 0 cm\s+/FormXob\.(svg\w+) Do", stream)}


def assert_vectors_only(path: Path) -> pypdf.PdfReader:
    reader = pypdf.PdfReader(path)
    for page in reader.pages:
        kinds = [obj["/Subtype"] for _, obj in xobjects(page["/Resources"])]
        assert "/Image" not in kinds, f"a raster image on page {page.page_number + 1}"
    return reader


def test_an_svg_figure_and_logo_are_vectors_in_the_handout(tmp_path: Path) -> None:
    out = build_svg(tmp_path, ("pdf",))
    reader = assert_vectors_only(out[".pdf"])
    cover, body = reader.pages[0], [p for p in reader.pages if "Figure 1: vectors" in (p.extract_text() or "")]
    assert "Acmelogo" in (cover.extract_text() or "")  # the logo's text, as text
    page = body[0]
    text = page.extract_text() or ""
    assert "Quarterly vectors" in text and "Acmelogo" in text  # the figure's text and the header's logo
    assert GREEN in fill_colours(page) and "#AB1234" in fill_colours(page)
    # sized as a 400×200-pixel raster would be (1 px a point, the page's text width allows it);
    # svglib's drawing is 300 pt wide (CSS px = 0.75 pt), so the form is drawn at 4/3
    assert sorted(form_scales(page).values())[-1] == pytest.approx(4 / 3, abs=1e-4)
    # the running header draws one logo form on every body page, defined once
    logo_forms = {name for p in reader.pages[1:] for name, obj in xobjects(p["/Resources"])
                  if obj["/BBox"][2] == 120}  # 160 px = 120 pt wide
    assert len(logo_forms) == 1


def test_an_svg_figure_takes_the_width_asked_for(tmp_path: Path) -> None:
    page = '# Vectors\n\n<p><img src="chart.svg" alt="Chart" width="200"></p>\n'
    content = svg_content(tmp_path, page)
    out = build(BuildOptions(content, tmp_path / "out", ("pdf",)), Diagnostics())[0]
    reader = pypdf.PdfReader(out)
    scales = [s for p in reader.pages for s in form_scales(p).values()]
    assert scales == [pytest.approx(0.5, abs=1e-4)]  # 200 px × 0.75 = 150 pt, half the drawing's 300


def test_svgs_are_vectors_in_the_slides_pdf_and_the_slide_handout(tmp_path: Path) -> None:
    out = build_svg(tmp_path, ("slides-pdf", "handout"))
    for path in (out[".slides.pdf"], out[".handout.pdf"]):
        reader = assert_vectors_only(path)
        text = "".join(p.extract_text() or "" for p in reader.pages)
        assert "Quarterly vectors" in text and "Acmelogo" in text
        assert any(GREEN in fill_colours(p) for p in reader.pages)


def test_the_deck_shows_an_svg_as_a_png_twice_the_size_shown(tmp_path: Path) -> None:
    out = build_svg(tmp_path, ("pptx",))
    prs = Presentation(str(out[".pptx"]))
    pictures = [shape for slide in prs.slides for shape in slide.shapes if shape.shape_type == 13]
    largest: dict[str, tuple[float, Any]] = {}
    for pic in pictures:
        assert pic.image.content_type == "image/png"
        key = pic.image.sha1
        if pic.width > largest.get(key, (0, None))[0]:
            largest[key] = (pic.width, pic)
    assert len(largest) == 3  # the chart, the icon, the logo: one image part each, reused
    for width, pic in largest.values():
        png = Image.open(io.BytesIO(pic.image.blob))
        assert png.mode == "RGBA"
        assert abs(png.width - 2 * width.pt) <= 2 and max(png.size) <= 2000
        assert png.width / png.height == pytest.approx(pic.width / pic.height, rel=0.02)
    icon = next(pic for _, pic in largest.values() if pic.image.size[0] == pic.image.size[1])
    png = Image.open(io.BytesIO(icon.image.blob))
    assert png.getpixel((0, 0))[3] == 0  # transparent outside the circle
    assert png.getpixel((png.width // 2, png.height // 2)) == (0xE0, 0xA0, 0x20, 255)


def test_an_svg_size_is_its_width_and_height_else_its_viewbox_in_css_pixels(tmp_path: Path) -> None:
    sizes = {"wh.svg": (CHART, (400, 200)), "box.svg": (ICON, (24, 24)),
             "cm.svg": ('<svg xmlns="http://www.w3.org/2000/svg" width="2.54cm" height="1in"/>', (96, 96))}
    for name, (text, size) in sizes.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert image_size(tmp_path / name) == pytest.approx(size)


UNREADABLE = [
    ("not xml", "not XML ("),
    ("", "the file is empty"),
    ("<html><body>hi</body></html>", "its root element is <html>, not <svg>"),
    ('<svg xmlns="http://www.w3.org/2000/svg" width="0" height="10"/>', "it has no size"),
]


@pytest.mark.parametrize(("text", "reason"), UNREADABLE)
def test_an_unreadable_svg_figure_is_a_warning_and_a_placeholder(tmp_path: Path, text: str, reason: str) -> None:
    content = write_content(tmp_path, {"a.md": "# Alpha\n\n![Chart](bad.svg)\n", "bad.svg": text})
    diag = Diagnostics()
    out = build(BuildOptions(content, tmp_path / "out", ("pdf",)), diag)[0]
    [warning] = diag.warnings
    assert str(warning).startswith(f"{content / 'a.md'}:3: image 'bad.svg' cannot be read as SVG: {reason}")
    assert "[Image: Chart]" in "".join(p.extract_text() or "" for p in pypdf.PdfReader(out).pages)


def test_an_unreadable_svg_figure_is_an_error_with_strict(runner: CliRunner, tmp_path: Path) -> None:
    content = write_content(tmp_path, {"a.md": "# Alpha\n\n![Chart](bad.svg)\n", "bad.svg": "<html/>"})
    result = runner.invoke(cli, ["build", str(content), "-o", str(tmp_path / "out"), "--strict"])
    assert result.exit_code == 1
    assert result.stderr == (f"error: {content / 'a.md'}:3: image 'bad.svg' cannot be read as SVG: its root element "
                             "is <html>, not <svg>; check that it opens in a web browser, or export it as PNG; "
                             "--strict turns warnings into errors\n")
    assert not (tmp_path / "out").exists()


def test_an_unreadable_svg_logo_is_one_error_line(runner: CliRunner, tmp_path: Path) -> None:
    content = write_content(tmp_path, {"a.md": "# Alpha\n\nText.\n"})
    (tmp_path / "logo.svg").write_text("<html/>", encoding="utf-8")
    brand = tmp_path / "brand.yml"
    brand.write_text("meta:\n  name: Acme\nlogo:\n  large: logo.svg\n", encoding="utf-8")
    result = runner.invoke(cli, ["build", str(content), "-o", str(tmp_path / "out"), "--brand", str(brand)])
    assert result.exit_code == 1
    assert result.stderr == (f"error: {brand}:3: logo 'logo.svg' cannot be read as SVG: its root element is <html>, "
                             "not <svg>; check that it opens in a web browser, or export it as PNG\n")
    assert not (tmp_path / "out").exists()


def test_check_accepts_an_svg_logo(runner: CliRunner, tmp_path: Path) -> None:
    content = svg_content(tmp_path)
    result = runner.invoke(cli, ["check", str(content), "--brand", str(tmp_path / "brand" / "brand.yml"), "--strict"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ok: 1 sections")


OFFLINE = """<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="50">
  <style>@import url(http://example.com/a.css);
    @font-face {{ font-family: Remote; src: url(http://example.com/f.woff2) }}</style>
  <image xlink:href="http://example.com/x.png" width="10" height="10"/>
  <image href="{outside}" width="10" height="10"/>
  <rect x="50" width="50" height="50" fill="{green}"/>
  <text x="5" y="40" font-family="Remote, Some Unknown Face" font-size="10">Offline text</text>
</svg>
"""


def test_nothing_is_fetched_and_no_system_font_is_looked_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              capfd: pytest.CaptureFixture[str]) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"tried to connect or run a program: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(subprocess, "Popen", refuse)  # svglib's own font lookup runs fc-match
    Image.new("RGB", (4, 4), "red").save(tmp_path / "outside.png")
    content = write_content(tmp_path / "c", {"a.md": "# Alpha\n\n![Offline](img/off.svg)\n",
                                             "img/off.svg": OFFLINE.format(outside="../../../outside.png",
                                                                           green=GREEN)})
    (tmp_path / "brand.yml").write_text("meta:\n  name: No Logo\n", encoding="utf-8")  # so no raster logo
    diag = Diagnostics()
    out = build(BuildOptions(content, tmp_path / "out", ("pdf",), brand=tmp_path / "brand.yml", parallel=False),
                diag)[0]
    assert [str(w) for w in diag.warnings] == [
        f"{content / 'a.md'}:3: image 'img/off.svg' may not show as intended: it refers to "
        "'http://example.com/x.png', which is not fetched (and 1 more)"]  # and: ../outside.png refused
    reader = assert_vectors_only(out)  # neither the remote image nor the one outside the SVG's folder
    page = next(p for p in reader.pages if "Offline text" in (p.extract_text() or ""))
    assert GREEN in fill_colours(page)
    fonts = {str(f.get_object()["/BaseFont"]) for p in reader.pages
             for f in (p["/Resources"].get("/Font") or {}).values()}
    assert "/Helvetica" in fonts  # an unknown family is set in a standard font, never a system one
    assert "svglib" not in capfd.readouterr().err  # svglib's log became the warning above


def test_svg_builds_are_byte_identical(tmp_path: Path) -> None:
    first = build_svg(tmp_path / "a", ("pdf", "pptx", "slides-pdf"))
    blobs = {k: p.read_bytes() for k, p in first.items()}
    again = build(BuildOptions(tmp_path / "a" / "content", tmp_path / "a" / "out", ("pdf", "pptx", "slides-pdf"),
                               brand=tmp_path / "a" / "brand" / "brand.yml", force=True), Diagnostics())
    assert {"".join(p.suffixes): p.read_bytes() for p in again} == blobs


GRADIENT = """<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">
  <defs><linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="red"/><stop offset="1" stop-color="blue"/>
  </linearGradient></defs>
  <rect width="200" height="100" fill="url(#g)"/>
  <circle cx="100" cy="50" r="40" fill="#00FF00" fill-opacity="0.5"/>
</svg>
"""


def test_a_form_lists_the_graphics_states_and_shadings_it_uses(tmp_path: Path) -> None:
    """reportlab's forms list only fonts and forms as resources; ours list what the SVG uses."""
    from reportlab.pdfgen.canvas import Canvas

    from reportgen.render.pdf.compat import forms_keep_resources

    assert forms_keep_resources(Canvas(io.BytesIO()))  # else SVGs are drawn in place: still right, larger
    content = write_content(tmp_path, {"a.md": "# Alpha\n\n![Gradient](g.svg)\n", "g.svg": GRADIENT})
    reader = pypdf.PdfReader(build(BuildOptions(content, tmp_path / "out", ("pdf",)), Diagnostics())[0])
    forms = [obj for p in reader.pages for _, obj in xobjects(p["/Resources"]) if obj["/Subtype"] == "/Form"]
    [form] = forms
    stream, resources = form.get_data().decode("latin-1"), form["/Resources"]
    states, shadings = re.findall(r"/(\w+) gs\b", stream), re.findall(r"/(\w+) sh\b", stream)
    assert states and shadings  # the half-transparent circle, the gradient
    assert {f"/{s}" for s in states} <= set(resources["/ExtGState"])
    assert {f"/{s}" for s in shadings} <= set(resources["/Shading"])
