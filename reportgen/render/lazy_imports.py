"""One cost of importing reportlab, deferred until (if ever) it is needed.

``reportlab.platypus.paragraph`` compiles, at import, a case-insensitive URL pattern whose
character classes span all of Unicode: ~20 ms, a third of reportlab's import time, on the
critical path of every build. It is only used to break an over-long URL across lines. While
renderers are imported, that one pattern is handed back as a ``DeferredPattern``, compiled
on first use. Nothing else changes: tests/test_lazy_imports.py breaks such a URL.

(python-pptx's import pays ~15 ms for ``urllib.request``, pulled in by ``xml.sax.saxutils``;
``importlib.util.LazyLoader`` cannot defer it on Python 3.11, whose import system reads the
lazy module's ``__spec__`` and so loads it at once.)
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_DEFERRED_IN = "reportlab.platypus.paragraph"


@contextmanager
def deferred_costs() -> Iterator[None]:
    """Import renderers inside this block."""
    real_compile = re.compile

    def compile(pattern: Any, flags: int = 0) -> Any:
        caller = sys._getframe(1).f_globals.get("__name__")
        if caller == _DEFERRED_IN and isinstance(pattern, str) and flags & re.IGNORECASE:
            return DeferredPattern(pattern, flags)
        return real_compile(pattern, flags)

    re.compile = compile
    try:
        yield
    finally:
        re.compile = real_compile


class DeferredPattern:
    """A regular expression compiled on first use; otherwise it acts as the ``re.Pattern``."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._source, self._flags = pattern, flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        return getattr(self._compiled, name)
