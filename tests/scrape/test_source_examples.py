"""Every registered source module on its example responses (trimmed real captures kept
in ``examples/<site>/``), against the expected JSON beside them — no ../shared needed.

``examples/examples.json`` names the URL each example was answered for.  Regenerate the
expected files after a deliberate parser change with
``KB_UPDATE_GOLDEN=1 pytest tests/scrape/test_source_examples.py`` and review the diff.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kb.scrape.sites import registered, site_for

EXAMPLES = Path(__file__).parent / "examples"
URLS: dict[str, dict[str, str]] = json.loads((EXAMPLES / "examples.json").read_text(encoding="utf-8"))
CASES = [(site, name, url) for site, files in sorted(URLS.items()) for name, url in sorted(files.items())]


def parse(site_name: str, name: str, url: str):
    site = next(s for s in registered() if s.name == site_name)
    return site, site.parse(url, (EXAMPLES / site_name / name).read_text(encoding="utf-8"))


def test_every_registered_site_has_an_example_with_expected_json():
    for site in registered():
        files = URLS.get(site.name)
        assert files, f"{site.name}: no example response in tests/scrape/examples/{site.name}/"
        for name in files:
            assert (EXAMPLES / site.name / name).is_file(), name
            assert (EXAMPLES / site.name / (Path(name).stem + ".expected.json")).is_file(), name


def test_examples_are_trimmed():
    for path in EXAMPLES.glob("*/*"):
        assert path.stat().st_size < 12_000, f"{path} is not a trimmed example"


@pytest.mark.parametrize("site_name, name, url", CASES, ids=[f"{s}/{n}" for s, n, _ in CASES])
def test_example_parses_to_expected_json(site_name, name, url):
    site, page = parse(site_name, name, url)
    assert site_for(url) is not None and site_for(url).name == site_name, "the registry routes the URL elsewhere"
    got = page.to_json()
    if page.document is not None and page.document.units:
        got["units"] = [u.to_json() for u in page.document.units]
    path = EXAMPLES / site_name / (Path(name).stem + ".expected.json")
    if os.environ.get("KB_UPDATE_GOLDEN"):
        path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert got == json.loads(path.read_text(encoding="utf-8"))
