"""Publication dates from a page: structured data, then the URL, then the visible text.

Month names come from the Unicode CLDR through babel (every regional locale of the language,
wide and abbreviated, format and stand-alone forms: Arabic reads يناير and the Levantine
كانون الثاني / آذار alike), so "12 juillet 2024", "6 giugno 2019", "24-27 mai 2022",
"3. März 2023" or "July 12, 2024" are read without a hand-kept list per language. The
table is built from babel once and shipped (``pressflow/data/month-names.json``, see
:func:`month_name_table`); month names and page text are folded the same way.

Also read: dates in Chinese, Japanese and Korean (2024年7月12日, 2024년 7월 12일), digits of
any script (١٢ يوليو ٢٠٢٤), and the Persian calendar (۲۲ تیر ۱۴۰۳ is 12 July 2024).

Every date returned is timezone-aware and keeps the offset the source wrote (a time with
no offset is taken as UTC). A date given without a time is midnight of that day in
:data:`~pressflow.records.DATE_ONLY`, so it is shown as a date, never as "00:00 +0000".
Nothing here ever answers "now": no date is better than a guess.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from dateutil import parser as dateutil_parser

from pressflow.records import DATE_ONLY
from pressflow.text.fold import fold

# Languages tried after the page's own, for pages that declare nothing or declare wrongly.
FALLBACK_LANGS = ("en", "fr", "es", "it", "de", "pt", "ro", "nl", "ca", "pl")
EARLIEST_YEAR = 1995  # news sites before this are not what pressflow reads

_META_KEYS = (
    "article:published_time", "article:published", "og:published_time", "og:article:published_time",
    "datepublished", "date", "dc.date.issued", "dc.date", "dcterms.issued", "dcterms.created",
    "dcterms.date", "publish-date", "publish_date", "pubdate", "publishdate", "sailthru.date",
    "parsely-pub-date", "article.published", "published_time", "cxenseparse:recs:publishtime",
)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:/|[_-]|\.html?|$)")
_ISO_DATE = re.compile(r"\b((?:19|20)\d{2})-(0?[1-9]|1[0-2])-(0?[1-9]|[12]\d|3[01])\b")
_NUMERIC_DMY = re.compile(r"\b(0?[1-9]|[12]\d|3[01])[./](0?[1-9]|1[0-2])[./]((?:19|20)\d{2})\b")
_HAS_TIME = re.compile(r"\d:\d|T\d")
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
# Chinese, Japanese and Korean: 2024年7月12日, 2024년 7월 12일
_CJK_DATE = re.compile(r"((?:19|20)\d{2})\s*[年년]\s*(1[0-2]|0?[1-9])\s*[月월]\s*(3[01]|[12]\d|0?[1-9])\s*[日일]")
# Persian (Solar Hijri) calendar: ۲۲ تیر ۱۴۰۳ (digits made ASCII first)
PERSIAN_MONTHS = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان",
                  "آذر", "دی", "بهمن", "اسفند")


def with_zone(value: datetime) -> datetime:
    """An aware datetime in the source's own offset; a naive one is taken as UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


# An ISO 8601 date (and time) at the start of a value whose tail fromisoformat refuses ("EET")
_ISO_START = re.compile(r"(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:[T ]\d{2}:\d{2}(?::\d{2})?)?")


def parse_machine_date(value: str | None) -> datetime | None:
    """An ISO 8601 or RFC 2822-ish date from markup (``datetime=``, JSON-LD, meta tags)."""
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
    if not re.search(r"\d{4}", value):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        iso = _ISO_START.match(value)
        try:
            if iso:  # year first is never day first: "2021-01-03T17:40:00EET" is 3 January
                parsed = datetime.fromisoformat(iso[0])
            else:
                parsed = dateutil_parser.parse(value, dayfirst=True, fuzzy=False)
        except (ValueError, OverflowError, TypeError):
            return None
    if not EARLIEST_YEAR <= parsed.year <= 2100:
        return None
    if not _HAS_TIME.search(value):
        return datetime(parsed.year, parsed.month, parsed.day, tzinfo=DATE_ONLY)
    return with_zone(parsed)


