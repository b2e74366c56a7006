"""``reportgen preview``: the page's state, images by digest, only changed slides rendered
again, the last good build kept on an error, and nothing served from outside the preview."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from reportgen.build import BuildOptions
from reportgen.cli import cli

from .conftest import write_content

pytest.importorskip("starlette")
pytest.importorskip("httpx2")

SECTIONS = {"a.md": "# Alpha\n\n## First\n\n- one\n- two\n\nSaid aloud.\n\n## Second\n\n- three\n- four\n",
            "b.md": "# Beta\n\n## Third\n\n- five\n- six\n"}


@pytest.fixture
def preview(tmp_path: Path) -> tuple[object, object, Path]:
    from starlette.testclient import TestClient

    from reportgen.preview.server import Changes, make_app
    from reportgen.preview.snapshot import Previewer

    content = write_content(tmp_path, SECTIONS)
    previewer = Previewer(BuildOptions(content, tmp_path / "build", ("pdf",)))
    previewer.rebuild()
    return previewer, TestClient(make_app(previewer, Changes())), content


def test_the_page_shows_every_slide_and_page_with_notes_and_sources(preview: tuple) -> None:  # type: ignore[type-arg]
    previewer, client, content = preview
    assert "reportgen preview" in client.get("/").text
    state = client.get("/state").json()
    deck = pypdf.PdfReader(io.BytesIO(client.get("/download/slides-pdf").content))
    handout = pypdf.PdfReader(io.BytesIO(client.get("/download/pdf").content))
    assert len(state["slides"]) == len(deck.pages) and len(state["pages"]) == len(handout.pages)
    first = next(s for s in state["slides"] if s["title"] == "First")
    assert first["notes"] == "Said aloud." and first["source"].endswith("a.md:3")
    image = client.get(f"/image/{first['image']}.png")
    assert image.status_code == 200 and image.content.startswith(b"\x89PNG")
    pptx = client.get("/download/pptx")
    assert pptx.headers["content-disposition"] == 'attachment; filename="test-guide.pptx"'
    assert state["stale"] is False and state["warnings"] == [] and state["downloads"] == ["pdf", "pptx", "slides-pdf",
                                                                                          "handout"]


def test_an_edit_renders_again_only_the_slides_it_changed(preview: tuple) -> None:  # type: ignore[type-arg]
    previewer, client, content = preview
    before = client.get("/state").json()
    rendered = previewer.rendered
    (content / "b.md").write_text(SECTIONS["b.md"].replace("- six", "- seven"), encoding="utf-8")
    previewer.rebuild()
    after = client.get("/state").json()
    changed = [a["title"] for a, b in zip(before["slides"], after["slides"]) if a["image"] != b["image"]]
    assert changed == ["Third"]  # its own slide only: every other slide keeps its image
    pages = sum(a != b for a, b in zip(before["pages"], after["pages"]))
    assert pages == 1 and previewer.rendered == rendered + 2  # one slide, one page rendered again
    assert set(previewer.images) == {s["image"] for s in after["slides"]} | set(after["pages"])  # old ones let go
    assert after["version"] == before["version"] + 1


def test_an_error_keeps_the_last_good_build_marked_stale(preview: tuple) -> None:  # type: ignore[type-arg]
    previewer, client, content = preview
    before = client.get("/state").json()
    (content / "a.md").write_text("# Alpha\n\n::: notes\nnever closed\n", encoding="utf-8")
    previewer.rebuild()
    after = client.get("/state").json()
    assert after["stale"] is True and after["error"].startswith(f"{content / 'a.md'}:3: '::: notes' block")
    assert after["slides"] == before["slides"] and after["pages"] == before["pages"]
    assert client.get(f"/image/{before['slides'][0]['image']}.png").status_code == 200


@pytest.mark.parametrize("path", ["/image/../../../etc/passwd", "/image/%2e%2e%2f%2e%2e%2fetc%2fpasswd.png",
                                  "/image/unknown.png", "/download/..%2f..%2fetc%2fpasswd", "/download/exe",
                                  "/etc/passwd", "/../pyproject.toml", "/static/page.html"])
def test_nothing_outside_the_preview_is_served(preview: tuple, path: str) -> None:  # type: ignore[type-arg]
    previewer, client, content = preview
    assert client.get(path).status_code == 404


def test_the_preview_without_its_extra_says_how_to_install_it(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "uvicorn", None)
    content = write_content(tmp_path, SECTIONS)
    result = CliRunner().invoke(cli, ["preview", str(content), "--no-open"])
    assert result.exit_code == 1
    assert result.stderr == "error: the preview needs its web server; pip install 'reportgen[preview]'\n"


def test_the_event_file_is_read_again_for_every_build(tmp_path: Path) -> None:
    from reportgen.preview.snapshot import Previewer

    content = write_content(tmp_path, SECTIONS)
    event = tmp_path / "event.yml"
    event.write_text("name: Spring Bootcamp\n", encoding="utf-8")
    previewer = Previewer(BuildOptions(content, tmp_path / "build", ("pdf",)), event)

    def handout_text() -> str:
        previewer.rebuild()
        found = previewer.download("pdf")
        assert found is not None
        return " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(found[1])).pages)

    assert "Spring Bootcamp" in handout_text()
    event.write_text("name: Autumn Bootcamp\n", encoding="utf-8")
    assert "Autumn Bootcamp" in handout_text()


def test_a_picture_swapped_for_another_of_its_size_gets_its_page_rendered_again(tmp_path: Path) -> None:
    from PIL import Image

    from reportgen.preview.snapshot import Previewer

    Image.new("RGB", (60, 40), (200, 30, 30)).save(tmp_path / "chart.png")
    content = write_content(tmp_path, {"a.md": "# Alpha\n\nText.\n\n![A chart](../chart.png)\n"})
    previewer = Previewer(BuildOptions(content, tmp_path / "build", ("pdf",), allow_outside=True))
    before = previewer.rebuild()
    Image.new("RGB", (60, 40), (30, 30, 200)).save(tmp_path / "chart.png")
    os.utime(tmp_path / "chart.png", ns=(1, 1))  # the same size; an edited file has another date
    after = previewer.rebuild()
    assert [a != b for a, b in zip(before.pages, after.pages)].count(True) == 1
    assert [a.title for a, b in zip(before.slides, after.slides) if a.image != b.image] == ["Alpha"]
