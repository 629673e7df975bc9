"""A quality flag per translation (issue 20): likely poor output is marked, stored through
the real store and shown in the digest (the review page renders the same template), so
editors look there first."""

from __future__ import annotations

import shutil
from pathlib import Path

import lxml.html
import pytest
from support.publish import _story, build_store

from pressflow.config import Config
from pressflow.pipeline.context import RunContext
from pressflow.publish import load_stories, render_digest
from pressflow.records import Article
from pressflow.store import Store
from pressflow.translate import run_stage
from pressflow.translate.quality import quality_issues

NEEDS_DICTIONARIES = pytest.mark.skipif(
    shutil.which("lt-proc") is None, reason="Apertium's dictionaries (lt-proc) are not installed")
SOURCE_FR = "La ville de Lyon accueille le sommet des maires européens cette semaine."


def test_a_good_translation_has_no_issue() -> None:
    assert quality_issues(SOURCE_FR, "The city of Lyon welcomes the summit of European mayors this week.",
                          "fr", "en", "es") == []


@pytest.mark.parametrize(("translation", "issue"), [
    ("The city of Lyon hosts the summit del mayors of los European this week.", "es (pivot) words left: del, los"),
    ("The city of Lyon accueille the summit des maires européens this week.", "words left untranslated"),
    ("The city.", "length 0.1 times the source's"),
    ("The city of Zx0q welcomes the summit of European mayors this week.", "1 protected term(s) lost"),
    ("The city of Lyon *accueille the summit of European mayors this week.", "unknown words marked"),
    # a content word of the pivot (Spanish dictionaries know it, English ones do not), also
    # where the engine capitalised it opening the sentence
    pytest.param("The city of Lyon welcomes the summit of European cabildos this week.",
                 "es (pivot) words left: cabildos", marks=NEEDS_DICTIONARIES),
    pytest.param("Cientos of mayors: the city of Lyon welcomes the summit this week.",
                 "es (pivot) words left: cientos", marks=NEEDS_DICTIONARIES),
])
def test_signs_of_a_poor_translation(translation: str, issue: str) -> None:
    issues = quality_issues(SOURCE_FR, translation, "fr", "en", "es")
    assert any(i.startswith(issue) for i in issues), issues


def test_pivot_words_are_not_counted_without_a_pivot() -> None:
    assert quality_issues(SOURCE_FR, "The city of Lyon hosts the summit del mayors this week.",
                          "fr", "en", None) == []


@pytest.mark.skipif(shutil.which("apertium") is None, reason="Apertium is not installed")
def test_the_flag_is_stored_and_shown_in_the_digest(tmp_path: Path) -> None:
    """The real translate stage (Apertium) on the digest fixture plus a Romanian article
    that Apertium leaves partly untranslated: only that one is flagged, in the store and
    on the page; the Spanish one translates cleanly and carries no flag."""
    fx = build_store(tmp_path)
    config = Config.from_mapping({"output": str(tmp_path / "output"),
                                  "translate": {"engine": "apertium"}})
    with Store(fx.db) as store:
        store.upsert_articles([Article(
            source="Primăria Cluj", url="https://cluj.example/stiri/1", title="Bugetare participativă",
            text="Consiliile locale au discutat despre bugetarea participativă în cartierele periferice.",
            lang="ro")], run_id=None)
        [ro_id] = [a.id for a in store.pending("translate") if a.source == "Primăria Cluj"]
        store.db.execute("UPDATE articles SET lang = 'ro' WHERE id = ?", [ro_id])
        cluj = _story(store, [ro_id])
        report = run_stage(RunContext(store, config, store.start_run("test")))
        assert report.details.get("likely poor") == 1, report.details
        flagged = store.translation(ro_id, "en")
        assert flagged is not None and "participativă" in str(flagged.quality)
        madrid_id = store.db.execute("SELECT id FROM articles WHERE source = 'Ayuntamiento de Madrid'").fetchone()[0]
        clean = store.translation(madrid_id, "en")
        assert clean is not None and clean.status == "ok" and clean.quality is None
        page = lxml.html.document_fromstring(render_digest(load_stories(store), title="Test"))
    ro_flags = page.get_element_by_id(f"story-{cluj}").xpath(".//*[@data-flag='quality']")
    assert len(ro_flags) == 1 and "participativă" in ro_flags[0].text_content()
    assert not page.get_element_by_id(f"story-{fx.madrid}").xpath(".//*[@data-flag='quality']")


