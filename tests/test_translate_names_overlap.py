"""A process's first translation loads the names' pipeline and gazetteer itself, finds the
names, then sends each sentence to the engine once (issue 20: throughput of a night's first
run): the output, and what goes to the engine, are the same as with the names loaded before
translating. Each case runs in a fresh process (real Apertium, real NER and gazetteer)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("apertium") is None,
                                reason="Apertium is not installed (scripts/setup.d/20-apertium.sh)")

DOCS = [
    ("1", "it", "Il sindaco Stefano Lo Russo ha firmato il piano. Lo Russo ha parlato ai cittadini."),
    ("2", "it", "La delegazione di Torino ha incontrato il Comune di Milano. Il sindaco Beppe Sala era presente."),
    ("3", "es", "La alcaldesa Rosa Blanco visitó Zaragoza. El concejal Pedro Piedra habló con Ana Sol."),
    ("4", "es", "El Ayuntamiento aprobó el presupuesto. Los vecinos de Lavapiés votaron."),
]

CHILD = textwrap.dedent("""
    import json, sys
    from pressflow.translate import core
    from pressflow.translate.base import TranslateSettings
    from pressflow.translate.cache import TranslationCache
    from pressflow.translate.core import Document, Engines, translate_documents

    preload, docs = json.loads(sys.argv[1]), json.loads(sys.argv[2])
    if preload:
        for lang in ("it", "es"):
            core.load_names(lang, None)
    cache = TranslationCache()
    results = translate_documents([Document(i, lang, {"text": text}) for i, lang, text in docs], "en",
                                  cache=cache, engines=Engines(TranslateSettings(engine="apertium")))
    print(json.dumps({"texts": [r.fields["text"] for r in results], "sent": cache.misses}))
""")


def _run(preload: bool) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-c", CHILD, json.dumps(preload), json.dumps(DOCS)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin:/usr/local/bin",
                               "HOME": str(Path.home())})
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_a_cold_process_translates_as_with_the_names_loaded_first() -> None:
    cold, warm = _run(preload=False), _run(preload=True)
    assert cold["texts"] == warm["texts"]
    texts = [str(t) for t in warm["texts"]]
    assert "Stefano Lo Russo" in texts[0] and "Russian" not in texts[0]
    assert "Turin" in texts[1] and "Rosa Blanco" in texts[2] and "Pink" not in texts[2]
    # no sentence goes to the engine before its names are known, so none goes twice (sent
    # while the names loaded, then again with a name found in it, cost more than it saved)
    assert int(cold["sent"]) == int(warm["sent"])
