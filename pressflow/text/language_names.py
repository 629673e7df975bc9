"""Names of languages, in their own and in other languages, from the Unicode CLDR (babel).

A page's language switcher ("English 中文 日本語 Français") repeats on every page of a site
and says nothing about the news: its words are never places (geonames lists 日本語 among a
Ukrainian city's alternate names) and never evidence that two articles tell one story.
"""

from __future__ import annotations

from functools import lru_cache

from pressflow.text.fold import fold_key

NAME_LOCALES = ("en",)
"""Besides each language's own name, the names these locales give: what switchers write.
Not every locale's: Indonesian calls Mongolian "Mongolia", which must stay a country."""


@lru_cache(maxsize=1)
def language_names() -> frozenset[str]:
    """Folded names (:func:`fold_key`) of the ISO 639-1 languages, in :data:`NAME_LOCALES`
    and in each language itself (日本語, 中文, 한국어, English, Français, Español...): the
    words of a language switcher."""
    from babel import Locale, UnknownLocaleError

    codes = [c for c in Locale("en").languages if isinstance(c, str) and len(c) == 2]
    names: set[str] = set()
    for tag in (*NAME_LOCALES, *codes):
        try:
            locale = Locale.parse(tag)
        except (UnknownLocaleError, ValueError):
            continue
        own = locale.languages
        wanted = codes if tag in NAME_LOCALES else [locale.language]
        names |= {fold_key(own[c]) for c in wanted if own.get(c)}
    import pycountry

    # a country that shares its name with its language ("Indonesia" is Bahasa Indonesia's
    # own name) stays a country
    countries = {fold_key(n) for c in pycountry.countries
                 for n in (c.name, getattr(c, "common_name", None)) if n}
    return frozenset(n for n in names if n and n not in countries)


def is_language_name(name: str) -> bool:
    """Whether ``name`` is the name of a language in some language (case and accents aside)."""
    return fold_key(name) in language_names()
