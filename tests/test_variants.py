"""Per-event variants, batch builds, project scaffolding and corporate templates."""

from __future__ import annotations

import shutil
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.oxml.ns import qn

from reportgen.cli import cli

from .conftest import REPO, write_content

SECTION = {"a.md": "# Welcome to {{ event.name }}\n\nHeld in {{ event.venue }}.\n\n- point\n"}


def events(root: Path, count: int) -> list[Path]:
    root.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = root / f"city{n}.yml"
        path.write_text(f"name: Workshop {n}\nvenue: City {n}\ndate: 2026-03-0{n + 1}\ninstructor: Ada {n}\n")
        paths.append(path)
    return paths


def test_event_values_reach_cover_title_slide_and_content(runner: CliRunner, tmp_path: Path) -> None:
    content = write_content(tmp_path, SECTION)
    event = events(tmp_path / "ev", 1)[0]
    out = tmp_path / "o"
    result = runner.invoke(cli, ["build", str(content), "-o", str(out), "--event", str(event),
                                 "--set", "instructor=Grace Hopper"])
    assert result.exit_code == 0, result.output
    cover = pypdf.PdfReader(out / "test-guide.pdf").pages[0].extract_text()
    assert "Workshop 0" in cover and "City 0" in cover and "1 March 2026" in cover and "Grace Hopper" in cover
    deck = Presentation(str(out / "test-guide.pptx"))
    title_slide = " ".join(s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)
    assert "Workshop 0" in title_slide and "Grace Hopper" in title_slide
    assert any(s.shapes.title.text_frame.text == "Welcome to Workshop 0" for s in deck.slides)
    page_two = pypdf.PdfReader(out / "test-guide.pdf").pages[1].extract_text()
    assert "Workshop 0 · City 0" in page_two  # the footer names the event
    footers = [sh.text_frame.text for s in deck.slides for sh in s.shapes if sh.name == "Footer"]
    assert footers and all(f.endswith("— Workshop 0 · City 0") for f in footers)


def test_batch_builds_every_event_into_its_own_folder(runner: CliRunner, tmp_path: Path) -> None:
    content = write_content(tmp_path, SECTION)
    paths = events(tmp_path / "ev", 3)
    out = tmp_path / "o"
    result = runner.invoke(cli, ["batch", str(content), *map(str, paths), "-o", str(out), "-f", "pdf"])
    assert result.exit_code == 0, result.output
    for n in range(3):
        text = pypdf.PdfReader(out / f"city{n}" / "test-guide.pdf").pages[0].extract_text()
        assert f"Workshop {n}" in text
    assert "3 built, 0 failed" in result.output


