"""QR codes as PNG bytes, from reportlab's own encoder (no extra dependency)."""

from __future__ import annotations

import io

from reportgen.theme import RGB


def qr_png(text: str, dark: RGB = (0, 0, 0), light: RGB = (255, 255, 255), module: int = 10) -> bytes:
    """A QR code with a quiet zone of 4 modules, as deterministic PNG bytes."""
    from PIL import Image, ImageDraw
    from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel

    qr = QRCode(None, QRErrorCorrectLevel.M)
    qr.addData(text)
    qr.make()
    count = qr.getModuleCount()
    side = (count + 8) * module
    image = Image.new("RGB", (side, side), light)
    draw = ImageDraw.Draw(image)
    for r in range(count):
        for c in range(count):
            if qr.isDark(r, c):
                x, y = (c + 4) * module, (r + 4) * module
                draw.rectangle((x, y, x + module - 1, y + module - 1), fill=dark)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
