"""One home for each concept (issue 14, the hardening part): one text decoder for files,
one parser for KB_ALLOW_ADDRESSES / KB_CRAWL_DELAY."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kb import config
from kb.errors import KbError
from kb.importers import read_file

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "importers"


def _kb(*args, env=None):
    return subprocess.run([sys.executable, "-m", "kb", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=60)


def test_kb_cite_and_kb_import_read_a_legacy_file_the_same_way(tmp_path):
    imported = read_file(FIXTURES / "cp1258.txt").text
    cited = _kb("cite", "--json", str(FIXTURES / "cp1258.txt"))
    assert cited.returncode == 0, cited.stderr
    import json

    for line in cited.stdout.splitlines():
        c = json.loads(line)
        assert c["text"] in imported  # the same characters at the same words


def test_kb_cite_refuses_what_kb_import_refuses(tmp_path):
    garbage = FIXTURES / "binary-garbage.txt"  # random bytes: no encoding fits
    with pytest.raises(KbError) as imported:
        read_file(garbage)
    cited = _kb("cite", str(garbage))
    assert cited.returncode == 1 and "Traceback" not in cited.stderr
    assert str(imported.value).split("(")[0][:30] in cited.stderr


def test_settings_parsed_in_one_place(monkeypatch):
    monkeypatch.setenv("KB_ALLOW_ADDRESSES", "127.0.0.1, ::1")
    monkeypatch.setenv("KB_CRAWL_DELAY", "0.5")
    assert config.allow_addresses() == ("127.0.0.1", "::1") and config.crawl_delay() == 0.5
    monkeypatch.setenv("KB_CRAWL_DELAY", "nhanh")
    with pytest.raises(KbError, match="KB_CRAWL_DELAY"):
        config.crawl_delay()
    monkeypatch.setenv("KB_ALLOW_ADDRESSES", "localhost")
    with pytest.raises(KbError, match="KB_ALLOW_ADDRESSES"):
        config.allow_addresses()


def test_bad_crawl_delay_is_one_line_from_the_cli(tmp_path):
    r = _kb("crawl", "http://127.0.0.1:9/", env={"KB_DATA": str(tmp_path), "KB_CRAWL_DELAY": "nhanh"})
    assert r.returncode != 0 and "KB_CRAWL_DELAY" in r.stderr and "Traceback" not in r.stderr
