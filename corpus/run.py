"""Build every prepared corpus document with reportgen and measure what came out.

    python corpus/run.py [--only ID,...] [-j N] [--overflow] [--audit] [--timeout S]

Each document is built by the ``reportgen`` of the running Python environment, in a
subprocess as a user would run it (``reportgen build DIR --out corpus/out/<id> --force``),
so that crashes, exit codes and stderr are observed exactly as a user sees them. Then the
handout is measured (see ``measure.py`` and ``README.md``) and, on request, the deck.

A full run writes ``corpus/RESULTS.md`` (the baseline kept in git) and
``corpus/out/results.json`` (everything, including stderr). A run with ``--only`` writes
``corpus/out/RESULTS.md`` instead, so that a partial run never replaces the baseline.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import measure
from manifest import CORPUS, DOCS, OUT, Document, load_manifest, select

REPO = CORPUS.parent
OVERFLOW_TOOL = REPO.parent / "shared" / "tools" / "pptx_overflow.py"
# The environment's own reportgen, run from a folder without a reportgen/ package in it:
# `python -m` from the checkout would import the checkout's code, whatever is installed.
REPORTGEN = [sys.executable, "-m", "reportgen"]
TRACEBACK = "Traceback (most recent call last)"
_FRAME = re.compile(r'File "[^"]*/reportgen/([^"]+)", line (\d+), in (\S+)')
_LOCATION = re.compile(r"^(error|warning): (?:\S.*?:\d+: |\S+?: )?")


@dataclass
class Options:
    timeout: float
    overflow: bool
    audit: bool
    overflow_tool: Path
    qpdf: str | None


@dataclass
class Result:
    """Everything known about one document's build; ``results.json`` holds these as they are."""

    id: str
    tag: str
    script: str
    package: str
    version: str
    file: str
    exit: int | str = "-"  # an int, or "timeout" / "not prepared"
    traceback: bool = False
    error: str = ""  # the error line, or a traceback's last line
    traceback_at: str = ""  # the innermost reportgen frame of a traceback
    failure_kind: str = ""
    warnings: int = 0
    warning_kinds: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    stderr_tail: str = ""
    pages: int | None = None
    html_printed: int | None = None
    html_examples: list[str] = field(default_factory=list)
    coverage: float | None = None
    source_words: int | None = None
    missing_words: list[tuple[str, int]] = field(default_factory=list)
    off_page: int | None = None
    off_page_examples: list[str] = field(default_factory=list)
    right_margin: int | None = None
    right_margin_examples: list[str] = field(default_factory=list)
    qpdf: str = ""
    slides: int | None = None
    slide_issues: int | None = None
    slide_issue_examples: list[str] = field(default_factory=list)
    overflow_error: str = ""
    audit_errors: int | None = None
    audit_examples: list[str] = field(default_factory=list)
    pdfua: int | None = None  # PDF/UA-1 violations in the handout (tests/pdfua_check.py)
    pdfua_examples: list[str] = field(default_factory=list)
    layout: int | None = None  # findings of tests/layout_check.py (stranded headings, lone lines, …)
    layout_kinds: dict[str, int] = field(default_factory=dict)
    layout_examples: list[str] = field(default_factory=list)
    measure_error: str = ""


def kind_of(line: str) -> str:
    """A failure or warning message with its specifics masked, so that like groups with like."""
    text = _LOCATION.sub("", line.strip())
    text = re.sub(r"(\S+ \(U\+[0-9A-F]+\)\s*)+", "<characters> ", text).rstrip()  # missing glyphs, by name
    text = re.sub(r"'[^']*'|\"[^\"]*\"|`[^`]*`", "'…'", text)
    text = re.sub(r"0x[0-9a-fA-F]+", "0x…", text)
    text = re.sub(r"\d+(\.\d+)?", "N", text)
    return text.split("; ")[0].strip()[:140]


def exception_line(traceback: str) -> str:
    """The exception of a traceback, as one line: the text after the last frame's source lines.

    Not simply the last line: reportlab annotates exceptions with lines of its own.
    """
    lines = traceback.splitlines()
    frames = [i for i, ln in enumerate(lines) if ln.startswith('  File "')]
    rest = lines[frames[-1] + 1 :] if frames else lines[1:]
    message = [ln.strip() for ln in rest if ln.strip() and not ln.startswith("    ")]
    return " ".join(message)[:300] or "Traceback"


