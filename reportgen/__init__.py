"""reportgen: one set of content files → a branded PDF handout and an editable PowerPoint deck."""

from pathlib import Path

__version__ = "0.1.0"

ASSETS = Path(__file__).resolve().parent.parent / "assets"  # the default brand, its fonts and logos
