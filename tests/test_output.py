"""Writing outputs: a file is replaced whole or not at all, and no temporary file stays behind."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from reportgen import output
from reportgen.errors import ReportgenError
from reportgen.output import prepare_dir, write_atomic

from .conftest import build_to, write_content


def temporary_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_write_replaces_the_file_whole_and_leaves_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "guide.pdf"
    target.write_bytes(b"old")
    write_atomic(target, b"new bytes")
    assert target.read_bytes() == b"new bytes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["guide.pdf"]
    assert target.stat().st_mode & 0o777 == 0o644  # mkstemp's 0600 would hide it from other users


def fail_fsync(monkeypatch: pytest.MonkeyPatch) -> type[BaseException]:
    def fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output.os, "fsync", fsync)
    return OSError


def fail_replace(monkeypatch: pytest.MonkeyPatch) -> type[BaseException]:
    def replace(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(output.os, "replace", replace)
    return PermissionError


def interrupt_replace(monkeypatch: pytest.MonkeyPatch) -> type[BaseException]:
    def replace(src: object, dst: object) -> None:
        raise KeyboardInterrupt  # Ctrl-C, or SIGTERM as cli.main turns it into an exit

    monkeypatch.setattr(output.os, "replace", replace)
    return KeyboardInterrupt


@pytest.mark.parametrize("fail", [fail_fsync, fail_replace, interrupt_replace],
                         ids=["writing-fails", "rename-fails", "interrupted"])
def test_a_failed_write_keeps_the_old_file_and_removes_its_temporary_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail: object) -> None:
    target = tmp_path / "guide.pdf"
    target.write_bytes(b"old")
    seen: list[str] = []
    real_unlink = Path.unlink

    def unlink(self: Path, missing_ok: bool = False) -> None:  # the cleanup really ran, on the temporary file
        seen.append(self.name)
        real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", unlink)
    raised = fail(monkeypatch)  # type: ignore[operator]
    with pytest.raises(raised):
        write_atomic(target, b"new bytes")
    assert target.read_bytes() == b"old"
    assert temporary_files(tmp_path) == []
    assert len(seen) == 1 and seen[0].startswith(".guide.pdf.") and seen[0].endswith(".tmp")


def test_a_failed_write_of_a_new_file_leaves_no_file_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fail_replace(monkeypatch)
    with pytest.raises(PermissionError):
        write_atomic(tmp_path / "new.pptx", b"bytes")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root may write in a read-only folder")
def test_a_read_only_folder_keeps_the_old_file_and_gets_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "ro" / "guide.pdf"
    target.parent.mkdir()
    target.write_bytes(b"old")
    target.parent.chmod(0o555)
    try:
        with pytest.raises(PermissionError):
            write_atomic(target, b"new bytes")
        assert target.read_bytes() == b"old" and temporary_files(target.parent) == []
    finally:
        target.parent.chmod(0o755)


def test_a_build_whose_first_rename_fails_keeps_the_old_outputs(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "o"
    build_to(write_content(tmp_path / "old", {"a.md": "# Alpha\n\n- one\n"}), out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    fail_replace(monkeypatch)
    with pytest.raises(ReportgenError, match="cannot replace the file"):  # one line, not a traceback
        build_to(write_content(tmp_path / "new", {"a.md": "# Beta\n\n- two\n"}), out, parallel=False)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_an_output_path_that_is_a_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "build"
    path.write_text("not a folder", encoding="utf-8")
    with pytest.raises(ReportgenError) as caught:
        prepare_dir(path)
    assert caught.value.format_message() == f"{path}: output path is a file, not a folder; choose another --out"


def test_an_output_folder_that_cannot_be_made_is_refused(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    path = tmp_path / "file" / "out"
    with pytest.raises(ReportgenError) as caught:
        prepare_dir(path)
    assert caught.value.format_message() == (f"{path}: cannot create the output folder: Not a directory; "
                                             "choose another --out")


def test_an_output_folder_that_is_not_writable_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(output.os, "access", lambda path, mode: False)  # as for another user (root may write)
    with pytest.raises(ReportgenError) as caught:
        prepare_dir(tmp_path)
    assert caught.value.format_message() == f"{tmp_path}: output folder is not writable; choose another --out"
