"""Shared fixtures. Area-specific helpers live in tests/support/."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
DEMO = ROOT / "demo"

# Tests must never reach the network or download a model.
os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture
def pressflow_cmd() -> list[str]:
    """The installed console script, run as a real subprocess."""
    return [sys.executable, "-m", "pressflow"]
