"""What reportgen computes ahead for the files it ships: the default brand's theme and the
width tables of its fonts.

A first build with an empty cache (a CI container, a new laptop) used to resolve the default
brand with brand-yml (its import alone takes ~0.25 s) and parse every shipped font, which made
it ~1.8× a warm build. Those results depend only on files in this repository, so
``scripts/prebuild.py`` computes them into ``reportgen/prebuilt/`` and this module reads them
back; the user's cache keeps only what depends on the user's files. Each result says what it
was made from, and is used only while that still holds: a font of the same size, the same
brand file and the same source of the modules that resolved it (an edited theme module is
never answered with an old theme). ``tests/test_prebuilt.py`` checks that the shipped results
are the ones the fonts, the brand and the code give now.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path, PurePath
from typing import IO, Any

from reportgen import ASSETS

PACKAGE = Path(__file__).resolve().parent
DIR = PACKAGE / "prebuilt"
FONT_DIRS = (ASSETS / "fonts", ASSETS / "fonts" / "fallback")
THEME_FILE = DIR / "theme.pickle"
FONT_SUFFIXES = (".ttf", ".otf", ".ttc")


def metrics_file(font: Path) -> Path:
    """Where a shipped font's widths are: named by its path in ``assets/fonts`` ("/" as "__")."""
    return DIR / f"metrics-{font.relative_to(FONT_DIRS[0]).with_suffix('').as_posix().replace('/', '__')}.pickle"


def face_metrics(path: Path, index: int, size: int) -> Any:
    """The shipped widths of a font reportgen ships (``FaceMetrics``), if ``path`` is one and
    its file is the one they were measured from; else ``None``."""
    if index or path.parent not in FONT_DIRS:
        return None
    try:
        made_from, metrics = pickle.loads(metrics_file(path).read_bytes())
    except Exception:  # missing, unreadable, or naming a class this code no longer has: measure the file
        return None
    return metrics if made_from == (path.name, size) else None


def theme(brand: Path) -> Any:
    """The default brand's resolved theme and its warnings, if they were made by the code and
    brand file here now; else ``None``."""
    try:
        with THEME_FILE.open("rb") as f:
            made_from = pickle.load(f)
            if made_from != theme_sources(brand, made_from[0]):
                return None
            return _AssetUnpickler(f).load()
    except Exception:  # missing, unreadable, or naming a class this code no longer has: resolve the brand
        return None


def theme_sources(brand: Path, modules: tuple[str, ...]) -> tuple[tuple[str, ...], str]:
    """What a theme was made from: the reportgen ``modules`` that ran to resolve it, and a
    digest of their source, the brand file and the files in ``assets/``: the logos by content
    (their pixel sizes are in the theme), the fonts by name and size (3 MB to read; the theme
    holds only their paths, and their widths are checked on their own)."""
    h = hashlib.blake2b(digest_size=20)
    for name in modules:
        h.update(name.encode())
        h.update((PACKAGE / name).read_bytes())
    h.update(brand.read_bytes())
    for path in sorted(ASSETS.rglob("*")):
        if path.is_file():
            h.update(path.relative_to(ASSETS).as_posix().encode())
            h.update(str(path.stat().st_size).encode() if path.suffix.lower() in FONT_SUFFIXES else path.read_bytes())
    return modules, h.hexdigest()


def dump_theme(value: Any, modules: tuple[str, ...], brand: Path, f: IO[bytes]) -> None:
    """Write a resolved theme with what it was made from; its paths into ``assets/`` are kept
    relative, so the file holds wherever reportgen is installed."""
    pickle.dump(theme_sources(brand, modules), f)
    _AssetPickler(f).dump(value)


class _AssetPickler(pickle.Pickler):
    def persistent_id(self, obj: Any) -> str | None:
        if isinstance(obj, PurePath):
            if not obj.is_relative_to(ASSETS):
                raise ValueError(f"{obj}: a prebuilt theme may name only files in {ASSETS}")
            return obj.relative_to(ASSETS).as_posix()
        return None


class _AssetUnpickler(pickle.Unpickler):
    def persistent_load(self, pid: Any) -> Path:
        return ASSETS / str(pid)
