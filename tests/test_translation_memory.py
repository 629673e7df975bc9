"""Translation memory (issue 20): editors' corrections are used again, and travel as TMX.

Real parts throughout: Apertium (Debian's spa-eng) translates, a real SQLite store keeps the
memory, the review server takes the edit over HTTP, ``pressflow run`` runs twice as a
subprocess against a local partner site, and ``pressflow memory`` runs as a subprocess.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from support.partner_site import partner_site
from support.sevilla import editor_pages, sevilla_feed, write_sevilla_config

from pressflow.config import load_config
from pressflow.editorial.review import ReviewServer
from pressflow.errors import ConfigError, MemoryFileError
from pressflow.store import Store
from pressflow.store.records import MemoryEntry
from pressflow.translate import tmx
from pressflow.translate.base import TranslateSettings
from pressflow.translate.core import Document, Engines, translate_documents
from pressflow.translate.memory import (
    DEFAULT_THRESHOLD,
    EntryList,
    PairMemory,
    TranslationMemory,
    align,
    differing_words,
    edit_entries,
    segment_key,
    similarity,
)

FAMILIES = "Las familias pueden solicitarlas desde el lunes en cualquier distrito."
FAMILIES_EN = "Families can apply from Monday at any district office."


def _entry(source: str, target: str, lang: str = "es", **extra: object) -> MemoryEntry:
    return MemoryEntry(source_lang=lang, target_lang="en", source=source, target=target,
                       source_key=segment_key(source), origin="editor", **extra)  # type: ignore[arg-type]


def _apertium() -> None:
    if not shutil.which("apertium"):
        pytest.fail("Apertium (Debian packages apertium, apertium-spa-eng) is needed: "
                    "scripts/setup.d/20-apertium.sh")


def _cli(*args: str, ok: bool = True, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "pressflow", *args], capture_output=True,
                          text=True, timeout=600, input=stdin)
    if ok:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


# -- matching: exact, near, numbers ---------------------------------------------------------
def test_exact_match_ignores_case_white_space_and_apostrophe_forms() -> None:
    memory = PairMemory([_entry("L'Ayuntamiento  abre el registro.", "The council opens it.")])
    for query in ("l’ayuntamiento abre el registro.", "L'AYUNTAMIENTO ABRE\nEL REGISTRO.",
                  "  L'Ayuntamiento abre el registro.  "):
        hit = memory.lookup(query)
        assert hit is not None and hit.score == 1.0 and hit.target == "The council opens it.", query


@pytest.mark.parametrize(("query", "used"), [
    # a typo, an accent, punctuation, a short word more: the same sentence
    ("Las familias pueden solicitarlas desde el lunes en cualquier ditsrito.", True),
    ("Las familias pueden solicitarlas desde el lunes en cualquier distríto.", True),
    ("Las familias pueden solicitarlas, desde el lunes, en cualquier distrito", True),
    ("Las familias ya pueden solicitarlas desde el lunes en cualquier distrito.", True),
    # another word, or one more, says something else: Tuesday, not Monday; the district
    ("Las familias pueden solicitarlas desde el martes en cualquier distrito.", False),
    ("Las familias pueden solicitarlas desde el lunes en cualquier distrito municipal.", False),
    ("Los mayores pueden solicitarlas desde el lunes en cualquier distrito.", False),
    ("La biblioteca abre el lunes.", False),
])
def test_near_match_threshold(query: str, used: bool) -> None:
    memory = PairMemory([_entry(FAMILIES, FAMILIES_EN)])
    score = similarity(segment_key(FAMILIES), segment_key(query))
    other_words = differing_words(segment_key(FAMILIES), segment_key(query))
    hit = memory.lookup(query)
    assert (hit is not None) is used, (query, score, other_words)
    # the documented rule, not a lucky cut: the score reaches the threshold, no long word differs
    assert (score >= DEFAULT_THRESHOLD and not other_words) is used
    if hit is not None:
        assert hit.target == FAMILIES_EN and hit.score == pytest.approx(score) and hit.score < 1


def test_a_long_sentence_with_one_other_word_is_no_near_match() -> None:
    """However long the sentence, one other word scores high (0.97 here) but is refused."""
    stored = ("El pleno del Ayuntamiento aprobó ayer por unanimidad el nuevo reglamento de "
              "terrazas, que entrará en vigor cuando se publique en el boletín oficial de la provincia.")
    other = stored.replace("terrazas", "mercados")
    assert similarity(segment_key(stored), segment_key(other)) > DEFAULT_THRESHOLD
    assert differing_words(segment_key(stored), segment_key(other)) == {"terrazas", "mercados"}
    assert PairMemory([_entry(stored, "The council approved the new terrace rules.")]).lookup(other) is None


def test_numbers_must_be_the_same_even_in_a_near_match() -> None:
    stored = "El Ayuntamiento aprobó 300 plazas nuevas en las escuelas infantiles públicas."
    memory = PairMemory([_entry(stored, "The council approved 300 new nursery places.")])
    assert memory.lookup(stored.replace("300", "450")) is None
    assert memory.lookup(stored.replace("300", "3000")) is None
    assert memory.lookup(stored.replace("públicas", "publicas")) is not None


def test_threshold_one_means_exact_matches_only() -> None:
    near = "Las familias ya pueden solicitarlas desde el lunes en cualquier distrito."
    assert PairMemory([_entry(FAMILIES, FAMILIES_EN)]).lookup(near) is not None
    assert PairMemory([_entry(FAMILIES, FAMILIES_EN)], threshold=1.0).lookup(near) is None
    assert PairMemory([_entry(FAMILIES, FAMILIES_EN)], threshold=1.0).lookup(FAMILIES) is not None


def test_memory_threshold_setting_is_checked() -> None:
    assert TranslateSettings.from_mapping({"memory_threshold": 0.95}).memory_threshold == 0.95
    for bad in (0.2, 1.5, "high", True):
        with pytest.raises(ConfigError, match="memory_threshold"):
            TranslateSettings.from_mapping({"memory_threshold": bad})


# -- an edit as segment pairs --------------------------------------------------------------
def test_edit_is_aligned_by_sentence_else_by_paragraph() -> None:
    source = ("Primera frase del texto. Segunda frase.\n\n"
              "Un párrafo con dos frases. Que el editor unió.")
    edited = ("First sentence of the text. Second sentence.\n\n"
              "A paragraph the editor wrote as one sentence.")
    pairs = align(source, edited)
    assert pairs is not None
    assert [(p.source, p.target, p.segtype) for p in pairs] == [
        ("Primera frase del texto.", "First sentence of the text.", "sentence"),
        ("Segunda frase.", "Second sentence.", "sentence"),
        ("Un párrafo con dos frases. Que el editor unió.",
         "A paragraph the editor wrote as one sentence.", "paragraph")]
    # paragraphs joined by the editor: as many sentences in all, but pairing them across
    # paragraphs would give "Uno." -> "One and two.": nothing is stored
    assert align("Uno.\n\nDos.\n\nTres.", "One and two.\n\nThree and four and five. Six.") is None


def test_only_corrected_segments_are_stored_and_mixed_paragraphs_keep_their_language() -> None:
    text = "El alcalde habló ayer. La sesión terminó tarde.\n\nLe maire de Lyon était présent."
    machine = "The mayor spoke yesterday. The session ended late.\n\nThe mayor of Lyon was present."
    edited = "The mayor spoke yesterday. The meeting ran late.\n\nLyon's mayor attended."
    spans = [(0, text.index("\n"), "es"), (text.index("Le maire"), len(text), "fr")]
    found = edit_entries(article_id="a1", lang="es", target="en",
                         fields=[("title", "Sesión", "Session", "Session"),
                                 ("text", text, edited, machine)],
                         paragraphs=spans, editor="Ana", at="2026-11-30T10:00:00+00:00")
    assert [(e.source_lang, e.source, e.target, e.editor) for e in found.entries] == [
        ("es", "La sesión terminó tarde.", "The meeting ran late.", "Ana"),
        ("fr", "Le maire de Lyon était présent.", "Lyon's mayor attended.", "Ana")]
    assert found.unaligned == []


def test_store_keeps_one_pair_per_source_key_and_the_newest_correction(tmp_path: Path) -> None:
    with Store(tmp_path / "pressflow.db") as store:
        first = store.save_memory_entries([_entry(FAMILIES, "Families may apply from Monday.")])
        again = store.save_memory_entries([_entry(FAMILIES.upper(), "Families may apply from Monday.")])
        newer = store.save_memory_entries([_entry(FAMILIES, FAMILIES_EN, editor="Bo")])
        rows = store.memory_entries("es", "en")
        assert store.memory_pairs() == [("es", "en", 1)]
    assert (first.added, again.unchanged, newer.updated) == (1, 1, 1)
    assert [(r.target, r.editor) for r in rows] == [(FAMILIES_EN, "Bo")]


# -- used before the engine, and nothing applied on top --------------------------------------
def test_memory_is_used_before_apertium_and_the_glossary_is_not_applied_on_top(tmp_path: Path) -> None:
    _apertium()
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    (glossary / "es-en.tsv").write_text("source\ttarget\tnote\nAyuntamiento de Sevilla\t"
                                        "Seville City Council\t\n", encoding="utf-8")
    (glossary / "keep.txt").write_text("Macarena\n", encoding="utf-8")
    corrected = "El Ayuntamiento de Sevilla abre la biblioteca de la Macarena."
    editor_text = "The city opens the new Macarena library."  # neither the term nor "la Macarena"
    memory = TranslationMemory(EntryList([_entry(corrected, editor_text, editor="Ana")]))
    settings = TranslateSettings(engine="apertium")
    docs = [Document("mixed", "es", {"title": corrected,
                                     "text": f"{corrected} El Ayuntamiento de Sevilla aprobó el plan."}),
            Document("all", "es", {"title": None, "text": f"{corrected}\n\n{corrected.upper()}"}),
            Document("none", "es", {"title": None, "text": "El Ayuntamiento de Sevilla aprobó el plan."})]
    mixed, whole, plain = translate_documents(docs, "en", settings=settings, glossary_dir=glossary,
                                              engines=Engines(settings), memory=memory)
    assert mixed is not None and whole is not None and plain is not None
    assert mixed.fields["title"] == editor_text
    assert mixed.fields["text"] is not None and mixed.fields["text"].startswith(editor_text + " ")
    assert "Seville City Council" in mixed.fields["text"]  # the engine's sentence keeps its term
    assert mixed.engine == "apertium+memory" and mixed.glossary_violations == 0
    assert [(m["field"], m["match"], m["editor"]) for m in mixed.memory] == [
        ("title", "exact", "Ana"), ("text", "exact", "Ana")]
    assert whole.engine == "memory" and whole.fields["text"] == f"{editor_text}\n\n{editor_text}"
    assert plain.engine == "apertium" and plain.memory == []


# -- TMX --------------------------------------------------------------------------------------
FOREIGN_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="OmegaT" creationtoolversion="6.0.1_0" segtype="sentence"
          o-tmf="OmegaT TMX" adminlang="EN-US" srclang="ES-ES" datatype="plaintext">
    <prop type="x-project">partner-news</prop>
  </header>
  <body>
    <tu tuid="17" creationid="maria.lopez" creationdate="20251003T101500Z" changedate="20251004T080000Z">
      <prop type="x-domain">municipal</prop>
      <note>checked by the press office</note>
      <tuv xml:lang="ES-ES">
        <seg>El <bpt i="1" type="bold">&lt;b&gt;</bpt>Ayuntamiento<ept i="1">&lt;/b&gt;</ept> abre el registro<ph x="2" type="lb">&lt;br/&gt;</ph> el lunes.</seg>
      </tuv>
      <tuv xml:lang="EN-GB" creationid="john">
        <seg>The <bpt i="1" type="bold">&lt;b&gt;</bpt>City Council<ept i="1">&lt;/b&gt;</ept> opens registration on <hi type="b">Monday</hi>.</seg>
      </tuv>
      <tuv xml:lang="fr-FR"><seg>La mairie ouvre les inscriptions <it pos="begin">&lt;i&gt;</it>lundi<it pos="end">&lt;/i&gt;</it>.</seg></tuv>
    </tu>
    <tu tuid="18" srclang="EN-US">
      <tuv xml:lang="en-US"><seg>Deputy mayor</seg></tuv>
      <tuv xml:lang="pt-PT"><seg>Vice-presidente da Câmara</seg></tuv>
    </tu>
    <tu tuid="19"><tuv xml:lang="es"><seg>Solo en español.</seg></tuv></tu>
    <tu tuid="20">
      <tuv xml:lang="??"><seg>nothing</seg></tuv>
      <tuv xml:lang="en"><seg>nothing</seg></tuv>
    </tu>
  </body>
</tmx>
"""  # noqa: E501 (a translation tool's lines, as it writes them)


