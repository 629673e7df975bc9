"""Article pages -> clean text, title, publication date and language hints.

The main text comes from trafilatura (measured against its plain defaults in
``benchmarks/extraction.py``), run on a copy of the page from which the usual residue of
real partner sites was removed first: cookie banners, share buttons, translation widgets
("Fourni par Gtranslate"), newsletter boxes, breadcrumbs, related-article blocks.

The date is taken, in order, from structured data (JSON-LD, ``article:published_time``,
``<time datetime>``), the URL, then the visible text near the title in the page's language
(:mod:`pressflow.crawl.dates`). A page with none has ``published = None``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import trafilatura
from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString

from pressflow.crawl.dates import date_from_structured, date_from_url, first_date_in_text, year_from_url
from pressflow.crawl.residue import remove_board_residue
from pressflow.errors import ExtractionError
from pressflow.text.html import normalise_space

# Residue that survives extraction on real partner pages: translation widgets, image sizes.
NOISE_LINES = [
    re.compile(r"^(fourni|powered|propuls[ée]|bereitgestellt|fornito|con la tecnolog[ií]a de)\s+"
               r"(par|by|da|von|de)\s+(google\s+)?g?translate\b.*$", re.I),
    re.compile(r"^\d{2,5}\s*[x×]?\s*\d{2,5}(\s+\S.{0,40})?$"),  # "2048 1602": image width/height
    # a "published on" label whose date sat in a <time> element that extraction dropped
    re.compile(r"^(published|posted|pubblicato|publi[ée]e?|publicado|ver[öo]ffentlicht|publicat)"
               r"( (on|il|le|el|em|am|pe|at))?:?$", re.I),
    re.compile(r"^(share|partager|compartir|condividi|teilen|partilhar|distribuie)"
               r"( (on|sur|en|su|auf|em|pe))?( (facebook|twitter|x|linkedin|whatsapp|e-?mail))*:?$",
               re.I),
]
IMAGE_SIZE = re.compile(r"^\d{2,5}\s*[x×]?\s*\d{2,5}$")
# id/class words of blocks that are never article text.
BOILERPLATE = re.compile(
    r"(^|[\s_-])(cookies?|cookie-?(bar|banner|notice|consent)|consent|gdpr|gtranslate|"
    r"goog-te|translate-widget|share|sharing|social|sharedaddy|addtoany|a2a|newsletter|"
    r"subscribe|breadcrumbs?|related|relacionad[oa]s|correlati|comments?|respond|"
    r"skip-link|screen-reader|sidebar|widget-area|pagination|print-link|tags?-list|"
    r"post-navigation|nav-links|prev|next|prev-?next|pager|author-box|banner-ad|advert|ads|"
    r"menu|navbar|langnav|"
    # a media player's controls and messages ("Now watching", "Next video starts in", "this
    # video is not available in your region") and call-to-action overlays ("View photo")
    r"player|video-?player|vjs|jwplayer|mejs|plyr|now-?watching|up-?next|cta|"
    r"footer|pied|skiplinks|sidenav(box)?)($|[\s_-])", re.I)
REMOVE_TAGS = ("script", "style", "noscript", "template", "iframe", "form", "button", "svg",
               "select", "nav", "footer", "aside")


@dataclass
class ExtractedPage:
    title: str
    text: str
    published: datetime | None
    lang: str | None
    canonical_url: str | None = None


def attribute(tag: Tag, name: str) -> str | None:
    """A single-valued attribute as a string: bs4 types every value as possibly a list
    (the values it splits, such as ``class`` and ``rel``)."""
    value = tag.get(name)
    return value if value is None or isinstance(value, str) else " ".join(value)


def _clean(text: str, title: str) -> str:
    kept: list[str] = []
    for para in normalise_space(text).split("\n\n"):
        lines = [ln for ln in para.split("\n") if not any(p.match(ln.strip()) for p in NOISE_LINES)]
        # a title repeated as the first lines of the body adds nothing
        while lines and title and lines[0].strip().casefold() == title.strip().casefold() and not kept:
            lines.pop(0)
        if lines:
            kept.append("\n".join(lines))
    return "\n\n".join(kept)


def _lang_code(value: str | None) -> str | None:
    if not value:
        return None
    code = re.split(r"[-_]", str(value).strip())[0].lower()
    return code if 2 <= len(code) <= 3 and code.isalpha() else None


def declared_lang(soup: BeautifulSoup, url: str | None = None) -> str | None:
    """What the page says its language is: ``<html lang>``, ``og:locale``, the meta
    ``content-language``, or the ``hreflang`` alternate that points at this very page."""
    html = soup.find("html")
    if isinstance(html, Tag):
        code = _lang_code(attribute(html, "lang") or attribute(html, "xml:lang"))
        if code:
            return code
    meta_attrs: tuple[tuple[str, str | re.Pattern[str]], ...] = (
        ("property", "og:locale"), ("http-equiv", re.compile("content-language", re.I)),
        ("name", re.compile("^(language|dc.language)$", re.I)))
    for key, value in meta_attrs:
        meta = soup.find("meta", attrs={key: value})
        if isinstance(meta, Tag):
            code = _lang_code(attribute(meta, "content"))
            if code:
                return code
    if url:
        for link in soup.find_all("link", hreflang=True):
            href = attribute(link, "href")
            if href and href.rstrip("/") == url.rstrip("/"):
                code = _lang_code(attribute(link, "hreflang"))
                if code and code != "x":
                    return code
    return None


def tags_under(root: Tag, names: frozenset[str] | None = None) -> list[Tag]:
    """The tags under ``root`` named one of ``names`` (all tags when None), in document
    order: what ``root.find_all(names)`` returns, without bs4's general matcher, which costs
    several times the walk itself (a page is searched some twenty times)."""
    return [node for node in root.descendants
            if isinstance(node, Tag) and (names is None or node.name in names)]


def first_tag_under(root: Tag, names: frozenset[str]) -> Tag | None:
    """``root.find(names)``, by the same walk as :func:`tags_under`."""
    for node in root.descendants:
        if isinstance(node, Tag) and node.name in names:
            return node
    return None


_P, _A, _H1, _META = frozenset({"p"}), frozenset({"a"}), frozenset({"h1"}), frozenset({"meta"})
_H1_H2 = frozenset({"h1", "h2"})
_SUBHEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
_LISTS = frozenset({"ul", "ol"})
_REMOVED = frozenset(REMOVE_TAGS)
_MAY_HOLD_A_SIZE = frozenset({"figcaption", "span", "p", "div", "small"})
IMAGE_SIZE_MOST_CHARACTERS = 11
"""Characters other than spaces in the longest text IMAGE_SIZE matches (two numbers of five
digits and an "x")."""


def _image_size_text(tag: Tag) -> bool:
    """``IMAGE_SIZE`` matches the tag's text. The walk over its strings stops as soon as
    they hold more than IMAGE_SIZE_MOST_CHARACTERS characters other than spaces: the text of
    a block that holds an article is not joined up for nothing."""
    seen = 0
    for piece in tag.stripped_strings:
        seen += len("".join(piece.split()))
        if seen > IMAGE_SIZE_MOST_CHARACTERS:
            return False
    return IMAGE_SIZE.match(tag.get_text(" ", strip=True)) is not None


MAIN_TEXT_SHARE = 0.4
"""A block holding this share of the page's paragraph text is the article (or wraps it),
whatever its class says ("l-sidebar-fixed l-article-body-segment", "content-with-sidebar")."""


def _paragraph_letters(tag: Tag) -> int:
    """Letters in the paragraphs under ``tag``, link text left out: the running text a
    reader reads, which menus, share bars and related-link lists have little of."""
    total = 0
    for para in tags_under(tag, _P):
        text = para.get_text("", strip=True)
        links = sum(len(a.get_text("", strip=True)) for a in tags_under(para, _A))
        total += max(0, len(text) - links)
    return total


def _component_id(tag: Tag) -> str:
    """The tag's id when it names a component ("share-bar", "related_posts"); "" when it is
    a slug of a section's heading ("sharing-with-a-single-developer": four words or more),
    which says what the section is about, not what kind of block it is."""
    value = str(tag.get("id") or "")
    return "" if len(re.findall(r"[^\W\d_]+", value)) >= 4 else value


def _holds_main_text(tag: Tag, page_text: int) -> bool:
    return page_text > 0 and _paragraph_letters(tag) >= MAIN_TEXT_SHARE * page_text


MIN_STORY_LIST_ITEMS = 3


def _is_story_list(tag: Tag) -> bool:
    """A list of other stories beside the article (a "stream", "more from"): at least three
    items, two thirds of them a linked heading of their own. An article's own lists (key
    points, steps) have no linked headings in their items."""
    items = tag.find_all("li", recursive=False)
    if len(items) < MIN_STORY_LIST_ITEMS:
        return False
    linked = sum(1 for item in items
                 if any(h.find("a", href=True) is not None or h.find_parent("a") is not None
                        for h in tags_under(item, _SUBHEADINGS)))
    return linked * 3 >= len(items) * 2


MIN_ARTICLE_LETTERS = 500
"""A story list is removed only when the page keeps at least this many paragraph letters
outside it (and its title): on an article page the list is beside the article."""


def remove_story_lists(soup: BeautifulSoup) -> int:
    """Remove lists of other stories from an article page (in place); returns the letters
    removed. Their teasers can outweigh a short article (a "stream" of 24 stories under a
    300-word story), so the main-text share that protects other blocks does not apply."""
    page_text = _paragraph_letters(soup)
    removed = 0
    for tag in tags_under(soup, _LISTS):
        if tag.decomposed or not _is_story_list(tag) or first_tag_under(tag, _H1) is not None:
            continue
        letters = _paragraph_letters(tag)
        if page_text - letters >= MIN_ARTICLE_LETTERS:
            removed += _letters(tag.get_text(" "))
            page_text -= letters
            tag.decompose()
    return removed


def strip_boilerplate(soup: BeautifulSoup) -> BeautifulSoup:
    """Remove chrome that is never article text (in place; returns the soup)."""
    for tag in tags_under(soup, _REMOVED):
        if tag.name in ("nav", "footer", "aside", "form") and first_tag_under(tag, _H1_H2) is not None:
            continue  # an ASP.NET page in one <form>, an article inside an <aside>
        tag.decompose()
    doomed = []
    for tag in tags_under(soup, _MAY_HOLD_A_SIZE):
        if _image_size_text(tag):
            doomed.append(tag)  # "2048 1602": width and height left by a lazy-loading plugin
    page_text = _paragraph_letters(soup)
    for tag in tags_under(soup):
        if tag.name in ("html", "body", "main", "article") or not tag.attrs:
            continue
        words = " ".join([_component_id(tag)] + [str(c) for c in (tag.get("class") or [])])
        if words.strip() and BOILERPLATE.search(words) and first_tag_under(tag, _H1) is None \
                and not _holds_main_text(tag, page_text):
            doomed.append(tag)
    for tag in doomed:
        tag.decompose()
    return soup


def _title(soup: BeautifulSoup, extracted: Callable[[], str | None]) -> str:
    """og:title, else the first <h1>, else trafilatura's guess (it trims " | Site name"
    from <title>; only asked when needed), else <title> as it is."""
    og = next((meta for meta in tags_under(soup, _META) if meta.get("property") == "og:title"), None)
    h1 = first_tag_under(soup, _H1)
    candidates: list[Callable[[], str | None]] = [
        lambda: attribute(og, "content") if isinstance(og, Tag) else None,
        lambda: h1.get_text(" ", strip=True) if isinstance(h1, Tag) else None,
        extracted,
        lambda: soup.title.get_text(" ", strip=True) if soup.title else None,
    ]
    for candidate in candidates:
        value = candidate()
        if value and str(value).strip():
            return normalise_space(str(value)).replace("\n", " ")
    return ""


def _metadata_title(html: str, url: str | None) -> str | None:
    from trafilatura.metadata import extract_metadata

    meta = extract_metadata(html, default_url=url, extensive=False)
    return meta.title if meta is not None else None


def page_published(soup: BeautifulSoup, lang: str | None, url: str | None) -> datetime | None:
    """The page's publication date: structured data, then the address, then the text near
    the title (``benchmarks/dates.py`` measures this against htmldate)."""
    return date_from_structured(soup) or date_from_url(url) or _visible_date(soup, lang, url)


def _visible_date(soup: BeautifulSoup, lang: str | None, url: str | None) -> datetime | None:
    """The first date written near the title (a byline, a dateline), in the page's language."""
    h1 = soup.find("h1")
    start = h1 if isinstance(h1, Tag) else (soup.body or soup)
    pieces: list[str] = []
    if isinstance(h1, Tag):  # a date just above the title ("12/07/2024 | News")
        for prev in h1.find_all_previous(string=True, limit=6):
            if prev.parent and prev.parent.name not in ("script", "style", "title"):
                pieces.insert(0, str(prev))
    for node in start.find_all_next(string=True, limit=60):
        if node.parent is not None and node.parent.name in ("script", "style"):
            continue
        if node.find_parent(["footer", "nav", "aside"]) is not None:
            continue  # a footer's "© 2 janvier 2025" or a sidebar's agenda is not the byline
        pieces.append(str(node))
    return first_date_in_text("\n".join(pieces), lang, default_year=year_from_url(url))