def test_batch_reports_failures_and_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    content = write_content(tmp_path, SECTION)
    good = events(tmp_path / "ev", 1)[0]
    bad = tmp_path / "ev" / "broken.yml"
    bad.write_text("name: [unclosed\n")
    result = runner.invoke(cli, ["batch", str(content), str(good), str(bad), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "broken: FAILED" in result.stderr and "1 built, 1 failed" in result.stderr
    assert result.stderr.rstrip().splitlines()[-1] == "error: 1 of 2 events failed; see the errors above"
    assert (tmp_path / "o" / "city0" / "test-guide.pdf").is_file()
    assert not (tmp_path / "o" / "broken").exists()


def test_init_scaffolds_a_project_that_builds(runner: CliRunner, tmp_path: Path) -> None:
    project = tmp_path / "new"
    assert runner.invoke(cli, ["init", str(project)]).exit_code == 0
    result = runner.invoke(cli, ["build", str(project), "-o", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    again = runner.invoke(cli, ["init", str(project)])
    assert again.exit_code == 1 and again.stderr.startswith(f"error: {project}: folder is not empty")


def test_init_lists_every_file_it_makes_and_brands_the_project_neutrally(runner: CliRunner, tmp_path: Path) -> None:
    project = tmp_path / "acme-onboarding"
    result = runner.invoke(cli, ["init", str(project)])
    assert result.exit_code == 0, result.output
    made = sorted(p for p in project.rglob("*") if p.is_file())
    assert sorted(Path(line) for line in result.stdout.splitlines()) == made and len(made) > 3
    default_logos = {p.read_bytes() for p in (REPO / "assets" / "logos").iterdir()}
    assert not any(p.read_bytes() in default_logos for p in made)  # no Big Blue logo
    assert "Big Blue" not in (project / "brand.yml").read_text(encoding="utf-8")
    out = tmp_path / "o"
    assert runner.invoke(cli, ["build", str(project), "-o", str(out)]).exit_code == 0
    reader = pypdf.PdfReader(out / "my-workshop.pdf")
    cover = reader.pages[0]
    assert "Acme Onboarding" in cover.extract_text()  # the organisation: the folder's name
    assert [(i.image.width, i.image.height) for i in cover.images] == [(720, 220)]  # the placeholder logo
    assert all("Acme Onboarding" in page.extract_text() for page in reader.pages[1:])  # the footer
    deck = Presentation(str(out / "my-workshop.pptx"))
    footers = {sh.text_frame.text for s in deck.slides for sh in s.shapes if sh.name == "Footer"}
    assert footers == {"Acme Onboarding"}


def test_a_project_from_init_builds_from_inside_with_no_arguments(runner: CliRunner, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(cli, ["init", "my-workshop"]).exit_code == 0
    monkeypatch.chdir(tmp_path / "my-workshop")
    result = runner.invoke(cli, ["build"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [str(Path("build", "my-workshop.pdf")), str(Path("build", "my-workshop.pptx"))]
    assert result.stderr == ""
    assert runner.invoke(cli, ["check"]).stdout == "ok: 1 sections in .\n"


def _template(path: Path, rename: dict[str, str]) -> Path:
    deck = Presentation()
    for layout in deck.slide_layouts:
        layout.name = rename.get(layout.name, layout.name)
    deck.save(str(path))
    return path


def test_template_layouts_are_used(runner: CliRunner, tmp_path: Path) -> None:
    template = _template(tmp_path / "corp.pptx", {"Title Only": "Corporate Title Only"})
    content = write_content(tmp_path, {"a.md": "# Section\n\n- point\n\n## Part two\n\n- another\n"})  # a divider
    out = tmp_path / "o"
    result = runner.invoke(cli, ["build", str(content), "-o", str(out), "-f", "pptx", "--template", str(template)])
    assert result.exit_code == 0, result.output
    deck = Presentation(str(out / "test-guide.pptx"))
    layouts = [s.slide_layout.name for s in deck.slides]
    assert layouts[0] == "Title Slide" and "Section Header" in layouts
    assert "Title and Content" in layouts  # the stand-in for the renamed "Title Only"


def test_template_check_explains_a_missing_layout(runner: CliRunner, tmp_path: Path) -> None:
    template = _template(tmp_path / "corp.pptx", {"Section Header": "Chapter"})
    result = runner.invoke(cli, ["template", "check", str(template)])
    assert result.exit_code == 0
    assert "layout 'Title Slide': center_title, subtitle, date, footer, slide_number  → title" in result.stdout
    # the renamed section header is found by its placeholders (a title over one small text box)
    assert ("divider: no layout named 'Section Header' or 'Section Title'; using 'Chapter', whose placeholders "
            "fit the role" in result.stdout)


def test_template_that_is_not_a_pptx(runner: CliRunner, tmp_path: Path) -> None:
    fake = tmp_path / "fake.pptx"
    fake.write_text("not a deck")
    result = runner.invoke(cli, ["template", "check", str(fake)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {fake}: not a PowerPoint file")


def test_batch_of_one_event_in_a_project_folder(runner: CliRunner, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    content = write_content(tmp_path, SECTION)
    event = events(tmp_path / "ev", 1)[0]
    monkeypatch.chdir(content)  # no CONTENT_DIR: the current folder, which holds guide.yml
    result = runner.invoke(cli, ["batch", str(event), "-o", str(tmp_path / "o"), "-f", "pdf"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "o" / "city0" / "test-guide.pdf").is_file()
    result = runner.invoke(cli, ["batch"])
    assert result.exit_code == 2 and result.stderr.endswith("Error: Missing argument 'EVENT.yml...'.\n")


def test_body_text_goes_into_the_layouts_body_placeholders_found_by_name_or_by_shape(runner: CliRunner,
                                                                                   tmp_path: Path) -> None:
    from pptx.enum.shapes import PP_PLACEHOLDER

    text = ("# Section\n\n- point\n- another\n\n## Two sides\n\n:::: columns\n::: column\n- left\n:::\n"
            "::: column\n- right\n:::\n::::\n")
    content = write_content(tmp_path, {"a.md": text})
    template = _template(tmp_path / "corp.pptx", {"Title and Content": "ACME Text", "Two Content": "ACME Two"})
    for args, one, two in (([], "Title and Content", "Two Content"), (["--template", str(template)], "ACME Text",
                                                                        "ACME Two")):
        out = tmp_path / f"o{len(args)}"
        result = runner.invoke(cli, ["build", str(content), "-o", str(out), "-f", "pptx", *args])
        assert result.exit_code == 0, result.output
        slides = list(Presentation(str(out / "test-guide.pptx")).slides)
        points = next(s for s in slides if s.shapes.title.text_frame.text == "Section"
                      and any(sh.name == "Body" for sh in s.shapes))
        columns = next(s for s in slides if s.shapes.title.text_frame.text == "Two sides")
        assert (points.slide_layout.name, columns.slide_layout.name) == (one, two)
        for slide, names in ((points, ["Body"]), (columns, ["Column 1", "Column 2"])):
            held = [sh for sh in slide.placeholders if sh.placeholder_format.type in (PP_PLACEHOLDER.BODY,
                                                                                     PP_PLACEHOLDER.OBJECT)]
            assert [sh.name for sh in held] == names  # every placeholder filled, none left empty
            for shape in held:  # our measured sizes hold: no autofit, a size on every run
                assert shape.text_frame._txBody.bodyPr.find(qn("a:noAutofit")) is not None
                assert all(run.font.size is not None for p in shape.text_frame.paragraphs for run in p.runs)
        assert points.placeholders[held[0].placeholder_format.idx].text_frame.text != ""


def test_a_template_without_a_body_layout_gets_text_boxes(runner: CliRunner, tmp_path: Path) -> None:
    deck = Presentation()
    for layout in list(deck.slide_layouts):
        if layout.name not in ("Title Slide", "Title Only", "Section Header"):
            deck.slide_layouts.remove(layout)
    deck.save(str(tmp_path / "bare.pptx"))
    content = write_content(tmp_path, {"a.md": "# Section\n\n- point\n- another\n"})
    result = runner.invoke(cli, ["build", str(content), "-o", str(tmp_path / "o"), "-f", "pptx", "--template",
                                 str(tmp_path / "bare.pptx")])
    assert result.exit_code == 0, result.output
    slide = next(s for s in Presentation(str(tmp_path / "o" / "test-guide.pptx")).slides
                 if s.shapes.title.text_frame.text == "Section")
    body = next(sh for sh in slide.shapes if sh.name == "Body")
    assert slide.slide_layout.name == "Title Only" and not body.is_placeholder
    assert body.text_frame.text == "point\nanother"


def test_whose_handout_it_is_comes_from_the_event_else_the_guide_else_the_brand(runner: CliRunner,
                                                                               tmp_path: Path) -> None:
    """Built with a client's brand, the default guide is the client's: name and QR link from the
    brand's meta; a guide's ``organization``/``link`` beat the brand's, an event's beat both."""
    brand = REPO / "examples" / "northwind" / "brand.yml"

    def build_with(content: Path, *args: str) -> tuple[str, str]:
        out = tmp_path / f"out{len(list(tmp_path.iterdir()))}"
        result = runner.invoke(cli, ["build", str(content), "-o", str(out), "--brand", str(brand), *args])
        assert result.exit_code == 0, result.output
        cover = pypdf.PdfReader(next(out.glob("*.pdf"))).pages[0].extract_text()
        slides = list(Presentation(str(next(out.glob("*.pptx")))).slides)
        closing = " ".join(sh.text_frame.text for sh in slides[-1].shapes if sh.has_text_frame)
        first = " ".join(sh.text_frame.text for sh in slides[0].shapes if sh.has_text_frame)
        assert cover.count("\n") and first
        return cover + " " + first, closing

    shown, closing = build_with(REPO / "content")
    assert "Northwind Training Co." in shown and "Big Blue" not in shown
    assert "https://training.northwind.example/" in closing and "bigblue" not in closing
    guide = (REPO / "content" / "guide.yml").read_text(encoding="utf-8")
    content = tmp_path / "c"
    shutil.copytree(REPO / "content", content)
    (content / "guide.yml").write_text("organization: Acme Corp\nlink: https://acme.example/\n" + guide,
                                       encoding="utf-8")
    shown, closing = build_with(content)
    assert "Acme Corp" in shown and "Northwind Training Co." not in shown and "https://acme.example/" in closing
    shown, closing = build_with(content, "--set", "organization=Berlin Hub", "--set", "link=https://hub.example/")
    assert "Berlin Hub" in shown and "Acme Corp" not in shown and "https://hub.example/" in closing
