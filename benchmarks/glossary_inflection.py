"""Glossary terms in their inflected forms: plain matching against pressflow's rules.

Usage:  .venv/bin/python benchmarks/glossary_inflection.py [--no-apertium]

The glossary is the starter glossary `pressflow init` writes (pressflow/data/starter-glossary-
*.tsv: terms in their dictionary form only). The sentences below were written for this
benchmark, after the rules (pressflow/translate/inflect.py) and apart from the tests'
sentences: local-government news as partners write it, with the terms inflected (plurals,
Romanian definite suffixes, Polish and German cases). Each says which English terms a
correct translation holds, in the right number. They are split in two halves by a hash of
the sentence: a tuning half (for whoever changes the rules next) and a reporting half; both
are printed, the reporting half is the figure to quote.

Figures, printed side by side for the plain matcher (the term as written, with the generic
plural endings only: ``inflect=False``) and pressflow's rules:

1. terms written: the share of expected English terms the glossary writes for each
   sentence, in the right number (engine-independent: every language, including those no
   engine here translates);
2. with Apertium installed: terminology adherence, the measurement of benchmarks/translate.py
   (the share of required English terms present in the translation, ``translate_texts``
   through Apertium), here with the required terms fixed by the sentence, not by what the
   matcher found; in the languages Apertium reaches English from (fr, es, it, pt, ro);
3. with Apertium installed: benchmarks/translate.py's own adherence table (its sentences, the
   project's glossary/), plain and with the rules. There the required terms are those the
   matcher finds, so the rules raise both columns: more terms found, each one checked.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from common import table  # noqa: E402

SENTENCES: list[tuple[str, str, list[str]]] = [
    ("ro", "Consiliul local a aprobat bugetul pentru anul viitor.", ["city council"]),
    ("ro", "Primăriile din județ au primit fonduri europene.", ["town halls"]),
    ("ro", "Viceprimarul municipiului a participat la conferință.", ["deputy mayor", "municipality"]),
    ("ro", "Consilierii locali au votat împotriva proiectului.", ["councillors"]),
    ("ro", "Autoritățile locale din zona metropolitană cooperează.", ["local authorities", "metropolitan area"]),
    ("ro", "Primarul s-a întâlnit cu președintele consiliului județean.", ["mayor", "county council"]),
    ("ro", "Municipiile mari au nevoie de transport public.", ["municipalities"]),
    ("fr", "Le conseil municipal de Nantes a voté le budget.", ["city council"]),
    ("fr", "Les maires des grandes villes demandent plus de moyens.", ["mayors"]),
    ("fr", "Les adjoints au maire ont présenté le plan vélo.", ["deputy mayors"]),
    ("fr", "La conseillère municipale a démissionné.", ["councillor"]),
    ("fr", "Les collectivités territoriales financent les transports.", ["local authorities"]),
    ("fr", "Le conseil régional et l'aire métropolitaine de Lyon.", ["regional council", "metropolitan area"]),
    ("fr", "Les mairies de quartier ouvrent le samedi.", ["town halls"]),
    ("es", "El Ayuntamiento de Valencia aprobó el presupuesto.", ["city council"]),
    ("es", "Los alcaldes de la comarca firmaron un manifiesto.", ["mayors"]),
    ("es", "Las tenientes de alcalde presentaron el informe.", ["deputy mayors"]),
    ("es", "Los concejales de la oposición votaron en contra.", ["councillors"]),
    ("es", "Las entidades locales del área metropolitana.", ["local authorities", "metropolitan area"]),
    ("es", "El gobierno autonómico y los municipios costeros.", ["regional government", "municipalities"]),
    ("es", "La casa consistorial acoge la exposición.", ["town hall"]),
    ("it", "Il sindaco di Bologna ha presentato il piano.", ["mayor"]),
    ("it", "I sindaci della provincia si sono riuniti.", ["mayors"]),
    ("it", "Le consigliere comunali hanno firmato la mozione.", ["councillors"]),
    ("it", "La giunta regionale e il consiglio regionale della Toscana.", ["regional government", "regional council"]),
    ("it", "Gli enti locali chiedono risorse.", ["local authorities"]),
    ("it", "Il vicesindaco ha visitato il palazzo comunale.", ["deputy mayor", "town hall"]),
    ("it", "Il Comune di Firenze e la Città metropolitana di Firenze.", ["municipality", "metropolitan city"]),
    ("pt", "A Câmara Municipal do Porto aprovou o orçamento.", ["city council"]),
    ("pt", "Os prefeitos das capitais brasileiras reuniram-se.", ["mayors"]),
    ("pt", "As vereadoras votaram contra a proposta.", ["councillors"]),
    ("pt", "Os municípios da área metropolitana de Lisboa.", ["municipalities", "metropolitan area"]),
    ("pt", "O governo regional dos Açores e as autarquias locais.", ["regional government", "local authorities"]),
    ("pt", "A prefeitura de São Paulo e o vice-prefeito.", ["town hall", "deputy mayor"]),
    ("pt", "Os concelhos do interior perdem população.", ["municipalities"]),
    ("ca", "L'Ajuntament de Barcelona ha aprovat el pressupost.", ["city council"]),
    ("ca", "Els alcaldes del Maresme es van reunir.", ["mayors"]),
    ("ca", "Les regidores de l'oposició van votar en contra.", ["councillors"]),
    ("ca", "Els municipis de l'àrea metropolitana.", ["municipalities", "metropolitan area"]),
    ("ca", "La tinenta d'alcalde va visitar la casa de la vila.", ["deputy mayor", "town hall"]),
    ("ca", "Els consells comarcals i els ens locals.", ["county councils", "local authorities"]),
    ("gl", "O Concello de Vigo aprobou os orzamentos.", ["city council"]),
    ("gl", "Os alcaldes e as alcaldesas da provincia.", ["mayors", "mayors"]),
    ("gl", "Os concelleiros da oposición votaron en contra.", ["councillors"]),
    ("gl", "Os municipios da área metropolitana da Coruña.", ["municipalities", "metropolitan area"]),
    ("gl", "A tenente de alcalde visitou a casa do concello.", ["deputy mayor", "town hall"]),
    ("gl", "O goberno rexional e as entidades locais.", ["regional government", "local authorities"]),
    ("de", "Der Stadtrat von Freiburg hat den Haushalt beschlossen.", ["city council"]),
    ("de", "Die Bürgermeisterinnen und Bürgermeister der Region trafen sich.", ["mayors", "mayors"]),
    ("de", "Im Rathaus tagten die Ratsmitglieder.", ["town hall", "councillors"]),
    ("de", "Die Gemeinden der Metropolregion Rhein-Neckar.", ["municipalities", "metropolitan area"]),
    ("de", "Die Landesregierung unterstützt die Kommunen.", ["state government", "municipalities"]),
    ("de", "Der stellvertretende Bürgermeister eröffnete die Sitzung.", ["deputy mayor"]),
    ("de", "Die Gebietskörperschaften und der Regionalrat.", ["local authorities", "regional council"]),
    ("nl", "De gemeenteraad van Amsterdam stemde in met het plan.", ["city council"]),
    ("nl", "De burgemeesters van de grote steden overlegden.", ["mayors"]),
    ("nl", "De raadsleden van de oppositie stemden tegen.", ["councillors"]),
    ("nl", "Lokale overheden in de metropoolregio werken samen.", ["local authorities", "metropolitan area"]),
    ("nl", "Het stadhuis en de gemeentehuizen gaan dicht.", ["town hall", "town halls"]),
    ("nl", "De wethouders en de locoburgemeester.", ["aldermen", "deputy mayor"]),
    ("nl", "De gemeenten in de provincie Utrecht.", ["municipalities"]),
    ("pl", "Rada Miejska w Gdańsku przyjęła budżet.", ["city council"]),
    ("pl", "Burmistrzowie gmin spotkali się w Warszawie.", ["mayors", "municipalities"]),
    ("pl", "Radni sejmiku województwa głosowali nad uchwałą.", ["councillors", "regional council"]),
    ("pl", "W ratuszu odbyła się konferencja.", ["town hall"]),
    ("pl", "Zastępca burmistrza odwiedził urząd miasta.", ["deputy mayor", "town hall"]),
    ("pl", "Jednostki samorządu terytorialnego otrzymają dotacje.", ["local authorities"]),
    ("pl", "Gmina i wójt ogłosili przetarg.", ["municipality", "mayor"]),
]
APERTIUM_LANGUAGES = ("fr", "es", "it", "pt", "ro")


def half(sentence: str) -> str:
    """The fixed split: "tuning" or "reporting", by a hash of the sentence."""
    return "tuning" if hashlib.sha256(sentence.encode()).digest()[0] % 2 == 0 else "reporting"


def present(expected: list[str], text: str) -> int:
    """How many of the expected English terms ``text`` holds, each as a whole phrase."""
    from pressflow.text.fold import fold_key

    folded = fold_key(text)
    counts = Counter(expected)
    return sum(min(n, len(re.findall(rf"(?<!\w){re.escape(fold_key(term))}(?!\w)", folded)))
               for term, n in counts.items())


def starter_folder(work: Path) -> Path:
    from pressflow.sources.scaffold import STARTER_LANGUAGES

    folder = work / "glossary"
    folder.mkdir()
    for lang in STARTER_LANGUAGES:
        shutil.copy(ROOT / "pressflow" / "data" / f"starter-glossary-{lang}-en.tsv", folder / f"{lang}-en.tsv")
    return folder


def written_terms(folder: Path) -> list[list[object]]:
    from pressflow.translate.glossary import load_glossary

    rows: list[list[object]] = []
    totals: dict[tuple[str, bool], list[int]] = {}
    for lang in dict.fromkeys(lang for lang, _, _ in SENTENCES):
        scores = {}
        for inflect in (False, True):
            glossary = load_glossary(folder, lang, "en", inflect=inflect)
            for_lang = [0, 0]
            for sentence_lang, sentence, expected in SENTENCES:
                if sentence_lang != lang:
                    continue
                targets = " | ".join(e.target for e in glossary.protect(sentence).entries)
                got = present(expected, targets)
                for_lang[0] += got
                for_lang[1] += len(expected)
                bucket = totals.setdefault((half(sentence), inflect), [0, 0])
                bucket[0] += got
                bucket[1] += len(expected)
            scores[inflect] = for_lang
        rows.append([lang, scores[True][1], f"{scores[False][0] / scores[False][1]:.2f}",
                     f"{scores[True][0] / scores[True][1]:.2f}"])
    for name in ("tuning", "reporting"):
        plain, ours = totals[(name, False)], totals[(name, True)]
        rows.append([f"{name} half", ours[1], f"{plain[0] / plain[1]:.3f}", f"{ours[0] / ours[1]:.3f}"])
    return rows


def adherence(folder: Path) -> list[list[object]]:
    import pressflow.translate.core as core
    from pressflow.translate import TranslationRequest, translate_texts
    from pressflow.translate.glossary import load_glossary

    rows: list[list[object]] = []
    totals: dict[tuple[str, bool], list[int]] = {}
    for lang in APERTIUM_LANGUAGES:
        items = [(s, e) for sentence_lang, s, e in SENTENCES if sentence_lang == lang]
        scores = {}
        for inflect in (False, True):
            # the run's own path (translate_texts), its glossary loaded plain or with the rules
            core.load_glossary = (lambda f, s, t, inflect=inflect:  # type: ignore[misc]
                                  load_glossary(f, s, t, inflect=inflect))
            results = translate_texts([TranslationRequest(f"{lang}{i}", s, lang) for i, (s, _) in enumerate(items)],
                                      "en", glossary=folder, engine="apertium")
            got = total = 0
            for (sentence, expected), result in zip(items, results, strict=True):
                n = present(expected, result.translation or "") if result.status == "ok" else 0
                got += n
                total += len(expected)
                bucket = totals.setdefault((half(sentence), inflect), [0, 0])
                bucket[0] += n
                bucket[1] += len(expected)
            scores[inflect] = (got, total)
        core.load_glossary = load_glossary
        rows.append([lang, scores[True][1], f"{scores[False][0] / scores[False][1]:.2f}",
                     f"{scores[True][0] / scores[True][1]:.2f}"])
    for name in ("tuning", "reporting"):
        plain, ours = totals[(name, False)], totals[(name, True)]
        rows.append([f"{name} half", ours[1], f"{plain[0] / plain[1]:.3f}", f"{ours[0] / ours[1]:.3f}"])
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-apertium", action="store_true", help="skip the translations")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pressflow-bench-inflection-"))
    try:
        folder = starter_folder(work)
        halves = Counter(half(s) for _, s, _ in SENTENCES)
        print(f"{len(SENTENCES)} sentences in {len({lang for lang, _, _ in SENTENCES})} languages "
              f"(tuning half {halves['tuning']}, reporting half {halves['reporting']}); "
              "glossary: the starter glossary of `pressflow init`")
        print()
        print("1. English terms the glossary writes, in the right number (no engine):")
        print(table(["language", "terms expected", "plain", "pressflow"], written_terms(folder)))
        from pressflow.translate.apertium import ApertiumEngine

        if args.no_apertium:
            return 0
        if not ApertiumEngine().modes:
            print("\nApertium not installed: adherence through an engine not measured "
                  "(scripts/setup.d/20-apertium.sh installs it)")
            return 0
        print()
        print("2. Terminology adherence through Apertium (expected English terms in the translation):")
        print(table(["language", "terms expected", "plain", "pressflow"], adherence(folder)))
        print()
        print("3. benchmarks/translate.py's adherence (its sentences, the project glossary):")
        import translate as translate_benchmark

        import pressflow.translate.core as core
        import pressflow.translate.glossary as glossary_module

        original = glossary_module.load_glossary
        for inflect in (False, True):
            def patched(f: Path | None, s: str, t: str, *, inflect: bool = inflect) -> object:
                return original(f, s, t, inflect=inflect)
            core.load_glossary = glossary_module.load_glossary = patched  # type: ignore[assignment]
            sub = work / ("plain" if not inflect else "rules")
            sub.mkdir()
            print("plain (inflect=False):" if not inflect else "pressflow (the rules):")
            print(table(["language", "sentences", "terms required", "present", "status", "adherence"],
                        translate_benchmark.adherence(sub)))
        core.load_glossary = glossary_module.load_glossary = original
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
