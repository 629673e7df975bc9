"""TMX 1.4b, the format translators' tools (OmegaT, Trados, memoQ, Okapi) exchange memories in.

Export writes one ``<tu>`` per segment pair: its source language in ``srclang``, who wrote it
in ``creationid``, when in ``creationdate``/``changedate``, and pressflow's own origin and
article as ``<prop type="x-pressflow-...">``.

Import treats the file as coming from someone else:

- parsed by defusedxml, streaming: an ``<!ENTITY>`` declaration or an external reference
  is refused, and nothing is ever fetched (a ``<!DOCTYPE tmx SYSTEM "tmx14.dtd">`` line, as
  many tools write, is allowed: it is not read);
- at most :data:`MAX_TMX_BYTES`; a segment longer than :data:`MAX_SEGMENT_CHARS` is
  skipped with its line;
- inline codes are dropped and their text kept where it is text: ``<bpt>``, ``<ept>``,
  ``<ph>``, ``<it>``, ``<ut>`` hold the original document's formatting codes (and their
  ``<sub>`` flows), ``<hi>`` holds text;
- language codes are normalised (``en-GB``, ``EN_us``, ``eng`` -> ``en``);
- every ``<tu>`` with a variant in the target language gives one pair per variant in
  another language, whichever was the source: a memory is used in both directions, and
  pressflow translates into one language. What is left out is reported with its line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from xml.etree.ElementTree import ParseError
from xml.sax.saxutils import escape, quoteattr

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from pressflow import __version__
from pressflow.errors import MemoryFileError
from pressflow.store import Store
from pressflow.store.records import MemoryEntry, MemorySaved
from pressflow.translate.memory import (
    DEFAULT_THRESHOLD,
    TMX_IMPORT,
    EntryList,
    TranslationMemory,
    segment_key,
)

MAX_TMX_BYTES = 64_000_000
MAX_SEGMENT_CHARS = 5_000
_CHUNK = 1 << 16
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_CODES = frozenset({"bpt", "ept", "ph", "it", "ut"})  # native codes: never text
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_LANGUAGE = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")
_LINE_BREAKS = re.compile(r"\s*\n\s*")


def tmx_language(code: str) -> str | None:
    """A TMX ``xml:lang`` as the language code pressflow uses (``en-GB`` -> ``en``,
    ``spa`` -> ``es``), or None when it is no language code."""
    found = _LANGUAGE.match(code.strip())
    if not found:
        return None
    primary = found.group(1).lower()
    if len(primary) == 3:
        import pycountry

        lang = pycountry.languages.get(alpha_3=primary) or pycountry.languages.get(
            bibliographic=primary)
        primary = str(getattr(lang, "alpha_2", primary)) if lang else primary
    return primary


def _tmx_date(iso: str | None) -> str | None:
    """An ISO time as TMX writes it (``20261130T160000Z``)."""
    if not iso:
        return None
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _iso_date(tmx: str | None) -> str | None:
    if not tmx:
        return None
    try:
        return datetime.strptime(tmx.strip(), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC).isoformat()
    except ValueError:
        return None


def _xml_text(text: str) -> str:
    return escape(_NOT_XML.sub("", text))


def _attr(text: str) -> str:
    return quoteattr(_NOT_XML.sub("", text))


def tmx_document(entries: Iterable[MemoryEntry]) -> Iterable[str]:
    """The TMX 1.4b document of these segment pairs, piece by piece."""
    now = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    yield ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
           f'  <header creationtool="pressflow" creationtoolversion={_attr(__version__)} '
           'datatype="plaintext" segtype="sentence" adminlang="en" srclang="*all*" '
           f'o-tmf="pressflow" creationdate="{now}"/>\n  <body>\n')
    for e in entries:
        attrs = {"tuid": str(e.id) if e.id is not None else None, "srclang": e.source_lang,
                 "segtype": e.segtype, "creationid": e.editor,
                 "creationdate": _tmx_date(e.created_at), "changedate": _tmx_date(e.updated_at)}
        head = " ".join(f"{k}={_attr(v)}" for k, v in attrs.items() if v)
        props = [("x-pressflow-origin", e.origin), ("x-pressflow-article", e.article_id)]
        yield (f"    <tu {head}>\n"
               + "".join(f"      <prop type={_attr(k)}>{_xml_text(v)}</prop>\n" for k, v in props if v)
               + f"      <tuv xml:lang={_attr(e.source_lang)}><seg>{_xml_text(e.source)}</seg></tuv>\n"
               f"      <tuv xml:lang={_attr(e.target_lang)}><seg>{_xml_text(e.target)}</seg></tuv>\n"
               "    </tu>\n")
    yield "  </body>\n</tmx>\n"


def write_tmx(entries: Iterable[MemoryEntry], path: Path) -> int:
    """Write the pairs to ``path`` (replaced whole, never half written); return how many."""
    items = list(entries)
    partial = path.with_name(path.name + ".partial")
    try:
        with partial.open("w", encoding="utf-8", newline="\n") as out:
            out.writelines(tmx_document(items))
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise MemoryFileError(f"cannot write: {exc.strerror}", path=str(path)) from exc
    return len(items)


# -- import -------------------------------------------------------------------------------
@dataclass
class _Unit:
    line: int
    srclang: str | None
    creationid: str | None
    creationdate: str | None
    changedate: str | None
    segtype: str | None
    variants: list[tuple[int, str | None, str]] = field(default_factory=list)  # line, lang, text


@dataclass
class TmxRead:
    """The pairs a TMX file gives, and what was left out (``"line N: why"``)."""

    entries: list[MemoryEntry] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    units: int = 0


class _TmxTarget:
    """Receives the parser's events and builds pairs, one ``<tu>`` at a time (streaming)."""

    def __init__(self, target: str) -> None:
        self.target = target
        self.line: Callable[[], int] = lambda: 0  # the parser's current line, once it exists
        self.read = TmxRead()
        self.path: list[str] = []
        self.header_srclang: str | None = None
        self.unit: _Unit | None = None
        self.variant: tuple[int, str | None] | None = None
        self.seg: list[str] | None = None
        self.codes = 0  # depth inside native-code elements of a <seg>

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        name = tag.rsplit("}", 1)[-1]
        if not self.path and name != "tmx":
            raise MemoryFileError(f"not a TMX file: the root element is <{name}>, not <tmx>",
                                  line=self.line())
        self.path.append(name)
        if self.seg is not None:
            if name in _CODES or self.codes:
                self.codes += 1
            return
        if name == "header":
            self.header_srclang = attrib.get("srclang")
        elif name == "tu":
            self.unit = _Unit(self.line(), attrib.get("srclang"), attrib.get("creationid"),
                              attrib.get("creationdate"), attrib.get("changedate"),
                              attrib.get("segtype"))
        elif name == "tuv" and self.unit is not None:
            code = attrib.get(_XML_LANG) or attrib.get("lang") or ""
            self.variant = (self.line(), code)
        elif name == "seg" and self.variant is not None:
            self.seg = []

    def data(self, text: str) -> None:
        if self.seg is not None and not self.codes:
            self.seg.append(text)

    def end(self, tag: str) -> None:
        name = self.path.pop() if self.path else tag
        if self.seg is not None and name != "seg":
            if self.codes:
                self.codes -= 1
            return
        if name == "seg" and self.seg is not None and self.variant is not None and self.unit:
            line, code = self.variant
            self.unit.variants.append((line, code, _LINE_BREAKS.sub(" ", "".join(self.seg)).strip()))
            self.seg = None
        elif name == "tuv":
            self.variant = None
        elif name == "tu" and self.unit is not None:
            self._pairs(self.unit)
            self.unit = None

    def close(self) -> TmxRead:
        return self.read

    def _pairs(self, unit: _Unit) -> None:
        self.read.units += 1
        variants: list[tuple[int, str, str]] = []
        for line, code, text in unit.variants:
            lang = tmx_language(code or "")
            if lang is None:
                self.read.skipped.append(f"line {line}: <tuv> with no usable xml:lang ({code!r})")
            elif len(text) > MAX_SEGMENT_CHARS:
                self.read.skipped.append(f"line {line}: segment of {len(text)} characters "
                                         f"(more than {MAX_SEGMENT_CHARS})")
            elif text:
                variants.append((line, lang, text))
        targets = [v for v in variants if v[1] == self.target]
        sources = [v for v in variants if v[1] != self.target]
        if not targets:
            self.read.skipped.append(f"line {unit.line}: <tu> has no segment in {self.target}")
            return
        if not sources:
            self.read.skipped.append(f"line {unit.line}: <tu> has no segment in another "
                                     f"language than {self.target}")
            return
        text = targets[0][2]
        created = _iso_date(unit.creationdate)
        for _, lang, source in sources:
            self.read.entries.append(MemoryEntry(
                source_lang=lang, target_lang=self.target, source=source, target=text,
                source_key=segment_key(source), origin=TMX_IMPORT,
                segtype=unit.segtype if unit.segtype in ("sentence", "paragraph") else "sentence",
                editor=unit.creationid, created_at=created,
                updated_at=_iso_date(unit.changedate) or created))


