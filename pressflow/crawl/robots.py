"""robots.txt, read once per site per run (RFC 9309 semantics, parsed by protego).

- 2xx: the rules apply (and a ``Crawl-delay`` slows our requests to that host);
- 4xx (no file, forbidden): no rules, everything allowed;
- 5xx or unreachable: the site is treated as fully disallowed for this run, as the RFC says,
  and the source fails with that reason rather than being crawled blind.

A source may ignore robots.txt only with a stated reason (``robots: "partner asked us to"``
in sources.yaml); the reason is shown in the run report.
"""

from __future__ import annotations

from dataclasses import dataclass

from protego import Protego


@dataclass
class RobotsRules:
    """The rules of one site, or the reason there are none."""

    parser: Protego | None = None
    disallow_all_reason: str | None = None

    def allowed(self, url: str, user_agent: str) -> bool:
        if self.disallow_all_reason:
            return False
        return self.parser is None or self.parser.can_fetch(url, user_agent)

    def crawl_delay(self, user_agent: str) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(user_agent)
        return float(delay) if delay is not None else None


def rules_from_response(status: int | None, body: bytes, error: str | None = None) -> RobotsRules:
    """Rules for a robots.txt answer (status None with ``error``: it could not be fetched)."""
    if status is None:
        return RobotsRules(disallow_all_reason=f"robots.txt unreachable ({error})")
    if status >= 500:
        return RobotsRules(disallow_all_reason=f"robots.txt answered HTTP {status}")
    if status >= 400:
        return RobotsRules()
    text = body[:500_000].decode("utf-8", "replace")
    return RobotsRules(parser=Protego.parse(text))


def robots_url(url: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))
