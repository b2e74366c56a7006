"""QR codes: the PNG in the deck shows exactly the encoder's modules, with a quiet zone."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from reportgen.qr import qr_modules, qr_png


@settings(max_examples=25, deadline=None)
@given(st.text(st.characters(min_codepoint=32, max_codepoint=126), min_size=1, max_size=80),
       st.integers(min_value=2, max_value=12))
def test_png_draws_every_module_at_its_place(text: str, module: int) -> None:
    grid = qr_modules(text)
    image = Image.open(io.BytesIO(qr_png(text, module=module))).convert("RGB")
    side = len(grid) + 8
    assert image.size == (side * module, side * module)
    for r in range(side):
        for c in range(side):
            dark = 4 <= r < side - 4 and 4 <= c < side - 4 and grid[r - 4][c - 4]
            pixel = image.getpixel((c * module + module // 2, r * module + module // 2))
            assert pixel == ((0, 0, 0) if dark else (255, 255, 255)), (r, c)


def test_png_is_deterministic_and_uses_the_given_colours() -> None:
    a = qr_png("https://example.com", dark=(10, 20, 30), light=(250, 240, 230))
    assert a == qr_png("https://example.com", dark=(10, 20, 30), light=(250, 240, 230))
    colours = {colour for _, colour in Image.open(io.BytesIO(a)).convert("RGB").getcolors()}
    assert colours == {(10, 20, 30), (250, 240, 230)}
