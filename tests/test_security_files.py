"""The output folder (issue 16, point 6): a symbolic link at the lock's place is refused and
its target left untouched; a run deletes only the temporary files pressflow made."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.hostile_server import healthy_feed

from pressflow.errors import RunLocked
from pressflow.pipeline.runner import run_lock
from pressflow.publish.atomic import temp_path, write_atomic


def _run(config: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pressflow", "run", "--quiet", "--config",
                           str(config)], capture_output=True, text=True, timeout=600)


def test_a_symlinked_lock_file_is_refused_and_its_target_untouched(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    precious = tmp_path / "precious.txt"
    precious.write_text("someone's data\n")
    (out / ".pressflow.lock").symlink_to(precious)
    with pytest.raises(RunLocked, match="symbolic link"), run_lock(out):
        pass
    assert precious.read_text() == "someone's data\n"
    (tmp_path / "feed.xml").write_bytes(healthy_feed("local"))
    config = tmp_path / "sources.yaml"
    config.write_text("settings:\n  output: out\nsources:\n  - name: L\n    url: feed.xml\n")
    proc = _run(config)
    assert proc.returncode == 2 and "symbolic link" in proc.stderr, proc.stderr
    assert precious.read_text() == "someone's data\n"


def test_a_fifo_at_the_lock_place_does_not_hang_the_run(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / ".pressflow.lock")
    with pytest.raises(RunLocked, match="not a regular file"), run_lock(out):
        pass


def test_a_run_deletes_only_its_own_leftover_temporary_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    mine = out / ".notes.tmp"  # the user's, in the output folder: not pressflow's to delete
    mine.write_text("keep me")
    leftover = temp_path(out / "feed.xml")  # what a killed run of pressflow leaves
    leftover.write_text("<rss half")
    (tmp_path / "feed.xml").write_bytes(healthy_feed("local"))
    config = tmp_path / "sources.yaml"
    config.write_text("settings:\n  output: out\nsources:\n  - name: L\n    url: feed.xml\n")
    proc = _run(config)
    assert proc.returncode == 0, proc.stderr
    assert mine.read_text() == "keep me"
    assert not leftover.exists()
    assert "Healthy story local number 0" in (out / "feed.xml").read_text()


def test_write_atomic_replaces_a_leftover_and_never_follows_a_link(tmp_path: Path) -> None:
    target = tmp_path / "feed.xml"
    victim = tmp_path / "victim.txt"
    victim.write_text("untouched")
    temp_path(target).symlink_to(victim)  # a link planted at the temporary file's name
    write_atomic(target, "new")
    assert target.read_text() == "new" and victim.read_text() == "untouched"
    assert not temp_path(target).exists()
