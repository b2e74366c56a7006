"""The command line: Click wiring only. Each command calls into ``build``.

Heavy libraries (reportlab, python-pptx, brand-yml) are imported inside the commands, so
``reportgen --help`` starts fast.
"""

from __future__ import annotations

import sys
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from reportgen import __version__
from reportgen.errors import Diagnostics, ReportgenError, SourceRef

if TYPE_CHECKING:
    from reportgen.build import BuildOptions
    from reportgen.theme.template import TemplateInfo

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])
FORMAT_CHOICES = ("pdf", "pptx", "slides-pdf", "handout", "all")


def _run(ctx: click.Context, diag: Diagnostics, work: Callable[[], T]) -> T:
    """Run a command body: print warnings, and a traceback for errors only with --debug."""
    try:
        return work()
    except ReportgenError:
        if ctx.obj.get("debug"):
            traceback.print_exc()
        raise
    finally:
        for warning in diag.warnings:
            click.echo(f"warning: {warning}", err=True)


def _parse_sets(values: tuple[str, ...]) -> dict[str, str]:
    event: dict[str, str] = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"'{item}' is not key=value, e.g. --set venue=Berlin", param_hint="--set")
        event[key.strip().removeprefix("event.")] = value
    return event


def _options(content_dir: Path, out: Path, fmt: str, brand: Path | None, event_file: Path | None,
             sets: tuple[str, ...], strict: bool, allow_outside: bool, diag: Diagnostics, *,
             template: Path | None = None, force: bool = False) -> BuildOptions:
    """The command line's values as ``BuildOptions``: the event file read, ``--set`` values on top."""
    from reportgen.build import FORMATS, BuildOptions
    from reportgen.events import read_event

    event = read_event(event_file, diag) if event_file else {}
    event.update(_parse_sets(sets))
    return BuildOptions(content_dir=content_dir, out_dir=out, formats=FORMATS if fmt == "all" else (fmt,),
                        brand=brand, event=event, strict=strict, allow_outside=allow_outside,
                        template=template, force=force)


