"""``reportgen init``: a new project that builds at once, with its own brand to edit.

The project folder is the content folder: ``cd`` into it and ``reportgen build`` finds its
``guide.yml`` (``build.default_content_dir``) and its ``brand.yml``. The brand is a neutral
placeholder named after the folder, with a placeholder logo drawn for it, so the first build
shows at once where the organisation's own name, logo, colours and fonts go.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from reportgen import ASSETS
from reportgen.errors import ReportgenError, SourceRef

GUIDE = """\
title: My Workshop
subtitle: Handout and slides from one source
author: {name}
date: {today}
lang: en
sections:
  - 01-welcome.md
"""

SECTION = """\
# Welcome to {{ title }}

This paragraph is printed in the handout and becomes speaker notes in the deck.

- Lists go on slides
- **Bold**, *italic* and `code` work in both

| Topic | Why it matters |
|-------|----------------|
| Tables | Native in the deck, repeated headers in the handout |

::: notes
Welcome everyone and introduce yourself.
:::
"""

BRAND = """\
# This project's brand: a neutral placeholder. Put your organisation's name, logo, colours
# and fonts here. The format is brand.yml (https://posit-dev.github.io/brand-yml/); reportgen's
# own settings are under `defaults: reportgen:` (README, "The brand file").
meta:
  name:
    full: {name}
  # link:
  #   home: https://example.org/   # a QR code to it on the cover and the closing slide

logo:
  images:
    mark: logos/logo.png             # a placeholder: replace it with your logo (PNG, JPEG or SVG)
    mark-white: logos/logo-white.png # the same for the dark cover and slides
  small: mark
  large:
    light: mark
    dark: mark-white

color:
  palette:
    slate: "#37474F"
    steel: "#607D8B"
    ink: "#1E2430"
  primary: slate
  secondary: steel
  foreground: ink
  background: "#FFFFFF"

typography:
  fonts:
    - family: Carlito
      source: file
      files:
        - path: fonts/Carlito-Regular.ttf
          weight: 400
        - path: fonts/Carlito-Bold.ttf
          weight: 700
        - path: fonts/Carlito-Italic.ttf
          style: italic
        - path: fonts/Carlito-BoldItalic.ttf
          weight: 700
          style: italic
    - family: Liberation Mono
      source: file
      files:
        - path: fonts/LiberationMono-Regular.ttf
  base:
    family: Carlito
    line-height: 1.4
  headings:
    family: Carlito
    color: primary
  monospace:
    family: Liberation Mono

defaults:
  reportgen:
    page-size: A4
    slide-size: "16:9"
    footer: {name}
"""

LOGO_SIZE = (720, 220)  # pixels: about the shape of a wordmark


def scaffold(directory: Path) -> list[Path]:
    """Write the starter files and return every file written; refuse to touch a folder that
    already has files."""
    import datetime as dt

    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise ReportgenError("folder is not empty", SourceRef(directory), hint="choose a new folder name")
    name = json.dumps(project_name(directory), ensure_ascii=False)  # a YAML string, whatever the folder's name
    written = [directory / "guide.yml", directory / "01-welcome.md", directory / "brand.yml",
               directory / "logos" / "logo.png", directory / "logos" / "logo-white.png"]
    try:
        (directory / "fonts").mkdir(parents=True, exist_ok=True)
        (directory / "logos").mkdir(exist_ok=True)
        written[0].write_text(GUIDE.format(name=name, today=dt.date.today().isoformat()), encoding="utf-8")
        written[1].write_text(SECTION, encoding="utf-8")
        written[2].write_text(BRAND.format(name=name), encoding="utf-8")
        placeholder_logo(written[3], (96, 125, 139))
        placeholder_logo(written[4], (255, 255, 255))
        for source in sorted((ASSETS / "fonts").iterdir()):
            if source.is_file():  # the brand's fonts, not the fallback fonts reportgen brings itself
                written.append(directory / "fonts" / source.name)
                shutil.copyfile(source, written[-1])
    except OSError as exc:
        raise ReportgenError(f"cannot create the project: {exc.strerror}", SourceRef(directory)) from None
    return written


def project_name(directory: Path) -> str:
    """A readable name from the folder's: ``acme-onboarding`` → "Acme Onboarding"."""
    words = [w for w in re.split(r"[-_\s]+", directory.resolve().name) if w]
    return " ".join(w[:1].upper() + w[1:] for w in words) or "My Organisation"


def placeholder_logo(path: Path, color: tuple[int, int, int]) -> None:
    """A transparent PNG with a dashed frame around "YOUR LOGO": plainly a stand-in."""
    from PIL import Image, ImageDraw, ImageFont

    w, h = LOGO_SIZE
    image = Image.new("RGBA", LOGO_SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    ink, inset, dash, width = (*color, 255), 8, 28, 8
    for x in range(inset, w - inset, 2 * dash):  # dashes along the top and bottom
        draw.line([(x, inset), (min(x + dash, w - inset), inset)], fill=ink, width=width)
        draw.line([(x, h - inset), (min(x + dash, w - inset), h - inset)], fill=ink, width=width)
    for y in range(inset, h - inset, 2 * dash):  # and down the sides
        draw.line([(inset, y), (inset, min(y + dash, h - inset))], fill=ink, width=width)
        draw.line([(w - inset, y), (w - inset, min(y + dash, h - inset))], fill=ink, width=width)
    try:
        font = ImageFont.truetype(str(ASSETS / "fonts" / "Carlito-Bold.ttf"), 96)
    except ImportError:  # a Pillow built without FreeType: the dashed frame alone
        pass
    else:
        draw.text((w / 2, h / 2), "YOUR LOGO", fill=ink, font=font, anchor="mm")
    image.save(path, optimize=True)
