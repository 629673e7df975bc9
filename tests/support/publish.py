"""A real SQLite store with stories in several languages, flags, and one hostile article.

Built through the public Store API (upsert_articles) plus the rows the later stages would
write (translations, entities, officials, stories), so publish and review tests do not
depend on how far the other stages have come.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from pressflow.config import Config
from pressflow.records import Article
from pressflow.store import Store, utcnow

HOSTILE_TITLE = 'Evil <script>alert("t")</script><img src=x onerror=alert(1)> news'
HOSTILE_TEXT = ('Click <a href="javascript:alert(2)">here</a> "><script>alert(3)</script>\n\n'
                '<svg onload=alert(4)> and [a link](javascript:alert(5)) ok')
HOSTILE_URL = "javascript:alert(6)"
HOSTILE_ENTITY = "<img src=x onerror=alert(7)>"


@dataclass
class Fixture:
    db: Path
    config: Config
    lyon: int  # fr + en, translated, entities, an official
    milano: int  # it, no model, no date
    madrid: int  # es, glossary violations
    hostile: int
    old: int  # 400 days old
    lyon_fr: str
    lyon_en: str
    milano_it: str
    hostile_id: str


def story_of(item_id: str) -> int:
    """The story number at the end of a feed item's id (``tag:HOST,DATE:story:N``)."""
    found = re.search(r"story[:-](\d+)$", item_id)
    assert found, item_id
    return int(found[1])


def _story(store: Store, articles: list[str], status: str = "new") -> int:
    story = int(store.db["stories"].insert({"representative": articles[0], "created": utcnow(),
                                            "updated": utcnow(), "status": status}).last_pk)
    for a in articles:
        store.db["story_members"].insert({"article_id": a, "story_id": story, "method": "test",
                                          "score": 1.0, "added": utcnow(), "pinned": 0})
    return story


def _translation(store: Store, article_id: str, lang: str, status: str, title: str | None,
                 text: str | None, **extra: object) -> None:
    store.db["translations"].upsert({
        "article_id": article_id, "target": "en", "source_lang": lang, "title": title,
        "summary": None, "text": text, "engine": "test", "status": status, "message": None,
        "glossary_violations": 0, "updated_at": utcnow(), **extra}, pk=("article_id", "target"))


def build_store(tmp: Path, publish: dict | None = None) -> Fixture:
    """A store at tmp/output/pressflow.db and the Config that points at it."""
    out = tmp / "output"
    now = datetime.now(UTC).replace(microsecond=0)
    paris = timezone(timedelta(hours=2))
    arts = [
        Article(source="Ville de Lyon", url="https://lyon.example/actu/smart-city",
                title="Lyon accueille le sommet des villes intelligentes",
                text="La Ville de Lyon accueille le sommet.\n\nLe maire Grégory Doucet ouvre la séance.",
                published=(now - timedelta(days=1)).astimezone(paris), lang="fr"),
        Article(source="Lyon City English", url="https://lyon.example/en/smart-city",
                title="Lyon hosts the smart cities summit",
                text="The City of Lyon hosts the summit.\n\nMayor Grégory Doucet opens the session.",
                published=now - timedelta(days=1, hours=1), lang="en"),
        Article(source="Comune di Milano", url="https://comune.milano.example/news/1",
                title="Milano incontra Seoul", text="Il Comune di Milano ha incontrato Seoul.",
                published=None, lang="it"),
        Article(source="Ayuntamiento de Madrid", url="https://madrid.example/noticia/7",
                title="Madrid y la ciudad digital", text="El Ayuntamiento presenta su plan digital.",
                published=now - timedelta(days=2), lang="es"),
        Article(source="Hostile Feed", url=HOSTILE_URL, canonical_url=HOSTILE_URL,
                title=HOSTILE_TITLE, text=HOSTILE_TEXT, published=now - timedelta(days=3),
                lang="en"),
        Article(source="Archive", url="https://archive.example/old", title="An old story",
                text="From long ago.", published=now - timedelta(days=400), lang="en"),
    ]
    with Store(out / "pressflow.db") as store:
        store.upsert_articles(arts, run_id=None)
        ids = [a.key for a in arts]
        for a, key in zip(arts, ids, strict=True):
            store.db["articles"].update(key, {"lang": a.lang})
        lyon_fr, lyon_en, milano, madrid, hostile, old = ids
        _translation(store, lyon_fr, "fr", "ok", "Lyon welcomes the smart cities summit",
                     "The City of Lyon welcomes the summit.\n\nMayor Grégory Doucet opens the session.")
        _translation(store, lyon_en, "en", "same-language", arts[1].title, arts[1].text)
        _translation(store, milano, "it", "no-model", None, None,
                     message="no model for it->en: run `pressflow models install it en`")
        _translation(store, madrid, "es", "ok", "Madrid and the digital city",
                     "The City Council presents its digital plan.", glossary_violations=2,
                     glossary_details='[{"term": "Ayuntamiento", "expected": "City Council"}]')
        _translation(store, hostile, "en", "same-language", HOSTILE_TITLE, HOSTILE_TEXT)
        _translation(store, old, "en", "same-language", arts[5].title, arts[5].text)
        for article, text, label, canonical in [
                (lyon_fr, "Lyon", "GPE", "Lyon"), (lyon_en, "City of Lyon", "GPE", "Lyon"),
                (lyon_fr, "Grégory Doucet", "PERSON", "Grégory Doucet"),
                (madrid, "Ayuntamiento de Madrid", "ORG", "Madrid City Council"),
                (hostile, "x", "ORG", HOSTILE_ENTITY)]:
            store.db["entities"].insert({"article_id": article, "field": "text", "text": text,
                                         "label": label, "canonical": canonical})
        for article, role in ((lyon_fr, "maire"), (lyon_en, "Mayor")):  # one office, two wordings
            store.db["officials"].insert({"article_id": article, "person": "Grégory Doucet",
                                          "role": role, "place": "Lyon"})
        fixture = Fixture(
            db=out / "pressflow.db",
            config=Config.from_mapping({
                "output": str(out), "publish": publish or {
                    "title": "Test partner news", "link": "https://news.example.org/"}}),
            lyon=_story(store, [lyon_fr, lyon_en]), milano=_story(store, [milano]),
            madrid=_story(store, [madrid]), hostile=_story(store, [hostile]),
            old=_story(store, [old]), lyon_fr=lyon_fr, lyon_en=lyon_en, milano_it=milano,
            hostile_id=hostile)
    return fixture
