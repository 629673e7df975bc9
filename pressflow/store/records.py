"""Rows as the store hands them to the stages: frozen dataclasses, one per kind of row.

A stage never sees a cursor or a column list; it gets these, so a renamed column breaks
here (and in mypy), not in a stage at run time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields


def decode_paragraph_spans(value: object) -> list[tuple[int, int, str]] | None:
    """(start, end, language) spans read back from ``articles.lang_paragraphs``; None when
    there is no record or it cannot be read (the text is then taken as one language)."""
    if not value:
        return None
    try:
        return [(int(p["start"]), int(p["end"]), str(p["lang"])) for p in json.loads(str(value))]
    except (ValueError, KeyError, TypeError):
        return None


@dataclass(frozen=True)
class StoredArticle:
    """One row of ``articles``."""

    id: str
    source: str
    url: str | None
    canonical_url: str | None
    guid: str | None
    title: str | None
    summary: str | None
    text: str | None
    published: str | None  # ISO 8601 as stored
    date_missing: int | None
    lang: str | None
    lang_hint: str | None
    lang_confidence: float | None
    content_hash: str | None
    first_seen: str | None
    updated_at: str | None
    run_id: int | None
    lang_paragraphs: str | None  # JSON, see :func:`decode_paragraph_spans`
    # the address the page was read from, after redirects (what readers are sent to;
    # canonical_url is for finding duplicates only)
    fetched_url: str | None = None
    # the date as the source wrote it: its own offset, or ``YYYY-MM-DD`` for a date alone
    published_local: str | None = None

    @property
    def paragraph_spans(self) -> list[tuple[int, int, str]] | None:
        """The per-paragraph languages the language stage stored, if readable."""
        return decode_paragraph_spans(self.lang_paragraphs)


ARTICLE_COLUMNS = tuple(f.name for f in fields(StoredArticle))


@dataclass(frozen=True)
class SourceState:
    """One row of ``sources``: what earlier runs learnt about a source."""

    name: str
    url: str | None
    kind: str | None
    language: str | None
    title: str | None
    tags: str | None  # JSON list
    etag: str | None
    last_modified: str | None
    last_fetched: str | None
    last_success: str | None
    last_new_item: str | None
    consecutive_failures: int | None
    last_error: str | None
    removed_at: str | None = None  # when the source left sources.yaml


SOURCE_COLUMNS = tuple(f.name for f in fields(SourceState))


@dataclass(frozen=True)
class FetchRecord:
    """One row of ``fetches``: how one source went in one run."""

    source: str
    url: str | None
    status: str | None
    http_status: int | None
    bytes: int | None
    duration_ms: int | None
    error: str | None
    not_modified: int | None
    items_found: int | None
    items_new: int | None
    items_updated: int | None
    items_unchanged: int | None


FETCH_COLUMNS = tuple(f.name for f in fields(FetchRecord))


@dataclass(frozen=True)
class Translation:
    """One row of ``translations``: an article's text in one target language."""

    article_id: str
    target: str
    source_lang: str | None
    title: str | None
    summary: str | None
    text: str | None
    engine: str | None
    status: str | None
    message: str | None
    glossary_violations: int | None
    glossary_details: str | None  # JSON
    glossary_version: str | None
    model_version: str | None
    content_hash: str | None  # of the article text it translates
    updated_at: str | None
    edited_by: str | None  # the editor who wrote it, None for a machine translation
    # the machine translation of a text that changed under an editor's translation, kept
    # beside it (the editor's text stays what is published) and the hash it translates
    machine_title: str | None = None
    machine_text: str | None = None
    machine_hash: str | None = None
    # the segments the translation memory gave (JSON list; see pressflow.translate.memory),
    # None when every segment came from the engine
    memory_details: str | None = None
    quality: str | None = None  # why the machine translation is likely poor ("; "-separated)


TRANSLATION_COLUMNS = tuple(f.name for f in fields(Translation))


@dataclass(frozen=True)
class GlossaryState:
    """The glossary terms a language pair was last translated with."""

    pair: str
    version: str
    entries: str  # JSON list of entries


@dataclass(frozen=True)
class MissingModel:
    """A source language translations waited on for want of a model."""

    lang: str | None
    articles: int
    message: str | None


@dataclass(frozen=True)
class EntityMention:
    """One row of ``entities`` without its id: a name found in an article's field."""

    field: str
    text: str
    label: str
    start: int
    end: int
    canonical: str | None
    entity_id: str | None
    method: str


@dataclass(frozen=True)
class OfficialMention:
    """One row of ``officials`` without its id: a person named with a role."""

    person: str | None
    role: str | None
    place: str | None
    org: str | None
    evidence: str | None


@dataclass(frozen=True)
class StoryEntity:
    """A distinct entity of a story's articles, as the feeds show it."""

    text: str | None
    label: str | None
    canonical: str | None
    entity_id: str | None


@dataclass(frozen=True)
class StoryOfficial:
    """A distinct official named in a story's articles."""

    person: str | None
    role: str | None
    place: str | None
    org: str | None
    lang: str | None = None  # of the article that names them: the role's wording per language


@dataclass(frozen=True)
class Story:
    """One row of ``stories``."""

    id: int
    representative: str | None
    title: str | None
    created: str | None
    updated: str | None
    status: str | None
    decided_by: str | None
    decided_at: str | None
    note: str | None


STORY_COLUMNS = tuple(f.name for f in fields(Story))


@dataclass(frozen=True)
class StoryCandidate:
    """An article the stories stage must place or re-index."""

    article: StoredArticle
    story_id: int | None  # its story, when it is in one already
    indexed_hash: str | None  # the content hash its fingerprint was made from, if indexed


@dataclass(frozen=True)
class RepresentativeCandidate:
    """A story member as the choice of the story's representative sees it."""

    article_id: str
    lang: str | None
    title: str | None
    text_length: int
    published: str | None
    english_title: str | None


@dataclass(frozen=True)
class StoredFingerprint:
    """One row of ``story_fingerprints``."""

    article_id: str
    day: int | None
    signature: bytes
    data: str  # JSON


@dataclass(frozen=True)
class Decision:
    """One row of ``decisions``: who did what to a story, and when."""

    id: int
    story_id: int
    action: str
    editor: str
    at: str
    detail: str  # JSON


@dataclass(frozen=True)
class ArticleVersion:
    """An earlier text of an article, kept when a changed source replaced it."""

    title: str | None
    summary: str | None
    text: str | None
    replaced_at: str | None


@dataclass(frozen=True)
class StoryPage:
    """A listing source's story page as last fetched: its validators for a conditional GET."""

    url: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class MemoryEntry:
    """One row of ``translation_memory``: a source segment and the translation an editor
    gave it (or a TMX file brought). ``source_key`` is the segment normalised for lookup
    (:func:`pressflow.translate.memory.segment_key`): one entry per key and language pair."""

    source_lang: str
    target_lang: str
    source: str
    target: str
    source_key: str
    origin: str  # "editor" or "tmx import"
    segtype: str = "sentence"  # sentence | paragraph
    editor: str | None = None
    article_id: str | None = None
    created_at: str | None = None
    updated_at: str | None = None
    id: int | None = None


MEMORY_COLUMNS = tuple(f.name for f in fields(MemoryEntry))


@dataclass(frozen=True)
class MemorySaved:
    """What saving segment pairs did: new keys, changed translations, and pairs already known."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
