"""``reportgen init``: a new project that builds at once, with its own brand to edit."""

from __future__ import annotations

import shutil
from pathlib import Path

from reportgen.brand import ASSETS
from reportgen.errors import ReportgenError, SourceRef

GUIDE = """\
title: My Workshop
subtitle: Handout and slides from one source
author: My Organisation
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


def scaffold(directory: Path) -> list[Path]:
    """Write the starter files; refuse to touch a folder that already has files."""
    import datetime as dt

    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise ReportgenError("folder is not empty", SourceRef(directory), hint="choose a new folder name")
    try:
        (directory / "fonts").mkdir(parents=True, exist_ok=True)
        (directory / "logos").mkdir(exist_ok=True)
        written = [directory / "guide.yml", directory / "01-welcome.md", directory / "brand.yml"]
        written[0].write_text(GUIDE.format(today=dt.date.today().isoformat()), encoding="utf-8")
        written[1].write_text(SECTION, encoding="utf-8")
        shutil.copyfile(ASSETS / "brand.yml", written[2])
        for source in sorted((ASSETS / "fonts").iterdir()) + sorted((ASSETS / "logos").iterdir()):
            if source.is_file():  # the brand's fonts, not the fallback fonts reportgen brings itself
                shutil.copyfile(source, directory / source.parent.name / source.name)
    except OSError as exc:
        raise ReportgenError(f"cannot create the project: {exc.strerror}", SourceRef(directory)) from None
    return written