def read_stderr(result: Result, stderr: str) -> None:
    """Fill in the traceback flag, the error line and the warnings from reportgen's stderr.

    Paths are shown relative to the prepared documents' folder: shorter, and the same on
    every machine.
    """
    stderr = stderr.replace(str(DOCS) + os.sep, "")
    lines = stderr.splitlines()
    result.traceback = TRACEBACK in stderr
    warnings = [ln for ln in lines if ln.startswith("warning:")]
    result.warnings = len(warnings)
    result.warning_kinds = dict(Counter(kind_of(w) for w in warnings).most_common())
    if result.traceback:
        result.error = exception_line(stderr[stderr.rindex(TRACEBACK):])
        frames = _FRAME.findall(stderr[stderr.rindex(TRACEBACK):])
        result.traceback_at = f"reportgen/{frames[-1][0]}:{frames[-1][1]} in {frames[-1][2]}" if frames else ""
        name, _, message = result.error.partition(":")
        result.failure_kind = f"traceback {name}: {kind_of(message)}"
    else:
        errors = [ln for ln in lines if ln.startswith("error:")]
        if errors:
            result.error = errors[0]
            result.failure_kind = kind_of(errors[0])
    result.stderr_tail = "\n".join(lines[-40:])


def build(doc: Document, opts: Options, result: Result) -> None:
    """Run ``reportgen build`` in its own process group, so a timeout ends all its processes."""
    if doc.out_dir.exists():
        shutil.rmtree(doc.out_dir)  # measure this build's files, never a previous one's
    doc.out_dir.mkdir(parents=True)
    cmd = [*REPORTGEN, "build", str(doc.content_dir), "--out", str(doc.out_dir), "--force"]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=doc.out_dir, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        _, stderr = proc.communicate(timeout=opts.timeout)
        result.exit = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        _, stderr = proc.communicate()
        result.exit = "timeout"
        result.failure_kind = f"timeout after {opts.timeout:.0f} s"
    result.seconds = round(time.perf_counter() - start, 2)
    read_stderr(result, stderr)


def measure_pdf(doc: Document, pdf_path: Path, opts: Options, result: Result) -> None:
    source = measure.read_source(doc.markdown.read_text(encoding="utf-8-sig", errors="replace"))
    pdf = measure.read_pdf(pdf_path)
    result.pages = pdf.pages
    printed = measure.html_printed(pdf, source)
    result.html_printed, result.html_examples = printed.count, printed.examples
    cov = measure.coverage(source, pdf)
    result.coverage, result.source_words, result.missing_words = round(cov.percent, 2), cov.source_words, cov.missing
    off = measure.off_page(pdf_path)
    result.off_page, result.off_page_examples = off.outside, off.outside_examples
    result.right_margin, result.right_margin_examples = off.right_margin, off.margin_examples
    result.qpdf = measure.qpdf_check(pdf_path, opts.qpdf)
    pdfua = measure.pdfua_violations(pdf_path)
    result.pdfua, result.pdfua_examples = len(pdfua), [v[:160] for v in pdfua[: measure.EXAMPLES]]
    findings = measure.layout_findings(pdf_path)
    result.layout, result.layout_examples = len(findings), [str(f)[:120] for f in findings[: measure.EXAMPLES]]
    result.layout_kinds = dict(Counter(f.kind for f in findings))


def measure_deck(deck: Path, opts: Options, result: Result) -> None:
    """Slide count always; LibreOffice overflow and openxml-audit when asked (both are slow)."""
    from pptx import Presentation

    result.slides = len(Presentation(str(deck)).slides)
    if opts.overflow:
        cmd = [sys.executable, str(opts.overflow_tool), str(deck), "--json"]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=max(opts.timeout, 1800))
        if proc.returncode in (0, 1):
            report = json.loads(proc.stdout)
            result.slide_issues = len(report["issues"])
            result.slide_issue_examples = [
                f"slide {i['slide']}: {i['kind']} {i['shape']} by {i['by_pt']} pt: {i['text'][:60]!r}"
                for i in report["issues"][: measure.EXAMPLES]
            ]
        else:
            result.overflow_error = (proc.stderr.strip().splitlines() or [f"exit {proc.returncode}"])[-1]
    if opts.audit:
        audit = Path(sys.executable).with_name("openxml-audit")
        exe = str(audit) if audit.exists() else shutil.which("openxml-audit") or "openxml-audit"
        proc = subprocess.run([exe, "-o", "json", "-m", "0", str(deck)], capture_output=True, text=True, timeout=600)
        try:
            report = json.loads(proc.stdout)[0]
            result.audit_errors = int(report["error_count"])
            result.audit_examples = [json.dumps(e)[:160] for e in report["errors"][: measure.EXAMPLES]]
        except (ValueError, LookupError, TypeError):
            result.measure_error += f"openxml-audit: {(proc.stderr or proc.stdout).strip()[-200:]} "


