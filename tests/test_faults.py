"""Faults a real machine has: a target that cannot be replaced (a deck open in PowerPoint), a
full disk, an output folder removed mid-build, a YAML alias bomb, Ctrl-C and SIGTERM.

Each fault is one ``error:`` line naming the file and a likely cause, exit status 1 (130 and
143 for the signals), the previous outputs byte-identical, and no temporary file left.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen import output
from reportgen.cli import cli

from .conftest import write_content

BOMB = "".join(f"{x}: &{x} [{', '.join([f'*{p}'] * 9)}]\n" for p, x in zip("abcdefgh", "bcdefghi"))
BOMB = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + BOMB


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """A content folder, its output folder with a first build in it, and those files' bytes."""
    content = write_content(tmp_path, {"a.md": "# Title\n\nSome text.\n"})
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(content), "-o", str(out)])
    assert result.exit_code == 0, result.output
    (content / "a.md").write_text("# Title\n\nOther text.\n", encoding="utf-8")  # the next build differs
    return content, out, {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}


def _rebuild(content: Path, out: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["build", str(content), "-o", str(out)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr


def _unchanged(out: Path, before: dict[str, bytes]) -> None:
    now = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}
    assert now == before
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]


def test_a_deck_open_in_powerpoint_leaves_every_output_as_it_was(built: tuple[Path, Path, dict[str, bytes]],
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows refuses to open a file PowerPoint holds; the check happens before any file is
    replaced, so the handout is not replaced either."""
    content, out, before = built
    real_open = open

    def locked(path: object, *args: object, **kwargs: object) -> object:
        if str(path).endswith(".pptx"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(output, "open", locked, raising=False)
    code, err = _rebuild(content, out)
    assert code == 1
    deck = next(name for name in before if name.endswith(".pptx"))
    assert err.strip().splitlines() == [
        f"error: {out / deck}: cannot replace the file — is it open in PowerPoint or another program? "
        "Close it and build again"]
    _unchanged(out, before)


def test_a_replace_that_fails_midway_puts_back_the_files_already_replaced(
        built: tuple[Path, Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch) -> None:
    content, out, before = built
    real_replace = os.replace
    calls: list[str] = []

    def second_fails(src: str, dst: str) -> None:
        calls.append(str(dst))
        if len([c for c in calls if not c.endswith(".tmp")]) == 2 and not str(dst).endswith(".tmp"):
            raise PermissionError(errno.EBUSY, "Device or resource busy", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(output.os, "replace", second_fails)
    code, err = _rebuild(content, out)
    assert code == 1 and "cannot replace the file" in err
    _unchanged(out, before)  # the first file, already replaced, is the old one again


def test_a_full_disk_says_how_much_room_the_build_needs(built: tuple[Path, Path, dict[str, bytes]],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    content, out, before = built

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output.os, "fsync", full)
    code, err = _rebuild(content, out)
    assert code == 1
    line, = err.strip().splitlines()
    assert line.startswith(f"error: no space left on {out}/: ") and " MB needed; " in line
    _unchanged(out, before)


def test_an_output_folder_removed_during_the_build_is_one_line(built: tuple[Path, Path, dict[str, bytes]],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    content, out, _ = built
    real_stage = output._stage

    def removed_first(path: Path, data: bytes, needed: int) -> Path:
        shutil.rmtree(path.parent, ignore_errors=True)
        return real_stage(path, data, needed)

    monkeypatch.setattr(output, "_stage", removed_first)
    code, err = _rebuild(content, out)
    assert code == 1
    assert err.strip().splitlines() == [f"error: {out}: the output folder was removed during the build; build again"]


@pytest.mark.skipif(not sys.platform.startswith("linux") or os.geteuid() != 0 or not shutil.which("mount"),
                    reason="a small tmpfs needs Linux and root")
def test_a_real_full_disk(tmp_path: Path) -> None:
    """On a 32 KB tmpfs, the handout and deck do not fit: one line, nothing left behind."""
    disk = tmp_path / "small"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=32k", "tmpfs", str(disk)], capture_output=True).returncode:
        pytest.skip("mounting a tmpfs is not allowed here")
    try:
        content = write_content(tmp_path, {"a.md": "# Title\n\n" + "Text. " * 4000 + "\n"})
        result = CliRunner().invoke(cli, ["build", str(content), "-o", str(disk / "out")])
        assert result.exit_code == 1
        assert result.stderr.startswith(f"error: no space left on {disk / 'out'}/: ")
        assert list((disk / "out").iterdir()) == []
    finally:
        subprocess.run(["umount", str(disk)], check=False)


@pytest.mark.parametrize("where", ["guide.yml", "event.yml", "brand.yml"])
def test_a_yaml_alias_bomb_is_refused_at_its_line(tmp_path: Path, where: str) -> None:
    """9 aliases 8 levels deep are 43 million strings once expanded: refused before expanding."""
    content = write_content(tmp_path, {"a.md": "# T\n\nText.\n"})
    args = ["build", str(content), "-o", str(tmp_path / "out")]
    if where == "guide.yml":
        guide = content / "guide.yml"
        guide.write_text(guide.read_text(encoding="utf-8") + BOMB, encoding="utf-8")
    else:
        (tmp_path / where).write_text("name: X\n" + BOMB, encoding="utf-8")
        args += ["--event" if where == "event.yml" else "--brand", str(tmp_path / where)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    line, = result.stderr.strip().splitlines()
    assert f"{where}:" in line and "YAML aliases here expand to" in line
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_build_stopped_by_a_signal_cleans_up_and_exits_as_conventional(tmp_path: Path, sig: int, code: int) -> None:
    """Stopped while the worker renders: the worker is stopped, nothing is written."""
    content = write_content(tmp_path, {"a.md": "# T\n\nText.\n"})
    slow = ("import time, reportgen.render.handout.story as s; s.render_pdf = lambda *a: time.sleep(60); "
            "from reportgen.cli import main; main()")
    proc = subprocess.Popen([sys.executable, "-c", slow, "build", str(content), "-o", str(tmp_path / "out"), "-f",
                             "pdf"], stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(2)  # started, loaded and waiting for the render (a fault to inject, not a speed to assert)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == code, err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


@pytest.mark.parametrize(("entry", "said"), [
    ("keywords: [[a, b]]", "'keywords' must be a list of words"),
    ("event: {name: [[x]]}", "'event: name' must be text"),
    ("lang: [en]", "'lang' must be a language code"),
    ("sections: [[a.md]]", "'sections' must be a list of Markdown file names"),
])
def test_a_value_of_the_wrong_shape_is_an_error_at_its_line(tmp_path: Path, entry: str, said: str) -> None:
    """A list of lists where text is expected is refused, never printed as "[['a', 'b']]"."""
    guide = "title: T\n" + ("" if entry.startswith("sections") else "sections:\n  - a.md\n") + entry + "\n"
    content = write_content(tmp_path, {"a.md": "# T\n\nText.\n"}, guide)
    result = CliRunner().invoke(cli, ["build", str(content), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    line = guide.count("\n")  # the entry is the guide's last line
    assert result.stderr.startswith(f"error: {content / 'guide.yml'}:{line}: {said}")
