"""The schema: numbered migrations, applied in order and recorded in ``_migrations``.

Never edit a released migration (a database made by an older pressflow has already run
it): add a new one after the last, named ``NNNN_<owner>_<what>``, that changes only the
tables (or columns, :data:`COLUMN_OWNERS`) of that owner (:data:`TABLE_OWNERS`):

========================  ==============================================================
migration                 what it creates (owner)
========================  ==============================================================
0001_core                 the first release, in one step: sources, fetches, articles
                          (crawl); runs, stage_state (run); translations,
                          translation_cache (translate); entities, officials (entities);
                          stories, story_members (stories); decisions (editorial)
0006_language_paragraphs  articles.lang_paragraphs (language)
0007_stories_index        story_fingerprints, story_bands, story_anchors, story_terms
0008_translate_glossary_  translate_glossary_state
state
0009_crawl_fetched_links  articles.fetched_url, articles.published_local,
_local_dates_versions     article_versions, sources.removed_at
0010_translate_machine_   translations.machine_title/_text/_hash
beside_edit
0011_crawl_story_pages    story_pages: validators of listing story pages (corrections)
0012_stories_reindex_     story_fingerprints, story_bands, story_anchors, story_terms
with_gazetteer_ids        emptied: rebuilt by the next run with the gazetteer's ids
0013_translate_memory     translation_memory (editors' corrections as segment pairs);
                          translations.memory_details
0014_translate_quality    translations.quality: why a translation is likely poor
0015_stories_embeddings   story_embeddings: each article's sentence embedding (title and
                          lead), by content hash and model, so a run encodes only new text
0017_stories_reindex_     story_fingerprints, story_bands, story_anchors, story_terms
lead_numbers              emptied: rebuilt by the next run with every figure of a lead
========================  ==============================================================
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

Migration = Callable[[sqlite_utils.Database], None]
MIGRATIONS: list[tuple[str, Migration]] = []

# The stage (or part of pressflow) that owns each table: a migration after 0001_core is
# named after one owner and changes only that owner's tables (tests/test_migrations.py).
TABLE_OWNERS: dict[str, str] = {
    "sources": "crawl", "runs": "run", "fetches": "crawl", "articles": "crawl",
    "stage_state": "run", "translations": "translate", "translation_cache": "translate",
    "translate_glossary_state": "translate", "entities": "entities", "officials": "entities",
    "stories": "stories", "story_members": "stories", "story_fingerprints": "stories",
    "story_bands": "stories", "story_anchors": "stories", "story_terms": "stories",
    "story_embeddings": "stories",
    "decisions": "editorial", "article_versions": "crawl", "story_pages": "crawl",
    "translation_memory": "translate",
}
# columns a later stage added to another stage's table: (table, column) -> owner
COLUMN_OWNERS: dict[tuple[str, str], str] = {("articles", "lang_paragraphs"): "language"}


def migration(name: str) -> Callable[[Migration], Migration]:
    """Register a schema step. Never edit a released one: add a new one after it."""

    def register(fn: Migration) -> Migration:
        MIGRATIONS.append((name, fn))
        return fn

    return register


@migration("0001_core")
def _core(db: sqlite_utils.Database) -> None:
    db.table("sources").create({
        "name": str, "url": str, "kind": str, "language": str, "title": str, "tags": str,
        "etag": str, "last_modified": str, "last_fetched": str, "last_success": str,
        "last_new_item": str, "consecutive_failures": int, "last_error": str,
    }, pk="name")
    db.table("runs").create({
        "id": int, "started": str, "finished": str, "status": str, "exit_code": int,
        "pid": int, "config": str, "summary": str,
    }, pk="id")
    db.table("fetches").create({
        "id": int, "run_id": int, "source": str, "url": str, "status": str, "http_status": int,
        "bytes": int, "duration_ms": int, "error": str, "not_modified": int,
        "items_found": int, "items_new": int, "items_updated": int, "items_unchanged": int,
        "fetched_at": str,
    }, pk="id", foreign_keys=[("run_id", "runs", "id")])
    db.table("fetches").create_index(["run_id", "source"], unique=True)
    db.table("articles").create({
        "id": str, "source": str, "url": str, "canonical_url": str, "guid": str,
        "title": str, "summary": str, "text": str, "published": str, "date_missing": int,
        "lang": str, "lang_hint": str, "lang_confidence": float, "content_hash": str,
        "first_seen": str, "updated_at": str, "run_id": int,
    }, pk="id")
    db.table("articles").create_index(["source"])
    db.table("articles").create_index(["content_hash"])
    db.table("articles").create_index(["canonical_url"])
    # translation of an article, one row per (article, target language)
    db.table("translations").create({
        "article_id": str, "target": str, "source_lang": str, "title": str, "summary": str,
        "text": str, "engine": str, "status": str, "message": str,
        "glossary_violations": int, "glossary_details": str, "glossary_version": str,
        "model_version": str, "content_hash": str, "updated_at": str, "edited_by": str,
    }, pk=("article_id", "target"))
    db.table("translation_cache").create({
        "key": str, "source_lang": str, "target": str, "engine": str, "text": str,
        "translation": str, "created": str,
    }, pk="key")
    db.table("entities").create({
        "id": int, "article_id": str, "field": str, "text": str, "label": str, "start": int,
        "end": int, "canonical": str, "entity_id": str, "method": str,
    }, pk="id")
    db.table("entities").create_index(["article_id"])
    db.table("entities").create_index(["canonical"])
    db.table("officials").create({
        "id": int, "article_id": str, "person": str, "role": str, "place": str, "org": str,
        "evidence": str,
    }, pk="id")
    db.table("officials").create_index(["article_id"])
    db.table("stories").create({
        "id": int, "representative": str, "title": str, "created": str, "updated": str,
        "status": str, "decided_by": str, "decided_at": str, "note": str,
    }, pk="id")
    db.table("story_members").create({
        "article_id": str, "story_id": int, "method": str, "score": float, "added": str,
        "pinned": int,
    }, pk="article_id", foreign_keys=[("story_id", "stories", "id")])
    db.table("story_members").create_index(["story_id"])
    db.table("decisions").create({
        "id": int, "story_id": int, "action": str, "editor": str, "at": str, "detail": str,
    }, pk="id")
    db.table("stage_state").create({"article_id": str, "stage": str, "done_hash": str, "at": str},
                             pk=("article_id", "stage"))


@migration("0006_language_paragraphs")
def _language_paragraphs(db: sqlite_utils.Database) -> None:
    # per-paragraph languages of an article's text: JSON [{"start","end","lang","confidence"}]
    db.table("articles").add_column("lang_paragraphs", str)


@migration("0007_stories_index")
def _stories_index(db: sqlite_utils.Database) -> None:
    # what the stories stage keeps between runs so a run compares new articles only with
    # the candidates an index returns (pressflow/stories/stage.py): one fingerprint per article
    # (day = proleptic ordinal of its date; signature = MinHash values; data = anchors JSON),
    # its LSH band keys, its anchors by day, and each anchor's document frequency
    db.execute("CREATE TABLE story_fingerprints (article_id TEXT PRIMARY KEY, content_hash TEXT, "
               "day INTEGER, signature BLOB, data TEXT)")
    db.execute("CREATE TABLE story_bands (band INTEGER, article_id TEXT)")
    db.execute("CREATE INDEX story_bands_band ON story_bands (band)")
    db.execute("CREATE INDEX story_bands_article ON story_bands (article_id)")
    db.execute("CREATE TABLE story_anchors (anchor TEXT, day INTEGER, article_id TEXT)")
    db.execute("CREATE INDEX story_anchors_anchor_day ON story_anchors (anchor, day)")
    db.execute("CREATE INDEX story_anchors_article ON story_anchors (article_id)")
    db.execute("CREATE TABLE story_terms (anchor TEXT PRIMARY KEY, df INTEGER NOT NULL)")


@migration("0008_translate_glossary_state")
def _translate_glossary_state(db: sqlite_utils.Database) -> None:
    # the glossary terms each language pair was last translated with, so that an edit
    # re-translates exactly the articles containing a changed term
    db.table("translate_glossary_state").create({
        "pair": str, "version": str, "entries": str, "updated_at": str,
    }, pk="pair")


@migration("0009_crawl_fetched_links_local_dates_versions")
def _crawl_fetched_links_local_dates_versions(db: sqlite_utils.Database) -> None:
    # what readers and editors see (issue 15): the address the article was read from (after
    # redirects; canonical_url stays for duplicate detection only); the date as the source
    # wrote it (its own offset, or a date alone); each replaced version of an article, so an
    # editor sees what changed under an edit; when a source left sources.yaml (its items
    # leave the feeds after publish.removed_source_grace_days)
    db.table("articles").add_column("fetched_url", str)
    db.table("articles").add_column("published_local", str)
    db.table("article_versions").create({
        "article_id": str, "content_hash": str, "title": str, "summary": str, "text": str,
        "replaced_at": str,
    }, pk=("article_id", "content_hash"))
    db.table("sources").add_column("removed_at", str)


@migration("0010_translate_machine_beside_edit")
def _translate_machine_beside_edit(db: sqlite_utils.Database) -> None:
    # the machine translation of a changed text, kept beside an editor's translation
    # instead of replacing it
    db.table("translations").add_column("machine_title", str)
    db.table("translations").add_column("machine_text", str)
    db.table("translations").add_column("machine_hash", str)


@migration("0011_crawl_story_pages")
def _crawl_story_pages(db: sqlite_utils.Database) -> None:
    # listing sources' story pages: the validators of their last fetch, so that a re-check
    # for corrections costs a 304 when nothing changed
    db.execute("CREATE TABLE story_pages (url TEXT PRIMARY KEY, source TEXT, etag TEXT, "
               "last_modified TEXT, checked_at TEXT)")
    db.execute("CREATE INDEX story_pages_source ON story_pages (source)")


@migration("0012_stories_reindex_with_gazetteer_ids")
def _stories_reindex_with_gazetteer_ids(db: sqlite_utils.Database) -> None:
    # place anchors now carry the one gazetteer's ids (geonames:<id>, as the entities stage
    # tags them) instead of the stories' own (city:<name>), and words are folded by
    # pressflow.text.fold: fingerprints made before would never share an anchor with new
    # ones. Emptying the index makes the next run fingerprint every article again (articles
    # without a fingerprint are candidates; those already in a story stay in it)
    for table in ("story_fingerprints", "story_bands", "story_anchors", "story_terms"):
        db.execute(f"DELETE FROM {table}")


@migration("0013_translate_memory")
def _translate_memory(db: sqlite_utils.Database) -> None:
    # translation memory (issue 20): each segment an editor corrected (or a TMX file
    # brought), keyed by its normalised source text per language pair, so the next run uses
    # the editor's version before any engine; and which segments of a translation it gave
    db.execute("CREATE TABLE translation_memory (id INTEGER PRIMARY KEY, source_lang TEXT NOT NULL, "
               "target_lang TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL, "
               "source_key TEXT NOT NULL, origin TEXT NOT NULL, segtype TEXT, editor TEXT, "
               "article_id TEXT, created_at TEXT, updated_at TEXT)")
    db.execute("CREATE UNIQUE INDEX translation_memory_key ON translation_memory "
               "(source_lang, target_lang, source_key)")
    db.table("translations").add_column("memory_details", str)


@migration("0014_translate_quality")
def _translate_quality(db: sqlite_utils.Database) -> None:
    # why a machine translation is likely poor ("words left untranslated; es (pivot) words
    # left: del, los"), NULL when nothing shows it: the digest and review page flag it
    db.table("translations").add_column("quality", str)


@migration("0015_stories_embeddings")
def _stories_embeddings(db: sqlite_utils.Database) -> None:
    # a multilingual sentence embedding of each article's title and lead (float16 bytes):
    # encoding costs more than the rest of a fingerprint, and an index rebuild (0012) or a
    # new fingerprint format must not pay it again for text that has not changed
    db.execute("CREATE TABLE story_embeddings (article_id TEXT PRIMARY KEY, content_hash TEXT, "
               "model TEXT NOT NULL, vector BLOB NOT NULL)")


@migration("0017_stories_reindex_lead_numbers")
def _stories_reindex_lead_numbers(db: sqlite_utils.Database) -> None:
    # a fingerprint's lead figures (``lead_amounts``) now hold every number of two digits or
    # more of the lead, not only amounts of 1,000 or more: two leads stating other figures
    # (150 buses, 50 buses) are two stories. Emptying the index makes the next run fingerprint
    # every article again (cached embeddings are kept; no article changes story)
    for table in ("story_fingerprints", "story_bands", "story_anchors", "story_terms"):
        db.execute(f"DELETE FROM {table}")
