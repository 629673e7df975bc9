"""The big tokenizer patterns kept on disk (pressflow/entities/regex_cache.py) are the same
patterns ``re`` compiles, and spaCy's French pipeline loads with them (issue 20: the first
translation of a night)."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pressflow.entities import regex_cache
from pressflow.entities.stage import _package_configs, model_available

ROOT = Path(__file__).resolve().parent.parent


def test_a_pattern_from_the_disk_cache_equals_a_fresh_compile(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSFLOW_CACHE_DIR", str(tmp_path))
    # a pattern like spaCy's: alternatives of words with Unicode classes matched without case
    pattern = "(?iu)" + "|".join(f"(?:^{w}[-‐][a-zà-öø-ÿ]+$)" for w in ("anti", "contre", "néo", "sous"))
    pattern += r"|(?P<name>^l['’]\w+$)"
    made = regex_cache.compiled(pattern)  # compiled, then saved
    assert list(tmp_path.glob("re-*.marshal"))
    loaded = regex_cache.compiled(pattern)  # read back from the file
    fresh = re.compile(pattern)
    assert made == fresh and loaded == fresh  # Pattern equality compares the compiled code
    for token in ("anti-gel", "ANTI-Gel", "Néo-zélandais", "l'Organisation", "antigel", "x-y", "sous-"):
        assert bool(loaded is not None and loaded.match(token)) == bool(fresh.match(token)), token
    assert loaded is not None and loaded.groupindex == fresh.groupindex


def test_prime_makes_re_compile_return_the_cached_pattern(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSFLOW_CACHE_DIR", str(tmp_path))
    pattern = "(?iu)(?:^pressflow-prime-test[a-zé]+$)"
    assert regex_cache.prime(pattern)
    assert re.compile(pattern) == regex_cache.compiled(pattern)


@pytest.mark.skipif(not model_available("fr"), reason="the French spaCy pipeline is not installed")
def test_the_french_pipeline_tokenizes_the_same_with_the_primed_pattern(tmp_path: Path) -> None:
    """In fresh processes: the French pipeline's token_match, primed from the disk cache (the
    second process), is the pattern spaCy compiles itself, and tokenizes alike."""
    [config] = _package_configs("fr_core_news_sm")
    child = textwrap.dedent("""
        import json, sys
        from pressflow.entities.stage import load_model
        nlp = load_model("fr")
        text = "Aix-en-Provence et Saint-Étienne-du-Rouvray : l'anti-gel, aujourd'hui, c'est-à-dire rendez-vous."
        print(json.dumps({"tokens": [t.text for t in nlp.make_doc(text)],
                          "pattern": nlp.tokenizer.token_match.__self__.pattern[:64]}))
    """)
    env = {"PYTHONPATH": str(ROOT), "PRESSFLOW_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    runs = [subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, env=env,
                           timeout=300, check=False) for _ in range(2)]
    assert all(r.returncode == 0 for r in runs), runs[-1].stderr[-2000:]
    assert list(tmp_path.glob("re-*.marshal"))  # the first process saved it
    assert runs[0].stdout == runs[1].stdout
    assert "Aix-en-Provence" in runs[1].stdout  # token_match keeps hyphenated place names whole
    assert (config.parent / "tokenizer").is_file()


@pytest.mark.skipif(not model_available("fr"), reason="the French spaCy pipeline is not installed")
def test_the_french_token_match_from_the_cache_equals_re_compile(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import srsly  # type: ignore[import-untyped]

    monkeypatch.setenv("PRESSFLOW_CACHE_DIR", str(tmp_path))
    [config] = _package_configs("fr_core_news_sm")
    pattern = srsly.msgpack_loads((config.parent / "tokenizer").read_bytes())["token_match"]
    assert len(pattern) >= regex_cache.BIG
    regex_cache.compiled(pattern)  # made and saved
    from_disk = regex_cache.compiled(pattern)
    re.purge()
    assert from_disk == re.compile(pattern)
