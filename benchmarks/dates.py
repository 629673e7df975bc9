"""Publication dates: pressflow against plain htmldate on public pages with gold dates, same run.

The gold dates are the ones the upstream projects of the extraction corpora test their own
date readers with. Nothing is copied into this repository: the pages and their expected
dates are read straight from local clones (``git show HEAD:<path>``, evaluate only):

- goose3 (``goose3/goose3``): every ``tests/data/**/*.json`` whose ``expected`` has a
  ``publish_date``, with the ``.html`` beside it;
- newspaper4k (``AndyTheFactory/newspaper4k``): ``tests/data/metadata/<name>.json`` with a
  ``publish_date``, the page in ``tests/data/html/<name>.html``, its ``url`` from the json;
- readability (``mozilla/readability``): ``test/test-pages/*/expected-metadata.json`` with a
  ``publishedTime``, the page in ``source.html`` (no address).

A page counts as right when the calendar day matches the gold's day as the gold writes it
(in the gold's own offset). pressflow is :func:`pressflow.crawl.extract.page_published` (what
:func:`~pressflow.crawl.extract.extract_page` dates a page with, on the page's declared
language); its date is taken in the offset the page wrote. htmldate
is ``htmldate.find_date(html, url=url, original_date=True)`` (the publication date, not the
last change) with its other defaults. The pages are few (about 60) and nothing here was
tuned on them per page. ``--half`` keeps the tuning or the reporting half of the pages, split by
a hash of ``corpus/name`` (the same rule as ``extraction.py``); the default is every page.
``--details`` lists the misses.

    .venv/bin/python benchmarks/dates.py [--half reporting] [--details] [--mirrors DIR]

``--mirrors`` is the folder holding the clones as ``<owner>+<name>/repo`` (the default is
where the ``fetch`` tool of the development machines puts them: ``/work/.mirror``).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from dateutil import parser as dateutil_parser

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from extraction import half_of  # noqa: E402

REPOS = {"goose3": "goose3+goose3", "newspaper4k": "AndyTheFactory+newspaper4k",
         "readability": "mozilla+readability"}


@dataclass(frozen=True)
class Case:
    corpus: str
    name: str
    html: str
    url: str | None
    gold: date


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "--git-dir", str(repo), *args], check=True, capture_output=True,
                          text=True, encoding="utf-8", errors="replace").stdout


def _files(repo: Path, under: str) -> list[str]:
    return _git(repo, "ls-tree", "-r", "--name-only", "HEAD", under).splitlines()


def gold_day(value: str) -> date:
    """The calendar day a gold date names, as written (its own offset, not UTC)."""
    return dateutil_parser.parse(value, ignoretz=True).date()


def goose3_cases(repo: Path) -> Iterator[Case]:
    files = set(_files(repo, "tests/data"))
    for path in sorted(p for p in files if p.endswith(".json")):
        expected = json.loads(_git(repo, "show", f"HEAD:{path}"))
        gold = (expected.get("expected") or {}).get("publish_date")
        page = path.removesuffix(".json") + ".html"
        if gold and page in files:
            yield Case("goose3", Path(path).stem, _git(repo, "show", f"HEAD:{page}"),
                       expected.get("url"), gold_day(gold))


def newspaper4k_cases(repo: Path) -> Iterator[Case]:
    for path in _files(repo, "tests/data/metadata"):
        meta = json.loads(_git(repo, "show", f"HEAD:{path}"))
        name = Path(path).stem
        if meta.get("publish_date"):
            yield Case("newspaper4k", name, _git(repo, "show", f"HEAD:tests/data/html/{name}.html"),
                       meta.get("url"), gold_day(meta["publish_date"]))


def readability_cases(repo: Path) -> Iterator[Case]:
    for path in _files(repo, "test/test-pages"):
        if not path.endswith("/expected-metadata.json"):
            continue
        meta = json.loads(_git(repo, "show", f"HEAD:{path}"))
        folder = path.rsplit("/", 1)[0]
        if meta.get("publishedTime"):
            yield Case("readability", folder.rsplit("/", 1)[1], _git(repo, "show", f"HEAD:{folder}/source.html"),
                       None, gold_day(meta["publishedTime"]))


def pressflow_day(case: Case) -> date | None:
    from bs4 import BeautifulSoup

    from pressflow.crawl.extract import declared_lang, page_published

    soup = BeautifulSoup(case.html, "lxml")
    published = page_published(soup, declared_lang(soup, case.url), case.url)
    return published.date() if published else None


def htmldate_day(case: Case) -> date | None:
    from htmldate import find_date

    found = find_date(case.html, url=case.url, original_date=True)
    return date.fromisoformat(found) if found else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--details", action="store_true", help="print every page either reader gets wrong")
    parser.add_argument("--half", choices=("all", "tuning", "reporting"), default="all",
                        help="which hash half of the pages (default: all)")
    args = parser.parse_args()
    print(f"pages: {args.half}")
    readers = {"goose3": goose3_cases, "newspaper4k": newspaper4k_cases, "readability": readability_cases}
    print(f"{'corpus':<13}{'pages':>6}{'htmldate':>10}{'pressflow':>11}{'commit':>10}")
    totals = [0, 0, 0]
    for corpus, read in readers.items():
        repo = args.mirrors / REPOS[corpus] / "repo"
        commit = _git(repo, "rev-parse", "HEAD").strip()[:8]
        cases = [c for c in read(repo) if args.half == "all" or half_of(f"{corpus}/{c.name}") == args.half]
        right = [0, 0]
        for case in cases:
            ours, theirs = pressflow_day(case), htmldate_day(case)
            right[0] += theirs == case.gold
            right[1] += ours == case.gold
            if args.details and (ours != case.gold or theirs != case.gold):
                print(f"  {corpus}/{case.name}: gold {case.gold} htmldate {theirs} pressflow {ours}")
        n = max(1, len(cases))
        print(f"{corpus:<13}{len(cases):>6}{right[0] / n:>10.3f}{right[1] / n:>11.3f}{commit:>10}")
        totals = [totals[0] + len(cases), totals[1] + right[0], totals[2] + right[1]]
    n = max(1, totals[0])
    print(f"{'overall':<13}{totals[0]:>6}{totals[1] / n:>10.3f}{totals[2] / n:>11.3f}")
    print(f"checked at {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")


if __name__ == "__main__":
    main()
