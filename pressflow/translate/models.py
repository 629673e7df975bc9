"""Argos translation packages on disk: list, install (from a file or the package index), remove.

pressflow reads and writes argos-translate's own package folder and format, so a package
installed with ``argospm`` is used by pressflow and the other way round:

- folder: ``$ARGOS_PACKAGES_DIR``, else ``$XDG_DATA_HOME/argos-translate/packages``, else
  ``~/.local/share/argos-translate/packages`` (the ``translate.models_dir`` setting wins);
- package: a zip (``.argosmodel``) holding one folder with ``metadata.json``,
  ``sentencepiece.model`` and ``model/`` (CTranslate2);
- index: ``index.json`` at ``$ARGOS_PACKAGE_INDEX`` (or the ``translate.package_index``
  setting), a list of package metadata with download ``links``.

Why not ``argostranslate.package``: it fixes its folders and index address when imported,
from the environment of that moment, which a long-lived process (or a test) cannot change.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pressflow.errors import ModelError

DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"


@dataclass
class InstalledModel:
    """One installed argos package."""

    source: str
    target: str
    version: str
    path: Path
    size_bytes: int
    metadata: dict[str, Any]

    @property
    def pair(self) -> str:
        return f"{self.source}->{self.target}"

    @property
    def version_id(self) -> str:
        """What a translation records as its model version (and the cache key uses)."""
        return f"argos:{self.path.name}:{self.version}"


def models_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Where packages live (see the module docstring for the order)."""
    if explicit:
        return Path(explicit).expanduser()
    if os.environ.get("ARGOS_PACKAGES_DIR"):
        return Path(os.environ["ARGOS_PACKAGES_DIR"]).expanduser()
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "argos-translate" / "packages"


def index_url(explicit: str | None = None) -> str:
    """The package index's ``index.json`` address."""
    base = explicit or os.environ.get("ARGOS_PACKAGE_INDEX") or DEFAULT_INDEX
    return base if base.endswith(".json") else base.rstrip("/") + "/index.json"


def _folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def list_models(folder: Path | None = None) -> list[InstalledModel]:
    """Installed translation packages, sorted by pair."""
    folder = folder or models_dir()
    found: list[InstalledModel] = []
    if not folder.is_dir():
        return found
    for meta_path in sorted(folder.glob("*/metadata.json")):
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            continue
        if meta.get("type", "translate") != "translate" or not meta.get("from_code"):
            continue
        pkg = meta_path.parent
        found.append(InstalledModel(str(meta["from_code"]), str(meta.get("to_code", "")),
                                    str(meta.get("package_version", "?")), pkg,
                                    _folder_size(pkg), meta))
    found.sort(key=lambda m: (m.source, m.target, m.version))
    return found


def find_model(source: str, target: str, folder: Path | None = None) -> InstalledModel | None:
    """The installed package for a pair (the newest version if several)."""
    matches = [m for m in list_models(folder) if m.source == source and m.target == target]
    return matches[-1] if matches else None


