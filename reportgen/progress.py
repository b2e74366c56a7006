"""Where a long build is, for someone watching a terminal.

The loader and the renderers report their steps with ``step(stage, done, total)``, as a library
logs: without a display listening, a call returns at once. ``shown`` is the display, used by
``reportgen build`` when stderr is a terminal: the counts live in a small block of memory shared
with the render worker (made before it forks), so the worker's pages and slides count too, and a
thread draws them with click's progress bar from one second into the build. A build done sooner
shows nothing; so does one whose stderr is a file or a pipe (scripts, CI logs) or ``--quiet``.
"""

from __future__ import annotations

import os
import struct
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    import mmap

    from click._termui_impl import ProgressBar

# what is counted, and how much of a build's time it stands for (the bar's share)
STAGES = {
    "sections": 1,  # section files read and parsed
    "flowables": 3,  # the handout's blocks placed on pages
    "pages": 0,  # the handout's pages so far (shown, not weighed: their number is known only at the end)
    "plan": 1,  # sections planned into slides
    "slides": 3,  # slides drawn
}
DELAY = 1.0  # seconds before anything is shown
INTERVAL = 0.1  # seconds between redraws
STEPS = 1000  # the bar's length: tenths of a percent
BAR_WIDTH = 20  # characters: the line stays within 80 columns (a longer one wraps, and is drawn again below)
_SLOT = struct.Struct("qq")  # done, total
_INDEX = {stage: i for i, stage in enumerate(STAGES)}

_counts: mmap.mmap | None = None
_unstarted: _Display | None = None  # the display, until the first step starts its thread


def step(stage: str, done: int, total: int = 0) -> None:
    """Record that ``done`` of ``total`` steps of ``stage`` are done (a no-op unless shown)."""
    global _unstarted
    if _counts is not None:
        _SLOT.pack_into(_counts, _SLOT.size * _INDEX[stage], done, total)
        if _unstarted is not None:
            display, _unstarted = _unstarted, None
            display.start()


def counts() -> dict[str, tuple[int, int]]:
    """Each stage's (done, total) so far; empty when no display listens."""
    if _counts is None:
        return {}
    return {stage: _SLOT.unpack_from(_counts, _SLOT.size * i) for i, stage in enumerate(STAGES)}


@contextmanager
def shown(formats: tuple[str, ...], file: TextIO, enabled: bool = True) -> Iterator[None]:
    """Show the build's progress on ``file`` while the block runs (from ``DELAY`` seconds on),
    for a build of ``formats``; with ``enabled`` false, show nothing and count nothing."""
    global _counts, _unstarted
    if not enabled or _counts is not None:  # (within a display already: that one shows)
        yield
        return
    import mmap

    _counts = mmap.mmap(-1, _SLOT.size * len(STAGES))  # shared with a worker forked later
    display = _unstarted = _Display(_expected(formats), file)
    try:
        yield
        display.ok = True
    finally:
        display.close()
        _counts.close()
        _counts, _unstarted = None, None


def _expected(formats: tuple[str, ...]) -> tuple[str, ...]:
    stages = ["sections"]
    if "pdf" in formats:
        stages += ["flowables", "pages"]
    if any(fmt != "pdf" for fmt in formats):  # every other format draws the slide plan
        stages += ["plan", "slides"]
    return tuple(stages)


def fraction(seen: dict[str, tuple[int, int]], expected: tuple[str, ...]) -> float:
    """How far the build is, from 0 to 1: each expected stage's share of done, by its weight."""
    def share(stage: str) -> float:
        done, total = seen.get(stage, (0, 0))
        return min(1.0, done / total) if total else 0.0

    weight = sum(STAGES[s] for s in expected)
    return sum(STAGES[s] * share(s) for s in expected) / weight if weight else 0.0


def describe(seen: dict[str, tuple[int, int]], expected: tuple[str, ...]) -> str:
    """What is under way, in a few words: "312 pages · 1,203/4,431 slides". Reading and planning
    are left out once done; the pages and slides stay, the build's result as it grows."""
    under_way = {"sections": "read", "plan": "planned"}
    parts = []
    for stage in expected:
        done, total = seen.get(stage, (0, 0))
        if stage == "pages" and done:
            parts.append(f"{done:,} pages")
        elif stage == "slides" and total:
            parts.append(f"{done:,}/{total:,} slides")
        elif stage in under_way and done < total:
            parts.append(f"{under_way[stage]} {done:,}/{total:,} sections")
    return " · ".join(parts)


class _Display:
    """A thread that draws the counts with click's progress bar until closed."""

    def __init__(self, expected: tuple[str, ...], file: TextIO) -> None:
        self.expected, self.file = expected, file
        self.ok = False
        self.since = time.monotonic()
        self.owner = os.getpid()
        self.stop = threading.Event()
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        """Start drawing, in the process that made the display (a forked worker's steps only
        count). It starts at the first step, not before: the build forks its worker first, and
        a process that forks while another of its threads runs may leave the child a held lock."""
        if os.getpid() == self.owner:
            self.thread = threading.Thread(target=self._draw, name="progress", daemon=True)
            self.thread.start()

    def close(self) -> None:
        self.stop.set()
        if self.thread is not None:
            self.thread.join()

    def _draw(self) -> None:
        import shutil

        import click

        if self.stop.wait(max(0.0, DELAY - (time.monotonic() - self.since))):
            return  # done within a second: nothing shown
        try:
            columns = os.get_terminal_size(self.file.fileno()).columns
        except (AttributeError, ValueError, OSError):  # not a real terminal (a test's stream)
            columns = shutil.get_terminal_size().columns
        room = max(0, columns - len("building  []  100%  ") - BAR_WIDTH - 2)  # the line never wraps
        bar: ProgressBar[str] = click.progressbar(
            length=STEPS, label="building", file=self.file, show_eta=False, width=BAR_WIDTH, update_min_steps=0,
            item_show_func=lambda detail: (detail or "")[:room])
        with bar:
            self._show(bar)
            while not self.stop.wait(INTERVAL):
                self._show(bar)
            self._show(bar)  # where it ended: done, or where it failed

    def _show(self, bar: ProgressBar[str]) -> None:
        seen = counts()
        position = STEPS if self.ok else round(STEPS * fraction(seen, self.expected))
        bar.update(position - bar.pos, describe(seen, self.expected))
