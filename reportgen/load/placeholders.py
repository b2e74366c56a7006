"""``{{ name }}`` placeholders: reportgen's own names are filled in, anything else is text.

Real documents hold double braces that are not ours — Jinja and Handlebars examples,
cookiecutter templates, Vue's ``{{ message }}`` — so only reportgen's namespaces are
placeholders: the short names (``title``, ``date``, …) and ``guide.*`` and ``event.*``. An
unknown name *in* a namespace is a typo worth an error; any other pair of braces prints as
written. Placeholders are filled in text only, never in code (the loader calls this on text
nodes), and ``\\{{`` keeps the braces.
"""

from __future__ import annotations

import re

from reportgen.errors import ReportgenError, SourceRef

NAMESPACES = ("event.", "guide.")
PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}")
# markdown-it turns "\{" into a plain "{" before the loader sees the text; a core rule of the
# parser (see markdown.py) writes this noncharacter instead, so an escaped brace never starts
# a placeholder, and ``literal`` turns it back into "{".
ESCAPED_BRACE = "\ufdd0"


def variables_of(values: dict[str, str]) -> dict[str, str]:
    """The names a document offers: each short name also as ``guide.<name>``."""
    out = dict(values)
    out.update({f"guide.{k}": v for k, v in values.items() if "." not in k})
    return out


def fill(text: str, variables: dict[str, str], source: SourceRef) -> str:
    """``text`` with our placeholders filled in; ``source`` is where an unknown name in our
    namespaces is reported."""
    if "{{" in text:
        text = PLACEHOLDER.sub(lambda match: _value(match, variables, source), text)
    return literal(text)


def literal(text: str) -> str:
    return text.replace(ESCAPED_BRACE, "{") if ESCAPED_BRACE in text else text


def _value(match: re.Match[str], variables: dict[str, str], source: SourceRef) -> str:
    name = match.group(1)
    if name in variables:
        return variables[name].replace("\n", " ")
    if not name.startswith(NAMESPACES):
        return match.group(0)  # not ours: {{ cookiecutter.name }}, {{ message }}
    known = ", ".join(sorted(k for k in variables if not k.startswith("guide."))) or "none"
    hint = f"known names: {known}"
    if name.startswith("event."):
        hint = f"set it with --set {name.removeprefix('event.')}=… or in the --event file; {hint}"
    raise ReportgenError(f"unknown placeholder '{{{{ {name} }}}}'", source, hint=hint)