def run_one(doc: Document, opts: Options) -> Result:
    """Build and measure one document; a measuring failure is recorded, never raised."""
    result = Result(doc.id, doc.tag, doc.script, doc.package, doc.version, doc.file)
    if not (doc.markdown.is_file() and (doc.content_dir / "guide.yml").is_file()):
        result.exit = "not prepared"
        result.failure_kind = "not prepared (run corpus/fetch.py)"
        return result
    build(doc, opts, result)
    if result.exit != 0:
        return result
    pdf, deck = doc.out_dir / f"{doc.id}.pdf", doc.out_dir / f"{doc.id}.pptx"
    try:
        if pdf.is_file():
            measure_pdf(doc, pdf, opts, result)
        if deck.is_file():
            measure_deck(deck, opts, result)
    except Exception as exc:  # a PDF that cannot be measured is itself a finding: keep going
        result.measure_error += f"{type(exc).__name__}: {exc}"
    return result


# ---------------------------------------------------------------- report


def _cell(value: Any, fmt: str = "{}") -> str:
    return "–" if value is None else fmt.format(value)


def table(results: list[Result], opts: Options) -> str:
    head = ["id", "tag", "exit", "traceback", "warnings", "HTML printed", "coverage %", "off page", "layout",
            "PDF/UA", "slide issues", "time s", "pages"]
    if opts.audit:
        head.append("audit errors")
    rows = ["| " + " | ".join(head) + " |", "|" + "|".join("---" if i < 2 else "---:" for i in range(len(head))) + "|"]
    for r in results:
        slide = _cell(r.slide_issues) if not r.overflow_error else "tool error"
        cov = _cell(r.coverage, "{:.1f}") + ("" if r.script == "latin" or r.coverage is None else f" ({r.script})")
        cells = [r.id, r.tag, str(r.exit), "**yes**" if r.traceback else "no", str(r.warnings),
                 _cell(r.html_printed), cov, _cell(r.off_page), _cell(r.layout), _cell(r.pdfua),
                 slide if opts.overflow else "–",
                 f"{r.seconds:.1f}", _cell(r.pages)]
        if opts.audit:
            cells.append(_cell(r.audit_errors))
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def summary(results: list[Result], opts: Options) -> dict[str, Any]:
    built = [r for r in results if r.exit == 0]
    latin = [r.coverage for r in built if r.script == "latin" and r.coverage is not None]
    return {
        "documents": len(results),
        "built": len(built),
        "failed_with_error": sum(1 for r in results if r.exit == 1 and not r.traceback),
        "tracebacks": sum(1 for r in results if r.traceback),
        "timeouts": sum(1 for r in results if r.exit == "timeout"),
        "with_html_printed": sum(1 for r in built if r.html_printed),
        "html_tags_printed": sum(r.html_printed or 0 for r in built),
        "coverage_latin_min": round(min(latin), 1) if latin else None,
        "coverage_latin_median": round(statistics.median(latin), 1) if latin else None,
        "latin_at_99": sum(1 for c in latin if c >= 99.0),
        "latin_built": len(latin),
        "off_page_chars": sum(r.off_page or 0 for r in built),
        "with_off_page": sum(1 for r in built if r.off_page),
        "right_margin_chars": sum(r.right_margin or 0 for r in built),
        "qpdf_not_ok": sum(1 for r in built if r.qpdf not in ("ok", "n/a", "")),
        "pdfua": sum(r.pdfua or 0 for r in built),
        "with_pdfua": sum(1 for r in built if r.pdfua),
        "layout": sum(r.layout or 0 for r in built),
        "with_layout": sum(1 for r in built if r.layout),
        "layout_kinds": dict(sum((Counter(r.layout_kinds) for r in built), Counter())),
        "slide_issues": sum(r.slide_issues or 0 for r in built) if opts.overflow else None,
        "decks_with_slide_issues": sum(1 for r in built if r.slide_issues) if opts.overflow else None,
        "audit_errors": sum(r.audit_errors or 0 for r in built) if opts.audit else None,
        "warnings": sum(r.warnings for r in results),
        "seconds": round(sum(r.seconds for r in results), 1),
    }


