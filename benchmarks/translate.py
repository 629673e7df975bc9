"""Translation: pressflow's translate stage against raw CTranslate2, cache, glossary adherence.

Usage:  .venv/bin/python benchmarks/translate.py [--quick] [--beam 1] [--sentences N]

All in one run, on the same sentences (every distinct sentence of the seed pages):

1. builds a realistic-size argos package with random weights (6+6 layers, d_model 512, 8
   heads, int8; benchmarks/ctmodel.py, the end-of-sentence bias calibrated so outputs are
   about as long as inputs) and installs it with pressflow's own installer;
2. raw baseline: SentencePiece encode + ``Translator.translate_batch`` + decode of the
   sentences pressflow's engine receives (glossary terms and names as placeholders,
   recorded in the stage's run on a new store), measured twice (the mean is the baseline);
3. pressflow: the translate stage of a real store holding the same sentences as articles
   (six sentences each, one a paragraph; the first also the title), glossary on (the project's
   ``glossary/``), results written to SQLite;
4. the same stage again after ``forget_stage`` (every sentence now comes from the cache);
5. cold, like for like, as a nightly run meets them: a fresh process that imports CTranslate2
   and SentencePiece, loads the model and translates the sentences (raw), against a fresh
   process that runs the translate stage on a new store (importing pressflow, loading the
   names' NER pipeline and gazetteer, finding names, translating, writing SQLite); each
   timed from its start to its exit (wall and CPU time), three times, interleaved;
6. with Apertium installed: glossary adherence on sentences in fr, it, es, ro and de that
   contain glossary terms: the share of required target terms present in the output.

Figures are printed, not asserted (goals: pressflow >= 0.85 of raw throughput; cached re-run
>= 50 times faster than the first; 100% of required terms present).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from common import peak_rss_mb, ratio_line, run_child, table, timed  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"

# Sentences with glossary terms, per language (written for this benchmark; the terms are the
# network's own: see glossary/*.tsv and keep.txt). German has no Apertium pair here: it is
# reported as no-model, and counted apart.
ADHERENCE = {
    "fr": [
        "La CGLU a réuni ses membres à Barcelone.",
        "Cités et Gouvernements Locaux Unis publie un nouveau rapport.",
        "L'Organisation mondiale des villes intelligentes et durables a tenu son assemblée.",
        "WeGO a accueilli les représentants d'ASAS à Séoul.",
        "Le maire de Shiraz a parlé avec le Secrétaire général de WeGO.",
        "La Communauté de pratique des villes numériques prépare une étude.",
        "Les villes intelligentes et durables partagent leurs expériences.",
        "Chaque ville intelligente doit protéger les droits numériques.",
        "Le Bureau exécutif de la CGLU se réunit en juin.",
        "La gouvernance locale est au cœur du Conseil mondial.",
        "L'Association des conjoints des ambassadeurs de Séoul soutient le programme.",
    ],
    "it": [
        "Il Comune di Milano ha incontrato una delegazione coreana.",
        "Il Governo Metropolitano di Seoul partecipa al progetto Sharing Cities.",
        "L'Unità Smart City ha presentato le sue iniziative.",
        "Clara Callegaris ha illustrato il progetto Openagri.",
        "La Città Metropolitana di Milano sostiene le città intelligenti.",
        "Il sindaco ha firmato il memorandum con WeGO.",
        "Ogni città intelligente condivide i suoi dati.",
        "Città e Governi Locali Uniti ha invitato il Comune di Milano.",
        "Susanna Molteni ha presentato Sharing Cities a Seoul.",
        "Urban Innovative Action finanzia Openagri.",
    ],
    "es": [
        "La CGLU celebra su congreso en Daejeon.",
        "Ciudades y Gobiernos Locales Unidos publica un informe.",
        "La Organización Mundial de Ciudades Inteligentes y Sostenibles se reúne en Seúl.",
        "El alcalde de Bogotá habló de gobernanza local.",
        "La Comunidad de Práctica de Ciudades Digitales prepara un estudio.",
        "Las ciudades inteligentes protegen los derechos digitales.",
        "La Secretaria General de la CGLU visitó Madrid.",
        "Cada ciudad inteligente comparte datos abiertos.",
        "WeGO y ALDA firmaron un acuerdo.",
        "La alcaldesa recibió a Emilia Saiz.",
    ],
    "ro": [
        "ALDA organizează un eveniment despre guvernare deschisă.",
        "Proiectul AVATAR promovează guvernarea deschisă în orașe mici.",
        "Asociația Europeană pentru Democrație Locală are sediul în Strasbourg.",
        "Fiecare comunitate inteligentă își publică datele.",
        "Comunități inteligente din Italia se întâlnesc la Schio.",
        "Consiliul Europei sprijină democrația locală.",
        "Uniunea Europeană finanțează proiectul AVATAR.",
        "OECD definește guvernarea deschisă.",
        "Primarul a vorbit cu reprezentanții ALDA.",
        "ALDA+ coordonează proiectul în Schio.",
    ],
    "de": [
        "Die UCLG trifft sich in Seoul.",
        "WeGO und ALDA arbeiten an intelligenten Städten.",
        "Der Bürgermeister von Shiraz sprach mit WeGO.",
        "Der Rat der Gemeinden und Regionen Europas unterstützt ALDA.",
        "Emilia Saiz besuchte Seoul.",
    ],
}
GERMAN_TERMS = ("source\ttarget\nBürgermeister\tmayor\nRat der Gemeinden und Regionen Europas\t"
                "Council of European Municipalities and Regions\n")


def seed_sentences(limit: int) -> list[str]:
    from pressflow.translate.sentences import segment

    seen: dict[str, None] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        for s in segment(path.read_text(encoding="utf-8")).sentences:
            if len(s) >= 25:
                seen.setdefault(s, None)
    return list(seen)[:limit]


def build_package(work: Path, sentences: list[str], beam: int, quick: bool) -> tuple[Path, str]:
    import ctmodel
    import sentencepiece as spm

    sp_model = ctmodel.train_sentencepiece(sentences * 3, work / "sp" / "sp", 2000 if quick else 8000)
    sp = spm.SentencePieceProcessor(model_file=str(sp_model))
    sample = [sp.encode(s, out_type=str) for s in sentences[:24]]
    layers, d_model, ffn = ((2, 2), 256, 1024) if quick else ((6, 6), 512, 2048)
    lo, hi, ratio = 0.0, 20.0, 0.0
    model_dir = work / "model"
    for _ in range(7):  # calibrate the </s> bias: outputs about as long as inputs
        bias = (lo + hi) / 2
        ctmodel.build_model(model_dir, sp_model, layers=layers, d_model=d_model, ffn=ffn,
                            vocab_size=8000 if quick else 32000, eos_bias=bias)
        ratio = ctmodel.mean_output_ratio(model_dir, sample, beam_size=beam)
        if 0.8 <= ratio <= 1.3:
            break
        lo, hi = (bias, hi) if ratio > 1.3 else (lo, bias)
    package = ctmodel.write_argos_package(work / "bench-fr-en.argosmodel", model_dir, sp_model,
                                          "fr", "en")
    shape = f"{layers[0]}+{layers[1]} layers, d_model {d_model}, int8, output/input {ratio:.2f}"
    return package, shape


def raw_run(model: Path, sentences: list[str], beam: int, batch: int) -> float:
    import ctranslate2
    import sentencepiece as spm

    with timed() as t:
        translator = ctranslate2.Translator(str(model / "model"), device="cpu", inter_threads=1,
                                            intra_threads=0)
        sp = spm.SentencePieceProcessor(model_file=str(model / "sentencepiece.model"))
        tokens = [sp.encode(s, out_type=str) for s in sentences]
        results = translator.translate_batch(tokens, beam_size=beam, max_batch_size=batch,
                                             max_decoding_length=256)
        [sp.decode(r.hypotheses[0]) for r in results]
    return t.seconds


def pressflow_context(work: Path, sentences: list[str], beam: int, batch: int):  # type: ignore[no-untyped-def]
    from pressflow.config import parse_config
    from pressflow.pipeline.context import RunContext
    from pressflow.records import Article
    from pressflow.store import Store

    cfg = work / "sources.yaml"
    cfg.write_text(f"settings:\n  glossary: {ROOT / 'glossary'}\n  translate:\n"
                   f"    engine: argos\n    beam_size: {beam}\n    batch_size: {batch}\n"
                   "sources: []\n", encoding="utf-8")
    config = parse_config(cfg.read_text(encoding="utf-8"), str(cfg))
    store = Store(work / "pressflow.db")
    articles = []
    for i in range(0, len(sentences), 6):
        group = sentences[i:i + 6]
        text = "\n\n".join(group)  # one sentence a paragraph: the same units as raw
        articles.append(Article(source="bench", url=f"https://example.org/{i}", title=group[0],
                                text=text.strip(), guid=f"a{i}"))
    store.upsert_articles(articles, None)
    store.db.execute("UPDATE articles SET lang = 'fr'")
    return RunContext(store, config, store.start_run(str(cfg)))


def cold_raw(model: Path, inputs: Path, beam: int, batch: int) -> None:
    """The raw engine in this (fresh) process: what a script using CTranslate2 itself does."""
    import json

    raw_run(model, json.loads(inputs.read_text(encoding="utf-8")), beam, batch)


def cold_stage(work: Path) -> None:
    """The translate stage in this (fresh) process, on the store ``pressflow_context`` made."""
    from pressflow.config import parse_config
    from pressflow.pipeline.context import RunContext
    from pressflow.store import Store
    from pressflow.translate import run_stage

    cfg = work / "sources.yaml"
    config = parse_config(cfg.read_text(encoding="utf-8"), str(cfg))
    store = Store(work / "pressflow.db")
    report = run_stage(RunContext(store, config, store.start_run(str(cfg))))
    print(f"cold stage: {report.processed} articles, {report.details.get('sentences translated')} "
          "sentences to the engine")


def cold_runs(work: Path, model: Path, engine_input: list[str], sentences: list[str], beam: int,
              batch: int, rounds: int = 3) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """Raw and stage, each in a fresh process, ``rounds`` times, interleaved (raw, stage, raw,
    stage...): (wall seconds, CPU seconds) of each child. The CPU time (user + system, all
    threads) says what the work costs whatever else the machine runs; the wall time is what a
    nightly run waits, and shows the overlap of loading with translating."""
    import json
    import resource

    inputs = work / "engine-input.json"
    inputs.write_text(json.dumps(engine_input, ensure_ascii=False), encoding="utf-8")
    me = [sys.executable, str(Path(__file__).resolve())]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}

    def child_cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    def measured(argv: list[str]) -> tuple[float, float]:
        before = child_cpu()
        child = run_child(argv, env=env)
        assert child.returncode == 0, child.output
        return child.seconds, child_cpu() - before

    raws: list[tuple[float, float]] = []
    stages: list[tuple[float, float]] = []
    for k in range(rounds):
        raws.append(measured([*me, "--cold-raw", str(model), str(inputs), "--beam", str(beam),
                              "--batch", str(batch)]))
        store_dir = work / f"cold{k}"
        store_dir.mkdir()
        ctx = pressflow_context(store_dir, sentences, beam, batch)
        ctx.store.close()
        stages.append(measured([*me, "--cold-stage", str(store_dir)]))
    return raws, stages


def adherence(work: Path) -> list[list[object]]:
    from pressflow.translate import TranslationRequest, translate_texts
    from pressflow.translate.glossary import Glossary, load_glossary

    folder = work / "glossary"
    shutil.copytree(ROOT / "glossary", folder)
    (folder / "de-en.tsv").write_text(GERMAN_TERMS, encoding="utf-8")
    rows: list[list[object]] = []
    total_req = total_ok = 0
    for lang, items in ADHERENCE.items():
        glossary = load_glossary(folder, lang, "en")
        reqs = [TranslationRequest(f"{lang}{i}", s, lang) for i, s in enumerate(items)]
        results = translate_texts(reqs, "en", glossary=folder, engine="apertium")
        required = present = 0
        statuses = {r.status for r in results}
        for s, r in zip(items, results, strict=True):
            protected = glossary.protect(s)
            required += len({e.signature for e in protected.entries})
            if r.status == "ok":
                present += len({e.signature for e in protected.entries}) - len(
                    Glossary.missing(r.translation, protected))
        if statuses == {"ok"}:
            total_req += required
            total_ok += present
        rows.append([lang, len(items), required,
                     present if statuses == {"ok"} else "-", ",".join(sorted(statuses)),
                     f"{100 * present / required:.0f}%" if statuses == {"ok"} and required else "-"])
    rows.append(["all translated", sum(len(v) for k, v in ADHERENCE.items()), total_req, total_ok,
                 "", f"{100 * total_ok / max(1, total_req):.1f}%"])
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small model and 60 sentences")
    parser.add_argument("--sentences", type=int, default=None)
    parser.add_argument("--beam", type=int, default=1)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--cold-raw", nargs=2, metavar=("MODEL", "INPUTS"), help=argparse.SUPPRESS)
    parser.add_argument("--cold-stage", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cold_raw:
        cold_raw(Path(args.cold_raw[0]), Path(args.cold_raw[1]), args.beam, args.batch)
        return 0
    if args.cold_stage:
        cold_stage(Path(args.cold_stage))
        return 0
    work = Path(tempfile.mkdtemp(prefix="pressflow-bench-translate-"))
    os.environ["ARGOS_PACKAGES_DIR"] = str(work / "packages")
    try:
        from pressflow.translate import run_stage
        from pressflow.translate.models import install_file

        sentences = seed_sentences(args.sentences or (60 if args.quick else 400))
        with timed() as tb:
            package, shape = build_package(work, sentences, args.beam, args.quick)
        model = install_file(package, work / "packages")
        print(f"model: random weights, {shape}; built in {tb.seconds:.1f} s")
        print(f"sentences: {len(sentences)} distinct seed sentences, "
              f"{sum(map(len, sentences)) / len(sentences):.0f} characters on average; "
              f"beam {args.beam}, batch {args.batch}, {os.cpu_count()} cores")
        from pressflow.translate.argos import ArgosEngine
        from pressflow.translate.glossary import load_glossary

        glossary = load_glossary(ROOT / "glossary", "fr", "en")
        raw_run(model.path, [glossary.protect(s).text for s in sentences[:8]], args.beam,
                args.batch)  # warm-up
        ctx = pressflow_context(work, sentences, args.beam, args.batch)
        with timed() as t1:
            first = run_stage(ctx)
        ctx.store.forget_stage("translate")
        with timed() as t2:
            second = run_stage(ctx)
        # the same stage on a new store (nothing cached), in this process where the names'
        # NER pipeline and gazetteer are now loaded: the cost per article, without the
        # one-time loading that `pressflow run` pays once per night. What its engine receives
        # is recorded: the sentences with glossary terms and names as placeholders, each once
        # (the first run also translated some early, while its names loaded)
        engine_input: list[str] = []
        engine_translate = ArgosEngine.translate

        def recording(self: ArgosEngine, texts: list[str], source: str, target: str) -> list[str]:
            engine_input.extend(texts)
            return engine_translate(self, texts, source, target)

        ArgosEngine.translate = recording  # type: ignore[method-assign,assignment]
        (work / "warm").mkdir()
        warm_ctx = pressflow_context(work / "warm", sentences, args.beam, args.batch)
        with timed() as t3:
            warm = run_stage(warm_ctx)
        ArgosEngine.translate = engine_translate  # type: ignore[method-assign]
        # the raw baseline translates exactly that (random weights decode some inputs far
        # longer than others, and a name's placeholder is shorter than the name: other
        # inputs would not compare like with like)
        raw1 = raw_run(model.path, engine_input, args.beam, args.batch)
        raw2 = raw_run(model.path, engine_input, args.beam, args.batch)
        raw = (raw1 + raw2) / 2
        n = len(sentences)
        cold_raw_s, cold_stage_s = cold_runs(work, model.path, engine_input, sentences, args.beam,
                                             args.batch)
        cold_raw_wall = statistics.median(w for w, _ in cold_raw_s)
        cold_stage_wall = statistics.median(w for w, _ in cold_stage_s)
        cold_raw_cpu = statistics.median(c for _, c in cold_raw_s)
        cold_stage_cpu = statistics.median(c for _, c in cold_stage_s)
        print()
        print(table(["run", "seconds", "sentences/s", "what"], [
            ["raw CTranslate2", f"{raw1:.2f}", f"{n / raw1:.1f}",
             "load + encode + translate_batch + decode of what the stage's engine received"],
            ["raw CTranslate2 (again)", f"{raw2:.2f}", f"{n / raw2:.1f}", "the same again"],
            ["pressflow translate stage", f"{t1.seconds:.2f}", f"{n / t1.seconds:.1f}",
             f"{first.processed} articles, {first.details.get('sentences translated')} sentences "
             f"to the engine, glossary violations {first.details.get('glossary violations')}"],
            ["pressflow, cached re-run", f"{t2.seconds:.3f}", f"{n / t2.seconds:.0f}",
             f"{second.processed} articles, cache hits {second.details.get('cache hits')}"],
            ["pressflow, new store, models loaded", f"{t3.seconds:.2f}", f"{n / t3.seconds:.1f}",
             f"{warm.processed} articles, {warm.details.get('sentences translated')} sentences "
             "to the engine; NER and gazetteer already loaded in this process"],
            ["raw CTranslate2, fresh process", " / ".join(f"{w:.1f}" for w, _ in cold_raw_s),
             f"{n / cold_raw_wall:.1f}", "start, import, load, encode + translate_batch + decode, exit; "
             f"CPU s {' / '.join(f'{c:.1f}' for _, c in cold_raw_s)}"],
            ["pressflow stage, fresh process", " / ".join(f"{w:.1f}" for w, _ in cold_stage_s),
             f"{n / cold_stage_wall:.1f}", "start, import, engine, NER, gazetteer, names, translate, "
             f"SQLite, exit; CPU s {' / '.join(f'{c:.1f}' for _, c in cold_stage_s)}"],
        ]))
        print()
        print("goals:")
        print("  " + ratio_line("first stage run in this process / raw engine already loaded",
                                raw / t1.seconds, 0.85))
        print("  " + ratio_line("fresh process, like for like: pressflow stage / raw CTranslate2 "
                                "(median wall times)", cold_raw_wall / cold_stage_wall, 0.85))
        print("  " + ratio_line("fresh process, like for like, CPU time (median): raw / pressflow stage",
                                cold_raw_cpu / cold_stage_cpu, 0.85))
        print("  " + ratio_line("cached re-run speed-up (first / cached)",
                                t1.seconds / t2.seconds, 50.0))
        print("  " + ratio_line("with the names' models loaded (new store, same process) / raw",
                                raw / t3.seconds, 0.85))
        print(f"  peak memory (max RSS of this process, model loaded twice): "
              f"{peak_rss_mb():.0f} MiB")
        from pressflow.translate.apertium import ApertiumEngine

        if ApertiumEngine().modes:
            print()
            print("glossary adherence with Apertium (required target terms present):")
            print(table(["language", "sentences", "terms required", "present", "status",
                         "adherence"], adherence(work)))
        else:
            print("\nApertium not installed: glossary adherence not measured "
                  "(scripts/setup.d/20-apertium.sh installs it)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
