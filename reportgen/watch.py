"""``reportgen watch``: rebuild whenever a content, brand, event or asset file changes.

watchfiles (inotify and friends) reports changes; each batch of changes triggers one build,
which itself skips outputs whose inputs did not change. Errors are shown and watching goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import click

from reportgen.build import BuildOptions, build, find_brand
from reportgen.errors import Diagnostics, ReportgenError


def watched_paths(options: BuildOptions, event_file: Path | None) -> list[Path]:
    """The content folder, the brand's folder (logos, fonts) and the event file."""
    paths = [options.content_dir]
    brand = find_brand(options)
    if brand is not None:
        paths.append(brand.parent)
    if event_file is not None:
        paths.append(event_file)
    if options.template is not None:
        paths.append(options.template)
    return [p.resolve() for p in paths if p.exists()]


def watch(make_options: Callable[[Diagnostics], BuildOptions], event_file: Path | None,
          stop: object = None) -> None:
    """Build once, then after every change; return on Ctrl-C (or when ``stop`` is set)."""
    from watchfiles import watch as watch_changes

    options = _rebuild(make_options, "start")
    out = options.out_dir.resolve() if options else None
    paths = watched_paths(options, event_file) if options else [Path(".").resolve()]
    click.echo(f"watching {', '.join(map(str, paths))} (Ctrl-C to stop)", err=True)
    try:
        for changes in watch_changes(*paths, stop_event=stop, debounce=200, step=50,  # type: ignore[arg-type]
                                     watch_filter=lambda _, path: not _inside(Path(path), out)):
            names = sorted({Path(p).name for _, p in changes})
            _rebuild(make_options, ", ".join(names[:3]) + (" …" if len(names) > 3 else ""))
    except KeyboardInterrupt:
        pass
    click.echo("stopped", err=True)


def _inside(path: Path, folder: Path | None) -> bool:
    return folder is not None and (path == folder or folder in path.parents) or path.name.startswith(".")


def _rebuild(make_options: Callable[[Diagnostics], BuildOptions], why: str) -> BuildOptions | None:
    """One build with a one-line status; an error is printed, never raised."""
    diag = Diagnostics()
    started = time.perf_counter()
    stamp = time.strftime("%H:%M:%S")
    try:
        options = make_options(diag)
        paths = build(options, diag)
    except ReportgenError as exc:
        for warning in diag.warnings:
            click.echo(f"warning: {warning}", err=True)
        click.echo(f"[{stamp}] {why}: error: {exc.format_message()}", err=True)
        return None
    for warning in diag.warnings:
        click.echo(f"warning: {warning}", err=True)
    took = time.perf_counter() - started
    click.echo(f"[{stamp}] {why}: built {', '.join(p.name for p in paths)} in {took:.2f} s")
    return options
