"""Code as lines of coloured tokens, for every output: Pygments' lexers, their token types
mapped onto the theme's few roles (``theme.colors.CODE_ROLES``; ``""`` is plain text).

Pygments is imported only for a code block that names a language: most documents have none,
and a build without one stays as quick as before. A language no lexer knows is plain text,
as is any text a lexer would not give back character for character.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any, TypeVar

from reportgen.measure import code_lines

Token = tuple[str, str]  # text and role
T = TypeVar("T")

# Pygments' token types (dotted names under ``Token``) and their roles; a type not listed takes
# its nearest listed parent's, and one with none is plain.
_ROLES = {
    "Keyword": "keyword",
    "Operator.Word": "keyword",  # and, or, not, in
    "Name.Tag": "keyword",  # HTML and XML elements
    "Name.Builtin": "name",
    "Name.Function": "name",
    "Name.Class": "name",
    "Name.Decorator": "name",
    "Name.Attribute": "name",
    "Literal.String": "string",
    "Literal.Number": "number",
    "Comment": "comment",
}


def highlight(text: str, lang: str) -> list[list[Token]]:
    """``text`` as its lines, each a list of ``(text, role)`` tokens whose texts join to the line."""
    lexer = _lexer(lang.lower()) if lang else None
    if lexer is not None:
        tokens = [(part, _role(kind)) for kind, part in lexer.get_tokens(text)]
        if "".join(part for part, _ in tokens) == text:
            return _lines(tokens)
    return [[(line, "")] if line else [] for line in text.split("\n")]


@lru_cache(maxsize=None)
def _lexer(lang: str) -> Any:
    """The lexer of a fence's language name (``python``, ``js``, ``sh``), or ``None``."""
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        return get_lexer_by_name(lang, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return None


@lru_cache(maxsize=None)
def _role(kind: Any) -> str:
    while kind is not None and len(kind):
        role = _ROLES.get(".".join(kind))
        if role:
            return role
        kind = kind.parent
    return ""


def _lines(tokens: list[Token]) -> list[list[Token]]:
    """Tokens cut at newlines into lines; spaces take the role of what they follow, and
    neighbours of one role are joined (fewer runs to draw, the same colours)."""
    lines: list[list[Token]] = [[]]
    for text, role in tokens:
        for k, part in enumerate(text.split("\n")):
            if k:
                lines.append([])
            line = lines[-1]
            if line and (line[-1][1] == role or not part.strip()):
                line[-1] = (line[-1][0] + part, line[-1][1])
            elif part:
                line.append((part, role))
    return lines


def expand_tabs(line: Sequence[tuple[str, T]], size: int) -> list[tuple[str, T]]:
    """``str.expandtabs`` of a line of tokens: each tab stops at the next multiple of ``size``
    columns counted from the line's start, whatever token holds it."""
    out: list[tuple[str, T]] = []
    column = 0
    for text, tag in line:
        text = (" " * column + text).expandtabs(size)[column:] if "\t" in text else text
        out.append((text, tag))
        column += len(text)
    return out


def wrap(line: Sequence[tuple[str, T]], columns: int, mark: str, mark_tag: T) -> list[list[tuple[str, T]]]:
    """A line of tokens cut where ``measure.code_lines`` cuts its text, each piece keeping the
    tags (roles, runs) of the tokens it holds; a piece after the first starts with ``mark``."""
    pieces = code_lines("".join(text for text, _ in line), columns, mark)
    rest = list(line)
    out: list[list[tuple[str, T]]] = []
    for k, piece in enumerate(pieces):
        need = len(piece) - (len(mark) if k else 0)
        taken: list[tuple[str, T]] = [(mark, mark_tag)] if k else []
        while need > 0:
            text, tag = rest.pop(0)
            if len(text) > need:
                rest.insert(0, (text[need:], tag))
                text = text[:need]
            taken.append((text, tag))
            need -= len(text)
        out.append(taken)
    return out
