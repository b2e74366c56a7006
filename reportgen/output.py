"""Writing outputs: all or nothing, and the same bytes for the same input.

A build's files are replaced together (``write_all``): each is written to a temporary file
beside it, every target is checked to be replaceable, and only then are they renamed into
place; a rename that still fails puts back the files already replaced. Whatever goes wrong —
a full disk, a deck open in PowerPoint, a folder removed, Ctrl-C — the folder holds one
consistent set (all old or all new) and no temporary file.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

from reportgen.errors import ReportgenError, SourceRef


def prepare_dir(out_dir: Path) -> None:
    """Create the output folder, or say clearly why it cannot be used."""
    if out_dir.exists() and not out_dir.is_dir():
        raise ReportgenError("output path is a file, not a folder", SourceRef(out_dir), hint="choose another --out")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportgenError(
            f"cannot create the output folder: {exc.strerror}", SourceRef(out_dir), hint="choose another --out"
        ) from None
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise ReportgenError("output folder is not writable", SourceRef(out_dir), hint="choose another --out")


def write_all(files: dict[Path, bytes]) -> None:
    """Replace every file of ``files`` with its bytes, or none of them (see the module's doc)."""
    staged: dict[Path, Path] = {}  # target → its new bytes, written beside it
    kept: dict[Path, Path] = {}  # target → a link to its old bytes, until all are replaced
    done: list[Path] = []
    needed = sum(len(data) for data in files.values())
    try:
        for path, data in files.items():
            staged[path] = _stage(path, data, needed)
        for path in files:
            _check_replaceable(path)
        for path in files:
            if path.exists():
                kept[path] = _keep(path)
            try:
                os.replace(staged[path], path)
            except OSError as exc:
                raise _fault(exc, path) from None
            del staged[path]
            done.append(path)
    except BaseException:
        for path in reversed(done):  # put the old files back: all old, never a mix
            if path in kept:
                os.replace(kept.pop(path), path)
            else:
                path.unlink(missing_ok=True)
        raise
    finally:
        for leftover in [*staged.values(), *kept.values()]:
            leftover.unlink(missing_ok=True)


def _stage(path: Path, data: bytes, needed: int) -> Path:
    """``_write_beside``, its refusal as one line; ``needed``: what the whole build writes,
    for the message when the disk is full."""
    try:
        return _write_beside(path, data)
    except OSError as exc:
        raise _fault(exc, path.parent, needed) from None


def _write_beside(path: Path, data: bytes) -> Path:
    """``data`` in a temporary file beside ``path`` (so a rename onto it is atomic), synced to
    disk; nothing left behind if that fails. Temporary files of an earlier build killed with
    SIGKILL are removed first."""
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        stale.unlink(missing_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def _check_replaceable(path: Path) -> None:
    """Fail now, before any file is replaced, if ``path`` cannot be: open in a program that
    locks it (PowerPoint on Windows), read-only to this user, or made immutable. Opening it to
    append, without writing, changes nothing."""
    if not path.exists():
        return
    try:
        with open(path, "ab"):
            pass
    except OSError as exc:
        raise _fault(exc, path) from None


def _keep(path: Path) -> Path:
    """A second name for ``path``'s old bytes, to put back if a later file cannot be replaced."""
    # a fresh name, not a file: a hard link cannot replace one (the folder is the user's own output)
    backup = Path(tempfile.mktemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"))
    try:
        os.link(path, backup)
    except OSError:
        shutil.copy2(path, backup)  # a file system without hard links
    return backup


def _fault(exc: OSError, path: Path, needed: int = 0) -> ReportgenError:
    """An operating system's refusal as one line that names the file and a likely cause."""
    where = SourceRef(path)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        need = f": {needed / 1e6:.1f} MB needed" if needed else ""
        return ReportgenError(f"no space left on {path}/{need}", hint="free some space, or build into another --out")
    if isinstance(exc, FileNotFoundError):
        return ReportgenError("the output folder was removed during the build", where, hint="build again")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EBUSY, errno.ETXTBSY, errno.EROFS):
        if path.is_dir():
            return ReportgenError("cannot write in this folder: permission denied", where,
                                  hint="choose another --out")
        return ReportgenError("cannot replace the file — is it open in PowerPoint or another program? "
                              "Close it and build again", where)
    return ReportgenError(f"cannot write the file: {exc.strerror or exc}", where, hint="check the output folder")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    A failure at any point leaves the previous file as it was and no temporary file behind.
    (``click.open_file(atomic=True)`` would replace the target even after an error.)
    """
    tmp = _write_beside(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
