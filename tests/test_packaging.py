"""What the tests need is what ``pip install -e '.[test]'`` brings, so ``.ci/run`` installs nothing else."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys

import pytest

from .conftest import REPO


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _modules_the_tests_import() -> set[str]:
    found = set()
    for path in (REPO / "tests").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
            elif (isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "find_spec"
                  and node.args and isinstance(node.args[0], ast.Constant)):
                found.add(str(node.args[0].value).split(".")[0])  # optional tools a test looks for
    return {m for m in found if m not in sys.stdlib_module_names and m not in ("reportgen", "tests", "__future__")}


def test_the_test_extra_brings_every_library_the_tests_import() -> None:
    tomllib = pytest.importorskip("tomllib")
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    specs = project["dependencies"] + extras["test"]
    for extra in re.findall(r"^reportgen\[([\w,]+)\]$", "\n".join(extras["test"]), re.M):  # the test extra's own
        specs += [spec for name in extra.split(",") for spec in extras[name]]
    declared = {_normal(re.split(r"[\[<>=!~; ]", spec, maxsplit=1)[0]) for spec in specs}
    dists = importlib.metadata.packages_distributions()
    missing = sorted(m for m in _modules_the_tests_import() if not {_normal(d) for d in dists.get(m, [m])} & declared)
    assert missing == []


def test_ci_installs_the_test_extra_and_nothing_besides() -> None:
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    installs = [line.split() for line in script.splitlines() if "pip install" in line and "--upgrade pip" not in line]
    assert installs and all(words[-1] == "'.[test]'" for words in installs), installs
