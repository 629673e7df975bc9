"""`pressflow glossary check`: what a glossary lacks for the languages of the sources.

A glossary is only as good as its weakest language: a partner writing in Polish gets
"The council of the city" where the French partner gets "City Council" when pl-en.tsv lacks
the term. This check reads every file of the folder (listing every malformed line with its
file and line, not only the first), then, for each language the configured sources write
in, names the local-government concepts of the starter glossary (``pressflow init``) that
have no term in that language, and the concepts whose English term differs from one
language to another (``Bürgermeister`` -> "Lord Mayor" while ``maire`` -> "mayor": the
feed would name one office two ways).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from pressflow.errors import GlossaryError
from pressflow.sources.scaffold import STARTER_CONCEPTS, STARTER_LANGUAGES
from pressflow.text.fold import fold_key
from pressflow.translate.glossary import Entry, Glossary, lint_tsv, read_keep
from pressflow.translate.inflect import english_plural

FILE_NAME = re.compile(r"([a-z]{2,3})-([a-z]{2,3})")


@dataclass(frozen=True)
class LanguageGaps:
    """One language of the sources: its glossary file and the starter concepts it lacks."""

    lang: str
    file: str
    exists: bool
    missing: tuple[str, ...]
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class TermUse:
    """Where a glossary writes one concept: ``fr-en.tsv:12 maire -> mayor``."""

    where: str
    source: str
    target: str


@dataclass(frozen=True)
class DifferingTarget:
    """A starter concept written with different English terms in different languages."""

    concept: str
    uses: tuple[TermUse, ...]


@dataclass
class GlossaryReport:
    folder: Path
    target: str
    terms: dict[str, int] = field(default_factory=dict)  # file name -> number of terms
    errors: list[GlossaryError] = field(default_factory=list)
    languages: list[LanguageGaps] = field(default_factory=list)
    differing: list[DifferingTarget] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """2: a file cannot be used as it is; 1: something lacks or differs; 0: complete."""
        if self.errors:
            return 2
        if any(g.missing or not g.exists for g in self.languages) or self.differing:
            return 1
        return 0


def _same_term(a: str, b: str) -> bool:
    """Whether two English terms are one (case, accents and number aside)."""
    a, b = fold_key(a), fold_key(b)
    return a == b or english_plural(a) == b or a == english_plural(b)


def _starter_glossaries() -> dict[str, Glossary]:
    """The starter glossary of each language, its concept terms only: to recognise a user's
    term as one of the concepts in any of its forms (``Bürgermeisterin``, ``consiliul local``)."""
    out: dict[str, Glossary] = {}
    data = resources.files("pressflow.data")
    for lang in STARTER_LANGUAGES:
        entries = []
        for number, line in enumerate(data.joinpath(f"starter-glossary-{lang}-en.tsv").read_text("utf-8")
                                      .splitlines(), 1):
            cols = line.split("\t")
            if len(cols) >= 2 and not line.startswith("#") and cols[1] in STARTER_CONCEPTS:
                options = tuple(o for o in (cols[3] if len(cols) > 3 else "").split(",") if o)
                entries.append(Entry(cols[0], cols[1], options=options, line=number))
        out[lang] = Glossary(lang, "en", entries)
    return out


def _concept_of(entry: Entry, lang: str, starter: dict[str, Glossary]) -> str | None:
    """The starter concept an entry names: by its English term, or by its source term being
    (a form of) one the starter glossary gives for a concept; then its English term may differ."""
    for concept in STARTER_CONCEPTS:
        if _same_term(entry.target, concept):
            return concept
    glossary = starter.get(lang)
    if glossary is not None:
        found = glossary.find(entry.source)
        if len(found) == 1 and found[0].start == 0 and found[0].end == len(entry.source):
            return found[0].entry.target
    return None


def check_glossary(folder: Path, languages: Mapping[str, Iterable[str]], target: str = "en") -> GlossaryReport:
    """Read every file of ``folder``; for each of ``languages`` (language -> the sources
    writing in it), the starter concepts its ``LANG-TARGET.tsv`` lacks; and the concepts
    whose English term differs across the folder's files."""
    report = GlossaryReport(folder, target)
    by_lang: dict[str, list[Entry]] = {}
    for path in sorted(folder.glob("*.tsv")):
        m = FILE_NAME.fullmatch(path.stem)
        if not m:
            report.errors.append(GlossaryError("a glossary file is named SRC-TGT.tsv (for example fr-en.tsv)",
                                               path=str(path)))
            continue
        entries, errors = lint_tsv(path)
        report.errors.extend(errors)
        report.terms[path.name] = len(entries)
        if m.group(2) == target:
            by_lang[m.group(1)] = entries
    keep = folder / "keep.txt"
    if keep.is_file():
        try:
            report.terms["keep.txt"] = len(read_keep(keep))
        except GlossaryError as exc:
            report.errors.append(exc)

    starter = _starter_glossaries()
    for lang in sorted(languages):
        if lang == target:
            continue
        found = by_lang.get(lang)
        covered = {_concept_of(e, lang, starter) for e in found or []}
        # the concepts are English terms: into another target, only the file is looked for
        missing = tuple(c for c in STARTER_CONCEPTS if c not in covered) if target == "en" else ()
        report.languages.append(LanguageGaps(lang, f"{lang}-{target}.tsv", found is not None, missing,
                                             tuple(sorted(languages[lang]))))

    for concept in STARTER_CONCEPTS:
        uses = [TermUse(f"{Path(e.path).name}:{e.line}", e.source, e.target)
                for lang, entries in sorted(by_lang.items()) for e in entries
                if _concept_of(e, lang, starter) == concept]
        distinct: list[str] = []
        for use in uses:
            if not any(_same_term(use.target, d) for d in distinct):
                distinct.append(use.target)
        if len(distinct) > 1:
            report.differing.append(DifferingTarget(concept, tuple(uses)))
    return report


