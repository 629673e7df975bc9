"""Entities: gazetteer canonical names across languages, spaCy NER, the translation path,
officials, the stage with a real SQLite store, and the `pressflow entities` contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from support.nlp import make_context

from pressflow.entities import gazetteer as gz
from pressflow.entities import stage as ent
from pressflow.entities.officials import find_officials
from pressflow.errors import ConfigError
from pressflow.records import Article, Source
from pressflow.text.fold import fold_key

needs_models = pytest.mark.skipif(
    not (ent.model_available("en") and ent.model_available("fr")),
    reason="spaCy model packages not installed (pip install --require-hashes --no-deps "
           "-r requirements/models.txt)")


@pytest.fixture(scope="module")
def gaz() -> gz.Gazetteer:
    return gz.cached()[0]


def _canon(text: str, lang: str | None, gaz: gz.Gazetteer) -> list[tuple[str, str, str]]:
    return [(m.text, m.entry.label, m.entry.canonical) for m in gaz.find(text, lang)]


@pytest.mark.parametrize("text,lang", [
    ("La délégation est arrivée à Séoul.", "fr"),
    ("The delegation arrived in Seoul.", "en"),
    ("A delegação chegou a Seul.", "pt"),
    ("La delegación llegó a Seúl.", "es"),
    ("SEOUL SMART CITY PRIZE", "en"),
    ("서울시는 오늘 회의를 열었다.", "ko"),  # a particle and a suffix run on from the name
    ("대표단이 서울에 도착했다.", "ko"),
    ("هیئت به سیول رسید.", "fa"),
    ("وصل الوفد إلى سيول.", "ar"),  # Arabic yeh: the same name as Persian's
    ("代表团抵达首尔。", "zh"),  # no spaces at all
])
def test_same_city_same_canonical_in_every_language(text: str, lang: str, gaz: gz.Gazetteer
                                                    ) -> None:
    found = _canon(text, lang, gaz)
    assert [(label, canonical) for _, label, canonical in found][:1] == [("GPE", "Seoul")]
    assert gz.Gazetteer.lookup(gaz, found[0][0]).entity_id == "geonames:1835848"


@pytest.mark.parametrize("text,lang,city", [
    ("شهردار شیراز با هیئت دیدار کرد.", "fa", "Shiraz"),  # Persian yeh
    ("شهردار شيراز با هیئت دیدار کرد.", "fa", "Shiraz"),  # the same name, Arabic yeh
    ("부산에서도 행사가 열렸다.", "ko", "Busan"),
    ("Мэр встретился с делегацией, прибывшей в Москва.", "ru", "Moscow"),
])
def test_cities_in_scripts_without_capitals(text: str, lang: str, city: str,
                                            gaz: gz.Gazetteer) -> None:
    assert [c for _, label, c in _canon(text, lang, gaz) if label == "GPE"] == [city]


@pytest.mark.parametrize("text,lang", [
    ("정부는 오늘 새로운 디지털 정책을 발표했다. 시민들은 대체로 환영하는 분위기였으며, 전문가들은 "
     "추가 논의가 필요하다고 말했다.", "ko"),
    ("政府今天宣布了新的数字政策。市民普遍表示欢迎，专家表示需要进一步讨论。", "zh"),
    ("دولت امروز سیاست دیجیتال جدیدی را اعلام کرد. شهروندان به طور کلی استقبال کردند.", "fa"),
])
def test_no_places_in_texts_that_name_none(text: str, lang: str, gaz: gz.Gazetteer) -> None:
    """Short names in scripts without capitals or spaces must not match common words."""
    assert _canon(text, lang, gaz) == []


@pytest.mark.parametrize("name", ["CGLU", "UCLG", "Cités et Gouvernements Locaux Unis",
                                  "Ciudades y Gobiernos Locales Unidos",
                                  "United Cities and Local Governments"])
def test_same_organisation_same_canonical(name: str, gaz: gz.Gazetteer) -> None:
    assert _canon(f"Réunion de {name} à Madrid", None, gaz)[0] == (name, "ORG", "UCLG")


def test_wego_names_across_languages(gaz: gz.Gazetteer) -> None:
    for name in ("WeGO", "Organisation mondiale des villes intelligentes et durables",
                 "World Smart Sustainable Cities Organization", "World e-Governments Organization"):
        assert gaz.lookup(name).canonical == "WeGO"


def test_countries_in_local_languages(gaz: gz.Gazetteer) -> None:
    assert _canon("Corée, Émirats arabes unis, Deutschland, Equateur", None, gaz)[:3] == [
        ("Corée", "GPE", "South Korea"), ("Émirats arabes unis", "GPE", "United Arab Emirates"),
        ("Deutschland", "GPE", "Germany")]


def test_town_names_inside_other_names_and_function_words_are_not_places(gaz: gz.Gazetteer
                                                                         ) -> None:
    text = "Anna Lisa Boni met Scott Campbell, Chief Technology Officer. Para saber más."
    assert _canon(text, "es", gaz) == []
    # "Seul" is Seoul in Portuguese but "alone" in French
    assert _canon("Seul le maire a parlé.", "fr", gaz) == []
    assert _canon("Seul recebeu o prémio.", "pt", gaz)[0][2] == "Seoul"


def test_common_word_country_needs_its_longer_name(gaz: gz.Gazetteer) -> None:
    assert _canon("Réunion de travail au siège.", "fr", gaz) == []
    assert _canon("Les maires de La Réunion", "fr", gaz) == [("La Réunion", "GPE", "Réunion")]


def test_whole_words_only(gaz: gz.Gazetteer) -> None:
    assert _canon("ParisXYZ and UCLGExBu@uclg.org", None, gaz) == []


def test_entities_yaml_errors_name_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "entities.yaml"
    bad.write_text("entities:\n  - id: x\n    canonical: X\n    label: THING\n", "utf-8")
    with pytest.raises(ConfigError, match=r"entities.yaml:2: .*label 'THING'"):
        gz.load_entities_yaml(bad)
    bad.write_text("entities:\n  - id: [unclosed\n", "utf-8")
    with pytest.raises(ConfigError, match=r"entities.yaml:\d+: not valid YAML"):
        gz.load_entities_yaml(bad)


def test_glossary_terms_join_known_names(tmp_path: Path) -> None:
    (tmp_path / "it-en.tsv").write_text(
        "source\ttarget\tnote\nCittà e Governi Locali Uniti\tUnited Cities and Local Governments\t\n"
        "Unità Smart City\tSmart City Unit\t\n", "utf-8")
    (tmp_path / "keep.txt").write_text("# names\nOpenagri\n", "utf-8")
    extra = tmp_path / "more.yaml"
    extra.write_text("entities:\n  - id: openagri\n    canonical: OpenAgri\n    label: ORG\n"
                     "    aliases: [Openagri]\n", "utf-8")
    g, canon_map = gz.build(tmp_path, extra, min_population=5_000_000)
    assert g.lookup("Città e Governi Locali Uniti").canonical == "UCLG"
    assert g.lookup("Openagri").canonical == "OpenAgri"
    assert canon_map[fold_key("Unità Smart City")] == "Smart City Unit"


def test_gazetteer_only_when_no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ent, "MODELS", {})  # the choice per language is read on every call
    found = ent.extract_entities([("La CGLU et WeGO se réunissent à Séoul.", "fr")])[0]
    assert [(e.text, e.canonical, e.method) for e in found] == [
        ("CGLU", "UCLG", "gazetteer"), ("WeGO", "WeGO", "gazetteer"),
        ("Séoul", "Seoul", "gazetteer")]


@needs_models
def test_spacy_ner_loads_only_the_ner_component() -> None:
    assert ent.load_model("en").pipe_names == ["ner"]
    assert ent.load_model("fr").pipe_names == ["ner"]
    assert ent.load_model("en") is ent.load_model("en")  # once per process


@needs_models
def test_ner_and_gazetteer_merge_with_contract_fields() -> None:
    text = "Emilia Saiz, Secretary General of UCLG, met the mayor in Seoul."
    found = ent.extract_entities([(text, "en")])[0]
    assert [(e.text, e.label, e.canonical) for e in found] == [
        ("Emilia Saiz", "PERSON", "Emilia Saiz"), ("UCLG", "ORG", "UCLG"),
        ("Seoul", "GPE", "Seoul")]
    for e in found:
        assert text[e.start:e.end] == e.text
        assert set(e.contract()) == {"text", "label", "start", "end", "canonical"}


@needs_models
def test_languages_without_model_use_the_english_translation_verbatim(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ent, "TRAINED_LANGS", ())  # Italian as a language with no model
    text = "Giulia Romano, assessora all'innovazione, ha incontrato Eurocities a Torino."
    translation = "Giulia Romano, councillor for innovation, met Eurocities in Turin."
    found = ent.extract_entities([(text, "it")], [translation])[0]
    got = {(e.text, e.label, e.canonical, e.method) for e in found}
    assert ("Giulia Romano", "PERSON", "Giulia Romano", "translation") in got
    assert ("Torino", "GPE", "Turin", "gazetteer") in got
    assert all(text[e.start:e.end] == e.text for e in found)


@needs_models
def test_mixed_text_goes_to_each_paragraphs_model() -> None:
    fr = "La Communauté de pratique de CGLU s'est réunie à Barcelone avec la maire de la ville."
    en = "John Farmer, Chief Technology Officer of New York City, spoke about the digital divide."
    text = f"{fr}\n\n{en}"
    spans = ent.mixed_paragraphs(text, "fr")
    assert [s[2] for s in spans] == ["fr", "en"]
    found = ent.extract_entities([(text, "fr")], paragraphs=[spans])[0]
    by_text = {e.text: e for e in found}
    assert by_text["John Farmer"].method == "spacy:en"
    assert by_text["Barcelone"].canonical == "Barcelona"


class _E:
    def __init__(self, text: str, full: str, label: str, canonical: str | None = None) -> None:
        self.text, self.label, self.canonical = text, label, canonical or text
        self.start = full.index(text)
        self.end = self.start + len(text)


@pytest.mark.parametrize("text,people,others,expected", [
    ("Eskandapour, Shiraz Mayor, discussed issues.", ["Eskandapour"], [("Shiraz", "GPE")],
     ("Eskandapour", "Mayor", "Shiraz", None)),
    ("Durante la mattinata, Clara Callegaris, responsabile dell’Unità Smart City ha aperto i lavori.",
     ["Clara Callegaris"], [], ("Clara Callegaris", "responsabile", None, "Unità Smart City")),
    ("Natalia Federighi, présidente d'ASAS et Chaba Mavura, vice-président d'ASAS.",
     ["Natalia Federighi", "Chaba Mavura"], [("ASAS", "ORG")],
     ("Natalia Federighi", "présidente", None, "ASAS")),
    ("Emilia Saiz, Secretary General of UCLG, closed the session.", ["Emilia Saiz"],
     [("UCLG", "ORG")], ("Emilia Saiz", "Secretary General", None, "UCLG")),
    ("Oberbürgermeister Dieter Reiter empfing eine Delegation.", ["Dieter Reiter"], [],
     ("Dieter Reiter", "Oberbürgermeister", None, None)),
    ("La alcaldesa de Bogotá, Claudia López, participó en el foro.", ["Claudia López"],
     [("Bogotá", "GPE")], ("Claudia López", "alcaldesa", "Bogotá", None)),
])
def test_officials(text: str, people: list[str], others: list[tuple[str, str]],
                   expected: tuple[str, str, str | None, str | None]) -> None:
    ents = sorted([_E(p, text, "PERSON") for p in people] + [_E(t, text, lab) for t, lab in others],
                  key=lambda e: e.start)
    found = find_officials(text, ents)
    assert (found[0].person, found[0].role, found[0].place, found[0].org) == expected
    assert found[0].person in found[0].evidence


def test_no_official_without_a_role() -> None:
    text = "Maria Rossi, Giovanni Bianchi and Luca Verdi visited Milan."
    ents = [_E(n, text, "PERSON") for n in ("Maria Rossi", "Giovanni Bianchi", "Luca Verdi")]
    assert find_officials(text, ents) == []


@needs_models
def test_stage_stores_entities_and_officials_and_is_idempotent(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ent, "TRAINED_LANGS", ())  # Italian read through its translation
    arts = [
        Article(source="uclg", url="https://uclg.example/1", title="Digital rights in Seoul",
                text="Emilia Saiz, Secretary General of UCLG, closed the session in Seoul."),
        Article(source="it-city", url="https://comune.example/2", title="Incontro a Torino",
                text="Giulia Romano, assessora del Comune di Torino, ha incontrato la CGLU."),
    ]
    sources = [Source(name="uclg", url="https://uclg.example/feed", language="en"),
               Source(name="it-city", url="https://comune.example/feed", language="it")]
    ctx = make_context(tmp_path, arts, sources)
    ids = {a.url: a.key for a in arts}
    ctx.store.db["articles"].update(ids["https://uclg.example/1"], {"lang": "en"})
    ctx.store.db["articles"].update(ids["https://comune.example/2"], {"lang": "it"})
    ctx.store.db["translations"].insert({
        "article_id": ids["https://comune.example/2"], "target": "en", "source_lang": "it",
        "title": "Meeting in Turin", "status": "ok",
        "text": "Giulia Romano, councillor of the Municipality of Turin, met UCLG."})
    report = ent.run_stage(ctx)
    assert report.processed == 2
    rows = list(ctx.store.db["entities"].rows)
    canon = {(r["article_id"], r["field"], r["canonical"]) for r in rows}
    assert (ids["https://uclg.example/1"], "text", "UCLG") in canon
    assert (ids["https://uclg.example/1"], "title", "Seoul") in canon
    assert (ids["https://comune.example/2"], "text", "UCLG") in canon  # CGLU in Italian
    assert (ids["https://comune.example/2"], "title", "Turin") in canon
    officials = {(o["person"], o["role"], o["org"]) for o in ctx.store.db["officials"].rows}
    assert ("Emilia Saiz", "Secretary General", "UCLG") in officials
    assert ("Giulia Romano", "assessora", "Turin City Council") in officials  # Comune di Torino
    assert any("no spaCy model for it" in n for n in report.notes)
    n_rows = ctx.store.db["entities"].count
    ctx.store.forget_stage("entities")
    ent.run_stage(ctx)
    assert ctx.store.db["entities"].count == n_rows  # redone, not duplicated
    ctx.store.close()


def test_stage_says_when_models_are_absent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    monkeypatch.setattr(ent, "MODELS", {})
    arts = [Article(source="s", url="https://x.example/1", title="CGLU à Séoul",
                    text="La CGLU se réunit à Séoul.")]
    ctx = make_context(tmp_path, arts, [Source(name="s", url="https://x.example/f", language="fr")])
    ctx.store.db["articles"].update(arts[0].key, {"lang": "fr"})
    report = ent.run_stage(ctx)
    assert {r["canonical"] for r in ctx.store.db["entities"].rows} == {"UCLG", "Seoul"}
    assert any("gazetteer only" in n for n in report.notes)
    ctx.store.close()


@needs_models
@pytest.mark.slow
def test_cli_entities_contract() -> None:
    lines = [{"id": "1", "text": "Emilia Saiz, Secretary General of UCLG, met in Seoul", "lang": "en"},
             {"id": 2, "text": "La CGLU se réunit à Séoul."}, {"id": "3", "text": ""}]
    out = subprocess.run([sys.executable, "-m", "pressflow", "entities"], check=True,
                         input="\n".join(json.dumps(x) for x in lines), capture_output=True,
                         text=True).stdout.splitlines()
    got = [json.loads(line) for line in out]
    assert [g["id"] for g in got] == ["1", 2, "3"]
    assert [e["canonical"] for e in got[1]["entities"]] == ["UCLG", "Seoul"]
    assert got[2]["entities"] == []
    for g in got:
        for e in g["entities"]:
            assert set(e) == {"text", "label", "start", "end", "canonical"}
            assert e["label"] in {"PERSON", "ORG", "GPE", "LOC"}


@needs_models
def test_a_name_in_apposition_with_a_role_is_a_person_everywhere_in_the_text() -> None:
    text = ("Zandipour, Tabriz Mayor, discussed smart cities online. "
            "Zandipour also added that Tabriz has joined the network.")
    found = ent.extract_entities([(text, "en")])[0]
    people = [(e.text, e.start) for e in found if e.label == "PERSON"]
    assert people == [("Zandipour", 0), ("Zandipour", text.rindex("Zandipour"))]
    official = find_officials(text, found)[0]
    assert (official.person, official.role, official.place) == ("Zandipour", "Mayor", "Tabriz")


def test_yesterday_is_not_a_person() -> None:
    from pressflow.entities.officials import appositive_names

    assert appositive_names("Yesterday, the Mayor of Paris opened the bridge.") == []


def test_contact_block_labels_are_not_organisations() -> None:
    """fr_core_news_sm calls "Téléphone" (at the start of a contact line, before a colon)
    an organisation; a single word heading a line with a colon is a form label."""
    from pressflow.entities.stage import extract_entities, load_model

    text = ("Pour plus d'informations, contactez le Secrétariat de WeGO.\n"
            "Nom : Kakim Danabaïev\nE-mail: secretariat@we-gov.org\n"
            "Téléphone: + 82-70-4202-9169")
    raw = {(e.text, e.label_) for e in load_model("fr")(text).ents}
    assert ("Téléphone", "ORG") in raw  # what the model says, so the rule below is needed
    found = {(e.text, e.label) for e in extract_entities([(text, "fr")])[0]}
    assert not {t for t, _ in found} & {"Téléphone", "E-mail", "Nom"}
    assert ("Kakim Danabaïev", "PERSON") in found and ("WeGO", "ORG") in found


def test_a_city_beside_its_government_words_is_still_the_city() -> None:
    """A capitalised word next to a town's name usually makes it a person's name ("Anna
    Lisa Boni"); a local government's words do not ("İstanbul Büyükşehir Belediye
    Başkanı", Istanbul's metropolitan mayor), and the office is an official's role."""
    from pressflow.entities.officials import find_officials
    from pressflow.entities.stage import extract_entities

    text = "Ekrem İmamoğlu, İstanbul Büyükşehir Belediye Başkanı, Ankara'da konuştu."
    found = extract_entities([(text, "tr")])[0]
    assert [(e.text, e.canonical) for e in found if e.label == "GPE"] == [
        ("İstanbul", "Istanbul"), ("Ankara", "Ankara")]
    [official] = find_officials(text, found)
    assert (official.person, official.place) == ("Ekrem İmamoğlu", "Istanbul")
    assert "Başkanı" in official.role
    assert "Lisa" not in {e.text for e in extract_entities([("Anna Lisa Boni met them.", "en")])[0]
                          if e.label == "GPE"}


def test_gazetteer_is_kept_on_disk_and_rebuilt_when_its_inputs_change(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSFLOW_CACHE_DIR", str(tmp_path / "cache"))
    calls: list[Path | None] = []

    def tiny(glossary_dir: Path | None, entities_file: Path | None = None):
        calls.append(glossary_dir)
        return gz.Gazetteer({"Séoul": gz.Entry("Seoul", "GPE", "x", "entities.yaml")}), {}

    monkeypatch.setattr(gz, "build", tiny)
    build_or_load = gz.cached.__wrapped__
    first = build_or_load(None, None)
    second = build_or_load(None, None)
    assert len(calls) == 1 and second[0].lookup("Séoul").canonical == "Seoul"
    assert len(first[0]) == len(second[0])
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    (glossary / "fr-en.tsv").write_text("source\ttarget\tnote\nCGLU\tUCLG\t\n", "utf-8")
    build_or_load(str(glossary), None)
    assert len(calls) == 2  # a glossary is an input: new key, new build
    (glossary / "fr-en.tsv").write_text("source\ttarget\tnote\nCGLU\tUCLG\t\nOCDE\tOECD\t\n",
                                        "utf-8")
    build_or_load(str(glossary), None)
    assert len(calls) == 3  # edited glossary: built again
    for f in (tmp_path / "cache").glob("*.pickle"):
        f.write_bytes(b"not a pickle")
    assert build_or_load(None, None)[0].lookup("Séoul").canonical == "Seoul"
    assert len(calls) == 4  # a broken cache file only costs a rebuild
