"""What reportgen ships computed (``reportgen/prebuilt/``) is what its files and code give now,
and is used only while it is."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reportgen import ASSETS, prebuilt
from reportgen.brand import DEFAULT_BRAND, _load_theme, load_theme
from reportgen.errors import Diagnostics
from reportgen.fonts import measure_face, read_metrics

from .conftest import REPO


def test_the_shipped_files_are_the_ones_the_fonts_brand_and_code_give() -> None:
    check = subprocess.run([sys.executable, str(REPO / "scripts" / "prebuild.py"), "--check"],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


def test_every_shipped_font_comes_measured() -> None:
    fonts = [f for folder in prebuilt.FONT_DIRS for f in folder.glob("*.ttf")]
    assert len(fonts) >= 5
    for font in fonts:
        shipped = prebuilt.face_metrics(font, 0, font.stat().st_size)
        fresh = measure_face(font)
        assert shipped is not None, font
        assert (shipped.widths, shipped.default) == (fresh.widths, fresh.default)


def test_the_default_theme_is_the_one_brand_yml_resolves_to() -> None:
    shipped = prebuilt.theme(DEFAULT_BRAND)
    assert shipped is not None
    theme, warnings = shipped
    assert theme == _load_theme(DEFAULT_BRAND, Diagnostics())
    assert warnings == []
    assert theme.logo is not None and theme.logo.path.is_file() and theme.logo.path.is_relative_to(ASSETS)


def test_a_font_of_another_size_is_measured_from_its_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fonts = tmp_path / "fonts"
    shutil.copytree(ASSETS / "fonts", fonts)
    font = fonts / "LiberationMono-Regular.ttf"
    monkeypatch.setattr(prebuilt, "FONT_DIRS", (fonts, fonts / "fallback"))
    assert prebuilt.face_metrics(font, 0, font.stat().st_size) is not None
    assert prebuilt.face_metrics(font, 0, font.stat().st_size + 1) is None
    carlito = fonts / "Carlito-Regular.ttf"
    font.write_bytes(carlito.read_bytes())  # another font under the same name
    read_metrics.cache_clear()
    assert read_metrics(font).widths == measure_face(carlito).widths


def test_an_edited_module_or_brand_makes_the_theme_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original, package = prebuilt.PACKAGE, tmp_path / "reportgen"
    shutil.copytree(original, package)
    brand = tmp_path / "brand.yml"
    shutil.copy(DEFAULT_BRAND, brand)
    monkeypatch.setattr(prebuilt, "PACKAGE", package)
    assert prebuilt.theme(brand) is not None
    deck = package / "theme" / "deck.py"
    deck.write_text(deck.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert prebuilt.theme(brand) is None
    shutil.copy(original / "theme" / "deck.py", deck)
    assert prebuilt.theme(brand) is not None
    brand.write_text(brand.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert prebuilt.theme(brand) is None


def test_a_stale_theme_is_resolved_from_the_brand(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(prebuilt, "THEME_FILE", tmp_path / "missing.pickle")
    assert load_theme(None, Diagnostics()) == _load_theme(DEFAULT_BRAND, Diagnostics())
