"""Real documents load as they are: what the loader makes of Markdown nobody wrote for us."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen import model as m
from reportgen.errors import Diagnostics, ReportgenError
from reportgen.load import load_document

from .conftest import write_content


def load(tmp_path: Path, text: str, **files: str | bytes) -> tuple[m.Section, list[str]]:
    """The one section ``text`` makes, and the warnings it gave (without the file and line)."""
    diag = Diagnostics()
    doc = load_document(write_content(tmp_path, {"a.md": text, **files}), diag)
    return doc.sections[0], [w.message for w in diag.warnings]


def blocks_of(section: m.Section, kind: type) -> list:  # type: ignore[type-arg]
    return [b for b in m.walk(section.blocks) if isinstance(b, kind)]


def text_of(section: m.Section) -> str:
    return " ".join(m.plain(b.runs) for b in m.walk(section.blocks) if isinstance(b, (m.Paragraph, m.Heading)))


def png(size: tuple[int, int] = (40, 20)) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


# --- titles ------------------------------------------------------------------------------------
def test_the_first_heading_of_any_level_is_the_title_after_a_logo_and_badges(tmp_path: Path) -> None:
    text = ('<p align="center"><img src="logo.png" alt="Logo"></p>\n\n'
            "[![CI](https://x.org/ci.svg)](https://x.org)\n\n## Project\n\nIntro.\n\n### Install\n\nRun it.\n")
    section, _ = load(tmp_path, text, **{"logo.png": png()})
    assert section.title == "Project"
    assert isinstance(section.blocks[0], m.Figure) and section.blocks[0].path is not None  # content above stays
    assert [b.level for b in blocks_of(section, m.Heading)] == [2]  # "###" is now the first sub-heading level


def test_prose_before_the_first_heading_keeps_it_a_heading_and_the_title_is_the_file_name(tmp_path: Path) -> None:
    section, _ = load(tmp_path, "Some words first.\n\n## Usage\n\nText.\n")
    assert section.title == "A"  # a.md made readable
    assert [m.plain(h.runs) for h in blocks_of(section, m.Heading)] == ["Usage"]
    assert m.plain(section.blocks[0].runs) == "Some words first."  # type: ignore[union-attr]


def test_file_names_are_made_readable(tmp_path: Path) -> None:
    diag = Diagnostics()
    content = write_content(tmp_path, {"getting-started_now.md": "Text only.\n", "README.md": "Words.\n"})
    doc = load_document(content, diag)
    assert [s.title for s in doc.sections] == ["Getting started now", "README"]


def test_front_matter_title_wins_and_a_matching_heading_is_not_repeated(tmp_path: Path) -> None:
    section, _ = load(tmp_path, "---\ntitle: Guide\n---\n# Guide\n\nText.\n\n# Part\n\nMore.\n")
    assert section.title == "Guide"
    assert [(h.level, m.plain(h.runs)) for h in blocks_of(section, m.Heading)] == [(2, "Part")]


def test_a_readme_whose_every_heading_is_h1_reads_as_sub_headings(tmp_path: Path) -> None:
    section, _ = load(tmp_path, "# Tool\n\nIntro.\n\n# Install\n\n## From source\n\n# Usage\n")
    assert section.title == "Tool"
    assert [(h.level, m.plain(h.runs)) for h in blocks_of(section, m.Heading)] == \
        [(2, "Install"), (3, "From source"), (2, "Usage")]


# --- front matter ------------------------------------------------------------------------------
def test_front_matter_of_other_tools_is_one_warning_and_our_flags_read_yaml_words(tmp_path: Path) -> None:
    text = ("---\ntitle: T\ndescription: for mkdocs\nsidebar_position: 3\ntoc_depth: 2\nslides: no\nhandout: On\n"
            "---\nX\n")
    section, warnings = load(tmp_path, text)
    assert section.slides is False and section.handout is True
    assert warnings == ["front matter keys 'description', 'sidebar_position', 'toc_depth' not used by reportgen"]


# --- placeholders ------------------------------------------------------------------------------
def test_only_our_placeholders_are_filled_never_in_code(tmp_path: Path) -> None:
    text = ("# T\n\nBy {{ author }} for {{ guide.title }}; {{ cookiecutter.name }} and {{message}} stay; "
            "\\{{ title }} is literal; `{{ title }}` is code.\n\n```\n{{ title }}\n```\n")
    section, _ = load(tmp_path, text)
    assert text_of(section) == ("By Test Org for Test Guide; {{ cookiecutter.name }} and {{message}} stay; "
                                "{{ title }} is literal; {{ title }} is code.")
    assert blocks_of(section, m.CodeBlock)[0].text == "{{ title }}"


def test_an_unknown_name_in_our_namespaces_is_an_error_at_its_line(tmp_path: Path) -> None:
    with pytest.raises(ReportgenError) as caught:
        load(tmp_path, "# T\n\nOne line\nand {{ guide.nope }} here.\n")
    assert caught.value.source is not None and caught.value.source.line == 4


# --- tables ------------------------------------------------------------------------------------
def test_ragged_pipe_rows_follow_gfm_with_a_warning(tmp_path: Path) -> None:
    section, warnings = load(tmp_path, "# T\n\n| a | b |\n|---|---|\n| 1 | 2 | 3 |\n| 4 |\n")
    table = blocks_of(section, m.Table)[0]
    assert [[m.plain(c) for c in row] for row in table.rows] == [["1", "2"], ["4", ""]]
    assert len(warnings) == 2 and all("header 2" in w for w in warnings)


# --- ::: blocks --------------------------------------------------------------------------------
@pytest.mark.parametrize("opening, kind, title", [
    (":::{note}", "note", "Note"),
    (":::{warning} Mind the gap", "warning", "Mind the gap"),
    ('::: {.callout-tip title="Quarto tip"}', "tip", "Quarto tip"),
    ("::: {.callout-important}", "important", "Important"),
    (":::tip[Docusaurus title]", "tip", "Docusaurus title"),
    ("::: danger", "danger", "Danger"),
])
def test_admonitions_of_other_tools_are_callouts(tmp_path: Path, opening: str, kind: str, title: str) -> None:
    section, warnings = load(tmp_path, f"# T\n\n{opening}\nInside **it**.\n:::\n")
    callout = blocks_of(section, m.Callout)[0]
    assert (callout.kind, callout.title, m.plain(callout.blocks[0].runs)) == (kind, title, "Inside it.")
    assert warnings == []


def test_an_unknown_block_keeps_its_content_with_a_warning(tmp_path: Path) -> None:
    section, warnings = load(tmp_path, "# T\n\n::: {.panel-tabset}\n::: tab\nLeft.\n:::\n:::\n\nAfter.\n")
    assert "Left." in text_of(section) and "After." in text_of(section)
    assert any("'::: panel-tabset' is not a block reportgen knows" in w for w in warnings)


def test_myst_directive_options_are_not_text_and_an_argument_is_kept(tmp_path: Path) -> None:
    text = "# T\n\n:::{div}\n:class: framed\nTry it.\n:::\n\n:::{iframe} https://youtu.be/x\n:::\n"
    section, warnings = load(tmp_path, text)
    assert text_of(section) == "Try it. https://youtu.be/x"
    assert warnings == ["'::: iframe' is not a block reportgen knows; its content is kept as plain text (known: "
                        "notes, slides, callout, table, faq, columns, column and admonitions such as note, tip, "
                        "warning)"]


# --- images ------------------------------------------------------------------------------------
@pytest.mark.parametrize("written, name", [
    ("<my image.png>", "my image.png"),
    ("my%20image.png", "my image.png"),
    ("bilder/über.png", "bilder/über.png"),
    ("logo.png?raw=true", "logo.png"),
    ("/logo.png", "logo.png"),
])
def test_image_paths_as_real_documents_write_them(tmp_path: Path, written: str, name: str) -> None:
    section, warnings = load(tmp_path, f"# T\n\n![Alt]({written})\n", **{name: png()})
    figure = blocks_of(section, m.Figure)[0]
    assert figure.path is not None and figure.path.name == Path(name).name and warnings == []


def test_a_missing_image_is_a_warning_and_a_placeholder(tmp_path: Path) -> None:
    section, warnings = load(tmp_path, "# T\n\n![The chart](img/chart.png)\n")
    assert blocks_of(section, m.Figure) == [m.Figure(None, "The chart", section.blocks[0].source)]
    assert warnings == ["image 'img/chart.png' not found; check the path, relative to this file"]


def test_an_image_without_alt_text_is_named_by_its_file_or_left_out_if_remote(tmp_path: Path) -> None:
    section, warnings = load(tmp_path, "# T\n\n![](img/chart.png)\n\n![](https://x.org/logo.svg)\n")
    assert [(f.path, f.alt) for f in blocks_of(section, m.Figure)] == [(None, "chart.png")]
    assert len(warnings) == 2  # not found, remote


def test_a_row_of_badges_leaves_its_alt_texts_as_links(tmp_path: Path) -> None:
    text = "# T\n\n[![PyPI](https://b.io/p.svg)](https://pypi.org/x) [![CI](https://b.io/c.svg)](https://ci.x)\n"
    section, warnings = load(tmp_path, text)
    para = section.blocks[0]
    assert isinstance(para, m.Paragraph)
    assert [(r.text, r.link) for r in para.runs if r.text.strip()] == [("PyPI", "https://pypi.org/x"),
                                                                      ("CI", "https://ci.x")]
    assert len(warnings) == 2 and all(w.startswith("remote image") for w in warnings)


# --- raw HTML ----------------------------------------------------------------------------------
def test_html_header_of_a_readme(tmp_path: Path) -> None:
    text = """\
