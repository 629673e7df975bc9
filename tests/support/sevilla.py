"""A Spanish city partner (Ayuntamiento de Sevilla) as an RSS feed and a one-source config,
shared by the tests that follow editors' work over two nightly runs with Apertium."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from lxml import etree

from pressflow.config import load_config
from pressflow.editorial.review import ReviewServer


def sevilla_feed(base: str, items: list[tuple[str, str, str]]) -> str:
    """RSS of ``(guid, title, text)`` items, each dated yesterday, linked under ``base``."""
    day = datetime.now(UTC) - timedelta(days=1)
    entries = "".join(
        f"<item><title>{title}</title><link>{base}/noticias/{slug}</link><guid isPermaLink=\"false\">"
        f"{slug}</guid><pubDate>{format_datetime(day)}</pubDate><description>{text}</description></item>"
        for slug, title, text in items)
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Sevilla</title>'
            f"<link>{base}/</link><description>Noticias</description><language>es</language>"
            f"{entries}</channel></rss>")


def write_sevilla_config(folder: Path, base: str, *extra_settings: str) -> Path:
    """sources.yaml for the partner's ``/rss``, Apertium translating, output in ``folder/out``;
    ``extra_settings`` are more lines under ``settings:`` (e.g. ``publish: {...}``)."""
    config = folder / "sources.yaml"
    extra = "".join(f"  {line}\n" for line in extra_settings)
    config.write_text(f"""sources:
  - name: Ayuntamiento de Sevilla
    url: {base}/rss
    language: es
settings:
  output: out
  per_host_delay: 0
  translate: {{engine: apertium}}
{extra}""", encoding="utf-8")
    return config


def editor_pages(config: Path, out: Path, editor: str = "Ana") -> dict[str, etree._Element]:
    """The review page as ``editor`` sees it and the digest, parsed: where editors look."""
    review = ReviewServer(load_config(config), port=0, editor=editor)
    try:
        return {"review page": etree.HTML(review.page(editor)),
                "digest.html": etree.HTML((out / "digest.html").read_bytes())}
    finally:
        review.httpd.server_close()