# Sentences whose French or Italian words Apertium's first step (fr-es, ita-spa) writes in
# Spanish words that spa-eng does not know, so they reach the English output as Spanish.
PIVOT_CASES = [
    ("fr", "Les élus des conseils municipaux ont approuvé le plan.", "cabildos"),
    ("fr", "La politique douanière a changé cette année.", "aduanera"),
    ("fr", "Le projet est une initiative artisanale et associative.", "artesanal"),
    ("it", "Le procure hanno avviato nuove indagini sul comune.", "fiscalías"),
]
CLEAN_CASES = [
    ("fr", "La ville de Lyon accueille le sommet des maires européens cette semaine."),
    ("it", "Il sindaco ha presentato il nuovo piano per la mobilità urbana."),
    ("ro", "Primăria a aprobat bugetul pentru anul viitor."),
]


def _apertium_pivot(lang: str) -> bool:
    from pressflow.translate.apertium import ApertiumEngine

    route = ApertiumEngine().route(lang, "en")
    return route is not None and len(route) == 2


@pytest.mark.skipif(shutil.which("apertium") is None or not _apertium_pivot("fr") or not _apertium_pivot("it"),
                    reason="Apertium with fr and it through Spanish is not installed")
def test_pivot_content_words_left_by_real_apertium_are_flagged() -> None:
    """Real fr->es->en and it->es->en runs: the Spanish word left in the English output (a
    content word, not one of the short function words) is named in the quality flag, and
    sentences Apertium translates without one carry no pivot flag."""
    from pressflow.config import TranslateSettings
    from pressflow.translate.core import Document, translate_documents

    docs = [Document(f"leak{i}", lang, {"text": text}) for i, (lang, text, _) in enumerate(PIVOT_CASES)]
    docs += [Document(f"clean{i}", lang, {"text": text}) for i, (lang, text) in enumerate(CLEAN_CASES)]
    results = translate_documents(docs, "en", settings=TranslateSettings(engine="apertium"))
    for (_, _, word), res in zip(PIVOT_CASES, results, strict=False):
        assert res is not None and res.status == "ok"
        assert word in (res.fields["text"] or "").lower(), res.fields  # the leak is really there
        flags = [q for q in res.quality if q.startswith("es (pivot) words left")]
        assert flags and word in flags[0], (res.fields, res.quality)
    for res in results[len(PIVOT_CASES):]:
        assert res is not None and res.status == "ok"
        assert not [q for q in res.quality if "pivot" in q], (res.fields, res.quality)


@pytest.mark.skipif(shutil.which("apertium") is None or not _apertium_pivot("fr"),
                    reason="Apertium with fr through Spanish is not installed")
def test_pivot_content_word_flag_through_the_stage(tmp_path: Path) -> None:
    """The real translate stage stores the flag (and counts it) for the French article whose
    English keeps the Spanish pivot's "cabildos"."""
    config = Config.from_mapping({"output": str(tmp_path / "output"), "translate": {"engine": "apertium"}})
    with Store(tmp_path / "pressflow.db") as store:
        store.upsert_articles([Article(source="Ville", url="https://ville.example/1", title="Conseils",
                                       text=PIVOT_CASES[0][1], lang="fr")], run_id=None)
        [article] = store.pending("translate")
        store.db.execute("UPDATE articles SET lang = 'fr' WHERE id = ?", [article.id])
        report = run_stage(RunContext(store, config, store.start_run("test")))
        assert report.details.get("likely poor") == 1, report.details
        stored = store.translation(article.id, "en")
        assert stored is not None and "cabildos" in str(stored.quality)
