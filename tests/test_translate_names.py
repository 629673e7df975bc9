"""Names are never translated (issue 20): people, organisations and places whose names are
also common words go through the real Apertium engine (fr/it/pt/ro -> es -> en pivots,
es -> en) and come out as written, or as the English exonym for places, never in the
Spanish pivot's form. Half the sentences go through the library function, half through the
``pressflow translate`` CLI as a subprocess (its JSON Lines contract unchanged)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.name_cases import name_problems, translate_with_cli, translate_with_library

from pressflow.translate import TranslationRequest, translate_texts

ROOT = Path(__file__).resolve().parent.parent


def _apertium_pairs() -> set[tuple[str, str]]:
    from pressflow.translate.apertium import ApertiumEngine

    return set(ApertiumEngine().modes)


NEEDED = {("fr", "es"), ("it", "es"), ("pt", "es"), ("ro", "es"), ("es", "en")}
pytestmark = pytest.mark.skipif(
    not NEEDED <= (_apertium_pairs() if shutil.which("apertium") else set()),
    reason="Apertium with fr/it/pt/ro-es and spa-eng is not installed (scripts/setup.d/20-apertium.sh)")

# (language, sentence, names that must appear in the English, forms that must not)
CASES: list[tuple[str, str, list[str], list[str]]] = [
    ("it", "Il sindaco Lo Russo ha parlato ieri.", ["Lo Russo"], ["Russian"]),
    ("it", "Il sindaco Stefano Lo Russo ha parlato. Poi Lo Russo ha firmato l'accordo.",
     ["Stefano Lo Russo", "Lo Russo"], ["Russian"]),
    ("it", "L'assessore Mario Rossi ha visitato Torino.", ["Mario Rossi", "Turin"], ["Turín", "Reds"]),
    ("it", "La consigliera Giulia Bianchi è arrivata a Milano.", ["Giulia Bianchi", "Milan"],
     ["White", "Whites"]),
    ("it", "Il presidente Marco Ferro ha incontrato Luca Bassi a Genova.",
     ["Marco Ferro", "Luca Bassi", "Genoa"], ["Iron", "Génova"]),
    ("it", "La delegazione di Colonia ha incontrato il sindaco.", ["Colonia"], ["Colony"]),
    ("it", "Il sindaco Paolo Santo ha ricevuto Anna Porta.", ["Paolo Santo", "Anna Porta"],
     ["Saint", "Door"]),
    ("es", "La alcaldesa Rosa Blanco visitó la ciudad.", ["Rosa Blanco"], ["Pink", "Target", "White"]),
    ("es", "El concejal Pedro Piedra habló con Ana Sol.", ["Pedro Piedra", "Ana Sol"], ["Stone", "Sun"]),
    ("es", "La ministra Carmen Castillo llegó a Sevilla.", ["Carmen Castillo", "Sevilla"], ["Castle"]),
    ("es", "El alcalde Juan Cordero recibió a Luis Rey.", ["Juan Cordero", "Luis Rey"], ["Lamb", "King"]),
    ("es", "La delegada Marta Llamas viajó a Zaragoza.", ["Marta Llamas", "Zaragoza"], ["Flames", "Calls"]),
    ("es", "El presidente Jorge Campo conoció a Pablo Lobo.", ["Jorge Campo", "Pablo Lobo"],
     ["Field", "Wolf"]),
    ("fr", "La délégation de Cologne a été reçue.", ["Cologne"], ["Colony", "Colonia"]),
    ("fr", "Le maire Pierre Leblanc a visité Genève.", ["Pierre Leblanc", "Geneva"],
     ["Stone", "Ginebra"]),
    ("fr", "La maire Rose Noir a rencontré Paul Boulanger à Turin.",
     ["Rose Noir", "Paul Boulanger", "Turin"], ["Turín", "Baker", "Black"]),
    ("fr", "Le conseiller Jean Boulanger est arrivé à Turin.", ["Jean Boulanger", "Turin"],
     ["Baker", "Turín"]),
    ("fr", "La présidente Claire Marchand a parlé avec Louis Boucher.",
     ["Claire Marchand", "Louis Boucher"], ["Merchant", "Butcher", "Clear"]),
    ("fr", "Le maire Jacques Petit a reçu Marie Lefèvre à Marseille.",
     ["Jacques Petit", "Marie Lefèvre", "Marseille"], ["Small", "Marsella", "Marseilles"]),
    ("pt", "A Câmara do Porto recebeu a visita.", ["Porto"], ["Port", "Camera"]),
    ("pt", "A presidente Ana Pereira visitou Lisboa com Rui Branco.", ["Ana Pereira", "Lisbon", "Rui Branco"],
     ["Pear", "White"]),
    ("pt", "O vereador João Coelho falou com Rui Moura em Veneza.", ["João Coelho", "Rui Moura"],
     ["Rabbit", "Venecia"]),
    ("pt", "O autarca Carlos Pinheiro chegou a Coimbra.", ["Carlos Pinheiro", "Coimbra"], ["Pine"]),
    ("pt", "A ministra Maria Rosa Branco esteve em Braga.", ["Maria Rosa Branco"], ["Pink", "White"]),
    ("pt", "O presidente Miguel Leão encontrou Pedro Coelho.", ["Miguel Leão", "Pedro Coelho"],
     ["Lion", "Rabbit"]),
    ("ro", "Primarul Ion Vulpe a vizitat Florenţa.", ["Ion Vulpe"], ["Vixen", "Florencia"]),
    ("ro", "Ministrul Andrei Lupu a vorbit cu Ioana Albu despre Veneţia.", ["Andrei Lupu", "Ioana Albu"],
     ["Wolf", "Venecia"]),
    ("ro", "Consilierul Mihai Vulpe a ajuns la Cluj-Napoca.", ["Mihai Vulpe", "Cluj-Napoca"], ["Fox"]),
    ("ro", "Primarul Dan Negru l-a primit pe Vlad Munteanu.", ["Dan Negru", "Vlad Munteanu"], ["Black"]),
    ("ro", "Delegaţia din Roma a fost primită de primarul Radu Negru.", ["Rome", "Radu Negru"],
     ["Black"]),
    ("it", "Il sindaco Luigi Fiore ha parlato con Sara Lupo a Firenze.",
     ["Luigi Fiore", "Sara Lupo", "Florence"], ["Flower", "Wolf", "Florencia"]),
    ("es", "La alcaldesa Elena Prado saludó a Tomás Leal en Valencia.",
     ["Elena Prado", "Tomás Leal", "Valencia"], ["Meadow", "Loyal"]),
]
LIBRARY = CASES[::2]
CLI = CASES[1::2]


def _check(english: str, names: list[str], forbidden: list[str]) -> None:
    problems = name_problems(english, names, forbidden)
    assert not problems, f"{problems} in {english!r}"


@pytest.fixture(scope="module")
def library_results() -> list[str]:
    return translate_with_library(LIBRARY)


@pytest.fixture(scope="module")
def cli_results(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, object]]:
    return translate_with_cli(CLI, tmp_path_factory.mktemp("cli"), timeout=600)


@pytest.mark.parametrize(("index", "case"), list(enumerate(LIBRARY)),
                         ids=[f"{c[0]}-{n}" for n, c in enumerate(LIBRARY)])
def test_names_kept_through_library(library_results: list[str], index: int,
                                    case: tuple[str, str, list[str], list[str]]) -> None:
    _check(library_results[index], case[2], case[3])


@pytest.mark.parametrize(("index", "case"), list(enumerate(CLI)),
                         ids=[f"{c[0]}-{n}" for n, c in enumerate(CLI)])
def test_names_kept_through_cli(cli_results: list[dict[str, object]], index: int,
                                case: tuple[str, str, list[str], list[str]]) -> None:
    row = cli_results[index]
    assert row["status"] == "ok" and row["engine"] == "apertium"
    assert set(row) <= {"id", "lang", "translation", "engine", "status", "message", "glossary_violations"}
    _check(str(row["translation"]), case[2], case[3])


def test_keep_list_protects_later_surname_only_mention(tmp_path: Path) -> None:
    """keep.txt lists "Stefano Lo Russo": the later "Lo Russo" is his too, and kept."""
    (tmp_path / "keep.txt").write_text("Stefano Lo Russo\n", encoding="utf-8")
    text = "Stefano Lo Russo apre il consiglio. Lo Russo ringrazia tutti."
    [res] = translate_texts([TranslationRequest("1", text, "it")], "en", glossary=tmp_path,
                            engine="apertium")
    assert res.status == "ok" and res.glossary_violations == 0
    assert res.translation.count("Lo Russo") == 2 and "Russian" not in res.translation


def test_casing_repaired_after_a_kept_name() -> None:
    """Apertium capitalises the word after a name it does not know ("Pierre Leblanc Has said",
    "Rosa Blanco Said"); the source had it in lower case, so the English has it so too."""
    texts = [("fr", "Pierre Leblanc a dit que la ville grandit."),
             ("es", "Rosa Blanco dijo que la ciudad crece."),
             ("it", "Secondo il sindaco, Mario Rossi ha firmato il contratto.")]
    results = translate_texts([TranslationRequest(str(i), text, lang) for i, (lang, text) in enumerate(texts)],
                              "en", engine="apertium")
    for name, res in zip(["Pierre Leblanc", "Rosa Blanco", "Mario Rossi"], results, strict=True):
        assert name in res.translation
        after = res.translation.split(name, 1)[1].split()[0]
        assert after[:1].islower(), res.translation