<!-- badges and logo -->
<div align="center">
  <picture>
    <source media="(prefers-color-scheme: dark)" srcset="dark.png">
    <img alt="Tool logo" src="logo.png" width="200">
  </picture>
  <h1>Tool</h1>
  <p><em>Fast</em> and <strong>small</strong>, with <code>x()</code>, <kbd>Ctrl</kbd>,
  H<sub>2</sub>O, E=mc<sup>2</sup><br>and <a href="https://x.org">a link</a>.</p>
</div>

Body text.
"""
    section, warnings = load(tmp_path, text, **{"logo.png": png()})
    assert section.title == "Tool"
    figure, para = section.blocks[0], section.blocks[1]
    assert isinstance(figure, m.Figure) and figure.width_px == 200 and figure.alt == "Tool logo"
    assert isinstance(para, m.Paragraph) and para.align == "center"
    marks = {r.text.strip(): r for r in para.runs}
    assert marks["Fast"].emph and marks["small"].strong and marks["x()"].code and marks["Ctrl"].code
    assert marks["2"].script in ("sub", "sup") and marks["a link"].link == "https://x.org"
    assert "\n" in m.plain(para.runs) and "<" not in text_of(section)
    assert warnings == []


def test_details_is_a_callout_titled_by_its_summary_with_markdown_inside(tmp_path: Path) -> None:
    text = "# T\n\n<details>\n<summary>More <b>info</b></summary>\n\n- one\n- two\n\n</details>\n\nAfter.\n"
    section, _ = load(tmp_path, text)
    callout = section.blocks[0]
    assert isinstance(callout, m.Callout) and callout.title == "More info"
    assert isinstance(callout.blocks[0], m.BulletList) and len(callout.blocks[0].items) == 2
    assert m.plain(section.blocks[1].runs) == "After."  # type: ignore[union-attr]


def test_html_lists_tables_headings_and_rules(tmp_path: Path) -> None:
    text = """\
