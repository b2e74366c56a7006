"""QR codes from reportlab's own encoder (no extra dependency): a module grid, or PNG bytes."""

from __future__ import annotations

import io
import sys
from functools import lru_cache
from pathlib import Path
from types import ModuleType

from reportgen.theme import RGB


def _encoder() -> ModuleType:
    """reportlab's ``qrencoder`` module, loaded by itself: importing it the usual way runs
    ``reportlab.graphics.barcode``'s ``__init__``, which loads every barcode type (~45 ms)."""
    import importlib.util

    import reportlab

    name = "reportgen._qrencoder"
    if name not in sys.modules:
        path = Path(reportlab.__file__).parent / "graphics" / "barcode" / "qrencoder.py"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules[name] = module
    return sys.modules[name]


@lru_cache(maxsize=8)
def qr_modules(text: str) -> tuple[tuple[bool, ...], ...]:
    """The dark (True) and light modules of a QR code, error correction level M, row by row.
    Encoding tries all eight masks in pure Python (~5 ms), so the grid is kept in the user's
    cache: the same link is encoded once, not in every build and every process."""
    from reportgen import state

    key = state.text_digest(text)
    cached = state.cache_get("qr", key)
    if isinstance(cached, tuple):
        return cached
    grid = _encode(text)
    state.cache_put("qr", key, grid)
    return grid


def _encode(text: str) -> tuple[tuple[bool, ...], ...]:
    encoder = _encoder()
    qr = encoder.QRCode(None, encoder.QRErrorCorrectLevel.M)
    qr.addData(text)
    qr.make()
    count = qr.getModuleCount()
    return tuple(tuple(bool(qr.isDark(r, c)) for c in range(count)) for r in range(count))


def qr_png(text: str, dark: RGB = (0, 0, 0), light: RGB = (255, 255, 255), module: int = 10) -> bytes:
    """A QR code with a quiet zone of 4 modules, as deterministic two-colour PNG bytes."""
    from PIL import Image

    grid = qr_modules(text)
    side = len(grid) + 8
    quiet = bytes(side * 4)
    rows = (bytes(4) + bytes(map(int, row)) + bytes(4) for row in grid)
    image = Image.frombytes("P", (side, side), quiet + b"".join(rows) + quiet)
    image.putpalette([*light, *dark])
    image = image.resize((side * module, side * module), Image.Resampling.NEAREST)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
