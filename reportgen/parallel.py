"""Rendering formats side by side on a second core.

The worker is forked when the build starts, before the content is loaded, so that importing
its renderer (python-pptx, ~70 ms) overlaps with loading; it then receives the loaded
document through a pipe, renders, and sends back bytes, warnings, or an error as plain data:
a ``ReportgenError`` as its parts, any other exception (a bug) as its type, message and
traceback text, raised again in the parent as ``WorkerCrash``. The parent renders the first
format meanwhile; a build of one format leaves it to the worker.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
import traceback
from types import TracebackType
from typing import TYPE_CHECKING, Any

from reportgen.errors import BuildWarning, Diagnostics, ReportgenError

if TYPE_CHECKING:
    from reportgen.model import Document
    from reportgen.theme import Theme


class RemoteTraceback(Exception):
    """The worker's traceback as text; the cause of a ``WorkerCrash``, so a crash report
    shows the frames where the bug is (as ``concurrent.futures`` does)."""

    def __str__(self) -> str:
        return f'\n"""\n{self.args[0]}"""'


class WorkerCrash(RuntimeError):
    """An exception other than ``ReportgenError`` in the render worker: a bug, shown with its
    traceback as a bug in this process would be."""


class WorkerDied(ReportgenError):
    """The render worker ended without an answer: killed (the kernel's out-of-memory killer, a
    ``kill``) or exited. Not a bug in the content or in reportgen's code that a traceback would
    show: one line that says how it ended."""

    def __init__(self, status: int | None) -> None:
        if status is not None and status < 0:
            name = signal.Signals(-status).name
            cause = ": out of memory?" if -status == signal.SIGKILL else ""
            super().__init__(f"the render worker was killed by {name}{cause}",
                             hint="build again; if it happens again, build fewer formats at once (-f pdf, -f pptx)")
        else:
            super().__init__(f"the render worker exited (status {status}) without an answer", hint="build again")


def can_fork() -> bool:
    return hasattr(os, "fork") and (os.cpu_count() or 1) >= 2


def observed() -> bool:
    """Is a profiler or coverage tool watching? It sees this process only (not a forked
    worker) and writes its report at a normal interpreter exit."""
    return sys.getprofile() is not None or sys.gettrace() is not None


class RenderWorker:
    """A forked process that renders ``formats``; use as a context manager."""

    def __init__(self, formats: tuple[str, ...]) -> None:
        self.formats = formats
        job_read, self._job = os.pipe()
        self._result, result_write = os.pipe()
        self._sender: threading.Thread | None = None
        self.pid = os.fork()
        if self.pid == 0:  # the worker: never returns
            os.close(self._job)
            os.close(self._result)
            _serve(formats, job_read, result_write)
        os.close(job_read)
        os.close(result_write)

    def send(self, doc: Document, theme: Theme, strict: bool) -> None:
        """Hand over the loaded input; a thread writes it so the parent goes on rendering."""
        payload = pickle.dumps((doc, theme, strict), protocol=pickle.HIGHEST_PROTOCOL)

        def write() -> None:
            try:
                with os.fdopen(self._job, "wb") as pipe:
                    pipe.write(payload)
            except BrokenPipeError:  # the worker is gone: receive() or __exit__ tells why
                pass

        self._sender = threading.Thread(target=write, daemon=True)
        self._sender.start()

    def receive(self, diag: Diagnostics) -> dict[str, bytes]:
        """The worker's outputs; its warnings join ``diag``; its error is raised here."""
        fd, self._result = self._result, -1  # closed by the with, even if the wait is interrupted
        with os.fdopen(fd, "rb") as pipe:
            data = pipe.read()
        status = self._reap()
        if not data:
            raise WorkerDied(status)
        outputs, warnings, error, crash = pickle.loads(data)
        for warning in warnings:
            diag.warn(warning.message, warning.source)
        if error is not None:
            raise ReportgenError(*error)
        if crash is not None:
            kind, message, text = crash
            raise WorkerCrash(f"the render worker failed: {kind}: {message}") from RemoteTraceback(text)
        return outputs  # type: ignore[no-any-return]

    def _reap(self) -> int | None:
        """Wait for the worker; its exit status (negative: the signal that ended it)."""
        if self._sender is not None:
            self._sender.join()
        status = None
        if self.pid:
            status = os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])
            self.pid = 0
        return status

    def __enter__(self) -> RenderWorker:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.pid:  # never sent or never received: closing the pipes makes the worker exit
            if kind is not None:  # the build failed or was interrupted: stop a worker still rendering
                os.kill(self.pid, signal.SIGKILL)
            if self._sender is None:
                os.close(self._job)
            if self._result >= 0:
                os.close(self._result)
            self._reap()


def _serve(formats: tuple[str, ...], job_read: int, result_write: int) -> None:
    code = 0
    try:
        from reportgen.render import renderer

        functions = [renderer(fmt) for fmt in formats]  # the imports happen now, while the parent loads
        with os.fdopen(job_read, "rb") as pipe:
            job = pipe.read()
        if job:
            doc, theme, strict = pickle.loads(job)
            diag = Diagnostics(strict=strict)
            answer: tuple[Any, list[BuildWarning], Any, Any]
            try:
                answer = ({f: fn(doc, theme, diag) for f, fn in zip(formats, functions)}, diag.warnings, None, None)
            except ReportgenError as exc:  # travels as data: the exception does not pickle whole
                answer = ({}, diag.warnings, (exc.message, exc.source, exc.hint), None)
            except Exception as exc:  # a bug: its type, message and traceback, as text
                crash = (type(exc).__qualname__, str(exc), "".join(traceback.format_exception(exc)))
                answer = ({}, diag.warnings, None, crash)
            with os.fdopen(result_write, "wb") as out:
                out.write(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
    except BaseException:  # no answer could be sent: the parent reports the exit status
        code = 1
    finally:
        os._exit(code)
