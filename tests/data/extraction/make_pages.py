"""Writes the extraction evaluation set: pages/*.html and cases.json.

The set was written for pressflow's evaluation, not copied from the seeds: 32 short news
items by municipalities and city networks in 7 languages, each dressed in one of 9 page
styles that partner sites really use (WordPress, Drupal, Joomla, TYPO3, an Italian
municipal portal, a news site with JSON-LD, a 2000s table layout in windows-1252, a static
site generator, a SharePoint-like intranet portal). Each style brings its own chrome:
menus, cookie banners, share bars, translation widgets, related articles, comments,
footers. The publication date is given the way each style gives it (structured data, a
``<time>``, the URL, a byline in the page's language, numeric, or not at all).

cases.json holds, per page: the language, the true date (or null when the page has none),
snippets the extracted text must contain (from the beginning, middle and end of the body)
and snippets it must not contain (chrome). Run this file again after editing the content;
the benchmark (benchmarks/extraction.py) reads only the written files.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Per-language chrome: menu, cookie banner, newsletter, related heading + items, footer, share.
CHROME = {
    "en": dict(menu=["Planning applications and building control", "Home", "About the council", "Services", "News", "Contact us"],
               cookie="We use cookies to improve your experience on our website. By continuing to browse you agree to our cookie policy.",
               accept="Accept all cookies", newsletter="Sign up to our weekly newsletter",
               related="Related news", rel=["Council approves new library opening hours", "Roadworks on Station Street next week"],
               footer="Town Hall, Market Square 1. Switchboard open Monday to Friday", share="Share this page",
               comments="Leave a reply", translate="Powered by Google Translate", read="Read more"),
    "fr": dict(menu=["Marchés publics et appels d'offres", "Accueil", "La mairie", "Démarches", "Actualités", "Nous contacter"],
               cookie="Ce site utilise des cookies pour mesurer l'audience. En poursuivant votre navigation, vous acceptez leur utilisation.",
               accept="Tout accepter", newsletter="Abonnez-vous à notre lettre d'information",
               related="À lire aussi", rel=["Travaux de voirie rue Victor Hugo", "Inscriptions scolaires : les dates à retenir"],
               footer="Hôtel de ville, place de la République. Accueil du lundi au vendredi", share="Partager sur",
               comments="Laisser un commentaire", translate="Fourni par Gtranslate", read="Lire la suite"),
    "es": dict(menu=["Sede electrónica y perfil del contratante", "Inicio", "Ayuntamiento", "Trámites", "Noticias", "Contacto"],
               cookie="Utilizamos cookies propias y de terceros para mejorar nuestros servicios. Si continúa navegando, consideramos que acepta su uso.",
               accept="Aceptar cookies", newsletter="Suscríbete a nuestro boletín",
               related="Noticias relacionadas", rel=["Cortes de tráfico por la carrera popular", "Abierto el plazo de las becas de comedor"],
               footer="Plaza Mayor 1. Registro general de lunes a viernes", share="Compartir en",
               comments="Deja un comentario", translate="Con la tecnología de Google Translate", read="Leer más"),
    "it": dict(menu=["Amministrazione trasparente e albo pretorio", "Home", "Amministrazione", "Servizi", "Novità", "Vivere il Comune"],
               cookie="Questo sito utilizza cookie tecnici e, previo consenso, cookie di profilazione. Chiudendo questo banner acconsenti all'uso dei cookie.",
               accept="Accetta tutti", newsletter="Iscriviti alla newsletter del Comune",
               related="Notizie correlate", rel=["Chiusura temporanea dello sportello anagrafe", "Raccolta differenziata: nuovo calendario"],
               footer="Piazza del Municipio 1 - Codice fiscale 00123450789 - PEC protocollo", share="Condividi",
               comments="Lascia un commento", translate="Fornito da Google Traduttore", read="Leggi di più"),
    "de": dict(menu=["Ausschreibungen und Vergaben der Stadt", "Startseite", "Rathaus", "Bürgerservice", "Aktuelles", "Kontakt"],
               cookie="Diese Website verwendet Cookies. Wenn Sie die Seite weiter nutzen, stimmen Sie der Verwendung von Cookies zu.",
               accept="Alle akzeptieren", newsletter="Newsletter abonnieren",
               related="Weitere Meldungen", rel=["Sperrung der Brückenstraße ab Montag", "Wertstoffhof mit neuen Öffnungszeiten"],
               footer="Rathausplatz 1, Bürgerbüro Montag bis Freitag geöffnet", share="Seite teilen",
               comments="Kommentar schreiben", translate="Bereitgestellt von Google Übersetzer", read="Weiterlesen"),
    "pt": dict(menu=["Contratação pública e editais municipais", "Início", "Câmara Municipal", "Serviços", "Notícias", "Contactos"],
               cookie="Este sítio utiliza cookies para melhorar a sua experiência de navegação. Ao continuar, aceita a utilização de cookies.",
               accept="Aceitar cookies", newsletter="Subscreva a nossa newsletter",
               related="Notícias relacionadas", rel=["Obras na Avenida da Liberdade", "Feira do livro regressa ao jardim municipal"],
               footer="Praça do Município, atendimento de segunda a sexta-feira", share="Partilhar",
               comments="Deixe um comentário", translate="Com tecnologia do Google Tradutor", read="Ler mais"),
    "ro": dict(menu=["Monitorul oficial local și hotărâri", "Acasă", "Primăria", "Servicii", "Noutăți", "Contact"],
               cookie="Acest site folosește cookie-uri pentru a vă oferi o experiență mai bună. Continuarea navigării reprezintă acordul dumneavoastră.",
               accept="Accept", newsletter="Abonează-te la newsletter",
               related="Articole similare", rel=["Lucrări de asfaltare pe strada Unirii", "Program special la centrul de informare"],
               footer="Piața Unirii nr. 1, program cu publicul de luni până vineri", share="Distribuie",
               comments="Lasă un comentariu", translate="Oferit de Google Traducere", read="Citește mai mult"),
}

# (slug, lang, style, true date or None, title, [paragraphs])
ARTICLES = [
    ("en-riverside-flood-plan", "en", "wordpress", "2023-03-14", "Riverside districts get a new flood plan",
     ["The city council adopted a flood resilience plan for the three riverside districts on Tuesday evening, after eighteen months of consultation with residents.",
      "The plan moves the pumping stations above the 1-in-200-year flood line and turns two car parks into retention basins that double as sports grounds.",
      "Work on the first basin starts in September and will be paid for by the regional climate adaptation fund and the municipal budget in equal parts."]),
    ("en-digital-inclusion-week", "en", "newsjsonld", "2024-02-05", "Digital inclusion week brings volunteers to every library",
     ["For one week, volunteers will help older residents set up online banking, video calls with family and the council's new appointment booking system.",
      "Last year's edition reached more than 1,400 people, and the library service says demand for one-to-one sessions has doubled since then.",
      "Sessions are free and no booking is needed; tablets are lent on site for those who do not own a device."]),
    ("en-mayors-climate-pledge", "en", "static", "2022-11-08", "Forty mayors sign the regional climate pledge",
     ["Mayors of forty towns signed a pledge to cut municipal emissions by half before 2030, at a ceremony held in the old exchange building.",
      "Each signatory commits to publishing an annual emissions inventory, using a common method agreed with the regional energy agency.",
      "The network will meet again next spring to compare the first inventories and to share procurement contracts for electric buses."]),
    ("en-open-data-portal", "en", "sharepoint", None, "Open data portal reaches 500 datasets",
     ["The municipal open data portal now publishes 500 datasets, from bus stop locations to the energy use of every public building.",
      "Developers used the data to build a parking availability app and a map of accessible playgrounds that parents helped test.",
      "The data team invites residents to suggest new datasets through the feedback form on the portal's front page."]),
    ("en-sister-city-delegation", "en", "drupal", "2021-09-23", "Delegation from sister city visits the innovation district",
     ["A delegation of twelve officials from our sister city spent two days in the innovation district, visiting start-ups and the municipal data centre.",
      "Both cities agreed to exchange staff for three months next year, focusing on procurement of digital services and on smart street lighting.",
      "The visit closed with a public lecture on how small cities can share infrastructure without losing control of their data."]),
    ("fr-budget-participatif", "fr", "wordpress", "2024-07-12", "Budget participatif : 27 projets retenus par les habitants",
     ["Les habitants ont voté pendant trois semaines pour choisir les projets financés par le budget participatif, doté cette année de deux millions d'euros.",
      "Parmi les 27 projets retenus figurent une ressourcerie de quartier, des jardins partagés sur les toits des écoles et l'éclairage de la piste cyclable du canal.",
      "Les services municipaux présenteront le calendrier des travaux lors d'une réunion publique à la salle des fêtes le mois prochain."]),
    ("fr-jumelage-dakar", "fr", "joomla", "2022-05-24", "Rencontre des villes jumelées autour de l'eau potable",
     ["Du 24 au 27 mai, les élus des villes jumelées se sont retrouvés pour faire le point sur le programme d'accès à l'eau potable lancé il y a quatre ans.",
      "Douze bornes-fontaines ont été installées et un comité d'usagers gère désormais l'entretien du réseau dans chaque quartier concerné.",
      "La prochaine étape portera sur l'assainissement, avec l'appui technique de l'agence de l'eau et d'une coopérative locale."]),
    ("fr-conseil-municipal-numerique", "fr", "legacy", "2019-12-16", "Le conseil municipal adopte sa stratégie numérique",
     ["Réuni lundi soir, le conseil municipal a adopté à l'unanimité la stratégie numérique de la commune pour les cinq prochaines années.",
      "Elle prévoit la dématérialisation de toutes les démarches courantes, tout en conservant un accueil physique et téléphonique pour les personnes éloignées du numérique.",
      "Un médiateur numérique sera recruté au printemps pour accompagner les habitants dans les maisons de quartier."]),
    ("fr-semaine-mobilite", "fr", "newsjsonld", "2023-09-18", "Semaine de la mobilité : la navette électrique devient gratuite",
     ["À l'occasion de la semaine européenne de la mobilité, la navette électrique qui relie la gare au centre historique devient gratuite pour tous.",
      "La fréquentation a augmenté de 40 % depuis la mise en service des nouveaux véhicules, selon le bilan présenté par l'exploitant.",
      "La municipalité étudie l'extension de la ligne vers le parc d'activités et l'hôpital d'ici la fin du mandat."]),
    ("fr-reseau-villes-durables", "fr", "typo3", "2021-03-03", "Le réseau des villes durables accueille trois nouveaux membres",
     ["Trois communes rejoignent le réseau des villes durables, qui compte désormais soixante membres répartis dans sept pays francophones.",
      "Les nouvelles adhérentes participeront dès cette année aux ateliers sur la rénovation énergétique des bâtiments scolaires.",
      "Le réseau publiera en juin un guide pratique sur les achats publics responsables, rédigé avec ses membres."]),
    ("es-ciudades-educadoras", "es", "wordpress", "2022-10-27", "El congreso de ciudades educadoras reúne a 300 delegados",
     ["Más de trescientos delegados de ayuntamientos de doce países participaron en el congreso internacional de ciudades educadoras.",
      "Las sesiones trataron la educación a lo largo de la vida, el papel de las bibliotecas municipales y la participación de la infancia en el diseño urbano.",
      "La declaración final compromete a las ciudades firmantes a evaluar sus políticas educativas cada dos años."]),
    ("es-huertos-urbanos", "es", "drupal", "2023-04-11", "Nuevos huertos urbanos en cuatro barrios",
     ["El ayuntamiento ha cedido cuatro solares municipales para crear huertos urbanos gestionados por asociaciones vecinales.",
      "Cada huerto contará con riego por goteo alimentado con agua de lluvia y con un espacio reservado a los colegios del barrio.",
      "Las parcelas se adjudicarán por sorteo entre las personas empadronadas que presenten su solicitud antes de fin de mes."]),
    ("es-plan-movilidad", "es", "municipal", "2024-06-06", "Aprobado el plan de movilidad sostenible",
     ["El pleno municipal aprobó el plan de movilidad urbana sostenible, que reduce el tráfico de paso en el casco antiguo.",
      "El documento prevé diez kilómetros de carril bici segregado, aparcamientos disuasorios en las entradas de la ciudad y más frecuencia de autobuses.",
      "El plan se revisará dentro de cuatro años con los datos de los aforos automáticos instalados este verano."]),
    ("es-red-ciudades-inteligentes", "es", "newsjsonld", "2020-02-19", "La red de ciudades inteligentes elige nueva presidencia",
     ["La asamblea de la red de ciudades inteligentes eligió por unanimidad a la alcaldesa anfitriona como presidenta para los próximos dos años.",
      "Entre sus prioridades está la interoperabilidad de las plataformas urbanas y la formación del personal técnico municipal.",
      "La asamblea aprobó también la incorporación de cinco ayuntamientos de menos de veinte mil habitantes."]),
    ("es-legado-ferial", "es", "legacy", "2018-06-15", "Feria de soluciones ciudadanas en el mercado central",
     ["Durante tres días, el mercado central acogió una feria de soluciones ciudadanas con proyectos de vecinos, universidades y pequeñas empresas.",
      "Los visitantes pudieron probar una aplicación para reservar salas vecinales y un sistema de sensores que mide el ruido nocturno.",
      "Los proyectos más votados recibirán apoyo técnico del ayuntamiento durante seis meses."]),
    ("it-delegazione-seoul", "it", "municipal", "2019-06-07", "Il Comune incontra la delegazione di Seoul",
     ["Il 6 giugno l'Unità Smart City ha incontrato la delegazione del Governo Metropolitano di Seoul per uno scambio di buone pratiche.",
      "Al centro dell'incontro i servizi digitali per i cittadini, la gestione dei dati urbani e i progetti di illuminazione intelligente.",
      "Le due amministrazioni hanno concordato di proseguire il confronto con una videoconferenza entro la fine dell'anno."]),
    ("it-biblioteca-diffusa", "it", "wordpress", "2023-01-30", "Nasce la biblioteca diffusa nei quartieri",
     ["Da febbraio i libri della biblioteca civica si potranno prendere in prestito anche nei centri civici di cinque quartieri.",
      "Il servizio usa la stessa tessera della biblioteca centrale e permette di restituire i volumi in qualsiasi punto della rete.",
      "L'assessorato alla cultura prevede di aggiungere altri tre punti di prestito entro l'estate."]),
    ("it-bilancio-partecipativo", "it", "joomla", "2021-11-05", "Bilancio partecipativo, votano anche i sedicenni",
     ["Quest'anno potranno votare i progetti del bilancio partecipativo anche i ragazzi e le ragazze a partire dai sedici anni.",
      "Sono ammessi al voto ventidue progetti, tra cui la riqualificazione del parco fluviale e una ciclofficina sociale.",
      "Si vota online o nei seggi allestiti nelle scuole superiori fino alla fine del mese."]),
    ("it-rete-citta-sane", "it", "static", "2022-04-20", "La rete delle città sane si riunisce a Bologna",
     ["I rappresentanti di quaranta comuni della rete delle città sane si sono riuniti per discutere di salute urbana e di spazi verdi.",
      "Il documento finale chiede alle regioni di finanziare la piantumazione di alberi nelle aree più esposte alle ondate di calore.",
      "Il prossimo incontro nazionale è previsto in autunno e sarà dedicato alla mobilità attiva."]),
    ("it-sportello-digitale", "it", "sharepoint", "2024-03-12", "Apre lo sportello digitale per le imprese",
     ["Il nuovo sportello digitale consente alle imprese di presentare online le pratiche edilizie e commerciali.",
      "I tempi medi di risposta scendono da quaranta a quindici giorni grazie alla verifica automatica dei documenti.",
      "Per chi ha bisogno di assistenza restano attivi gli appuntamenti in presenza il martedì e il giovedì."]),
    ("de-buergerhaushalt", "de", "typo3", "2023-04-03", "Bürgerhaushalt: 120 Vorschläge eingereicht",
     ["Beim diesjährigen Bürgerhaushalt haben die Einwohnerinnen und Einwohner 120 Vorschläge für Investitionen eingereicht.",
      "Besonders viele Ideen betreffen sichere Schulwege, mehr Bänke im Stadtpark und ein Trinkwasserbrunnen am Marktplatz.",
      "Der Gemeinderat entscheidet im Juli, welche Vorschläge im nächsten Haushaltsjahr umgesetzt werden."]),
    ("de-partnerstadt-besuch", "de", "drupal", "2022-09-15", "Besuch aus der Partnerstadt zum Stadtfest",
     ["Zum Stadtfest reiste eine Delegation aus der Partnerstadt an, darunter der Bürgermeister und zwei Schulklassen.",
      "Beide Städte unterzeichneten eine Vereinbarung über den Austausch von Auszubildenden in der Stadtverwaltung.",
      "Im nächsten Jahr findet der Gegenbesuch statt, diesmal mit einem gemeinsamen Konzert der Jugendorchester."]),
    ("de-klimaschutz-konzept", "de", "newsjsonld", "2021-05-10", "Stadtrat beschließt Klimaschutzkonzept",
     ["Der Stadtrat hat das integrierte Klimaschutzkonzept mit großer Mehrheit beschlossen.",
      "Es sieht Photovoltaik auf allen geeigneten städtischen Dächern und eine Wärmeplanung für die Innenstadt vor.",
      "Eine Klimaschutzmanagerin begleitet die Umsetzung und berichtet dem Rat zweimal im Jahr."]),
    ("de-smart-city-labor", "de", "legacy", "2020-10-01", "Smart-City-Labor öffnet im alten Bahnhof",
     ["Im ehemaligen Güterbahnhof öffnet das Smart-City-Labor, in dem Verwaltung, Hochschule und Bürgerschaft gemeinsam arbeiten.",
      "Erste Projekte sind ein Sensornetz für die Luftqualität und eine digitale Karte freier Kita-Plätze.",
      "Das Labor ist donnerstags für alle Interessierten geöffnet; eine Anmeldung ist nicht nötig."]),
    ("pt-orcamento-participativo", "pt", "wordpress", "2021-03-03", "Orçamento participativo recebe propostas até abril",
     ["A câmara municipal abriu a fase de apresentação de propostas para o orçamento participativo, com uma verba de um milhão de euros.",
      "Podem participar todos os residentes, trabalhadores e estudantes do concelho com mais de dezasseis anos.",
      "As propostas serão analisadas pelos serviços técnicos antes de irem a votação pública em junho."]),
    ("pt-cidades-educadoras", "pt", "legacy", "2019-11-21", "Encontro das cidades educadoras em Lisboa",
     ["Representantes de vinte municípios participaram no encontro da rede portuguesa das cidades educadoras.",
      "O debate centrou-se no abandono escolar e no papel das autarquias no apoio às famílias.",
      "A próxima reunião da rede decorrerá no Porto e será dedicada às bibliotecas escolares."]),
    ("pt-mobilidade-eletrica", "pt", "municipal", "2023-08-02", "Município instala quarenta postos de carregamento",
     ["O município vai instalar quarenta postos de carregamento para veículos elétricos em parques públicos.",
      "Os primeiros postos entram em funcionamento em setembro junto ao mercado municipal e à estação ferroviária.",
      "A rede será gerida por concessão e o preço da energia será afixado em cada posto."]),
    ("pt-rede-inteligente", "pt", "typo3", None, "Rede de cidades inteligentes lança guia de dados abertos",
     ["A rede de cidades inteligentes publicou um guia prático para ajudar os municípios a abrir os seus dados.",
      "O guia explica como escolher licenças, como anonimizar informação pessoal e como envolver a comunidade.",
      "Está disponível gratuitamente e será apresentado em sessões regionais ao longo do ano."]),
    ("ro-guvernare-deschisa", "ro", "wordpress", "2022-05-05", "Guvernare deschisă și comunități inteligente",
     ["Guvernarea deschisă este un concept larg care include transparența, participarea cetățenilor și responsabilitatea instituțiilor.",
      "Proiectul a reunit autorități locale din patru țări pentru a compara instrumentele digitale folosite în relația cu cetățenii.",
      "Rezultatele vor fi prezentate la conferința finală a rețelei, împreună cu un ghid de bune practici."]),
    ("ro-buget-participativ", "ro", "municipal", "2023-10-16", "Bugetare participativă: au început înscrierile",
     ["Primăria a deschis înscrierile pentru proiectele de bugetare participativă, cu o alocare totală de cinci milioane de lei.",
      "Proiectele pot viza spații verzi, mobilitate, educație sau digitalizarea serviciilor publice.",
      "Votul cetățenilor va avea loc online în luna decembrie, după analiza tehnică a propunerilor."]),
    ("ro-orase-infratite", "ro", "newsjsonld", "2024-01-22", "Delegație din orașul înfrățit în vizită la primărie",
     ["O delegație din orașul înfrățit a vizitat primăria pentru a discuta despre cooperarea în domeniul turismului și al culturii.",
      "Cele două administrații au convenit organizarea unui festival comun și a unui schimb de experiență între funcționari.",
      "Vizita s-a încheiat cu o întâlnire cu reprezentanții mediului de afaceri local."]),
    ("ro-iluminat-public", "ro", "drupal", "2021-07-08", "Modernizarea iluminatului public în cartierele de nord",
     ["Lucrările de modernizare a iluminatului public în cartierele de nord au fost finalizate înainte de termen.",
      "Noile corpuri de iluminat cu led reduc consumul de energie cu aproape șaizeci la sută.",
      "Sistemul permite reglarea intensității luminii de la distanță, în funcție de trafic și de ora din noapte."]),
]

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
    "pt": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"],
    "ro": ["ianuarie", "februarie", "martie", "aprilie", "mai", "iunie", "iulie", "august", "septembrie", "octombrie", "noiembrie", "decembrie"],
}
PUBLISHED = {"en": "Published on", "fr": "Publié le", "es": "Publicado el", "it": "Pubblicato il",
             "de": "Veröffentlicht am", "pt": "Publicado em", "ro": "Publicat pe"}
UPDATED = {"en": "Last updated", "fr": "Mis à jour le", "es": "Última actualización",
           "it": "Ultimo aggiornamento", "de": "Zuletzt aktualisiert", "pt": "Última atualização",
           "ro": "Ultima actualizare"}


def long_date(iso: str, lang: str) -> str:
    y, m, d = (int(x) for x in iso.split("-"))
    month = MONTHS[lang][m - 1]
    if lang == "en":
        return f"{month} {d}, {y}"
    if lang in ("es", "pt"):
        return f"{d} de {month} de {y}"
    if lang == "de":
        return f"{d}. {month} {y}"
    return f"{d} {month} {y}"


def numeric(iso: str, sep: str = "/") -> str:
    y, m, d = iso.split("-")
    return f"{d}{sep}{m}{sep}{y}"


def paras(ps: list[str]) -> str:
    return "\n".join(f"<p>{p}</p>" for p in ps)


def menu(c: dict, cls: str = "menu") -> str:
    return f'<nav class="{cls}"><ul>' + "".join(f'<li><a href="/{i}/">{t}</a></li>' for i, t in enumerate(c["menu"])) + "</ul></nav>"


def cookie(c: dict, id_: str = "cookie-notice") -> str:
    return f'<div id="{id_}" class="cookie-banner"><p>{c["cookie"]}</p><button>{c["accept"]}</button></div>'


def related(c: dict, cls: str = "related-posts") -> str:
    return (f'<section class="{cls}"><h3>{c["related"]}</h3><ul>'
            + "".join(f'<li><a href="/news/{i}">{t}</a></li>' for i, t in enumerate(c["rel"])) + "</ul></section>")


def render(slug: str, lang: str, style: str, date: str | None, title: str, ps: list[str]) -> tuple[str, str, list[str]]:
    """(html, encoding, extra must-not snippets) for one article in one page style."""
    c = CHROME[lang]
    body = paras(ps)
    extra: list[str] = []
    enc = "utf-8"
    if style == "wordpress":
        time_el = f'<time class="entry-date published" datetime="{date}T10:30:00+00:00">{long_date(date, lang)}</time>' if date else ""
        html = f"""<!DOCTYPE html><html lang="{lang}-{lang.upper()}"><head><meta charset="UTF-8">
