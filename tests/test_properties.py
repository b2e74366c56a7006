"""Property tests: random content and random brands either build and read back, or fail
with the project's own error. ``HYPOTHESIS_PROFILE=long pytest tests/test_properties.py``
runs many more examples than CI does."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pypdf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pptx import Presentation

from reportgen.brand import load_theme
from reportgen.errors import Diagnostics, ReportgenError
from reportgen.load import load_document
from reportgen.render.deck.planner import plan_slides
from reportgen.render.handout.story import render_pdf
from reportgen.render.pptx.writer import render_pptx

from .test_slide_plan import THEMES, documents

settings.register_profile("ci", max_examples=40, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("long", max_examples=1000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Markdown-ish lines: real syntax, syntax gone wrong, markup-looking text, ~10% non-ASCII.
text = st.text(st.sampled_from(list("abcdefghij klmnop") + list("éßΩж中😀") + list("<>&*_`|:{}#-![]()\\")),
               max_size=40)
line = st.one_of(
    text,
    st.builds(lambda t: f"# {t}", text),
    st.builds(lambda t: f"## {t}", text),
    st.builds(lambda t: f"- {t}", text),
    st.builds(lambda t: f"  - {t}", text),
    st.builds(lambda t: f"1. {t}", text),
    st.builds(lambda t: f"> {t}", text),
    st.builds(lambda a, b: f"| {a} | {b} |", text, text),
    st.just("|---|---|"),
    st.sampled_from(["::: notes", "::: slides", "::: faq", "::: callout Tip", ":::", "::: table t.yml",
                     "::: nonsense", "```", "---", "![alt](missing.png)", "![alt](https://x.org/a.png)",
                     "{{ title }}", "{{ event.nope }}", "<b>bold</b> & <font>", "### Question?", ""]),
)
markdown = st.lists(line, max_size=25).map("\n".join)

# Raw HTML as READMEs write it, balanced or not, among Markdown and plain words.
TAGS = ["p", "div", "b", "i", "em", "strong", "code", "kbd", "sub", "sup", "a", "img", "br", "hr", "h1", "h3",
        "ul", "li", "ol", "table", "tr", "td", "th", "details", "summary", "picture", "source", "pre", "span",
        "center", "blockquote", "x-widget", "video", "script", "dl", "dt", "dd", "thead", "tbody"]
attributes = st.sampled_from(['', ' align="center"', ' href="https://x.org"', ' src="missing.png" alt="Alt"',
                              ' src="https://x.org/b.svg" alt="Badge" width="120"', ' name="top"', ' style="x"'])
tag = st.one_of(st.builds(lambda t, a: f"<{t}{a}>", st.sampled_from(TAGS), attributes),
                st.builds(lambda t: f"</{t}>", st.sampled_from(TAGS)),
                st.just("<!-- a comment -->"))
plain_words = st.text(st.sampled_from(list("abcdefghij klmnopé中") + ["*", "_", "`", ":", "#", "-"]), max_size=20)
html_line = st.lists(st.one_of(tag, plain_words), min_size=1, max_size=8).map("".join)
html_markdown = st.lists(st.one_of(html_line, line, st.just("")), max_size=25).map("\n".join)


@given(body=markdown, front=st.sampled_from(["", "---\ntitle: T\n---\n", "---\ntitle: [\n---\n",
                                             "---\nbogus: 1\n---\n"]))
def test_loader_raises_only_its_own_error(tmp_path_factory: object, body: str, front: str) -> None:
    root = tmp_path_factory.mktemp("md")  # type: ignore[attr-defined]
    (root / "guide.yml").write_text("title: Random\nsections: [a.md]\n", encoding="utf-8")
    (root / "t.yml").write_text("header: [a, b]\nrows:\n  - [1, 2]\n", encoding="utf-8")
    (root / "a.md").write_text(front + body, encoding="utf-8")
    try:
        doc = load_document(root, Diagnostics())
    except ReportgenError as exc:
        assert exc.source is not None and exc.format_message()
        return
    assert doc.sections and doc.sections[0].title


def _texts(doc: object) -> list[str]:
    """The text a reader sees outside code: paragraphs, headings, cells, titles, alt texts."""
    from reportgen import model as m

    out = []
    for section in doc.sections:  # type: ignore[attr-defined]
        out.append(section.title)
        for block in m.walk(section.blocks):
            runs = list(getattr(block, "runs", ()))
            if isinstance(block, m.Table):
                runs = [r for row in (block.header, *block.rows) for cell in row for r in cell]
            out += [r.text for r in runs if not r.code]
            if isinstance(block, m.Figure):
                out.append(block.alt)
    return out


def _load_random(root: Path, body: str) -> object | None:
    """The document of one random section, or None where the loader's own error stops it
    (an unclosed '::: notes', an unknown '{{ event.x }}')."""
    (root / "guide.yml").write_text("title: Random\nsections: [a.md]\n", encoding="utf-8")
    (root / "t.yml").write_text("header: [a, b]\nrows:\n  - [1, 2]\n", encoding="utf-8")
    (root / "a.md").write_text(body, encoding="utf-8")
    try:
        return load_document(root, Diagnostics())
    except ReportgenError:
        return None


@given(body=html_markdown)
def test_no_html_tag_is_ever_left_in_the_text(tmp_path_factory: object, body: str) -> None:
    doc = _load_random(tmp_path_factory.mktemp("html"), body)  # type: ignore[attr-defined]
    for text in _texts(doc) if doc else []:
        assert not TAG_LEFT.search(text), text


# An HTML tag as CommonMark reads one (its attribute names start with a letter, "_" or ":"): text
# such as "<a {>" is not a tag, and stays as it is written, as GitHub shows it.
_ATTRIBUTE = r"""\s+[A-Za-z_:][-\w:.]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?"""
TAG_LEFT = re.compile(r"</?(%s)(?:%s)*\s*/?>|<!--" % ("|".join(TAGS), _ATTRIBUTE))


@settings(max_examples=15)
@given(body=html_markdown)
def test_random_markdown_with_html_renders_in_both_formats(tmp_path_factory: object, body: str) -> None:
    doc = _load_random(tmp_path_factory.mktemp("render"), body)  # type: ignore[attr-defined]
    if doc is None:
        return
    theme = THEMES[sorted(THEMES)[0]]
    assert render_pdf(doc, theme, Diagnostics()).startswith(b"%PDF")  # type: ignore[arg-type]
    assert len(Presentation(io.BytesIO(render_pptx(doc, theme, Diagnostics()))).slides) >= 3  # type: ignore[arg-type]


def _words(doc_text: str) -> set[str]:
    return {w for w in re.split(r"\s+", doc_text) if w}


@given(doc=documents(), theme_name=st.sampled_from(sorted(THEMES)))
def test_random_documents_render_and_read_back(doc: object, theme_name: str) -> None:
    theme = THEMES[theme_name]
    pdf = pypdf.PdfReader(io.BytesIO(render_pdf(doc, theme, Diagnostics())))  # type: ignore[arg-type]
    text = re.sub(r"\s+", "", " ".join(page.extract_text() or "" for page in pdf.pages))
    for section in doc.sections:  # type: ignore[attr-defined]
        for block in section.blocks:
            for run in getattr(block, "runs", ()):
                for word in run.text.split():
                    assert word in text
    deck = Presentation(io.BytesIO(render_pptx(doc, theme, Diagnostics())))  # type: ignore[arg-type]
    assert len(deck.slides) == len(plan_slides(doc, theme))  # type: ignore[arg-type]


colour = st.one_of(st.from_regex(r"#[0-9A-Fa-f]{6}", fullmatch=True),
                   st.sampled_from(["navy", "tomato", "blue", "nope", "#12345G", "primary", "rgb(1,2,3)"]),
                   st.text(max_size=8))
size = st.one_of(st.floats(min_value=-5, max_value=100, allow_nan=False), st.sampled_from(["12", "big", True]))


@given(primary=colour, secondary=colour, body=size, page=st.sampled_from(["A4", "Letter", "A5", 3]),
       notes=st.sampled_from(["fill", "page", "end", "none", True, "yes"]))
def test_random_brands_load_or_fail_cleanly(tmp_path_factory: object, primary: str, secondary: str, body: object,
                                            page: object, notes: object) -> None:
    root: Path = tmp_path_factory.mktemp("brand")  # type: ignore[attr-defined]
    brand = root / "brand.yml"
    import json

    brand.write_text(
        f"color:\n  palette:\n    main: {json.dumps(primary)}\n  primary: main\n  secondary: {json.dumps(secondary)}\n"
        f"defaults:\n  reportgen:\n    body-size: {json.dumps(body)}\n    page-size: {json.dumps(page)}\n"
        f"    notes: {json.dumps(notes)}\n", encoding="utf-8")
    try:
        theme = load_theme(brand, Diagnostics())
    except ReportgenError as exc:
        assert exc.source is not None and exc.source.path == brand
        return
    assert all(0 <= c <= 255 for c in theme.colors.primary)
