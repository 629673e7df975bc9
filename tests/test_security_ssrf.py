"""Partner links and redirects never reach inside (issue 16, point 1).

Two real local servers: the partner, named by its source's url in sources.yaml, and an
"internal" service on another port that nobody named. The partner's listing links to
``/r?to=...`` which redirects inside, and a second source's url redirects inside. The
internal page's text must reach no published file; the refusals are named per source.
"""

from __future__ import annotations

import ipaddress
import json
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from pressflow.config import parse_config
from pressflow.crawl.address_guard import AddressPolicy, address_kind
from pressflow.crawl.stage import crawl_source

SECRET = "INTERNAL-ADMIN-SECRET-7c1e"
INTERNAL_PAGE = (f"<html lang='en'><head><title>Admin console</title></head><body><article>"
                 f"<h1>Admin console of the intranet</h1><p>{SECRET} The database password and"
                 " the list of every employee with their salaries and home addresses.</p><p>More "
                 "internal text that must never be published anywhere by a feed tool.</p>"
                 "</article></body></html>")
ARTICLE = ("<html lang='en'><head><title>Harbour plan</title></head><body><article><h1>Harbour"
           " plan adopted</h1><p>The council adopted the harbour plan after a long public "
           "consultation with the fishing cooperative and residents of the old town.</p><p>Works"
           " begin next spring and last two years, paid for by the port authority.</p></article>"
           "</body></html>")


@pytest.fixture
def internal():
    srv = HTTPServer(host="127.0.0.1", threaded=True)
    srv.start()
    srv.expect_request("/admin").respond_with_data(INTERNAL_PAGE, content_type="text/html")
    srv.expect_request("/robots.txt").respond_with_data("", status=404)
    yield srv
    srv.clear()
    srv.stop()


@pytest.fixture
def partner(internal: HTTPServer):
    srv = HTTPServer(host="127.0.0.1", threaded=True)
    srv.start()
    inside = internal.url_for("/admin")

    def redirect(request: Request) -> Response:
        return Response("", status=302, headers={"Location": request.args["to"]})

    items = (f'<article><h2><a href="/r?to={inside}">Story one of the partner list</a></h2>'
             f'<span class="date">01/03/2024</span><p>Teaser of the first story.</p></article>'
             f'<article><h2><a href="/story.html">Story two of the partner list</a></h2>'
             f'<span class="date">02/03/2024</span><p>Teaser of the second story.</p></article>')
    srv.expect_request("/news.html").respond_with_data(
        f"<html lang='en'><body><main>{items}</main></body></html>", content_type="text/html")
    srv.expect_request("/story.html").respond_with_data(ARTICLE, content_type="text/html")
    srv.expect_request("/r").respond_with_handler(redirect)
    srv.expect_request("/go-inside").respond_with_data(
        "", status=302, headers={"Location": inside})
    srv.expect_request("/go-localhost").respond_with_data(
        "", status=302, headers={"Location": inside.replace("127.0.0.1", "localhost")})
    srv.expect_request("/robots.txt").respond_with_data("", status=404)
    yield srv
    srv.clear()
    srv.stop()


def _config(partner: HTTPServer, extra_settings: str = "", path: str = "/go-inside"):
    return parse_config(
        "settings:\n  timeout: 5\n  deadline: 20\n  per_host_delay: 0\n" + extra_settings +
        "sources:\n"
        f"  - name: Partner list\n    url: {partner.url_for('/news.html')}\n    kind: listing\n"
        f"  - name: Bouncer\n    url: {partner.url_for(path)}\n    kind: page\n")


def test_a_source_url_that_redirects_inside_fails_with_the_reason(partner: HTTPServer) -> None:
    config = _config(partner)
    outcome = crawl_source(config.sources[1], config)
    assert outcome.status == "failed"
    assert "refused" in (outcome.error or "") and "loopback" in (outcome.error or "")
    assert not outcome.articles