<title>{title} &#8211; Ville</title><link rel="stylesheet" id="wp-block-library-css" href="/wp-includes/css/style.min.css">
<script>window._wpemojiSettings = {{"baseUrl":"https://s.w.org/images/core/emoji/"}};</script></head>
<body class="post-template-default single single-post">
{cookie(c)}
<header id="masthead" class="site-header"><div class="site-branding"><p class="site-title"><a href="/">Ville</a></p></div>{menu(c, "main-navigation")}</header>
<div id="content" class="site-content"><main id="main" class="site-main">
<article id="post-{len(slug)}" class="post type-post status-publish format-standard hentry">
<header class="entry-header"><h1 class="entry-title">{title}</h1>
<div class="entry-meta"><span class="posted-on">{time_el}</span> <span class="byline">admin</span></div></header>
<div class="entry-content">
{body}
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">{c["share"]}</h3><ul><li>Facebook</li><li>X</li><li>LinkedIn</li></ul></div>
</div>
<footer class="entry-footer"><span class="cat-links">News</span></footer></article>
{related(c, "jp-relatedposts")}
<div id="comments" class="comments-area"><div id="respond" class="comment-respond"><h3 id="reply-title">{c["comments"]}</h3><form><textarea></textarea></form></div></div>
</main><aside id="secondary" class="widget-area"><section class="widget"><h2>{c["newsletter"]}</h2></section></aside></div>
<footer id="colophon" class="site-footer"><p>{c["footer"]}</p></footer></body></html>"""
        extra = [c["comments"], c["newsletter"]]
    elif style == "newsjsonld":
        ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                         "datePublished": f"{date}T08:15:00+00:00", "dateModified": "2025-01-02T10:00:00+00:00",
                         "inLanguage": lang}, ensure_ascii=False)
        html = f"""<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title} | Network News</title>
