"""Links inside the document: heading anchors by GitHub's rules, and links resolved to them.

A README's contents list links to its own headings (``[Install](#install)``) and docs pages
link to each other (``usage.md#options``). Each heading gets GitHub's slug — what such links
were written against — made unique in the document by its section's number. Once every
section is loaded, ``resolve_links`` rewrites each link that points into the document to
``#<anchor>``; an anchor that matches no heading is a warning, and its text stays as text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import fields, is_dataclass, replace
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import unquote, urlsplit

from reportgen import model as m
from reportgen.errors import Diagnostics, SourceRef

T = TypeVar("T")


def slug(text: str) -> str:
    """GitHub's heading id: lower case, punctuation and symbols dropped, spaces as hyphens
    (github-slugger: letters and digits of every script, marks, ``-`` and ``_`` stay)."""
    kept = (c for c in text.strip().lower()
            if c.isalnum() or c in "-_ " or unicodedata.category(c).startswith("M"))
    return "".join(kept).replace(" ", "-")


class Slugger:
    """Slugs of one file's headings; a repeated one gets ``-1``, ``-2``, … as on GitHub."""

    def __init__(self, prefix: str) -> None:
        self.prefix, self.seen = prefix, dict[str, int]()

    def anchor(self, text: str) -> str:
        base = slug(text)
        count = self.seen.get(base, 0)
        self.seen[base] = count + 1
        name = f"{base}-{count}" if count else base
        return f"{self.prefix}{name}"


def section_prefix(index: int) -> str:
    """Anchors of section ``index`` (1-based) start with this, so two files' "install" differ."""
    return f"s{index}-"


def resolve_links(sections: list[m.Section], diag: Diagnostics) -> list[m.Section]:
    """Point links to headings or section files of this document at their anchors."""
    targets: dict[Path, dict[str, str]] = {}
    for index, section in enumerate(sections, 1):
        prefix = section_prefix(index)
        names = {a.removeprefix(prefix): a for a in _anchors(section.blocks) if a.startswith(prefix)}
        names[""] = names[section.anchor.removeprefix(prefix)] = section.anchor  # the file, or its title
        targets[section.source.path.resolve()] = names
    out = []
    for section in sections:
        here = section.source.path

        def fix(run: m.Run, source: SourceRef, here: Path = here) -> m.Run:
            target = _target(run.link or "", here, targets)
            if target is None:
                return run
            if target == "":
                diag.warn(f"link '{run.link}' matches no heading in this document; its text is kept", source)
                return replace(run, link=None)
            return replace(run, link=f"#{target}")

        out.append(replace(section, blocks=map_runs(section.blocks, section.source, fix)))
    return out


def _target(link: str, here: Path, targets: dict[Path, dict[str, str]]) -> str | None:
    """The anchor ``link`` points at; ``""`` if it points into the document at nothing;
    ``None`` if it points outside the document (a web address, a file that is no section)."""
    if not link or "://" in link or link.startswith(("mailto:", "tel:", "data:")):
        return None
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None
    path = here if not parts.path else (here.parent / unquote(parts.path)).resolve()
    names = targets.get(path.resolve())
    if names is None:
        return None
    fragment = unquote(parts.fragment).lower()
    return names.get(fragment, "")


def _anchors(blocks: tuple[m.Block, ...]) -> Iterator[str]:
    for block in m.walk(blocks):
        if isinstance(block, m.Heading) and block.anchor:
            yield block.anchor


def map_runs(blocks: tuple[m.Block, ...], source: SourceRef,
             fix: Callable[[m.Run, SourceRef], m.Run]) -> tuple[m.Block, ...]:
    """``blocks`` with ``fix`` applied to every run that has a link, each told the nearest
    block's source; untouched blocks are returned as they are."""
    return tuple(_map(b, source, fix) for b in blocks)


def _map(value: T, source: SourceRef, fix: Callable[[m.Run, SourceRef], m.Run]) -> T:
    if isinstance(value, m.Run):
        return fix(value, source) if value.link else value  # type: ignore[return-value]
    if isinstance(value, tuple):
        items = tuple(_map(v, source, fix) for v in value)
        return value if all(a is b for a, b in zip(items, value)) else items  # type: ignore[return-value]
    if is_dataclass(value) and not isinstance(value, type):
        here = getattr(value, "source", source)
        changes: dict[str, Any] = {}
        for f in fields(value):
            old = getattr(value, f.name)
            if isinstance(old, (tuple, m.Run)):
                new = _map(old, here, fix)
                if new is not old:
                    changes[f.name] = new
        return replace(value, **changes) if changes else value
    return value
