"""`pressflow review`: the digest served with approve / reject / edit / split / merge forms.

A small standard-library HTTP server (one editor or a few, on a laptop or an intranet box),
so there is nothing more to install or keep patched. Safety, in order of the checks:

- it binds 127.0.0.1 by default; any other address needs ``--token`` (sent once as
  ``?token=...``, then kept in an HttpOnly cookie; or ``Authorization: Bearer ...``);
- on a local bind the ``Host`` header must name the local address (no DNS rebinding);
- every form carries a CSRF token tied to this server process, and a POST whose
  ``Origin`` is another site is refused;
- the page allows no script but its own filter script (Content-Security-Policy), and every
  value from a source is escaped.

Decisions go to the database through :mod:`pressflow.editorial.decisions`; the feeds change at the
next ``pressflow publish`` or ``pressflow run`` (or the page's "Publish now" button).
"""

from __future__ import annotations

import getpass
import hmac
import ipaddress
import re
import secrets
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.cookies import CookieError, SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

from pressflow.config import Config
from pressflow.editorial import decisions as editorial
from pressflow.errors import ConfigError, EditorialError, PressflowError
from pressflow.publish import ReviewState, publish_outputs, render_digest
from pressflow.publish.digest import content_security_policy
from pressflow.publish.stories_view import load_stories
from pressflow.store import Store

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
MAX_BODY = 1_000_000
# seconds a client may stay silent mid-request: a slow or stalled client must not hold a
# server thread (and its socket) for ever
REQUEST_TIMEOUT_S = 30.0
TOKEN_COOKIE = "pressflow_token"
EDITOR_COOKIE = "pressflow_editor"

NOTICES = {
    "approve": "Story {story} approved.",
    "reject": "Story {story} rejected: it leaves the feeds at the next publish.",
    "reopen": "Story {story} is undecided again.",
    "translation": "Translation of story {story} saved; its corrected sentences go to the "
                   "translation memory.",
    "split": "Article split out of story {story} into a new story.",
    "merge": "Story merged into story {story}.",
    "editor": "Editor name saved.",
    "publish": "Feeds and digest written.",
}


def is_loopback_host(host: str) -> bool:
    """True for loopback addresses and ``localhost``: the only binds allowed without a token."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse a non-local bind without a token (anyone on the network could decide)."""
    if token is not None and len(token) < 16:
        raise ConfigError("--token must be at least 16 characters (try: python -c "
                          "'import secrets; print(secrets.token_urlsafe(24))')")
    if not is_loopback_host(host) and not token:
        raise ConfigError(f"--host {host} is reachable from other machines: give --token "
                          "SECRET as well (editors then open the page with ?token=SECRET)")


