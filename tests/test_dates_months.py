"""Every month name of every calendar and locale that pressflow/crawl/dates.py reads.

The CLDR tables are walked through babel itself (every language babel knows, with all its
regional locales, wide and abbreviated, format and stand-alone); Persian (Solar Hijri),
Arabic (Egyptian, Levantine and Maghreb forms) and CJK dates come from independent lists
written here, in the digits and spellings pages really use.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from babel import localedata
from babel.dates import get_month_names

from pressflow.crawl.dates import dates_in_text, jalali_to_gregorian, month_locales, readable_month_name

LANGUAGES = sorted({x.split("_")[0] for x in localedata.locale_identifiers()} - {"root"})


def _cldr_names(lang: str) -> dict[tuple[str, bool], set[int]]:
    """Each (month name, is it the full name) of ``lang``, all regional locales -> the months
    it names there."""
    names: dict[tuple[str, bool], set[int]] = {}
    for locale in month_locales(lang):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context=context, locale=locale).items():
                    names.setdefault((name, width == "wide"), set()).add(number)
    return names


def test_the_language_list_is_the_whole_cldr() -> None:
    assert len(LANGUAGES) > 300 and {"fa", "ar", "zh", "ko", "bo", "ckb"} <= set(LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_cldr_month_name_is_read(lang: str) -> None:
    names = _cldr_names(lang)
    folded_meanings: dict[str, set[int]] = {}
    for (name, wide), numbers in names.items():
        folded = readable_month_name(name, wide=wide)
        if folded:
            folded_meanings.setdefault(folded, set()).update(numbers)
    missed = []
    for (name, wide), numbers in names.items():
        folded = readable_month_name(name, wide=wide)
        if folded is None:  # abbreviations under 3 letters ("d’ag."), too close to ordinary words
            continue
        found = dates_in_text(f"12 {name} 2024", lang)
        # a spelling two regions give to different months may be read as either
        if not any(d.day == 12 and d.year == 2024 and d.month in folded_meanings[folded] for d in found):
            missed.append((name, sorted(numbers), found))
    assert not missed, f"{lang}: month names not read: {missed[:5]}"


def test_only_short_abbreviations_are_left_out() -> None:
    left_out = [(lang, name, wide) for lang in LANGUAGES for name, wide in _cldr_names(lang)
                if readable_month_name(name, wide=wide) is None]
    # every full name of two letters or more is read (Hindi मई, Levantine آب, Persian مه);
    # only abbreviations of one or two letters ("ag.", "Me") and numbers are left out
    assert all(not wide or len(name.strip()) < 2 or name.strip().isdigit() for _, name, wide in left_out)


# -- independent lists ------------------------------------------------------------------------

PERSIAN_SOLAR_MONTHS = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان",
                        "آذر", "دی", "بهمن", "اسفند"]
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@pytest.mark.parametrize("month", range(1, 13))
def test_every_persian_solar_month_in_persian_digits(month: int) -> None:
    name = PERSIAN_SOLAR_MONTHS[month - 1]
    text = f"تاریخ انتشار: ۴ {name} ۱۴۰۵".translate(PERSIAN_DIGITS)
    y, m, d = jalali_to_gregorian(1405, month, 4)
    assert dates_in_text(text, "fa") == [datetime(y, m, d, tzinfo=UTC)]


def test_the_madda_months_of_the_issue() -> None:
    # ۴ آذر ۱۴۰۵ is 25 November 2026; ۱ آبان ۱۴۰۳ is 22 October 2024
    assert dates_in_text("۴ آذر ۱۴۰۵", "fa") == [datetime(2026, 11, 25, tzinfo=UTC)]
    assert dates_in_text("۱ آبان ۱۴۰۳", "fa") == [datetime(2024, 10, 22, tzinfo=UTC)]
    # written without the madda, or with "ماه", or with the Arabic yeh of an Arabic keyboard
    assert dates_in_text("4 اذر ماه 1405", "fa") == [datetime(2026, 11, 25, tzinfo=UTC)]
    assert dates_in_text("۱ دي ۱۴۰۳", "fa") == [datetime(2024, 12, 21, tzinfo=UTC)]


ARABIC_MONTHS = {
    "egyptian": ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
                 "أكتوبر", "نوفمبر", "ديسمبر"],
    "levantine": ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
                  "تشرين الأول", "تشرين الثاني", "كانون الأول"],
    "tunisian": ["جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت", "سبتمبر",
                 "أكتوبر", "نوفمبر", "ديسمبر"],
}


@pytest.mark.parametrize("form", sorted(ARABIC_MONTHS))
@pytest.mark.parametrize("month", range(1, 13))
def test_every_arabic_month_in_arabic_digits(form: str, month: int) -> None:
    text = f"نشر في {12} {ARABIC_MONTHS[form][month - 1]} {2024}".translate(ARABIC_DIGITS)
    assert datetime(2024, month, 12, tzinfo=UTC) in dates_in_text(text, "ar")


@pytest.mark.parametrize("month", range(1, 13))
def test_every_cjk_month(month: int) -> None:
    want = [datetime(2024, month, 9, tzinfo=UTC)]
    assert dates_in_text(f"发布时间：2024年{month}月9日", "zh") == want
    wide_month = str(month).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert dates_in_text(f"公開日 ２０２４年{wide_month}月９日", "ja") == want
    assert dates_in_text(f"등록일 2024년 {month}월 9일", "ko") == want


def test_the_shipped_month_table_is_babels() -> None:
    """dates.py reads month names from pressflow/data/month-names.json: exactly what babel
    gives today for every language and its regional locales."""
    import json
    from importlib import resources

    from pressflow.crawl.dates import MONTH_NAMES_FILE, month_name_table

    shipped = json.loads(resources.files("pressflow.data").joinpath(MONTH_NAMES_FILE).read_text("utf-8"))
    assert shipped == month_name_table()
