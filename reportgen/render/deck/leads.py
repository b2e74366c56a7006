"""Slide bullets from prose, for a section that wrote none: one deterministic rule, no model.

Each paragraph gives its lead sentence, the one a reader skims for; a sentence longer than a
slide line or two is cut at its last clause boundary (a comma, semicolon, colon or dash) that
keeps a fair part of it, else at a word, and marked "…" (joined to the last word, so
it never wraps alone). A group of one paragraph gives up to ``per_paragraph`` of its
sentences instead, each with twice the room, so its slide is not a single line. The full
prose stays in the speaker notes.
"""

from __future__ import annotations

import re

# A sentence ends at . ! ? (or their CJK forms) followed by space and a capital, digit or quote.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"‘'(«„])|(?<=[。！？])")
_CLAUSE_MARKS = (", ", "; ", ": ", " — ", " – ")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(" ".join(text.split())) if s.strip()]


def shorten(sentence: str, limit: int, least: float) -> str:
    """``sentence`` if it has at most ``limit`` characters, else cut at a clause that keeps at
    least the share ``least`` of the limit, or at a word."""
    if len(sentence) <= limit:
        return sentence
    clause = max(sentence.rfind(mark, 0, limit) for mark in _CLAUSE_MARKS)
    if clause >= limit * least:
        return sentence[:clause].rstrip() + "…"
    word = sentence.rfind(" ", 0, limit)
    return (sentence[:word] if word > 0 else sentence[:limit]).rstrip(",;: ") + "…"


def leads(paragraphs: list[str], limit: int, per_paragraph: int, least: float) -> list[str]:
    """The bullets for a group of prose ``paragraphs``."""
    paragraphs = [p for p in paragraphs if p.strip()]
    if len(paragraphs) == 1:  # the slide's only text: its sentences, each allowed twice the room
        return [shorten(s, 2 * limit, least) for s in sentences(paragraphs[0])[:per_paragraph]]
    return [shorten(sentences(p)[0], limit, least) for p in paragraphs if sentences(p)]
