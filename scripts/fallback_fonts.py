"""Make the fallback fonts reportgen ships (``assets/fonts/fallback``) from pinned sources.

Each source is an npm package of a Google Fonts family (OFL-1.1), fetched with npm at an
exact version and checked against the registry's integrity hash (sha512) before it is read.
Its TrueType file is cut down with fontTools to the characters that font draws here, without
hinting, layout tables (reportlab does no shaping) or glyph names, and written with the OFL
(``OFL.txt``, every font's copyright line) and a ``README.md`` that says what each font
draws, where it comes from and its size.

Which font draws a character is decided here, once: every character belongs to one font
(see ``BLOCKS``), so the fonts never overlap and the order ``fallback.SHIPPED`` tries them
in cannot change which glyph prints. Box drawing and block elements come from Noto Sans
Mono (the width of a code font's cell, so lines join); symbols, arrows and operators from the
proportional Noto Sans Symbols 2, Math and Symbols; emoji from the monochrome Noto Emoji. A
character that is both a symbol and an emoji goes by its default presentation (Unicode's
``Emoji_Presentation``): ☑ ✔ ⚠ ❤ are text, drawn by a symbols font; ✅ ❌ ⭐ ⚡ are emoji.
Variation selectors and joiners (U+200C, U+200D, U+FE00–FE0F) draw nothing in every font:
reportlab does no shaping, and a font without them would print a gap after "⚠️".

The same sources and fontTools version give byte-identical files (the fonts keep the
source's ``head`` dates: fontTools does not recalculate them unless asked).

    pip install 'fonttools==4.68.0'        # the version the shipped files were made with
    python scripts/fallback_fonts.py        # writes assets/fonts/fallback
    python scripts/fallback_fonts.py --check  # makes them in a temporary folder and compares

npm must be on the PATH; downloads are kept in ``--cache`` (default
``~/.cache/reportgen/fallback-fonts``) and checked against their hash on every run.
"""

from __future__ import annotations

import argparse
import base64
import filecmp
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "assets" / "fonts" / "fallback"
FONTTOOLS = "4.68.0"  # the fontTools the shipped files were made with: another may write other bytes


@dataclass(frozen=True)
class Source:
    package: str  # npm package
    version: str  # exact version
    integrity: str  # the registry's dist.integrity of that version's tarball
    member: str  # the TrueType file in the tarball
    licence: str = "package/LICENSE_FONT"  # the font's licence in the tarball


@dataclass(frozen=True)
class Font:
    key: str  # the name BLOCKS uses
    family: str  # name ID 1 of the font (what fallback.SHIPPED names)
    file: str  # written to OUT
    source: Source


# In the order fallback.SHIPPED tries them: the text fonts before the emoji font, so that a
# character both have is drawn as text (Unicode's default presentation for such characters)
# should the fonts ever overlap; they do not, as made here.
FONTS = (
    Font("mono", "Noto Sans Mono", "NotoSansMono.ttf", Source(
        "@expo-google-fonts/noto-sans-mono", "0.4.2",
        "sha512-Am5TeZeLlqPiDbWH71OprS/LZTuWwvpZ0cEObA9I3/FO2uhZEHgbp+fm/3aDPbEiMNr7xN8YpUAnuyBGuEeHoQ==",
        "package/400Regular/NotoSansMono_400Regular.ttf")),
    Font("symbols2", "Noto Sans Symbols 2", "NotoSansSymbols2.ttf", Source(
        "@expo-google-fonts/noto-sans-symbols-2", "0.4.1",
        "sha512-jFymG5s4OLlXpy9E9FQvSXpSnf43BIYcJiPXEHSw6LFNvbahkjmUWb/cj4vsX/KdUksGLTPbjB9iRuu8L3yJ8A==",
        "package/400Regular/NotoSansSymbols2_400Regular.ttf")),
    Font("math", "Noto Sans Math", "NotoSansMath.ttf", Source(
        "@expo-google-fonts/noto-sans-math", "0.4.2",
        "sha512-Kgj0kKibznTLYcbpR8Tk2ybr76uMOyrlyoP5F9G+0UiJzAMA4zG/XIlrgXKzfFGERhA0Rc3vbwDeeTxwXPlaYg==",
        "package/400Regular/NotoSansMath_400Regular.ttf")),
    Font("symbols", "Noto Sans Symbols", "NotoSansSymbols.ttf", Source(
        "@expo-google-fonts/noto-sans-symbols", "0.4.1",
        "sha512-LlXM1nLfz0FO1UA/COHlVau8DcDsvex3uWVA/BqeT8tJt+Hk8ju5XfmoShdjiW8IP4Z3ukKp7VFh4DDmNImYKA==",
        "package/400Regular/NotoSansSymbols_400Regular.ttf")),
    Font("emoji", "Noto Emoji", "NotoEmoji.ttf", Source(
        "@expo-google-fonts/noto-emoji", "0.4.7",
        "sha512-Gs7URwtKmCzzdGUTYbG8MIohyaQPgGxIaQG5hvyEAaQiEGJpQy6gyP3NDICE0EJkOJFoe1JFD3Hf1L4a3qe4KA==",
        "package/400Regular/NotoEmoji_400Regular.ttf")),
)

