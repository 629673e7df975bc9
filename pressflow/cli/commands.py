"""The `pressflow` command: thin wrappers that parse options, call the library and print.

Stage filters (`detect`, `translate`, `entities`, `stories`) read JSON Lines on stdin and
write one JSON line per input line, in the same order, with `id` echoed back.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import click

from pressflow import __version__
from pressflow.errors import PressflowError, exit_code_for
from pressflow.text.terminal import outside, safe

T = TypeVar("T")


class RichProgress:
    """Progress bars on a terminal (stderr), so stdout stays clean for pipes. Log lines show
    the place in the code (file:line) only at debug level."""

    def __init__(self, debug: bool = False) -> None:
        from rich.console import Console

        self.console = Console(stderr=True, log_path=debug, emoji=False)

    def track(self, items: Iterable[T], description: str, total: int | None = None) -> Iterator[T]:
        from rich.progress import track

        yield from track(items, description=f"{description:<10}", total=total,
                         console=self.console, transient=True)

    def log(self, message: str) -> None:
        # names partners' errors: never markup; the caller's place, not this line
        self.console.log(outside(message), _stack_offset=2)


def _read_jsonl(stream: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise click.ClickException(f"stdin line {number}: not JSON ({exc.msg})") from exc
        if not isinstance(obj, dict) or "id" not in obj:
            raise click.ClickException(f"stdin line {number}: expected an object with an \"id\"")
        yield number, obj


def _write(obj: dict[str, Any]) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False))


def _fail(exc: PressflowError) -> None:
    click.echo(f"Error: {safe(exc)}", err=True)
    sys.exit(exit_code_for(exc))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pressflow")
def cli() -> None:
    """pressflow: partner news in any language -> one English feed and a digest.

    \b
    Every night:   pressflow run --config sources.yaml
    Start a setup: pressflow init my-network
    One stage:     echo '{"id":"1","text":"Bonjour à tous"}' | pressflow detect
    """


@cli.command()
@click.option("--config", "config_path", default="sources.yaml", show_default=True,
              type=click.Path(dir_okay=False), help="The sources file.")
@click.option("--output", type=click.Path(file_okay=False), default=None,
              help="Output folder (default: settings.output of the config, else output/).")
@click.option("--quiet", "-q", is_flag=True,
              help="No progress and no summary (for cron): only one line per failed source, on "
                   "stderr.")
@click.option("--fail-after", type=click.IntRange(min=1), default=1, show_default=True,
              metavar="N", help="Count a source as failed (exit 1, and a line under --quiet) only "
                                "once it has failed N runs in a row.")
@click.option("--debug", "-v", "debug", is_flag=True,
              help="Log every message, with the place in the code it comes from.")
def run(config_path: str, output: str | None, quiet: bool, fail_after: int, debug: bool) -> None:
    """Fetch every source, translate, group stories and publish feeds, digest and report.

    \b
    Exit status: 0 all sources fine, 1 some sources failed (the rest is published),
    2 bad configuration or usage.

    \b
    Examples:
      pressflow run --config demo/sources.yaml --output /tmp/pf
      pressflow run --quiet --fail-after 3     # cron: mail only a partner down 3 nights
    """
    import pressflow
    from pressflow.cli.summary import alerted_exit_code, failed_source_lines, print_summary
    from pressflow.pipeline.context import SilentProgress

    try:
        config = pressflow.load_config(config_path)
        if output:
            config = config.with_output(output)
        interactive = sys.stderr.isatty() and not quiet
        progress = RichProgress(debug) if interactive else SilentProgress(verbose=debug)
        result = pressflow.run(config, progress=progress)
    except PressflowError as exc:
        _fail(exc)
        return
    except KeyboardInterrupt as exc:  # a second SIGINT/SIGTERM: stop now, stored work is kept
        click.echo(f"pressflow: stopped at once ({exc or 'interrupted'}); run again to finish",
                   err=True)
        sys.exit(130)
    if quiet:
        for line in failed_source_lines(result.report, fail_after):
            click.echo(line, err=True)
    else:
        print_summary(result.report, config.output_dir)
    sys.exit(alerted_exit_code(result.report, result.exit_code, fail_after))


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False))
def init(directory: str) -> None:
    """Write a commented starter sources.yaml and glossary/ into DIRECTORY.

    \b
    Examples:
      pressflow init ~/partner-news && cd ~/partner-news && pressflow run
    """
    from pressflow.sources.scaffold import write_starter

    try:
        written = write_starter(Path(directory))
    except PressflowError as exc:
        _fail(exc)
        return
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(f"Next: edit {Path(directory) / 'sources.yaml'}, then run "
               f"`pressflow run --config {Path(directory) / 'sources.yaml'}`")


@cli.command()
def detect() -> None:
    """Detect the language of each JSON line on stdin.

    Four detectors vote, lingua leading (seeded langdetect, py3langid, fastText lid.176
    lite; PRESSFLOW_LINGUA=0 leaves lingua out); "hint" (a declared or
    expected language) is a prior that wins near-ties on short texts, never clear evidence.

    \b
    Input:  {"id": ..., "text": ..., "hint": "fr"?}
    Output: {"id": ..., "lang": "fr", "confidence": 0.99}   ("und" when unsure)

    \b
    Examples:
      echo '{"id":"a","text":"Il Comune di Milano ha incontrato la delegazione"}' | pressflow detect
    """
    import pressflow

    for _, obj in _read_jsonl(sys.stdin):
        text = str(obj.get("text") or "")
        found = pressflow.detect_languages([text], hints=[obj.get("hint")])[0]
        _write({"id": obj["id"], "lang": found.lang, "confidence": found.confidence})


@cli.command()
@click.option("--to", "target", default="en", show_default=True, help="Target language.")
@click.option("--glossary", "glossary_dir", type=click.Path(file_okay=False), default=None,
              help="Glossary folder (SRC-TGT.tsv files, keep.txt); default ./glossary if present.")
@click.option("--engine", type=click.Choice(["auto", "argos", "apertium", "none"]),
              default="auto", show_default=True,
              help="auto: an installed argos package, else Apertium.")
@click.option("--memory", "memory_path", type=click.Path(dir_okay=False), default=None,
              help="Translation memory used before any engine: a .tmx file, or a pressflow.db "
                   "(its editors' corrections).")
def translate(target: str, glossary_dir: str | None, engine: str, memory_path: str | None) -> None:
    """Translate each JSON line on stdin into the target language, glossary enforced.

    \b
    Input:  {"id": ..., "text": ..., "lang": "fr"?}
    Output: {"id", "lang", "translation", "engine", "status"}
            status: ok | no-model | same-language | error
            (+ "message" for no-model/error, "glossary_violations" when terms went missing,
            "memory": segments taken from the translation memory, engine "memory" or "ENGINE+memory")

    \b
    Examples:
      echo '{"id":"1","text":"La CGLU se réunit à Séoul","lang":"fr"}' | pressflow translate --to en --glossary glossary
      pressflow translate --memory output/pressflow.db < lines.jsonl
      pressflow translate --memory corrections.tmx < lines.jsonl
    """
    import pressflow

    folder = Path(glossary_dir) if glossary_dir else (Path("glossary") if Path("glossary").is_dir()
                                                      else None)
    rows = [obj for _, obj in _read_jsonl(sys.stdin)]
    try:
        results = pressflow.translate_texts([str(o.get("text") or "") for o in rows], to=target,
                                      langs=[o.get("lang") for o in rows], glossary=folder,
                                      engine=engine, memory=memory_path)
    except PressflowError as exc:
        _fail(exc)
        return
    for obj, res in zip(rows, results, strict=True):
        _write({"id": obj["id"], "lang": res.lang, "translation": res.translation,
                "engine": res.engine, "status": res.status,
                **({"message": res.message} if res.message else {}),
                **({"glossary_violations": res.glossary_violations}
                   if res.glossary_violations else {}),
                **({"memory": res.memory_segments} if res.memory_segments else {})})


@cli.command()
def entities() -> None:
    """Named entities of each JSON line on stdin (people, organisations, places).

    \b
    Input:  {"id": ..., "text": ..., "lang": "fr"?}
    Output: {"id": ..., "entities": [{"text","label","start","end","canonical"}]}

    \b
    Examples:
      echo '{"id":"1","text":"Emilia Saiz, Secretary General of UCLG, met in Seoul","lang":"en"}' | pressflow entities
      echo '{"id":"2","text":"Il sindaco di Lione Grégory Doucet","lang":"it"}' | pressflow entities

    spaCy NER: the en and fr packages, pressflow's own multilingual pipeline for de, es, it,
    pt, nl, pl, ro, ru (and ca, gl, da, sv, hr, sr, sk) and a Chinese one; the gazetteer (cities,
    countries, entities.yaml, glossary) for every language; "canonical" is the same name in
    every language (CGLU and UCLG -> UCLG, Séoul and Seul -> Seoul). Without "lang" the
    language is detected, paragraph by paragraph for mixed texts.
    """
    import pressflow

    rows = [obj for _, obj in _read_jsonl(sys.stdin)]
    found = pressflow.find_entities([str(o.get("text") or "") for o in rows],
                               langs=[o.get("lang") for o in rows])
    for obj, ents in zip(rows, found, strict=True):
        _write({"id": obj["id"], "entities": [e.contract() for e in ents]})


@cli.command()
@click.option("--explain", is_flag=True,
              help='Add "explain" to each line: every pair scored, its signals and the decision.')
def stories(explain: bool) -> None:
    """Group JSON lines on stdin into stories: equal "story" = same story.

    \b
    Input:  {"id","lang","title","text","url"?,"published"?,"source"?}
    Output: {"id": ..., "story": ...}   (story = id of the story's first article)

    Joins exact duplicates (same address or text), near-duplicates (MinHash of the text)
    and the same news in other languages (shared names, places, numbers and dates within
    a week); look-alikes in other places, other years or with other people stay apart.

    \b
    Examples:
      cat articles.jsonl | pressflow stories
      cat articles.jsonl | pressflow stories --explain | jq .explain   # why joined or apart
    """
    import pressflow

    rows = [obj for _, obj in _read_jsonl(sys.stdin)]
    traces: dict[str, list[dict[str, Any]]] | None = {} if explain else None
    keys = pressflow.group_stories(rows, traces)
    for obj, key in zip(rows, keys, strict=True):
        line: dict[str, Any] = {"id": obj["id"], "story": key}
        if traces is not None:
            line["explain"] = traces.get(str(obj["id"]), [])
        _write(line)


def _selector_option(values: tuple[str, ...]) -> dict[str, str]:
    """``--selector item="div.news > article"`` options as sources.yaml's ``selectors:``,
    checked the same way (known key, CSS that parses)."""
    import difflib

    import soupsieve

    from pressflow.config import SELECTOR_KEYS

    selectors: dict[str, str] = {}
    for value in values:
        key, sep, css = value.partition("=")
        key, css = key.strip(), css.strip()
        if not sep or not css:
            raise click.BadParameter(f"{value!r}: write KEY=CSS, e.g. item=\"div.news > article\"",
                                     param_hint="--selector")
        if key not in SELECTOR_KEYS:
            close = difflib.get_close_matches(key, SELECTOR_KEYS, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"keys: {', '.join(SELECTOR_KEYS)}"
            raise click.BadParameter(f"unknown selector {key!r}; {hint}", param_hint="--selector")
        try:
            soupsieve.compile(css)
        except soupsieve.SelectorSyntaxError as exc:
            raise click.BadParameter(f"{key}={css!r} is not a CSS selector: {exc.args[0]}",
                                     param_hint="--selector") from exc
        selectors[key] = css
    return selectors


@cli.command()
@click.argument("path_or_url")
@click.option("--language", default=None, help="Language hint if the page declares none.")
@click.option("--selector", "selector_values", multiple=True, metavar="KEY=CSS",
              help="A CSS selector as in sources.yaml's `selectors:` (item, title, link, date, "
                   "text, next); repeat for several. Implies --kind listing.")
@click.option("--kind", type=click.Choice(["page", "listing"]), default=None,
              help="Read the page as one article or as a news index (default: guessed).")
@click.option("--max-pages", type=click.IntRange(min=1), default=1, show_default=True,
              help="Listing pages to follow through pagination, as `max_pages`.")
@click.option("--no-follow-links", is_flag=True,
              help="Do not open each story's page (as `follow_links: false`).")
def extract(path_or_url: str, language: str | None, selector_values: tuple[str, ...],
            kind: str | None, max_pages: int, no_follow_links: bool) -> None:
    """Extract the article of an HTML page: one JSON object {"title","text","published","lang"}.

    A listing page (a news index) prints one line per story instead, each story read from
    its own article page as a run would (same site only; for a local file, only files in
    its folder). "url" is added to each line.

    The options are the source settings of sources.yaml, so selectors can be tried here
    before they go into the file.

    \b
    Examples:
      pressflow extract demo/pages/shiraz-mayor-wego.html
      pressflow extract demo/pages/uclg-digitalcities-news-fr.html   # 10 lines
      pressflow extract https://city.example/news --selector item=".news-row" \\
          --selector date=".when" --max-pages 2
    """
    import pressflow

    selectors = _selector_option(selector_values)
    try:
        articles = pressflow.extract_articles(path_or_url, language=language, selectors=selectors,
                                              kind=kind or ("listing" if selectors else "page"),
                                              max_pages=max_pages, follow_links=not no_follow_links)
    except PressflowError as exc:
        _fail(exc)
        return
    for a in articles:
        _write({"title": a.title, "text": a.text,
                "published": a.published.isoformat() if a.published else None,
                "lang": a.lang_hint, "url": a.canonical_url or a.url})


@cli.command()
@click.argument("path_or_url")
def feed(path_or_url: str) -> None:
    """Read an RSS/Atom/RDF feed: one JSON line per entry.

    \b
    Output: {"id","title","link","published","summary","lang"}

    \b
    Examples:
      pressflow feed demo/feeds/wego.xml
    """
    import pressflow

    try:
        entries = pressflow.read_feed(path_or_url)
    except PressflowError as exc:
        _fail(exc)
        return
    for a in entries:
        _write({"id": a.guid or a.url, "title": a.title, "link": a.url,
                "published": a.published.isoformat() if a.published else None,
                "summary": a.summary, "lang": a.lang_hint})


@cli.group()
def sources() -> None:
    """Check, import, export and remove the sources of a sources.yaml.

    \b
    Examples:
      pressflow sources check --config demo/sources.yaml
      pressflow sources remove "Old partner" --config sources.yaml
      pressflow sources export --config demo/sources.yaml > partners.opml
      pressflow sources import partners.opml --config sources.yaml
    """


@sources.command("check")
@click.option("--config", "config_path", default="sources.yaml", show_default=True,
              type=click.Path(dir_okay=False), help="The sources file.")
@click.option("--json", "as_json", is_flag=True, help="One JSON line per source instead of a table.")
def sources_check(config_path: str, as_json: bool) -> None:
    """Fetch each source once and print status, items, language guess, last-modified.

    Nothing is stored. Exit status 1 when a source fails.

    \b
    Examples:
      pressflow sources check --config demo/sources.yaml
    """
    from pressflow.config import load_config
    from pressflow.sources.check import check_sources

    try:
        rows = check_sources(load_config(config_path))
    except PressflowError as exc:
        _fail(exc)
        return
    if as_json:
        for row in rows:
            _write(row.as_dict())
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table("source", "kind", "status", "http", "items", "dated", "lang",
                      "last-modified", "error")
        for r in rows:
            table.add_row(*(outside(v) for v in (
                r.name, r.kind, r.status, r.http_status or "-", r.items, r.dated,
                r.language or "-", r.last_modified or "-", r.error or "")))
        Console(width=160, emoji=False).print(table)
    sys.exit(1 if any(r.status == "failed" for r in rows) else 0)


@sources.command("import")
@click.argument("opml_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--config", "config_path", default="sources.yaml", show_default=True,
              type=click.Path(dir_okay=False), help="The sources file to append to.")
def sources_import(opml_file: str, config_path: str) -> None:
    """Append the feeds of an OPML file (FreshRSS, Miniflux, any reader) to sources.yaml.

    Sources already present (same address, tracking parameters aside) are not added
    again; comments in the file are kept. Only http(s) addresses are imported; an outline
    with a local path, a bad language code or an invalid field is skipped and reported.

    \b
    Examples:
      pressflow sources import subscriptions.opml --config sources.yaml
    """
    from pressflow.sources.opml import import_opml

    try:
        added, present, skipped = import_opml(opml_file, config_path)
    except PressflowError as exc:
        _fail(exc)
        return
    for s in added:
        click.echo(safe(f"added {s.name} ({s.kind}) {s.url}"))
    for left in skipped:
        click.echo(safe(f"skipped {left.name!r} {left.url}: {left.reason}"), err=True)
    click.echo(f"{len(added)} added, {len(present)} already present, {len(skipped)} skipped")


@sources.command("remove")
@click.argument("name")
@click.option("--config", "config_path", default="sources.yaml", show_default=True,
              type=click.Path(dir_okay=False), help="The sources file to remove it from.")
def sources_remove(name: str, config_path: str) -> None:
    """Remove the source NAME from sources.yaml (other entries and comments stay as they are).

    Its articles and history stay in the database; its items leave the feeds
    publish.removed_source_grace_days (default 7) after. Deleting a source from the file by
    hand does the same from the next run.

    \b
    Example:
      pressflow sources remove "Ville de Lyon" --config sources.yaml
    """
    from pressflow.config import load_config
    from pressflow.sources.remove import remove_source
    from pressflow.store import Store

    try:
        grace = load_config(config_path).settings.publish.removed_source_grace_days
        source, config = remove_source(config_path, name)
        database = config.output_dir / "pressflow.db"
        if database.exists():
            with Store(database) as store:
                store.note_removed_sources(s.name for s in config.sources)
    except PressflowError as exc:
        _fail(exc)
        return
    click.echo(f"removed {source.name} ({source.url}) from {config_path}; its items leave the "
               f"feeds in {grace} day(s) (publish.removed_source_grace_days), its history stays "
               "in the database")


@sources.command("export")
@click.option("--config", "config_path", default="sources.yaml", show_default=True,
              type=click.Path(dir_okay=False), help="The sources file.")
def sources_export(config_path: str) -> None:
    """Print the sources as OPML 2.0 (for FreshRSS, Miniflux or another reader).

    \b
    Examples:
      pressflow sources export --config demo/sources.yaml > partners.opml
    """
    from pressflow.config import load_config
    from pressflow.sources.opml import export_opml

    try:
        click.echo(export_opml(load_config(config_path)), nl=False)
    except PressflowError as exc:
        _fail(exc)


def _load_for_output(config_path: str, output: str | None) -> Any:
    """The config, with --output (a folder holding pressflow.db) overriding settings.output."""
    from pressflow.config import load_config

    config = load_config(config_path)
    return config.with_output(output) if output else config


@cli.command()
@click.option("--config", "config_path", default="sources.yaml", show_default=True,
              type=click.Path(dir_okay=False), help="The sources file.")
@click.option("--output", type=click.Path(file_okay=False), default=None,
              help="Output folder holding pressflow.db (default: settings.output).")
def publish(config_path: str, output: str | None) -> None:
    """Write feed.xml, feed.atom, feed.json and digest.html from the database, without crawling.

    Honours editors' decisions (rejected stories stay out; with publish.require_approval
    only approved ones go in) and the publish.days / publish.max_items window.

    \b
    Examples:
      pressflow publish --config demo/sources.yaml
    """
    from pressflow.pipeline.runner import run_lock
    from pressflow.publish import open_store, publish_outputs

    try:
        config = _load_for_output(config_path, output)
        with run_lock(config.output_dir), open_store(config) as store:  # not during a run
            result = publish_outputs(store, config)
    except PressflowError as exc:
        _fail(exc)
        return
    click.echo(f"{result.items} stories published: "
               + ", ".join(str(p) for p in result.files))


@cli.command()
@click.option("--config", "config_path", default="sources.yaml", show_default=True,
              type=click.Path(dir_okay=False), help="The sources file.")
@click.option("--output", type=click.Path(file_okay=False), default=None,
              help="Output folder holding pressflow.db (default: settings.output).")
@click.option("--format", "fmt", type=click.Choice(["html", "markdown"]), default="html",
              show_default=True, help="html: the self-contained page; markdown: for e-mail.")
@click.option("--since", default=None, metavar="DATE|Nd|Nh",
              help="Only stories new since then: an ISO date or time (2026-11-30, "
                   "2026-11-30T06:00+01:00) or a span back from now (1d, 12h).")
def digest(config_path: str, output: str | None, fmt: str, since: str | None) -> None:
    """Print the editor's digest to stdout, for e-mail.

    With publish.require_approval the stories waiting for approval come first, in their
    own section; the published section is what the feeds carry.

    \b
    Examples:
      pressflow digest --config demo/sources.yaml --format markdown
      pressflow digest --format markdown --since 1d     # new since yesterday, for an e-mail
      pressflow digest --format html > /tmp/digest.html
    """
    from pressflow.publish import digest_stories, open_store, render_digest, render_markdown

    try:
        start = parse_since(since) if since else None
        config = _load_for_output(config_path, output)
        with open_store(config) as store:
            items, queue = digest_stories(store, config, since=start)
        title = config.settings.publish.title or "Partner news (pressflow)"
    except PressflowError as exc:
        _fail(exc)
        return
    if fmt == "markdown":
        click.echo(render_markdown(items, title=title, queue=queue, since=start), nl=False)
    else:
        click.echo(render_digest(items, title=title, queue=queue), nl=False)


def parse_since(value: str) -> datetime:
    """``--since``: ``1d`` / ``12h`` / ``90m`` back from now, or an ISO date or time (a date
    is its midnight UTC; a time without an offset is UTC)."""
    span = re.fullmatch(r"\s*(\d+)\s*([dhm])\s*", value)
    if span:
        unit = {"d": "days", "h": "hours", "m": "minutes"}[span[2]]
        return datetime.now(UTC) - timedelta(**{unit: int(span[1])})
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(f"{value!r}: give a date (2026-11-30), a time "
                                 "(2026-11-30T06:00+01:00) or a span back from now (1d, 12h)",
                                 param_hint="--since") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@cli.command()
@click.option("--config", "config_path", default="sources.yaml", show_default=True,
              type=click.Path(dir_okay=False), help="The sources file.")
@click.option("--output", type=click.Path(file_okay=False), default=None,
              help="Output folder holding pressflow.db (default: settings.output).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but a local one needs --token.")
@click.option("--port", default=8765, show_default=True, type=int, help="Port (0: any free one).")
@click.option("--token", envvar="PRESSFLOW_REVIEW_TOKEN", default=None,
              help="Secret editors add once as ?token=... (env PRESSFLOW_REVIEW_TOKEN).")
@click.option("--editor", default=None, help="Default editor name for decisions (else your login).")
def review(config_path: str, output: str | None, host: str, port: int, token: str | None,
           editor: str | None) -> None:
    """Serve the digest with approve / reject / edit translation / split / merge buttons.

    Decisions are saved in the database with the editor's name and the time; the next
    `pressflow publish` or `pressflow run` honours them. Stop with Ctrl-C.

    \b
    Examples:
      pressflow review --config demo/sources.yaml            # http://127.0.0.1:8765/
      pressflow review --host 0.0.0.0 --token "$(openssl rand -hex 16)"
    """
    from pressflow.editorial.review import serve

    def ready(server: Any) -> None:
        click.echo(f"Review page: {server.url}" + ("?token=..." if token else "")
                   + "  (Ctrl-C to stop)", err=True)

    try:
        serve(_load_for_output(config_path, output), host=host, port=port, token=token,
              editor=editor, ready=ready)
    except PressflowError as exc:
        _fail(exc)
    except OSError as exc:
        click.echo(f"Error: cannot listen on {host}:{port}: {exc.strerror}", err=True)
        sys.exit(2)


@cli.group()
def models() -> None:
    """Argos translation packages: list, install, remove (argos' own package folder).

    \b
    Folder: $ARGOS_PACKAGES_DIR, else ~/.local/share/argos-translate/packages.
    Index:  $ARGOS_PACKAGE_INDEX (a URL; index.json is read from it).

    \b
    Examples:
      pressflow models install fr en && pressflow models list
    """


def _models_dir_option(fn: Any) -> Any:
    fn = click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
                      help="Read translate.models_dir / package_index from this sources.yaml.")(fn)
    return click.option("--models-dir", type=click.Path(file_okay=False), default=None,
                        help="Package folder (default: $ARGOS_PACKAGES_DIR or argos' folder).")(fn)


@models.command("list")
@_models_dir_option
def models_list(models_dir: str | None, config_path: str | None) -> None:
    """List every translation engine and pair a run will use, and, for each language of the
    configured sources, which engine translates it (or why none does and what to install).

    Argos packages (pair, version, size, folder), Apertium modes, the pairs they reach
    through a pivot language. The sources' languages are those declared in sources.yaml and
    those detected in the stored articles (output/pressflow.db), when there is one.

    \b
    Examples:
      pressflow models list
      pressflow models list --config /srv/partner-news/sources.yaml
    """
    from dataclasses import replace

    import pressflow
    from pressflow.translate.apertium import ApertiumEngine
    from pressflow.translate.base import TranslateSettings
    from pressflow.translate.core import Engines
    from pressflow.translate.coverage import coverage, source_languages
    from pressflow.translate.models import list_models, locations

    if config_path is None and Path("sources.yaml").is_file():
        config_path = "sources.yaml"
    try:
        folder, _ = locations(config_path, models_dir)
        config = pressflow.load_config(config_path) if config_path else None
        settings = replace(config.settings.translate if config else TranslateSettings(),
                           models_dir=str(folder))
        languages = source_languages(config) if config else {}
    except PressflowError as exc:
        _fail(exc)
        return
    target = config.settings.target_language if config else "en"
    engines = Engines(settings)
    found = list_models(folder)
    if not found:
        click.echo(f"Argos: no translation packages installed in {folder}; "
                   "install one with `pressflow models install SRC TGT`")
    else:
        click.echo(f"Argos packages in {folder}:")
        for m in found:
            click.echo(f"  {m.pair:<10} {m.version:<10} {m.size_bytes / 1e6:8.1f} MB  {m.path}")
    apertium = engines.get("apertium")
    modes = sorted(apertium.modes.values()) if isinstance(apertium, ApertiumEngine) else []
    click.echo(f"Apertium modes: {', '.join(modes)}" if modes else
               "Apertium: not installed, or no language pair installed (apt-get install apertium "
               "apertium-fr-es ...)")
    offered, wanted = coverage(settings, target, sorted(languages), engines)
    click.echo(f"Translated into {target}:" if offered else
               f"Nothing can be translated into {target} yet.")
    for route in offered:
        click.echo(f"  {route.source:<4} {route.describe()}")
    if config is not None:
        click.echo(f"Languages of the sources in {config.path}:" if wanted else
                   f"The sources in {config.path} declare no language and none is stored yet.")
        for route in wanted:
            names = ", ".join(sorted(languages[route.source]))
            click.echo(f"  {route.source:<4} {route.describe()}   [{names}]")


@models.command("install")
@click.argument("what", nargs=-1, required=True)
@_models_dir_option
@click.option("--index", "index", default=None, envvar="ARGOS_PACKAGE_INDEX",
              help="Package index URL (default: $ARGOS_PACKAGE_INDEX or argos' public index).")
def models_install(what: tuple[str, ...], models_dir: str | None, config_path: str | None,
                   index: str | None) -> None:
    """Install a package: FILE.argosmodel, or SRC TGT from the package index.

    \b
    Examples:
      pressflow models install translate-fr_en-1_9.argosmodel
      pressflow models install fr en
    """
    from pressflow.translate.models import install_file, install_from_index, locations

    try:
        folder, index = locations(config_path, models_dir, index)
        if len(what) == 1:
            model = install_file(Path(what[0]), folder)
        elif len(what) == 2:
            model = install_from_index(what[0], what[1], folder, index)
        else:
            raise click.UsageError("give FILE.argosmodel, or SRC TGT (for example: fr en)")
    except PressflowError as exc:
        _fail(exc)
        return
    click.echo(f"installed {model.pair} {model.version} in {model.path}")


@models.command("remove")
@click.argument("source")
@click.argument("target")
@_models_dir_option
def models_remove(source: str, target: str, models_dir: str | None,
                  config_path: str | None) -> None:
    """Remove the installed package for SOURCE -> TARGET.

    \b
    Examples:
      pressflow models remove fr en
    """
    from pressflow.translate.models import locations, remove_model

    try:
        removed = remove_model(source, target, locations(config_path, models_dir)[0])
    except PressflowError as exc:
        _fail(exc)
        return
    for m in removed:
        click.echo(f"removed {m.pair} {m.version} ({m.path})")


@cli.group()
def glossary() -> None:
    """Terminology: check the glossary folder, import TBX or CSV term lists into it.

    \b
    Examples:
      pressflow glossary check glossary --config sources.yaml
      pressflow glossary import uclg-terms.tbx --dir glossary
    """


@glossary.command("check")
@click.argument("directory", required=False, type=click.Path(file_okay=False))
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="sources.yaml whose sources' languages to check (default: ./sources.yaml "
                   "when DIRECTORY is not given).")
@click.option("--lang", "extra_langs", multiple=True, metavar="CODE",
              help="Check this language too (repeatable), as if a source wrote in it.")
def glossary_check(directory: str | None, config_path: str | None, extra_langs: tuple[str, ...]) -> None:
    """Say what the glossary lacks for the languages of the configured sources.

    
    Reads every file of the folder and lists:
      - each malformed line, as file:line and the reason (all of them, not only the first);
      - for each language the sources write in (declared, or detected in the stored
        articles) and each --lang: the local-government concepts of the starter glossary
        (city council, town hall, municipality, mayor, deputy mayor, councillor, metropolitan
        area, regional council, regional government, local authority) with no term in its
        LANG-en.tsv, or that the file is missing;
      - concepts written with different English terms in different languages.
    DIRECTORY defaults to the glossary folder of sources.yaml (settings.glossary).

    
    Exit status: 0 nothing lacks; 1 a language lacks terms or a concept's English term
    differs; 2 a file or line is malformed, or bad usage.

    
    Examples:
      pressflow glossary check
      pressflow glossary check glossary --config /srv/partner-news/sources.yaml
      pressflow glossary check glossary --lang pl --lang nl
      pressflow glossary check || echo "the glossary needs work"
    """
    import pressflow
    from pressflow.errors import GlossaryError
    from pressflow.translate.coverage import source_languages
    from pressflow.translate.glossary_check import check_glossary, format_report

    if config_path is None and directory is None and Path("sources.yaml").is_file():
        config_path = "sources.yaml"
    try:
        config = pressflow.load_config(config_path) if config_path else None
        folder = Path(directory) if directory else (config.glossary_dir if config else Path("glossary"))
        if not folder.is_dir():
            raise GlossaryError("no such glossary folder; create it (pressflow init writes a starter one) "
                                "or name another", path=str(folder))
        languages = source_languages(config) if config else {}
    except PressflowError as exc:
        _fail(exc)
        return
    for code in extra_langs:
        if not re.fullmatch(r"[a-z]{2,3}", code.strip().lower()):
            _fail(GlossaryError(f"--lang {code!r} is not a language code (such as 'pl')"))
        languages.setdefault(code.strip().lower(), set())
    report = check_glossary(folder, languages, config.settings.target_language if config else "en")
    for line in format_report(report):
        click.echo(line)
    sys.exit(report.exit_code)


@glossary.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--dir", "directory", type=click.Path(file_okay=False), default="glossary",
              show_default=True, help="Glossary folder to add the terms to.")
@click.option("--to", "target", default="en", show_default=True, help="Target language.")
@click.option("--from", "source_lang", default=None,
              help="Source language of a source,target CSV file.")
def glossary_import(file: str, directory: str, target: str, source_lang: str | None) -> None:
    """Add the terms of a TBX (.tbx) or CSV file to the glossary's SRC-TGT.tsv files.

    \b
    CSV: a header of language codes (fr,en,note) or source,target,note with --from.
    Terms already in a file are left as they are.

    \b
    Examples:
      pressflow glossary import uclg-terms.tbx --dir glossary
    """
    from pressflow.translate.glossary import import_terms, read_csv, read_tbx

    path = Path(file)
    try:
        terms = (read_csv(path, target, source_lang) if path.suffix.lower() == ".csv"
                 else read_tbx(path, target))
        added = import_terms(terms, Path(directory), target)
    except PressflowError as exc:
        _fail(exc)
        return
    if not added:
        click.echo(f"no {target} terms found in {file}")
    for name, n in added.items():
        click.echo(f"{Path(directory) / name}: {n} term(s) added")


@cli.group()
def memory() -> None:
    """Translation memory: editors' corrections, used before any engine; TMX in and out.

    Every translation an editor saves in `pressflow review` adds its corrected sentences;
    the next run uses them for the same (or a nearly same) source sentence.

    \b
    Examples:
      pressflow memory list
      pressflow memory export corrections.tmx
      pressflow memory import from-our-translators.tmx
    """


def _memory_options(fn: Any) -> Any:
    fn = click.option("--output", type=click.Path(file_okay=False), default=None,
                      help="Output folder holding pressflow.db (default: settings.output).")(fn)
    return click.option("--config", "config_path", default="sources.yaml", show_default=True,
                        type=click.Path(dir_okay=False), help="The sources file.")(fn)


def _pair_filter(pair: str | None) -> tuple[str | None, str | None]:
    if not pair:
        return None, None
    found = re.fullmatch(r"\s*([A-Za-z]{2,3})-([A-Za-z]{2,3})\s*", pair)
    if not found:
        raise click.BadParameter(f"{pair!r}: give SRC-TGT, for example es-en", param_hint="--pair")
    return found[1].lower(), found[2].lower()


@memory.command("list")
@_memory_options
@click.option("--pair", default=None, metavar="SRC-TGT", help="Only this language pair (es-en).")
@click.option("--json", "as_json", is_flag=True, help="One JSON line per segment pair.")
def memory_list(config_path: str, output: str | None, pair: str | None, as_json: bool) -> None:
    """List the segment pairs of the translation memory: id, languages, who, source -> target.

    \b
    Examples:
      pressflow memory list
      pressflow memory list --pair es-en --json | jq .target
    """
    from dataclasses import asdict

    from pressflow.publish import open_store

    source_lang, target_lang = _pair_filter(pair)
    try:
        with open_store(_load_for_output(config_path, output)) as store:
            entries = store.memory_entries(source_lang, target_lang)
            pairs = store.memory_pairs()
    except PressflowError as exc:
        _fail(exc)
        return
    if as_json:
        for e in entries:
            _write(asdict(e))
        return
    if not entries:
        click.echo("The translation memory is empty: editors' corrections in `pressflow review` "
                   "fill it, or `pressflow memory import FILE.tmx`.")
        return
    click.echo("Translation memory: " + ", ".join(f"{s}-{t}: {n}" for s, t, n in pairs
                                                  if (source_lang, target_lang) in
                                                  ((None, None), (s, t))))
    for e in entries:
        who = e.editor or "-"
        click.echo(f"  #{e.id:<5} {e.source_lang}-{e.target_lang}  {e.origin:<10} {safe(who)[:20]:<20} "
                   f"{(e.updated_at or '')[:10]}")
        click.echo(f"         {safe(e.source)}")
        click.echo(f"      -> {safe(e.target)}")


@memory.command("export")
@click.argument("file", type=click.Path(dir_okay=False))
@_memory_options
@click.option("--pair", default=None, metavar="SRC-TGT", help="Only this language pair (es-en).")
def memory_export(file: str, config_path: str, output: str | None, pair: str | None) -> None:
    """Write the translation memory to FILE as TMX 1.4b (OmegaT, Trados, memoQ read it).

    \b
    Examples:
      pressflow memory export corrections.tmx
      pressflow memory export es-en.tmx --pair es-en
    """
    from pressflow.publish import open_store
    from pressflow.translate.tmx import write_tmx

    source_lang, target_lang = _pair_filter(pair)
    try:
        with open_store(_load_for_output(config_path, output)) as store:
            count = write_tmx(store.memory_entries(source_lang, target_lang), Path(file))
    except PressflowError as exc:
        _fail(exc)
        return
    click.echo(f"{count} segment pair(s) written to {file}")


@memory.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@_memory_options
@click.option("--to", "target", default=None,
              help="The language translated into (default: settings.target_language).")
def memory_import(file: str, config_path: str, output: str | None, target: str | None) -> None:
    """Add the segment pairs of a TMX file (any tool's) to the translation memory.

    Every <tu> with a segment in the target language gives one pair per segment in another
    language. A pair whose source segment is already known replaces its translation.
    Inline codes (<bpt>, <ph>...) are dropped; languages like en-GB count as en.

    \b
    Examples:
      pressflow memory import from-our-translators.tmx
      pressflow memory import glossary-sentences.tmx --to en --output /srv/news/output
    """
    from pressflow.store import Store
    from pressflow.translate.tmx import import_tmx, tmx_language

    try:
        config = _load_for_output(config_path, output)
        lang = tmx_language(target) if target else config.settings.target_language
        if not lang:
            raise click.BadParameter(f"{target!r} is not a language code", param_hint="--to")
        with Store(config.output_dir / "pressflow.db") as store:
            found, saved = import_tmx(store, Path(file), lang)
    except PressflowError as exc:
        _fail(exc)
        return
    for why in found.skipped:
        click.echo(f"{file}: skipped {why}", err=True)
    click.echo(f"{file}: {found.units} unit(s) read; {saved.added} pair(s) added, {saved.updated} "
               f"updated, {saved.unchanged} already known, {len(found.skipped)} skipped")


@memory.command("remove")
@click.argument("entry_id", metavar="ID", type=int)
@_memory_options
def memory_remove(entry_id: int, config_path: str, output: str | None) -> None:
    """Remove the segment pair ID (as `pressflow memory list` numbers it): a wrong correction.

    \b
    Examples:
      pressflow memory remove 12
    """
    from pressflow.publish import open_store

    try:
        with open_store(_load_for_output(config_path, output)) as store:
            removed = store.remove_memory_entry(entry_id)
    except PressflowError as exc:
        _fail(exc)
        return
    if removed is None:
        click.echo(f"Error: no segment pair #{entry_id} in the translation memory", err=True)
        sys.exit(1)
    click.echo(f"removed #{entry_id}: {safe(removed.source)} -> {safe(removed.target)}")


def main() -> None:
    cli(prog_name="pressflow")