<meta property="og:title" content="{title}"><meta property="og:type" content="article">
<meta property="article:modified_time" content="2025-01-02T10:00:00+00:00">
<script type="application/ld+json">{ld}</script></head><body>
<div class="gtranslate_wrapper"><a href="#" class="glink">English</a> <a href="#" class="glink">Français</a><span class="gt-powered">{c["translate"]}</span></div>
{cookie(c, "cmp-banner")}
<header class="top">{menu(c, "primary-nav")}<form class="search"><input name="q"></form></header>
<div class="container"><div class="breadcrumbs"><a href="/">{c["menu"][1]}</a> › <a href="/news">{c["menu"][4]}</a></div>
<article class="story"><h1 class="story__title">{title}</h1>
<div class="story__meta">{UPDATED[lang]}: 02/01/2025</div>
<figure><img src="/img/{slug}.jpg" alt=""><figcaption>1200 800</figcaption></figure>
<div class="story__body">{body}</div>
<div class="social-share"><a href="#">{c["share"]} Facebook</a> <a href="#">X</a></div></article>
<div class="newsletter-box"><p>{c["newsletter"]}</p><input type="email"></div>
{related(c, "more-stories related")}</div>
<footer class="site-footer"><p>{c["footer"]}</p><p>© 2025</p></footer></body></html>"""
        extra = [c["translate"], c["newsletter"], "1200 800"]
    elif style == "static":
        y, m, d = date.split("-")
        url_path = f"/{y}/{m}/{d}/{slug}/"
        html = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>
<link rel="canonical" href="https://network.example.org{url_path}"><meta name="generator" content="Hugo 0.120.0"></head><body>
<header class="site-header"><a class="logo" href="/">Network</a>{menu(c, "nav")}</header>
<main><article class="post"><h1>{title}</h1>
<div class="post-content">{body}</div>
<div class="tags-list"><a href="/tags/cities">cities</a> <a href="/tags/network">network</a></div>
<nav class="post-navigation"><a href="/prev">← {c["rel"][0]}</a> <a href="/next">{c["rel"][1]} →</a></nav>
</article></main><footer><p>{c["footer"]}</p></footer></body></html>"""
        extra = []
    elif style == "sharepoint":
        meta_date = f'<div class="ms-rtestate-field PageDate">{numeric(date)}</div>' if date else ""
        html = f"""<!DOCTYPE html><html dir="ltr" lang="{lang}-{lang.upper()}"><head><meta charset="utf-8"><title>{title}</title>
<script type="text/javascript">var _spPageContextInfo = {{webServerRelativeUrl: "/sites/portal"}};</script></head>
<body><form method="post" action="./page.aspx" id="aspnetForm"><div id="s4-workspace"><div id="s4-titlerow">
<div class="ms-breadcrumb-top">{menu(c, "ms-core-listMenu-horizontalBox")}</div></div>
<div id="contentRow"><div id="sideNavBox" class="ms-dialogHidden ms-forceWrap ms-noList">{menu(c, "ms-core-sideNavBox-removeLeftMargin")}</div>
<div id="contentBox"><div class="article article-right">
<h1 class="ms-rteElement-H1">{title}</h1>{meta_date}
<div class="ms-rtestate-field">{body}</div></div>
<div class="ms-webpart-zone">{related(c, "ms-webpart-chrome related")}</div></div></div></div>
<div class="footer">{c["footer"]}</div></form></body></html>"""
    elif style == "drupal":
        if lang == "en":
            submitted = f'Submitted by editor on {["Mon","Tue","Wed","Thu","Fri","Sat","Sun"][__import__("datetime").date.fromisoformat(date).weekday()]}, {date[5:7]}/{date[8:10]}/{date[:4]} - 10:12'
            html_date = f'<span class="field--name-created">{long_date(date, lang)}</span>'
        else:
            html_date = f'<span class="field--name-created">{long_date(date, lang)}</span>'
            submitted = ""
        html = f"""<!DOCTYPE html><html lang="{lang}" dir="ltr"><head><meta charset="utf-8"><title>{title} | Drupal site</title>
<meta name="Generator" content="Drupal 10 (https://www.drupal.org)"></head>
<body class="path-node page-node-type-article"><a href="#main-content" class="visually-hidden focusable skip-link">Skip to main content</a>
<div class="dialog-off-canvas-main-canvas"><header role="banner">{menu(c, "menu--main")}</header>
{cookie(c, "sliding-popup")}
<div class="region region-breadcrumb"><nav class="breadcrumb"><ol><li><a href="/">{c["menu"][1]}</a></li><li>{c["menu"][4]}</li></ol></nav></div>
<main role="main"><a id="main-content" tabindex="-1"></a><div class="layout-content">
<article role="article" class="node node--type-article node--view-mode-full">
<h1 class="page-title"><span class="field field--name-title">{title}</span></h1>
<div class="node__meta">{html_date} {submitted}</div>
<div class="node__content"><div class="clearfix text-formatted field field--name-body field--type-text-with-summary">{body}</div>
<div class="field field--name-field-tags"><div class="field__label">Tags</div><div class="field__item"><a href="/taxonomy/term/3">cities</a></div></div></div></article>
</div><aside class="layout-sidebar-second" role="complementary"><div class="block-views-blockcontent-recent-block-1">{related(c, "view-content")}</div></aside></main>
<footer role="contentinfo"><div class="region-footer"><p>{c["footer"]}</p></div></footer></div></body></html>"""
        extra = [c["related"]]
    elif style == "joomla":
        html = f"""<!DOCTYPE html><html lang="{lang}-{lang.upper()}" dir="ltr"><head><meta charset="utf-8"><meta name="generator" content="Joomla! - Open Source Content Management">
<title>{title}</title></head><body class="site com_content view-article">
<div class="container"><header class="header"><div class="header-inner">{menu(c, "nav menu nav-pills")}</div></header>
<div class="moduletable_cookies">{cookie(c, "cookieMessageContainer")}</div>
<div class="row-fluid"><main id="content" role="main" class="span9">
<div class="item-page" itemscope itemtype="https://schema.org/Article">
<div class="page-header"><h2 itemprop="headline">{title}</h2></div>
<dl class="article-info muted"><dt class="article-info-term">Détails</dt>
<dd class="published"><span class="icon-calendar"></span> {PUBLISHED[lang]} {long_date(date, lang)}</dd>
<dd class="hits"><span class="icon-eye"></span> 1284</dd></dl>
<div itemprop="articleBody">{body}</div>
<ul class="pager pagenav"><li class="previous"><a href="/prev" rel="prev">&lt; Préc.</a></li><li class="next"><a href="/next" rel="next">Suivant &gt;</a></li></ul>
</div></main><div id="aside" class="span3"><div class="moduletable"><h3>{c["related"]}</h3><ul class="latestnews">
{"".join(f'<li><a href="/n/{i}">{t}</a></li>' for i, t in enumerate(c["rel"]))}</ul></div></div></div></div>
<footer class="footer"><p>{c["footer"]}</p></footer></body></html>"""
        extra = []
    elif style == "typo3":
        shown = f'<span class="news-list-date"><time>{numeric(date, ".")}</time></span>' if date else ""
        html = f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><!--
	This website is powered by TYPO3 - inspiring people to share! --><title>{title}</title>