class ReviewServer:
    """The review application over one config's database; :meth:`serve_forever` runs it."""

    def __init__(self, config: Config, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                 token: str | None = None, editor: str | None = None,
                 request_timeout: float = REQUEST_TIMEOUT_S) -> None:
        check_bind(host, token)
        self.request_timeout = request_timeout
        self.config = config
        self.db_path = config.output_dir / "pressflow.db"
        if not self.db_path.exists():
            raise ConfigError(f"no database at {self.db_path}: run `pressflow run` first",
                              path=str(config.path) if config.path else None)
        self.token = token
        self.default_editor = editor or _login_name()
        self.csrf = secrets.token_urlsafe(32)
        self.title = config.settings.publish.title or "Partner news (pressflow)"
        self.httpd = ThreadingHTTPServer((host, port), self._handler_class())
        self.httpd.daemon_threads = True
        self.host, self.port = host, int(self.httpd.server_address[1])

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    def allowed_hosts(self) -> set[str] | None:
        """Host headers accepted on a local bind; None (any) when a token guards the server."""
        if not is_loopback_host(self.host):
            return None
        return {f"{h}:{self.port}" for h in ("127.0.0.1", "localhost", "[::1]", self.host)}

    def serve_forever(self) -> None:
        self.httpd.serve_forever()

    def start_in_thread(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve_forever, daemon=True, name="pressflow-review")
        thread.start()
        return thread

    def shutdown(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    # -- the pages --------------------------------------------------------------------------
    def page(self, editor: str, message: str = "", error: bool = False) -> str:
        with Store(self.db_path) as store:
            items = load_stories(store, target=self.config.settings.target_language,
                                 include_rejected=True, days=self.config.settings.publish.days)
        return render_digest(items, title=self.title,
                             review=ReviewState(csrf=self.csrf, editor=editor,
                                                message=message, error=error))

    def act(self, path: str, form: dict[str, str], editor: str) -> tuple[str, int]:
        """Apply one POSTed decision; return the notice key and the story to show."""
        with Store(self.db_path) as store:
            if path == "/decide":
                action = form.get("action", "")
                status = {"approve": "approved", "reject": "rejected", "reopen": "new"}.get(action)
                if status is None:
                    raise EditorialError(f"unknown action {action!r}")
                story = _int(form, "story_id")
                editorial.set_status(store, story, status, editor=editor)
                return action, story
            if path == "/translation":
                story = editorial.edit_translation(
                    store, form.get("article_id", ""), title=form.get("title", ""),
                    text=form.get("text", "").replace("\r\n", "\n"), editor=editor,
                    target=self.config.settings.target_language)
                return "translation", story
            if path == "/split":
                return "split", editorial.split(store, form.get("article_id", ""), editor=editor)
            if path == "/merge":
                into = _int(form, "into")
                return "merge", editorial.merge(store, _int(form, "story_id"), into, editor=editor)
            if path == "/publish":  # writes the output folder: one writer at a time
                from pressflow.pipeline.runner import run_lock

                with run_lock(self.config.output_dir):
                    publish_outputs(store, self.config)
                return "publish", 0
        raise LookupError(path)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        app = self

        class Handler(_Handler):
            server_app = app
            timeout = app.request_timeout  # socket timeout (StreamRequestHandler)

        return Handler


def _login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "editor"


def _int(form: dict[str, str], key: str) -> int:
    try:
        return int(form.get(key, ""))
    except ValueError as exc:
        raise EditorialError(f"{key} must be a story number, got "
                                       f"{form.get(key, '')!r}") from exc


class _Handler(BaseHTTPRequestHandler):
    server_app: ReviewServer
    server_version = "pressflow-review"
    sys_version = ""

    # -- plumbing -------------------------------------------------------------------------
    def log_message(self, format: str, *args: Any) -> None:  # "format": the stdlib signature
        pass  # the terminal shows the URL once; per-request lines would only be noise

    def _cookies(self) -> SimpleCookie:
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(self.headers.get("Cookie", ""))
        except CookieError:
            pass
        return jar

    def _cookie(self, name: str) -> str | None:
        morsel = self._cookies().get(name)
        return morsel.value if morsel else None

    def _send(self, status: int, body: str = "", *, headers: dict[str, str] | None = None,
              content_type: str = "text/html; charset=utf-8") -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Content-Security-Policy",
                         content_security_policy(review=True) + "; frame-ancestors 'none'")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _plain(self, status: int, text: str) -> None:
        self._send(status, text + "\n", content_type="text/plain; charset=utf-8")

    def _redirect(self, location: str, headers: dict[str, str] | None = None) -> None:
        self._send(HTTPStatus.SEE_OTHER, "", headers={"Location": location, **(headers or {})})

    def _set_cookie(self, name: str, value: str) -> str:
        return f"{name}={quote(value)}; Path=/; HttpOnly; SameSite=Strict"

    def _editor(self) -> str:
        value = self._cookie(EDITOR_COOKIE)
        name = unquote(value).strip() if value else ""
        return name[:100] or self.server_app.default_editor

    # -- checks ---------------------------------------------------------------------------
    def _host_ok(self) -> bool:
        allowed = self.server_app.allowed_hosts()
        return allowed is None or self.headers.get("Host", "") in allowed

    def _token_ok(self, query: dict[str, list[str]]) -> bool | str:
        """True when no token is needed or a valid one came; the token when it came in the URL."""
        token = self.server_app.token
        if not token:
            return True
        auth = self.headers.get("Authorization", "")
        candidates = [auth[7:].strip() if auth.startswith("Bearer ") else "",
                      unquote(self._cookie(TOKEN_COOKIE) or "")]
        if any(c and hmac.compare_digest(c.encode(), token.encode()) for c in candidates):
            return True
        from_url = (query.get("token") or [""])[0]
        if from_url and hmac.compare_digest(from_url.encode(), token.encode()):
            return from_url
        return False

    def _guard(self) -> dict[str, list[str]] | None:
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        if not self._host_ok():
            self._plain(HTTPStatus.FORBIDDEN, "Forbidden: unexpected Host header (open the "
                                              f"page at {self.server_app.url})")
            return None
        ok = self._token_ok(query)
        if ok is False:
            self._plain(HTTPStatus.UNAUTHORIZED, "Unauthorized: open the page with "
                                                 "?token=YOUR_TOKEN")
            return None
        if isinstance(ok, str) and self.command == "GET":
            # keep the token out of the address bar, history and logs from now on
            self._redirect(parts.path or "/", {"Set-Cookie": self._set_cookie(TOKEN_COOKIE, ok)})
            return None
        return query

    # -- verbs ----------------------------------------------------------------------------
    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        query = self._guard()
        if query is None:
            return
        path = urlsplit(self.path).path
        if path == "/explain":
            self._explain(query)
            return
        if path != "/":
            self._plain(HTTPStatus.NOT_FOUND, "Not found")
            return
        message = ""
        notice = (query.get("done") or [""])[0]
        if notice in NOTICES:
            story = (query.get("story") or ["0"])[0]
            message = NOTICES[notice].format(story=int(story) if story.isdigit() else "?")
        self._page(HTTPStatus.OK, message)

    def _explain(self, query: dict[str, list[str]]) -> None:
        """Why two articles are one story or two: ``?a=ID&b=ID`` (articles) or
        ``?story=N&other=M`` (the two stories' representatives)."""
        def first(key: str) -> str:
            return (query.get(key) or [""])[0]

        try:
            with Store(self.server_app.db_path) as store:
                a, b = first("a"), first("b")
                if not (a and b) and first("story").isdigit() and first("other").isdigit():
                    stories = [store.story(int(first(k))) for k in ("story", "other")]
                    a, b = (s.representative if s and s.representative else "" for s in stories)
                from pressflow.stories.stage import explain_articles

                explained = explain_articles(store, a, b)
                titles = {i: (r.title or "") for i in (a, b) if (r := store.article(i)) is not None}
        except LookupError:
            self._plain(HTTPStatus.NOT_FOUND, "No such article or story")
            return
        except PressflowError as exc:
            self._plain(HTTPStatus.INTERNAL_SERVER_ERROR, f"Error: {exc}")
            return
        self._send(HTTPStatus.OK, render_explanation(explained, titles))

    def _page(self, status: int, message: str = "", error: bool = False) -> None:
        try:
            body = self.server_app.page(self._editor(), message, error)
        except PressflowError as exc:
            self._plain(HTTPStatus.INTERNAL_SERVER_ERROR, f"Error: {exc}")
            return
        self._send(status, body)

    def do_POST(self) -> None:
        if self._guard() is None:
            return
        path = urlsplit(self.path).path
        origin = self.headers.get("Origin")
        if origin and origin != "null" and urlsplit(origin).netloc != self.headers.get("Host"):
            self._plain(HTTPStatus.FORBIDDEN, "Forbidden: the form came from another site")
            return
        declared = self.headers.get("Content-Length") or "0"
        if not re.fullmatch(r"[0-9]{1,12}", declared.strip()):
            self.close_connection = True  # the body's end is unknown: never read it
            self._plain(HTTPStatus.BAD_REQUEST, "Bad Request: Content-Length must be a "
                                                "number of bytes")
            return
        length = int(declared)
        if length > MAX_BODY:
            self.close_connection = True
            self._plain(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "Request too large")
            return
        try:
            raw = self.rfile.read(length).decode("utf-8", errors="replace")
        except TimeoutError:  # the client stopped sending: drop it, free the thread
            self.close_connection = True
            return
        form = {k: v[0] for k, v in parse_qs(raw, keep_blank_values=True).items()}
        if not hmac.compare_digest(form.get("csrf", "").encode(),
                                   self.server_app.csrf.encode()):
            self._plain(HTTPStatus.FORBIDDEN, "Forbidden: missing or stale form token; "
                                              "reload the page and try again")
            return
        if path == "/editor":
            name = re.sub(r"\s+", " ", form.get("editor", "")).strip()[:100]
            if not name:
                self._page(HTTPStatus.BAD_REQUEST, "An editor name is required.", error=True)
                return
            self._redirect("/?done=editor",
                           {"Set-Cookie": self._set_cookie(EDITOR_COOKIE, name)})
            return
        try:
            notice, story = self.server_app.act(path, form, self._editor())
        except LookupError:
            self._plain(HTTPStatus.NOT_FOUND, "Not found")
            return
        except PressflowError as exc:
            self._page(HTTPStatus.BAD_REQUEST, f"Not done: {exc}", error=True)
            return
        anchor = f"#story-{story}" if story else ""
        self._redirect(f"/?done={notice}&story={story}{anchor}")


