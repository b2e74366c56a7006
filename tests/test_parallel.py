"""The forked render worker: outputs, warnings and errors come back to the parent."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from reportgen import model as m
from reportgen.build import render_all
from reportgen.errors import Diagnostics, ReportgenError, SourceRef
from reportgen.parallel import RenderWorker, WorkerCrash, WorkerDied, can_fork
from reportgen.render import RENDERERS
from reportgen.theme import Theme

pytestmark = pytest.mark.skipif(not can_fork(), reason="needs fork and two cores")
REF = SourceRef(Path("a.md"), 7)


def warn_and_write(doc: m.Document, theme: Theme, diag: Diagnostics) -> bytes:
    diag.warn("a warning from the worker", REF)
    return doc.meta.title.encode()


def pid(doc: m.Document, theme: Theme, diag: Diagnostics) -> bytes:
    return str(os.getpid()).encode()


def fail(doc: m.Document, theme: Theme, diag: Diagnostics) -> bytes:
    raise ReportgenError("cannot draw this", REF, hint="try less")


def bug(doc: m.Document, theme: Theme, diag: Diagnostics) -> bytes:
    raise ValueError("a bug in a renderer")


def killed(doc: m.Document, theme: object, diag: Diagnostics) -> bytes:
    os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would
    return b""


def die(doc: m.Document, theme: Theme, diag: Diagnostics) -> bytes:
    os._exit(3)


def hang(doc: m.Document, theme: Theme, diag: Diagnostics) -> bytes:
    time.sleep(30)
    return b""


@pytest.fixture
def fake_formats(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(RENDERERS, "echo", (__name__, "warn_and_write", ".echo"))
    monkeypatch.setitem(RENDERERS, "fail", (__name__, "fail", ".fail"))
    monkeypatch.setitem(RENDERERS, "pid", (__name__, "pid", ".pid"))
    monkeypatch.setitem(RENDERERS, "bug", (__name__, "bug", ".bug"))
    monkeypatch.setitem(RENDERERS, "die", (__name__, "die", ".die"))
    monkeypatch.setitem(RENDERERS, "killed", (__name__, "killed", ".killed"))
    monkeypatch.setitem(RENDERERS, "hang", (__name__, "hang", ".hang"))


def doc() -> m.Document:
    return m.Document(m.Meta("Title here", REF), ())


def test_worker_returns_bytes_and_warnings(fake_formats: None) -> None:
    from reportgen.brand import load_theme

    theme, diag = load_theme(None, Diagnostics()), Diagnostics()
    with RenderWorker(("echo",)) as worker:
        out = render_all(doc(), theme, ("echo", "echo"), diag, worker)
    assert out == {"echo": b"Title here"}
    assert [str(w) for w in diag.warnings] == ["a.md:7: a warning from the worker"]


def test_the_parent_renders_only_what_the_worker_does_not(fake_formats: None) -> None:
    from reportgen.brand import load_theme

    theme = load_theme(None, Diagnostics())
    with RenderWorker(("pid",)) as worker:
        child = worker.pid
        alone = render_all(doc(), theme, ("pid",), Diagnostics(), worker)
    with RenderWorker(("echo",)) as worker:
        shared = render_all(doc(), theme, ("pid", "echo"), Diagnostics(), worker)
    assert alone == {"pid": str(child).encode()}
    assert shared == {"pid": str(os.getpid()).encode(), "echo": b"Title here"}


def test_worker_errors_are_raised_in_the_parent(fake_formats: None) -> None:
    from reportgen.brand import load_theme

    theme = load_theme(None, Diagnostics())
    with pytest.raises(ReportgenError) as err, RenderWorker(("fail",)) as worker:
        render_all(doc(), theme, ("echo", "fail"), Diagnostics(), worker)
    assert err.value.format_message() == "a.md:7: cannot draw this; try less"


def test_a_crash_in_the_worker_is_raised_in_the_parent_with_its_traceback(fake_formats: None) -> None:
    from reportgen.brand import load_theme

    theme = load_theme(None, Diagnostics())
    with pytest.raises(WorkerCrash) as err, RenderWorker(("bug",)) as worker:
        render_all(doc(), theme, ("bug",), Diagnostics(), worker)
    assert str(err.value) == "the render worker failed: ValueError: a bug in a renderer"
    remote = str(err.value.__cause__)  # the worker's own traceback, down to the line that raised
    assert "Traceback (most recent call last):" in remote and ", in bug\n" in remote
    assert 'raise ValueError("a bug in a renderer")' in remote


def test_a_worker_that_dies_is_reported_with_its_exit_status(fake_formats: None) -> None:
    from reportgen.brand import load_theme

    with pytest.raises(WorkerDied) as err, RenderWorker(("die",)) as worker:
        render_all(doc(), load_theme(None, Diagnostics()), ("die",), Diagnostics(), worker)
    assert err.value.format_message() == "the render worker exited (status 3) without an answer; build again"


def test_a_worker_killed_mid_render_says_so_in_one_line(fake_formats: None) -> None:
    """The kernel's out-of-memory killer sends SIGKILL: the error names the signal and the likely cause."""
    from reportgen.brand import load_theme

    with pytest.raises(WorkerDied) as err, RenderWorker(("killed",)) as worker:
        render_all(doc(), load_theme(None, Diagnostics()), ("killed",), Diagnostics(), worker)
    assert err.value.message == "the render worker was killed by SIGKILL: out of memory?"


class Interrupted(Exception):
    pass


def interrupt(*args: object) -> None:
    raise Interrupted()


def test_a_build_interrupted_while_it_waits_for_the_worker_stops_the_worker(fake_formats: None) -> None:
    from reportgen.brand import load_theme

    theme = load_theme(None, Diagnostics())
    previous = signal.signal(signal.SIGALRM, interrupt)  # as Ctrl-C or SIGTERM (cli.main) would
    start = time.monotonic()
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        with pytest.raises(Interrupted), RenderWorker(("hang",)) as worker:
            child = worker.pid
            render_all(doc(), theme, ("hang",), Diagnostics(), worker)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert time.monotonic() - start < 10  # not waiting out the worker's render
    with pytest.raises(ProcessLookupError):
        os.kill(child, 0)  # stopped and reaped


def test_an_unused_worker_exits_quietly() -> None:
    with RenderWorker(("pptx",)) as worker:
        pid = worker.pid
    assert pid and worker.pid == 0
