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
    """The dark (True) and light modules of a QR code, error correction level M, row by row."""
    encoder = _encoder()
    qr = encoder.QRCode(None, encoder.QRErrorCorrectLevel.M)
    qr.addData(text)
    qr.make()
    count = qr.getModuleCount()
    return tuple(tuple(bool(qr.isDark(r, c)) for c in range(count)) for r in range(count))


def qr_png(text: str, dark: RGB = (0, 0, 0), light: RGB = (255, 255, 255), module: int = 10) -> bytes:
    """A QR code with a quiet zone of 4 modules, as deterministic PNG bytes."""
    from PIL import Image, ImageDraw

    grid = qr_modules(text)
    side = (len(grid) + 8) * module
    image = Image.new("RGB", (side, side), light)
    draw = ImageDraw.Draw(image)
    for r, row in enumerate(grid):
        for c, is_dark in enumerate(row):
            if is_dark:
                x, y = (c + 4) * module, (r + 4) * module
                draw.rectangle((x, y, x + module - 1, y + module - 1), fill=dark)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
