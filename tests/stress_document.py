"""A stress document for the handout's layout: content that meets page breaks in the awkward
places (lists, headings before figures and tables, long code, asides longer than a page, a
running header too long for its room, an FAQ, paragraphs that tempt widows and orphans).

``write_stress_document(root)`` writes a content folder (``guide.yml``, Markdown sections, a
PNG) under ``root`` and returns it; ``tests/test_layout_rules.py`` builds it and runs
``tests/layout_check.py`` on the PDF. Like ``sections()`` in ``test_pdf_layout.py``, the
constructs come after a varying number of filler paragraphs, so that one build meets a page
break at many places in each of them (every section starts on a page of its own).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from .conftest import write_content

LOREM = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt "
         "ut labore et dolore magna aliqua. ") * 3
SHORT = "Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo."
TITLE = ("A Very Long Handout Title That Goes On and On About Layout, Page Breaks, Widows, Orphans "
         "and Everything Else a Typesetter Worries About")
SUBTITLE = ("With a Subtitle Just as Long, So That the Running Header Has Far More Words Than Its Room "
            "Between the Logo and the Right Margin")


def _filled(name: str, fills: range, body: str) -> dict[str, str]:
    """One section per count of filler paragraphs before ``body``."""
    return {f"{name}-{n:02d}.md": f"# {name.title()} after {n} paragraphs\n\n" + "\n\n".join([LOREM] * n)
            + "\n\n" + body for n in fills}


def _nested_lists() -> str:
    bullets = "".join(f"- Item {i}: {SHORT}\n  - Nested {i}a, a short one\n  - Nested {i}b: {SHORT}\n"
                      "    - Deeper still, three levels in\n" for i in range(8))
    ordered = "".join(f"{i}. Step {i}: {SHORT}\n   1. Sub-step {i}.1\n   2. Sub-step {i}.2: {SHORT}\n"
                      for i in range(1, 9))
    return f"These are the points:\n\n{bullets}\nAnd these are the steps:\n\n{ordered}\nAfter the lists.\n"


def _figures_and_tables() -> str:
    rows = "".join(f"| Row {i} | {SHORT[:40]} | {i * 7} |\n" for i in range(12))
    return ("## A heading right before a figure\n\n![A navy figure, as wide as the text](figure.png)\n\n"
            f"{SHORT}\n\n## A heading right before a table\n\n| Name | Description | Count |\n|---|---|---:|\n{rows}\n"
            f"{SHORT}\n\n### A third-level heading, then text\n\n{LOREM}\n")


def _code() -> str:
    lines = [f"result_{i:03d} = compute_something_long(argument_one={i}, argument_two='{'x' * 20}', flag=True)  "
             f"# line {i}" for i in range(200)]
    return "Code follows:\n\n```python\n" + "\n".join(lines) + "\n```\n\nAfter the code.\n"


def _asides() -> str:
    quote = "> " + "\n>\n> ".join(f"Quoted paragraph {i}. {LOREM}" for i in range(10))
    callout = "::: callout Tip\n" + "\n\n".join(f"Callout paragraph {i}. {LOREM}" for i in range(10)) + "\n:::\n"
    warning = "::: warning\n" + "\n\n".join(f"Warning paragraph {i}. {SHORT}" for i in range(6)) + "\n:::\n"
    return f"{quote}\n\nBetween the asides.\n\n{callout}\n{warning}\nAfter the asides.\n"


def _faq() -> str:
    pairs = "".join(f"### Question {i}: is this a question long enough to wrap onto a second line of its own?\n"
                    f"{LOREM if i % 2 else SHORT}\n" for i in range(12))
    return f"# Frequently Asked Questions\n\n::: faq\n{pairs}:::\n"


def _widows() -> str:
    """Paragraphs of one to four lines and one-line lead-ins: each page break among them may
    leave a single line behind or carry one over."""
    parts = []
    for i in range(30):
        words = (LOREM.split() * 2)[: 12 + (i * 17) % 70]
        parts.append(" ".join(words) + ".")
        if i % 5 == 0:
            parts.append("To summarize,")
    return "\n\n".join(parts) + "\n"


def write_stress_document(root: Path) -> Path:
    """Write the stress document's content folder under ``root``; return the folder."""
    files: dict[str, str | bytes] = {}
    files.update(_filled("lists", range(1, 12, 2), _nested_lists()))
    files.update(_filled("figures", range(2, 11, 2), _figures_and_tables()))
    files.update(_filled("code", range(0, 7, 3), _code()))
    files.update(_filled("asides", range(0, 5, 2), _asides()))
    files.update(_filled("widows", range(0, 8), _widows()))
    files["faq.md"] = _faq()
    sections = [name for name in files if name.endswith(".md")]
    guide = (f"title: {TITLE}\nsubtitle: {SUBTITLE}\nauthor: The Layout Stress Test\ndate: 2026-01-15\nlang: en\n"
             "sections:\n" + "".join(f"  - {s}\n" for s in sections))
    content = write_content(root, files, guide)
    Image.new("RGB", (1200, 700), "navy").save(content / "figure.png")
    return content
