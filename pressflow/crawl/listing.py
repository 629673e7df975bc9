"""Listing pages (a news index with many stories) -> one item per story.

Automatic detection looks for what every news index repeats: a block holding a heading
with a link, often a date and a teaser. Headings-with-links are grouped by the shape of
their block (tag and class of the block and of its parent); the largest group of two or
more similar blocks is the list. Menus, footers and sidebars are left out first.

When the guess is wrong, a source sets CSS selectors in sources.yaml::

    selectors:
      item: "div.news-list > article"   # one element per story (required)
      title: "h3"                        # inside the item; default: first heading or link
      link: "a.more"                     # default: the title's link, else the first link
      date: ".date"                      # default: <time>, then any date in the item's text
      text: ".teaser"                    # default: the item's text minus title and date
      next: "a.next"                     # pagination; default: rel=next or a "next" link
"""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urldefrag, urljoin

from bs4 import BeautifulSoup, Tag

from pressflow.crawl.dates import first_date_in_text, parse_machine_date, year_from_url
from pressflow.crawl.extract import attribute, declared_lang
from pressflow.errors import ExtractionError
from pressflow.text.html import normalise_space

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
CHROME = ("nav", "header", "footer", "aside", "script", "style", "noscript", "template", "form")
# "Next page" in the languages partners write in; rel=next and class names come first.
NEXT_WORDS = re.compile(r"^\s*(next|suivant[e]?|siguiente|successiv[oa]|avanti|weiter|nächste|"
                        r"următoare|urmatoare|próxim[oa]|seguinte|volgende|»|›|>|→)\b", re.I)
MIN_ITEMS = 2
MAX_HEADINGS = 5_000  # story headings read on one listing page
MAX_ITEMS = 500  # items kept from one listing page (each may cost a request)


@dataclass
class ListingItem:
    """One story found on a listing page."""

    title: str
    url: str
    published: datetime | None
    teaser: str
    lang: str | None


def _heading_links(root: Tag) -> list[tuple[Tag, Tag]]:
    """(heading, its link) pairs: the titles of stories on an index page."""
    pairs = []
    for heading in root.find_all(HEADINGS):
        link = heading.find("a", href=True)
        if link is None:
            parent_link = heading.find_parent("a", href=True)
            link = parent_link if isinstance(parent_link, Tag) else None
        href = attribute(link, "href") if link is not None else None
        if link is None or not href or not href.strip() or href.startswith(("#", "javascript:", "mailto:")):
            continue
        if len(heading.get_text(" ", strip=True)) < 8:
            continue
        pairs.append((heading, link))
    return pairs


def _headings_below(headings: list[Tag]) -> dict[int, int]:
    """How many of ``headings`` each element holds (by ``id``): one walk up per heading,
    so finding blocks is linear in the headings (times the page's depth), not quadratic."""
    below: dict[int, int] = defaultdict(int)
    for heading in headings:
        node = heading.parent
        while isinstance(node, Tag):
            below[id(node)] += 1
            node = node.parent
    return below


def _block_of(heading: Tag, below: dict[int, int]) -> Tag:
    """The largest ancestor of ``heading`` that holds no other story heading."""
    block = heading
    while isinstance(block.parent, Tag) and block.parent.name not in ("body", "html", "[document]"):
        if below.get(id(block.parent), 0) > 1:
            break
        block = block.parent
    return block


def check_deadline(deadline: float | None, url: str, what: str) -> None:
    """Cooperative deadline of a parser loop: a parser thread gives up with its source."""
    if deadline is not None and time.monotonic() > deadline:
        raise ExtractionError(f"source deadline reached (setting `deadline`) while {what}",
                              url=url)


def _shape(tag: Tag) -> tuple[str, str, str]:
    parent = tag.parent if isinstance(tag.parent, Tag) else None
    cls = " ".join(sorted(tag.get("class") or []))
    return (tag.name, re.sub(r"\d+", "", cls), f"{id(parent)}")


def find_item_blocks(soup: BeautifulSoup, *, deadline: float | None = None,
                     url: str = "") -> list[tuple[Tag, Tag, Tag]]:
    """(block, heading, link) of each story, by the repeated-shape rule; [] if none.

    A page with more than MAX_HEADINGS story headings is refused (no news index is that
    long; the work per page stays bounded), and ``deadline`` (``time.monotonic()``) stops
    the loops with the source.
    """
    body = soup.body or soup
    for tag in body.find_all(CHROME):
        tag.decompose()
    pairs = _heading_links(body)
    if len(pairs) > MAX_HEADINGS:
        raise ExtractionError(f"the listing page has {len(pairs):,} headings with links, more "
                              f"than the {MAX_HEADINGS:,} pressflow reads on one page; set "
                              "`selectors: {item: ...}` for this source", url=url)
    check_deadline(deadline, url, "reading the listing page")
    below = _headings_below([h for h, _ in pairs])
    groups: dict[tuple[str, str, str], list[tuple[Tag, Tag, Tag]]] = defaultdict(list)
    for n, (heading, link) in enumerate(pairs):
        if n % 200 == 0:
            check_deadline(deadline, url, "finding the listing's items")
        block = _block_of(heading, below)
        groups[_shape(block)].append((block, heading, link))
    if not groups:
        return []
    best = max(groups.values(), key=len)
    return best if len(best) >= MIN_ITEMS else []


