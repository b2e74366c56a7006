"""Writing outputs: all or nothing, and the same bytes for the same input."""

from __future__ import annotations

import os
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


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    A failure at any point leaves the previous file as it was and no temporary file behind.
    (``click.open_file(atomic=True)`` would replace the target even after an error.)
    """
    for stale in path.parent.glob(f".{path.name}.*.tmp"):  # left by a build killed with SIGKILL
        stale.unlink(missing_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