<meta name="generator" content="TYPO3 CMS"></head><body id="p123">
<div id="page"><header>{menu(c, "mainnav")}<ul class="langnav"><li>DE</li><li>EN</li><li>FR</li></ul></header>
<div class="breadcrumb">{c["menu"][1]} &gt; {c["menu"][4]}</div>
<div id="c456" class="frame frame-default frame-type-list"><div class="news news-single"><div class="article" itemscope="itemscope" itemtype="http://schema.org/Article">
<div class="header"><h3 itemprop="headline">{title}</h3></div>
<div class="footer"><p>{shown}</p></div>
<div class="news-text-wrap" itemprop="articleBody">{body}</div>
<div class="news-backlink-wrap"><a href="/news/">{c["read"]}</a></div>
<div class="news-related-wrap">{related(c, "news-related news-related-news")}</div></div></div></div>
<div id="footer"><p>{c["footer"]}</p></div></div></body></html>"""
        extra = []
    elif style == "municipal":
        html = f"""<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title} - Comune</title></head><body>
<div class="skiplinks"><a class="visually-hidden-focusable" href="#main-container">Vai ai contenuti</a></div>
<header class="it-header-wrapper"><div class="it-header-slim-wrapper"><a href="https://www.regione.example">Regione</a> <a href="/login">Area personale</a></div>
<div class="it-header-center-wrapper"><div class="it-brand-title">Comune</div></div>{menu(c, "navbar-nav")}</header>
{cookie(c, "cookies-bar")}
<main id="main-container"><div class="container"><nav class="breadcrumb-container" aria-label="breadcrumb"><ol class="breadcrumb"><li>{c["menu"][1]}</li><li>{c["menu"][4]}</li></ol></nav>
<div class="row"><div class="col-lg-8"><h1>{title}</h1>
<p class="data-pubblicazione">{long_date(date, lang)}</p>
<p class="subtitle">{c["menu"][3]} · 3 min</p></div>
<div class="col-lg-3 offset-lg-1"><div class="dropdown"><button>{c["share"]}</button><ul><li>Facebook</li><li>Whatsapp</li></ul></div></div></div>
<div class="row"><div class="col-12"><section class="it-page-section"><h2>Descrizione</h2>{body}</section>
<section class="it-page-section"><h4>{UPDATED[lang]}</h4><p>{numeric("2025-02-03")}, 12:04</p></section></div></div></div>
<div class="bg-primary"><div class="container"><h2>{c["related"]}</h2>{related(c, "card-wrapper")}</div></div>
<div class="rating-container"><p>Quanto sono chiare le informazioni su questa pagina?</p></div></main>
<footer class="it-footer"><p>{c["footer"]}</p></footer></body></html>"""
        extra = ["Quanto sono chiare le informazioni"]
    elif style == "legacy":
        enc = "windows-1252" if lang not in ("ro",) else "iso-8859-2"
        dateline = {"fr": f"Paris, le {long_date(date, lang)}.", "es": f"Madrid, {long_date(date, lang)}.",
                    "de": f"Stuttgart, {long_date(date, lang)}.", "pt": f"Lisboa, {long_date(date, lang)}.",
                    "en": f"London, {long_date(date, lang)}.", "it": f"Roma, {long_date(date, lang)}.",
                    "ro": f"Cluj, {long_date(date, lang)}."}[lang]
        html = f"""<HTML><HEAD><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset={enc}">
