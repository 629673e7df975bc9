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
from pressflow.errors import ConfigError, PressflowError

T = TypeVar("T")


class RichProgress:
    """Progress bars on a terminal (stderr), so stdout stays clean for pipes."""

    def __init__(self) -> None:
        from rich.console import Console

        self.console = Console(stderr=True)

    def track(self, items: Iterable[T], description: str, total: int | None = None) -> Iterator[T]:
        from rich.progress import track

        yield from track(items, description=f"{description:<10}", total=total,
                         console=self.console, transient=True)

    def log(self, message: str) -> None:
        self.console.log(message)


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
    from pressflow.errors import RunLocked

    click.echo(f"Error: {exc}", err=True)
    sys.exit(2 if isinstance(exc, (ConfigError, RunLocked)) else 1)


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
@click.option("--quiet", "-q", is_flag=True, help="No progress and no summary (for cron).")
def run(config_path: str, output: str | None, quiet: bool) -> None:
    """Fetch every source, translate, group stories and publish feeds, digest and report.

    \b
    Exit status: 0 all sources fine, 1 some sources failed (the rest is published),
    2 bad configuration or usage.

    \b
    Example:
      pressflow run --config demo/sources.yaml --output /tmp/pf
    """
    from pressflow.cli.summary import print_summary
    from pressflow.config import load_config
    from pressflow.pipeline.context import SilentProgress
    from pressflow.pipeline.runner import run as run_pipeline

    try:
        config = load_config(config_path)
        if output:
            config.settings["output"] = str(Path(output).resolve())
            config.lines.pop("output", None)  # a message about it must not point at the file
        interactive = sys.stderr.isatty() and not quiet
        progress = RichProgress() if interactive else SilentProgress()
        result = run_pipeline(config, progress=progress)
    except PressflowError as exc:
        _fail(exc)
        return
    except KeyboardInterrupt as exc:  # a second SIGINT/SIGTERM: stop now, stored work is kept
        click.echo(f"pressflow: stopped at once ({exc or 'interrupted'}); run again to finish",
                   err=True)
        sys.exit(130)
    if not quiet:
        print_summary(result.report, config.output_dir)
    sys.exit(result.exit_code)


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False))
def init(directory: str) -> None:
    """Write a commented starter sources.yaml and glossary/ into DIRECTORY.

    \b
    Example:
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

    Two detectors (seeded langdetect + py3langid) are combined; "hint" (a declared or
    expected language) is a prior that wins near-ties on short texts, never clear evidence.

    \b
    Input:  {"id": ..., "text": ..., "hint": "fr"?}
    Output: {"id": ..., "lang": "fr", "confidence": 0.99}   ("und" when unsure)

    \b
    Example:
      echo '{"id":"a","text":"Il Comune di Milano ha incontrato la delegazione"}' | pressflow detect
    """
    from pressflow.language import detect as detect_lang

    for _, obj in _read_jsonl(sys.stdin):
        found = detect_lang(str(obj.get("text") or ""), hint=obj.get("hint"))
        _write({"id": obj["id"], "lang": found.lang, "confidence": found.confidence})


@cli.command()
@click.option("--to", "target", default="en", show_default=True, help="Target language.")
@click.option("--glossary", "glossary_dir", type=click.Path(file_okay=False), default=None,
              help="Glossary folder (SRC-TGT.tsv files, keep.txt); default ./glossary if present.")
@click.option("--engine", type=click.Choice(["auto", "argos", "apertium", "none"]),
              default="auto", show_default=True,
              help="auto: an installed argos package, else Apertium.")