FALLBACK_RATIO = 2.5
"""When trafilatura on the untouched page finds this many times the letters the cleaned page
gave, the clean-up cut into the article: the untouched page's text is taken instead. Menus
and share bars the clean-up removes are a few lines, far below this (tuned on the tuning half
of the public pages, ``benchmarks/extraction.py``)."""


def _main_text(html: str, url: str | None) -> str:
    result = trafilatura.bare_extraction(html, url=url, with_metadata=False,
                                         include_comments=False, include_tables=True,
                                         deduplicate=False)
    if result is None:
        return ""
    text = result.get("text") if isinstance(result, dict) else result.text
    return str(text or "")


_NOT_ALNUM = re.compile(r"[\W_]+")


def _letters(text: str) -> int:
    """Letters and digits in ``text`` (``str.isalnum`` per character, counted by the regex
    engine: ``[\\W_]`` is exactly what ``isalnum`` refuses)."""
    return len(_NOT_ALNUM.sub("", text))


TEXT_ATTRIBUTES = ("alt", "title", "alttext", "data-preloaded")
"""Attributes trafilatura may turn into text: an image's alt and title, MathML's alttext, a
forum's preloaded JSON (its baseline rescue)."""


def _most_letters_extracted(soup: BeautifulSoup) -> int:
    """At most how many letters trafilatura can find on the untouched page: those of every
    string in it (scripts too: trafilatura's rescue reads JSON-LD ``articleBody``) and of the
    attributes it reads text from. Computed before the clean-up changes the tree."""
    total = 0
    for node in soup.descendants:
        if isinstance(node, NavigableString):
            total += _letters(node)
        elif isinstance(node, Tag):
            for name in TEXT_ATTRIBUTES:
                value = attribute(node, name)
                if value:
                    total += _letters(value)
    return total


