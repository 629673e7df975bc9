"""The editor's digest: one self-contained HTML page (or Markdown for e-mail), story by story.

The page opens from disk with no server and no external asset: CSS and the small filter
script are inline. Everything from a source is escaped by the template engine, links are
kept only when they are http(s), and a Content-Security-Policy allows no script but ours
(by its hash), so a hostile article cannot run anything in an editor's browser. The review
server renders the same template with the decision forms switched on.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from jinja2 import Environment, PackageLoader, select_autoescape

from pressflow.publish.feeds import plain
from pressflow.publish.stories_view import StoryItem, web_link

# Filters by partner, language and entity; reads data-* attributes (JSON), never innerHTML.
FILTER_SCRIPT = """
(function () {
  var sel = function (id) { return document.getElementById(id); };
  var controls = ["f-partner", "f-lang", "f-entity", "f-status"].map(sel).filter(Boolean);
  var stories = Array.prototype.slice.call(document.querySelectorAll("article.story"));
  var has = function (el, attr, value) {
    if (!value) { return true; }
    try { return JSON.parse(el.getAttribute(attr) || "[]").indexOf(value) >= 0; }
    catch (e) { return false; }
  };
  function apply() {
    var p = sel("f-partner").value, l = sel("f-lang").value, e = sel("f-entity").value;
    var s = sel("f-status") ? sel("f-status").value : "";
    var shown = 0;
    stories.forEach(function (el) {
      var ok = has(el, "data-partners", p) && has(el, "data-langs", l) &&
               has(el, "data-entities", e) && (!s || el.getAttribute("data-status") === s);
      el.hidden = !ok;
      if (ok) { shown += 1; }
    });
    sel("f-count").textContent = shown + " of " + stories.length + " shown";
  }
  controls.forEach(function (c) { c.addEventListener("change", apply); });
  apply();
})();
"""


def content_security_policy(review: bool, script: str = FILTER_SCRIPT) -> str:
    """No source but ours: the filter script by its hash, inline styles, no network at all."""
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    policy = ["default-src 'none'", "style-src 'unsafe-inline'", f"script-src 'sha256-{digest}'",
              "img-src data:", "base-uri 'none'"]
    policy.append("form-action 'self'" if review else "form-action 'none'")
    return "; ".join(policy)


def weblink(url: str | None) -> str:
    """Only http(s) addresses become links; anything else (javascript:, data:) is dropped."""
    return web_link(url) or ""


def paragraphs(text: str | None) -> list[str]:
    """One block per line: extracted article text keeps a paragraph per line or per blank line."""
    return [p.strip() for p in re.split(r"\n+", text or "") if p.strip()]


def when(item: StoryItem) -> tuple[str, str]:
    """(machine-readable, shown) date of an item: its source's own offset, or a date alone."""
    if item.published is None:
        return "", "no date"
    if item.date_only:
        return item.published.date().isoformat(), item.published.strftime("%Y-%m-%d")
    return (item.published.isoformat(),
            item.published.strftime("%Y-%m-%d %H:%M ") + (item.published.strftime("%z") or "UTC"))


def item_langs(item: StoryItem) -> list[str]:
    return list(dict.fromkeys([item.lang or "und", *(m.lang or "und" for m in item.also_reported_by)]))


def chips(item: StoryItem) -> list[dict[str, str]]:
    """One chip per canonical entity, labelled with its type."""
    seen: dict[str, str] = {}
    for e in item.entities:
        name = (e.get("canonical") or e.get("text") or "").strip()
        if name and name not in seen:
            seen[name] = str(e.get("label") or "")
    return [{"name": n, "label": seen[n]} for n in sorted(seen, key=str.casefold)]


def memory_flag(item: StoryItem) -> str:
    """The flag of a translation that took segments from the translation memory."""
    found = item.memory_segments
    near = sum(1 for m in found if m.get("match") == "near")
    return (f"{len(found)} segment{'s' if len(found) != 1 else ''} from the translation memory"
            + (f" ({near} near match{'es' if near != 1 else ''})" if near else ""))


_env = Environment(loader=PackageLoader("pressflow.publish", "templates"),
                   autoescape=select_autoescape(default=True, default_for_string=True))
_env.filters.update(weblink=weblink, paragraphs=paragraphs, plain=plain)
_env.globals.update(item_langs=item_langs, chips=chips, when=when, memory_flag=memory_flag)


@dataclass
class ReviewState:
    """What the review page adds to the digest: the form token, the editor, a notice."""

    csrf: str
    editor: str
    message: str = ""
    error: bool = False


def render_digest(items: list[StoryItem], *, title: str, review: ReviewState | None = None,
                  queue: list[StoryItem] | None = None) -> str:
    """The digest page; with ``review`` it carries approve/reject/edit/split/merge forms.

    ``queue`` (with ``publish.require_approval``): the stories waiting for approval, shown
    in their own section above what readers get (``items``).
    """
    every = [*(queue or []), *items]
    partners = sorted({s for i in every for s in i.sources}, key=str.casefold)
    languages = sorted({lang for i in every for lang in item_langs(i)})
    entity_names = sorted({n for i in every for n in i.categories}, key=str.casefold)
    return _env.get_template("digest.html.j2").render(
        title=title, items=items, queue=queue, review=review, partners=partners, languages=languages,
        entity_names=entity_names, script=FILTER_SCRIPT, csp=content_security_policy(review is not None),
        generated=datetime.now(UTC).isoformat(timespec="minutes"))


