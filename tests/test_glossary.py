"""The glossary: files, bad lines with file:line, tolerant matching, placeholders, TBX/CSV import."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pressflow.cli.commands import cli
from pressflow.errors import GlossaryError
from pressflow.translate.glossary import (
    Entry,
    Glossary,
    check_folder,
    import_terms,
    load_glossary,
    read_csv,
    read_tbx,
    read_tsv,
)

ROOT = Path(__file__).resolve().parent.parent


def _glossary(*entries: Entry) -> Glossary:
    return Glossary("fr", "en", list(entries))


FR = _glossary(
    Entry("CGLU", "UCLG"),
    Entry("Cités et Gouvernements Locaux Unis", "United Cities and Local Governments"),
    Entry("Organisation mondiale des villes intelligentes et durables",
          "World Smart Sustainable Cities Organization"),
    Entry("ville intelligente", "smart city"),
    Entry("Seoul", "Seoul", keep=True),
    Entry("ASAS", "ASAS", keep=True),
)


def _found(g: Glossary, text: str) -> list[str]:
    return [text[m.start:m.end] for m in g.find(text)]


def test_matching_tolerates_case_accents_elision_hyphens_and_plural() -> None:
    text = ("À SÉOUL, l’organisation mondiale des villes intelligentes et durables et "
            "d'ASAS parlent des villes intelligentes avec les Cités-et-Gouvernements locaux unis.")
    assert _found(FR, text) == [
        "SÉOUL", "organisation mondiale des villes intelligentes et durables", "ASAS",
        "villes intelligentes", "Cités-et-Gouvernements locaux unis"]


def test_acronyms_match_only_in_capitals_and_whole_words() -> None:
    assert _found(FR, "las asas de la taza; la cglu; CGLUX; la CGLU") == ["CGLU"]


def test_longest_term_wins() -> None:
    g = _glossary(Entry("Organisation mondiale", "World Organization"),
                  Entry("Organisation mondiale des villes intelligentes et durables",
                        "World Smart Sustainable Cities Organization"))
    assert [m.entry.target for m in g.find("l'Organisation mondiale des villes intelligentes "
                                            "et durables")] == [
        "World Smart Sustainable Cities Organization"]


def test_protect_restore_and_verify() -> None:
    p = FR.protect("La CGLU se réunit à Séoul.")
    assert p.text == "La Zx0q se réunit à Zx1q."
    out = Glossary.restore("The Zx0q meets in Z x1 q.", p)  # a mangled placeholder is still found
    assert out == "The UCLG meets in Seoul."
    assert Glossary.missing(out, p) == []
    lost = Glossary.restore("The meeting is in Zx1q.", p)
    assert [e.target for e in Glossary.missing(lost, p)] == ["UCLG"]


def test_restored_term_takes_a_capital_where_the_source_had_one() -> None:
    g = Glossary("ro", "en", [Entry("guvernare deschisă", "open government")])
    p = g.protect("Guvernare deschisă și comunități")
    assert Glossary.restore("Zx0q and communities", p) == "Open government and communities"


def test_version_changes_with_terms_only() -> None:
    a = _glossary(Entry("CGLU", "UCLG", note="one"))
    b = _glossary(Entry("CGLU", "UCLG", note="another note"))
    c = _glossary(Entry("CGLU", "UCLG (United Cities)"))
    assert a.version == b.version != c.version


@pytest.mark.parametrize("line, reason", [
    ("CGLU UCLG", "found no tab"),
    ("CGLU\t", "target term for 'CGLU' is empty"),
    ("\tUCLG", "source term is empty"),
    ("a\tb\tc\td\te", "too many columns"),
    ("CGLU\tUCLG\tnote\tloud", "unknown option 'loud'"),
    ("cglu\tUnited", "already defined at line 3"),
])
def test_bad_glossary_line_names_file_and_line(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "fr-en.tsv"
    path.write_text(f"source\ttarget\tnote\n# comment\nCGLU\tUCLG\n\n{line}\n", encoding="utf-8")
    with pytest.raises(GlossaryError) as err:
        read_tsv(path)
    assert err.value.path == str(path) and err.value.line == 5
    assert str(err.value).startswith(f"{path}:5: ") and reason in str(err.value)


def test_project_glossary_reads_cleanly() -> None:
    counts = check_folder(ROOT / "glossary")
    assert {"fr-en.tsv", "it-en.tsv", "es-en.tsv", "ro-en.tsv", "keep.txt"} <= set(counts)
    fr = load_glossary(ROOT / "glossary", "fr", "en")
    assert [m.entry.target for m in fr.find("La CGLU et WeGO")] == ["UCLG", "WeGO"]
    it = load_glossary(ROOT / "glossary", "it", "en")
    assert [m.entry.target for m in it.find("IL GOVERNO METROPOLITANO DI SEOUL e il Comune di "
                                             "Milano")] == ["Seoul Metropolitan Government",
                                                            "Milan City Council"]


TBX = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><text><body>
  <termEntry id="c1">
    <descrip type="definition">World organisation of local governments</descrip>
    <langSet xml:lang="en"><tig><term>United Cities and Local Governments</term></tig></langSet>
    <langSet xml:lang="fr"><tig><term>Cités et Gouvernements Locaux Unis</term></tig></langSet>
    <langSet xml:lang="es"><ntig><termGrp><term>Ciudades y Gobiernos Locales Unidos</term></termGrp></ntig></langSet>
  </termEntry>
  <termEntry id="c2">
    <langSet xml:lang="fr"><tig><term>sans anglais</term></tig></langSet>
  </termEntry>
</body></text></martif>
"""