def _cannot_lose_the_article(cleaned_text: str, most_plain_letters: int, removed_on_purpose: int) -> bool:
    """True when even the most trafilatura could find on the untouched page would not make
    :func:`_lost_the_article` true: the second trafilatura run (a third of a page's reading
    time) is skipped, with the same result."""
    return most_plain_letters - removed_on_purpose <= FALLBACK_RATIO * _letters(cleaned_text)


def _lost_the_article(cleaned_text: str, plain_text: str, removed_on_purpose: int = 0) -> bool:
    """True when pressflow's clean-up left much less text than plain trafilatura finds, not
    counting the letters of the story lists it removed on purpose."""
    return _letters(plain_text) - removed_on_purpose > FALLBACK_RATIO * _letters(cleaned_text)


def extract_page(html: str, url: str | None = None, *, language: str | None = None) -> ExtractedPage:
    """Main text of an article page without navigation, menus, banners or widget text."""
    soup = BeautifulSoup(html, "lxml")
    most_plain = _most_letters_extracted(soup)
    lang = declared_lang(soup, url) or language
    published = page_published(soup, lang, url)  # before stripping: some CMSs date in a "footer" block
    canonical = soup.find("link", rel="canonical")
    story_lists = remove_story_lists(soup)
    strip_boilerplate(soup)
    # Text only: the date, language and (mostly) the title come from the page itself above;
    # trafilatura's metadata pass (htmldate and all) would be a third of its time for nothing.
    cleaned = str(soup)
    text = _main_text(cleaned, url)
    if not _cannot_lose_the_article(text, most_plain, story_lists):
        plain = _main_text(html, url)
        if _lost_the_article(text, plain, story_lists):
            text = plain  # the clean-up removed article text (a wrapper named like a sidebar)
    if not text.strip():
        raise ExtractionError("no article text found on the page", url=url)
    title = _title(soup, lambda: _metadata_title(cleaned, url))
    return ExtractedPage(
        title=title,
        text=remove_board_residue(_clean(text, title)),
        published=published,
        lang=lang,
        canonical_url=attribute(canonical, "href") if isinstance(canonical, Tag) else None,
    )
