"""The corpus manifest (``documents.toml``) and the folder layout shared by the scripts.

``fetch.py`` and ``run.py`` both import this module, so the rules for where an archive, a
prepared content folder and a build land are written once. The manifest is data, not code,
so that adding a document never means editing a script.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - reportgen supports 3.10; tomli is tomllib's backport
    import tomli as tomllib

CORPUS = Path(__file__).resolve().parent
MANIFEST = CORPUS / "documents.toml"
CACHE = CORPUS / ".cache"
ARCHIVES = CACHE / "archives"
DOCS = CACHE / "docs"
OUT = CORPUS / "out"

SOURCES = ("pypi", "npm")
SCRIPTS = ("latin", "cjk", "arabic", "cyrillic")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Document:
    """One Markdown file inside one pinned package archive.

    ``file`` is the path inside the archive, exactly as the archive lists it. ``script``
    says which writing system dominates the text: the word-coverage target holds for Latin
    script only, since ``\\w+`` does not split CJK text into words.
    """

    id: str
    source: str
    package: str
    version: str
    url: str
    file: str
    tag: str
    script: str = "latin"
    sha256: str = ""
    integrity: str = ""
    shasum: str = ""
    note: str = ""

    @property
    def archive(self) -> Path:
        """Where the archive is cached: one file per URL, shared by documents of one package."""
        return ARCHIVES / self.url.rsplit("/", 1)[1]

    @property
    def tree(self) -> Path:
        """The document's own copy of the extracted package."""
        return DOCS / self.id

    @property
    def content_dir(self) -> Path:
        """The folder holding the Markdown file: guide.yml goes beside it."""
        return self.tree.joinpath(*PurePosixPath(self.file).parent.parts)

    @property
    def markdown(self) -> Path:
        return self.tree.joinpath(*PurePosixPath(self.file).parts)

    @property
    def out_dir(self) -> Path:
        return OUT / self.id


def load_manifest(path: Path = MANIFEST) -> list[Document]:
    """Read and check the manifest; any mistake in it stops the scripts with its entry named."""
    with path.open("rb") as fh:
        raw = tomllib.load(fh)
    docs: list[Document] = []
    seen: set[str] = set()
    for n, entry in enumerate(raw.get("document", []), 1):
        try:
            doc = Document(**entry)
        except TypeError as exc:
            raise SystemExit(f"{path.name}: document #{n}: {exc}") from None
        problems = []
        if not _ID.match(doc.id) or doc.id in seen:
            problems.append("id must be unique, lower case, letters, digits and '-'")
        if doc.source not in SOURCES:
            problems.append(f"source must be one of {SOURCES}")
        if doc.script not in SCRIPTS:
            problems.append(f"script must be one of {SCRIPTS}")
        if not (doc.sha256 or doc.integrity.startswith("sha512-")):
            problems.append("needs sha256 (PyPI) or a sha512 integrity (npm)")
        if not doc.url.startswith("https://") or doc.version not in doc.url:
            problems.append("url must be https and name the pinned version")
        file = PurePosixPath(doc.file)
        if file.is_absolute() or ".." in file.parts:
            problems.append("file must be a relative path inside the archive")
        if problems:
            raise SystemExit(f"{path.name}: document '{doc.id}': " + "; ".join(problems))
        seen.add(doc.id)
        docs.append(doc)
    return docs


def select(docs: list[Document], only: str | None) -> list[Document]:
    """The documents named by ``--only a,b`` (all when not given); unknown ids are an error."""
    if not only:
        return docs
    wanted = [w.strip() for w in only.split(",") if w.strip()]
    known = {d.id for d in docs}
    unknown = [w for w in wanted if w not in known]
    if unknown:
        raise SystemExit(f"unknown document id(s): {', '.join(unknown)}")
    return [d for d in docs if d.id in wanted]
