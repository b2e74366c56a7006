"""Skipping unchanged builds: what the last build read, kept beside its outputs.

A rebuild with nothing changed should cost a few hashes, not a render. A build records the
files the loader read — guide.yml, each section, data tables, images, and the ones it looked
for and did not find — with a digest of the rest: the brand file and the files it names,
the event values, the options that change output, and reportgen's own source. Only those
files are looked at again (a README's folder may hold a whole project: its other files are
not inputs). Text counts by content; images, fonts, logos and the source by size and
modification time. The record lives in the user's cache folder, keyed by output folder, so
output folders hold only outputs (and can be committed as they are).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from reportgen import ASSETS

_PACKAGE = Path(__file__).resolve().parent
_TEXT = {".md", ".markdown", ".yml", ".yaml", ".csv", ".txt"}
_QUOTED_PATH = re.compile(r"""[\w./ -]+\.(?:ttf|otf|png|jpe?g|gif|bmp|tiff?|webp|svgz?|woff2?|pptx)""", re.I)


def settings_digest(brand_key: str, settings: dict[str, Any]) -> str:
    """A hash of what a build depends on besides its content files: the brand (``brand_key``,
    from ``brand_digest``) and, in ``settings``, the options and event values."""
    h = hashlib.blake2b(digest_size=20)
    h.update(json.dumps(settings, sort_keys=True, default=str).encode())
    h.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    h.update(brand_key.encode())
    return h.hexdigest()


def input_stamps(paths: Iterable[Path]) -> dict[str, str]:
    """Each input file's fingerprint: its content's hash for text, size and modification
    time for anything else, ``"missing"`` for a file that is not there (it may appear)."""
    out = {}
    for path in paths:
        try:
            if path.suffix.lower() in _TEXT:
                out[str(path)] = file_hash(path)
            else:
                info = path.stat()
                out[str(path)] = f"{info.st_size}:{info.st_mtime_ns}"
        except OSError:
            out[str(path)] = "missing"
    return out


def brand_digest(brand: Path | None) -> str:
    """A hash of the brand file, and the stamps of the files it names (fonts, logos), of
    reportgen's source and of the fallback fonts it ships."""
    h = hashlib.blake2b(digest_size=20)
    _stamp_files(h, sorted(_PACKAGE.rglob("*.py")))
    _stamp_files(h, sorted((ASSETS / "fonts" / "fallback").glob("*.ttf")))
    if brand is not None and brand.is_file():
        _hash_files(h, [brand])
        text = brand.read_text(encoding="utf-8", errors="replace")
        _stamp_files(h, [brand.parent / m.strip() for m in _QUOTED_PATH.findall(text)])
    return h.hexdigest()


def _hash_files(h: Any, files: Iterable[Path]) -> None:
    for path in files:
        h.update(str(path).encode())
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"<missing>")


def _stamp_files(h: Any, files: Iterable[Path]) -> None:
    """Size and modification time stand for the bytes, as in make: fonts and logos are
    replaced, not edited, and reading the default brand's 3 MB of fonts took 4 ms a build."""
    for path in files:
        h.update(str(path).encode())
        try:
            st = path.stat()
            h.update(f"{st.st_size}:{st.st_mtime_ns}".encode())
        except OSError:
            h.update(b"<missing>")


def cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "reportgen"


def cache_get(kind: str, key: str) -> Any:
    """An object stored by ``cache_put`` under this key, or ``None``. The cache is the user's
    own folder, as trusted as reportgen's own files."""
    import pickle

    try:
        return pickle.loads((cache_dir() / f"{kind}-{key}.pickle").read_bytes())
    except Exception:  # missing, unreadable or from another version: just do the work
        return None


def cache_put(kind: str, key: str, value: Any) -> None:
    import pickle

    from reportgen.output import write_atomic

    try:
        cache_dir().mkdir(parents=True, exist_ok=True)
        write_atomic(cache_dir() / f"{kind}-{key}.pickle", pickle.dumps(value))
    except OSError:
        pass


def text_digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=20).hexdigest()


def file_hash(path: Path) -> str:
    return hashlib.blake2b(path.read_bytes(), digest_size=20).hexdigest()


def state_file(out_dir: Path) -> Path:
    key = hashlib.blake2b(str(out_dir.resolve()).encode(), digest_size=12).hexdigest()
    return cache_dir() / f"build-{key}.json"


def unchanged(out_dir: Path, digest: str) -> tuple[list[Path], list[str]] | None:
    """The outputs and warnings of the last build, if all its outputs are intact and it read
    exactly these inputs (the same settings ``digest``, the same files); else ``None``."""
    try:
        state = json.loads(state_file(out_dir).read_text(encoding="utf-8"))
        if state["digest"] != digest:
            return None
        inputs = state["inputs"]
        if input_stamps(Path(p) for p in inputs) != inputs:
            return None
        paths = [out_dir / name for name in state["outputs"]]
        if not paths or any(file_hash(p) != state["outputs"][p.name] for p in paths):
            return None
        return paths, list(state.get("warnings", []))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def record(out_dir: Path, digest: str, inputs: Iterable[Path], paths: list[Path], warnings: list[str]) -> None:
    """Remember this build; a cache that cannot be written only costs the next rebuild."""
    from reportgen.output import write_atomic

    state = {"digest": digest, "inputs": input_stamps(inputs), "outputs": {p.name: file_hash(p) for p in paths},
             "warnings": warnings}
    target = state_file(out_dir)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, json.dumps(state, indent=1).encode())
    except OSError:
        pass
