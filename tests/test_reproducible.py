"""Same input, same bytes; unchanged input, no work; interrupted builds leave old files."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from reportgen.cli import cli

from .conftest import build_to, write_content

CONTENT = {"a.md": "# Alpha\n\n- one\n\n| A | B |\n|---|---|\n| 1 | 2 |\n"}


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    content = write_content(tmp_path, CONTENT)
    first = [p.read_bytes() for p in build_to(content, tmp_path / "one")]
    second = [p.read_bytes() for p in build_to(content, tmp_path / "two")]
    assert first == second


def test_two_builds_of_highlighted_code_are_byte_identical(tmp_path: Path) -> None:
    code = {"a.md": "# Code\n\n## Python\n\n```python\ndef f(x):  # coloured\n    return 'x' * 2\n```\n"}
    content = write_content(tmp_path, code)
    formats = ("pdf", "pptx", "slides-pdf")
    first = [p.read_bytes() for p in build_to(content, tmp_path / "one", formats)]
    second = [p.read_bytes() for p in build_to(content, tmp_path / "two", formats)]
    assert first == second


def test_source_date_epoch_sets_the_deck_date(tmp_path: Path, monkeypatch: object) -> None:
    from pptx import Presentation

    content = write_content(tmp_path, CONTENT)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # type: ignore[attr-defined]
    deck = build_to(content, tmp_path / "o", ("pptx",))[0]
    assert Presentation(str(deck)).core_properties.modified.year == 2026


ALL_FORMATS = ("pdf", "pptx", "slides-pdf", "handout")


def _dates(paths: list[Path]) -> set[object]:
    """Every creation and modification date the outputs state, as ``datetime``s (UTC)."""
    import datetime as dt

    import pypdf
    from pptx import Presentation

    dates: set[object] = set()
    for path in paths:
        if path.suffix == ".pptx":
            props = Presentation(str(path)).core_properties
            dates |= {props.created, props.modified}
        else:
            info = pypdf.PdfReader(path).metadata
            assert info is not None
            for key in ("/CreationDate", "/ModDate"):
                assert str(info[key]).endswith("+00'00'"), info[key]  # UTC, stated as such
                dates.add(dt.datetime.strptime(str(info[key])[2:16], "%Y%m%d%H%M%S"))
    return dates


def test_the_guide_date_dates_every_output_and_rebuilds_stay_identical(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    guide = "title: Test Guide\ndate: 2026-01-15\nsections:\n  - a.md\n"
    content = write_content(tmp_path, CONTENT, guide=guide)
    first = build_to(content, tmp_path / "one", ALL_FORMATS)
    assert len(first) == 4 and _dates(first) == {dt.datetime(2026, 1, 15)}
    second = build_to(content, tmp_path / "two", ALL_FORMATS)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # wins over the guide: 2026-01-01
    assert _dates(build_to(content, tmp_path / "epoch", ALL_FORMATS)) == {dt.datetime(2026, 1, 1)}
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    undated = write_content(tmp_path / "undated", CONTENT)  # no date, or one that is not ISO: a fixed date
    assert _dates(build_to(undated, tmp_path / "undated-out", ALL_FORMATS)) == {dt.datetime(2000, 1, 1)}
    guide = "title: Test Guide\ndate: Spring 2026\nsections:\n  - a.md\n"
    spring = write_content(tmp_path / "spring", CONTENT, guide=guide)
    assert _dates(build_to(spring, tmp_path / "spring-out", ("pdf", "pptx"))) == {dt.datetime(2000, 1, 1)}


def test_unchanged_inputs_are_not_rebuilt(runner: CliRunner, tmp_path: Path) -> None:
    content = write_content(tmp_path, CONTENT)
    out = tmp_path / "o"
    assert runner.invoke(cli, ["build", str(content), "-o", str(out)]).exit_code == 0
    stamps = {p: p.stat().st_mtime_ns for p in out.iterdir()}
    time.sleep(0.01)
    again = runner.invoke(cli, ["build", str(content), "-o", str(out)])
    assert again.exit_code == 0 and again.stdout.splitlines() == sorted(map(str, stamps))
    assert {p: p.stat().st_mtime_ns for p in out.iterdir()} == stamps
    (content / "a.md").write_text("# Alpha\n\n- changed\n", encoding="utf-8")
    assert runner.invoke(cli, ["build", str(content), "-o", str(out)]).exit_code == 0
    assert all(p.stat().st_mtime_ns != stamps[p] for p in out.iterdir())
    forced = runner.invoke(cli, ["build", str(content), "-o", str(out), "--force"])
    assert forced.exit_code == 0


def test_other_content_into_the_same_folder_is_built(runner: CliRunner, tmp_path: Path) -> None:
    """Two guides with the same title (so the same file names), one after the other into one
    folder: the second is built, not taken for the first one unchanged."""
    out = tmp_path / "o"
    first = write_content(tmp_path / "first", {"a.md": "# Alpha\n\nThe first guide.\n"})
    second = write_content(tmp_path / "second", {"a.md": "# Beta\n\nThe second guide.\n"})
    for content, shown in ((first, "The first guide."), (second, "The second guide."), (first, "The first guide.")):
        result = runner.invoke(cli, ["build", str(content), "-o", str(out), "-f", "pdf"])
        assert result.exit_code == 0 and result.stdout == f"{out / 'test-guide.pdf'}\n"
        text = "".join(page.extract_text() or "" for page in pypdf.PdfReader(out / "test-guide.pdf").pages)
        assert shown in text


def test_a_replaced_logo_triggers_a_rebuild(runner: CliRunner, tmp_path: Path) -> None:
    from PIL import Image

    content, brand = write_content(tmp_path, CONTENT), tmp_path / "brand"  # the brand outside the content
    brand.mkdir()
    (brand / "brand.yml").write_text("logo: logo.png\n", encoding="utf-8")
    Image.new("RGB", (40, 20), "navy").save(brand / "logo.png")
    out = tmp_path / "o"
    args = ["build", str(content), "-o", str(out), "--brand", str(brand / "brand.yml"), "-f", "pdf"]
    assert runner.invoke(cli, args).exit_code == 0
    pdf = next(out.glob("*.pdf"))
    before = pdf.read_bytes()
    Image.new("RGB", (40, 20), "orange").save(brand / "logo.png")
    os.utime(brand / "logo.png", ns=(time.time_ns(), time.time_ns() + 10**9))  # even on a coarse clock
    assert runner.invoke(cli, args).exit_code == 0
    assert pdf.read_bytes() != before


# A build run as the installed command (``cli.main``) that stops at a known point: it says
# "waiting" and blocks there until a signal ends it. "render": the handout's renderer has been
# called; "replace": the first output is written whole to its temporary file, not yet renamed.
STOPPED_BUILD = """
import os, signal, sys

