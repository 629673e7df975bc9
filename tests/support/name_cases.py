"""Running names test cases (language, sentence, names that must appear in the English,
forms that must not) through the library and through the ``pressflow translate`` CLI: the
one runner of tests/test_translate_names.py and tests/test_translate_names_set.py."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from pressflow.translate import TranslationRequest, translate_texts

ROOT = Path(__file__).resolve().parent.parent.parent

NameCase = tuple[str, str, list[str], list[str]]


def name_problems(english: str, names: list[str], forbidden: list[str]) -> list[str]:
    """What is wrong with a translation: names lost, forbidden forms found (as whole words)."""
    lost = [f"lost {n!r}" for n in names if n not in english]
    leaked = [f"found {f!r}" for f in forbidden if re.search(rf"(?<!\w){re.escape(f)}(?!\w)", english)]
    return lost + leaked


def translate_with_library(cases: Sequence[NameCase]) -> list[str]:
    """Every case in one library call (names found once per text, sentences batched)."""
    results = translate_texts([TranslationRequest(str(i), text, lang)
                               for i, (lang, text, _, _) in enumerate(cases)], "en", engine="apertium")
    assert all(r.status == "ok" and r.engine == "apertium" for r in results)
    return [r.translation for r in results]


def translate_with_cli(cases: Sequence[NameCase], cwd: Path, timeout: float) -> list[dict[str, object]]:
    """Every case through ``pressflow translate --to en --engine apertium``, one process:
    its JSON Lines rows, in the order of the cases."""
    lines = "".join(json.dumps({"id": str(i), "text": text, "lang": lang}, ensure_ascii=False) + "\n"
                    for i, (lang, text, _, _) in enumerate(cases))
    done = subprocess.run([sys.executable, "-m", "pressflow", "translate", "--to", "en",
                           "--engine", "apertium"], input=lines, capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=timeout, check=False)
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["id"] for r in rows] == [str(i) for i in range(len(cases))]
    return rows