TEXT = ("symbols2", "symbols", "math", "mono")
# (block, first, last, the fonts that may draw its characters, best first): a character is
# drawn by the first of them that has it. Text before emoji except in the emoji blocks.
BLOCKS: tuple[tuple[str, int, int, tuple[str, ...]], ...] = (
    ("Latin-1 signs © ®", 0x00A9, 0x00A9, TEXT),
    ("Latin-1 signs © ®", 0x00AE, 0x00AE, TEXT),
    ("Punctuation ‼ ⁉", 0x203C, 0x203C, (*TEXT, "emoji")),
    ("Punctuation ‼ ⁉", 0x2049, 0x2049, (*TEXT, "emoji")),
    ("Letterlike Symbols", 0x2100, 0x214F, ("math", "symbols2", "symbols", "mono")),
    ("Arrows", 0x2190, 0x21FF, ("math", "symbols2", "mono")),
    ("Mathematical Operators", 0x2200, 0x22FF, ("math", "mono")),
    ("Miscellaneous Technical", 0x2300, 0x23FF, ("symbols", "symbols2", "math", "mono", "emoji")),
    ("Enclosed Alphanumerics", 0x2460, 0x24FF, ("symbols", "math", "mono")),
    ("Box Drawing", 0x2500, 0x257F, ("mono",)),
    ("Block Elements", 0x2580, 0x259F, ("mono",)),
    ("Geometric Shapes", 0x25A0, 0x25FF, ("symbols2", "math", "mono")),
    ("Miscellaneous Symbols", 0x2600, 0x26FF, ("symbols2", "symbols", "math", "mono", "emoji")),
    ("Dingbats", 0x2700, 0x27BF, ("symbols2", "symbols", "math", "mono", "emoji")),
    ("Supplemental Arrows-A", 0x27F0, 0x27FF, ("math",)),
    ("Supplemental Arrows-B", 0x2900, 0x297F, ("math",)),
    ("Miscellaneous Symbols and Arrows", 0x2B00, 0x2BFF, ("symbols2", "math", "emoji")),
    ("CJK symbols 〰 〽 ㊗ ㊙", 0x3030, 0x3030, (*TEXT, "emoji")),
    ("CJK symbols 〰 〽 ㊗ ㊙", 0x303D, 0x303D, (*TEXT, "emoji")),
    ("CJK symbols 〰 〽 ㊗ ㊙", 0x3297, 0x3297, (*TEXT, "emoji")),
    ("CJK symbols 〰 〽 ㊗ ㊙", 0x3299, 0x3299, (*TEXT, "emoji")),
    ("Replacement character", 0xFFFD, 0xFFFD, ("mono",)),
    ("Mahjong and playing cards 🀄 🃏", 0x1F004, 0x1F004, ("emoji",)),
    ("Mahjong and playing cards 🀄 🃏", 0x1F0CF, 0x1F0CF, ("emoji",)),
    ("Enclosed Alphanumeric Supplement (emoji)", 0x1F100, 0x1F1E5, ("emoji",)),
    ("Regional indicators", 0x1F1E6, 0x1F1FF, ("emoji",)),
    ("Enclosed Ideographic Supplement (emoji)", 0x1F200, 0x1F2FF, ("emoji",)),
    ("Miscellaneous Symbols and Pictographs", 0x1F300, 0x1F5FF, ("emoji", "symbols2", "symbols")),
    ("Emoticons", 0x1F600, 0x1F64F, ("emoji", "symbols2", "symbols")),
    ("Transport and Map Symbols", 0x1F680, 0x1F6FF, ("emoji", "symbols2", "symbols")),
    ("Geometric Shapes Extended", 0x1F780, 0x1F7FF, ("symbols2", "math", "emoji")),
    ("Supplemental Arrows-C", 0x1F800, 0x1F8FF, ("symbols2",)),
    ("Supplemental Symbols and Pictographs", 0x1F900, 0x1F9FF, ("emoji", "symbols2")),
    ("Symbols and Pictographs Extended-A", 0x1FA70, 0x1FAFF, ("emoji", "symbols2")),
)
# Emoji_Presentation=Yes (Unicode's emoji-data.txt) in the blocks above that list a text font
# first: emoji by default, so drawn by the emoji font where it has them.
EMOJI_PRESENTATION = (
    (0x231A, 0x231B), (0x23E9, 0x23EC), (0x23F0, 0x23F0), (0x23F3, 0x23F3), (0x25FD, 0x25FE),
    (0x2614, 0x2615), (0x2648, 0x2653), (0x267F, 0x267F), (0x2693, 0x2693), (0x26A1, 0x26A1),
    (0x26AA, 0x26AB), (0x26BD, 0x26BE), (0x26C4, 0x26C5), (0x26CE, 0x26CE), (0x26D4, 0x26D4),
    (0x26EA, 0x26EA), (0x26F2, 0x26F3), (0x26F5, 0x26F5), (0x26FA, 0x26FA), (0x26FD, 0x26FD),
    (0x2705, 0x2705), (0x270A, 0x270B), (0x2728, 0x2728), (0x274C, 0x274C), (0x274E, 0x274E),
    (0x2753, 0x2755), (0x2757, 0x2757), (0x2795, 0x2797), (0x27B0, 0x27B0), (0x27BF, 0x27BF),
    (0x2B1B, 0x2B1C), (0x2B50, 0x2B50), (0x2B55, 0x2B55), (0x1F7E0, 0x1F7EB), (0x1F7F0, 0x1F7F0),
)
# the emoji keycap (#️⃣: "#", U+FE0F, U+20E3), drawn by the emoji font after the character
EMOJI_MARKS = (0x20E3,)
# variation selectors and joiners: in every font, drawing nothing
JOINERS = (0x200C, 0x200D, *range(0xFE00, 0xFE10))
NAME_IDS = (0, 1, 2, 3, 4, 5, 6, 13, 14)  # copyright, names, version, licence and its address
DROP_TABLES = ("GSUB", "GPOS", "GDEF", "MATH", "STAT", "vhea", "vmtx", "gasp", "DSIG")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=OUT, help="folder to write (default: %(default)s)")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "reportgen" / "fallback-fonts",
                        help="where downloads are kept (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help=f"make the fonts elsewhere and compare with {OUT}")
    args = parser.parse_args()
    import fontTools

    if fontTools.version != FONTTOOLS:
        print(f"warning: fontTools {fontTools.version}, not {FONTTOOLS}: the files may differ in bytes",
              file=sys.stderr)
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            make(Path(tmp), args.cache)
            names = sorted(p.name for p in Path(tmp).iterdir())
            _, differ, missing = filecmp.cmpfiles(Path(tmp), OUT, names, shallow=False)
            extra = sorted(set(p.name for p in OUT.iterdir()) - set(names)) if OUT.is_dir() else []
            for name in differ + missing + extra:
                print(f"{OUT / name}: differs from what the sources make", file=sys.stderr)
            return 1 if differ or missing or extra else 0
    make(args.out, args.cache)
    return 0


