"""Names of languages, in their own and in other languages, from the Unicode CLDR (babel): the
one table every stage reads.

A page's language switcher ("English 中文 日本語 Français", "FR | EN | ES") repeats on every
page of a site and says nothing about the news: its lines are removed from article text
(:mod:`pressflow.crawl.residue`), its words are never entities (:mod:`pressflow.entities.precision`),
never places (geonames lists 日本語 among a Ukrainian city's alternate names) and never evidence
that two articles tell one story (:mod:`pressflow.stories.similarity`).

The table is shipped in ``pressflow/data/language-names.json`` because reading all of CLDR's
locales at run time costs 140 MB. After a babel or pycountry upgrade, write
:func:`language_name_table` to that file again (``tests/test_board_residue.py`` fails until it is).
Each user reads its own view of it:

* :func:`switcher_names` and :func:`language_codes`: every language's own and English name,
  and the codes, for switcher lines;
* :func:`written_language_names`: the names in :data:`NAME_LOCALES` as a page writes them,
  for entity text;
* :func:`language_names` / :func:`is_language_name`: folded names of the ISO 639-1 languages
  that are no country's name, for places and story anchors.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from importlib import resources
from typing import TypedDict

from pressflow.text.fold import fold_key

LANGUAGE_NAMES_FILE = "language-names.json"
"""The shipped table, in ``pressflow/data``."""
NAME_LOCALES = ("en", "fr", "es", "pt", "it", "de", "nl", "pl", "ro", "ru", "ca", "ar", "fa",
                "ko", "zh", "ja", "tr", "sv", "da")
"""Locales whose names for each other are known besides each language's own and English name
("Japonais", "Alemán", "독일어"). Not every locale's: Indonesian calls Mongolian "Mongolia"."""
SWITCHER_WORDS = ("简体中文", "繁體中文", "简体", "繁體", "繁体", "中文版", "English version",
                  "Bahasa Indonesia", "Bahasa Melayu")
"""Switcher entries that are no CLDR name of a language."""
SWITCHER_CODES = ("eng", "kor", "jpn", "chn", "chi", "zho", "fra", "fre", "deu", "ger", "spa", "esp",
                  "ita", "por", "rus", "ara", "vie", "tha", "ind", "tur", "pol", "nld", "ron", "ukr")
"""Three-letter codes switchers print ("KOR ENG") besides the two-letter ones."""


class LanguageNameTable(TypedDict):
    """The shipped file, names as written by language code: each language's own and English
    names; the names the :data:`NAME_LOCALES` give each other (besides those); switcher words;
    the own and English names that are also a country's (folded); language and region codes."""

    names: dict[str, list[str]]
    names_in_locales: dict[str, list[str]]
    switcher_words: list[str]
    country_names: list[str]
    codes: list[str]


def _written(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).split())


def language_name_table() -> LanguageNameTable:
    """What ``pressflow/data/language-names.json`` holds, built from babel and pycountry:
    every language's name in its own language and in English (every babel locale, every ISO
    639-1 code), the names the :data:`NAME_LOCALES` give each other, and language and region
    codes.

    ``tests/test_board_residue.py`` checks the file is what this function builds.
    """
    import pycountry
    from babel import Locale, UnknownLocaleError, localedata

    english = Locale("en")
    names: dict[str, set[str]] = {}
    in_locales: dict[str, set[str]] = {}

    def add(table: dict[str, set[str]], code: str, name: str | None) -> None:
        if name and name.strip():
            table.setdefault(code, set()).add(_written(name))

    # one locale per language (and Chinese in both scripts): regional ones add no names
    for identifier in [x for x in localedata.locale_identifiers() if "_" not in x] + ["zh_Hans", "zh_Hant"]:
        try:
            locale = Locale.parse(identifier)
        except (ValueError, TypeError):
            continue
        for name in (locale.get_display_name(locale), locale.get_language_name(locale),
                     english.languages.get(locale.language)):
            add(names, locale.language, name)
    for code, name in english.languages.items():
        if not (isinstance(code, str) and len(code) == 2):
            continue
        add(names, code, name)
        try:  # the locale of a code babel calls otherwise ("tl" is "fil": Filipino)
            locale = Locale.parse(code)
        except (UnknownLocaleError, ValueError):
            continue
        add(names, code, locale.get_language_name(locale))
    for tag in NAME_LOCALES:
        locale = Locale.parse(tag)
        for other in NAME_LOCALES:
            name = locale.languages.get(other)
            if name and _written(name) not in names.get(other, set()):
                add(in_locales, other, name)
    countries = {fold_key(n) for c in pycountry.countries
                 for n in (c.name, getattr(c, "common_name", None)) if n}
    also_countries = {fold_key(n) for ns in names.values() for n in ns} & countries
    codes = {str(getattr(x, "alpha_2", "")).lower() for x in pycountry.languages}
    codes |= {str(x.alpha_2).lower() for x in pycountry.countries}
    codes |= set(SWITCHER_CODES)
    return {"names": {code: sorted(ns) for code, ns in sorted(names.items())},
            "names_in_locales": {code: sorted(ns) for code, ns in sorted(in_locales.items())},
            "switcher_words": sorted(SWITCHER_WORDS),
            "country_names": sorted(also_countries),
            "codes": sorted(c for c in codes if c)}


@cache
def shipped_table() -> LanguageNameTable:
    """The table in ``pressflow/data/language-names.json``."""
    text = resources.files("pressflow.data").joinpath(LANGUAGE_NAMES_FILE).read_text("utf-8")
    table: LanguageNameTable = json.loads(text)
    return table


def switcher_names() -> frozenset[str]:
    """Every language's own and English name, and the switcher words, as written."""
    table = shipped_table()
    return frozenset({n for ns in table["names"].values() for n in ns} | set(table["switcher_words"]))


def language_codes() -> frozenset[str]:
    """ISO 639-1 language codes, ISO 3166 region codes and common three-letter codes, lower case."""
    return frozenset(shipped_table()["codes"])


@cache
def written_language_names() -> frozenset[str]:
    """Names of the :data:`NAME_LOCALES` languages (autonyms, English and each other's names),
    as written, capitalised and in capitals: "Deutsch", "Français", "日本語", "Japonais"."""
    table = shipped_table()
    names = {n for code in NAME_LOCALES for part in (table["names"], table["names_in_locales"])
             for n in part.get(code, [])}
    return frozenset(v for n in names for v in (n, n[:1].upper() + n[1:], n.upper()))


@cache
def language_names() -> frozenset[str]:
    """Folded names (:func:`fold_key`) of the ISO 639-1 languages, their own and in English
    (日本語, 中文, 한국어, English, Français, Español...): the words of a language switcher.

    Not the names other locales give ("italià" folds to "Italia", "coreà" to "Corea"), nor a
    name that is also a country's ("Indonesia" is Bahasa Indonesia's own name): those stay
    places. Three-letter languages are left out too: "Embu" and "Meru" are towns."""
    table = shipped_table()
    countries = set(table["country_names"])
    names = {fold_key(n) for code, ns in table["names"].items() if len(code) == 2 for n in ns}
    return frozenset(n for n in names if n and n not in countries)


def is_language_name(name: str) -> bool:
    """Whether ``name`` is the name of a language in some language (case and accents aside)."""
    return fold_key(name) in language_names()
