"""The document's language: the words reportgen prints on its own, its quotes, its dates.

A guide's ``lang`` (``de``, ``fr-CA``, …) picks them; English, German, French and Spanish
ship, a brand may override any word (``defaults: reportgen: words:``), and an unknown
language falls back to English with a warning. Dates are written by Babel from the Unicode
CLDR, in the long form a reader of that language expects ("15. Januar 2026").
"""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from dataclasses import dataclass, fields, replace

DEFAULT = "en"


@dataclass(frozen=True, slots=True)
class Words:
    """Everything the handout and the deck print that the content did not say."""

    contents: str = "Contents"
    notes: str = "Notes"
    page: str = "Page {n} of {total}"
    agenda: str = "Agenda"
    questions: str = "Questions?"
    continued: str = "(cont.)"
    section: str = "Section"
    source: str = "Source"

    def page_of(self, n: int, total: int) -> str:
        return self.page.format(n=n, total=total)


WORDS = {
    "en": Words(),
    "de": Words("Inhalt", "Notizen", "Seite {n} von {total}", "Agenda", "Fragen?", "(Forts.)", "Abschnitt", "Quelle"),
    "fr": Words("Sommaire", "Notes", "Page {n} sur {total}", "Programme", "Des questions\u00a0?", "(suite)",
                "Section", "Source"),
    "es": Words("Índice", "Notas", "Página {n} de {total}", "Agenda", "¿Preguntas?", "(cont.)", "Sección", "Fuente"),
}
WORD_KEYS = tuple(f.name for f in fields(Words))

# Opening and closing double quotes, then single, as markdown-it's typographer takes them.
QUOTES: dict[str, list[str]] = {
    "en": ["“", "”", "‘", "’"],
    "de": ["„", "“", "‚", "‘"],
    "fr": ["«\u00a0", "\u00a0»", "‹\u00a0", "\u00a0›"],
    "es": ["«", "»", "“", "”"],
}
# Babel's locale when only a language is given: English dates as "15 January 2026"
LOCALES = {"en": "en_GB"}


def base(lang: str) -> str:
    """``de`` for ``de``, ``de-AT`` or ``de_AT``."""
    return lang.replace("_", "-").split("-")[0].lower()


def known(lang: str) -> bool:
    return base(lang) in WORDS


def words_for(lang: str, overrides: tuple[tuple[str, str], ...] = ()) -> Words:
    """The words for ``lang`` (English when it has none), with a brand's own in their place."""
    return replace(WORDS.get(base(lang), WORDS[DEFAULT]), **dict(overrides))


def quotes_for(lang: str) -> tuple[str, ...]:
    return tuple(QUOTES.get(base(lang), QUOTES[DEFAULT]))


def long_date(date: dt.date, lang: str) -> str:
    """``date`` written out in ``lang``'s long form, by Babel (CLDR); cached, for Babel's import
    and locale data cost more than a small section."""
    return _long_date(date.isoformat(), lang if known(lang) else DEFAULT)


def _long_date(iso: str, lang: str) -> str:
    from reportgen import state

    key = f"{iso}-{lang}"
    cached = state.cache_get("date", key)
    if isinstance(cached, str):
        return cached
    from babel import Locale, UnknownLocaleError
    from babel.dates import format_date

    name = LOCALES.get(lang, lang.replace("-", "_"))
    try:
        locale = Locale.parse(name)
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse(LOCALES.get(base(lang), base(lang)))
    text = str(format_date(dt.date.fromisoformat(iso), "long", locale=locale))
    state.cache_put("date", key, text)
    return text


# -- the language of a text, from its script (a tagged PDF marks it: render/pdf/tagging.py) --
_SCRIPTS = (("HIRAGANA", "ja"), ("KATAKANA", "ja"), ("HANGUL", "ko"), ("CJK", "zh"), ("ARABIC", "ar"),
            ("HEBREW", "he"), ("GREEK", "el"), ("THAI", "th"), ("DEVANAGARI", "hi"))


def text_language(text: str, document: str) -> str:
    """The language of ``text`` where its script tells it and it is not the ``document``'s:
    mostly kana → ja, hangul → ko, other Han → zh, Arabic, Hebrew, Greek, Thai, Devanagari.
    ``""`` when the text is in the document's language or its script names none."""
    if not text or max(text) < _FIRST_NAMED:  # Latin text, the usual case: no letter to look up
        return ""
    counts: dict[str, int] = {}
    letters = 0
    for char in text:
        if char.isalpha():
            letters += 1
            lang = _script_language(char) if char >= _FIRST_NAMED else ""
            if lang:
                counts[lang] = counts.get(lang, 0) + 1
    if not counts:
        return ""
    if "ja" in counts and "zh" in counts:  # Japanese mixes kanji with kana
        counts["ja"] += counts.pop("zh")
    lang, count = max(counts.items(), key=lambda item: item[1])
    if count * 2 < letters or document.split("-")[0].lower() == lang:
        return ""
    return lang


_FIRST_NAMED = "\u0370"  # the first letter of a script in ``_SCRIPTS`` (Greek)


@functools.cache
def _script_language(char: str) -> str:
    name = unicodedata.name(char, "")
    return next((lang for prefix, lang in _SCRIPTS if name.startswith(prefix)), "")