def render_explanation(explained: dict[str, Any], titles: dict[str, str]) -> str:
    """The review page's answer to "why were these joined (or kept apart)?": the decision, its
    reason and every signal with its value, as `pressflow stories --explain` gives them."""
    from html import escape

    a, b = explained["article"], explained["with"]
    stories = explained["stories"]
    same = stories[a] is not None and stories[a] == stories[b]
    rows = "".join(f"<tr><th scope=\"row\">{escape(str(k))}</th><td>{escape(_signal(v))}</td></tr>"
                   for k, v in explained["signals"].items())
    arts = "".join(f"<li><code>{escape(i)}</code> (story {escape(str(stories[i]))}): "
                   f"<span dir=\"auto\">{escape(titles.get(i, ''))}</span></li>" for i in (a, b))
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Why "
            f"{'one story' if same else 'two stories'}</title></head><body>"
            f"<h1>{'One story' if same else 'Two stories'}: why</h1><ul>{arts}</ul>"
            f"<p>Decision on the pair: <strong>{escape(str(explained['decision']))}</strong>"
            f"{' (score ' + escape(str(explained['score'])) + ')' if explained['score'] is not None else ''}"
            f": {escape(str(explained['reason']))}</p>"
            f"<table><caption>Signals</caption>{rows}</table>"
            "<p><a href=\"/\">Back to the review page</a></p></body></html>")


def _signal(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "none"
    return "none" if value is None else str(value)


def serve(config: Config, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          token: str | None = None, editor: str | None = None,
          ready: Callable[[ReviewServer], None] | None = None) -> None:
    """Run the review server until interrupted (Ctrl-C)."""
    server = ReviewServer(config, host=host, port=port, token=token, editor=editor)
    if ready:
        ready(server)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.httpd.server_close()