def test_a_host_name_is_judged_by_the_address_it_resolves_to(partner: HTTPServer) -> None:
    config = _config(partner, path="/go-localhost")  # "localhost" is not an IP in the text
    outcome = crawl_source(config.sources[1], config)
    assert outcome.status == "failed" and "refused" in (outcome.error or ""), outcome.error


def test_a_listing_item_that_redirects_inside_is_not_read(partner: HTTPServer) -> None:
    config = _config(partner)
    outcome = crawl_source(config.sources[0], config)
    assert outcome.status == "ok", outcome.error
    texts = " ".join(a.title + a.text for a in outcome.articles)
    assert SECRET not in texts and "Admin console" not in texts
    assert "harbour plan" in texts.lower()  # the item on the partner's own site is read
    assert any("refused" in w and "/r?to=" in w for w in outcome.warnings), outcome.warnings


def test_allow_private_lets_a_named_internal_address_through(partner: HTTPServer,
                                                             internal: HTTPServer) -> None:
    config = _config(partner, f"  allow_private: ['127.0.0.1:{internal.port}']\n")
    outcome = crawl_source(config.sources[1], config)
    assert outcome.status == "ok", outcome.error
    assert SECRET in outcome.articles[0].text


def test_the_internal_text_reaches_no_published_file(partner: HTTPServer, tmp_path: Path) -> None:
    config = tmp_path / "sources.yaml"
    config.write_text(
        "settings:\n  output: out\n  timeout: 5\n  deadline: 20\n  per_host_delay: 0\n"
        "sources:\n"
        f"  - name: Partner list\n    url: {partner.url_for('/news.html')}\n    kind: listing\n"
        f"  - name: Bouncer\n    url: {partner.url_for('/go-inside')}\n    kind: page\n",
        encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "pressflow", "run", "--config", str(config)
                           ], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr  # the Bouncer source failed
    out = tmp_path / "out"
    published = {name: (out / name).read_text(encoding="utf-8")
                 for name in ("feed.xml", "feed.json", "digest.html")}
    assert "Harbour plan" in published["feed.xml"]  # the partner's own story is published
    for name, text in published.items():
        assert SECRET not in text and "Admin console" not in text, name
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    partner = next(s for s in report["sources"] if s["name"] == "Partner list")
    assert partner["status"] == "ok"  # its refused item link is named for it, not hidden
    assert "/r?to=" in partner["error"] and "refused" in partner["error"]
    assert "loopback" in "".join(proc.stdout.replace("│", " ").split())  # and in the summary


@pytest.mark.parametrize("address, kind", [
    ("127.0.0.1", "loopback"), ("10.1.2.3", "private"), ("192.168.0.1", "private"),
    ("169.254.169.254", "link-local"), ("0.0.0.0", "unspecified"), ("224.0.0.1", "multicast"),
    ("240.0.0.1", "reserved"), ("100.64.0.1", "non-global"), ("::1", "loopback"),
    ("::ffff:127.0.0.1", "loopback"), ("::ffff:169.254.169.254", "link-local"),
    ("fe80::1", "link-local"), ("fc00::1", "private"), ("ff02::1", "multicast"),
    ("2002:7f00:1::", "loopback"), ("64:ff9b::a00:1", "private"),
    ("93.184.216.34", None), ("2606:4700::1111", None),
])
def test_every_inside_range_is_named(address: str, kind: str | None) -> None:
    assert address_kind(ipaddress.ip_address(address)) == kind


def test_allow_private_entries_host_port_host_and_network() -> None:
    policy = AddressPolicy.build(["http://127.0.0.1:8001/feed"],
                                 ["intranet.local", "10.0.0.0/8", "db.local:5000"])
    lo = ipaddress.ip_address("127.0.0.1")
    assert policy.permits("127.0.0.1", 8001, lo)
    assert not policy.permits("127.0.0.1", 8002, lo)  # another port of the same host: no
    assert policy.permits("intranet.local", 80, ipaddress.ip_address("192.168.1.1"))
    assert policy.permits("x", 80, ipaddress.ip_address("10.9.9.9"))
    assert policy.permits("db.local", 5000, lo) and not policy.permits("db.local", 5001, lo)
