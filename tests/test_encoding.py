"""Every encoding case a partner site has shown us, through a real local server and the crawl:
HTTP charset vs <meta charset> vs BOM vs detection."""

from __future__ import annotations

import codecs

import pytest
from pytest_httpserver import HTTPServer

from pressflow.config import parse_config
from pressflow.crawl.encoding import decode_bytes
from pressflow.crawl.stage import crawl_source
from pressflow.errors import ExtractionError

FR = ("Le conseil municipal a adopté la stratégie numérique : dématérialisation des démarches, "
      "médiateur recruté au printemps, accueil conservé à l'hôtel de ville. Élus et agents "
      "présenteront le calendrier en décembre.")
PL = ("Rada miejska przyjęła strategię cyfrową: usługi online, pomoc dla starszych mieszkańców "
      "i nowe punkty obsługi w każdej dzielnicy. Żadne okienko nie zostanie zamknięte.")


def page(text: str, meta: str = "") -> str:
    return (f"<html><head>{meta}<title>Conseil</title></head><body><article><h1>Stratégie "
            f"numérique</h1><p>{text}</p><p>{text}</p></article></body></html>")


@pytest.fixture(scope="module")
def server():
    srv = HTTPServer(threaded=True)
    srv.start()
    yield srv
    srv.clear()
    srv.stop()


def _text_via_server(server: HTTPServer, body: bytes, content_type: str) -> str:
    server.clear()
    server.expect_request("/p.html").respond_with_data(body, content_type=content_type)
    config = parse_config(
        "settings:\n  per_host_delay: 0\nsources:\n"
        f"  - name: S\n    url: {server.url_for('/p.html')}\n    kind: page\n"
        "    robots: local test server\n")
    outcome = crawl_source(config.sources[0], config)
    assert outcome.status == "ok", outcome.error
    return outcome.articles[0].text


CASES = {
    # name: (bytes, Content-Type header)
    "utf8 declared": (page(FR).encode("utf-8"), "text/html; charset=utf-8"),
    "windows-1252 declared": (page(FR).encode("cp1252"), "text/html; charset=windows-1252"),
    "iso-8859-1 declared, read as windows-1252": (
        page(FR + " \u2019Œuvre\u2019").encode("cp1252"), "text/html; charset=ISO-8859-1"),
    "windows-1252 served as utf-8 (lying header)": (page(FR).encode("cp1252"),
                                                    "text/html; charset=utf-8"),
    "utf-8 served as iso-8859-1 (lying header)": (page(FR).encode("utf-8"),
                                                  "text/html; charset=iso-8859-1"),
    "meta charset only": (page(FR, '<meta charset="windows-1252">').encode("cp1252"), "text/html"),
    "http-equiv only": (page(FR, '<meta http-equiv="Content-Type" content="text/html; '
                                 'charset=iso-8859-1">').encode("latin-1"), "text/html"),
    "no label at all, windows-1252": (page(FR).encode("cp1252"), "text/html"),
    "utf-8 with BOM, header says latin-1": (codecs.BOM_UTF8 + page(FR).encode("utf-8"),
                                            "text/html; charset=iso-8859-1"),
    "utf-16 with BOM": (page(FR).encode("utf-16"), "text/html"),
    "utf-16-le without BOM": (page(FR).encode("utf-16-le"), "text/html"),
    "wrong content type (text/plain)": (page(FR).encode("utf-8"), "text/plain"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_encoding_case_comes_out_as_correct_unicode(server: HTTPServer, name: str) -> None:
    body, content_type = CASES[name]
    text = _text_via_server(server, body, content_type)
    assert "dématérialisation des démarches" in text
    assert "Élus et agents présenteront le calendrier en décembre" in text
    if "Œuvre" in name or "ISO-8859-1 declared" in name:
        assert "\u2019Œuvre\u2019" in text  # windows-1252 punctuation, not C1 controls


def test_iso_8859_2_declared_central_european_page() -> None:
    text, codec = decode_bytes(page(PL).encode("iso-8859-2"), "iso-8859-2")
    assert codec == "iso8859-2"
    assert "przyjęła strategię cyfrową" in text and "Żadne okienko" in text


def test_invalid_utf8_bytes_do_not_lose_the_page() -> None:
    body = page(FR).encode("utf-8").replace("numérique".encode(), b"num\xe9rique", 1)
    text, codec = decode_bytes(body, "utf-8")  # one stray latin-1 byte in a UTF-8 page
    assert codec == "utf-8"
    assert "dématérialisation" in text and "Stratégie numérique" in text


def test_empty_and_binary_bodies_raise_a_clear_error() -> None:
    with pytest.raises(ExtractionError, match="empty body"):
        decode_bytes(b"  \n ")
    with pytest.raises(ExtractionError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 50)
