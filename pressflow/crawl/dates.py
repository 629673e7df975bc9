"""Publication dates from a page: structured data, then the URL, then the visible text.

Month names come from the Unicode CLDR through babel (every locale, wide and abbreviated,
format and stand-alone forms), so "12 juillet 2024", "6 giugno 2019", "24-27 mai 2022",
"3. März 2023" or "July 12, 2024" are read without a hand-kept list per language.

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
    "article:published_time", "og:published_time", "og:article:published_time",
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
_JALALI_DATE = re.compile(
    r"(?<!\d)(3[01]|[12]\d|0?[1-9])\s+(" + "|".join(sorted(PERSIAN_MONTHS, key=len, reverse=True))
    + r")(?:\s+ماه)?\s+(1[34]\d{2})(?!\d)")


def with_zone(value: datetime) -> datetime:
    """An aware datetime in the source's own offset; a naive one is taken as UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


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
        try:
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


def date_from_structured(soup: Any) -> datetime | None:
    """JSON-LD ``datePublished``, then publication meta tags, then a ``<time>`` element."""
    for script in soup.find_all("script", attrs={"type": re.compile("ld\\+json", re.I)}):
        try:
            data = json.loads(script.string or "")
        except (ValueError, TypeError):
            continue
        for obj in _jsonld_objects(data):
            for key in ("datePublished", "dateCreated", "uploadDate"):
                found = parse_machine_date(obj.get(key))
                if found:
                    return found
    metas: dict[str, str] = {}
    for meta in soup.find_all("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key and meta.get("content") and key not in metas:
            metas[key] = meta["content"]
    for key in _META_KEYS:
        found = parse_machine_date(metas.get(key))
        if found:
            return found
    scopes = [el for el in (soup.find("article"), soup.find("main")) if el is not None] + [soup]
    for scope in scopes:
        for time_el in scope.find_all("time"):
            if time_el.find_parent(["nav", "footer", "aside"]):
                continue
            found = parse_machine_date(time_el.get("datetime") or time_el.get("content"))
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


def ascii_digits(text: str) -> str:
    """Arabic-Indic, Persian, Devanagari... digits as 0-9 (same length: offsets hold)."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


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


@functools.lru_cache(maxsize=64)
def _months(lang: str) -> dict[str, int]:
    """Month name (folded) -> number for one language, from CLDR."""
    from babel import Locale, UnknownLocaleError
    from babel.dates import get_month_names

    try:
        Locale.parse(lang)
    except (UnknownLocaleError, ValueError, TypeError):
        return {}
    names: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            try:
                table = get_month_names(width, context=context, locale=lang)
            except Exception:  # babel raises several kinds for odd locales
                continue
            for number, name in table.items():
                name = fold(name).strip().rstrip(".")
                name = re.sub(r"^(de\s+|d[’']\s*|del\s+)", "", name)  # Catalan "de gener", "d’abril"
                if len(name) >= 3 and not name.isdigit():
                    names.setdefault(name, number)
    return names


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
    folded = ascii_digits(fold(text))
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
            y, m, d = jalali_to_gregorian(int(match[3]), PERSIAN_MONTHS.index(match[2]) + 1,
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