# T

<h2 id="x">Sub <i>heading</i></h2>
<ul><li>one<li>two <b>bold</b></ul>
<ol start="3"><li>three</li></ol>
<hr>
<table>
  <thead><tr><th>Name<th>Value</tr></thead>
  <tbody><tr><td>a<td><code>1</code><tr><td>b</tbody>
</table>
<blockquote>Quoted</blockquote>
<pre>  code
    kept</pre>
"""
    section, _ = load(tmp_path, text)
    kinds = [type(b).__name__ for b in section.blocks]
    assert kinds == ["Heading", "BulletList", "BulletList", "Rule", "Table", "Quote", "CodeBlock"]
    heading, bullets, ordered, _, table, _, code = section.blocks
    assert m.plain(heading.runs) == "Sub heading" and heading.anchor.endswith("sub-heading")  # type: ignore
    assert [m.plain(i.blocks[0].runs) for i in bullets.items] == ["one", "two bold"]  # type: ignore
    assert ordered.ordered and ordered.start == 3  # type: ignore[union-attr]
    assert [[m.plain(c) for c in r] for r in (table.header, *table.rows)] == \
        [["Name", "Value"], ["a", "1"], ["b", ""]]  # type: ignore[union-attr]
    assert code.text == "  code\n    kept"  # type: ignore[union-attr]


def test_unknown_tags_are_dropped_their_text_kept_with_one_warning(tmp_path: Path) -> None:
    section, warnings = load(tmp_path, "# T\n\n<x-card>One</x-card> and <x-card>two</x-card> <!-- gone -->\n")
    assert text_of(section) == "One and two"
    assert warnings == ["HTML tag <x-card> is not used by reportgen; its text is kept"]


def test_script_and_style_vanish_video_is_named(tmp_path: Path) -> None:
    text = "# T\n\n<style>p {color: red}</style>\n<video src=\"v.mp4\">Your browser</video>\n\nText.\n"
    section, warnings = load(tmp_path, text)
    assert text_of(section) == "Text."
    assert warnings == ["HTML <video> is not shown in the handout or the deck"]


# --- GitHub's Markdown -------------------------------------------------------------------------
def test_task_lists_alerts_strikethrough_autolinks_footnotes_definitions_emoji(tmp_path: Path) -> None:
    text = """\
