"""Line breaking with real font metrics, for planning slides before drawing them.

A paragraph is a sequence of words, each made of styled pieces; ``wrap`` fills lines
greedily as PowerPoint and LibreOffice do, breaking a word that is wider than the line
between characters. Widths come from ``fonts.width`` (the same TTF the deck names or
its metric twin), so what the planner predicts is what a viewer draws.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from reportgen.fonts import FontFamily, width
from reportgen.model import Inline, Run, Table


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    bold: bool
    italic: bool
    mono: bool


Word = tuple[Piece, ...]


def words_of(runs: Inline, bold: bool = False, italic: bool = False) -> list[Word]:
    """Split runs at spaces into words; a word keeps the marks of each of its pieces."""
    words: list[Word] = []
    current: list[Piece] = []
    for run in runs:
        style = (bold or run.strong, italic or run.emph, run.code)
        text = run.text.replace("\n", " ")
        indent = ""
        if run.code:  # code keeps its indentation, measured in the monospaced font
            indent = " " * (len(text) - len(text.lstrip(" ")))
            text = text.lstrip(" ")
        for i, chunk in enumerate(text.split(" ")):
            if i > 0 and current:
                words.append(tuple(current))
                current = []
            if chunk or (i == 0 and indent):
                current.append(Piece(indent + chunk if i == 0 else chunk, *style))
    if current:
        words.append(tuple(current))
    return words


def runs_of_words(words: list[Word]) -> Inline:
    """Back from words to runs (used when a paragraph is split across slides)."""
    runs: list[Run] = []
    for n, word in enumerate(words):
        for k, piece in enumerate(word):
            text = (" " if n and k == 0 else "") + piece.text
            run = Run(text, strong=piece.bold, emph=piece.italic, code=piece.mono)
            if runs and (runs[-1].strong, runs[-1].emph, runs[-1].code) == (run.strong, run.emph, run.code):
                runs[-1] = Run(runs[-1].text + text, run.strong, run.emph, run.code)
            else:
                runs.append(run)
    return tuple(runs)


# Closing punctuation that East Asian line breaking never puts at the start of a line.
NO_LINE_START = frozenset("、。，．：；！？）」』】〕〉》〙〗｝］・ー…‥々ゝゞヽヾ,.:;!?)]}")


class Measure:
    """Measures words for one family and size, caching widths (slides repeat words a lot)."""

    def __init__(self, family: FontFamily, mono: FontFamily, size: float) -> None:
        self.family, self.mono, self.size = family, mono, size
        self.space = width(" ", family, size)
        self.mono_space = width(" ", mono, size)
        self._widths: dict[Piece, float] = {}  # per measure: no family to hash on every lookup

    def piece(self, piece: Piece) -> float:
        found = self._widths.get(piece)
        if found is None:
            family = self.mono if piece.mono else self.family
            found = self._widths[piece] = width(piece.text, family, self.size, piece.bold, piece.italic)
        return found

    def word(self, word: Word) -> float:
        return sum(self.piece(p) for p in word)

    def wrap(self, words: list[Word], line_width: float) -> list[list[Word]]:
        """Greedy line filling; returns the words of each line (a long word may be cut)."""
        lines: list[list[Word]] = []
        line: list[Word] = []
        used = 0.0
        for word in words:
            w = self.word(word)
            space = self.mono_space if word[0].mono else self.space
            if line and used + space + w <= line_width:
                line.append(word)
                used += space + w
                continue
            if line:
                lines.append(line)
                line, used = [], 0.0
            while w > line_width:  # a word wider than the line breaks between characters
                head, word = self.cut(word, line_width)
                lines.append([head])
                w = self.word(word)
            line, used = [word], w
        if line:
            lines.append(line)
        return lines or [[]]

    def cut(self, word: Word, line_width: float) -> tuple[Word, Word]:
        """The longest head of ``word`` that fits ``line_width`` (at least one character)."""
        chars = [(c, p) for p in word for c in p.text]
        lo, hi = 1, len(chars)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.word(_join(chars[:mid])) <= line_width:
                lo = mid
            else:
                hi = mid - 1
        while 1 < lo < len(chars) and chars[lo][0] in NO_LINE_START:  # "，" may not start a line:
            lo -= 1  # viewers keep it on the line before (kinsoku), so take a character down with it
        return _join(chars[:lo]), _join(chars[lo:])


def _join(chars: list[tuple[str, Piece]]) -> Word:
    pieces: list[Piece] = []
    for c, p in chars:
        if pieces and (pieces[-1].bold, pieces[-1].italic, pieces[-1].mono) == (p.bold, p.italic, p.mono):
            pieces[-1] = Piece(pieces[-1].text + c, p.bold, p.italic, p.mono)
        else:
            pieces.append(Piece(c, p.bold, p.italic, p.mono))
    return tuple(pieces)


_CODE_BREAKS = " ,;:.([{/\\-"  # a long code line is cut after one of these if one is near the end


def code_lines(line: str, columns: int, mark: str) -> list[str]:
    """A line of code cut into pieces of at most ``columns`` columns (``mark`` included), the
    pieces after the first starting with ``mark``. A monospaced line of ``columns`` columns
    that fits its box never wraps again in a viewer, so the pieces are what every drawer shows.
    A wide character (CJK, emoji: East Asian width W or F) takes two columns, as in a terminal:
    its glyph, from a fallback font, is about twice a code font's advance. Each cut goes after
    the last space or punctuation mark that fits, else between characters."""
    pieces: list[str] = []
    limit = max(columns, 1)
    while _columns(line) > limit:
        fit = _fitting(line, limit)
        cut = max(line.rfind(c, 0, fit) for c in _CODE_BREAKS) + 1 or fit
        pieces.append(line[:cut])
        line = line[cut:]
        limit = max(columns - _columns(mark), 1)
    pieces.append(line)
    return [pieces[0], *(mark + p for p in pieces[1:])]


def _columns(text: str) -> int:
    """How many columns of a monospaced font ``text`` takes (a wide character two)."""
    if text.isascii():
        return len(text)
    return len(text) + sum(1 for c in text if unicodedata.east_asian_width(c) in "WF")


def _fitting(line: str, limit: int) -> int:
    """How many characters from the start of ``line`` fit ``limit`` columns (at least one)."""
    if line.isascii():
        return limit
    used = 0
    for count, char in enumerate(line):
        used += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used > limit:
            return max(count, 1)
    return len(line)


@lru_cache(maxsize=65536)
def _width(text: str, family: FontFamily, size: float, bold: bool, italic: bool) -> float:
    return width(text, family, size, bold, italic)


def column_widths(fractions: tuple[float, ...], total: float, needs: list[float]) -> list[float]:
    """Widths summing to ``total`` that follow ``fractions`` but give every column at least
    its ``needs`` (its longest word): a word is never broken inside a table cell when the
    table can avoid it. The space comes from the columns with room to spare."""
    widths = [f * total for f in fractions]
    if sum(needs) > total:  # cannot be helped: break words in the widest columns only
        cap = _cap(needs, total)
        return [min(n, cap) for n in needs]
    for _ in range(len(widths)):
        short = [i for i, (w, n) in enumerate(zip(widths, needs)) if w < n - 1e-9]
        if not short:
            break
        deficit = sum(needs[i] - widths[i] for i in short)
        for i in short:
            widths[i] = needs[i]
        spare = {i: widths[i] - needs[i] for i in range(len(widths)) if i not in short and widths[i] > needs[i]}
        room = sum(spare.values())
        for i, slack in spare.items():
            widths[i] -= deficit * slack / room
    return widths


def _cap(needs: list[float], total: float) -> float:
    """The width ``c`` at which ``min(need, c)`` over all columns sums to ``total``: the narrow
    columns get what they need, the wide ones an equal share of the rest. (Shares in
    proportion to need left a narrow column beside two long URLs narrower than its padding.)"""
    left = total
    ordered = sorted(needs)
    for index, need in enumerate(ordered):
        share = left / (len(ordered) - index)
        if need > share:
            return share
        left -= need
    return max(ordered)


def longest_words(table: Table, head: tuple[FontFamily, float], body: tuple[FontFamily, float]) -> list[float]:
    """Per column, the width of its widest word (header in bold; a row-label column in bold),
    from the first 500 rows: what a column needs so that no word is broken inside it."""
    out = []
    for col in range(len(table.header)):
        widths = [_longest(table.header[col], *head, bold=True)]
        widths += [_longest(row[col], *body, bold=table.row_labels and col == 0) for row in table.rows[:500]]
        out.append(max(widths))
    return out


def _longest(runs: Inline, family: FontFamily, size: float, bold: bool = False) -> float:
    return max((sum(_width(p.text, family, size, p.bold, p.italic) for p in word)
                for word in words_of(runs, bold)), default=0.0)


def shorten(text: str, family: FontFamily, size: float, room: float, bold: bool = False) -> str:
    """``text`` as it fits on one line ``room`` points wide: whole, else cut after a word with an
    ellipsis (a first word too long for the room is cut between characters)."""
    def fits(candidate: str) -> bool:
        return width(candidate, family, size, bold) <= room

    if fits(text):
        return text
    words = text.split()
    for count in range(len(words) - 1, 0, -1):
        candidate = " ".join(words[:count]).rstrip(" ,;:-–—·|") + "…"
        if fits(candidate):
            return candidate
    for end in range(len(text) - 1, 0, -1):
        candidate = text[:end].rstrip() + "…"
        if fits(candidate):
            return candidate
    return "…"
