"""A synthetic multilingual news corpus: N sources x M items, feeds and listing pages.

Why synthetic: a benchmark must be reproducible, offline and of any size. Real seeds are a
handful of pages; a network follows hundreds of sources. The generator writes a tree of
files that :mod:`benchmarks.server` serves over HTTP:

- each source is an RSS 2.0 feed, an Atom feed, or an HTML listing page that links to one
  HTML article page per item (article pages exist for feed items too, as on real sites);
- text is real language, not lorem ipsum: parallel sentence templates in English, French,
  Spanish, German, Italian and Portuguese, filled with shared names of people, cities and
  organisations, so language detection, translation and entity recognition see the kind of
  text they will see in production, and the same story told in two languages is a real
  cross-language duplicate;
- a share of items are republished by other sources: the same text under another URL
  (syndication) or the same story in another language (a partner's translation);
- everything is a pure function of (sources, items, seed, base date), so two runs with the
  same arguments produce byte-identical files.
"""

from __future__ import annotations

import json
import random
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from functools import partial
from html import escape
from pathlib import Path

LANGS = ("en", "fr", "es", "de", "it", "pt")
LANG_WEIGHTS = (30, 20, 15, 15, 10, 10)

PEOPLE = ["Anne Hidalgo", "Ada Colau", "Sadiq Khan", "Gaetano Manfredi", "Carlos Moedas",
          "Oh Se-hoon", "Claudia Sheinbaum", "Mohamed Boudra", "Emilia Saiz", "Berry Vrbanovic",
          "Kathrin Schneider", "Ricardo Rio", "Marta Esteves", "Jean-Luc Moudenc", "Giulia Conti",
          "Pedro Sánchez Ruiz", "Ilse Becker", "Lucia Ferrari", "Tomás Oliveira", "Hanna Weber"]
CITIES = ["Paris", "Barcelona", "London", "Naples", "Lisbon", "Seoul", "Rabat", "Montreal",
          "Bordeaux", "Berlin", "Porto", "Bologna", "Valencia", "Hamburg", "Toulouse", "Turin",
          "Braga", "Marseille", "Seville", "Munich", "Dakar", "Quito", "Kigali", "Bogota"]
ORGS = ["UCLG", "WeGO", "Metropolis", "ICLEI", "Eurocities", "UN-Habitat", "C40",
        "the World Bank", "UNESCO", "the Council of Europe"]

# One list per topic: the same meaning in each language (index-aligned with LANGS).
TOPICS = [
    ("public transport", "les transports publics", "el transporte público", "den Nahverkehr",
     "il trasporto pubblico", "o transporte público"),
    ("social housing", "le logement social", "la vivienda social", "den sozialen Wohnungsbau",
     "l'edilizia sociale", "a habitação social"),
    ("climate adaptation", "l'adaptation au climat", "la adaptación climática",
     "die Klimaanpassung", "l'adattamento climatico", "a adaptação climática"),
    ("digital services", "les services numériques", "los servicios digitales",
     "die digitalen Dienste", "i servizi digitali", "os serviços digitais"),
    ("water management", "la gestion de l'eau", "la gestión del agua", "die Wasserwirtschaft",
     "la gestione dell'acqua", "a gestão da água"),
    ("urban green spaces", "les espaces verts urbains", "los espacios verdes urbanos",
     "die städtischen Grünflächen", "gli spazi verdi urbani", "os espaços verdes urbanos"),
    ("waste recycling", "le recyclage des déchets", "el reciclaje de residuos",
     "das Abfallrecycling", "il riciclo dei rifiuti", "a reciclagem de resíduos"),
    ("cultural heritage", "le patrimoine culturel", "el patrimonio cultural", "das Kulturerbe",
     "il patrimonio culturale", "o património cultural"),
    ("local democracy", "la démocratie locale", "la democracia local", "die lokale Demokratie",
     "la democrazia locale", "a democracia local"),
    ("youth employment", "l'emploi des jeunes", "el empleo juvenil", "die Jugendbeschäftigung",
     "l'occupazione giovanile", "o emprego jovem"),
]