def test_tbx_import_adds_terms_once(tmp_path: Path) -> None:
    tbx = tmp_path / "terms.tbx"
    tbx.write_text(TBX, encoding="utf-8")
    terms = read_tbx(tbx, "en")
    assert terms == {
        "fr": [("Cités et Gouvernements Locaux Unis", "United Cities and Local Governments",
                "World organisation of local governments")],
        "es": [("Ciudades y Gobiernos Locales Unidos", "United Cities and Local Governments",
                "World organisation of local governments")]}
    folder = tmp_path / "glossary"
    assert import_terms(terms, folder, "en") == {"es-en.tsv": 1, "fr-en.tsv": 1}
    assert import_terms(terms, folder, "en") == {"es-en.tsv": 0, "fr-en.tsv": 0}
    entries = read_tsv(folder / "fr-en.tsv")
    assert [(e.source, e.target) for e in entries] == [
        ("Cités et Gouvernements Locaux Unis", "United Cities and Local Governments")]


def test_csv_import_and_cli(tmp_path: Path) -> None:
    csv_path = tmp_path / "terms.csv"
    csv_path.write_text("fr,it,en,note\nCGLU,,UCLG,acronym\n,Comune di Milano,Milan City "
                        "Council,\n", encoding="utf-8")
    assert read_csv(csv_path, "en") == {"fr": [("CGLU", "UCLG", "acronym")],
                                        "it": [("Comune di Milano", "Milan City Council", "")]}
    runner = CliRunner()
    result = runner.invoke(cli, ["glossary", "import", str(csv_path), "--dir",
                                 str(tmp_path / "g")])
    assert result.exit_code == 0, result.output
    assert "fr-en.tsv: 1 term(s) added" in result.output
    result = runner.invoke(cli, ["glossary", "check", str(tmp_path / "g")])
    assert result.exit_code == 0 and "it-en.tsv: 1 term(s)" in result.output


def test_glossary_check_cli_reports_bad_line(tmp_path: Path) -> None:
    (tmp_path / "fr-en.tsv").write_text("source\ttarget\nCGLU\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["glossary", "check", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{tmp_path / 'fr-en.tsv'}:2: expected source<TAB>target" in result.output


def test_bad_csv_header(tmp_path: Path) -> None:
    p = tmp_path / "t.csv"
    p.write_text("de,fr\na,b\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"t.csv:1: the header needs a 'en' column"):
        read_csv(p, "en")



def test_web_and_mail_addresses_pass_through_verbatim() -> None:
    p = FR.protect("Voir https://www.example.org/CGLU/Etude. Écrire à Info@CGLU.org pour la CGLU.")
    assert p.text == "Voir Zx0q. Écrire à Zx1q pour la Zx2q."
    assert Glossary.restore("See Zx0q. Write to zx1q for the Zx2q.", p) == (
        "See https://www.example.org/CGLU/Etude. Write to Info@CGLU.org for the UCLG.")
