"""The one error type a user ever sees, and the warnings that travel beside it.

Every problem in the user's input becomes a ``ReportgenError`` that knows the file and,
where it can, the 1-based line. The CLI prints it as one line
(``error: <file>:<line>: what is wrong; how to fix it``) and exits 1; any other exception
is a bug and keeps its traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import click


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where something came from: a file and a 1-based line (``None`` when the whole file)."""

    path: Path
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else str(self.path)


class ReportgenError(click.ClickException):
    """A problem in the user's input: shown as one line, never as a traceback."""

    exit_code = 1

    def __init__(self, message: str, source: SourceRef | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.source, self.hint = source, hint

    def format_message(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"{where}{self.message}" + (f"; {self.hint}" if self.hint else "")

    def show(self, file: IO[str] | None = None) -> None:
        click.echo(f"error: {self.format_message()}", file=file, err=True)


@contextmanager
def located(source: SourceRef) -> Iterator[None]:
    """Give a ``ReportgenError`` raised inside the block this location if it has none yet."""
    try:
        yield
    except ReportgenError as exc:
        if exc.source is None:
            exc.source = source
        raise


@dataclass(frozen=True, slots=True)
class BuildWarning:
    """A problem that does not stop the build (a remote image, a missing font)."""

    message: str
    source: SourceRef | None = None

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message


@dataclass
class Diagnostics:
    """Collects warnings for one build; in strict mode the first warning is an error."""

    strict: bool = False
    warnings: list[BuildWarning] = field(default_factory=list)

    def warn(self, message: str, source: SourceRef | None = None) -> None:
        if self.strict:
            raise ReportgenError(message, source, hint="--strict turns warnings into errors")
        if BuildWarning(message, source) not in self.warnings:
            self.warnings.append(BuildWarning(message, source))

    def repeat(self, text: str) -> None:
        """Report again a warning recorded by an earlier build (already ``file:line: …``)."""
        self.warn(text)