# Sentence templates, index-aligned across languages: template k in French says what template
# k says in English, so a story rendered in two languages is a translation of itself.
TEMPLATES: dict[str, list[str]] = {
    "en": [
        "The mayor {person} presented a new plan for {topic} in {city} on {day}.",
        "The city council of {city} approved a budget of {n} million euros for {topic}.",
        "Representatives of {org} met in {city} to discuss {topic} with local partners.",
        "According to {person}, the project will benefit more than {n} thousand residents.",
        "The first results are expected next year, after a public consultation in {city}.",
        "{org} welcomed the initiative and announced technical support for the coming months.",
        "Several neighbourhoods of {city} will take part in a pilot phase starting in spring.",
        "The programme is part of a wider cooperation between {city} and {city2}.",
        "Residents can send their proposals online until the end of the month.",
        "{person} stressed that {topic} remains a priority for the whole metropolitan area.",
        "Experts from {city2} shared their experience during a workshop organised by {org}.",
        "The agreement signed today covers a period of {n} years and can be renewed.",
    ],
    "fr": [
        "Le maire {person} a présenté un nouveau plan pour {topic} à {city} le {day}.",
        "Le conseil municipal de {city} a approuvé un budget de {n} millions d'euros pour {topic}.",
        "Des représentants de {org} se sont réunis à {city} pour discuter de {topic} avec les partenaires locaux.",
        "Selon {person}, le projet bénéficiera à plus de {n} mille habitants.",
        "Les premiers résultats sont attendus l'année prochaine, après une consultation publique à {city}.",
        "{org} a salué l'initiative et annoncé un soutien technique pour les prochains mois.",
        "Plusieurs quartiers de {city} participeront à une phase pilote qui commencera au printemps.",
        "Le programme s'inscrit dans une coopération plus large entre {city} et {city2}.",
        "Les habitants peuvent envoyer leurs propositions en ligne jusqu'à la fin du mois.",
        "{person} a souligné que {topic} reste une priorité pour toute la métropole.",
        "Des experts de {city2} ont partagé leur expérience lors d'un atelier organisé par {org}.",
        "L'accord signé aujourd'hui couvre une période de {n} ans et peut être renouvelé.",
    ],
    "es": [
        "El alcalde {person} presentó un nuevo plan para {topic} en {city} el {day}.",
        "El ayuntamiento de {city} aprobó un presupuesto de {n} millones de euros para {topic}.",
        "Representantes de {org} se reunieron en {city} para debatir sobre {topic} con los socios locales.",
        "Según {person}, el proyecto beneficiará a más de {n} mil vecinos.",
        "Los primeros resultados se esperan el próximo año, tras una consulta pública en {city}.",
        "{org} celebró la iniciativa y anunció apoyo técnico para los próximos meses.",
        "Varios barrios de {city} participarán en una fase piloto que empezará en primavera.",
        "El programa forma parte de una cooperación más amplia entre {city} y {city2}.",
        "Los vecinos pueden enviar sus propuestas en línea hasta el final del mes.",
        "{person} subrayó que {topic} sigue siendo una prioridad para toda el área metropolitana.",
        "Expertos de {city2} compartieron su experiencia durante un taller organizado por {org}.",
        "El acuerdo firmado hoy cubre un periodo de {n} años y puede renovarse.",
    ],
    "de": [
        "Bürgermeister {person} hat am {day} in {city} einen neuen Plan für {topic} vorgestellt.",
        "Der Stadtrat von {city} hat ein Budget von {n} Millionen Euro für {topic} beschlossen.",
        "Vertreter von {org} trafen sich in {city}, um mit lokalen Partnern über {topic} zu sprechen.",
        "Nach Angaben von {person} wird das Projekt mehr als {n} tausend Einwohnern zugutekommen.",
        "Erste Ergebnisse werden im nächsten Jahr nach einer öffentlichen Anhörung in {city} erwartet.",
        "{org} begrüßte die Initiative und kündigte technische Unterstützung für die kommenden Monate an.",
        "Mehrere Stadtteile von {city} nehmen an einer Pilotphase teil, die im Frühjahr beginnt.",
        "Das Programm ist Teil einer breiteren Zusammenarbeit zwischen {city} und {city2}.",
        "Die Einwohner können ihre Vorschläge bis zum Ende des Monats online einreichen.",
        "{person} betonte, dass {topic} für die gesamte Metropolregion eine Priorität bleibt.",
        "Fachleute aus {city2} berichteten in einem von {org} organisierten Workshop über ihre Erfahrungen.",
        "Die heute unterzeichnete Vereinbarung gilt für {n} Jahre und kann verlängert werden.",
    ],
    "it": [
        "Il sindaco {person} ha presentato un nuovo piano per {topic} a {city} il {day}.",
        "Il consiglio comunale di {city} ha approvato un bilancio di {n} milioni di euro per {topic}.",
        "I rappresentanti di {org} si sono riuniti a {city} per discutere di {topic} con i partner locali.",
        "Secondo {person}, il progetto andrà a beneficio di oltre {n} mila residenti.",
        "I primi risultati sono attesi il prossimo anno, dopo una consultazione pubblica a {city}.",
        "{org} ha accolto con favore l'iniziativa e ha annunciato un supporto tecnico per i prossimi mesi.",
        "Diversi quartieri di {city} parteciperanno a una fase pilota che inizierà in primavera.",
        "Il programma fa parte di una cooperazione più ampia tra {city} e {city2}.",
        "I cittadini possono inviare le loro proposte online fino alla fine del mese.",
        "{person} ha sottolineato che {topic} resta una priorità per tutta l'area metropolitana.",
        "Esperti di {city2} hanno condiviso la loro esperienza durante un seminario organizzato da {org}.",
        "L'accordo firmato oggi copre un periodo di {n} anni e può essere rinnovato.",
    ],
    "pt": [
        "O presidente da câmara {person} apresentou um novo plano para {topic} em {city} no dia {day}.",
        "A câmara municipal de {city} aprovou um orçamento de {n} milhões de euros para {topic}.",
        "Representantes de {org} reuniram-se em {city} para debater {topic} com os parceiros locais.",
        "Segundo {person}, o projeto vai beneficiar mais de {n} mil moradores.",
        "Os primeiros resultados são esperados no próximo ano, após uma consulta pública em {city}.",
        "{org} saudou a iniciativa e anunciou apoio técnico para os próximos meses.",
        "Vários bairros de {city} vão participar numa fase piloto que começa na primavera.",
        "O programa faz parte de uma cooperação mais ampla entre {city} e {city2}.",
        "Os moradores podem enviar as suas propostas online até ao final do mês.",
        "{person} sublinhou que {topic} continua a ser uma prioridade para toda a área metropolitana.",
        "Especialistas de {city2} partilharam a sua experiência durante um workshop organizado por {org}.",
        "O acordo assinado hoje abrange um período de {n} anos e pode ser renovado.",
    ],
}
TITLES: dict[str, str] = {
    "en": "{city}: new plan for {topic}",
    "fr": "{city} : un nouveau plan pour {topic}",
    "es": "{city}: nuevo plan para {topic}",
    "de": "{city}: neuer Plan für {topic}",
    "it": "{city}: un nuovo piano per {topic}",
    "pt": "{city}: novo plano para {topic}",
}