def make(out: Path, cache: Path) -> None:
    """Write every font, ``OFL.txt`` and ``README.md`` to ``out``."""
    from fontTools.ttLib import TTFont

    sources = {font.key: fetch(font.source, cache) for font in FONTS}
    originals = {key: TTFont(io.BytesIO(data[0]), lazy=False) for key, data in sources.items()}
    owners = assign({key: set(f.getBestCmap()) for key, f in originals.items()})
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for font in FONTS:
        made = subset(sources[font.key][0], owners[font.key])
        check(made, font)
        (out / font.file).write_bytes(made)
        rows.append((font, made, owners[font.key]))
    (out / "OFL.txt").write_text(licence([(font, sources[font.key][1]) for font in FONTS]), encoding="utf-8")
    (out / "README.md").write_text(readme(rows, originals), encoding="utf-8")
    for font, made, _ in rows:
        print(f"{out / font.file}: {len(made):,} bytes")


def fetch(source: Source, cache: Path) -> tuple[bytes, str]:
    """The TrueType file and the licence text of ``source``, from its tarball checked against
    the pinned hash (downloaded with npm unless the cache has it)."""
    name = source.package.lstrip("@").replace("/", "-") + f"-{source.version}.tgz"
    path = cache / name
    if not (path.is_file() and _integrity(path.read_bytes()) == source.integrity):
        if shutil.which("npm") is None:
            raise SystemExit("npm is needed to download the fonts")
        cache.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            result = subprocess.run(["npm", "pack", "--json", "--pack-destination", tmp,
                                     f"{source.package}@{source.version}"],
                                    capture_output=True, text=True, check=True, cwd=tmp)
            packed = json.loads(result.stdout)[0]
            if packed["version"] != source.version:
                raise SystemExit(f"{source.package}: npm gave {packed['version']}, not {source.version}")
            os.replace(Path(tmp) / packed["filename"], path)
    data = path.read_bytes()
    if _integrity(data) != source.integrity:
        raise SystemExit(f"{path}: sha512 {_integrity(data)}, pinned {source.integrity}")
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        ttf, text = (tar.extractfile(member) for member in (source.member, source.licence))
        assert ttf is not None and text is not None
        return ttf.read(), text.read().decode("utf-8")


