"""A stage run through an existing distributed engine's local mode (docs/scaling.md).

The language and entities stages are records in, records out (``language.detect_articles``,
``entities.find_in_batch``): the same functions pressflow's own worker processes run can be
handed to Dask. Here a real Dask ``LocalCluster`` (two worker processes, as on a cluster, but
on this machine) runs the language stage's batches; the main process writes the results, and
the store holds exactly what ``pressflow run``'s own language stage stores."""

from __future__ import annotations

from pathlib import Path

from distributed import Client, LocalCluster
from support.nlp import make_context

from pressflow import language
from pressflow.pipeline.workers import batched
from pressflow.records import Article, Source

TEXTS = [
    ("Il Comune di Milano ha incontrato la delegazione di Lisbona", "it"),
    ("La mairie de Lyon ouvre un nouveau parc au bord du Rhône", "fr"),
    ("The city council of Leeds approved the new cycling plan", "en"),
    ("Der Stadtrat von Köln beschließt mehr Grünflächen für alle", "de"),
    ("El ayuntamiento de Valencia presenta su plan de movilidad", "es"),
    ("A câmara do Porto apresentou o novo plano de habitação", "pt"),
]


def _articles() -> list[Article]:
    out = []
    for n in range(36):
        text, _lang = TEXTS[n % len(TEXTS)]
        other, _ = TEXTS[(n + 1) % len(TEXTS)]
        body = f"{text}.\n\n{other}." if n % 4 == 0 else f"{text}. {text}."
        out.append(Article(source="city", url=f"https://example.org/{n}", title=text[:40], text=body))
    return out


def test_the_language_stage_runs_on_a_dask_local_cluster(tmp_path: Path) -> None:
    sources = [Source(name="city", url="https://example.org/feed")]
    own = make_context(tmp_path / "own", _articles(), sources)
    language.run_stage(own)

    engine = make_context(tmp_path / "dask", _articles(), sources)
    rows = list(engine.store.pending("language"))
    inputs: list[language.ArticleInput] = [(r.title, r.text, None, r.lang_hint) for r in rows]
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,  # type: ignore[no-untyped-call]
                      dashboard_address=None) as cluster, \
            Client(cluster) as client:  # type: ignore[no-untyped-call]
        futures = client.map(language.detect_articles, batched(inputs, 8), pure=False)
        results = [found for batch in client.gather(futures) for found in batch]
    with engine.store.transaction():
        for row, found in zip(rows, results, strict=True):
            engine.store.set_article_language(row.id, found.lang, found.confidence,
                                              language.paragraphs_json(found))
        engine.store.mark_done("language", rows)

    assert len(rows) == 36
    langs = set()
    for row in rows:
        mine, theirs = own.store.article(row.id), engine.store.article(row.id)
        assert mine is not None and theirs is not None
        assert (theirs.lang, theirs.lang_confidence, theirs.lang_paragraphs) == \
            (mine.lang, mine.lang_confidence, mine.lang_paragraphs)
        langs.add(theirs.lang)
    assert langs == {"it", "fr", "en", "de", "es", "pt"}
    assert list(engine.store.pending("language")) == []
