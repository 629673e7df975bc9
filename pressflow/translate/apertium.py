"""The Apertium engine: Debian's rule-based translator, run as a subprocess.

Useful offline where no argos package is installed. ``apertium -l`` lists the installed
modes (``fr-es``, ``spa-eng``, ``ita-spa``, ...); codes are normalised to ISO 639-1, and a
pair with no mode of its own goes through a pivot when two modes chain (fr->es->en). All
sentences of a pair go through one process per hop, separated by blank lines (the ``txt``
format keeps sentence-final punctuation, which ``-f line`` drops).

Apertium translates names and acronyms too ("ASAS" came out "ROAST"): the glossary's
placeholders, which it leaves alone, are what protects them.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from pressflow.errors import EngineError

_ISO3 = {"eng": "en", "spa": "es", "fra": "fr", "fre": "fr", "ita": "it", "ron": "ro",
         "rum": "ro", "por": "pt", "cat": "ca", "deu": "de", "ger": "de", "nld": "nl",
         "glg": "gl", "eus": "eu", "oci": "oc", "arg": "an", "ast": "ast", "epo": "eo"}
_MODE = re.compile(r"^([a-z]{2,3})-([a-z]{2,3})$")


def _iso1(code: str) -> str:
    if len(code) == 2:
        return code
    if code in _ISO3:
        return _ISO3[code]
    try:
        import pycountry

        lang = pycountry.languages.get(alpha_3=code)
        return getattr(lang, "alpha_2", code) if lang else code
    except (ImportError, KeyError, LookupError):
        return code


def available() -> bool:
    """True when the ``apertium`` command is installed."""
    return shutil.which("apertium") is not None


class ApertiumEngine:
    """Translate with installed Apertium modes (see the module docstring)."""

    name = "apertium"

    def __init__(self, timeout: float = 600.0) -> None:
        self.timeout = timeout
        self.modes: dict[tuple[str, str], str] = {}
        self._version_salt = ""
        if not available():
            return
        try:
            listed = subprocess.run(["apertium", "-l"], capture_output=True, text=True,
                                    timeout=30, check=False).stdout.split()
        except (OSError, subprocess.SubprocessError):
            return
        for mode in listed:
            m = _MODE.match(mode.strip())
            if m:
                self.modes.setdefault((_iso1(m.group(1)), _iso1(m.group(2))), mode.strip())
        stamps = []
        for d in (Path("/usr/share/apertium/modes"), Path("/usr/local/share/apertium/modes")):
            if d.is_dir():
                stamps += [f"{p.name}:{p.stat().st_mtime_ns}" for p in sorted(d.glob("*.mode"))]
        self._version_salt = hashlib.sha256("\n".join(stamps).encode()).hexdigest()[:8]

    def route(self, source: str, target: str) -> list[str] | None:
        """The modes that take ``source`` to ``target``: direct, else through one pivot."""
        if (source, target) in self.modes:
            return [self.modes[(source, target)]]
        for pivot in ["es", *sorted({t for _, t in self.modes})]:
            if (source, pivot) in self.modes and (pivot, target) in self.modes:
                return [self.modes[(source, pivot)], self.modes[(pivot, target)]]
        return None

    def version(self, source: str, target: str) -> str | None:
        route = self.route(source, target)
        return f"apertium:{'+'.join(route)}:{self._version_salt}" if route else None

    def translate(self, sentences: Sequence[str], source: str, target: str) -> list[str]:
        route = self.route(source, target)
        if route is None:
            raise EngineError(f"no Apertium mode for {source}->{target}")
        texts = [" ".join(s.split()) for s in sentences]
        for mode in route:
            texts = self._run(mode, texts)
        return texts

    def _call(self, mode: str, text: str) -> str:
        done = subprocess.run(["apertium", "-u", "-f", "txt", mode], input=text,
                              capture_output=True, text=True, timeout=self.timeout, check=False)
        if done.returncode != 0:
            raise EngineError(f"apertium {mode} failed: {done.stderr.strip()[:300]}")
        return done.stdout

    def _run(self, mode: str, texts: list[str]) -> list[str]:
        todo = [i for i, t in enumerate(texts) if t]
        out = [""] * len(texts)
        if not todo:
            return out
        joined = self._call(mode, "\n\n".join(texts[i] for i in todo) + "\n")
        parts = [p for p in re.split(r"\n\s*\n", joined.strip("\n"))]
        if len(parts) != len(todo):  # a line that would not stay alone: one call each
            parts = [self._call(mode, texts[i] + "\n") for i in todo]
        for i, p in zip(todo, parts, strict=True):
            out[i] = " ".join(p.split())
        return out
