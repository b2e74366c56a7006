"""``reportgen watch``: rebuild whenever a content, brand, event or asset file changes.

watchfiles (inotify and friends) reports changes; each batch of changes triggers one build,
which itself skips outputs whose inputs did not change. Errors are shown and watching goes on.
What is watched follows from the options alone, so a first build that fails watches the same
files as one that succeeds; the output folder is never watched.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path

import click

from reportgen.build import BuildOptions, build, find_brand
from reportgen.errors import Diagnostics, ReportgenError, SourceRef


@dataclass(frozen=True)
class Watched:
    """What a change must touch to cause a rebuild: anything in ``folders`` (the content folder,
    the brand's folder with its logos and fonts), or one of ``files`` (the event file, the
    template), but nothing in ``out``. Paths are absolute."""

    folders: tuple[Path, ...]
    files: tuple[Path, ...]
    out: Path

    @property
    def roots(self) -> list[Path]:
        """The folders to ask watchfiles about: a file is watched through its folder (editors
        replace files on saving), and a folder inside another is watched with it."""
        roots = [p for p in dict.fromkeys((*self.folders, *(f.parent for f in self.files))) if p.is_dir()]
        return [p for p in roots if not any(other in p.parents for other in roots)]

    def __contains__(self, path: Path) -> bool:
        if path.name.startswith(".") or path == self.out or self.out in path.parents:
            return False
        return path in self.files or any(path == f or f in path.parents for f in self.folders)


def watched_paths(options: BuildOptions, event_file: Path | None) -> Watched:
    """The content folder (a Markdown file's own folder), the brand's folder, the event file
    and the template."""
    content = options.content_dir
    folders = [content.parent if content.is_file() else content]
    brand = find_brand(options)
    if brand is not None:
        folders.append(brand.parent)
    files = [p for p in (event_file, options.template) if p is not None]
    return Watched(tuple(dict.fromkeys(p.resolve() for p in folders)), tuple(p.resolve() for p in files),
                   options.out_dir.resolve())


def watch(options: BuildOptions, event_file: Path | None, stop: object = None) -> None:
    """Build once, then after every change; return on Ctrl-C (or when ``stop`` is set). The
    event file is read again for every build; ``options.event`` (``--set``) wins over it."""
    from watchfiles import watch as watch_changes

    if not options.content_dir.exists():
        raise ReportgenError("content folder not found", SourceRef(options.content_dir),
                             hint="pass the folder holding guide.yml, or a Markdown file")
    watched = watched_paths(options, event_file)
    _rebuild(options, event_file, "start")
    click.echo(f"watching {', '.join(map(str, watched.roots))} (Ctrl-C to stop)", err=True)
    try:
        for changes in watch_changes(*watched.roots, stop_event=stop, debounce=200, step=50,  # type: ignore[arg-type]
                                     watch_filter=lambda _, path: Path(path) in watched):
            names = sorted({Path(p).name for _, p in changes})
            _rebuild(options, event_file, ", ".join(names[:3]) + (" …" if len(names) > 3 else ""))
    except KeyboardInterrupt:
        pass
    click.echo("stopped", err=True)


def _rebuild(options: BuildOptions, event_file: Path | None, why: str) -> None:
    """One build with a one-line status; an error is printed, never raised."""
    from reportgen.events import read_event

    diag = Diagnostics(strict=options.strict)
    started = time.perf_counter()
    stamp = time.strftime("%H:%M:%S")
    try:
        if event_file is not None:
            options = replace(options, event={**read_event(event_file, diag), **options.event})
        paths = build(options, diag)
    except ReportgenError as exc:
        for warning in diag.warnings:
            click.echo(f"warning: {warning}", err=True)
        click.echo(f"[{stamp}] {why}: error: {exc.format_message()}", err=True)
        return
    for warning in diag.warnings:
        click.echo(f"warning: {warning}", err=True)
    took = time.perf_counter() - started
    click.echo(f"[{stamp}] {why}: built {', '.join(p.name for p in paths)} in {took:.2f} s")