def _integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def assign(cmaps: dict[str, set[int]]) -> dict[str, set[int]]:
    """The characters each font draws: each character of ``BLOCKS`` to the first of its
    block's fonts that has it (the emoji font first for an emoji-presentation character)."""
    owners: dict[str, set[int]] = {key: set() for key in cmaps}
    for _, first, last, fonts in BLOCKS:
        for code in range(first, last + 1):
            order = ("emoji", *fonts) if _emoji_presentation(code) else fonts
            owner = next((key for key in order if code in cmaps[key]), None)
            if owner is not None:
                owners[owner].add(code)
    owners["emoji"].update(c for c in EMOJI_MARKS if c in cmaps["emoji"])
    return owners


def _emoji_presentation(code: int) -> bool:
    return any(first <= code <= last for first, last in EMOJI_PRESENTATION)


def subset(data: bytes, unicodes: set[int]) -> bytes:
    """The font in ``data`` with only the glyphs of ``unicodes``, and the joiners drawing nothing."""
    from fontTools import subset as ftsubset

    options = ftsubset.Options()
    options.hinting = False
    options.layout_features = []
    options.layout_closure = False
    options.drop_tables = [*options.drop_tables, *DROP_TABLES]
    options.glyph_names = False
    options.name_IDs = list(NAME_IDS)
    options.notdef_outline = False  # a character a font lacks prints nothing, not a box
    options.recalc_timestamp = False
    font = ftsubset.load_font(io.BytesIO(data), options, dontLoadGlyphNames=True)
    _zero_width_joiners(font)
    subsetter = ftsubset.Subsetter(options)
    subsetter.populate(unicodes=sorted(unicodes | set(JOINERS)))
    subsetter.subset(font)
    buffer = io.BytesIO()
    ftsubset.save_font(font, buffer, options)
    return buffer.getvalue()


def _zero_width_joiners(font: object) -> None:
    """Map every joiner the font lacks to one empty glyph of no width."""
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont

    assert isinstance(font, TTFont)
    cmap = font.getBestCmap()
    lacking = [code for code in JOINERS if code not in cmap]
    if not lacking:
        return
    name = "zerowidth"
    glyf, hmtx, tables = font["glyf"], font["hmtx"], font["cmap"].tables
    assert name not in font.getGlyphOrder()
    glyf[name] = TTGlyphPen(None).glyph()  # appended to the font's glyph order
    assert font.getGlyphOrder()[-1] == name
    hmtx[name] = (0, 0)
    for table in tables:
        if table.isUnicode():
            table.cmap.update((code, name) for code in lacking)


def check(data: bytes, font: Font) -> None:
    """The written font is TrueType-outlined and named as ``fallback.SHIPPED`` says."""
    from fontTools.ttLib import TTFont

    made = TTFont(io.BytesIO(data))
    if "glyf" not in made or "CFF " in made or "CFF2" in made:
        raise SystemExit(f"{font.file}: not TrueType-outlined")
    if made["name"].getDebugName(1) != font.family:
        raise SystemExit(f"{font.file}: family {made['name'].getDebugName(1)!r}, expected {font.family!r}")


