"""Download the corpus archives, verify them, and prepare one content folder per document.

    python corpus/fetch.py [--only ID,...]

Each archive is downloaded once into ``corpus/.cache/archives/`` and checked against the
hashes the registry published (recorded in ``documents.toml``): a corpus is only a baseline
if everyone measures the same bytes. Each document then gets its own copy of the extracted
package under ``corpus/.cache/docs/<id>/``, so that relative image and link paths resolve
against the package's real files, and a ``guide.yml`` beside its Markdown file. The Markdown
file itself is never edited: the point is to see what reportgen does with it as published.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import shutil
import sys
import tarfile
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import IO

from manifest import DOCS, Document, load_manifest, select

MAX_UNPACKED = 1 << 30  # an archive that unpacks to more than 1 GiB is not a package we want
CHUNK = 1 << 20


class FetchError(Exception):
    """A document that cannot be prepared; the others still are."""


def verify(doc: Document, path: Path) -> None:
    """Check every hash the manifest gives for the archive (sha256, npm's sha512 and sha1)."""
    sha256, sha512, sha1 = hashlib.sha256(), hashlib.sha512(), hashlib.sha1()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            for h in (sha256, sha512, sha1):
                h.update(chunk)
    expected = []
    if doc.sha256:
        expected.append(("sha256", doc.sha256.lower(), sha256.hexdigest()))
    if doc.integrity:
        algo, _, digest = doc.integrity.partition("-")
        if algo != "sha512":
            raise FetchError(f"unsupported integrity algorithm {algo!r}")
        expected.append(("sha512", digest, base64.b64encode(sha512.digest()).decode()))
    if doc.shasum:
        expected.append(("sha1", doc.shasum.lower(), sha1.hexdigest()))
    for name, want, got in expected:
        if want != got:
            raise FetchError(f"{path.name}: {name} mismatch (expected {want}, got {got})")


def download(doc: Document) -> Path:
    """The verified archive, downloaded unless a verified copy is already cached."""
    path = doc.archive
    if path.is_file():
        try:
            verify(doc, path)
            return path
        except FetchError:
            path.unlink()  # a truncated or stale copy: fetch it again
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    request = urllib.request.Request(doc.url, headers={"User-Agent": "reportgen-corpus/1"})
    try:
        with urllib.request.urlopen(request, timeout=120) as resp, part.open("wb") as out:
            shutil.copyfileobj(resp, out, CHUNK)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise FetchError(f"download failed: {doc.url}: {exc}") from None
    try:
        verify(doc, part)
    except FetchError:
        part.unlink()
        raise
    part.replace(path)
    return path


def _safe_parts(name: str) -> tuple[str, ...] | None:
    """The member's path parts, or None when it would land outside the extraction folder."""
    path = PurePosixPath(name.replace("\\", "/"))
    parts = tuple(p for p in path.parts if p not in ("", "."))
    if path.is_absolute() or ".." in parts or (parts and ":" in parts[0]):  # ':': a Windows drive
        return None
    return parts


def _members(archive: Path) -> Iterator[tuple[str, bool, IO[bytes] | None]]:
    """(name, is_dir, stream) for each directory and regular file of a tar or zip archive.

    Links, devices and FIFOs are left out: a link could point anywhere on the machine, and a
    README never needs one to be read.
    """
    if zipfile.is_zipfile(archive):
        with zipfile.ZipFile(archive) as zf:
            for info in zf.infolist():
                if info.is_dir():
                    yield info.filename, True, None
                elif (info.external_attr >> 16) & 0o170000 in (0, 0o100000):  # regular file (or no mode)
                    with zf.open(info) as stream:
                        yield info.filename, False, stream
        return
    with tarfile.open(archive) as tf:
        for member in tf:
            if member.isdir():
                yield member.name, True, None
            elif member.isreg():
                content = tf.extractfile(member)
                if content is not None:
                    yield member.name, False, content


def extract(archive: Path, dest: Path) -> int:
    """Unpack ``archive`` into ``dest``, refusing any path that leaves it; return files written."""
    dest.mkdir(parents=True)
    root = dest.resolve()
    written = total = 0
    for name, is_dir, stream in _members(archive):
        parts = _safe_parts(name)
        if parts is None:
            raise FetchError(f"{archive.name}: member {name!r} would leave the extraction folder")
        if not parts:
            continue
        target = root.joinpath(*parts)
        if root not in target.resolve().parents:
            raise FetchError(f"{archive.name}: member {name!r} would leave the extraction folder")
        if is_dir:
            target.mkdir(parents=True, exist_ok=True)
            continue
        assert stream is not None
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as out:
            while chunk := stream.read(CHUNK):
                total += len(chunk)
                if total > MAX_UNPACKED:
                    raise FetchError(f"{archive.name}: unpacks to more than {MAX_UNPACKED >> 20} MB")
                out.write(chunk)
        written += 1
    return written


def guide_yml(doc: Document) -> str:
    """The guide for one document: its package name as title, its one file as the section.

    Values are written as JSON strings, which YAML reads as double-quoted scalars: package
    names such as ``@mui/material`` would otherwise be YAML syntax.
    """
    section = PurePosixPath(doc.file).name
    return (
        "# Written by corpus/fetch.py; the section file is the package's own, unedited.\n"
        f"title: {json.dumps(doc.package)}\n"
        f"name: {json.dumps(doc.id)}\n"
        f"sections:\n  - {json.dumps(section)}\n"
    )


def _stamp(doc: Document) -> dict[str, str]:
    return {"url": doc.url, "file": doc.file, "sha256": doc.sha256, "integrity": doc.integrity, "guide": guide_yml(doc)}


def prepare(doc: Document, archive: Path) -> str:
    """Lay out ``docs/<id>/``; skipped when an identical preparation is already there."""
    marker = DOCS / f"{doc.id}.json"
    if marker.is_file() and doc.markdown.is_file():
        try:
            if json.loads(marker.read_text())["stamp"] == _stamp(doc):
                return "cached"
        except (ValueError, KeyError):
            pass
    marker.unlink(missing_ok=True)
    if doc.tree.exists():
        shutil.rmtree(doc.tree)
    extract(archive, doc.tree)
    if not doc.markdown.is_file():
        shutil.rmtree(doc.tree)
        raise FetchError(f"{doc.file} is not in {archive.name}")
    guide = doc.content_dir / "guide.yml"
    if guide.exists():
        raise FetchError(f"the package already has {guide.relative_to(doc.tree)}; choose another document")
    guide.write_text(guide_yml(doc), encoding="utf-8")
    markdown_sha = hashlib.sha256(doc.markdown.read_bytes()).hexdigest()
    marker.write_text(json.dumps({"stamp": _stamp(doc), "markdown_sha256": markdown_sha}, indent=1))
    note = ""
    if (doc.content_dir / "brand.yml").exists():
        note = " (the package has a brand.yml beside it: reportgen will use it)"
    return "prepared" + note


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", help="comma-separated document ids (default: all)")
    args = ap.parse_args()
    docs = select(load_manifest(), args.only)
    DOCS.mkdir(parents=True, exist_ok=True)
    failed = 0
    for doc in docs:
        try:
            state = prepare(doc, download(doc))
            size = doc.markdown.stat().st_size
            print(f"ok     {doc.id:28} {doc.package}@{doc.version}: {doc.file} ({size / 1024:.0f} KB) {state}")
        except FetchError as exc:
            failed += 1
            print(f"FAILED {doc.id:28} {exc}", file=sys.stderr)
    print(f"{len(docs) - failed} of {len(docs)} documents ready in {DOCS}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
