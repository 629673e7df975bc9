"""An article its partner corrects (a new version of its text, same address) is translated
again by the next run, with the names of its new text (issue 20): the real store, the real
translate stage and the real Apertium engine."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pressflow.config import Config
from pressflow.pipeline.context import RunContext
from pressflow.records import Article
from pressflow.store import Store
from pressflow.translate import run_stage


def _apertium_it() -> bool:
    if shutil.which("apertium") is None:
        return False
    from pressflow.translate.apertium import ApertiumEngine

    return ApertiumEngine().route("it", "en") is not None


pytestmark = pytest.mark.skipif(not _apertium_it(), reason="Apertium with it->en is not installed")

URL = "https://comune.example/notizie/mobilita"
FIRST = ("Il sindaco ha firmato il piano per la mobilità.\n\n"
         "Il piano sarà presentato ai cittadini lunedì.")
CORRECTED = ("Il sindaco Stefano Lo Russo ha firmato il piano per la mobilità.\n\n"
             "Il piano sarà presentato ai cittadini lunedì.")


def _article(text: str) -> Article:
    return Article(source="Comune", url=URL, title="Piano per la mobilità", text=text, guid="mobilita",
                   lang="it")


def test_a_corrected_article_is_translated_again_with_its_new_names(tmp_path: Path) -> None:
    config = Config.from_mapping({"output": str(tmp_path / "output"), "translate": {"engine": "apertium"}})
    with Store(tmp_path / "pressflow.db") as store:
        store.upsert_articles([_article(FIRST)], run_id=None)
        [article] = list(store.pending("translate"))
        store.db.execute("UPDATE articles SET lang = 'it'")
        first = run_stage(RunContext(store, config, store.start_run("night 1")))
        assert first.processed == 1
        before = store.translation(article.id, "en")
        assert before is not None and before.status == "ok" and "Russo" not in str(before.text)

        # the next night: nothing changed, nothing translated again
        unchanged = run_stage(RunContext(store, config, store.start_run("night 2")))
        assert unchanged.processed == 0

        # the partner corrects the article (same address, new text), as the crawl stores it
        store.upsert_articles([_article(CORRECTED)], run_id=None)
        store.db.execute("UPDATE articles SET lang = 'it'")
        again = run_stage(RunContext(store, config, store.start_run("night 3")))
        assert again.processed == 1
        after = store.translation(article.id, "en")
        assert after is not None and after.status == "ok"
        assert after.content_hash != before.content_hash
        # the new sentence, with the name kept as written (never "The Russian")
        assert "Stefano Lo Russo" in str(after.text) and "Russian" not in str(after.text)
        # only the changed sentence went to the engine: the unchanged one (and the title)
        # came from the cache
        assert again.details["sentences translated"] == 1, again.details
        assert str(after.text).split("\n\n")[1] == str(before.text).split("\n\n")[1]
