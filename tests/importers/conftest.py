"""The importer fixtures folder and its generator (loaded by path: tests/ is not a package)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "importers"


def _load_generator():
    spec = importlib.util.spec_from_file_location("importer_fixture_maker", FIXTURES / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_fixtures = _load_generator()


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES
