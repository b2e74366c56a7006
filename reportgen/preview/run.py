"""Serve the preview and rebuild it on every change to the content, the brand or the template."""

from __future__ import annotations

import asyncio
import time
import webbrowser
from pathlib import Path
from typing import Any

import click

from reportgen.build import BuildOptions
from reportgen.errors import ReportgenError
from reportgen.preview.snapshot import Previewer, Snapshot

WATCH_DEBOUNCE_MS = 50  # a save that writes a file twice is one change
WATCH_STEP_MS = 20  # how often the watcher looks for changes
GRACE_SECONDS = 2  # on Ctrl-C, how long requests under way may take to finish


def preview(options: BuildOptions, event_file: Path | None, port: int, open_browser: bool) -> None:
    """Build, serve on 127.0.0.1:``port`` and rebuild after every change until Ctrl-C."""
    try:
        import uvicorn
    except ImportError:
        raise ReportgenError("the preview needs its web server", hint="pip install 'reportgen[preview]'") from None
    from watchfiles import awatch

    from reportgen.preview.server import HOST, Changes, make_app
    from reportgen.watch import watched_paths

    if not options.content_dir.exists():
        raise ReportgenError("content folder not found", hint="pass the folder holding guide.yml, or a Markdown file")
    previewer = Previewer(options, event_file)
    started = time.perf_counter()
    _report(previewer.rebuild(), "start", time.perf_counter() - started)
    changes = Changes()

    class Server(uvicorn.Server):
        def handle_exit(self, sig: int, frame: Any) -> None:
            """Ctrl-C: end the open event streams too, which would otherwise hold the shutdown."""
            super().handle_exit(sig, frame)
            asyncio.get_running_loop().create_task(changes.close())

    server = Server(uvicorn.Config(make_app(previewer, changes), host=HOST, port=port, log_level="warning",
                                   timeout_graceful_shutdown=GRACE_SECONDS))
    watched = watched_paths(options, event_file)
    url = f"http://{HOST}:{port}/"

    async def rebuild_on_change(stop: asyncio.Event) -> None:
        async for found in awatch(*watched.roots, stop_event=stop, debounce=WATCH_DEBOUNCE_MS, step=WATCH_STEP_MS,
                                  watch_filter=lambda _, path: Path(path) in watched):
            started = time.perf_counter()
            snapshot = await asyncio.to_thread(previewer.rebuild)
            _report(snapshot, ", ".join(sorted({Path(p).name for _, p in found})), time.perf_counter() - started)
            await changes.publish(snapshot.version)

    async def main() -> None:
        stop = asyncio.Event()
        watcher = asyncio.create_task(rebuild_on_change(stop))
        click.echo(f"previewing {options.content_dir} at {url} (Ctrl-C to stop)", err=True)
        if open_browser:
            webbrowser.open(url)
        await server.serve()  # until Ctrl-C
        stop.set()
        await watcher

    try:
        asyncio.run(main())
    except KeyboardInterrupt:  # uvicorn raises Ctrl-C again once it has shut down
        pass
    click.echo("stopped", err=True)


def _report(snapshot: Snapshot, why: str, took: float) -> None:
    stamp = time.strftime("%H:%M:%S")
    for warning in snapshot.warnings:
        click.echo(f"warning: {warning}", err=True)
    if snapshot.error:
        click.echo(f"[{stamp}] {why}: error: {snapshot.error} (the page keeps the last good build)", err=True)
    else:
        click.echo(f"[{stamp}] {why}: {len(snapshot.slides)} slides, {len(snapshot.pages)} pages in {took:.2f} s",
                   err=True)
