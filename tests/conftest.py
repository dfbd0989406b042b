"""Fixtures shared by all tests: ``../shared`` and a throw-away data directory."""
from __future__ import annotations

from pathlib import Path

import pytest

from kb.config import shared_dir

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def shared() -> Path:
    """``../shared`` (or ``$KB_SHARED``); tests that need it skip when it is absent."""
    path = shared_dir()
    if path is None:
        pytest.skip("../shared is absent (set KB_SHARED to run tests on the real data)")
    return path


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    """An empty data directory, also set as $KB_DATA for commands run in the test."""
    path = tmp_path / "data"
    path.mkdir()
    monkeypatch.setenv("KB_DATA", str(path))
    return path
