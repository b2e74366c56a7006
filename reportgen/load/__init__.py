"""From content files to the model: ``load_document`` is the loader's whole API.

Nothing here imports reportlab or python-pptx; the result is a ``model.Document``. The loader
is imported on first use of ``load_document``: the brand reads YAML with ``load.files`` and
should not bring the Markdown parser with it (nor make the prebuilt theme depend on it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reportgen.load.document import load_document

__all__ = ["load_document"]


def __getattr__(name: str) -> Any:
    if name == "load_document":
        from reportgen.load.document import load_document

        return load_document
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
