"""Stories: one item for the same news told by several sources, in any language.

An article joins a story in three ways, tried in order:

1. **exact**: the same canonical URL or the same content hash as an article in a story;
2. **near-duplicate**: MinHash of word 3-shingles, candidates found through LSH bands;
3. **cross-language / entities**: shared *anchors* (names, acronyms, cities in any script,
   numbers, years, canonical entities, the English translation's words) inside a date
   window, candidates found through an inverted index of rare anchors by day.

Vetoes (:func:`pressflow.stories.similarity.veto`) keep look-alikes apart: other dates, other
years, other places or other people in the lead. See docs/stories.md.

The stage is incremental: fingerprints, LSH band keys and anchor postings are kept in the
store (tables ``story_fingerprints``, ``story_bands``, ``story_anchors``, ``story_terms``),
so a run only compares its new articles with the few candidates the index returns. Story
ids are stable: a new article joins an existing story and nothing is renumbered. Articles
already in a story are never moved, and editors' placements (``pinned = 1``) never change.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

import numpy as np

from pressflow.pipeline.context import RunContext, StageReport
from pressflow.store import Store, utcnow
from pressflow.store.records import StoredArticle, StoredFingerprint
from pressflow.stories.similarity import (
    DATE_WINDOW_DAYS,
    MIN_SHARED_ANCHORS,
    NEAR_DUP_WINDOW_DAYS,
    Fingerprint,
    Match,
    anchor_similarity,
    band_keys,
    explain_pair,
    fingerprint,
    idf_weight,
    probability,
    score_pair,
    signals,
    veto,
)
from pressflow.text.fold import fold
from pressflow.text.urls import canonical_url

MAX_CANDIDATES = 30  # best anchor candidates scored per article
RARE_DF = 50  # anchors this rare are looked up even for undated articles
MAX_POSTINGS = 1000
"""Anchors and keywords filed under more articles than this find no candidates: a city's
name in a busy backfill, a common word. A fixed cap (not a share of the index) keeps the
cost of finding one article's candidates the same at 10k and 100k articles."""
CANDIDATE_POOL = 200  # articles sharing the most anchors/keywords, ranked by embedding cosine
EMBEDDING_CANDIDATES = 15  # the pool's closest by embedding, scored besides the best by count
EMBEDDING_FLOOR = 0.35  # below this cosine a pool article is not worth scoring
LOADED_KEPT = 4096
"""Parsed fingerprints a run keeps in memory (most recently used): a few KB each."""


@dataclass
class StoryInput:
    """One article as the matcher sees it (the `pressflow stories` input line)."""

    id: str
    lang: str | None
    title: str
    text: str
    url: str | None = None
    content_hash: str | None = None
    published: str | None = None
    source: str | None = None
    english_title: str | None = None
    english_text: str | None = None
    entities: list[tuple[str, str]] = field(default_factory=list)
    embedding: np.ndarray | None = None  # known already (the store's cache): not encoded again

    def fingerprint(self) -> Fingerprint:
        return fingerprint(self.id, title=self.title, text=self.text, lang=self.lang,
                           published=self.published, english_title=self.english_title,
                           english_text=self.english_text, entities=self.entities,
                           source=self.source)


def story_input_from_json(obj: dict[str, Any]) -> StoryInput:
    """A `pressflow stories` input line as a :class:`StoryInput`.

    Beyond the contract's fields, two optional ones carry what the pipeline knows:
    ``english_title``/``english_text`` (a translation) and ``entities`` (the output of
    `pressflow entities`: a list of {"label","canonical"}). A ``published`` that is not an
    ISO 8601 date counts as undated.
    """
    from pressflow.records import Article

    title, text = str(obj.get("title") or ""), str(obj.get("text") or "")
    published = obj.get("published")
    ents = [(str(e.get("label") or ""), str(e.get("canonical") or e.get("text") or ""))
            for e in obj.get("entities") or [] if isinstance(e, dict)]
    return StoryInput(
        id=str(obj["id"]), lang=obj.get("lang"), title=title, text=text, url=obj.get("url"),
        content_hash=Article(source="", url="", title=title, text=text).content_hash,
        published=str(published) if published else None, source=obj.get("source"),
        english_title=obj.get("english_title"), english_text=obj.get("english_text"),
        entities=ents)


