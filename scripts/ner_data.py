"""More NER training data for ``xx_pressflow_ner``: sources outside ``shared/eval`` whose
licence allows training and shipping a model, read into (lang, text, spans) examples, with
every sentence that resembles a reported benchmark sentence removed.

Used by ``scripts/train_ner.py --extra-dir DIR``. ``DIR`` holds the files of ``EXTRA_SOURCES``
under the names given there, each taken unchanged from its repository at the named commit:

    git --git-dir <clone of REPO> show COMMIT:PATH > DIR/FILE

Run alone to see what each source gives and what the overlap check removes:

    python scripts/ner_data.py --extra-dir ../shared/ner-train
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import ner_sets  # noqa: E402

Span = tuple[int, int, str]
Example = tuple[str, str, list[Span]]  # (lang, text, spans)

# Tags kept, by their type after B-/I-; everything else (GermEval's OTH, *deriv, *part;
# WikiNER's MISC) is outside any entity.
TAG_FOLD = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}


@dataclass(frozen=True)
class ExtraSource:
    """One training file: where it comes from, its licence, how to read it, how much to use."""

    file: str
    repo: str
    path: str
    commit: str
    lang: str
    licence: str
    corpus: str
    reader: str  # "conll": blank line between sentences; "stream": no sentence breaks
    limit: int  # at most this many sentences (chosen by a hash of the text)
    tagset: str = "conll"  # "conll": PER/ORG/LOC; "kpwr": KPWr's nam_liv_person, nam_org_*, nam_loc_*


_LINSPECTOR = ("UKPLab/linspector", "46a7cca6ad34dc673feb47c4d452f1248d5e635b")
_EUROPEANA = ("EuropeanaNewspapers/ner-corpora", "6bf838d23112c255fd81431b1187ab30ef6c2d90")
_GERMEVAL = "GermEval 2014 NER (Benikova et al. 2014), converted by UKPLab/linspector"
_WIKINER_RU = "WikiNER Russian (Nothman et al. 2013), downsampled by UKPLab/linspector"
EXTRA_SOURCES = [
    ExtraSource("germeval2014-dev.linspector.txt", _LINSPECTOR[0], "extrinsic/data/ner/de/dev.txt",
                _LINSPECTOR[1], "de", "CC BY 4.0", _GERMEVAL + ", dev split", "conll", 20000),
    ExtraSource("germeval2014-test.linspector.txt", _LINSPECTOR[0], "extrinsic/data/ner/de/test.txt",
                _LINSPECTOR[1], "de", "CC BY 4.0", _GERMEVAL + ", test split", "conll", 20000),
    ExtraSource("wikiner-ru-train.linspector.txt", _LINSPECTOR[0], "extrinsic/data/ner/ru/train.txt",
                _LINSPECTOR[1], "ru", "CC BY 4.0", _WIKINER_RU, "conll", 6000),
    ExtraSource("wikiner-ru-dev.linspector.txt", _LINSPECTOR[0], "extrinsic/data/ner/ru/dev.txt",
                _LINSPECTOR[1], "ru", "CC BY 4.0", _WIKINER_RU, "conll", 2000),
    ExtraSource("enp_NL.kb.bio", _EUROPEANA[0], "enp_NL.kb.bio/enp_NL.kb.bio", _EUROPEANA[1], "nl",
                "CC0 1.0", "Europeana Newspapers NER, Dutch (KB historic newspapers, OCR)", "stream", 20000),
]

_POLDEEPNER = ("CLARIN-PL/PolDeepNer", "1cb82101c4dffc38c1dc1fef290f640cf46109fe")
EXTRA_SOURCES.append(
    ExtraSource("kpwr-ner-n82-test.iob", _POLDEEPNER[0], "poldeepner/data/kpwr-ner-n82-test.iob", _POLDEEPNER[1],
                "pl", "CC BY 3.0", "KPWr NER (Broda et al. 2012), n82 test file of CLARIN-PL/PolDeepNer", "conll",
                20000, "kpwr"))


def fold_tag(tag: str, tagset: str) -> str:
    """A source's tag as B-/I- plus PERSON, ORG or LOC, or "O". KPWr: people (nam_liv_person),
    organisations (nam_org_*, but not nam_org_nation: peoples), places (nam_loc_*)."""
    if tag[:2] not in {"B-", "I-"}:
        return "O"
    kind = tag[2:]
    if tagset == "kpwr":
        if kind == "nam_liv_person":
            label = "PERSON"
        elif kind.startswith("nam_org_") and kind != "nam_org_nation":
            label = "ORG"
        elif kind.startswith("nam_loc_"):
            label = "LOC"
        else:
            return "O"
    else:
        folded = TAG_FOLD.get(kind)
        if folded is None:
            return "O"
        label = folded
    return tag[:2] + label


_NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", ")", "]", "}", "%", "»"}
_NO_SPACE_AFTER = {"(", "[", "{", "«", "„"}
_EDGE_PUNCT = ".,;:!?()[]{}\"'«»„“”‘’"
_STREAM_MAX_TOKENS = 50


def _tokens_to_example(tokens: list[tuple[str, str]]) -> tuple[str, list[Span]] | None:
    """Join tokens into text (no space before closing punctuation) and decode IOB1/IOB2 tags
    leniently; span edges lose punctuation glued to a word by OCR ("Amsterdam,")."""
    text = ""
    spans: list[Span] = []
    open_span: list[int | str] | None = None
    prev = ""
    for word, tag in tokens:
        if text and word not in _NO_SPACE_BEFORE and prev not in _NO_SPACE_AFTER:
            text += " "
        start = len(text)
        text += word
        prev = word
        kind = tag[2:] if tag[:2] in {"B-", "I-"} else None
        if open_span and (kind is None or tag.startswith("B-") or kind != open_span[2]):
            spans.append((int(open_span[0]), int(open_span[1]), str(open_span[2])))
            open_span = None
        if kind is not None:
            if open_span is None:
                open_span = [start, len(text), kind]
            else:
                open_span[1] = len(text)
    if open_span:
        spans.append((int(open_span[0]), int(open_span[1]), str(open_span[2])))
    trimmed = []
    for start, end, label in spans:
        while start < end and text[start] in _EDGE_PUNCT:
            start += 1
        while end > start and text[end - 1] in _EDGE_PUNCT:
            end -= 1
        if end > start:
            trimmed.append((start, end, label))
    if not text.strip():
        return None
    return text, trimmed


def read_conll(path: Path, tagset: str = "conll") -> Iterator[tuple[str, list[Span]]]:
    """Sentences of a column file (token first, tag last, a blank line between sentences)."""
    tokens: list[tuple[str, str]] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.split()
            if not cols or cols[0].startswith("-DOCSTART"):
                if tokens:
                    example = _tokens_to_example(tokens)
                    if example:
                        yield example
                tokens = []
            elif len(cols) >= 2:
                tokens.append((cols[0], fold_tag(cols[-1], tagset)))
    if tokens:
        example = _tokens_to_example(tokens)
        if example:
            yield example


def read_stream(path: Path, tagset: str = "conll") -> Iterator[tuple[str, list[Span]]]:
    """Pseudo-sentences of a token stream with no sentence breaks (Europeana): cut after a token
    ending a sentence, or at 50 tokens outside an entity."""
    tokens: list[tuple[str, str]] = []

    def cut() -> Iterator[tuple[str, list[Span]]]:
        if len(tokens) >= 5:
            example = _tokens_to_example(tokens)
            if example:
                yield example

    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.split()
            if len(cols) < 2:
                continue
            word, tag = cols[0], fold_tag(cols[-1].upper(), tagset)
            tokens.append((word, tag))
            ends_sentence = word[-1] in ".!?" and len(word) > 2 or word in {".", "!", "?"}
            if tag == "O" and (ends_sentence or len(tokens) >= _STREAM_MAX_TOKENS):
                yield from cut()
                tokens = []
    yield from cut()


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _shingles(words: list[str], n: int = 5) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


class ReportedIndex:
    """Every sentence a benchmark reports (all evaluate-only sets, test splits, the reported PUD
    half), to drop training sentences that are the same text or share a passage with one.
    WikiANN and WikiNER both come from Wikipedia, so the same sentence can be in both."""

    def __init__(self, eval_dir: Path | None) -> None:
        self.whole: set[tuple[str, ...]] = set()
        self.shingles: set[tuple[str, ...]] = set()
        for r in ner_sets.records(eval_dir):
            if ner_sets.reported(r):
                words = _words(r["text"])
                self.whole.add(tuple(words))
                self.shingles |= _shingles(words)

    def overlaps(self, text: str) -> bool:
        """Same words as a reported sentence, or 3+ shared five-word passages (7+ words in a row),
        or, for a sentence of 5-7 words, any shared five-word passage."""
        words = _words(text)
        if tuple(words) in self.whole:
            return True
        own = _shingles(words)
        shared = len(own & self.shingles)
        return shared >= min(3, len(own)) and shared > 0


def _rank(text: str) -> bytes:
    return hashlib.sha1(text.encode("utf-8")).digest()


def read_source(source: ExtraSource, extra_dir: Path) -> list[tuple[str, list[Span]]]:
    path = extra_dir / source.file
    if not path.exists():
        sys.exit(f"{path}: missing; take it from {source.repo} at {source.commit} "
                 f"({source.path}), see scripts/ner_data.py")
    reader = read_conll if source.reader == "conll" else read_stream
    return list(reader(path, source.tagset))


def collect_extra(extra_dir: Path, index: ReportedIndex, report: dict[str, Counter[str]] | None = None,
                  skip: frozenset[str] = frozenset()) -> list[Example]:
    """The sentences of every ``EXTRA_SOURCES`` file: those overlapping a reported sentence
    dropped, repeats dropped, then at most ``limit`` per file, chosen by a hash of the text."""
    out: list[Example] = []
    seen: set[str] = set()
    for source in EXTRA_SOURCES:
        if source.file in skip:
            continue
        counts: Counter[str] = Counter()
        kept = []
        for text, spans in read_source(source, extra_dir):
            counts["read"] += 1
            if text in seen:
                counts["repeat"] += 1
                continue
            seen.add(text)
            if index.overlaps(text):
                counts["overlap with a reported sentence"] += 1
                continue
            kept.append((text, spans))
        kept.sort(key=lambda example: _rank(example[0]))
        kept = kept[:source.limit]
        counts["used"] = len(kept)
        out.extend((source.lang, text, spans) for text, spans in kept)
        if report is not None:
            report[source.file] = counts
    return out


def filter_overlapping(examples: list[Example], index: ReportedIndex) -> tuple[list[Example], int]:
    """The examples that share no text with a reported sentence, and how many were dropped."""
    kept = [e for e in examples if not index.overlaps(e[1])]
    return kept, len(examples) - len(kept)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=None)
    parser.add_argument("--extra-dir", type=Path, required=True)
    args = parser.parse_args()
    index = ReportedIndex(args.eval_dir)
    report: dict[str, Counter[str]] = {}
    examples = collect_extra(args.extra_dir, index, report)
    for name, counts in report.items():
        print(f"{name:40s} {dict(counts)}")
    labels = Counter(label for _lang, _text, spans in examples for _s, _e, label in spans)
    print(f"{len(examples)} sentences, spans {dict(labels)}")


if __name__ == "__main__":
    main()
