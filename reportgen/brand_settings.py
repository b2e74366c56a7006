"""reportgen's own settings in a brand file (``defaults: reportgen:``), each declared once.

A ``Setting`` holds a key's default, the values it may take and what it means; reading,
checking and the README's table all come from ``SETTINGS`` (``tests/test_brand.py`` checks
the README against it), so a new setting is one line here plus the ``Theme`` field it sets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportgen.errors import ReportgenError, SourceRef
from reportgen.language import WORD_KEYS
from reportgen.load.files import check_keys, line_of
from reportgen.theme import PAGE_SIZES, SLIDE_SIZES
from reportgen.theme.colors import CODE_ROLES

NOTES_MODES = ("fill", "page", "end", "none")
SIZE_RANGE = (6, 60)  # points: any body size a reader can read and a page or slide can hold


@dataclass(frozen=True, slots=True)
class Setting:
    """One key under ``defaults: reportgen:``: its default, allowed values and meaning.

    The kind of value follows the default: ``True``/``False`` a switch, a float a text size in
    points, ``None`` a text whose default ``shown`` describes; ``choices`` closes the set."""

    key: str
    default: Any
    meaning: str
    choices: tuple[Any, ...] = ()
    shown: str = ""  # the default as the README shows it, when it is not the value itself
    theme_field: bool = True  # its value is the ``Theme`` field of its name (``table-zebra`` → ``table_zebra``)
    read: Callable[[Any, str, SourceRef], Any] | None = None  # checks a value no default's kind describes

    def check(self, value: Any, ref: SourceRef) -> Any:
        """``value`` if this setting may take it, else one clear error at ``ref``."""
        if self.read is not None:
            return self.read(value, self.key, ref)
        if self.choices:
            if value in self.choices and type(value) is type(self.choices[0]):
                return value
            raise ReportgenError(f"'{self.key}' is {value!r}", ref,
                                 hint=f"use one of: {', '.join(map(str, self.choices))}")
        if isinstance(self.default, bool):
            if isinstance(value, bool):
                return value
            raise ReportgenError(f"'{self.key}' must be true or false", ref)
        if isinstance(self.default, tuple):  # words: a mapping of word names to text
            return _words(value, self.key, ref)
        if isinstance(self.default, float):
            low, high = SIZE_RANGE
            if isinstance(value, (int, float)) and not isinstance(value, bool) and low <= value <= high:
                return float(value)
            raise ReportgenError(f"'{self.key}' must be a size in points between {low} and {high}", ref)
        if isinstance(value, str):
            return value
        raise ReportgenError(f"'{self.key}' must be text", ref)

    def readme_row(self) -> str:
        """This setting's row in the README's table of settings."""
        default = self.shown or _yaml(self.default)
        return f"| `{self.key}` | {default} | {self.meaning} |"


def _code_colors(value: Any, key: str, ref: SourceRef) -> tuple[tuple[str, str, int | None], ...]:
    """Each role a brand colours, its colour as written and the line it is on (``brand.py``
    reads the colour, which may name an entry of the brand's palette)."""
    if not isinstance(value, dict):
        raise ReportgenError(f"'{key}' must be a mapping such as 'keyword: \"#1F4E79\"'", ref)
    out = []
    for role, color in value.items():
        where = line_of(value, role) or ref.line
        if role not in CODE_ROLES:
            raise ReportgenError(f"'{role}' is not a role of code's colours", SourceRef(ref.path, where),
                                 hint=f"use one of: {', '.join(CODE_ROLES)}")
        if not isinstance(color, str):
            raise ReportgenError(f"'{key}: {role}' must be a colour", SourceRef(ref.path, where),
                                 hint="quote a hex code: '#1F4E79'")
        out.append((str(role), color, where))
    return tuple(out)


def _switch(value: Any, key: str, ref: SourceRef) -> bool:
    """A true-or-false setting whose default is unset (``notes-pages``: unset defers to ``notes``)."""
    if isinstance(value, bool):
        return value
    raise ReportgenError(f"'{key}' must be true or false", ref)


SETTINGS: tuple[Setting, ...] = (
    # resolved with the rest of the brand (sizes, names, the type scale) in ``brand.py``
    Setting("page-size", "A4", "`A4` or `Letter`", tuple(PAGE_SIZES), theme_field=False),
    Setting("slide-size", "16:9", '`"16:9"` (13.33 × 7.5 in) or `"4:3"`', tuple(SLIDE_SIZES), shown='`"16:9"`',
            theme_field=False),
    Setting("footer", None, "footer text on pages and slides", shown="`meta.name.full`", theme_field=False),
    Setting("link", None, "link for QR codes when the guide has none", shown="`meta.link.home`", theme_field=False),
    Setting("body-size", 11.0, "handout body size in points; the type scale follows", theme_field=False),
    Setting("slide-body-size", 24.0, "slide body size; titles and tables follow", shown="`24`", theme_field=False),
    # taken as they are

    Setting("notes", "fill", "room for notes in the handout: `fill` rules the rest of each section's last page "
            "(a *Notes* page follows only when little is left), `page` a *Notes* page after each section, `end` "
            "notes pages at the back, `none` no notes", NOTES_MODES),
    Setting("notes-pages", None, "older form of `notes`: `false` is `notes: none`, `true` is `notes: page`",
            shown="—", theme_field=False, read=_switch),
    Setting("qr-code", True, "QR codes on the cover and closing slide"),
    Setting("toc", True, "the handout's contents page"),
    Setting("table-zebra", True, "banded table rows"),
    Setting("handout-layout", 3, "slides a page in the printable slide handout: `1`, `2`, `3` or `6`", (1, 2, 3, 6)),
    Setting("handout-notes", False, "print each slide's speaker notes in that handout"),
    Setting("words", (), "the words reportgen prints itself, by name, in place of the guide language's: "
            + ", ".join(f"`{k}`" for k in WORD_KEYS), shown="the guide's `lang`"),
    # resolved against the brand's palette in ``brand.py``
    Setting("code-colors", (), "colours of code by token role (hex, palette or CSS names): "
            + ", ".join(f"`{r}`" for r in CODE_ROLES) + "; each made darker (or lighter), if need be, to read at 4.5:1",
            shown="from `color.primary`", theme_field=False, read=_code_colors),
)
BY_KEY = {setting.key: setting for setting in SETTINGS}


def read_settings(data: dict[str, Any], path: Path, line: int | None) -> dict[str, Any]:
    """Every setting's value from a brand file's data: the file's where it has one, checked,
    else the default. ``line`` is where ``defaults:`` is, for an error about the block."""
    values = {setting.key: setting.default for setting in SETTINGS}
    defaults = data.get("defaults") or {}
    ours = defaults.get("reportgen") if isinstance(defaults, dict) else None
    if ours is None:
        return values
    if not isinstance(ours, dict):
        raise ReportgenError("'defaults: reportgen:' must be a mapping", SourceRef(path, line))
    check_keys(ours, BY_KEY, path, "defaults: reportgen")
    for key, value in ours.items():
        values[key] = BY_KEY[key].check(value, SourceRef(path, line_of(ours, key)))
    if values["notes-pages"] is not None and "notes" not in ours:
        values["notes"] = "page" if values["notes-pages"] else "none"
    return values


def theme_fields(values: dict[str, Any]) -> dict[str, Any]:
    """The settings a ``Theme`` takes as they are, by field name."""
    return {s.key.replace("-", "_"): values[s.key] for s in SETTINGS if s.theme_field}


def _words(value: Any, key: str, ref: SourceRef) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        raise ReportgenError(f"'{key}' must be a mapping such as 'contents: Overview'", ref)
    for name, text in value.items():
        where = SourceRef(ref.path, line_of(value, name) or ref.line)
        if name not in WORD_KEYS:
            raise ReportgenError(f"'{name}' is not a word reportgen prints", where,
                                 hint=f"use one of: {', '.join(WORD_KEYS)}")
        if not isinstance(text, str):
            raise ReportgenError(f"'{key}: {name}' must be text", where)
        if name == "page" and not ("{n}" in text and "{total}" in text):
            raise ReportgenError(f"'{key}: page' must hold {{n}} and {{total}}", where,
                                 hint="e.g. 'Page {n} of {total}'")
    return tuple((str(name), str(text)) for name, text in value.items())


def _yaml(value: Any) -> str:
    text = str(value).lower() if isinstance(value, bool) else str(value)
    return f"`{text}`"