# -- Markdown, for e-mail -----------------------------------------------------------------
# Characters that start live Markdown anywhere in a line (links, images, tags, emphasis,
# code, tables); ( ) are inert once [ ] are escaped.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>!|~&])")
# ... and at the start of a line only: headings, lists, quotes
_MD_LINE_START = re.compile(r"^(#|[-+]|\d+[.)])")


def md_escape(text: str | None) -> str:
    """Source text as inert Markdown: no link, image, HTML tag or emphasis can come from it."""
    escaped = _MD_SPECIAL.sub(r"\\\1", " ".join((text or "").split()))
    return _MD_LINE_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], escaped)


def md_link(url: str | None) -> str:
    """An http(s) address as an autolink, with the characters that could end it encoded."""
    safe = web_link(url)
    if not safe:
        return ""
    return "<" + safe.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20") + ">"


def _count(n: int) -> str:
    return f"{n} {'story' if n == 1 else 'stories'}"


def render_markdown(items: list[StoryItem], *, title: str, queue: list[StoryItem] | None = None,
                    since: datetime | None = None) -> str:
    """The digest as Markdown: English first, then who reported it, then the flags.

    ``queue`` (with ``publish.require_approval``): the stories waiting for approval, in
    their own section before what readers get. ``since``: said in the heading.
    """
    now = datetime.now(UTC).isoformat(timespec="minutes")
    scope = f" new since {md_escape(since.isoformat(timespec='minutes'))}" if since else ""
    head = f"Digest generated {md_escape(now)}:{scope} {_count(len(items))}"
    if queue is None:
        out = _markdown_stories([f"# {md_escape(title)}", "", head + ".", ""], items)
        return "\n".join(out).rstrip() + "\n"
    out = [f"# {md_escape(title)}", "", f"{head} published, {len(queue)} waiting for approval.", "",
           f"# Waiting for approval ({_count(len(queue))}, not in the feeds until approved)", ""]
    out = _markdown_stories(out, queue) if queue else out + ["Nothing waiting.", ""]
    out += [f"# Published: what readers get ({_count(len(items))})", ""]
    out = _markdown_stories(out, items) if items else out + ["No approved story yet."]
    return "\n".join(out).rstrip() + "\n"


def _markdown_stories(out: list[str], items: list[StoryItem]) -> list[str]:
    """``out`` with one Markdown section per story added."""
    for item in items:
        out.append(f"## {md_escape(plain(item.title))}")
        out.append("")
        date = when(item)[1]
        meta = [f"**{md_escape(item.source)}**", md_escape(date),
                f"language {md_escape(item.lang or 'und')}", f"story {item.id}"]
        if item.status != "new":
            meta.append(md_escape(item.status))
        out.append(" · ".join(meta) + "  ")
        if link := md_link(item.link):
            out.append(f"Original: {link}  ")
        flags = flag_texts(item)
        if flags:
            out.append("Flags: " + "; ".join(md_escape(f) for f in flags) + "  ")
        if item.note and item.status == "new":
            out.append(f"Note: {md_escape(item.note)}  ")
        if item.categories:
            out.append("Entities: " + ", ".join(md_escape(c) for c in item.categories) + "  ")
        out.append("")
        if item.translated:
            out.extend([md_escape(p) + "\n" for p in paragraphs(item.summary)])
        else:
            out.append(f"*Original ({md_escape(item.lang or 'und')}), not translated:* "
                       + md_escape(plain(item.original_title)))
            out.append("")
            out.extend([md_escape(p) + "\n" for p in paragraphs(item.summary)])
        if item.source_changed:
            out.append("*Source changed since the edit.* Source when edited: "
                       + md_escape(plain(item.edited_source_title or "")) + " — "
                       + md_escape(item.edited_source_text or "(not kept)"))
            out.append("")
            out.append("Source now: " + md_escape(plain(item.original_title)) + " — "
                       + md_escape(item.original_text))
            out.append("")
            if item.machine_text:
                out.append("Machine translation of the source now: " + md_escape(item.machine_text))
                out.append("")
        if item.also_reported_by:
            out.append("Also reported by:")
            out.append("")
            for m in item.also_reported_by:
                line = f"- {md_escape(m.source)} ({md_escape(m.lang or 'und')}): {md_escape(plain(m.title))}"
                if link := md_link(m.url):
                    line += f" {link}"
                out.append(line)
            out.append("")
    return out


def flag_texts(item: StoryItem) -> list[str]:
    """The digest's warning flags as sentences (Markdown, terminal)."""
    flags = []
    if item.translation_status == "no-model":
        flags.append("untranslated: no model" + (f" ({item.translation_message})"
                                                 if item.translation_message else ""))
    elif item.translation_status == "error":
        flags.append("translation failed")
    elif item.translation_status is None:
        flags.append("not translated yet")
    if item.glossary_violations:
        flags.append(f"{item.glossary_violations} glossary violation(s)")
    if item.translation_quality:
        flags.append(f"translation likely poor: {item.translation_quality}")
    if item.date_missing:
        flags.append("missing date")
    if item.edited_by:
        flags.append(f"translation edited by {item.edited_by}")
    if item.memory_segments:
        flags.append(memory_flag(item))
    if item.source_changed:
        flags.append("source changed since your edit")
    return flags

