"""brand.yml → ``Theme``: read with the brand-yml package, resolved once for both outputs.

The brand file is the open brand.yml schema (``meta``, ``logo``, ``color``, ``typography``)
with reportgen's own settings under ``defaults: reportgen:`` (see ``brand_settings.py``). Errors name
the brand file and the line of the offending key.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from reportgen import ASSETS
from reportgen.brand_fields import unused_fields
from reportgen.brand_settings import read_settings, theme_fields
from reportgen.errors import Diagnostics, ReportgenError, SourceRef
from reportgen.fonts import FontFamily
from reportgen.load.files import check_keys, line_of, parse_yaml, read_text
from reportgen.theme import (
    LINE_HEIGHT,
    PAGE_MARGINS_MM,
    PAGE_SIZES,
    RGB,
    SLIDE_MARGIN,
    SLIDE_SIZES,
    Box,
    Logo,
    Palette,
    Theme,
    build_styles,
)
from reportgen.theme.colors import (
    DEFAULT_BACKGROUND,
    DEFAULT_FOREGROUND,
    DEFAULT_PRIMARY,
    TONES,
    CodeColors,
    code_colors,
    derive_palette,
)

DEFAULT_BRAND = ASSETS / "brand.yml"
_CARLITO = [ASSETS / "fonts" / f"Carlito-{s}.ttf" for s in ("Regular", "Bold", "Italic", "BoldItalic")]
DEFAULT_FAMILY = FontFamily("Carlito", (_CARLITO[0], _CARLITO[1], _CARLITO[2], _CARLITO[3]))
BOLD_WEIGHT = 600  # format: CSS weights from 600 up are bold faces (semibold and heavier)
DEFAULT_MONO = FontFamily("Liberation Mono", (ASSETS / "fonts" / "LiberationMono-Regular.ttf",) * 4)

def brand_file(path: Path | None) -> Path:
    """The brand file a build reads: the one given, else reportgen's default."""
    return (path or DEFAULT_BRAND).resolve()


def load_theme(path: Path | None, diag: Diagnostics, key: str | None = None) -> Theme:
    """Read and validate a brand.yml; every field is optional and falls back sensibly.

    The resolved theme is cached by a hash of the brand file, the files it names and
    reportgen's source (``key``, if the caller has it): validating with brand-yml costs
    more than a whole deck. The default brand's comes resolved with reportgen (``prebuilt.py``).
    """
    from reportgen import prebuilt, state

    path = brand_file(path)
    key = key or state.brand_digest(path)
    cached = state.cache_get("theme", key)
    if cached is None:
        # the default brand's comes with reportgen; kept in the cache too, which is quicker
        # to read than checking what the shipped one was made from (0.5 ms against 1.5–4)
        cached = prebuilt.theme(path) if path == DEFAULT_BRAND else None
        if cached is None:
            own = Diagnostics(strict=diag.strict)
            cached = (_load_theme(path, own), own.warnings)
        state.cache_put("theme", key, cached)
    theme, warnings = cached
    for warning in warnings:
        diag.warn(warning.message, warning.source)
    return theme  # type: ignore[no-any-return]