BOILERPLATE_MIN_PAGES = 3  # a line one source repeats on this many pages is the site's
BOILERPLATE_SHORT_LINE = 80  # a line this short (a switcher, a menu, a copyright) on two pages
BOILERPLATE_HISTORY = 10  # earlier pages of a source read from the store to recognise its lines


def _line_key(line: str) -> str:
    """A line as compared across pages: folded, digits masked (a board's header line
    changes only its date and view count)."""
    return re.sub(r"\d", "0", " ".join(fold(line).split()))


def without_boilerplate(items: Sequence[StoryInput],
                        history: Mapping[str, Sequence[str]] | None = None) -> list[StoryInput]:
    """The items with the lines their source repeats on several pages removed (language
    switcher, menu, breadcrumbs, board header, copyright): what every page of a site says is
    no evidence that two of its pages tell one story. A line counts as the site's on three
    pages, or on two when it is short; ``history`` holds other pages' texts by source (the
    store's latest), so a board adding one page a night is recognised too. Titles are kept."""
    history = history or {}
    by_source: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        by_source[item.source or ""].append(i)
    out = list(items)
    for source, positions in by_source.items():
        for attr in ("text", "english_text"):
            texts = [getattr(items[i], attr) or "" for i in positions]
            if attr == "text":
                texts += list(history.get(source, ()))
            if len(texts) < 2:
                continue
            pages = Counter(key for text in texts for key in {_line_key(line) for line in text.splitlines()})
            common = {key for key, n in pages.items() if key and (
                n >= BOILERPLATE_MIN_PAGES or (n >= 2 and len(key) <= BOILERPLATE_SHORT_LINE))}
            if not common:
                continue
            for i in positions:
                text = getattr(out[i], attr)
                if text:
                    kept = [line for line in text.splitlines() if _line_key(line) not in common]
                    out[i] = replace(out[i], text="\n".join(kept)) if attr == "text" \
                        else replace(out[i], english_text="\n".join(kept))
    return out


class CandidateIndex:
    """Finds the few indexed articles worth scoring against a new one.

    Two subclasses keep the same postings: in memory (the JSON Lines filter, benchmarks)
    and in the store (the nightly stage, across runs).
    """

    def df(self, anchor: str) -> int:
        raise NotImplementedError

    @property
    def size(self) -> int:
        raise NotImplementedError

    def band_hits(self, keys: list[int], day: int | None,
                  top: int | None = None) -> Counter[str]:
        """Articles sharing LSH bands, within the near-duplicate window, with the count
        (at least the ``top`` most-shared ones; an index may return more)."""
        raise NotImplementedError

    def anchor_hits(self, anchors: list[str], day: int | None, top: int | None = None,
                    min_count: int = 1) -> Counter[str]:
        """Articles sharing anchors inside the date window, with the count (at least the
        ``top`` ones sharing ``min_count`` or more; an index may return more)."""
        raise NotImplementedError

    def load(self, ids: Iterable[str]) -> list[Fingerprint]:
        raise NotImplementedError

    def add(self, fp: Fingerprint, content_hash: str | None = None) -> None:
        raise NotImplementedError

    def weight(self) -> Callable[[str], float]:
        return idf_weight(self.df, self.size)

    def embeddings(self, ids: Sequence[str]) -> list[np.ndarray | None]:
        """The cached embeddings of indexed articles (None where there is none)."""
        raise NotImplementedError

    def candidates(self, fp: Fingerprint) -> list[Fingerprint]:
        """The best few by shared LSH bands, by shared anchors and keywords, and, among a
        bounded pool sharing any, by embedding cosine (one vectorised product)."""
        bands = self.band_hits(band_keys(fp.signature), fp.day, top=MAX_CANDIDATES)
        ids = {i for i, _ in bands.most_common(MAX_CANDIDATES)}
        useful = [a for a in fp.postings if self.df(a) <= MAX_POSTINGS]
        if fp.day is None:
            useful = [a for a in useful if self.df(a) <= RARE_DF]
        hits = self.anchor_hits(useful, fp.day, top=CANDIDATE_POOL, min_count=1)
        hits.pop(fp.id, None)
        pool = [i for i, _ in hits.most_common(CANDIDATE_POOL)]
        ids |= {i for i in pool[:MAX_CANDIDATES] if hits[i] >= 2}
        if fp.embedding is not None and pool:
            from pressflow.stories.embeddings import cosines

            close = cosines(fp.embedding, self.embeddings(pool))
            best = np.argsort(-close)[:EMBEDDING_CANDIDATES]
            ids |= {pool[k] for k in best if close[k] >= EMBEDDING_FLOOR}
        ids.discard(fp.id)
        return self.load(sorted(ids))