def wait_here(*args, **kw):
    print("waiting", flush=True)
    while True:
        signal.pause()

if sys.argv[1] == "render":
    import reportgen.render.handout.story as story
    story.render_pdf = wait_here
else:
    real_replace = os.replace

    def replace(src, dst, **kw):
        if str(dst).endswith(".pdf"):
            wait_here()
        return real_replace(src, dst, **kw)

    os.replace = replace
sys.argv = ["reportgen", *sys.argv[2:]]
from reportgen.cli import main
main()
"""


def stopped_build(content: Path, out: Path, point: str) -> subprocess.Popen[str]:
    """The build of ``content`` into ``out``, started and waiting at ``point``."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    proc = subprocess.Popen([sys.executable, "-c", STOPPED_BUILD, point, "build", str(content), "-o", str(out),
                             "--force"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watchdog = threading.Timer(60, proc.kill)  # a build that never gets there fails the test, never hangs it
    watchdog.start()
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "waiting\n", proc.communicate()
    finally:
        watchdog.cancel()
    return proc


def outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir()}


@pytest.mark.parametrize("point", ["render", "replace"])
def test_a_build_terminated_at_a_known_point_leaves_the_old_files_and_no_temporary_file(
        tmp_path: Path, point: str) -> None:
    out = tmp_path / "o"
    build_to(write_content(tmp_path / "old", CONTENT), out)  # same guide title: the same file names
    before = outputs(out)
    assert sorted(before) == ["test-guide.pdf", "test-guide.pptx"]
    content = write_content(tmp_path / "new", {"a.md": "# Beta\n\n- two\n"})
    proc = stopped_build(content, out, point)
    if point == "replace":  # stopped with the new files whole in their temporary files (and a link to the old
        # handout, to put back should the deck fail), before the first rename
        temporary = [p.name for p in out.glob(".test-guide.*.tmp")]
        assert len(temporary) == 3 and outputs(out) != before
    proc.send_signal(signal.SIGTERM)
    stdout, stderr = proc.communicate(timeout=60)
    assert (proc.returncode, stdout, stderr) == (128 + signal.SIGTERM, "", "")  # cli.main's exit status
    assert outputs(out) == before  # nothing renamed into place, the temporary file removed


