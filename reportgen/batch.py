"""Building many event variants at once: one process per core, a line per finished event."""

from __future__ import annotations

import multiprocessing
import os
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import replace
from pathlib import Path

import click

from reportgen.build import BuildOptions, build
from reportgen.errors import Diagnostics, ReportgenError


def run_batch(options: BuildOptions, events: list[Path], jobs: int | None = None) -> int:
    """Build every event into ``out/<event stem>/``; print progress; return the failure count."""
    stems = [e.stem for e in events]
    if len(set(stems)) != len(stems):
        raise ReportgenError("two event files have the same name", hint="each event is built into a folder named "
                             "after its file; rename one")
    jobs = min(jobs or os.cpu_count() or 1, len(events))
    _warm_up()  # import and register fonts once, before forking, so workers start warm
    failures = 0
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        futures = {pool.submit(_build_one, options, event): event for event in events}
        for done, future in enumerate(as_completed(futures), 1):
            event = futures[future]
            try:
                ok, lines = future.result()
            except Exception as exc:  # a bug (or a dead worker) fails this event: shown, and the batch goes on
                ok, lines = False, "".join(traceback.format_exception(exc)).rstrip("\n").splitlines()
            failures += not ok
            status = "ok" if ok else "FAILED"
            click.echo(f"[{done}/{len(events)}] {event.stem}: {status}", err=not ok)
            for line in lines:
                click.echo(f"  {line}", err=True)
    click.echo(f"{len(events) - failures} built, {failures} failed", err=bool(failures))
    return failures


def _build_one(options: BuildOptions, event: Path) -> tuple[bool, list[str]]:
    """Build one event; never raises, so one bad event does not stop the batch."""
    from reportgen.events import read_event

    diag = Diagnostics(strict=options.strict)
    try:
        values = {**read_event(event, diag), **options.event}
        build(replace(options, event=values, out_dir=options.out_dir / event.stem, parallel=False), diag)
    except ReportgenError as exc:
        return False, [f"warning: {w}" for w in diag.warnings] + [f"error: {exc.format_message()}"]
    return True, [f"warning: {w}" for w in diag.warnings]


def _warm_up() -> None:
    import reportgen.render.handout.story  # noqa: F401
    import reportgen.render.pptx.writer  # noqa: F401
    from reportgen.brand import DEFAULT_FAMILY
    from reportgen.fonts import register

    register(DEFAULT_FAMILY)
