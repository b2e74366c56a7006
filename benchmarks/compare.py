"""Whole-process build times of this checkout against an earlier revision, interleaved.

    python benchmarks/compare.py REV [-f pdf,slides-pdf,handout] [--runs 15] [--scaled-runs 5]

Checks REV out into a temporary git worktree and times ``reportgen build -f FMT --force`` on
the default guide (1×) and on 50 copies of it (50×, ``run.py``'s ``make_scaled``) with each
tree's code, one run of one after one run of the other, so that a machine's slow minute
falls on both. Prints the median of each and the change. Both trees run with this
environment's libraries, so only reportgen's own code differs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from run import make_scaled

REPO = Path(__file__).resolve().parent.parent


def build_time(tree: Path, content: Path, fmt: str, out: Path) -> float:
    code = f"import sys; sys.path.insert(0, {str(tree)!r}); from reportgen.cli import main; main()"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, "build", str(content), "-o", str(out), "-f", fmt, "--force"],
                   check=True, cwd=tree, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("rev", help="the revision to compare with (a commit, tag or branch)")
    ap.add_argument("-f", "--formats", default="pdf", help="comma-separated formats (default: pdf)")
    ap.add_argument("--runs", type=int, default=15, help="runs of each at 1x (default 15)")
    ap.add_argument("--scaled-runs", type=int, default=5, help="runs of each at 50x (default 5)")
    args = ap.parse_args()
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: with Python's bytecode cache
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "old"
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--quiet", "--detach", str(old), args.rev], check=True)
        try:
            scaled = make_scaled(REPO / "content", Path(tmp) / "scaled", 50)
            print(f"| | {args.rev} | this checkout | change |\n|---|---:|---:|---:|")
            for label, scale, runs in (("1x", None, args.runs), ("50x", scaled, args.scaled_runs)):
                for fmt in args.formats.split(","):
                    times: dict[Path, list[float]] = {old: [], REPO: []}
                    for _ in range(runs):
                        for tree in times:
                            times[tree].append(build_time(tree, scale or tree / "content", fmt, Path(tmp) / "out"))
                    before, after = statistics.median(times[old]), statistics.median(times[REPO])
                    print(f"| {label} `-f {fmt}` | {before:.3f} s | {after:.3f} s | {100 * (after / before - 1):+.1f} % |",
                          flush=True)
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(old)], check=True)


if __name__ == "__main__":
    main()
