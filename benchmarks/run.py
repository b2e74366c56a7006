"""Whole-process benchmarks for reportgen (and pandoc + typst for comparison).

    python benchmarks/run.py [--runs N] [--quick]

Every measurement is a separate process, started through a tiny Python wrapper
(WRAPPER below) that times the child with time.perf_counter and reads the child's
peak RSS from getrusage(RUSAGE_CHILDREN). The wrapper's own start-up is not counted.
A case made of several processes (pandoc then typst, 20 sequential builds) sums the
times and takes the largest peak. Results: a Markdown table on stdout and in
benchmarks/RESULTS.md. See benchmarks/README.md.
"""
from __future__ import annotations

import argparse
import csv
import datetime
import hashlib
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
PY = sys.executable
RG = [shutil.which("reportgen") or PY, *([] if shutil.which("reportgen") else ["-m", "reportgen"])]
WRAPPER = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter(); rc = subprocess.call(sys.argv[2:], stdout=subprocess.DEVNULL)\n"
    "t = time.perf_counter() - t; m = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "open(sys.argv[1], 'w').write(f'{t} {m} {rc}')\n"
)
MAXRSS_UNIT = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux


@dataclass
class Result:
    label: str
    times: list[float] = field(default_factory=list)
    peak_mb: float = 0.0

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def run_once(cmd: list[str]) -> tuple[float, float]:
    """Run one process through WRAPPER; return (wall seconds, peak RSS in MB). Fail loudly."""
    with tempfile.NamedTemporaryFile("r", suffix=".txt") as out:
        p = subprocess.run([PY, "-c", WRAPPER, out.name, *map(str, cmd)], stderr=subprocess.PIPE, text=True)
        t, rss, rc = out.read().split()
    if p.returncode or int(rc):
        sys.exit(f"command failed ({rc}): {' '.join(map(str, cmd))}\n{p.stderr}")
    return float(t), int(rss) * MAXRSS_UNIT / 2**20


def bench(label: str, cmds: list[list[str]], runs: int, warmup: bool = False) -> Result:
    """Run the command sequence `runs` times; each run's time is the sum over its processes."""
    if warmup:
        for c in cmds:
            run_once(c)
    r = Result(label)
    for _ in range(runs):
        timed = [run_once(c) for c in cmds]
        r.times.append(sum(t for t, _ in timed))
        r.peak_mb = max(r.peak_mb, *(m for _, m in timed))
    print(f"  {label:<34} median {r.median:7.3f} s  min {min(r.times):7.3f} s  {r.peak_mb:6.0f} MB", file=sys.stderr)
    return r


def byte_compile() -> None:
    """Compile reportgen's modules to .pyc, as pip does when it installs a wheel. An editable
    install run with PYTHONDONTWRITEBYTECODE=1 (set on some CI machines) would otherwise
    compile every module from source in every process, ~50 ms that no installed copy pays."""
    code = "import os, reportgen; print(os.path.dirname(reportgen.__file__))"
    py = Path(RG[0]).with_name("python")  # the Python that runs the reportgen command
    py = py if RG[0] != PY and py.exists() else Path(PY)
    package = subprocess.run([py, "-c", code], capture_output=True, text=True).stdout.strip()
    if package:
        subprocess.run([py, "-m", "compileall", "-q", package], check=False)


def has_option(subcommand: str, option: str) -> bool | None:
    """True/False: does `reportgen SUBCOMMAND --help` mention OPTION; None if the command fails."""
    p = subprocess.run([*RG, subcommand, "--help"], capture_output=True, text=True)
    return None if p.returncode else option in p.stdout


