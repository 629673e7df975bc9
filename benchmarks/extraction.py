"""Article extraction quality: pressflow against plain trafilatura (and htmldate), same pages, same run.

Two kinds of material:

- the public corpora in ``../shared/eval/extraction/`` (377 article pages with gold text from
  four independent projects: article-extraction-benchmark ``aeb``, ``readability``, ``goose3``,
  ``newspaper4k``), split into a tuning half and a reporting half by a hash of each record's
  id (``--half``; thresholds are tuned on ``tuning`` only, figures are quoted on ``reporting``);
- pressflow's own set in ``tests/data/extraction/`` (36 pages, must-contain / must-not-contain
  snippets and true dates), printed as one more row.

pressflow is measured through :func:`pressflow.crawl.stage.read_document`, the code ``pressflow
run`` and ``pressflow extract`` read a fetched page with (article or listing decision included;
a listing's stories count with their teasers, as nothing is fetched here). The baselines are
``trafilatura.extract`` with its defaults and ``htmldate.find_date`` (``original_date=True``:
the publication date, not the last change) on the raw bytes.

Scores per page: token F1 against the gold text (bag of tokens, case-folded; CJK, Thai and
Myanmar characters count one token each). goose3's gold is only the beginning of the article,
so its pages score the recall of that prefix instead (precision cannot be judged). Counted too:
pages pressflow split into several "stories" (an article taken for a listing), pages whose text
is mostly not the article ("off-text": precision < 0.5, or prefix recall < 0.5 for goose3:
menus, a media player's labels), and pages where pressflow loses more than 0.3 to trafilatura.
The public pages carry no gold dates: date accuracy is measured on the own set only; on the
public pages the run prints how many pages each of pressflow and htmldate dates, and on how
many they agree (pressflow's date is the UTC day, htmldate's the page's local day).

    .venv/bin/python benchmarks/extraction.py                    # reporting half + own set
    .venv/bin/python benchmarks/extraction.py --half tuning --details
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SET = ROOT / "tests" / "data" / "extraction"
PUBLIC = Path("/work/shared/eval/extraction")
CORPORA = ("aeb", "readability", "goose3", "newspaper4k")
sys.path.insert(0, str(ROOT))

_TOKEN = re.compile(r"[\u0e00-\u0e7f\u1000-\u109f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]"
                    r"|[^\W_]+", re.UNICODE)


def half_of(record_id: str) -> str:
    """``tuning`` or ``reporting``, fixed by the id's hash (the same split on every machine)."""
    return "tuning" if hashlib.sha256(record_id.encode("utf-8")).digest()[0] % 2 == 0 else "reporting"


def tokens(text: str) -> Counter[str]:
    return Counter(_TOKEN.findall(text.casefold()))


def overlap(found: str, gold: str) -> tuple[float, float]:
    """(precision, recall) of the found text's tokens against the gold's."""
    got, want = tokens(found), tokens(gold)
    common = sum((got & want).values())
    precision = common / sum(got.values()) if got else 0.0
    recall = common / sum(want.values()) if want else 0.0
    return precision, recall


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass
class Output:
    text: str
    stories: int  # how many articles came out of the page (more than one: read as a listing)
    published: date | None = None
    failed: bool = False


def run_pressflow(raw: bytes, url: str | None) -> Output:
    from pressflow.crawl.stage import read_document
    from pressflow.errors import PressflowError
    from pressflow.records import FetchResult, Source

    address = url or "https://example.invalid/page.html"
    result = FetchResult(url=address, status_code=200, content=raw,
                         headers={"content-type": "text/html"})
    try:
        articles = read_document(result, Source(name="benchmark", url=address, kind="page"))
    except PressflowError:
        return Output("", 0, failed=True)
    text = "\n\n".join(a.text for a in articles)
    published = articles[0].published.date() if len(articles) == 1 and articles[0].published else None
    return Output(text, len(articles), published)


def run_trafilatura(raw: bytes, url: str | None) -> Output:
    import trafilatura

    text = trafilatura.extract(raw, url=url)
    return Output(text or "", 1, failed=not text)


def htmldate_of(raw: bytes, url: str | None) -> date | None:
    from htmldate import find_date

    found = find_date(raw, url=url, original_date=True)
    return date.fromisoformat(found) if found else None


@dataclass
class Score:
    value: float  # F1, or prefix recall for prefix golds
    precision: float | None
    off_text: bool


def score(out: Output, gold: str, prefix: bool) -> Score:
    precision, recall = overlap(out.text, gold)
    if prefix:
        return Score(recall, None, recall < 0.5)
    return Score(f1(precision, recall), precision, precision < 0.5)


