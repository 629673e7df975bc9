"""Huge regular expressions of spaCy's tokenizers, compiled once and kept on disk.

Loading the French NER pipeline compiles its tokenizer's ``token_match``, a 1.4 MB pattern
(``spacy.lang.fr.tokenizer_exceptions``: hundreds of hyphenated words, each with Unicode
letter classes matched without case): 3.4 s of CPU in every process, the largest single cost
of a night's first translation. Python's ``re`` keeps compiled patterns only in memory, so
this module keeps what ``re``'s compiler makes of such a pattern (its code, a list of
integers, and its groups) in the cache folder, keyed by the pattern and the Python build,
and puts the pattern it rebuilds from them (in milliseconds) in ``re``'s own cache just
before spaCy compiles it: ``re.compile`` then returns it. The rebuilt pattern is equal to
a fresh compile (``Pattern.__eq__`` compares the code; tested in
``tests/test_entities_regex_cache.py``). Where ``re``'s internals differ (another Python),
nothing is primed and spaCy compiles as usual.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
from pathlib import Path
from typing import Any

BIG = 50_000
"""Patterns shorter than this compile in milliseconds: not worth a file."""


def _internals() -> tuple[Any, Any, Any, dict[Any, Any]] | None:
    """re's compiler, parser, _sre and compiled-pattern cache, or None where they are not
    the ones this module was written against (CPython 3.11+)."""
    try:
        import _sre  # type: ignore[import-not-found]

        compiler, parser = re._compiler, re._parser  # type: ignore[attr-defined]
        cache = re._cache  # type: ignore[attr-defined]
    except (ImportError, AttributeError):
        return None
    if not isinstance(cache, dict) or not hasattr(compiler, "_code") or not hasattr(parser, "parse"):
        return None
    return compiler, parser, _sre, cache


def _path(pattern: str, flags: int, sre: Any) -> Path:
    from pressflow.entities.gazetteer import cache_dir

    h = hashlib.sha256()
    for part in (sys.version, str(sre.MAGIC), str(sre.CODESIZE), str(flags), pattern):
        h.update(part.encode("utf-8", "surrogatepass") + b"\x1f")
    return cache_dir() / f"re-{h.hexdigest()[:24]}.marshal"


def compiled(pattern: str, flags: int = 0) -> re.Pattern[str] | None:
    """``pattern`` compiled from the disk cache (made and saved the first time); None where
    ``re``'s internals are not the expected ones."""
    found = _internals()
    if found is None:
        return None
    compiler, parser, sre, _ = found
    path = _path(pattern, flags, sre)
    try:
        saved = marshal.loads(path.read_bytes())
        return sre.compile(pattern, flags | saved[1], saved[0], saved[2] - 1, saved[3],  # type: ignore[no-any-return]
                           saved[4])
    except (OSError, ValueError, EOFError, TypeError, RuntimeError):
        pass
    parsed = parser.parse(pattern, flags)  # as re._compiler.compile does
    code = [int(c) for c in compiler._code(parsed, flags)]
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    data = (code, int(parsed.state.flags), parsed.state.groups, groupindex, tuple(indexgroup))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(data))
        os.replace(tmp, path)
    except OSError:
        pass  # an unwritable cache only costs time
    return sre.compile(pattern, flags | data[1], code, data[2] - 1, groupindex,  # type: ignore[no-any-return]
                       data[4])


def prime(pattern: str, flags: int = 0) -> bool:
    """Put ``pattern`` (compiled from the disk cache) in ``re``'s cache, so that the next
    ``re.compile(pattern, flags)`` anywhere returns it; False when nothing was primed."""
    found = _internals()
    if found is None:
        return False
    pattern_obj = compiled(pattern, flags)
    if pattern_obj is None:
        return False
    found[3][(type(pattern), pattern, flags)] = pattern_obj
    return True


def prime_tokenizer(tokenizer_file: Path) -> int:
    """Prime the big patterns of a spaCy pipeline's serialised tokenizer (its prefix,
    suffix, infix, token and URL patterns); how many were primed."""
    try:
        import srsly  # type: ignore[import-untyped]

        data = srsly.msgpack_loads(tokenizer_file.read_bytes())
    except (OSError, ValueError, ImportError):
        return 0
    if not isinstance(data, dict):
        return 0
    return sum(prime(v) for v in data.values() if isinstance(v, str) and len(v) >= BIG)
