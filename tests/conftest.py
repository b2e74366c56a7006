"""Shared fixtures: a CLI runner, tiny content folders, and one build of the default guide."""

from __future__ import annotations

import os
import tempfile
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

from reportgen.build import BuildOptions, build
from reportgen.errors import Diagnostics

# Property tests draw the same examples on every run (a green main stays green); to search new
# ones, as before resolving an issue that touches loading or rendering:
#   HYPOTHESIS_PROFILE=explore pytest -k "properties or slide_plan"
settings.register_profile("default", derandomize=True, deadline=None)  # speed is benchmarked, not asserted
settings.register_profile("explore", derandomize=False, deadline=None, max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# Builds remember their inputs and themes in the user's cache; the tests use one of their own.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="reportgen-test-cache-")

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
SEED = REPO.parent / "shared" / "seed" / "000_17996f4f6083ab31.txt"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def write_content(root: Path, files: dict[str, str | bytes], guide: str | None = None) -> Path:
    """A content folder with ``guide.yml`` listing the ``.md`` files given (unless ``guide``)."""
    content = root / "content"
    content.mkdir(parents=True, exist_ok=True)
    sections = [name for name in files if name.endswith(".md")]
    if guide is None:
        guide = "title: Test Guide\nauthor: Test Org\nsections:\n" + "".join(f"  - {s}\n" for s in sections)
    (content / "guide.yml").write_text(guide, encoding="utf-8")
    for name, text in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
    return content


def build_to(content: Path, out: Path, formats: tuple[str, ...] = ("pdf", "pptx"), **kw: object) -> list[Path]:
    return build(BuildOptions(content, out, formats, **kw), Diagnostics())  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def guide_build(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The default guide built once for all output tests."""
    out = tmp_path_factory.mktemp("guide")
    paths = build_to(CONTENT, out)
    return {p.suffix[1:]: p for p in paths}