class MemoryIndex(CandidateIndex):
    def __init__(self, df: Counter[str] | None = None, size: int | None = None) -> None:
        self.fps: dict[str, Fingerprint] = {}
        self.bands: dict[int, list[str]] = defaultdict(list)
        self.by_day: dict[tuple[str, int | None], list[str]] = defaultdict(list)
        self.by_anchor: dict[str, list[str]] = defaultdict(list)
        self._df = df if df is not None else Counter()
        self._fixed_df = df is not None
        self._size = size

    def df(self, anchor: str) -> int:
        return self._df.get(anchor, 0)

    @property
    def size(self) -> int:
        return self._size if self._size is not None else len(self.fps)

    def band_hits(self, keys: list[int], day: int | None,
                  top: int | None = None) -> Counter[str]:
        hits = Counter(i for k in keys for i in self.bands.get(k, ()))
        if day is not None:
            for i in list(hits):
                other = self.fps[i].day
                if other is not None and abs(other - day) > NEAR_DUP_WINDOW_DAYS:
                    del hits[i]
        return hits

    def anchor_hits(self, anchors: list[str], day: int | None, top: int | None = None,
                    min_count: int = 1) -> Counter[str]:
        hits: Counter[str] = Counter()
        for a in anchors:
            if day is None:
                hits.update(self.by_anchor.get(a, ()))
                continue
            for d in range(day - DATE_WINDOW_DAYS, day + DATE_WINDOW_DAYS + 1):
                hits.update(self.by_day.get((a, d), ()))
            hits.update(self.by_day.get((a, None), ()))
        return hits

    def load(self, ids: Iterable[str]) -> list[Fingerprint]:
        return [self.fps[i] for i in ids]

    def embeddings(self, ids: Sequence[str]) -> list[np.ndarray | None]:
        return [self.fps[i].embedding for i in ids]

    def add(self, fp: Fingerprint, content_hash: str | None = None) -> None:
        self.fps[fp.id] = fp
        for k in band_keys(fp.signature):
            self.bands[k].append(fp.id)
        for a in fp.postings:
            self.by_day[(a, fp.day)].append(fp.id)
            if len(self.by_anchor[a]) < RARE_DF:
                self.by_anchor[a].append(fp.id)
            if not self._fixed_df:
                self._df[a] += 1