def load_yaml(path: Path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def make_scaled(src: Path, dest: Path, copies: int) -> Path:
    """Copy the content folder with guide.yml listing `copies` renamed copies of every section."""
    shutil.copytree(src, dest)
    guide = load_yaml(src / "guide.yml")
    sections = []
    for i in range(1, copies + 1):
        for name in guide["sections"]:
            new = f"c{i:03d}-{name}"
            shutil.copy(src / name, dest / new)
            sections.append(new)
    guide["sections"] = sections
    yaml = YAML()
    with open(dest / "guide.yml", "w", encoding="utf-8") as f:
        yaml.dump(guide, f)
    return dest


def pipe_table(path: Path, caption: str) -> str:
    """A `::: table` data file (YAML or CSV) as a GFM pipe table with a pandoc `: caption` line."""
    if path.suffix.lower() == ".csv":
        rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
        header, body = rows[0], rows[1:]
    else:
        data = load_yaml(path)
        header, body, caption = data["header"], data["rows"], caption or data.get("caption", "")
    cell = lambda v: str(v if v is not None else "").replace("|", r"\|").replace("\n", " ")
    lines = ["| " + " | ".join(map(cell, header)) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(map(cell, row)) + " |" for row in body]
    return "\n".join(lines) + (f"\n\n: {caption}" if caption else "") + "\n"


def export_markdown(content: Path, out: Path) -> Path:
    """Concatenate guide.yml's sections into ONE pandoc Markdown file (simple, not a full parser).

    Front matter is dropped; `::: slides` and `::: notes` blocks are dropped (deck-only text that
    the handout never prints; pandoc would print notes in the PDF); `::: table F` becomes a pipe
    table; `::: callout T` a blockquote headed **T**; `::: faq` loses its fence markers; {{ key }}
    placeholders take guide.yml values. Fences are assumed not to nest.
    """
    guide = load_yaml(content / "guide.yml")
    meta = {k: str(guide[k]) for k in ("title", "subtitle", "author", "date") if k in guide}
    parts = ["---\n" + "".join(f"{k}: \"{v}\"\n" for k, v in meta.items()) + "---\n"]
    for name in guide["sections"]:
        text = (content / name).read_text(encoding="utf-8")
        text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
        text = re.sub(r"\{\{\s*([\w.]+)\s*\}\}", lambda m: meta.get(m.group(1), ""), text)
        out_lines, block, arg, body = [], None, "", []
        for line in text.splitlines():
            m = re.match(r"^:::\s*(\w+)\s*(.*)$", line)
            if block is None and m:
                block, arg, body = m.group(1), m.group(2).strip(), []
            elif block is not None and line.strip() == ":::":
                if block == "table":
                    out_lines.append(pipe_table((content / name).parent / arg, " ".join(body).strip()))
                elif block == "callout":
                    out_lines += ([f"> **{arg}**", ">"] if arg else []) + [f"> {b}" for b in body]
                elif block not in ("slides", "notes"):
                    out_lines += body
                block = None
            elif block is not None:
                body.append(line)
            else:
                out_lines.append(line)
        parts.append("\n".join(out_lines).strip() + "\n")
    out.write_text("\n".join(parts), encoding="utf-8")
    return out


def pandoc_path() -> str | None:
    """pandoc from pypandoc-binary (or pypandoc's lookup), else PATH; None when unavailable."""
    try:
        import pypandoc
        return pypandoc.get_pandoc_path()
    except Exception:
        return shutil.which("pandoc")


def code_version() -> str:
    """HEAD commit, plus a digest of uncommitted changes to reportgen/ (others edit it meanwhile)."""
    git = lambda *a: subprocess.run(["git", *a], cwd=ROOT, capture_output=True, text=True).stdout
    head, diff = git("rev-parse", "--short", "HEAD").strip(), git("diff", "HEAD", "--", "reportgen")
    return head + (f"+dirty:{hashlib.sha1(diff.encode()).hexdigest()[:8]}" if diff else "") or "unknown"


def machine_header() -> str:
    cpu = "unknown"
    if Path("/proc/cpuinfo").exists():
        m = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
        cpu = m.group(1) if m else cpu
    ver = subprocess.run([*RG, "--version"], capture_output=True, text=True).stdout.strip()
    return (f"- Date: {datetime.datetime.now().isoformat(timespec='seconds')}\n"
            f"- Machine: {platform.platform()}; CPU: {cpu}; cores: {os.cpu_count()}\n"
            f"- Python {platform.python_version()}; {ver or 'reportgen ?'}; code {code_version()}\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="runs per measurement (default 5)")
    ap.add_argument("--quick", action="store_true", help="smoke test: 1 run, 10x instead of 50x, 6 events")
    a = ap.parse_args()
    runs, scale, n_events = (1, 10, 6) if a.quick else (a.runs, 50, 20)
    byte_compile()
    force = ["--force"] if has_option("build", "--force") else []
    notes, res, version = [], {}, code_version()
    if not force:
        notes.append("`build --force` not available: each build goes to a fresh folder instead.")
    tmp = Path(tempfile.mkdtemp(prefix="rg-bench-"))
    counter = iter(range(10**9))
    fresh = lambda: tmp / f"o{next(counter)}"  # unique output folder (matters when --force is missing)
    try:
        dirs = {1: CONTENT, scale: make_scaled(CONTENT, tmp / f"content-{scale}x", scale)}
        print("reportgen:", file=sys.stderr)
        res["help"] = bench("reportgen --help", [[*RG, "--help"]], runs, warmup=True)
        for k, d in dirs.items():
            for fmt in ("all", "pdf", "pptx"):
                res[f"rg {fmt} {k}"] = bench(f"reportgen -f {fmt} ({k}x)",
                                             [[*RG, "build", d, "-o", fresh(), "-f", fmt, *force]], runs, warmup=k == 1)
        same = fresh()
        run_once([*RG, "build", CONTENT, "-o", same])
        res["rebuild"] = bench("rebuild, nothing changed (1x)", [[*RG, "build", CONTENT, "-o", same]], runs)

        batch_ok = has_option("batch", "--jobs") is not None
        evdir = tmp / "events"; evdir.mkdir()
        events = []
        for i in range(1, n_events + 1):
            e = evdir / f"e{i:02d}.yml"
            e.write_text(f"name: Event {i}\ndate: 2026-03-{i:02d}\nvenue: Venue {i}\ninstructor: Instructor {i}\n")
            events.append(e)
        out = fresh()
        res["seq"] = bench(f"{n_events} builds one after another",
                           [[*RG, "build", CONTENT, "--event", e, "-o", out / e.stem, *force] for e in events], runs)
        if batch_ok:
            bforce = ["--force"] if has_option("batch", "--force") else []
            res["batch"] = bench(f"batch of {n_events}", [[*RG, "batch", CONTENT, *events, "-o", fresh(), *bforce]], runs)
        else:
            notes.append("`reportgen batch --help` failed: batch not measured.")

        pandoc = pandoc_path()
        try:
            import typst  # noqa: F401
        except ImportError:
            pandoc = None
        if pandoc:
            print("pandoc + typst:", file=sys.stderr)
            for k, d in dirs.items():
                md, o = export_markdown(d, tmp / f"guide-{k}x.md"), tmp / f"pandoc-{k}x"
                pptx = [pandoc, md, "-o", f"{o}.pptx"]
                typ = [pandoc, md, "-t", "typst", "-s", "-o", f"{o}.typ"]
                pdf = [PY, "-c", f"import typst; typst.compile({str(o) + '.typ'!r}, output={str(o) + '.pdf'!r})"]
                res[f"pd pptx {k}"] = bench(f"pandoc pptx ({k}x)", [pptx], runs, warmup=True)
                res[f"pd pdf {k}"] = bench(f"pandoc typst + typst pdf ({k}x)", [typ, pdf], runs, warmup=True)
                res[f"pd all {k}"] = bench(f"pandoc both ({k}x)", [pptx, typ, pdf], runs, warmup=True)
        else:
            notes.append("pandoc/typst not found (`pip install pypandoc-binary typst`): comparison skipped.")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if code_version() != version:
        notes.append(f"reportgen's code changed during the run ({version} → {code_version()}): re-run.")
    report(res, runs, scale, n_events, notes)


def report(res: dict[str, Result], runs: int, scale: int, n_events: int, notes: list[str]) -> None:
    """Print the results table and the targets; write both to RESULTS.md."""
    rows = ["| measurement | median s | min s | peak MB | ratio |", "|---|---:|---:|---:|---:|"]
    for key, r in res.items():
        ratio = ""
        if key.startswith("rg ") and (p := res.get(key.replace("rg ", "pd "))):
            ratio = f"{r.median / p.median:.2f}× pandoc"
        if key == "batch":
            ratio = f"{res['seq'].median / r.median:.2f}× faster"
        rows.append(f"| {r.label} | {r.median:.3f} | {min(r.times):.3f} | {r.peak_mb:.0f} | {ratio} |")
    med = lambda k: res[k].median if k in res else float("nan")
    ok = lambda b: "✅" if b else "❌"
    t = []
    for k in (1, scale):
        if f"pd all {k}" in res:
            q = med(f"rg all {k}") / med(f"pd all {k}")
            t.append(f"| both outputs ≤ pandoc's both ({k}x) | ratio {q:.2f} | {ok(q <= 1.0)} |")
    t.append(f"| `--help` < 0.25 s | {med('help'):.3f} s | {ok(med('help') < 0.25)} |")
    peak = max(res[f"rg {f} {scale}"].peak_mb for f in ("all", "pdf", "pptx"))
    t.append(f"| peak memory < 300 MB ({scale}x) | {peak:.0f} MB | {ok(peak < 300)} |")
    if "batch" in res:
        s = med("seq") / med("batch")
        t.append(f"| batch of {n_events} ≥ 1.7× faster than sequential | {s:.2f}× | {ok(s >= 1.7)} |")
    t.append(f"| no-change rebuild < 0.3 s | {med('rebuild'):.3f} s | {ok(med('rebuild') < 0.3)} |")
    for f in ("all", "pdf", "pptx"):
        per_unit = med(f"rg {f} {scale}") / scale / med(f"rg {f} 1")
        marginal = (med(f"rg {f} {scale}") - med(f"rg {f} 1")) / (scale - 1)
        t.append(f"| linearity `-f {f}`: time per copy at {scale}x / time at 1x | {per_unit:.2f} "
                 f"(marginal {marginal:.3f} s/copy vs 1x {med(f'rg {f} 1'):.3f} s) | {ok(per_unit <= 1.0)} |")
    text = (f"# reportgen benchmark results\n\n{machine_header()}- Runs per measurement: {runs}; "
            f"scale: {scale}x; events: {n_events}\n\n" + "\n".join(rows) +
            "\n\n## Targets\n\n| target | measured | met |\n|---|---|---|\n" + "\n".join(t) + "\n" +
            "".join(f"\nNote: {n}\n" for n in notes))
    print(text)
    RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
