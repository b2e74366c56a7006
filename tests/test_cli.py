"""The command line: exit codes, the exact one-line errors, and nothing written on failure."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pypdf
from click.testing import CliRunner

from reportgen import __version__
from reportgen.cli import cli

from .conftest import REPO, write_content

GOOD = {"a.md": "# Alpha\n\n- one\n- two\n"}


def test_build_writes_both_files_and_prints_their_paths(runner: CliRunner, tmp_path: Path) -> None:
    content = write_content(tmp_path, GOOD)
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(content), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [str(out / "test-guide.pdf"), str(out / "test-guide.pptx")]
    assert (out / "test-guide.pdf").read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in out.iterdir()) == ["test-guide.pdf", "test-guide.pptx"]


def test_format_selects_one_output(runner: CliRunner, tmp_path: Path) -> None:
    content = write_content(tmp_path, GOOD)
    result = runner.invoke(cli, ["build", str(content), "-o", str(tmp_path / "o"), "-f", "pptx"])
    assert result.exit_code == 0
    assert [p.name for p in (tmp_path / "o").iterdir()] == ["test-guide.pptx"]


def test_check_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    content = write_content(tmp_path, GOOD)
    result = runner.invoke(cli, ["check", str(content)])
    assert result.exit_code == 0
    assert result.stdout == f"ok: 1 sections in {content}\n"
    assert sorted(p.name for p in content.iterdir()) == ["a.md", "guide.yml"]


def test_missing_section_file_is_one_line_with_file_and_line(runner: CliRunner, tmp_path: Path) -> None:
    content = write_content(tmp_path, GOOD, guide="title: T\nsections:\n  - a.md\n  - missing.md\n")
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(content), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {content / 'guide.yml'}:4: section file 'missing.md' not found; check the name or create the file\n"
    )
    assert not out.exists()


def test_failed_build_keeps_the_previous_outputs(runner: CliRunner, tmp_path: Path) -> None:
    content = write_content(tmp_path, GOOD)
    out = tmp_path / "out"
    assert runner.invoke(cli, ["build", str(content), "-o", str(out)]).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (content / "a.md").write_text("# Alpha\n\n::: notes\nnever closed\n", encoding="utf-8")
    result = runner.invoke(cli, ["build", str(content), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {content / 'a.md'}:3: '::: notes' block is never closed; add a line ':::' after its content\n"
    )
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_debug_shows_a_traceback(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["--debug", "build", str(tmp_path / "nowhere"), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "Traceback" in result.stderr and result.stderr.rstrip().splitlines()[-1].startswith("error: ")


def test_usage_errors_keep_clicks_exit_code(runner: CliRunner, tmp_path: Path) -> None:
    content, out = write_content(tmp_path, GOOD), tmp_path / "out"
    result = runner.invoke(cli, ["build", str(content), "-o", str(out), "--format", "docx"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == ("Error: Invalid value for '-f' / '--format': 'docx' is not one of "
                                              "'pdf', 'pptx', 'slides-pdf', 'handout', 'all'.")
    assert not out.exists()  # the same command with -f pdf creates it
    assert runner.invoke(cli, ["build", str(content), "-o", str(out), "--format", "pdf"]).exit_code == 0
    assert [p.name for p in out.iterdir() if not p.name.startswith(".")] == ["test-guide.pdf"]


def test_version_and_help_with_examples(runner: CliRunner) -> None:
    assert runner.invoke(cli, ["--version"]).stdout == f"reportgen, version {__version__}\n"
    for command in (["--help"], ["build", "--help"], ["check", "--help"]):
        result = runner.invoke(cli, command)
        assert result.exit_code == 0 and "Example" in result.stdout


def test_warnings_go_to_stderr_and_strict_fails(runner: CliRunner, tmp_path: Path) -> None:
    content = write_content(tmp_path, {"a.md": "# A\n\n![Chart](https://x.org/c.png)\n"})
    warning = (f"warning: {content / 'a.md'}:3: remote image 'https://x.org/c.png' is not fetched; "
               "its alt text is shown instead\n")
    result = runner.invoke(cli, ["build", str(content), "-o", str(tmp_path / "o"), "-f", "pdf"])
    assert result.exit_code == 0 and result.stderr == warning
    result = runner.invoke(cli, ["build", str(content), "-o", str(tmp_path / "s"), "--strict"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {content / 'a.md'}:3: remote image")
    assert not (tmp_path / "s").exists()


def test_the_installed_command_flushes_output_and_keeps_exit_codes(tmp_path: Path) -> None:
    """``main`` leaves without tearing the interpreter down: nothing printed may be lost."""
    content = write_content(tmp_path, GOOD)
    env = {**os.environ, "PYTHONPATH": str(REPO)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "reportgen", *args], capture_output=True, text=True, env=env)

    ok = run("build", str(content), "-o", str(tmp_path / "o"), "-f", "pdf")
    assert (ok.returncode, ok.stdout, ok.stderr) == (0, f"{tmp_path / 'o' / 'test-guide.pdf'}\n", "")
    bad = run("build", str(tmp_path / "missing"))
    assert bad.returncode == 1 and bad.stdout == ""
    assert bad.stderr.startswith("error: ") and bad.stderr.count("\n") == 1
    assert run("no-such-command").returncode == 2


def test_one_markdown_file_builds_as_it_is(runner: CliRunner, tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("Some intro.\n\n## Install\n\nRun it.\n", encoding="utf-8")
    result = runner.invoke(cli, ["build", str(readme), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["readme.pdf", "readme.pptx"]
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(tmp_path / "out" / "readme.pdf").pages)
    assert "README" in text and "Install" in text and "Run it." in text


def test_command_line_values_become_typed_build_options(tmp_path: Path) -> None:
    from typing import get_type_hints

    from reportgen.build import BuildOptions
    from reportgen.cli import _options
    from reportgen.errors import Diagnostics

    assert get_type_hints(_options, localns={"BuildOptions": BuildOptions})["return"] is BuildOptions
    options = _options(tmp_path, tmp_path / "o", "pdf", None, None, ("event.venue=Berlin",), True, False,
                       Diagnostics(), template=tmp_path / "t.pptx", force=True)
    assert options == BuildOptions(content_dir=tmp_path, out_dir=tmp_path / "o", formats=("pdf",),
                                   event={"venue": "Berlin"}, strict=True, template=tmp_path / "t.pptx", force=True)


def test_debug_after_the_command_name_shows_a_traceback_too(runner: CliRunner, tmp_path: Path) -> None:
    for args in (["build", str(tmp_path / "nowhere"), "--debug"], ["check", "--debug", str(tmp_path / "nowhere")],
                 ["template", "check", str(tmp_path / "no.pptx"), "--debug"]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 1, args
        assert "Traceback" in result.stderr and result.stderr.rstrip().splitlines()[-1].startswith("error: ")
    result = runner.invoke(cli, ["build", str(tmp_path / "nowhere")])
    assert "Traceback" not in result.stderr


def test_batch_does_not_offer_event(runner: CliRunner, tmp_path: Path) -> None:
    assert "--event" not in runner.invoke(cli, ["batch", "--help"]).stdout
    result = runner.invoke(cli, ["batch", str(tmp_path), "--event", "e.yml", "a.yml"])
    assert result.exit_code == 2 and "No such option '--event'" in result.stderr


def test_check_takes_the_format_and_the_template(runner: CliRunner, tmp_path: Path) -> None:
    content = write_content(tmp_path, GOOD)
    result = runner.invoke(cli, ["check", str(content), "-f", "pptx", "--template", str(tmp_path / "corp.pptx")])
    assert result.exit_code == 1
    assert result.stderr == f"error: {tmp_path / 'corp.pptx'}: template not found; check the --template path\n"
    from pptx import Presentation

    Presentation().save(str(tmp_path / "corp.pptx"))
    result = runner.invoke(cli, ["check", str(content), "-f", "pptx", "--template", str(tmp_path / "corp.pptx")])
    assert (result.exit_code, result.stdout) == (0, f"ok: 1 sections in {content}\n")