def load_public(half: str) -> list[dict[str, Any]]:
    with open(PUBLIC / "extraction.jsonl", encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    return [r for r in records if half == "all" or half_of(r["id"]) == half]


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def public_table(records: list[dict[str, Any]], details: bool, limit: int | None) -> None:
    rows: dict[str, dict[str, list[Any]]] = {}
    seconds = {"trafilatura": 0.0, "pressflow": 0.0}
    for corpus in CORPORA:
        chosen = [r for r in records if r["id"].split(":")[0] == corpus][:limit]
        stats: dict[str, list[Any]] = {k: [] for k in ("t", "p", "tp", "pp", "split", "t_off", "p_off",
                                                       "worse", "failed", "dated")}
        for record in chosen:
            raw = gzip.open(PUBLIC / record["file"]).read()
            prefix = record["gold"] == "prefix"
            started = time.perf_counter()
            base = run_trafilatura(raw, record["url"])
            seconds["trafilatura"] += time.perf_counter() - started
            started = time.perf_counter()
            ours = run_pressflow(raw, record["url"])
            seconds["pressflow"] += time.perf_counter() - started
            t, p = score(base, record["text"], prefix), score(ours, record["text"], prefix)
            stats["t"].append(t.value)
            stats["p"].append(p.value)
            if not prefix:
                stats["tp"].append(t.precision)
                stats["pp"].append(p.precision)
            stats["split"].append(ours.stories > 1)
            stats["t_off"].append(t.off_text)
            stats["p_off"].append(p.off_text)
            stats["worse"].append(p.value < t.value - 0.3)
            stats["failed"].append(ours.failed)
            theirs = htmldate_of(raw, record["url"])
            stats["dated"].append((ours.published is not None, theirs is not None,
                                   ours.published is not None and ours.published == theirs))
            if details and (p.value < t.value - 0.02 or ours.stories > 1 or p.off_text):
                print(f"  {record['id']}: trafilatura {t.value:.3f} pressflow {p.value:.3f} "
                      f"stories={ours.stories} off={p.off_text} len t/p/gold="
                      f"{len(base.text)}/{len(ours.text)}/{len(record['text'])}")
        rows[corpus] = stats
    overall = {k: [v for s in rows.values() for v in s[k]] for k in rows[CORPORA[0]]}
    rows["overall"] = overall
    print(f"{'corpus':<13}{'pages':>6}{'F1 trafil.':>11}{'F1 pressf.':>11}{'P trafil.':>10}{'P pressf.':>10}"
          f"{'split':>6}{'off t/p':>8}{'lost>.3':>8}{'failed':>7}")
    for name, s in rows.items():
        off = f"{sum(s['t_off'])}/{sum(s['p_off'])}"
        label = f"{name}*" if name == "goose3" else name
        print(f"{label:<13}{len(s['t']):>6}{_mean(s['t']):>11.3f}{_mean(s['p']):>11.3f}"
              f"{_mean(s['tp']):>10.3f}{_mean(s['pp']):>10.3f}{sum(s['split']):>6}{off:>8}"
              f"{sum(s['worse']):>8}{sum(s['failed']):>7}")
    dated = overall["dated"]
    print(f"dates (no gold here): pages dated by pressflow {sum(d[0] for d in dated)}, by htmldate "
          f"{sum(d[1] for d in dated)}, same day (pressflow in UTC) {sum(d[2] for d in dated)}")
    n = max(1, len(overall["t"]))
    print(f"* goose3 gold is a prefix: its F1 columns are the recall of that prefix (overall mixes both). "
          f"s/page: trafilatura {seconds['trafilatura'] / n:.3f}, pressflow {seconds['pressflow'] / n:.3f}")


def _norm(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split()).casefold()


def own_set_row(details: bool) -> None:
    """pressflow's own 36 pages: snippet F1 and date accuracy, pressflow vs trafilatura/htmldate."""
    cases = json.loads((SET / "cases.json").read_text(encoding="utf-8"))
    systems: dict[str, Callable[[bytes, str], Output]] = {"trafilatura": run_trafilatura,
                                                          "pressflow": run_pressflow}
    figures: dict[str, tuple[float, float]] = {}
    for name, system in systems.items():
        tp = fn = fp = dates_ok = 0
        for case in cases:
            raw = (SET / case["file"]).read_bytes()
            out = system(raw, case["url"])
            body = _norm(out.text)
            missed = [s for s in case["must_contain"] if _norm(s) not in body]
            leaked = [s for s in case["must_not_contain"] if _norm(s) in body]
            tp += len(case["must_contain"]) - len(missed)
            fn += len(missed)
            fp += len(leaked)
            truth = date.fromisoformat(case["date"]) if case["date"] else None
            found = out.published if name == "pressflow" else htmldate_of(raw, case["url"])
            dates_ok += found == truth
            if details and (missed or leaked or found != truth):
                print(f"  {name} {case['file']}: missed={missed} leaked={leaked} date={found} truth={truth}")
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        figures[name] = (f1(precision, recall), dates_ok / len(cases))
    t, p = figures["trafilatura"], figures["pressflow"]
    print(f"own set (tests/data/extraction, {len(cases)} pages, snippet F1): trafilatura {t[0]:.3f}, "
          f"pressflow {p[0]:.3f}; date accuracy: htmldate {t[1]:.3f}, pressflow {p[1]:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("reporting", "tuning", "all"), default="reporting",
                        help="which hash half of the public pages (default: reporting)")
    parser.add_argument("--limit", type=int, default=None, help="at most N pages per corpus")
    parser.add_argument("--details", action="store_true", help="print every page pressflow loses on")
    parser.add_argument("--no-own", action="store_true", help="skip the own set's row")
    args = parser.parse_args()
    run_pressflow(b"<html><body><p>warm up</p></body></html>", "https://x.org/")  # imports
    records = load_public(args.half)
    counts = Counter(r["id"].split(":")[0] for r in records)
    print(f"public pages, {args.half} half: {len(records)} ("
          + ", ".join(f"{c} {counts[c]}" for c in CORPORA) + ")")
    public_table(records, args.details, args.limit)
    if not args.no_own:
        own_set_row(args.details)
    print(f"checked at {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")


if __name__ == "__main__":
    main()