<TITLE>{title}</TITLE></HEAD><BODY BGCOLOR="#FFFFFF">
<TABLE WIDTH="100%" BORDER=0><TR><TD COLSPAN=2><IMG SRC="/img/banner.gif" ALT="banner"></TD></TR>
<TR><TD WIDTH="180" VALIGN="top" CLASS="menu">{"<BR>".join(f'<A HREF="/{i}.htm">{t}</A>' for i, t in enumerate(c["menu"]))}</TD>
<TD VALIGN="top"><FONT FACE="Arial"><H2>{title}</H2>
<P><I>{dateline}</I></P>
{body}
<P><A HREF="/news.htm">{c["menu"][4]}</A> | <A HREF="javascript:window.print()">Imprimer</A></P></FONT></TD></TR>
<TR><TD COLSPAN=2 CLASS="pied"><SMALL>{c["footer"]}</SMALL></TD></TR></TABLE></BODY></HTML>"""
        extra = []
    else:
        raise ValueError(style)
    return html, enc, [c["menu"][0], c["cookie"][:40], c["rel"][0], c["footer"][:30], *extra]


def main() -> None:
    pages = HERE / "pages"
    pages.mkdir(exist_ok=True)
    cases = []
    for slug, lang, style, date, title, ps in ARTICLES:
        html, enc, must_not = render(slug, lang, style, date, title, ps)
        name = f"{slug}.html"
        (pages / name).write_bytes(html.encode(enc))
        url = f"https://www.example-{lang}.org/news/{slug}/"
        if style == "static":
            y, m, d = date.split("-")
            url = f"https://network.example.org/{y}/{m}/{d}/{slug}/"
        words = [p.split() for p in ps]
        must = [" ".join(words[0][:7]), " ".join(words[1][3:10]), " ".join(words[2][-7:]).rstrip(".")]
        cases.append({"file": f"pages/{name}", "url": url, "lang": lang, "style": style,
                      "encoding": enc, "date": date, "title": title,
                      "must_contain": must, "must_not_contain": must_not})
    (HERE / "cases.json").write_text(json.dumps(cases, ensure_ascii=False, indent=1) + "\n",
                                     encoding="utf-8")
    print(f"wrote {len(cases)} pages in {len({c['lang'] for c in cases})} languages")


if __name__ == "__main__":
    main()
