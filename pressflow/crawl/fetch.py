"""Fetching documents: polite, bounded, asynchronous http(s), and local files for the demo.

What a night of crawling needs, and where it lives:

- one :class:`Fetcher` per run holds an ``httpx.AsyncClient``; a global semaphore caps the
  requests in flight (setting ``concurrency``), each host gets at most two connections and
  a pause between requests (``per_host_delay``, or the site's robots.txt ``Crawl-delay``);
- robots.txt is read once per site (:mod:`pressflow.crawl.robots`) unless a source states why not;
- 429/502/503/504 are retried with backoff, honouring ``Retry-After`` (seconds or a date)
  while it fits in the source's deadline;
- redirects are followed by hand: capped, loops caught, and a redirect to anything but
  http(s) (``file:///etc/passwd``) is refused, so a server can never make us read a local
  file. Local paths are read only when they come from sources.yaml or the command line;
- every connection (first request, redirect hop, item link, robots.txt) goes to a public
  address: :mod:`pressflow.crawl.address_guard` resolves the host, refuses loopback,
  private, link-local (cloud metadata), multicast and reserved addresses unless a source's
  own url or ``allow_private:`` names them, and connects to the address it checked;
- the body is decompressed here (gzip, deflate, brotli) with the size cap applied to the
  DECOMPRESSED bytes, so a gzip bomb stops at ``max_bytes``; a Content-Length over the cap is
  refused before reading;
- ETag / Last-Modified from the last success are sent back: an unchanged source costs one
  conditional request;
- every read checks the source's deadline, so a server that drips one byte a second fails
  that source on time instead of stalling the night.
"""

from __future__ import annotations

import asyncio
import email.utils
import errno
import socket
import ssl
import time
import zlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path
from typing import TypeVar
from urllib.parse import unquote, urljoin, urlparse, urlsplit

import httpx

from pressflow import __version__
from pressflow.config import Config
from pressflow.crawl.address_guard import AddressPolicy, guarded_transport
from pressflow.crawl.robots import RobotsRules, robots_url, rules_from_response
from pressflow.errors import AddressRefusedError, FetchError, SiteUnreachable
from pressflow.records import FetchResult

DEFAULT_USER_AGENT = f"pressflow/{__version__} (+https://github.com/pressflow/pressflow)"
RETRY_STATUSES = (429, 502, 503, 504)
REDIRECT_STATUSES = (301, 302, 303, 307, 308)
T = TypeVar("T")


def is_local(url: str) -> bool:
    scheme = urlparse(url).scheme
    return scheme in ("", "file") or len(scheme) == 1  # a Windows drive letter counts as a path


def local_path(url: str, base_dir: Path | None = None) -> Path:
    parsed = urlparse(url)
    path = Path(unquote(parsed.path)) if parsed.scheme == "file" else Path(url)
    if not path.is_absolute() and base_dir is not None:
        path = base_dir / path
    return path


@dataclass
class FetchPolicy:
    """Limits for one run; :meth:`from_config` reads them from the settings."""

    timeout: float = 20.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    user_agent: str = DEFAULT_USER_AGENT
    concurrency: int = 8
    per_host_connections: int = 2
    per_host_delay: float = 1.0
    retries: int = 2
    backoff: float = 1.0
    max_crawl_delay: float = 30.0
    # non-public addresses people allowed: sources' own urls and the `allow_private` setting
    addresses: AddressPolicy = field(default_factory=AddressPolicy)

    @classmethod
    def from_config(cls, config: Config, extra_urls: tuple[str, ...] = ()) -> FetchPolicy:
        """Limits from the settings; ``extra_urls`` are addresses a person typed (allowed
        even when they are inside, like the sources' own urls)."""
        crawl = config.settings.crawl
        urls = [s.url for s in config.sources] + list(extra_urls)
        return cls(timeout=crawl.timeout, max_bytes=crawl.max_bytes,
                   max_redirects=crawl.max_redirects,
                   user_agent=DEFAULT_USER_AGENT if "{version}" in crawl.user_agent
                   else crawl.user_agent,
                   concurrency=max(1, crawl.concurrency), per_host_delay=max(0.0, crawl.per_host_delay),
                   addresses=AddressPolicy.build(urls, list(crawl.allow_private)))


