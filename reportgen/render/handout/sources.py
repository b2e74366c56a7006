"""Which block a flowable was made for, so that reportlab's ``LayoutError`` ("Flowable
<Table@0x…> too large on page 4 …") reaches the user as the file and line of that block,
in words: ``a.md:12: a row of this table is taller than a page; …``.

``_Story`` tags the flowables of every block with the block's source and a phrase naming
it; the document template (``pdf._Handout.handle_flowable``) passes the tag on to the
pieces a flowable splits into, and turns a ``LayoutError`` into ``unplaceable(flowable)``.
"""

from __future__ import annotations

from collections.abc import Iterable

from reportlab.platypus import Flowable
from reportlab.platypus.doctemplate import ActionFlowable

from reportgen import model as m
from reportgen.errors import ReportgenError, SourceRef
from reportgen.render.handout.contents import Contents

_TAG = "_reportgen_source"  # set on reportlab's flowables; a list item's wrapper passes it through

# what a block is called in an error message, and how to fix it when it does not fit
_NAMES: dict[type, tuple[str, str]] = {
    m.Table: ("a row of this table", "shorten the row or split it into several rows"),
    m.Quote: ("this quote", "shorten it or split it"),
    m.Callout: ("this callout", "shorten it or split it"),
    m.BulletList: ("this list", "shorten it or split it"),
}
_DEFAULT = ("this block", "shorten it or split it")


def tag(flowables: Iterable[Flowable], block: m.Block) -> None:
    """Mark the flowables made for ``block`` (those made for blocks inside it keep theirs)."""
    for flowable in flowables:
        if getattr(flowable, _TAG, None) is None:
            setattr(flowable, _TAG, (block.source, *_NAMES.get(type(block), _DEFAULT)))


def inherit(pieces: Iterable[Flowable], parent: Flowable) -> None:
    """Pass ``parent``'s tag on to the pieces it was split into (not to a frame break, which
    reportlab shares between documents)."""
    found = getattr(parent, _TAG, None)
    if found is not None:
        for piece in pieces:
            if not isinstance(piece, ActionFlowable) and getattr(piece, _TAG, None) is None:
                setattr(piece, _TAG, found)


def unplaceable(flowable: Flowable) -> ReportgenError:
    """The error for a flowable that fits on no page, at its block's line."""
    chain = [flowable]
    # an aside (``aside.Aside``) that cannot split: its first part is the one at fault. Read
    # by name: a list item's indenter passes attribute lookups on to the aside it holds.
    while isinstance(inside := getattr(chain[-1], "content", None), list) and inside:
        chain.append(inside[0])
    culprit = chain[-1]
    if isinstance(culprit, Contents) and culprit.entries:
        return ReportgenError("this heading is too long for the contents page", culprit.entries[0].source,
                              hint="shorten it")
    for part in reversed(chain):
        found: tuple[SourceRef, str, str] | None = getattr(part, _TAG, None)
        if found is not None:
            source, name, fix = found
            return ReportgenError(f"{name} is taller than a page", source, hint=fix)
    return ReportgenError("a block is taller than a page", hint="shorten it or split it")
