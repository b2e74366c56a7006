"""What loading needs beyond the text: the document's settings and one file's bookkeeping.

``FileContext`` is handed to every reader of one section file (blocks, inline text, raw
HTML): it makes source references, says each warning once, fills placeholders, turns
``:shortcodes:`` into emoji, and decides whether an image can be shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from reportgen.errors import Diagnostics, ReportgenError, SourceRef
from reportgen.load.anchors import Slugger, section_prefix
from reportgen.load.images import check_image, svg_notes
from reportgen.load.placeholders import fill

_SHORTCODE = re.compile(r":[a-z0-9_+-]+:")
_REMOTE = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


def is_remote(src: str) -> bool:
    """An address with a scheme (``https:``, ``ftp:``): never fetched."""
    return bool(_REMOTE.match(src))


@dataclass(frozen=True)
class LoadContext:
    """What every section needs to resolve paths, placeholders and warnings."""

    root: Path
    diag: Diagnostics
    variables: dict[str, str]
    allow_outside: bool = False
    inputs: list[Path] = field(default_factory=list)  # the files read or looked for, in order
    lang: str = "en"  # the guide's language: its quotation marks

    def read(self, path: Path) -> Path:
        """Note ``path`` as an input of the build (a rebuild looks at it again)."""
        self.inputs.append(path)
        return path


class FileContext:
    """One section file being read."""

    def __init__(self, path: Path, ctx: LoadContext, index: int = 1, text: str = "") -> None:
        self.path, self.ctx, self.diag, self.lines = path, ctx, ctx.diag, text.split("\n")
        self.slugger = Slugger(section_prefix(index))
        self._said: set[str] = set()

    def source_line(self, line: int) -> str:
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""

    def ref(self, line: int | None) -> SourceRef:
        return SourceRef(self.path, line)

    def warn(self, message: str, line: int | None) -> None:
        self.diag.warn(message, self.ref(line))

    def warn_once(self, key: str, message: str, line: int | None) -> None:
        """A warning said once per file (an unknown HTML tag used fifty times is one problem)."""
        if key not in self._said:
            self._said.add(key)
            self.warn(message, line)

    def text(self, text: str, line: int | None) -> str:
        """Text as it will print: our placeholders filled, ``:shortcodes:`` as emoji."""
        text = fill(text, self.ctx.variables, self.ref(line))
        if ":" in text and _SHORTCODE.search(text):
            import emoji  # only documents with shortcodes pay for its tables (~25 ms)

            text = emoji.emojize(text, language="alias")
        return text

    def href(self, href: str, line: int | None) -> str:
        """A link's address; a placeholder in it is filled in: [Register]({{ event.link }})."""
        if "%7B%7B" in href or "{{" in href:
            href = self.text(unquote(href), line)
        return href

    def image(self, src: str, line: int | None) -> Path | None:
        """The file of a local image that can be shown; else a warning (an error under
        --strict) saying why not, and ``None``: its alt text stands in."""
        if src.startswith("data:"):
            self.warn("an embedded (data:) image is not shown; its alt text is shown instead", line)
            return None
        if is_remote(src):
            self.warn(f"remote image '{src}' is not fetched; its alt text is shown instead", line)
            return None
        written = src
        local = unquote(urlsplit(src).path) if ("?" in src or "#" in src or "%" in src) else src
        base = self.ctx.root if local.startswith("/") else self.path.parent
        target = (base / local.lstrip("/")).resolve()
        if not self.ctx.allow_outside and not target.is_relative_to(self.ctx.root.resolve()):
            self.warn(f"image '{written}' is outside the content folder; pass --allow-outside to show it", line)
            return None
        try:
            check_image(self.ctx.read(target), written)
        except ReportgenError as exc:
            self.warn(f"{exc.message}; {exc.hint}" if exc.hint else exc.message, line)
            return None
        notes = svg_notes(target, "image", written)
        if notes:
            self.warn_once(f"svg:{target}", notes, line)
        return target
