"""How build time and memory grow with the content, and what a cold cache costs.

    python benchmarks/scale.py [--scales 1,50,100,200] [-f pdf,pptx] [--runs 1] [--cold-runs 5]

Times ``reportgen build -f FMT --force`` as whole processes on the default guide repeated
N times (``run.py``'s ``make_scaled``), with each process tree's peak memory (the build and its
render worker: ``os.wait4``'s ``ru_maxrss``), then the default guide with an empty cache (a CI
container, a new laptop: ``XDG_CACHE_HOME`` a fresh folder each run) against a warm one. Prints
a Markdown table and the ratios issue 22 asks about: 200× against 50× (at most 4.4×) and cold
against warm (at most 1.2×).
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
RG = [sys.executable, "-m", "reportgen"]


def run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Seconds and peak MB of one process tree."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(map(str, cmd))} failed with status {proc.returncode}")
    return seconds, usage.ru_maxrss / 1024  # format: Linux gives kilobytes


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scales", default="1,50,100,200", help="copies of the guide (default 1,50,100,200)")
    ap.add_argument("-f", "--formats", default="pdf,pptx", help="formats, each alone (default pdf,pptx)")
    ap.add_argument("--runs", type=int, default=1, help="runs per scaled build (default 1)")
    ap.add_argument("--cold-runs", type=int, default=5, help="runs of the cold and the warm build (default 5)")
    args = ap.parse_args()
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: with Python's bytecode cache
    formats, scales = args.formats.split(","), [int(s) for s in args.scales.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        times: dict[tuple[str, int], float] = {}
        print("| build | seconds | peak MB |\n|---|---:|---:|")
        for scale in scales:
            content = REPO / "content" if scale == 1 else make_scaled(REPO / "content", root / f"c{scale}", scale)
            for fmt in formats:
                results = [run([*RG, "build", str(content), "-o", str(root / "out"), "-f", fmt, "--force"])
                           for _ in range(args.runs)]
                seconds, memory = statistics.median(r[0] for r in results), max(r[1] for r in results)
                times[(fmt, scale)] = seconds
                print(f"| {scale}× `-f {fmt}` | {seconds:.2f} | {memory:.0f} |", flush=True)
        build = [*RG, "build", str(REPO / "content"), "-o", str(root / "out"), "--force"]
        cold = [run(build, {**os.environ, "XDG_CACHE_HOME": tempfile.mkdtemp(dir=tmp)})[0]
                for _ in range(args.cold_runs)]
        warm_cache = {**os.environ, "XDG_CACHE_HOME": tempfile.mkdtemp(dir=tmp)}
        run(build, warm_cache)
        warm = [run(build, warm_cache)[0] for _ in range(args.cold_runs)]
        print(f"| 1× all, cold cache | {statistics.median(cold):.2f} | |")
        print(f"| 1× all, warm cache | {statistics.median(warm):.2f} | |")
        print()
        for fmt in formats:
            if (fmt, 50) in times and (fmt, 200) in times:
                print(f"- `-f {fmt}`: 200× takes {times[(fmt, 200)] / times[(fmt, 50)]:.2f}× the time of 50×")
        print(f"- cold against warm: {statistics.median(cold) / statistics.median(warm):.2f}×")


if __name__ == "__main__":
    main()
