"""Keeping python-pptx linear on long decks.

python-pptx finds the next free part name by listing every part of the package, and checks
each new slide relationship against all existing ones. Both are fine for a dozen slides and
quadratic for a thousand (a 50× guide spent 20 of its 32 seconds there). ``make_linear``
swaps in counters for one ``Presentation`` instance; python-pptx's own code does the rest.
"""

from __future__ import annotations

from typing import Any


def make_linear(prs: Any) -> None:
    """Patch this presentation's package (only this instance) to add parts in O(1)."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.packuri import PackURI

    package = prs.part.package
    used = {str(part.partname) for part in package.iter_parts()}
    counters: dict[str, int] = {}

    def next_partname(tmpl: str) -> PackURI:
        n = counters.get(tmpl, 1)
        while tmpl % n in used:
            n += 1
        counters[tmpl] = n + 1
        used.add(tmpl % n)
        return PackURI(tmpl % n)

    package.next_partname = next_partname

    rels = prs.part.rels
    get_or_add = rels.get_or_add

    def add_slide_rel(reltype: str, target: Any) -> str:
        # a new slide is never related yet: skip the search through every existing slide
        return str(rels._add_relationship(reltype, target) if reltype == RT.SLIDE else get_or_add(reltype, target))

    rels.get_or_add = add_slide_rel
