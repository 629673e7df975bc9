"""Article extraction quality: pressflow's pipeline against plain trafilatura, same pages.

Reads the evaluation set in tests/data/extraction/ (cases.json + pages/), runs

- ``pressflow``: :func:`pressflow.extract.extract_page` on the page decoded by
  :func:`pressflow.encoding.decode_bytes` (what a run does), and
- ``trafilatura``: ``trafilatura.bare_extraction`` with its defaults on the raw bytes (the
  baseline the issue asks for),

and prints, per system: text precision, recall and F1 over the snippets (a must-contain
snippet found is a true positive, one missed a false negative; a must-not-contain snippet
found is a false positive), date accuracy (same calendar day in UTC, or both "no date"),
pages whose text failed, and seconds per page (as a ratio to the baseline).

    .venv/bin/python benchmarks/extraction.py            # summary
    .venv/bin/python benchmarks/extraction.py --details  # every miss, per page
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SET = ROOT / "tests" / "data" / "extraction"
sys.path.insert(0, str(ROOT))


def _norm(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split()).casefold()


def run_pressflow(raw: bytes, url: str) -> tuple[str, date | None]:
    from pressflow.crawl.encoding import decode_bytes
    from pressflow.crawl.extract import extract_page

    page = extract_page(decode_bytes(raw)[0], url)
    return page.text, page.published.date() if page.published else None


def run_trafilatura(raw: bytes, url: str) -> tuple[str, date | None]:
    import trafilatura

    doc = trafilatura.bare_extraction(raw, url=url, with_metadata=True)
    if doc is None:
        return "", None
    found = None
    if doc.date:
        found = datetime.fromisoformat(doc.date).date()
    return doc.text or "", found


def evaluate(system: Callable[[bytes, str], tuple[str, date | None]],
             cases: list[dict[str, Any]], details: bool) -> dict[str, float]:
    tp = fn = fp = 0
    dates_ok = failures = 0
    per_lang: Counter[str] = Counter()
    started = time.perf_counter()
    for case in cases:
        raw = (SET / case["file"]).read_bytes()
        try:
            text, found = system(raw, case["url"])
        except Exception as exc:  # a failed page counts as all snippets missed
            text, found = "", None
            failures += 1
            if details:
                print(f"  FAIL {case['file']}: {type(exc).__name__}: {exc}")
        body = _norm(text)
        missed = [s for s in case["must_contain"] if _norm(s) not in body]
        leaked = [s for s in case["must_not_contain"] if _norm(s) in body]
        tp += len(case["must_contain"]) - len(missed)
        fn += len(missed)
        fp += len(leaked)
        truth = date.fromisoformat(case["date"]) if case["date"] else None
        if found == truth:
            dates_ok += 1
            per_lang[case["lang"]] += 1
        if details and (missed or leaked or found != truth):
            print(f"  {case['file']} [{case['style']}]: missed={missed} leaked={leaked} "
                  f"date={found} truth={truth}")
    seconds = time.perf_counter() - started
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1,
            "date_accuracy": dates_ok / len(cases), "failures": failures,
            "seconds_per_page": seconds / len(cases)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="print every miss")
    args = parser.parse_args()
    cases = json.loads((SET / "cases.json").read_text(encoding="utf-8"))
    langs = Counter(c["lang"] for c in cases)
    styles = Counter(c["style"] for c in cases)
    print(f"evaluation set: {len(cases)} pages, {len(langs)} languages "
          f"({', '.join(f'{k} {v}' for k, v in sorted(langs.items()))}), {len(styles)} page styles")
    run_pressflow(b"<html><body><p>warm up</p></body></html>", "https://x.org/")  # imports
    results = {}
    for name, system in (("trafilatura (defaults)", run_trafilatura), ("pressflow", run_pressflow)):
        if args.details:
            print(f"{name}:")
        results[name] = evaluate(system, cases, args.details)
    base = results["trafilatura (defaults)"]["seconds_per_page"] or 1e-9
    print(f"{'system':<24}{'precision':>10}{'recall':>8}{'F1':>7}{'date acc.':>11}"
          f"{'failed':>8}{'s/page':>9}{'x base':>8}")
    for name, r in results.items():
        print(f"{name:<24}{r['precision']:>10.3f}{r['recall']:>8.3f}{r['f1']:>7.3f}"
              f"{r['date_accuracy']:>11.3f}{r['failures']:>8}{r['seconds_per_page']:>9.4f}"
              f"{r['seconds_per_page'] / base:>8.2f}")
    print(f"checked at {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; goal: F1 >= 0.92, "
          "date accuracy >= 0.90, and at least the baseline")


if __name__ == "__main__":
    main()
