"""The handout's spacing and geometry: every length a page renderer uses, by role.

Each field is declared once here with its default and what it sets; the renderers under
``render/handout``, ``render/pdf`` and the slide handout read them from ``theme.handout`` and
write no number of their own (``tests/test_style_numbers.py`` keeps it so). Lengths are
points unless a name says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class HandoutMetrics:
    """Lengths and proportions of printed pages (the handout and the slide handout)."""