def read_tmx(path: Path, target: str = "en") -> TmxRead:
    """The segment pairs into ``target`` of a TMX file; MemoryFileError naming the file and
    line when it cannot be read as TMX."""
    try:
        size = path.stat().st_size
        if size > MAX_TMX_BYTES:
            raise MemoryFileError(f"{size} bytes is more than the {MAX_TMX_BYTES} a TMX file may "
                                  "have here; split it (one file per language pair)",
                                  path=str(path))
        stream = path.open("rb")
    except OSError as exc:
        raise MemoryFileError(f"cannot read: {exc.strerror}", path=str(path)) from exc
    events = _TmxTarget(target)
    parser = DefusedXMLParser(target=events, forbid_dtd=False, forbid_entities=True,
                              forbid_external=True)
    events.line = lambda: int(parser.parser.CurrentLineNumber)
    total = 0
    try:
        with stream:
            while chunk := stream.read(_CHUNK):
                total += len(chunk)
                if total > MAX_TMX_BYTES:  # the file grew while being read
                    raise MemoryFileError(f"more than {MAX_TMX_BYTES} bytes", path=str(path))
                parser.feed(chunk)
            parser.close()
    except MemoryFileError as exc:
        if exc.path is None:
            raise MemoryFileError(exc.reason, path=str(path), line=exc.line) from None
        raise
    except DefusedXmlException as exc:
        raise MemoryFileError(f"entity declarations and external references are refused in a "
                              f"TMX file ({type(exc).__name__})", path=str(path),
                              line=events.line()) from exc
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise MemoryFileError(f"not well-formed XML: {exc}", path=str(path), line=line) from exc
    except OSError as exc:
        raise MemoryFileError(f"cannot read: {exc.strerror}", path=str(path)) from exc
    if not events.path and not events.read.units and total == 0:
        raise MemoryFileError("empty file", path=str(path))
    return events.read


def import_tmx(store: Store, path: Path, target: str = "en") -> tuple[TmxRead, MemorySaved]:
    """Read a TMX file and add its pairs into ``target`` to the store's memory (a pair
    whose source segment is known replaces its translation)."""
    found = read_tmx(path, target)
    return found, store.save_memory_entries(found.entries)


@contextmanager
def open_memory(path: Path | None, target: str,
                threshold: float = DEFAULT_THRESHOLD) -> Iterator[TranslationMemory | None]:
    """The memory ``pressflow translate --memory PATH`` uses: a TMX file, or a pressflow
    database (``output/pressflow.db``) and the corrections its editors made."""
    if path is None:
        yield None
        return
    if not path.is_file():
        raise MemoryFileError("no such file; give a .tmx file or a pressflow.db", path=str(path))
    if path.suffix.lower() == ".tmx":
        yield TranslationMemory(EntryList(read_tmx(path, target).entries), threshold)
        return
    with path.open("rb") as head:
        if head.read(16) != b"SQLite format 3\x00":
            raise MemoryFileError("neither a .tmx file nor a pressflow database", path=str(path))
    with Store(path) as store:
        yield TranslationMemory(store, threshold)