@dataclass(frozen=True)
class Story:
    """What a news item says, independent of its language."""

    key: int
    person: str
    city: str
    city2: str
    org: str
    topic: int
    n: int
    sentences: tuple[int, ...]
    published: str  # ISO 8601 UTC


@dataclass
class Item:
    source: int
    index: int
    lang: str
    story: int
    duplicate_of: str | None  # "s3/a7" when this item republishes another source's item
    path: str  # the article page, e.g. "/s12/a4.html"


@dataclass
class SourceSpec:
    index: int
    name: str
    lang: str
    kind: str  # rss | atom | listing
    host: str  # a loopback address of its own, so per-host politeness applies per source
    path: str  # the feed or listing page
    items: list[Item] = field(default_factory=list)


def render_text(story: Story, lang: str) -> tuple[str, list[str]]:
    """(title, paragraphs) of a story in a language; two or three sentences a paragraph."""
    li = LANGS.index(lang)
    topic = TOPICS[story.topic][li]
    day = story.published[:10]
    values = {"person": story.person, "city": story.city, "city2": story.city2,
              "org": story.org, "topic": topic, "n": story.n, "day": day}
    sentences = [TEMPLATES[lang][k].format(**values) for k in story.sentences]
    sentences = [s[0].upper() + s[1:] for s in sentences]
    paragraphs = [" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]
    title = TITLES[lang].format(**values)
    return title[0].upper() + title[1:], paragraphs


def host_for(index: int) -> str:
    """127.1.x.y: one loopback address per source (the whole 127/8 block reaches this host)."""
    return f"127.1.{index // 250}.{index % 250 + 1}"


@dataclass
class Corpus:
    sources: list[SourceSpec]
    stories: dict[int, Story]
    seed: int

    @property
    def item_count(self) -> int:
        return sum(len(s.items) for s in self.sources)


def generate(n_sources: int, n_items: int, *, seed: int = 1, duplicate_share: float = 0.15,
             cross_language_share: float = 0.5, listing_share: float = 0.15,
             rare_lang: str | None = None, rare_sources: int = 0,
             base_date: datetime | None = None) -> Corpus:
    """The corpus as data (no files yet): ``n_sources`` sources of ``n_items`` items each.

    ``rare_lang``/``rare_sources``: exactly that many sources (spread evenly) write in
    ``rare_lang`` and no other item is in it. The benchmark installs a translation model for
    that language only, which bounds the (slow) translation work while keeping it real.
    """
    rng = random.Random(seed)
    common = [lang for lang in LANGS if lang != rare_lang]
    weights = [w for lang, w in zip(LANGS, LANG_WEIGHTS, strict=True) if lang != rare_lang]
    step = n_sources / rare_sources if rare_lang and rare_sources else 0
    rare_at = {int(i * step) for i in range(rare_sources)} if step else set()
    base = (base_date or datetime.now(UTC)).replace(hour=6, minute=0, second=0,
                                                             microsecond=0)
    stories: dict[int, Story] = {}
    sources: list[SourceSpec] = []
    published_items: list[Item] = []
    for si in range(n_sources):
        lang = rng.choices(common, weights=weights)[0]
        if si in rare_at:
            lang = rare_lang  # type: ignore[assignment]
        r = rng.random()
        kind = "listing" if r < listing_share else ("rss" if r < (1 + listing_share) / 2 else "atom")
        path = f"/s{si}/" + {"rss": "feed.xml", "atom": "atom.xml", "listing": "news/"}[kind]
        src = SourceSpec(si, f"bench-{si:05d}", lang, kind, host_for(si), path)
        for ii in range(n_items):
            dup: Item | None = None
            if published_items and lang != rare_lang and rng.random() < duplicate_share:
                dup = rng.choice(published_items)
            if dup is not None:
                story_key = dup.story
                # a partner's translation, or syndication: the same text under another URL
                item_lang = (rng.choice([x for x in common if x != dup.lang])
                             if rng.random() < cross_language_share else dup.lang)
            else:
                story_key = len(stories)
                count = rng.randint(6, 12)
                stories[story_key] = Story(
                    key=story_key, person=rng.choice(PEOPLE), city=rng.choice(CITIES),
                    city2=rng.choice(CITIES), org=rng.choice(ORGS),
                    topic=rng.randrange(len(TOPICS)), n=rng.randint(2, 90),
                    sentences=tuple(rng.sample(range(len(TEMPLATES["en"])), count)),
                    published=(base - timedelta(minutes=rng.randint(0, 60 * 24 * 20))).isoformat())
                item_lang = lang
            item = Item(si, ii, item_lang, story_key,
                        f"s{dup.source}/a{dup.index}" if dup else None, f"/s{si}/a{ii}.html")
            src.items.append(item)
        if lang != rare_lang:  # republished items never copy the rare language
            published_items.extend(src.items)
        sources.append(src)
    return Corpus(sources, stories, seed)


def _url(src: SourceSpec, port: int, path: str) -> str:
    return f"http://{src.host}:{port}{path}"


def _article_html(title: str, paragraphs: list[str], lang: str, published: str, url: str,
                  site: str) -> str:
    body = "\n".join(f"    <p>{escape(p)}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{escape(title)} | {escape(site)}</title>\n"
            f'<link rel="canonical" href="{escape(url)}">\n'
            f'<meta property="article:published_time" content="{published}">\n</head>\n<body>\n'
            f'<header><nav><a href="/">Home</a> <a href="news/">News</a> <a href="/contact">Contact'
            f"</a></nav></header>\n<main>\n  <article>\n    <h1>{escape(title)}</h1>\n"
            f'    <time datetime="{published}">{published[:10]}</time>\n{body}\n  </article>\n'
            f"</main>\n<footer><p>{escape(site)} - all rights reserved</p></footer>\n</body>\n</html>\n")


def _rss(src: SourceSpec, entries: list[dict[str, str]], port: int) -> str:
    items = []
    for e in entries:
        pub = format_datetime(datetime.fromisoformat(e["published"]))
        items.append(
            f"  <item>\n    <title>{escape(e['title'])}</title>\n    <link>{escape(e['url'])}</link>\n"
            f"    <guid isPermaLink=\"true\">{escape(e['url'])}</guid>\n    <pubDate>{pub}</pubDate>\n"
            f"    <description>{escape(e['summary'])}</description>\n"
            f"    <content:encoded><![CDATA[{e['html']}]]></content:encoded>\n  </item>")
    return ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/">\n<channel>\n'
            f"  <title>{escape(src.name)}</title>\n  <link>{_url(src, port, '/')}</link>\n"
            f"  <description>News of {escape(src.name)}</description>\n"
            f"  <language>{src.lang}</language>\n" + "\n".join(items) + "\n</channel>\n</rss>\n")