def _line_of(needle: str) -> int:
    return FOREIGN_TMX[:FOREIGN_TMX.index(needle)].count("\n") + 1


def test_a_tmx_written_by_another_tool_imports_with_inline_codes_dropped(tmp_path: Path) -> None:
    path = tmp_path / "omegat-project.tmx"
    path.write_text(FOREIGN_TMX, encoding="utf-8")
    found = tmx.read_tmx(path, "en")
    assert sorted((e.source_lang, e.source, e.target, e.editor, e.created_at) for e in found.entries) == [
        ("es", "El Ayuntamiento abre el registro el lunes.", "The City Council opens registration on Monday.",
         "maria.lopez", "2025-10-03T10:15:00+00:00"),
        ("fr", "La mairie ouvre les inscriptions lundi.", "The City Council opens registration on Monday.",
         "maria.lopez", "2025-10-03T10:15:00+00:00"),
        ("pt", "Vice-presidente da Câmara", "Deputy mayor", None, None)]
    assert found.units == 4
    no_english, no_language, only_english = (_line_of(x) for x in (
        '<tu tuid="19">', 'xml:lang="??"', '<tu tuid="20">'))
    assert found.skipped == [f"line {no_english}: <tu> has no segment in en",
                             f"line {no_language}: <tuv> with no usable xml:lang ('??')",
                             f"line {only_english}: <tu> has no segment in another language than en"]


