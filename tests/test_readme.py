"""The README's examples build as written."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pypdf
from click.testing import CliRunner
from PIL import Image

from reportgen.cli import cli

from .conftest import CONTENT, REPO

FENCE = re.compile(r"^(?P<fence>`{3,})(?P<lang>\S*)\n(?P<body>.*?)^(?P=fence)$", re.S | re.M)


def readme_blocks(title: str) -> list[tuple[str, str]]:
    """The fenced blocks (language, text) of a "## " section of the README, in order; a "## "
    line inside a fence (the section example's slide title) does not end the section."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    pos = text.index(f"\n## {title}\n") + len(title) + 5
    blocks = []
    for fenced in FENCE.finditer(text, pos):
        if re.search(r"^## ", text[pos:fenced.start()], re.M):
            break
        blocks.append((fenced["lang"], fenced["body"]))
        pos = fenced.end()
    return blocks


def test_the_content_format_example_builds_cleanly_even_strict(runner: CliRunner, tmp_path: Path) -> None:
    """The folder tree, guide.yml and section file of "The content format", as written; the
    data table and the image the section names are the repository's table and a chart."""
    blocks = readme_blocks("The content format")
    tree = next(body for lang, body in blocks if not lang and body.startswith("content/"))
    guide = next(body for lang, body in blocks if lang == "yaml" and "sections:" in body)
    section = next(body for lang, body in blocks if lang == "markdown")
    content = tmp_path / "content"
    for name in (line.split()[0] for line in tree.splitlines()[1:] if line.strip()):
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if name == "guide.yml":
            path.write_text(guide, encoding="utf-8")
        elif name.endswith(".md"):
            path.write_text(section, encoding="utf-8")
        elif name.startswith("tables/"):
            shutil.copyfile(CONTENT / "tables" / "comparison.yml", path)
        else:
            Image.new("RGB", (400, 240), (31, 122, 194)).save(path)
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(content), "-o", str(out), "--strict"])
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    assert sorted(p.name for p in out.iterdir()) == ["my-guide.pdf", "my-guide.pptx"]
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(out / "my-guide.pdf").pages)
    assert "Introduction" in text and "Spring Bootcamp" in text and "Berlin" in text
    assert runner.invoke(cli, ["check", str(content), "--strict"]).exit_code == 0


def _synopsis() -> dict[str, set[str]]:
    """Each command of the README's command-line synopsis and the options it shows."""
    block = readme_blocks("The command line")[0][1]
    commands: dict[str, set[str]] = {}
    name = ""
    for line in block.splitlines():
        if line.startswith("reportgen "):
            words = line.split()
            name = " ".join(w for w in words[1:3] if re.fullmatch(r"[a-z]+", w))
            commands[name] = set()
        commands[name] |= set(re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", line))
    return commands


def test_the_synopsis_shows_every_option_each_command_takes() -> None:
    import click

    synopsis = _synopsis()
    assert set(synopsis) == {"build", "check", "batch", "watch", "preview", "init", "template check", ""}
    for name, shown in synopsis.items():
        command: click.Command = cli
        for word in name.split():
            command = command.commands[word]  # type: ignore[attr-defined]
        params = [p for p in command.get_params(click.Context(command)) if isinstance(p, click.Option)]
        missing = [p.opts[0] for p in params if not {"--help", "--debug"} & set(p.opts) and not set(p.opts) & shown]
        unknown = shown - {opt for p in params for opt in (*p.opts, *p.secondary_opts)}
        assert (missing, unknown) == ([], set()), f"reportgen {name}"


def test_the_shell_completion_the_readme_shows_works(runner: CliRunner) -> None:
    section = "\n".join(body for _, body in readme_blocks("The command line"))
    assert 'eval "$(_REPORTGEN_COMPLETE=bash_source reportgen)"' in section
    script = runner.invoke(cli, [], prog_name="reportgen", env={"_REPORTGEN_COMPLETE": "bash_source"})
    assert script.exit_code == 0 and "complete -o nosort -F _reportgen_completion reportgen" in script.stdout