def summary_text(s: dict[str, Any]) -> str:
    lines = [
        f"- documents: {s['documents']}; built: {s['built']}; failed with an error message: "
        f"{s['failed_with_error']}; **tracebacks: {s['tracebacks']}**; timeouts: {s['timeouts']}",
        f"- HTML printed as text: {s['with_html_printed']} of {s['built']} built documents "
        f"({s['html_tags_printed']} tags)",
        f"- word coverage, Latin-script documents built ({s['latin_built']}): min {_cell(s['coverage_latin_min'])}%, "
        f"median {_cell(s['coverage_latin_median'])}%; at 99% or more: {s['latin_at_99']}",
        f"- characters off the page: {s['off_page_chars']} in {s['with_off_page']} documents "
        f"(in the last 20 pt of the right margin: {s['right_margin_chars']})",
        f"- qpdf --check not clean: {s['qpdf_not_ok']}",
        f"- PDF/UA-1 violations in the tagged handout (`tests/pdfua_check.py`): {s['pdfua']} in {s['with_pdfua']} "
        "documents",
        f"- layout findings (`tests/layout_check.py`): {s['layout']} in {s['with_layout']} documents"
        + (" (" + ", ".join(f"{k}: {n}" for k, n in sorted(s["layout_kinds"].items())) + ")" if s["layout"] else ""),
        f"- slide issues (pptx_overflow): {_cell(s['slide_issues'])}"
        + (f" in {s['decks_with_slide_issues']} decks" if s["slide_issues"] is not None else " (not run: --overflow)"),
    ]
    if s["audit_errors"] is not None:
        lines.append(f"- openxml-audit errors: {s['audit_errors']}")
    lines.append(f"- warnings: {s['warnings']}; build time, all documents: {s['seconds']} s")
    return "\n".join(lines)


def failure_kinds(results: list[Result]) -> str:
    groups: dict[str, list[Result]] = {}
    for r in results:
        if r.failure_kind:
            groups.setdefault(r.failure_kind, []).append(r)
    if not groups:
        return "None."
    out = []
    for kind, rs in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        example = rs[0]
        where = f" at {example.traceback_at}" if example.traceback_at else ""
        out.append(f"- {len(rs)} × `{kind}` — e.g. {example.id}: `{example.error or example.exit}`{where}"
                   + (f" (also: {', '.join(r.id for r in rs[1:])})" if len(rs) > 1 else ""))
    return "\n".join(out)


def warning_kinds(results: list[Result]) -> str:
    total: Counter[str] = Counter()
    docs: Counter[str] = Counter()
    for r in results:
        total.update(r.warning_kinds)
        docs.update(r.warning_kinds.keys())
    if not total:
        return "None."
    return "\n".join(f"- {n} × in {docs[k]} documents: `{k}`" for k, n in total.most_common(15))


def details(results: list[Result]) -> str:
    """Per document, the evidence behind its numbers: what printed, what went missing."""
    out = []
    for r in results:
        lines = []
        if r.html_examples:
            lines.append("HTML printed: " + "; ".join(f"`{e}`" for e in r.html_examples))
        if r.missing_words and r.coverage is not None and r.coverage < 99.5:
            lines.append("missing words: " + ", ".join(f"{w} ({n})" for w, n in r.missing_words))
        if r.off_page_examples:
            lines.append("off page: " + "; ".join(f"`{e}`" for e in r.off_page_examples))
        if r.pdfua_examples:
            lines.append("PDF/UA: " + "; ".join(f"`{e}`" for e in r.pdfua_examples))
        if r.layout_examples:
            lines.append("layout: " + "; ".join(f"`{e}`" for e in r.layout_examples))
        if r.slide_issue_examples:
            lines.append("slides: " + "; ".join(f"`{e}`" for e in r.slide_issue_examples))
        for problem in (r.overflow_error, r.measure_error):
            if problem:
                lines.append(f"measuring: `{problem.strip()}`")
        if r.qpdf not in ("ok", "n/a", ""):
            lines.append(f"qpdf: {r.qpdf}")
        if lines:
            out.append(f"- **{r.id}**: " + "<br>".join(lines))
    return "\n".join(out) or "None."


