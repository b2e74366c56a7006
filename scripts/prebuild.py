"""Compute what reportgen ships computed (``reportgen/prebuilt/``, read by ``prebuilt.py``).

    python scripts/prebuild.py          # writes reportgen/prebuilt/
    python scripts/prebuild.py --check  # makes them in a temporary folder and compares

Run it after changing the default brand, a shipped font, or code that resolves a theme:
until then builds resolve the default brand themselves (correct, only slower on an empty
cache) and tests/test_prebuilt.py fails. It writes the width table of every font in
``assets/fonts`` and ``assets/fonts/fallback``, and the default brand's resolved theme with
the reportgen modules that ran to resolve it (an edit to one of them makes the theme stale).
The same files and code give byte-identical output.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from pathlib import Path

from reportgen import prebuilt
from reportgen.brand import DEFAULT_BRAND, _load_theme
from reportgen.errors import Diagnostics
from reportgen.fonts import measure_face


def make(out: Path) -> None:
    """Write every prebuilt file into ``out`` (named as ``prebuilt.py`` reads them)."""
    import pickle

    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.pickle"):  # a font no longer shipped leaves no table behind
        old.unlink()
    for font in sorted(f for folder in prebuilt.FONT_DIRS for f in folder.glob("*.ttf")):
        made_from = (font.name, font.stat().st_size)
        (out / prebuilt.metrics_file(font).name).write_bytes(pickle.dumps((made_from, measure_face(font))))
    diag = Diagnostics()
    theme = _load_theme(DEFAULT_BRAND, diag)
    data = io.BytesIO()
    prebuilt.dump_theme((theme, diag.warnings), _reportgen_modules(), DEFAULT_BRAND, data)
    (out / prebuilt.THEME_FILE.name).write_bytes(data.getvalue())


def _reportgen_modules() -> tuple[str, ...]:
    """The files of every reportgen module loaded so far, relative to the package."""
    files = (Path(module.__file__).resolve() for module in list(sys.modules.values())
             if getattr(module, "__file__", None))
    package = prebuilt.PACKAGE
    return tuple(sorted(f.relative_to(package).as_posix() for f in files if f.is_relative_to(package)))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="compare with the shipped files instead of writing them")
    args = ap.parse_args()
    if not args.check:
        make(prebuilt.DIR)
        print(f"wrote {prebuilt.DIR}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        make(Path(tmp))
        made = {f.name: f.read_bytes() for f in Path(tmp).iterdir()}
    shipped = {f.name: f.read_bytes() for f in prebuilt.DIR.glob("*.pickle")}
    stale = sorted(name for name in made.keys() | shipped.keys() if made.get(name) != shipped.get(name))
    for name in stale:
        print(f"{prebuilt.DIR / name}: out of date; run python scripts/prebuild.py", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
