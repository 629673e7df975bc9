"""`pressflow init`: a commented starter configuration that runs as written, with a starter
glossary of local-government bodies and offices in ten languages."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from pressflow.errors import ConfigError

# The languages the starter glossary covers: those the engines translate here (Apertium:
# fr, es, it, pt, ro, ca, gl) and those partners write in (de, nl, pl: argos packages).
STARTER_LANGUAGES = ("fr", "es", "it", "pt", "ro", "ca", "gl", "de", "nl", "pl")
STARTER_FILES = {
    "sources.yaml": "starter-sources.yaml",
    **{f"glossary/{lang}-en.tsv": f"starter-glossary-{lang}-en.tsv" for lang in STARTER_LANGUAGES},
    "glossary/keep.txt": "starter-keep.txt",
}
# The local-government bodies and offices every starter file names (by English term): what
# `pressflow glossary check` looks for in each language of the sources. Source and licence:
# the header of each starter-glossary-*.tsv (EuroVoc, CC BY 4.0).
STARTER_CONCEPTS = ("city council", "town hall", "municipality", "mayor", "deputy mayor", "councillor",
                    "metropolitan area", "regional council", "regional government", "local authority")


def write_starter(directory: Path) -> list[Path]:
    """Write the starter files; refuse to overwrite anything that exists."""
    existing = [directory / name for name in STARTER_FILES if (directory / name).exists()]
    if existing:
        raise ConfigError(f"{existing[0]} already exists; pressflow init never overwrites "
                          "(choose an empty folder)")
    written = []
    for name, packaged in STARTER_FILES.items():
        target = directory / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(resources.files("pressflow.data").joinpath(packaged).read_text("utf-8"),
                          encoding="utf-8")
        written.append(target)
    (directory / "output").mkdir(exist_ok=True)
    return written
