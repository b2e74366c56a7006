"""reportgen: one set of content files → a branded PDF handout and an editable PowerPoint deck."""

__version__ = "0.1.0"