class StoreIndex(CandidateIndex):
    """The index kept in the store between runs (tables made by migration 0007)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._size = store.story_index_size()
        self._df_cache: dict[str, int] = {}
        self._vectors: dict[str, np.ndarray | None] = {}  # this run's embeddings, by article
        self._loaded: OrderedDict[str, Fingerprint] = OrderedDict()  # parsed, most recent last

    def df(self, anchor: str) -> int:
        if anchor not in self._df_cache:
            self._df_cache[anchor] = self.store.anchor_frequencies([anchor]).get(anchor, 0)
        return self._df_cache[anchor]

    def prefetch_df(self, anchors: Iterable[str]) -> None:
        todo = [a for a in set(anchors) if a not in self._df_cache]
        found = self.store.anchor_frequencies(todo)
        for a in todo:
            self._df_cache[a] = found.get(a, 0)

    @property
    def size(self) -> int:
        return self._size

    def count_terms(self, fps: Sequence[Fingerprint]) -> None:
        """Add the new articles to document frequencies before any of them is matched."""
        counts = Counter(a for fp in fps for a in fp.postings)
        self.prefetch_df(counts)
        self.store.add_anchor_counts(counts)
        for a, n in counts.items():
            self._df_cache[a] = self._df_cache.get(a, 0) + n
        self._size += len(fps)

    def band_hits(self, keys: list[int], day: int | None,
                  top: int | None = None) -> Counter[str]:
        return self.store.band_hits(keys, day, NEAR_DUP_WINDOW_DAYS, top=top)

    def anchor_hits(self, anchors: list[str], day: int | None, top: int | None = None,
                    min_count: int = 1) -> Counter[str]:
        return self.store.anchor_hits(anchors, day, DATE_WINDOW_DAYS, top=top,
                                      min_count=min_count)

    def load(self, ids: Iterable[str]) -> list[Fingerprint]:
        """The indexed fingerprints of ``ids`` (those the index holds), parsed once a run:
        the same articles are candidates again and again in a busy window, and parsing
        their JSON was a tenth of the stage (cProfile, 2,000 articles; docs/scaling.md)."""
        wanted = list(ids)
        todo = [i for i in wanted if i not in self._loaded]
        if todo:
            fps = [Fingerprint.from_json(f.article_id, f.day, f.signature, json.loads(f.data))
                   for f in self.store.fingerprints(todo)]
            vectors = self.embeddings([f.id for f in fps])
            for f, v in zip(fps, vectors, strict=True):
                self._loaded[f.id] = replace(f, embedding=v)
        found = []
        for i in wanted:
            if i in self._loaded:
                self._loaded.move_to_end(i)
                found.append(self._loaded[i])
        while len(self._loaded) > LOADED_KEPT:
            self._loaded.popitem(last=False)
        return found

    def embeddings(self, ids: Sequence[str]) -> list[np.ndarray | None]:
        from pressflow.stories.embeddings import MODEL, from_bytes

        todo = [i for i in ids if i not in self._vectors]
        if todo:
            found = self.store.story_embeddings(todo, MODEL)
            for i in todo:
                self._vectors[i] = from_bytes(found[i][1]) if i in found else None
        return [self._vectors[i] for i in ids]

    def uncount_terms(self, anchors_of: Iterable[Iterable[str]]) -> None:
        """Take articles back out of the document frequencies (re-indexed or not processed)."""
        counts = Counter(a for anchors in anchors_of for a in anchors)
        self.store.subtract_anchor_counts(counts)
        for a, n in counts.items():
            if a in self._df_cache:
                self._df_cache[a] = max(0, self._df_cache[a] - n)

    def remove(self, article_id: str) -> None:
        self._loaded.pop(article_id, None)
        data = self.store.fingerprint_data(article_id)
        if data:
            stored = json.loads(data)
            self.uncount_terms([[*stored["anchors"], *stored.get("keywords", ())]])
            self._size -= 1
        self.store.remove_fingerprint(article_id)

    def add(self, fp: Fingerprint, content_hash: str | None = None) -> None:
        self.store.add_fingerprint(
            StoredFingerprint(fp.id, fp.day, fp.signature.tobytes(), json.dumps(fp.to_json())),
            content_hash, band_keys(fp.signature), fp.postings)
        self._vectors[fp.id] = fp.embedding
        self._loaded.pop(fp.id, None)  # read back from the store as stored, when a candidate


def encoder_processes(items: Sequence[StoryInput], workers: int | None) -> int:
    """How many processes encode the items that need an embedding while this one fingerprints
    them: of ``workers`` cores (None: every usable core) this process has one, the others
    encode, one per ``embeddings.MIN_PER_WORKER`` distinct texts at most (0: none is started,
    this process encodes after fingerprinting). On two cores: the run's process fingerprints
    (about 5 ms of CPU an article) while one worker encodes (about 4 ms)."""
    from pressflow.config import usable_cores
    from pressflow.stories.embeddings import MIN_PER_WORKER, distinct_texts, embedding_text

    cores = usable_cores() if workers is None else workers
    texts = [embedding_text(i.title, i.text) for i in items if i.embedding is None]
    return max(0, min(cores - 1, distinct_texts(texts) // MIN_PER_WORKER))


def fingerprints(items: Sequence[StoryInput], workers: int | None = None) -> list[Fingerprint]:
    """Fingerprints of many articles with their embeddings (a ``StoryInput`` whose ``embedding``
    is known already, from the store's cache, keeps it).

    The encoder runs in :func:`encoder_processes` processes while this one fingerprints; the
    vectors are the ones one process makes, bit for bit."""
    from pressflow.stories.embeddings import embedding, embedding_text

    todo = [k for k, item in enumerate(items) if item.embedding is None]
    texts = [embedding_text(items[k].title, items[k].text) for k in todo]
    with embedding(texts, encoder_processes(items, workers)) as vectors:
        fps = [replace(item.fingerprint(), embedding=item.embedding) for item in items]
        for k, vector in zip(todo, vectors(), strict=True):
            fps[k] = replace(fps[k], embedding=vector)
    return fps


MAX_MEMBERS_CHECKED = 12  # the representative and the latest members a new article must agree with

StoryKey = TypeVar("StoryKey", str, int)


def join_story(fp: Fingerprint, index: CandidateIndex, story_of: Callable[[str], StoryKey | None],
               members_of: Callable[[StoryKey], list[str]],
               trace: list[dict[str, Any]] | None = None) -> tuple[StoryKey, Match] | None:
    """The story this article joins, and the best match that proposed it; or None.

    Candidates are scored one by one, best first; a candidate's story is joined only when the
    article also agrees with the story as a whole (:func:`agrees_with_story`), so that one
    member close to two unrelated articles cannot chain them into one story.
    ``members_of`` gives a story's member ids, its representative first. ``trace``, when
    given, receives every pair's signals and each story's verdict (``--explain``).
    """
    weight = index.weight()
    scored: list[tuple[float, str, Match]] = []
    for other in index.candidates(fp):
        m = score_pair(fp, other, weight)
        if trace is not None:
            trace.append(explain_pair(fp, other, weight))
        if m:
            scored.append((m.score, other.id, m))
    tried: set[StoryKey] = set()
    for _, other_id, match in sorted(scored, key=lambda t: (-t[0], t[1])):
        story = story_of(other_id)
        if story is None or story in tried:
            continue
        tried.add(story)
        members = members_of(story)[:MAX_MEMBERS_CHECKED]
        agrees = agrees_with_story(fp, members, index, weight, match)
        if trace is not None:
            trace.append({"story": story, "via": other_id, "members_checked": members,
                          "decision": "joined" if agrees else "apart",
                          "reason": "agrees with the representative or most members, dates in the "
                                    "window" if agrees else
                                    "matches too few members, or the story's dates would pass the window"})
        if agrees:
            return story, match
    return None


def agrees_with_story(fp: Fingerprint, member_ids: Sequence[str], index: CandidateIndex,
                      weight: Callable[[str], float], match: Match) -> bool:
    """Whether an article belongs with a story's members (representative first): all of their
    dates and its own inside the window (a chain over eight days does not pass a seven-day
    window), and it matches the representative or most of the members."""
    loaded = {f.id: f for f in index.load(member_ids)}
    members = [loaded[i] for i in member_ids if i in loaded]
    if not members:
        return True  # nothing indexed to compare with (an editor's story of unindexed items)
    window = NEAR_DUP_WINDOW_DAYS if match.method == "near-duplicate" else DATE_WINDOW_DAYS
    days = [f.day for f in (*members, fp) if f.day is not None]
    if days and max(days) - min(days) > window:
        return False
    if match.method != "near-duplicate" and any(
            f.source and f.source == fp.source and f.lang == fp.lang for f in members):
        return False  # another page of a member's source: a board's releases never merge
    agree = [close_to(fp, f, weight) for f in members]
    return (members[0].id == member_ids[0] and agree[0]) or 2 * sum(agree) > len(agree)


STORY_AGREEMENT = 0.35  # weighted anchor share with a member that counts as agreeing with it
STORY_AGREEMENT_PROBABILITY = 0.45  # or the combined probability (a headline beside a full report)


def close_to(fp: Fingerprint, member: Fingerprint, weight: Callable[[str], float]) -> bool:
    """Whether an article agrees with one member of the story it would join: a match, or no
    veto and a good share of anchors (a short Spanish version may fall below the join
    threshold with the English representative and still tell the story its French one does)."""
    if score_pair(fp, member, weight) is not None:
        return True
    if veto(fp, member, window=DATE_WINDOW_DAYS) is not None:
        return False
    share, shared = anchor_similarity(fp, member, weight)
    return (shared >= MIN_SHARED_ANCHORS and share >= STORY_AGREEMENT) or \
        probability(signals(fp, member, weight)) >= STORY_AGREEMENT_PROBABILITY


def _order(fps: Sequence[Fingerprint]) -> list[int]:
    """Dated articles oldest first, then undated ones: a story starts with its first report."""
    return sorted(range(len(fps)), key=lambda i: (fps[i].day is None, fps[i].day or 0, i))


def group_stories(items: Sequence[StoryInput],
                  explain: dict[str, list[dict[str, Any]]] | None = None) -> list[str]:
    """Story key for each item: equal keys are the same story.

    The key is the id of the story's first article. Used by `pressflow stories` and the
    benchmark; the nightly stage uses the same matching against the store's index.
    ``explain``, when given, receives each article's pair decisions by its id.
    """
    fps = fingerprints(without_boilerplate(items))
    df: Counter[str] = Counter(a for fp in fps for a in fp.postings)
    index = MemoryIndex(df=df, size=len(fps))
    story_of: dict[str, str] = {}
    members: dict[str, list[str]] = defaultdict(list)
    exact: dict[str, str] = {}
    for i in _order(fps):
        item, fp = items[i], fps[i]
        keys = ([f"url:{canonical_url(item.url)}"] if item.url else []) + \
            ([f"hash:{item.content_hash}"] if item.content_hash else [])
        story = next((exact[k] for k in keys if k in exact), None)
        if story is None:
            trace = explain.setdefault(item.id, []) if explain is not None else None
            found = join_story(fp, index, story_of.get, members.__getitem__, trace)
            story = found[0] if found else item.id
        for k in keys:
            exact.setdefault(k, story)
        story_of[item.id] = story
        members[story].append(item.id)  # the first is the story's key and representative
        index.add(fp)
    return [story_of[item.id] for item in items]


# -- the stage ------------------------------------------------------------------------
def _inputs(store: Store, rows: list[StoredArticle]) -> list[StoryInput]:
    ids = [r.id for r in rows]
    english = store.english_texts(ids)
    ents = store.canonical_names(ids)
    return [StoryInput(id=r.id, lang=r.lang, title=r.title or "", text=r.text or "",
                       url=r.canonical_url or r.url, content_hash=r.content_hash,
                       published=r.published, source=r.source,
                       english_title=english.get(r.id, (None, None))[0],
                       english_text=english.get(r.id, (None, None))[1],
                       entities=ents.get(r.id, [])) for r in rows]


def with_cached_embeddings(store: Store, items: Sequence[StoryInput]) -> list[StoryInput]:
    """The items, with the embedding cached in the store for each whose content is unchanged."""
    from pressflow.stories.embeddings import MODEL, from_bytes

    cached = store.story_embeddings([i.id for i in items], MODEL)
    return [replace(i, embedding=from_bytes(cached[i.id][1]))
            if i.id in cached and cached[i.id][0] == i.content_hash else i for i in items]


def save_embeddings(store: Store, items: Sequence[StoryInput], fps: Sequence[Fingerprint]) -> None:
    """Cache the embeddings this run made (the items that came without one)."""
    from pressflow.stories.embeddings import MODEL, to_bytes

    store.save_story_embeddings([(i.id, i.content_hash, to_bytes(fp.embedding))
                                 for i, fp in zip(items, fps, strict=True)
                                 if i.embedding is None and fp.embedding is not None], MODEL)


def choose_representative(store: Store, story_id: int) -> tuple[str, str] | None:
    """The member to show: an English original if there is one, else the most complete.

    Returns (article id, title), the title in English when a translation exists.
    """
    rows = store.representative_candidates(story_id)
    if not rows:
        return None
    rows.sort(key=lambda r: (not (r.lang or "").startswith("en"), -r.text_length,
                             r.published or "9999", r.article_id))
    best = rows[0]
    return best.article_id, (best.english_title or best.title or "")


def run_stage(ctx: RunContext) -> StageReport:
    """Put every article not yet in a story into one, joining an existing story when it can."""
    report = StageReport("stories")
    started = time.monotonic()
    store = ctx.store
    candidates = store.story_candidates()
    rows = [c.article for c in candidates]
    methods: Counter[str] = Counter()
    with store.transaction():
        index = StoreIndex(store)
        for c in candidates:
            if c.indexed_hash is not None:
                index.remove(c.article.id)  # content changed: refresh its fingerprint
        batch = _inputs(store, rows)
        ids = {r.id for r in rows}
        history = {source: [t for aid, t in store.latest_texts_of_source(
            source, BOILERPLATE_HISTORY + len(ids)) if aid not in ids][:BOILERPLATE_HISTORY]
            for source in {r.source for r in rows if r.source}}
        inputs = with_cached_embeddings(store, without_boilerplate(batch, history))
        encoders = encoder_processes(inputs, ctx.config.settings.workers)
        fps = fingerprints(inputs, ctx.config.settings.workers)
        save_embeddings(store, inputs, fps)
        index.count_terms(fps)
        touched: set[int] = set()
        # articles already placed (maybe by an editor) only need their fingerprint back in the
        # index, before any new article is matched: an older new article may be their story
        for candidate, fp in zip(candidates, fps, strict=True):
            if candidate.story_id is not None:
                index.add(fp, candidate.article.content_hash)
        pairs = [(c, fp) for c, fp in zip(candidates, fps, strict=True) if c.story_id is None]
        for done, (candidate, fp) in enumerate(ctx.progress.track(pairs, "stories", total=len(pairs))):
            row = candidate.article
            if ctx.stop_requested:  # the rest is picked up by the next run
                index.uncount_terms(f.postings for _, f in pairs[done:])
                break
            story_id = store.story_with_same_article(row)
            method, score = "exact", 1.0
            if story_id is None:
                found = join_story(fp, index, store.story_of,
                                   lambda story: store.story_member_ids(story, MAX_MEMBERS_CHECKED))
                if found:
                    story_id, method, score = found[0], found[1].method, found[1].score
            if story_id is None:
                story_id = store.create_story(row.id, title=row.title)
                method, score = "new", 1.0
            store.add_story_member(row.id, story_id, method, round(score, 4))
            if method != "new":  # the next article is checked against the most complete member,
                # not the headline that happened to come first
                rep = choose_representative(store, story_id)
                if rep:
                    store.update_story(story_id, representative=rep[0])
            index.add(fp, row.content_hash)
            methods[method] += 1
            touched.add(story_id)
        for story_id in touched:
            rep = choose_representative(store, story_id)
            if rep:
                store.update_story(story_id, representative=rep[0], title=rep[1],
                                   updated=utcnow())
    report.processed = sum(methods.values())
    report.details = {"new_articles": report.processed, "new_stories": methods["new"],
                      "joined_existing": report.processed - methods["new"],
                      "by_method": dict(methods), "reindexed": len(rows) - report.processed}
    if encoders:  # the processes that worked at once: this one fingerprinting, the encoders
        report.details["workers"] = 1 + encoders
    report.seconds = time.monotonic() - started
    return report


# -- why two stored articles are one story or two (the review page) ---------------------
def explain_articles(store: Store, article_id: str, other_id: str) -> dict[str, Any]:
    """The signals and the decision between two articles of the store, as ``pressflow
    stories --explain`` prints them: the fingerprints and embeddings the stories stage
    indexed (made afresh, without boilerplate removal, for an article not indexed yet), and
    each article's story. Raises LookupError for an unknown article."""
    rows = {r.id: r for r in (store.article(article_id), store.article(other_id)) if r is not None}
    for wanted in (article_id, other_id):
        if wanted not in rows:
            raise LookupError(wanted)
    index = StoreIndex(store)
    found = {f.id: f for f in index.load([article_id, other_id])}
    missing = [rows[i] for i in (article_id, other_id) if i not in found]
    if missing:
        for fp in fingerprints(with_cached_embeddings(store, _inputs(store, missing))):
            found[fp.id] = fp
    a, b = found[article_id], found[other_id]
    index.prefetch_df(a.postings | b.postings)
    explained = explain_pair(a, b, index.weight())
    explained["article"] = article_id
    explained["stories"] = {article_id: store.story_of(article_id), other_id: store.story_of(other_id)}
    return explained