# T

- [ ] to do
- [x] done

> [!WARNING]
> Careful.

~~old~~ text at https://example.org :rocket: and a note[^n].

Term
: Its definition.

[^n]: The note.
"""
    section, _ = load(tmp_path, text)
    tasks = blocks_of(section, m.BulletList)[0]
    assert [i.checked for i in tasks.items] == [False, True]
    alert = blocks_of(section, m.Callout)[0]
    assert (alert.kind, alert.title) == ("warning", "Warning")
    para = section.blocks[2]
    assert isinstance(para, m.Paragraph)
    assert any(r.strike and r.text == "old" for r in para.runs)
    assert any(r.link == "https://example.org" for r in para.runs)
    assert "\U0001f680" in m.plain(para.runs)
    assert any(r.script == "sup" and r.text == "1" for r in para.runs)
    term, definition = section.blocks[3], section.blocks[4]
    assert isinstance(term, m.Paragraph) and all(r.strong for r in term.runs)
    assert isinstance(definition, m.BulletList) and not definition.marked
    notes = section.blocks[-1]
    assert isinstance(notes, m.Footnotes) and notes.items[0].label == "1"


# --- links inside the document -----------------------------------------------------------------
def test_links_to_headings_and_section_files_resolve_to_anchors(tmp_path: Path) -> None:
    diag = Diagnostics()
    a = "# Alpha\n\n[Install](#install), [B's part](b.md#part-two), [B](b.md), [gone](#nowhere)\n\n## Install\n"
    b = "# Beta\n\n## Part two\n\n## Part two\n\nBack to [alpha](a.md#install).\n"
    doc = load_document(write_content(tmp_path, {"a.md": a, "b.md": b}), diag)
    alpha, beta = doc.sections
    links = [r.link for r in alpha.blocks[0].runs if r.text.strip(", ")]  # type: ignore[union-attr]
    heads = {m.plain(h.runs): h.anchor for h in blocks_of(alpha, m.Heading) + blocks_of(beta, m.Heading)}
    assert links == [f"#{heads['Install']}", f"#{blocks_of(beta, m.Heading)[0].anchor}", f"#{beta.anchor}", None]
    assert len({h.anchor for h in blocks_of(beta, m.Heading)}) == 2  # a repeated heading gets "-1"
    assert [w.message for w in diag.warnings] == ["link '#nowhere' matches no heading in this document; its text "
                                                  "is kept"]
