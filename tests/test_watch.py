"""``reportgen watch``: an edit is rebuilt, an error is shown and survived, Ctrl-C stops cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pypdf

from .conftest import REPO, write_content


def wait_for(condition: object, timeout: float = 30.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


def with_ctrl_c() -> None:
    """In the watcher's process: Ctrl-C (SIGINT) as a terminal delivers it, even when the tests
    run as a background job, whose children a shell starts with SIGINT ignored."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def pdf_text(path: Path) -> str:
    try:
        return " ".join(p.extract_text() or "" for p in pypdf.PdfReader(path).pages)
    except Exception:  # half-visible file while we poll: try again
        return ""


def test_watch_rebuilds_on_edit_survives_errors_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    content = write_content(tmp_path, {"a.md": "# First\n\nOriginal words.\n"})
    out = tmp_path / "out"
    pdf = out / "test-guide.pdf"
    env = {**os.environ, "PYTHONPATH": str(REPO), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    proc = subprocess.Popen([sys.executable, "-m", "reportgen", "watch", str(content), "-o", str(out), "-f", "pdf"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=with_ctrl_c)
    try:
        assert wait_for(lambda: "Original words." in pdf_text(pdf))
        time.sleep(0.5)  # let the watcher settle before editing
        (content / "a.md").write_text("# First\n\n::: notes\nunclosed\n", encoding="utf-8")
        time.sleep(1.0)
        (content / "a.md").write_text("# First\n\nEdited words.\n", encoding="utf-8")
        assert wait_for(lambda: "Edited words." in pdf_text(pdf))
    finally:
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 0, stderr
    assert "never closed" in stderr  # the error was shown, and watching went on
    assert stderr.rstrip().endswith("stopped")
    assert len([line for line in stdout.splitlines() if ": built test-guide.pdf in " in line]) >= 2


def test_watch_of_a_missing_folder_is_a_one_line_error(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-m", "reportgen", "watch", "nowhere"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=30)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == ("error: nowhere: content folder not found; "
                           "pass the folder holding guide.yml, or a Markdown file\n")


def test_after_a_failed_first_build_watch_still_watches_the_content_not_its_output(tmp_path: Path) -> None:
    content = write_content(tmp_path, {"a.md": "# First\n\nWords.\n"},
                            guide="title: Test Guide\nsections:\n  - a.md\n  - b.md\n")  # b.md is missing
    out = content / "build"  # inside the content folder, as in a project made by init
    elsewhere = tmp_path / "elsewhere"  # the current folder: not watched
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(REPO), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    log = tmp_path / "stderr.txt"
    with log.open("w") as stderr:
        proc = subprocess.Popen([sys.executable, "-m", "reportgen", "watch", str(content), "-o", str(out), "-f", "pdf"],
                                cwd=elsewhere, env=env, stdout=subprocess.PIPE, stderr=stderr, text=True,
                                preexec_fn=with_ctrl_c)
        try:
            assert wait_for(lambda: "watching" in log.read_text())
            time.sleep(0.5)
            out.mkdir()
            (out / "stray.txt").write_text("not an input")  # the output folder is never watched
            (elsewhere / "other.md").write_text("# Not content")
            time.sleep(1.0)
            (content / "b.md").write_text("# Second\n\nMore words.\n", encoding="utf-8")
            assert wait_for(lambda: "More words." in pdf_text(out / "test-guide.pdf"))
        finally:
            proc.send_signal(signal.SIGINT)
            stdout, _ = proc.communicate(timeout=30)
    errors = log.read_text()
    assert f"watching {content.resolve()} (Ctrl-C to stop)" in errors
    assert "start: error:" in errors and "section file 'b.md' not found" in errors
    assert [line.split("] ", 1)[1].split(":")[0] for line in stdout.splitlines()] == ["b.md"]
