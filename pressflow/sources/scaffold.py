"""`pressflow init`: a commented starter configuration that runs as written."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from pressflow.errors import ConfigError

STARTER_FILES = {
    "sources.yaml": "starter-sources.yaml",
    "glossary/fr-en.tsv": "starter-glossary-fr-en.tsv",
    "glossary/keep.txt": "starter-keep.txt",
}


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
