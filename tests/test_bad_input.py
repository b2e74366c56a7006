"""A corpus of bad input: every case fails with exit code 1, one exact error line, and no output.

Each case is data: the files to write, the extra command-line arguments, and the one line
expected on stderr, written as (file relative to the test folder, line or None, message).
``run_case`` sets up the folder and checks the promises shared by all cases: exit code 1
through a ``ReportgenError`` (not a crash), the exact ``error: <file>[:<line>]: …`` line,
no traceback, and nothing written (the output folder is not created, and files that
existed before are byte-identical, with no ``*.tmp`` left beside them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import cli

from .conftest import build_to, write_content

GOOD = {"a.md": "# Alpha\n\nText.\n"}
TABLE = "# Alpha\n\n::: table {}\n:::\n"  # a section including the data table file given
FONT = "typography:\n  fonts:\n    - family: Brand Sans\n      source: file\n      files:\n        - path: {}\n"
YAML_HINT = "check the indentation and quote values that contain ':' or '#'"
UNCLOSED_HINT = "close the bracket or quote opened on this line"
DATE_HINT = "write it as YYYY-MM-DD, or quote it to keep it as text"
COLOUR_HINT = "use a hex code like '#1F4E79', a palette name, or a CSS colour name"
STRICT, STRICT_ARGS = "; --strict turns warnings into errors", ("--strict",)  # a warning made an error


@dataclass(frozen=True)
class Bad:
    """One bad input and the single error line it must produce."""

    where: str  # the file the error names, relative to the test folder
    line: int | None  # its 1-based line, or None when the error is about the whole file
    message: str  # what follows 'error: <file>[:<line>]: '
    files: dict[str, str | bytes] = field(default_factory=lambda: dict(GOOD))  # content folder files
    guide: str | None = None  # guide.yml text (default: lists the .md files)
    brand: str | None = None  # written to brand.yml and passed with --brand
    event: str | None = None  # written to event.yml and passed with --event
    args: tuple[str, ...] = ()  # more command-line arguments; '{root}' is the test folder
    prepare: Callable[[Path, Path], None] | None = None  # (test folder, content folder) → more setup
    out: str = "out"  # the output folder, relative to the test folder
    prebuilt: bool = False  # build good content into the output folder first


def run_case(root: Path, case: Bad) -> tuple[list[str], str]:
    """Write the case's files under ``root``; return the CLI arguments and the expected stderr line."""
    out = root / case.out
    if case.prebuilt:
        build_to(write_content(root, GOOD), out)
    content = write_content(root, case.files, case.guide)
    args = ["build", str(content), "-o", str(out), *(a.format(root=root) for a in case.args)]
    if case.brand is not None:
        (root / "brand.yml").write_text(case.brand, encoding="utf-8")
        args += ["--brand", str(root / "brand.yml")]
    if case.event is not None:
        (root / "event.yml").write_text(case.event, encoding="utf-8")
        args += ["--event", str(root / "event.yml")]
    if case.prepare is not None:
        case.prepare(root, content)
    where = f"{root / case.where}:{case.line}" if case.line else str(root / case.where)
    return args, f"error: {where}: {case.message}\n"


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every file (with its bytes) and folder under ``root``."""
    return {str(p.relative_to(root)): p.read_bytes() if p.is_file() else None for p in sorted(root.rglob("*"))}


# --- setups that data alone cannot express ----------------------------------------------

def remove_guide(root: Path, content: Path) -> None:
    (content / "guide.yml").unlink()


def huge_png(root: Path, content: Path) -> None:
    from PIL import Image

    Image.new("1", (8000, 6000)).save(content / "big.png")  # 48 MP, a few KB on disk


def woff_font(root: Path, content: Path) -> None:
    (root / "brand.woff").write_bytes(b"wOFF\x00\x01\x00\x00" + bytes(40))


def out_is_a_file(root: Path, content: Path) -> None:
    (root / "out").write_text("not a folder\n", encoding="utf-8")


def out_under_a_file(root: Path, content: Path) -> None:
    (root / "file").write_text("a file, so no folder can be made below it\n", encoding="utf-8")


def content_folder_missing(root: Path, content: Path) -> None:
    for path in content.iterdir():
        path.unlink()
    content.rmdir()


CASES = [
    # --- guide.yml -------------------------------------------------------------------------
    pytest.param(Bad("content/guide.yml", None, "no guide.yml in the content folder; "
                     "create it with a 'title:' and a 'sections:' list of Markdown files",
                     prepare=remove_guide), id="guide-missing"),
    pytest.param(Bad("content", None, "content folder not found; pass the folder holding guide.yml, or a Markdown file",
                     prepare=content_folder_missing), id="content-folder-missing"),
    pytest.param(Bad("content/guide.yml", 1, "invalid YAML: mapping values are not allowed here; "
                     "put a value containing ': ' in quotes",
                     guide="title: Intro: the basics\nsections:\n  - a.md\n"), id="guide-invalid-yaml"),
    pytest.param(Bad("content/guide.yml", 2, f"invalid YAML: expected ',' or ']', but got '<stream end>'; "
                     f"{UNCLOSED_HINT}", guide="title: T\nsections: [a.md\n"), id="guide-unclosed-bracket"),
    pytest.param(Bad("content/guide.yml", 1, "guide.yml must be a mapping with 'title' and 'sections'; "
                     "see the README", guide="- a.md\n"), id="guide-not-a-mapping"),
    pytest.param(Bad("content/guide.yml", 2, "unknown key 'sectons' in guide.yml; did you mean 'sections'?",
                     guide="title: T\nsectons:\n  - a.md\n"), id="guide-unknown-key"),
    pytest.param(Bad("content/guide.yml", 1, "guide.yml has no 'sections'; add a 'sections:' entry",
                     guide="title: T\n"), id="guide-without-sections"),
    pytest.param(Bad("content/guide.yml", 2, "'sections' must be a list of Markdown file names; "
                     "write one '- file.md' per line", guide="title: T\nsections: a.md\n"), id="sections-not-a-list"),
    pytest.param(Bad("content/guide.yml", 2, "'sections' must be a list of Markdown file names; "
                     "write one '- file.md' per line", guide="title: T\nsections:\n  - a.md\n  - 3\n"),
                 id="sections-not-strings"),
    pytest.param(Bad("content/guide.yml", 4, "section file 'b.md' not found; check the name or create the file",
                     guide="title: T\nsections:\n  - a.md\n  - b.md\n"), id="section-file-missing"),
    pytest.param(Bad("content/guide.yml", 4, "'../x.md' points outside the content folder; "
                     "move the file into the content folder or pass --allow-outside",
                     guide="title: T\nsections:\n  - a.md\n  - ../x.md\n"), id="section-outside-content"),
    pytest.param(Bad("content/guide.yml", 3, f"'2026-02-30' is not a valid date; {DATE_HINT}",
                     guide="title: T\nauthor: A\ndate: 2026-02-30\nsections:\n  - a.md\n"), id="guide-impossible-date"),
    pytest.param(Bad("content/guide.yml", 3, f"'2026-13-01 10:00:00' is not a valid date and time; {DATE_HINT}",
                     guide="title: T\nevent:\n  date: 2026-13-01 10:00:00\nsections:\n  - a.md\n"),
                 id="guide-event-impossible-date"),
    # --- section files ---------------------------------------------------------------------
    pytest.param(Bad("content/a.md", 1, "section file is empty: only its title (from the file name) is shown"
                     f"{STRICT}", files={"a.md": ""}, args=STRICT_ARGS), id="section-empty"),
    pytest.param(Bad("content/a.md", 3, "section file is binary, not text; expected UTF-8 text",
                     files={"a.md": b"# Alpha\n\n\x89PNG\x00\x00\n"}), id="section-binary"),
    pytest.param(Bad("content/a.md", 3, "not valid UTF-8 (byte 0xe9); save the file as UTF-8",
                     files={"a.md": "# Alpha\n\nCaf\u00e9 culture.\n".encode("latin-1")}), id="section-latin-1"),
    pytest.param(Bad("content/a.md", 2, f"invalid YAML: expected ',' or ']', but got '<stream end>'; {UNCLOSED_HINT}",
                     files={"a.md": "---\ntitle: [Alpha\n---\n\nText.\n"}), id="front-matter-invalid-yaml"),
    pytest.param(Bad("content/a.md", 3, "front matter key 'slide' not used by reportgen; did you mean 'slides'?"
                     f"{STRICT}",
                     files={"a.md": "---\ntitle: Alpha\nslide: false\n---\n\nText.\n"}, args=STRICT_ARGS),
                 id="front-matter-unknown-key"),
    pytest.param(Bad("content/a.md", 3, "'slides' must be true or false, not 'maybe'; write 'slides: false' to leave "
                     "the section out, or remove the line",
                     files={"a.md": "---\ntitle: Alpha\nslides: maybe\n---\n\nText.\n"}),
                 id="front-matter-bad-flag"),
    pytest.param(Bad("content/a.md", 2, "'title' must be text; write it on one line, e.g. title: Getting started",
                     files={"a.md": "---\ntitle: [Alpha, Beta]\n---\n\nText.\n"}), id="front-matter-title-list"),
    pytest.param(Bad("content/a.md", 3, f"'2026-02-30' is not a valid date; {DATE_HINT}",
                     files={"a.md": "---\ntitle: Alpha\ndate: 2026-02-30\n---\n\nText.\n"}),
                 id="front-matter-impossible-date"),
    pytest.param(Bad("content/a.md", 5, "'::: notes' block is never closed; add a line ':::' after its content",
                     files={"a.md": "# Alpha\n\nText.\n\n::: notes\nSay this.\n"}), id="notes-never-closed"),
    pytest.param(Bad("content/a.md", 3, "'::: foo' is not a block reportgen knows; its content is kept as plain text "
                     "(known: notes, slides, callout, table, faq, columns, column and admonitions such as note, tip, "
                     f"warning){STRICT}",
                     files={"a.md": "# Alpha\n\n::: foo\nText.\n:::\n"}, args=STRICT_ARGS), id="unknown-container"),
    pytest.param(Bad("content/a.md", 4, "an FAQ must start with a question; write each question as a '###' heading",
                     files={"a.md": "# Alpha\n\n::: faq\nAn answer first.\n\n### Why?\nBecause.\n:::\n"}),
                 id="faq-without-question"),
    pytest.param(Bad("content/a.md", 4, "question has no answer; add the answer below the question",
                     files={"a.md": "# Alpha\n\n::: faq\n### Why?\n\n### How?\nLike this.\n:::\n"}),
                 id="faq-question-without-answer"),
    pytest.param(Bad("content/a.md", 5, "unknown placeholder '{{ event.nope }}'; set it with --set nope=… or in the "
                     "--event file; known names: author, date, subtitle, title",
                     files={"a.md": "# Alpha\n\nText.\n\nWelcome to {{ event.nope }}.\n"}), id="unknown-placeholder"),
    # --- images ----------------------------------------------------------------------------
    pytest.param(Bad("content/a.md", 3, "image 'img/chart.png' not found; check the path, relative to this file"
                     f"{STRICT}",
                     files={"a.md": "# Alpha\n\n![Chart](img/chart.png)\n"}, args=STRICT_ARGS), id="image-missing"),
    pytest.param(Bad("content/a.md", 3, f"'x.png' is not an image; use one of: PNG, JPEG, GIF, BMP, TIFF, WEBP, SVG"
                     f"{STRICT}",
                     files={"a.md": "# Alpha\n\n![Chart](x.png)\n", "x.png": "just text\n"}, args=STRICT_ARGS),
                 id="image-not-an-image"),
    pytest.param(Bad("content/a.md", 3, "image 'chart.svg' cannot be read as SVG: it has no size; give the <svg> "
                     f"element a width and height, or a viewBox{STRICT}",
                     files={"a.md": "# Alpha\n\n![Chart](chart.svg)\n",
                            "chart.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>\n'}, args=STRICT_ARGS),
                 id="image-svg-without-size"),
    pytest.param(Bad("content/a.md", 3, "image 'big.png' is 8000×6000 pixels, over the 40-megapixel limit; "
                     f"scale it down{STRICT}", files={"a.md": "# Alpha\n\n![Big](big.png)\n"}, prepare=huge_png,
                     args=STRICT_ARGS), id="image-huge"),
    # --- tables ----------------------------------------------------------------------------
    pytest.param(Bad("content/a.md", 6, "row has 3 cells, the header 2: the cells past the header's were dropped"
                     f"{STRICT}",
                     files={"a.md": "# Alpha\n\n| a | b |\n|---|---|\n| 1 | 2 |\n| 1 | 2 | 3 |\n"},
                     args=STRICT_ARGS), id="pipe-table-ragged-row"),
    pytest.param(Bad("content/a.md", 5, f"row has 1 cell, the header 2: empty cells were added{STRICT}",
                     files={"a.md": "# Alpha\n\n| a | b |\n|---|---|\n| 1 |\n"}, args=STRICT_ARGS),
                 id="pipe-table-short-row"),
    pytest.param(Bad("content/t.yml", 5, "row has 1 cell, expected 2; add the missing cells",
                     files={"a.md": TABLE.format("t.yml"), "t.yml": "header: [a, b]\nrows:\n  - [1, 2]\n"
                            "  - [3, 4]\n  - [5]\n"}), id="yaml-table-ragged-row"),
    pytest.param(Bad("content/a.md", 3, "table file 't.yml' not found; check the path, relative to this file",
                     files={"a.md": TABLE.format("t.yml")}), id="yaml-table-missing"),
    pytest.param(Bad("content/t.txt", None, "unsupported table file type '.txt'; use .yml, .yaml or .csv",
                     files={"a.md": TABLE.format("t.txt"), "t.txt": "a,b\n1,2\n"}), id="table-unsupported-type"),
    pytest.param(Bad("content/t.csv", None, "table file is empty; add a header row and rows",
                     files={"a.md": TABLE.format("t.csv"), "t.csv": "\n\n"}), id="csv-empty"),
    pytest.param(Bad("content/t.csv", 3, "invalid CSV: unexpected end of data; "
                     "a quoted cell must end with '\"' before the next comma; write '\"\"' for a quote inside it",
                     files={"a.md": TABLE.format("t.csv"), "t.csv": 'a,b\n1,2\n3,"four\n5,6\n'}),
                 id="csv-unclosed-quote"),
    # --- brand -----------------------------------------------------------------------------
    pytest.param(Bad("nowhere/brand.yml", None, "brand file not found; check the path",
                     args=("--brand", "{root}/nowhere/brand.yml")), id="brand-file-missing"),
    pytest.param(Bad("brand.yml", 3, f"invalid YAML: expected the node content, but found '<stream end>'; "
                     f"{UNCLOSED_HINT}", brand="meta:\n  name: Acme\ncolor: [\n"), id="brand-invalid-yaml"),
    pytest.param(Bad("brand.yml", 2, "invalid YAML: mapping values are not allowed here; "
                     "put a value containing ': ' in quotes", brand="meta:\n  name: Acme: the company\n"),
                 id="brand-invalid-yaml-colon"),
    pytest.param(Bad("brand.yml", 1, "unknown key 'colour' in brand file; did you mean 'color'?",
                     brand="colour:\n  primary: red\n"), id="brand-unknown-key"),
    pytest.param(Bad("brand.yml", 2, f"'#12345G' is not a colour; {COLOUR_HINT}",
                     brand="color:\n  primary: '#12345G'\n"), id="brand-bad-hex-colour"),
    pytest.param(Bad("brand.yml", 3, f"'notacolor' is not a colour; {COLOUR_HINT}",
                     brand="color:\n  palette:\n    ink: notacolor\n  foreground: ink\n"),
                 id="brand-bad-palette-colour"),
    pytest.param(Bad("brand.yml", 3, "font file 'fonts/brand.ttf' not found; check the path",
                     brand=FONT.format("fonts/brand.ttf")), id="brand-font-missing"),
    pytest.param(Bad("brand.yml", 3, "font file 'brand.woff' is .woff; "
                     "only TrueType fonts (.ttf, or .otf with TrueType outlines) can be embedded",
                     brand=FONT.format("brand.woff"), prepare=woff_font), id="brand-font-woff"),
    pytest.param(Bad("brand.yml", 3, "unknown key 'page-sise' in defaults: reportgen; did you mean 'page-size'?",
                     brand="defaults:\n  reportgen:\n    page-sise: A4\n"), id="brand-unknown-setting"),
    pytest.param(Bad("brand.yml", 3, "'page-size' is 'A7'; use one of: A4, Letter",
                     brand="defaults:\n  reportgen:\n    page-size: A7\n"), id="brand-bad-page-size"),
    pytest.param(Bad("brand.yml", 3, "logo 'logos/acme.png' not found; check the path, relative to this file",
                     brand="meta:\n  name: Acme\nlogo: logos/acme.png\n"), id="brand-logo-missing"),
    # --- event file ------------------------------------------------------------------------
    pytest.param(Bad("nowhere/event.yml", None, "event file not found; check the path",
                     args=("--event", "{root}/nowhere/event.yml")), id="event-file-missing"),
    pytest.param(Bad("event.yml", 2, f"invalid YAML: expected the node content, but found '<stream end>'; "
                     f"{UNCLOSED_HINT}", event="name: Workshop\nvenue: [\n"), id="event-invalid-yaml"),
    pytest.param(Bad("event.yml", 2, "'venue' must be text; event values are single lines of text",
                     event="name: Workshop\nvenue:\n  city: Berlin\n"), id="event-nested-value"),
    pytest.param(Bad("event.yml", 2, f"'2026-02-30' is not a valid date; {DATE_HINT}",
                     event="name: Workshop\ndate: 2026-02-30\n"), id="event-impossible-date"),
    # --- command line and output -------------------------------------------------------------
    pytest.param(Bad("out", None, "output path is a file, not a folder; choose another --out",
                     prepare=out_is_a_file), id="output-is-a-file"),
    pytest.param(Bad("file/out", None, "cannot create the output folder: Not a directory; choose another --out",
                     out="file/out", prepare=out_under_a_file), id="output-under-a-file"),
    pytest.param(Bad("content/a.md", 3, "remote image 'https://x.org/c.png' is not fetched; its alt text is shown "
                     "instead; --strict turns warnings into errors",
                     files={"a.md": "# Alpha\n\n![Chart](https://x.org/c.png)\n"}, args=("--strict",)),
                 id="strict-warning"),
    # --- a previous build stays as it was ------------------------------------------------------
    pytest.param(Bad("content/a.md", 3, "image 'big.png' is 8000×6000 pixels, over the 40-megapixel limit; "
                     f"scale it down{STRICT}", files={"a.md": "# Alpha\n\n![Big](big.png)\n"}, prepare=huge_png,
                     prebuilt=True, args=STRICT_ARGS), id="prebuilt-image-huge"),
    pytest.param(Bad("brand.yml", 2, f"'#12345G' is not a colour; {COLOUR_HINT}",
                     brand="color:\n  primary: '#12345G'\n", prebuilt=True), id="prebuilt-brand-bad-colour"),
    pytest.param(Bad("content/a.md", 3, "remote image 'https://x.org/c.png' is not fetched; its alt text is shown "
                     "instead; --strict turns warnings into errors",
                     files={"a.md": "# Alpha\n\n![Chart](https://x.org/c.png)\n"}, args=("--strict",),
                     prebuilt=True), id="prebuilt-strict-warning"),
]


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_one_error_line_and_writes_nothing(runner: CliRunner, tmp_path: Path, case: Bad) -> None:
    root = tmp_path.resolve()  # the brand path is shown resolved; resolve once so every path matches
    args, expected = run_case(root, case)
    out = root / case.out
    out_existed = out.exists()
    before = snapshot(root)

    result = runner.invoke(cli, args)

    assert isinstance(result.exception, SystemExit), result.exception  # a ReportgenError, not a crash
    assert result.exit_code == 1
    assert result.stderr == expected
    assert "Traceback" not in result.output
    assert snapshot(root) == before  # nothing written, changed or left behind anywhere
    if not out_existed:
        assert not out.exists()
    elif out.is_dir():
        assert list(out.rglob("*.tmp")) == []


def test_the_corpus_is_large_and_its_ids_unique() -> None:
    ids = [p.id for p in CASES]
    assert len(ids) >= 32 and len(set(ids)) == len(ids)


def test_allow_outside_accepts_a_section_outside_the_content_folder(runner: CliRunner, tmp_path: Path) -> None:
    root = tmp_path.resolve()
    content = write_content(root, GOOD, guide="title: T\nsections:\n  - a.md\n  - ../x.md\n")
    (root / "x.md").write_text("# Outside\n\nShared text.\n", encoding="utf-8")
    out = root / "out"
    refused = runner.invoke(cli, ["build", str(content), "-o", str(out)])
    assert refused.exit_code == 1 and not out.exists()
    result = runner.invoke(cli, ["build", str(content), "-o", str(out), "--allow-outside"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [str(out / "t.pdf"), str(out / "t.pptx")]
    assert (out / "t.pdf").read_bytes().startswith(b"%PDF")


def test_check_reports_an_impossible_date(runner: CliRunner, tmp_path: Path) -> None:
    content = write_content(tmp_path, GOOD, guide="title: T\ndate: 2026-02-30\nsections:\n  - a.md\n")
    result = runner.invoke(cli, ["check", str(content)])
    assert result.exit_code == 1
    assert result.stderr == f"error: {content / 'guide.yml'}:2: '2026-02-30' is not a valid date; {DATE_HINT}\n"


def test_batch_reports_an_event_with_an_impossible_date_and_builds_the_others(runner: CliRunner,
                                                                               tmp_path: Path) -> None:
    content = write_content(tmp_path, GOOD)
    (tmp_path / "good.yml").write_text("name: Good\ndate: 2026-03-01\n", encoding="utf-8")
    (tmp_path / "bad.yml").write_text("name: Bad\ndate: 2026-02-30\n", encoding="utf-8")
    out = tmp_path / "o"
    result = runner.invoke(cli, ["batch", str(content), str(tmp_path / "good.yml"), str(tmp_path / "bad.yml"),
                                 "-o", str(out), "-f", "pdf"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[lines.index(next(x for x in lines if x.endswith("bad: FAILED"))) + 1] == \
        f"  error: {tmp_path / 'bad.yml'}:2: '2026-02-30' is not a valid date; {DATE_HINT}"
    assert lines[-2:] == ["1 built, 1 failed", "error: 1 of 2 events failed; see the errors above"]
    assert (out / "good" / "test-guide.pdf").is_file() and not (out / "bad").exists()


def crash(*args: object, **kwargs: object) -> list[Path]:
    raise ValueError("a bug in the build")


def test_batch_shows_a_crash_in_one_build_and_still_prints_its_summary(runner: CliRunner, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("reportgen.batch.build", crash)  # the forked builds inherit it
    content = write_content(tmp_path, GOOD)
    (tmp_path / "one.yml").write_text("name: One\n", encoding="utf-8")
    result = runner.invoke(cli, ["batch", str(content), str(tmp_path / "one.yml"), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "[1/1] one: FAILED"
    assert "  ValueError: a bug in the build" in lines  # the build's own traceback, from its process
    assert any(line.startswith("    File ") and line.endswith(", in crash") for line in lines)
    assert lines[-2:] == ["0 built, 1 failed", "error: 1 of 1 events failed; see the errors above"]