def _atom(src: SourceSpec, entries: list[dict[str, str]], port: int) -> str:
    items = []
    for e in entries:
        items.append(
            f'  <entry xml:lang="{e["lang"]}">\n    <title>{escape(e["title"])}</title>\n'
            f'    <link href="{escape(e["url"])}"/>\n    <id>{escape(e["url"])}</id>\n'
            f"    <updated>{e['published']}</updated>\n    <published>{e['published']}</published>\n"
            f"    <summary>{escape(e['summary'])}</summary>\n"
            f'    <content type="html">{escape(e["html"])}</content>\n  </entry>')
    updated = max((e["published"] for e in entries), default="2000-01-01T00:00:00+00:00")
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{src.lang}">\n'
            f"  <title>{escape(src.name)}</title>\n  <id>{_url(src, port, '/')}</id>\n"
            f'  <link href="{_url(src, port, "/")}"/>\n  <updated>{updated}</updated>\n'
            + "\n".join(items) + "\n</feed>\n")


def _listing(src: SourceSpec, entries: list[dict[str, str]]) -> str:
    """A news index as CMSs write them: one block per story, a heading with a link, a date
    and a teaser, inside the page's chrome (navigation, footer)."""
    blocks = "\n".join(
        f'    <article class="news-item">\n      <h2><a href="{escape(e["url"])}">'
        f'{escape(e["title"])}</a></h2>\n'
        f'      <time datetime="{e["published"]}">{e["published"][:10]}</time>\n'
        f"      <p>{escape(e['summary'])}</p>\n    </article>" for e in entries)
    return (f'<!DOCTYPE html>\n<html lang="{src.lang}">\n<head><meta charset="utf-8">'
            f"<title>{escape(src.name)}: news</title></head>\n<body>\n"
            f'<header><nav><a href="/">Home</a> <a href="/contact">Contact</a></nav></header>\n'
            f'<main>\n  <h1>News</h1>\n  <section class="news-list">\n{blocks}\n  </section>\n'
            f"</main>\n<footer><p>{escape(src.name)}</p></footer>\n</body>\n</html>\n")