def translate(target: str, glossary_dir: str | None, engine: str) -> None:
    """Translate each JSON line on stdin into the target language, glossary enforced.

    \b
    Input:  {"id": ..., "text": ..., "lang": "fr"?}
    Output: {"id", "lang", "translation", "engine", "status"}
            status: ok | no-model | same-language | error
            (+ "message" for no-model/error, "glossary_violations" when terms went missing)

    \b
    Example:
      echo '{"id":"1","text":"La CGLU se réunit à Séoul","lang":"fr"}' | pressflow translate --to en --glossary glossary
    """
    from pressflow.language import detect as detect_lang
    from pressflow.translate import TranslationRequest, translate_texts

    folder = Path(glossary_dir) if glossary_dir else (Path("glossary") if Path("glossary").is_dir()
                                                      else None)
    rows = [obj for _, obj in _read_jsonl(sys.stdin)]
    requests = [TranslationRequest(str(o["id"]), str(o.get("text") or ""),
                                   o.get("lang") or detect_lang(str(o.get("text") or "")).lang)
                for o in rows]
    try:
        results = translate_texts(requests, target, glossary=folder, engine=engine)
    except PressflowError as exc:
        _fail(exc)
        return
    for obj, res in zip(rows, results):
        _write({"id": obj["id"], "lang": res.lang, "translation": res.translation,
                "engine": res.engine, "status": res.status,
                **({"message": res.message} if res.message else {}),
                **({"glossary_violations": res.glossary_violations}
                   if res.glossary_violations else {})})


@cli.command()
def entities() -> None:
    """Named entities of each JSON line on stdin (people, organisations, places).

    \b
    Input:  {"id": ..., "text": ..., "lang": "fr"?}
    Output: {"id": ..., "entities": [{"text","label","start","end","canonical"}]}

    \b
    Example:
      echo '{"id":"1","text":"Emilia Saiz, Secretary General of UCLG, met in Seoul","lang":"en"}' | pressflow entities

    spaCy NER for languages with an installed model (en, fr), the gazetteer (cities,
    countries, entities.yaml, glossary) for every language; "canonical" is the same name in
    every language (CGLU and UCLG -> UCLG, Séoul and Seul -> Seoul). Without "lang" the
    language is detected, paragraph by paragraph for mixed texts.
    """
    from pressflow.entities.stage import annotate

    rows = [obj for _, obj in _read_jsonl(sys.stdin)]
    found = annotate([(str(o.get("text") or ""), o.get("lang")) for o in rows])
    for obj, ents in zip(rows, found):
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
    Example:
      cat articles.jsonl | pressflow stories
      cat articles.jsonl | pressflow stories --explain | jq .explain   # why joined or apart
    """
    from pressflow.stories.stage import group_stories, story_input_from_json

    rows = [obj for _, obj in _read_jsonl(sys.stdin)]
    traces: dict[str, list[dict[str, Any]]] | None = {} if explain else None
    keys = group_stories([story_input_from_json(o) for o in rows], traces)
    for obj, key in zip(rows, keys, strict=True):
        line: dict[str, Any] = {"id": obj["id"], "story": key}
        if traces is not None:
            line["explain"] = traces.get(str(obj["id"]), [])
        _write(line)


@cli.command()
@click.argument("path_or_url")
@click.option("--language", default=None, help="Language hint if the page declares none.")
def extract(path_or_url: str, language: str | None) -> None:
    """Extract the article of an HTML page: one JSON object {"title","text","published","lang"}.

    A listing page (a news index) prints one line per story instead, each story read from
    its own article page as a run would (same site only; for a local file, only files in
    its folder). "url" is added to each line.

    \b
    Examples:
      pressflow extract demo/pages/shiraz-mayor-wego.html
      pressflow extract demo/pages/uclg-digitalcities-news-fr.html   # 10 lines
    """
    from pressflow.crawl.stage import extract_location

    try:
        articles = extract_location(path_or_url, language=language, base_dir=Path.cwd())
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
    Example:
      pressflow feed demo/feeds/wego.xml
    """
    from pressflow.crawl.feed_reader import parse_feed
    from pressflow.crawl.fetch import fetch

    try:
        result = fetch(path_or_url, source=path_or_url, base_dir=Path.cwd())
        entries = parse_feed(result.content, url=result.url, source=path_or_url,
                             headers=result.headers)
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
    Example:
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
            table.add_row(r.name, r.kind, r.status, str(r.http_status or "-"), str(r.items),
                          str(r.dated), r.language or "-", r.last_modified or "-", r.error or "")
        Console(width=160).print(table)
    sys.exit(1 if any(r.status == "failed" for r in rows) else 0)