def licence(texts: list[tuple[Font, str]]) -> str:
    """The OFL once, after every font's copyright line (the packages' texts differ in the
    licence's web address only)."""
    bodies = []
    lines = []
    for font, text in texts:
        head, _, body = text.partition("\n\n")
        lines.append(f"{font.family} ({font.file}): {head.strip()}")
        bodies.append(body)
    plain = {"\n".join(line for line in body.splitlines() if "://" not in line) for body in bodies}
    if len(plain) != 1:
        raise SystemExit("the fonts' licences differ: ship each one")
    return ("The fonts in this folder are subsets of these fonts, each licensed under the\n"
            "SIL Open Font License, Version 1.1, below:\n\n" + "\n".join(lines) + "\n\n" + bodies[0])


def readme(rows: list[tuple[Font, bytes, set[int]]], originals: dict[str, object]) -> str:
    import fontTools

    total = sum(len(made) for _, made, _ in rows)
    out = [
        "# Fallback fonts",
        "",
        "Subsets of OFL-licensed Noto fonts (licence and copyright lines: `OFL.txt`) that draw what",
        "a brand's fonts lack, tried in this order after the brand's fonts and before the fonts",
        "installed on the machine (`reportgen/fallback.py`, `SHIPPED`). Each character belongs",
        "to one of them, so the order decides nothing about which glyph prints: box drawing and",
        "block elements are Noto Sans Mono's (a code font's cell wide, so lines join); symbols,",
        "arrows and operators the proportional Noto Sans Symbols 2, Math and Symbols; emoji the",
        "monochrome Noto Emoji. A character that is both a symbol and an emoji is drawn as its",
        "default presentation says: ☑ ✔ ⚠ ❤ as text, ✅ ❌ ⭐ ⚡ as emoji. Variation selectors and",
        "joiners draw nothing: reportlab does no shaping (an emoji sequence prints as its parts).",
        "",
        "TrueType outlines, no hinting, no layout tables, no glyph names. Made by",
        f"`scripts/fallback_fonts.py` with fontTools {fontTools.version} from npm packages pinned by",
        "version and sha512; `python scripts/fallback_fonts.py --check` remakes and compares them.",
        "",
        "| file | family, version | source (npm) | bytes | characters |",
        "| --- | --- | --- | ---: | ---: |",
    ]
    for font, made, codes in rows:
        version = _version(originals[font.key])
        out.append(f"| `{font.file}` | {font.family} {version} | `{font.source.package}@{font.source.version}` | "
                   f"{len(made):,} | {len(codes)} |")
    out += ["", f"Together {total:,} bytes.", "", "## What each draws", ""]
    for font, _, codes in rows:
        out.append(f"**{font.family}** (`{font.file}`):")
        out.append("")
        for block, first, last, count in _blocks(codes):
            span = f"U+{first:04X}" if first == last else f"U+{first:04X}–{last:04X}"
            out.append(f"- {block} ({span}): {count}")
        out.append("")
    out += ["## Sources", ""]
    for font, _, _ in rows:
        out.append(f"- `{font.source.package}@{font.source.version}`, `{font.source.member}`: "
                   f"`{font.source.integrity}`")
    return "\n".join(out) + "\n"


def _version(font: object) -> str:
    from fontTools.ttLib import TTFont

    assert isinstance(font, TTFont)
    text = font["name"].getDebugName(5) or ""
    return text.split(";")[0].removeprefix("Version ").strip()


def _blocks(codes: set[int]) -> list[tuple[str, int, int, int]]:
    """``codes`` by block of ``BLOCKS``: (block, its first, its last, how many), in order."""
    found: dict[str, list[int]] = {}
    for block, first, last, _ in BLOCKS:
        found.setdefault(block, []).extend(c for c in range(first, last + 1) if c in codes)
    spans: dict[str, tuple[int, int]] = {}
    for block, first, last, _ in BLOCKS:
        low, high = spans.get(block, (first, last))
        spans[block] = (min(low, first), max(high, last))
    marks = [c for c in EMOJI_MARKS if c in codes]
    rows = [(block, *spans[block], len(got)) for block, got in found.items() if got]
    if marks:
        rows.append(("Combining enclosing keycap", marks[0], marks[-1], len(marks)))
    return rows


if __name__ == "__main__":
    sys.exit(main())