def test_a_utf16_tmx_as_trados_writes_it_reads_and_its_entities_are_refused(tmp_path: Path) -> None:
    unit = ('<tu creationid="TRADOS\\jan"><tuv lang="DE-DE"><seg>Der Bürgermeister spricht.</seg></tuv>'
            '<tuv lang="EN-US"><seg>The mayor speaks.</seg></tuv></tu>')  # TMX 1.1's lang
    good = tmp_path / "trados.tmx"
    good.write_bytes(('<?xml version="1.0" encoding="UTF-16"?>\n<tmx version="1.1"><header '
                      f'srclang="DE-DE"/><body>{unit}</body></tmx>\n').encode("utf-16"))
    [entry] = tmx.read_tmx(good).entries
    assert (entry.source_lang, entry.source, entry.target, entry.editor) == (
        "de", "Der Bürgermeister spricht.", "The mayor speaks.", "TRADOS\\jan")
    bad = tmp_path / "padded.tmx"  # an entity far down, in UTF-16: no byte search sees it
    bad.write_bytes(('<?xml version="1.0" encoding="UTF-16"?>\n<!--' + " " * 100_000 + '-->\n'
                     '<!DOCTYPE tmx [<!ENTITY x "EXPANDED">]>\n<tmx version="1.4"><body/></tmx>')
                    .encode("utf-16"))
    with pytest.raises(MemoryFileError, match=r"padded\.tmx:3: entity declarations"):
        tmx.read_tmx(bad)