def format_report(report: GlossaryReport) -> list[str]:
    """The report as the lines `pressflow glossary check` prints."""
    lines = [f"{report.folder / name}: {n} term(s)" for name, n in report.terms.items()]
    if not report.terms:
        lines.append(f"{report.folder}: no glossary files (SRC-{report.target}.tsv, keep.txt)")
    if report.languages:
        lines.append(f"Languages of the sources ({len(STARTER_CONCEPTS)} local-government concepts "
                     "of the starter glossary each):" if report.target == "en" else
                     f"Languages of the sources (a glossary file into {report.target} each):")
    for gaps in report.languages:
        names = f"   [{', '.join(gaps.sources)}]" if gaps.sources else ""
        if not gaps.exists:
            lines.append(f"  {gaps.lang:<4} no {gaps.file}: no term is enforced for {gaps.lang}; "
                         f"`pressflow init` writes starter files, `pressflow glossary import` adds "
                         f"a TBX or CSV list{names}")
        elif gaps.missing:
            lines.append(f"  {gaps.lang:<4} {gaps.file} lacks {len(gaps.missing)}: "
                         f"{', '.join(gaps.missing)}{names}")
        elif report.target == "en":
            lines.append(f"  {gaps.lang:<4} {gaps.file}: every concept has a term{names}")
        else:  # the starter concepts are English terms: nothing to compare into another target
            lines.append(f"  {gaps.lang:<4} {gaps.file}: present{names}")
    if report.differing:
        lines.append("Concepts written with different English terms:")
        for d in report.differing:
            groups: list[list[TermUse]] = []
            for use in d.uses:
                group = next((g for g in groups if _same_term(g[0].target, use.target)), None)
                if group is None:
                    groups.append([use])
                else:
                    group.append(use)
            parts = []
            for group in sorted(groups, key=len):  # the odd ones out first
                if len(group) <= 3:
                    where = ", ".join(f"{u.where} {u.source}" for u in group)
                else:
                    files = sorted({u.where.split("-")[0] for u in group})
                    where = f"{len(group)} terms in {', '.join(files)}"
                parts.append(f"{group[0].target!r} ({where})")
            lines.append(f"  {d.concept}: {'; '.join(parts)}")
    if report.errors:
        lines.append(f"Malformed ({len(report.errors)}):")
        lines.extend(f"  {e}" for e in report.errors)
    return lines
