"""The language stage gives its detectors' memory back when it is done (issue 21: the run's
peak memory was the detectors plus the entity and story models loaded after them)."""

from __future__ import annotations

from pathlib import Path

from langdetect import detector_factory
from support.nlp import make_context

from pressflow import language
from pressflow.records import Article, Source
from pressflow.text import langdetect_numpy


def test_the_stage_releases_its_detectors_and_detection_still_works(tmp_path: Path) -> None:
    arts = [Article(source="city", url=f"https://example.org/{n}", title=title, text=text)
            for n, (title, text) in enumerate([
                ("Nouveau plan", "Le conseil municipal a approuvé le budget pour les transports publics."),
                ("New plan", "The city council approved a budget for public transport and housing."),
                ("Neuer Plan", "Der Stadtrat hat das Budget für den Nahverkehr und den Wohnungsbau genehmigt.")])]
    ctx = make_context(tmp_path, arts, [Source(name="city", url="https://example.org/feed")])
    language.load_detectors()
    assert language._identifier.cache_info().currsize == 1
    report = language.run_stage(ctx)
    assert report.processed == 3
    stored = {r["url"]: r["lang"] for r in ctx.store.db["articles"].rows}
    assert stored == {"https://example.org/0": "fr", "https://example.org/1": "en",
                      "https://example.org/2": "de"}
    # released: nothing of the detectors is held by this process any more
    for cached in (language._identifier, language._fasttext_model, language._lingua_detector_among,
                   language._langdetect_languages):
        assert cached.cache_info().currsize == 0, cached
    assert detector_factory._factory is None and langdetect_numpy.profiles.cache_info().currsize == 0
    # and they load again on the next detection, with the same answers
    again = language.detect_article("Nouveau plan", arts[0].text)
    assert again.lang == "fr"
    assert language.detect(arts[2].text or "").lang == "de"
    ctx.store.close()


def test_trim_heap_is_harmless_anywhere() -> None:
    language.trim_heap()
    language.trim_heap()
    assert language.detect("The city council approved the budget for public transport.").lang == "en"
