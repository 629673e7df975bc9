"""Bytes -> text for web pages: BOM, HTTP charset, <meta charset>, then detection.

Real servers lie: a page saved in windows-1252 is served as ``charset=utf-8``, a UTF-8 page
declares ``iso-8859-1``, a UTF-16 file has no label at all. The order below trusts a
declaration only when the bytes agree with it:

1. a byte-order mark (UTF-8, UTF-16, UTF-32) always wins;
2. the HTTP charset, then the ``<meta charset>`` / ``http-equiv`` one, when the bytes decode
   cleanly with it (a single-byte label on bytes that are valid multi-byte UTF-8 is taken
   for the lie it almost always is);
3. charset-normalizer's detection;
4. UTF-8 with replacement characters, so a page is never lost to one bad byte.

``iso-8859-1`` and ``ascii`` labels are read as windows-1252, as browsers do (WHATWG).
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from pressflow.errors import ExtractionError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_WHATWG_ALIASES = {"iso-8859-1": "windows-1252", "latin-1": "windows-1252", "latin1": "windows-1252",
                   "ascii": "windows-1252", "us-ascii": "windows-1252", "l1": "windows-1252",
                   "x-sjis": "shift_jis", "unicode": "utf-16"}
_SINGLE_BYTE = ("windows-125", "iso-8859", "cp12", "koi8", "mac")


def charset_from_content_type(content_type: str | None) -> str | None:
    """The ``charset=`` parameter of a Content-Type header, or None."""
    if not content_type:
        return None
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type, re.I)
    return match.group(1) if match else None


def normalise_charset(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None when Python knows no such codec."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _WHATWG_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_in_document(content: bytes) -> str | None:
    """The charset a document declares about itself (``<meta charset>`` or the XML prolog)."""
    head = content[:4096]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii", "ignore") if match else None


def _bom(content: bytes) -> str | None:
    for bom, name in _BOMS:
        if content.startswith(bom):
            return name
    return None


def _try(content: bytes, codec: str | None) -> str | None:
    if not codec:
        return None
    if codec.startswith(_SINGLE_BYTE) and _is_multibyte_utf8(content):
        return None  # a single-byte label on valid UTF-8 text: the label is the lie
    if codec.startswith("utf-16") or codec.startswith("utf-32"):
        if len(content) % 2:
            return None
    try:
        return content.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _is_multibyte_utf8(content: bytes) -> bool:
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not text.isascii()


def _looks_utf16(content: bytes) -> str | None:
    """UTF-16 without a BOM: every other byte of ASCII markup is a NUL."""
    head = content[:512]
    if len(head) < 8:
        return None
    even_nuls = head[0::2].count(0)
    odd_nuls = head[1::2].count(0)
    half = len(head) // 2
    if odd_nuls > half * 0.6 and even_nuls < half * 0.1:
        return "utf-16-le"
    if even_nuls > half * 0.6 and odd_nuls < half * 0.1:
        return "utf-16-be"
    return None


def decode_bytes(content: bytes, http_charset: str | None = None, *,
                 source: str | None = None, url: str | None = None) -> tuple[str, str]:
    """Decode a document; return ``(text, codec used)``.

    Raise :class:`ExtractionError` for an empty body or bytes that are not text at all
    (an image or an archive served as HTML).
    """
    if not content or not content.strip():
        raise ExtractionError("empty body: the server sent no content", source=source, url=url)
    bom = _bom(content)
    if bom:
        return content[len(codecs.BOM_UTF8) if bom == "utf-8" else 0:].decode(bom, "replace").lstrip("\ufeff"), bom
    utf16 = _looks_utf16(content)
    if utf16:
        text = _try(content, utf16)
        if text is not None:
            return text, utf16
    for label in (http_charset, declared_in_document(content)):
        codec = normalise_charset(label)
        text = _try(content, codec)
        if text is not None and not _binary(text):
            return text, codec or "utf-8"
    if _is_multibyte_utf8(content) or _ascii_only(content):
        return content.decode("utf-8"), "utf-8"
    if _mostly_utf8(content):  # a UTF-8 page with a few stray single-byte characters pasted in
        return content.decode("utf-8", _CP1252_FALLBACK), "utf-8"
    best = from_bytes(content[:200_000]).best()
    if best is not None and best.encoding:
        text = _try(content, normalise_charset(best.encoding))
        if text is not None and not _binary(text):
            return text, normalise_charset(best.encoding) or best.encoding
    text = content.decode("utf-8", "replace")
    if _binary(text):
        raise ExtractionError("the body is binary data, not text (an image, an archive, or "
                              "a wrong Content-Type)", source=source, url=url)
    return text, "utf-8"


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 rejected as windows-1252 (the usual culprit), not as U+FFFD."""
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start:error.end].decode("cp1252", "replace"), error.end


_CP1252_FALLBACK = "pressflow-cp1252-fallback"
codecs.register_error(_CP1252_FALLBACK, _cp1252_fallback)


def _mostly_utf8(content: bytes) -> bool:
    """Valid multi-byte UTF-8 sequences outnumber invalid bytes ten to one."""
    sample = content[:200_000]
    text = sample.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = len(_NON_ASCII_BUT_REPLACEMENT.findall(text))
    return good >= 3 and good >= 10 * bad


def _ascii_only(content: bytes) -> bool:
    return content[:200_000].isascii()


# Counted by the regex engine, not a Python loop over every character (these run on every
# page, a correctly labelled one included): the same characters as the loops they replace.
_NON_ASCII_BUT_REPLACEMENT = re.compile("[^\x00-\x7f\ufffd]")
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")  # controls but \t \n \f \r; U+FFFD


def _binary(text: str) -> bool:
    """Control characters or replacement marks in more than 2% of the text: not a document."""
    sample = text[:20_000]
    if not sample:
        return True
    bad = len(_NOT_TEXT.findall(sample))
    return bad > len(sample) * 0.02