def _item_date(block: Tag, lang: str | None, page_url: str, date_selector: str | None) -> datetime | None:
    if date_selector:
        el = block.select_one(date_selector)
        if el is None:
            return None
        return (parse_machine_date(attribute(el, "datetime") or attribute(el, "content"))
                or first_date_in_text(el.get_text(" ", strip=True), lang, default_year=year_from_url(page_url)))
    time_el = block.find("time")
    if isinstance(time_el, Tag):
        found = parse_machine_date(attribute(time_el, "datetime")) or first_date_in_text(
            time_el.get_text(" ", strip=True), lang)
        if found:
            return found
    for el in block.find_all(class_=re.compile(r"date|fecha|data|datum|time|meta|published", re.I)):
        found = first_date_in_text(el.get_text(" ", strip=True), lang)
        if found:
            return found
    # the block's own short text lines (not the teaser's body, which cites other dates)
    short_lines = [s for s in block.stripped_strings if len(s) <= 60]
    return first_date_in_text("\n".join(short_lines), lang)


def _teaser(block: Tag, title_el: Tag | None, date_selector: str | None, text_selector: str | None) -> str:
    if text_selector:
        el = block.select_one(text_selector)
        return _text(el) if el is not None else ""
    clone = BeautifulSoup(str(block), "lxml")
    for heading in clone.find_all(HEADINGS)[:1]:
        heading.decompose()
    for el in clone.find_all(["time"]):
        el.decompose()
    for el in clone.find_all(class_=re.compile(r"date|fecha|leer-mas|read-?more|more-link|suite", re.I)):
        el.decompose()
    return _text(clone)


def _text(el: Tag | BeautifulSoup) -> str:
    from pressflow.text.html import html_to_text

    return html_to_text(str(el))


def find_items(html: str | BeautifulSoup, url: str, *, selectors: dict[str, str] | None = None,
               language: str | None = None, deadline: float | None = None) -> list[ListingItem]:
    """Stories of a listing page, in page order, each with its own link and date.

    Raise :class:`ExtractionError` when a configured ``item`` selector matches nothing, so
    the run report says the selector broke (sites get redesigned).
    """
    selectors = selectors or {}
    soup = html if isinstance(html, BeautifulSoup) else BeautifulSoup(html, "lxml")
    page_lang = declared_lang(soup, url) or language
    if selectors.get("item"):
        blocks: list[tuple[Tag, Tag | None, Tag | None]] = []
        for block in soup.select(selectors["item"])[:MAX_ITEMS]:
            title_el = block.select_one(selectors["title"]) if selectors.get("title") else (
                block.find(HEADINGS) or block.find("a", href=True))
            blocks.append((block, title_el, None))
        if not blocks:
            raise ExtractionError(f"the item selector {selectors['item']!r} matches nothing on "
                                  "the page", url=url)
    else:
        blocks = list(find_item_blocks(soup, deadline=deadline, url=url)[:MAX_ITEMS])
    items: list[ListingItem] = []
    seen: set[str] = set()
    for n, (block, title_el, link) in enumerate(blocks):
        if n % 50 == 0:
            check_deadline(deadline, url, "reading the listing's items")
        if selectors.get("link"):
            link = block.select_one(selectors["link"])
        if link is None and isinstance(title_el, Tag):
            link = title_el if title_el.name == "a" else title_el.find("a", href=True)
        if link is None:
            link = block.find("a", href=True)
        if not isinstance(link, Tag):
            continue
        href = attribute(link, "href")
        if not href:
            continue
        target = urldefrag(urljoin(url, href.strip()))[0]
        if target in seen:
            continue
        seen.add(target)
        title = normalise_space((title_el or link).get_text(" ", strip=True)).replace("\n", " ")
        block_lang = block.get("lang")  # a story in another language than the page
        lang = (str(block_lang).split("-")[0].lower() if block_lang else None) or page_lang
        items.append(ListingItem(
            title=title, url=target,
            published=_item_date(block, lang, url, selectors.get("date")),
            teaser=_teaser(block, title_el, selectors.get("date"), selectors.get("text")),
            lang=lang))
    return items