def write(corpus: Corpus, root: Path, port: int) -> dict[str, object]:
    """Write the corpus under ``root/www/<host>/...``; return its manifest (also written).

    URLs are absolute and name the port, so the tree is written after the server has
    chosen its port (the server serves whatever the files say at request time).
    """
    www = root / "www"
    stats = {"sources": len(corpus.sources), "items": corpus.item_count, "bytes": 0,
             "languages": {}, "kinds": {}, "duplicates": 0, "cross_language_duplicates": 0}
    origin: dict[str, Item] = {}
    for src in corpus.sources:
        entries = []
        for item in src.items:
            story = corpus.stories[item.story]
            title, paragraphs = render_text(story, item.lang)
            url = _url(src, port, item.path)
            html_body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
            page = _article_html(title, paragraphs, item.lang, story.published, url, src.name)
            target = www / src.host / item.path.lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page, encoding="utf-8")
            stats["bytes"] += len(page)
            entries.append({"title": title, "url": url, "published": story.published,
                            "summary": paragraphs[0], "html": html_body, "lang": item.lang})
            stats["languages"][item.lang] = stats["languages"].get(item.lang, 0) + 1
            if item.duplicate_of:
                stats["duplicates"] += 1
                first = origin.get(item.duplicate_of)
                if first is not None and first.lang != item.lang:
                    stats["cross_language_duplicates"] += 1
            origin[f"s{src.index}/a{item.index}"] = item
        doc = {"rss": partial(_rss, src, entries, port), "atom": partial(_atom, src, entries, port),
               "listing": partial(_listing, src, entries)}[src.kind]()
        target = www / src.host / src.path.lstrip("/")
        if src.kind == "listing":
            target = target / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(doc, encoding="utf-8")
        stats["bytes"] += len(doc)
        stats["kinds"][src.kind] = stats["kinds"].get(src.kind, 0) + 1
        (www / src.host / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    manifest = {"seed": corpus.seed, "port": port, "stats": stats,
                "sources": [{"name": s.name, "url": _url(s, port, s.path), "lang": s.lang,
                             "kind": s.kind, "items": [asdict(i) for i in s.items]}
                            for s in corpus.sources]}
    (root / "manifest.json").write_text(json.dumps(manifest))
    return manifest


def sources_yaml(manifest: dict[str, object], output: Path, extra_settings: dict[str, object]) -> str:
    """A pressflow sources.yaml for the corpus (feeds as ``feed``, listing pages as ``listing``)."""
    import yaml

    settings = {"output": str(output), **extra_settings}
    sources = [{"name": s["name"], "url": s["url"],
                "kind": "listing" if s["kind"] == "listing" else "feed", "language": s["lang"]}
               for s in manifest["sources"]]  # type: ignore[index]
    return yaml.safe_dump({"settings": settings, "sources": sources}, sort_keys=False,
                          allow_unicode=True)