def test_a_build_killed_outright_leaves_the_old_files_and_the_next_build_clears_its_temporary_file(
        tmp_path: Path) -> None:
    out = tmp_path / "o"
    build_to(write_content(tmp_path / "old", CONTENT), out)
    before = outputs(out)
    content = write_content(tmp_path / "new", {"a.md": "# Beta\n\n- two\n"})
    proc = stopped_build(content, out, "replace")
    proc.kill()  # SIGKILL: no handler runs, the temporary files stay (both new files, a link to the old handout)
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    left = [p.name for p in out.glob(".*.tmp")]
    assert len(left) == 3 and {k: v for k, v in outputs(out).items() if k not in left} == before
    build_to(content, out)
    assert sorted(outputs(out)) == ["test-guide.pdf", "test-guide.pptx"] and outputs(out) != before


def test_only_files_the_build_reads_decide_whether_it_reruns(runner: CliRunner, tmp_path: Path) -> None:
    """A README's folder holds a whole project: its other files are not inputs. An image the
    section names but that is missing is one: when it appears, the handout changes."""
    from PIL import Image

    content = write_content(tmp_path, {"a.md": "# Alpha\n\n![Chart](chart.png)\n"})
    out = tmp_path / "o"
    args = ["build", str(content), "-o", str(out), "-f", "pdf"]
    assert runner.invoke(cli, args).exit_code == 0
    pdf = next(out.glob("*.pdf"))
    first = pdf.stat().st_mtime_ns
    (content / "node_modules").mkdir()
    (content / "node_modules" / "big.js").write_text("x" * 1000, encoding="utf-8")
    (content / "notes.md").write_text("# Not a section\n", encoding="utf-8")
    assert runner.invoke(cli, args).exit_code == 0
    assert pdf.stat().st_mtime_ns == first
    Image.new("RGB", (40, 20), "navy").save(content / "chart.png")
    assert runner.invoke(cli, args).exit_code == 0
    assert pdf.stat().st_mtime_ns != first and b"/Subtype /Image" in pdf.read_bytes()


def test_a_source_date_epoch_that_is_no_number_is_one_error_line(runner: CliRunner, tmp_path: Path,
                                                                monkeypatch: object) -> None:
    content = write_content(tmp_path, CONTENT)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "abc")  # type: ignore[attr-defined]
    result = runner.invoke(cli, ["build", str(content), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1 and not (tmp_path / "o").exists()
    assert result.stderr == ("error: SOURCE_DATE_EPOCH is 'abc', not a number of seconds; set it to a Unix time "
                             "such as 1767225600, or unset it\n")