@dataclass
class _Host:
    """Per-host politeness state: two connections, a pause between request starts."""

    slots: asyncio.Semaphore
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_start: float = 0.0
    robots: RobotsRules | None = None
    crawl_delay: float = 0.0  # from the site's robots.txt, capped
    robots_lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class Fetcher:
    """One run's HTTP client. Use as ``async with Fetcher(policy) as f: await f.fetch(url)``."""

    def __init__(self, policy: FetchPolicy | None = None,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.policy = policy or FetchPolicy()
        self._transport = transport
        self._client: httpx.AsyncClient | None = None
        self._slots = asyncio.Semaphore(self.policy.concurrency)
        self._hosts: dict[str, _Host] = {}

    async def __aenter__(self) -> Fetcher:
        p = self.policy
        limits = httpx.Limits(max_connections=p.concurrency * 2,
                              max_keepalive_connections=p.concurrency)
        self._client = httpx.AsyncClient(
            follow_redirects=False,
            transport=self._transport or guarded_transport(p.addresses, limits=limits),
            timeout=httpx.Timeout(p.timeout, connect=min(p.timeout, 10.0)),
            limits=limits,
            headers={"User-Agent": p.user_agent, "Accept-Encoding": "gzip, deflate, br"})
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._client is not None:
            await self._client.aclose()

    def _host(self, url: str) -> _Host:
        key = urlsplit(url).netloc.lower()
        if key not in self._hosts:
            self._hosts[key] = _Host(asyncio.Semaphore(self.policy.per_host_connections))
        return self._hosts[key]

    async def fetch(self, url: str, *, source: str | None = None, etag: str | None = None,
                    last_modified: str | None = None, obey_robots: bool = True,
                    allow_local: bool = False, base_dir: Path | None = None,
                    deadline: float | None = None) -> FetchResult:
        """Fetch one URL; raise :class:`FetchError` with the reason on failure.

        ``deadline`` is a ``time.monotonic()`` instant after which the source has failed.
        ``allow_local`` says the URL came from the user (sources.yaml, the command line),
        never from a document, so a local path may be read.
        """
        if is_local(url):
            if not allow_local:
                raise FetchError(f"local path refused: {url} (only sources.yaml may name local "
                                 "files)", source=source, url=url)
            return _fetch_local(url, source=source, max_bytes=self.policy.max_bytes,
                                base_dir=base_dir, etag=etag)
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError(f"unsupported address scheme: {url}", source=source, url=url)
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        seen = {url}
        current = url
        for _hop in range(self.policy.max_redirects + 1):
            if obey_robots:
                await self._check_robots(current, source=source, deadline=deadline)
            status, location, result = await self._request_with_retries(
                current, headers, source=source, deadline=deadline)
            if location is None:
                assert result is not None
                return result
            target = urljoin(current, location)
            scheme = urlsplit(target).scheme.lower()
            if scheme not in ("http", "https"):
                raise FetchError(f"redirect to a non-http address refused: {target}",
                                 source=source, url=url, status_code=status)
            if target in seen:
                raise FetchError(f"redirect loop at {target}", source=source, url=url,
                                 status_code=status)
            seen.add(target)
            current = target
        raise FetchError(f"more than {self.policy.max_redirects} redirects", source=source, url=url)

    async def _check_robots(self, url: str, *, source: str | None,
                            deadline: float | None) -> None:
        host = self._host(url)
        async with host.robots_lock:
            if host.robots is None:
                try:
                    outcome = await self._request_with_retries(
                        robots_url(url), {}, source=source, deadline=deadline, retries=0,
                        accept_errors=True)
                    status, location, result = outcome
                    if location is not None:  # a redirected robots.txt (often to a home page)
                        host.robots = rules_from_response(404, b"")
                    else:
                        host.robots = rules_from_response(status, result.content if result else b"")
                except SiteUnreachable:
                    raise  # not a robots.txt problem: the page cannot be reached either
                except AddressRefusedError as exc:  # the host is inside: so is the page
                    raise AddressRefusedError(exc.reason, source=source, url=url) from None
                except FetchError as exc:
                    if "deadline" in exc.reason:
                        raise
                    host.robots = rules_from_response(None, b"", exc.reason)
        rules = host.robots
        if not rules.allowed(url, self.policy.user_agent):
            reason = rules.disallow_all_reason or "robots.txt disallows this address"
            raise FetchError(f"{reason} (set `robots:` with a reason on the source to override)",
                             source=source, url=url)
        delay = rules.crawl_delay(self.policy.user_agent)
        if delay:
            host.crawl_delay = min(delay, self.policy.max_crawl_delay)

    async def _request_with_retries(
            self, url: str, headers: dict[str, str], *, source: str | None,
            deadline: float | None, retries: int | None = None, accept_errors: bool = False,
    ) -> tuple[int, str | None, FetchResult | None]:
        """(status, redirect location or None, result when not a redirect)."""
        attempts = (self.policy.retries if retries is None else retries) + 1
        for attempt in range(attempts):
            status, location, result, retry_after = await self._request(
                url, headers, source=source, deadline=deadline, accept_errors=accept_errors)
            if status not in RETRY_STATUSES or attempt == attempts - 1:
                if status >= 400 and not accept_errors:
                    raise FetchError(_http_reason(status, retry_after), source=source, url=url,
                                     status_code=status)
                return status, location, result
            wait = retry_after if retry_after is not None else self.policy.backoff * 2 ** attempt
            if deadline is not None and time.monotonic() + wait > deadline:
                raise FetchError(f"HTTP {status}; Retry-After of {wait:g} s is past the "
                                 "source's deadline", source=source, url=url, status_code=status)
            await asyncio.sleep(wait)
        raise AssertionError("unreachable")

    async def _request(self, url: str, headers: dict[str, str], *, source: str | None,
                       deadline: float | None, accept_errors: bool,
                       ) -> tuple[int, str | None, FetchResult | None, float | None]:
        assert self._client is not None, "use `async with Fetcher(...)`"
        host = self._host(url)
        # The host's politeness wait happens before a global slot is taken: a request
        # sleeping out one host's delay must not keep other hosts' requests from starting.
        async with host.slots:
            async with host.lock:  # space out request starts on one host
                delay = max(self.policy.per_host_delay, host.crawl_delay)
                wait = host.next_start - time.monotonic()
                if wait > 0:
                    _check_deadline(deadline, wait, source, url)
                    await asyncio.sleep(wait)
                host.next_start = time.monotonic() + delay
            async with self._slots:
                started = time.monotonic()
                try:
                    return await _bounded(self._exchange(url, headers, source, deadline, started,
                                                         accept_errors), deadline, source, url)
                except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                    site = urlsplit(url).hostname or url
                    raise SiteUnreachable(f"site {site} unreachable: {_connect_failure(exc, self.policy.timeout)}",
                                          source=source, url=url) from exc
                except AddressRefusedError as exc:
                    raise AddressRefusedError(exc.reason, source=source, url=url) from None
                except httpx.TimeoutException as exc:
                    raise FetchError(f"timed out after {self.policy.timeout:g} s "
                                     f"({type(exc).__name__})", source=source, url=url) from exc
                except httpx.HTTPError as exc:
                    raise FetchError(f"network error: {exc or type(exc).__name__}",
                                     source=source, url=url) from exc

    async def _exchange(self, url: str, headers: dict[str, str], source: str | None,
                        deadline: float | None, started: float, accept_errors: bool,
                        ) -> tuple[int, str | None, FetchResult | None, float | None]:
        assert self._client is not None
        request = self._client.build_request("GET", url, headers=headers)
        response = await self._client.send(request, stream=True)
        try:
            status = response.status_code
            if status in REDIRECT_STATUSES and response.headers.get("location"):
                return status, response.headers["location"], None, None
            if status in RETRY_STATUSES or (status >= 400 and not accept_errors):
                return status, None, None, _retry_after(response.headers.get("retry-after"))
            hdrs = {k.lower(): v for k, v in response.headers.items()}
            if status == 304:
                return status, None, FetchResult(
                    url=str(response.url), status_code=304, content=b"", headers=hdrs,
                    not_modified=True, etag=headers.get("If-None-Match"),
                    last_modified=headers.get("If-Modified-Since"),
                    elapsed=time.monotonic() - started), None
            content = await self._read_body(response, source, deadline)
            return status, None, FetchResult(
                url=str(response.url), status_code=status, content=content, headers=hdrs,
                etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
                elapsed=time.monotonic() - started), None
        finally:
            await response.aclose()

    async def _read_body(self, response: httpx.Response, source: str | None,
                         deadline: float | None) -> bytes:
        cap = self.policy.max_bytes
        url = str(response.url)
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchError(f"body of {int(declared)} bytes is over the {cap}-byte cap",
                             source=source, url=url, status_code=response.status_code)
        decoder = _Decoder(response.headers.get("content-encoding", ""), cap, source, url)
        out = bytearray()
        async for chunk in response.aiter_raw():
            _check_deadline(deadline, 0, source, url)
            out += decoder.feed(chunk)
            if len(out) > cap:
                raise FetchError(f"body is over the {cap}-byte cap (after decompression)",
                                 source=source, url=url, status_code=response.status_code)
        out += decoder.flush()
        if len(out) > cap:
            raise FetchError(f"body is over the {cap}-byte cap (after decompression)",
                             source=source, url=url, status_code=response.status_code)
        return bytes(out)


def _connect_failure(exc: BaseException, timeout: float) -> str:
    """Why a connection could not be made, in words: the causes httpx wraps are walked."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, socket.gaierror):
            return f"its name does not resolve (DNS lookup failed: {cause.strerror or cause})"
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused (nothing listens at that address and port)"
        if isinstance(cause, ssl.SSLError):
            return f"TLS handshake failed ({cause.reason or cause})"
        if isinstance(cause, (TimeoutError, httpx.ConnectTimeout)):
            return f"no answer to the connection within {min(timeout, 10.0):g} s (timed out)"
        if isinstance(cause, OSError) and cause.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
            return f"no route to the host ({cause.strerror})"
        cause = cause.__cause__ or cause.__context__
    return f"connection failed ({exc or type(exc).__name__})"


def _check_deadline(deadline: float | None, extra: float, source: str | None, url: str) -> None:
    if deadline is not None and time.monotonic() + extra > deadline:
        raise FetchError("source deadline reached (setting `deadline`)", source=source, url=url)


async def _bounded(awaitable: Awaitable[T], deadline: float | None, source: str | None,
                   url: str) -> T:
    """Run ``awaitable`` but give up at the deadline, whatever the server does."""
    if deadline is None:
        return await awaitable
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        if asyncio.iscoroutine(awaitable):
            awaitable.close()
        raise FetchError("source deadline reached (setting `deadline`)", source=source, url=url)
    try:
        return await asyncio.wait_for(awaitable, remaining)
    except TimeoutError as exc:
        raise FetchError("source deadline reached (setting `deadline`) while the server was "
                         "still sending", source=source, url=url) from exc


class _Decoder:
    """Content-Encoding decoder that never produces more than ``cap + 1`` bytes per call."""

    def __init__(self, encoding: str, cap: int, source: str | None, url: str) -> None:
        self.cap, self.source, self.url = cap, source, url
        codings = [c.strip().lower() for c in encoding.split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        if len(codings) > 1:
            raise FetchError(f"stacked Content-Encoding {encoding!r} is not supported",
                             source=source, url=url)
        self.coding = codings[0] if codings else ""
        if self.coding in ("gzip", "x-gzip", "deflate"):
            self.z = zlib.decompressobj(zlib.MAX_WBITS | 32)
            self.raw_deflate = False
        elif self.coding == "br":
            import brotli

            self.br = brotli.Decompressor()
        elif self.coding:
            raise FetchError(f"unknown Content-Encoding {encoding!r}", source=source, url=url)
        self.produced = 0

    def feed(self, data: bytes) -> bytes:
        try:
            if not self.coding:
                return data
            if self.coding == "br":
                return self._brotli(data)
            return self._zlib(data)
        except (zlib.error, Exception) as exc:
            if isinstance(exc, FetchError):
                raise
            raise FetchError(f"corrupt {self.coding} body: {exc}", source=self.source,
                             url=self.url) from exc

    def _limit(self) -> int:
        return max(1, self.cap + 1 - self.produced)

    def _zlib(self, data: bytes) -> bytes:
        try:
            out = self.z.decompress(data, self._limit())
        except zlib.error:
            if self.coding == "deflate" and not self.raw_deflate and self.produced == 0:
                self.z, self.raw_deflate = zlib.decompressobj(-zlib.MAX_WBITS), True
                out = self.z.decompress(data, self._limit())
            else:
                raise
        self.produced += len(out)
        if self.z.unconsumed_tail and self.produced <= self.cap:
            out += self._zlib_more()
        return out

    def _zlib_more(self) -> bytes:
        chunks = []
        while self.z.unconsumed_tail and self.produced <= self.cap:
            out = self.z.decompress(self.z.unconsumed_tail, self._limit())
            self.produced += len(out)
            chunks.append(out)
        return b"".join(chunks)

    def _brotli(self, data: bytes) -> bytes:
        chunks = [self.br.process(data, output_buffer_limit=self._limit())]
        self.produced += len(chunks[0])
        while not self.br.can_accept_more_data() and self.produced <= self.cap:
            more = self.br.process(b"", output_buffer_limit=self._limit())
            if not more:
                break
            self.produced += len(more)
            chunks.append(more)
        return b"".join(chunks)

    def flush(self) -> bytes:
        if self.coding in ("gzip", "x-gzip", "deflate"):
            return self.z.flush() if self.produced <= self.cap else b""
        return b""


def _retry_after(value: str | None) -> float | None:
    """``Retry-After`` in seconds: a number, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    from datetime import datetime

    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _http_reason(status: int, retry_after: float | None) -> str:
    from http import HTTPStatus

    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = ""
    reason = f"HTTP {status} {phrase}".strip()
    if retry_after is not None and status in RETRY_STATUSES:
        reason += f" (still after retries; Retry-After {retry_after:g} s)"
    return reason


def run_sync(make: Callable[[Fetcher], Awaitable[T]], policy: FetchPolicy | None = None) -> T:
    """Run a coroutine that needs a Fetcher from synchronous code (the CLI)."""
    async def main() -> T:
        async with Fetcher(policy) as fetcher:
            return await make(fetcher)
    return asyncio.run(main())


def fetch(url: str, *, source: str | None = None, etag: str | None = None,
          last_modified: str | None = None, timeout: float = 20.0, max_bytes: int = 10_000_000,
          max_redirects: int = 5, user_agent: str = DEFAULT_USER_AGENT,
          base_dir: Path | None = None, deadline_s: float | None = 120.0,
          obey_robots: bool = True) -> FetchResult:
    """Fetch one URL or local path given by a person (so local paths are allowed)."""
    policy = FetchPolicy(timeout=timeout, max_bytes=max_bytes, max_redirects=max_redirects,
                         user_agent=user_agent, per_host_delay=0.0,
                         addresses=AddressPolicy().with_url(url))
    deadline = time.monotonic() + deadline_s if deadline_s else None
    return run_sync(lambda f: f.fetch(url, source=source, etag=etag, last_modified=last_modified,
                                      allow_local=True, base_dir=base_dir, deadline=deadline,
                                      obey_robots=obey_robots), policy)


def _fetch_local(url: str, *, source: str | None, max_bytes: int,
                 base_dir: Path | None, etag: str | None = None) -> FetchResult:
    """A local file behaves like a server: its mtime and size act as the ETag."""
    path = local_path(url, base_dir)
    started = time.monotonic()
    try:
        stat = path.stat()
        validator = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
        if etag and etag == validator:
            return FetchResult(url=path.resolve().as_uri(), status_code=304, content=b"",
                               headers={}, not_modified=True, etag=etag,
                               elapsed=time.monotonic() - started)
        size = stat.st_size
        if size > max_bytes:
            raise FetchError(f"file of {size} bytes is over the {max_bytes}-byte cap",
                             source=source, url=str(path))
        content = path.read_bytes()
    except FileNotFoundError as exc:
        raise FetchError(f"file not found: {path}", source=source, url=str(path)) from exc
    except IsADirectoryError as exc:
        raise FetchError(f"is a folder, not a file: {path}", source=source, url=str(path)) from exc
    except PermissionError as exc:
        raise FetchError(f"permission denied: {path}", source=source, url=str(path)) from exc
    return FetchResult(url=path.resolve().as_uri(), status_code=None, content=content,
                       headers={}, etag=validator, elapsed=time.monotonic() - started)