def _jsonld_objects(data: Any) -> Iterable[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _jsonld_objects(item)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if key in data:
                yield from _jsonld_objects(data[key])


# JSON-LD as some pages wrap it: in CDATA or an HTML comment, with a trailing semicolon
_JSONLD_OPENING = re.compile(r"^\s*(?://\s*)?(?:<!\[CDATA\[|<!--)")
_JSONLD_CLOSING = re.compile(r";?\s*(?://\s*)?(?:\]\]>|-->)?\s*;?\s*$")
# A publication date's meta tag as other sites name it (goose3 and htmldate read these too)
_EXTRA_META_KEYS = ("originalpublicationdate", "rnews:datepublished", "article:published_date",
                    "og:pubdate", "datecreated", "date_published", "publication_date", "release_date")
# An element whose class or id says it holds the publication date ("pubdate", "published-date")
_PUBDATE_CLASS = re.compile(r"^(?:pub-?date|published|publish-?date|published-?date|date-?published|"
                            r"post-?date|entry-?date|article-?date|dateline)$", re.I)


def parse_jsonld(raw: str | None) -> Any:
    """A JSON-LD script's data, or None: the CDATA or comment some pages wrap it in, and a
    trailing semicolon, are removed first."""
    try:
        return json.loads(_JSONLD_CLOSING.sub("", _JSONLD_OPENING.sub("", raw or "")))
    except (ValueError, TypeError):
        return None


def parse_structured_date(value: Any) -> datetime | None:
    """A date as structured data writes it: text (:func:`parse_machine_date`) or a Unix
    time in seconds or milliseconds (``"datePublished": 1676551869``)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 1e11 else value
        try:
            found = datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
        return found if EARLIEST_YEAR <= found.year <= 2100 else None
    if isinstance(value, list) and value:
        return parse_structured_date(value[0])
    return parse_machine_date(value) if isinstance(value, str) else None


def date_from_structured(soup: Any) -> datetime | None:
    """The publication date the page's markup states, strongest statement first: JSON-LD
    ``datePublished``, publication meta tags (also parse.ly's ``parsely-page`` JSON), JSON-LD
    ``dateCreated``/``uploadDate``, an element marked ``itemprop="datePublished"``, a
    ``<time>`` element, then an element whose class says "pubdate" holding a machine date.

    ``datePublished`` goes before the meta tags: a site that updates a story often rewrites
    ``article:published_time`` with the change's time while its JSON-LD keeps the first one."""
    jsonld = [obj for script in soup.find_all("script", attrs={"type": re.compile("ld\\+json", re.I)})
              for obj in _jsonld_objects(parse_jsonld(script.string))]
    for obj in jsonld:
        found = parse_structured_date(obj.get("datePublished"))
        if found:
            return found
    metas: dict[str, str] = {}
    for meta in soup.find_all("meta"):
        for attr in ("property", "name", "itemprop"):  # property="article:published" itemprop="datePublished"
            key = str(meta.get(attr) or "").lower()
            if key and meta.get("content") and key not in metas:
                metas[key] = meta["content"]
    for key in (*_META_KEYS, *_EXTRA_META_KEYS):
        found = parse_machine_date(metas.get(key))
        if found:
            return found
    parsely = parse_jsonld(metas.get("parsely-page"))
    if isinstance(parsely, dict):
        found = parse_structured_date(parsely.get("pub_date"))
        if found:
            return found
    for obj in jsonld:
        for key in ("dateCreated", "uploadDate"):
            found = parse_structured_date(obj.get(key))
            if found:
                return found
    return _date_from_elements(soup)


def _date_from_elements(soup: Any) -> datetime | None:
    """A date element in the page: ``itemprop="datePublished"``, ``<time>``, or an element
    whose class or id says "pubdate" and whose text is a machine date. Elements in a nav,
    footer or sidebar, and those marked as the last change, do not count."""
    scopes = [el for el in (soup.find("article"), soup.find("main")) if el is not None] + [soup]

    def usable(el: Any) -> bool:
        return el.find_parent(["nav", "footer", "aside"]) is None and \
            not re.search(r"modified|updated", str(el.get("itemprop") or ""), re.I)

    for el in soup.find_all(attrs={"itemprop": re.compile(r"^datePublished$", re.I)}):
        if el.name != "meta" and usable(el):
            found = parse_machine_date(el.get("datetime") or el.get("content") or el.get_text(" ", strip=True))
            if found:
                return found
    for scope in scopes:
        for time_el in scope.find_all("time"):
            if not usable(time_el):
                continue  # the last change, not the publication
            found = parse_machine_date(time_el.get("datetime") or time_el.get("content"))
            if found:
                return found
    for el in soup.find_all(True, attrs={"class": _PUBDATE_CLASS}):
        if usable(el):
            text = el.get_text(" ", strip=True)
            found = parse_machine_date(text) if len(text) <= 40 and _ISO_START.search(text) else None
            if found:
                return found
    return None


def date_from_url(url: str | None) -> datetime | None:
    """A full year/month/day in the address (``/2024/07/12/slug``, ``/2024-07-12-slug``)."""
    if not url:
        return None
    match = _URL_DATE.search(url)
    if not match:
        return None
    try:
        return datetime(int(match[1]), int(match[2]), int(match[3]), tzinfo=DATE_ONLY)
    except ValueError:
        return None


# Letters Arabic and Persian write two ways, once more after the fold (compatibility forms
# decompose into them), and teh marbuta and heh with yeh as plain heh
_ARABIC_SCRIPT_VARIANTS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه"})


def _fold(text: str) -> str:
    """:func:`pressflow.text.fold.fold` for dates: also digits of any script as 0-9 and the
    letters above as one. Month tables and page text both go through here, so whatever it
    strips ("آذر" -> "اذر") is stripped on both sides."""
    return ascii_digits(fold(text).translate(_ARABIC_SCRIPT_VARIANTS))


def ascii_digits(text: str) -> str:
    """Arabic-Indic, Persian, Devanagari... digits as 0-9 (same length: offsets hold)."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


# the Persian month names as folded text reads them (آبان and آذر lose their madda)
_FOLDED_PERSIAN_MONTHS = {_fold(name): number for number, name in enumerate(PERSIAN_MONTHS, 1)}
_JALALI_DATE = re.compile(
    r"(?<!\d)(3[01]|[12]\d|0?[1-9])\s+("
    + "|".join(re.escape(m) for m in sorted(_FOLDED_PERSIAN_MONTHS, key=len, reverse=True))
    + r")(?:\s+ماه)?\s+(1[34]\d{2})(?!\d)")


def jalali_to_gregorian(jy: int, jm: int, jd: int) -> tuple[int, int, int]:
    """A Solar Hijri (Persian calendar) date as a Gregorian one (the jalaali algorithm)."""
    jy += 1595
    days = -355668 + 365 * jy + (jy // 33) * 8 + ((jy % 33) + 3) // 4 + jd + \
        ((jm - 1) * 31 if jm < 7 else (jm - 7) * 30 + 186)
    gy = 400 * (days // 146097)
    days %= 146097
    if days > 36524:
        days -= 1
        gy += 100 * (days // 36524)
        days %= 36524
        if days >= 365:
            days += 1
    gy += 4 * (days // 1461)
    days %= 1461
    if days > 365:
        gy += (days - 1) // 365
        days = (days - 1) % 365
    gd = days + 1
    leap = (gy % 4 == 0 and gy % 100 != 0) or gy % 400 == 0
    for gm, n in enumerate((31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31), 1):
        if gd <= n:
            return gy, gm, gd
        gd -= n
    raise ValueError(f"no such Solar Hijri date: {jy - 1595}/{jm}/{jd}")


MONTH_NAMES_FILE = "month-names.json"


def cldr_months(lang: str) -> dict[str, int]:
    """Month name (folded) -> number for one language, from CLDR through babel: the
    language's own locale first, then its regional ones (a name already taken keeps its
    first meaning)."""
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for locale in month_locales(lang):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                try:
                    table = get_month_names(width, context=context, locale=locale)
                except Exception:  # babel raises several kinds for odd locales
                    continue
                for number, name in table.items():
                    folded = readable_month_name(name, wide=width == "wide")
                    if folded:
                        names.setdefault(folded, number)
    return names


def month_name_table() -> dict[str, dict[str, int]]:
    """What ``pressflow/data/month-names.json`` holds: :func:`cldr_months` of every language
    babel knows. Shipped as a file because reading every regional locale of the languages
    tried on each page costs tens of MB at run time; ``tests/test_dates_months.py`` checks
    the file is what this builds (write it again after a babel upgrade)."""
    from babel import localedata

    languages = sorted({x.split("_")[0] for x in localedata.locale_identifiers()} - {"root"})
    return {lang: table for lang in languages if (table := cldr_months(lang))}


@functools.lru_cache(maxsize=1)
def _month_tables() -> dict[str, dict[str, int]]:
    from importlib import resources

    text = resources.files("pressflow.data").joinpath(MONTH_NAMES_FILE).read_text("utf-8")
    tables: dict[str, dict[str, int]] = json.loads(text)
    return tables


@functools.lru_cache(maxsize=64)
def _months(lang: str) -> dict[str, int]:
    """Month name (folded) -> number for one language ("pt-BR" reads the "pt" table)."""
    return _month_tables().get(re.split(r"[-_]", lang.strip())[0].lower(), {}) if lang else {}


def readable_month_name(name: str, *, wide: bool) -> str | None:
    """A CLDR month name as the text matcher looks for it, or None when it is too short to
    tell from an ordinary word. A full name counts from two letters (Hindi मई, Levantine
    آب, Persian مه), an abbreviation from three (not "ag." nor "Me")."""
    folded = _fold(name).strip().rstrip(".")
    folded = re.sub(r"^(de\s+|d[’']\s*|del\s+)", "", folded)  # Catalan "de gener", "d’abril"
    return folded if len(folded) >= (2 if wide else 3) and not folded.isdigit() else None


@functools.lru_cache(maxsize=64)
def month_locales(lang: str) -> tuple[str, ...]:
    """The babel locales whose month names are read for ``lang`` ("ar": ar, ar_SY, ar_MA...)."""
    from babel import Locale, UnknownLocaleError, localedata

    try:
        base = str(Locale.parse(lang.replace("-", "_")))
    except (UnknownLocaleError, ValueError, TypeError):
        return ()
    language = base.split("_")[0]
    regional = sorted(x for x in localedata.locale_identifiers()
                      if x.split("_")[0] == language and x != base)
    return (base, *regional)


@functools.lru_cache(maxsize=64)
def _month_pattern(lang: str) -> re.Pattern[str] | None:
    months = _months(lang)
    if not months:
        return None
    alternation = "|".join(re.escape(m) for m in sorted(months, key=len, reverse=True))
    day = r"(?P<day>0?[1-9]|[12]\d|3[01])"
    # "12 juillet 2024", "24-27 mai", "3. März 2023", "1er mars", "6 de junio de 2021"
    dmy = (rf"\b{day}(?:er|eme|º|°|st|nd|rd|th)?\.?(?:\s*[-–/]\s*\d{{1,2}}\.?)?\s+(?:de\s+|di\s+|d[’']\s*)?"
           rf"(?P<month>{alternation})\.?(?![a-z])(?:,?\s+(?:de\s+|del\s+)?(?P<year>(?:19|20)\d{{2}}))?")
    # "July 12, 2024", "March 3 2023"
    mdy = (rf"\b(?P<month2>{alternation})\.?\s+(?P<day2>0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
           rf"(?:\s*[-–]\s*\d{{1,2}})?,?\s+(?P<year2>(?:19|20)\d{{2}})\b")
    return re.compile(f"{dmy}|{mdy}")


def dates_in_text(text: str, lang: str | None, *, default_year: int | None = None,
                  ) -> list[datetime]:
    """Every calendar date written out in ``text``, in order of appearance.

    Month names are read in ``lang`` first, then in a few common languages. A date written
    without a year ("6 giugno") takes ``default_year`` or the next year written after it in
    the same text; with neither it is skipped.
    """
    folded = _fold(text)
    found: list[tuple[int, datetime]] = []
    langs = [lang] if lang else []
    langs += [x for x in FALLBACK_LANGS if x != lang]
    for code in langs:
        pattern = _month_pattern(code)
        if pattern is None:
            continue
        months = _months(code)
        for match in pattern.finditer(folded):
            if match.group("month"):
                day, month_name, year = match.group("day"), match.group("month"), match.group("year")
            else:
                day, month_name, year = match.group("day2"), match.group("month2"), match.group("year2")
            year_value = int(year) if year else default_year
            if year_value is None:
                later = _YEAR.search(folded, match.end(), match.end() + 200)
                year_value = int(later.group(1)) if later else None
            if year_value is None:
                continue
            try:
                found.append((match.start(), datetime(year_value, months[month_name], int(day),
                                                      tzinfo=DATE_ONLY)))
            except ValueError:
                continue
        if found and code == lang:
            break  # the page's own language answered; others would only add noise
    for pattern, order in ((_ISO_DATE, "ymd"), (_NUMERIC_DMY, "dmy"), (_CJK_DATE, "ymd")):
        for match in pattern.finditer(folded):
            parts = [int(g) for g in match.groups()]
            y, m, d = parts if order == "ymd" else (parts[2], parts[1], parts[0])
            try:
                found.append((match.start(), datetime(y, m, d, tzinfo=DATE_ONLY)))
            except ValueError:
                continue
    for match in _JALALI_DATE.finditer(folded):
        try:
            y, m, d = jalali_to_gregorian(int(match[3]), _FOLDED_PERSIAN_MONTHS[match[2]],
                                          int(match[1]))
            found.append((match.start(), datetime(y, m, d, tzinfo=DATE_ONLY)))
        except ValueError:
            continue
    found.sort(key=lambda pair: pair[0])
    return [d for _, d in found if d.year >= EARLIEST_YEAR]


def first_date_in_text(text: str, lang: str | None, *,
                       default_year: int | None = None) -> datetime | None:
    dates = dates_in_text(text, lang, default_year=default_year)
    return dates[0] if dates else None


def year_from_url(url: str | None) -> int | None:
    if not url:
        return None
    match = re.search(r"/((?:19|20)\d{2})/", url)
    return int(match.group(1)) if match else None
