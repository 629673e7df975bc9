"""Fetching documents: http(s) with httpx, and local files for the offline demo.

Every request has connect/read timeouts, a body size cap, a capped number of redirects and
a User-Agent naming the project. Validators (ETag, Last-Modified) from the last success are
sent back, so an unchanged source costs one conditional request.
"""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import unquote, urlparse

import httpx

from . import __version__
from .errors import FetchError
from .models import FetchResult

DEFAULT_USER_AGENT = f"pressflow/{__version__} (+https://github.com/pressflow/pressflow)"


def is_local(url: str) -> bool:
    scheme = urlparse(url).scheme
    return scheme in ("", "file") or len(scheme) == 1  # a Windows drive letter counts as a path


def local_path(url: str, base_dir: Path | None = None) -> Path:
    parsed = urlparse(url)
    path = Path(unquote(parsed.path)) if parsed.scheme == "file" else Path(url)
    if not path.is_absolute() and base_dir is not None:
        path = base_dir / path
    return path


def fetch(url: str, *, source: str | None = None, etag: str | None = None,
          last_modified: str | None = None, timeout: float = 20.0, max_bytes: int = 10_000_000,
          max_redirects: int = 5, user_agent: str = DEFAULT_USER_AGENT,
          base_dir: Path | None = None, client: httpx.Client | None = None) -> FetchResult:
    """Fetch one URL or local path; raise :class:`FetchError` with the reason on failure."""
    if is_local(url):
        return _fetch_local(url, source=source, max_bytes=max_bytes, base_dir=base_dir,
                            etag=etag)
    headers = {"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate, br"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    own_client = client is None
    if client is None:
        client = httpx.Client(follow_redirects=True, max_redirects=max_redirects,
                              timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)))
    started = time.monotonic()
    try:
        with client.stream("GET", url, headers=headers) as response:
            if response.status_code == 304:
                return FetchResult(url=str(response.url), status_code=304, content=b"",
                                   headers=dict(response.headers), not_modified=True,
                                   etag=etag, last_modified=last_modified,
                                   elapsed=time.monotonic() - started)
            if response.status_code >= 400:
                raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}",
                                 source=source, url=url, status_code=response.status_code)
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"body of {int(declared)} bytes is over the {max_bytes}-byte cap",
                                 source=source, url=url, status_code=response.status_code)
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"body is over the {max_bytes}-byte cap", source=source,
                                     url=url, status_code=response.status_code)
                chunks.append(chunk)
            return FetchResult(url=str(response.url), status_code=response.status_code,
                               content=b"".join(chunks), headers=dict(response.headers),
                               etag=response.headers.get("etag"),
                               last_modified=response.headers.get("last-modified"),
                               elapsed=time.monotonic() - started)
    except httpx.TooManyRedirects as exc:
        raise FetchError(f"more than {max_redirects} redirects", source=source, url=url) from exc
    except httpx.TimeoutException as exc:
        raise FetchError(f"timed out after {timeout:g} s ({type(exc).__name__})",
                         source=source, url=url) from exc
    except httpx.UnsupportedProtocol as exc:
        raise FetchError(f"unsupported address: {exc}", source=source, url=url) from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"network error: {exc or type(exc).__name__}", source=source,
                         url=url) from exc
    finally:
        if own_client:
            client.close()


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
