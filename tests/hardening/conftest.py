"""A small knowledge base (the web tests' one), copied fresh for each test that damages it."""
from __future__ import annotations

import shutil

import pytest

from tests.webapp.conftest import build_kb


@pytest.fixture(scope="session")
def built_kb(tmp_path_factory):
    path = tmp_path_factory.mktemp("hardening-kb")
    slugs = build_kb(path)
    return path, slugs


@pytest.fixture
def kb_copy(built_kb, tmp_path):
    source, slugs = built_kb
    target = tmp_path / "data"
    shutil.copytree(source, target)
    return target, slugs
