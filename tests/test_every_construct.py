"""No input may crash a build: every construct the loader knows, in every nesting, through
every renderer. A construct that breaks a renderer shows up here as a traceback."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from reportgen.build import BuildOptions, build
from reportgen.errors import Diagnostics

from .conftest import write_content

# One block of each kind (Markdown and raw HTML), written at the left margin.
CONSTRUCTS = {
    "paragraph": "Text with **bold**, *em*, `code`, ~~struck~~, [a link](https://x.org), [an anchor](#top-part), "
                 "H<sub>2</sub>O, x<sup>2</sup>, a note[^n] and https://bare.example.org :tada:",
    "heading": "## A heading",
    "deep heading": "##### A deep heading",
    "bullets": "- one\n- two\n  - nested\n    - deeper",
    "ordered": "3. three\n4. four",
    "tasks": "- [ ] open\n- [x] done",
    "definitions": "Term\n: Definition",
    "table": "| a | b |\n|---|---|\n| 1 | 2 | 3 |\n| 4 |",
    "quote": "> Quoted\n> text",
    "alert": "> [!TIP]\n> A tip",
    "code": "```python\nprint('x' * 200)  " + "y" * 150 + "\n```",
    "rule": "---",
    "image": "![Missing](missing.png)",
    "remote image": "![Remote](https://x.org/i.png)",
    "local image": '<img src="pic.png" alt="Pic" width="50">',
    "badges": '<p align="center"><a href="https://x.org"><img src="https://b.io/a.svg" alt="A"></a> '
              '<img src="https://b.io/b.svg" alt="B"></p>',
    "html heading": '<h3 align="center">HTML <em>heading</em></h3>',
    "html list": "<ul><li>one<li>two</ul>",
    "html table": "<table><tr><th>H</th></tr><tr><td>cell</td><td>extra</td></tr></table>",
    "details": "<details><summary>More</summary>\n\nHidden **text**.\n\n</details>",
    "html pre": "<pre>pre\n  formatted</pre>",
    "unknown tag": "<x-widget>widget text</x-widget>",
    "admonition": "::: warning\nCareful\n:::",
    "quarto": "::: {.callout-note}\nQuarto\n:::",
    "unknown block": "::: {.columns}\nColumns\n:::",
    "callout": "::: callout Tip\nA callout\n:::",
}
# Containers a construct can sit in: each wraps indented text.
CONTAINERS = {
    "top": lambda text: text,
    "list item": lambda text: "- item\n\n" + textwrap.indent(text, "  "),
    "ordered item": lambda text: "1. item\n\n" + textwrap.indent(text, "   "),
    "quote": lambda text: textwrap.indent(text, "> ", lambda line: True),
    "callout": lambda text: f"::: callout Box\n{text}\n:::",
    "admonition": lambda text: f":::{{note}}\n{text}\n:::",
    "details": lambda text: f"<details>\n<summary>Open</summary>\n\n{text}\n\n</details>",
    "div": lambda text: f'<div align="center">\n\n{text}\n\n</div>',
    "footnote": lambda text: "[^m]: " + textwrap.indent(text, "    ").lstrip(),
    "slides": lambda text: f"::: slides\n{text}\n:::",
    "notes": lambda text: f"::: notes\n{text}\n:::",
    "faq": lambda text: f"::: faq\n### A question?\nAn answer.\n\n{text}\n\nMore of it.\n:::",
}


def _document(nesting: tuple[str, ...]) -> str:
    parts = ["## Top part", ""]
    for name, construct in CONSTRUCTS.items():
        text = construct
        for container in reversed(nesting):
            text = CONTAINERS[container](text)
        parts += [f"Before {name}.", "", text, ""]
    parts += ["", "[^n]: A footnote.", "", "[^m]: Another."]
    return "\n".join(parts)


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (60, 30), (0, 90, 160)).save(out, "PNG")
    return out.getvalue()


NESTINGS = [(c,) for c in CONTAINERS] + [("list item", "quote"), ("quote", "list item"), ("callout", "list item"),
                                         ("details", "quote"), ("list item", "details"), ("faq", "list item")]


@pytest.mark.parametrize("nesting", NESTINGS, ids=["/".join(n) for n in NESTINGS])
def test_every_construct_in_every_nesting_builds_in_every_format(tmp_path: Path, nesting: tuple[str, ...]) -> None:
    content = write_content(tmp_path, {"a.md": _document(nesting), "pic.png": _png()})
    out = tmp_path / "out"
    formats = ("pdf", "pptx", "slides-pdf", "handout")
    written = build(BuildOptions(content, out, formats, parallel=False), Diagnostics())
    assert [p.stat().st_size > 1000 for p in written] == [True] * len(formats)
