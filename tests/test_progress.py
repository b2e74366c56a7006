"""The progress display: on a terminal, past a second, counting the worker's pages and slides
too; nothing on a pipe, under --quiet, or for a quick build."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from pptx import Presentation

from reportgen import progress
from reportgen.cli import cli
from reportgen.errors import ReportgenError

from .conftest import CONTENT, build_to, write_content


class Terminal(io.StringIO):
    """A stream that says it is a terminal, as stderr in a console does."""

    def isatty(self) -> bool:
        return True


def lines(screen: Terminal) -> list[str]:
    """What the bar drew, a redraw a line (each begins with a carriage return)."""
    return [re.sub(r"\x1b\[\?25[lh]", "", line).rstrip() for line in screen.getvalue().split("\r") if line.strip()]


def test_a_long_build_shows_its_pages_and_slides_as_the_worker_draws_them(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "INTERVAL", 0.01)
    screen = Terminal()
    with progress.shown(("pdf", "pptx"), screen):
        paths = build_to(CONTENT, tmp_path, force=True)
    drawn = lines(screen)
    pages = len(pypdf.PdfReader(paths[0]).pages)
    slides = len(Presentation(str(paths[1])).slides)
    assert drawn[0].startswith("building")
    assert drawn[-1].startswith("building") and "100%" in drawn[-1]
    assert f"{pages} pages" in drawn[-1] and f"{slides}/{slides} slides" in drawn[-1]
    shown = [int(m.group(1)) for line in drawn if (m := re.search(r"(\d+)%", line))]
    assert shown == sorted(shown)  # it only goes forward
    assert max(map(len, drawn)) < 80  # a line that wraps would be drawn again below, not over itself
    assert progress.counts() == {}  # and it stopped counting


def test_a_build_done_within_the_delay_shows_nothing(tmp_path: Path) -> None:
    screen = Terminal()
    content = write_content(tmp_path, {"a.md": "# A\n\nText.\n"})
    with progress.shown(("pdf",), screen):
        build_to(content, tmp_path / "out", ("pdf",))
    assert screen.getvalue() == ""


def test_a_failed_build_stops_the_display_where_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "DELAY", 0.0)
    screen = Terminal()
    with pytest.raises(ReportgenError), progress.shown(("pptx",), screen):
        progress.step("sections", 1, 4)
        raise ReportgenError("broken")
    assert "100%" not in screen.getvalue()
    assert lines(screen)[-1].startswith("building")


def test_the_command_line_shows_nothing_off_a_terminal_and_no_paths_when_quiet(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["build", str(CONTENT), "-o", str(tmp_path), "--force"])
    assert result.exit_code == 0, result.output
    assert "building" not in result.stderr
    assert result.stdout.split() == [str(tmp_path / "ai-engineer-vs-ml-engineer.pdf"),
                                     str(tmp_path / "ai-engineer-vs-ml-engineer.pptx")]
    quiet = runner.invoke(cli, ["build", str(CONTENT), "-o", str(tmp_path), "--force", "--quiet"])
    assert quiet.exit_code == 0 and quiet.stdout == "" and quiet.stderr == ""


def test_steps_without_a_display_are_not_counted() -> None:
    progress.step("slides", 3, 10)
    assert progress.counts() == {}


counts = st.dictionaries(st.sampled_from(list(progress.STAGES)),
                         st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)))


@given(counts, st.lists(st.sampled_from(["pdf", "pptx", "slides-pdf", "handout"]), min_size=1, unique=True))
def test_the_fraction_is_between_none_and_all_and_grows_to_the_end(seen: dict[str, tuple[int, int]],
                                                                       formats: list[str]) -> None:
    expected = progress._expected(tuple(formats))
    assert 0.0 <= progress.fraction(seen, expected) <= 1.0
    finished = {stage: (total, total) for stage, (_, total) in seen.items()}
    assert progress.fraction(finished, expected) >= progress.fraction(seen, expected) - 1e-9
    said = progress.describe(finished, expected)  # what is done is not said, but the pages and slides are
    assert "read " not in said and "planned" not in said


def test_a_display_within_a_display_leaves_the_showing_to_the_outer_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "DELAY", 0.0)
    outer, inner = Terminal(), Terminal()
    with progress.shown(("pptx",), outer):
        with progress.shown(("pptx",), inner):
            progress.step("slides", 2, 4)
        assert progress.counts()["slides"] == (2, 4)
    assert inner.getvalue() == "" and "2/4 slides" in outer.getvalue()
    assert progress.counts() == {}