def install_file(package: Path, folder: Path | None = None) -> InstalledModel:
    """Install a ``.argosmodel`` file; an installed package for the same pair is replaced."""
    folder = folder or models_dir()
    try:
        zf = zipfile.ZipFile(package)
    except (OSError, zipfile.BadZipFile) as exc:
        raise ModelError(f"{package}: not an argos package (.argosmodel is a zip): {exc}") from exc
    with zf:
        names = zf.namelist()
        tops = {n.split("/", 1)[0] for n in names if n.strip("/")}
        if len(tops) != 1:
            raise ModelError(f"{package}: an argos package holds exactly one folder; found "
                             f"{len(tops)}")
        top = tops.pop()
        if top in ("", ".", "..") or any(".." in Path(n).parts or Path(n).is_absolute()
                                         for n in names):
            raise ModelError(f"{package}: unsafe paths in the zip")
        for required in ("metadata.json", "sentencepiece.model", "model/model.bin"):
            if f"{top}/{required}" not in names:
                raise ModelError(f"{package}: missing {required} (pressflow uses CTranslate2 "
                                 "packages with a SentencePiece model)")
        try:
            meta = json.loads(zf.read(f"{top}/metadata.json"))
        except json.JSONDecodeError as exc:
            raise ModelError(f"{package}: metadata.json is not JSON ({exc.msg})") from exc
        if not meta.get("from_code") or not meta.get("to_code"):
            raise ModelError(f"{package}: metadata.json has no from_code/to_code")
        folder.mkdir(parents=True, exist_ok=True)
        for old in list_models(folder):
            if old.source == meta["from_code"] and old.target == meta["to_code"]:
                shutil.rmtree(old.path)
        staging = Path(tempfile.mkdtemp(prefix=".installing-", dir=folder))
        try:
            zf.extractall(staging)
            dest = folder / top
            if dest.exists():
                shutil.rmtree(dest)
            (staging / top).rename(dest)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    model = find_model(str(meta["from_code"]), str(meta["to_code"]), folder)
    assert model is not None
    return model


def available_models(index: str | None = None) -> list[dict[str, Any]]:
    """The package index (network, or a local server in tests)."""
    import httpx

    url = index_url(index)
    try:
        response = httpx.get(url, timeout=30, follow_redirects=True)
        response.raise_for_status()
        data = response.json()
    except (httpx.HTTPError, ValueError) as exc:
        raise ModelError(f"cannot read the package index {url}: {exc}") from exc
    if not isinstance(data, list):
        raise ModelError(f"the package index {url} is not a list of packages")
    return [p for p in data if isinstance(p, dict) and p.get("type", "translate") == "translate"]


def install_from_index(source: str, target: str, folder: Path | None = None,
                       index: str | None = None) -> InstalledModel:
    """Download the newest package for ``source -> target`` from the index and install it."""
    import httpx
    from packaging.version import InvalidVersion, Version

    def version_key(p: dict[str, Any]) -> Any:
        try:
            return Version(str(p.get("package_version", "0")))
        except InvalidVersion:
            return Version("0")

    candidates = [p for p in available_models(index)
                  if p.get("from_code") == source and p.get("to_code") == target]
    if not candidates:
        raise ModelError(f"the package index {index_url(index)} has no {source}->{target} "
                         "package")
    best = max(candidates, key=version_key)
    links = best.get("links") or []
    errors = []
    with tempfile.TemporaryDirectory() as tmp:
        for link in links:
            dest = Path(tmp) / "package.argosmodel"
            try:
                with httpx.stream("GET", link, timeout=60, follow_redirects=True) as r:
                    r.raise_for_status()
                    with dest.open("wb") as out:
                        for chunk in r.iter_bytes():
                            out.write(chunk)
            except httpx.HTTPError as exc:
                errors.append(f"{link}: {exc}")
                continue
            return install_file(dest, folder)
    raise ModelError(f"could not download {source}->{target}: "
                     + ("; ".join(errors) or "the index lists no download link"))


def remove_model(source: str, target: str, folder: Path | None = None) -> list[InstalledModel]:
    """Remove the installed package(s) for a pair; return what was removed."""
    removed = [m for m in list_models(folder) if m.source == source and m.target == target]
    if not removed:
        raise ModelError(f"no {source}->{target} package is installed in {folder or models_dir()}")
    for m in removed:
        shutil.rmtree(m.path)
    return removed


def locations(config_path: str | None = None, folder: str | None = None,
              index: str | None = None) -> tuple[Path, str | None]:
    """The package folder and index for the ``models`` commands.

    An explicit option wins; else ``settings.translate.models_dir`` / ``package_index`` of the
    config file when one is given; else the environment and argos' defaults.
    """
    if config_path and not (folder and index):
        from pressflow.config import load_config

        config = load_config(config_path)
        settings = config.settings.translate
        folder = folder or settings.models_dir  # resolved against the config file's folder
        index = index or settings.package_index
    return models_dir(folder), index