def next_page_url(html: str | BeautifulSoup, url: str, selector: str | None = None) -> str | None:
    """The address of the next page of a paginated listing, or None."""
    soup = html if isinstance(html, BeautifulSoup) else BeautifulSoup(html, "lxml")
    candidates: list[Tag] = []
    if selector:
        el = soup.select_one(selector)
        candidates = [el] if isinstance(el, Tag) else []
    else:
        candidates = [t for t in soup.find_all(["a", "link"], rel=True, href=True)
                      if "next" in [r.lower() for r in t.get("rel") or []]]
        if not candidates:
            candidates = [a for a in soup.find_all("a", href=True)
                          if re.search(r"(^|[\s_-])next($|[\s_-])", " ".join(a.get("class") or []), re.I)
                          or NEXT_WORDS.match(a.get_text(" ", strip=True) or "")
                          or NEXT_WORDS.match(attribute(a, "aria-label") or "")]
    for tag in candidates:
        href = (attribute(tag, "href") or "") if isinstance(tag, Tag) else ""
        if href and not href.startswith(("#", "javascript:")):
            target = urldefrag(urljoin(url, href))[0]
            if target.rstrip("/") != url.rstrip("/"):
                return target
    return None


ARTICLE_TYPES = re.compile(r"^(News|Report|Scholarly|Tech|Opinion|Analysis|Review|Backgrounder|"
                           r"Reportage|Satirical)?Article$|^(BlogPosting|LiveBlogPosting|"
                           r"MedicalScholarlyArticle|VideoObject|PressRelease)$")
LISTING_TYPES = re.compile(r"^(ItemList|CollectionPage|Blog|SearchResultsPage|DataFeed)$")


def _jsonld_types(soup: BeautifulSoup) -> set[str]:
    """Every ``@type`` the page's JSON-LD declares (top level, ``@graph``, lists)."""
    found: set[str] = set()

    def walk(node: object, depth: int) -> None:
        if depth > 3:
            return
        if isinstance(node, list):
            for child in node:
                walk(child, depth + 1)
        elif isinstance(node, dict):
            kind = node.get("@type")
            for name in kind if isinstance(kind, list) else [kind]:
                if isinstance(name, str):
                    found.add(name.rsplit("/", 1)[-1])
            for key in ("@graph", "mainEntity"):
                if key in node:
                    walk(node[key], depth + 1)

    for script in soup.find_all("script", attrs={"type": re.compile(r"ld\+json", re.I)}):
        try:
            walk(json.loads(script.string or ""), 0)
        except ValueError:
            continue
    return found


def declared_page_kind(soup: BeautifulSoup) -> str | None:
    """What the page's own metadata says it is: ``article``, ``listing`` or None.

    ``og:type=article`` or a JSON-LD ``NewsArticle``/``BlogPosting``... is an article unless the
    JSON-LD also declares an ``ItemList``/``CollectionPage`` (an index that describes its
    stories); a JSON-LD list with no article type is a listing.
    """
    types = _jsonld_types(soup)
    listing = any(LISTING_TYPES.match(t) for t in types)
    article = any(ARTICLE_TYPES.match(t) for t in types)
    og_type = soup.find("meta", attrs={"property": "og:type"})
    if isinstance(og_type, Tag) and str(og_type.get("content") or "").strip().lower() == "article":
        article = True
    if listing:
        return "listing"
    return "article" if article else None


def _running_letters(tag: Tag) -> int:
    """Letters of the paragraphs under ``tag`` that are not link text: what a reader reads."""
    total = 0
    for para in tag.find_all(["p", "li", "blockquote", "dd"]):
        if para.find(["p", "li", "blockquote", "dd"]) is not None:
            continue  # the innermost block only, nothing counted twice
        text = len(para.get_text("", strip=True))
        links = sum(len(a.get_text("", strip=True)) for a in para.find_all("a"))
        total += max(0, text - links)
    return total


MIN_LISTING_ITEMS = 3
"""Fewer story blocks than this is an article with a few related links."""


def looks_like_listing(html: str, url: str) -> bool:
    """A page that is an index of stories rather than one story (a ``kind: page`` source,
    ``pressflow extract``).

    Evidence, in order: the page's own metadata (:func:`declared_page_kind`); then at least
    :data:`MIN_LISTING_ITEMS` repeated story blocks; then where the reading text is: an
    article page has more running text (paragraphs, link text left out) outside the story
    blocks than the blocks hold together (the blocks are then a menu, a "related" strip or a
    table of contents); a listing's text is its items' titles and teasers. Link counts in
    navigation do not enter: a mega-menu with headings is many blocks, but no running text.
    """
    soup = BeautifulSoup(html, "lxml")
    declared = declared_page_kind(soup)
    if declared == "article":
        return False
    blocks = find_item_blocks(soup)  # chrome (nav, header, footer, aside...) is removed here
    if len(blocks) < MIN_LISTING_ITEMS:
        return False
    if declared == "listing":
        return True
    inside = 0
    for block, _, _ in blocks:
        inside += len(block.get_text("", strip=True))
    body = soup.body or soup
    outside = _running_letters(body) - sum(_running_letters(block) for block, _, _ in blocks)
    return outside < inside
