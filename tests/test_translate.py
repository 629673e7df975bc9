"""Translation with real (tiny) argos packages built at test time, and Apertium where installed.

The fr->en package's model copies its input (weights set by hand, see
tests/support/argos_factory.py), so what comes out is predictable: the text itself with the
glossary's target terms where the source terms were. The de->en package has random weights:
it loses placeholders, which is how a violation looks.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner
from support.argos_factory import build_copy_package, build_random_package

from pressflow.cli.commands import cli
from pressflow.config import parse_config
from pressflow.errors import ConfigError
from pressflow.pipeline.context import RunContext
from pressflow.records import Article
from pressflow.store import Store
from pressflow.translate import TranslationRequest, run_stage, translate_texts
from pressflow.translate.argos import ArgosEngine
from pressflow.translate.base import TranslateSettings
from pressflow.translate.core import Document, Engines, translate_documents
from pressflow.translate.models import install_file
from pressflow.translate.sentences import segment, split_sentences

GLOSSARY_FR = ("source\ttarget\tnote\n"
               "CGLU\tUCLG\tacronym\n"
               "Cités et Gouvernements Locaux Unis\tUnited Cities and Local Governments\n"
               "ville intelligente\tsmart city\n")
KEEP = "WeGO\nSeoul\nASAS\n"


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("argos-build")
    return {"fr": build_copy_package(work, "fr", "en"),
            "de": build_random_package(work, "de", "en")}


@pytest.fixture
def models_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
               packages: dict[str, Path]) -> Path:
    folder = tmp_path / "argos-packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(folder))
    install_file(packages["fr"], folder)
    install_file(packages["de"], folder)
    return folder


@pytest.fixture
def glossary_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "fr-en.tsv").write_text(GLOSSARY_FR, encoding="utf-8")
    (folder / "keep.txt").write_text(KEEP, encoding="utf-8")
    return folder


# -- sentences ------------------------------------------------------------------------------

def test_sentence_split_keeps_abbreviations_initials_and_numbers() -> None:
    assert split_sentences("M. Dupont et J. Smith sont là. Le 3.5 est « bon ». Et après ? Oui!") == [
        "M. Dupont et J. Smith sont là.", "Le 3.5 est « bon ».", "Et après ?", "Oui!"]
    assert split_sentences("Il sindaco ha parlato. poi è partito.") == [
        "Il sindaco ha parlato. poi è partito."]


def test_segment_rebuild_keeps_paragraphs() -> None:
    text = "  Titre\n\nPremière phrase. Deuxième phrase.\nUne ligne.\n\n\nFin.  "
    seg = segment(text)
    assert seg.sentences == ["Titre", "Première phrase.", "Deuxième phrase.", "Une ligne.", "Fin."]
    assert seg.rebuild(seg.sentences) == text
    assert seg.rebuild([s.upper() for s in seg.sentences]) == text.replace(
        "Titre", "TITRE").replace("Première phrase. Deuxième phrase.",
                                  "PREMIÈRE PHRASE. DEUXIÈME PHRASE.").replace(
        "Une ligne.", "UNE LIGNE.").replace("Fin.", "FIN.")


# -- argos engine, glossary enforcement -----------------------------------------------------

def test_copy_model_round_trip_restores_glossary_terms(models_dir: Path,
                                                       glossary_dir: Path) -> None:
    text = ("La CGLU et WeGO se réunissent à Séoul.\n\n"
            "Les villes intelligentes des Cités et Gouvernements Locaux Unis, d'ASAS aussi.")
    [res] = translate_texts([TranslationRequest("1", text, "fr")], "en", glossary=glossary_dir)
    assert res.status == "ok" and res.engine == "argos"
    assert res.translation == ("La UCLG et WeGO se réunissent à Seoul.\n\n"
                               "Les smart cities des United Cities and Local Governments, "
                               "d'ASAS aussi.")
    assert res.glossary_violations == 0


def test_random_model_loses_placeholders_and_the_violations_are_counted(
        models_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "g").mkdir()
    (tmp_path / "g" / "keep.txt").write_text("WeGO\nSeoul\n", encoding="utf-8")
    [res] = translate_texts([TranslationRequest("1", "WeGO trifft Seoul. Und WeGO.", "de")],
                            "en", glossary=tmp_path / "g")
    assert res.status == "ok" and res.engine == "argos"
    assert res.glossary_violations >= 2  # each sentence lost its protected names


def test_missing_pair_is_no_model_with_the_install_command(models_dir: Path) -> None:
    results = translate_texts([TranslationRequest("a", "سلام", "fa"),
                               TranslationRequest("b", "Hello", "en"),
                               TranslationRequest("c", "???", None)], "en", engine="argos")
    assert [(r.status, r.engine) for r in results] == [
        ("no-model", "none"), ("same-language", "none"), ("error", "none")]
    assert results[0].message == "no model for fa->en: run `pressflow models install fa en`"
    assert results[1].translation == "Hello"


class CountingEngine:
    """A real engine, with the calls it receives recorded."""

    def __init__(self, inner: ArgosEngine) -> None:
        self.inner, self.name, self.calls = inner, inner.name, []  # type: ignore[var-annotated]

    def version(self, source: str, target: str) -> str | None:
        return self.inner.version(source, target)

    def translate(self, sentences: Sequence[str], source: str, target: str) -> list[str]:
        self.calls.append(len(sentences))
        return self.inner.translate(sentences, source, target)


def test_batches_across_documents_and_caches(models_dir: Path, glossary_dir: Path) -> None:
    settings = TranslateSettings(batch_size=4, beam_size=1)
    engine = CountingEngine(ArgosEngine(settings))
    engines = Engines(settings, {"argos": lambda: engine})
    docs = [Document(str(i), "fr", {"title": f"Titre {i}", "summary": None,
                                    "text": f"Phrase {i}. La CGLU parle.\n\nFin {i}."})
            for i in range(10)]
    from pressflow.translate.cache import TranslationCache
    from pressflow.translate.core import load_names

    # with the names' pipeline loaded (a process's first translation also sends sentences
    # while it loads: tests/test_translate_names_overlap.py)
    load_names("fr", glossary_dir)
    cache = TranslationCache()
    results = translate_documents(docs, "en", settings=settings, glossary_dir=glossary_dir,
                                  cache=cache, engines=engines)
    # 10 titles + 10 "Phrase i." + 10 "Fin i." + one shared "La CGLU parle." = 31 sentences,
    # in a single engine call for all ten documents
    assert engine.calls == [31]
    assert results[3] is not None and results[3].fields["text"] == (
        "Phrase 3. La UCLG parle.\n\nFin 3.")
    assert results[3].fields["summary"] is None
    again = translate_documents(docs, "en", settings=settings, glossary_dir=glossary_dir,
                                cache=cache, engines=engines)
    assert engine.calls == [31]  # everything came from the cache
    assert [r.fields for r in again if r] == [r.fields for r in results if r]


def test_translate_filter_cli(models_dir: Path, glossary_dir: Path) -> None:
    lines = [{"id": "1", "text": "La CGLU à Séoul.", "lang": "fr"},
             {"id": 2, "text": "Bonjour", "lang": "fa"}]
    result = CliRunner().invoke(cli, ["translate", "--to", "en", "--glossary", str(glossary_dir),
                                      "--engine", "argos"],
                                input="\n".join(json.dumps(x) for x in lines) + "\n")
    assert result.exit_code == 0, result.output
    out = [json.loads(x) for x in result.output.splitlines()]
    assert out[0] == {"id": "1", "lang": "fr", "translation": "La UCLG à Seoul.",
                      "engine": "argos", "status": "ok"}
    assert out[1]["id"] == 2 and out[1]["status"] == "no-model"
    assert out[1]["message"] == "no model for fa->en: run `pressflow models install fa en`"


def test_bad_translate_settings_are_config_errors() -> None:
    with pytest.raises(ConfigError, match="unknown key 'beam' in settings.translate"):
        TranslateSettings.from_mapping({"beam": 2})
    with pytest.raises(ConfigError, match="engine 'google' is not one of"):
        TranslateSettings.from_mapping({"engine": "google"})
    with pytest.raises(ConfigError, match="batch_size must be a whole number of at least 1"):
        TranslateSettings.from_mapping({"batch_size": 0})
    # and sources.yaml is checked when it is read, so `pressflow run` stops with exit 2
    with pytest.raises(ConfigError) as err:
        parse_config("settings:\n  translate:\n    engines: {fr: google}\nsources: []\n",
                     "sources.yaml")
    assert str(err.value).startswith("sources.yaml:3: settings.translate.engines.fr: 'google'")


# -- the pipeline stage ---------------------------------------------------------------------

ARTICLES = {
    "cglu": ("fr", "La CGLU publie une étude", "La CGLU publie une étude.\n\nElle parle de WeGO."),
    "ville": ("fr", "Une ville intelligente", "Chaque ville intelligente compte."),
    "plain": ("fr", "Un titre simple", "Rien de spécial ici."),
    "german": ("it", "Il Comune", "Il Comune di Milano."),
    "english": ("en", "English title", "Already English."),
}


def _context(tmp_path: Path, glossary_dir: Path, settings: str = "") -> RunContext:
    cfg = tmp_path / "sources.yaml"
    cfg.write_text(f"settings:\n  glossary: {glossary_dir}\n  translate:\n    engine: argos\n"
                   f"{settings}sources: []\n", encoding="utf-8")
    config = parse_config(cfg.read_text(encoding="utf-8"), str(cfg))
    store = Store(tmp_path / "pressflow.db")
    return RunContext(store, config, store.start_run(str(cfg)))


def _add(store: Store, key: str, lang: str, title: str, text: str) -> str:
    article = Article(source="test", url=f"https://example.org/{key}", title=title, text=text,
                      guid=key)
    store.upsert_articles([article], None)
    store.db["articles"].update(article.key, {"lang": lang})
    return article.key


def _translations(store: Store) -> dict[str, dict[str, object]]:
    return {r["article_id"]: r for r in store.db["translations"].rows}


def test_stage_translates_reports_and_never_twice(tmp_path: Path, models_dir: Path,
                                                  glossary_dir: Path) -> None:
    ctx = _context(tmp_path, glossary_dir)
    ids = {k: _add(ctx.store, k, *v) for k, v in ARTICLES.items()}
    report = run_stage(ctx)
    rows = _translations(ctx.store)
    assert report.processed == 5
    assert report.details["ok"] == 3 and report.details["no-model"] == 1
    assert report.details["same-language"] == 1
    assert "no model for it->en: run `pressflow models install it en`" in report.notes
    cglu = rows[ids["cglu"]]
    assert cglu["title"] == "La UCLG publie une étude"
    assert cglu["text"] == "La UCLG publie une étude.\n\nElle parle de WeGO."
    assert cglu["engine"] == "argos" and cglu["status"] == "ok"
    assert str(cglu["model_version"]).startswith("argos:translate-fr_en:1.0")
    assert json.loads(str(cglu["glossary_details"]))["terms"][0] == {
        "source": "CGLU", "target": "UCLG", "count": 2}  # title and text
    assert rows[ids["german"]]["message"] == "no model for it->en: run `pressflow models install it en`"
    assert rows[ids["english"]]["text"] == "Already English."
    assert report.details["cache hits"] == 0
    again = run_stage(ctx)
    assert again.details["sentences translated"] == 0
    assert again.details.get("ok", 0) == 0  # nothing re-translated (only the no-model retry)


MIXED_TEXT = (
    "La CGLU réunit les maires des grandes villes pour parler de la transition numérique "
    "et des services publics de demain, avec les associations et les universités.\n\n"
    "The CGLU statement was also published in English for the partners who do not read "
    "French.\n\n"
    "Die Bürgermeister haben die Erklärung am Dienstag unterzeichnet.\n\n"
    "Il sindaco di Milano ha presentato il nuovo piano per la mobilità.\n\n"
    "Les villes membres présenteront leurs projets lors du prochain congrès mondial, "
    "qui se tiendra au printemps prochain dans une ville encore à choisir par le bureau.")


def test_mixed_language_article_is_translated_paragraph_by_paragraph(
        tmp_path: Path, models_dir: Path, glossary_dir: Path) -> None:
    """The real language stage marks each paragraph; the translate stage then sends each
    to its own engine: French through the fr->en copy model (CGLU becomes UCLG), German
    through the random de->en model (changed beyond recognition), English and Italian (no
    model) kept as written, and the message says why the Italian one was left."""
    from pressflow import language

    ctx = _context(tmp_path, glossary_dir)
    key = _add(ctx.store, "mixed", "fr", "La CGLU et ses partenaires", MIXED_TEXT)
    ctx.store.db.execute("UPDATE articles SET lang = NULL WHERE id = ?", [key])
    language.run_stage(ctx)
    stored = ctx.store.db["articles"].get(key)
    assert stored["lang"] == "fr"
    assert [p["lang"] for p in json.loads(stored["lang_paragraphs"])] == [
        "fr", "en", "de", "it", "fr"]
    report = run_stage(ctx)
    row = _translations(ctx.store)[key]
    french, english, german, italian, french_again = str(row["text"]).split("\n\n")
    originals = MIXED_TEXT.split("\n\n")
    assert row["status"] == "ok" and report.details["ok"] == 1
    assert row["title"] == "La UCLG et ses partenaires"
    assert french == originals[0].replace("CGLU", "UCLG")
    assert english == originals[1]  # not sent through fr->en: its CGLU stays CGLU
    assert german != originals[2]
    assert italian == originals[3]
    assert french_again == originals[4]  # the copy model: French comes out as it went in
    assert "paragraphs in it left as written (no model for it->en: run `pressflow models " \
           "install it en`)" in str(row["message"])
    terms = json.loads(str(row["glossary_details"]))["terms"]
    assert {"source": "CGLU", "target": "UCLG", "count": 2} in terms  # title and 1st paragraph


def test_glossary_edit_retranslates_exactly_the_articles_with_changed_terms(
        tmp_path: Path, models_dir: Path, glossary_dir: Path) -> None:
    ctx = _context(tmp_path, glossary_dir)
    ids = {k: _add(ctx.store, k, *v) for k, v in ARTICLES.items()}
    run_stage(ctx)
    before = _translations(ctx.store)
    (glossary_dir / "fr-en.tsv").write_text(
        GLOSSARY_FR.replace("ville intelligente\tsmart city", "ville intelligente\tsmart town"),
        encoding="utf-8")
    report = run_stage(ctx)
    after = _translations(ctx.store)
    assert "glossary fr-en changed: 1 article(s) re-translated" in report.notes
    assert report.details["ok"] == 1
    assert after[ids["ville"]]["text"] == "Chaque smart town compte."
    assert after[ids["ville"]]["glossary_version"] != before[ids["ville"]]["glossary_version"]
    assert after[ids["cglu"]]["text"] == before[ids["cglu"]]["text"]
    assert report.details["sentences translated"] == 2  # the title and the sentence with the term


def test_other_inflection_rules_retranslate_the_articles_holding_terms(
        tmp_path: Path, models_dir: Path, glossary_dir: Path) -> None:
    """A glossary state recorded under older rules (or none: before inflection) sends back
    the articles holding any term once, since the new rules may find terms the old missed."""
    from pressflow.store.records import GlossaryState

    ctx = _context(tmp_path, glossary_dir)
    ids = {k: _add(ctx.store, k, *v) for k, v in ARTICLES.items()}
    run_stage(ctx)
    state = ctx.store.glossary_state("fr-en")
    assert state is not None and state.version.endswith("-r1")
    ctx.store.save_glossary_state(GlossaryState("fr-en", state.version.removesuffix("-r1"), state.entries))
    report = run_stage(ctx)
    assert "glossary fr-en changed: 2 article(s) re-translated" in report.notes  # cglu and ville, not plain
    assert report.details["ok"] == 2 and ids["plain"] not in {a.id for a in ctx.store.pending("translate")}
    assert not [n for n in run_stage(ctx).notes if "glossary" in n]  # recorded: once only


def test_editor_edits_survive_even_when_the_article_changes(tmp_path: Path, models_dir: Path,
                                                            glossary_dir: Path) -> None:
    ctx = _context(tmp_path, glossary_dir)
    key = _add(ctx.store, "plain", *ARTICLES["plain"])
    run_stage(ctx)
    ctx.store.db["translations"].update((key, "en"), {"text": "Nothing special here.",
                                                      "edited_by": "editor"})
    (glossary_dir / "keep.txt").write_text(KEEP + "Rien\n", encoding="utf-8")  # touches it
    ctx.store.forget_stage("translate")  # as a reset would
    run_stage(ctx)
    row = _translations(ctx.store)[key]
    assert row["text"] == "Nothing special here." and row["edited_by"] == "editor"
    _add(ctx.store, "plain", "fr", "Un titre simple", "Un texte nouveau.")
    run_stage(ctx)
    row = _translations(ctx.store)[key]
    # the edit stays (issue 15): the new machine output is kept beside it for the editor
    assert row["text"] == "Nothing special here." and row["edited_by"] == "editor"
    assert row["machine_text"] == "Un texte nouveau."


def test_a_model_installed_later_translates_the_no_model_articles(
        tmp_path: Path, models_dir: Path, glossary_dir: Path, packages: dict[str, Path]) -> None:
    ctx = _context(tmp_path, glossary_dir)
    shutil.rmtree(next(models_dir.glob("translate-fr_en*")))
    key = _add(ctx.store, "plain", *ARTICLES["plain"])
    run_stage(ctx)
    assert _translations(ctx.store)[key]["status"] == "no-model"
    install_file(packages["fr"], models_dir)
    run_stage(ctx)
    row = _translations(ctx.store)[key]
    assert row["status"] == "ok" and row["text"] == "Rien de spécial ici."


# -- Apertium (where the Debian packages are installed) -------------------------------------

def _apertium_pairs() -> set[tuple[str, str]]:
    from pressflow.translate.apertium import ApertiumEngine

    return set(ApertiumEngine().modes)


needs_apertium = pytest.mark.skipif(
    not {("fr", "es"), ("es", "en")} <= (_apertium_pairs() if shutil.which("apertium") else set()),
    reason="Apertium with fr-es and spa-eng is not installed (scripts/setup.d/20-apertium.sh)")


@needs_apertium
def test_apertium_pivots_through_spanish_and_keeps_protected_names(tmp_path: Path,
                                                                  glossary_dir: Path) -> None:
    text = "La CGLU et ASAS se réunissent à Séoul.\n\nLe maire de Paris a visité trois villes."
    [res] = translate_texts([TranslationRequest("1", text, "fr")], "en", glossary=glossary_dir,
                            engine="apertium")
    assert res.status == "ok" and res.engine == "apertium" and res.glossary_violations == 0
    first, second = res.translation.split("\n\n")
    assert "UCLG" in first and "ASAS" in first and "Seoul" in first and "ROAST" not in first
    assert "mayor" in second.lower() and "Paris" in second


@needs_apertium
def test_stage_uses_apertium_per_language_setting(tmp_path: Path, models_dir: Path,
                                                  glossary_dir: Path) -> None:
    ctx = _context(tmp_path, glossary_dir, "    engines: {fr: apertium}\n")
    key = _add(ctx.store, "cglu", *ARTICLES["cglu"])
    run_stage(ctx)
    row = _translations(ctx.store)[key]
    assert row["engine"] == "apertium" and row["status"] == "ok"
    assert str(row["model_version"]).startswith("apertium:fr-es+spa-eng")
    assert "UCLG" in str(row["text"]) and "WeGO" in str(row["text"])


@needs_apertium
def test_all_capitals_headline_is_translated_and_stays_in_capitals(glossary_dir: Path) -> None:
    """Apertium leaves capitalised words it cannot look up as they are ("The MAYOR OF PARIS
    Has VISITED"); pressflow sends shouted sentences in sentence case and raises the result
    again, while the glossary's terms keep their own spelling."""
    [res] = translate_texts([TranslationRequest(
        "1", "LE MAIRE DE PARIS A VISITÉ TROIS VILLES AVEC LA CGLU ET WEGO", "fr")],
        "en", glossary=glossary_dir, engine="apertium")
    assert res.status == "ok" and res.glossary_violations == 0
    out = res.translation
    assert "MAYOR" in out and "CITIES" in out and "MAIRE" not in out and "VILLES" not in out
    assert "UCLG" in out and "WeGO" in out
    assert out.replace("WeGO", "").upper() == out.replace("WeGO", "")


def test_only_shouted_sentences_change_case() -> None:
    from pressflow.translate.core import _is_shouted, _sentence_case

    assert _is_shouted("LE MAIRE DE PARIS A VISITÉ TROIS VILLES")
    assert not _is_shouted("La CGLU et l'OCDE publient une étude sur les villes")
    assert not _is_shouted("Zx0q et Zx1q avec l'OCDE")  # protected terms do not count
    assert not _is_shouted("ÉTÉ 2024")
    assert _sentence_case("« LE MAIRE Zx0q A VISITÉ »") == "« Le maire zx0q a visité »"
