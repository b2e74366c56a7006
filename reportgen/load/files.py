"""Reading the user's files safely: text with line-accurate errors, YAML with positions.

Every reader here raises ``ReportgenError`` naming the file and line, never a library
exception, so the rest of the loader can assume clean text and plain data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportgen.errors import Diagnostics, ReportgenError, SourceRef

MAX_TEXT_BYTES = 20 * 1024 * 1024  # a section or table larger than this is surely a mistake
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")


def read_text(path: Path, diag: Diagnostics, what: str = "file") -> str:
    """Read a UTF-8 text file; refuse binary, empty-by-mistake and oversized files."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReportgenError(f"{what} not found", SourceRef(path), hint="check the path") from None
    except IsADirectoryError:
        raise ReportgenError(f"{what} is a folder, not a file", SourceRef(path)) from None
    except OSError as exc:
        raise ReportgenError(f"cannot read {what}: {exc.strerror}", SourceRef(path)) from None
    if len(data) > MAX_TEXT_BYTES:
        raise ReportgenError(
            f"{what} is {len(data) // 2**20} MB, over the {MAX_TEXT_BYTES // 2**20} MB limit",
            SourceRef(path),
            hint="split it into several files",
        )
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ReportgenError(f"{what} is binary, not text", SourceRef(path, line), hint="expected UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ReportgenError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x})", SourceRef(path, line), hint="save the file as UTF-8"
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(text):
        line = text[: _CONTROL.search(text).start()].count("\n") + 1  # type: ignore[union-attr]
        diag.warn("control characters removed", SourceRef(path, line))
        text = _CONTROL.sub("", text)
    return text


def parse_yaml(text: str, path: Path, first_line: int = 1) -> Any:
    """Parse YAML safely (plain data only), keeping positions for later error messages.

    ``first_line`` is the file line of the text's first line (front matter starts at 2).
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt")  # round-trip: safe constructors only, and it keeps line numbers
    yaml.Constructor = _constructor()
    try:
        if "*" in text:  # aliases: refuse ones that expand beyond reason before expanding them
            _check_expansion(yaml.compose(text), len(text), path, first_line)
        return yaml.load(text)
    except _BadTimestamp as exc:
        what = "date and time" if len(exc.text) > 10 else "date"
        raise ReportgenError(f"'{exc.text}' is not a valid {what}", SourceRef(path, exc.line + first_line),
                             hint="write it as YYYY-MM-DD, or quote it to keep it as text") from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line if mark else 0
        last = text.rstrip("\n").count("\n")
        if line > last:  # found at the end of the text: point at the unclosed '[', quote, … or the last line
            opened = exc.context_mark
            line = opened.line if opened is not None and opened.line <= last else last
        line += first_line
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        hint = _yaml_hint(problem, exc.context or "")
        raise ReportgenError(f"invalid YAML: {problem}", SourceRef(path, line), hint=hint) from None
    except YAMLError as exc:
        raise ReportgenError(f"invalid YAML: {exc}", SourceRef(path, first_line)) from None


ALIAS_FACTOR = 10  # values an alias may expand to, per character of the file: far above any real file


def _check_expansion(root: Any, chars: int, path: Path, first_line: int) -> None:
    """Refuse YAML whose aliases expand to more values than ``ALIAS_FACTOR`` per character of the
    file (nested anchors, the "billion laughs": 9 aliases 8 levels deep are 43 million strings),
    at the line of the biggest top-level value, in well under a second: sizes are counted on the
    composed graph, where an alias is one shared node, each node once."""
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    sizes: dict[int, int] = {}

    def size(node: Any) -> int:
        if id(node) in sizes:
            return sizes[id(node)]
        sizes[id(node)] = 1  # a node that holds itself counts once
        if isinstance(node, MappingNode):
            total = 1 + sum(size(key) + size(value) for key, value in node.value)
        elif isinstance(node, SequenceNode):
            total = 1 + sum(size(item) for item in node.value)
        else:
            total = 1
        sizes[id(node)] = total
        return total

    if root is None or size(root) <= max(chars * ALIAS_FACTOR, 1000):
        return
    children = [v for _, v in root.value] if isinstance(root, MappingNode) else \
        list(root.value) if isinstance(root, SequenceNode) else [root]
    worst = max(children, key=size)
    raise ReportgenError(f"YAML aliases here expand to {size(root):,} values, far more than the file holds",
                         SourceRef(path, worst.start_mark.line + first_line),
                         hint="write the values out, or use fewer nested anchors (&) and aliases (*)")


class _BadTimestamp(Exception):
    """A scalar that reads as a date but is none (2026-02-30), at its 0-based line."""

    def __init__(self, text: str, line: int) -> None:
        super().__init__(text)
        self.text, self.line = text, line


@lru_cache(maxsize=1)
def _constructor() -> type:
    """ruamel's round-trip constructor, except that an impossible date raises ``_BadTimestamp``
    with its position: ruamel lets ``datetime``'s bare ``ValueError`` through."""
    from ruamel.yaml.constructor import RoundTripConstructor

    class Constructor(RoundTripConstructor):
        def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
            try:
                return super().construct_yaml_timestamp(node, values)
            except ValueError:
                raise _BadTimestamp(str(node.value), node.start_mark.line) from None

    # the constructor table holds functions, not method names: point it at the override
    Constructor.add_constructor("tag:yaml.org,2002:timestamp", Constructor.construct_yaml_timestamp)
    return Constructor


def _yaml_hint(problem: str, context: str = "") -> str:
    if "stream" in problem and ("flow" in context or "quoted" in context):
        return "close the bracket or quote opened on this line"
    if "duplicate key" in problem:
        return "remove one of the two entries"
    if "mapping values are not allowed" in problem:
        return "put a value containing ': ' in quotes"
    return "check the indentation and quote values that contain ':' or '#'"


def line_of(node: Any, key: str | int, first_line: int = 1) -> int | None:
    """The file line of ``node[key]`` as ruamel recorded it, or ``None``."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    try:
        pos = lc.key(key) if isinstance(key, str) else lc.item(key)
    except (KeyError, IndexError, TypeError):
        return None
    return int(pos[0]) + first_line


def check_keys(
    data: Mapping[str, Any], allowed: Iterable[str], path: Path, what: str, first_line: int = 1
) -> None:
    """Refuse unknown keys, suggesting the closest known one."""
    allowed = list(allowed)
    for key in data:
        if key not in allowed:
            import difflib  # only a typo pays for it

            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}"
            raise ReportgenError(
                f"unknown key '{key}' in {what}", SourceRef(path, line_of(data, key, first_line)), hint=hint
            )


def resolve_inside(base: Path, relative: str, root: Path, allow_outside: bool, source: SourceRef) -> Path:
    """Resolve a path written in a file; refuse one that leaves the content folder."""
    target = (base / relative).resolve()
    if not allow_outside and not target.is_relative_to(root.resolve()):
        raise ReportgenError(
            f"'{relative}' points outside the content folder",
            source,
            hint="move the file into the content folder or pass --allow-outside",
        )
    return target
