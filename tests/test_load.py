"""The loader: Markdown and YAML in, model out (assertions on the Document)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen import model as m
from reportgen.errors import Diagnostics, ReportgenError
from reportgen.load import load_document

from .conftest import CONTENT, write_content


def load(content: Path, **kw: object) -> m.Document:
    return load_document(content, Diagnostics(), **kw)  # type: ignore[arg-type]


def test_blocks_carry_their_file_and_line(tmp_path: Path) -> None:
    content = write_content(tmp_path, {"a.md": "# Title\n\nFirst *para*.\n\n- one\n- two\n"})
    section = load(content).sections[0]
    para, bullets = section.blocks
    assert section.title == "Title"
    assert para == m.Paragraph((m.Run("First "), m.Run("para", emph=True), m.Run(".")), para.source)
    assert (para.source.path.name, para.source.line) == ("a.md", 3)
    assert isinstance(bullets, m.BulletList) and bullets.source.line == 5
    assert [m.plain(i.blocks[0].runs) for i in bullets.items] == ["one", "two"]  # type: ignore[union-attr]


def test_front_matter_title_and_hints_keep_line_numbers(tmp_path: Path) -> None:
    content = write_content(tmp_path, {"a.md": "---\ntitle: From front matter\nslides: false\n---\n\nText.\n"})
    section = load(content).sections[0]
    assert section.title == "From front matter"
    assert section.slides is False and section.handout is True
    assert section.blocks[0].source.line == 6


def test_inline_marks_links_and_code(tmp_path: Path) -> None:
    content = write_content(tmp_path, {"a.md": "# T\n\n**b** _i_ `c` [l](https://x.org)\n"})
    runs = load(content).sections[0].blocks[0].runs  # type: ignore[union-attr]
    assert m.Run("b", strong=True) in runs and m.Run("i", emph=True) in runs
    assert m.Run("c", code=True) in runs and m.Run("l", link="https://x.org") in runs


def test_markup_looking_text_stays_text(tmp_path: Path) -> None:
    content = write_content(tmp_path, {"a.md": "# T\n\nA \\<b>bold\\</b> & &lt;font&gt; `<i>` claim\n"})
    para = load(content).sections[0].blocks[0]
    assert m.plain(para.runs) == "A <b>bold</b> & <font> <i> claim"  # type: ignore[union-attr]


def test_nested_lists_quotes_callouts_notes_slides(tmp_path: Path) -> None:
    text = """\
    # T

    1. one
       - inner
    2. two

    > quoted

    ::: callout Tip
    Call me.
    :::

    ::: notes
    Say this.
    :::

    ::: slides
    - short
    :::
    """
    blocks = load(write_content(tmp_path, {"a.md": text})).sections[0].blocks
    kinds = [type(b).__name__ for b in blocks]
    assert kinds == ["BulletList", "Quote", "Callout", "Notes", "SlideText"]
    ordered = blocks[0]
    assert isinstance(ordered, m.BulletList) and ordered.ordered
    assert isinstance(ordered.items[0].blocks[1], m.BulletList)
    assert isinstance(blocks[2], m.Callout) and blocks[2].title == "Tip"


def test_pipe_table_and_data_table(tmp_path: Path) -> None:
    files = {
        "a.md": "# T\n\n| A | B |\n|---|---|\n| 1 | **2** |\n\n::: table t.yml\nCaption here\n:::\n",
        "t.yml": "header: ['', X, Y]\nrows:\n  - [r1, a, b]\n  - [r2, c, d]\n",
    }
    pipe, data = load(write_content(tmp_path, files)).sections[0].blocks
    assert isinstance(pipe, m.Table) and isinstance(data, m.Table)
    assert pipe.rows[0][1] == (m.Run("2", strong=True),)
    assert not pipe.row_labels and data.row_labels
    assert m.plain(data.caption) == "Caption here"
    assert abs(sum(data.widths) - 1) < 1e-9


def test_csv_table(tmp_path: Path) -> None:
    files = {"a.md": "# T\n\n::: table t.csv\n:::\n", "t.csv": "Name,Value\n\"a, b\",1\nc,2\n"}
    table = load(write_content(tmp_path, files)).sections[0].blocks[0]
    assert isinstance(table, m.Table)
    assert [m.plain(c) for c in table.rows[0]] == ["a, b", "1"]


def test_faq_pairs(tmp_path: Path) -> None:
    text = "# FAQ\n\n::: faq\n### Why?\nBecause.\n### How?\nLike this.\n\nAnd this.\n:::\n"
    faq = load(write_content(tmp_path, {"a.md": text})).sections[0].blocks[0]
    assert isinstance(faq, m.Faq)
    assert [m.plain(i.question) for i in faq.items] == ["Why?", "How?"]
    assert len(faq.items[1].answer) == 2


def test_placeholders_from_event(tmp_path: Path) -> None:
    content = write_content(tmp_path, {"a.md": "# T\n\nWelcome to {{ event.name }} in {{event.venue}}.\n"})
    doc = load(content, event={"name": "Spring *Camp*", "venue": "Berlin"})
    assert m.plain(doc.sections[0].blocks[0].runs) == "Welcome to Spring *Camp* in Berlin."  # type: ignore[union-attr]


def test_remote_image_warns_and_keeps_alt_text(tmp_path: Path) -> None:
    content = write_content(tmp_path, {"a.md": "# T\n\n![A chart](https://example.com/c.png)\n"})
    diag = Diagnostics()
    fig = load_document(content, diag).sections[0].blocks[0]
    assert isinstance(fig, m.Figure) and fig.path is None and fig.alt == "A chart"
    assert [str(w) for w in diag.warnings] == [
        f"{content / 'a.md'}:3: remote image 'https://example.com/c.png' is not fetched; its alt text is shown instead"
    ]


def test_strict_turns_a_warning_into_an_error(tmp_path: Path) -> None:
    content = write_content(tmp_path, {"a.md": "# T\n\n![A chart](http://example.com/c.png)\n"})
    with pytest.raises(ReportgenError):
        load_document(content, Diagnostics(strict=True))


def test_default_guide_has_the_comparison_table_and_faq() -> None:
    doc = load(CONTENT)
    blocks = [b for s in doc.sections for b in s.blocks]
    table = next(b for b in blocks if isinstance(b, m.Table))
    assert [m.plain(r[0]) for r in table.rows] == [
        "Core Philosophy", "Primary Workflow", "Technical Stack", "Math Requirement", "Key Output"]
    assert [m.plain(c) for c in table.header[1:]] == ["AI Engineer", "ML Engineer"]
    faq = next(b for b in blocks if isinstance(b, m.Faq))
    assert len(faq.items) == 4


def test_characters_no_font_has_are_named_in_a_warning(tmp_path: Path) -> None:
    """Greek and Cyrillic are the brand font's; U+10FFFD (private use) is no font's."""
    from reportgen.build import BuildOptions
    from reportgen.build import load as load_all

    content = write_content(tmp_path, {"a.md": "# Scripts\n\nΩμέγα кириллица \U0010fffd\n"})
    diag = Diagnostics()
    _, theme = load_all(BuildOptions(content), diag)
    mark = theme.style("body").family.replacement()[0]
    assert [str(w) for w in diag.warnings] == [
        f"{content / 'a.md'}:3: no font here has \U0010fffd (U+10FFFD): it prints as {mark}; install the package "
        "fonts-noto-core (or name a font that has it in the brand)"
    ]


def test_a_backslash_keeps_double_braces_literal(tmp_path: Path) -> None:
    content = write_content(tmp_path, {"a.md": "# T\n\nWrite \\{{ event.name }} to show the event name.\n"})
    para = load(content).sections[0].blocks[0]
    assert m.plain(para.runs) == "Write {{ event.name }} to show the event name."  # type: ignore[union-attr]


@pytest.mark.parametrize("source, title, identifier, layout", [
    ('Results {#res layout="Comparison"}', "Results", "res", "Comparison"),
    ("Results {.unnumbered -}", "Results", "", ""),
    ("Set {a, b}", "Set {a, b}", "", ""),  # not attributes: braces in a title stay
    ("{#only}", "{#only}", "", ""),  # a block alone is the heading's text
    ("Use `f {x}` {#use}", "Use f {x}", "use", ""),
])
def test_a_headings_attribute_block_is_not_its_title(source: str, title: str, identifier: str, layout: str) -> None:
    from reportgen.load.attributes import heading_attributes
    from reportgen.model import Run, plain

    runs = (Run("Use "), Run("f {x}", code=True), Run(" {#use}")) if "`" in source else (Run(source),)
    text, attributes = heading_attributes(runs)
    assert (plain(text), attributes.identifier, attributes.layout) == (title, identifier, layout)