def _load_theme(path: Path, diag: Diagnostics) -> Theme:
    data = parse_yaml(read_text(path, diag, "brand file"), path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ReportgenError("a brand file must be a mapping (meta, logo, color, typography)", SourceRef(path, 1))
    check_keys(data, ("meta", "logo", "color", "typography", "defaults"), path, "brand file")
    settings = read_settings(data, path, _line(data, "defaults"))
    brand = _validate(data, path)
    for field, line in unused_fields(data):
        diag.warn(f"'{field}' is not used by reportgen (the README lists the brand fields it uses)",
                  SourceRef(path, line))
    colors = _palette(brand, data, path)
    body, heading, mono = _families(brand, data, path, diag)
    heading_color = _color(getattr(brand.typography and brand.typography.headings, "color", None), colors.primary,
                           path, _line(data, "typography", "headings", "color"))
    line_height = getattr(brand.typography and brand.typography.base, "line_height", None) or LINE_HEIGHT
    body_size = float(settings["body-size"])
    own = (data.get("defaults") or {}).get("reportgen") or {}
    size = getattr(brand.typography and brand.typography.base, "size", None)
    if size is not None and "body-size" not in own:  # reportgen's own body-size, when set, wins
        body_size = _points(size, path, _line(data, "typography", "base", "size"))
    scale = {"body": body_size, "slide-body": float(settings["slide-body-size"])}
    code_size = getattr(brand.typography and brand.typography.monospace, "size", None)
    if code_size is not None:  # the handout's code, relative to its body text when in em or %
        scale["code"] = _points(code_size, path, _line(data, "typography", "monospace", "size"), body_size)
    headings = brand.typography.headings if brand.typography else None
    bold = _is_bold(getattr(headings, "weight", None), default=True)
    italic = getattr(headings, "style", None) == "italic"
    heading_leading = getattr(headings, "line_height", None)
    styles = build_styles(body, heading, mono, colors, scale, heading_color, float(line_height), (bold, italic),
                          float(heading_leading) if heading_leading else None)
    logo, logo_dark, logo_medium_dark = _logos(brand, path, data, diag)
    full_name = _brand_name(brand)
    home = str(brand.meta.link.home) if brand.meta and brand.meta.link and brand.meta.link.home else ""
    pw, ph = PAGE_SIZES[settings["page-size"]]
    sw, sh = SLIDE_SIZES[settings["slide-size"]]
    mm = 72 / 25.4
    top, right, bottom, left = (side * mm for side in PAGE_MARGINS_MM)
    return Theme(
        name=full_name,
        colors=colors,
        styles=styles,
        page=Box(pw, ph, top=top, right=right, bottom=bottom, left=left),
        slide=Box(sw, sh, top=SLIDE_MARGIN, right=SLIDE_MARGIN, bottom=SLIDE_MARGIN, left=SLIDE_MARGIN),
        logo=logo,
        logo_on_dark=logo_dark,
        logo_medium_on_dark=logo_medium_dark,
        footer=settings["footer"] if settings["footer"] is not None else full_name,
        link=settings["link"] or home,
        **theme_fields(settings),
        code_colors=_code_colors(settings["code-colors"], colors, brand, path, data),
        link_bold=_is_bold(getattr(brand.typography and brand.typography.link, "weight", None), default=False),
    )


def _line(data: Any, *keys: str | int) -> int | None:
    """The line of a nested key, or of its nearest present parent."""
    line, node = None, data
    for key in keys:
        found = line_of(node, key)
        if found is None:
            break
        line = found
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
    return line


def _validate(data: dict[str, Any], path: Path) -> Any:
    """Validate with brand-yml; map pydantic's key path back to a line of the file."""
    from brand_yml import Brand
    from brand_yml._defs import CircularReferenceError
    from pydantic import ValidationError

    plain = _plain(data)
    for section in ("logo", "typography"):  # absolute file paths work: brand-yml reads them relative
        if section in plain:
            plain[section] = _relative(plain[section], path.parent)
    plain["path"] = path
    try:
        return Brand.model_validate(plain)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = [k for k in err["loc"] if not (isinstance(k, str) and k[:1].isupper() or "[" in str(k))]
        where = ".".join(str(k) for k in loc) or "brand"
        msg = str(err["msg"]).removeprefix("Value error, ")
        hint = None
        if err["type"] == "url_parsing":  # pydantic's words for a path it cannot read as a file or URL
            msg, hint = "not a file path or a web address", "write a path relative to brand.yml, or an absolute one"
        raise ReportgenError(f"invalid brand value at '{where}': {msg}", SourceRef(path, _line(data, *loc)),
                             hint=hint) from None
    except (ValueError, CircularReferenceError) as exc:  # brand-yml's own checks (colour references)
        message = " ".join(str(exc).split())
        raise ReportgenError(f"invalid brand: {message}", SourceRef(path, _line(data, "color") or 1),
                             hint="a colour may name a palette entry, but not in a loop") from None


def _is_bold(weight: Any, default: bool) -> bool:
    """Whether a brand.yml weight (``bold``, ``normal``, or 100 to 900) is set in the bold face:
    from 600 (semibold) up; ``default`` where the brand sets none."""
    if weight is None:
        return default
    return weight == "bold" or (isinstance(weight, int) and weight >= BOLD_WEIGHT)


CSS_POINTS = {"pt": 1.0, "px": 0.75, "rem": 12.0}  # format: CSS units in points (a 16 px root)
ROOT_POINTS = 12.0  # format: CSS's 1rem, 16 px, in points


def _points(size: Any, path: Path, line: int | None, em: float = ROOT_POINTS) -> float:
    """A CSS length (``16px``, ``1rem``, ``11pt``, ``0.9em``, ``90%``) in points; ``em`` and ``%``
    of ``em`` points (the parent's size)."""
    import re

    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(pt|px|rem|em|%)?\s*", str(size))
    if not match:
        raise ReportgenError(f"'{size}' is not a font size", SourceRef(path, line),
                             hint="write a CSS size such as '16px', '1rem', '11pt' or '0.9em'")
    value, unit = float(match.group(1)), match.group(2) or "px"
    factor = {"em": em, "%": em / 100}.get(unit) or CSS_POINTS[unit]
    return round(value * factor, 2)


def _relative(node: Any, folder: Path) -> Any:
    """``node`` with absolute file paths made relative to ``folder`` (brand-yml only takes
    URLs and relative paths; ``../`` reaches anywhere)."""
    import os

    if isinstance(node, dict):
        return {k: _relative(v, folder) for k, v in node.items()}
    if isinstance(node, list):
        return [_relative(v, folder) for v in node]
    if isinstance(node, str) and os.path.isabs(node):
        try:
            return os.path.relpath(node, folder)
        except ValueError:  # another drive (Windows): left for the validator to name
            return node
    return node


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def _color(value: Any, fallback: RGB, path: Path, line: int | None, palette: dict[str, Any] | None = None) -> RGB:
    """A hex code, a palette name or a CSS colour name, as brand.yml allows."""
    from PIL import ImageColor

    if value is None:
        return fallback
    text = str(value).strip()
    seen = set()
    while palette and text in palette and text not in seen:  # palette names may chain
        seen.add(text)
        text = str(palette[text]).strip()
    try:
        rgb = ImageColor.getrgb(text)
    except ValueError:
        raise ReportgenError(
            f"'{value}' is not a colour", SourceRef(path, line),
            hint="use a hex code like '#1F4E79', a palette name, or a CSS colour name",
        ) from None
    return (rgb[0], rgb[1], rgb[2])


def _palette(brand: Any, data: dict[str, Any], path: Path) -> Palette:
    color = brand.color
    pal = dict(color.palette or {}) if color else {}

    def get(name: str, fallback: RGB) -> RGB:
        return _color(getattr(color, name, None) if color else None, fallback, path, _line(data, "color", name), pal)

    for name, value in pal.items():
        _color(value, (0, 0, 0), path, _line(data, "color", "palette", name), pal)
    def typed(*keys: str) -> RGB | None:
        """A colour under ``typography`` (``link``, ``color``), if the brand sets it."""
        node = brand.typography
        for key in keys:
            node = getattr(node, key.replace("-", "_"), None)
        return None if node is None else _color(node, (0, 0, 0), path, _line(data, "typography", *keys), pal)

    def named(name: str) -> RGB | None:
        return get(name, (0, 0, 0)) if color and getattr(color, name) else None

    primary = get("primary", DEFAULT_PRIMARY)
    link = typed("link", "color") or named("info")  # typography.link.color, before color.info
    palette = derive_palette(primary, get("foreground", DEFAULT_FOREGROUND), get("background", DEFAULT_BACKGROUND),
                             named("secondary"), link, named("light"))
    tones = tuple((name, tone) for name in TONES if (tone := named(name)))
    return replace(palette, code_ground=typed("monospace-block", "background-color"),
                   inline_code=typed("monospace-inline", "color"),
                   inline_ground=typed("monospace-inline", "background-color"), tones=tones)


def _code_colors(chosen: tuple[tuple[str, str, int | None], ...], palette: Palette, brand: Any,
                 path: Path, data: dict[str, Any]) -> CodeColors:
    """Code's colours: those the brand chose (``code-colors``), read as its other colours are."""
    names = dict(brand.color.palette or {}) if brand.color else {}
    block = brand.typography.monospace_block if brand.typography else None
    plain = (("plain", block.color, _line(data, "typography", "monospace-block", "color")),) \
        if block is not None and block.color is not None else ()
    return code_colors(palette, {role: _color(text, palette.foreground, path, line, names)
                                 for role, text, line in (*plain, *chosen)})


def _families(brand: Any, data: dict[str, Any], path: Path, diag: Diagnostics) -> tuple[FontFamily, ...]:
    """Font families from files the brand lists; an unavailable family falls back to Carlito."""
    typo = brand.typography
    declared: dict[str, FontFamily] = {}
    for index, font in enumerate(getattr(typo, "fonts", None) or []):
        if getattr(font, "source", None) == "file":
            declared[font.family] = _family_from_files(font, path, _line(data, "typography", "fonts", index))

    def pick(role: str, fallback: FontFamily) -> FontFamily:
        node = getattr(typo, role, None) if typo else None
        name = getattr(node, "family", None)
        if not name:
            return fallback
        if name in declared:
            return declared[name]
        if name == DEFAULT_FAMILY.name or name == DEFAULT_FAMILY.deck_name:
            return DEFAULT_FAMILY
        diag.warn(
            f"font '{name}' for {role} has no font file here (web and system fonts are not downloaded); "
            f"using {fallback.name}",
            SourceRef(path, _line(data, "typography", role, "family") or _line(data, "typography", role)),
        )
        return fallback

    base = pick("base", DEFAULT_FAMILY)
    families = base, pick("headings", base), pick("monospace", DEFAULT_MONO)
    for family in dict.fromkeys(families[:2]):  # text set in bold (headings, strong words): code is not
        if family.files[1] == family.files[0]:
            diag.warn(f"font '{family.name}' has no bold file: its bold text and headings are set in the regular "
                      "face (list a file with 'weight: bold')", SourceRef(path, _line(data, "typography", "fonts")))
    own = (f for f in families if f.deck_name == f.name and f not in (DEFAULT_FAMILY, DEFAULT_MONO))
    for family in dict.fromkeys(own):
        diag.warn(f"font '{family.name}' has no metric twin that every viewer has: the deck names it as it is, and "
                  "a viewer without it installed shows another font, its lines broken differently (the PDFs embed "
                  "it)", SourceRef(path, _line(data, "typography", "fonts")))
    return families


def _family_from_files(font: Any, brand_path: Path, line: int | None) -> FontFamily:
    slots: dict[int, Path] = {}
    for entry in font.files:
        where = str(entry.path.root)
        if where.startswith(("http://", "https://")):
            raise ReportgenError(
                f"font file '{where}' is remote", SourceRef(brand_path, line), hint="download it next to brand.yml"
            )
        file = (brand_path.parent / where).resolve()
        if file.suffix.lower() not in (".ttf", ".otf"):
            raise ReportgenError(
                f"font file '{where}' is {file.suffix or 'of unknown type'}",
                SourceRef(brand_path, line),
                hint="only TrueType fonts (.ttf, or .otf with TrueType outlines) can be embedded",
            )
        if not file.is_file():
            raise ReportgenError(f"font file '{where}' not found", SourceRef(brand_path, line), hint="check the path")
        weight = entry.weight.root if entry.weight is not None else "auto"
        bold = weight == "bold" or (isinstance(weight, int) and weight >= 600)
        slots[int(bold) + 2 * int(entry.style == "italic")] = file
    _check_ttf(slots, brand_path, line)
    regular = slots.get(0) or next(iter(slots.values()))
    bold = slots.get(1, regular)
    italic = slots.get(2, regular)
    return FontFamily(font.family, (regular, bold, italic, slots.get(3, bold if 1 in slots else italic)))


def _check_ttf(slots: dict[int, Path], brand_path: Path, line: int | None) -> None:
    for file in slots.values():
        head = file.read_bytes()[:4]
        if head not in (b"\x00\x01\x00\x00", b"true"):
            raise ReportgenError(
                f"font file '{file.name}' is not a TrueType font",
                SourceRef(brand_path, line),
                hint="use a .ttf file (PostScript-flavoured .otf, .woff and .woff2 cannot be embedded)",
            )


def _logos(brand: Any, path: Path, data: dict[str, Any], diag: Diagnostics
           ) -> tuple[Logo | None, Logo | None, Logo | None]:
    """The logos for each place, by the sizes brand.yml names: the small one (else the next
    size up) on light running headers and slide footers, the large one on the cover and title
    slide, the medium one on dividers and the closing slide; a ``{light, dark}`` pair gives the
    one for white pages and the one for primary-coloured grounds (a plain logo serves both)."""
    from brand_yml.logo import BrandLogo, BrandLogoResource, BrandLogoResourceLightDark

    logo = brand.logo
    if logo is None:
        return None, None, None
    sizes: dict[str, Any] = {"small": None, "medium": None, "large": None}
    if isinstance(logo, BrandLogoResource):
        sizes = dict.fromkeys(sizes, logo)
    elif isinstance(logo, BrandLogo):
        sizes = {size: getattr(logo, size) for size in sizes}

    def pick(order: tuple[str, ...], dark: bool) -> Logo | None:
        found: list[Any] = []
        for size in order:
            res = sizes[size]
            if isinstance(res, BrandLogoResourceLightDark):
                res = (res.dark or res.light) if dark else (res.light or res.dark)
            if res is not None:
                found.append(res)
        return _pick_logo(found, path, data, diag)

    return (pick(("small", "medium", "large"), False), pick(("large", "medium", "small"), True),
            pick(("medium", "large", "small"), True))


def _pick_logo(candidates: list[Any], path: Path, data: dict[str, Any], diag: Diagnostics) -> Logo | None:
    from reportgen.load.images import check_image, image_size, svg_notes

    ref = SourceRef(path, _line(data, "logo"))
    for resource in candidates[:1]:
        where = str(resource.path.root)
        if where.startswith(("http://", "https://")):
            raise ReportgenError(f"logo '{where}' is remote", ref, hint="download it next to brand.yml")
        file = (path.parent / where).resolve()
        try:
            check_image(file, where, "logo")
        except ReportgenError as exc:
            exc.source = ref
            raise
        notes = svg_notes(file, "logo", where)
        if notes:
            diag.warn(notes, ref)
        return Logo(file, image_size(file))
    return None


def _brand_name(brand: Any) -> str:
    name = brand.meta.name if brand.meta else None
    if name is None:
        return ""
    return str(getattr(name, "full", None) or getattr(name, "short", None) or name)