@sources.command("import")
@click.argument("opml_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--config", "config_path", default="sources.yaml", show_default=True,
              type=click.Path(dir_okay=False), help="The sources file to append to.")
def sources_import(opml_file: str, config_path: str) -> None:
    """Append the feeds of an OPML file (FreshRSS, Miniflux, any reader) to sources.yaml.

    Sources already present (same address) are skipped; comments in the file are kept.

    \b
    Example:
      pressflow sources import subscriptions.opml --config sources.yaml
    """
    from pressflow.sources.opml import import_opml

    try:
        added, skipped = import_opml(opml_file, config_path)
    except PressflowError as exc:
        _fail(exc)
        return
    for s in added:
        click.echo(f"added {s.name} ({s.kind}) {s.url}")
    click.echo(f"{len(added)} added, {len(skipped)} already present")


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
    from pressflow.publish import publish_settings
    from pressflow.sources.remove import remove_source
    from pressflow.store import Store

    try:
        grace = publish_settings(load_config(config_path))["removed_source_grace_days"]
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
    Example:
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
    if output:
        config.settings["output"] = str(Path(output).resolve())
    return config


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
    Example:
      pressflow publish --config demo/sources.yaml
    """
    from pressflow.publish import open_store, publish_outputs

    try:
        config = _load_for_output(config_path, output)
        with open_store(config) as store:
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
    from pressflow.publish import digest_stories, open_store, publish_settings, render_digest, render_markdown

    try:
        start = parse_since(since) if since else None
        config = _load_for_output(config_path, output)
        with open_store(config) as store:
            items, queue = digest_stories(store, config, since=start)
        title = str(publish_settings(config).get("title") or "Partner news (pressflow)")
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
    Example:
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
    """List installed translation packages: pair, version, size, folder.

    \b
    Example:
      pressflow models list
    """
    from pressflow.translate.models import list_models, locations

    try:
        folder, _ = locations(config_path, models_dir)
    except PressflowError as exc:
        _fail(exc)
        return
    found = list_models(folder)
    if not found:
        click.echo(f"no translation packages installed in {folder}; "
                   "install one with `pressflow models install SRC TGT`")
        return
    for m in found:
        click.echo(f"{m.pair:<10} {m.version:<10} {m.size_bytes / 1e6:8.1f} MB  {m.path}")


@models.command("install")
@click.argument("what", nargs=-1, required=True)
@_models_dir_option
@click.option("--index", "index", default=None, envvar="ARGOS_PACKAGE_INDEX",
              help="Package index URL (default: $ARGOS_PACKAGE_INDEX or argos' public index).")
def models_install(what: tuple[str, ...], models_dir: str | None, config_path: str | None,
                   index: str | None) -> None:
    """Install a package: FILE.argosmodel, or SRC TGT from the package index.

    \b
    Example:
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
    Example:
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
    Example:
      pressflow glossary check glossary
    """


@glossary.command("check")
@click.argument("directory", type=click.Path(file_okay=False, exists=True), default="glossary")
def glossary_check(directory: str) -> None:
    """Read every glossary file; report terms per file, or the first bad line (file:line).

    \b
    Example:
      pressflow glossary check glossary
    """
    from pressflow.translate.glossary import check_folder

    try:
        counts = check_folder(Path(directory))
    except PressflowError as exc:
        _fail(exc)
        return
    for name, n in counts.items():
        click.echo(f"{name}: {n} term(s)")


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
    Example:
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


def main() -> None:
    cli(prog_name="pressflow")