def test_hostile_or_broken_tmx_is_refused_naming_file_and_line(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    cases = {
        "laughs.tmx": ('<?xml version="1.0"?>\n<!DOCTYPE tmx [\n <!ENTITY a "aaaaaaaaaa">\n'
                       ' <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n<tmx version="1.4"><body>'
                       '<tu><tuv xml:lang="es"><seg>&b;</seg></tuv></tu></body></tmx>\n',
                       r"laughs\.tmx:3: entity declarations .* refused"),
        "external.tmx": ('<?xml version="1.0"?>\n<!DOCTYPE tmx [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>\n'
                         '<tmx version="1.4"><body><tu><tuv xml:lang="es"><seg>&x;</seg></tuv></tu></body></tmx>\n',
                         r"external\.tmx:2: entity declarations .* refused"),
        "broken.tmx": ('<?xml version="1.0"?>\n<tmx version="1.4">\n<body>\n'
                       '<tu><tuv xml:lang="es"><seg>abierto</tuv></tu>\n</body></tmx>\n',
                       r"broken\.tmx:4: not well-formed XML: mismatched tag"),
        "page.tmx": ('<?xml version="1.0"?>\n<html><body/></html>\n',
                     r"page\.tmx:2: not a TMX file: the root element is <html>"),
    }
    for name, (body, message) in cases.items():
        (tmp_path / name).write_text(body, encoding="utf-8")
        with pytest.raises(MemoryFileError, match=message):
            tmx.read_tmx(tmp_path / name)
    big = tmp_path / "big.tmx"
    big.write_text(FOREIGN_TMX, encoding="utf-8")
    monkeypatch.setattr(tmx, "MAX_TMX_BYTES", 1000)
    with pytest.raises(MemoryFileError, match=r"big\.tmx: \d+ bytes is more than the 1000"):
        tmx.read_tmx(big)


def _sources(folder: Path, output: str = "out") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "sources.yaml"
    config.write_text(f"sources: []\nsettings:\n  output: {output}\n", encoding="utf-8")
    return config


def test_export_then_import_into_a_fresh_store_gives_the_same_pairs(tmp_path: Path) -> None:
    config = _sources(tmp_path / "a")
    entries = [
        _entry(FAMILIES, FAMILIES_EN, editor="Ana", article_id="x1",
               created_at="2026-11-02T09:00:00+00:00", updated_at="2026-11-03T10:30:00+00:00"),
        _entry('Tarifa "joven" < 25 años & más', 'Youth fare ("joven") under 25 & more', editor="Bo"),
        _entry("Le maire d’Aubervilliers a parlé.", "Aubervilliers' mayor spoke.", lang="fr",
               segtype="paragraph"),
        _entry("A Câmara do Porto aprovou o plano.", "Porto City Council approved the plan.", lang="pt"),
    ]
    with Store(config.parent / "out" / "pressflow.db") as store:
        store.save_memory_entries(entries)
    exported = tmp_path / "memory.tmx"
    assert "4 segment pair(s) written" in _cli("memory", "export", str(exported), "--config",
                                               str(config)).stdout
    fresh = _sources(tmp_path / "b")
    done = _cli("memory", "import", str(exported), "--config", str(fresh))
    assert "4 pair(s) added" in done.stdout and "0 skipped" in done.stdout
    again = _cli("memory", "import", str(exported), "--config", str(fresh))
    assert "0 pair(s) added, 0 updated, 4 already known" in again.stdout
    listed = _cli("memory", "list", "--json", "--config", str(fresh)).stdout

    def pairs(rows: list[MemoryEntry] | list[dict[str, object]]) -> set[tuple[object, ...]]:
        keys = ("source_lang", "target_lang", "source", "target", "segtype", "editor",
                "created_at", "updated_at")
        return {tuple(r[k] if isinstance(r, dict) else getattr(r, k) for k in keys) for r in rows}

    imported = [json.loads(line) for line in listed.splitlines()]
    assert pairs(imported) == {p for p in pairs(entries) if p[6] is not None} | {
        (*p[:6], r["created_at"], r["updated_at"]) for p in pairs(entries) if p[6] is None
        for r in imported if r["source"] == p[2]}
    assert {r["origin"] for r in imported} == {"tmx import"}
    human = _cli("memory", "list", "--pair", "fr-en", "--config", str(fresh)).stdout
    assert "fr-en: 1" in human and "Aubervilliers' mayor spoke." in human and "Porto" not in human


def test_memory_import_errors_name_the_file_and_line_with_exit_2(tmp_path: Path) -> None:
    config = _sources(tmp_path)
    bad = tmp_path / "partner.tmx"
    bad.write_text('<?xml version="1.0"?>\n<tmx version="1.4">\n<body>\n<tu>\n</body></tmx>\n',
                   encoding="utf-8")
    done = _cli("memory", "import", str(bad), "--config", str(config), ok=False)
    assert done.returncode == 2 and f"{bad}:5: not well-formed XML" in done.stderr
    missing = _cli("memory", "list", "--config", str(_sources(tmp_path / "empty")), ok=False)
    assert missing.returncode == 1 and "no database at" in missing.stderr


# -- the whole loop: run, edit in the review page, run again -----------------------------------
EDITED_TITLE = "Seville approves new nursery places"
EDITED_TEXT = ("The City Council of Seville approved 300 new places in public nursery schools. "
               + FAMILIES_EN)


FIRST = [("guarderias", "Sevilla aprueba nuevas plazas en escuelas infantiles",
          "El Ayuntamiento de Sevilla aprobó 300 plazas nuevas en escuelas infantiles públicas. "
          + FAMILIES),
         ("puente", "Reabre el puente de Isabel II tras las obras",
          "El puente de Isabel II reabre al tráfico después de seis meses de obras de reparación.")]
# the next day: a new story repeating the corrected sentence, and another near it
LIBRARY = ("biblioteca", "La Macarena estrena biblioteca con sala de estudio",
           "La biblioteca de la Macarena abre con doce mil libros y una sala de estudio.\n\n"
           + FAMILIES + "\n\nLas familias ya pueden solicitarlas desde el lunes en cualquier "
           "distrito.")


@dataclass
class Loop:
    config: Path
    out: Path
    edit_page: str  # the review page right after the edit was saved


@pytest.fixture(scope="module")
def loop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Loop]:
    _apertium()
    work = tmp_path_factory.mktemp("memory-loop")
    with partner_site() as site:
        site.pages["/rss"] = (200, "application/rss+xml", sevilla_feed(site.base, FIRST))
        config = write_sevilla_config(work, site.base)
        _cli("run", "--config", str(config), "-q")
        out = work / "out"
        with sqlite3.connect(out / "pressflow.db") as conn:
            nursery = conn.execute("SELECT id FROM articles WHERE guid = 'guarderias'").fetchone()[0]
        server = ReviewServer(load_config(config), port=0, editor="Ana")
        server.start_in_thread()
        try:
            with httpx.Client(base_url=server.url, timeout=60) as client:
                page = client.get("/").text
                csrf = re.search(r'name="csrf" value="([^"]+)"', page)
                assert csrf
                saved = client.post("/translation", data={
                    "csrf": csrf[1], "article_id": nursery, "title": EDITED_TITLE,
                    "text": EDITED_TEXT}, follow_redirects=True)
                assert saved.status_code == 200 and "translation memory" in saved.text
        finally:
            server.shutdown()
        site.pages["/rss"] = (200, "application/rss+xml", sevilla_feed(site.base, [*FIRST, LIBRARY]))
        _cli("run", "--config", str(config), "-q")
        yield Loop(config, out, saved.text)


