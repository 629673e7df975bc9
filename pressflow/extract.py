"""Article pages and listing pages -> clean text, title, date and language hints."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone

import trafilatura
from bs4 import BeautifulSoup

from .errors import ExtractionError
from .html_text import normalise_space
from .models import Article

# Residue that survives extraction on real partner pages: translation widgets, image sizes.
NOISE_LINES = [
    re.compile(r"^(fourni|powered|propuls[ée]|bereitgestellt|fornito)\s+(par|by|da|von)\s+g?translate\b.*$", re.I),
    re.compile(r"^\d{2,5}\s+\d{2,5}(\s+\S.{0,40})?$"),  # "2048 1602 Nous allons": image width/height
]


@dataclass
class ExtractedPage:
    title: str
    text: str
    published: datetime | None
    lang: str | None
    canonical_url: str | None = None


def decode_html(content: bytes, declared: str | None = None) -> str:
    """Bytes -> text; BeautifulSoup's UnicodeDammit weighs BOM, declared and meta charsets."""
    from bs4.dammit import UnicodeDammit

    dammit = UnicodeDammit(content, known_definite_encodings=[declared] if declared else [],
                           is_html=True)
    return dammit.unicode_markup or content.decode("utf-8", errors="replace")


def _clean(text: str, title: str) -> str:
    kept = []
    for para in normalise_space(text).split("\n\n"):
        lines = [ln for ln in para.split("\n") if not any(p.match(ln.strip()) for p in NOISE_LINES)]
        # a title repeated as the first lines of the body adds nothing
        while lines and title and lines[0].strip().casefold() == title.strip().casefold() and not kept:
            lines.pop(0)
        if lines:
            kept.append("\n".join(lines))
    return "\n\n".join(kept)


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


def _declared_lang(soup: BeautifulSoup) -> str | None:
    html = soup.find("html")
    lang = html.get("lang") if html else None
    if not lang:
        meta = soup.find("meta", attrs={"property": "og:locale"})
        lang = meta.get("content") if meta else None
    if lang:
        return re.split(r"[-_]", str(lang))[0].lower() or None
    return None


def extract_page(html: str, url: str | None = None) -> ExtractedPage:
    """Main text of an article page without navigation, menus, banners or widget text."""
    soup = BeautifulSoup(html, "html.parser")
    result = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                         include_tables=False, favor_precision=True,
                                         deduplicate=True,
                                         # no guessing from years in the body text: a wrong
                                         # date is worse than a flagged missing one
                                         date_extraction_params={"extensive_search": False,
                                                                 "original_date": True})
    if result is None or not (result.text or "").strip():
        raise ExtractionError("no article text found on the page", url=url)
    title = normalise_space(result.title or (soup.title.string if soup.title else "") or "")
    canonical = soup.find("link", rel="canonical")
    return ExtractedPage(
        title=title,
        text=_clean(result.text, title),
        published=_parse_date(result.date),
        lang=_declared_lang(soup),
        canonical_url=canonical.get("href") if canonical else None,
    )


def page_to_articles(html: str, *, url: str, source: str, language: str | None = None) -> list[Article]:
    """One article per page for now; listing pages are split into items by a later stage."""
    page = extract_page(html, url)
    return [Article(source=source, url=url, title=page.title or url, text=page.text,
                    canonical_url=page.canonical_url or url, published=page.published,
                    lang_hint=page.lang or language)]