def environment() -> dict[str, str]:
    """Which reportgen was measured: its version, where it was imported from, its commit."""

    def run(cmd: list[str], cwd: Path = OUT) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, timeout=60).stdout.strip()
        except OSError:
            return ""

    OUT.mkdir(parents=True, exist_ok=True)
    where = Path(run([sys.executable, "-c", "import reportgen; print(reportgen.__file__)"]) or ".").parent
    if where == REPO / "reportgen":
        # the commit that last changed reportgen, not HEAD: corpus commits do not change results
        commit = run(["git", "log", "-1", "--format=%h", "--", "reportgen", "pyproject.toml"], REPO)
        dirty = run(["git", "status", "--porcelain", "--", "reportgen"], REPO)
        code = f"code at commit {commit}" + (" with uncommitted changes" if dirty else "")
    else:
        code = f"installed at {where}"
    return {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "reportgen": run([*REPORTGEN, "--version"]),
        "code": code,
        "python": platform.python_version(),
    }


def report(results: list[Result], opts: Options, env: dict[str, str], subset: bool) -> str:
    s = summary(results, opts)
    return "\n\n".join([
        "# Corpus results" + (" (subset)" if subset else ""),
        f"{env['reportgen']} ({env['code']}), Python {env['python']}, {env['date']}. "
        "Generated by `python corpus/run.py" + (" --overflow" if opts.overflow else "")
        + (" --audit" if opts.audit else "") + "`; the measures are explained in [README.md](README.md).",
        "## Summary", summary_text(s),
        "## Documents", table(results, opts),
        "## Failure kinds", failure_kinds(results),
        "## Warning kinds", warning_kinds(results),
        "## Details", details(results),
    ]) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", help="comma-separated document ids (default: all)")
    ap.add_argument("-j", "--jobs", type=int, default=2, help="documents built at once (default 2)")
    ap.add_argument("--overflow", action="store_true", help="check each deck with pptx_overflow.py (slow)")
    ap.add_argument("--audit", action="store_true", help="validate each deck with openxml-audit")
    ap.add_argument("--timeout", type=float, default=600, help="seconds allowed for one build (default 600)")
    ap.add_argument("--overflow-tool", type=Path, default=OVERFLOW_TOOL, help="path of pptx_overflow.py")
    args = ap.parse_args()
    if args.overflow and not args.overflow_tool.is_file():
        ap.error(f"{args.overflow_tool} not found (give --overflow-tool)")
    if args.overflow and not shutil.which("soffice"):
        ap.error("--overflow needs LibreOffice's soffice on PATH")
    docs = select(load_manifest(), args.only)
    opts = Options(args.timeout, args.overflow, args.audit, args.overflow_tool, shutil.which("qpdf"))
    env = environment()

    results: dict[str, Result] = {}
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {pool.submit(run_one, doc, opts): doc for doc in docs}
        for done, future in enumerate(as_completed(futures), 1):
            r = future.result()
            results[r.id] = r
            state = "traceback" if r.traceback else f"exit {r.exit}"
            print(f"[{done}/{len(docs)}] {r.id}: {state}, {r.seconds:.1f} s", file=sys.stderr, flush=True)
    ordered = [results[d.id] for d in docs]

    subset = bool(args.only)
    text = report(ordered, opts, env, subset)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "RESULTS.md" if subset else CORPUS / "RESULTS.md").write_text(text, encoding="utf-8")
    payload = {"environment": env, "options": {k: str(v) for k, v in vars(args).items()},
               "summary": summary(ordered, opts), "documents": [asdict(r) for r in ordered]}
    (OUT / "results.json").write_text(json.dumps(payload, indent=1, ensure_ascii=False), encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