def _content_dir(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path:
    """CONTENT_DIR as given, else ``content/``, else the current folder if it holds guide.yml."""
    from reportgen.build import default_content_dir

    return value if value is not None else default_content_dir()


def _set_debug(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.ensure_object(dict)["debug"] = True


# --debug after the command name too (``reportgen build --debug``), as well as before it
debug_option = click.option("--debug", is_flag=True, expose_value=False, callback=_set_debug,
                            help="Show a traceback with errors.")


def format_option(help: str = "What to build: all = pdf + pptx; slides-pdf = the deck as PDF; handout = "
                  "printable slides.") -> Callable[[F], F]:
    return click.option("-f", "--format", "fmt", type=click.Choice(FORMAT_CHOICES), default="all",
                        show_default=True, help=help)


def content_options(*, event: bool = True) -> Callable[[F], F]:
    """The options every command that reads content shares. ``event=False`` leaves out
    ``--event``, for ``batch``, which takes its event files as arguments."""
    decorators = [
        click.argument("content_dir", type=click.Path(path_type=Path), required=False, callback=_content_dir),
        click.option("--brand", type=click.Path(path_type=Path), help="brand.yml to use (default: the content "
                     "folder's brand.yml, else the built-in brand)."),
        *([click.option("--event", "event_file", type=click.Path(path_type=Path),
                        help="Event file (YAML) with name, date, venue, instructor, …")] if event else []),
        click.option("--set", "sets", multiple=True, metavar="KEY=VALUE", help="Set an event value, e.g. "
                     "--set venue=Berlin (repeatable)."),
        click.option("--strict", is_flag=True, help="Treat warnings as errors."),
        click.option("--allow-outside", is_flag=True, help="Allow files outside the content folder."),
        debug_option,
    ]

    def apply(func: F) -> F:
        for decorate in reversed(decorators):
            func = decorate(func)
        return func

    return apply


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportgen")
@click.option("--debug", is_flag=True, help="Show a traceback with errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Build a branded PDF handout and an editable PowerPoint deck from one set of content files.

    \b
    Example:
      reportgen build                     # content/ (or ./guide.yml) → build/<name>.pdf and .pptx
      reportgen build guides/intro -f pdf --brand clients/acme/brand.yml
    """
    ctx.ensure_object(dict)["debug"] = debug


def _template_art(info: TemplateInfo) -> list[str]:
    """What ``template check`` says of the footer and of what the template draws itself."""
    content = info.with_bodies(1) or info.for_role("content")
    slots = [{"number": "slide number"}.get(kind, kind) for kind, _ in content.slots]
    lines = [f"footer: the layouts' {' and '.join(slots)} placeholders hold reportgen's footer and slide number"
             if slots else "footer: no footer placeholders; reportgen draws its own footer"]
    drawn = Counter(repr(art.name) if art.name else f"{art.kind}s" for art in content.art if art.kind != "text")
    if drawn:
        listed = ", ".join(what if n == 1 else f"{n} {what}" for what, n in drawn.items())
        lines.append(f"the master draws: {listed}; reportgen keeps its text and decoration clear of them")
    if info.undrawn:
        lines.append(f"slides-pdf and the slide handout leave out (as boxes kept clear): {', '.join(info.undrawn)}")
    return lines


@cli.command()
@content_options()
@click.option("-o", "--out", type=click.Path(path_type=Path), default="build", show_default=True,
              help="Output folder.")
@format_option()
@click.option("--template", type=click.Path(path_type=Path), help="Build the deck on this .pptx's master and layouts.")
@click.option("--force", is_flag=True, help="Rebuild even if no input changed.")
@click.option("-q", "--quiet", is_flag=True, help="Print only warnings and errors: no progress, no paths.")
@click.pass_context
def build(ctx: click.Context, content_dir: Path, out: Path, fmt: str, brand: Path | None, event_file: Path | None,
          sets: tuple[str, ...], strict: bool, allow_outside: bool, template: Path | None, force: bool,
          quiet: bool) -> None:
    """Build the handout (PDF) and the deck (PPTX) and print the paths written.

    CONTENT_DIR is a folder with guide.yml, or one Markdown file as it is (a README);
    without it, ./content, else the current folder if it holds guide.yml. Outputs whose
    inputs have not changed since the last build are kept as they are. A build that takes
    more than a second shows its progress when stderr is a terminal.

    \b
    Example:
      reportgen build content --out build --format all
      reportgen build --event events/berlin.yml --set instructor="Ada Lovelace"
      reportgen build README.md
    """
    from reportgen import progress
    from reportgen.build import build as run_build

    diag = Diagnostics(strict=strict)

    def work() -> None:
        options = _options(content_dir, out, fmt, brand, event_file, sets, strict, allow_outside, diag,
                           template=template, force=force)
        with progress.shown(options.formats, sys.stderr, enabled=not quiet and sys.stderr.isatty()):
            paths = run_build(options, diag)
        for path in paths if not quiet else ():
            click.echo(str(path))

    _run(ctx, diag, work)


@cli.command()
@content_options(event=False)
@click.argument("events", nargs=-1, metavar="EVENT.yml...", type=click.Path(path_type=Path))
@click.option("-o", "--out", type=click.Path(path_type=Path), default="build", show_default=True,
              help="Each event is built into OUT/<event file name>/.")
@format_option()
@click.option("--template", type=click.Path(path_type=Path), help="Build decks on this .pptx's layouts.")
@click.option("--force", is_flag=True, help="Rebuild even if no input changed.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), help="Parallel builds (default: one per core).")
@click.pass_context
def batch(ctx: click.Context, content_dir: Path, events: tuple[Path, ...], out: Path, fmt: str,
          brand: Path | None, sets: tuple[str, ...], strict: bool, allow_outside: bool,
          template: Path | None, force: bool, jobs: int | None) -> None:
    """Build one variant per event file, in parallel, each into its own folder.

    CONTENT_DIR comes first when given: reportgen batch content events/*.yml

    \b
    Example:
      reportgen batch content events/*.yml --out build/events
    """
    from reportgen.batch import run_batch

    if content_dir.suffix.lower() in (".yml", ".yaml") and content_dir.is_file():
        from reportgen.build import default_content_dir

        events, content_dir = (content_dir, *events), default_content_dir()  # no CONTENT_DIR was given
    if not events:  # checked here, not by Click, which would take a lone event file for CONTENT_DIR
        raise click.UsageError("Missing argument 'EVENT.yml...'.", ctx)
    diag = Diagnostics(strict=strict)

    def work() -> None:
        options = _options(content_dir, out, fmt, brand, None, sets, strict, allow_outside, diag,
                           template=template, force=force)
        failures = run_batch(options, list(events), jobs)
        if failures:
            raise ReportgenError(f"{failures} of {len(events)} events failed", hint="see the errors above")

    _run(ctx, diag, work)


@cli.command("watch")
@content_options()
@click.option("-o", "--out", type=click.Path(path_type=Path), default="build", show_default=True,
              help="Output folder.")
@format_option()
@click.option("--template", type=click.Path(path_type=Path), help="Build the deck on this .pptx's layouts.")
@click.pass_context
def watch_command(ctx: click.Context, content_dir: Path, out: Path, fmt: str, brand: Path | None,
                  event_file: Path | None, sets: tuple[str, ...], strict: bool, allow_outside: bool,
                  template: Path | None) -> None:
    """Rebuild whenever a content, brand, event or asset file changes; Ctrl-C stops.

    Prints one line per rebuild; an error is shown and watching goes on.

    \b
    Example:
      reportgen watch content -f pdf
    """
    from reportgen.watch import watch

    diag = Diagnostics(strict=strict)

    def work() -> None:  # the event file is read at each rebuild, so an edit to it is seen
        watch(_options(content_dir, out, fmt, brand, None, sets, strict, allow_outside, diag, template=template),
              event_file)

    _run(ctx, diag, work)


@cli.command("preview")
@content_options()
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True,
              help="The port on 127.0.0.1 to serve the page on.")
@click.option("--open/--no-open", "open_browser", default=True, show_default=True,
              help="Open the page in the web browser.")
@click.option("--template", type=click.Path(path_type=Path), help="Build the deck on this .pptx's layouts.")
@click.pass_context
def preview_command(ctx: click.Context, content_dir: Path, brand: Path | None, event_file: Path | None,
                    sets: tuple[str, ...], strict: bool, allow_outside: bool, port: int, open_browser: bool,
                    template: Path | None) -> None:
    """Show the deck and the handout on a local web page, rebuilt on every change; Ctrl-C stops.

    The page shows each slide with its notes and the file and line it came from, the handout's
    pages, the last build's warnings and errors, and links to download every output. Needs the
    preview extra: pip install 'reportgen[preview]'.

    \b
    Example:
      reportgen preview content --port 8765
    """
    from reportgen.preview.run import preview

    diag = Diagnostics(strict=strict)

    def work() -> None:
        preview(_options(content_dir, Path("build"), "all", brand, None, sets, strict, allow_outside, diag,
                         template=template), event_file, port, open_browser)

    _run(ctx, diag, work)


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path))
@debug_option
@click.pass_context
def init(ctx: click.Context, directory: Path) -> None:
    """Create a new project that builds at once, and print every file made: guide.yml, a
    section, and a placeholder brand (brand.yml named after the folder, a stand-in logo,
    fonts) to replace with your own.

    \b
    Example:
      reportgen init my-workshop && cd my-workshop && reportgen build
    """
    from reportgen.scaffold import scaffold

    def work() -> None:
        for path in scaffold(directory):
            click.echo(str(path))
        click.echo(f"next: cd {directory} && reportgen build", err=True)

    _run(ctx, Diagnostics(), work)


@cli.group()
def template() -> None:
    """Work with corporate PowerPoint templates.

    \b
    Example:
      reportgen template check corporate.pptx
    """


@template.command("check")
@click.argument("path", type=click.Path(path_type=Path))
@debug_option
@click.pass_context
def template_check(ctx: click.Context, path: Path) -> None:
    """List a template's layouts and placeholders, the role each serves, and what is missing.

    \b
    Example:
      reportgen template check corporate.pptx
    """
    from reportgen.template import ROLES, inspect_template

    diag = Diagnostics()

    def work() -> None:
        report = inspect_template(path)
        w, h = report.size
        click.echo(f"{path}: {w:g} × {h:g} pt slides, {len(report.layouts)} layouts")
        for name, placeholders in report.layouts:
            roles = [r for r, (n, _) in report.roles.items() if n == name]
            roles += [r for r, n in report.bodies.items() if n == name]
            click.echo(f"  layout {name!r}: {', '.join(placeholders) or 'no placeholders'}"
                       + (f"  → {', '.join(roles)}" if roles else ""))
        missing = []
        for role, (chosen, how) in report.roles.items():
            wanted = " or ".join(repr(n) for n in ROLES[role])
            why = {"placeholders": "whose placeholders fit the role", "title": "the first with a title placeholder"}
            if chosen is None:
                missing.append(f"{role}: no layout with a title placeholder")
            elif how != "name":
                missing.append(f"{role}: no layout named {wanted}; using {chosen!r}, {why[how]}")
        for role, chosen_body in report.bodies.items():
            if chosen_body is None:
                missing.append(f"{role}: no layout with {'two' if role == 'columns' else 'a'} large body "
                               "placeholder; the slides' text goes in text boxes")
        click.echo("missing: " + ("none" if not missing else "\n  " + "\n  ".join(missing)))
        if report.info is not None:
            for line in _template_art(report.info):
                click.echo(line)
        if any(name is None for name, _ in report.roles.values()):
            raise ReportgenError("template cannot be used", SourceRef(path),
                                 hint="add a layout with a title placeholder")

    _run(ctx, diag, work)


@cli.command()
@content_options()
@format_option("The outputs to check for, as build's -f (a table too long for a slide matters to the deck).")
@click.option("--template", type=click.Path(path_type=Path), help="Check the deck against this .pptx's layouts, "
              "as build --template uses them.")
@click.pass_context
def check(ctx: click.Context, content_dir: Path, brand: Path | None, event_file: Path | None,
          sets: tuple[str, ...], strict: bool, allow_outside: bool, fmt: str, template: Path | None) -> None:
    """Validate the content, the brand and the template without writing anything.

    Takes build's options but -o and --force.

    \b
    Example:
      reportgen check content --strict
      reportgen check --template corporate.pptx -f pptx
    """
    from reportgen.build import load

    diag = Diagnostics(strict=strict)

    def work() -> None:
        options = _options(content_dir, Path("build"), fmt, brand, event_file, sets, strict, allow_outside, diag,
                           template=template)
        doc, _ = load(options, diag)
        click.echo(f"ok: {len(doc.sections)} sections in {content_dir}")

    _run(ctx, diag, work)


def main() -> None:
    """The ``reportgen`` command. When the command has finished, the process exits at once:
    a build leaves reportlab, python-pptx and lxml loaded, and tearing the interpreter down
    would free their objects one by one (~30 ms, a tenth of a build) for memory the system
    reclaims anyway. Output is flushed first; a crash still unwinds normally, and so does a
    run under a profiler or coverage, which write their reports at exit."""
    import os
    import signal
    import sys

    # SIGTERM (a CI timeout, `kill`) unwinds like Ctrl-C, so temporary files are removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    interrupted: list[int] = []

    def on_interrupt(signum: int, frame: object) -> None:
        interrupted.append(signum)
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, on_interrupt)
    try:
        cli(prog_name="reportgen")
        code = 0
    except SystemExit as done:
        if done.code is None or isinstance(done.code, int):
            code = done.code or 0
            if code == 1 and interrupted:  # click says "Aborted!" and exits 1; a shell expects 128 + SIGINT
                code = 128 + signal.SIGINT
        else:
            print(done.code, file=sys.stderr)
            code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: `reportgen build | head -1`
        code = code or 1
    from reportgen.parallel import observed

    if observed():
        sys.exit(code)
    os._exit(code)
