"""Names are found only where the cache cannot answer (issue 20: throughput), and places
come out in their English form from the gazetteer (Torino -> Turin, Varsavia -> Warsaw),
an alternate name shared by several places meaning the place whose own name it is."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

from pressflow.translate import core, names
from pressflow.translate.base import TranslateSettings
from pressflow.translate.cache import TranslationCache
from pressflow.translate.core import Document, Engines, translate_documents
from pressflow.translate.glossary import Glossary
from pressflow.translate.names import NameTable, may_hold_names, name_tables

APERTIUM = pytest.mark.skipif(shutil.which("apertium") is None,
                              reason="Apertium is not installed (scripts/setup.d/20-apertium.sh)")


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record how many documents each call of the real name_tables reads."""
    calls: list[int] = []
    real = names.name_tables

    def counting(texts: Sequence[tuple[str, str]], glossary: Glossary,
                 glossary_dir: Path | None) -> list[NameTable]:
        calls.append(len(texts))
        return real(texts, glossary, glossary_dir)

    monkeypatch.setattr(core, "name_tables", counting)
    return calls


@APERTIUM
def test_cached_documents_are_not_read_for_names(monkeypatch: pytest.MonkeyPatch) -> None:
    docs = [Document("1", "es", {"text": "La alcaldesa Rosa Blanco visitó Zaragoza. El pleno votó."}),
            Document("2", "es", {"text": "El concejal Pedro Piedra habló con Ana Sol."})]
    cache = TranslationCache()
    engines = Engines(TranslateSettings(engine="apertium"))
    calls = _spy(monkeypatch)
    first = translate_documents(docs, "en", cache=cache, engines=engines)
    assert calls == [2]
    assert first[0] is not None and "Rosa Blanco" in str(first[0].fields["text"])
    again = translate_documents(docs, "en", cache=cache, engines=engines)
    assert calls == [2], "an unchanged document was read for names again"
    assert [r and r.fields for r in again] == [r and r.fields for r in first]
    # one sentence of document 1 changes: only that document is read for names, and only the
    # changed sentence goes to the engine (the other is found under its protected form)
    before = cache.misses
    edited = [Document("1", "es", {"text": "La alcaldesa Rosa Blanco visitó Zaragoza. El pleno votó hoy."}),
              docs[1]]
    third = translate_documents(edited, "en", cache=cache, engines=engines)
    assert calls == [2, 1]
    assert cache.misses - before == 1
    assert third[0] is not None and str(third[0].fields["text"]).startswith(
        str(first[0].fields["text"]).split(". ")[0])


def test_text_without_a_possible_name_needs_no_ner() -> None:
    assert not may_hold_names("Le conseil a voté. Dans la soirée, les habitants sont venus.", "fr")
    assert may_hold_names("Le conseil a voté avec Boc.", "fr")
    assert may_hold_names("Lyon est fière.", "fr")  # a name opening a sentence
    assert may_hold_names("서울시는 발표했다.", "ko")  # no capitals in this script


@pytest.mark.parametrize(("lang", "text", "surface", "english"), [
    ("it", "La delegazione è partita per Torino ieri.", "Torino", "Turin"),
    ("it", "Il sindaco ha visitato Varsavia e Pechino.", "Varsavia", "Warsaw"),
    ("it", "Il sindaco ha visitato Varsavia e Pechino.", "Pechino", "Beijing"),
    ("it", "Il forum si tiene a Monaco di Baviera.", "Monaco di Baviera", "Munich"),
    ("fr", "La réunion a eu lieu à Genève.", "Genève", "Geneva"),
    ("pt", "A delegação chegou a Londres.", "Londres", "London"),
    ("es", "La delegada viajó a Zaragoza.", "Zaragoza", "Zaragoza"),  # not Tijuana
    ("fr", "La délégation de Cologne a été reçue.", "Cologne", "Cologne"),
])
def test_places_in_their_english_form(lang: str, text: str, surface: str, english: str) -> None:
    [table] = name_tables([(text, lang)], Glossary(lang, "en", []), None)
    assert table.targets.get(surface) == english, table.targets


def test_a_name_means_the_place_whose_own_name_it_is() -> None:
    """geonames lists "Zaragoza" among Tijuana's alternate names; Spain's Zaragoza (and four
    smaller towns) are named so themselves: the biggest of those is meant."""
    from pressflow.entities.gazetteer import city_aliases

    aliases = city_aliases()
    assert aliases["Zaragoza"].canonical == "Zaragoza" and aliases["Zaragoza"].population > 500_000
    assert aliases["Tijuana"].canonical == "Tijuana"
    assert aliases["Varsavia"].canonical == "Warsaw"  # an alternate name still maps