def test_an_edit_saved_in_the_review_page_becomes_segment_pairs(loop: Loop) -> None:
    with Store(loop.out / "pressflow.db") as store:
        entries = store.memory_entries("es", "en")
    assert {(e.source, e.target, e.origin, e.editor) for e in entries} == {
        ("Sevilla aprueba nuevas plazas en escuelas infantiles", EDITED_TITLE, "editor", "Ana"),
        ("El Ayuntamiento de Sevilla aprobó 300 plazas nuevas en escuelas infantiles públicas.",
         "The City Council of Seville approved 300 new places in public nursery schools.", "editor", "Ana"),
        (FAMILIES, FAMILIES_EN, "editor", "Ana")}
    assert all(e.article_id and e.created_at and e.segtype == "sentence" for e in entries)
    with Store(loop.out / "pressflow.db") as store:
        edit = next(d for d in store.decisions() if d.action == "edit_translation")
    assert json.loads(edit.detail)["memory"] == {"added": 3, "updated": 0, "not_aligned": []}


def test_the_next_run_uses_the_memory_and_marks_it(loop: Loop) -> None:
    with sqlite3.connect(loop.out / "pressflow.db") as conn:
        text, engine, details, story = conn.execute(
            "SELECT t.text, t.engine, t.memory_details, m.story_id FROM translations t JOIN articles a "
            "ON a.id = t.article_id JOIN story_members m ON m.article_id = a.id "
            "WHERE a.guid = 'biblioteca'").fetchone()
        bridge = conn.execute("SELECT t.engine, t.memory_details FROM translations t JOIN articles a "
                              "ON a.id = t.article_id WHERE a.guid = 'puente'").fetchone()
    first, exact, near = text.split("\n\n")
    assert "library" in first and "Macarena" in first  # Apertium's own sentence
    assert exact == FAMILIES_EN and near == FAMILIES_EN
    assert engine == "apertium+memory"
    used = json.loads(details)
    in_text = [m for m in used if m["field"] == "text"]
    assert [(m["match"], m["editor"], m["segment"]) for m in in_text] == [
        ("exact", "Ana", FAMILIES), ("near", "Ana", LIBRARY[2].split("\n\n")[2])]
    assert 0.92 <= in_text[1]["score"] < 1 and in_text[1]["memory_source"] == FAMILIES
    assert {m["field"] for m in used} <= {"text", "summary"}  # the feed's description too
    assert bridge == ("apertium", None)  # nothing in memory: the engine alone, unmarked
    pages = editor_pages(loop.config, loop.out)
    for where, page in pages.items():
        article = page.xpath(f"//article[@id='story-{story}']")[0]
        flag = article.xpath(".//*[@data-flag='memory']/text()")
        near = sum(m["match"] == "near" for m in used)
        assert flag == [f"{len(used)} segments from the translation memory ({near} near matches)"], where
        listed = article.xpath(".//details[@data-memory]//li")
        assert [li.get("data-match") for li in listed] == [m["match"] for m in used], where
        last = listed[-1].xpath("string()")
        assert "near match 9" in last and "Ana" in last and FAMILIES_EN in last, where
    markdown = _cli("digest", "--config", str(loop.config), "--format", "markdown").stdout
    assert f"{len(used)} segments from the translation memory" in markdown


def test_translate_filter_uses_a_database_or_a_tmx_as_memory(loop: Loop, tmp_path: Path) -> None:
    line = json.dumps({"id": "1", "text": FAMILIES, "lang": "es"}) + "\n"
    with_db = json.loads(_cli("translate", "--engine", "apertium", "--memory",
                              str(loop.out / "pressflow.db"), stdin=line).stdout)
    assert (with_db["translation"], with_db["engine"], with_db["memory"]) == (FAMILIES_EN, "memory", 1)
    exported = tmp_path / "ours.tmx"
    with Store(loop.out / "pressflow.db") as store:
        tmx.write_tmx(store.memory_entries(), exported)
    other = json.dumps({"id": "2", "text": "El puente reabre al tráfico.", "lang": "es"}) + "\n"
    with_tmx = [json.loads(x) for x in _cli("translate", "--engine", "apertium", "--memory",
                                            str(exported), stdin=line + other).stdout.splitlines()]
    assert (with_tmx[0]["translation"], with_tmx[0]["engine"]) == (FAMILIES_EN, "memory")
    assert with_tmx[1]["engine"] == "apertium" and "memory" not in with_tmx[1]
